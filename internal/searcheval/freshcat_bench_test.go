package searcheval

import (
	"context"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// freshPaths are fresh dev queries grouped by the path of Search they take (read
// from their notes in a -dump): "corrected", a misspelled word corrected, whose intent is
// read again (correctedIntent: "a corrected word ranks as typed"); "headtype", no
// product has every word, so the head word's type is looked up before the types
// the words vote for (headType: "head word's type first").
var freshPaths = []struct {
	name    string
	queries []string
}{
	{"corrected", []string{"labtop", "moniter", "shreder", "humidifer", "blendr", "toster", "kettel", "printr"}},
	{"headtype", []string{"toner for inkora printer", "hdmi cable 6ft", "robot vacuum side brushes", "sd card", "litter bx"}},
	// freshcat-dev2 and freshcat queries of the paths the srchgen lane added: "madefor",
	// a type and a word no product has, read as what is made for the type (madeFor);
	// "weakrest", one known word left that heads no title (weakRest, now unsoldHead); "alias", a type
	// word with other names learned from the catalog (typeAliases, cached per indexed
	// version, so this is their warm cost).
	{"madefor", []string{"printer refill", "watch wristband", "blender jug", "stapler refill"}},
	{"weakrest", []string{"wine glasses", "prescription sunglasses", "lawn mower blades", "tennis racket"}},
	{"alias", []string{"laptop", "laptop under 500 dollars", "smartwatch", "litter box"}},
	// Paths of the nonsent lane: "unsoldhead", a short query's head read against the
	// titles (unsoldHead, modifierTitles); "needcheck", a sentence's need checked
	// against its other words (uncontradicted).
	{"unsoldhead", []string{"window blinds", "phone case", "computer virus removal", "coffee grinder", "computer display", "air fyer"}},
	{"needcheck", []string{"i left my laptop power brick at the hotel", "smooth pens for journaling in colour", "my office is freezing in the mornings", "i want to boil water for tea quickly"}},
	// Paths of the dev4 lane: "forbrand", the types voted for without a brand named
	// after "for" (withoutForBrand); "vocabword", a name of the vocabulary that no
	// product has, next to words products have.
	{"forbrand", []string{"laptop power cord for halden tech", "laptop charger for halden tech", "power cord for halden tech"}},
	{"vocabword", []string{"cordless headset", "headset ear covers", "screen bracket clamp"}},
	// Paths of the nonsense8 lane: "pair", two-word queries (or one phrase of the
	// vocabulary) that products have every word of, read against the catalog's titles
	// and heads when ranking did not find the head's type first (unsoldPair): three
	// it empties, three it keeps.
	{"pair", []string{"watch battery", "office desk", "paper clips", "wireless earbuds", "office chair", "laptop sleeve"}},
	// Paths of the learnvoc lane: "compound", a compound head after another word
	// (modifierType) and one after its own modifier; "namedafter", a word no product
	// has after a type's word (madeFor with namedAfter).
	{"compound", []string{"stapler machine", "mist maker", "shredding machine", "coffee machine"}},
	{"namedafter", []string{"shredder sacks", "shredder lube", "printer refill", "stapler refill"}},
	// Paths of the nothing1 lane: "described", two-word queries unsoldPair would
	// empty, read against what the head's things are named after or made for
	// (describesFor; two kept, three still empty), and a head made for the type the
	// word before it stands for (madeForNamed, modifierType).
	{"described", []string{"vesa stand", "drip filters", "high chair", "tea bags", "watch battery", "printing cartridges"}},
	// Paths of the fresh8 lane: "otherkind", two words whose head the catalog sells as
	// one kind (otherKind, kindOfHead), a word spelling turned into another word read
	// as typed (unsoldAsTyped), and "X for Y" whose Xs are one kind made for another
	// thing (forOtherKind, kindBefore, saidAfterFor): five it empties, two it keeps.
	{"otherkind", []string{"bath mat", "laptop stand", "litter picker", "charger for an electric car", "food for my goldfish", "oilless fryer", "earbuds for the gym"}},
	// Paths of the fresh9 lane: "otherkinds", two words whose head the catalog sells
	// as a few kinds each named after a type ("Laptop Bag", "Shredder Bags"), or as one
	// kind once the titles that say it after their names or of another thing are left
	// out (kindOfHead, headUses): four it empties, two it keeps (kinds not named after
	// types).
	{"otherkinds", []string{"duffel bag", "baking pan", "dashboard charger", "messenger bag", "halogen heater", "cafe maker"}},
	// Paths of the fresh11 lane: "othernames", words with other names in the
	// vocabulary: a group whose other names no product has counts as none (otherKind,
	// unsoldHead via otherNamesSold), and a phrase's other name counts only where it
	// heads a product (unsoldPair): three it empties, three it keeps.
	{"othernames", []string{"tablet stand", "dishwsher tablets", "dog treats", "robot hoover", "notebook charger", "dog chew toy"}},
	// Paths of the fresh12 lane: "unsoldphrase", a query that is one phrase of the
	// vocabulary none of whose group's names the catalog has (unsoldPhrase, before
	// spelling): four it empties; two it leaves (a word no product has, a typo).
	{"unsoldphrase", []string{"rubber bands", "photo paper", "tea bags", "puppy pads", "ironing board", "litter bx"}},
	// Paths of the fresh13 lane: "unsoldnamed", a vocabulary phrase with a word no
	// product has that names the thing (unknownNamesThing) and corrections that are no
	// slip read as typed: four it empties; two it leaves (a participle, a slip).
	{"unsoldnamed", []string{"waffle maker", "ground coffee", "kitten food", "microwve oven", "whistling kettle", "laptop stnad"}},
	// Paths of the fresh15 lane: "fornotmade", "X for Y" where the Xs are made for
	// other things and none says Y (forNotMade): four it empties; two it leaves (Xs
	// that say Y, a Y that names no thing).
	{"fornotmade", []string{"wick for space heater", "a stand for the christmas tree", "a spare battery for my electric toothbrush", "a remote for my garage door", "wick for humidifier", "earbuds for the gym"}},
}

// BenchmarkFreshPaths times Search on the fresh catalog over the queries of each
// path in freshPaths and, as the floor, plain BM25, query by query in turn (as
// BenchmarkSearchEval does). Run against another build, the difference of a path
// is the cost of what that build does on it.
//
//	go test -tags sqlite_fts5 -run '^$' -bench FreshPaths -count 5 ./internal/searcheval
func BenchmarkFreshPaths(b *testing.B) {
	e := loadFreshEnv(b)
	ctx := context.Background()
	for _, p := range freshPaths {
		b.Run(p.name, func(b *testing.B) {
			var search, bm time.Duration
			for b.Loop() {
				for _, q := range p.queries {
					t0 := time.Now()
					if _, err := e.cat.Search(ctx, catalog.Query{Text: q, Limit: K, EveryVariant: true}); err != nil {
						b.Fatal(err)
					}
					t1 := time.Now()
					if _, err := e.bm25Search(ctx, q); err != nil {
						b.Fatal(err)
					}
					search, bm = search+t1.Sub(t0), bm+time.Since(t1)
				}
			}
			n := float64(b.N * len(p.queries))
			b.ReportMetric(float64(search.Nanoseconds())/n, "search-ns/query")
			b.ReportMetric(float64(bm.Nanoseconds())/n, "bm25-ns/query")
			b.ReportMetric(float64(search)/float64(bm), "search/bm25")
		})
	}
}
