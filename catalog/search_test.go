package catalog_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// fixtureSellers and fixtureProducts are a small catalog written for these tests. The
// words the text cases search for are chosen to occur only where the comments say:
//
//   - "shoe" only in trail-shoe (and the hidden hidden-proto);
//   - "run" only in tee-run, and no other word starts with "run";
//   - "sneakers" only in road-sneaker; "café"/"crème" only in cups-cafe;
//   - "twin" only in the two twin mugs, which are identical but for their rating;
//   - "classic" in the descriptions of 18 visible products and of hidden-proto.
//
// Every product has a brand and a category. Prices are in USD.
var fixtureSellers = []catalog.Seller{
	{ID: "trail", Name: "Trail Co"},
	{ID: "hearth", Name: "Hearth Home"},
	{ID: "volt", Name: "Volt Electronics"},
}

var fixtureProducts = []catalog.Product{
	// Apparel > Footwear
	{ID: "trail-shoe", SellerID: "trail", Title: "Ridge Trail Shoes", Brand: "Ridgeline", Category: "Apparel > Footwear > Trail",
		Description: "Grippy lugged outsole for muddy descents. A classic fit.", Tags: []string{"trail", "grip"},
		Price: usd(8999), Stock: qty(12), Rating: 4.6, ReviewCount: 120},
	{ID: "trail-boot", SellerID: "trail", Title: "Ridge Waterproof Boots", Brand: "Ridgeline", Category: "Apparel > Footwear > Trail",
		Description: "Waterproof leather boots for long days on rocky ground.",
		Price:       usd(14900), Stock: qty(3), Rating: 4.4, ReviewCount: 60},
	{ID: "trail-gaiter", SellerID: "trail", Title: "Scree Gaiters", Brand: "Ridgeline", Category: "Apparel > Footwear > Trail",
		Description: "Keeps grit out of your boots. A classic accessory.",
		Price:       usd(2450), Availability: catalog.InStock, Rating: 3.9, ReviewCount: 14}, // in stock, quantity unknown
	{ID: "road-sneaker", SellerID: "trail", Title: "Velo Road Sneakers", Brand: "Velo", Category: "Apparel > Footwear > Road",
		Description: "Classic everyday trainers with a cushioned sole.",
		Price:       usd(4999), Stock: qty(0), Availability: catalog.InStock, Rating: 4.1, ReviewCount: 35}, // "in stock" with none left
	{ID: "road-racer", SellerID: "trail", Title: "Velo Racing Flats", Brand: "Velo", Category: "Apparel > Footwear > Road",
		Description: "Featherweight flats for race day, a classic.",
		Price:       usd(5000), Availability: catalog.OutOfStock, Rating: 4.7, ReviewCount: 80},
	// Apparel > Socks, Tops, Outerwear
	{ID: "sock-wool", SellerID: "trail", Title: "Merino Hiking Socks", Brand: "Ridgeline", Category: "Apparel > Socks",
		Description: "Soft merino wool socks that stay warm when wet. A classic.",
		Price:       usd(1800), Stock: qty(40), Rating: 4.5, ReviewCount: 200},
	{ID: "sock-crew", SellerID: "trail", Title: "Cotton Crew Socks 3-Pack", Brand: "Basics", Category: "Apparel > Socks",
		Description: "Everyday cotton socks.",
		Price:       usd(900), Stock: qty(100), Rating: 3.8, ReviewCount: 50},
	{ID: "tee-run", SellerID: "trail", Title: "Morning Run Tee", Brand: "Velo", Category: "Apparel > Tops",
		Description: "Breathable tee for early miles. A classic.",
		Price:       usd(2500), Stock: qty(20), Rating: 4.2, ReviewCount: 40},
	{ID: "tee-plain", SellerID: "trail", Title: "Plain Cotton Tee", Brand: "Basics", Category: "Apparel > Tops",
		Description: "A simple cotton tee.",
		Price:       usd(1200), Stock: qty(7), Rating: 3.5, ReviewCount: 10},
	{ID: "jacket-rain", SellerID: "trail", Title: "Stormline Rain Jacket", Brand: "Stormline", Category: "Apparel > Outerwear",
		Description: "Packable shell with taped seams. A classic.",
		Price:       usd(12900), Stock: qty(5), Rating: 4.3, ReviewCount: 70},
	{ID: "jacket-down", SellerID: "trail", Title: "Summit Down Jacket", Brand: "Stormline", Category: "Apparel > Outerwear",
		Description: "Warm down jacket, shipping next month.",
		Price:       usd(24900), Availability: catalog.Preorder}, // unrated
	// Home > Kitchen > Coffee
	{ID: "cups-cafe", SellerID: "hearth", Title: "Café Crème Espresso Cups", Brand: "Hearthware", Category: "Home > Kitchen > Coffee",
		Description: "Set of four porcelain cups. A classic.",
		Price:       usd(3200), Stock: qty(15), Rating: 4.8, ReviewCount: 90},
	{ID: "grinder", SellerID: "hearth", Title: "Burr Coffee Grinder", Brand: "Hearthware", Category: "Home > Kitchen > Coffee",
		Description: "Conical burr grinder with forty settings. A classic.",
		Price:       usd(8900), Stock: qty(2), Rating: 4.5, ReviewCount: 300},
	{ID: "kettle", SellerID: "hearth", Title: "Gooseneck Kettle", Brand: "Brewline", Category: "Home > Kitchen > Coffee",
		Description: "Pour-over kettle with a thermometer. A classic.",
		Price:       usd(5999), Stock: qty(9), Rating: 4.0, ReviewCount: 25},
	// The twin mugs differ only in rating (and id); the worse one is stored first.
	{ID: "twin-mug-low", SellerID: "hearth", Title: "Twin Latte Mug", Brand: "Hearthware", Category: "Home > Kitchen > Coffee",
		Description: "Stoneware mug.", Price: usd(1500), Stock: qty(10), Rating: 3.2, ReviewCount: 10},
	{ID: "twin-mug-high", SellerID: "hearth", Title: "Twin Latte Mug", Brand: "Hearthware", Category: "Home > Kitchen > Coffee",
		Description: "Stoneware mug.", Price: usd(1500), Stock: qty(10), Rating: 4.8, ReviewCount: 10},
	// Home > Kitchen > Cookware, Home > Bedding
	{ID: "pan", SellerID: "hearth", Title: "Cast Iron Skillet", Brand: "Forgeworks", Category: "Home > Kitchen > Cookware",
		Description: "Pre-seasoned skillet for searing. A classic.",
		Price:       usd(3999), Stock: qty(30), Rating: 4.7, ReviewCount: 500},
	{ID: "pot", SellerID: "hearth", Title: "Enamel Dutch Oven", Brand: "Forgeworks", Category: "Home > Kitchen > Cookware",
		Description: "Heavy pot for braises. A classic.",
		Price:       usd(7999), Stock: qty(0), Availability: catalog.OutOfStock, Rating: 4.6, ReviewCount: 150},
	{ID: "whisk", SellerID: "hearth", Title: "Balloon Whisk", Brand: "Forgeworks", Category: "Home > Kitchen > Cookware",
		Description: "Stainless whisk.", Price: usd(799), Stock: qty(50)}, // unrated
	{ID: "duvet", SellerID: "hearth", Title: "Cloud Duvet", Brand: "Dreamwell", Category: "Home > Bedding",
		Description: "All-season duvet. A classic.",
		Price:       usd(11900), Stock: qty(4), Rating: 4.4, ReviewCount: 33},
	{ID: "pillow", SellerID: "hearth", Title: "Side Sleeper Pillow", Brand: "Dreamwell", Category: "Home > Bedding",
		Description: "Firm pillow. A classic.",
		Price:       usd(4999), Stock: qty(6), Rating: 3.9, ReviewCount: 21},
	{ID: "sheets", SellerID: "hearth", Title: "Linen Sheet Set", Brand: "Dreamwell", Category: "Home > Bedding",
		Description: "Washed linen sheets.",
		Price:       usd(15999), Rating: 4.2, ReviewCount: 12}, // availability unknown
	// Electronics
	{ID: "hp-over", SellerID: "volt", Title: "Quiet Over-Ear Headphones", Brand: "Hushtone", Category: "Electronics > Audio > Headphones",
		Description: "Noise cancelling headphones with a 30 hour battery. A classic.",
		Price:       usd(19999), Stock: qty(8), Rating: 4.6, ReviewCount: 400},
	{ID: "hp-bud", SellerID: "volt", Title: "Hushtone Earbuds", Brand: "Hushtone", Category: "Electronics > Audio > Headphones",
		Description: "Compact earbuds. A classic.",
		Price:       usd(7999), Stock: qty(25), Rating: 4.1, ReviewCount: 150},
	{ID: "speaker", SellerID: "volt", Title: "Pocket Speaker", Brand: "Hushtone", Category: "Electronics > Audio > Speakers",
		Description: "Splashproof speaker. A classic.",
		Price:       usd(3999), Stock: qty(0), Rating: 3.7, ReviewCount: 40}, // out of stock, derived from the quantity
	{ID: "charger", SellerID: "volt", Title: "65W USB-C Charger", Brand: "Voltwerk", Category: "Electronics > Power",
		Description: "Charges a laptop and a phone at once. A classic.",
		Price:       usd(3499), Stock: qty(60), Rating: 4.5, ReviewCount: 220},
	{ID: "cable", SellerID: "volt", Title: "Braided USB-C Cable", Brand: "Voltwerk", Category: "Electronics > Power",
		Description: "Two metre cable.", Price: usd(1299), Stock: qty(80), Rating: 4.3, ReviewCount: 90},
	{ID: "powerbank", SellerID: "volt", Title: "Power Bank 20000", Brand: "Voltwerk", Category: "Electronics > Power",
		Description: "Pocketable power bank.", Price: usd(4998), Stock: qty(11), Rating: 4.0, ReviewCount: 60},
	// Hidden: get_product finds it, search never does.
	{ID: "hidden-proto", SellerID: "trail", Title: "Prototype Trail Shoes", Brand: "Ridgeline", Category: "Apparel > Footwear > Trail",
		Description: "Unreleased sample, a classic in the making.",
		Price:       usd(9999), Stock: qty(1), Rating: 5, ReviewCount: 3, Hidden: true},
}

