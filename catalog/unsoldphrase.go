package catalog

import (
	"context"
	"fmt"
	"strings"
)

// unsoldPhrase reports whether query s, which no product has every word of, is one
// phrase of the vocabulary (a term of two words or more, the whole query) that names a
// thing the catalog does not sell: no product has any of its group's terms, in any
// field. The vocabulary says the words name one thing ("rubber bands", "photo paper",
// "tea bags"), and the catalog has none of its names, nor its words in one product:
// what shares one of its words ("Sport Bands" for a watch, "Paper Shredder") is
// another thing, and the type vote on the words would read it as that thing. phrase
// is the query's words, as the note quotes them. Not for a sentence, a brand or a
// code.
func (c *Catalog) unsoldPhrase(ctx context.Context, s *search) (bool, string, error) {
	if s.sentence || s.intent == nil || len(s.intent.brands) > 0 || len(s.intent.codeHits) > 0 {
		return false, "", nil
	}
	var words []string
	for _, w := range s.text.words {
		words = append(words, strings.Fields(w)...)
	}
	v := c.vocabulary()
	if len(words) < 2 || len(words) > v.maxWords {
		return false, "", nil
	}
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	group, ok := v.synonyms(keys, 0, len(keys))
	if !ok {
		return false, "", nil
	}
	phrase := strings.Join(words, " ")
	var alts []string
	for _, t := range group {
		if t != strings.Join(keys, " ") {
			alts = append(alts, t)
		}
	}
	if sold, err := c.indexHasAny(ctx, phrase, alts); err != nil || sold {
		return false, "", err
	}
	apart := textQuery{words: words, alts: make([][]string, len(words))}
	if has, err := c.hasAll(ctx, apart, ""); err != nil || has {
		return false, "", err
	}
	return true, phrase, nil
}

// unsoldPhraseResult is the result of a phrase of the vocabulary that names a thing
// the catalog does not sell (unsoldPhrase): nothing, with the words products have as
// suggestions, and a note that says the thing is not sold.
func (c *Catalog) unsoldPhraseResult(ctx context.Context, res Result, q textQuery, phrase string) (Result, error) {
	known := make([]bool, len(q.words))
	for i := range q.words {
		var err error
		if known[i], err = c.namedWord(ctx, q, i); err != nil {
			return res, err
		}
	}
	res, err := c.nothing(ctx, res, q, known, nil)
	if err != nil {
		return res, err
	}
	note := fmt.Sprintf("The catalog sells no %q.", phrase)
	if len(res.Notes) > 0 && len(q.words) >= 2 {
		res.Notes[len(res.Notes)-1] = note // in place of nothingNote's
	} else {
		res.Notes = append(res.Notes, note)
	}
	return res, nil
}
