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
	ps := benchShop(6000, bikes, []benchKind{
		{title: "Kemc X%[2]d Chain %[2]d Speed 116 Links", brand: "Kemc"},
		{title: "Shimo CN-%[2]d %[2]d-Speed Chain", brand: "Shimo"},
		{title: "Wet Chain Lube, Batch %[2]d", brand: "Finish"},
		{title: "Derailleur Hanger for %s %d", brand: "Pilo"},
		{title: "Cannondel %s%d Road Bike", brand: "Cannondel"},
		{title: "Replacement Brake Pads Shimo L%[2]d5A - 105", brand: "Shimo"},
		{title: "Shimo B%[2]d5S Resin Disc Brake Pads for Deore", brand: "Shimo"},
		{title: "Enamel Kettle, Batch %[2]d", brand: "Hearth"},
	})
	for i := range ps {
		ps[i].Category = "Cycling > Parts"
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

// benchKind is a kind of product of a benchmark's shop: its title, a format whose
// first argument is a model's name and whose second is a number, its brand and its
// one tag.
type benchKind struct{ title, brand, tags string }

// benchShop returns n products of kinds, in turn, each titled after one of models
// and a number that grows as the kinds and models come round again.
func benchShop(n int, models []string, kinds []benchKind) []catalog.Product {
	var ps []catalog.Product
	for i := range n {
		k := kinds[i%len(kinds)]
		m := models[(i/len(kinds))%len(models)]
		p := catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: fmt.Sprintf(k.title, m, i/len(kinds)/len(models)+1),
			Brand: k.brand, Description: "Made to last.", Price: usd(int64(1000 + i%50*100))}
		if k.tags != "" {
			p.Tags = []string{k.tags}
		}
		ps = append(ps, p)
	}
	return ps
}
