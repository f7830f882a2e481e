package catalog_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// smallPetShop is a small pet shop as a new user's export is: a few products of each type,
// sizes and colours as variants of one title, titles that name the type last ("Dog
// Coat", "Dog Lead"), and descriptions that say what each is used for ("for cold-weather
// walks", "a warm, cosy sleep").
func smallPetShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(2499)})
	}
	sizes := []string{"Small", "Medium", "Large"}
	for i, s := range sizes {
		add(fmt.Sprint("coat", i), "Pawtrek Insulated Winter Dog Coat, "+s, "Keeps your dog warm and dry on winter walks. Fleece lining, reflective trim.", "Dogs > Clothing")
		add(fmt.Sprint("raincoat", i), "Pawtrek Waterproof Dog Raincoat, "+s, "Keeps the rain off on wet walks. Packs into its own pocket.", "Dogs > Clothing")
		add(fmt.Sprint("bed", i), "Snugpup Calming Donut Dog Bed, "+s, "Raised rim and soft faux fur for a warm, cosy sleep. Machine washable cover.", "Dogs > Beds")
		add(fmt.Sprint("harness", i), "Trailhound No-Pull Dog Harness, "+s, "Front clip for everyday walks; padded chest plate.", "Dogs > Walking")
	}
	for i, c := range []string{"Black", "Red"} {
		add(fmt.Sprint("lead", i), "Trailhound Reflective Dog Lead, 1.5 m, "+c, "Padded handle and reflective stitching for evening walks.", "Dogs > Walking")
		add(fmt.Sprint("collar", i), "Trailhound Padded Dog Collar, "+c, "Quick-release buckle and a ring for the tag.", "Dogs > Walking")
	}
	for i, f := range []string{"Chicken", "Lamb", "Salmon"} {
		add(fmt.Sprint("dogfood", i), "Barkwell Adult Dry Dog Food, "+f+", 12 kg", "Complete food for adult dogs with "+f+" as the first ingredient.", "Dogs > Food")
		add(fmt.Sprint("catfood", i), "Whiskerly Adult Wet Cat Food, "+f+", 12 x 85 g", "Chunks in gravy for adult cats.", "Cats > Food")
	}
	add("toy0", "Chewzy Rope Tug Dog Toy", "Tough cotton rope for tug of war.", "Dogs > Toys")
	add("toy1", "Chewzy Squeaky Ball Dog Toy, 3 Pack", "Bouncy rubber balls that squeak.", "Dogs > Toys")
	add("bowl0", "Barkwell Stainless Steel Dog Bowl, 1.8 L", "Non-slip rubber base.", "Dogs > Bowls")
	add("bowl1", "Barkwell Slow Feeder Dog Bowl", "Ridges slow down fast eaters.", "Dogs > Bowls")
	add("litter0", "Whiskerly Clumping Cat Litter, Unscented, 10 L", "Low-dust clay that locks in odour.", "Cats > Litter")
	add("litter1", "Whiskerly Pine Cat Litter, 30 L", "Natural pine pellets.", "Cats > Litter")
	add("tray0", "Whiskerly Hooded Litter Tray", "Carbon filter in the hood.", "Cats > Litter")
	for i, ty := range []string{"Bird Seed Mix", "Hamster Cage", "Fish Flakes", "Aquarium Gravel", "Rabbit Hutch", "Guinea Pig Bedding", "Dog Poop Bags", "Pet Carrier", "Flea Spray", "Dog Treats", "Cat Treats", "Dental Chews"} {
		for j, sz := range []string{"Small", "Medium", "Large"} {
			add(fmt.Sprintf("other%d-%d", i, j), "Petly "+ty+", "+sz, "Our own brand, made to last.", "Pets > Everyday")
		}
	}
	add("tree0", "Whiskerly Cat Tree with Sisal Posts, 120 cm", "Three platforms and a hideaway.", "Cats > Furniture")
	add("scratcher0", "Whiskerly Cardboard Cat Scratcher", "Comes with catnip.", "Cats > Furniture")
	add("shampoo0", "Groomly Oatmeal Dog Shampoo, 500 ml", "Soothes itchy skin.", "Dogs > Grooming")
	add("brush0", "Groomly Slicker Brush for Dogs", "Lifts loose undercoat.", "Dogs > Grooming")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// guitarShop is a small guitar shop: guitars, the strings and picks made for them
