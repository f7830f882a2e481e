package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestLabelKeysMigration checks that migration 0055 re-arms the rank's fill of a
// catalog stored before it only when a product filed nowhere has tags, and that the
// fill gives such products their tags' words as category keys (checkRank holds every
// row equal to rankRowOf, and the learned tables equal to the rows): a catalog whose
// products all have a category, or whose uncategorised products have no tags, opens
// without a fill.
func TestLabelKeysMigration(t *testing.T) {
	for _, tt := range []struct {
		name     string
		category string
		tags     []string
		armed    bool
	}{
		{"filed nowhere, tagged", "", []string{"camp kitchen", "cookware"}, true},
		{"filed nowhere, no tags", "", nil, false},
		{"filed, tagged", "Outdoor > Camp Kitchen", []string{"camp kitchen"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "catalog.db")
			c, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			products := make([]Product, 30)
			for i := range products {
				products[i] = Product{ID: fmt.Sprint("p", i), SellerID: "s", Title: fmt.Sprintf("Model %d Camp Stove", i), Category: tt.category,
					Tags: tt.tags, Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}
			}
			if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
				t.Fatal(err)
			}
			// The rows as the build before wrote them: no keys for a product filed nowhere.
			if _, err := c.db.Exec(`UPDATE product_rank SET category_keys = '[]' WHERE rowid IN (SELECT rowid FROM product_text WHERE category = '');
				DELETE FROM catalog_migrations WHERE name = '0055_label_keys.sql'`); err != nil {
				t.Fatal(err)
			}
			c.Close()
			c = openFilled(t, path, fillOptions{})
			if armed := c.Fill().Batches > 0; armed != tt.armed {
				t.Errorf("rank's fill run = %v, want %v", armed, tt.armed)
			}
			checkRank(t, c, "reopened")
		})
	}
}