func usd(cents int64) money.Money { return money.Money{Amount: cents, Currency: "USD"} }

func qty(n int64) *int64 { return &n }

func amount(v float64) *float64 { return &v }

// openCatalog opens a new, empty catalog in a temporary directory.
func openCatalog(t testing.TB) *catalog.Catalog { return testshop.Catalog(t, "", nil, nil) }

// openFixture opens a catalog holding fixtureSellers and fixtureProducts.
func openFixture(t testing.TB) *catalog.Catalog {
	return testshop.Catalog(t, "", fixtureSellers, fixtureProducts)
}

// visibleExcept returns the ids of every visible fixture product except those given.
func visibleExcept(except ...string) []string {
	var out []string
	for _, p := range fixtureProducts {
		if !p.Hidden && !slices.Contains(except, p.ID) {
			out = append(out, p.ID)
		}
	}
	return out
}

// withDescription returns the ids of the visible fixture products whose description
// contains word.
func withDescription(word string) []string {
	var out []string
	for _, p := range fixtureProducts {
		if !p.Hidden && strings.Contains(strings.ToLower(p.Description), word) {
			out = append(out, p.ID)
		}
	}
	return out
}

// wantSearchFirst fails t unless searching c for text finds first a product whose ID starts
// with prefix.
func wantSearchFirst(t *testing.T, c *catalog.Catalog, text, prefix string) {
	t.Helper()
	res, err := c.Search(context.Background(), catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(res); len(got) == 0 || !strings.HasPrefix(got[0], prefix) {
		t.Errorf("%q found %q (notes %q); want a %s first", text, got, res.Notes, strings.TrimSuffix(prefix, "-"))
	}
}

func hitIDs(res catalog.Result) []string {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func hasNote(res catalog.Result, substr string) bool {
	return slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, substr) })
}

