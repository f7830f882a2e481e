package demo

import (
	"iter"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Benchmark words for catalogs made by Generate. Counts are of products whose title,
// brand, description, tags or category contain the word (case-insensitive, whole
// words), measured for Generate(100000, 1); seeds 2 and 3 land within 2% of them.
const (
	// CommonWord is in about 20% of products (20,057 of 100,000): a fifth of model
	// names get " Classic", and the word occurs nowhere else in the vocabulary.
	CommonWord = "classic"
	// RareWord is in about 30 products per 100,000 (26 for seed 1, 29 for seeds 2 and
	// 3): about one model name in 3,300 gets " Obsidian Edition".
	RareWord = "obsidian"
	// UncommonWord is in about 0.3% of products (305 for seed 1): "Beekeepers" is one of
	// twelve model names in its category. A bare ranked query for it takes about as long
	// as the "rare word" example (0.3 ms), while RareWord is far rarer.
	UncommonWord = "beekeepers"
	// TwoWords is a two-word query whose words occur together in about 2,300 products
	// per 100,000 (2,282 for seed 1), nearly all in "Apparel > Jackets". Alone,
	// "waterproof" is in about 7,500 and "jacket" or "jackets" in about 5,500.
	TwoWords = "waterproof jacket"
)

// Rates at which Generate adds the benchmark words.
const (
	commonRate = 0.20
	rareRate   = 0.0003
)

// Generate returns a synthetic catalog of n products, deterministic for (n, seed),
// drawn from the same vocabulary as Products. Categories are weighted by their size in
// the demo catalog; sellers (3 + n/1000 of them, at most 20) by a skewed draw, so the
// first few sellers hold most products. Ids are "gen-000001" onward.
func Generate(n int, seed uint64) ([]catalog.Seller, []catalog.Product) {
	sellers, each := GenerateSeq(n, seed)
	products := make([]catalog.Product, 0, max(n, 0))
	for p := range each {
		products = append(products, p)
	}
	return sellers, products
}

// GenerateSeq is Generate one product at a time, so that a catalog of millions of
// products can be written out without holding it in memory: the products it yields
// are those of Generate(n, seed), in the same order.
func GenerateSeq(n int, seed uint64) ([]catalog.Seller, iter.Seq[catalog.Product]) {
	n = max(n, 0)
	shops := genShops(min(3+n/1000, 20))
	sellers := make([]catalog.Seller, len(shops))
	for i := range shops {
		sellers[i] = shops[i].Seller
	}
	return sellers, func(yield func(catalog.Product) bool) {
		cum := make([]int, len(categories)) // cumulative weights
		total := 0
		for i := range categories {
			total += categories[i].count
			cum[i] = total
		}
		b := newBuilder(seed, commonRate, rareRate)
		for i := range n {
			w := b.r.IntN(total)
			ci := 0
			for cum[ci] <= w {
				ci++
			}
			u := b.r.Float64()
			s := &shops[int(float64(len(shops))*u*u)]
			if !yield(b.product(&categories[ci], "gen-"+pad(int64(i+1), 6), s, 1_000_000+int64(i))) {
				return
			}
		}
	}
}

// genShops returns k generated sellers, named from sellerFirst and sellerLast.
func genShops(k int) []shop {
	shops := make([]shop, k)
	for i := range shops {
		name := sellerFirst[i%len(sellerFirst)] + " " + sellerLast[i%len(sellerLast)]
		id := slug(name)
		shops[i] = shop{
			Seller: catalog.Seller{ID: id, Name: name, StripeProfileID: "profile_test_gen" + pad(int64(i+1), 2)},
			host:   id + ".example",
		}
	}
	return shops
}

// slug lower-cases s and joins its letter and digit runs with hyphens:
// "Cedar Hollow Supply Co." becomes "cedar-hollow-supply-co".
func slug(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}), "-")
}
