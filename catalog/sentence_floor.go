package catalog

import (
	"context"
	"fmt"
	"strings"
)

// A floor under the sentence readings: a shopper's sentence that no need names, whose
// words stand for no type strongly enough and that no product has every word of is
// searched as the catalog's own plain ranking of its words reads it, when that
// reading is confident, before its words are searched by less (sentenceWords, then
// one word of it or nothing). Plain ranking is what BM25 over titles and
// descriptions does with the sentence's content words; it is confident when its best
// products are mostly of one type that the sentence does not name itself, and several
// of them have two of the words or more (the words meet in those products, so they
// are about them: "my old dog has stiff joints and needs a comfy place to sleep").

// Bounds of plainReading.
const (
	// plainTop is how many of the best products of the plain ranking are read.
	plainTop = 10
	// plainWords bounds the content words ranked: the rarest in the catalog.
	plainWords = 6
)

// plainRead is what the plain ranking of a sentence's content words says: the type
// (title head) most of its best products are of, and the words they have.
type plainRead struct {
	head string
	keep []bool // the sentence's words (s.text.words) that were ranked
	// support counts the best products of head that have two of the words or more.
	support int
}

// plainReading ranks the content words of sentence s that products have (at most
// plainWords of them, the rarest; as sentenceContent, none of a question about the
// world, nor of a sentence whose content words are half or more in no product) by
// BM25 over titles and descriptions, as plain text search would, and reports
// whether that ranking is confident: at least
// minTitleShare of its plainTop best products are of one type, no word of the
// sentence names that type (saysHead: a thing the sentence names is one its own
// readings place, as the shopper's or where something is), and at least minMeet of
// those products have two of the words or more. ok is false otherwise, or with fewer
// than two such words.
func (c *Catalog) plainReading(ctx context.Context, s *search) (plainRead, bool, error) {
	if len(s.words) > 0 && questionWords[s.words[0]] {
		return plainRead{}, false, nil
	}
	v := c.vocabulary()
	var known []sentenceWord
	content := 0
	for i, w := range s.text.words {
		if !contentWord(w, s.learned, v) {
			continue
		}
		content++
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return plainRead{}, false, err
		}
		if u.matched > 0 {
			known = append(known, sentenceWord{i, u.matched})
		}
	}
	if len(known) < 2 || 2*len(known) <= content {
		return plainRead{}, false, nil
	}
	known = rarest(known, plainWords)
	r := plainRead{keep: make([]bool, len(s.text.words))}
	var b strings.Builder
	b.WriteString("{title description} : (")
	for j, k := range known {
		r.keep[k.i] = true
		if j > 0 {
			b.WriteString(" OR ")
		}
		quoteTerm(&b, s.text.words[k.i])
	}
	b.WriteByte(')')
	rows, err := c.query(ctx, `SELECT m.rowid, r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?
		ORDER BY bm25(products_fts, 1.0, 0.0, 0.0, 0.0, 1.0) LIMIT ?) m CROSS JOIN product_rank r ON r.rowid = m.rowid`, b.String(), plainTop)
	if err != nil {
		return plainRead{}, false, fmt.Errorf("search: %w", err)
	}
	var ids []int64
	var heads []string
	count := map[string]int{}
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return plainRead{}, false, fmt.Errorf("search: %w", err)
		}
		ids, heads = append(ids, id), append(heads, h)
		if typeLike(h) {
			count[h]++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return plainRead{}, false, fmt.Errorf("search: %w", err)
	}
	for h, n := range count {
		if n > count[r.head] || n == count[r.head] && h < r.head {
			r.head = h
		}
	}
	if r.head == "" || float64(count[r.head]) < minTitleShare*float64(len(ids)) || saysHead(s.text, r.head) {
		return plainRead{}, false, nil
	}
	// How many of the ranked words each of the type's best products has.
	has := make([]int, len(ids))
	for _, k := range known {
		var q strings.Builder
		q.WriteString("{title description} : ")
		quoteTerm(&q, s.text.words[k.i])
		for j, id := range ids {
			if heads[j] != r.head {
				continue
			}
			var n int
			if err := c.queryRow(ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ? AND rowid = ?`, q.String(), id).Scan(&n); err != nil {
				return plainRead{}, false, fmt.Errorf("search: %w", err)
			}
			if n > 0 {
				has[j]++
			}
		}
	}
	for _, n := range has {
		if n >= 2 {
			r.support++
		}
	}
	return r, r.support >= minMeet, nil
}

// saysHead reports whether a word of q, or of a phrase of it, is head: the sentence
// names that thing itself, and its readings already weigh where it stands (the
// shopper's own, where something is, what something is for).
func saysHead(q textQuery, head string) bool {
	for _, w := range q.words {
		for _, f := range strings.Fields(w) {
			if wordKey(f) == head {
				return true
			}
		}
	}
	return false
}

// rarest returns at most n of words, those fewest products have, in the sentence's order.
func rarest(words []sentenceWord, n int) []sentenceWord {
	for len(words) > n {
		most := 0
		for j, w := range words {
			if w.matched > words[most].matched {
				most = j
			}
		}
		words = append(words[:most:most], words[most+1:]...)
	}
	return words
}

// searchPlain searches for what plain ranking r of sentence s reads: the products
// with two of its words or more, those of r's type first. ok is false when none
// passes the query's filters.
func (c *Catalog) searchPlain(ctx context.Context, s *search, res Result, offset int, r plainRead) (Result, bool, error) {
	alt := *s
	alt.text = s.text.only(r.keep)
	alt.text.alts = nil
	alt.text.atLeast = 2
	if s.intent != nil {
		in := *s.intent
		in.heads, in.order, in.forTarget = map[string]bool{r.head: true}, map[string]int{r.head: 0}, nil
		alt.intent = &in
	}
	out := res
	out.Words, out.Relaxed = alt.text.String(), true
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a sentence about %s: the products that have at least two of the words %s.", r.head, quoteList(alt.text.words)))
	if err := alt.run(ctx, &out, offset, len(alt.text.words) > 2); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// sentenceFloor searches sentence s as its plain ranking reads it (plainReading),
// when that reading is confident. ok is false otherwise, or when nothing passes the
// query's filters.
func (c *Catalog) sentenceFloor(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	r, ok, err := c.plainReading(ctx, s)
	if err != nil || !ok {
		return res, false, err
	}
	return c.searchPlain(ctx, s, res, offset, r)
}
