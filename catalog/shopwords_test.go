package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// shopwordsCatalog is a catalog of products with their variants' colours and sizes,
// brands spelled with diacritics, apostrophes, ampersands and hyphens, and an
// accessory for a product type that costs less than the products.
func shopwordsCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	products := []catalog.Product{
		{ID: "grinder-burr", Title: "Burr Coffee Grinder", Brand: "Baratza", Price: usd(8900), Rating: 4.1, ReviewCount: 40},
		{ID: "grinder-blade", Title: "Blade Coffee Grinder", Brand: "Krups", Price: usd(2500), Rating: 4.7, ReviewCount: 90},
		{ID: "grinder-pro", Title: "Conical Burr Coffee Grinder Pro", Brand: "Breville", Price: usd(19900), Rating: 3.9, ReviewCount: 12},
		{ID: "grinder-brush", Title: "Cleaning Brush for Coffee Grinder", Brand: "Generic", Price: usd(500), Rating: 4.9, ReviewCount: 300},
		{ID: "loreal", Title: "Revitalift Night Cream", Brand: "L'Oréal Paris", Price: usd(1999)},
		{ID: "nestle", Title: "Hot Cocoa Mix", Brand: "Nestlé", Price: usd(499)},
		{ID: "haagen", Title: "Vanilla Ice Cream", Brand: "Häagen-Dazs", Price: usd(699)},
		{ID: "bo", Title: "Beoplay H95 Headphones", Brand: "Bang & Olufsen", Price: usd(89900)},
		{ID: "plain-cream", Title: "Daily Face Cream", Brand: "Loreal", Price: usd(899)},
		// A hoodie in three colours and two sizes, whose titles do not say them.
		{ID: "hoodie-red-xl", GroupID: "hoodie", Title: "Classic Pullover Hoodie", Price: usd(4500), Attributes: map[string]string{"color": "Red", "size": "XL"}},
		{ID: "hoodie-red-m", GroupID: "hoodie", Title: "Classic Pullover Hoodie", Price: usd(4500), Attributes: map[string]string{"color": "Red", "size": "M"}},
		{ID: "hoodie-navy-xl", GroupID: "hoodie", Title: "Classic Pullover Hoodie", Price: usd(4500), Attributes: map[string]string{"Colour": "Navy Blue", "size": "XL"}},
		{ID: "hoodie-gold-m", GroupID: "hoodie", Title: "Classic Pullover Hoodie", Price: usd(4500), Attributes: map[string]string{"color": "Rose Gold", "size": "M"}},
		{ID: "hoodie-stripe", Title: "Red Stripe Zip Hoodie", Price: usd(5000), Attributes: map[string]string{"color": "White/Red"}},
		{ID: "runner-10", GroupID: "runner", Title: "Trail Runner Shoes", Price: usd(9000), Attributes: map[string]string{"shoe_size": "10"}},
		{ID: "runner-9", GroupID: "runner", Title: "Trail Runner Shoes", Price: usd(9000), Attributes: map[string]string{"shoe_size": "9"}},
		{ID: "duvet-king", GroupID: "duvet", Title: "Down Duvet", Price: usd(12000), Attributes: map[string]string{"size": "King"}},
		{ID: "duvet-queen", GroupID: "duvet", Title: "Down Duvet", Price: usd(11000), Attributes: map[string]string{"size": "Queen"}},
		{ID: "juice", Title: "Fresh Orange Juice, 1 L", Price: usd(399)},
		{ID: "apple-juice", Title: "Apple Juice, 1 L", Price: usd(349)},
		{ID: "orange-tee", Title: "Cotton Tee", Price: usd(1500), Attributes: map[string]string{"color": "Orange"}},
		{ID: "navy-brand", Title: "Canvas Tote", Brand: "Navy", Price: usd(2500)},
		{ID: "navy-tee", Title: "Cotton Tee", Price: usd(1500), Attributes: map[string]string{"color": "Navy"}},
	}
	return stockedCatalog(t, products)
}

