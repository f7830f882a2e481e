package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchTypesShortPageGoesOn holds that a query read by the types its words stand
// for (no product has every word) whose page of those types is short goes on with the
// products that have any of its words, of the page's department, as a plain ranking
// of the words would: after the guylines, the Willow products they are asked for.
func TestSearchTypesShortPageGoesOn(t *testing.T) {
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(2999)})
	}
	for i, tent := range []string{"Cascade", "Juniper", "Cairn"} {
		add(fmt.Sprint("lines-", i), "Reflective Guylines for "+tent+" Tent", "A set of 4 lines.", "Outdoor > Tent Accessories")
	}
	add("willow-tent", "Willow 4 Person Family Tent", "Sleeps four.", "Outdoor > Tents")
	add("willow-print", "Willow 4 Tent Footprint", "Fits the tent.", "Outdoor > Tent Accessories")
	for i := range 1000 { // the rest of the shop, another department; past smallCatalog, whose "X for Y" that no X says reads as the Xs alone
		add(fmt.Sprint("mug-", i), fmt.Sprint("Enamel Camp Mug, Style ", i), "Holds tea.", "Kitchen > Mugs")
	}
	searchShopCases(t, ps, []accessoryCase{
		{"the types' page, then the products with the other words", "guylines for willow 4", []string{"{lines-0 lines-1 lines-2}", "{willow-tent willow-print}"}},
	})
}
