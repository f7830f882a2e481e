package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchSizes holds the reading of sizes written with a decimal point or as a
// range (readSizes): the tokenizer splits "27.5x2.1-2.4" into "27", "5x2", "1", "2",
// "4", so a query's "27.5" or "700x38c" met none of the tubes a shop sells for it.
func TestSearchSizes(t *testing.T) {
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Butyl rubber, 40 g.", Category: cat, Price: usd(899)})
	}
	for _, v := range []string{"Presta 48mm", "Schrader 35mm"} {
		valve := v[:1]
		add("tube-700-2532-"+valve, "Velo 700x25-32c Inner Tube "+v, "Bike Parts > Tubes")
		add("tube-700-3543-"+valve, "Velo 700x35-43c Inner Tube "+v, "Bike Parts > Tubes")
		add("tube-275-"+valve, "Velo 27.5x2.1-2.4 Inner Tube "+v, "Bike Parts > Tubes")
		add("tube-29-"+valve, "Velo 29x2.1-2.4 Inner Tube "+v, "Bike Parts > Tubes")
	}
	add("tyre-700-32", "Grip 700x32c Road Tyre", "Bike Parts > Tyres")
	add("tyre-700-38", "Grip 700x38c Touring Tyre", "Bike Parts > Tyres")
	add("tyre-275", "Knobbly MTB Tyre, 27.5x2.4 Folding", "Bike Parts > Tyres")
	add("tyre-29", "Knobbly MTB Tyre, 29x2.25 Folding", "Bike Parts > Tyres")
	add("bottle", "Velo 0.75 L Water Bottle", "Bike Accessories > Bottles")
	searchShopCases(t, ps, []accessoryCase{
		{"a wheel size with a decimal point meets a title's size of two measures", "27.5 tube schrader", []string{"tube-275-S"}},
		{"a decimal wheel size alone finds every product of that size", "27.5 tube", []string{"{tube-275-P tube-275-S}"}},
		{"a size of two measures meets the range that holds it", "700x38c inner tube", []string{"{tube-700-3543-P tube-700-3543-S}"}},
		{"a range's end holds the size", "tubes for 700x32c tyres", []string{"{tube-700-2532-P tube-700-2532-S}"}},
		{"a decimal second measure meets the range that holds it", "29x2.35 tube", []string{"{tube-29-P tube-29-S}"}},
		{"a size a title gives exactly still finds it", "700x32c tyre", []string{"tyre-700-32"}},
		{"a decimal that is no size", "0.75 bottle", []string{"bottle"}},
	})
}

// TestSearchForSizedTarget holds that "X for Y" of four words whose Y has a size, and
// whose words no title has together ("tube for 29x2.35 tyre"), a sentence only by its
// count of words in a shop of 1,000 products or more, is read by the types its words
// stand for with X's type first: the tubes of that size, not the tyres its other words
// vote for (every tyre's description says "tube").
func TestSearchForSizedTarget(t *testing.T) {
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(899)})
	}
	for _, brand := range []string{"Velo", "Roda"} {
		for _, v := range []string{"Presta", "Schrader"} {
			id := brand + "-" + v[:1]
			add("tube-700-"+id, brand+" 700x25-32c "+v+" Valve Bike Tube", "Butyl.", "Bike Parts > Tubes")
			add("tube-29-"+id, brand+" 29x2.1-2.4 "+v+" Valve Bike Tube", "Butyl.", "Bike Parts > Tubes")
		}
	}
	for i, size := range []string{"29x2.25", "29x2.4", "29x2.5", "29x2.6", "27.5x2.4", "700x25c", "700x28c", "700x32c"} {
		add(fmt.Sprint("tyre-", i), "Knobbly "+size+" MTB Tyre", "Runs with a tube or tubeless.", "Bike Parts > Tyres")
	}
	for i := range 1000 { // past smallCatalog, where four words are a sentence
		add(fmt.Sprint("light-", i), fmt.Sprint("Beam Front Light for Handlebars, Style ", i), "Bright.", "Bike Accessories > Lights")
	}
	tubes29 := "{tube-29-Velo-P tube-29-Velo-S tube-29-Roda-P tube-29-Roda-S}"
	searchShopCases(t, ps, []accessoryCase{
		{"X for Y, a size in Y: the Xs of that size first", "tube for 29x2.35 tyre", []string{tubes29}},
		{"the same with an article after for", "tube for a 29x2.35 tyre", []string{tubes29}},
	})
}

