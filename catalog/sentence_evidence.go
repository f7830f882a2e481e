package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
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

// minEvidenceShare is the share of the products with a sentence's word that must be
// filed in one category for the word to say what the sentence is about
// (evidenceType).
const minEvidenceShare = 0.75

// minEvidenceCover is the share of that category's products (by its word, as the
// index has it) that must have the word: descWordType's share of a type.
const minEvidenceCover = minDescCover

// evidenceType is a sentence's last reading, when every other found nothing: a content
// word of it (as typed, no correction) that no title, brand or category has (the
// readings of title words have had their say) and that at least the catalog's meet of
// products have in their descriptions (minMeet even in a small shop: two sketch pads
// "ideal for university art courses" are no kind "university" says), fewer than maxUseRows, at least
// minEvidenceShare of them filed in one category (product_rank's category: the last
// word of its last segment), and at least minEvidenceCover of that category's products —
// the shop files what the word is said of together: "mosquitoes" of its insect
// repellents, whatever their titles' heads ("Spray", "Lotion"), "sweats" of its
// deodorants. It is the evidence BM25 ranks by, read only where the catalog agrees on
// one kind of product. With several such words, the one most of one category wins,
// then the rarer. The products with the word come back, the heads of that category's
// products first. Not for a question about the world, a request about an order, or one
// for a thing the catalog does not sell (asksUnsold). ok is false when no word is so.
func (c *Catalog) evidenceType(ctx context.Context, s *search, res Result, offset int, other []bool) (Result, bool, error) {
	if len(s.words) == 0 || questionWords[s.words[0]] || slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) {
		return res, false, nil
	}
	if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
		return res, false, err
	}
	v := c.vocabulary()
	best, bestShare, bestN := -1, 0.0, 0
	var bestHeads []string
	for i, w := range s.text.words {
		if i < len(other) && other[i] || i < len(s.text.prefix) && s.text.prefix[i] || strings.Contains(w, " ") || !contentWord(w, s.learned, v) || !saidOf(s, w) {
			continue // a correction, a phrase, or a word where no thing is said ("into french")
		}
		if titled, err := c.namedWord(ctx, s.text, i); err != nil || titled {
			if err != nil {
				return res, false, err
			}
			continue // a word of titles: the readings of title words have passed it by
		}
		var b strings.Builder
		quoteTerm(&b, w)
		rows, err := c.query(ctx, `SELECT r.category, r.head, count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
			CROSS JOIN product_rank r ON r.rowid = m.rowid GROUP BY r.category, r.head`, b.String(), maxUseRows)
		if err != nil {
			return res, false, fmt.Errorf("search: %w", err)
		}
		total := 0
		byCat := map[string]int{}
		heads := map[string]map[string]int{}
		for rows.Next() {
			var cat, h string
			var n int
			if err := rows.Scan(&cat, &h, &n); err != nil {
				rows.Close()
				return res, false, fmt.Errorf("search: %w", err)
			}
			total += n
			if cat == "" {
				continue
			}
			byCat[cat] += n
			if heads[cat] == nil {
				heads[cat] = map[string]int{}
			}
			if typeLike(h) {
				heads[cat][h] += n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, false, fmt.Errorf("search: %w", err)
		}
		if total < max(s.learned.meet(), minMeet) || total >= maxUseRows {
			continue
		}
		top, cat := 0, ""
		for k, n := range byCat {
			if n > top || n == top && k < cat {
				top, cat = n, k
			}
		}
		share := float64(top) / float64(total)
		if share < minEvidenceShare || share < bestShare || share == bestShare && total >= bestN {
			continue
		}
		// And most of that category's products say it: the category's own word
		// ("mosquitoes" of repellents), not one a few of them mention ("university").
		var cb strings.Builder
		cb.WriteString("{category} : ")
		quoteTerm(&cb, cat)
		var filed int
		if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT ?)`, cb.String(), maxUseRows).Scan(&filed); err != nil {
			return res, false, fmt.Errorf("search: %w", err)
		}
		if float64(top) < minEvidenceCover*float64(filed) {
			continue
		}
		hs := make([]string, 0, len(heads[cat]))
		for h := range heads[cat] {
			hs = append(hs, h)
		}
		slices.SortFunc(hs, func(a, b string) int {
			if c := cmp.Compare(heads[cat][b], heads[cat][a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		best, bestShare, bestN, bestHeads = i, share, total, hs
	}
	if best < 0 || len(bestHeads) == 0 {
		return res, false, nil
	}
	keep := make([]bool, len(s.text.words))
	keep[best] = true
	alt := *s
	alt.text = s.text.only(keep)
	alt.text.atLeast, alt.text.named = 0, false
	if s.intent != nil {
		in := *s.intent
		in.heads, in.order, in.forTarget = map[string]bool{}, map[string]int{}, nil
		for j, h := range bestHeads {
			in.heads[h], in.order[h] = true, j
		}
		alt.intent = &in
	}
	out := res
	out.Words, out.Relaxed = alt.text.String(), true
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a sentence about %s: the products with the word %q, which the catalog files together.", strings.Join(bestHeads[:min(len(bestHeads), 2)], " or "), s.text.words[best]))
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// saidOf reports whether w stands in sentence s where what it is about may be said:
// somewhere not right after "to" nor after a place word ("translate hello into
// french": a language, not a french press).
func saidOf(s *search, w string) bool {
	for i, x := range s.words {
		if x == w && (i == 0 || s.words[i-1] != "to" && !afterPlace(s, i)) {
			return true
		}
	}
	return false
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
