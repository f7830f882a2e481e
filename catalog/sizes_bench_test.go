package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchSizes times Search on sizes (readSizes) in a 6,000-product bike
// shop of tubes by size range and tyres by size, with a plain query as the floor and
// an accessory query with no size beside it, and a query no product has every word
// of, read by the types its words vote for ("presta" and "tube" rank, not voting).
// It uses only Search, so the same file runs on a build without readSizes.
// go test -run '^$' -bench BenchmarkSearchSizes ./catalog
func BenchmarkSearchSizes(b *testing.B) {
	ranges := []string{"700x18-25c", "700x25-32c", "700x35-43c", "27.5x2.1-2.4", "29x2.1-2.4", "26x1.75-2.125", "20x1.75-2.125"}
	sizes := []string{"700x23c", "700x25c", "700x28c", "700x32c", "700x38c", "27.5x2.4", "29x2.25", "26x2.15"}
	brands := []string{"Velo", "Grip", "Knobbly", "Roll", "Strada"}
	var ps []catalog.Product
	for i := range 6000 {
		br := brands[i%len(brands)]
		var title, cat string
		switch i % 3 {
		case 0:
			title, cat = fmt.Sprintf("%s %s Inner Tube Presta 48mm, Batch %d", br, ranges[i%len(ranges)], i), "Bike Parts > Tubes"
		case 1:
			title, cat = fmt.Sprintf("%s %s Road Tyre, Batch %d", br, sizes[i%len(sizes)], i), "Bike Parts > Tyres"
		default:
			title, cat = fmt.Sprintf("Handlebar Mount for %s Light %d", br, i%40), "Bike Accessories > Mounts"
		}
		ps = append(ps, catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: title, Category: cat,
			Description: "Made to last.", Price: usd(int64(1000 + i%50*100))})
	}
	benchSearchShapes(b, ps, []searchShape{
		{"plain", "presta tube"},
		{"accessory", "mount for velo light"},
		{"decimal", "27.5 tube presta"},
		{"range", "700x38c inner tube"},
		{"types_left_words", "presta tube for 700x25c road tyre"},
	})
}
