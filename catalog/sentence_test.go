package catalog_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// roomProducts are gardenProducts among products of other types, as many as a
// catalog's other departments: each of a sentence's words is then in few products.
func roomProducts() []catalog.Product {
	ps := gardenProducts()
	add := func(n int, id, title, brand, desc string) { ps = numbered(ps, 2000, n, id, title, brand, desc) }
	add(6, "lamp", "Brightwell Reading Lamp %d", "Brightwell", "Warm light for reading in bed.")
	add(6, "throw", "Loomcraft Wool Throw %d", "Loomcraft", "A warm wool throw for the sofa.")
	add(6, "mug", "Claybird Ceramic Mug %d", "Claybird", "Holds tea or coffee.")
	add(6, "case", "Shellguard Phone Case %d", "Shellguard", "Protects your phone from drops.")
	add(6, "mat", "Stretchly Yoga Mat %d", "Stretchly", "Non-slip mat for stretching and floor exercises.")
	add(6, "band", "Pacewise Sport Watch Band %d", "Pacewise", "Replacement band, sweat proof.")
	add(6, "bag", "Trailpack Hiking Backpack %d", "Trailpack", "Carries a day's gear on long hikes, with a rain cover.")
	add(60, "tee", "Plainwear Cotton T-Shirt, Size %d", "Plainwear", "Cotton crew neck tee in many colours.")
	return ps
}

// TestSentenceWords checks what a sentence finds that no need names and whose words
// stand for no type by a majority of them: the products that have its content words
// when those words are about products (two of them point to one type, or are used
// together in products far more often than chance), and nothing for a question about
// the world or for words the catalog has each on its own. A type the sentence names
// (not one the shopper has, nor in a request about an order) is about products too.
// A word of no product is corrected only when the correction is a slip of typing
// ("ceramik", "feder"): a story word ("battle", "cottage") is not turned into a
// catalog word ("bottle", "cotton") but stays unknown, named as typed.
func TestSentenceWords(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	if _, err := c.Upsert(ctx, fixtureSellers, roomProducts()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		text      string
		prefix    string // the first hit's id starts with it
		note      string // a note starts with it
		none      bool
		corrected string // Result.Corrected
	}{
		{name: "words used together", text: "i want soft foam to use while reading about sparrows in my shed", prefix: "kneeler", note: "Read as a sentence"},
		{name: "a type named", text: "i want a thick mat while reading about sparrows in my shed", prefix: "mat", note: "Read as a sentence"},
		{name: "words used together, in a request for a thing no title names", text: "a gear with soft foam to use while reading about sparrows in my shed", none: true},
		{name: "words used together, a thing no title names mentioned later", text: "soft foam to use while reading about sparrows gives a gear in my shed", prefix: "kneeler", note: "Read as a sentence"},
		{name: "a type named that no product of it has another word with", text: "watching sparrows at dusk needs a sturdy lamp", prefix: "lamp", note: "Read as a sentence about lamp"},
		{name: "one word that names a type in titles, among words of no product", text: "honestly nothing beats ceramic when sipping slowly outdoors", prefix: "mug", note: "Read as a sentence about mug"},
		{name: "that word in a request for a thing no title names", text: "a gear that beats ceramic when sipping slowly outdoors", none: true},
		{name: "that word in a request for a thing no product has", text: "an alpine kettle that beats ceramic when sipping slowly outdoors", none: true},
		{name: "that word in a request for a thing named by its occasion", text: "a birthday present that beats ceramic when sipping slowly outdoors", prefix: "mug", note: "Read as a sentence about mug"},
		{name: "that word in a request for a thing of a quality no product has", text: "a sturdy one that beats ceramic when sipping slowly outdoors", prefix: "mug", note: "Read as a sentence about mug"},
		{name: "that word in a question about the world", text: "why does nothing beat ceramic when sipping slowly outdoors", none: true},
		{name: "that word after a place word", text: "honestly nothing beats sipping slowly outdoors in ceramic", none: true},
		{name: "a type the shopper has", text: "my mat slid while reading about sparrows in the shed", none: true},
		{name: "a type named in a request about an order", text: "return the mat while reading about sparrows in my shed", none: true},
		{name: "words apart", text: "my phone fell in the garden while reading", none: true},
		{name: "a question about the world", text: "how long does foam last when weeding in the sun all summer", none: true},
		{name: "words no product has", text: "my car makes a strange noise when i brake on the motorway", none: true,
			note: `Nothing in the catalog matches "car", "makes", "strange", "noise", "when", "brake", "motorway" together (products have "makes").`},
		{name: "a story word stays as typed", text: "the battle for the garden never ends", none: true,
			note: `Nothing in the catalog matches "battle", "garden", "never", "ends" together (products have "battle", "garden").`},
		{name: "a story word beside a catalog word is not corrected into it", text: "a bottle for the garden battle", none: true},
		{name: "a story word that keeps a catalog word's first letters is not corrected into it", text: "my cottage is cold", none: true,
			note: `Nothing in the catalog matches "cottage", "cold" together (products have "cottage").`},
		{name: "a slip is corrected", text: "i want a ceramik mug to sip slowly", prefix: "mug", corrected: "ceramic mug sip slowly",
			note: `No product has the words "sip", "slowly"`},
		{name: "a letter undoubled is a slip", text: "where can i find a feder for the balcony", prefix: "feeder", corrected: "feeder balcony",
			note: `No product has the words "balcony"`},
	}
	v := catalog.BuiltinVocabulary()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if v.SaysNeed(tt.text) {
				t.Fatalf("a need applies to %q: the test is about sentences no need names", tt.text)
			}
			res, err := c.Search(ctx, catalog.Query{Text: tt.text, Limit: catalog.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(res)
			if res.Corrected != tt.corrected {
				t.Errorf("Corrected = %q, want %q (notes %q)", res.Corrected, tt.corrected, res.Notes)
			}
			if tt.none {
				if len(ids) > 0 {
					t.Fatalf("found %v (words %q, notes %q), want nothing", ids, res.Words, res.Notes)
				}
				if tt.note != "" && !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, tt.note) }) {
					t.Errorf("notes %q, want one starting %q", res.Notes, tt.note)
				}
				if res.Relaxed || slices.Contains(res.Notes, catalog.RelaxedNote) {
					t.Errorf("nothing found, yet relaxed %v, notes %q: a result with no products says what it did not find", res.Relaxed, res.Notes)
				}
				return
			}
			if len(ids) == 0 || !strings.HasPrefix(ids[0], tt.prefix) {
				t.Fatalf("found %v (words %q, notes %q), want %s products first", ids, res.Words, res.Notes, tt.prefix)
			}
			if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, tt.note) }) {
				t.Errorf("notes %q, want one starting %q", res.Notes, tt.note)
			}
		})
	}
	t.Run("sorted by price, words apart still find nothing", func(t *testing.T) {
		res, err := c.Search(ctx, catalog.Query{Text: "my phone fell in the garden while reading", Sort: catalog.SortPriceAsc})
		if err != nil {
			t.Fatal(err)
		}
		if ids := hitIDs(res); len(ids) > 0 {
			t.Errorf("found %v (words %q, notes %q), want nothing", ids, res.Words, res.Notes)
		}
	})
}