// (titles that say "Guitar Strings", "Guitar Picks"), a string winder, tuners, capos,
// straps and stands.
func guitarShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(3999)})
	}
	for i, m := range []string{"FG800 Dreadnought", "CD-60S Dreadnought", "GS Mini Mahogany"} {
		add(fmt.Sprint("acoustic", i), "Strumwell "+m+" Acoustic Guitar", "Solid spruce top, die-cast tuners, set up in our workshop.", "Guitars > Acoustic")
	}
	for i, m := range []string{"Player Stratocaster", "SG Standard", "Les Paul Studio"} {
		add(fmt.Sprint("electric", i), "Strumwell "+m+" Electric Guitar", "Alder body, two humbuckers, ready to play.", "Guitars > Electric")
	}
	for i, m := range []string{"Regular Slinky 10-46 Electric", "Phosphor Bronze 12-53 Acoustic", "Super Light 9-42 Electric"} {
		add(fmt.Sprint("strings", i), "Ernesto "+m+" Guitar Strings", "Bright tone and long life. One set of six strings.", "Accessories > Strings")
	}
	add("winder0", "Dunlo String Winder and Cutter", "Wind pegs fast and trim the ends.", "Accessories > Tools")
	add("picks0", "Dunlo Tortex Guitar Picks, 12 Pack", "Medium gauge.", "Accessories > Picks")
	add("picks1", "Fendo Celluloid Guitar Picks, 24 Pack", "Assorted gauges.", "Accessories > Picks")
	add("tuner0", "Snarko Clip-On Chromatic Tuner", "Clips on the headstock.", "Accessories > Tuners")
	add("tuner1", "Polytone Pedal Tuner", "True bypass.", "Accessories > Tuners")
	add("capo0", "Kyzer Quick-Change Capo", "For six-string guitars.", "Accessories > Capos")
	add("strap0", "Levo Leather Guitar Strap", "Two-inch padded leather.", "Accessories > Straps")
	add("stand0", "Hercula Folding Guitar Stand", "Folds flat for gigs.", "Accessories > Stands")
	add("amp0", "Fendo Frontman 10G Guitar Amplifier", "Ten watts for practice.", "Amplifiers")
	add("cable0", "Mogamo 10 ft Instrument Cable", "Quarter-inch jacks.", "Accessories > Cables")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// storyShop is a small general shop whose titles name some types by a word before
