package catalog

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestExcludedIndexFollowsDeletes checks that deleting products with SQL (no code path
// does; an operator might) also takes them out of the excluded products' index, so the
// default search's count stays right.
func TestExcludedIndexFollowsDeletes(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	products := make([]Product, 2*FacetCap)
	for i := range products {
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s", Title: "Lantern", Availability: InStock,
			Price: money.Money{Amount: 100, Currency: "USD"}, Hidden: i%4 == 0}
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	// Delete a quarter of the products, hidden ones included, then show every product
	// left: had the deleted hidden ones stayed in the index, they would be subtracted.
	if _, err := c.db.ExecContext(ctx, `DELETE FROM products WHERE rowid % 4 = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.db.ExecContext(ctx, `UPDATE products SET hidden = 0`); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, Query{Text: "lantern", InStock: true})
	if err != nil {
		t.Fatal(err)
	}
	var left int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM products`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if res.Total != left || left <= FacetCap {
		t.Errorf("Total = %d, want %d (all products left, more than FacetCap)", res.Total, left)
	}
}
