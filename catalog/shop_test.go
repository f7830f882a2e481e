package catalog_test

import (
	"context"
	"fmt"
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
