package catalog_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// shopperProducts are products and accessories for them, named as real feeds name
// them, some without a category.
var shopperProducts = []catalog.Product{
	{ID: "dyson", Title: "Dyson V11 Cordless Vacuum Cleaner", Brand: "Dyson", Category: "Home > Vacuums", Price: usd(49900)},
	{ID: "shark", Title: "Shark Navigator Upright Vacuum, Lift-Away", Brand: "Shark", Price: usd(19900)},
	{ID: "vac-bags", Title: "Vacuum Bags for Hoover WindTunnel Vacuum Cleaners, 10-Pack", Brand: "Generic", Price: usd(1500)},
	{ID: "vac-filter", Title: "HEPA Filter for Dyson V11 Vacuum Cleaner", Brand: "Generic", Price: usd(2500)},
	{ID: "xps", Title: "Dell XPS 13 Laptop, 16GB RAM, 512GB SSD", Brand: "Dell", Price: usd(99900)},
	{ID: "thinkpad", Title: "Lenovo ThinkPad X1 Carbon Laptop", Brand: "Lenovo", Category: "Computers > Laptops", Price: usd(149900)},
	{ID: "laptop-lock", Title: "Kensington Laptop Lock", Brand: "Kensington", Price: usd(2999)},
	{ID: "laptop-filter", Title: "Laptop Privacy Filter 14 inch", Brand: "3M", Price: usd(3999)},
	{ID: "laptop-card", Title: "PCIe Interface Card for Laptop and Desktop", Brand: "StarTech", Price: usd(4999)},
	{ID: "laptop-bag", Title: "Laptop Backpack with USB Charging Port", Brand: "Matein", Price: usd(3599)},
	{ID: "qled", Title: "Samsung 55-Inch QLED 4K Smart TV", Brand: "Samsung", Price: usd(69900)},
	{ID: "tv-mount", Title: "TV Wall Mount for 32-70 inch TVs", Brand: "Mounting Dream", Price: usd(3999)},
	{ID: "xm4", Title: "Sony WH-1000XM4 Wireless Noise Cancelling Headphones", Brand: "Sony", Price: usd(27999), GTIN: "0027242919563"},
	{ID: "xm4-pads", Title: "Replacement Ear Pads for Sony WH-1000XM4", Brand: "Wicked", Price: usd(1999)},
	{ID: "remington", Title: "Remington Hairdryer 2000W", Brand: "Remington", Price: usd(3999)},
	{ID: "conair", Title: "Conair Hair Dryer with Diffuser", Brand: "Conair", Price: usd(2999)},
	{ID: "shotgun-case", Title: "Over/Under Shotgun Case", Brand: "Plano", Price: usd(12000)},
	{ID: "shotgun-kit", Title: "Shotgun Cleaning Kit", Brand: "Hoppe's", Price: usd(3000)},
	{ID: "stroller", Title: "Graco Modes Baby Stroller", Brand: "Graco", Price: usd(22999)},
	{ID: "stroller-cover", Title: "Universal Stroller Rain Cover", Brand: "Zamboo", Price: usd(1999)},
	{ID: "drone", Title: "DJI Mini 3 Drone with 4K Camera", Brand: "DJI", Price: usd(46900)},
	{ID: "props", Title: "Spare Propellers for DJI Mini 3 Drone", Brand: "Generic", Price: usd(999)},
	{ID: "cafe", Title: "Café Bustelo Espresso Ground Coffee", Brand: "Café Bustelo", Price: usd(699)},
	{ID: "care", Title: "Car Care Kit", Brand: "Meguiar's", Price: usd(2999)},
	{ID: "dishrack", Title: "Stainless Dishrack with Drainboard", Brand: "Kitchen Details", Price: usd(2599)},
	{ID: "toolbox", Title: "Steel Tool Box, 19 inch", Brand: "Stanley", Price: usd(2499)},
	{ID: "mug", Title: "Stanley Insulated Travel Mug", Brand: "Stanley", Price: usd(2999),
		Description: "Keeps coffee hot for seven hours: a leakproof lid for coffee on the go."},
	{ID: "wipes", Title: "Zeiss Lens Cleaning Wipes", Brand: "Zeiss", Price: usd(999),
		Description: "Clean glasses, camera lenses and screens without streaks."},
	{ID: "couch", Title: "Mid-Century Modern Sofa", Brand: "Rivet", Category: "Furniture > Sofas", Price: usd(89900)},
	{ID: "dryer", Title: "Bosch 300 Series Electric Clothes Dryer", Brand: "Bosch", Price: usd(89900)},
	{ID: "washer", Title: "LG Front Load Washing Machine", Brand: "LG", Price: usd(79900),
		Description: "Washes clothes clean in 30 minutes; pairs with a dryer."},
	{ID: "skillet", Title: "Lodge Cast Iron Skillet, 10 inch", Brand: "Lodge", Price: usd(2999)},
	{ID: "trail-shoes", Title: "Salomon Speedcross Trail Running Shoes", Brand: "Salomon", Price: usd(13000)},
	{ID: "road-shoes", Title: "Brooks Ghost Road Running Shoes", Brand: "Brooks", Price: usd(14000)},
}

func shopperCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	return stockedCatalog(t, slices.Clone(shopperProducts))
}

// stockedCatalog is a new catalog holding products, each sold by the fixture seller
// "hearth" and in stock.
func stockedCatalog(t testing.TB, products []catalog.Product) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	for i := range products {
		products[i].SellerID, products[i].Availability = "hearth", catalog.InStock
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSearchUnderstandsShoppers runs the kinds of query the search is built to
// understand over products and their accessories.
func TestSearchUnderstandsShoppers(t *testing.T) {
	c := shopperCatalog(t)
	tests := []struct {
		name  string
		q     catalog.Query
		first []string // the first hits, in any order
		has   []string // also among the hits
		not   []string // not among the hits
		none  bool     // nothing found
	}{
		{name: "vacuum cleaner before its bags and filters", q: catalog.Query{Text: "vacuum cleaner"}, first: []string{"dyson", "shark"}, has: []string{"vac-bags"}},
		{name: "regional word", q: catalog.Query{Text: "hoover"}, first: []string{"dyson", "shark"}},
		{name: "the accessory when asked for", q: catalog.Query{Text: "vacuum bags"}, first: []string{"vac-bags"}},
		{name: "laptops before locks, filters, cards and bags", q: catalog.Query{Text: "laptop"}, first: []string{"xps", "thinkpad"}},
		{name: "tv before its mount", q: catalog.Query{Text: "tv"}, first: []string{"qled"}},
		{name: "synonym of tv", q: catalog.Query{Text: "television"}, first: []string{"qled"}, not: []string{"xm4"}},
		{name: "drone before propellers", q: catalog.Query{Text: "drone"}, first: []string{"drone"}},
		{name: "model number", q: catalog.Query{Text: "WH-1000XM4"}, first: []string{"xm4"}, has: []string{"xm4-pads"}},
		{name: "model number joined", q: catalog.Query{Text: "wh1000xm4"}, first: []string{"xm4"}, has: []string{"xm4-pads"}},
		{name: "model number spaced", q: catalog.Query{Text: "sony wh 1000 xm4"}, first: []string{"xm4"}},
		{name: "gtin", q: catalog.Query{Text: "027242919563"}, first: []string{"xm4"}},
		{name: "split compound", q: catalog.Query{Text: "hair dryer"}, first: []string{"remington", "conair"}},
		{name: "joined compound", q: catalog.Query{Text: "hairdryer"}, first: []string{"remington", "conair"}},
		{name: "compound the index joins", q: catalog.Query{Text: "dish rack"}, first: []string{"dishrack"}},
		{name: "compound the index splits", q: catalog.Query{Text: "toolbox"}, first: []string{"toolbox"}},
		{name: "over/under in a name", q: catalog.Query{Text: "Over/Under Shotgun Case"}, first: []string{"shotgun-case"}},
		{name: "price phrase", q: catalog.Query{Text: "shotgun under $80"}, first: []string{"shotgun-kit"}, not: []string{"shotgun-case"}},
		{name: "typo", q: catalog.Query{Text: "vaccum"}, first: []string{"dyson", "shark"}},
		{name: "typo 2", q: catalog.Query{Text: "stroler"}, first: []string{"stroller"}},
		{name: "cafe is not care", q: catalog.Query{Text: "cafe"}, first: []string{"cafe"}, not: []string{"care"}},
		{name: "sentence", q: catalog.Query{Text: "something to keep my coffee hot on the go"}, first: []string{"mug"}},
		{name: "question", q: catalog.Query{Text: "what do i need to clean my glasses"}, first: []string{"wipes"}},
		{name: "filler and recipient", q: catalog.Query{Text: "i'm looking for a good stroller for my son"}, first: []string{"stroller"}},
		{name: "category word", q: catalog.Query{Text: "couch"}, first: []string{"couch"}},
		{name: "a need in a sentence", q: catalog.Query{Text: "i need something to dry my clothes after washing them"}, first: []string{"dryer"}},
		{name: "a need's cue in another form", q: catalog.Query{Text: "what should i fry my eggs in"}, first: []string{"skillet"}},
		{name: "a sentence's other words are its story", q: catalog.Query{Text: "somewhere comfy for the whole family to sit in the lounge"}, first: []string{"couch"}},
		{name: "a sentence naming a product is searched as written", q: catalog.Query{Text: "i'm looking for trail running shoes please"}, first: []string{"trail-shoes"}, not: []string{"road-shoes"}},
		{name: "a one-word need is no need outside a sentence", q: catalog.Query{Text: "dragon egg incubator"}, none: true},
		{name: "nonsense", q: catalog.Query{Text: "blorf zxqv"}, none: true},
		{name: "nonsense with one word", q: catalog.Query{Text: "purple unicorn spaceship laptop"}, none: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = catalog.MaxLimit
			res, err := c.Search(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tt.none {
				if len(got) > 0 {
					t.Errorf("Search(%q) = %q, want nothing", tt.q.Text, got)
				}
				return
			}
			if len(got) < len(tt.first) || !sameSet(got[:len(tt.first)], tt.first) {
				t.Errorf("Search(%q) = %q (words %q, notes %q), want it to start with %q", tt.q.Text, got, res.Words, res.Notes, tt.first)
			}
			for _, id := range tt.has {
				if !slices.Contains(got, id) {
					t.Errorf("Search(%q) = %q, want %s among them", tt.q.Text, got, id)
				}
			}
			for _, id := range tt.not {
				if slices.Contains(got, id) {
					t.Errorf("Search(%q) = %q, want no %s", tt.q.Text, got, id)
				}
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestSearchAppliedFilters checks the filters read from the words, and that
// arguments win over them.
func TestSearchAppliedFilters(t *testing.T) {
	c := shopperCatalog(t)
	ctx := context.Background()
	amount := func(v float64) *float64 { return &v }
	show := func(fs []catalog.AppliedFilter) string {
		var parts []string
		for _, f := range fs {
			s := f.Filter + " " + strconv.FormatFloat(f.Value, 'f', -1, 64) + " «" + f.Phrase + "»"
			if f.Overridden {
				s += " overridden"
			}
			if f.Derived {
				s += " derived"
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, "; ")
	}
	tests := []struct {
		name    string
		q       catalog.Query
		applied string
		want    []string
	}{
		{"max price", catalog.Query{Text: "shotgun under $80"}, "max_price 80 «under $80»", []string{"shotgun-kit"}},
		{"argument wins", catalog.Query{Text: "shotgun under $80", MaxPrice: amount(200)}, "max_price 80 «under $80» overridden", []string{"shotgun-case", "shotgun-kit"}},
		{"range", catalog.Query{Text: "laptop between $500 and $1,200"}, "min_price 500 «between $500 and $1,200»; max_price 1200 «between $500 and $1,200»", []string{"xps"}},
		{"cheap", catalog.Query{Text: "cheap laptop"}, "max_price 40 «cheap» derived", []string{"laptop-lock", "laptop-filter", "laptop-bag"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := show(res.Applied); got != tt.applied {
				t.Errorf("applied %q, want %q", got, tt.applied)
			}
			if got := hitIDs(res); !sameSet(got, tt.want) {
				t.Errorf("hits %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCategoryWordsLearned checks that category words find the products of the types
// the catalog files under them, also those that carry no category, first, with a
// vocabulary that knows nothing of the department.
func TestCategoryWordsLearned(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	v, err := catalog.ParseVocabulary("accessory: bag")
	if err != nil {
		t.Fatal(err)
	}
	c.SetVocabulary(v)
	var products []catalog.Product
	add := func(id, title, category string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Availability: catalog.InStock,
			Title: title, Category: category, Price: usd(10000)})
	}
	for i := range 4 {
		add("filed"+strconv.Itoa(i), "Upright Vacuum Cleaner "+strconv.Itoa(i), "Home > Floor Care > Vacuums")
		add("bags"+strconv.Itoa(i), "Vacuum Bags, Pack of "+strconv.Itoa(i+2), "Home > Floor Care > Vacuum Parts")
		add("lens"+strconv.Itoa(i), "Lens Cleaner Spray "+strconv.Itoa(i), "Health > Vision Care")
	}
	add("unfiled", "Cordless Stick Vacuum Cleaner", "")
	add("kettle", "Electric Kettle", "")
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(ctx, catalog.Query{Text: "floor care", Limit: catalog.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	got := hitIDs(res)
	want := []string{"filed0", "filed1", "filed2", "filed3", "unfiled"}
	if len(got) < len(want) || !sameSet(got[:len(want)], want) {
		t.Errorf("floor care = %q, want it to start with the vacuum cleaners %q", got, want)
	}
	// Lens cleaners are cleaners too, but filed elsewhere: they may match the word
	// (after the vacuum cleaners, as above); the kettle is no match at all.
	if slices.Contains(got, "kettle") {
		t.Errorf("floor care = %q: the kettle is no floor care", got)
	}
	// What is learned follows the products written since.
	products = nil
	for i := range 3 {
		add("mop"+strconv.Itoa(i), "Spin Mop "+strconv.Itoa(i), "Home > Floor Care > Mops")
	}
	add("unfiled-mop", "Spray Mop", "")
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	if res, err = c.Search(ctx, catalog.Query{Text: "floor care", Limit: catalog.MaxLimit}); err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); !slices.Contains(got, "unfiled-mop") {
		t.Errorf("floor care after mops were filed = %q, want unfiled-mop among them", got)
	}
}
