package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// A catalog names one type of product by several words: its feeds title laptops
// "Laptop", "Notebook PC" and "Chromebook", and only those filed in a category say
// "Laptops" there. A shopper asking for a laptop means all of them. The catalog
// itself says which heads are its type's other names: the products headed by one are
// filed, when they carry a category, in the type's own leaf category (the last word
// of its last segment is the type's word), most of the time. typeAliases learns
// these heads from the products as they stand, once per indexed version, and expand
// adds them to the type word's alternatives, so that the uncategorised products of
// an alias are found and ranked as the type.

// Bounds on the aliases a type word learns (typeAliases).
const (
	// maxTypeAliases is how many heads a type word gains at most.
	maxTypeAliases = 3
	// minAliasShare is the share of a head's categorised products that must be filed
	// in the type's leaf category for the head to be an alias: "chromebook" whose
	// categorised products are all under "Laptops", not "adapter" of which some are.
	minAliasShare = 0.6
	// maxAliasWords is how many words a query may have for its type word to find the
	// type's other names: a thing named, not a sentence.
	maxAliasWords = 3
)

// typeAliases returns the heads other than the type word key k whose products, when
// categorised, are filed in the leaf category k at least minAliasShare of the time,
// at least minLearnedType of them, most first; not accessories, not heads a vocabulary
// term already names as k. term is k's word as the query searches it.
func (lv *learnedView) typeAliases(ctx context.Context, c *Catalog, k, term string) ([]string, error) {
	return recall(lv, lv.aliases, maxLearnedWords, k, func() ([]string, error) { return c.typeAliases(ctx, k, term) })
}

func (c *Catalog) typeAliases(ctx context.Context, k, term string) ([]string, error) {
	type hc struct {
		head string
		n    int
	}
	var cands []hc
	err := c.scanHeads(ctx, "{category}", term, `r.category = ?3 AND r.head <> ?3`, k, func(h string, n, _, _ int) {
		if n >= minLearnedType && typeLike(h) && !c.vocabulary().isAccessory(h) {
			cands = append(cands, hc{h, n})
		}
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(cands, func(a, b hc) int { return cmp.Or(b.n-a.n, strings.Compare(a.head, b.head)) })
	var out []string
	for _, h := range cands {
		if len(out) == maxTypeAliases {
			break
		}
		// Of the products headed h (with h in their titles): how many, how many are
		// filed and how many in the leaf k, how many say k's word in their titles too
		// (then h is no other name of k but a word of its titles: "SSD" of laptops).
		all, filed, under, named := 0, 0, 0, 0
		err := c.scanHeads(ctx, "{title}", h.head, `r.head = ?4`, k, func(_ string, n, leaf, with int) {
			all, under, named = all+n, under+leaf, named+with
		}, h.head, coverKey(k))
		if err != nil {
			return nil, err
		}
		err = c.scanHeads(ctx, "{title}", h.head, `r.head = ?4 AND r.category <> ''`, k, func(_ string, n, _, _ int) {
			filed += n
		}, h.head, coverKey(k))
		if err != nil {
			return nil, err
		}
		if under >= minLearnedType && float64(under) >= minAliasShare*float64(filed) && 2*named < all {
			out = append(out, h.head)
		}
	}
	return out, nil
}

// scanHeads calls f with each head, its products, those of them in the leaf
// category k and those whose titles have the cover key ?5 (when given), among the
// products whose column col has term (at most maxUseRows of them) and whose
// product_rank row passes where (?3 is k, ?4 and ?5 the values of more).
func (c *Catalog) scanHeads(ctx context.Context, col, term, where, k string, f func(head string, n, leaf, with int), more ...any) error {
	var b strings.Builder
	b.WriteString(col + " : ")
	quoteTerm(&b, term)
	args := append([]any{b.String(), maxUseRows, k}, more...)
	with := "0"
	if len(more) > 1 {
		with = `count(*) FILTER (WHERE ' ' || r.title_keys || ' ' LIKE '% ' || ?5 || ' %')`
	}
	rows, err := c.query(ctx, `SELECT r.head, count(*), count(*) FILTER (WHERE r.category = ?3), `+with+`
		FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?1 LIMIT ?2) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE `+where+` GROUP BY r.head`, args...)
	if err != nil {
		return fmt.Errorf("search type aliases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h string
		var n, leaf, w int
		if err := rows.Scan(&h, &n, &leaf, &w); err != nil {
			return fmt.Errorf("search type aliases: %w", err)
		}
		f(h, n, leaf, w)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("search type aliases: %w", err)
	}
	return nil
}
