package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// stationeryShop is a small stationery shop: notebooks, pens, pencils and paper of a
// few makers and an office range, the maker's name first in each title ("Moleskine Ruled Notebook", "Moleskine Canvas
// Tote Bag": a maker's products of several types), and "classic" in the titles of more than one product in ten.
func stationeryShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: strings.Fields(title)[0], Description: desc, Category: cat, Price: usd(1299)})
	}
	for i, s := range []string{"Pocket", "Large", "XL"} {
		add(fmt.Sprint("mole", i), "Moleskine Ruled Notebook, Hard Cover, "+s, "Ivory pages and an elastic closure.", "Paper > Notebooks")
	}
	add("mole3", "Moleskine Weekly Planner 2027, Large", "A week on the left, notes on the right.", "Paper > Planners")
	add("mole4", "Moleskine Kaweco Rollerball Pen, Black", "A slim pen that fits the notebook's elastic.", "Pens > Rollerball Pens")
	add("mole5", "Moleskine Canvas Tote Bag", "Room for a laptop and three notebooks.", "Bags")
	add("leuch4", "Leuchtturm1917 Drehgriffel Gel Pen, Navy", "Matches the notebook colours.", "Pens > Gel Pens")
	add("leuch5", "Leuchtturm1917 Pen Loop, Emerald", "Sticks to the back cover of any notebook.", "Accessories")
	for i, s := range []string{"A5", "A4", "B5", "A6"} {
		add(fmt.Sprint("leuch", i), "Leuchtturm1917 Dotted Notebook, "+s, "Numbered pages, a table of contents and two ribbons.", "Paper > Notebooks")
		add(fmt.Sprint("spiral", i), "Oxford Classic Spiral Notebook, "+s, "Margin ruled, 90 gsm paper.", "Paper > Notebooks")
	}
	for i, s := range []string{"Black", "Blue", "Red"} {
		add(fmt.Sprint("lamy", i), "Lamy Safari Fountain Pen, Medium Nib, "+s, "A sturdy pen for everyday writing.", "Pens > Fountain Pens")
		add(fmt.Sprint("gel", i), "Pilot G2 Gel Pen 0.7 mm, 12 Pack, "+s, "Smooth ink and a rubber grip.", "Pens > Gel Pens")
		add(fmt.Sprint("classicpen", i), "Parker Jotter Classic Ballpoint Pen, "+s, "The classic click pen.", "Pens > Ballpoint Pens")
	}
	for i, s := range []string{"HB", "2B", "4B", "6B"} {
		add(fmt.Sprint("pencil", i), "Staedtler Mars Lumograph Pencil, "+s+", 12 Pack", "Break-resistant graphite for drawing and sketching.", "Pencils")
		add(fmt.Sprint("classicpencil", i), "Faber-Castell Classic Graphite Pencil, "+s, "Hexagonal cedar pencil.", "Pencils")
	}
	for i, s := range []string{"A4", "A3"} {
		add(fmt.Sprint("pad", i), "Daler-Rowney Sketch Pad, "+s, "Acid-free cartridge paper, good for pencil and ink. Ideal for university art courses.", "Paper > Sketchbooks")
		add(fmt.Sprint("copy", i), "Navigator Copy Paper, "+s+", 500 Sheets", "Bright white paper for home and office printers.", "Paper > Printer Paper")
	}
	for i, ty := range []string{"Envelopes", "Document Folder", "Stapler", "Clear Tape", "Paper Clips", "Glue Stick", "Ruler", "Scissors", "Highlighter", "Index Cards"} {
		for j, sz := range []string{"Small", "Medium", "Large"} {
			add(fmt.Sprintf("office%d-%d", i, j), "Deskly "+ty+", "+sz, "Our own brand, made to last.", "Office")
		}
	}
	add("wpad0", "Deskly Writing Pad, A4", "Lined, 80 sheets.", "Paper")
	add("wpad1", "Deskly Writing Pad, A5", "Lined, 80 sheets.", "Paper")
	add("ink0", "Lamy T10 Ink Cartridges, Blue, 5 Pack", "Fits every Lamy fountain pen.", "Pens > Ink")
	add("eraser0", "Staedtler Rasoplast Eraser", "Erases cleanly without smudging.", "Pencils > Erasers")
	add("sharpener0", "Staedtler Metal Pencil Sharpener", "One hole, for standard pencils.", "Pencils > Sharpeners")
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSentenceNamedInPassing: a sentence every reading answers with nothing that names
// a brand of the catalog whole is answered by the plain ranking of its words over
// titles and brands; a story word
// of many titles, a word only descriptions have, a thing the catalog does not sell
// and a question about the world stay nothing.
func TestSentenceNamedInPassing(t *testing.T) {
	c := stationeryShop(t)
	for _, tc := range []struct {
		name, q string
		first   string // the first product's title has it; "" wants nothing
	}{
		{"a maker named in passing", "my sister is obsessed with moleskine and starts university next week", "Moleskine"},
		{"a maker named last", "ever since her trip to italy my aunt collects everything by moleskine", "Moleskine"},
		{"the shop's own brand", "my boss only ever buys deskly things and hates change", "Deskly"},
		{"one word of a brand's name", "ever since art college my aunt swears by rowney and nothing else", ""},
		{"a word of titles that is no brand", "my son hates writing and his teacher keeps telling him off", ""},
		{"a word only descriptions have", "my daughter starts university in october and feels nervous", ""},
		{"a thing not sold", "a plumber to fix the dripping tap in the moleskine office", ""},
		{"a question about the world", "who first made moleskine notebooks in paris and why", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkReadingOrNothing(t, c, tc.q, tc.first, "Read as a sentence that names a brand")
		})
	}
}

