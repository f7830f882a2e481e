package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// accessoryCase is a query of a small shop's catalog built for the accessory tests
// and the first hits it must find, by id, in order, a run in braces in any order
// (inOrder); hits after those are not checked.
type accessoryCase struct {
	name, text string
	want       []string
}

func searchAccessoryCases(t *testing.T, c *catalog.Catalog, cases []accessoryCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			n := len(strings.Fields(strings.Join(tc.want, " ")))
			if got := hitIDs(res); !inOrder(got[:min(n, len(got))], tc.want) {
				t.Errorf("%q: hits %q, want %q (notes %q)", tc.text, got, tc.want, strings.Join(res.Notes, " | "))
			}
		})
	}
}

// TestSearchKitOfTheType holds that a product sold as a kit of the type asked for
// and filed under it is that type, though "kit" is an accessory word: a drill titled
// "… Drill/Driver Kit" under Drills ranks with the other drills, before the drill
// bits; a kit filed elsewhere ("Drill Battery Kit" under Batteries) stays with the
// things made for drills. And "drill" names a type though kits head most titles with
// it: a short page of drill bits goes on with the drills (shortPage), and not with
// other sets, though the vocabulary calls drill bits a "drill bit set".
func TestSearchKitOfTheType(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Built for the job site.", Category: cat, Price: usd(9999)})
	}
	add("kit1", "Dewalto 20V MAX Cordless Drill/Driver Kit, DCD771C2", "Hardware > Tools > Drills")
	add("kit2", "Makito XFD131 18V Brushless Drill Driver Kit", "Hardware > Tools > Drills")
	add("hammer", "Milwauka M18 FUEL Hammer Drill", "Hardware > Tools > Drills")
	add("bits", "Boschy CO2135 Cobalt Metal Drill Bit Set", "Hardware > Tool Accessories > Drill Bits")
	add("battery", "Ryobo 18V Drill Battery Kit", "Hardware > Tool Batteries")
	add("rotary", "Dremo 4300 Rotary Tool Kit", "Hardware > Tools > Rotary Tools")
	add("toolset", "Craftso 230-Piece Mechanics Tool Set", "Hardware > Tools > Tool Sets")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"a drill sold as a kit, filed under Drills, ranks with the drills", "drill", []string{"{kit1 kit2 hammer}", "bits", "battery"}},
		{"the drills after the bits, though kits head most of their titles", "drill bits", []string{"bits", "{kit1 kit2 hammer}", "battery"}},
	})
}

// TestSearchAccessoryOfASubtype holds that strings asked for by the guitar they fit
// ("acoustic guitar strings") come before the strings of another kind of guitar
// ("Classical Guitar Strings"): the vocabulary names a guitar by its kinds, not one
// kind by another.
func TestSearchAccessoryOfASubtype(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Long-lasting tone.", Category: "Music > Accessories > Strings", Price: usd(1299)})
	}
	add("classical", "Addaro EJ45 Pro-Arte Nylon Classical Guitar Strings")
	add("acoustic1", "Addaro EJ16 Phosphor Bronze Acoustic Guitar Strings")
	add("acoustic2", "Elixo Nanoweb Bronze Acoustic Guitar Strings")
	add("electric", "Ernio Slinky Electric Guitar Strings")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the strings of the guitar named first", "acoustic guitar strings", []string{"{acoustic1 acoustic2}"}},
		{"a guitar's kind still finds its strings", "classical guitar strings", []string{"classical"}},
	})
}

