package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchUnknownThingAfterType holds what a type's name followed by a word no
// product has finds (unknownAfterType): nothing, with the type's word suggested, when
// the word reads as a word, the catalog has neither it nor a synonym the vocabulary
// knows for it and makes nothing for the type ("kettle whistle": a part of stove-top kettles, which the shop
// does not sell); the type's products when the word is in their descriptions, when the
// word is keys struck at random, and the things made for the type when there are some.
func TestSearchUnknownThingAfterType(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(3999)})
	}
	for i := range 3 {
		add(fmt.Sprint("kettle", i), fmt.Sprintf("Brewmate BK-%d 1.7L Electric Kettle", 10+i), "Boil-dry protection.")
		add(fmt.Sprint("toaster", i), fmt.Sprintf("Toastique %d Slice Toaster", 2+2*i), "Fits thick bagels and artisan bread.")
		add(fmt.Sprint("rccar", i), fmt.Sprintf("Zoomrunner ZR-%d High Speed RC Car, 4WD", 20+i), "Runs on grass, gravel and sand.")
		add(fmt.Sprint("rcbattery", i), fmt.Sprintf("Wattly 1500mAh Li-ion Battery for Zoomrunner ZR-%d RC Car", 20+i), "Doubles the run time.")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
	}{
		{"a part the shop does not sell", "kettle whistle", ""},
		{"a product used with the type", "toaster limescale", ""},
		// "descaler" is a term of the built-in vocabulary (a limescale remover), of
		// which the shop has no term: knowing the word does not make it sold.
		{"a thing the vocabulary knows and the shop does not sell", "kettle descaler", ""},
		{"a word of the type's descriptions", "toaster bagels", "toaster"},
		{"keys struck at random", "kettle xqzvbnm", "kettle"},
		{"a word for what the shop makes for the type", "rc car lipo", "rcbattery"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.first != "" {
				wantSearchFirst(t, c, tt.text, tt.first)
				return
			}
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); len(got) > 0 {
				t.Errorf("%q: hits %q, want none (notes %q)", tt.text, got, res.Notes)
			}
		})
	}
}
