package catalog

import (
	"context"
	"fmt"
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

// TestDeepPagesShareStatements checks that paging far past FacetCap does not prepare a
// statement per page: the ranked limit is written into the SQL, so it must take only a
// few values, or the statement cache would fill with one-off pages.
func TestDeepPagesShareStatements(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	products := make([]Product, 3*FacetCap)
	for i := range products {
		products[i] = Product{ID: fmt.Sprint("p", i), SellerID: "s", Title: "Lantern", Availability: InStock,
			Price: money.Money{Amount: int64(100 + i), Currency: "USD"}}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	q := Query{Text: "lantern", InStock: true, Limit: 7}
	before := -1
	for page := 0; ; page++ {
		res, err := c.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if page == 1 {
			before = len(c.cache.stmts)
		}
		if res.NextCursor == "" {
			break
		}
		q.Cursor = res.NextCursor
	}
	// Later pages reach offsets up to 2,999: new statements for the limits 2,000 and
	// 4,000, and for loading the short last page; not one per page.
	if after := len(c.cache.stmts); after > before+3 {
		t.Errorf("paging prepared %d statements after the first pages, want at most 3", after-before)
	}
}