// TestSearchOrderWords checks that a superlative of the query ("cheapest", "most
// expensive", "best rated") orders the results when no sort argument is given, the
// products of the type asked for first, and that its words leave the words searched.
func TestSearchOrderWords(t *testing.T) {
	c := shopwordsCatalog(t)
	grinders := func(ids ...string) []string { return ids }
	tests := []struct {
		name  string
		q     catalog.Query
		order catalog.AppliedOrder // the zero value: none read
		words string
		first []string // the first hits, in this order
		after []string // among the hits, after first
	}{
		{name: "cheapest", q: catalog.Query{Text: "cheapest coffee grinder"},
			order: catalog.AppliedOrder{Sort: catalog.SortPriceAsc, Phrase: "cheapest", TypeFirst: true}, words: "coffee grinder",
			first: grinders("grinder-blade", "grinder-burr", "grinder-pro"), after: []string{"grinder-brush"}},
		{name: "lowest price at the end", q: catalog.Query{Text: "coffee grinder lowest price"},
			order: catalog.AppliedOrder{Sort: catalog.SortPriceAsc, Phrase: "lowest price", TypeFirst: true}, words: "coffee grinder",
			first: grinders("grinder-blade", "grinder-burr", "grinder-pro"), after: []string{"grinder-brush"}},
		{name: "most expensive", q: catalog.Query{Text: "most expensive coffee grinder"},
			order: catalog.AppliedOrder{Sort: catalog.SortPriceDesc, Phrase: "most expensive", TypeFirst: true}, words: "coffee grinder",
			first: grinders("grinder-pro", "grinder-burr", "grinder-blade"), after: []string{"grinder-brush"}},
		{name: "best rated", q: catalog.Query{Text: "best rated coffee grinder"},
			order: catalog.AppliedOrder{Sort: catalog.SortRating, Phrase: "best rated", TypeFirst: true}, words: "coffee grinder",
			first: grinders("grinder-blade", "grinder-burr", "grinder-pro"), after: []string{"grinder-brush"}},
		{name: "top-rated", q: catalog.Query{Text: "top-rated coffee grinder"},
			order: catalog.AppliedOrder{Sort: catalog.SortRating, Phrase: "top - rated", TypeFirst: true}, words: "coffee grinder",
			first: grinders("grinder-blade", "grinder-burr", "grinder-pro"), after: []string{"grinder-brush"}},
		{name: "the sort argument wins", q: catalog.Query{Text: "cheapest coffee grinder", Sort: catalog.SortPriceDesc},
			order: catalog.AppliedOrder{Sort: catalog.SortPriceAsc, Phrase: "cheapest", Overridden: true}, words: "coffee grinder",
			first: grinders("grinder-pro", "grinder-burr", "grinder-blade", "grinder-brush")},
		{name: "relevance given wins too", q: catalog.Query{Text: "cheapest coffee grinder", Sort: catalog.SortRelevance},
			order: catalog.AppliedOrder{Sort: catalog.SortPriceAsc, Phrase: "cheapest", Overridden: true}, words: "coffee grinder",
			after: []string{"grinder-brush"}},
		{name: "newest cannot be given", q: catalog.Query{Text: "newest coffee grinder"},
			order: catalog.AppliedOrder{Sort: catalog.SortNewest, Phrase: "newest", Unsupported: true}, words: "coffee grinder",
			after: []string{"grinder-brush"}},
		{name: "cheapest alone browses by price", q: catalog.Query{Text: "cheapest"},
			order: catalog.AppliedOrder{Sort: catalog.SortPriceAsc, Phrase: "cheapest"},
			first: []string{"apple-juice", "juice", "nestle", "grinder-brush"}},
		{name: "cheap is a bound, not an order", q: catalog.Query{Text: "cheap coffee grinder"}, words: "coffee grinder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = catalog.MaxLimit
			res, err := c.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got catalog.AppliedOrder
			if res.Order != nil {
				got = *res.Order
			}
			if got != tt.order {
				t.Errorf("order %+v, want %+v", got, tt.order)
			}
			if res.Words != tt.words {
				t.Errorf("words %q, want %q", res.Words, tt.words)
			}
			ids := hitIDs(res)
			if len(ids) < len(tt.first) || !slices.Equal(ids[:len(tt.first)], tt.first) {
				t.Errorf("hits %q, want them to start with %q", ids, tt.first)
			}
			for _, id := range tt.after {
				if i := slices.Index(ids, id); i < len(tt.first) {
					t.Errorf("hits %q, want %s among them after %q", ids, id, tt.first)
				}
			}
		})
	}
	// Pages of a search ordered by its words follow on.
	var pages []string
	q := catalog.Query{Text: "cheapest coffee grinder", Limit: 2}
	for {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, hitIDs(res)...)
		if res.NextCursor == "" {
			break
		}
		q.Cursor = res.NextCursor
	}
	if want := []string{"grinder-blade", "grinder-burr", "grinder-pro", "grinder-brush"}; !slices.Equal(pages, want) {
		t.Errorf("pages of 2: %q, want %q", pages, want)
	}
}

