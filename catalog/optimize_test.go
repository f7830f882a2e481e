package catalog_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestOptimizeIndex checks that merging the index of a catalog loaded in several
// batches leaves fewer index records, the index consistent with the product text, and
// every search answering as before.
func TestOptimizeIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c := testshop.Catalog(t, path, nil, nil)
	products := demo.Products()
	for i := 0; i < len(products); i += 50 {
		testshop.Upsert(t, c, demo.Sellers(), products[i:min(i+50, len(products))])
	}
	queries := []catalog.Query{{Text: "basecamp"}, {Text: "running shoes"}, {Text: "waterproof jacket", Sort: catalog.SortPriceAsc}, {Text: "tent"}, {}}
	search := func() [][]string {
		var out [][]string
		for _, q := range queries {
			res, err := c.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			out = append(out, append(ids, res.Words))
		}
		return out
	}
	before, recordsBefore := search(), indexRecords(t, path)
	if err := c.OptimizeIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if after := indexRecords(t, path); after >= recordsBefore {
		t.Errorf("index records %d before, %d after optimizing; want fewer", recordsBefore, after)
	}
	ftsIntegrity(t, path)
	if after := search(); !slices.EqualFunc(before, after, slices.Equal) {
		t.Errorf("results changed:\nbefore %q\n after %q", before, after)
	}
}

// indexRecords counts the records of the full-text index's storage table.
func indexRecords(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM products_fts_data`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
