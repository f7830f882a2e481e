package catalog

import (
	"context"
	"fmt"
)

// topUp fills a short first page: when fewer products than the page holds have
// every word of a query of two words or more ("microsd card 128gb", "laptop sleeve
// 15.6"), the page goes on with more products that have the query's head word (its
// thing: "card", "sleeve"), ranked by the same reading of the query, after those
// with every word. A shopper who asks for a size, a wattage or a feature few titles
// spell out as typed still sees the other products of the thing asked for, as a
// clerk would show them, rather than a page of six. Not for a sentence, a query
// that names a product by code, a page past the first or another order than
// relevance (there is no reading of the query then). Total counts what the page
// shows; the facets and next page stay those of the products with every word.
func (s *search) topUp(ctx context.Context, res *Result, offset int) error {
	if offset > 0 || s.sentence || s.intent == nil || len(s.intent.codeHits) > 0 ||
		res.Total == 0 || res.Total >= s.q.Limit || len(s.text.words) < 2 {
		return nil
	}
	head := queryHead(s.rest)
	if !typeLike(head) {
		return nil
	}
	keep := make([]bool, len(s.text.words))
	found := false
	for i, w := range s.text.words {
		if wordKey(w) == head {
			keep[i], found = true, true
		}
	}
	if !found {
		return nil
	}
	alt := *s
	alt.text = s.text.only(keep)
	var more Result
	if err := alt.run(ctx, &more, 0, false); err != nil {
		return err
	}
	seen := make(map[string]bool, len(res.Hits))
	for _, h := range res.Hits {
		seen[h.ID] = true
	}
	added := 0
	for _, h := range more.Hits {
		if len(res.Hits) >= s.q.Limit {
			break
		}
		if !seen[h.ID] {
			res.Hits = append(res.Hits, h)
			added++
		}
	}
	if added > 0 {
		lead := fmt.Sprintf("Only %d products have every word; after them", res.Total)
		if res.Total == 1 {
			lead = "Only 1 product has every word; after it"
		}
		res.Notes = append(res.Notes, fmt.Sprintf("%s, more with the word %q.", lead, alt.text.String()))
		res.Total += added
	}
	return nil
}
