package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Things for a model named after "for". "cassette for kickr core" names a product the
// shop sells ("Wahoo KICKR Core Smart Turbo Trainer") by its model, and no cassette
// says the model: the cassettes made for that product are those made for its type
// ("Shimano 105 Cassette for Direct Drive Trainers"), and the other things made for
// the model ("Sweat Cover for Wahoo KICKR", "KICKR Riser Ring") are what a shopper
// who owns it looks at next, before the head's products made for nothing in
// particular. Without this reading the words were relaxed: the trainer itself, then
// every other cassette.

// modelType returns, for a query "X for Y" (not a sentence), the type of the products
// Y names by their titles — the words after "for" as a phrase in a title, one of them
// no type of the catalog (a model: "kickr" of "kickr core"), every product with the
// phrase headed by that one type ("trainer") — when it is not the type X names
// (head). "" otherwise.
func (c *Catalog) modelType(ctx context.Context, s *search, head string) (string, []string, error) {
	at := slices.Index(s.rest, "for")
	if s.sentence || s.learned == nil || head == "" || at < 1 || at == len(s.rest)-1 {
		return "", nil, nil
	}
	var model []string
	named := false
	for _, w := range s.rest[at+1:] {
		if stopwords[w] || possessives[w] || determiners[w] {
			continue
		}
		model = append(model, w)
		named = named || !s.learned.isType(wordKey(w))
	}
	if len(model) == 0 || !named {
		return "", nil, nil
	}
	t, top, all, err := c.titleHeads(ctx, strings.Join(model, " "), "")
	if err != nil || t == "" || top != all || t == head || slices.ContainsFunc(model, func(w string) bool { return wordKey(w) == t }) {
		return "", nil, err
	}
	return t, model, nil
}

// modelFor reads "X for Y" where Y names a model of another type (modelType): the Xs
// that say that type ("cassette" and "trainer"), then the products with Y's words in
// their names or categories (what else is made for the model, and the model), then
// the head's other products. ok is false when no X says the type. The result is the
// page (Total counts what it shows), with a note saying what it was read as.
func (c *Catalog) modelFor(ctx context.Context, s *search, res Result, offset int, head string) (Result, bool, error) {
	if offset > 0 || s.q.sortGiven {
		return res, false, nil
	}
	h := headIndex(s)
	if h < 0 {
		return res, false, nil
	}
	t, model, err := c.modelType(ctx, s, head)
	if err != nil || t == "" {
		return res, false, err
	}
	x := s.text.words[h]
	out := res
	out.Hits = nil
	if err := s.fillWith(ctx, &out, textQuery{words: []string{x, t}}, false); err != nil || len(out.Hits) == 0 {
		return res, false, err
	}
	n := len(out.Hits)
	// The model itself, then the products of its line (its first word: "kickr"), then
	// the head's other products.
	for _, q := range []struct {
		words []string
		any   bool
	}{{model, false}, {model[:1], true}, {[]string{x}, true}} {
		if len(out.Hits) >= s.q.Limit {
			break
		}
		if err := s.fillWith(ctx, &out, textQuery{words: q.words, named: true}, q.any); err != nil {
			return res, false, err
		}
	}
	out.Total = len(out.Hits)
	out.NextCursor = ""
	if out.Facets, err = c.hitFacets(ctx, out.Hits); err != nil {
		return res, false, err
	}
	out.Words = x + " " + t
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a search for %s made for a %s, which %q names; after the first %d come the products named %q, then other %s products.", x, t, strings.Join(model, " "), n, model[0], x))
	return out, true, nil
}