// TestSearchShortPageMadeFor holds how a short first page goes on after the few
// products with every word of a query for a thing made for another (shortPage): the
// products with two of its words first (the other sustain pedal), then, when a word
// before the head names a type of the catalog that has fewer products than the head's
// ("keyboard" beside "stand"), that type before the head's other products (the
// keyboards before the guitar stands); a type with more products than the head's
// comes after them (the other amps before the guitars), and a word that is not the
// head most of its titles have ("bass": more bass guitars than electric basses) adds
// nothing.
func TestSearchShortPageMadeFor(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Stage ready.", Category: cat, Price: usd(4999)})
	}
	add("kstand1", "Gatoro Rok-It Keyboard Stand", "Music > Accessories > Stands")
	add("kstand2", "Onstago KS7190 Keyboard Stand", "Music > Accessories > Stands")
	add("gstand1", "Herculo GS414B Guitar Stand", "Music > Accessories > Stands")
	add("gstand2", "Onstago XCG4 Guitar Stand", "Music > Accessories > Stands")
	add("micstand", "Onstago MS7701B Microphone Stand", "Music > Accessories > Stands")
	add("kb1", "Yamano PSR-E373 61-Key Portable Keyboard", "Music > Keyboards")
	add("kb2", "Casiko CT-S300 61-Key Portable Keyboard", "Music > Keyboards")
	add("fc4a", "Yamano FC4A Piano-Style Sustain Pedal", "Music > Accessories > Pedals")
	add("sp2", "Maudio SP-2 Universal Sustain Pedal", "Music > Accessories > Pedals")
	add("ds1", "Bosso DS-1 Distortion Pedal", "Music > Effects")
	add("bd2", "Bosso BD-2 Blues Driver Pedal", "Music > Effects")
	add("ch1", "Bosso CH-1 Super Chorus Pedal", "Music > Effects")
	add("piano1", "Rolando FP-30X Digital Piano", "Music > Keyboards")
	add("piano2", "Casiko PX-S1100 Digital Piano", "Music > Keyboards")
	add("gamp", "Orango Crush 20RT Guitar Combo Amp", "Music > Amps")
	add("bamp", "Ampego BA-108 Bass Combo Amp", "Music > Amps")
	add("tamp", "Voxo AC15 Tube Combo Amp", "Music > Amps")
	add("g1", "Fendo Stratocaster Electric Guitar", "Music > Guitars")
	add("g2", "Gibso SG Electric Guitar", "Music > Guitars")
	add("g3", "Ibano RG550 Electric Guitar", "Music > Guitars")
	add("bass1", "Fendo Jazz Bass Guitar", "Music > Guitars")
	add("bass2", "Epipho Thunderbird Bass Guitar", "Music > Guitars")
	add("bass3", "Squiro Precision Bass Guitar", "Music > Guitars")
	add("ebass1", "Ibano GSR200 Electric Bass", "Music > Guitars")
	add("ebass2", "Sterlo Ray4 Electric Bass", "Music > Guitars")
	add("bstrings", "Ernio Slinky Bass Strings", "Music > Accessories > Strings")
	add("gigbag1", "Fendo FE610 Electric Guitar Gig Bag", "Music > Accessories > Bags")
	add("gigbag2", "Gatoro Dreadnought Guitar Gig Bag", "Music > Accessories > Bags")
	add("stickbag", "Vico Stick Bag", "Music > Accessories > Bags")
	add("cymbalbag", "Zildo Cymbal Bag", "Music > Accessories > Bags")
	add("malletbag", "Vico Mallet Bag", "Music > Accessories > Bags")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the type a stand is for before the other stands", "keyboard stand", []string{"{kstand1 kstand2}", "{kb1 kb2}"}},
		{"the product with two of the words, then the type named", "piano sustain pedal", []string{"fc4a", "sp2", "{piano1 piano2}"}},
		{"a type with more products than the head's comes after the head's", "guitar amp", []string{"gamp", "{bamp tamp}", "{g1 g2 g3 bass1 bass2 bass3}"}},
		{"a word that names no type", "bass amp", []string{"bamp", "{gamp tamp}"}},
		{"the other gig bag before the other bags", "electric gig bag", []string{"gigbag1", "gigbag2"}},
	})
}

