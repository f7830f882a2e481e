package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Bounds on the work of a relevance-ranked text search, whatever the catalog's size.
//
// FTS5 ranks a match set by computing bm25 for every match (about 2.5 µs each on a
// small machine), so a word in a fifth of a million products costs half a second to
// rank in full. A search with at most maxExact full-text matches is ranked in full,
// every time. A larger match set is ranked in full once: its best poolSize matches
// (by bm25 alone, before any filter) are kept in memory as a pool, until product text
// changes; a search then filters and orders the pool only. The pool holds the true
// best matches, so a page drawn from it is the page the full ranking gives, as long as
// enough of the pool passes the filters; when too few do, the search is ranked in full
// after all. Its total is then estimated from the share of the pool that passes, and
// marked as an estimate (Result.TotalEstimated).
const (
	maxExact = 5000
	poolSize = 2000
	// maxPools bounds the pools kept; past it they are all dropped.
	maxPools = 1024
)

// pool is the best-ranked matches of one full-text expression.
type pool struct {
	n      int // all full-text matches, hidden or not
	rowids []int64
	rank   map[int64]float64
}

// complete reports whether the pool holds every match.
func (p *pool) complete() bool { return len(p.rowids) == p.n }

// pools keeps pools by full-text expression for one value of catalog_changes.text.
type pools struct {
	mu      sync.Mutex
	version int64
	byExpr  map[string]*pool
}

func (ps *pools) get(expr string, version int64) *pool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.version != version {
		return nil
	}
	return ps.byExpr[expr]
}

func (ps *pools) put(expr string, version int64, p *pool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.version != version || ps.byExpr == nil || len(ps.byExpr) >= maxPools {
		ps.version, ps.byExpr = version, map[string]*pool{}
	}
	ps.byExpr[expr] = p
}

// textVersion returns catalog_changes.text, which every write of product text moves.
func (c *Catalog) textVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := c.queryRow(ctx, `SELECT text FROM catalog_changes WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	return v, nil
}

// countUpTo returns how many products match the full-text expression, hidden or not,
// counting no further than limit.
func (c *Catalog) countUpTo(ctx context.Context, expr string, limit int) (int, error) {
	var n int
	err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT `+
		strconv.Itoa(limit)+`)`, expr).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	return n, nil
}

// pool returns the pool of expr, building it when the catalog has none for the current
// text; nil when expr has at most maxExact matches (rank them in full instead).
func (s *search) pool(ctx context.Context, expr string) (*pool, error) {
	version, err := s.c.textVersion(ctx)
	if err != nil {
		return nil, err
	}
	if p := s.c.pools.get(expr, version); p != nil {
		return p, nil
	}
	exact := cmp.Or(s.c.exactUpTo, maxExact)
	n, err := s.c.countUpTo(ctx, expr, exact+1)
	if err != nil || n <= exact {
		return nil, err
	}
	p, err := s.c.buildPool(ctx, expr)
	if err != nil {
		return nil, err
	}
	s.c.pools.put(expr, version, p)
	return p, nil
}

// buildPool ranks every match of expr and keeps the best poolSize, with the number of
// matches. It reads them as one row, as ftsRanked does.
func (c *Catalog) buildPool(ctx context.Context, expr string) (*pool, error) {
	var list string
	err := c.queryRow(ctx, `SELECT coalesce(group_concat(rowid || ' ' || r, ' '), '') FROM
		(SELECT rowid, bm25(products_fts, 10.0, 8.0, 4.0, 3.0, 1.0) AS r FROM products_fts
		WHERE products_fts MATCH ? ORDER BY r LIMIT `+strconv.Itoa(cmp.Or(c.poolSize, poolSize))+`)`, expr).Scan(&list)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	p := &pool{rank: map[int64]float64{}}
	for rest := list; rest != ""; {
		var id, rank string
		id, rest, _ = strings.Cut(rest, " ")
		rank, rest, _ = strings.Cut(rest, " ")
		rowid, err1 := strconv.ParseInt(id, 10, 64)
		r, err2 := strconv.ParseFloat(rank, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("search: a full-text match reads as %q %q", id, rank)
		}
		p.rowids = append(p.rowids, rowid)
		p.rank[rowid] = r
	}
	if p.n, err = c.countUpTo(ctx, expr, 1<<62); err != nil {
		return nil, err
	}
	return p, nil
}

// fromPool returns the matches of p that pass the search's filters, in the order the
// full ranking gives them (rank, then rating, higher first, then rowid), with the total
// (exact when p is complete, else estimated). It reports false when fewer than need of
// them pass and p does not hold every match: the search must be ranked in full.
func (s *search) fromPool(ctx context.Context, p *pool, need int) ([]match, int, bool, error) {
	var list strings.Builder
	list.WriteByte('[')
	for i, id := range p.rowids {
		if i > 0 {
			list.WriteByte(',')
		}
		list.WriteString(strconv.FormatInt(id, 10))
	}
	list.WriteByte(']')
	join := ""
	if s.f.needsProducts {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	// CROSS JOIN: one lookup of product_keys per rowid of the pool, never a scan of it.
	rows, err := s.c.query(ctx, `SELECT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp, k.rating
		FROM json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value`+join+` WHERE `+s.f.where,
		append([]any{list.String()}, s.f.args...)...)
	if err != nil {
		return nil, 0, false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	type ranked struct {
		match
		rating float64
	}
	var rs []ranked
	for rows.Next() {
		var r ranked
		if err := rows.Scan(&r.rowid, &r.category, &r.brand, &r.amount, &r.exp, &r.rating); err != nil {
			return nil, 0, false, fmt.Errorf("search: %w", err)
		}
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, false, fmt.Errorf("search: %w", err)
	}
	if !p.complete() && len(rs) < need {
		return nil, 0, false, nil
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(p.rank[a.rowid], p.rank[b.rowid]); c != 0 {
			return c
		}
		if c := cmp.Compare(b.rating, a.rating); c != 0 {
			return c
		}
		return cmp.Compare(a.rowid, b.rowid)
	})
	ms := make([]match, len(rs))
	for i := range rs {
		ms[i] = rs[i].match
	}
	total := len(ms)
	if !p.complete() {
		total = max(len(ms), int(float64(p.n)*float64(len(ms))/float64(len(p.rowids))+0.5))
	}
	return ms, total, true, nil
}
