package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSentenceNeedContradicted holds when a sentence's need gives way to what its
// other words say: when two of them are in one product's title, or one names a thing
// whose titles it heads, and no product of the need's things has any of them ("smooth
// pens for journaling" asks for the pens, not for the notebooks journaling names).
// Other words that say nothing together ("my office", told of a need for warmth), or
// that the need's products have too ("thin and light", of notebooks), leave the need be.
// A need whose cues the sentence says only as the name of the need's own thing, one the
// shopper has or buys for ("paper for the printer"), is no need (ownThing).
func TestSentenceNeedContradicted(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	v, err := catalog.ParseVocabulary("need: journaling => notebook\nneed: chilly => space heater\n")
	if err != nil {
		t.Fatal(err)
	}
	c.SetVocabulary(catalog.BuiltinVocabulary().With(v))
	var ps []catalog.Product
	ps = numbered(ps, 50000, 4, "notebook", "Vantora Thin & Light Notebook PC %d", "Vantora", "A laptop for work and school.")
	ps = numbered(ps, 1000, 4, "pens", "Markit Smooth Gel Pens, %d Colors", "Markit", "Quick-drying ink.")
	ps = numbered(ps, 4000, 4, "heater", "Warmly Ceramic Space Heater %d", "Warmly", "Warms a small room fast.")
	ps = numbered(ps, 20000, 4, "chair", "Deskwell Office Chair %d", "Deskwell", "Mesh back and lumbar support.")
	ps = numbered(ps, 15000, 4, "printer", "Inkora Laser Printer IK-%d", "Inkora", "Prints 30 pages a minute.")
	ps = numbered(ps, 500, 4, "paper", "Papyra Printer Paper, %d Sheets", "Papyra", "Bright white, letter size.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, want string }{
		{"a thing named with a word of its title", "i want smooth pens for journaling", "pens-"},
		{"a word that says nothing alone", "my office is chilly in the mornings", "heater-"},
		{"words the need's products have", "journaling on something thin and light", "notebook-"},
		// The built-in need "print => printer": its cue said as the thing the shopper
		// has, or buys for, is no need to print.
		{"the need's thing after for", "we ran out of paper for the printer", "paper-"},
		{"the need's thing the shopper has", "my printer keeps running out of paper", "paper-"},
		{"the need's cue as a verb", "i need to print boarding passes at home", "printer-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantSearchFirst(t, c, tt.text, tt.want) })
	}
}
