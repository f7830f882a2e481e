package catalog_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// cycleShop is a small bicycle-and-garden shop of its own words: types of one to
// three products, as small shops have, and a few things named in one title only.
func cycleShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(2999)})
	}
	for i, m := range []string{"Urban 3", "Trail 7", "Gravel 9"} {
		add(fmt.Sprint("bike", i), "Spokewell "+m+" Bicycle", "Aluminium frame, disc brakes, ready to ride.", "Cycling > Bikes")
	}
	add("lube0", "Velo Chain Lube, 120 ml", "Keeps bicycle chains quiet and free of rust.", "Cycling > Care")
	add("pump0", "Velo Floor Pump with Gauge", "Presta and Schrader heads.", "Cycling > Tools")
	add("helmet0", "Spokewell Road Helmet", "Light and vented.", "Cycling > Safety")
	add("helmet1", "Spokewell Commuter Helmet", "Rear light built in.", "Cycling > Safety")
	add("light0", "Glowline Solar Garden Path Lights, 6 Pack", "Stake them along a walk; they charge by day.", "Garden > Lighting")
	add("light1", "Glowline Solar Garden Path Lights, 12 Pack", "Stake them along a walk; they charge by day.", "Garden > Lighting")
	add("bikelight0", "Glowline USB Bike Lights Set", "Front and rear, rechargeable.", "Cycling > Safety")
	add("fairy0", "Glowline Fairy Lights, 10 m", "Warm white, indoor and outdoor.", "Home > Lighting")
	add("edging0", "Terrabord Path Edging, 10 m", "Flexible steel edging for lawns and beds.", "Garden > Landscaping")
	add("weed0", "Terrabord Path and Patio Weedkiller, 1 L", "Ready to use.", "Garden > Care")
	add("hose0", "Greenreel Expanding Garden Hose, 15 m", "Brass fittings.", "Garden > Watering")
	add("hose1", "Greenreel Garden Hose Reel", "Wall mounted.", "Garden > Watering")
	add("shears0", "Clipwell Hedge Shears", "Wavy blades for thick stems.", "Garden > Tools")
	add("gloves0", "Clipwell Gardening Gloves", "Thorn proof.", "Garden > Tools")
	// The rest of the shop: types none of the sentences name.
	for i, ty := range []string{"Water Bottle", "Saddle Bag", "Bell", "Mudguard Set", "Plant Pot", "Bird Feeder", "Watering Can", "Seed Tray"} {
		for j, col := range []string{"Red", "Green", "Black"} {
			add(fmt.Sprintf("other%d-%d", i, j), "Homely "+ty+", "+col, "Everyday quality at a fair price.", "Home > Everyday")
		}
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSentenceTitleMeet holds what a sentence every other reading answers with
// nothing finds when two of its words meet in one product's title (the plain ranking
// of its words, sentenceTitled), and that one word in titles or a question about the
// world stays nothing (TestTitleMeet holds the reading itself).
func TestSentenceTitleMeet(t *testing.T) {
	c := cycleShop(t)
	for _, tc := range []struct {
		name, text string
		first      []string // the first hit is one of these; none for nothing
	}{
		{"two words of a story meet in one title", "visitors keep tripping on the garden path after sunset", []string{"light0", "light1"}},
		{"two words meet in one title, a longer story", "our garden path gets so gloomy after sunset that visitors keep tripping", []string{"light0", "light1"}},
		{"one word of a story in titles of many types is nothing", "the green at the village fete was packed all weekend", nil},
		{"a question about the world is nothing, however its words meet", "how long is the longest garden path in england", nil},
	} {
		t.Run(tc.name, func(t *testing.T) { searchFirstOf(t, c, tc.text, tc.first) })
	}
}

// BenchmarkSentenceTitleMeet times the sentences of TestSentenceTitleMeet, which
// read as nothing before the title-meet step and pay for it, through Search, each
// beside a floor: a search of one word that names a type of the same shop ("hose"),
// and reports their ratio.
//
//	go test -tags sqlite_fts5 -run '^$' -bench SentenceTitleMeet -count 6 ./catalog
func BenchmarkSentenceTitleMeet(b *testing.B) {
	ctx := context.Background()
	c := cycleShop(b)
	texts := []string{"visitors keep tripping on the garden path after sunset",
		"our garden path gets so gloomy after sunset that visitors keep tripping",
		"the green at the village fete was packed all weekend", "how long is the longest garden path in england"}
	var search, floor time.Duration
	for b.Loop() {
		for _, text := range texts {
			t0 := time.Now()
			if _, err := c.Search(ctx, catalog.Query{Text: text}); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := c.Search(ctx, catalog.Query{Text: "hose"}); err != nil {
				b.Fatal(err)
			}
			search, floor = search+t1.Sub(t0), floor+time.Since(t1)
		}
	}
	b.ReportMetric(float64(search.Microseconds())/float64(b.N*len(texts)), "µs/sentence")
	b.ReportMetric(float64(floor.Microseconds())/float64(b.N*len(texts)), "µs/floor")
	b.ReportMetric(float64(search)/float64(floor), "×floor")
}
