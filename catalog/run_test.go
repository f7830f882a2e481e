package catalog

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestHitsSkipVanishedProducts checks that a page whose products were deleted after
// ranking (by another process) comes back without them, not with empty products.
func TestHitsSkipVanishedProducts(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
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
