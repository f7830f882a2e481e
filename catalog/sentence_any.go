package catalog

import (
	"context"
	"fmt"
)

// A sentence that asks for something and that every reading answers with nothing may
// still hold, beside a story the catalog has no words for, a word its products have:
// a line or a character they are named after ("she wants everything mermaid"), a game
// ("we love catan and want more of it"), a hobby. The readings that need two content
// words to meet, a type the words vote for, or half the words to be the catalog's find
// nothing, and an empty answer is the worst outcome where plain ranking of the words
// finds the products. A sentence that asks for nothing is a story ("my dog ate my
// homework"), and one of its words that the catalog happens to have says nothing of
// what the shopper wants: it stays empty.

// askThingWords ask for a thing without naming it ("something to fly on the beach",
// "somewhere to keep my tools").
var askThingWords = set("thing", "things", "stuff", "somewhere", "something")

// sentenceAsks answers sentence s, which every reading answered with nothing, by the
// plain ranking of its content words that products have (any of them), with a note,
// when s asks for something (wantWords, giftWords, askThingWords) and one of those
// words, no participle (doneForm), is in a product's title, brand or category
// (namedWord: a word only descriptions have says nothing of what is wanted). ok is false otherwise, for a
// question about the world, a request about an order (serviceWords) or one for a thing
// the catalog does not sell (unsoldAsked), or when nothing passes the query's filters.
func (c *Catalog) sentenceAsks(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if s.intent == nil || len(s.words) == 0 || questionWords[s.words[0]] {
		return res, false, nil
	}
	asks := false
	for _, w := range s.words {
		if serviceWords[w] {
			return res, false, nil
		}
		asks = asks || wantWords[w] || giftWords[w] || askThingWords[w]
	}
	if !asks {
		return res, false, nil
	}
	if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
		return res, false, err
	}
	v := c.vocabulary()
	keep := make([]bool, len(s.text.words))
	n, named := 0, false
	for i, w := range s.text.words {
		if !contentWord(w, s.learned, v) {
			continue
		}
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return res, false, err
		}
		if u.matched == 0 {
			continue
		}
		keep[i] = true
		n++
		if !named && !doneForm(w) {
			// A participle is no name ("the soil needs bedding in"; see wordAsThing).
			if named, err = c.namedWord(ctx, s.text, i); err != nil {
				return res, false, err
			}
		}
	}
	if n == 0 || !named {
		return res, false, nil
	}
	alt := *s
	alt.text = s.text.only(keep)
	alt.text.atLeast = 0
	in := *s.intent
	in.heads, in.order, in.forTarget, in.catWords = nil, nil, nil, nil
	alt.intent = &in
	out := res
	out.Words, out.Relaxed = alt.text.String(), true
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a request: the products that have some of the words %s.", quoteList(alt.text.words)))
	if err := alt.run(ctx, &out, offset, true); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}
