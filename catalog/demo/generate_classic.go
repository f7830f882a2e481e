package demo

import (
	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Rates at which GenerateClassic adds the words " Classic" and " Obsidian Edition" to
// model names.
const (
	classicCommonRate = 0.20
	classicRareRate   = 0.0003
)

// GenerateClassic returns n products drawn from the demo catalog's own 27 categories
// and 61 brands (one category per product, categories weighted by their size in the
// demo catalog), deterministic for (n, seed), with sellers as Generate's. A fifth of
// model names get " Classic" and one in 3,300 " Obsidian Edition". It is the catalog
// the recommender's simulated world is built on, whose ground truth (which categories
// go together, which get used up) is written in terms of those categories; benchmarks
// and load tests use Generate.
func GenerateClassic(n int, seed uint64) ([]catalog.Seller, []catalog.Product) {
	n = max(n, 0)
	shops := genShops(min(3+n/1000, 20))
	sellers := make([]catalog.Seller, len(shops))
	for i := range shops {
		sellers[i] = shops[i].Seller
	}
	cum := make([]int, len(categories)) // cumulative weights
	total := 0
	for i := range categories {
		total += categories[i].count
		cum[i] = total
	}
	b := newBuilder(seed, classicCommonRate, classicRareRate)
	products := make([]catalog.Product, 0, n)
	for i := range n {
		w := b.r.IntN(total)
		ci := 0
		for cum[ci] <= w {
			ci++
		}
		u := b.r.Float64()
		s := &shops[int(float64(len(shops))*u*u)]
		products = append(products, b.product(&categories[ci], "gen-"+pad(int64(i+1), 6), s, 1_000_000+int64(i)))
	}
	return sellers, products
}
