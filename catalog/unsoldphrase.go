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
	if met, err := c.wordsMeetInType(ctx, words); err != nil || met {
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

// wordsMeetInType reports whether some type of product (a title's head) has each of
// words in one of its products, in any field (at most maxUseRows products read a
// word): the words say one kind of thing, though no one product has them all, and
// that thing may be what was meant by another name.
func (c *Catalog) wordsMeetInType(ctx context.Context, words []string) (bool, error) {
	var shared map[string]bool
	for _, w := range words {
		var b strings.Builder
		quoteTerm(&b, w)
		rows, err := c.query(ctx, `SELECT DISTINCT r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
			CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head != ''`, b.String(), maxUseRows)
		if err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		mine, any := map[string]bool{}, false
		for rows.Next() {
			any = true
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return false, fmt.Errorf("search: %w", err)
			}
			if shared == nil || shared[h] {
				mine[h] = true
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		if !any {
			return true, nil // a word no product has: spelling and the relaxed reading know more of it
		}
		if shared = mine; len(shared) == 0 {
			return false, nil
		}
	}
	return true, nil
}