// TestSearchBrandSpellings checks that a brand is found however a shopper spells its
// diacritics, apostrophes, ampersands, hyphens and the spaces between its words, both
// ways: a query joined where the brand is split ("loreal", "L'Oréal") and split where
// it is joined ("l'oreal", "Loreal").
func TestSearchBrandSpellings(t *testing.T) {
	c := shopwordsCatalog(t)
	tests := []struct {
		name, query string
		want        []string // the hits, in any order
	}{
		{"joined finds the elided brand, and the joined one", "loreal", []string{"loreal", "plain-cream"}},
		{"elided finds the joined brand too", "l'oreal", []string{"loreal", "plain-cream"}},
		{"elided with its accent", "L'Oréal", []string{"loreal", "plain-cream"}},
		{"joined with a product word", "loreal night cream", []string{"loreal"}},
		{"without the accent", "nestle", []string{"nestle"}},
		{"with the accent", "Nestlé cocoa", []string{"nestle"}},
		{"umlaut and hyphen left out", "haagen dazs", []string{"haagen"}},
		{"umlaut and hyphen written", "Häagen-Dazs ice cream", []string{"haagen"}},
		{"hyphenated brand joined", "haagendazs", []string{"haagen"}},
		{"ampersand left out", "bang olufsen", []string{"bo"}},
		{"ampersand as and", "bang and olufsen headphones", []string{"bo"}},
		{"initials with an ampersand", "b&o", []string{"bo"}},
		{"initials spaced with a product word", "B & O headphones", []string{"bo"}},
		{"letters without an ampersand are no initials", "b o headphones", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.query, Limit: catalog.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !sameSet(got, tt.want) || res.Corrected != "" || res.Relaxed {
				t.Errorf("%q: hits %q (words %q, corrected %q, relaxed %v), want %q as typed", tt.query, got, res.Words, res.Corrected, res.Relaxed, tt.want)
			}
		})
	}
}

// TestSearchColourAndSizeWords checks that a query's colour and size words find the
// products, and variants, whose attributes have them although their titles do not,
// and that a word that is a colour and a product's word still finds that product.
func TestSearchColourAndSizeWords(t *testing.T) {
	c := shopwordsCatalog(t)
	tests := []attrCase{
		{"colour and size", "red hoodie xl", []string{"color red «red»", "size xl «xl»"}, "hoodie", []string{"hoodie-red-xl"}},
		{"colour, the title's or the attribute's", "red hoodie", []string{"color red «red»"}, "hoodie", []string{"hoodie-red-xl", "hoodie-red-m", "hoodie-stripe"}},
		{"a colour of two words", "rose gold hoodie", []string{"color rose gold «rose gold»"}, "hoodie", []string{"hoodie-gold-m"}},
		{"size before its value", "hoodie size xl", []string{"size xl «size xl»"}, "hoodie", []string{"hoodie-red-xl", "hoodie-navy-xl"}},
		{"a shoe size after size", "size 10 running shoes", []string{"size 10 «size 10»"}, "running shoes", []string{"runner-10"}},
		// In a catalog of a few products, "shoe" heading two titles is a type (minSmallType):
		// the query, which no product has every word of, is read as a search for shoes.
		{"a number alone is no size", "10 trail runner shoes", nil, "shoe", []string{"runner-10", "runner-9"}},
		{"size before the word size", "king size duvet", []string{"size king «king size»"}, "duvet", []string{"duvet-king"}},
		{"a sentence's colour is its story", "classic pullover hoodie in red for the winter", nil, "hoodie",
			[]string{"hoodie-red-xl", "hoodie-red-m", "hoodie-navy-xl", "hoodie-gold-m", "hoodie-stripe"}},
		{"a sentence's marked size is read", "classic pullover hoodie for winter size xl", []string{"size xl «size xl»"}, "hoodie",
			[]string{"hoodie-red-xl", "hoodie-navy-xl"}},
		// (After it, the other juices: a page short of products with every word goes on; see TestSearchShortPage.)
		{"a colour that names a product with the next word", "orange juice", nil, "orange juice", []string{"juice", "apple-juice"}},
		{"a colour that is a brand", "navy tote", nil, "navy tote", []string{"navy-brand"}},
		{"a colour alone is a word", "orange", nil, "orange", []string{"juice"}},
		{"a colour value's word is not the colour", "navy blue hoodie", []string{"color navy blue «navy blue»"}, "hoodie", []string{"hoodie-navy-xl"}},
		{"no product of the colour: the words as they were", "orange hoodie", nil, "orange hoodie",
			[]string{"hoodie-red-xl", "hoodie-red-m", "hoodie-navy-xl", "hoodie-gold-m", "hoodie-stripe", "juice"}},
	}
	runAttrCases(t, c, tests)
}

