package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// labelShop is a shop whose feed keeps no category (an Etsy export, a plain
// sheet): what group a product is in is said only by its tags ("rain gear", "packs",
// "dog gear"), and one word of a group's tags is also a word of another thing's title
// ("Waterproof Map Case", "Rain Cover for …").
func labelShop(t *testing.T) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Tags: tags,
			Description: "Made in our workshop. Ships in 2-3 days.", Price: usd(5999)})
	}
	for i, m := range []string{"Scree", "Talus", "Cirque"} {
		add(fmt.Sprint("jacket", i), m+" 3 Layer Waterproof Jacket", "rain gear", "waterproofs", "hiking")
		add(fmt.Sprint("trousers", i), m+" Full Zip Rain Pants", "rain gear", "waterproofs")
		add(fmt.Sprint("poncho", i), m+" Packable Poncho", "rain gear", "waterproofs", "festival")
		add(fmt.Sprint("bivy", i), m+" Waterproof Bivy Sack", "shelter", "backpacking")
		add(fmt.Sprint("knife", i), m+" Carbon Steel Bushcraft Knife", "bushcraft", "knife")
		add(fmt.Sprint("trowel", i), m+" Backcountry Trowel", "camp tools", "trowel")
		add(fmt.Sprint("hatchet", i), m+" Forged Hatchet", "camp tools", "hatchet")
		add(fmt.Sprint("bottle", i), m+" Steel Water Bottle", "hydration")
		add(fmt.Sprint("filter", i), m+" Squeeze Water Filter", "water treatment")
		add(fmt.Sprint("backpack", i), m+" 40L Trekking Pack", "packs", "gear storage", "hiking")
		add(fmt.Sprint("drybag", i), m+" Roll Top Dry Bag", "packs")
		add(fmt.Sprint("dogpack", i), m+" Dog Pack", "dog pack", "dog gear")
		add(fmt.Sprint("bowl", i), m+" Collapsible Dog Bowl", "dog gear")
	}
	// A shop past the small shop's size (1,000 products), where a query is read as in
	// any catalog: the rest of its range, each kind with its own tag.
	for i := range 1000 {
		kind := []string{"Enamel Mug", "Camp Stove", "Headlamp", "Sleeping Bag", "Trekking Poles", "Camp Chair", "Fire Starter", "Compass"}[i%8]
		add(fmt.Sprint("more", i), fmt.Sprintf("Model %d %s", i, kind), strings.ToLower(kind))
	}
	add("multitool", "Cairn Multi Tool", "multi tool")
	add("mapcase", "Waterproof Map Case", "navigation")
	add("cover", "Rain Cover for Talus 40L Trekking Pack", "packs")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSearchShopLabels holds that a catalog with no categories reads its tags as the
// shop's labels for its groups: words the tags give several kinds of product stand for
// those kinds as category words do (categoryTypes over the tags' keys, labelKeys), so
// "waterproofs" finds the jackets, trousers and ponchos so labelled before the bivies
// whose titles say "Waterproof"; of the types they stand for, those given the label
// whole come first (wholeLabelled: "packs" finds the trekking packs tagged "packs"
// before the dog packs, tagged "dog pack"); a head no product has anywhere is still not
// sold.
func TestSearchShopLabels(t *testing.T) {
	c := labelShop(t)
	rain := "{jacket0 jacket1 jacket2 trousers0 trousers1 trousers2 poncho0 poncho1 poncho2}"
	for _, tc := range []struct {
		name, text string
		want       []string // the first hits, in order; a run in braces may come in any order
		none       bool     // nothing found, with a note
	}{
		{"a label's one word, which other kinds' titles say", "waterproofs", []string{rain}, false},
		{"a label's words", "rain gear", []string{rain}, false},
		{"a label whole, whose word heads another kind's titles", "packs", []string{"{backpack0 backpack1 backpack2}"}, false},
		{"a head no product has", "dog stairs", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tc.none {
				if len(got) > 0 {
					t.Errorf("%q: hits %q, want none (notes %q)", tc.text, got, res.Notes)
				}
				return
			}
			if len(got) == 0 || slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "sells no") }) {
				t.Fatalf("%q: hits %q, notes %q: read as a thing not sold", tc.text, got, res.Notes)
			}
			if len(tc.want) > 0 {
				n := len(strings.Fields(strings.Trim(tc.want[0], "{}")))
				if len(got) < n || !inOrder(got[:n], tc.want) {
					t.Errorf("%q: hits %q, want %q first (notes %q)", tc.text, got, tc.want, res.Notes)
				}
			}
		})
	}
}
