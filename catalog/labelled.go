package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// maxLabelWords is the most words a query may have for a shop's label of a product
// (a tag) equal to it to rank that product first among those of the type asked for.
const maxLabelWords = 2

// labelKey is the word keys of a query's words or of a tag, space-separated: "packs"
// and "Pack" are one label.
func labelKey(words []string) string {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	return strings.Join(keys, " ")
}

// labelled returns the products of ms a tag of which is, word for word (by word
// key), the query s as typed — the shop's own label for what was asked: `packs` in a
// shop whose trekking packs are tagged "packs" and whose dog packs, titled "… Dog
// Pack" and tagged "dog pack", are another thing. Only for a query of at most
// maxLabelWords words (s.rest) that is not a sentence nor a category word of the
// vocabulary's kinds: lines; nil otherwise.
func (c *Catalog) labelled(ctx context.Context, s *search, ms []match) (map[int64]bool, error) {
	if s.sentence || len(s.rest) == 0 || len(s.rest) > maxLabelWords || len(ms) == 0 {
		return nil, nil
	}
	want := labelKey(s.rest)
	// A category word of the vocabulary's kinds: lines has its own reading, the
	// kinds it files (withKinds): "water treatment" is the filters, whatever else the
	// shop labels so (its bottles).
	v := c.vocabulary()
	if len(v.kindsOf(want)) > 0 || len(v.kindsOf(wordKey(s.rest[len(s.rest)-1]))) > 0 {
		return nil, nil
	}
	// The pool's tags by rowid, in one statement (as rankFactsOf reads product_rank): a
	// full-text match of the tags with the pool's rowids costs a lookup of the match
	// per rowid.
	list := make([]byte, 0, 8*len(ms)+2)
	list = append(list, '[')
	for i, m := range ms {
		if i > 0 {
			list = append(list, ',')
		}
		list = strconv.AppendInt(list, m.rowid, 10)
	}
	list = append(list, ']')
	// Only tags holding the first letters of the query's last word (as a word of a
	// tag equal to the query has them, whatever its plural or case) are handed to Go.
	rows, err := c.query(ctx, `SELECT t.rowid, t.tags FROM json_each(?) j CROSS JOIN product_text t ON t.rowid = j.value
		WHERE t.tags != '[]' AND instr(lower(t.tags), ?) > 0`, string(list), labelPrefix(s.rest))
	if err != nil {
		return nil, fmt.Errorf("search labels: %w", err)
	}
	defer rows.Close()
	var out map[int64]bool
	for rows.Next() {
		var (
			rowid int64
			tags  string
		)
		if err := rows.Scan(&rowid, &tags); err != nil {
			return nil, fmt.Errorf("search labels: %w", err)
		}
		var list []string
		if json.Unmarshal([]byte(tags), &list) != nil {
			continue
		}
		for _, tag := range list {
			if labelKey(lowerWords(tag)) == want {
				if out == nil {
					out = map[int64]bool{}
				}
				out[rowid] = true
				break
			}
		}
	}
	return out, rows.Err()
}

// labelPrefix is what every tag equal to the query words holds, lowercased: the first
// letters of the last word's key (a plural of it, as wordKey folds them, keeps them).
// SQLite's lower folds ASCII alone, so a tag whose word has an accent or a capital
// accented letter among those first letters ("Éclair" for `eclair`) is not read: its
// product only misses this tie-break. The filter keeps a plain query's label read to a
// few rows (BenchmarkSearchAccessoryShapes/plain: 1.30–1.52× the build without the
// label rule's CPU before it, 1.04–1.12× with it, 3 pairs at load 0.7).
func labelPrefix(words []string) string {
	k := wordKey(words[len(words)-1])
	return k[:min(len(k), 3)]
}
