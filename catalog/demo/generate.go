package demo

import (
	"iter"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Benchmark words for catalogs made by Generate, picked from the data: counts are of
// products whose title, brand, description or category contain the word (whole
// words, as the full-text index sees them), measured for Generate(100000, 1); other
// seeds land close (see TestGenerateFrequencies). None is placed on purpose: they are
// words of the generated vocabulary at the document frequencies the scale benchmark
// asks for.
const (
	// CommonWord is in about 18% of products.
	CommonWord = "ceramic"
	// RareWord is in about 0.03% of products.
	RareWord = "goatskin"
	// UncommonWord is in about 0.3% of products.
	UncommonWord = "herringbone"
	// TwoWords is a two-word query whose words occur together in about 0.3% of products.
	TwoWords = "waterproof jacket"
	// PrefixWord is three letters that start words in about 13% of products.
	PrefixWord = "sta"
	// SortWord is in about 5% of products, for a search sorted by price.
	SortWord = "shoes"
	// BrowseCategory is a department holding about a fifth of the products.
	BrowseCategory = "Apparel"
)

// Generate returns a synthetic catalog of n products, deterministic for (n, seed).
//
// The products are drawn from a fixed world (the same for every seed): 20
// departments of 5 to 11 categories whose product types are the subcategories, more
// than 600 category paths in all ("Home & Kitchen > Cookware > Frying Pans"), with an
// "Accessories" subcategory in most categories; 2,880 brands, each tied to one or two
// departments and used with a Zipf law within them, each with two to eight product
// lines; model numbers ("VL-4820", in titles in departments that use them, and in the
// "mpn" attribute); attribute vocabularies by department and category; and a keyword
// vocabulary whose words descriptions use with a Zipf law. About 30% of products have
// no category, and of the rest one in ten is filed only under its department and
// category; in departments with accessories about 18% of products are accessories
// for a type ("Velora Frying Pan Lid", "Velora Lid for Frying Pans"). Departments are
// weighted, categories and types within them follow a Zipf law. Sellers (3 + n/1000
// of them, at most 20) are drawn skewed, so the first few hold most products. Ids are
// "gen-000001" onward.
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
		w := getWorld()
		b := newBuilder(seed, 0, 0)
		for i := range n {
			u := b.r.Float64()
			s := &shops[int(float64(len(shops))*u*u)]
			if !yield(b.genProduct(w, "gen-"+pad(int64(i+1), 6), s, 1_000_000+int64(i))) {
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
