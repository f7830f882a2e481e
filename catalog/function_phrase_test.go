package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchFunctionPhrase holds what a query that names a thing by what it does
// finds (functionPhrase): the type that does it, when the shop sells it — by the name
// the verb gives ("shreds paper": paper shredder; "makes toast": toaster), or by a
// "does:" line of the vocabulary ("open wine": corkscrew) — first, with a note; and
// the query read as before when the shop sells no such thing, the words are no such
// phrase, or they are a sentence (whose needs and type vote read it).
func TestSearchFunctionPhrase(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		for i := range 3 {
			products = append(products, catalog.Product{ID: fmt.Sprint(id, i), SellerID: "hearth", Title: fmt.Sprintf(title, i+1), Description: desc, Price: usd(2999)})
		}
	}
	add("toaster", "Crumbly %d Slice Toaster", "Makes golden toast from thick bread.")
	add("coffee", "Brewmate %d Cup Coffee Maker", "A machine for fresh coffee every morning.")
	add("shredder", "Snipwell %d Sheet Paper Shredder", "Cross cut, for home offices.")
	add("corkscrew", "Vintner %d Waiter's Corkscrew", "Opens any bottle of wine.")
	add("clipper", "Barberline %d Hair Clippers", "Cordless, with 8 guards.")
	add("sharpener", "Edgewise %d Knife Sharpener", "Two stage, for kitchen knives.")
	add("mug", "Potter %d Coffee Mug", "A mug that keeps your coffee warm.")
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit
		note       string // a note's words; "" for no note of a thing read by what it does
	}{
		{"the thing made plus -er", "machine that makes toast", "toaster", "toaster"},
		{"what it makes before maker", "machine that makes coffee", "coffee", "coffee maker"},
		{"the verb's agent noun after its object", "device that shreds paper", "shredder", "paper shredder"},
		{"an object in the plural", "tool for sharpening knives", "sharpener", "knife sharpener"},
		{"a does: line", "tool to open wine", "corkscrew", "corkscrew"},
		{"a does: line, the verb in -ing", "gadget for cutting hair", "clipper", "hair clipper"},
		{"a thing the shop does not sell", "machine that makes ice", "", ""},
		{"no link between the thing and the verb", "coffee machine", "coffee", ""},
		{"a sentence, left to the sentence's reading", "something for cutting hair", "clipper", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tt.first != "" && (len(got) == 0 || !strings.HasPrefix(got[0], tt.first)) {
				t.Errorf("%q found %q (notes %q); want a %s first", tt.text, got, res.Notes, tt.first)
			}
			read := ""
			for _, n := range res.Notes {
				if strings.Contains(n, "the thing that does what the query says") {
					read = n
				}
			}
			if tt.note == "" && read != "" || tt.note != "" && !strings.Contains(read, tt.note) {
				t.Errorf("%q: notes %q, want one reading it as %q", tt.text, res.Notes, tt.note)
			}
		})
	}
}
