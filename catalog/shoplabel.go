package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
)

// minLabelHeads is how many kinds of product (title heads) a tag word must be given
// to for it to be one of the shop's labels (shopLabel).
const minLabelHeads = 2

// shopLabel reports whether term is one of the shop's own labels for a group of its
// products: a word its tags give products of minLabelHeads kinds or more (title heads,
// among the first maxUseRows products whose tags have it): "gear" of the tags "dog
// gear" and "gear storage", "tools" of a knife's and a trowel's "camp tools". A feed
// that keeps no category (an Etsy export, a plain sheet) says in its tags what group a
// product is in, and such a word names what it files, as a category's word does: a
// query whose head it is asks for that group ("water gear", "bushcraft tools"), not
// for a thing the catalog does not sell. A word the tags give one kind is that kind's
// word ("tent" of tents alone) and decides nothing here.
func (c *Catalog) shopLabel(ctx context.Context, term string) (bool, error) {
	n := 0
	err := c.scanHeads(ctx, "{tags}", term, `r.head != ''`, "", func(string, int, int, int) { n++ })
	return n >= minLabelHeads, err
}

// wholeLabelled returns the products of pool filed nowhere (no category) that have a
// tag which is the word keys keys and nothing else ("packs", "rain gear"), or nil when
// none has: of the products of the types that category words stand for, those the
// shop gave the label whole are the group it names; the others of those types only
// share a word of it in another tag ("dog pack" of the dog packs, for "packs").
func (c *Catalog) wholeLabelled(ctx context.Context, pool []match, keys []string) (map[int64]bool, error) {
	var ids []any
	for _, m := range pool {
		if m.category == 0 {
			ids = append(ids, m.rowid)
		}
	}
	if len(ids) == 0 || len(keys) == 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, `SELECT rowid, tags FROM product_text WHERE tags != '[]' AND rowid IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search labels: %w", err)
	}
	defer rows.Close()
	var out map[int64]bool
	for rows.Next() {
		var (
			id   int64
			tags string
		)
		if err := rows.Scan(&id, &tags); err != nil {
			return nil, fmt.Errorf("search labels: %w", err)
		}
		var ts []string
		if json.Unmarshal([]byte(tags), &ts) != nil {
			continue
		}
		if slices.ContainsFunc(ts, func(t string) bool { return isLabel(t, keys) }) {
			if out == nil {
				out = map[int64]bool{}
			}
			out[id] = true
		}
	}
	return out, rows.Err()
}

// isLabel reports whether tag's words are keys, by wordKey, in order and nothing else.
func isLabel(tag string, keys []string) bool {
	ws := lowerWords(tag)
	if len(ws) != len(keys) {
		return false
	}
	for i, w := range ws {
		if wordKey(w) != keys[i] {
			return false
		}
	}
	return true
}