func TestSearch(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	kitchen := []string{"cups-cafe", "grinder", "kettle", "twin-mug-low", "twin-mug-high", "pan", "pot", "whisk"}
	notInStock := []string{"road-sneaker", "road-racer", "jacket-down", "pot", "sheets", "speaker"}
	tests := []struct {
		name    string
		q       catalog.Query // Limit 0 is run as MaxLimit, to see every match
		want    []string      // every matching product id
		ordered bool          // want is in the expected order
		relaxed bool
		note    string // a substring of one of Result.Notes
	}{
		// Text.
		{name: "stemming: shoe finds Shoes", q: catalog.Query{Text: "shoe"}, want: []string{"trail-shoe"}},
		{name: "stemming: plural query finds plural", q: catalog.Query{Text: "SHOES"}, want: []string{"trail-shoe"}},
		{name: "stemming: running finds Run", q: catalog.Query{Text: "running"}, want: []string{"tee-run"}},
		// (One a page: on a longer page the other tees follow the one with every word; see TestSearchShortPage.)
		{name: "stemming without prefix: running tee", q: catalog.Query{Text: "running tee", Limit: 1}, want: []string{"tee-run"}},
		{name: "prefix on the last word", q: catalog.Query{Text: "sneak"}, want: []string{"road-sneaker"}},
		{name: "prefix after a full word", q: catalog.Query{Text: "velo sneak"}, want: []string{"road-sneaker"}},
		{name: "no prefix on a middle word, so only the relaxed match", q: catalog.Query{Text: "sneak velo"},
			want: []string{"road-sneaker", "road-racer", "tee-run"}, relaxed: true},
		{name: "diacritics folded in the query", q: catalog.Query{Text: "cafe"}, want: []string{"cups-cafe"}},
		{name: "diacritics kept in the query", q: catalog.Query{Text: "CAFÉ crème"}, want: []string{"cups-cafe"}},
		{name: "brand text", q: catalog.Query{Text: "hushtone"}, want: []string{"hp-over", "hp-bud", "speaker"}},
		{name: "category text", q: catalog.Query{Text: "headphones"}, want: []string{"hp-over", "hp-bud"}},
		// (The hiking sock, then the other sock: a sentence's short page goes on with
		// the products that have some of its words; see TestSentenceTail.)
		{name: "stop words dropped", q: catalog.Query{Text: "the socks for a hike"}, want: []string{"sock-wool", "sock-crew"}, ordered: true},
		{name: "text with no match", q: catalog.Query{Text: "submarine"}, want: nil},
		{name: "punctuation only browses", q: catalog.Query{Text: "?!", Category: "socks"}, want: []string{"sock-wool", "sock-crew"},
			note: "no searchable words"},

		// Each filter alone.
		{name: "category: full path", q: catalog.Query{Category: "Home > Kitchen > Coffee"},
			want: []string{"cups-cafe", "grinder", "kettle", "twin-mug-low", "twin-mug-high"}},
		{name: "category: top level takes descendants", q: catalog.Query{Category: "electronics"},
			want: []string{"hp-over", "hp-bud", "speaker", "charger", "cable", "powerbank"}},
		{name: "category: middle segment", q: catalog.Query{Category: "KITCHEN"}, want: kitchen},
		{name: "category: middle segment excludes hidden", q: catalog.Query{Category: "footwear"},
			want: []string{"trail-shoe", "trail-boot", "trail-gaiter", "road-sneaker", "road-racer"}},
		{name: "category: run of segments, loose spacing", q: catalog.Query{Category: "audio>HEADPHONES"}, want: []string{"hp-over", "hp-bud"}},
		{name: "category: leaf segment", q: catalog.Query{Category: "Speakers"}, want: []string{"speaker"}},
		{name: "brand", q: catalog.Query{Brand: "velo"}, want: []string{"road-sneaker", "road-racer", "tee-run"}},
		{name: "brand: case-insensitive", q: catalog.Query{Brand: "HEARTHWARE"}, want: []string{"cups-cafe", "grinder", "twin-mug-low", "twin-mug-high"}},
		{name: "brand: no partial match", q: catalog.Query{Brand: "Hearth"}, want: nil},
		{name: "seller by id", q: catalog.Query{Seller: "volt"}, want: []string{"hp-over", "hp-bud", "speaker", "charger", "cable", "powerbank"}},
		{name: "seller by name", q: catalog.Query{Seller: "volt electronics"}, want: []string{"hp-over", "hp-bud", "speaker", "charger", "cable", "powerbank"}},
		{name: "seller unknown", q: catalog.Query{Seller: "nobody"}, want: nil, note: `No seller is called "nobody"`},
		{name: "min_price", q: catalog.Query{MinPrice: amount(100)},
			want: []string{"trail-boot", "jacket-rain", "jacket-down", "duvet", "sheets", "hp-over"}},
		{name: "max_price with cents, inclusive", q: catalog.Query{MaxPrice: amount(12.99)}, want: []string{"sock-crew", "tee-plain", "whisk", "cable"}},
		{name: "min_price with cents, inclusive", q: catalog.Query{MinPrice: amount(159.99)}, want: []string{"sheets", "hp-over", "jacket-down"}},
		{name: "price range of one value", q: catalog.Query{MinPrice: amount(49.99), MaxPrice: amount(49.99)}, want: []string{"road-sneaker", "pillow"}},
		{name: "price range 49.98 to 50", q: catalog.Query{MinPrice: amount(49.98), MaxPrice: amount(50)},
			want: []string{"road-sneaker", "pillow", "road-racer", "powerbank"}},
		{name: "max_price between cents", q: catalog.Query{MinPrice: amount(49), MaxPrice: amount(49.989)}, want: []string{"powerbank"}},
		{name: "min_price between cents", q: catalog.Query{MinPrice: amount(49.991), MaxPrice: amount(50)}, want: []string{"road-racer"}},
		{name: "max_price 0", q: catalog.Query{MaxPrice: amount(0)}, want: nil},
		{name: "huge max_price", q: catalog.Query{MaxPrice: amount(1e300)}, want: visibleExcept()},
		{name: "in_stock excludes out of stock, zero stock, preorder and unknown", q: catalog.Query{InStock: true},
			want: visibleExcept(notInStock...)},
		{name: "min_rating", q: catalog.Query{MinRating: 4.5},
			want: []string{"trail-shoe", "road-racer", "sock-wool", "cups-cafe", "grinder", "twin-mug-high", "pan", "pot", "hp-over", "charger"}},
		{name: "min_rating 5 (only the hidden product has it)", q: catalog.Query{MinRating: 5}, want: nil},

		// Filters combined.
		{name: "category, in_stock and max_price", q: catalog.Query{Category: "apparel", InStock: true, MaxPrice: amount(50)},
			want: []string{"trail-gaiter", "sock-wool", "sock-crew", "tee-run", "tee-plain"}},
		{name: "text, seller and min_rating", q: catalog.Query{Text: "classic", Seller: "Hearth Home", MinRating: 4.5},
			want: []string{"cups-cafe", "grinder", "pan", "pot"}},
		{name: "brand and in_stock", q: catalog.Query{Brand: "Velo", InStock: true}, want: []string{"tee-run"}},
		{name: "text and category", q: catalog.Query{Text: "cotton", Category: "tops"}, want: []string{"tee-plain"}},
		{name: "text and price range", q: catalog.Query{Text: "classic", MinPrice: amount(30), MaxPrice: amount(40)},
			want: []string{"cups-cafe", "pan", "speaker", "charger"}},
		{name: "seller and category of another seller", q: catalog.Query{Seller: "volt", Category: "kitchen"}, want: nil},

		// Hidden products.
		{name: "hidden: not found by its own words", q: catalog.Query{Text: "prototype"}, want: nil},
		{name: "hidden: not in its category", q: catalog.Query{Category: "Apparel > Footwear > Trail"}, want: []string{"trail-shoe", "trail-boot", "trail-gaiter"}},
		{name: "hidden: not in a browse", q: catalog.Query{}, want: visibleExcept()},
		{name: "hidden: not among min_rating 4.9", q: catalog.Query{MinRating: 4.9}, want: nil},
		{name: "hidden: not among classic", q: catalog.Query{Text: "classic"}, want: withDescription("classic")},

		// Sort orders.
		{name: "sort price_asc, ties by insertion", q: catalog.Query{Category: "kitchen", Sort: catalog.SortPriceAsc}, ordered: true,
			want: []string{"whisk", "twin-mug-low", "twin-mug-high", "cups-cafe", "pan", "kettle", "pot", "grinder"}},
		{name: "sort price_desc", q: catalog.Query{Category: "kitchen", Sort: catalog.SortPriceDesc}, ordered: true,
			want: []string{"grinder", "pot", "kettle", "pan", "cups-cafe", "twin-mug-low", "twin-mug-high", "whisk"}},
		{name: "sort rating, ties by review count", q: catalog.Query{Category: "kitchen", Sort: catalog.SortRating}, ordered: true,
			want: []string{"cups-cafe", "twin-mug-high", "pan", "pot", "grinder", "kettle", "twin-mug-low", "whisk"}},
		{name: "sort relevance, ties by rating", q: catalog.Query{Text: "twin latte", Sort: catalog.SortRelevance}, ordered: true,
			want: []string{"twin-mug-high", "twin-mug-low"}},
		{name: "default sort is relevance", q: catalog.Query{Text: "mug"}, ordered: true,
			want: []string{"twin-mug-high", "twin-mug-low"}},
		{name: "relevance: title beats description and rating", q: catalog.Query{Text: "pocket"}, ordered: true,
			want: []string{"speaker", "powerbank"}},

		// Relaxed fallback and unknown categories.
		{name: "relaxed: no product has both words", q: catalog.Query{Text: "espresso headphones"},
			want: []string{"cups-cafe", "hp-over", "hp-bud"}, relaxed: true, note: "No product matches every word"},
		{name: "relaxed keeps the filters", q: catalog.Query{Text: "espresso headphones", InStock: true, MaxPrice: amount(100)},
			want: []string{"cups-cafe", "hp-bud"}, relaxed: true},
		{name: "single word is never relaxed", q: catalog.Query{Text: "zeppelin"}, want: nil},
		{name: "unknown category", q: catalog.Query{Category: "Garden"}, want: nil,
			note: `No category matches "Garden". Top-level categories: Apparel, Electronics, Home.`},
		{name: "category must match whole segments", q: catalog.Query{Category: "foot"}, want: nil, note: "Top-level categories"},
		{name: "category LIKE wildcards are literal", q: catalog.Query{Category: "%"}, want: nil, note: "Top-level categories"},
		{name: "category underscore is literal", q: catalog.Query{Category: "_ome"}, want: nil, note: "Top-level categories"},
		{name: "unknown category with text", q: catalog.Query{Text: "classic", Category: "Garden > Tools"}, want: nil, note: "No category matches"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			if q.Limit == 0 {
				q.Limit = catalog.MaxLimit
			}
			res, err := c.Search(ctx, q)
			if err != nil {
				t.Fatalf("Search(%+v): %v", q, err)
			}
			got := hitIDs(res)
			want := tt.want
			if !tt.ordered {
				got, want = sorted(got), sorted(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("hits = %q\nwant   %q", got, want)
			}
			if res.Total != len(tt.want) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
			if res.NextCursor != "" {
				t.Errorf("NextCursor = %q, want none: everything fits on one page", res.NextCursor)
			}
			if res.Relaxed != tt.relaxed {
				t.Errorf("Relaxed = %v, want %v", res.Relaxed, tt.relaxed)
			}
			if tt.note != "" && !hasNote(res, tt.note) {
				t.Errorf("Notes = %q, want one containing %q", res.Notes, tt.note)
			}
			for _, h := range res.Hits {
				if h.Hidden {
					t.Errorf("hidden product %q in the results", h.ID)
				}
			}
		})
	}
}

// TestSearchSortInvariants checks each sort order over the whole visible catalog.
func TestSearchSortInvariants(t *testing.T) {
	c := openFixture(t)
	tests := []struct {
		name   string
		sort   catalog.Sort
		before func(a, b catalog.Hit) bool // a may come before b
	}{
		{"price_asc", catalog.SortPriceAsc, func(a, b catalog.Hit) bool { return a.Price.Amount <= b.Price.Amount }},
		{"price_desc", catalog.SortPriceDesc, func(a, b catalog.Hit) bool { return a.Price.Amount >= b.Price.Amount }},
		{"rating", catalog.SortRating, func(a, b catalog.Hit) bool {
			return a.Rating > b.Rating || a.Rating == b.Rating && a.ReviewCount >= b.ReviewCount
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Sort: tt.sort, Limit: catalog.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) != len(visibleExcept()) {
				t.Fatalf("got %d hits, want %d", len(res.Hits), len(visibleExcept()))
			}
			for i := 1; i < len(res.Hits); i++ {
				if a, b := res.Hits[i-1], res.Hits[i]; !tt.before(a, b) {
					t.Errorf("%s (%v, %.1f/%d) is before %s (%v, %.1f/%d)", a.ID, a.Price, a.Rating, a.ReviewCount,
						b.ID, b.Price, b.Rating, b.ReviewCount)
				}
			}
		})
	}
}

func TestSearchHiddenProduct(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	p, err := c.Product(ctx, "hidden-proto")
	if err != nil {
		t.Fatalf("Product(hidden-proto): %v", err)
	}
	if !p.Hidden || p.Title != "Prototype Trail Shoes" || p.SellerName != "Trail Co" {
		t.Errorf("Product(hidden-proto) = %+v", p)
	}
	if _, err := c.Product(ctx, "no-such-product"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("Product(no-such-product) error = %v, want ErrNotFound", err)
	}
}