func slicesContainsPrefix(ss []string, p string) bool {
	for _, s := range ss {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// BenchmarkSentenceNamed times the sentences of the stationery shop that every reading
// answers with nothing and that name a brand (sentenceNamed answers them) and two that
// name none (answered with nothing before and after), beside a one-word search of
// the same shop (the floor), paired in the same run: us/sentence, us/floor and their
// ratio.
func BenchmarkSentenceNamed(b *testing.B) {
	c := stationeryShop(b)
	qs := []string{"my sister is obsessed with moleskine and starts university next week",
		"ever since her trip to italy my aunt collects everything by moleskine",
		"my boss only ever buys deskly things and hates change",
		"my son hates writing and his teacher keeps telling him off",
		"ever since art college my aunt swears by rowney and nothing else"}
	benchOverFloor(b, c, qs, "notebook")
}

// checkReadingOrNothing searches q and wants nothing when first is "", else a first
// product whose title has first and a note starting with reading (the reading that
// answered it).
func checkReadingOrNothing(t *testing.T, c *catalog.Catalog, q, first, reading string) {
	t.Helper()
	res, err := c.Search(t.Context(), catalog.Query{Text: q, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if first == "" {
		if res.Total != 0 || len(res.Hits) != 0 {
			t.Fatalf("%q: %d products (first %q), want nothing; notes %q", q, res.Total, res.Hits[0].Title, res.Notes)
		}
		return
	}
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Title, first) {
		t.Fatalf("%q: %d products, want %s first; notes %q", q, len(res.Hits), first, res.Notes)
	}
	if !slicesContainsPrefix(res.Notes, reading) {
		t.Errorf("%q: notes %q, want the reading %q", q, res.Notes, reading)
	}
}

// benchOverFloor times each of qs on c beside a search for the one word floor of the
// same shop, paired in the same run, and reports us/sentence, us/floor and their ratio.
func benchOverFloor(b *testing.B, c *catalog.Catalog, qs []string, floor string) {
	ctx := context.Background()
	var took, floorTook time.Duration
	for b.Loop() {
		for _, q := range qs {
			t0 := time.Now()
			if _, err := c.Search(ctx, catalog.Query{Text: q}); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := c.Search(ctx, catalog.Query{Text: floor}); err != nil {
				b.Fatal(err)
			}
			took, floorTook = took+t1.Sub(t0), floorTook+time.Since(t1)
		}
	}
	n := float64(b.N * len(qs))
	b.ReportMetric(float64(took.Microseconds())/n, "us/sentence")
	b.ReportMetric(float64(floorTook.Microseconds())/n, "us/floor")
	b.ReportMetric(float64(took)/float64(floorTook), "sentence/floor")
}
