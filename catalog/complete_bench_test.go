package catalog_test

import (
	"context"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkComplete times completions on the generated catalog of 100,000 products
// (ids "gen-000001"…; about 2,900 brands and 960 categories), reporting the median and
// 99th percentile of a call and the total completed. The widest shapes count every
// product: "" and "gen-" complete to all 100,000 ids. "floor" is the least a
// completion of ids can cost: reading 100 ids from the index of ids, bare; "ids
// all/paired" times the widest shape in turn with the floor (see pairedRatio).
//
//	go test -tags sqlite_fts5 -run '^$' -bench Complete -count 5 ./catalog
func BenchmarkComplete(b *testing.B) {
	ctx := context.Background()
	ids := func(c *catalog.Catalog) func(context.Context, string, int) (catalog.Completion, error) {
		return c.CompleteProductIDs
	}
	brands := func(c *catalog.Catalog) func(context.Context, string, int) (catalog.Completion, error) {
		return c.CompleteBrands
	}
	categories := func(c *catalog.Catalog) func(context.Context, string, int) (catalog.Completion, error) {
		return c.CompleteCategories
	}
	timed := func(b *testing.B, f func() (catalog.Completion, error)) {
		var ds []time.Duration
		var got catalog.Completion
		for b.Loop() {
			start := time.Now()
			var err error
			if got, err = f(); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(start))
		}
		b.ReportMetric(float64(quantile(ds, 0.5).Microseconds()), "p50_µs")
		b.ReportMetric(float64(quantile(ds, 0.99).Microseconds()), "p99_µs")
		b.ReportMetric(float64(got.Total), "total")
	}
	for _, sh := range []struct {
		name   string
		of     func(*catalog.Catalog) func(context.Context, string, int) (catalog.Completion, error)
		prefix string
	}{
		{"ids all", ids, ""},
		{"ids gen-", ids, "gen-"},
		{"ids gen-05", ids, "gen-05"},
		{"ids gen-0500", ids, "gen-0500"},
		{"brands all", brands, ""},
		{"brands s", brands, "s"},
		{"categories all", categories, ""},
		{"categories sho", categories, "sho"},
	} {
		b.Run(sh.name, func(b *testing.B) {
			cat, _ := benchCatalog(b)
			complete := sh.of(cat)
			timed(b, func() (catalog.Completion, error) { return complete(ctx, sh.prefix, 100) })
		})
	}
	floor := func(b *testing.B) func() (catalog.Completion, error) {
		_, bare := benchCatalog(b)
		st, err := bare.PrepareContext(ctx, `SELECT id FROM products WHERE id >= ? ORDER BY id LIMIT 100`)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return func() (catalog.Completion, error) {
			rows, err := st.QueryContext(ctx, "")
			if err != nil {
				return catalog.Completion{}, err
			}
			defer rows.Close()
			var out catalog.Completion
			for rows.Next() {
				var id string
				if err := rows.Scan(&id); err != nil {
					return catalog.Completion{}, err
				}
				out.Values = append(out.Values, id)
			}
			out.Total = len(out.Values)
			return out, rows.Err()
		}
	}
	b.Run("floor", func(b *testing.B) { timed(b, floor(b)) })
	b.Run("ids all/paired", func(b *testing.B) {
		cat, _ := benchCatalog(b)
		f := floor(b)
		pairedRatio(b, func() error { _, err := f(); return err }, func() error {
			_, err := cat.CompleteProductIDs(ctx, "", 100)
			return err
		})
	})
}