// the head ("Thermal Running Socks", "Workout Mat", "Steak Knives Set", "Cat Tree,
// Sisal Perches"), beside products that share the sentences' other words.
func storyShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Category: cat, Price: usd(1999)})
	}
	for i, col := range []string{"Black", "Grey", "Blue"} {
		add(fmt.Sprint("socks", i), "Stridon Thermal Running Socks, "+col, "Brushed inner for cold mornings.", "Apparel > Socks")
		add(fmt.Sprint("mat", i), "Flexo Workout Mat, 6 mm, "+col, "Non-slip surface and a carry strap.", "Fitness > Mats")
		add(fmt.Sprint("knives", i), fmt.Sprintf("Edgecraft %d Piece Steak Knives Set", 4+2*i), "Serrated blades, dishwasher safe.", "Kitchen > Cutlery")
		add(fmt.Sprint("kettle", i), "Brewo Electric Kettle 1.7 L, "+col, "Boils in three minutes; a soft-touch handle.", "Kitchen > Appliances")
		add(fmt.Sprint("cattree", i), fmt.Sprintf("Whisko %d cm Cat Tree, Sisal Perches", 80+20*i), "Two platforms and a hideaway.", "Pets > Cats")
		add(fmt.Sprint("fountain", i), "Whisko Cat Water Fountain, Top Fill, "+col, "Quiet pump for cats that sleep nearby.", "Pets > Cats")
	}
	for i, a := range []string{"Bear", "Rabbit"} {
		add(fmt.Sprint("softtoy", i), "Cuddlo "+a+" Soft Toy", "Soft plush, safe from birth.", "Toys > Plush")
	}
	add("lamp0", "Lumo Floor Lamp, Brass", "A warm light for reading.", "Home > Lighting")
	add("lamp1", "Lumo Arc Floor Lamp", "A warm light for reading.", "Home > Lighting")
	add("chair0", "Seato High Back Desk Chair", "Breathable mesh.", "Home > Furniture")
	add("chair1", "Seato High Back Gaming Chair", "Reclines to 150 degrees.", "Home > Furniture")
	add("mower0", "Greenwork 40V Cordless Lawn Mower", "Folds flat for the shed.", "Garden > Power Tools")
	add("inflator0", "Ryobo Cordless Tyre Inflator", "Digital gauge, auto shut-off.", "Garage > Tools")
	add("throw0", "Woolly Knitted Throw", "Soft and heavy.", "Home > Textiles")
	add("pillow0", "Woolly Cushion Cover", "Soft cotton.", "Home > Textiles")
	// The rest of the shop: types none of the sentences name.
	for i, ty := range []string{"Notebook", "Gel Pen", "Coffee Mug", "Scented Candle", "Bath Towel", "Plant Pot", "Umbrella",
		"Backpack", "Water Bottle", "Phone Case", "Desk Organiser", "Picture Frame", "Wall Clock", "Tea Towel", "Lunch Box"} {
		for j, col := range []string{"Red", "Green", "White", "Navy"} {
			add(fmt.Sprintf("other%d-%d", i, j), "Homely "+ty+", "+col, "Everyday quality at a fair price.", "Home > Everyday")
		}
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSentenceTitleWords holds what a small shop's shopper finds when a sentence's
// one word of the catalog's titles says what it is about, where the other readings
// find nothing:
//   - a plural right after a place word says on what occasions, not where ("on
//     runs": Running Socks; afterPlace);
//   - a sentence that asks for something, half of whose words products have but
//     none two of them, is read by its word that names a type in titles
//     (titleWordType after relaxed), and of two such words the one most of whose
//     products say it in their titles wins: "soft" is said all over descriptions,
//     "workouts" names Workout Mats; a story with those words that asks for nothing
//     finds nothing;
//   - in a small shop, where most types have one product, a word of one title
//     names that product's type ("lawn": Lawn Mower) in a request (a want word, or
//     a verb first: "pump up the tyres"), not in a story, unless another word of the
//     sentence names a type in more titles ("runs" before "brass");
//   - the shopper's own thing, sold in sets whose titles the set heads ("Steak Knives
//     Set"; ownedTitleWords), but not a participle after a possessive ("my sister
//     loves running");
//   - a past form after the shopper's thing makes no compound with it ("my kettle
//     cracked"; pastForm);
//   - the thing a request asks for by its article, named in titles after another
//     head ("a high perch": "Cat Tree, Sisal Perches"), comes before products with as
//     many of the sentence's words ("cat", "top": a cat water fountain; askedType).
func TestSentenceTitleWords(t *testing.T) {
	c := storyShop(t)
	for _, tc := range []struct {
		name, text string
		first      []string // the first hit is one of these; none for nothing
	}{
		{"a plural after a place word says when", "my toes freeze on runs in january", []string{"socks0", "socks1", "socks2"}},
		{"a word that names a type, in a request most of whose words products have", "i need something soft under me for floor workouts", []string{"mat0", "mat1", "mat2"}},
		{"the same words in a story that asks for nothing", "the floor shakes during thermal workouts", nil},
		{"a word of one title names its type in a small shop", "the lawn needs cutting before the party", []string{"mower0"}},
		{"a word of one title, in a request that opens with its verb", "pump up the tyres before the drive", []string{"inflator0"}},
		{"a word of one title, in a story", "the lawn at the park is lovely", nil},
		{"a word of one title yields to a word of several", "the taps are brass and my toes freeze on runs", []string{"socks0", "socks1", "socks2"}},
		{"the shopper's own thing, sold in sets", "our knives are so blunt they tear everything", []string{"knives0", "knives1", "knives2"}},
		{"a participle after a possessive is no thing of the shopper's", "my sister loves running in the park", nil},
		{"a past form after the shopper's thing", "the lid of my kettle cracked", []string{"kettle0", "kettle1", "kettle2"}},
		{"the thing a request asks for, named in titles after another head", "my cat sits on top of the bookcase and needs a high perch", []string{"cattree0", "cattree1", "cattree2"}},
	} {
		t.Run(tc.name, func(t *testing.T) { searchFirstOf(t, c, tc.text, tc.first) })
	}
}

// TestSentenceSmallShop holds what sentences find in small shops of one trade, whose
// types are few: a want said by words the products' descriptions and categories
// hold ("warm", "walks": the coats), the shopper's own thing and a verb made of what
// is made for it ("restring my guitar": the strings first), and nothing for a
// request of a service or a story the shop's one word is in.
func TestSentenceSmallShop(t *testing.T) {
	pets, guitars := smallPetShop(t), guitarShop(t)
	for _, tc := range []struct {
		name, text string
		c          *catalog.Catalog
		first      []string // the first hit is one of these; none for nothing
	}{
		{"a want said by the words of one type's descriptions", "something to keep my dog warm on walks", pets, []string{"coat0", "coat1", "coat2"}},
		{"the shopper's own thing and what is made for it", "what do i need to restring my guitar", guitars, []string{"strings0", "strings1", "strings2", "winder0"}},
		{"a service for the shopper's pet", "a vet for my sick dog", pets, nil},
		{"a story with one word of the shop", "my dog ate my homework", pets, nil},
		{"a thing of the shop's type that it does not sell", "a guitar signed by elvis", guitars, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { searchFirstOf(t, tc.c, tc.text, tc.first) })
	}
}

// BenchmarkSentenceTitleWords times the sentences of TestSentenceTitleWords and
// TestSentenceSmallShop on their small shops through Search, each beside a floor: a
// search of one word that names a type of the same shop ("kettle"), and reports their
// ratio.
//
//	go test -tags sqlite_fts5 -run '^$' -bench SentenceTitleWords -count 5 ./catalog
func BenchmarkSentenceTitleWords(b *testing.B) {
	ctx := context.Background()
	type shopQ struct {
		c           *catalog.Catalog
		text, floor string
	}
	story, pets, guitars := storyShop(b), smallPetShop(b), guitarShop(b)
	var qs []shopQ
	for _, text := range []string{"my toes freeze on runs in january", "i need something soft under me for floor workouts",
		"the floor shakes during thermal workouts", "the lawn needs cutting before the party", "the taps are brass and my toes freeze on runs",
		"our knives are so blunt they tear everything", "my sister loves running in the park", "the lid of my kettle cracked",
		"my cat sits on top of the bookcase and needs a high perch"} {
		qs = append(qs, shopQ{story, text, "kettle"})
	}
	qs = append(qs, shopQ{pets, "something to keep my dog warm on walks", "harness"}, shopQ{guitars, "what do i need to restring my guitar", "capo"},
		shopQ{pets, "a vet for my sick dog", "harness"}, shopQ{pets, "my dog ate my homework", "harness"}, shopQ{guitars, "a guitar signed by elvis", "capo"})
	var search, floor time.Duration
	for b.Loop() {
		for _, q := range qs {
			t0 := time.Now()
			if _, err := q.c.Search(ctx, catalog.Query{Text: q.text}); err != nil {
				b.Fatal(err)
			}
			// The floor: a search of one word that names a type, in the same shop.
			t1 := time.Now()
			if _, err := q.c.Search(ctx, catalog.Query{Text: q.floor}); err != nil {
				b.Fatal(err)
			}
			search, floor = search+t1.Sub(t0), floor+time.Since(t1)
		}
	}
	n := float64(b.N * len(qs))
	b.ReportMetric(float64(search.Nanoseconds())/n, "search-ns/query")
	b.ReportMetric(float64(floor.Nanoseconds())/n, "floor-ns/query")
	b.ReportMetric(float64(search)/float64(floor), "search/floor")
}
