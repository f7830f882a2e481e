package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// A shopper names an accessory by the thing it is for and a word of their own
// ("printer refill", "blender jug"), which the catalog's titles may not have: they
// say "Toner Cartridge for Papyra PY-R565". When a short query's last word is in no
// product's title, brand or category and the word before it names a type, the query
// asks for something made for that type. What is made for a type is learned from the
// catalog as it stands, at the time of the query: the products whose titles name a
// product of the type by its code (a model number, part number or GTIN in
// product_codes that a product of the type has too), or say they are for it ("AC
// Adapter for Laptops"). Their title heads, most products first, then the type's own
// products, are what such a query finds.

// madeForHeads returns the title heads of the products made for the type whose title
// head is the key k (see above), those with most products first, each with at least
// least products (minMeet; a small catalog's meet, see learnedView.meet); term is the
// word as the query searches it.
func (c *Catalog) madeForHeads(ctx context.Context, k, term string, least int) ([]string, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, term)
	// The products of the type among those with the word in their title; the other
	// products that share a code with one of them or are for the word.
	rows, err := c.query(ctx, `WITH typed AS (
			SELECT r.rowid FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?1 LIMIT ?2) m
			CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head = ?3),
		made AS (
			SELECT ac.rowid FROM typed t CROSS JOIN product_codes pc ON pc.rowid = t.rowid
			CROSS JOIN product_codes ac ON ac.code = pc.code AND ac.rowid <> t.rowid AND instr(pc.code, '=') = 0
			UNION
			SELECT r.rowid FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?1 LIMIT ?2) m
			CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE ' ' || r.for_keys || ' ' LIKE '% ' || ?3 || ' %')
		SELECT r.head, count(*) FROM made CROSS JOIN product_rank r ON r.rowid = made.rowid
		WHERE r.head <> ?3 GROUP BY r.head`, b.String(), maxUseRows, k)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	type hc struct {
		head string
		n    int
	}
	var hs []hc
	for rows.Next() {
		var h hc
		if err := rows.Scan(&h.head, &h.n); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if h.n >= least && typeLike(h.head) {
			hs = append(hs, h)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	slices.SortFunc(hs, func(a, b hc) int { return cmp.Or(b.n-a.n, strings.Compare(a.head, b.head)) })
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.head
	}
	return out, nil
}

// madeFor searches, for a short query whose last word no product has (known false)
// and whose word before it names a type ("printer refill"), the products made for
// that type, then the type's own (see above). ok is false when the query is not so or
// nothing is made for the type.
func (c *Catalog) madeFor(ctx context.Context, s *search, res Result, offset int, known []bool) (Result, bool, error) {
	last := len(known) - 1
	if s.sentence || s.intent == nil || last < 1 || known[last] || !known[last-1] ||
		slices.ContainsFunc(s.rest, func(w string) bool { return stopwords[w] || determiners[w] || possessives[w] }) ||
		strings.IndexFunc(s.text.words[last], func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		return res, false, nil
	}
	word := s.text.words[last-1]
	f := strings.Fields(word)
	k := wordKey(f[len(f)-1])
	if !s.learned.isType(k) || !typeLike(k) {
		return res, false, nil
	}
	heads, err := c.madeForOrAfter(ctx, s.learned, k, word)
	if err != nil {
		return res, false, err
	}
	var hits []match // made for the type's models (madeForModels), first
	if len(heads) == 0 {
		if heads, hits, err = c.madeForModels(ctx, s, k, word); err != nil || len(heads) == 0 {
			return res, false, err
		}
	}
	out, err := s.madeForFirst(ctx, res, offset, heads, hits, word, k,
		fmt.Sprintf("No product has the word %q; read as something for a %s: the products made for one (%s), then the %s.",
			s.text.words[last], word, strings.Join(heads, ", "), word))
	if err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// madeForFirst runs s again as the products made for a type first (heads, in that
// order; hits, when given, before them: see intent.madeHits), then the type's own
// (word, whose key is k), on a copy of res marked relaxed with note added. Its Total is 0 when it found nothing.
func (s *search) madeForFirst(ctx context.Context, res Result, offset int, heads []string, hits []match, word, k, note string) (Result, error) {
	alt := *s
	alt.text = textQuery{words: []string{heads[0]}, alts: [][]string{append(slices.Clone(heads[1:]), word)}}
	in := *s.intent
	in.heads, in.words, in.order, in.forTarget = map[string]bool{}, map[string]bool{}, map[string]int{}, nil
	for i, h := range heads {
		in.heads[h], in.words[h], in.order[h] = true, true, i
	}
	in.words[k] = true
	in.madeHits = hits
	alt.intent = &in
	out := res
	out.Relaxed = true
	out.Words = strings.Join(append(slices.Clone(heads), word), " or ")
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)], note)
	err := alt.run(ctx, &out, offset, false)
	return out, err
}

// madeForNamed reports whether the head of short query s is what the catalog makes
// for the type the word before it stands for in titles ("printing cartridges": the
// titles that say "printing" are printers', and toner cartridges name printers by
// their codes), though no product has both words. The word stands for a type when that
// type heads minStandShare of the titles with it, at least minMeet of them.
func (c *Catalog) madeForNamed(ctx context.Context, s *search) (bool, error) {
	words := s.text.words
	last := len(words) - 1
	if last < 1 || last > 2 || s.sentence {
		return false, nil
	}
	m := words[last-1]
	if strings.Contains(m, " ") || isNumber(m) || stopwords[m] {
		return false, nil
	}
	f := strings.Fields(words[last])
	h := wordKey(f[len(f)-1])
	t, top, all, err := c.titleHeads(ctx, m, "")
	if err != nil || t == "" || t == h || top < minMeet || float64(top) < minStandShare*float64(all) {
		return false, err
	}
	heads, err := c.madeForOrAfter(ctx, s.learned, t, t)
	return slices.Contains(heads, h), err
}
