package catalog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestTypesNoteNamesWhatWasAsked: when a query's words are read as the product types
// they stand for (no product has them all), the note names only the types the shopper
// asked for, a type word of their own, and not the heads of the titles that have the
// words: a query naming a type the vote did not pick, or a short query naming none,
// names no type ("Read as a search for the kinds of product that …"), while a sentence
// naming no type says what it was read as. The search itself is as before (Words).
func TestTypesNoteNamesWhatWasAsked(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(n int, id, title, brand, desc string) { ps = numbered(ps, 1000, n, id, title, brand, desc) }
	add(4, "spray", "Rustguard Metal Spray %d", "Rustguard", "Weatherproof paint for railings and gates, dries in an hour.")
	add(3, "varnish", "Deckhand Oak Varnish %d", "Deckhand", "Weatherproof clear coat for decking and garden furniture.")
	add(3, "stain", "Deckhand Fence Stain %d", "Deckhand", "Weatherproof colour for fences and sheds.")
	add(3, "brush", "Bristle Paint Brush %d", "Fineline", "Synthetic bristles for gloss and emulsion.")
	add(3, "roller", "Foam Paint Roller %d", "Fineline", "Smooth finish on walls and ceilings.")
	add(2, "primer", "Undercoat Primer %d", "Basecoat", "Seals bare wood before painting.")
	if _, err := c.Upsert(ctx, fixtureSellers, append(ps, gardenProducts()...)); err != nil {
		t.Fatal(err)
	}
	const noType = "Read as a search for the kinds of product that most often have the words "
	for _, tc := range []struct {
		name, query string
		words       string // Result.Words: what was searched, unchanged by the note
		named       string // the types the note names; "" for none
	}{
		{"a type word whose titles head another type (paint brushes)", "deckhand weatherproof paint", "brush or stain or varnish or spray", ""},
		{"a short query naming no type", "rustguard weatherproof 50", "spray", ""},
		{"two words, the head's titles another type", "oak paint", "brush or varnish", ""},
		{"the asked type named alone, not the other voted", "weatherproof primer for gates", "primer or spray", "primer"},
		{"the asked type voted alone", "weatherproof brush", "brush", "brush"},
		{"a sentence naming no type says what it was read as", "a soft foam thing for weeding my vegetable patch", "pad", "pad"},
		{"another such sentence", "i want something weatherproof for my garden fence and shed", "stain", "stain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(ctx, catalog.Query{Text: tc.query, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if res.Words != tc.words || len(res.Hits) == 0 {
				t.Fatalf("%q searched %q (%d hits, notes %q), want %q: the case no longer reaches the type vote", tc.query, res.Words, len(res.Hits), res.Notes, tc.words)
			}
			notes := strings.Join(res.Notes, " ")
			want := noType
			if tc.named != "" {
				want = "Read as a search for " + tc.named + ": the products of the catalog that most often have the words "
			}
			if !strings.Contains(notes, want) {
				t.Errorf("%q: notes %q, want %q", tc.query, res.Notes, want)
			}
			for _, h := range strings.Split(tc.words, " or ") {
				if h != tc.named && strings.Contains(notes, "search for "+h) {
					t.Errorf("%q: notes %q name %q, which was not asked", tc.query, res.Notes, h)
				}
			}
		})
	}
}
