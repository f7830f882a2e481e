package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchCategoryWords times Search on a flat makers' shop with no category
// column (6,000 products of 20 kinds, tags only): a category word after a modifier
// that the vocabulary's kinds expand (kinds: "enamel cookware"), a group word read as
// the products of the other words (collective: "water gear", "knitting supplies"), and
// a type's name for the floor (plain: "enamel kettle"). hits is the page's size, 0
// where a build reads the query as a thing not sold. Compare with main's build of
// the same file (it uses only Search): go test -run '^$' -bench BenchmarkSearchCategoryWords
// -count 5 ./catalog.
func BenchmarkSearchCategoryWords(b *testing.B) {
	kinds := []struct{ title, tags string }{
		{"Enamel Stock Pot, Batch %d", "kitchen"}, {"Enamel Whistling Kettle, Batch %d", "kitchen"},
		{"Cast Iron Frying Pan, Batch %d", "kitchen"}, {"Enamel Camp Mug, Batch %d", "kitchen"},
		{"Steel Water Bottle, Batch %d", "hydration"}, {"Gravity Water Filter, Batch %d", "hydration"},
		{"Rain Jacket Style, Batch %d", "rain gear"}, {"Rain Pants Style, Batch %d", "rain gear"},
		{"Merino Yarn Skein, Batch %d", "knitting"}, {"Bamboo Knitting Needles, Batch %d", "knitting"},
		{"Sterling Silver Ring, Batch %d", "handmade"}, {"Gold Bar Necklace, Batch %d", "handmade"},
		{"Silver Hoop Earrings, Batch %d", "handmade"}, {"Ceramic Table Lamp, Batch %d", "lamps"},
		{"Linen Tea Towel, Batch %d", "kitchen"}, {"Wool Beanie, Batch %d", "knitwear"},
		{"Down Sleeping Bag, Batch %d", "sleeping gear"}, {"Folding Camp Chair, Batch %d", "camp furniture"},
		{"Hook Knife, Batch %d", "woodcarving"}, {"Garden Trowel, Batch %d", "garden tools"},
	}
	var ps []catalog.Product
	for i := range 6000 {
		k := kinds[i%len(kinds)]
		ps = append(ps, catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: fmt.Sprintf(k.title, i/len(kinds)+1),
			Description: "Made in small batches in our workshop.", Tags: []string{k.tags}, Price: usd(int64(1000 + i%50*100))})
	}
	benchSearchShapes(b, ps, []searchShape{
		{"kinds", "enamel cookware"},
		{"collective_unsold", "water gear"},
		{"collective_no_all", "knitting supplies"},
		{"plain", "enamel kettle"},
	})
}

// searchShape is one query a search benchmark times, named for its shape.
type searchShape struct{ name, text string }

// benchSearchShapes loads ps into a catalog of its own and times Search on each
// shape's text as a sub-benchmark; hits is the last page's size, cpu_ns/op the
// processor time the process used per search.
func benchSearchShapes(b *testing.B, ps []catalog.Product, shapes []searchShape) {
	ctx := context.Background()
	c := openCatalog(b)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		b.Fatal(err)
	}
	for _, sh := range shapes {
		b.Run(sh.name, func(b *testing.B) {
			var res catalog.Result
			cpu := cpuTime(b)
			for b.Loop() {
				var err error
				if res, err = c.Search(ctx, catalog.Query{Text: sh.text}); err != nil {
					b.Fatal(err)
				}
			}
			// The processor time too: on a shared machine a search's wall time
			// includes its waits for a processor (see pairedRatio).
			b.ReportMetric(float64((cpuTime(b)-cpu).Nanoseconds())/float64(b.N), "cpu_ns/op")
			b.ReportMetric(float64(len(res.Hits)), "hits")
		})
	}
}
