package searcheval

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkUpsertJudged times writing the judged catalog (10,670 products) into a new
// catalog with Upsert in batches of 1,000, as an import does: what each product's
// derived rows (keys, codes, rank and the learned types) cost to write.
func BenchmarkUpsertJudged(b *testing.B) {
	sellers, items := generated()
	ps := make([]catalog.Product, len(items))
	for i, it := range items {
		ps[i] = it.Product
	}
	ctx := context.Background()
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		c, err := catalog.Open(ctx, filepath.Join(b.TempDir(), "upsert"+strconv.Itoa(n)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := 0; i < len(ps); i += 1000 {
			if _, err := c.Upsert(ctx, sellers, ps[i:min(i+1000, len(ps))]); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		c.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(ps)), "µs/product")
}
