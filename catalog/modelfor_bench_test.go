package catalog_test

import (
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
	ps := benchShop(6000, models, []benchKind{
		{title: "%s Core %d Smart Turbo Trainer", brand: "Wahoo", tags: "turbo trainer"},
		{title: "Sweat Cover for %s %d", brand: "Wahoo", tags: "trainer accessory"},
		{title: "%s Riser Ring %d", brand: "Wahoo", tags: "trainer accessory"},
		{title: "Shimano 11-Speed Cassette 11-%[2]dT", brand: "Shimano", tags: "cassette"},
		{title: "Tacx %s %d Smart Trainer", brand: "Tacx", tags: "turbo trainer"},
		{title: "Nubuck Protector Spray %[2]d", brand: "Fernway", tags: "waterproofing spray"},
		{title: "Waterproofing Spray for Boots %[2]d", brand: "Fernway", tags: "waterproofing spray"},
		{title: "%s %d Rain Boots", brand: "Fernway", tags: "rain boots"},
		{title: "Enamel Kettle, Batch %[2]d", brand: "Hearth", tags: "kitchen"},
	})
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