// TestSearchSizeInASizingSystem checks that a size number after the word "size"
// ("boots size 7") meets the sizes a shop writes with their system ("UK 7", "EU 41 /
// UK 7", "US 7"), which titles need not repeat: a UK apparel shop has no bare "7", and
// the number was read as no size at all, so the family showed its first variant (UK 3).
// A number the catalog has in no system, or one without the word "size", stays a word.
func TestSearchSizeInASizingSystem(t *testing.T) {
	c := stockedCatalog(t, []catalog.Product{
		{ID: "boot-uk-3", GroupID: "boot", Title: "Leather Chelsea Boots", Price: usd(12000), Attributes: map[string]string{"size": "UK 3"}},
		{ID: "boot-uk-7", GroupID: "boot", Title: "Leather Chelsea Boots", Price: usd(12000), Attributes: map[string]string{"size": "UK 7"}},
		{ID: "lace-up-41", GroupID: "lace-up", Title: "Lace Up Boots", Price: usd(14000), Attributes: map[string]string{"size": "EU 41 / UK 7"}},
		{ID: "lace-up-42", GroupID: "lace-up", Title: "Lace Up Boots", Price: usd(14000), Attributes: map[string]string{"size": "EU 42 / UK 8"}},
		{ID: "us-boot-7", GroupID: "us-boot", Title: "Hiking Boots", Price: usd(15000), Attributes: map[string]string{"size": "US 7"}},
		{ID: "us-boot-9", GroupID: "us-boot", Title: "Hiking Boots", Price: usd(15000), Attributes: map[string]string{"size": "US 9"}},
		{ID: "scarf", Title: "Wool Scarf", Price: usd(3000)},
	})
	runAttrCases(t, c, []attrCase{
		{"a number in every system the catalog has it in", "boots size 7", []string{"size 7 «size 7»"}, "boots", []string{"boot-uk-7", "lace-up-41", "us-boot-7"}},
		{"a number only one system has", "boots size 42", []string{"size 42 «size 42»"}, "boots", []string{"lace-up-42"}},
		{"a number no system has", "boots size 5", nil, "boots size 5", nil},
		{"a number without the word size is a word", "boots 7", nil, "boots 7",
			[]string{"boot-uk-3", "boot-uk-7", "lace-up-41", "lace-up-42", "us-boot-7", "us-boot-9"}},
		{"the system named", "uk 8 boots", []string{"size uk 8 «uk 8»"}, "boots", []string{"lace-up-42"}},
	})
}

// attrCase is a search whose colour and size words are read (or not) as filters.
type attrCase struct {
	name, query string
	applied     []string // "filter text «phrase»"
	words       string
	want        []string // the hits, in any order
}