// TestSearchTypesRankLeftWords holds that a query no product has every word of, read
// by the types its words vote for, still ranks the products of those types by the
// words that did not vote (textQuery.ranks): a model or line number before the head
// ("105" of "105 disc brake pads", where the pads of that line lack "disc"), a number
// and unit after "for" ("12 speed"). The words that voted are those of the query less
// a brand after "for" ("toner for inkora printer" votes with "toner" and "printer"):
// read by their places in the whole query, "inkora" stood for "printer", which then
// ranked as a word left out and put the printers first.
func TestSearchTypesRankLeftWords(t *testing.T) {
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Workshop grade.", Category: cat, Price: usd(2499)})
	}
	for i, line := range []string{"Deore", "XT", "SLX", "Saint", "Code", "Level"} {
		add(fmt.Sprint("disc-", i), "Sintered Disc Brake Pads for "+line, "Bike Parts > Brake Pads")
	}
	add("line-1", "Shimano 105 Brake Pads K05S Sintered", "Bike Parts > Brake Pads")
	add("line-2", "Shimano 105 Brake Pads L05A Resin", "Bike Parts > Brake Pads")
	for i, speed := range []string{"8", "9", "10", "11", "11", "12"} {
		add(fmt.Sprint("cassette-", i), "Shimano "+speed+"-Speed Cassette 11-"+fmt.Sprint(30+i)+"T", "Bike Parts > Cassettes")
	}
	for i := range 30 { // the rest of the shop
		add(fmt.Sprint("light-", i), fmt.Sprint("Beam Front Light, Style ", i), "Bike Accessories > Lights")
	}
	for i := range 4 {
		add(fmt.Sprint("printer-", i), fmt.Sprintf("Inkora IK-%d Laser Printer", 100+i), "Office > Printers")
		add(fmt.Sprint("toner-", i), fmt.Sprintf("Inkora Toner Cartridge Replacement for IK-%d", 100+i), "Office > Toner")
	}
	for i := range ps {
		if strings.HasPrefix(ps[i].Title, "Inkora") {
			ps[i].Brand = "Inkora"
		}
	}
	searchShopCases(t, ps, []accessoryCase{
		{"a line number before the head, the line's pads lacking a word", "105 disc brake pads", []string{"{line-1 line-2}"}},
		{"a number and unit after for", "cassette for deore 12 speed", []string{"cassette-5"}},
		{"a brand after for dropped: the word after it ranks nothing", "toner for inkora printer", []string{"{toner-0 toner-1 toner-2 toner-3}"}},
	})
}

// addTo returns a function that appends to ps a product of the seller "hearth" with
// the description desc and the price cents, by id, title and category.
func addTo(ps *[]catalog.Product, desc string, cents int64) func(id, title, cat string) {
	return func(id, title, cat string) {
		*ps = append(*ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(cents)})
	}
}

// searchShopCases stores ps in a new catalog and runs the cases on it
// (searchAccessoryCases).
func searchShopCases(t *testing.T, ps []catalog.Product, cases []accessoryCase) {
	t.Helper()
	c := openCatalog(t)
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, cases)
}

// TestSearchShortPageSizeFirst holds that a short page of a query naming a size goes on
// first with the head's other products of that size, then with the head's products of
// other sizes that share its other words: after the two 180mm centerlock rotors, the
// 180mm rotors of another mount, before the centerlock rotors of other sizes.
func TestSearchShortPageSizeFirst(t *testing.T) {
	var ps []catalog.Product
	addRotor := addTo(&ps, "Stainless steel.", 3999)
	add := func(id, title string) { addRotor(id, title, "Bike Parts > Brakes > Rotors") }
	for _, size := range []string{"140mm", "160mm", "180mm", "203mm"} {
		add("rt-"+size, "Shimo RT-800 Disc Brake Rotor "+size+" Centerlock")
		add("sm-"+size, "Shimo SM-70 Disc Brake Rotor "+size+" Centerlock")
	}
	for _, size := range []string{"160mm", "180mm", "203mm"} {
		add("hope-"+size, "Hopa Floating Disc Brake Rotor "+size+" 6-Bolt")
		add("srom-"+size, "Srom Centerline Disc Brake Rotor "+size+" 6-Bolt")
	}
	searchShopCases(t, ps, []accessoryCase{
		{"the size's other products come before the other sizes", "centerlock rotor 180mm", []string{"{rt-180mm sm-180mm}", "{hope-180mm srom-180mm}"}},
		{"a size written apart", "centerlock rotor 180 mm", []string{"{rt-180mm sm-180mm}", "{hope-180mm srom-180mm}"}},
	})
}

// TestSearchShortPageMeasureUnit holds that a count with its unit before the thing
// ("8 speed chain") is what the thing is like: a short page goes on with the thing's
// other counts of that unit, however a title places them ("Chain 9 Speed 116 Links",
// headed by "links"), before the other products named with the thing ("Chain Lube",
// "Chain Tool").
func TestSearchShortPageMeasureUnit(t *testing.T) {
	var ps []catalog.Product
	addPart := addTo(&ps, "Bike part.", 3499)
	add := func(id, title string) { addPart(id, title, "Bike Parts > Drivetrain") }
	add("hg40", "Shimo CN-40 8-Speed Chain")
	add("x8", "Kemc X8 Chain 8 Speed 116 Links")
	add("x11", "Kemc X11 11-Speed Chain")
	add("x9", "Kemc X9 Chain 9 Speed 116 Links for Road and Mountain Bikes")
	add("m61", "Shimo CN-61 Chain 12 Speed 116 Links for Mountain Bikes")
	add("lube", "Chain Lube")
	add("tool", "Chain Tool")
	add("hd", "Kemc Heavy Duty Chain")
	add("hdlube", "Wet Heavy Duty Lube")
	searchShopCases(t, ps, []accessoryCase{
		{"the thing's other counts of the unit before what is named with it", "8 speed chain",
			[]string{"{hg40 x8}", "x11", "{x9 m61}", "{lube tool hd}"}},
	})
}
