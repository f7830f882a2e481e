package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchShortPageFills times Search on the short pages cat7's rules fill, in a
// 6,000-product shop of bike parts and outdoor gear: a size the query names (the
// head's products of that size first), the page of the types a query's words stand
// for going on with any of its words, and an accessory under a category that does
// not name it (what the other words name before the head's other products); with a
// short page of a plain query, the floor. It uses only Search, so the same file runs
// on a build without the rules. go test -run '^$' -bench BenchmarkSearchShortPageFills ./catalog
func BenchmarkSearchShortPageFills(b *testing.B) {
	var ps []catalog.Product
	add := func(title, cat string) {
		i := len(ps)
		ps = append(ps, catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: title, Category: cat,
			Description: "Made to last.", Price: usd(int64(1000 + i%50*100))})
	}
	for _, size := range []string{"140mm", "160mm", "180mm", "203mm"} {
		add("Shimo RT-800 Disc Brake Rotor "+size+" Centerlock", "Bike Parts > Brakes > Rotors")
		add("Hopa Floating Disc Brake Rotor "+size+" 6-Bolt", "Bike Parts > Brakes > Rotors")
	}
	for i, tent := range []string{"Cascade", "Juniper", "Cairn"} {
		add(fmt.Sprint("Reflective Guylines for ", tent, " ", i+1), "Outdoor > Tent Accessories")
	}
	add("Willow 4 Person Family Tent", "Outdoor > Tents")
	add("Willow 4 Tent Footprint", "Outdoor > Tent Accessories")
	add("Gibraltar Double Braced Snare Stand", "Music > Drum Hardware")
	add("Coated Snare Drum Head, 14 inch", "Music > Drum Heads")
	add("Steel Snare Drum 14 x 5.5", "Music > Drums")
	for i := range 5986 {
		switch i % 3 {
		case 0:
			add(fmt.Sprintf("Auto Grip Guitar Stand, Batch %d", i), "Music > Instrument Stands")
		case 1:
			add(fmt.Sprintf("Enamel Camp Mug, Batch %d", i), "Outdoor > Kitchen")
		default:
			add(fmt.Sprintf("Beam Front Light, Batch %d", i), "Bike Accessories > Lights")
		}
	}
	benchSearchShapes(b, ps, []searchShape{
		{"plain_short", "floating rotor"},
		{"size", "centerlock rotor 180mm"},
		{"types_tail", "guylines for willow 4"},
		{"accessory_made_first", "snare stand"},
	})
}
