package catalog_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// smallShop is a music and hardware shop of a few dozen products, as a new user's own
// export is: most types have two or three products, accessories' titles do not say
// the instrument they fit, and the instruments' descriptions say the accessories'
// words ("Die-cast tuners", "Gig bag not included").
func smallShop(t *testing.T) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(4999)})
	}
	for i, m := range []string{"FG800 Solid Spruce Top", "CD-60S Dreadnought", "GS Mini Mahogany"} {
		add(fmt.Sprint("acoustic", i), "Strumwell "+m+" Acoustic Guitar", "A solid spruce top. Die-cast tuners. Gig bag not included.", "Music > Instruments > Guitars")
	}
	for i, m := range []string{"Player Stratocaster", "SG Standard", "Casino Hollowbody"} {
		add(fmt.Sprint("electric", i), "Strumwell "+m+" Electric Guitar", "Alder body and versatile pickups; ready to play.", "Music > Instruments > Guitars")
	}
	add("tuner0", "Snarko SN-5 Clip-On Chromatic Tuner", "Ships in 1-2 business days.", "Music > Accessories > Tuners")
	add("tuner1", "Polytone 3 Pedal Tuner", "Ships in 1-2 business days.", "Music > Accessories > Tuners")
	add("bag0", "Gatorra Dreadnought Guitar Gig Bag", "Padded, with a backpack strap.", "Music > Accessories > Gig Bags")
	add("bag1", "Strumwell FE610 Electric Guitar Gig Bag", "Padded, with a backpack strap.", "Music > Accessories > Gig Bags")
	add("drumhead0", "Evanso G2 Clear Tom Drum Head, 12 inch", "Ships in 1-2 business days.", "Music > Accessories > Drum Heads")
	add("drumhead1", "Remora Coated Snare Drum Head, 14 inch", "Ships in 1-2 business days.", "Music > Accessories > Drum Heads")
	add("drumkit0", "Tamaro Imperial 5-Piece Drum Kit", "Shells, hardware and cymbals.", "Music > Instruments > Drum Kits")
	add("drumkit1", "Alesso Nitro Mesh Electronic Drum Kit", "Quiet mesh heads.", "Music > Instruments > Drum Kits")
	add("throne0", "Rocko Nitro Drum Throne", "Ships in 1-2 business days.", "Music > Accessories > Drum Thrones")
	add("stand0", "K&N 18810 Music Stand, Black", "Ships in 1-2 business days.", "Music > Accessories > Music Stands")
	add("stand1", "Onstage SM7211B Folding Sheet Music Stand", "Ships in 1-2 business days.", "Music > Accessories > Music Stands")
	add("drill0", "Dewalto 20V MAX Cordless Drill/Driver Kit", "Built for the job site.", "Hardware > Tools > Drills")
	add("drill1", "Milwauka M18 FUEL Hammer Drill", "Built for the job site.", "Hardware > Tools > Drills")
	add("washer0", "Sunjo SPX3000 Electric Pressure Washer", "Built for the job site.", "Garden > Outdoor Power Equipment")
	for i := range 2 {
		add(fmt.Sprint("watch", i), fmt.Sprintf("Vantora Smart Watch %d", i), "A seven-day battery life.", "Electronics > Wearables")
		add(fmt.Sprint("lipo", i), fmt.Sprintf("Voltix %d000mAh LiPo Battery for RC Cars", 2+i), "Fits most trucks.", "Toys > RC Parts")
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSearchSmallShop holds what a small shop's shopper finds where the query's head
// names a type of a product or two and the words meet only in other things:
//   - "guitar tuner": a type of two tuners is a type in a catalog of a few dozen
//     (minSmallType); no tuner says guitar, the guitars' descriptions say "tuners",
//     and tuners are made for nothing else: the tuners, not the guitars
//     (headForType);
//   - "watch battery": the batteries are for RC cars, so no battery is a watch's:
//     nothing, as in a big catalog;
//   - "gig bag for acoustic": the words after "for" say what the gig bag is for; the
//     products with every word are guitars whose descriptions say "Gig bag not
//     included": the gig bags (forHead);
//   - a sentence that names a word titles say right before several types' names
//     ("drums": Drum Kit, Drum Head, Drum Throne) is about that family (familyWord),
//     and a word only descriptions have ("plays", of guitars "ready to play") does
//     not read it when it names a thing titles name (descWordType);
//   - a sentence whose title word names a type of two products is about it
//     ("sheet music": two Music Stands; meet).
func TestSearchSmallShop(t *testing.T) {
	c := smallShop(t)
	for _, tc := range []struct {
		name, text string
		first      []string // the first hit is one of these; none for nothing
	}{
		{"a thing for a type, the type's products saying its word", "guitar tuner", []string{"tuner0", "tuner1"}},
		{"a thing made for another type", "watch battery", nil},
		{"a thing for what follows, no match of every word being one", "gig bag for acoustic", []string{"bag0", "bag1"}},
		{"a family of types named in a sentence", "something for my son who plays drums", []string{"drumhead0", "drumhead1", "drumkit0", "drumkit1", "throne0"}},
		{"a type of two products named in a sentence", "something to hold my sheet music while i play", []string{"stand0", "stand1"}},
	} {
		t.Run(tc.name, func(t *testing.T) { searchFirstOf(t, c, tc.text, tc.first) })
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestSearchShortPage holds what a first page short of products with every word
// shows after them (shortPage): the products named by the query's head word, of its
// type first, the things made for them last, then, for an accessory, the products
// its other words name (what it is for), all of the department the products with
// every word are filed in (no toy saw); nothing more when the products with
// every word fill the page, when the head is a word of the brand the query names,
// when the query is one word, or when a bare number names the product (a size,
// "18v", does not).
func TestSearchShortPage(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, brand, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: "Built for the job site.", Category: cat, Price: usd(9999)})
	}
	add("circular", "Makito XSS02Z 18V Circular Saw", "Makito", "Hardware > Tools > Saws")
	add("table", "Dewalto DWE7491RS Jobsite Table Saw", "Dewalto", "Hardware > Tools > Saws")
	add("recip", "Milwauka M18 Reciprocating Saw", "Milwauka", "Hardware > Tools > Saws")
	add("blade", "Freudo 10 in. 50-Tooth Saw Blade", "Freudo", "Hardware > Tool Accessories > Saw Blades")
	add("drill", "Dewalto 20V Cordless Drill", "Dewalto", "Hardware > Tools > Drills")
	add("hammerdrill", "Milwauka M18 Hammer Drill", "Milwauka", "Hardware > Tools > Drills")
	add("tester", "Kleino Tools NCVT-3P Voltage Tester", "Kleino Tools", "Hardware > Electrical")
	add("screwdriver", "Kleino Tools 11-in-1 Screwdriver", "Kleino Tools", "Hardware > Hand Tools")
	add("kit", "Dremo 4300 Rotary Tool Kit", "Dremo", "Hardware > Hand Tools")
	add("toysaw", "Playmo Wooden Toy Saw", "Playmo", "Toys > Pretend Play")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		limit      int
		want       []string // the hits, in order; a run in braces may come in any order
		note       bool     // a note says where the products with every word end
	}{
		{"the other saws after the one with every word, the blade last", "circular saw", 0, []string{"circular", "{table recip}", "blade"}, true},
		{"the other drills after the cordless one", "cordless drill", 0, []string{"drill", "hammerdrill"}, true},
		{"an accessory, then what it is for", "saw blade", 0, []string{"blade", "{circular table recip}"}, true},
		{"a page the products with every word fill", "circular saw", 1, []string{"circular"}, false},
		{"a head that is a word of the brand named", "kleino tools", 0, []string{"{tester screwdriver}"}, false},
		{"one word", "saw", 0, []string{"{circular table recip toysaw}", "blade"}, false},
		{"a number", "rotary tool 4300", 0, []string{"kit"}, false},
		{"a size is no number naming a product", "circular saw 18v", 0, []string{"circular", "{table recip}", "blade"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text, Limit: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if !inOrder(got, tc.want) {
				t.Errorf("%q: hits %q, want %q (notes %q)", tc.text, got, tc.want, res.Notes)
			}
			if res.Total != len(got) || res.NextCursor != "" {
				t.Errorf("%q: total %d, cursor %q for %d hits: want the page's count and no cursor", tc.text, res.Total, res.NextCursor, len(got))
			}
			noted := strings.Contains(strings.Join(res.Notes, " "), "every word; after")
			if noted != tc.note {
				t.Errorf("%q: notes %q, want a note of where the products with every word end: %v", tc.text, res.Notes, tc.note)
			}
		})
	}
}

