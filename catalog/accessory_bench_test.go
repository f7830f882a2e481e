package catalog_test

import "testing"

// BenchmarkSearchAccessoryShapes times Search on the accessory shapes cat3's rules
// read, in a 6,000-product flat shop of machines and the parts and consumables made
// for them by model name (titles "… for Strada 7"), tags only: "X for Y" whose X no
// product made for Y is titled with (madeForTarget), "X for Y" where Y is a need's
// cue (forCueless), a label word titles use for another thing too (labelled), and a
// plain query, the floor. It uses only Search, so the same file runs on a build
// without the rules. go test -run '^$' -bench BenchmarkSearchAccessoryShapes ./catalog
func BenchmarkSearchAccessoryShapes(b *testing.B) {
	models := []string{"Strada", "Bordo", "Saddle", "Ember", "Kestrel", "Aurix"}
	ps := benchShop(6000, models, []benchKind{
		{title: "%s %d Front Light", tags: "lights"},
		{title: "Handlebar Mount for %s %d", tags: "light mount"},
		{title: "Replacement Bracket, Universal, Batch %[2]d", tags: "bracket"},
		{title: "Lock Bracket, Batch %[2]d", tags: "lock bracket"},
		{title: "Hammock Straps for %s %d", tags: "hammock straps"},
		{title: "%s %d Camping Hammock", tags: "hammocks"},
		{title: "%s %d Road Running Shoes", tags: "running shoes"},
		{title: "Arch Support Insoles, Batch %[2]d", tags: "insoles"},
		{title: "%s %d Dog Pack", tags: "dog pack"},
		{title: "%s %d Trekking Pack", tags: "packs"},
		{title: "Replacement Filter for %s %d Jug", tags: "filters"},
		{title: "%s %d Water Filter Jug", tags: "water jugs"},
		{title: "Coffee Pods for %s %d", tags: "pods"},
		{title: "%s %d Espresso Machine", tags: "coffee machines"},
		{title: "Enamel Kettle, Batch %[2]d", tags: "kitchen"},
	})
	benchSearchShapes(b, ps, []searchShape{
		{"made_for_target", "bracket for strada 7"},
		{"made_for_target_type", "tree straps for saddle 3 hammock"},
		{"need_cue_after_for", "replacement insoles for running shoes"},
		{"label", "packs"},
		{"plain", "enamel kettle"},
	})
}
