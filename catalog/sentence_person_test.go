package catalog_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// playShop is a toy and craft shop whose titles say who a product is for and how old
// ("Fancy Dress for Boys and Girls, 5-6 Years", "Sticker Album for Adults and Kids"),
// one game named with a clause's word ("Who Am I?"), a family's dolls ("Doll
// Family"), beside bracelet kits, origami paper, kites and model kits; a thousand
// colouring sheets make it no small shop.
func playShop(t testing.TB) *catalog.Catalog {
	t.Helper()
	c := openCatalog(t)
	var ps []catalog.Product
	add := func(id, title, desc, cat string) {
		ps = append(ps, catalog.Product{ID: id, SellerID: "hearth", Title: title, Brand: "Playfield", Description: desc, Category: cat, Price: usd(1299)})
	}
	for i, age := range []string{"3-4 Years", "5-6 Years", "7-8 Years", "9-10 Years"} {
		add(fmt.Sprint("pirate", i), "Pirate Costume, Fancy Dress for Boys and Girls, "+age, "Hat, sash and eye patch.", "Dress Up > Costumes")
		add(fmt.Sprint("knight", i), "Knight Costume, Fancy Dress for Boys and Girls, "+age, "Tabard and helmet.", "Dress Up > Costumes")
	}
	for i, s := range []string{"Animals", "Vehicles", "Space"} {
		add(fmt.Sprint("album", i), "Sticker Album for Adults and Kids, "+s, "Holds 400 stickers.", "Stickers")
		add(fmt.Sprint("brace", i), "Friendship Bracelet Kit, "+s+" Charms", "Threads, beads and a loom.", "Crafts > Jewellery Kits")
		add(fmt.Sprint("origami", i), "Origami Paper Pack, "+s+" Patterns", "200 sheets to fold cranes and frogs.", "Crafts > Paper")
		add(fmt.Sprint("kite", i), "Diamond Kite, "+s, "Flies in light wind.", "Outdoor > Kites")
		add(fmt.Sprint("doll", i), "Dollhouse Doll Family, "+s, "Four dolls for the dollhouse.", "Dolls")
	}
	for i, s := range []string{"10 m", "20 m", "Battery, 5 m"} {
		add(fmt.Sprint("lights", i), "Warm White Fairy Lights, "+s, "For a bedroom or a den.", "Decor")
	}
	add("who0", "Who Am I? Guessing Game", "Ask questions to guess the face.", "Games")
	add("model0", "Spitfire Starter Model Kit with Paints", "A first plastic kit to glue and paint.", "Models > Kits")
	add("model1", "Tiger Tank Starter Model Kit", "Snap-fit, no glue.", "Models > Kits")
	add("model2", "Battleship Model Kit, 1:700", "For experienced modellers.", "Models > Kits")
	add("paint0", "Model Paint Set, 12 Pots", "Acrylic paints for plastic kits.", "Models > Paints")
	add("glue0", "Plastic Cement Glue", "Bonds plastic kits.", "Models > Tools")
	add("eng0", "Steam Engine Starter Set with Track", "An oval of track and a tender.", "Trains")
	add("trumpet0", "Student Trumpet in Bb", "Lacquered brass.", "Music > Brass")
	add("valve0", "Valve Oil for Trumpet and Tuba", "Frees sticking valves and keeps them smooth.", "Music > Care")
	add("slide0", "Slide Grease for Brass", "Smooth tuning slides.", "Music > Care")
	for i := range 1000 {
		add(fmt.Sprint("sheet", i), fmt.Sprintf("Colouring Sheet No. %d", i+1), "One printed outline.", "Crafts > Colouring")
	}
	if _, err := c.Upsert(context.Background(), fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSentencePersonWords: in a sentence, who a thing is for (a person, an age) and a
// clause's opening word say nothing of what it asks for, though titles have them: a
// sentence is not read as the sticker albums "for Adults and Kids" for "kids", the
// "Doll Family" for "family", or costumes "for Boys and Girls" for the shopper's
// "girls", nor a word right after an adverb or a subject, where a verb stands, as the
// type its titles name ("only lights up": no Fairy Lights); a story about people stays
// empty. The words of things of a sentence that has them still say what it asks for.
func TestSentencePersonWords(t *testing.T) {
	c := playShop(t)
	for _, tc := range []struct {
		name, q string
		first   string // the first product's title has it; "" wants nothing
		not     string // no product on the page has it in its title
	}{
		{"a person a type's titles say, in a story", "the kids are always bored at home", "", ""},
		{"a person that heads titles", "the whole family can play it after dinner", "", ""},
		{"an age and a person beside the thing's words", "my 7 year old girl wants to make bracelets with her friends", "Bracelet", "Costume"},
		{"a clause's word beside the thing's words", "something for my nephew who flies kites with his dad", "Kite", "Who Am I"},
		{"a clause's word, the request's only word titles have", "a present for my son who is scared of the dark at night", "", ""},
		{"the same word where a thing is named", "i want warm fairy lights for the den", "Fairy Lights", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(t.Context(), catalog.Query{Text: tc.q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if tc.first == "" {
				if len(res.Hits) != 0 {
					t.Fatalf("%q: %d products (first %q), want nothing; notes %q", tc.q, len(res.Hits), res.Hits[0].Title, res.Notes)
				}
				return
			}
			if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Title, tc.first) {
				t.Fatalf("%q: %d products, want %s first; notes %q", tc.q, len(res.Hits), tc.first, res.Notes)
			}
			for _, h := range res.Hits {
				if tc.not != "" && strings.Contains(h.Title, tc.not) {
					t.Errorf("%q: %q on the page; notes %q", tc.q, h.Title, res.Notes)
				}
			}
		})
	}
}

// TestSentenceObject: a request that names its object in two words or more that a
// title has ("a steam engine set", "looking for a friendship bracelet kit") is a
// search for that name, its short page going on as the name's own search's does; a
// name of one word, one that ends with a gift or a person, or a question about the
// world is read otherwise.
func TestSentenceObject(t *testing.T) {
	c := playShop(t)
	for _, tc := range []struct {
		name, q string
		first   string // the first product's title has it
		object  bool   // read as the request's object
		min     int    // products on the page at least
		not     string // no product on the page has it in its title ("" for none)
	}{
		{"a name after a want", "i need a model paint set for my grandad", "Model Paint Set", true, 3, ""},
		{"a name after looking for", "we are looking for a friendship bracelet kit for a sleepover", "Friendship Bracelet Kit", true, 3, "Battleship"},
		{"a name after a verb of finding", "can you find a steam engine set for a boy of six", "Steam Engine", true, 1, ""},
		{"a name of one word", "i want a kite for the beach", "Kite", false, 1, ""},
		{"a gift's name", "i need a birthday present for my grandad who paints models", "Paint", false, 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Search(t.Context(), catalog.Query{Text: tc.q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) < tc.min || !strings.Contains(res.Hits[0].Title, tc.first) {
				t.Fatalf("%q: %d products, want %s first and %d at least; notes %q", tc.q, len(res.Hits), tc.first, tc.min, res.Notes)
			}
			if got := slicesContainsPrefix(res.Notes, "Read as a request for"); got != tc.object {
				t.Errorf("%q: read as its object %v, want %v; notes %q", tc.q, got, tc.object, res.Notes)
			}
			for _, h := range res.Hits {
				if tc.not != "" && strings.Contains(h.Title, tc.not) {
					t.Errorf("%q: %q on the page; notes %q", tc.q, h.Title, res.Notes)
				}
			}
		})
	}
}

// TestSentenceProblem: a sentence that tells of a fault of a thing (it will not, keeps
// doing, is in a past state) and that every other reading answers with nothing is
// answered by the plain ranking of its words, as a want is; a fault told of the
// shopper or other people, and a story with no fault, stay empty.
func TestSentenceProblem(t *testing.T) {
	c := playShop(t)
	for _, tc := range []struct {
		name, q string
		first   string // the first product's title has it; "" wants nothing
	}{
		{"a thing that will not", "the tuning slide on my tuba wont move", "Slide Grease"},
		{"a thing that will not, split", "the tuning slide on my tuba doesn't move", "Slide Grease"},
		{"a thing in a past state", "the slide of my old tuba looks dry and scratched", "Slide Grease"},
		{"the shopper will not", "we cannot hear the trumpet from upstairs", ""},
		{"people in a past state", "the kids are always bored at home", ""},
		{"a story with no fault", "my dog ate my homework", ""},
		{"a past state, a story", "my tuba got dented on the bus", ""},
	} {
		t.Run(tc.name, func(t *testing.T) { checkReadingOrNothing(t, c, tc.q, tc.first, "Read as a problem to solve") })
	}
}

// TestSentenceRelaxedThings: a sentence that no product has half the words of is
// searched for some of its words of things, not for products whose titles have the
// words of who the thing is for ("Fancy Dress for Boys and Girls, 5-6 Years" for "a 5
// year old girl").
func TestSentenceRelaxedThings(t *testing.T) {
	c := playShop(t)
	res, err := c.Search(t.Context(), catalog.Query{Text: "a 5 year old girl who is starting to glue", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Title, "Glue") {
		t.Fatalf("%d products, want the glue first; notes %q", len(res.Hits), res.Notes)
	}
}

// BenchmarkSentencePersonWords times sentences the rules of this file read (people and
// ages that vote for nothing, a request's object, a fault, a relaxed reading of things,
// a story left empty) beside a one-word search of the same shop, paired in each run
// (benchOverFloor).
//
//	go test -tags sqlite_fts5 -run '^$' -bench SentencePersonWords -count 5 ./catalog
func BenchmarkSentencePersonWords(b *testing.B) {
	c := playShop(b)
	qs := []string{"my girls are 5 and 7",
		"the whole family can play it after dinner",
		"i need a model paint set for my grandad",
		"we are looking for a friendship bracelet kit for a sleepover",
		"the tuning slide on my tuba wont move",
		"a 5 year old girl who is starting to glue",
		"the torch only lights up when shaken"}
	benchOverFloor(b, c, qs, "kite")
}
