package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// petShop is a small pet supplies shop written the way shop exports are: brand, line and
// type in the title, what the product is for after it ("for Dogs"), the kind of pet in the
// category, tags a shop adds by hand. Most dog products say "dog"; the shop sells no
// clothes, stairs or shoes.
func petShop(t testing.TB, change func([]catalog.Product)) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, brand, desc, cat string, tags ...string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: desc, Category: cat,
			Tags: tags, Price: usd(int64(1299 + 100*len(ps)))})
	}
	// Dogs.
	add("puppyfood0", "Royal Canin Medium Puppy Dry Dog Food, 17 lb", "Royal Canin", "Complete nutrition for growing puppies up to 12 months.", "Dog > Food > Dry Food")
	add("adultfood0", "Royal Canin Small Breed Adult Dry Dog Food, 14 lb", "Royal Canin", "For adult small dogs from 10 months, when they move on from puppy food.", "Dog > Food > Dry Food")
	add("adultfood1", "Blue Buffalo Wilderness Grain Free Adult Dry Dog Food, Chicken", "Blue Buffalo", "High protein kibble for adult dogs.", "Dog > Food > Dry Food")
	add("seniorfood", "Hill's Science Diet Senior 7+ Dry Dog Food", "Hill's", "Easy to digest kibble for older dogs.", "Dog > Food > Dry Food")
	add("wetfood", "Merrick Grain Free Wet Dog Food Variety Pack, 12 Cans", "Merrick", "Real meat first; for adult dogs and puppies.", "Dog > Food > Wet Food")
	add("treats", "Zuke's Mini Naturals Training Treats for Dogs", "Zuke's", "Small soft treats for rewarding good behaviour during training.", "Dog > Treats")
	add("chews", "Zesty Paws Calming Bites for Dogs", "Zesty Paws", "Soft chews for stress, travel and fireworks.", "Dog > Health")
	add("harness", "Rabbitgoo No Pull Dog Harness, Reflective", "Rabbitgoo", "Two leash clips and padded straps.", "Dog > Collars & Leashes")
	add("leash", "Max and Neo Reflective Dog Leash, 6 ft", "Max and Neo", "A strong leash with a padded handle.", "Dog > Collars & Leashes")
	add("collar", "Blueberry Pet Classic Nylon Dog Collar", "Blueberry Pet", "Adjustable collar in ten colours.", "Dog > Collars & Leashes")
	add("airtag", "Airtag Holder for Dog Collar, Silicone", "Petrack", "Keeps an AirTag on any collar.", "Dog > Collars & Leashes")
	add("launcher", "iFetch Automatic Ball Launcher for Dogs", "iFetch", "Throws tennis balls 10 to 30 feet.", "Dog > Toys")
	add("kickball", "Chuckit! Kick Fetch Ball for Dogs", "Chuckit!", "A big ball to kick for a game of fetch.", "Dog > Toys")
	add("kong", "KONG Classic Dog Toy, Medium", "KONG", "Fill it with kibble or peanut butter.", "Dog > Toys")
	add("rope", "Mammoth Cottonblend 3 Knot Rope Dog Toy", "Mammoth", "For tug of war.", "Dog > Toys")
	add("brush", "Hertzko Self Cleaning Slicker Brush for Dogs and Cats", "Hertzko", "Removes loose hair and tangles.", "Dog > Grooming")
	add("shampoo", "Earthbath Oatmeal & Aloe Dog Shampoo", "Earthbath", "Soothes itchy skin.", "Dog > Grooming")
	add("nailclip", "Safari Professional Nail Trimmer for Dogs", "Safari", "Stainless steel blades.", "Dog > Grooming")
	add("dogbed", "Furhaven Orthopedic Dog Bed, Large", "Furhaven", "Egg crate foam for joints.", "Dog > Beds")
	add("crate", "MidWest iCrate Folding Metal Dog Crate, 36 in", "MidWest", "A divider panel for growing puppies.", "Dog > Crates & Gates")
	add("gate", "Regalo Easy Step Walk Thru Pet Gate", "Regalo", "Keeps dogs out of the kitchen.", "Dog > Crates & Gates")
	add("ramp", "PetSafe CozyUp Folding Dog Ramp", "PetSafe", "Helps older dogs onto the bed or into the car.", "Dog > Beds")
	add("pads", "Amazon Basics Puppy Training Pads, 100 Count", "Amazon Basics", "Leak-proof pee pads for house training.", "Dog > Potty & Training")
	add("padholder", "Puppy Pee Pad Holder, Large", "Ultra Paws", "Holds a training pad flat so it does not slide.", "Dog > Potty & Training")
	add("poopbags", "Earth Rated Poop Bags, 270 Count", "Earth Rated", "Leak-proof dog poop bags on refill rolls.", "Dog > Potty & Training")
	add("dispenser0", "Earth Rated Poop Bag Dispenser with Leash Clip", "Earth Rated", "Holds one roll of bags; clips to any leash.", "Dog > Potty & Training")
	add("dispenser1", "Bolt Poop Bag Dispenser, Leash Clip, Aluminium", "Bolt", "A metal dispenser for one roll.", "Dog > Potty & Training")
	add("scooper", "Petmate Swivel Bin & Rake Poop Scooper", "Petmate", "Picks up waste in the yard without bending.", "Dog > Potty & Training")
	add("clicker", "PetSafe Clik-R Dog Training Clicker", "PetSafe", "A clicker for positive reinforcement.", "Dog > Potty & Training")
	add("bowl", "Outward Hound Fun Feeder Slow Feed Dog Bowl", "Outward Hound", "Slows fast eaters.", "Dog > Bowls & Feeders")
	add("jacket", "Kurgo Loft Reversible Dog Jacket", "Kurgo", "A warm, water resistant jacket for winter walks.", "Dog > Apparel")
	// Cats.
	add("kittenfood", "Purina ONE Healthy Kitten Dry Cat Food, 7 lb", "Purina", "For kittens up to one year.", "Cat > Food")
	add("catfood", "Iams ProActive Health Adult Indoor Dry Cat Food", "Iams", "For adult cats that live indoors.", "Cat > Food")
	add("litter", "PetSafe ScoopFree Crystal Cat Litter, 2-Pack", "PetSafe", "Low dust crystals.", "Cat > Litter & Boxes")
	add("litterbox", "Petmate Hooded Cat Litter Box with Filter", "Petmate", "A hood and charcoal filter keep odours in.", "Cat > Litter & Boxes")
	add("scoop", "iPrimio Cat Litter Scoop with Long Handle", "iPrimio", "Deep shovel for clumps.", "Cat > Litter & Boxes")
	add("fountain", "Catit Flower Cat Water Fountain", "Catit", "Fresh running water with a triple filter.", "Cat > Bowls & Feeders")
	add("catbed", "K&H Thermo-Kitty Heated Cat Bed", "K&H", "A warm bed for cold floors.", "Cat > Beds")
	add("wand", "Da Bird Feather Wand Cat Toy", "Go Cat", "Feathers that twirl like a bird.", "Cat > Toys")
	// Fish.
	add("bettaglass", "Tetra Betta Glass Aquarium, 1.5 Gallon", "Tetra", "A curved glass bowl with an LED light, sized for one betta fish.", "Fish > Aquariums")
	add("spec", "Fluval Spec V Aquarium Kit, 5 Gallon", "Fluval", "An aluminium nano aquarium with a filter and LED lighting.", "Fish > Aquariums", "betta tank", "nano tank")
	add("portrait", "Marineland Portrait Glass LED Aquarium Kit, 5 Gallon", "Marineland", "A tall glass tank with hidden filtration.", "Fish > Aquariums")
	add("bettafood", "Hikari Betta Bio-Gold Pellets", "Hikari", "Floating pellets for bettas that keep tank water clear.", "Fish > Food")
	add("hammock", "Zoo Med Betta Hammock Leaf", "Zoo Med", "A leaf rest that suctions to the tank wall.", "Fish > Decor")
	add("bettaheater", "Aqueon Mini Heater for Betta Bowls", "Aqueon", "Keeps a small tank at 78F.", "Fish > Heaters")
	add("filter", "Tetra Whisper Internal Aquarium Filter", "Tetra", "For tanks up to 10 gallons.", "Fish > Filters")
	add("conditioner", "API Stress Coat Water Conditioner", "API", "Makes tap water safe for fish in your tank.", "Fish > Water Care")
	// Reptiles.
	add("heatmat", "Zoo Med ReptiTherm Under Tank Heater, Small", "Zoo Med", "A heat mat for terrariums and reptile tanks of 10 to 20 gallons.", "Reptile > Heating")
	add("geckokit", "Exo Terra Leopard Gecko Terrarium Kit", "Exo Terra", "Glass terrarium with a heat mat, thermometer and sand for leopard geckos.", "Reptile > Habitats")
	add("emitter", "Zoo Med Ceramic Heat Emitter, 100W", "Zoo Med", "Heat without light for night time.", "Reptile > Heating")
	add("geckofood", "Repashy Grub Pie Gecko Diet", "Repashy", "A complete gel food for crested and leopard geckos.", "Reptile > Food")
	add("hide", "Exo Terra Reptile Cave Hide, Medium", "Exo Terra", "A humid hide for shedding.", "Reptile > Decor")
	if change != nil {
		change(ps)
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSearchPetShop holds what a new user's pet shop showed (issue #13), each case in a
// shop written as such shops write titles:
//   - a head the vocabulary and the catalog tie to a type ("tank": "fish tank" is an
//     aquarium, and the aquariums say "tank") finds the products of that type with the
//     first word ("Tetra Betta Glass Aquarium"), and no note says no product is one
//     (tiedHead); a product tagged with the query is found too;
//   - a head no product has, after words that say who or what it is for ("hoodie for
//     dog", "dog stairs"), is a thing the shop does not sell: nothing, and a note that
//     says so and what the products with the other words are (droppedHead, headless),
//     not every product with "dog"; a word of the vocabulary is not corrected into
//     another ("hoodie" into "hooded");
//   - an accessory word after a compound the titles have ("dog poop bag holder") finds
//     the products named with the compound that hold it (heldThing), not every holder;
//   - "pooper scooper" is a poop scooper (vocabulary), and "trainers" no "Kick" ball;
//   - "puppy food": a food for adults comes after the puppy's, and after food that
//     says puppies (no synonym; lifeStages);
//   - a short page goes on with the products that say the query's last two words
//     ("heat mat" of an under-tank heater's description) before other products with
//     the head, and its facets count the page (shortPage).
func TestSearchPetShop(t *testing.T) {
	untagged := func(ps []catalog.Product) {
		for i := range ps {
			ps[i].Tags = nil
		}
	}
	shops := map[bool]*catalog.Catalog{false: petShop(t, nil), true: petShop(t, untagged)}
	for _, tc := range []struct {
		name, text string
		untagged   bool
		first      []string // the first hit is one of these; none for no hits
		has, not   []string // among the hits, and not
		notSecond  []string // the second hit is none of these
		note       string   // a note has this
		notNote    string   // no note has this
	}{
		{"a type the catalog ties to the head", "betta tank", false, []string{"bettaglass"}, []string{"spec"}, nil, nil, "", "No product is a"},
		{"a type the catalog ties to the head, no tag saying it", "betta tank", true, []string{"bettaglass"}, nil, nil, nil, "", "No product is a"},
		{"a product tagged with the query", "nano tank", false, []string{"spec"}, nil, nil, nil, "", "No product is a"},
		{"a head no product has, before who it is for", "hoodie for dog", false, nil, nil, nil, nil, `The catalog sells no "hoodie"; its products with "dog" are`, ""},
		{"a head no product has, after who it is for", "dog stairs", false, nil, nil, nil, nil, `The catalog sells no "stairs"`, ""},
		{"a word of the vocabulary, not corrected into another", "dog hoodie", false, nil, nil, nil, nil, `The catalog sells no "hoodie"`, "hooded"},
		{"a regional word no product is", "trainers for dogs", false, nil, nil, []string{"kickball"}, nil, `The catalog sells no "trainers"`, ""},
		{"what holds the compound before an accessory word", "dog poop bag holder", false, []string{"dispenser0", "dispenser1"}, nil, []string{"airtag", "padholder"}, nil, "", ""},
		{"another name of a thing", "pooper scooper", false, []string{"scooper"}, nil, nil, nil, "", ""},
		{"an age against its opposite", "puppy food", false, []string{"puppyfood0"}, nil, nil, []string{"adultfood0", "adultfood1", "seniorfood"}, "", ""},
		{"the head's phrase in a description", "gecko heat mat", false, []string{"geckokit"}, []string{"heatmat"}, nil, nil, `products that say "heat mat"`, ""},
		{"a short page's facets", "crystal litter", false, []string{"litter"}, []string{"litterbox"}, nil, nil, "every word; after", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := shops[tc.untagged].Search(context.Background(), catalog.Query{Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			notes := strings.Join(res.Notes, " ")
			switch {
			case len(tc.first) == 0 && len(got) > 0:
				t.Errorf("%q: hits %q, want none (notes %q)", tc.text, got, res.Notes)
			case len(tc.first) > 0 && (len(got) == 0 || !slices.Contains(tc.first, got[0])):
				t.Errorf("%q: hits %q, want one of %q first (notes %q)", tc.text, got, tc.first, res.Notes)
			}
			for _, id := range tc.has {
				if !slices.Contains(got, id) {
					t.Errorf("%q: hits %q, want %s among them (notes %q)", tc.text, got, id, res.Notes)
				}
			}
			for _, id := range tc.not {
				if slices.Contains(got, id) {
					t.Errorf("%q: hits %q, want no %s (notes %q)", tc.text, got, id, res.Notes)
				}
			}
			if len(got) > 1 && slices.Contains(tc.notSecond, got[1]) {
				t.Errorf("%q: hits %q, want none of %q second", tc.text, got, tc.notSecond)
			}
			if tc.note != "" && !strings.Contains(notes, tc.note) {
				t.Errorf("%q: notes %q, want one with %q", tc.text, res.Notes, tc.note)
			}
			if tc.notNote != "" && (strings.Contains(notes, tc.notNote) || strings.Contains(res.Corrected, tc.notNote)) {
				t.Errorf("%q: notes %q (corrected %q), want none with %q", tc.text, res.Notes, res.Corrected, tc.notNote)
			}
			if strings.Contains(notes, "every word; after") {
				// A short page is the whole result: its facets count what it shows.
				n := 0
				for _, f := range res.Facets.Categories {
					n += f.Count
				}
				if n != res.Total || res.Total != len(got) {
					t.Errorf("%q: facets count %d products, total %d, %d hits: want the page's", tc.text, n, res.Total, len(got))
				}
			}
		})
	}
}

// BenchmarkPetShop times Search on the pet shop over the queries of TestSearchPetShop,
// by the path each takes, beside a one-word search as the floor ("harness"). Run
// against another build with the same fixture, the difference is the cost of what
// that build does on the path.
//
//	go test -tags sqlite_fts5 -run '^$' -bench PetShop -count 5 ./catalog
func BenchmarkPetShop(b *testing.B) {
	c := petShop(b, nil)
	ctx := context.Background()
	for _, p := range []struct{ name, text string }{
		{"floor", "harness"},
		{"tied", "betta tank"},
		{"pair", "nano tank"},
		{"headless", "hoodie for dog"},
		{"unsold", "dog stairs"},
		{"held", "dog poop bag holder"},
		{"stage", "puppy food"},
		{"phrase", "gecko heat mat"},
		{"short", "crystal litter"},
	} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.Search(ctx, catalog.Query{Text: p.text}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
