// Package demo provides product catalogs that need no feed: the small demo catalog a new
// user sees on first run, and synthetic catalogs of any size for benchmarks and load
// tests. It is pure Go: no database, files or network.
//
// Contract:
//
//   - Sellers and Products return the same values on every call and in every build;
//     each call returns fresh slices and maps that the caller may modify.
//   - Products holds 397 products in 29 categories (paths of two or three levels such
//     as "Apparel > Shoes > Running") from 64 brands and the four Sellers; the last
//     three are subscriptions (a monthly coffee delivery, a software plan with a
//     14-day trial and an API plan). Ids read
//     like "nw-shoe-0007" (seller prefix, category code, number) and are unique.
//   - Generate(n, seed) returns n products with ids "gen-000001"… for (n, seed) and
//     3 + n/1000 sellers, at most 20. The same (n, seed) always gives the same catalog.
//     Its products come from a taxonomy of 20 departments and 718 product types (about
//     960 category paths with the accessory and two-level ones), 2,880 brands and a
//     Zipf-ranked keyword vocabulary; about 30% have no category. GenerateClassic is
//     the earlier generator over the demo catalog's categories, which the
//     recommender's simulated world is written for.
//   - Every product passes (*catalog.Product).Normalize without error or change; prices
//     are USD cents (up to $1,000 in the demo catalog, $3,000 in generated ones);
//     about 8% are out of stock (Stock 0), 8% have 1–3 left, 1% are on preorder with
//     no quantity; 4% are unrated (Rating 0, ReviewCount 0).
//   - Generated catalogs have a known word-frequency shape for benchmarks: see
//     CommonWord, RareWord, UncommonWord, TwoWords, PrefixWord, SortWord and
//     BrowseCategory.
//
// All product text is invented for this package, and brands, sellers and URLs
// (under the reserved .example domain) are fictional. GTINs use the GS1 prefix 2
// range, which is reserved for in-store numbering and names no real product.
package demo

import "github.com/commerce-mcp/commerce-mcp/catalog"

// demoSeed seeds the random stream the demo catalog is drawn from. Changing it, or the
// banks, changes the demo catalog.
const demoSeed = 20250602

// demoSellers are the demo catalog's sellers, indexed by category.seller.
var demoSellers = []shop{
	{catalog.Seller{ID: "northwind-outfitters", Name: "Northwind Outfitters", StripeProfileID: "profile_test_northwind01"}, "nw", "northwind-outfitters.example"},
	{catalog.Seller{ID: "hearth-and-harbor", Name: "Hearth & Harbor Home", StripeProfileID: "profile_test_hearthharbor02"}, "hh", "hearth-and-harbor.example"},
	{catalog.Seller{ID: "circuit-yard", Name: "Circuit Yard Electronics", StripeProfileID: "profile_test_circuityard03"}, "cy", "circuit-yard.example"},
	{catalog.Seller{ID: "maple-lane-market", Name: "Maple Lane Market", StripeProfileID: "profile_test_maplelane04"}, "ml", "maple-lane-market.example"},
}

// Sellers returns the demo catalog's sellers. ACPBaseURL is empty: the sandbox
// reference seller serves them all.
func Sellers() []catalog.Seller {
	out := make([]catalog.Seller, len(demoSellers))
	for i := range demoSellers {
		out[i] = demoSellers[i].Seller
	}
	return out
}

// ImageHosts returns the hosts of the demo catalog's images, one per seller: names
// under the reserved .example domain, which resolve nowhere.
func ImageHosts() []string {
	out := make([]string, len(demoSellers))
	for i := range demoSellers {
		out[i] = demoSellers[i].host
	}
	return out
}

// Products returns the demo catalog, in category order.
func Products() []catalog.Product {
	b := newBuilder(demoSeed, 0.04, 0)
	total := 0
	for i := range categories {
		total += categories[i].count
	}
	out := make([]catalog.Product, 0, total)
	titles := make(map[string]bool, total)
	for ci := range categories {
		c := &categories[ci]
		for i := 1; i <= c.count; i++ {
			s := &demoSellers[c.seller]
			if c.alt >= 0 && b.r.IntN(5) == 0 {
				s = &demoSellers[c.alt]
			}
			id := s.prefix + "-" + c.code + "-" + pad(int64(i), 4)
			p := b.product(c, id, s, int64(len(out)))
			// Redraw a repeated title a few times so the demo rarely lists twins.
			for try := 0; titles[p.Title] && try < 10; try++ {
				p = b.product(c, id, s, int64(len(out)))
			}
			titles[p.Title] = true
			out = append(out, p)
		}
	}
	return append(out, subscriptionProducts()...)
}
