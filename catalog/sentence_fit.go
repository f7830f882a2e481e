package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// A sentence read by a need ("my heels are cracked and rough": foot cream) chooses
// the kind of product; the reading's own words (the need's cues and things) rank the
// products of that kind alike, and say nothing of which of them the shopper wants.
// The sentence's other words do: within the need's types, after everything ranking
// already reads, the products that fit those words best (storyFit) come first
// ("Cracked Heel Repair Cream" before "Shea Foot Cream"; a label printer before a
// laser printer for "organise my pantry jars with printed names"). Nothing moves
// from one type to another: it is no fusion with the plain ranking of the sentence,
// which pulls a need's reading to whatever shares a word with its story. A reading
// by the types a sentence's words vote for is left as it is: its products are ranked
// by those words already, and its other words are the story (see searchTypes).

// storyExpr is the full-text expression of the words of sentence s that storyFit
// scores a need's products by: its content words that the reading did not use
// (used, by word key), that name no type of the catalog ("than my phone takes" of a
// camera) and no person, age or clause, as typed (no synonyms): the attributes the
// sentence asks of the thing ("cracked", "rough"). Empty when s is no sentence or
// none is left.
func storyExpr(s *search, used func(k string) bool) string {
	if !s.sentence {
		return ""
	}
	v := s.c.vocabulary()
	keep := make([]bool, len(s.text.words))
	left := false
	for i, w := range s.text.words {
		k := wordKey(w)
		keep[i] = !strings.Contains(w, " ") && contentWord(w, s.learned, v) && !namesNoThing(w, v) && !used(k) && !s.namesType(k)
		left = left || keep[i]
	}
	if !left {
		return ""
	}
	q := s.text.only(keep)
	q.alts = nil
	return q.match(true)
}

// storyFit scores the products of pool by expr (see storyExpr): their full-text rank
// (BM25 with the index's column weights, as plain ranking scores them), negated so
// that more is better. A product with none of the words is absent (0).
func (c *Catalog) storyFit(ctx context.Context, expr string, pool []match) (map[int64]float64, error) {
	ids := make([]int64, len(pool))
	for i, m := range pool {
		ids[i] = m.rowid
	}
	list, _ := json.Marshal(ids) // []int64 cannot fail to marshal
	rows, err := c.query(ctx, `SELECT rowid, rank FROM products_fts WHERE products_fts MATCH ?
		AND rowid IN (SELECT value FROM json_each(?))`, expr, string(list))
	if err != nil {
		return nil, fmt.Errorf("story fit: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]float64, len(pool))
	for rows.Next() {
		var id int64
		var rank float64
		if err := rows.Scan(&id, &rank); err != nil {
			return nil, fmt.Errorf("story fit: %w", err)
		}
		out[id] = -rank
	}
	return out, rows.Err()
}
