package catalog_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchPartNamed times Search on the accessory shapes cat10's rules read, in
// a 6,000-product tools and bike shop: a brand and its platform code before a part
// ("milwo m18 battery", M18 the code of the brand's drills, saws and batteries:
// platformCode), a holder the shop calls otherwise, alone and "for" a place ("d lock
// holder", titles "D-Lock Bracket": heldOtherwise), and a plain query, the floor. It
// uses only Search, so the same file runs on a build without the rules.
// go test -run '^$' -bench BenchmarkSearchPartNamed ./catalog
func BenchmarkSearchPartNamed(b *testing.B) {
	models := []string{"Fuel", "Pro", "Compact", "Heavy", "Site", "Shop"}
	ps := benchShop(6000, models, []benchKind{
		{title: "Milwo M18 %s Hammer Drill %d", brand: "Milwo"},
		{title: "Milwo M18 %s Reciprocating Saw %d", brand: "Milwo"},
		{title: "Milwo M18 %s Impact Wrench %d", brand: "Milwo"},
		{title: "Ryo ONE+ 18V %s Battery %d", brand: "Ryo"},
		{title: "Dewo 20V MAX %s Battery %d", brand: "Dewo"},
		{title: "Oxfo %s D-Lock %d", brand: "Oxfo"},
		{title: "Krypto %s Chain Lock %d", brand: "Krypto"},
		{title: "Trailo %s Carbon Bike Frame %d", brand: "Trailo"},
		{title: "Enamel Kettle, Batch %[2]d", brand: "Hearth"},
	})
	for _, p := range []struct{ id, title, brand string }{
		{"m18-battery", "Milwo M18 REDLITHIUM XC5.0 Battery", "Milwo"},
		{"bracket", "Oxfo D-Lock Bracket, Universal", "Oxfo"},
		{"mount", "Krypto Transit Bracket for Evolution D-Lock", "Krypto"},
	} {
		ps = append(ps, catalog.Product{ID: p.id, SellerID: "hearth", Title: p.title, Brand: p.brand, Description: "Made to last.", Price: usd(5999)})
	}
	benchSearchShapes(b, ps, []searchShape{
		{"brand_platform_part", "milwo m18 battery"},
		{"held_otherwise", "d lock holder"},
		{"held_otherwise_for", "d lock holder for bike frame"},
		{"plain", "enamel kettle"},
	})
}
