package catalog_test

import (
	"context"
	"fmt"
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

// TestSearchForSizedTarget holds that "X for Y" of four words whose Y has a size, and
// whose words no title has together ("tube for 29x2.35 tyre"), a sentence only by its
// count of words in a shop of 1,000 products or more, is read by the types its words
// stand for with X's type first: the tubes of that size, not the tyres its other words
// vote for (every tyre's description says "tube").
func TestSearchForSizedTarget(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(899)})
	}
	for _, brand := range []string{"Velo", "Roda"} {
		for _, v := range []string{"Presta", "Schrader"} {
			id := brand + "-" + v[:1]
			add("tube-700-"+id, brand+" 700x25-32c "+v+" Valve Bike Tube", "Butyl.", "Bike Parts > Tubes")
			add("tube-29-"+id, brand+" 29x2.1-2.4 "+v+" Valve Bike Tube", "Butyl.", "Bike Parts > Tubes")
		}
	}
	for i, size := range []string{"29x2.25", "29x2.4", "29x2.5", "29x2.6", "27.5x2.4", "700x25c", "700x28c", "700x32c"} {
		add(fmt.Sprint("tyre-", i), "Knobbly "+size+" MTB Tyre", "Runs with a tube or tubeless.", "Bike Parts > Tyres")
	}
	for i := range 1000 { // past smallCatalog, where four words are a sentence
		add(fmt.Sprint("light-", i), fmt.Sprint("Beam Front Light for Handlebars, Style ", i), "Bright.", "Bike Accessories > Lights")
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	tubes29 := "{tube-29-Velo-P tube-29-Velo-S tube-29-Roda-P tube-29-Roda-S}"
	searchAccessoryCases(t, c, []accessoryCase{
		{"X for Y, a size in Y: the Xs of that size first", "tube for 29x2.35 tyre", []string{tubes29}},
		{"the same with an article after for", "tube for a 29x2.35 tyre", []string{tubes29}},
	})
}
