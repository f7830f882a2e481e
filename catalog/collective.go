package catalog

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// collectiveRest answers a query whose last word names a group of things by what
// they are for (a "collective:" word of the vocabulary: "gear", "supplies", "tools")
// by a search of its other words, as understood from the query's text less that
// word, with a note. Search asks it when no product has every word ("knitting gear":
// the kinds of product that most often have the words would be those the shop labels
// "sleeping gear") and when the query found nothing as typed ("water gear" where the
// head reads as a thing not sold; "bushcraft tools" where the knives say "bushcraft"
// and a multi-tool says "tool", other things). The other words must find products as
// typed or spelling-corrected, not by some of them (a relaxed reading): a group of
// things the catalog does not sell ("skydiving gear") is answered as before. ok is
// false when the query is no such query or its other words find nothing. The page
// keeps the query's fingerprint, so its cursor pages on the same reading. Read at
// most once per search (a search that found nothing asks again). Not for a sentence,
// a query naming a brand or a code, or one word alone.
func (c *Catalog) collectiveRest(ctx context.Context, s *search, offset int) (Result, bool, error) {
	if s.collectiveRead || s.sentence || s.intent == nil || len(s.intent.brands) > 0 || len(s.intent.codeHits) > 0 ||
		len(s.rest) < 2 || len(s.text.words) < 2 {
		return Result{}, false, nil
	}
	s.collectiveRead = true
	head := s.rest[len(s.rest)-1]
	if !c.vocabulary().isCollective(head) || s.text.words[len(s.text.words)-1] != head || headIndex(s) != len(s.text.words)-1 {
		// (Nor a group word after "for": "batteries for cordless tools" asks for
		// batteries.)
		return Result{}, false, nil
	}
	text, ok := withoutLastWord(s.asked.Text, head)
	if !ok {
		return Result{}, false, nil
	}
	q := s.asked
	q.Text = text
	s2, res, done, err := c.understandQuery(ctx, q, s.fp)
	if err != nil || done || s2.sentence || len(s2.text.words) == 0 {
		return Result{}, false, err
	}
	got, err := c.searchUnderstood(ctx, s2, res, offset)
	if err != nil || got.Relaxed || got.Total == 0 && len(got.Hits) == 0 {
		return Result{}, false, err
	}
	got.Notes = append(got.Notes[:len(got.Notes):len(got.Notes)],
		fmt.Sprintf("%q read as a group of things, not one: these are the products with %s.", head, quoteAll(s2.text.words)))
	return got, true, nil
}

// withoutLastWord returns text less its last occurrence of the word w, compared
// case-insensitively as a whole word; ok is false when text does not have it.
func withoutLastWord(text, w string) (string, bool) {
	re, err := regexp.Compile(`(?i)(^|[^\pL\pN])` + regexp.QuoteMeta(w) + `($|[^\pL\pN])`)
	if err != nil {
		return text, false
	}
	locs := re.FindAllStringSubmatchIndex(text, -1)
	if len(locs) == 0 {
		return text, false
	}
	l := locs[len(locs)-1]
	// Keep the separators around the word (l[3] ends the one before, l[4] starts the
	// one after): "water gear, please" → "water , please".
	return strings.TrimSpace(text[:l[3]] + " " + text[l[4]:]), true
}

// quoteAll quotes each word and joins them with commas and "and".
func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	if n := len(q); n > 1 {
		return strings.Join(q[:n-1], ", ") + " and " + q[n-1]
	}
	return strings.Join(q, "")
}
