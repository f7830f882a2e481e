package catalog

import (
	"context"
	"slices"
)

// A sentence about the shopper's own thing ("i toss and turn because my pillow is
// flat") that nothing else reads.

// ownedThings returns the types of the catalog that sentence s names only as the
// shopper's own (owned: "my pillow", "our bedding"), in order: words that head
// products' titles. Nil when the sentence names a type of the catalog otherwise too,
// or asks for something done about an order (serviceWords).
func ownedThings(s *search, v *Vocabulary) []string {
	if slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) || len(thingsNamed(s, v)) > 0 {
		return nil
	}
	var out []string
	for i, w := range s.words {
		k := wordKey(w)
		if !s.learned.isType(k) || !typeLike(k) || slices.Contains(out, k) || !owned(s, v, i) || inCompound(s, v, i) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// sentenceOwned searches sentence s, which its other readings found nothing for, for
// the thing it names as the shopper's own (ownedThings): a sentence that tells of
// one's own thing and nothing else the catalog sells ("my pillow is flat", "our bedding
// is scratchy and old") wants another of it, or what goes with it — those of its
// products that have another of the sentence's words first (thingsWithWords). ok is
// false when it names none, when it asks for a thing the catalog does not sell, or
// when no product is one.
func (c *Catalog) sentenceOwned(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	things := ownedThings(s, c.vocabulary())
	if len(things) == 0 {
		return res, false, nil
	}
	if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
		return res, false, err
	}
	return c.thingsWithWords(ctx, s, res, offset, things)
}
