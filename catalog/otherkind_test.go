package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchOtherKind: a two-word query whose head the catalog sells only as one kind
// named by the word before it in every title ("Office Chair Mat") asks, with another
// word before the head that says what the thing is for, for a thing the catalog does
// not sell, as does another type's name before a head sold as a thing for a type
// ("Monitor Stand"); a quality before the head, a word products have with the head
// and a head said of several kinds keep their products (and a type's name before a
// device's generic name, "stapler machine", its type: TestSearchCompoundHeads) —
// unless the query is a phrase the vocabulary names as a thing of its own, none of
// whose names is sold ("pasta maker": TestSearchUnsoldPhrase).
func TestSearchOtherKind(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(3999)})
	}
	for i := range 4 {
		add(fmt.Sprint("chairmat", i), fmt.Sprintf("Deskwell Office Chair Mat for Carpet, %d x 60 Inch", 36+12*i), "Protects floors under rolling chairs.")
		add(fmt.Sprint("dogbed", i), fmt.Sprintf("Pawpal Orthopedic Dog Bed, Size %d", i+1), "Memory foam for older dogs.")
		add(fmt.Sprint("stand", i), fmt.Sprintf("Deskwell Dual Monitor Stand, %d-32 Inch Screens", 13+i), "Clamps to the back of a desk.")
		add(fmt.Sprint("tablet", i), fmt.Sprintf("Vantora %d-Inch Tablet, 128GB", 8+i), "A bright screen for reading.")
		add(fmt.Sprint("monitor", i), fmt.Sprintf("Vantora %d-Inch Computer Monitor, IPS", 24+i), "Full HD at 75Hz.")
		add(fmt.Sprint("fryer", i), fmt.Sprintf("Crispa %d Quart Air Fryer, Nonstick Basket", 4+i), "Crisps with little or no oil.")
		add(fmt.Sprint("coffeemaker", i), fmt.Sprintf("Brewmate %d Cup Programmable Coffee Maker", 10+2*i), "Brews a full pot.")
		add(fmt.Sprint("labelmaker", i), fmt.Sprintf("Markit Handheld Label Maker LM-%d", 100+i), "Prints labels for folders and shelves.")
		add(fmt.Sprint("cattree", i), fmt.Sprintf("Whiskerly Cat Tree Tower, %d Inch", 36+12*i), "Sisal posts and a hammock.")
		add(fmt.Sprint("microsd", i), fmt.Sprintf("Nexa %d GB MicroSD Card", 32<<i), "Fast memory for phones.")
		add(fmt.Sprint("fryeroven", i), fmt.Sprintf("Crispa %d Quart Air Fryer Oven", 4+i), "Crisps with little oil.")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
		suggest    string // with no hits, the kind sold
	}{
		{"a word no product has before a head sold as one kind", "door mat", "", "chair mat"},
		{"another thing's place before a head sold as one kind", "bunk bed", "", "dog bed"},
		{"a type's name no product with the head says", "tablet stand", "", "monitor stand"},
		{"a word of the kind's name that is not its head", "apple tree", "", "cat tree"},
		{"a quality before the head", "smokeless fryer", "fryer", ""},
		{"the kind's own word", "chair mat", "chairmat", ""},
		{"a word products have with the head", "office mat", "chairmat", ""},
		{"a head said of several kinds", "drip maker", "coffeemaker", ""},
		{"a head said of several kinds, after a word that with it names another thing", "pasta maker", "", "maker"},
		{"a slip of the fingers", "fryer ovne", "fryeroven", ""},
	} {
		t.Run(tt.name, func(t *testing.T) { checkNoneOrFirst(t, c, tt.text, tt.first, tt.suggest) })
	}
}

