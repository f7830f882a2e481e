package catalog

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestNamedNotSentence holds which queries of four or five words are read as a
// sentence (understood.sentence): one with two filler words dropped, or with a word
// no product's title has, stays one; one whose every word is a word of the shop's
// titles, with at most one filler word dropped, names products as titles do, though
// no product has every word, in a small catalog (under smallCatalog products) only.
func TestNamedNotSentence(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	var ps []Product
	add := func(id, title, desc string) {
		ps = append(ps, Product{ID: id, SellerID: "s", Title: title, Description: desc, Price: money.Money{Amount: 2999, Currency: "USD"}})
	}
	add("post", "Treko Spare Carbon Seatpost, 27.2 mm", "Saves weight; squeaks less than alloy.")
	add("bike", "Treko Domane AL 2 Road Bike, 56 cm", "Ready to ride.")
	add("saddle", "Selle Replacement Saddle, Racing", "Ready to ride.")
	add("tube", "Conti Inner Tube 26 inch, Schrader Valve", "Holds air for weeks.")
	add("bottle", "Lezyno Insulated Water Bottle, 24 oz", "Keeps drinks cold on long rides.")
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		sentence   bool
	}{
		{"four title words", "treko replacement carbon seatpost", false},
		{"X for Y in five title words", "inner tube for road bike", false},
		{"four title words with one filler word", "a spare road bike seatpost", false},
		{"a word only descriptions have", "saddle squeaks on long rides", true},
		{"a word no product has", "carbon seatpost keeps slipping down", true},
		{"two filler words dropped", "i need a water bottle please", true},
		{"six title words", "treko carbon spare saddle valve seatpost", true},
		{"three words are never a sentence by length", "carbon road bike", false},
	} {
		t.Run(tc.name, func(t *testing.T) { readAsSentence(t, c, tc.text, tc.sentence) })
	}
	t.Run("four title words of a catalog of smallCatalog products", func(t *testing.T) {
		readAsSentence(t, poolCatalogOf(t, smallCatalog), "brass camping lantern lamp", true)
	})
}

func readAsSentence(t *testing.T, c *Catalog, text string, want bool) {
	t.Helper()
	q := Query{Text: text}
	s, _, done, err := c.understandQuery(context.Background(), q, q.fingerprint())
	if err != nil || done {
		t.Fatalf("%q: %v, done %v", text, err, done)
	}
	if s.sentence != want {
		t.Errorf("%q read as a sentence: %v, want %v", text, s.sentence, want)
	}
}
