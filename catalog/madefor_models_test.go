package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchMadeForModels holds madeForModels: a short query of a type and a word no
// product has ("tent extras") asks for what is made for the type; where the shop names
// its parts by the models' names ("Rain Fly for Cairn" beside the "Cairn 3 Person
// Tent") and no part says the type, those parts come first — not another part of the
// same word made for something else (compression straps beside the hammocks' tree
// straps). A first word that most of the type's titles share ("Camping" of every
// stove) is no model's name, and the unknown word first keeps the query's reading.
func TestSearchMadeForModels(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, title string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "volt", Brand: "Ridgeback", Title: title, Price: usd(4999)})
	}
	add("tent-cairn", "Cairn 3 Person Tent")
	add("tent-spruce", "Spruce 2 Person Tent")
	add("tent-willow", "Willow 4 Person Tent")
	add("fly-cairn", "Rain Fly for Cairn")
	add("fly-willow", "Rain Fly for Willow")
	add("footprint-spruce", "Footprint for Spruce, Ground Sheet")
	add("footprint-cairn", "Footprint for Cairn, Ground Sheet")
	add("hammock-ember", "Ember Single Hammock")
	add("hammock-saddle", "Saddle Double Hammock")
	add("hammock-thistle", "Thistle Bug Net Hammock")
	add("straps-ember", "Tree Straps for Ember")
	add("straps-saddle", "Tree Straps for Saddle")
	add("straps-thistle", "Tree Straps for Thistle")
	add("straps-comp1", "Compression Straps, Set of 2")
	add("straps-comp2", "Compression Straps, Set of 4")
	add("stove-a", "Camping Stove, Alpha")
	add("stove-b", "Camping Stove, Beta")
	add("stove-c", "Camping Stove, Gamma")
	add("screen-a", "Windscreen for Camping, Aluminium")
	add("screen-b", "Windscreen for Camping, Titanium")
	add("screen-c", "Windscreen for Camping, Steel")
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      []string // the first hits' ID prefixes, in any order
		madeFor    bool     // read as what is made for the type
	}{
		// Before: the tents (the unknown word dropped).
		{"parts named by the models' names", "tent extras", []string{"fly-", "footprint-"}, true},
		// Before: the hammocks.
		{"only the straps made for the models", "hammock extras", []string{"straps-ember", "straps-saddle", "straps-thistle"}, true},
		// The windscreens "for Camping" are not made for the stoves: no made-for reading
		// (the query finds nothing, as before).
		{"a first word most titles share is no model", "stove extras", nil, false},
		{"the unknown word first", "extras tent", []string{"tent-"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tc.first == nil {
				for _, id := range got {
					if strings.HasPrefix(id, "screen-") {
						t.Errorf("%q: hits %q, want no windscreen (notes %q)", tc.text, got, res.Notes)
					}
				}
				if hasNote(res, "made for") {
					t.Errorf("%q: notes %q, want no made-for reading", tc.text, res.Notes)
				}
				return
			}
			n := len(tc.first)
			if tc.first[0] == "fly-" || len(tc.first) == 1 {
				n = 3
			}
			if len(got) < n {
				t.Fatalf("%q: hits %q, want at least %d (notes %q)", tc.text, got, n, res.Notes)
			}
			for _, id := range got[:n] {
				ok := false
				for _, p := range tc.first {
					ok = ok || strings.HasPrefix(id, p)
				}
				if !ok {
					t.Errorf("%q: hits %q, want the first %d among %q (notes %q)", tc.text, got, n, tc.first, res.Notes)
					break
				}
			}
			if hasNote(res, "made for") != tc.madeFor {
				t.Errorf("%q: notes %q, want the made-for reading %v", tc.text, res.Notes, tc.madeFor)
			}
		})
	}
}
