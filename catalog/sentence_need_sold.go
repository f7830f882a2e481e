package catalog

import (
	"context"
	"fmt"
	"strings"
)

// needUnsupported reports whether need nd, read in sentence s from its cues alone, is
// one the catalog gives no evidence for while it names its own products by the
// shopper's word: a cue of it that the sentence says (as typed) is in the titles of
// at least the catalog's meet of products, none of them of the need's things (titles
// headed by a term's last word) — the shop sells "Beard Oil", not the "beard trimmer"
// the vocabulary reads "grow a beard" as —, and no product with a need's thing in its
// title has any word of the sentence in any field (no razor says "ingrown", "neck" or
// "shaving"). Such a need is world knowledge the shop does not bear out: the sentence
// falls to the readings of its own words, as BM25 reads them. A need whose things say
// a word of the sentence ("keep my groceries cold": a cooler "keeps drinks cold"), or
// whose cue names no products of the shop's own, stands.
func (c *Catalog) needUnsupported(ctx context.Context, s *search, nd need) (bool, error) {
	heads := map[string]bool{}
	for _, t := range nd.terms {
		f := strings.Fields(t)
		heads[wordKey(f[len(f)-1])] = true
	}
	names := false
	for _, w := range s.text.words {
		if strings.Contains(w, " ") {
			continue
		}
		k := wordKey(w)
		cue := false
		for _, cu := range nd.cues {
			cue = cue || cueMatches(cu, k)
		}
		if !cue {
			continue
		}
		var b strings.Builder
		b.WriteString("{title} : ")
		quoteTerm(&b, w)
		rows, err := c.query(ctx, `SELECT r.head, count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
			CROSS JOIN product_rank r ON r.rowid = m.rowid GROUP BY r.head`, b.String(), maxUseRows)
		if err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		total, theirs := 0, false
		for rows.Next() {
			var h string
			var n int
			if err := rows.Scan(&h, &n); err != nil {
				rows.Close()
				return false, fmt.Errorf("search: %w", err)
			}
			total += n
			theirs = theirs || heads[wordKey(h)]
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		if theirs {
			return false, nil
		}
		names = names || total >= s.learned.meet()
	}
	if !names {
		return false, nil
	}
	// The need's first thing, what it names first, is not sold.
	first, err := c.expand(ctx, s.learned, nd.terms[:1], false)
	if err != nil {
		return false, err
	}
	if len(first.words) > 0 {
		var t strings.Builder
		t.WriteString("{title} : (")
		for i := range first.words {
			if i > 0 {
				t.WriteString(" AND ")
			}
			first.term(&t, i)
		}
		t.WriteByte(')')
		if sold, err := c.titlesSay(ctx, t.String()); err != nil || sold {
			return false, err
		}
	}
	var b strings.Builder
	b.WriteString("({title} : (")
	quoteAny(&b, nd.terms)
	b.WriteString(")) AND (")
	quoteAny(&b, s.text.words)
	b.WriteByte(')')
	said, err := c.anyMatch(ctx, b.String())
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return !said, nil
}

// soldAny reports whether some product's title names one of terms (a need's things),
// by the term or one of the names the catalog knows it by (expand).
func (c *Catalog) soldAny(ctx context.Context, s *search, terms []string) (bool, error) {
	for _, t := range terms {
		q, err := c.expand(ctx, s.learned, []string{t}, false)
		if err != nil || len(q.words) == 0 {
			return false, err
		}
		var b strings.Builder
		b.WriteString("{title} : (")
		for i := range q.words {
			if i > 0 {
				b.WriteString(" AND ")
			}
			q.term(&b, i)
		}
		b.WriteByte(')')
		if sold, err := c.titlesSay(ctx, b.String()); err != nil || sold {
			return sold, err
		}
	}
	return false, nil
}

// namesTerm reports whether sentence s says one of terms, every word of it ("my hair
// straightener is frying my hair"): the shopper's own thing, which products that
// mention it are for, sold or not.
func namesTerm(s *search, terms []string) bool {
	keys := map[string]bool{}
	for _, w := range s.words {
		keys[wordKey(w)] = true
	}
	for _, t := range terms {
		all := true
		for _, f := range strings.Fields(t) {
			all = all && keys[wordKey(f)]
		}
		if all {
			return true
		}
	}
	return false
}
