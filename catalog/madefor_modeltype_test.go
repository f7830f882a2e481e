package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchModelFor holds the reading of "X for Y" where Y names a product the shop
// sells by its model and no X says it (modelFor): the Xs made for that product's type
// first ("Cassette for Direct Drive Trainers" for the Kicko Core trainer), then the
// model itself and the products of its line (what else is made for it), then the
// head's other products; never a product that shares only a word of the model ("Rapho
// Core Jersey"). Not when no X says the type (the words are relaxed as before), nor
// when the words after "for" name only types.
func TestSearchModelFor(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: strings.Fields(title)[0], Description: "Made to last.", Category: cat, Price: usd(4999)})
	}
	add("core", "Kicko Core Smart Turbo Trainer", "Cycling > Trainers")
	add("snap", "Kicko Snap Smart Turbo Trainer", "Cycling > Trainers")
	add("flux", "Tacxo Flux Smart Turbo Trainer", "Cycling > Trainers")
	add("riser", "Kicko Riser Ring", "Cycling > Trainers > Trainer Accessories")
	add("cover", "Sweat Cover for Kicko", "Cycling > Trainers > Trainer Accessories")
	add("ddcassette", "Shimo 105 Cassette for Direct Drive Trainers", "Cycling > Trainers > Trainer Accessories")
	for i, r := range []string{"11-28T", "11-30T", "11-32T", "11-34T"} {
		add(fmt.Sprintf("cas%d", i+1), "Shimo CS-R7000 11-Speed Cassette "+r, "Cycling > Parts > Cassettes")
	}
	for i := range 3 {
		add(fmt.Sprintf("chain%d", i+1), fmt.Sprintf("Kamo X%d Chain 116 Links", i+8), "Cycling > Parts > Chains")
		add(fmt.Sprintf("jersey%d", i+1), fmt.Sprintf("Rapho Core Jersey - Size %d", i+1), "Apparel > Jerseys")
		add(fmt.Sprintf("bike%d", i+1), fmt.Sprintf("Treko Road Bike %d", i+1), "Cycling > Bikes")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text        string
		first, then, none []string
		read              bool // read as things for the model's type
	}{
		{"a model after for: the Xs for its type, the model's line, then the other Xs", "cassette for kicko core",
			[]string{"ddcassette", "core", "{riser cover snap}"}, []string{"cas1", "cas2"}, []string{"jersey1", "flux"}, true},
		{"no X says the model's type: relaxed as before", "chain for kicko core",
			nil, nil, nil, false},
		{"only types after for: no model named", "cassette for road bike",
			nil, nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, tc.then, tc.none)
			read := strings.Contains(strings.Join(res.Notes, " "), "made for a")
			if read != tc.read {
				t.Errorf("%q: read as things for the model's type %v, want %v (hits %q, notes %q)", tc.text, read, tc.read, hitIDs(res), res.Notes)
			}
			if tc.read && (res.Total != len(res.Hits) || res.NextCursor != "") {
				t.Errorf("%q: total %d, cursor %q for %d hits", tc.text, res.Total, res.NextCursor, len(res.Hits))
			}
		})
	}
}