// runAttrCases searches c for each case and checks what was read and found, every
// variant listed: the cases are about which products pass.
func runAttrCases(t *testing.T, c *catalog.Catalog, tests []attrCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.query, Limit: catalog.MaxLimit, EveryVariant: true})
			if err != nil {
				t.Fatal(err)
			}
			var applied []string
			for _, f := range res.Applied {
				applied = append(applied, f.Filter+" "+f.Text+" «"+f.Phrase+"»")
			}
			if !slices.Equal(applied, tt.applied) {
				t.Errorf("applied %q, want %q", applied, tt.applied)
			}
			if res.Words != tt.words {
				t.Errorf("words %q, want %q", res.Words, tt.words)
			}
			if got := hitIDs(res); !sameSet(got, tt.want) {
				t.Errorf("hits %q (relaxed %v, corrected %q), want %q", got, res.Relaxed, res.Corrected, tt.want)
			}
		})
	}
}

// TestSearchBrandArgument checks that the brand filter meets brands by the rule query
// words do (foldKey): accents, apostrophes, ampersands, hyphens and case do not count,
// nor the stop words between a brand's words; a brand no spelling names says so.
func TestSearchBrandArgument(t *testing.T) {
	c := shopwordsCatalog(t)
	tests := []struct {
		name, query, brand string
		want               []string // the hits, in any order
		note               string   // a note the result has
	}{
		{name: "as stored", brand: "L'Oréal Paris", want: []string{"loreal"}},
		{name: "upper case, as before", brand: "L'ORÉAL PARIS", want: []string{"loreal"}},
		{name: "joined and unaccented", brand: "loreal paris", want: []string{"loreal"}},
		{name: "the joined brand, not the elided one", brand: "loreal", want: []string{"plain-cream"}},
		{name: "elided names the joined brand", brand: "l'oreal", want: []string{"plain-cream"}},
		{name: "without the accent", brand: "nestle", want: []string{"nestle"}},
		{name: "umlaut and hyphen left out", brand: "haagen dazs", want: []string{"haagen"}},
		{name: "hyphenated brand joined", brand: "HaagenDazs", want: []string{"haagen"}},
		{name: "ampersand as and", brand: "bang and olufsen", want: []string{"bo"}},
		{name: "ampersand left out", brand: "Bang Olufsen", want: []string{"bo"}},
		{name: "with query words", query: "cream", brand: "loreal paris", want: []string{"loreal"}},
		{name: "a brand no spelling names", query: "cream", brand: "Lorael", note: `No brand is called "Lorael".`},
		{name: "part of a brand is no brand, but the note names it", brand: "bang", note: `No brand is called "bang". Brands whose name holds it: "Bang & Olufsen" (give the whole name).`},
		{name: "a later part of a brand", brand: "olufsen", note: `No brand is called "olufsen". Brands whose name holds it: "Bang & Olufsen" (give the whole name).`},
		{name: "too short a part to name a brand by", brand: "ban", note: `No brand is called "ban".`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.query, Brand: tt.brand, Limit: catalog.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !sameSet(got, tt.want) {
				t.Errorf("brand %q: hits %q, want %q", tt.brand, got, tt.want)
			}
			if tt.note != "" && !slices.Contains(res.Notes, tt.note) {
				t.Errorf("brand %q: notes %q, want %q among them", tt.brand, res.Notes, tt.note)
			}
		})
	}
	completions := []struct {
		name, prefix string
		want         []string
	}{
		{"by the brand's key", "Nestlé", []string{"Nestlé"}},
		{"elided, both spellings", "l'o", []string{"L'Oréal Paris", "Loreal"}},
		{"by foldKey, both spellings", "lor", []string{"L'Oréal Paris", "Loreal"}},
		{"without the umlaut", "haagen", []string{"Häagen-Dazs"}},
		{"and as the ampersand", "bang and o", []string{"Bang & Olufsen"}},
		{"nothing", "zz", nil},
	}
	for _, tt := range completions {
		t.Run("complete "+tt.name, func(t *testing.T) {
			got, err := c.CompleteBrands(context.Background(), tt.prefix, 10)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Values, tt.want) || got.Total != len(tt.want) {
				t.Errorf("%q completes to %q (total %d), want %q", tt.prefix, got.Values, got.Total, tt.want)
			}
		})
	}
}

