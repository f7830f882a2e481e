package catalog

import (
	"context"
	"slices"
)

// A sentence that names an accessory ("plug one cable into my laptop and get two
// screens and ethernet") lists that accessory's products first, before the types its
// words vote for (sentenceTypes). When the accessory's products share none of the
// sentence's other content words while the type voted for first has products with
// several of them (docking stations say cable, laptop and ethernet; the catalog's
// cables only cable), the sentence is about the voted type, and the accessory named
// is part of the story: it goes after the votes.

// minSupport is how many of a sentence's other content words (not the accessory's
// own name) a type's products must have between them for the sentence to be said to
// support that type over the accessory it names.
const minSupport = 2

// typeSupport returns, by type (title head), the content words of q (wordKeys) that
// two products of that type or more have, as the words' spreads over the catalog's
// types count them (learnedView.used, sampled in a large catalog): as typeScores
// counts them, one product's word says nothing of its type.
func (c *Catalog) typeSupport(ctx context.Context, s *search, q textQuery) (map[string][]string, error) {
	v := c.vocabulary()
	sup := map[string][]string{}
	var seen []string
	for _, w := range q.words {
		k := wordKey(w)
		if slices.Contains(seen, k) || !contentWord(w, s.learned, v) {
			continue
		}
		seen = append(seen, k)
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return nil, err
		}
		for _, h := range u.heads {
			if h.products >= 2 {
				sup[h.head] = append(sup[h.head], k)
			}
		}
	}
	return sup, nil
}

// supportedFirst returns first, the accessories sentence s names (sentenceTypes),
// less each one the sentence's other words do not support: its products have none of
// the sentence's content words but its own name, while the products of the type the
// votes rank first have at least minSupport of them besides it. Such an accessory
// goes after the votes. first is returned as it is otherwise, and when s is a list
// of words with no filler (a product's name: "insoles for hiking boots") or names the
// voted type itself (the accessory is for it): there the accessory is what is asked.
func (c *Catalog) supportedFirst(ctx context.Context, s *search, q textQuery, first []string, votes []typeVote) ([]string, error) {
	if len(first) == 0 || len(votes) == 0 || onlyArticlesDropped(s.words, s.rest) || saysHead(q, votes[0].head) {
		return first, nil
	}
	sup, err := c.typeSupport(ctx, s, q)
	if err != nil {
		return nil, err
	}
	others := func(head, name string) int {
		n := 0
		for _, k := range sup[head] {
			if k != name {
				n++
			}
		}
		return n
	}
	kept := first[:0:0]
	for _, h := range first {
		if others(h, h) > 0 || others(votes[0].head, h) < minSupport {
			kept = append(kept, h)
		}
	}
	return kept, nil
}
