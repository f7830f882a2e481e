package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchHeldThingNamesPart holds that an accessory word after a compound is read
// as what holds the compound only when no title has the two together: "gooseneck
// french press filter", which no product has every word of, asks for the French press
// filters (titles say "French Press Filter"), not for the French presses and mugs
// named with "french press"; "french press holder", which no title has, still reads
// the products named with "french press" that go with it first, not the capsule holder.
func TestSearchHeldThingNamesPart(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: strings.Fields(title)[0], Description: "Ships in two days.", Category: cat, Price: usd(2499)})
	}
	const coffee = "Kitchen > Coffee"
	for i, name := range []string{"Brewa", "Kafo", "Moka", "Presso"} {
		add("maker"+string(rune('a'+i)), name+" French Press Coffee Maker, 1L", coffee)
	}
	add("mug", "Brewa French Press Travel Mug", coffee)
	for i, name := range []string{"Brewa", "Kafo", "Moka"} {
		add("cozy"+string(rune('a'+i)), name+" French Press Cozy, Wool", coffee)
	}
	add("stand", "Kafo French Press Drip Stand", coffee)
	add("filter1", "Brewa French Press Filter Screens, 3 Pack", coffee)
	add("filter2", "Kafo Replacement French Press Filter", coffee)
	add("kettle", "Stainless Gooseneck Kettle", coffee)
	add("paper", "Brewa Paper Coffee Filters, 100 Count", coffee)
	add("capsules", "Moka Capsule Holder, Wall Mounted", coffee)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the hits the page opens with, a run in braces in any order
		never      []string // hits that must not be on the page
	}{
		{"the compound and the head in one title: the part is asked for", "gooseneck french press filter",
			[]string{"{filter1 filter2}"}, nil},
		{"a word no product has and the part in one title: the part is asked for", "metal french press filter",
			[]string{"{filter1 filter2}"}, nil},
		{"no title has the compound and the head: the things named with it", "french press holder",
			[]string{"{mug cozya cozyb cozyc stand}"}, []string{"capsules"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, nil, tc.never)
		})
	}
}
