package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// heldOtherwise searches s for the accessory it names by a word no product's title
// has: "d lock holder for bike frame" where the shop calls its lock holders brackets
// and mounts ("Oxford D-Lock Bracket", "Abus USH 540 Mount for Granit X-Plus 540").
// The head is the last word before "for" (or the last word), an accessory word of the
// vocabulary that no title has; the words before it, which titles have, name the
// thing it is for. The products named with those words whose titles are headed by
// another accessory word are what was asked, and come first, then the thing itself;
// what follows "for" is where the shopper puts it, which no title says. ok is false
// when the query names a brand or a code, the head is in some title, or no product
// named with the thing is headed by an accessory word.
func (c *Catalog) heldOtherwise(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if s.intent == nil || len(s.intent.brands) > 0 || len(s.intent.codeHits) > 0 || offset > 0 {
		return res, false, nil
	}
	j := len(s.rest) - 1
	if i := slices.IndexFunc(s.rest, func(w string) bool { return madeForWord[w] }); i > 0 {
		j = i - 1
	}
	if j < 1 {
		return res, false, nil
	}
	v := c.vocabulary()
	head := wordKey(s.rest[j])
	if !v.isAccessory(head) {
		return res, false, nil
	}
	k := slices.IndexFunc(s.text.words, func(w string) bool { return wordKey(w) == head })
	if k < 1 {
		return res, false, nil
	}
	// No title has the head or another name of it ("tape refill for label printer":
	// the label tapes are its refills).
	named := textQuery{words: []string{s.text.words[k]}, alts: [][]string{altsOf(s.text, k)}}
	if titled, err := c.hasAll(ctx, named, "{title} : "); err != nil || titled {
		return res, false, err
	}
	keep := make([]bool, len(s.text.words))
	for i := range k {
		keep[i] = true
	}
	thing := s.text.only(keep)
	if titled, err := c.hasAll(ctx, thing, "{title} : "); err != nil || !titled {
		return res, false, err
	}
	var own []string
	for _, t := range append([]string{s.text.words[k-1]}, altsOf(s.text, k-1)...) {
		f := strings.Fields(t)
		own = append(own, wordKey(f[len(f)-1]))
	}
	all, err := c.titledHeads(ctx, thing, own)
	if err != nil {
		return res, false, err
	}
	heads := slices.DeleteFunc(all, func(h string) bool { return h == head || !v.isAccessory(h) })
	if len(heads) == 0 {
		return res, false, nil
	}
	return s.heldBy(ctx, res, offset, thing, heads,
		fmt.Sprintf("No product is called %q; these are the products named with %q, what holds or goes with it first.", s.rest[j], thing.String()))
}
