package catalog_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchCodeAfterHead holds that a brand and a code a query says after the thing
// it asks for, with no "for", name what the thing is for, as they would after "for":
// "hanger cannondel caad13" asks for the hangers (the two made for the CAAD13 first,
// then the brand's own), not the CAAD13 bikes whose own code it is; the head is the
// thing's word, not the brand's. A code before the thing, or of a product of the type
// asked for, still names that product.
func TestSearchCodeAfterHead(t *testing.T) {
	var ps []catalog.Product
	add := func(id, title, brand, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: "Bike part.", Category: cat, Price: usd(2999)})
	}
	for _, size := range []string{"S", "M", "L"} {
		add("caad-"+size, "Cannondel CAAD13 Road Bike - "+size, "Cannondel", "Cycling > Bicycles")
		add("marlin-"+size, "Trak Marlin 7 Mountain Bike - "+size, "Trak", "Cycling > Bicycles")
	}
	hangers := "Cycling > Bicycle Parts > Frame Parts"
	add("pilo", "Pilo D642 Derailleur Hanger Compatible with Cannondel CAAD13", "Pilo", hangers)
	add("north", "North Shore Billet Hanger #46 - Fits Cannondel CAAD13", "North Shore", hangers)
	add("topstone", "Cannondel Topstone 2 Derailleur Hanger", "Cannondel", hangers)
	add("marlin-hanger", "Trak Marlin 7 Derailleur Hanger", "Trak", hangers)
	add("contend", "Giont Contend 3 Derailleur Hanger", "Giont", hangers)
	add("rack", "Cannondel Topstone 2 Rear Rack", "Cannondel", "Cycling > Bicycle Accessories > Racks")
	searchShopCases(t, ps, []accessoryCase{
		{"brand and code after the thing", "hanger cannondel caad13",
			[]string{"{pilo north}", "topstone"}},
		{"code after the thing's words", "derailleur hanger caad13",
			[]string{"pilo", "{topstone marlin-hanger contend north}"}},
		{"code before the thing names it", "caad13 road bike",
			[]string{"{caad-S caad-M caad-L}"}},
	})
}
