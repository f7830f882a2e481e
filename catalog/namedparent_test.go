package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchNamedParentShortPage holds that a short page of an accessory asked for a
// named thing goes on with the other accessories of its kind, as a shorter query's
// short page does: a number before the thing's head word, or after "for", names what
// the accessory is for, not the product ("tab 8 sleeve", "sleeve for tab 8"; both fail
// with namedByNumber's old reading), while a number after the head still names the
// product and keeps the page precise ("tab 8": the products of that model alone). The
// names of four and five words guard the title rule's bounds (many words a title has
// whole are a product's name): this small catalog reads none of them as a sentence, so
// they pass with the rule off too; a sentence with filler words keeps its reading (the
// product it names alone).
func TestSearchNamedParentShortPage(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: strings.Fields(title)[0], Description: "Ships in two days.", Category: cat, Price: usd(2499)})
	}
	add("tab8", "Lumo Tab 8 Tablet, 64GB", "Electronics > Tablets")
	add("tab10", "Lumo Tab 10 Tablet, 128GB", "Electronics > Tablets")
	add("sleeve8", "Lumo Tab 8 Sleeve, Grey", "Electronics > Tablet Accessories")
	add("sleeve10", "Kasso Sleeve for Lumo Tab 10, Black", "Electronics > Tablet Accessories")
	add("sleeve11", "Kasso Felt Sleeve for Tablets up to 11 inch", "Electronics > Tablet Accessories")
	add("nova", "Aurora Nova Smartphone", "Electronics > Phones")
	add("luna", "Aurora Luna Smartphone", "Electronics > Phones")
	add("glassnova", "Shieldo Tempered Glass Protector for Aurora Nova", "Electronics > Phone Accessories")
	add("glassluna", "Shieldo Tempered Glass Protector for Aurora Luna", "Electronics > Phone Accessories")
	add("glassmini", "Shieldo Tempered Glass Protector for Pixo Mini", "Electronics > Phone Accessories")
	add("casenova", "Aurora Nova Silicone Case", "Electronics > Phone Accessories")
	add("caseluna", "Aurora Luna Silicone Case", "Electronics > Phone Accessories")
	add("casemini", "Kasso Silicone Case for Pixo Mini", "Electronics > Phone Accessories")
	for i, g := range []string{"Sono Wireless Earbuds", "Chargo USB-C Wall Charger", "Cablo USB-C Cable 2m", "Powro Power Bank 10000mAh", "Klicko Bluetooth Mouse"} {
		for j := range 3 {
			add(g+string(rune('a'+i))+string(rune('a'+j)), g+" "+string(rune('A'+j)), "Electronics > Accessories")
		}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the hits the page opens with, a run in braces in any order
		then       []string // hits that must follow them
		never      []string // hits that must not be on the page
	}{
		{"a number before the head names what it is for: the other sleeves follow", "tab 8 sleeve",
			[]string{"sleeve8"}, []string{"sleeve10", "sleeve11"}, nil},
		{"a number after for names what it is for: the other sleeves follow", "sleeve for tab 8",
			[]string{"sleeve8"}, []string{"sleeve10", "sleeve11"}, nil},
		{"a number after the head names the product: that model alone", "tab 8",
			[]string{"{tab8 sleeve8}"}, nil, []string{"tab10", "sleeve10", "sleeve11"}},
		{"many words a title has whole are its name: the other protectors follow", "tempered glass protector for aurora nova",
			[]string{"glassnova"}, []string{"glassluna", "glassmini"}, nil},
		{"a name of four words without for: the other protectors follow", "aurora nova tempered glass protector",
			[]string{"glassnova"}, []string{"glassluna", "glassmini"}, nil},
		{"four words a title has whole: the other cases follow", "aurora nova silicone case",
			[]string{"casenova"}, []string{"caseluna", "casemini"}, nil},
		{"five words a title has whole: the other cases follow", "silicone case for pixo mini",
			[]string{"casemini"}, []string{"casenova", "caseluna"}, nil},
		{"a sentence with filler words is searched as written: the case alone", "i am looking for a silicone case for my pixo mini",
			[]string{"casemini"}, nil, []string{"casenova", "caseluna"}},
		{"a sentence no title has whole keeps its reading: no sleeve", "i am looking for a case because my pixo mini keeps falling",
			nil, nil, []string{"sleeve8", "sleeve10", "tab8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, tc.then, tc.never)
		})
	}
}

// TestSearchArticleAfterFor holds that an article after "for" is no filler word that
// makes a product's name a sentence (onlyArticlesDropped): "liner for the heron 35
// sleeping bag", whose words one title has whole, goes on with the other liners as
// the query without "the" does, where it stopped at the one liner (in a shop of
// 1,000 products or more, where four words read as a sentence).
func TestSearchArticleAfterFor(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, tags string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Tags: strings.Split(tags, ", "), Price: usd(2499)})
	}
	// A feed without categories, its kinds in tags, as the outdoor dev shop's.
	add("liner-heron", "Heron 35°F Sleeping Bag Liner", "A sleeping bag liner made to fit the Heron 35°F.", "sleeping bag liner, sleep system")
	add("liner-cirque", "Sleeping Bag Liner for Cirque 20°F", "A sleeping bag liner made to fit the Cirque 20°F.", "sleeping bag liner, sleep system")
	add("liner-harbor", "Harbor 15°F Bag Liner", "A bag liner made to fit the Harbor 15°F.", "bag liner, sleep system")
	add("bag-heron", "Heron 35°F Sleeping Bag", "A 35°F sleeping bag made for thru-hiking.", "sleeping bag, sleep system")
	add("bag-talus", "Talus 35°F Sleeping Bag", "A 35°F sleeping bag made for weekend trips.", "sleeping bag, sleep system")
	add("poncho", "Heron Rain Poncho", "Our everyday rain poncho.", "poncho, rain gear")
	add("pack", "Heron 40L Backpack", "A backpack built for overlanding.", "backpack, gear storage")
	add("socks", "Timber Liner Wool Socks", "Merino liner socks.", "socks")
	for i := range 1000 { // a shop of a thousand products or more reads four words as a sentence
		add(fmt.Sprint("mug", i), fmt.Sprint("Enamel Camp Mug No. ", i), "A mug for the trail.", "camp kitchen")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text  string
		first, then []string
	}{
		{"without an article", "liner for heron 35 sleeping bag", []string{"liner-heron"}, []string{"liner-cirque"}},
		{"an article after for", "liner for the heron 35 sleeping bag", []string{"liner-heron"}, []string{"liner-cirque"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, tc.then, nil)
		})
	}
}
