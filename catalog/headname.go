package catalog

import (
	"context"
	"slices"
	"strings"
)

// headInName returns, for a first page of the products with every word, the products
// whose title, brand, category or tags have the query's head word, when they are some
// of them and fewer than a page: those with the head only in their description are not
// what was asked ("electric guitar gig bag": an acoustic-electric guitar "with gig bag"
// is no gig bag), so the page is short and goes on with the head's other products (the
// other gig bags; see shortPage) in their place. ok is false when the page stays as it
// is: a later page, a sentence, a query of one word, a head no product is named by (a
// type of the catalog), or no product with every word that lacks the head in its name.
func (c *Catalog) headInName(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if offset > 0 || s.sentence || s.intent == nil || s.intent.codeNamed || res.TotalEstimated || len(s.text.words) < 2 || s.text.inName > 0 {
		return res, false, nil
	}
	head := queryHead(s.rest)
	i := -1
	for j, w := range s.text.words {
		if f := strings.Fields(w); wordKey(f[len(f)-1]) == head {
			i = j
		}
	}
	if head == "" || i < 0 || !s.learned.isType(head) || !slices.ContainsFunc(res.Hits, func(h Hit) bool { return !namesWord(h.Product, head) }) {
		return res, false, nil // (every product on the page names it: so would the search)
	}
	named := *s
	named.text.inName = i + 1
	out := Result{Notes: res.Notes, Applied: res.Applied, Order: res.Order, Words: res.Words}
	if err := named.run(ctx, &out, offset, false); err != nil {
		return res, false, err
	}
	if out.Total == 0 || out.Total >= res.Total || out.Total >= s.q.Limit {
		return res, false, nil
	}
	return out, true, nil
}

// namesWord reports whether p's title, brand, category or tags have a word whose key
// is k.
func namesWord(p Product, k string) bool {
	for _, f := range append([]string{p.Title, p.Brand, p.Category}, p.Tags...) {
		if slices.ContainsFunc(splitWords(f), func(w string) bool { return wordKey(w) == k }) {
			return true
		}
	}
	return false
}
