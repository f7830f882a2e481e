package catalog

import (
	"context"
	"fmt"
	"slices"
)

// A sentence every reading answers with nothing may still name, in passing, whose
// products it is about: a brand the catalog sells ("my son is obsessed with lego and
// turns 9 next month", "she has all the schleich ones"). The brand is one name beside
// a story the catalog has no words for, so the readings that need two content words
// to meet, or half the words to be the catalog's, find nothing; plain ranking finds
// the brand's products. A brand named whole (brandFolds.namedBy: every word of its
// name, "faber castell", not "castell") is a name, not a story word the catalog
// happens to have; a word of titles that is no brand is not taken for one here
// ("translate hello into french" names no "French Press").

// sentenceNamed answers sentence s, which every reading answered with nothing, by the
// plain ranking of its content words over titles, brands and categories (any of
// them), when it names a brand of the catalog whole, with a note. ok is false
// otherwise, when s is a question about the world, asks something of an order
// (serviceWords) or asks for a thing the catalog does not sell (unsoldAsked), or when
// nothing passes the query's filters.
func (c *Catalog) sentenceNamed(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if s.intent == nil || len(s.intent.brands) == 0 {
		return res, false, nil
	}
	if ok, err := c.namesInPassing(ctx, s); err != nil || !ok {
		return res, false, err
	}
	v := c.vocabulary()
	keep := make([]bool, len(s.text.words))
	for i, w := range s.text.words {
		keep[i] = contentWord(w, s.learned, v)
	}
	text := s.text.only(keep)
	if len(text.words) == 0 {
		return res, false, nil
	}
	text.named = true
	return s.plainReading(ctx, res, offset, text, "Read as a sentence that names a brand")
}

// namesInPassing reports whether sentence s, which every reading answered with
// nothing, may be read by a name it says in passing: it is no question about the
// world, asks nothing of an order (serviceWords), and asks for no thing the catalog
// does not sell (unsoldAsked: "a plumber to fix the leaking shower" is what it asks
// for, whatever brand or name it says).
func (c *Catalog) namesInPassing(ctx context.Context, s *search) (bool, error) {
	if s.intent == nil || len(s.words) == 0 || questionWords[s.words[0]] || slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) {
		return false, nil
	}
	unsold, _, err := c.unsoldAsked(ctx, s)
	return !unsold, err
}

// plainReading answers s, in place of res, by the plain ranking of text's words
// (any of them, ranked as full-text search ranks them; no type, order, target or
// category read from the query), its note saying so after how ("Read as a
// request"). ok is false, and res kept, when nothing passes the query's filters.
func (s *search) plainReading(ctx context.Context, res Result, offset int, text textQuery, how string) (Result, bool, error) {
	alt := *s
	alt.text = text
	alt.text.atLeast = 0
	in := *s.intent
	in.heads, in.order, in.forTarget, in.catWords = nil, nil, nil, nil
	alt.intent = &in
	out := res
	out.Words, out.Relaxed = alt.text.String(), true
	what := "the products that have some of the words "
	if text.named {
		what = "the products whose titles or brands have some of the words "
	}
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)], fmt.Sprintf("%s: %s%s.", how, what, quoteList(alt.text.words)))
	if err := alt.run(ctx, &out, offset, true); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}
