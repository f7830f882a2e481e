package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// familyShop is a clothing shop whose coats are marked for women, men, girls and boys
// by title or by the Google Shopping gender and age group attributes, with razors for
// women and for anyone, a dog's coat beside a space heater and a throw, and a thousand
// gift tags so that it is no small shop. Without dogs, the dog's coat is left out;
// extra products are added.
func familyShop(t *testing.T, dogs bool, extra ...catalog.Product) *catalog.Catalog {
	t.Helper()
	return stockedCatalog(t, append(familyProducts(dogs), extra...))
}

// familyShopB is familyShop, with its dog's coat, for a benchmark.
func familyShopB(b *testing.B) *catalog.Catalog {
	b.Helper()
	return stockedCatalog(b, familyProducts(true))
}

// familyProducts are familyShop's products.
func familyProducts(dogs bool) []catalog.Product {
	attrs := func(g, a string) map[string]string { return map[string]string{"gender": g, "age_group": a} }
	ps := []catalog.Product{
		{ID: "coat-w", Title: "Women's Quilted Winter Coat", Description: "A warm coat for cold days.", Brand: "Fernway", Price: usd(9900)},
		{ID: "coat-m", Title: "Men's Quilted Winter Coat", Description: "A warm coat for cold days.", Brand: "Fernway", Price: usd(9900)},
		{ID: "coat-g", Title: "Quilted Winter Coat with Hood", Description: "A warm coat for cold days.", Brand: "Fernway", Price: usd(5900), Attributes: attrs("Female", "kids")},
		{ID: "coat-b", Title: "Boys' Quilted Winter Coat", Description: "A warm coat for cold days.", Brand: "Fernway", Price: usd(5900), Attributes: attrs("Male", "kids")},
		{ID: "coat-u", Title: "Quilted Winter Coat", Description: "A warm coat for cold days.", Brand: "Fernway", Price: usd(8900), Attributes: attrs("Unisex", "adult")},
		{ID: "razor-w1", Title: "Women's Electric Razor", Description: "Cordless, for a close shave.", Brand: "Belvane", Price: usd(4900)},
		{ID: "razor-w2", Title: "Women's Electric Razor, Wet and Dry", Description: "Cordless, for a close shave.", Brand: "Belvane", Price: usd(5900)},
		{ID: "razor-r", Title: "Rotary Electric Razor", Description: "Cordless, for a close shave.", Brand: "Belvane", Price: usd(6900)},
		{ID: "heater", Title: "Oil Filled Space Heater", Description: "Heats a room quietly.", Brand: "Warmly", Price: usd(7900)},
		{ID: "throw", Title: "Fleece Throw Blanket", Description: "Soft and warm.", Brand: "Warmly", Price: usd(2900)},
	}
	if dogs {
		ps = append(ps, catalog.Product{ID: "dog-coat", Title: "Insulated Dog Coat", Description: "Keeps a dog warm in the cold.", Brand: "Pupcoat", Price: usd(3900)})
	}
	return append(ps, giftTags("Fernway", "A printed tag.")...)
}

