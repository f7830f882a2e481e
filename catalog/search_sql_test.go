package catalog

import (
	"context"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/pooltest"
)

// openTest opens a new catalog in a temporary directory, closed when the test ends.
// Its writing pool is capped at one connection and watched, as testshop.Catalog's is:
// code holding a connection of it that asks it for another (a nested use, which would
// deadlock a capped pool in serve) fails the test with its stack (pooltest.Cap).
func openTest(t *testing.T) *Catalog {
	t.Helper()
	c, err := Open(context.Background(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	pooltest.Cap(t, c, "/catalog.")
	return c
}

// TestHitsSkipVanishedProducts checks that a page whose products were deleted after
// ranking (by another process) comes back without them, not with empty products.
func TestHitsSkipVanishedProducts(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	products := []Product{
		{ID: "a", SellerID: "s", Title: "Lantern A", Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}},
		{ID: "b", SellerID: "s", Title: "Lantern B", Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}},
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	var rowid int64
	if err := c.db.QueryRowContext(ctx, `SELECT rowid FROM products WHERE id = 'b'`).Scan(&rowid); err != nil {
		t.Fatal(err)
	}
	s := &search{c: c, text: parseText("lantern")}
	hits, err := s.hits(ctx, []match{{rowid: 999_999}, {rowid: rowid}})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ID != "b" {
		t.Errorf("hits = %+v, want only product b", hits)
	}
}

// TestDeepPagesShareStatements checks that paging far past FacetCap does not make a
// statement per page: the ranked limit is written into the SQL, so it must take only a
// few values, or every connection would prepare one-off pages.
func TestDeepPagesShareStatements(t *testing.T) {
	limits := map[int]bool{}
	for need := 1; need <= 100_000; need++ {
		top := rankedTop(need)
		if top < need {
			t.Fatalf("rankedTop(%d) = %d: the page is not read", need, top)
		}
		limits[top] = true
	}
	// FacetCap times 1, 2, 4, …, 128.
	if len(limits) > 8 {
		t.Errorf("pages ending up to 100,000 are read with %d limits, want at most 8", len(limits))
	}
}

// TestPageSQLs holds the page statements written once to the function that writes them.
func TestPageSQLs(t *testing.T) {
	for n := 1; n <= MaxLimit+1; n++ {
		if got, want := pageSQL(n), writePageSQL(n); got != want {
			t.Fatalf("pageSQL(%d) differs from writePageSQL(%d)", n, n)
		}
	}
}

// TestCutIntIsParseInt holds cutInt, which reads integers itself, equal to cutting the
// field at its ',' and parsing it with strconv.ParseInt, which it stands for.
func TestCutIntIsParseInt(t *testing.T) {
	lists := []string{
		"", ",", "0", "-0", "7", "-7", "42,17", "1,2,", "12,,3", "-", "-,5", "+5", "5x,6", " 5", "0x1f",
		"123456789012345678", "-123456789012345678", "1234567890123456789", "9223372036854775807",
		"-9223372036854775808", "9223372036854775808", "99999999999999999999,1", "00000000000000000000012",
		"1_000", "٣", strconv.FormatInt(math.MaxInt64, 10) + "," + strconv.FormatInt(math.MinInt64, 10),
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		lists = append(lists, strconv.FormatInt(r.Int64()>>r.IntN(63)*int64(1-2*r.IntN(2)), 10)+","+strconv.Itoa(r.IntN(10)))
	}
	for _, list := range lists {
		for rest := list; ; {
			v, next, ok := cutInt(rest)
			wv, wnext, wok := cutIntSlow(rest)
			if v != wv || next != wnext || ok != wok {
				t.Errorf("cutInt(%q) = %d, %q, %v; strconv.ParseInt reads %d, %q, %v", rest, v, next, ok, wv, wnext, wok)
			}
			if !ok || next == "" || next == rest {
				break
			}
			rest = next
		}
	}
}
