package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"
)

// learnedView is what a search reads of the learned tables (migration 0014) for one
// value of catalog_changes.text, which every write of product text moves: the heads
// of learned_types with at least minLearnedType products, read whole, and the rows of
// learned_type_words of the words asked about, read as they are first asked for. A
// search reads the version once (learnedView) and then asks without touching the
// database for what an earlier search of the same version read.
type learnedView struct {
	version int64
	types   map[string]int // head → products, for heads of at least minLearnedType

	mu    sync.Mutex
	words map[string][]headCount // word key → the heads filed under it
}

type headCount struct {
	head     string
	products int
}

// minLearnedType is how many products' titles a word must head to be taken for a
// product type of the catalog.
const minLearnedType = 3

// maxLearnedWords bounds the category words a view keeps; past it, it forgets them.
const maxLearnedWords = 4096

// learnedView returns the view of the learned tables for the current text version,
// reading learned_types when the version moved.
func (c *Catalog) learnedView(ctx context.Context) (*learnedView, error) {
	version, err := c.textVersion(ctx)
	if err != nil {
		return nil, err
	}
	c.learnedMu.Lock()
	defer c.learnedMu.Unlock()
	if lv := c.learned; lv != nil && lv.version == version {
		return lv, nil
	}
	lv := &learnedView{version: version, types: map[string]int{}, words: map[string][]headCount{}}
	rows, err := c.query(ctx, `SELECT head, products FROM learned_types WHERE products >= ?`, minLearnedType)
	if err != nil {
		return nil, fmt.Errorf("search types: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var hc headCount
		if err := rows.Scan(&hc.head, &hc.products); err != nil {
			return nil, fmt.Errorf("search types: %w", err)
		}
		lv.types[hc.head] = hc.products
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search types: %w", err)
	}
	c.learned = lv
	return lv, nil
}

// isType reports whether w (any form) heads the titles of at least minLearnedType
// products.
func (lv *learnedView) isType(w string) bool { return lv.types[wordKey(w)] > 0 }

// filed returns the heads filed under the category word key k, with how many of their
// products are.
func (lv *learnedView) filed(ctx context.Context, c *Catalog, k string) ([]headCount, error) {
	lv.mu.Lock()
	hs, ok := lv.words[k]
	lv.mu.Unlock()
	if ok {
		return hs, nil
	}
	rows, err := c.query(ctx, `SELECT head, products FROM learned_type_words WHERE word = ?`, k)
	if err != nil {
		return nil, fmt.Errorf("search category types: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var hc headCount
		if err := rows.Scan(&hc.head, &hc.products); err != nil {
			return nil, fmt.Errorf("search category types: %w", err)
		}
		hs = append(hs, hc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search category types: %w", err)
	}
	lv.mu.Lock()
	if len(lv.words) >= maxLearnedWords {
		clear(lv.words)
	}
	lv.words[k] = hs
	lv.mu.Unlock()
	return hs, nil
}

// learning adds up, during a bulk load, what the triggers of migration 0014 add to the
// learned tables row by row, which the load suspends (see Loader.suspend): for every
// row of product_rank written, its head, and its head under each of its category
// words. It counts products by (head, category_keys), few pairs for many products,
// and splits the words once per pair when the load commits.
type learning struct {
	pairs map[[2]string]int // (head, category_keys) → products
}

func newLearning() *learning { return &learning{pairs: map[[2]string]int{}} }

// add counts n more products (n < 0: fewer) with the row r of product_rank; a row
// without a head teaches nothing, as the triggers' WHEN clauses say.
func (lg *learning) add(r rankRow, n int) {
	if r.head != "" {
		lg.pairs[[2]string{r.head, r.categoryKeys}] += n
	}
}

// write replaces the learned tables with what lg counted: learned_types gets a row
// per head with its products, learned_type_words a row per category word and head
// (a word listed twice in a row's category_keys counts twice, as json_each gives it
// twice to the triggers); rows that count no products are left out, as the triggers
// delete them.
func (lg *learning) write(ctx context.Context, tx *sql.Tx) error {
	types, words := map[string]int{}, map[[2]string]int{}
	for pair, n := range lg.pairs {
		if n == 0 {
			continue
		}
		types[pair[0]] += n
		var ks []string
		if err := json.Unmarshal([]byte(pair[1]), &ks); err != nil {
			return fmt.Errorf("category keys %q: %w", pair[1], err)
		}
		for _, k := range ks {
			words[[2]string{k, pair[0]}] += n
		}
	}
	for _, q := range []string{`DELETE FROM learned_types`, `DELETE FROM learned_type_words`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	insType, err := tx.PrepareContext(ctx, `INSERT INTO learned_types (head, products) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer insType.Close()
	for head, n := range types {
		if n > 0 {
			if _, err := insType.ExecContext(ctx, head, n); err != nil {
				return err
			}
		}
	}
	insWord, err := tx.PrepareContext(ctx, `INSERT INTO learned_type_words (word, head, products) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insWord.Close()
	for wh, n := range words {
		if n > 0 {
			if _, err := insWord.ExecContext(ctx, wh[0], wh[1], n); err != nil {
				return err
			}
		}
	}
	return nil
}
