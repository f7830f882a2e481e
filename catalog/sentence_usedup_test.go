package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// usedUpProducts are drugShop's extras for TestSentenceUsedUp: perfumes (one title
// says "Perfume", the others "Eau de Parfum"), socks, and glue sticks.
func usedUpProducts() []catalog.Product {
	p := drugProduct
	const scent, socks, craft = "Beauty > Fragrance", "Apparel > Socks", "Office > Glue"
	return []catalog.Product{
		p("scent-1", "Amber Rose Perfume Gift Set", "Two bottles and a travel spray.", scent),
		p("scent-2", "Jasmine Eau de Parfum", "Floral and warm.", scent),
		p("scent-3", "White Tea Eau de Parfum", "Light and fresh.", scent),
		p("sock-1", "Kids Cushioned Running Socks", "Padded heel and toe.", socks),
		p("sock-2", "Kids Crew Socks, 6 Pack", "Soft cotton.", socks),
		p("sock-3", "Wool Hiking Socks", "Warm on cold trails.", socks),
		p("glue-1", "Washable Glue Sticks, 12 Pack", "Dries clear.", craft),
		p("glue-2", "Jumbo Glue Sticks", "For school projects.", craft),
	}
}

// TestSentenceUsedUp: a sentence every reading of which found nothing, that says a
// thing is used up, is answered by the products of the thing's words (sentenceUsedUp):
// the words before "ran out", or after "out of", "through" after a verb of going,
// "low on" or "used up". Not when the thing is one the shop does not sell, nor when
// the sentence says nothing is used up.
func TestSentenceUsedUp(t *testing.T) {
	c := drugShop(t, usedUpProducts()...)
	perfumes, socks, glue := []string{"scent-1", "scent-2", "scent-3"}, []string{"sock-1", "sock-2", "sock-3"}, []string{"glue-1", "glue-2"}
	for _, tc := range []struct {
		name, q string
		first   []string // the first product is one of these; none: nothing found
		read    bool     // the used-up reading answers (another reading finds the thing first)
	}{
		{"the thing before ran out", "my wife's favorite perfume ran out", perfumes, true},
		{"the thing after go through, another reading first", "my kids go through socks so fast", socks, false},
		{"the thing after ran out of", "the twins ran out of glue again", glue, true},
		{"the thing before is used up, another reading first", "the glue is used up", glue, false},
		{"the thing after used up", "the twins used up all the glue", glue, true},
		{"the thing after out of", "we are completely out of glue", glue, true},
		{"a thing the shop does not sell", "my car ran out of gas on the motorway", nil, false},
		{"nothing used up", "we went through a tunnel on the motorway", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := searchFirstOf(t, c, tc.q, tc.first)
			if read := slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, "Read as a thing used up") }); read != tc.read {
				t.Errorf("%q: notes %q, used-up reading %v, want %v", tc.q, res.Notes, read, tc.read)
			}
		})
	}
}

// BenchmarkSentenceUsedUp times the used-up reading (sentenceUsedUp) on drugShop with
// usedUpProducts: sentences it answers after every other reading found nothing, and
// ones it declines (a thing the shop does not sell, nothing used up), each paired with
// a one-word search ("spray") in the same loop.
func BenchmarkSentenceUsedUp(b *testing.B) {
	c := stockedCatalog(b, append(drugProducts(), usedUpProducts()...))
	benchOverFloor(b, c, []string{
		"my wife's favorite perfume ran out",
		"the twins ran out of glue again",
		"we are completely out of glue",
		"my car ran out of gas on the motorway",
		"we went through a tunnel on the motorway",
	}, "spray")
}
