package catalog_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchVocabularyTerms holds what the built-in vocabulary's phrases and senses
// find in a shop that names things its own way: a phrase whose words titles say apart
// is searched by its words ("rc car battery"); a phrase no title says, whose words
// some product has with their own synonyms, likewise ("watch wristband"); an
// accessory asked for by a synonym comes before the thing it is for ("sd card for
// action camera"); a word's sense follows the query's other words ("printer refill",
// "stapler refill"); and a phrase for a thing the shop does not sell finds nothing,
// though the shop has one of its words ("coffee grinder" among coffee makers).
func TestSearchVocabularyTerms(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Price: usd(2999)})
	}
	for i := range 3 {
		add(fmt.Sprint("rccar", i), fmt.Sprintf("Zoomrunner ZR-%d High Speed RC Car, 4WD, 2 Rechargeable Batteries", 10+i))
		add(fmt.Sprint("rcbattery", i), fmt.Sprintf("Wattly 1200mAh Li-ion Battery for Zoomrunner ZR-%d RC Car", 10+i))
		add(fmt.Sprint("camera", i), fmt.Sprintf("Pixalto PX-%d Action Camera 4K60, Waterproof, Wide Angle", 20+i))
		add(fmt.Sprint("card", i), fmt.Sprintf("Stratadisk %dGB microSDXC Memory Card with Adapter", 64<<i))
		add(fmt.Sprint("watch", i), fmt.Sprintf("Vantora VN-%d Smart Watch 44mm, Heart Rate", 30+i))
		add(fmt.Sprint("band", i), fmt.Sprintf("Sport Bands Compatible with Vantora VN-%d Watch, Soft Silicone", 30+i))
		add(fmt.Sprint("printer", i), fmt.Sprintf("Inkora IK-%d All-in-One Wireless Inkjet Printer", 40+i))
		add(fmt.Sprint("ink", i), fmt.Sprintf("Inkora IK-%dXL Black Ink Cartridge for Inkora IK-%d", 40+i, 40+i))
		add(fmt.Sprint("stapler", i), fmt.Sprintf("Markit Desktop Stapler, %d Sheet Capacity", 20+5*i))
		add(fmt.Sprint("staples", i), fmt.Sprintf("Markit Standard Staples 26/6, %d Count", 1000*(i+1)))
		add(fmt.Sprint("coffee", i), fmt.Sprintf("Brewmate %d-Cup Programmable Coffee Maker, Glass Carafe", 10+2*i))
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
	}{
		{"a phrase whose words titles say apart", "rc car battery", "rcbattery"},
		{"a phrase no title says, its words with synonyms in one", "watch wristband", "band"},
		{"the accessory before the thing it is for", "sd card for action camera", "card"},
		{"a sense from the query's other words", "printer refill", "ink"},
		{"another sense of the same word", "stapler refill", "staples"},
		{"a thing the shop does not sell", "coffee grinder", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.first != "" {
				wantFirst(t, c, tt.text, tt.first)
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
