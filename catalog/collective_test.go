package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchCollectiveHead holds collectiveRest: in a makers' shop with no category
// column (crafts and camping, titles and tags only), a query whose last word names a
// group of things by what they are for ("supplies", "gear", "tools": the vocabulary's
// "collective:" words) that no product has every word of, or that finds nothing as
// typed, is searched for its other words, with a note; a group the catalog has
// nothing of stays empty, a query whose words find products is unchanged, a group
// word after "for" is not the head, and a vocabulary without the line reads the word
// as before.
func TestSearchCollectiveHead(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, title, desc string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Tags: tags, Price: usd(1999)})
	}
	for i, m := range []string{"Moss", "Oat", "Sky", "Rust"} {
		add(fmt.Sprint("yarn", i), "Hand Dyed Merino Yarn Skein, "+m, "Fingering weight, 400 m.", "knitting", "yarn")
		add(fmt.Sprint("needles", i), m+" Bamboo Knitting Needles, 5 mm", "Smooth points, 40 cm.", "knitting")
		add(fmt.Sprint("carve", i), m+" Hook Knife for Spoon Carving", "A bent blade for hollowing spoons.", "woodcarving", "whittling", "carving knife")
		add(fmt.Sprint("multi", i), m+" Pocket Multi Tool", "Pliers, saw, screwdrivers.", "camp tools", "multitool")
		add(fmt.Sprint("trowel", i), m+" Forged Garden Trowel", "Hand forged in our workshop.", "garden tools", "gardening")
		add(fmt.Sprint("jacket", i), m+" Waxed Cotton Rain Jacket", "Stays dry in a downpour.", "rain gear", "rain jacket")
		add(fmt.Sprint("bag", i), m+" Down Sleeping Bag", "Warm to 20F.", "sleeping gear", "sleeping bag")
		add(fmt.Sprint("bottle", i), m+" Enamel Water Bottle, 750 ml", "Keeps water cool.", "hydration", "water bottle")
		add(fmt.Sprint("filter", i), m+" Squeeze Water Filter", "Clean water anywhere.", "hydration", "water filter")
	}
	ids := func(prefixes ...string) []string {
		var out []string
		for _, p := range prefixes {
			for i := range 4 {
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
		first      []string // the first hit is one of these; none for nothing
		note       bool     // the note that the group word was read so
	}{
		// Before: nothing, "The catalog sells no "supplies"".
		{"a word no product has, after a word of titles", "knitting supplies", ids("yarn", "needles"), true},
		// Before: nothing, the products with both words read as other things.
		{"a word a title heads as another thing", "woodcarving tools", ids("carve"), true},
		// Before: nothing, "The catalog sells no "gear"".
		{"a word only labels say, after a word only labels say", "whittling gear", ids("carve"), true},
		// Before: the kinds of product that most often have "knitting" and "gear": the
		// sleeping bags the shop labels "sleeping gear" first.
		{"no product has every word", "knitting gear", ids("yarn", "needles"), true},
		{"no product has every word, with a price", "water gear under $30", ids("bottle", "filter"), true},
		{"the other words name nothing sold", "skydiving gear", nil, false},
		{"a group the shop labels so", "rain gear", ids("jacket"), false},
		{"a group its products have every word of", "garden tools", ids("trowel"), false},
		{"one word alone", "gear", ids("jacket", "bag"), false},
		{"a group word after for", "knife for woodcarving tools", ids("carve"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			searchFirstOf(t, c, tc.text, tc.first)
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			noted := false
			for _, n := range res.Notes {
				noted = noted || strings.Contains(n, "read as a group of things")
			}
			if noted != tc.note {
				t.Errorf("%q: notes %q, want the group note: %v", tc.text, res.Notes, tc.note)
			}
		})
	}

	t.Run("the next page reads the same words", func(t *testing.T) {
		first, err := c.Search(ctx, catalog.Query{Text: "knitting supplies", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if first.NextCursor == "" || len(first.Hits) != 2 {
			t.Fatalf("first page %q, cursor %q: want 2 hits and a cursor", hitIDs(first), first.NextCursor)
		}
		next, err := c.Search(ctx, catalog.Query{Text: "knitting supplies", Limit: 2, Cursor: first.NextCursor})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, id := range append(hitIDs(first), hitIDs(next)...) {
			if seen[id] {
				t.Errorf("%s on both pages", id)
			}
			seen[id] = true
		}
		if len(seen) != 4 {
			t.Errorf("pages %q then %q: want four knitting products", hitIDs(first), hitIDs(next))
		}
	})

	// A vocabulary whose only collective word is "supplies" (SetVocabulary replaces
	// the built-in one): "gear" is read as before, a thing the catalog does not sell.
	t.Run("a vocabulary without the word", func(t *testing.T) {
		v, err := catalog.ParseVocabulary("collective: supplies\n")
		if err != nil {
			t.Fatal(err)
		}
		plain := openCatalog(t)
		if _, err := plain.Upsert(ctx, fixtureSellers, ps); err != nil {
			t.Fatal(err)
		}
		plain.SetVocabulary(v)
		searchFirstOf(t, plain, "knitting supplies", ids("yarn", "needles"))
		searchFirstOf(t, plain, "whittling gear", nil)
	})
}