// pageAll follows NextCursor from the first page of q to the last and returns the ids in
// the order they came, checking each page on the way.
func pageAll(t *testing.T, c *catalog.Catalog, q catalog.Query) []string {
	t.Helper()
	var ids []string
	total := -1
	for page := 0; ; page++ {
		if page > 1000 {
			t.Fatalf("more than 1000 pages")
		}
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if total >= 0 && res.Total != total {
			t.Errorf("page %d: Total = %d, page 0 said %d", page, res.Total, total)
		}
		total = res.Total
		if len(res.Hits) > q.Limit {
			t.Errorf("page %d has %d hits, limit %d", page, len(res.Hits), q.Limit)
		}
		if res.NextCursor != "" && len(res.Hits) != q.Limit {
			t.Errorf("page %d has %d hits and a next page; want full pages of %d", page, len(res.Hits), q.Limit)
		}
		ids = append(ids, hitIDs(res)...)
		if res.NextCursor == "" {
			break
		}
		q.Cursor = res.NextCursor
	}
	if len(ids) != total {
		t.Errorf("pages hold %d hits, Total = %d", len(ids), total)
	}
	return ids
}

func TestSearchPaging(t *testing.T) {
	c := openFixture(t)
	tests := []struct {
		name string
		q    catalog.Query
		want []string // every match, in any order
	}{
		{"text, relevance", catalog.Query{Text: "classic"}, withDescription("classic")},
		{"text, rating", catalog.Query{Text: "classic", Sort: catalog.SortRating}, withDescription("classic")},
		{"text and filter", catalog.Query{Text: "classic", InStock: true}, []string{"trail-shoe", "trail-gaiter", "sock-wool",
			"tee-run", "jacket-rain", "cups-cafe", "grinder", "kettle", "pan", "duvet", "pillow", "hp-over", "hp-bud", "charger"}},
		{"browse", catalog.Query{}, visibleExcept()},
		{"browse by price, with ties", catalog.Query{Sort: catalog.SortPriceAsc}, visibleExcept()},
		{"browse a category", catalog.Query{Category: "home", Sort: catalog.SortPriceDesc}, []string{"cups-cafe", "grinder",
			"kettle", "twin-mug-low", "twin-mug-high", "pan", "pot", "whisk", "duvet", "pillow", "sheets"}},
		{"relaxed", catalog.Query{Text: "espresso headphones"}, []string{"cups-cafe", "hp-over", "hp-bud"}},
	}
	if n := len(withDescription("classic")); n < 15 {
		t.Fatalf("the fixture has %d classic products; the paging test wants about 15", n)
	}
	for _, tt := range tests {
		for _, limit := range []int{1, 3, 7} {
			q := tt.q
			q.Limit = limit
			t.Run(fmt.Sprintf("%s/limit=%d", tt.name, limit), func(t *testing.T) {
				got := pageAll(t, c, q)
				if !slices.Equal(sorted(got), sorted(tt.want)) {
					t.Errorf("pages hold %q\nwant        %q", sorted(got), sorted(tt.want))
				}
				// The pages, joined, are the single-page result.
				q.Limit = catalog.MaxLimit
				one, err := c.Search(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, hitIDs(one)) {
					t.Errorf("pages, joined: %q\none page:      %q", got, hitIDs(one))
				}
			})
		}
	}
}

