package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchWeakRest holds what a short query finds when a word of it is in no
// product's title and the one word left, in the head's place, heads no product's
// title: nothing, with that word as a suggestion ("wine glasses" is no kettle with a
// glass lid; "prescription sunglasses", through the synonym "shades", no toaster with
// shade settings). A word left that heads titles, one that is not the last, or a
// phrase with a stop word keeps the products that have the words it can, as does a
// word that is the last step of a category ("shoes" of "Apparel & Accessories >
// Shoes", whose titles say "Trail Runner").
func TestSearchWeakRest(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	for i := range 3 {
		products = append(products,
			catalog.Product{ID: fmt.Sprint("toaster", i), SellerID: "hearth", Title: fmt.Sprintf("Whirla %d-Slice Toaster, 6 Shade Settings", 2+2*i), Price: usd(2999)},
			catalog.Product{ID: fmt.Sprint("kettle", i), SellerID: "hearth", Title: fmt.Sprintf("Brewmate 1.%dL Electric Kettle, Glass, Black", 5+i), Price: usd(3999)},
			// A shop's titles that name no type its category does not ("Trail Runner").
			catalog.Product{ID: fmt.Sprint("shoe", i), SellerID: "hearth", Title: fmt.Sprintf("Brooks Trail Runner BR-%d", 100+i),
				Category: "Apparel & Accessories > Shoes", Price: usd(8999)},
		)
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		want       string // a product ID among the hits; "" for none
		suggest    string // with want "": a suggestion the result must carry
	}{
		{"a description word left", "wine glasses", "", "glasses"},
		{"a synonym's word left", "prescription sunglasses", "", "sunglasses"},
		{"a type left", "whistling kettle", "kettle0", ""},
		{"not the last word left", "glass tumblers", "kettle0", ""},
		{"a phrase with a stop word", "glasses for wine", "kettle0", ""},
		{"a category's last step left", "running shoes", "shoe0", ""},
		{"a category's first step left", "leather apparel", "", "apparel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tt.want == "" {
				if len(got) > 0 || !slices.Contains(res.Suggestions, tt.suggest) {
					t.Errorf("%q: hits %q, suggestions %q; want none and the suggestion %q (notes %q)", tt.text, got, res.Suggestions, tt.suggest, res.Notes)
				}
				return
			}
			if !slices.Contains(got, tt.want) || !res.Relaxed {
				t.Errorf("%q: hits %q, relaxed %v; want %s among relaxed hits (notes %q)", tt.text, got, res.Relaxed, tt.want, res.Notes)
			}
		})
	}
}