// inOrder reports whether got is want, where a run of ids in braces ("{a b}") may
// come in any order.
func inOrder(got, want []string) bool {
	i := 0
	for _, w := range want {
		run := strings.Fields(strings.Trim(w, "{}"))
		if i+len(run) > len(got) {
			return false
		}
		part := slices.Clone(got[i : i+len(run)])
		slices.Sort(part)
		slices.Sort(run)
		if !slices.Equal(part, run) {
			return false
		}
		i += len(run)
	}
	return i == len(got)
}

// TestSearchCategoryName holds that a query that is the whole name of a category
// segment reads as that category though one of its words heads titles of its own
// (segmentTypes): "string instruments" finds the guitars and ukuleles filed under
// String Instruments before the strings, whose titles "string" heads and whose
// category has both words ("Instrument Strings").
func TestSearchCategoryName(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Ships in 1-2 business days.", Category: cat, Price: usd(9999)})
	}
	for i, m := range []string{"Strumwell FG800", "Strumwell CD-60S", "Strumwell GS Mini"} {
		add(fmt.Sprint("guitar", i), m+" Acoustic Guitar", "Music > Instruments > String Instruments > Guitars")
	}
	for i, m := range []string{"Kalo KA-C Concert", "Lanaki LU-21T Tenor", "Fendo Venice Soprano"} {
		add(fmt.Sprint("uke", i), m+" Ukulele", "Music > Instruments > String Instruments > Ukuleles")
	}
	for i, m := range []string{"Elixo Nanoweb Acoustic Guitar", "Ernio Slinky Electric Guitar", "Aquilo Nylgut Ukulele"} {
		add(fmt.Sprint("strings", i), m+" Strings", "Music > Accessories > Instrument Strings")
	}
	add("drum", "Tamaro Imperial 5-Piece Drum Kit", "Music > Instruments > Drums")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       []string // the hits, in order; a run in braces may come in any order
	}{
		{"a category's name with a type's word", "string instruments", []string{"{guitar0 guitar1 guitar2 uke0 uke1 uke2}"}},
		{"the type's own word", "guitar strings", []string{"{strings0 strings1}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if len(got) < 2 || !inOrder(got[:min(len(got), len(strings.Fields(strings.Trim(tc.want[0], "{}"))))], tc.want) {
				t.Errorf("%q: hits %q, want %q first (notes %q)", tc.text, got, tc.want, res.Notes)
			}
		})
	}
}

// TestSearchShortPageFamilies holds that a family shown among the products with every
// word is not shown again after them by another of its variants.
func TestSearchShortPageFamilies(t *testing.T) {
	c := openCatalog(t)
	ps := []catalog.Product{
		{ID: "trail", GroupID: "track", Title: "Makito Track Saw", Brand: "Makito", Description: "The trail edition."},
		{ID: "shop", GroupID: "track", Title: "Makito Track Saw", Brand: "Makito", Description: "The shop edition.", Rating: 5, ReviewCount: 900},
		{ID: "table", Title: "Dewalto Jobsite Table Saw", Brand: "Dewalto"},
	}
	for i := range ps {
		ps[i].SellerID, ps[i].Category, ps[i].Price = "hearth", "Hardware > Tools > Saws", usd(9999)
	}
	// Rated best, the shop edition stands for the family among the saws.
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(context.Background(), catalog.Query{Text: "trail saw"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); !slices.Equal(got, []string{"trail", "table"}) {
		t.Errorf("hits %q, want [trail table]: the track saw's family once (notes %q)", got, res.Notes)
	}
}