// TestSearchPagingBeyondFacetCap pages through more matches than FacetCap, so that the
// total is counted separately and the later pages lie past the facet sample.
func TestSearchPagingBeyondFacetCap(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	n := catalog.FacetCap + 37
	products := make([]catalog.Product, n)
	for i := range products {
		products[i] = catalog.Product{ID: "bulk-" + strconv.Itoa(i), SellerID: "trail", Title: "Bulk Widget " + strconv.Itoa(i),
			Brand: "Bulkco", Category: "Things", Price: usd(int64(100 + i%500*100)), Stock: qty(int64(i % 3)),
			Rating: float64(i%50) / 10, ReviewCount: int64(i % 7)}
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	for _, q := range []catalog.Query{
		{Text: "widget", Limit: catalog.MaxLimit},
		{Limit: catalog.MaxLimit, Sort: catalog.SortPriceAsc},
	} {
		res, err := c.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != n || res.Facets.Sampled != catalog.FacetCap {
			t.Errorf("%+v: Total = %d, Sampled = %d; want %d, %d", q, res.Total, res.Facets.Sampled, n, catalog.FacetCap)
		}
		if sum := sumFacets(res.Facets.Categories); sum != catalog.FacetCap {
			t.Errorf("%+v: category facets count %d products, want the %d sampled", q, sum, catalog.FacetCap)
		}
		got := pageAll(t, c, q)
		seen := map[string]bool{}
		for _, id := range got {
			if seen[id] {
				t.Errorf("%+v: %s is on two pages", q, id)
			}
			seen[id] = true
		}
		if len(seen) != n {
			t.Errorf("%+v: pages hold %d distinct products, want %d", q, len(seen), n)
		}
	}
}

func TestSearchCursor(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	first, err := c.Search(ctx, catalog.Query{Text: "classic", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	cur := first.NextCursor
	if cur == "" {
		t.Fatal("no NextCursor on the first page of classic")
	}

	// The same query with a different limit may continue from the cursor.
	if _, err := c.Search(ctx, catalog.Query{Text: "classic", Limit: 5, Cursor: cur}); err != nil {
		t.Errorf("same query, other limit: %v", err)
	}
	// So may the same words written differently.
	if _, err := c.Search(ctx, catalog.Query{Text: "  CLASSIC!", Limit: 3, Cursor: cur}); err != nil {
		t.Errorf("same words, other spelling: %v", err)
	}

	tests := []struct {
		name string
		q    catalog.Query
	}{
		{"other text", catalog.Query{Text: "cotton", Cursor: cur}},
		{"no text", catalog.Query{Cursor: cur}},
		{"added filter", catalog.Query{Text: "classic", InStock: true, Cursor: cur}},
		{"other category", catalog.Query{Text: "classic", Category: "home", Cursor: cur}},
		{"other sort", catalog.Query{Text: "classic", Sort: catalog.SortPriceAsc, Cursor: cur}},
		{"other price", catalog.Query{Text: "classic", MaxPrice: amount(10), Cursor: cur}},
		{"other rating", catalog.Query{Text: "classic", MinRating: 1, Cursor: cur}},
		{"other brand", catalog.Query{Text: "classic", Brand: "velo", Cursor: cur}},
		{"other seller", catalog.Query{Text: "classic", Seller: "volt", Cursor: cur}},
		{"garbage", catalog.Query{Text: "classic", Cursor: "not a cursor!"}},
		{"base64 of garbage", catalog.Query{Text: "classic", Cursor: base64.RawURLEncoding.EncodeToString([]byte("{oops"))}},
		{"truncated", catalog.Query{Text: "classic", Cursor: cur[:len(cur)/2]}},
		{"padded base64", catalog.Query{Text: "classic", Cursor: cur + "=="}},
		{"negative offset", catalog.Query{Text: "classic", Cursor: forgeCursor(t, cur, -3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Search(ctx, tt.q)
			if !errors.Is(err, catalog.ErrInvalid) {
				t.Errorf("error = %v, want ErrInvalid", err)
			}
		})
	}
}

// forgeCursor rewrites the offset in a cursor the catalog issued. The cursor format is
// the catalog's business; this only checks that tampering cannot hurt it.
func forgeCursor(t *testing.T, cur string, offset int64) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(cur)
	if err != nil {
		t.Fatalf("cursor %q is not base64url: %v", cur, err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || m["o"] == nil {
		t.Skipf("cursor %q is not the JSON with an offset this test knows how to forge", b)
	}
	m["o"], _ = json.Marshal(offset)
	b, _ = json.Marshal(m)
	return base64.RawURLEncoding.EncodeToString(b)
}

// TestSearchForgedCursor feeds the catalog cursors with the right fingerprint and
// absurd offsets: they must give an empty page or ErrInvalid, never a panic.
func TestSearchForgedCursor(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	q := catalog.Query{Text: "classic", Limit: 3}
	first, err := c.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for _, offset := range []int64{30, 1 << 31, 1 << 62, math.MaxInt64 - 2, math.MaxInt64} {
		t.Run(strconv.FormatInt(offset, 10), func(t *testing.T) {
			q := q
			q.Cursor = forgeCursor(t, first.NextCursor, offset)
			res, err := c.Search(ctx, q)
			if err != nil {
				if !errors.Is(err, catalog.ErrInvalid) {
					t.Errorf("error = %v, want nil or ErrInvalid", err)
				}
				return
			}
			if len(res.Hits) != 0 || res.NextCursor != "" {
				t.Errorf("offset %d: %d hits, NextCursor %q; want an empty last page", offset, len(res.Hits), res.NextCursor)
			}
		})
	}
}

func sumFacets(fs []catalog.Facet) int {
	n := 0
	for _, f := range fs {
		n += f.Count
	}
	return n
}

func TestSearchFacets(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	tests := []struct {
		name string
		q    catalog.Query
	}{
		{"browse", catalog.Query{}},
		{"text", catalog.Query{Text: "classic"}},
		{"category", catalog.Query{Category: "kitchen"}},
		{"in stock", catalog.Query{InStock: true}},
		{"relaxed", catalog.Query{Text: "espresso headphones"}},
		{"price range", catalog.Query{MinPrice: amount(20), MaxPrice: amount(100)}},
		{"nothing", catalog.Query{Text: "submarine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Limit = 1 // facets describe the match set, not the page
			res, err := c.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total > catalog.FacetCap || res.Facets.Sampled != 0 {
				t.Fatalf("Total = %d, Sampled = %d: the fixture is smaller than FacetCap", res.Total, res.Facets.Sampled)
			}
			if n := sumFacets(res.Facets.Categories); n != res.Total {
				t.Errorf("category facets count %d, Total = %d", n, res.Total)
			}
			if n := sumFacets(res.Facets.Brands); n != res.Total {
				t.Errorf("brand facets count %d, Total = %d", n, res.Total)
			}
			n := 0
			for _, b := range res.Facets.Prices {
				n += b.Count
			}
			if n != res.Total {
				t.Errorf("price buckets count %d, Total = %d", n, res.Total)
			}
			for i := 1; i < len(res.Facets.Categories); i++ {
				if res.Facets.Categories[i-1].Count < res.Facets.Categories[i].Count {
					t.Errorf("category facets not most common first: %+v", res.Facets.Categories)
				}
			}
		})
	}

	// The exact facets of one query.
	res, err := c.Search(ctx, catalog.Query{Category: "kitchen", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	wantCats := []catalog.Facet{{Value: "Home > Kitchen > Coffee", Count: 5}, {Value: "Home > Kitchen > Cookware", Count: 3}}
	if !slices.Equal(res.Facets.Categories, wantCats) {
		t.Errorf("kitchen category facets = %+v, want %+v", res.Facets.Categories, wantCats)
	}
	wantBrands := []catalog.Facet{{Value: "Hearthware", Count: 4}, {Value: "Forgeworks", Count: 3}, {Value: "Brewline", Count: 1}}
	if !slices.Equal(res.Facets.Brands, wantBrands) {
		t.Errorf("kitchen brand facets = %+v, want %+v", res.Facets.Brands, wantBrands)
	}
	// 7.99 | 15.00 15.00 | 32.00 39.99 | 59.99 79.99 89.00
	wantPrices := []catalog.PriceBucket{{Min: 0, Max: 10, Count: 1}, {Min: 10, Max: 25, Count: 2}, {Min: 25, Max: 50, Count: 2}, {Min: 50, Max: 100, Count: 3}}
	if !slices.Equal(res.Facets.Prices, wantPrices) {
		t.Errorf("kitchen price facets = %+v, want %+v", res.Facets.Prices, wantPrices)
	}
}

func TestSearchValidation(t *testing.T) {
	c := openFixture(t)
	tests := []struct {
		name    string
		q       catalog.Query
		invalid bool
	}{
		{"limit 0 means the default", catalog.Query{}, false},
		{"limit 1", catalog.Query{Limit: 1}, false},
		{"limit max", catalog.Query{Limit: catalog.MaxLimit}, false},
		{"limit above max", catalog.Query{Limit: catalog.MaxLimit + 1}, true},
		{"negative limit", catalog.Query{Limit: -1}, true},
		{"every sort", catalog.Query{Sort: catalog.SortRating}, false},
		{"unknown sort", catalog.Query{Sort: "cheapest"}, true},
		{"sort in capitals", catalog.Query{Sort: "PRICE_ASC"}, true},
		{"negative min_price", catalog.Query{MinPrice: amount(-1)}, true},
		{"negative max_price", catalog.Query{MaxPrice: amount(-0.01)}, true},
		{"NaN price", catalog.Query{MaxPrice: amount(math.NaN())}, true},
		{"infinite price", catalog.Query{MinPrice: amount(math.Inf(1))}, true},
		{"min above max", catalog.Query{MinPrice: amount(50), MaxPrice: amount(49.99)}, true},
		{"min equal to max", catalog.Query{MinPrice: amount(50), MaxPrice: amount(50)}, false},
		{"zero prices", catalog.Query{MinPrice: amount(0), MaxPrice: amount(0)}, false},
		{"rating 5", catalog.Query{MinRating: 5}, false},
		{"rating 6", catalog.Query{MinRating: 6}, true},
		{"rating just above 5", catalog.Query{MinRating: 5.01}, true},
		{"negative rating", catalog.Query{MinRating: -1}, true},
		{"NaN rating", catalog.Query{MinRating: math.NaN()}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), tt.q)
			if tt.invalid {
				if !errors.Is(err, catalog.ErrInvalid) {
					t.Errorf("error = %v, want ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v, want none", err)
			}
			limit := tt.q.Limit
			if limit == 0 {
				limit = catalog.DefaultLimit
			}
			if len(res.Hits) > limit {
				t.Errorf("%d hits, want at most %d", len(res.Hits), limit)
			}
		})
	}

	// The default limit, seen on a browse of the whole fixture.
	res, err := c.Search(context.Background(), catalog.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != catalog.DefaultLimit || res.NextCursor == "" {
		t.Errorf("browse: %d hits, NextCursor %q; want %d and a next page", len(res.Hits), res.NextCursor, catalog.DefaultLimit)
	}
}

func TestSearchCanceled(t *testing.T) {
	c := openFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, q := range []catalog.Query{
		{},
		{Text: "classic"},
		{Category: "kitchen"},
		{Seller: "volt"},
		{Text: "espresso headphones"},
	} {
		if res, err := c.Search(ctx, q); !errors.Is(err, context.Canceled) {
			t.Errorf("Search(%+v) with a canceled context = %d hits, notes %q, error %v; want context.Canceled",
				q, len(res.Hits), res.Notes, err)
		}
	}
}

// hostileQueries are texts that must never reach FTS5 as syntax, nor upset anything else.
var hostileQueries = []string{
	`"`, `""`, `"unterminated`, `(`, `)`, `((shoe`, `*`, `shoe*`, `-shoe`, `shoe -sock`,
	`NEAR(shoe sock)`, `NEAR`, `AND`, `OR`, `NOT`, `shoe AND`, `AND shoe`, `shoe OR`, `shoe NOT sock`,
	`title:shoe`, `{title}: x`, `{title description}: shoe`, `^shoe`, `shoe + sock`, `"shoe" "sock"`,
	`'; DROP TABLE products; --`, `1=1 OR 1=1`, `%`, `_`, `\`, `%shoe%`, `shoe\`,
	"👟🏃‍♀️", "\u202eeohs\u202c", "sh\u200boe", "\u200f\u200e\u2066shoe\u2069", "שלום עולם",
	"shoe\x00sock", "\x00", "\xff\xfe\xfd", "sh\xc3oe", "caf\u0301e", "\u0301", "ﷺ", "Ⅻ", "²",
	"\t\n\r", "   ", "*:*", "a:b:c", "NEAR/3", "shoe NEAR/2 sock", "-", "--", "+", "!", "~shoe",
	"[shoe]", "{", "}", "shoe:", ":shoe", "\"shoe AND sock\"", "the", "the and or not near",
	// Sentences, "nothing" answers and the shopper's own things, with FTS5 syntax in them.
	`my "shoe" is broken and I need NEAR(sock shoe) for it`, `I need nothing {title}: x`, `nothing OR NOT AND`,
	`my shoe's sole is worn -sock ^heel, what do I need?`, `a gift for my wife who runs "" shoe*`,
	`i need i need i need i need i need i need i need i need i need i need i need i need i need i need i need i need`,
}

// longHostileQueries are built rather than written: 10 KB of random words, 10 KB of
// punctuation and one 10 KB word.
func longHostileQueries() []string {
	r := rand.New(rand.NewPCG(1, 2))
	var words strings.Builder
	for words.Len() < 10<<10 {
		n := 1 + r.IntN(12)
		for range n {
			words.WriteByte(byte('a' + r.IntN(26)))
		}
		words.WriteByte(' ')
	}
	var punct strings.Builder
	const marks = `!"#$%&'()*+,-./:;<=>?@[\]^_{|}~` + "`"
	for punct.Len() < 10<<10 {
		punct.WriteByte(marks[r.IntN(len(marks))])
	}
	out := []string{words.String(), punct.String(), strings.Repeat("shoe", 2560), strings.Repeat("AND ", 2560)}
	for i := range out {
		out[i] = out[i][:catalog.MaxTextRunes] // as long as a query may be; all ASCII
	}
	return out
}

// TestSearchTextTooLong checks that a query longer than MaxTextRunes
// characters is refused with an error naming it, and one at the limit is not.
func TestSearchTextTooLong(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	at := strings.Repeat("é", catalog.MaxTextRunes) // characters, not bytes
	over := at + "x"
	if _, err := c.Search(ctx, catalog.Query{Text: at}); err != nil {
		t.Errorf("a query at the limit: %v", err)
	}
	var arg *catalog.ArgError
	if _, err := c.Search(ctx, catalog.Query{Text: over}); !errors.Is(err, catalog.ErrInvalid) || !errors.As(err, &arg) ||
		arg.Arg != "query" || arg.Problem != catalog.ArgTooLong || arg.Got != catalog.MaxTextRunes+1 || arg.Max != catalog.MaxTextRunes {
		t.Errorf("a query over the limit: %v", err)
	}
}

// TestSearchFallbackIsBounded checks the bounds on a search that finds nothing as
// asked: a fallback out of time returns what it has with a note, at most
// maxCorrections unknown words are corrected, and a match of any word uses at most
// eight words.
func TestSearchFallbackIsBounded(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	products := []catalog.Product{
		{ID: "phones", SellerID: "hearth", Title: "Wireless Noise Cancelling Bluetooth Headphones Black", Price: usd(9900)},
		{ID: "kettle", SellerID: "hearth", Title: "Stovetop Kettle", Price: usd(3000)},
		{ID: "teapot", SellerID: "hearth", Title: "Ceramic Enamel Teapot", Price: usd(2500)},
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	hasNote := func(res catalog.Result, s string) bool {
		return slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, s) })
	}
	t.Run("out of time", func(t *testing.T) {
		res, err := c.Search(ctx, catalog.Query{Text: "headphnes"})
		if err != nil || res.Corrected != "headphones" {
			t.Fatalf("with time: corrected %q, %v", res.Corrected, err)
		}
		c.SetFallbackBudget(-1)
		defer c.SetFallbackBudget(0)
		res, err = c.Search(ctx, catalog.Query{Text: "headphnes"})
		if err != nil || res.Total != 0 || !hasNote(res, "stopped looking for spelling corrections") {
			t.Fatalf("out of time: %d found, notes %q, %v", res.Total, res.Notes, err)
		}
	})
	t.Run("four corrections", func(t *testing.T) {
		// The fifth is left as typed, so no product has every word; the products with
		// the corrected four are shown.
		res, err := c.Search(ctx, catalog.Query{Text: "wireles nosie cancelng bluetoth headphnes"})
		if err != nil || res.Corrected != "wireless noise cancelling bluetooth headphnes" || !res.Relaxed || res.Total != 1 ||
			!hasNote(res, "Only the first 4 unknown words were checked") {
			t.Fatalf("corrected %q, relaxed %v, %d found, notes %q, %v", res.Corrected, res.Relaxed, res.Total, res.Notes, err)
		}
		res, err = c.Search(ctx, catalog.Query{Text: "wireles nosie cancelng bluetoth"})
		if err != nil || res.Corrected != "wireless noise cancelling bluetooth" {
			t.Fatalf("four words: corrected %q, notes %q, %v", res.Corrected, res.Notes, err)
		}
	})
	t.Run("eight words of any", func(t *testing.T) {
		res, err := c.Search(ctx, catalog.Query{Text: "wireless noise cancelling bluetooth headphones black ceramic enamel kettle"})
		if err != nil || res.Total != 2 || !res.Relaxed || !hasNote(res, "Only the first 8 words were used") {
			t.Fatalf("%d found, notes %q, %v", res.Total, res.Notes, err)
		}
		res, err = c.Search(ctx, catalog.Query{Text: "wireless noise cancelling bluetooth headphones black ceramic kettle"})
		if err != nil || res.Total != 3 || !res.Relaxed {
			t.Fatalf("eight words: %d found, notes %q, %v", res.Total, res.Notes, err)
		}
	})
}

func TestSearchHostileText(t *testing.T) {
	c := openFixture(t)
	ctx := context.Background()
	queries := append(slices.Clone(hostileQueries), longHostileQueries()...)
	for _, text := range queries {
		name := text
		if len(name) > 40 {
			name = name[:40]
		}
		t.Run(name, func(t *testing.T) {
			for _, q := range []catalog.Query{
				{Text: text},
				{Text: text, InStock: true, Sort: catalog.SortPriceAsc},
				{Text: text, Category: text, Brand: text, Seller: text},
			} {
				res, err := c.Search(ctx, q)
				if err != nil {
					t.Fatalf("Search(%q): %v", text, err)
				}
				checkResult(t, q, res)
				if res.NextCursor != "" {
					q.Cursor = res.NextCursor
					if _, err := c.Search(ctx, q); err != nil {
						t.Fatalf("Search(%q) page 2: %v", text, err)
					}
				}
			}
		})
	}
	// Nothing was dropped.
	if n, err := c.Count(ctx); err != nil || n != len(fixtureProducts) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(fixtureProducts))
	}
}

// TestSearchHostileTextStillFinds checks that the words inside syntax-looking queries are
// still searched for.
func TestSearchHostileTextStillFinds(t *testing.T) {
	c := openFixture(t)
	tests := []struct{ text, want string }{
		{`"shoe"`, "trail-shoe"},
		{`((shoe`, "trail-shoe"},
		{`shoe*`, "trail-shoe"},
		{`-shoe`, "trail-shoe"},
		{`title:shoe`, "trail-shoe"},
		{`^shoe`, "trail-shoe"},
		{`NEAR(shoe)`, "trail-shoe"},
		{"sh\u200boe", "trail-shoe"},    // invisible characters are dropped, as from product text
		{"head\u00adphones", "hp-over"}, // a soft hyphen, as pasted from a web page
		{"\u200f\u2066shoe\u2069", "trail-shoe"},
		{"shoe\x00", "trail-shoe"},
		{"\xffshoe\xfe", "trail-shoe"},
		{"caf\u0301e", "cups-cafe"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(hitIDs(res), tt.want) {
				t.Errorf("Search(%q) = %q (words %q), want %s among them", tt.text, hitIDs(res), res.Words, tt.want)
			}
		})
	}
}

// checkResult checks what holds for every successful search.
func checkResult(t *testing.T, q catalog.Query, res catalog.Result) {
	t.Helper()
	limit := q.Limit
	if limit == 0 {
		limit = catalog.DefaultLimit
	}
	if len(res.Hits) > limit || len(res.Hits) > res.Total {
		t.Errorf("%d hits, Total %d, limit %d", len(res.Hits), res.Total, limit)
	}
	for _, h := range res.Hits {
		if h.Hidden {
			t.Errorf("hidden product %q in the results", h.ID)
		}
		if h.ID == "" {
			t.Errorf("a hit with no product: %+v", h)
		}
	}
	if !utf8Valid(res.Words) {
		t.Errorf("Words %q is not valid UTF-8", res.Words)
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func FuzzSearch(f *testing.F) {
	for _, s := range hostileQueries {
		f.Add(s, "", false)
	}
	for _, s := range longHostileQueries() {
		f.Add(s, "", true)
	}
	f.Add("running shoe", "footwear", true)
	f.Add("classic", "Home > Kitchen", false)
	c := openFixture(f)
	f.Fuzz(func(t *testing.T, text, category string, inStock bool) {
		q := catalog.Query{Text: text, Category: category, InStock: inStock}
		res, err := c.Search(context.Background(), q)
		if utf8.RuneCountInString(text) > catalog.MaxTextRunes {
			if !errors.Is(err, catalog.ErrInvalid) || !strings.Contains(err.Error(), "query is") {
				t.Fatalf("Search of %d characters: %v, want an error naming the query", utf8.RuneCountInString(text), err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Search(%q, category %q): %v", text, category, err)
		}
		checkResult(t, q, res)
	})
}

// TestSearchQueryWordsMatchIndexedWords checks that a query split into words the way
// the product text was indexed finds the product with every word, not just through the
// relaxed fallback.
func TestSearchQueryWordsMatchIndexedWords(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	products := []catalog.Product{
		{ID: "rug", SellerID: "hearth", Title: "Wool Rug 2m² Natural", Price: usd(9900)},
		{ID: "bit", SellerID: "volt", Title: "Drill Bit ½ Inch", Price: usd(500)},
		{ID: "clock", SellerID: "hearth", Title: "Roman Ⅻ Wall Clock", Price: usd(2500)},
		{ID: "hp", SellerID: "volt", Title: "Noise-cancelling Head\u00adphones", Price: usd(9900)}, // soft hyphen, cleaned away
		{ID: "zw", SellerID: "volt", Title: "Smart\u200bwatch Band", Price: usd(1900)},             // zero-width space, cleaned away
		{ID: "cafe", SellerID: "hearth", Title: "Cafe\u0301 Table", Price: usd(19900)},             // decomposed é
		{ID: "hindi", SellerID: "hearth", Title: "हिंदी किताब", Price: usd(900)},
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"2m² rug", "rug"},
		{"½ drill", "bit"},
		{"Ⅻ clock", "clock"},
		{"ⅻ roman", "clock"},
		{"head\u00adphones noise", "hp"},
		{"headphones noise", "hp"},
		{"smart\u200bwatch band", "zw"},
		{"smartwatch band", "zw"},
		{"café table", "cafe"},
		{"cafe\u0301 table", "cafe"},
		{"cafe table", "cafe"},
		{"हिंदी किताब", "hindi"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !slices.Equal(got, []string{tt.want}) || res.Relaxed {
				t.Errorf("Search(%q) = %q, relaxed %v (words %q); want just %s, matching every word", tt.text, got, res.Relaxed, res.Words, tt.want)
			}
		})
	}
}

// TestSearchPriceCurrencies checks that price bounds are major units of each product's
// own currency, whatever its number of decimals.
func TestSearchPriceCurrencies(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	products := []catalog.Product{
		{ID: "usd", SellerID: "trail", Title: "Dollar Lamp", Category: "Lamps", Price: money.Money{Amount: 4999, Currency: "USD"}}, // 49.99
		{ID: "jpy", SellerID: "trail", Title: "Yen Lamp", Category: "Lamps", Price: money.Money{Amount: 5000, Currency: "JPY"}},    // 5000
		{ID: "kwd", SellerID: "trail", Title: "Dinar Lamp", Category: "Lamps", Price: money.Money{Amount: 12345, Currency: "KWD"}}, // 12.345
		{ID: "free", SellerID: "trail", Title: "Free Lamp", Category: "Lamps", Price: money.Money{Amount: 0, Currency: "EUR"}},
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		min, max *float64
		want     []string
	}{
		{"all", nil, nil, []string{"usd", "jpy", "kwd", "free"}},
		{"max 0", nil, amount(0), []string{"free"}},
		{"max 12.345", nil, amount(12.345), []string{"kwd", "free"}},
		{"max 12.344", nil, amount(12.344), []string{"free"}},
		{"min 12.345", amount(12.345), nil, []string{"usd", "jpy", "kwd"}},
		{"min 12.3451", amount(12.3451), nil, []string{"usd", "jpy"}},
		{"max 49.99", nil, amount(49.99), []string{"usd", "kwd", "free"}},
		{"max 4999.5", nil, amount(4999.5), []string{"usd", "kwd", "free"}},
		{"min 4999.5", amount(4999.5), nil, []string{"jpy"}},
		{"exactly 5000", amount(5000), amount(5000), []string{"jpy"}},
		{"huge min", amount(1e300), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{MinPrice: tt.min, MaxPrice: tt.max})
			if err != nil {
				t.Fatal(err)
			}
			if got := sorted(hitIDs(res)); !slices.Equal(got, sorted(tt.want)) {
				t.Errorf("hits = %q, want %q", got, sorted(tt.want))
			}
		})
	}
}

// TestSearchCountWithExcluded checks the total of searches with more matches than
// FacetCap when some matching products are hidden or out of stock: the default search
// counts matches minus excluded ones, and must agree with the filtered count.
func TestSearchCountWithExcluded(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	n := 2*catalog.FacetCap + 200
	products := make([]catalog.Product, n)
	visible, inStock := 0, 0
	for i := range products {
		p := catalog.Product{ID: "many-" + strconv.Itoa(i), SellerID: "trail", Title: "Lantern " + strconv.Itoa(i),
			Brand: "Glowco", Category: "Lights", Price: usd(int64(500 + i)), Stock: qty(int64(i % 4)), Hidden: i%9 == 0,
			Availability: catalog.InStock}
		if i%13 == 0 || i%4 == 0 {
			p.Availability = catalog.OutOfStock
		}
		products[i] = p
		if !p.Hidden {
			visible++
			if p.Purchasable() {
				inStock++
			}
		}
	}
	// Products that do not match must not disturb the count either.
	products = append(products, catalog.Product{ID: "other-hidden", SellerID: "trail", Title: "Candle", Price: usd(100), Hidden: true},
		catalog.Product{ID: "other-out", SellerID: "trail", Title: "Candle", Price: usd(100), Stock: qty(0)})
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    catalog.Query
		want int
	}{
		{"in stock, one word", catalog.Query{Text: "lantern", InStock: true, Limit: catalog.MaxLimit}, inStock},
		{"in stock, prefix", catalog.Query{Text: "lant", InStock: true, Limit: catalog.MaxLimit}, inStock},
		{"any stock", catalog.Query{Text: "lantern", Limit: catalog.MaxLimit}, visible},
		{"in stock with a brand filter", catalog.Query{Text: "lantern", InStock: true, Brand: "Glowco", Limit: catalog.MaxLimit}, inStock},
	}
	if inStock <= catalog.FacetCap {
		t.Fatalf("only %d products in stock: the fixture must exceed FacetCap", inStock)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.want {
				t.Errorf("Total = %d, want %d", res.Total, tt.want)
			}
			if got := len(pageAll(t, c, tt.q)); got != tt.want {
				t.Errorf("paging returned %d products, want %d", got, tt.want)
			}
		})
	}
}

