package catalog

import (
	"context"
	"fmt"
	"strings"
)

// The words that say for which stage of life a product is are the vocabulary's
// "stage …:" lines (vocabulary.txt: puppy, kitten and baby are young; adult; senior
// and mature): a query for a puppy's food asks for no adult's, a baby's shampoo for no
// adult's. A product made for another stage of life than the query's is still a match
// (a shop may have no puppy food), after those that are not.

// queryStages returns the stages of life the words of a query name as typed (not by
// an alternative: "dog bed" is also a "puppy bed"), as bits 1<<stage.
func (v *Vocabulary) queryStages(words []string) int {
	st := 0
	for _, w := range words {
		for _, f := range strings.Fields(w) {
			if n := v.stages[coverKey(f)]; n > 0 {
				st |= 1 << n
			}
		}
	}
	return st
}

// otherStage returns, of the rowids of ms, those whose titles name a stage of life
// of v (by their title keys) and none of the stages st names: made for someone else.
func (c *Catalog) otherStage(ctx context.Context, v *Vocabulary, ms []match, st int) (map[int64]bool, error) {
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
			if n := v.stages[k]; n > 0 {
				has |= 1 << n
			}
		}
		if has != 0 && has&st == 0 {
			out[id] = true
		}
	}
	return out, rows.Err()
}
