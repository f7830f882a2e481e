package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// madeForTarget returns, for a query "X for Y" that searchTypes reads as the types its
// words stand for (no product has every word), the products made for what Y names:
// products whose titles have every word of Y, one of them after the title's own "for"
// ("Handlebar Mount for Exposure Strada MK12" for `bracket for exposure strada`,
// "Hammock Straps for Saddle" for `tree straps for saddle hammock`), and whose title
// head is one of the types voted for (heads) or an accessory word. The shopper named
// the thing they have, a model or product line the shop sells parts for under its own
// name; the vote reads only the X's words, and would rank the Xs made for other things
// first, or leave out a part the shop names with another word (a "mount" asked for as
// a "bracket"). Not for a sentence, a query naming no "for", or a Y with no word of
// its own a title has after "for" (`earbuds for the gym`: no earbuds say "for gym").
// searchTypes ranks these first (intent.madeHits).
func (c *Catalog) madeForTarget(ctx context.Context, s *search, heads []string) ([]match, error) {
	if s.intent == nil {
		return nil, nil
	}
	target := forTargetOf(s.rest)
	if len(target) == 0 {
		return nil, nil
	}
	// Every word of Y (or one of its alternatives) in the title, each whole.
	var b strings.Builder
	for i, w := range s.text.words {
		if !slices.ContainsFunc(strings.Fields(w), func(f string) bool { return target[wordKey(f)] }) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" AND ")
		}
		b.WriteByte('(')
		quoteTerm(&b, w)
		if i < len(s.text.alts) {
			for _, alt := range s.text.alts[i] {
				b.WriteString(" OR ")
				quoteTerm(&b, alt)
			}
		}
		b.WriteByte(')')
	}
	if b.Len() == 0 {
		return nil, nil
	}
	expr := b.String()
	join := ""
	if s.f.needsProducts {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	// One of Y's words after the title's "for" (product_rank.for_keys).
	keys := make([]string, 0, len(target))
	for k := range target {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	list, _ := json.Marshal(keys) // []string cannot fail to marshal
	ms, err := s.scanMatches(ctx, `SELECT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp
		FROM products_fts f CROSS JOIN product_rank r ON r.rowid = f.rowid CROSS JOIN product_keys k ON k.rowid = f.rowid`+join+`
		WHERE products_fts MATCH ? AND r.for_keys != '' AND EXISTS (SELECT 1 FROM json_each(?) j WHERE ' ' || r.for_keys || ' ' LIKE '% ' || j.value || ' %')
		AND `+s.f.where+` ORDER BY k.rating DESC, k.rowid LIMIT `+fmt.Sprint(rerankPool),
		append([]any{"{title} : (" + expr + ")", string(list)}, s.f.args...), nil)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	facts, err := c.rankFactsOf(ctx, ms, false)
	if err != nil {
		return nil, err
	}
	// A product of another type than the query's own head names (another type voted
	// for, or an accessory of another word) is made for what Y names only when Y has a name of
	// its own, a word that is no type of the catalog ("strada" of `bracket for exposure
	// strada`): the wall mount for a television is no remote for my television.
	named := false
	for k := range target {
		named = named || s.learned == nil || !s.learned.isType(k)
	}
	own := queryHead(s.rest)
	v := c.vocabulary()
	out := ms[:0]
	for i, m := range ms {
		f := facts[i]
		asked := f.head == own // the type the query's own head names
		other := slices.Contains(heads, f.head) || v.isAccessory(f.head)
		if !f.ok || f.head == "" || target[f.head] || !asked && !(named && other) {
			continue
		}
		if slices.ContainsFunc(strings.Fields(f.forKeys), func(k string) bool { return target[k] }) {
			out = append(out, m)
		}
	}
	return out, nil
}
