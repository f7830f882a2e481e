package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchConsumableShapes times Search on the shapes cat4's rules read, in a
// 6,000-product shop of branded machines and the parts named for them by code, tents
// and hammocks and the parts named for them by model ("Tree Straps for Cairn 3"),
// titles that end with their maker ("… by Ridgeback"), and products that share the
// models' names: a brand's name and a word
// no product has (madeForBrandWord), a type and a word no product has where only the
// models' names say what the parts are for (madeForModels), a head made for a type
// the other words name when few products have every word (the page going on with
// that type), and a plain query, the floor. It uses only Search, so the same file
// runs on a build without the rules.
// go test -run '^$' -bench BenchmarkSearchConsumableShapes ./catalog
func BenchmarkSearchConsumableShapes(b *testing.B) {
	brands := []string{"Kelvo", "Marlo", "Papyra", "Inkora", "Vantora", "Brewster"}
	models := []string{"Cairn", "Willow", "Juniper", "Aspen", "Birch", "Cedar"}
	kinds := []struct{ title, brand string }{
		{"%[1]s KV-%[3]d Espresso Machine", "b"}, {"%[1]s Water Filter for %[1]s KV-%[3]d", "b"},
		{"%[1]s MB-%[3]d Countertop Blender", "b"}, {"Replacement Jar for %[1]s MB-%[3]d", "b"},
		{"%[2]s %[3]d Person Tent by Ridgeback", ""}, {"Tent Stakes for %[2]s %[3]d by Ridgeback", ""},
		{"Rain Fly for %[2]s %[3]d", ""}, {"%[2]s Day Pack, %[3]dL", ""},
		{"%[2]s Rechargeable Headlamp %[3]d", ""}, {"Enamel Kettle, Batch %[3]d", ""},
		{"%[2]s %[3]d Camping Hammock", ""}, {"Tree Straps for %[2]s %[3]d", ""},
	}
	var ps []catalog.Product
	for i := range 6000 {
		k := kinds[i%len(kinds)]
		br := brands[(i/len(kinds))%len(brands)]
		m := models[(i/len(kinds))%len(models)]
		n := i/len(kinds)/len(brands) + 1
		p := catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: fmt.Sprintf(k.title, br, m, n),
			Description: "Made to last.", Price: usd(int64(1000 + i%50*100))}
		if k.brand != "" {
			p.Brand = br
		}
		ps = append(ps, p)
	}
	benchSearchShapes(b, ps, []searchShape{
		{"brand_word", "kelvo refill"},
		{"models", "hammock extras"},
		{"type_fill", "stakes for cairn 3 tent"},
		{"plain", "enamel kettle"},
	})
}
