package catalog_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// worldProducts are drugShop's extras for TestSentenceNothingSold: board games and
// frying pans, which the vocabulary's needs read "game night" and "egg" as, water
// bottles, and space and radiator heaters.
func worldProducts() []catalog.Product {
	p := drugProduct
	const games, pans, bottles, heat = "Toys > Board Games", "Kitchen > Cookware", "Sports > Water Bottles", "Home > Heating"
	return []catalog.Product{
		p("game-1", "Family Board Game", "A quick game for family game night.", games),
		p("game-2", "Cooperative Board Game", "Work together to win; for 2-4 players.", games),
		p("game-3", "Strategy Board Game", "Build, trade and win.", games),
		p("pan-1", "Nonstick Egg Frying Pan 8 Inch", "Fries eggs without sticking.", pans),
		p("pan-2", "Stainless Frying Pan 12 Inch", "Sears steak and fries eggs.", pans),
		p("pan-3", "Cast Iron Steak Skillet 10 Inch", "Sears steak, bakes cornbread.", pans),
		p("bottle-1", "Insulated Water Bottle 32 oz", "Keeps drinks cold for 24 hours.", bottles),
		p("bottle-2", "Glass Water Bottle 18 oz", "With a silicone sleeve.", bottles),
		p("bottle-3", "Kids Water Bottle with Straw", "Leak-proof lid.", bottles),
		p("heat-1", "Ceramic Space Heater 1500W", "Warms a bedroom or office fast.", heat),
		p("heat-2", "Oil Filled Radiator Heater", "Quiet, warm all night.", heat),
		p("heat-3", "Ceramic Tower Heater with Remote", "Oscillating, with a timer.", heat),
	}
}

// TestSentenceNothingSold: sentences whose words the catalog has only as a story or
// as other things find nothing, while the shopping sentences beside them keep their
// reading.
//   - A question for a person ("who …") or for how long to do a thing ("how long
//     should …", "how long to …") asks for nothing a product is (worldQuestion): no
//     need or type its story words would be read as; the words products have are the
//     suggestions.
//   - A request for "a bottle of" something no product has asks for that thing, not
//     the shop's bottles (askedOfUnsold).
func TestSentenceNothingSold(t *testing.T) {
	c := drugShop(t, worldProducts()...)
	games, pans := []string{"game-1", "game-2", "game-3"}, []string{"pan-1", "pan-2", "pan-3"}
	bottles, heaters, sunscreen := []string{"bottle-1", "bottle-2", "bottle-3"}, []string{"heat-1", "heat-2", "heat-3"}, []string{"sun-1", "sun-2", "sun-3"}
	for _, tc := range []struct {
		name, q string
		first   []string // the first product is one of these; none: nothing found
		suggest bool     // with nothing found, suggestions too
	}{
		{"who asks for a person", "who won the football game last night", nil, true},
		{"who makes asks for products", "who makes the best board game for family game night", games, false},
		{"how long should asks for a time", "how long should i boil an egg", nil, true},
		{"how long to asks for a time", "how long to cook a steak medium rare", nil, true},
		{"a question of what to use keeps its need", "what should i fry my eggs in", pans, false},
		{"a request keeps its need", "a fun board game for family game night", games, false},
		{"a bottle of a thing no product has", "a bottle of champagne for new years eve", nil, false},
		{"a bottle of a thing sold is still answered", "a bottle of sunscreen for the beach this summer", append(sunscreen, bottles...), false},
		{"a bottle alone", "a bottle for the gym that keeps water cold", bottles, false},
		{"a sold word before the type", "ceramic heater for tropical greenhouse", heaters, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := searchFirstOf(t, c, tc.q, tc.first)
			if tc.suggest && len(res.Suggestions) == 0 {
				t.Errorf("%q: no suggestions (notes %q)", tc.q, res.Notes)
			}
		})
	}
}

// BenchmarkSentenceWorldQuestion times sentences on drugShop with worldProducts, each
// paired with a one-word search ("spray") in the same loop: nonsense now answered
// with nothing (worldQuestion, askedOfUnsold) and shopping sentences read by a need.
func BenchmarkSentenceWorldQuestion(b *testing.B) {
	c := stockedCatalog(b, append(drugProducts(), worldProducts()...))
	b.Run("nonsense", func(b *testing.B) {
		benchOverFloor(b, c, []string{
			"who won the football game last night",
			"how long should i boil an egg",
			"a bottle of champagne for new years eve",
		}, "spray")
	})
	b.Run("shopping", func(b *testing.B) {
		benchOverFloor(b, c, []string{
			"what should i fry my eggs in",
			"a fun board game for family game night",
		}, "spray")
	})
}
