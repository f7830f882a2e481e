package catalog

import (
	"context"
	"strings"
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
	how := "Read as a request"
	if !asks && complains(s) {
		asks, how = true, "Read as a problem to solve"
	}
	if !asks {
		return res, false, nil
	}
	if how != "Read as a problem to solve" {
		// (A fault's "a" names no thing asked for: "wont hold a charge".)
		if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
			return res, false, err
		}
	}
	v := c.vocabulary()
	keep := make([]bool, len(s.text.words))
	n, named := 0, false
	for i, w := range s.text.words {
		if !contentWord(w, s.learned, v) || clauseWords[w] {
			continue // ("who" ranks "Guess Who?" first)
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
	return s.plainReading(ctx, res, offset, s.text.only(keep), how)
}

// sentenceTail goes on, after a sentence's page shorter than the limit (whatever reading
// found it: "is there a game like jenga for the garden" finds the one giant garden Jenga,
// "somewhere to hang my guitar on the wall" one wall hanger), with the products that have
// any of its content words the catalog has, as plain ranking of its words would show them
// next (the other garden and party games; the other hangers and the guitars), in Search's
// ranking and with the query's filters, of the department every categorised product on the
// page is filed in (see anyWordTail). What came first is kept as it was: this only fills
// the room a short page leaves, where a plain ranking would show more, so a sentence is
// never shown fewer of the products its words find than plain ranking shows. The result is
// the page (Total counts what it shows), with a note saying where the tail starts. Not for
// a sorted query, a page with a cursor or an empty one (a sentence read as nothing stays
// so), a page across departments, a page of three or more that a need or the types the
// words stand for found, or one with fewer than three of its words the catalog has
// (needRead: the sentence's words are its story there, "my office gets so cold in winter"
// wants no dog coat after the heaters), a list of words with no filler word (read as a
// sentence for its length alone), a brand named (its products are the page, as in
// anyWordTail), or a page whose titles have every word (titlesName: "i'm looking for trail
// running shoes please" names the product, and it is the page).
func (c *Catalog) sentenceTail(ctx context.Context, s *search, res Result, offset int) (Result, error) {
	n := len(res.Hits)
	if offset > 0 || n == 0 || n >= s.q.Limit || res.NextCursor != "" || res.TotalEstimated || s.q.sortGiven ||
		s.needRead && n >= minMeet || len(s.rest) == len(s.words) || len(s.intent.brands) > 0 || titlesName(s.text, res.Hits) {
		return res, nil
	}
	v := c.vocabulary()
	keep := make([]bool, len(s.text.words))
	k := 0
	for i, w := range s.text.words {
		if strings.Contains(w, " ") || !contentWord(w, s.learned, v) {
			continue
		}
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return res, err
		}
		if u.matched > 0 {
			keep[i] = true
			k++
		}
	}
	if k == 0 || s.needRead && k < 3 {
		return res, nil
	}
	fill, ok, err := c.departmentFill(ctx, s, res.Hits)
	if err != nil || !ok {
		return res, err
	}
	q := s.text.only(keep)
	q.alts = nil
	q.atLeast = 1
	return c.withTail(ctx, &fill, res, q, "some of the words "+quoteList(q.words))
}
