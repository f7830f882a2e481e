package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// BenchmarkSearchAccessoryShapes times Search on the accessory shapes cat3's rules
// read, in a 6,000-product flat shop of machines and the parts and consumables made
// for them by model name (titles "… for Strada 7"), tags only: "X for Y" whose X no
// product made for Y is titled with (madeForTarget), "X for Y" where Y is a need's
// cue (forCueless), a label word titles use for another thing too (labelled), and a
// plain query, the floor. It uses only Search, so the same file runs on a build
// without the rules. go test -run '^$' -bench BenchmarkSearchAccessoryShapes ./catalog
func BenchmarkSearchAccessoryShapes(b *testing.B) {
	models := []string{"Strada", "Bordo", "Saddle", "Ember", "Kestrel", "Aurix"}
	kinds := []struct{ title, tags string }{
		{"%s %d Front Light", "lights"}, {"Handlebar Mount for %s %d", "light mount"},
		{"Replacement Bracket, Universal, Batch %[2]d", "bracket"}, {"Lock Bracket, Batch %[2]d", "lock bracket"},
		{"Hammock Straps for %s %d", "hammock straps"}, {"%s %d Camping Hammock", "hammocks"},
		{"%s %d Road Running Shoes", "running shoes"}, {"Arch Support Insoles, Batch %[2]d", "insoles"},
		{"%s %d Dog Pack", "dog pack"}, {"%s %d Trekking Pack", "packs"},
		{"Replacement Filter for %s %d Jug", "filters"}, {"%s %d Water Filter Jug", "water jugs"},
		{"Coffee Pods for %s %d", "pods"}, {"%s %d Espresso Machine", "coffee machines"},
		{"Enamel Kettle, Batch %[2]d", "kitchen"},
	}
	var ps []catalog.Product
	for i := range 6000 {
		k := kinds[i%len(kinds)]
		m := models[(i/len(kinds))%len(models)]
		ps = append(ps, catalog.Product{ID: fmt.Sprint("p", i), SellerID: "hearth", Title: fmt.Sprintf(k.title, m, i/len(kinds)/len(models)+1),
			Description: "Made to last.", Tags: []string{k.tags}, Price: usd(int64(1000 + i%50*100))})
	}
	benchSearchShapes(b, ps, []searchShape{
		{"made_for_target", "bracket for strada 7"},
		{"made_for_target_type", "tree straps for saddle 3 hammock"},
		{"need_cue_after_for", "replacement insoles for running shoes"},
		{"label", "packs"},
		{"plain", "enamel kettle"},
	})
}