// TestSearchColourAndSizeSpellings checks that sizes meet by their code however the
// feed and the shopper spell them ("XL", "X-Large", "extra large"; "M", "Medium"), and
// a colour word meets a colour of several words that has it ("navy" finds "Navy
// Blue") and its other spelling ("gray" finds "Heather Grey").
func TestSearchColourAndSizeSpellings(t *testing.T) {
	products := []catalog.Product{
		{ID: "tee-xl", GroupID: "tee", Title: "Organic Crew Tee", Price: usd(2000), Attributes: map[string]string{"size": "X-Large", "color": "Navy Blue"}},
		{ID: "tee-m", GroupID: "tee", Title: "Organic Crew Tee", Price: usd(2000), Attributes: map[string]string{"size": "Medium", "color": "Heather Grey"}},
		{ID: "tee-s", GroupID: "tee", Title: "Organic Crew Tee", Price: usd(2000), Attributes: map[string]string{"size": "S", "color": "Red"}},
		{ID: "fleece-xl", GroupID: "fleece", Title: "Polar Fleece Jacket", Price: usd(6000), Attributes: map[string]string{"size": "XL", "color": "Gray"}},
		{ID: "fleece-l", GroupID: "fleece", Title: "Polar Fleece Jacket", Price: usd(6000), Attributes: map[string]string{"size": "Large", "color": "Navy"}},
		{ID: "fleece-m", GroupID: "fleece", Title: "Polar Fleece Jacket", Price: usd(6000), Attributes: map[string]string{"size": "M", "color": "Red"}},
		{ID: "light-bulb", Title: "LED Light Bulb", Price: usd(500)},
		{ID: "lamp", Title: "Reading Lamp", Price: usd(3000), Attributes: map[string]string{"color": "Light Blue"}},
	}
	c := stockedCatalog(t, products)
	runAttrCases(t, c, []attrCase{
		{"size m", "tee size m", []string{"size m «size m»"}, "tee", []string{"tee-m"}},
		{"size medium", "tee size medium", []string{"size medium «size medium»"}, "tee", []string{"tee-m"}},
		{"medium alone", "medium fleece jacket", []string{"size medium «medium»"}, "fleece jacket", []string{"fleece-m"}},
		{"xl meets X-Large", "xl tee", []string{"size xl «xl»"}, "tee", []string{"tee-xl"}},
		{"extra large meets X-Large, in a sentence too", "extra large organic tee", []string{"size extra large «extra large»"}, "organic tee", []string{"tee-xl"}},
		{"x-large meets XL", "polar fleece x-large", []string{"size x large «x large»"}, "polar fleece", []string{"fleece-xl"}},
		{"large meets L, not XL", "large polar fleece", []string{"size large «large»"}, "polar fleece", []string{"fleece-l"}},
		{"navy meets Navy Blue", "navy tee", []string{"color navy «navy»"}, "tee", []string{"tee-xl"}},
		{"navy meets Navy", "navy fleece", []string{"color navy «navy»"}, "fleece", []string{"fleece-l"}},
		{"gray meets Grey", "gray tee", []string{"color gray «gray»"}, "tee", []string{"tee-m"}},
		{"grey meets Gray", "grey fleece", []string{"color grey «grey»"}, "fleece", []string{"fleece-xl"}},
		{"blue meets Navy Blue", "blue crew tee", []string{"color blue «blue»"}, "crew tee", []string{"tee-xl"}},
		{"a colour's word before a product's word names it", "light bulb", nil, "light bulb", []string{"light-bulb"}},
	})
}

