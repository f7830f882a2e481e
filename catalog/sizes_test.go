package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchSizes holds the reading of sizes written with a decimal point or as a
// range (readSizes): the tokenizer splits "27.5x2.1-2.4" into "27", "5x2", "1", "2",
// "4", so a query's "27.5" or "700x38c" met none of the tubes a shop sells for it.
func TestSearchSizes(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Butyl rubber, 40 g.", Category: cat, Price: usd(899)})
	}
	for _, v := range []string{"Presta 48mm", "Schrader 35mm"} {
		valve := v[:1]
		add("tube-700-2532-"+valve, "Velo 700x25-32c Inner Tube "+v, "Bike Parts > Tubes")
		add("tube-700-3543-"+valve, "Velo 700x35-43c Inner Tube "+v, "Bike Parts > Tubes")
		add("tube-275-"+valve, "Velo 27.5x2.1-2.4 Inner Tube "+v, "Bike Parts > Tubes")
		add("tube-29-"+valve, "Velo 29x2.1-2.4 Inner Tube "+v, "Bike Parts > Tubes")
	}
	add("tyre-700-32", "Grip 700x32c Road Tyre", "Bike Parts > Tyres")
	add("tyre-700-38", "Grip 700x38c Touring Tyre", "Bike Parts > Tyres")
	add("tyre-275", "Knobbly MTB Tyre, 27.5x2.4 Folding", "Bike Parts > Tyres")
	add("tyre-29", "Knobbly MTB Tyre, 29x2.25 Folding", "Bike Parts > Tyres")
	add("bottle", "Velo 0.75 L Water Bottle", "Bike Accessories > Bottles")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"a wheel size with a decimal point meets a title's size of two measures", "27.5 tube schrader", []string{"tube-275-S"}},
		{"a decimal wheel size alone finds every product of that size", "27.5 tube", []string{"{tube-275-P tube-275-S}"}},
		{"a size of two measures meets the range that holds it", "700x38c inner tube", []string{"{tube-700-3543-P tube-700-3543-S}"}},
		{"a range's end holds the size", "tubes for 700x32c tyres", []string{"{tube-700-2532-P tube-700-2532-S}"}},
		{"a decimal second measure meets the range that holds it", "29x2.35 tube", []string{"{tube-29-P tube-29-S}"}},
		{"a size a title gives exactly still finds it", "700x32c tyre", []string{"tyre-700-32"}},
		{"a decimal that is no size", "0.75 bottle", []string{"bottle"}},
	})
}