// TestForWhatTheShopperHas checks that a query whose thing the catalog has no type
// for, but which says what it is for ("a replacement strap for my smartwatch"),
// finds the products made for that first, and that a query naming a type of the
// catalog still finds that type first.
func TestForWhatTheShopperHas(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(n int, id, title, brand, desc string) { ps = numbered(ps, 2000, n, id, title, brand, desc) }
	add(8, "watch", "Orbitron Smartwatch %d", "Orbitron", "Tracks steps and sleep.")
	add(8, "band", "Loopwell Silicone Band for Orbitron Smartwatch %d", "Loopwell", "Soft silicone band.")
	add(8, "mug", "Claybird Ceramic Mug %d", "Claybird", "Holds tea or coffee.")
	add(8, "shade", "Brightwell Replacement Lamp Shade %d", "Brightwell", "Linen shade for reading lamps.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, text, prefix string }{
		{"a thing of no type, for a type", "a replacement strap for my smartwatch", "band-"},
		{"a type, for someone", "a smartwatch for my dad", "watch-"},
		{"a type, for a type", "a band for my smartwatch", "band-"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.text, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if ids := hitIDs(res); len(ids) == 0 || !strings.HasPrefix(ids[0], tc.prefix) {
				t.Fatalf("%q found %v (words %q, notes %q), want %s… first", tc.text, ids, res.Words, res.Notes, tc.prefix)
			}
		})
	}
}