// TestSearchOrderWordsTypeFirstPastPool checks that an order read from the words puts
// the products of the type asked for first even when more than a facet sample of other
// matches, which name the type in their descriptions only, come before them in that
// order: the type is taken first over every match, not only over the first ones.
func TestSearchOrderWordsTypeFirstPastPool(t *testing.T) {
	const noise = catalog.FacetCap + 100 // of each kind: past every sample of the order
	products := []catalog.Product{
		{ID: "tent-dome", Title: "Backpacking Dome Tent", Description: "Two-person shelter.", Price: usd(12000), Rating: 4.5, ReviewCount: 80},
		{ID: "tent-cabin", Title: "Family Cabin Tent", Description: "Sleeps six.", Price: usd(30000), Rating: 4.0, ReviewCount: 50},
		{ID: "tent-tunnel", Title: "Ultralight Tunnel Tent", Description: "One-person shelter.", Price: usd(20000), Rating: 4.2, ReviewCount: 60},
	}
	for i := range noise {
		// Cheaper and better rated than any tent, then dearer and worse rated.
		products = append(products,
			catalog.Product{ID: fmt.Sprintf("granola-%d", i), Title: fmt.Sprintf("Trail Granola Bar %d", i),
				Description: "A snack to keep in the tent or the car.", Price: usd(100 + int64(i)), Rating: 5, ReviewCount: 100},
			catalog.Product{ID: fmt.Sprintf("stove-%d", i), Title: fmt.Sprintf("Camp Cook Stove %d", i),
				Description: "Never light it inside a tent.", Price: usd(100000 + int64(i)), Rating: 1, ReviewCount: 3})
	}
	c := stockedCatalog(t, products)
	tests := []struct {
		name      string
		query     string
		first     []string // the first hits, in this order
		typeFirst bool
	}{
		{"cheapest", "cheapest tent", []string{"tent-dome", "tent-tunnel", "tent-cabin", "granola-0"}, true},
		{"most expensive", "most expensive tent", []string{"tent-cabin", "tent-tunnel", "tent-dome", fmt.Sprintf("stove-%d", noise-1)}, true},
		{"best rated", "best rated tents", []string{"tent-dome", "tent-tunnel", "tent-cabin"}, true},
		{"no product of the type: the order alone", "cheapest person", []string{"tent-dome", "tent-tunnel"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.query, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if ids := hitIDs(res); len(ids) < len(tt.first) || !slices.Equal(ids[:len(tt.first)], tt.first) {
				t.Errorf("%q: hits %q, want them to start with %q", tt.query, ids, tt.first)
			}
			if res.Order == nil || res.Order.TypeFirst != tt.typeFirst {
				t.Errorf("%q: order %+v, want TypeFirst %v", tt.query, res.Order, tt.typeFirst)
			}
		})
	}
	// Pages follow on: the tents open the first page only.
	q := catalog.Query{Text: "cheapest tent", Limit: 2}
	var pages []string
	for range 3 {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, hitIDs(res)...)
		q.Cursor = res.NextCursor
	}
	if want := []string{"tent-dome", "tent-tunnel", "tent-cabin", "granola-0", "granola-1", "granola-2"}; !slices.Equal(pages, want) {
		t.Errorf("pages of 2: %q, want %q", pages, want)
	}
}

// TestSearchColourAndSizeGivenUpSaid: when nothing passes the colour and size a query
// asks for, the search takes those words as plain words again and says so, since its
// results may not have them ("black midi dress size 12" where no black one comes in 12);
// a search whose filters found products says nothing of the kind.
func TestSearchColourAndSizeGivenUpSaid(t *testing.T) {
	c := shopwordsCatalog(t)
	for _, tc := range []struct {
		text, note string
	}{
		{"red hoodie size 10", "No product matches with size=10; these results take those words as plain words, and may not have them."},
		{"orange hoodie", ""}, // no colour read: "orange" names a juice
		{"red hoodie xl", ""},
		{"hoodie", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			said := slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, "No product matches with ") })
			if tc.note == "" && said || tc.note != "" && !slices.Contains(res.Notes, tc.note) {
				t.Errorf("notes %q, want %q", res.Notes, tc.note)
			}
		})
	}
}

