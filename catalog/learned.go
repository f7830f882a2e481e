package catalog

import (
	"context"
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