// TestSearchShortPageSize holds that a size in a query ("20v", "5a") does not stop a
// short page (a bare number does: it may name the product), and is not searched for
// in what follows: after the one 20V battery come the other batteries, not the tools
// of the same voltage.
func TestSearchShortPageSize(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Built for the job site.", Category: cat, Price: usd(9999)})
	}
	add("dbattery", "Dewalto DCB205 20V MAX 5.0Ah Battery", "Hardware > Tool Batteries")
	add("mbattery", "Milwauka M18 REDLITHIUM 5.0Ah Battery", "Hardware > Tool Batteries")
	add("rbattery", "Ryobo ONE+ 18V 4.0Ah Battery", "Hardware > Tool Batteries")
	add("ddriver", "Dewalto DCF887 20V MAX Impact Driver", "Hardware > Tools > Impact Drivers")
	add("ddrill", "Dewalto DCD771 20V MAX Drill", "Hardware > Tools > Drills")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the other batteries after the one of that size", "20v max battery", []string{"dbattery", "{mbattery rbattery}"}},
	})
}

// TestSearchShortPageBrand holds that a short page of an accessory of a brand the
// query names ("makito charger") goes on, after the other chargers, with the brand's
// other products: what its charger is for.
func TestSearchShortPageBrand(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, brand, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: "Built for the job site.", Category: cat, Price: usd(9999)})
	}
	add("mcharger", "Makito DC18RC 18V Rapid Charger", "Makito", "Hardware > Tool Batteries")
	add("rkit", "Ryobo ONE+ 18V Battery and Charger Kit", "Ryobo", "Hardware > Tool Batteries")
	add("msander", "Makito BO5041K Random Orbit Sander", "Makito", "Hardware > Tools > Sanders")
	add("mdrill", "Makito XFD131 18V Drill", "Makito", "Hardware > Tools > Drills")
	add("ddrill", "Dewalto DCD771 20V MAX Drill", "Dewalto", "Hardware > Tools > Drills")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the other chargers, then the brand's products", "makito charger", []string{"mcharger", "rkit", "{msander mdrill}"}},
	})
}

// TestSearchAccessoryByAnotherName holds vocabulary that names an accessory as shops
// title it otherwise: "sandpaper" is sold as "Sanding Sheets".
func TestSearchAccessoryByAnotherName(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "For the workshop.", Category: cat, Price: usd(1299)})
	}
	add("sheets", "3Mo Pro Grade Precision Sanding Sheets, 120 Grit, 25 Pack", "Hardware > Abrasives")
	add("sander", "Makito BO5041K Random Orbit Sander", "Hardware > Tools > Sanders")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"sandpaper is sold as sanding sheets", "sandpaper", []string{"sheets"}},
		{"with its grit", "sandpaper 120 grit", []string{"sheets"}},
	})
}

// TestSearchAccessoryForMy holds that "X for my Y" asks for an X when the catalog
// sells X: "battery for my drill" finds the batteries, not the drills whose
// descriptions mention their battery (the vocabulary's "battery drill", a cordless
// drill, is two words apart here). A word before "for" that names no type the catalog
// sells keeps the vocabulary's reading ("gas for the barbecue").
func TestSearchAccessoryForMy(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(9999)})
	}
	add("battery1", "Milwauka M18 REDLITHIUM 5.0Ah Battery", "Fits every M18 tool.", "Hardware > Tool Batteries")
	add("battery2", "Dewalto DCB205 20V MAX 5.0Ah Battery", "Fits every 20V MAX tool.", "Hardware > Tool Batteries")
	add("drill1", "Dewalto DCD771 20V MAX Cordless Drill", "Comes with a battery and a charger.", "Hardware > Tools > Drills")
	add("drill2", "Makito XFD131 18V Drill Driver", "Battery sold separately.", "Hardware > Tools > Drills")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the batteries for a drill", "battery for my drill", []string{"{battery1 battery2}"}},
	})
}

