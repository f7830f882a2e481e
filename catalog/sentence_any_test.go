package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// craftShop is a small craft and hobby shop: paints, yarn, puzzles, a few products named
// after a character ("Mermaid"), a kitchen corner whose only "french" is the French
// Press's, and a thousand canvases, so that it is no small shop.
func craftShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, brand, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: brand, Description: desc, Category: cat, Price: usd(1499)})
	}
	for i, s := range []string{"12 Colours", "24 Colours", "36 Colours"} {
		add(fmt.Sprint("water", i), "Watercolour Paint Set, "+s, "Brushwell", "Bright pans in a tin with a mixing lid.", "Art > Paint")
		add(fmt.Sprint("acrylic", i), "Acrylic Paint Set, "+s, "Brushwell", "Quick-drying paint for canvas and wood.", "Art > Paint")
	}
	for i, s := range []string{"Blue", "Grey", "Rose"} {
		add(fmt.Sprint("yarn", i), "Merino Yarn, 100g, "+s, "Woolly", "Soft worsted yarn for jumpers and scarves.", "Knitting > Yarn")
		add(fmt.Sprint("needle", i), fmt.Sprintf("Bamboo Knitting Needles, %dmm", 4+i), "Woolly", "Light and warm in the hand.", "Knitting > Needles")
	}
	for i, s := range []string{"Mountains", "Harbour", "Meadow"} {
		add(fmt.Sprint("jig", i), "Jigsaw Puzzle 1000 Pieces, "+s, "Piecework", "A landscape for a long evening.", "Puzzles")
	}
	add("mat0", "Roll-Up Puzzle Mat", "Piecework", "Keeps an unfinished puzzle safe.", "Puzzles")
	add("mer0", "Mermaid Colouring Book", "Piecework", "Forty pages of sea creatures.", "Kids > Colouring")
	add("mer1", "Mermaid Sticker Pack, 200 Stickers", "Piecework", "Glitter stickers.", "Kids > Stickers")
	add("mer2", "Mermaid Sequin Pillow Craft Kit", "Brushwell", "Sew your own reversible sequin pillow.", "Kids > Craft Kits")
	add("dino0", "Dinosaur Colouring Book", "Piecework", "Thirty pages of the Jurassic.", "Kids > Colouring")
	add("dino1", "Dinosaur Fossil Dig Kit", "Piecework", "Chip out three plaster fossils.", "Kids > Craft Kits")
	add("dino2", "Glow Dinosaur Stickers, 100 Pack", "Piecework", "They glow after dark.", "Kids > Stickers")
	add("hoop0", "Beechwood Stitching Hoop, 20 cm", "Woolly", "Holds the fabric taut.", "Sewing")
	add("card0", "Embossed Greeting Card Blanks, 20 Pack", "Piecework", "Ideal for a handmade wedding invitation.", "Papercraft")
	for i, s := range []string{"3 Cup", "8 Cup", "12 Cup"} {
		add(fmt.Sprint("press", i), "French Press Coffee Maker, "+s, "Brewly", "For the studio kitchen.", "Kitchen")
	}
	add("kettle0", "Gooseneck Kettle", "Brewly", "Pours slowly over coffee.", "Kitchen")
	// Past the small shop's size (1,000 products), where one title is no type.
	for i := range 1000 {
		add(fmt.Sprint("canvas", i), fmt.Sprintf("Stretched Canvas %dx%d cm", 20+i%40, 30+i/40), "Brushwell", "Primed cotton canvas.", "Art > Canvas")
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSentenceAsksForAny: a sentence that asks for something (a want, a gift, "something",
// "somewhere") and that every reading answers with nothing is answered by the plain
// ranking of the words of it the catalog has, when one of them names products in their
// titles, brands or categories on its own, no participle; a story that asks for nothing, a request
// whose only catalog word is part of another name ("french" of "French Press"), a
// word only descriptions have, an opening word no product has, a question and a thing
// the catalog does not sell stay nothing.
func TestSentenceAsksForAny(t *testing.T) {
	c := craftShop(t)
	for _, tc := range []struct {
		name, q string
		first   string // the first product's title has it; "" wants nothing
	}{
		{"a want and a name that heads no title", "my granddaughter is seven and wants everything mermaid this year", "Mermaid"},
		{"something, and a name that heads no title", "something for a rainy weekend, my son goes wild for dinosaurs", "Dinosaur"},
		{"a gift, and a name that heads no title", "a birthday present for my nephew who is mad about dinosaurs", "Dinosaur"},
		{"a story that asks for nothing", "my mermaid costume got soaked at the swimming gala", ""},
		{"a participle", "the torn sofa needs stitching before the guests arrive", ""},
		{"a word only one description has", "we need something nice for the wedding of my cousin", ""},
		{"a question about the world", "who wants to know how mermaid legends began", ""},
		{"a thing not sold", "i need a babysitter who likes mermaid films for saturday", ""},
	} {
		t.Run(tc.name, func(t *testing.T) { checkReadingOrNothing(t, c, tc.q, tc.first, "Read as a request") })
	}
}

// TestSentenceTail: a sentence whose page is shorter than the limit goes on with the
// products of the same department and of the page's kinds that have some of its
// words the catalog has (one is enough), whether it found one product or three, as
// plain ranking of its words would show more; a full page, a sorted query, a
// sentence that names a product (a title has every word) or a brand, and a list of
// words with no filler are left as they were.
func TestSentenceTail(t *testing.T) {
	c := craftShop(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, q string
		limit   int
		sort    string
		first   string // the first product's title has it
		tail    bool   // the page goes on after the products found
	}{
		{"one product found", "my nephew is six and wants a dinosaur fossil dig kit", 10, "", "Fossil Dig Kit", true},
		{"three products found", "my niece is into mermaid colouring, stickers and craft", 10, "", "Mermaid", true},
		{"a full page", "my niece is into mermaid colouring, stickers and craft", 3, "", "Mermaid", false},
		{"two words the catalog has", "he wants the fossil kit", 10, "", "Fossil Dig Kit", true},
		{"a product named", "i am looking for a dinosaur fossil dig kit please", 10, "", "Fossil Dig Kit", false},
		{"a brand named", "my nephew is six and wants a piecework kit with fossils to dig", 10, "", "Fossil Dig Kit", false},
		{"a list of words", "dinosaur fossil dig kit glow craft", 10, "", "Fossil Dig Kit", false},
		{"sorted", "my nephew is six and wants a dinosaur fossil dig kit", 10, "price_asc", "Fossil Dig Kit", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.q, Limit: tc.limit, Sort: catalog.Sort(tc.sort)})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Title, tc.first) {
				t.Fatalf("%q: %d products, want %s first; notes %q", tc.q, len(res.Hits), tc.first, res.Notes)
			}
			tailed := slicesContainsPrefix(res.Notes, "After the first")
			if tailed != tc.tail {
				t.Fatalf("%q: %d products, tail %v, want %v; notes %q", tc.q, len(res.Hits), tailed, tc.tail, res.Notes)
			}
			if tc.tail {
				for _, h := range res.Hits[1:] {
					if !strings.HasPrefix(h.Category, "Kids") {
						t.Errorf("%q: %q of %q follows, want the department of the page's products", tc.q, h.Title, h.Category)
					}
				}
				if len(res.Hits) < 2 || res.Total != len(res.Hits) {
					t.Errorf("%q: %d products, total %d: want the page filled and counted", tc.q, len(res.Hits), res.Total)
				}
			}
		})
	}
}

// BenchmarkSentenceAsks times sentences of the craft shop that sentenceAsks answers
// (every other reading answers them with nothing), one sentenceTail goes on after,
// and two that stay as they were (a story, a question), beside a one-word search of
// the same shop (the floor), paired in the same run: us/sentence, us/floor and their
// ratio.
func BenchmarkSentenceAsks(b *testing.B) {
	c := craftShop(b)
	qs := []string{"my granddaughter is seven and wants everything mermaid this year",
		"a birthday present for my nephew who is mad about dinosaurs",
		"something for a rainy weekend, my son goes wild for dinosaurs",
		"my nephew is six and wants a dinosaur fossil dig kit",
		"my mermaid costume got soaked at the swimming gala",
		"who wants to know how mermaid legends began"}
	benchOverFloor(b, c, qs, "mermaid")
}
