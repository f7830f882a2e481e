package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchAnyWordTail holds that a page the plain reading of a query's words leaves
// short goes on with the products that have any of its words, of the department the
// page is filed in, after what came first: a spelling corrected ("whistling kettel":
// the one whistling kettle, then the electric kettles, not the dog whistle of the pet
// department; an uncategorised product on the page says nothing of the
// department), every word ("glass electric kettle": after the kettles the short page
// brings, the glass storage jar). When a brand is named only its products follow
// (TestSearchAnyWordTailBrandNamed). Not when the page spans
// departments, or for a sentence; in a catalog with no categories any product with a
// word may follow.
func TestSearchAnyWordTail(t *testing.T) {
	ctx := context.Background()
	build := func(t *testing.T, filed bool) *catalog.Catalog {
		c := openCatalog(t)
		var ps []catalog.Product
		add := func(id, title, cat string) {
			if !filed {
				cat = ""
			}
			ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: strings.Fields(title)[0], Description: "Made to last.", Category: cat, Price: usd(4999)})
		}
		add("whistling", "Steelo Whistling Tea Kettle 2 Quart", "Kitchen > Kettles")
		add("electric1", "Boilo Electric Kettle 1.7 Liter", "Kitchen > Kettles")
		add("electric2", "Boilo Glass Electric Kettle", "") // uncategorised: the page's department is the others'
		add("jar", "Jarro Glass Storage Jar 1 Liter", "Kitchen > Storage")
		add("whistle", "Trainy Whistling Dog Whistle", "Pets > Training")
		add("lube1", "Lubo Dry Chain Lube 4 oz", "Cycling > Maintenance")
		add("lube2", "Lubo Wet Chain Lube 4 oz", "Cycling > Maintenance")
		add("gravel", "Trailo Gravel Bike 700c", "Cycling > Bikes")
		add("road", "Trailo Road Bike 700c", "Cycling > Bikes")
		add("lock", "Locko Bike Chain Lock", "Cycling > Locks")
		if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		name, text string
		filed      bool
		first      []string // the hits the page opens with, a run in braces in any order
		then       []string // hits that must follow them
		never      []string // hits that must not be on the page
		tail       bool     // a note says where the tail starts
	}{
		{"a spelling corrected: the other kettle, not the dog whistle", "whistling kettel", true,
			[]string{"whistling"}, []string{"electric1"}, []string{"whistle"}, true},
		{"every word, one uncategorised: after the other kettles, the glass jar", "glass electric kettle", true,
			[]string{"electric2", "{electric1 whistling}"}, []string{"jar"}, []string{"whistle", "lube1"}, true},
		{"a brand named: its products alone", "boilo kettel", true,
			[]string{"{electric1 electric2}"}, nil, []string{"whistling", "whistle"}, false},
		{"no categories: any product with a word follows", "whistling kettel", false,
			[]string{"whistling"}, []string{"electric1", "electric2", "whistle"}, nil, true},
		{"a sentence: no tail", "i want a kettle that whistles when the water boils", true,
			nil, nil, []string{"whistle", "lube1"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := build(t, tc.filed)
			res, err := c.Search(ctx, catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, tc.text, res, tc.first, tc.then, tc.never)
			noted := strings.Contains(strings.Join(res.Notes, " "), "any of its words")
			if noted != tc.tail {
				t.Errorf("%q: tail note %v, want %v (notes %q)", tc.text, noted, tc.tail, res.Notes)
			}
			if res.Total != len(res.Hits) || res.NextCursor != "" {
				t.Errorf("%q: total %d, cursor %q for %d hits", tc.text, res.Total, res.NextCursor, len(res.Hits))
			}
		})
	}
}