// TestSearchOtherKinds: a two-word query whose head the catalog sells as a few kinds,
// each named after a type it sells ("Laptop Bag", "Shredder Bags": things made for
// those types), with a word before it no product has, asks for a thing the catalog
// does not sell; so does a head sold as one kind once the titles that say it after
// their names ("Battery Pack with USB Charger") or of another thing of the name ("Cat
// Pan Liners") are left out. A head whose kinds are not named after types ("Space
// Heater", "Radiator Heater"), and a word products have with the head, keep their
// products.
func TestSearchOtherKinds(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(3999)})
	}
	for i := range 4 {
		add(fmt.Sprint("laptop", i), fmt.Sprintf("Vantora %d-Inch Laptop, 16GB RAM", 13+i), "All-day battery.")
		add(fmt.Sprint("laptopbag", i), fmt.Sprintf("Shelfwise Protective Laptop Bag for %d Inch Notebooks", 13+i), "Padded against bumps.")
		add(fmt.Sprint("shredder", i), fmt.Sprintf("Papyra %d-Sheet Cross-Cut Shredder", 8+2*i), "Shreds credit cards.")
		add(fmt.Sprint("shredderbag", i), fmt.Sprintf("Papyra Shredder Bags, %d Gallon, 50 Count", 6+2*i), "Fits most office shredders.")
		add(fmt.Sprint("litterpan", i), fmt.Sprintf("Whiskerly High-Sided Litter Pan, Size %d", i+1), "High walls keep litter inside.")
		add(fmt.Sprint("charger", i), fmt.Sprintf("Wattly %dW USB-C Laptop Charger, GaN", 45+20*i), "Charges most laptops.")
		add(fmt.Sprint("spaceheater", i), fmt.Sprintf("Warmly %d00W Ceramic Space Heater, Thermostat", 7+i), "Warms a room in seconds.")
		add(fmt.Sprint("oilheater", i), fmt.Sprintf("Mistra Oil Filled Radiator Heater, %d Fins", 7+i), "Silent all night.")
	}
	for i := range 3 {
		add(fmt.Sprint("panliner", i), fmt.Sprintf("Whiskerly Cat Pan Liners, %d Count", 10+5*i), "Tear-resistant.")
		add(fmt.Sprint("rcbattery", i), fmt.Sprintf("Zoomrunner 7.4V %d00mAh Battery Pack with USB Charger", 12+2*i), "Doubles the run time.")
	}
	add("solarpack", "Wattly 10000mAh Power Bank with Solar Charger", "Charges in the sun.")
	for i := range 6 {
		add(fmt.Sprint("laptopbag", 4+i), fmt.Sprintf("Deskwell Laptop Bag for %d Inch Notebooks, Water Repellent", 13+i), "An accessory pocket.")
	}
	add("messenger", "Shelfwise Laptop Messenger Bag, 15.6 Inch", "A shoulder strap and a padded pocket.")
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
		suggest    string // with no hits, the kinds sold, joined by "|"
	}{
		{"a word no product has before a head sold as two kinds named after types", "duffel bag", "", "laptop bag|shredder bag"},
		{"a head sold as one kind once a title that says it of another thing is left out", "baking pan", "", "litter pan"},
		{"a head sold as one kind once the titles that say it after their names are left out", "dashboard charger", "", "laptop charger"},
		{"a slip in a word a title says before the head after its name", "solr charger", "charger", ""},
		{"a head sold as two kinds not named after types", "halogen heater", "", ""},
		{"a word products have with the head", "messenger bag", "messenger", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.first == "" && tt.suggest == "" {
				res, err := c.Search(t.Context(), catalog.Query{Text: tt.text})
				if err != nil {
					t.Fatal(err)
				}
				if got := hitIDs(res); len(got) == 0 || !strings.Contains(got[0], "heater") {
					t.Errorf("%q: hits %q, want heaters first (notes %q)", tt.text, got, res.Notes)
				}
				return
			}
			checkNoneOrFirst(t, c, tt.text, tt.first, tt.suggest)
		})
	}
}

// TestSearchForOtherKind: "X for Y" finds nothing when the catalog's Xs are one kind,
// named in their titles after one word, that no X says Y of: a type's name ("charger
// for an electric kettle" where the chargers are laptop chargers), or a word titles
// say after "for" when nothing the catalog has is Y ("bed for my hamster" where the
// beds are dog beds "for Small Dogs"). A word that says what the Xs are like
// ("Wireless Earbuds") and a Y the Xs say keep their products.
func TestSearchForOtherKind(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(3999)})
	}
	for i := range 4 {
		add(fmt.Sprint("charger", i), fmt.Sprintf("Wattly %dW USB-C Laptop Charger, GaN", 45+20*i), "Charges most laptops.")
		add(fmt.Sprint("laptop", i), fmt.Sprintf("Vantora %d-Inch Laptop, 16GB RAM", 13+i), "All-day battery.")
		add(fmt.Sprint("dogbed", i), fmt.Sprintf("Pawpal Orthopedic Dog Bed for Small Dogs, Size %d", i+1), "Memory foam.")
		add(fmt.Sprint("earbuds", i), fmt.Sprintf("Orbis Wireless Earbuds, %dH Playtime", 20+4*i), "Sweat resistant.")
		add(fmt.Sprint("kettle", i), fmt.Sprintf("Brewmate %d.7L Electric Kettle", i+1), "Boils fast.")
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, text string
		first      string // the ID prefix of the first hit; "" for no hits
		suggest    string // with no hits, the kind sold
	}{
		{"another thing than the type the Xs are made for", "charger for an electric kettle", "", "laptop charger"},
		{"something the catalog knows nothing of, the Xs for what titles name after for", "bed for my hamster", "", "dog bed"},
		{"a word that says what the Xs are like", "earbuds for the gym", "earbuds", ""},
		{"what the Xs say they are for", "bed for my dog", "dogbed", ""},
		{"the type the Xs are made for", "charger for my laptop", "charger", ""},
	} {
		t.Run(tt.name, func(t *testing.T) { checkNoneOrFirst(t, c, tt.text, tt.first, tt.suggest) })
	}
}

// checkNoneOrFirst searches text in c and holds its answer: with first "", no hits
// and the one suggestion suggest (the kind the catalog sells); else a hit whose id
// starts with first comes first.
func checkNoneOrFirst(t *testing.T, c *catalog.Catalog, text, first, suggest string) {
	t.Helper()
	res, err := c.Search(t.Context(), catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	if first == "" {
		if len(got) > 0 || strings.Join(res.Suggestions, "|") != suggest {
			t.Errorf("%q: hits %q, suggestions %q; want none and %q (notes %q)", text, got, res.Suggestions, suggest, res.Notes)
		}
		return
	}
	if len(got) == 0 || !strings.HasPrefix(got[0], first) {
		t.Errorf("%q: hits %q, want %s first (notes %q)", text, got, first, res.Notes)
	}
}
