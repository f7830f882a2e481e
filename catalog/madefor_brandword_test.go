package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchMadeForBrandWord holds madeForBrandWord: a short query of a brand's name
// and a last word no product has ("kelvo spares") asks for what is made for the
// brand's own things — the filters named by the codes of its espresso machines —
// before the machines, and the brand's, not another brand's. A query whose words are
// all known, whose unknown word comes first, is a number, or names a brand nothing
// is made for keeps the reading it had.
func TestSearchMadeForBrandWord(t *testing.T) {
	ctx := context.Background()
	var ps []catalog.Product
	add := func(id, brand, title string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "volt", Brand: brand, Title: title, Price: usd(2999)})
	}
	for i := range 3 {
		kv := fmt.Sprintf("KV-2%d0", i)
		add(fmt.Sprint("kelvo-machine", i), "Kelvo", "Kelvo "+kv+" Espresso Machine, 15 Bar")
		add(fmt.Sprint("kelvo-filter", i), "Kelvo", "Kelvo Water Filter for Kelvo "+kv)
		mb := fmt.Sprintf("MB-1%d", i)
		add(fmt.Sprint("marlo-blender", i), "Marlo", "Marlo "+mb+" Countertop Blender, 1200W")
		add(fmt.Sprint("marlo-jar", i), "Marlo", "Replacement Jar for Marlo "+mb+", 64 oz")
		add(fmt.Sprint("blue-blender", i), "Blue Peak", fmt.Sprintf("Blue Peak BP-%d00 Personal Blender", i+2))
		add(fmt.Sprint("blue-jar", i), "Blue Peak", fmt.Sprintf("Blue Peak To-Go Cup for Blue Peak BP-%d00 Blender, 20 oz", i+2))
		add(fmt.Sprint("sonora-speaker", i), "Sonora", fmt.Sprintf("Sonora Wave %d Bluetooth Speaker", i+2))
	}
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		first      string // the first hit's ID prefix
		madeFor    bool   // read as what is made for the brand's things
	}{
		// Before: the Kelvo espresso machines first (the unknown word dropped).
		{"the brand's part named by its machine's code", "kelvo spares", "kelvo-filter", true},
		{"another brand's parts stay out", "marlo spares", "marlo-jar", true},
		{"a brand of two words", "blue peak consumables", "blue-jar", true},
		{"every word known", "kelvo espresso", "kelvo-machine", false},
		{"the unknown word first", "spares kelvo", "kelvo-machine", false},
		{"a number last", "kelvo 90000", "kelvo-machine", false},
		{"nothing made for the brand's type", "sonora spares", "sonora-speaker", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if len(got) == 0 || !strings.HasPrefix(got[0], tc.first) {
				t.Errorf("%q: hits %q, want a %s first (notes %q)", tc.text, got, tc.first, res.Notes)
			}
			if hasNote(res, "what is made for") != tc.madeFor {
				t.Errorf("%q: notes %q, want the brand's made-for reading %v", tc.text, res.Notes, tc.madeFor)
			}
		})
	}
}
