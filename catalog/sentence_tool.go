package catalog

import (
	"context"
	"fmt"
	"slices"
)

// A request that opens with its verb ("measure the length of a room", "glue a
// wobbly chair leg back on") puts the verb where other readings expect no thing
// (wordAsThing: "set an alarm"). But a catalog often names a tool by what it does: a
// tape measure, wood glue, a clamp, a level. When the sentence's other words name
// nothing the catalog sells, the verb is all it says of what it wants, and the
// catalog's titles say whether that verb is also a thing's name there.

// openingTool returns the word that opens sentence s (past filler: "please glue …")
// when the catalog's titles name a thing by it: at least minTitleShare of the products
// whose titles have it are headed by it ("Tape Measure", "Laser Distance Measure",
// "Wood Glue"; not "Measuring Cup", where the word only says what the cup does), however
// few they are (a small shop may sell one glue). The word must be the one the sentence is searched
// for (a word of its text), no question, and no word before another noun ("car park": a verb comes before its object's article or the object
// itself, seldom before a noun of a compound — inCompound); and the sentence asks
// nothing of an order (serviceWords).
// Empty otherwise. object says "a" or "an" follows it: what the sentence names
// there is what the tool is used on ("glue a chair leg"), not a thing it asks for
// (askedThing).
func (c *Catalog) openingTool(ctx context.Context, s *search) (w string, object bool, err error) {
	v := c.vocabulary()
	i := 0
	for i < len(s.words) && v.filler[s.words[i]] {
		i++
	}
	if i == len(s.words) || len(s.text.words) == 0 || s.text.words[0] != s.words[i] {
		return "", false, nil
	}
	w = s.words[i]
	k := wordKey(w)
	if questionWords[w] || giftWords[w] || groupWords[w] || !contentWord(w, s.learned, v) || !typeLike(k) ||
		beforeNoun(s, v, i) || slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) {
		return "", false, nil
	}
	head, top, all, err := c.titleHeads(ctx, w, k)
	if err != nil || head != k || float64(top) < minTitleShare*float64(all) {
		return "", false, err
	}
	return w, i+1 < len(s.words) && (s.words[i+1] == "a" || s.words[i+1] == "an"), nil
}

// groupWords name how things are sold together, not a thing: a verb that is such a
// word ("set an alarm", "pack my suitcase") names no tool, whatever the catalog heads
// with it ("Knife Set", "Battery Pack"). (What the catalog says of such a head was
// tried first — its products' departments, whether the words before it name things
// sold on their own — and does not tell "Knife Set" from "Tape Measure": both name
// the thing sold.)
var groupWords = set("set", "sets", "kit", "kits", "pack", "packs", "bundle", "bundles", "collection", "assortment", "combo", "pair", "pairs", "lot", "lots")

// beforeNoun reports whether the i-th word of s stands before a noun it modifies
// (inCompound: "car park"), not before the article, determiner or number a
// verb's object opens with ("clamp these two boards").
func beforeNoun(s *search, v *Vocabulary, i int) bool {
	if i+1 < len(s.words) {
		n := s.words[i+1]
		if determiners[n] || possessives[n] || quantityWords[n] || n == "these" || n == "those" || isNumber(n) || numberWords[n] {
			return false
		}
	}
	return inCompound(s, v, i)
}

// sentenceTool searches sentence s, which its other readings found nothing for, for
// the thing its opening verb names in the catalog (openingTool), when none of its
// other words is in a product's title, brand or category: the rest of the sentence
// is what the tool is used on ("the length of a room"), not a thing the shopper
// asks for. ok is false otherwise, when the sentence asks for a thing the catalog
// does not sell other than the verb's object (asksUnsold), or when no product has
// the word.
func (c *Catalog) sentenceTool(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	w, object, err := c.openingTool(ctx, s)
	if err != nil || w == "" {
		return res, false, err
	}
	for i := 1; i < len(s.text.words); i++ {
		named, err := c.namedWord(ctx, s.text, i)
		if err != nil || named {
			return res, false, err
		}
	}
	if !object {
		if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
			return res, false, err
		}
	}
	return c.searchWordType(ctx, s, res, offset, 0, wordKey(w),
		fmt.Sprintf("Read as a sentence about %s: the request's verb %q names them in titles.", wordKey(w), w))
}