// TestSentenceHeadWord checks the last reading of a sentence whose words are mostly
// the shopper's own: a word that is the head its products' titles most often have
// (the catalog's name for a thing, though under the share titleWordType asks of a word
// that names a type) says what the sentence is about, unless a word no product has
// comes before it, when the two name a thing the catalog does not sell.
func TestSentenceHeadWord(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	ps := numbered(roomProducts(), 3000, 5, "shade", "Brightwell Lamp Shade %d", "Brightwell", "Linen shade for table lamps.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		text   string
		prefix string // the first hit's id starts with it; "" for nothing found
	}{
		{name: "the head of most of its titles", text: "honestly nothing beats a lamp while sipping slowly outdoors", prefix: "lamp"},
		{name: "after a word no product has", text: "honestly nothing beats a zorbly lamp while sipping slowly outdoors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tt.text, Limit: catalog.MaxLimit})
			if err != nil {
				t.Fatal(err)
			}
			wantFirst(t, res, tt.prefix)
		})
	}
}

// TestSentenceGiftWord holds that an occasion's gift word ("gift", "present") is not
// read as the thing a sentence names in titles, though titles say it ("Plush Bear,
// Gift for Kids"): the sentence's other words say what the gift is.
func TestSentenceGiftWord(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	ps := numbered(roomProducts(), 5000, 6, "plush", "Snugglebee Plush Bear %d, Gift for Kids", "Snugglebee", "Soft and cuddly.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		prefix     string // the first hit's id starts with it; "" for nothing found
	}{
		{"the gift word first", "a birthday gift for someone who beats ceramic when sipping slowly outdoors", "mug"},
		{"the gift word last", "someone who beats ceramic when sipping slowly outdoors deserves a gift", "mug"},
		{"a present", "a present for someone who beats ceramic when sipping slowly outdoors", "mug"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { searchWantFirst(t, c, tt.text, tt.prefix) })
	}
}

// TestSentenceDescriptionWord holds what a sentence finds whose only word of the
// catalog's is one that descriptions say of one type (descWordType): that type, when
// most products with the word are of it and many of its products have the word, in a
// sentence that says the shopper wants something; and nothing when the word is said of
// few of the type's products, in a question about the world, or in a story.
func TestSentenceDescriptionWord(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	ps := numbered(roomProducts(), 4000, 6, "blender", "Whirla Blender %d", "Whirla", "Crushes ice for frozen margaritas.")
	// Three lamps of 21 say "drowsy": too few of the lamps for the word to be theirs.
	ps = numbered(ps, 2500, 12, "desklamp", "Brightwell Desk Lamp %d", "Brightwell", "Bright light for late work.")
	ps = numbered(ps, 2600, 3, "nightlamp", "Brightwell Night Lamp %d", "Brightwell", "Dim light for drowsy evenings.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		prefix     string // the first hit's id starts with it; "" for nothing found
	}{
		{"a word of one type's descriptions", "i want frozen margaritas on sunny afternoons", "blender"},
		{"a word of few of its type's products", "i want to stop feeling drowsy on sunny afternoons", ""},
		{"a question about the world", "why do frozen margaritas taste better on sunny afternoons", ""},
		{"no want said: a story", "we watched frozen lakes on sunny afternoons", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { searchWantFirst(t, c, tt.text, tt.prefix) })
	}
}

// searchWantFirst searches c for text and fails t unless the result is as wantFirst
// wants; it returns the result.
func searchWantFirst(t *testing.T, c *catalog.Catalog, text, prefix string) catalog.Result {
	t.Helper()
	res, err := c.Search(context.Background(), catalog.Query{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	wantFirst(t, res, prefix)
	return res
}

// wantFirst fails t unless the first hit of res has an id that starts with prefix, or,
// with prefix "", unless res has no hits.
func wantFirst(t *testing.T, res catalog.Result, prefix string) {
	t.Helper()
	ids := hitIDs(res)
	if prefix == "" {
		if len(ids) > 0 {
			t.Fatalf("found %v (words %q, notes %q), want nothing", ids, res.Words, res.Notes)
		}
		return
	}
	if len(ids) == 0 || !strings.HasPrefix(ids[0], prefix) {
		t.Fatalf("found %v (words %q, notes %q), want %s products first", ids, res.Words, res.Notes, prefix)
	}
}