// TestSearchSpellingCorrection checks that a search finding nothing is retried with
// misspelled words replaced by the nearest indexed words, and only then.
func TestSearchSpellingCorrection(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	products := []catalog.Product{
		{ID: "sneak", SellerID: "trail", Title: "Canvas Sneakers", Category: "Shoes", Price: usd(5000)},
		{ID: "boot", SellerID: "trail", Title: "Waterproof Hiking Boots", Category: "Shoes", Price: usd(9000)},
		{ID: "kettle", SellerID: "hearth", Title: "Stovetop Kettle", Category: "Kitchen", Price: usd(3000)},
		{ID: "phones", SellerID: "hearth", Title: "Wireless Headphones", Category: "Audio", Price: usd(9900)},
		{ID: "iphone", SellerID: "hearth", Title: "Clear Case for iPhone", Category: "Phone Cases", Price: usd(1900)},
		{ID: "care", SellerID: "hearth", Title: "Leather Care Kit", Category: "Shoes", Price: usd(1500)},
		{ID: "battery", SellerID: "hearth", Title: "AA Battery Pack", Category: "Power", Price: usd(900)},
		{ID: "toaster", SellerID: "hearth", Title: "Quartz Toaster QT/9915E", Category: "Kitchen", Price: usd(4900)},
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, want, corrected string
	}{
		{"9912e", "", ""},              // another model number, not a typo of 9915e: digits are never changed
		{"9915ee", "toaster", "9915e"}, // a letter slipped beside the same digits is a typo
		{"toastr", "toaster", "toaster"},
		{"sneekers", "sneak", "sneakers"},
		{"waterprof boots", "boot", "waterproof boots"},
		{"kettel", "kettle", "kettle"},
		{"sneakers", "sneak", ""}, // spelled right: no correction
		{"xqzvbnm", "", ""},       // nothing near
		{"ket", "kettle", ""},     // a prefix, not a typo
		{"hiking bootz", "boot", "hiking boots"},
		{"boots xqzvbnm", "boot", ""}, // nothing to correct: some of the words
		{"headphnes", "phones", "headphones"},
		{"hedphones", "phones", "headphones"},
		{"headfones", "phones", "headphones"}, // ph sounds like f
		{"wireles headfones", "phones", "wireless headphones"},
		{"iphne", "iphone", "iphone"}, // a word a person types, not the stem "iphon"
		{"baterry", "battery", "battery"},
		{"cafe", "", ""},         // no café here, and "care" is another word
		{"kettlé", "kettle", ""}, // diacritics are folded, as the index does
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			got := hitIDs(res)
			if tt.want == "" && len(got) != 0 || tt.want != "" && (len(got) == 0 || got[0] != tt.want) {
				t.Errorf("hits = %q, want %q first", got, tt.want)
			}
			if res.Corrected != tt.corrected {
				t.Errorf("Corrected = %q, want %q (notes %q)", res.Corrected, tt.corrected, res.Notes)
			}
			if tt.corrected != "" && (len(res.Notes) == 0 || !strings.Contains(res.Notes[len(res.Notes)-1], "showing results for")) {
				t.Errorf("notes %q do not say the words were corrected", res.Notes)
			}
		})
	}
}

