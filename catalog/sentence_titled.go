package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// A sentence every reading answered with nothing is still about a product when two of
// its content words are in one product's title: a title is a few words naming what
// the product is, so two of a sentence's words meeting there say the sentence is
// about that kind of product ("sticky hardwood floors after the kids party": "Hardwood
// Floor Cleaner"), however its other words tell the shopper's story. One word in a
// title says nothing of the kind: it is just what nonsense shares with a catalog
// ("a collar for my cat"), so that stays nothing. Such a sentence is answered as
// plain ranking reads it: the products with any of its content words, ranked by
// BM25 over titles and descriptions, no type preferred; a note says so.

// titleMeetWords is how many distinct content words of a sentence one title must have.
const titleMeetWords = 2

// titleMeet reports whether one of the plainTop best products of the plain ranking
// of the content words of sentence s that products have (at most plainWords, the
// rarest) has titleMeetWords of them in its title, and which words were ranked. It is
// false for a question about the world ("how tall is …") and for fewer than
// titleMeetWords such words.
func (c *Catalog) titleMeet(ctx context.Context, s *search) (keep []bool, ok bool, err error) {
	if len(s.words) > 0 && questionWords[s.words[0]] {
		return nil, false, nil
	}
	v := c.vocabulary()
	var known []sentenceWord
	for i, w := range s.text.words {
		if !contentWord(w, s.learned, v) {
			continue
		}
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return nil, false, err
		}
		if u.matched > 0 {
			known = append(known, sentenceWord{i, u.matched})
		}
	}
	if len(known) < titleMeetWords {
		return nil, false, nil
	}
	known = rarest(known, plainWords)
	keep = make([]bool, len(s.text.words))
	var b strings.Builder
	b.WriteString("{title description} : (")
	for j, k := range known {
		keep[k.i] = true
		if j > 0 {
			b.WriteString(" OR ")
		}
		quoteTerm(&b, s.text.words[k.i])
	}
	b.WriteByte(')')
	var q strings.Builder
	q.WriteString(`SELECT m.rowid FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?
		ORDER BY bm25(products_fts, 1.0, 0.0, 0.0, 0.0, 1.0) LIMIT ?) m WHERE (`)
	args := []any{b.String(), plainTop}
	// A product's title has a word when the word matches its title column.
	for j, k := range known {
		if j > 0 {
			q.WriteString(" + ")
		}
		var t strings.Builder
		t.WriteString("title : ")
		quoteTerm(&t, s.text.words[k.i])
		q.WriteString(`EXISTS (SELECT 1 FROM products_fts t WHERE t.products_fts MATCH ? AND t.rowid = m.rowid)`)
		args = append(args, t.String())
	}
	fmt.Fprintf(&q, ") >= %d LIMIT 1", titleMeetWords)
	var id int64
	switch err := c.queryRow(ctx, q.String(), args...).Scan(&id); {
	case err == nil:
		return keep, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	default:
		return nil, false, fmt.Errorf("search: %w", err)
	}
}

// sentenceTitled answers sentence s, which every reading answered with nothing, with
// the plain ranking of its content words when two of them meet in a title
// (titleMeet). ok is false otherwise, or when nothing passes the query's filters.
func (c *Catalog) sentenceTitled(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	keep, ok, err := c.titleMeet(ctx, s)
	if err != nil || !ok {
		return res, false, err
	}
	alt := *s
	alt.text = s.text.only(keep)
	alt.text.alts = nil
	alt.text.atLeast = 1
	if s.intent != nil {
		in := *s.intent
		in.heads, in.order, in.forTarget = map[string]bool{}, nil, nil
		alt.intent = &in
	}
	out := res
	out.Words, out.Relaxed = alt.text.String(), true
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a sentence: two of the words %s name products in their titles; these are the products with any of them.", quoteList(alt.text.words)))
	if err := alt.run(ctx, &out, offset, true); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}
