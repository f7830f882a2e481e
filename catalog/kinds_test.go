package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchCategoryKinds holds withKinds: in a maker's shop whose feed has no
// category column (jewellery, pottery and kitchen things, titles and tags only), a
// query headed by a category word of the vocabulary's "kinds:" lines also finds the
// kinds of product under it that the catalog has, ranked as the type asked for; a
// head of two words ("water treatment") is one category; the head before "for" counts;
// the word's synonyms are kept; a category word the titles are headed by names that
// type; and a vocabulary without the lines reads the words as before.
func TestSearchCategoryKinds(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, title, desc string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Tags: tags, Price: usd(2999)})
	}
	for i, m := range []string{"Willow", "Fern", "Birch"} {
		add(fmt.Sprint("ring", i), m+" Sterling Silver Stacking Ring", "Hand stamped, sized to order.", "handmade", "gift for her")
		add(fmt.Sprint("necklace", i), m+" Gold Bar Necklace", "14k gold fill, 18 inch chain.", "handmade", "layering")
		add(fmt.Sprint("earrings", i), m+" Silver Hoop Earrings", "Lightweight hoops in sterling silver.", "handmade", "minimalist")
		add(fmt.Sprint("mug", i), m+" Enamel Camp Mug", "Speckled enamel, 12 oz.", "kitchen", "silver rim")
		add(fmt.Sprint("pot", i), m+" Enamel Stock Pot, 5 qt", "Heavy enamel on steel.", "kitchen")
		add(fmt.Sprint("kettle", i), m+" Enamel Whistling Kettle", "For the stove top.", "kitchen")
		add(fmt.Sprint("filter", i), m+" Gravity Water Filter, 4 L", "Removes bacteria and protozoa.", "hydration")
		add(fmt.Sprint("bottle", i), m+" Steel Water Bottle", "Keeps water cold all day.", "hydration", "treatment free")
		add(fmt.Sprint("strip", i), m+" LED Strip Lighting, 5 m", "Warm white strip lighting for shelves.", "lights")
		add(fmt.Sprint("lamp", i), m+" Ceramic Table Lamp", "Glazed stoneware base, linen shade.", "lamps")
	}
	ids := func(prefixes ...string) []string {
		var out []string
		for _, p := range prefixes {
			for i := range 3 {
				out = append(out, fmt.Sprint(p, i))
			}
		}
		return out
	}
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the first hits are all of these
		n          int      // how many first hits are checked
	}{
		{"a material and a category", "silver jewelry", ids("ring", "earrings"), 6},
		{"a category alone, its synonym typed", "jewellery", ids("ring", "necklace", "earrings"), 9},
		{"a material and a category of kinds some of which share it", "enamel cookware", ids("pot", "kettle"), 6},
		{"a category of two words", "water treatment", ids("filter"), 3},
		{"the head before for", "cookware for the stove", ids("kettle"), 1},
		{"a category the titles head", "strip lighting", ids("strip"), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if len(got) < tc.n {
				t.Fatalf("%q: hits %q, want at least %d (notes %q)", tc.text, got, tc.n, res.Notes)
			}
			for _, id := range got[:tc.n] {
				if !contains(tc.first, id) {
					t.Errorf("%q: hits %q, want the first %d among %q (notes %q)", tc.text, got, tc.n, tc.first, res.Notes)
					break
				}
			}
		})
	}

	t.Run("a vocabulary without kinds", func(t *testing.T) {
		plain := openCatalog(t)
		if _, err := plain.Upsert(ctx, fixtureSellers, ps); err != nil {
			t.Fatal(err)
		}
		v, err := catalog.ParseVocabulary("kinds: cookware => kettle\n")
		if err != nil {
			t.Fatal(err)
		}
		plain.SetVocabulary(v)
		searchFirstOf(t, plain, "silver jewelry", nil)
		searchFirstOf(t, plain, "enamel cookware", ids("kettle"))
		res, err := plain.Search(ctx, catalog.Query{Text: "enamel cookware"})
		if err != nil {
			t.Fatal(err)
		}
		if got := hitIDs(res); len(got) < 3 || !contains(ids("kettle"), got[1]) || !contains(ids("kettle"), got[2]) {
			t.Errorf("enamel cookware, kinds kettle only: hits %q, want the three kettles first", got)
		}
	})

	t.Run("a type's word alone in the plural", func(t *testing.T) {
		// "hats" names the class: the shop's beanies are hats too, though no title
		// says so. "hat" and "sun hat" ask for the titles' own hats.
		var hs []catalog.Product
		for i, m := range []string{"Canyon", "Pika", "Cairn"} {
			for _, p := range []struct{ id, title string }{
				{"hat", m + " Sun Hat"}, {"beanie", m + " Wool Beanie"}, {"hatchet", m + " Forged Hatchet"}, {"sock", m + " Wool Hiking Socks"},
			} {
				hs = append(hs, catalog.Product{ID: fmt.Sprint(p.id, i), SellerID: "hearth", Title: p.title, Description: "Made for the trail.", Price: usd(2999)})
			}
		}
		hc := openCatalog(t)
		if _, err := hc.Upsert(ctx, fixtureSellers, hs); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			text    string
			first   []string // the first hits, in any order
			without []string // never among the hits
		}{
			{"hats", ids("hat", "beanie"), nil},
			{"hat", ids("hat"), ids("beanie")},
			{"sun hats", ids("hat"), ids("beanie")},
		} {
			res, err := hc.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if len(got) < len(tc.first) {
				t.Fatalf("%q: hits %q, want %q first (notes %q)", tc.text, got, tc.first, res.Notes)
			}
			for _, id := range got[:len(tc.first)] {
				if !contains(tc.first, id) {
					t.Errorf("%q: hits %q, want %q first (notes %q)", tc.text, got, tc.first, res.Notes)
					break
				}
			}
			for _, id := range got {
				if contains(tc.without, id) {
					t.Errorf("%q: hits %q, want none of %q (notes %q)", tc.text, got, tc.without, res.Notes)
					break
				}
			}
		}
		// Without a kinds line for "hat", "hats" is the hats alone.
		v, err := catalog.ParseVocabulary("kinds: cookware => kettle\n")
		if err != nil {
			t.Fatal(err)
		}
		hc.SetVocabulary(v)
		res, err := hc.Search(ctx, catalog.Query{Text: "hats"})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range hitIDs(res) {
			if contains(ids("beanie"), id) {
				t.Errorf("hats, no kinds of hat: hits %q, want no beanie", hitIDs(res))
				break
			}
		}
	})

	t.Run("lines the parser refuses", func(t *testing.T) {
		for _, line := range []string{"kinds: cookware", "kinds: => pot", "kinds: camp cook ware => pot"} {
			if _, err := catalog.ParseVocabulary(line + "\n"); err == nil {
				t.Errorf("%q parsed; want an error", line)
			}
		}
	})
}
