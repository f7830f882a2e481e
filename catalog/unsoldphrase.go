package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// unsoldPhrase reports whether query s, which no product has every word of, is one
// phrase of the vocabulary (a term of two words or more, the whole query) that names a
// thing the catalog does not sell: no product has any of its group's terms, in any
// field. The vocabulary says the words name one thing ("rubber bands", "photo paper",
// "tea bags"), and the catalog has none of its names, nor its words in one product:
// what shares one of its words ("Sport Bands" for a watch, "Paper Shredder") is
// another thing, and the type vote on the words would read it as that thing. phrase
// is the query's words, as the note quotes them.
//
// Not for a sentence, a brand or a code; nor when a word of it is in no product
// (spelling may correct it, or the relaxed reading drop it and find the thing by its
// other word), or when its words meet in the products of one type (wordsMeetInType:
// that type may be the thing by another name).
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
	var have []string
	for _, w := range words {
		_, any, err := c.wordHeads(ctx, w)
		if err != nil {
			return false, "", err
		}
		if any {
			have = append(have, w)
		} else {
			if named, err := c.unknownNamesThing(ctx, s, words, w); err != nil || !named {
				return false, "", err
			}
		}
	}
	if met, err := c.wordsMeetInType(ctx, have); err != nil || met {
		return false, "", err
	}
	return true, phrase, nil
}

// unknownNamesThing reports whether w, a word of vocabulary phrase words that no
// product has in any field, says which thing the phrase names rather than what it is
// like, so that the phrase, none of whose names the catalog has, is a thing it does not
// sell though it sells things of the phrase's other words: "waffle maker" where the
// makers are coffee and label makers, "ground coffee" where "coffee" is only coffee
// makers'. Not when w is the last word (a head no product has is spelling's and
// madeFor's: "printer refill"), nor when the last word is an accessory word, made for
// what the other words name; nor when w reads as a quality (qualityLike: "oilless
// fryer"), as typed at random (wordShaped), or as a participle ("whistling kettle",
// "running shoes": a kettle or shoes of another kind are what was meant) unless the
// last word heads no title, when the products with it are other things ("ironing
// board" where the boards are board games).
func (c *Catalog) unknownNamesThing(ctx context.Context, s *search, words []string, w string) (bool, error) {
	last := words[len(words)-1]
	if w == last || c.vocabulary().isAccessory(last) || !wordShaped(w) || qualityLike(w) {
		return false, nil
	}
	if doneForm(w) {
		heads, err := c.headsOwn(ctx, last)
		return !heads, err
	}
	return true, nil
}

// headsOwn reports whether term heads the title, or ends the last step of the
// category, of a product that has it there: the products with it are of that type
// ("Kettle", "Apparel > Shoes"), not things said with it ("Board Game").
func (c *Catalog) headsOwn(ctx context.Context, term string) (bool, error) {
	return c.headsOf(ctx, term, true)
}

// unsoldPhraseResult is the result of a phrase of the vocabulary that names a thing
// the catalog does not sell (unsoldPhrase): nothing, with the words products have as
// suggestions, and a note that says the thing is not sold.
func (c *Catalog) unsoldPhraseResult(ctx context.Context, s *search, res Result, phrase string) (Result, error) {
	q := s.text
	known := make([]bool, len(q.words))
	for i := range q.words {
		var err error
		if known[i], err = c.namedWord(ctx, q, i); err != nil {
			return res, err
		}
	}
	// With a word no product names, a head sold as one kind says which ("door mat":
	// the chair mats).
	if slices.Contains(known, false) {
		if kind, err := c.otherKind(ctx, s, known, nil); err != nil || kind != "" {
			return c.otherKindResult(res, q, kind), err
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

// wordsMeetInType reports whether some type of product (a title's head) has each of
// words in one of its products, in any field (at most maxUseRows products read a
// word): the words say one kind of thing, though no one product has them all, and
// that thing may be what was meant by another name.
func (c *Catalog) wordsMeetInType(ctx context.Context, words []string) (bool, error) {
	if len(words) < 2 {
		return false, nil
	}
	var shared map[string]bool
	for _, w := range words {
		heads, _, err := c.wordHeads(ctx, w)
		if err != nil {
			return false, err
		}
		if len(heads) == 0 {
			return true, nil // a word no product has: spelling and the relaxed reading know more of it
		}
		mine := map[string]bool{}
		for h := range heads {
			if shared == nil || shared[h] {
				mine[h] = true
			}
		}
		if shared = mine; len(shared) == 0 {
			return false, nil
		}
	}
	return true, nil
}

// wordHeads returns the heads of the titles of the products that have w in any field
// (at most maxUseRows products read), and whether any product has it; a product whose
// title has no head counts for any but adds none.
func (c *Catalog) wordHeads(ctx context.Context, w string) (map[string]bool, bool, error) {
	var b strings.Builder
	quoteTerm(&b, w)
	rows, err := c.query(ctx, `SELECT DISTINCT r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid`, b.String(), maxUseRows)
	if err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	heads, any := map[string]bool{}, false
	for rows.Next() {
		any = true
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, false, fmt.Errorf("search: %w", err)
		}
		if h != "" {
			heads[h] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("search: %w", err)
	}
	return heads, any, nil
}
