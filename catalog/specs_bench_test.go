package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchAccessorySpecs times Search on the accessory shapes cat9's rules read,
// in a 6,000-product bike parts shop: a count and its unit before the thing ("8 speed
// chain", a short page going on with the thing's other counts), a brand and a code
// after the thing ("hanger cannondel caad13"), parts titled with their brand and code
// after the thing ("105 brake pads": "Replacement Brake Pads Shimo L05A - 105"), and a
// plain query, the floor. It uses only Search, so the same file runs on a build without
// the rules. go test -run '^$' -bench BenchmarkSearchAccessorySpecs ./catalog
func BenchmarkSearchAccessorySpecs(b *testing.B) {
	bikes := []string{"Marlin", "Topstone", "Contend", "Domane", "Talon", "Caad"}
	kinds := []struct{ title, brand string }{
		{"Kemc X%[2]d Chain %[2]d Speed 116 Links", "Kemc"},
		{"Shimo CN-%[2]d %[2]d-Speed Chain", "Shimo"},
		{"Wet Chain Lube, Batch %[2]d", "Finish"},
		{"Derailleur Hanger for %s %d", "Pilo"},
		{"Cannondel %s%d Road Bike", "Cannondel"},
		{"Replacement Brake Pads Shimo L%[2]d5A - 105", "Shimo"},
		{"Shimo B%[2]d5S Resin Disc Brake Pads for Deore", "Shimo"},
		{"Enamel Kettle, Batch %[2]d", "Hearth"},
	}
	var ps []catalog.Product
	for i := range 6000 {
		k := kinds[i%len(kinds)]
		m := bikes[(i/len(kinds))%len(bikes)]
		ps = append(ps, catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: fmt.Sprintf(k.title, m, i/len(kinds)/len(bikes)+1),
			Brand: k.brand, Description: "Made to last.", Category: "Cycling > Parts", Price: usd(int64(1000 + i%50*100))})
	}
	for _, p := range []struct{ id, title, brand string }{
		{"x8", "Kemc X8 Chain 8 Speed 116 Links", "Kemc"},
		{"caad13", "Cannondel CAAD13 Road Bike", "Cannondel"},
		{"caad13-hanger", "Pilo D642 Derailleur Hanger Compatible with Cannondel CAAD13", "Pilo"},
	} {
		ps = append(ps, catalog.Product{ID: p.id, SellerID: "hearth", Title: p.title, Brand: p.brand, Description: "Made to last.", Category: "Cycling > Parts", Price: usd(5999)})
	}
	benchSearchShapes(b, ps, []searchShape{
		{"count_unit", "8 speed chain"},
		{"brand_code_after", "hanger cannondel caad13"},
		{"brand_code_in_titles", "105 brake pads"},
		{"plain", "enamel kettle"},
	})
}
