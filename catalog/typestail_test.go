package catalog_test

import (
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchTypesShortPageGoesOn holds that a query read by the types its words stand
// for (no product has every word) whose page of those types is short goes on with the
// products that have any of its words, of the page's department, as a plain ranking
// of the words would: after the guylines, the Willow products they are asked for.
func TestSearchTypesShortPageGoesOn(t *testing.T) {
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(2999)})
	}
	for i, tent := range []string{"Cascade", "Juniper", "Cairn"} {
		add(fmt.Sprint("lines-", i), "Reflective Guylines for "+tent+" Tent", "A set of 4 lines.", "Outdoor > Tent Accessories")
	}
	add("willow-tent", "Willow 4 Person Family Tent", "Sleeps four.", "Outdoor > Tents")
	add("willow-print", "Willow 4 Tent Footprint", "Fits the tent.", "Outdoor > Tent Accessories")
	for i := range 1000 { // the rest of the shop, another department; past smallCatalog, whose "X for Y" that no X says reads as the Xs alone
		add(fmt.Sprint("mug-", i), fmt.Sprint("Enamel Camp Mug, Style ", i), "Holds tea.", "Kitchen > Mugs")
	}
	searchShopCases(t, ps, []accessoryCase{
		{"the types' page, then the products with the other words", "guylines for willow 4", []string{"{lines-0 lines-1 lines-2}", "{willow-tent willow-print}"}},
		{"a sentence by its count of words alone goes on too", "reflective guylines for willow 4 tent", []string{"{lines-0 lines-1 lines-2}", "{willow-tent willow-print}"}},
	})
}

// TestSearchAccessoryGoesOnWithWhatItIsFor holds that a short page of an accessory
// (an accessory word of the vocabulary) filed under a category that does not name it
// goes on with what the query's other words name before the head's other products,
// which are made for other things: after the snare stand, the snare drum and its
// head, not the guitar stands. Under a category of its name ("Microphone Cables") the
// head's other products are its kind and come first.
func TestSearchAccessoryGoesOnWithWhatItIsFor(t *testing.T) {
	var ps []catalog.Product
	add := addTo(&ps, "Road ready.", 4999)
	add("snare-stand", "Gibraltar Double Braced Snare Stand", "Music > Drum Hardware")
	add("snare-head", "Coated Snare Drum Head, 14 inch", "Music > Drum Heads")
	add("snare-drum", "Steel Snare Drum 14 x 5.5", "Music > Drums")
	add("mic-cable", "Silver XLR Microphone Cable, 25 ft", "Music > Microphone Cables")
	for i := range 6 { // more microphones than cables: they do not come first for fewness (madeForWords)
		add(fmt.Sprint("mic-", i), fmt.Sprint("Cardioid Dynamic Vocal Microphone, Style ", i), "Music > Microphones")
	}
	for i := range 4 {
		add(fmt.Sprint("guitar-stand-", i), fmt.Sprint("Auto Grip Guitar Stand, Style ", i), "Music > Instrument Stands")
		add(fmt.Sprint("cable-", i), fmt.Sprint("Braided Instrument Cable, 10 ft, Style ", i), "Music > Instrument Cables")
	}
	searchShopCases(t, ps, []accessoryCase{
		{"under a category not of its name: what it is for first", "snare stand", []string{"snare-stand", "{snare-head snare-drum}"}},
		{"under a category of its name: its kind first", "microphone cable", []string{"mic-cable", "{cable-0 cable-1 cable-2 cable-3}"}},
	})
}
