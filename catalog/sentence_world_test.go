package catalog_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// worldProducts are drugShop's extras for TestSentenceWorldQuestion: board games and
// frying pans, which the vocabulary's needs read "game night" and "egg" as.
func worldProducts() []catalog.Product {
	p := drugProduct
	const games, pans = "Toys > Board Games", "Kitchen > Cookware"
	return []catalog.Product{
		p("game-1", "Family Board Game", "A quick game for family game night.", games),
		p("game-2", "Cooperative Board Game", "Work together to win; for 2-4 players.", games),
		p("game-3", "Strategy Board Game", "Build, trade and win.", games),
		p("pan-1", "Nonstick Egg Frying Pan 8 Inch", "Fries eggs without sticking.", pans),
		p("pan-2", "Stainless Frying Pan 12 Inch", "Sears steak and fries eggs.", pans),
		p("pan-3", "Cast Iron Steak Skillet 10 Inch", "Sears steak, bakes cornbread.", pans),
	}
}

// TestSentenceWorldQuestion: a sentence that asks for a person ("who …") or for how
// long to do a thing ("how long should …", "how long to …") asks for nothing a product
// is: it finds nothing, with the words products have as suggestions, whatever need or
// type its story words would be read as. A question about a thing keeps its reading.
func TestSentenceWorldQuestion(t *testing.T) {
	c := drugShop(t, worldProducts()...)
	games, pans := []string{"game-1", "game-2", "game-3"}, []string{"pan-1", "pan-2", "pan-3"}
	for _, tc := range []struct {
		name, q string
		first   []string // the first product is one of these; none: nothing found
	}{
		{"who asks for a person", "who won the football game last night", nil},
		{"how long should asks for a time", "how long should i boil an egg", nil},
		{"how long to asks for a time", "how long to cook a steak medium rare", nil},
		{"a question of what to use keeps its need", "what should i fry my eggs in", pans},
		{"a request keeps its need", "a fun board game for family game night", games},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := searchFirstOf(t, c, tc.q, tc.first)
			if len(tc.first) == 0 && len(res.Suggestions) == 0 {
				t.Errorf("%q: no suggestions (notes %q)", tc.q, res.Notes)
			}
		})
	}
}
