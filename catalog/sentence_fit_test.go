package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// fitShop is a shop of printers (three office printers and a label printer), printer
// paper, jars and a thousand gift tags so that it is no small shop.
func fitShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	const printers, paper, jars = "Office > Printers", "Office > Paper", "Kitchen > Storage"
	p := func(id, title, desc, cat string) catalog.Product {
		return catalog.Product{ID: id, Title: title, Description: desc, Category: cat, Brand: "Inkora", Price: usd(9999)}
	}
	ps := []catalog.Product{
		p("laser-1", "Monochrome Laser Printer", "A printer for the office: fast printing of documents.", printers),
		p("laser-2", "Color Laser Printer", "A printer for reports and documents in color.", printers),
		p("inkjet", "Inkjet Printer", "A printer for photos and documents at home.", printers),
		// The label printer says "printer" least, and the sentence's other words most.
		p("label", "Bluetooth Thermal Label Printer with Keyboard and Tape", "Prints sticky labels for spice jars, pantry shelves and folders. A small printer.", printers),
		p("paper", "Sticky Label Paper for Printers", "Sheets of stickers for spice jars and pantry shelves.", paper),
		p("jar-1", "Glass Spice Jar", "Airtight, with a bamboo lid.", jars),
		p("jar-2", "Glass Storage Jar", "Airtight, for the pantry.", jars),
		p("jar-3", "Mason Jar", "Airtight, for jam.", jars),
	}
	return stockedCatalog(t, append(ps, giftTags("Corner", "A tag.")...))
}

// TestSentenceStoryFit: a sentence read by a need ("printed" => printer) ranks the
// products of the need's type alike by the reading's own word; the sentence's other
// words ("stickers", "spice", "pantry") say which of them fit, and those come first
// (storyFit). A product of another type with those words ("Sticky Label Paper for
// Printers") stays after the type's products: the order is kept within the type. A
// word of the sentence that names a type of the catalog ("jars", which titles head)
// ranks nothing, and a query that is no sentence keeps its plain order.
func TestSentenceStoryFit(t *testing.T) {
	c := fitShop(t)
	search := func(t *testing.T, q string) []string {
		t.Helper()
		res, err := c.Search(context.Background(), catalog.Query{Text: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return hitIDs(res)
	}
	// The printers as plain ranking orders them: the label printer, whose title is
	// the longest, last.
	plain := slices.DeleteFunc(search(t, "printer"), func(id string) bool { return id == "paper" })
	if len(plain) != 4 || plain[3] != "label" {
		t.Fatalf("printer: %v, want the label printer fourth of four printers", plain)
	}
	tests := []struct {
		name  string
		q     string
		first []string // the first hits, in order
	}{
		{name: "the need's type that fits the story first", q: "i want printed stickers for my spice jars in the pantry",
			first: append([]string{"label"}, plain[:3]...)},
		{name: "only a word that names a type: the reading's order", q: "i want printed names on my jars", first: plain},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids := search(t, tc.q)
			if len(ids) < len(tc.first) || !slices.Equal(ids[:len(tc.first)], tc.first) {
				t.Errorf("%q: %v, want %v first (then the paper, of another type)", tc.q, ids, tc.first)
			}
		})
	}
}

// BenchmarkSentenceStoryFit times sentences that a need reads on fitShop, with other
// words to fit (storyFit) and without, each paired with a one-word search
// ("printer") in the same loop (benchOverFloor).
func BenchmarkSentenceStoryFit(b *testing.B) {
	benchOverFloor(b, fitShop(b), []string{
		"i want printed stickers for my spice jars in the pantry",
		"i want printed names on my jars",
	}, "printer")
}