// TestSearchAnyWordTailBrandNamed holds that a short page of a query naming a brand
// after the thing's own words (what the thing is for) goes on with that brand's products
// alone, those with more of the words first: "thru axle adapter tacxo neo" finds the
// one adapter, whose title leaves the brand out (a brand named whole counts as the
// title's words, so the five words are a product's name, not a sentence), then
// Tacxo's trainer and other parts, and no other brand's product with only one of the
// words. A brand named first is the maker, whose products with the words are the page
// (TestSearchBrandSpellings: "loreal night cream"; TestSearch: "velo sneak").
func TestSearchAnyWordTailBrandNamed(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, brand, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: "Made to last.", Category: cat, Price: usd(3499)})
	}
	add("adapter", "Thru Axle Adapter Kit for Neo 2T", "Tacxo", "Cycling > Trainer Parts")
	add("neo", "Tacxo Neo 2T Smart Trainer", "Tacxo", "Cycling > Trainers")
	add("tyre", "Tacxo Trainer Tyre 700x23c", "Tacxo", "Cycling > Trainer Parts")
	add("cage", "Tacxo Deva Bottle Cage", "Tacxo", "Cycling > Bottle Cages")
	add("snap", "Wahoo Kickr Snap Smart Trainer", "Wahoo", "Cycling > Trainers")
	add("kit", "Parko Tool Kit for Home Mechanics", "Parko", "Cycling > Tools")
	for i, g := range []string{"Trailo Gravel Bike", "Trailo Road Bike", "Locko Chain Lock", "Lubo Chain Lube"} {
		for j := range 3 {
			add(fmt.Sprintf("other%d-%d", i, j), fmt.Sprintf("%s %d", g, j+1), strings.Fields(g)[0], "Cycling > Gear")
		}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	text := "thru axle adapter tacxo neo"
	res, err := c.Search(ctx, catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, text, res, []string{"adapter", "neo"}, []string{"tyre", "cage"}, []string{"snap", "kit"})
}

// TestSearchLoneHead holds that a two-word query no product has whole, whose head
// word heads a title of its own (one product, fewer than make a type), finds that
// product first, not the types its other word stands for: "drum mallets" where the
// one "Heritage Mallets" lacks "drum", and "drum" reads as drum heads and kits.
func TestSearchLoneHead(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(2999)})
	}
	add("mallets", "Vico Heritage Mallets, Pair", "Felt heads on birch handles.", "Music > Percussion")
	add("head1", "Evano G2 Clear Tom Drum Head, 12 inch", "A clear drum head.", "Music > Drums")
	add("head2", "Evano Bass Drum Head, 22 inch", "A bass drum head.", "Music > Drums")
	add("head3", "Remo Coated Snare Drum Head, 14 inch", "A snare drum head.", "Music > Drums")
	add("kit1", "Tamo Imperial 5-Piece Drum Kit", "A drum kit with cymbals.", "Music > Drums")
	add("kit2", "Pearlo Roadshow 5-Piece Drum Kit", "A drum kit for beginners.", "Music > Drums")
	add("kit3", "Rolo V-Drums Electronic Drum Kit", "An electronic drum kit.", "Music > Drums")
	for i, g := range []string{"Fendo Player Electric Guitar", "Yamo FG800 Acoustic Guitar", "Gibso SG Electric Guitar",
		"Ernio Slinky Guitar Strings", "Yamo Padded Piano Bench", "Pirasto Violin Rosin", "Kalo Soprano Ukulele",
		"Shuro SM58 Vocal Microphone", "Bosso TU-3 Tuner Pedal", "Korgo Digital Metronome"} {
		for j := range 5 { // a shop of some size: the drum words stand out
			add(fmt.Sprintf("other%d-%d", i, j), fmt.Sprintf("%s %d", g, j+1), "For the stage.", "Music > Gear")
		}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, catalog.Query{Text: "drum mallets"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); len(got) == 0 || got[0] != "mallets" {
		t.Errorf("%q: hits %q, want the mallets first (notes %q)", "drum mallets", got, res.Notes)
	}
	// A head of several titles reads by its type as before.
	if res, err = c.Search(ctx, catalog.Query{Text: "drum kit"}); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); len(got) < 3 || !inOrder(got[:3], []string{"{kit1 kit2 kit3}"}) {
		t.Errorf("%q: hits %q, want the kits first (notes %q)", "drum kit", got, res.Notes)
	}
}

// checkPage holds a page of hits to its shape: it opens with first (each entry a
// product id, or "{a b}" for ids in any order, as inOrder reads it), then has every
// id of then after those, and none of never.
func checkPage(t *testing.T, text string, res catalog.Result, first, then, never []string) {
	t.Helper()
	got := hitIDs(res)
	n := len(strings.Fields(strings.Join(first, " ")))
	if !inOrder(got[:min(n, len(got))], first) {
		t.Errorf("%q: hits %q, want them to open with %q (notes %q)", text, got, first, res.Notes)
	}
	for _, id := range then {
		if !slices.Contains(got[min(n, len(got)):], id) {
			t.Errorf("%q: hits %q, want %s after the first %d (notes %q)", text, got, id, n, res.Notes)
		}
	}
	for _, id := range never {
		if slices.Contains(got, id) {
			t.Errorf("%q: hits %q, want no %s (notes %q)", text, got, id, res.Notes)
		}
	}
}
