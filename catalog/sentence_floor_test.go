package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSentenceCueModifies holds that a need of one cue is not read where its cue
// says which kind of the thing named right after it is meant ("my skating helmet
// strap snapped": a helmet, no skateboard), and is read where the cue says what the
// shopper wants to do, or comes before a word that names no type ("skating gear").
func TestSentenceCueModifies(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	v, err := catalog.ParseVocabulary("need: skating => skateboard, knee pads\n")
	if err != nil {
		t.Fatal(err)
	}
	c.SetVocabulary(catalog.BuiltinVocabulary().With(v))
	ps := roomProducts()
	ps = numbered(ps, 6000, 6, "board", "Rollfast Maple Skateboard %d", "Rollfast", "A maple deck for street and park.")
	ps = numbered(ps, 2000, 6, "pads", "Padwell Knee Pads %d", "Padwell", "Hard caps and soft foam.")
	ps = numbered(ps, 4000, 6, "helmet", "Cranium Vented Helmet %d", "Cranium", "A light shell with an adjustable strap.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, want string }{
		{"the cue before a thing of another type", "my skating helmet strap snapped", "helmet-"},
		{"the cue as what the shopper wants to do", "i want to try skating this summer", "board-"},
		{"the cue before a word that names no type", "skating gear for my son", "board-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantSearchFirst(t, c, tt.text, tt.want) })
	}
}

// TestSentenceFloor holds the floor under a sentence's readings: a sentence that no
// need, type vote or title reads is searched as plain ranking of its content words
// reads it, when that reading is sure (most of its best products of one type, several
// of them with two of the words); not when the type it reads is one the sentence names
// itself, nor when the words meet in no product.
func TestSentenceFloor(t *testing.T) {
	ctx := context.Background()
	c := openCatalog(t)
	ps := numbered(roomProducts(), 5000, 6, "petbed", "Snoozewell Orthopedic Pet Bed %d", "Snoozewell", "Memory foam eases stiff joints of senior dogs.")
	ps = numbered(ps, 3000, 3, "dogthrow", "Loomcraft Dog Sofa Throw %d", "Loomcraft", "Keeps hair off the cushions.")
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, prefix string }{
		{"words that meet in one type's products", "grandma says the senior dogs limp after naps", "petbed"},
		{"words of two types that meet in no product", "grandma says the ceramic dogs limp after naps", ""},
		{"the type read is one the sentence names, where it is", "grandma says the senior dogs limp after naps on the bed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { searchWantFirst(t, c, tt.text, tt.prefix) })
	}
}