// TestSearchColourWordLastIsAProductWord checks that a colour word with no word after
// it is read as the colour only when the products whose text has it mostly have that
// colour: in a beauty shop a nail polish shade "Cream of the Crop" makes "cream" a
// colour, yet "cerave cream" asks for CeraVe's cream, not for products in the colour
// cream (read so, "cream" left the words and CeraVe's lotions ranked beside it); a
// clothing word order, "hoodie red", still reads the colour its products have.
func TestSearchColourWordLastIsAProductWord(t *testing.T) {
	products := []catalog.Product{
		{ID: "cerave-cream", Title: "CeraVe Moisturising Cream 454g", Brand: "CeraVe", Price: usd(1650)},
		{ID: "cerave-lotion", Title: "CeraVe Daily Moisturising Lotion 236ml", Brand: "CeraVe", Price: usd(950)},
		{ID: "cerave-eye", Title: "CeraVe Eye Repair Cream 14ml", Brand: "CeraVe", Price: usd(1450)},
		{ID: "nivea-cream", Title: "Nivea Soft Moisturising Cream 200ml", Brand: "Nivea", Price: usd(450)},
		{ID: "hand-cream", Title: "Shea Butter Hand Cream 75ml", Brand: "L'Occitane", Price: usd(1800)},
		{ID: "polish-cream", GroupID: "polish", Title: "Miracle Gel Nail Polish - Cream of the Crop", Brand: "Sally Hansen", Price: usd(1099), Attributes: map[string]string{"colour": "Cream of the Crop"}},
		{ID: "polish-red", GroupID: "polish", Title: "Miracle Gel Nail Polish - Red Eye", Brand: "Sally Hansen", Price: usd(1099), Attributes: map[string]string{"colour": "Red Eye"}},
		{ID: "hoodie-red", GroupID: "hoodie", Title: "Classic Pullover Hoodie", Price: usd(4500), Attributes: map[string]string{"color": "Red"}},
		{ID: "hoodie-navy", GroupID: "hoodie", Title: "Classic Pullover Hoodie", Price: usd(4500), Attributes: map[string]string{"color": "Navy"}},
	}
	c := stockedCatalog(t, products)
	runAttrCases(t, c, []attrCase{
		{"a shade's word last is the product's word", "cerave cream", nil, "cerave cream", []string{"cerave-cream", "cerave-eye"}},
		{"before another product word too", "rose hand cream", nil, "rose hand cream", []string{"hand-cream"}},
		{"a colour its products have, last", "hoodie red", []string{"color red «red»"}, "hoodie", []string{"hoodie-red"}},
		{"a colour its products have, first", "red hoodie", []string{"color red «red»"}, "hoodie", []string{"hoodie-red"}},
	})
	res, err := c.Search(context.Background(), catalog.Query{Text: "cerave cream", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(res); len(ids) == 0 || ids[0] != "cerave-cream" && ids[0] != "cerave-eye" {
		t.Errorf("cerave cream: first hits %q, want a CeraVe cream first", ids)
	}
}

// TestSearchSizeWithEscapedComma checks that a size value holding a comma, as an
// option list writes it ("9\, Wide, 10\, Wide": SplitOptionValues), is read as the
// values it lists: "size 10 wide" finds the made-to-order shoe offered in 10, Wide;
// its parts ("10\", "Wide") are no sizes of it, so "size 10" finds the shoes in size
// 10 alone and not the one only offered in 10, Wide; a size without a comma reads as
// before.
func TestSearchSizeWithEscapedComma(t *testing.T) {
	c := stockedCatalog(t, []catalog.Product{
		{ID: "made-wide", Title: "Handmade Leather Shoes", Price: usd(20000), Attributes: map[string]string{"size": `9\, Wide, 10\, Wide`}},
		{ID: "made-10", Title: "Handmade Leather Shoes", Price: usd(20000), Attributes: map[string]string{"size": "9, 10, 11"}},
		{ID: "made-slash", Title: "Handmade Leather Shoes", Price: usd(20000), Attributes: map[string]string{"size": "EU 44 / UK 10"}},
		{ID: "scarf", Title: "Wool Scarf", Price: usd(3000)},
	})
	runAttrCases(t, c, []attrCase{
		{"a value with an escaped comma", "leather shoes size 10 wide", []string{"size 10 wide «size 10 wide»"}, "leather shoes", []string{"made-wide"}},
		{"its parts are no size of it", "leather shoes size 10", []string{"size 10 «size 10»"}, "leather shoes", []string{"made-10", "made-slash"}},
		{"a list without escapes", "leather shoes size 11", []string{"size 11 «size 11»"}, "leather shoes", []string{"made-10"}},
	})
}
