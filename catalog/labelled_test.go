package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchShopLabelFirst holds labelled: among the products of one tier, those a tag
// of which is the query word for word (by word key: "packs" is "Pack") come first —
// the shop's own label for what was asked, where titles use the word for another
// thing too (the "Dog Pack", tagged "dog pack", of `packs`). A tier still comes
// first (the rain cover tagged "packs" stays after the packs), a category word of the
// vocabulary's kinds: lines keeps its kinds' reading (the bottles tagged "water
// treatment" do not come before the filters), and a query of three words is unchanged.
func TestSearchShopLabelFirst(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, title, desc string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Tags: tags, Price: usd(8999)})
	}
	for i, m := range []string{"Summit", "Alpine", "Ridge"} {
		add(fmt.Sprint("dog", i), m+" Dog Pack", "Saddlebags for your dog.", "dog pack", "dog gear")
		add(fmt.Sprint("trek", i), m+" 65L Expedition Trekking Pack", "Carries a week of food, with a hip belt and a frame.", "packs", "backpack")
		add(fmt.Sprint("filter", i), m+" Gravity Water Filter, 4L", "Removes bacteria.", "hydration")
		add(fmt.Sprint("bottle", i), m+" Steel Water Bottle", "Keeps water cold.", "water treatment", "hydration")
	}
	add("cover", "Rain Cover for Trekking Pack", "Fits 50-70L packs.", "packs", "rain cover")
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	treks := []string{"trek0", "trek1", "trek2"}
	for _, tc := range []struct {
		name, text string
		first      []string
	}{
		// Before: the dog packs, shorter titles with the word.
		{"a label titles use for another thing too", "packs", treks},
		{"a label in the singular", "pack", treks},
		{"a category word of kinds: lines", "water treatment", []string{"filter0", "filter1", "filter2"}},
		{"three words", "summit dog pack", []string{"dog0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			searchFirstOf(t, c, tc.text, tc.first)
		})
	}
	res, err := c.Search(ctx, catalog.Query{Text: "packs"})
	if err != nil {
		t.Fatal(err)
	}
	ids := hitIDs(res)
	for i, id := range ids {
		if id == "cover" && i < 3 {
			t.Errorf("packs: the rain cover (an accessory, labelled packs) at %d of %q, want after the packs", i, ids)
		}
	}
}