// TestSearchForNoneSaid holds that "X for Y", where no product with X's words says
// any of Y's and X heads the titles of two products of a small shop, finds the Xs
// alone:
// the spray nozzles say what they are for otherwise ("for Garden Hose"), and Y's
// words would find only other things (tomato cages and plant food).
func TestSearchForNoneSaid(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: "Garden", Price: usd(1999)})
	}
	add("nozzle1", "Gilmo Spray Nozzle, 8 Patterns", "A thumb control for a gentle shower.")
	add("nozzle2", "Melnoro Metal Spray Nozzle for Garden Hose", "Heavy duty.")
	add("cage1", "Gardeno Tomato Cage, 54 inch, 3 Pack", "Holds up heavy vines.")
	add("cage2", "Ultomato Folding Tomato Cage, 4 Pack", "Folds flat for storage.")
	add("food1", "Jobbo Tomato Plant Food Spikes, 50 Count", "Feeds for eight weeks.")
	add("food2", "Miracla Tomato Plant Food, 1.5 lb", "Stir into the soil.")
	add("hose", "Flexo Garden Hose, 50 ft", "Kink free.")
	add("gloves", "Pinea Gardening Gloves, Medium", "Breathable.")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(context.Background(), catalog.Query{Text: "spray nozzle for tomato plants"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); !inOrder(got, []string{"{nozzle1 nozzle2}"}) {
		t.Errorf("hits %q, want the nozzles alone (notes %q)", got, res.Notes)
	}
}

// TestSearchShortPageFiledAlike holds that a short page goes on first with the
// products of the head word filed in the category every product with all the words
// is in: after the one brand's coffee filters, the other coffee filters, before the
// filters of the water pitchers on another branch of the same department.
func TestSearchShortPageFiledAlike(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: "Sold by the box.", Category: cat, Price: usd(999)})
	}
	add("brewo", "Brewo Paper Filters, 100 Count", "Kitchen > Coffee > Filters")
	add("coffee1", "Kalito Wave Paper Filters, 100 Count", "Kitchen > Coffee > Filters")
	add("coffee2", "Melito Cone Coffee Filters, 100 Count", "Kitchen > Coffee > Filters")
	add("water1", "Clearo Replacement Water Filters, 3 Pack", "Kitchen > Water > Filters")
	add("water2", "Puro Replacement Filters, 2 Pack", "Kitchen > Water > Filters")
	add("water3", "Zeroo Replacement Filters, 4 Pack", "Kitchen > Water > Filters")
	add("pitcher", "Clearo Water Filter Pitcher, 10 Cup", "Kitchen > Water > Pitchers")
	add("maker", "Brewo Drip Coffee Maker, 12 Cup", "Kitchen > Coffee > Makers")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the brand's filters, then the other coffee filters", "brewo filters", []string{"brewo", "{coffee1 coffee2}"}},
	})
}

// TestSearchBrandCovers holds that a product of the brand a query names covers the
// brand's words though its title's coverage leaves out the brand it starts with: the
// brand's own filters before a filter "for" the brand by another maker.
func TestSearchBrandCovers(t *testing.T) {
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, brand string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: "Made to last.", Category: "Kitchen > Coffee", Price: usd(1499)})
	}
	add("sock", "Brewsock Reusable Cotton Filter for Glasso 6-Cup", "Brewsock")
	add("own", "Glasso Bonded Filters, Pre-Folded, 100 Count", "Glasso")
	add("paper", "Kalito Wave Paper Filters, 100 Count", "Kalito")
	add("maker", "Glasso Pour-Over Glass Coffeemaker, 8-Cup", "Glasso")
	add("kettle", "Glasso Gooseneck Kettle, 1 Liter", "Glasso")
	add("press", "Pressa French Press by Glasso, 4-Cup", "Pressa")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	searchAccessoryCases(t, c, []accessoryCase{
		{"the brand's own filters first", "glasso filters", []string{"own", "sock"}},
	})
}
