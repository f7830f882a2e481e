package catalog

import (
	"context"
	"fmt"
	"strings"
)

// lifeStages are the words that say for which stage of life a product is, by wordKey,
// each with its stage: a query for a puppy's food asks for no adult's, a baby's
// shampoo for no adult's. A product made for another stage of life than the query's is
// still a match (a shop may have no puppy food), after those that are not.
var lifeStages = map[string]int{
	"puppy": 1, "puppie": 1, "kitten": 1, "baby": 1, "babie": 1, "infant": 1, "toddler": 1, "newborn": 1,
	"junior": 1, "kid": 1, "child": 1, "children": 1, "youth": 1,
	"adult":  2,
	"senior": 3, "mature": 3,
}

// queryStages returns the stages of life the words of a query name as typed (not by
// an alternative: "dog bed" is also a "puppy bed"), as bits 1<<stage.
func queryStages(words []string) int {
	st := 0
	for _, w := range words {
		for _, f := range strings.Fields(w) {
			if n := lifeStages[wordKey(f)]; n > 0 {
				st |= 1 << n
			}
		}
	}
	return st
}

// otherStage returns, of the rowids of ms, those whose titles name a stage of life
// (by their title keys) and none of the stages st names: made for someone else.
func (c *Catalog) otherStage(ctx context.Context, ms []match, st int) (map[int64]bool, error) {
	ids := make([]any, len(ms))
	for i, m := range ms {
		ids[i] = m.rowid
	}
	rows, err := c.query(ctx, `SELECT rowid, title_keys FROM product_rank WHERE rowid IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search stages: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var (
			id   int64
			keys string
		)
		if err := rows.Scan(&id, &keys); err != nil {
			return nil, fmt.Errorf("search stages: %w", err)
		}
		has := 0
		for _, k := range strings.Fields(keys) {
			if n := lifeStages[k]; n > 0 {
				has |= 1 << n
			}
		}
		if has != 0 && has&st == 0 {
			out[id] = true
		}
	}
	return out, rows.Err()
}