// TestSearchCorrectedRanksAsTyped checks that a misspelled word, once corrected, ranks
// the products as the word typed right does: the thing it names before the things made
// for it, even where BM25 alone would put an accessory first.
func TestSearchCorrectedRanksAsTyped(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	products := []catalog.Product{
		{ID: "sheets", SellerID: "trail", Title: "Shredder Lubricant Sheets for Shredder Blades, 12-Pack", Price: usd(999)},
		{ID: "bags", SellerID: "trail", Title: "Shredder Bags for Office Shredder Bins, 100 Count", Price: usd(1499)},
		{ID: "shred12", SellerID: "trail", Title: "Acme Heavy Duty Cross-Cut Paper Shredder, 12-Sheet Capacity, Black", Price: usd(7999)},
		{ID: "shred8", SellerID: "hearth", Title: "Acme Micro-Cut Paper Shredder with Pullout Basket, 8-Sheet", Price: usd(5999)},
		{ID: "kettle", SellerID: "hearth", Title: "Stovetop Kettle", Price: usd(3000)},
	}
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	typed, err := c.Search(ctx, catalog.Query{Text: "shredder"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitIDs(typed); len(got) != 4 || !slices.Contains(got[:2], "shred12") || !slices.Contains(got[:2], "shred8") {
		t.Fatalf("typed: hits %q, want the two shredders first", got)
	}
	for _, text := range []string{"shreder", "shreddr", "paper shreder"} {
		t.Run(text, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			if res.Corrected == "" {
				t.Fatalf("not corrected (words %q, notes %q)", res.Words, res.Notes)
			}
			got := hitIDs(res)
			if len(got) < 2 || !slices.Contains(got[:2], "shred12") || !slices.Contains(got[:2], "shred8") {
				t.Errorf("corrected to %q: hits %q, want the two shredders first", res.Corrected, got)
			}
		})
	}
}

// TestSearchCountFollowsChanges checks that the default search's count stays equal to
// the filtered count while products are hidden, shown, sold out, restocked, renamed and
// re-imported: the full-text index of excluded products must follow every change.
func TestSearchCountFollowsChanges(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	n := 2*catalog.FacetCap + 500
	products := make([]catalog.Product, n)
	for i := range products {
		products[i] = catalog.Product{ID: "lamp-" + strconv.Itoa(i), SellerID: "trail", Title: "Lantern " + strconv.Itoa(i),
			Category: "Lights", Price: usd(int64(500 + i)), Stock: qty(int64(1 + i%3)), Availability: catalog.InStock,
			Hidden: i%10 == 0}
	}
	upsert := func(ps ...catalog.Product) {
		t.Helper()
		if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
			t.Fatal(err)
		}
	}
	upsert(products...)
	// check compares the default search's total with the same search plus a filter that
	// every product passes, which counts by reading each match's product instead.
	check := func(step string) {
		t.Helper()
		for _, text := range []string{"lantern", "lant", "lantern zzz"} {
			fast, err := c.Search(ctx, catalog.Query{Text: text, InStock: true})
			if err != nil {
				t.Fatal(err)
			}
			slow, err := c.Search(ctx, catalog.Query{Text: text, InStock: true, MinPrice: amount(0)})
			if err != nil {
				t.Fatal(err)
			}
			if fast.Total <= catalog.FacetCap {
				t.Fatalf("%s: %q: only %d matches; the count is read only past FacetCap (notes %q)", step, text, fast.Total, fast.Notes)
			}
			if fast.Total != slow.Total {
				t.Errorf("%s: %q: Total = %d, want %d", step, text, fast.Total, slow.Total)
			}
		}
	}
	check("imported")

	for i := range products {
		products[i].Hidden = i%10 == 1 // the hidden ones are shown, others hidden
	}
	upsert(products...)
	check("hidden flags flipped")

	for i := 0; i < 40; i++ {
		p := products[i*7]
		if !p.Purchasable() || p.Hidden {
			continue
		}
		if _, err := c.TakeStock(ctx, p.ID, int(*p.Stock)); err != nil {
			t.Fatal(err)
		}
	}
	check("sold out")

	for i := range products {
		if i%7 == 0 {
			products[i].Title = "Torch " + strconv.Itoa(i) // hidden or not, it stops matching
		}
		if i%5 == 0 {
			products[i].Stock, products[i].Availability = qty(0), catalog.OutOfStock
		}
	}
	upsert(products...)
	check("renamed and marked out of stock")

	for i := range products {
		products[i].Stock, products[i].Availability, products[i].Hidden = qty(9), catalog.InStock, false
	}
	upsert(products...)
	check("all restocked and shown")
	res, err := c.Search(ctx, catalog.Query{Text: "lantern", InStock: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := n - (n+6)/7; res.Total != want {
		t.Errorf("after restocking: Total = %d, want %d (every product not renamed)", res.Total, want)
	}
}

// TestSearchHitSeller checks that each hit carries its product's seller as
// Catalog.Sellers reads it (what the tools judge purchasability by), endpoints and
// profile included, and its name in SellerName.
func TestSearchHitSeller(t *testing.T) {
	ctx := context.Background()
	sellers := slices.Clone(fixtureSellers)
	sellers[0].ACPBaseURL, sellers[0].StripeProfileID = "https://trail.example/acp", "profile_trail"
	sellers[2].StripeProfileID = "profile_volt"
	c := testshop.Catalog(t, "", sellers, fixtureProducts)
	want, err := c.Sellers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]catalog.Seller{}
	for _, s := range want {
		byID[s.ID] = s
	}
	res, err := c.Search(ctx, catalog.Query{Limit: catalog.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if h.Seller != byID[h.SellerID] || h.SellerName != h.Seller.Name {
			t.Errorf("%s: seller %+v, name %q; want %+v", h.ID, h.Seller, h.SellerName, byID[h.SellerID])
		}
		seen[h.SellerID] = true
	}
	if len(seen) != len(sellers) {
		t.Errorf("the hits have %d sellers, want all %d", len(seen), len(sellers))
	}
}

// TestSearchSpellingHeads checks the corrections that weigh what the catalog sells:
// a short word is corrected only by one slip into a word that heads titles; of two
// corrections as near, the one that heads titles wins; a word the stemmer cut an ending from is
// found from the word with its ending; and a sentence keeps a key struck for its
// neighbour only into a word that names a kind of product.
func TestSearchSpellingHeads(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	var products []catalog.Product
	add := func(id, title, desc string) {
		products = append(products, catalog.Product{ID: id, SellerID: "hearth", Title: title, Description: desc, Price: usd(1000)})
	}
	for i, brand := range []string{"Acme", "Zenith", "Orbit"} {
		add(fmt.Sprintf("card%d", i), brand+" 64GB Memory Card", "Fast storage.")
		add(fmt.Sprintf("tree%d", i), brand+" Cat Tree", "Sisal posts; it is true to size.")
		add(fmt.Sprintf("moist%d", i), brand+" Daily Moisturizer", "For dry skin.")
		add(fmt.Sprintf("print%d", i), brand+" Photo Printer", "Prints borderless photos.")
	}
	add("true1", "Trueview Glasses Cleaner", "Streak-free, true clarity.")
	add("true2", "Lens Wipes", "True streak-free shine, true to the label.")
	add("convert", "Convertible Sofa", "Converts to a bed; convert it in seconds.")
	if _, err := c.Upsert(ctx, fixtureSellers, products); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, corrected, first string
	}{
		{"a short word one slip from a head", "memory crd", "memory card", "card0"},
		{"a short word one slip from no head", "prnt", "", ""},
		{"of two as near, the head", "cat treed", "cat tree", "tree0"},
		{"an ending the stemmer cut", "mosturizer", "moisturizer", "moist0"},
		{"a sentence keeps no neighbour key into a word of descriptions", "tickets for the concert on saturday", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if res.Corrected != tt.corrected {
				t.Errorf("%q corrected to %q, want %q (notes %q)", tt.text, res.Corrected, tt.corrected, res.Notes)
			}
			if got := hitIDs(res); tt.first != "" && (len(got) == 0 || !strings.HasPrefix(got[0], strings.TrimRight(tt.first, "0123456789"))) {
				t.Errorf("%q found %q, want %s first", tt.text, got, tt.first)
			}
		})
	}
}
