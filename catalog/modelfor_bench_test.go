package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchModelFor times Search on the accessory shapes cat8's rules read, in a
// 6,000-product shop of trainers, their parts and other parts, tagged: "X for Y" where
// Y names a model of another type and no X says it (modelFor), a brand after the
// thing's words whose short page goes on with the brand's products (anyWordTail), a
// short page that goes on with the products tagged as its own are (pageTypeTag), and
// a plain query, the floor. It uses only Search, so the same file runs on a build
// without the rules. go test -run '^$' -bench BenchmarkSearchModelFor ./catalog
func BenchmarkSearchModelFor(b *testing.B) {
	models := []string{"Kickr", "Neo", "Flux", "Strada", "Bordo", "Ember"}
	kinds := []struct{ title, brand, tags string }{
		{"%s Core %d Smart Turbo Trainer", "Wahoo", "turbo trainer"},
		{"Sweat Cover for %s %d", "Wahoo", "trainer accessory"},
		{"%s Riser Ring %d", "Wahoo", "trainer accessory"},
		{"Shimano 11-Speed Cassette 11-%[2]dT", "Shimano", "cassette"},
		{"Tacx %s %d Smart Trainer", "Tacx", "turbo trainer"},
		{"Nubuck Protector Spray %[2]d", "Fernway", "waterproofing spray"},
		{"Waterproofing Spray for Boots %[2]d", "Fernway", "waterproofing spray"},
		{"%s %d Rain Boots", "Fernway", "rain boots"},
		{"Enamel Kettle, Batch %[2]d", "Hearth", "kitchen"},
	}
	var ps []catalog.Product
	for i := range 6000 {
		k := kinds[i%len(kinds)]
		m := models[(i/len(kinds))%len(models)]
		ps = append(ps, catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: fmt.Sprintf(k.title, m, i/len(kinds)/len(models)+1),
			Brand: k.brand, Description: "Made to last.", Tags: []string{k.tags}, Price: usd(int64(1000 + i%50*100))})
	}
	for _, p := range []struct{ id, title, brand, tags string }{
		{"dd", "Shimano 105 Cassette for Direct Drive Trainers", "Shimano", "trainer accessory"},
		{"axle", "Thru Axle Adapter Kit for Neo 2T", "Tacx", "trainer accessory"},
		{"suede1", "Suede & Nubuck Protector Spray", "Fernway", "waterproofing spray"},
		{"suede2", "Essential Suede & Nubuck Protector Spray", "Fernway", "waterproofing spray"},
	} {
		ps = append(ps, catalog.Product{ID: p.id, SellerID: "hearth", Title: p.title, Brand: p.brand, Description: "Keeps boots dry.", Tags: []string{p.tags}, Price: usd(5999)})
	}
	benchSearchShapes(b, ps, []searchShape{
		{"model_for", "cassette for kickr core"},
		{"brand_after", "thru axle adapter tacx neo"},
		{"type_tag", "suede boot protector"},
		{"plain", "enamel kettle"},
	})
}
