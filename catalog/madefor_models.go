package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// A shop names the parts of a type's products by the products' model names ("Tree
// Straps for Ember" beside the "Ember Bug Net Hammock", "Rain Fly for Cairn" beside the
// "Cairn 3 Person Tent"), not by the type: no part says "hammock", and no code is
// shared. When nothing else is learned to be made for a type (madeForOrAfter), its
// models are read from the catalog: the first word of its titles past the brand, a
// name (no type, no word of the vocabulary, the first word of at most half of them);
// the products of other types whose titles say they are for one of those names are
// made for the type.

// madeForModels returns, for the type whose title head is the key k (term as the query
// searches it), the products made for its models (see above) that pass the query's
// filters, and their title heads, most products first, each of at least the catalog's
// meet of products (lv.meet).
func (c *Catalog) madeForModels(ctx context.Context, s *search, k, term string) ([]string, []match, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, term)
	rows, err := c.query(ctx, `SELECT r.title_keys FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head = ?`, b.String(), maxUseRows, k)
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	firsts := map[string]int{}
	typed := 0
	for rows.Next() {
		var keys string
		if err := rows.Scan(&keys); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		typed++
		if f, _, _ := strings.Cut(keys, " "); f != "" {
			firsts[f]++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	v := c.vocabulary()
	var models []string
	for m, n := range firsts {
		if 2*n > typed || m == coverKey(k) || !typeLike(m) || s.learned.isType(m) || v.isTerm(m) || hasKey(v.byTerm, m) {
			continue
		}
		models = append(models, m)
	}
	if len(models) == 0 {
		return nil, nil, nil
	}
	slices.Sort(models)
	b.Reset()
	b.WriteString("{title} : (")
	for i, m := range models {
		if i > 0 {
			b.WriteString(" OR ")
		}
		quoteTerm(&b, m)
		b.WriteByte('*')
	}
	b.WriteByte(')')
	join := ""
	if s.f.needsProducts {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	ms, err := s.scanMatches(ctx, `SELECT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp
		FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT `+fmt.Sprint(maxUseRows)+`) f
		CROSS JOIN product_rank r ON r.rowid = f.rowid CROSS JOIN product_keys k ON k.rowid = f.rowid`+join+`
		WHERE r.for_keys != '' AND r.head <> ? AND `+s.f.where+` ORDER BY k.rating DESC, k.rowid`,
		append([]any{b.String(), k}, s.f.args...), nil)
	if err != nil || len(ms) == 0 {
		return nil, nil, err
	}
	facts, err := c.rankFactsOf(ctx, ms, false)
	if err != nil {
		return nil, nil, err
	}
	count := map[string]int{}
	var (
		made []match
		of   []string
	)
	for i, m := range ms {
		f := facts[i]
		if !f.ok || !typeLike(f.head) || !slices.ContainsFunc(strings.Fields(f.forKeys), func(w string) bool { return slices.Contains(models, coverKey(w)) }) {
			continue
		}
		made, of = append(made, m), append(of, f.head)
		count[f.head]++
	}
	var heads []string
	for h, n := range count {
		if n >= s.learned.meet() {
			heads = append(heads, h)
		}
	}
	slices.SortFunc(heads, func(a, b string) int { return cmp.Or(count[b]-count[a], strings.Compare(a, b)) })
	out := make([]match, 0, len(made))
	for i, m := range made {
		if slices.Contains(heads, of[i]) {
			out = append(out, m)
		}
	}
	return heads, out[:min(len(out), rerankPool)], nil
}