// TestSentenceAudienceRanks: the person a sentence names ranks the products marked for
// them first — a wife's the women's coat, a husband's the men's, a daughter's a
// woman's or a girl's, the kids' a child's — and filters nothing: the razors marked
// for women stay on the page of a husband's razor, after the others. A plain query
// reads no person.
func TestSentenceAudienceRanks(t *testing.T) {
	c := familyShop(t, true)
	for _, tc := range []struct {
		name, q string
		first   []string // the first product is one of these
		also    []string // these are on the page too
		note    string   // a note has it
	}{
		{"a wife", "my wife needs a warm winter coat for her walk to work", []string{"coat-w"}, []string{"coat-m"}, `Read "wife" as whom it is for`},
		{"a husband", "my husband needs a warm winter coat for his walk to work", []string{"coat-m"}, []string{"coat-w"}, `Read "husband" as whom it is for`},
		{"a daughter: a woman's or a girl's", "my daughter needs a warm winter coat for her walk to school", []string{"coat-w", "coat-g"}, nil, `Read "daughter" as whom it is for`},
		{"the kids: a child's", "the kids need warm winter coats for the walk to school", []string{"coat-g", "coat-b"}, []string{"coat-w"}, "marked for children come first"},
		{"nothing filtered", "an anniversary present for my husband who hates nicks from his razor", []string{"razor-r"}, []string{"razor-w1", "razor-w2"}, `Read "husband" as whom it is for`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.q, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if len(ids) == 0 || !slices.Contains(tc.first, ids[0]) {
				t.Fatalf("%q: hits %q, want one of %q first; notes %q", tc.q, ids, tc.first, res.Notes)
			}
			for _, id := range tc.also {
				if !slices.Contains(ids, id) {
					t.Errorf("%q: %s not on the page (%q): a person filters nothing", tc.q, id, ids)
				}
			}
			if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, tc.note) }) {
				t.Errorf("%q: notes %q, want one with %q", tc.q, res.Notes, tc.note)
			}
			for _, f := range res.Applied {
				if f.Filter == catalog.FilterGender || f.Filter == catalog.FilterAge {
					t.Errorf("%q: %s applied as a filter (%q)", tc.q, f.Filter, f.Text)
				}
			}
		})
	}
	res, err := c.Search(context.Background(), catalog.Query{Text: "quilted winter coat"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "as whom it is for") }) {
		t.Errorf("a plain query read a person: notes %q", res.Notes)
	}
}

// TestSentencePetNeed: a need a sentence says of the shopper's pet ("my dog gets cold
// on winter walks") is met by the things for it where titles name the animal (the
// dog's coat, not the space heater a person who is cold wants); a person's same need
// is still the heater's, and a shop that sells nothing for dogs still reads the need;
// where a thing of the need is for dogs (a dog's blanket), the need is read and that
// thing comes first.
func TestSentencePetNeed(t *testing.T) {
	for _, tc := range []struct {
		name, q string
		dogs    bool
		first   []string
		not     string // not on the page
	}{
		{"the pet's need", "my dog gets cold on winter walks", true, []string{"dog-coat"}, "heater"},
		{"an adjective between", "my old dog gets cold on our winter walks", true, []string{"dog-coat"}, "heater"},
		{"a person's need", "my office gets so cold in winter", true, []string{"heater", "throw"}, "dog-coat"},
		{"no thing for dogs sold", "my dog gets cold on winter walks", false, []string{"heater", "throw"}, ""},
		{"a need's thing for the pet, first", "my dog gets cold on winter walks", true, []string{"dog-blanket"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var extra []catalog.Product
			if strings.Contains(tc.name, "need's thing") {
				extra = append(extra, catalog.Product{ID: "dog-blanket", Title: "Sherpa Blanket for Dogs", Description: "A soft throw for a dog's bed.", Brand: "Pupcoat", Price: usd(2500)})
			}
			c := familyShop(t, tc.dogs, extra...)
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.q})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if len(ids) == 0 || !slices.Contains(tc.first, ids[0]) {
				t.Fatalf("%q: hits %q, want one of %q first; notes %q", tc.q, ids, tc.first, res.Notes)
			}
			if tc.not != "" && slices.Contains(ids, tc.not) {
				t.Errorf("%q: %s on the page (%q); notes %q", tc.q, tc.not, ids, res.Notes)
			}
		})
	}
}

// BenchmarkSentenceAudience times sentences that name whom the thing is for (a wife, a
// husband, a daughter, the kids, a pet with a need) and one that names nobody, beside
// a one-word search of the same shop, paired in each run (benchOverFloor).
//
//	go test -tags sqlite_fts5 -run '^$' -bench SentenceAudience -count 5 ./catalog
func BenchmarkSentenceAudience(b *testing.B) {
	c := familyShopB(b)
	qs := []string{"my wife needs a warm winter coat for her walk to work",
		"an anniversary present for my husband who hates nicks from his razor",
		"my daughter needs a warm winter coat for her walk to school",
		"the kids need warm winter coats for the walk to school",
		"my dog gets cold on winter walks",
		"i need a warm winter coat for my walk to work"}
	benchOverFloor(b, c, qs, "coat")
}
