package catalog

import (
	"context"
	"fmt"
	"sync"
)

// maxMirrorRowid bounds the rowids keyMirror holds, and so its memory (40 bytes a
// rowid, about 84 MB at most); a catalog with larger ones (rowids are assigned in
// order, so it has had about two million products or more) is searched in SQL only.
const maxMirrorRowid = 1 << 21

// keyMirror is this process's copy of product_keys, by rowid, for searches with at most
// maxKeyMatches full-text matches: filtering, ordering and counting them in memory
// skips joining each match in SQL and reading it back. Before each use the copy is
// brought up to date from product_keys_changes, so it is never older than the
// full-text read it is used with.
type keyMirror struct {
	mu      sync.RWMutex
	rows    []keyRow // by rowid; a zero row has present false
	loaded  bool     // rows has been read at least once
	seq     int64    // rows holds every change up to this product_keys_changes.seq
	tooWide bool     // a rowid exceeded maxMirrorRowid: the mirror is not used
}

// keyRow is one row of product_keys.
type keyRow struct {
	amount   int64
	rating   float64
	category int64 // 0 when uncategorised
	brand    int64 // 0 when none
	exp      int8
	hidden   bool
	inStock  bool
	present  bool
}

// known returns the product_keys_changes.seq the copy is current for, -1 before it is
// first read, and false when the copy cannot be used (see maxMirrorRowid).
func (m *keyMirror) known() (int64, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if !m.loaded {
		return -1, !m.tooWide
	}
	return m.seq, !m.tooWide
}

// refresh brings the copy up to date, reading the rows of product_keys changed since it
// was last current. It reports false when the mirror cannot be used.
func (m *keyMirror) refresh(ctx context.Context, c *Catalog) (bool, error) {
	var seq int64
	if err := c.queryRow(ctx, `SELECT seq FROM product_keys_changes WHERE id = 1`).Scan(&seq); err != nil {
		return false, fmt.Errorf("search keys: %w", err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.tooWide || (m.loaded && m.seq >= seq) {
		return !m.tooWide, nil
	}
	since := m.seq
	if !m.loaded {
		since = -1 // every row; rows written before seq existed have 0
	}
	rows, err := c.query(ctx, `SELECT rowid, hidden, in_stock, coalesce(category_id, 0), brand_id,
		price_amount, price_exp, rating FROM product_keys WHERE seq > ?`, since)
	if err != nil {
		return false, fmt.Errorf("search keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id  int64
			r   keyRow
			exp int64
		)
		if err := rows.Scan(&id, &r.hidden, &r.inStock, &r.category, &r.brand, &r.amount, &exp, &r.rating); err != nil {
			return false, fmt.Errorf("search keys: %w", err)
		}
		if id < 0 || id >= maxMirrorRowid {
			m.tooWide, m.rows = true, nil
			return false, nil
		}
		if int(id) >= len(m.rows) {
			m.rows = append(m.rows, make([]keyRow, int(id)+1-len(m.rows)+len(m.rows)/4)...)
		}
		r.exp, r.present = int8(exp), true
		m.rows[id] = r
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("search keys: %w", err)
	}
	m.seq, m.loaded = seq, true
	return true, nil
}

// keyFilter is a filter's conditions in a form keyRow can be tested against. It exists
// only for filters whose every condition is on product_keys and known without a
// lookup: visibility, stock, category, price and rating (not brand or seller).
type keyFilter struct {
	inStock    bool
	categories map[int64]bool // nil: any category
	// minPrice and maxPrice are the bounds in minor units for exponents 0, 2 and 3, as
	// the SQL condition has them; nil: no bound.
	minPrice, maxPrice *[3]int64
	minRating          float64
}

func (f *keyFilter) pass(r *keyRow) bool {
	switch {
	case !r.present || r.hidden || (f.inStock && !r.inStock) || (f.minRating > 0 && r.rating < f.minRating):
		return false
	case f.categories != nil && !f.categories[r.category]:
		return false
	case f.minPrice != nil && r.amount < f.minPrice[expIndex(r.exp)]:
		return false
	case f.maxPrice != nil && r.amount > f.maxPrice[expIndex(r.exp)]:
		return false
	}
	return true
}

// expIndex maps a price exponent to its bound's index: 0 → 0, 3 → 2, any other → 1,
// as the SQL condition's CASE does.
func expIndex(exp int8) int {
	switch exp {
	case 0:
		return 0
	case 3:
		return 2
	}
	return 1
}
