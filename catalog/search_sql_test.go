package catalog

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// openTest opens a new catalog in a temporary directory, closed when the test ends.
func openTest(t *testing.T) *Catalog {
	t.Helper()
	c, err := Open(context.Background(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
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
