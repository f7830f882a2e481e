package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchWeakRest holds what a short query that no product has every word of finds
// when its head (its last word) names no product of the catalog: nothing, with the
// words products have as suggestions. A head products have that heads no title ("wine
// glasses" is no kettle with a glass lid; "prescription sunglasses", through the
// synonym "shades", no toaster with shade settings), or that heads fewer titles than
// another thing that has it ("phone case", where earbuds have a charging case, one
// sleeve is a case, and "phone" is in a kettle's description); a head no product has
// after a word that is no type and that titles say as a feature, not in their names
// ("glass tumblers"), or after a type when descriptions have the head but never with
// the type ("kettle traps", where toasters' crumb trays trap crumbs). A head that
// names a type keeps the products with the words it can ("whistling kettle"), as does
// a head no product has after a type ("kettle jug": something for a kettle) or after a
// word of most of its titles' names ("electric jug": another name for an electric
// kettle; "wireless buds", the end of "earbuds"), and a phrase with a stop word
// ("glasses for wine"), whose head is elsewhere. After a word of the titles' names that
// is a thing's name, not a quality, a head no product has in any field is another thing
// ("yoga carrier", as "coffee grinder" where only coffee makers are sold), as is a word
// of the vocabulary no product has in any field by any of its names ("yoga raincoat").
// An accessory word after a word that the titles having it say only after their names,
// and that is no type and no quality, names another thing ("glass sleeve", as "gift
// card" where plush toys are a "Gift for Kids").
// A head in the names of most titles that have it names them too ("fitness tracker":
// "Activity Tracker Watch").
// A word that is the last step of a category names products too ("shoes" of
// "Apparel & Accessories > Shoes", whose titles say "Trail Runner").
func TestSearchWeakRest(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	for i := range 3 {
		products = append(products,
			catalog.Product{ID: fmt.Sprint("toaster", i), SellerID: "hearth", Title: fmt.Sprintf("Whirla %d-Slice Toaster, 6 Shade Settings", 2+2*i),
				Description: "The crumb tray traps crumbs.", Price: usd(2999)},
			catalog.Product{ID: fmt.Sprint("kettle", i), SellerID: "hearth", Title: fmt.Sprintf("Brewmate 1.%dL Electric Kettle, Glass, Black", 5+i),
				Description: "Boils while you check your phone.", Price: usd(3999)},
			catalog.Product{ID: fmt.Sprint("earbuds", i), SellerID: "hearth", Title: fmt.Sprintf("Orbisound Wireless Earbuds %d, Charging Case", i), Price: usd(4999)},
		)
	}
	products = append(products, catalog.Product{ID: "sleeve", SellerID: "hearth", Title: "Deskwell Laptop Sleeve Case 15 Inch", Price: usd(1999)})
	for i := range 3 {
		products = append(products,
			catalog.Product{ID: fmt.Sprint("tracker", i), SellerID: "hearth", Title: fmt.Sprintf("Pacewise Activity Tracker Watch %d", i), Price: usd(5999)},
			catalog.Product{ID: fmt.Sprint("yogamat", i), SellerID: "hearth", Title: fmt.Sprintf("Stretchly Yoga Mat %d", i), Category: "Sports > Fitness", Price: usd(2999)},
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
		{"a head mostly said of another thing", "phone case", "", "case"},
		{"an unknown head after no type", "glass tumblers", "", "glass"},
		{"a head said of other things than the type", "kettle traps", "", "kettle"},
		{"a type left", "whistling kettle", "kettle0", ""},
		{"an unknown head after a type", "kettle jug", "kettle0", ""},
		{"an unknown head after a word of the titles' names", "electric jug", "kettle0", ""},
		{"a head neither products nor the vocabulary know, after a type and another word", "black kettle application", "", "kettle"},
		{"a head the vocabulary knows, after a type and another word", "black kettle jug", "kettle0", ""},
		{"a head no product has after a thing's name", "yoga carrier", "", "yoga"},
		{"a vocabulary word no product has, nor another name of it", "yoga raincoat", "", "yoga"},
		{"an accessory word after a word titles say only after their names", "glass sleeve", "", "glass"},
		{"an accessory word after a word of the titles' names: kept", "electric sleeve", "kettle0", ""},
		{"the end of a joined word of the titles after a quality", "wireless buds", "earbuds0", ""},
		{"a phrase with a stop word", "glasses for wine", "kettle0", ""},
		{"a head that names its titles", "laptop case", "sleeve", ""},
		{"a head in the names of its titles", "fitness tracker", "tracker0", ""},
		{"a category's last step left", "running shoes", "shoe0", ""},
		{"a category's first step left: the shop sells apparel", "leather apparel", "shoe0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { searchHitOrNothing(t, c, tt.text, tt.want, tt.suggest) })
	}
}

// searchHitOrNothing searches c for text and wants the product want among the hits,
// or, when want is "", no hits and suggest among the suggestions; it returns the result.
func searchHitOrNothing(t *testing.T, c *catalog.Catalog, text, want, suggest string) catalog.Result {
	t.Helper()
	res, err := c.Search(context.Background(), catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	if want == "" {
		if len(got) > 0 || res.Total != 0 || !slices.Contains(res.Suggestions, suggest) {
			t.Errorf("%q: hits %q (total %d), suggestions %q; want none and the suggestion %q (notes %q)", text, got, res.Total, res.Suggestions, suggest, res.Notes)
		}
		return res
	}
	if !slices.Contains(got, want) {
		t.Errorf("%q: hits %q; want %s among them (notes %q)", text, got, want, res.Notes)
	}
	return res
}
