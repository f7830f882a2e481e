package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// A shopper names a brand's consumables or parts by the brand and a word of their own
// ("inkora refill", "acme spares"), which no title says: the titles say "Ink Cartridge
// for Inkora IK/5608A" or "Inkora Toner Cartridge". Dropping the word finds the
// brand's machines. When every word of a short query but its last names one brand,
// and the last word is in no product, the query asks for what is made for the brand's
// own things: the brand's types, most products first, the first of them something is
// made for (madeForOrAfter: by code, by "for" or named after it) giving the heads; the
// products of those heads with the brand's words (the brand's own, or another's made
// for the brand's models: "Papyra Ink Cartridge for Inkora IK/5608A") come first, then
// the brand's products of the type.

// maxBrandTypes bounds how many of a brand's types madeForBrandWord tries.
const maxBrandTypes = 3

// madeForBrandWord searches a short query "<brand> <word no product has>" (see above)
// as the products made for the brand's things. ok is false when the query is not so,
// or nothing is made for the brand's types.
func (c *Catalog) madeForBrandWord(ctx context.Context, s *search, res Result, offset int, known []bool) (Result, bool, error) {
	last := len(known) - 1
	if s.sentence || s.intent == nil || last < 1 || last > 2 || known[last] || len(s.intent.brandWords) != 1 ||
		strings.IndexFunc(s.text.words[last], func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 ||
		slices.ContainsFunc(s.rest, func(w string) bool { return stopwords[w] || determiners[w] || possessives[w] }) {
		return res, false, nil
	}
	var brand int64
	for id, n := range s.intent.brandWords {
		if n != last {
			return res, false, nil // some word before the last is no word of the brand
		}
		brand = id
	}
	for i := range last {
		if !known[i] {
			return res, false, nil
		}
	}
	types, err := c.brandTypes(ctx, s.text.only(known), brand)
	if err != nil {
		return res, false, err
	}
	var heads []string
	t := ""
	for _, h := range types {
		if !typeLike(h) || !s.learned.isType(h) {
			continue
		}
		made, err := c.madeForOrAfter(ctx, s.learned, h, h)
		if err != nil {
			return res, false, err
		}
		if made = slices.DeleteFunc(made, func(m string) bool { return m == h }); len(made) > 0 {
			heads, t = made, h
			break
		}
	}
	if len(heads) == 0 {
		return res, false, nil
	}
	alt := *s
	words := append([]string{heads[0]}, s.text.words[:last]...)
	alts := make([][]string, len(words))
	alts[0] = append(slices.Clone(heads[1:]), t)
	for i := range last {
		if i < len(s.text.alts) {
			alts[i+1] = s.text.alts[i]
		}
	}
	alt.text = textQuery{words: words, alts: alts}
	in := *s.intent
	in.heads, in.words, in.order, in.forTarget = map[string]bool{}, map[string]bool{}, map[string]int{}, nil
	for i, h := range heads {
		in.heads[h], in.words[h], in.order[h] = true, true, i
	}
	in.words[t] = true
	for _, w := range s.text.words[:last] {
		in.words[wordKey(w)] = true
	}
	alt.intent = &in
	out := res
	out.Relaxed = true
	out.Words = strings.Join(append(slices.Clone(heads), t), " or ") + " " + strings.Join(s.text.words[:last], " ")
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("No product has the word %q; read as what is made for %s's %s: the %s, then the %s.",
			s.text.words[last], strings.Join(s.text.words[:last], " "), t, strings.Join(heads, ", "), t))
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// brandTypes returns the title heads of the brand's products among those with the
// brand's words q (at most maxUseRows), at most maxBrandTypes: the types most of whose
// titles say what they are for ("Water Filter for Kelvo KV-210") last — they are the
// brand's parts, not the things its parts are made for —, then most products first.
func (c *Catalog) brandTypes(ctx context.Context, q textQuery, brand int64) ([]string, error) {
	rows, err := c.query(ctx, `SELECT r.head, count(*) n FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_keys k ON k.rowid = m.rowid CROSS JOIN product_rank r ON r.rowid = m.rowid
		WHERE k.brand_id = ? AND r.head <> '' GROUP BY r.head
		ORDER BY 2 * sum(r.for_keys <> '') >= count(*), n DESC, r.head LIMIT ?`,
		"{title brand} : ("+q.match(false)+")", maxUseRows, brand, maxBrandTypes)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var (
			h string
			n int
		)
		if err := rows.Scan(&h, &n); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}
