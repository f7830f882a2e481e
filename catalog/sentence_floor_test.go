package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// firstCase is a sentence and the start of the id of the product its search finds
// first ("" for nothing found).
type firstCase struct{ name, text, prefix string }

// upsertCheckFirsts upserts ps into c and checks each case (searchWantFirst).
func upsertCheckFirsts(t *testing.T, c *catalog.Catalog, ps []catalog.Product, cases []firstCase) {
	t.Helper()
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { searchWantFirst(t, c, tc.text, tc.prefix) })
	}
}

// TestSentenceCueModifies holds that a need of one cue is not read where its cue
// says which kind of the thing named right after it is meant ("my skating helmet
// strap snapped": a helmet, no skateboard), and is read where the cue says what the
// shopper wants to do, or comes before a word that names no type ("skating gear").
func TestSentenceCueModifies(t *testing.T) {
	c := openCatalog(t)
	v, err := catalog.ParseVocabulary("need: skating => skateboard, knee pads\n")
	if err != nil {
		t.Fatal(err)
	}
	c.SetVocabulary(catalog.BuiltinVocabulary().With(v))
	ps := numbered(roomProducts(), 6000, 6, "board", "Rollfast Maple Skateboard %d", "Rollfast", "A maple deck for street and park.")
	ps = numbered(ps, 2000, 6, "pads", "Padwell Knee Pads %d", "Padwell", "Hard caps and soft foam.")
	ps = numbered(ps, 4000, 6, "helmet", "Cranium Vented Helmet %d", "Cranium", "A light shell with an adjustable strap.")
	upsertCheckFirsts(t, c, ps, []firstCase{
		{"the cue before a thing of another type", "my skating helmet strap snapped", "helmet-"},
		{"the cue as what the shopper wants to do", "i want to try skating this summer", "board-"},
		{"the cue before a word that names no type", "skating gear for my son", "board-"},
	})
}

// TestSentenceFloor holds that the floor under a sentence's readings (plainReading,
// held by TestPlainReading) answers no sentence that its other readings rightly read
// as nothing: words of two types that meet in no product, and a sentence whose content
// words are half in no product, though the type it names, where it is, is sold.
func TestSentenceFloor(t *testing.T) {
	ps := numbered(roomProducts(), 5000, 6, "petbed", "Snoozewell Orthopedic Pet Bed %d", "Snoozewell", "Memory foam eases stiff joints of senior dogs.")
	ps = numbered(ps, 3000, 3, "dogthrow", "Loomcraft Dog Sofa Throw %d", "Loomcraft", "Keeps hair off the cushions.")
	upsertCheckFirsts(t, openCatalog(t), ps, []firstCase{
		{"words of two types that meet in no product", "grandma says the ceramic dogs limp after naps", ""},
		{"half its words in no product, naming the type where it is", "grandma says the senior dogs limp after naps on the bed", ""},
	})
}

// TestSentenceOwnedThing holds what a sentence finds that tells only of the shopper's
// own thing and that nothing else reads ("i sleep badly since my throw is thin"):
// another of it. Not when it asks for something done about an order, nor when the
// thing is no type of the catalog.
func TestSentenceOwnedThing(t *testing.T) {
	upsertCheckFirsts(t, openCatalog(t), roomProducts(), []firstCase{
		{"the shopper's own thing, worn", "i shiver at dusk because my throw is thin", "throw"},
		{"a request about an order", "i shiver at dusk because my throw was never delivered", ""},
		{"a thing the catalog has no type for", "i shiver at dusk because my parka is thin", ""},
	})
}

// TestSentenceOwnedKinds holds what a sentence finds that tells only of the shopper's
// own things by a category word of the vocabulary's kinds: lines ("our bedding"),
// which no title heads: the kinds under it that the catalog sells (sheets, duvets).
// Not when it asks for something done about an order, nor when the things are not
// the shopper's.
func TestSentenceOwnedKinds(t *testing.T) {
	ps := roomProducts()
	ps = numbered(ps, 3000, 4, "sheet", "Percale Bed Sheets, Queen %d", "Dreamwell", "Crisp cotton sheets with deep pockets.")
	ps = numbered(ps, 3100, 4, "duvet", "Down Alternative Duvet %d", "Dreamwell", "All-season duvet insert.")
	upsertCheckFirsts(t, openCatalog(t), ps, []firstCase{
		{"the shopper's own bedding, worn", "our bedding is scratchy and old", "sheet"},
		{"a request about an order", "our bedding was never delivered", ""},
		{"bedding that is not the shopper's", "the bedding at the cabin was scratchy", ""},
	})
}

// TestSentenceOwnedProblem holds what a sentence finds that tells of a problem with
// the shopper's own thing, where its reading found that thing: what the catalog makes
// for it first (cartridges whose titles name the kettles by their codes alone), not
// another of it; another of it when the sentence says it wants one ("old", "broke").
func TestSentenceOwnedProblem(t *testing.T) {
	ps := roomProducts()
	for i := range 4 {
		code := fmt.Sprintf("TK-%d40", i+1)
		ps = append(ps,
			catalog.Product{ID: fmt.Sprint("kettle-", i), SellerID: "hearth", Title: fmt.Sprintf("Teakin %s Electric Kettle, 1.7L, Stainless Steel", code),
				Brand: "Teakin", Description: "Boils water fast.", Price: usd(3999), Availability: catalog.InStock},
			catalog.Product{ID: fmt.Sprint("cartridge-", i), SellerID: "hearth", Title: fmt.Sprintf("Purewell Limescale Cartridge, fits %s, 2-Pack", code),
				Brand: "Purewell", Description: "Catches scale.", Price: usd(999), Availability: catalog.InStock})
	}
	c := openCatalog(t)
	upsertCheckFirsts(t, c, ps, []firstCase{
		{"a problem with the shopper's own thing", "my kettle leaves chalky water", "cartridge"},
		{"it wants another", "my old kettle leaves chalky water", "kettle"},
		{"it broke", "my kettle broke and leaks water", "kettle"},
	})
	t.Run("every page reads it alike", func(t *testing.T) {
		ctx := context.Background()
		q := catalog.Query{Text: "my kettle leaves chalky water", Limit: 3}
		var got []string
		for {
			res, err := c.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, hitIDs(res)...)
			if q.Cursor = res.NextCursor; q.Cursor == "" {
				break
			}
		}
		want := []string{"cartridge", "cartridge", "cartridge", "cartridge", "kettle", "kettle", "kettle", "kettle"}
		if len(got) != len(want) {
			t.Fatalf("pages found %q, want the 4 cartridges then the 4 kettles", got)
		}
		for i, id := range got {
			if !strings.HasPrefix(id, want[i]) {
				t.Fatalf("pages found %q, want the 4 cartridges then the 4 kettles", got)
			}
		}
	})
}
