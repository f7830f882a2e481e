package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
		if !s.learned.isType(k) || !typeLike(k) || slices.Contains(out, k) || !owned(s, v, i) || inCompound(s, v, i) || namesNoThing(w, v) {
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
	v := c.vocabulary()
	things := ownedThings(s, v)
	if len(things) == 0 {
		var err error
		if things, err = c.ownedTitleWords(ctx, s, v); err != nil {
			return res, false, err
		}
	}
	if len(things) == 0 {
		things = ownedKinds(s, v)
	}
	if len(things) == 0 {
		return res, false, nil
	}
	if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
		return res, false, err
	}
	return c.thingsWithWords(ctx, s, res, offset, things)
}

// ownedKinds returns the kinds of the category word of the vocabulary's kinds: lines
// that sentence s names as the shopper's own ("our bedding is scratchy and old":
// sheet, duvet, pillowcase, …), when it names no type of the catalog otherwise nor
// asks for something done about an order: a word no title heads, which says what the
// shopper has in the words the catalog files it under.
func ownedKinds(s *search, v *Vocabulary) []string {
	if slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) || len(thingsNamed(s, v)) > 0 {
		return nil
	}
	for i, w := range s.words {
		if kinds := v.kinds[wordKey(w)]; len(kinds) > 0 && owned(s, v, i) {
			return kinds
		}
	}
	return nil
}

// ownedTitleWords returns the words sentence s names only as the shopper's own (see
// ownedThings; sentenceOwned asks when no learned type is so named), no participle
// ("my nephew loves constructing"), whose titles name one type: at least
// minTitleShare of the titles with the word, and at least the catalog's meet of them,
// are of one type ("my knives are dull", where knives are sold as "Steak Knives
// Set", headed by the set). Nil when the sentence names a type of the catalog
// otherwise too, or asks for something done about an order.
func (c *Catalog) ownedTitleWords(ctx context.Context, s *search, v *Vocabulary) ([]string, error) {
	if slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) || len(thingsNamed(s, v)) > 0 {
		return nil, nil
	}
	var out []string
	for i, w := range s.words {
		if slices.Contains(out, w) || !owned(s, v, i) || inCompound(s, v, i) || doneForm(w) || !contentWord(w, s.learned, v) || !slices.Contains(s.text.words, w) ||
			namesNoThing(w, v) { // "my girls" are people, not things of theirs
			continue
		}
		head, top, all, err := c.titleHeads(ctx, w, "")
		if err != nil {
			return nil, err
		}
		if head != "" && top >= s.learned.meet() && float64(top) >= minTitleShare*float64(all) {
			out = append(out, w)
		}
	}
	return out, nil
}

// newWords say that a sentence about the shopper's own thing wants another of it ("my
// old kettle", "replace my kettle", "my kettle broke", "my shoes are worn through"),
// not what is made for it.
var newWords = set("old", "new", "newer", "upgrade", "upgrading", "replace", "replacing", "another", "second", "spare", "better",
	"broke", "broken", "died", "dead", "smashed", "lost", "stolen", "worn")

// ownedProblem returns the type the sentence s tells of as the shopper's own (owned:
// "my shredder bin is overflowing"), the last such word, when it says nothing of
// wanting another (newWords), of an order (serviceWords) or of a gift (giftWords: "a
// present for my husband who hates nicks from his razor" is a new razor); "" otherwise.
func ownedProblem(s *search, v *Vocabulary) string {
	if slices.ContainsFunc(s.words, func(w string) bool { return newWords[w] || serviceWords[w] || giftWords[w] }) {
		return ""
	}
	x := ""
	for i, w := range s.words {
		if k := wordKey(w); s.learned.isType(k) && typeLike(k) && owned(s, v, i) {
			x = k
		}
	}
	return x
}

// ownedFirst reorders found, what sentence s found at offset, when s tells of a problem
// with the shopper's own thing (ownedProblem) and its first product is one of that
// thing: the shopper has one, and what the catalog makes for it (madeForOrAfter: bags
// for a shredder, cartridges for a printer) comes first, then the thing itself. No
// problem word is read: any sentence with the shopper's own thing whose reading found
// that thing, and that wants no other (ownedProblem), is so read. Whether the first product is one is read at offset 0, so that every
// page of a search reads it alike.
func (c *Catalog) ownedFirst(ctx context.Context, s *search, res, found Result, offset int) (Result, error) {
	x := ownedProblem(s, c.vocabulary())
	if x == "" {
		return found, nil
	}
	first := found
	if offset > 0 {
		var err error
		if first, err = c.searchUnderstood(ctx, s, res, 0); err != nil {
			return Result{}, err
		}
	}
	if len(first.Hits) == 0 {
		return found, nil
	}
	var head string
	if err := c.queryRow(ctx, `SELECT coalesce((SELECT r.head FROM product_rank r WHERE r.rowid = p.rowid), '')
		FROM products p WHERE p.id = ?`, first.Hits[0].ID).Scan(&head); err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	if head != x {
		return found, nil
	}
	heads, err := c.madeForOrAfter(ctx, s.learned, x, x)
	if err != nil || len(heads) == 0 {
		return found, err
	}
	// A made-for thing the sentence names comes first ("my label printer ran out of
	// tape"). Another type named in the words of the shopper's own thing leaves it as
	// found: the thing may be a part of that type ("my headphone cushions are
	// cracked": cushions, not what is made for cushions), or that type what it wants
	// ("my cats litter box stinks": litter, sold too).
	v := c.vocabulary()
	var named []string
	for i, w := range s.words {
		k := wordKey(w)
		if k == x || !s.learned.isType(k) || !typeLike(k) {
			continue
		}
		if owned(s, v, i) {
			return found, nil
		}
		if slices.Contains(heads, k) && !slices.Contains(named, k) {
			named = append(named, k)
		}
	}
	heads = append(named, slices.DeleteFunc(heads, func(h string) bool { return slices.Contains(named, h) })...)
	out, err := s.madeForFirst(ctx, res, offset, heads, nil, x, x,
		fmt.Sprintf("Read as a sentence about the shopper's own %s: what is made for one (%s) first, then the %s.", x, strings.Join(heads, ", "), x))
	if err != nil || out.Total == 0 {
		return found, err
	}
	return out, nil
}
