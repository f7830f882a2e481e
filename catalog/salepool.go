package catalog

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
)

// The pool of a common word's matches on sale.
//
// A search with the on-sale filter and a common word is drawn from the word's pool
// (search_pool.go) like any filter, but when few products are on sale the pool's first
// poolSize matches hold few of them: at 1% on sale, about 40 of 4,000. Then a page
// drawn from them is reranked over those 40 where a search ordering every match
// reranks the best of all the word's matches on sale (rerank reads the best rerankPool
// of the full ordering, and titled matches among its best FacetCap), and the page
// differs; when fewer than a page pass, the search ranks every match in full, each
// call. So when the word's pool does not hold every match and fewer of it pass than
// the page or reranking needs (saleShort), the search is drawn instead from a second
// pool: the word's matches that are on sale, ordered once per text version and order
// and kept with the word's pools (salePool). It holds the true first matches on sale,
// so a page drawn from it, reranked over the best FacetCap of them that pass the other
// filters, is the page ordering every match gives; every later search of the word on
// sale, until the text changes, filters it as a pool's chunk.
//
// on_sale changes with a product's prices, which only an upsert writes, and an upsert
// moves the text version. A pool kept for an earlier version is carried to the
// search's when the writes in between changed no indexed text and nothing the order
// reads (carriedFrom): only the products whose on_sale they changed are checked
// again, ranked with the pool's matches, which keep their order (salePoolCarried);
// else the pool is built again. While the background fill of on_sale runs (migration
// 0049) the column is not whole, and no such pool is built.

// onSaleAmong is the condition, after a full-text MATCH, that keeps the products on
// sale when more products are on sale than the word has matches (fewOnSale false):
// each match is looked up in products.
const onSaleAmong = ` AND EXISTS (SELECT 1 FROM products sp WHERE sp.rowid = products_fts.rowid AND sp.on_sale = 1)`

// saleShort reports whether a search drawn from the pool p of a word's matches should
// be drawn from the pool of its matches on sale instead (salePool): it keeps the
// products on sale, p does not hold every match, and fewer of p's matches passed the
// filters (ms) than the page needs (ok false) or, for a search that reranks, than the
// FacetCap best matches reranking reads (see fromPool).
func (s *search) saleShort(p *pool, ms []match, ok bool) bool {
	return s.q.onSale && !s.c.salePoolOff && !p.complete() && (!ok || s.intent != nil && len(ms) < FacetCap)
}

// keptSalePool returns, for a search with the on-sale filter drawn from the pool p of
// a word's matches that does not hold every match, the pool of the word's matches on
// sale that an earlier search kept for this text version and order (salePool), or nil.
// Once kept, it serves every such search: its first matches that pass are the first
// of the full ordering, as many as any search of the word on sale can take from p,
// which holds fewer on sale (p's totals are estimated; this one's are exact when it
// holds every match on sale).
func (s *search) keptSalePool(ctx context.Context, p *pool) (*pool, error) {
	if !s.q.onSale || s.c.salePoolOff || p.complete() || s.c.chunk() <= 0 || s.c.flagsFilling(ctx) {
		return nil, nil
	}
	key := salePoolKey(s.q.Sort, p.expr)
	if sp := s.c.pools.get(key, s.learned.version); sp != nil {
		return sp, nil
	}
	return s.salePoolCarried(ctx, key)
}

// salePoolKey is the key of pools under which salePool keeps the pool of the matches
// on sale of expr in order sort.
func salePoolKey(sort Sort, expr string) string { return "on sale " + string(sort) + " " + expr }

// salePool returns the pool of the matches on sale of p's full-text expression, in
// the search's order: their first poolSize and how many there are, kept for the text
// version and order under a key of its own. It returns nil while the on_sale fill runs
// and for a catalog that orders every search in full (SetExhaustive).
func (s *search) salePool(ctx context.Context, p *pool) (*pool, error) {
	if s.c.chunk() <= 0 || s.c.flagsFilling(ctx) {
		return nil, nil
	}
	version := s.learned.version
	key := salePoolKey(s.q.Sort, p.expr)
	if sp := s.c.pools.get(key, version); sp != nil {
		return sp, nil
	}
	if sp, err := s.salePoolCarried(ctx, key); sp != nil || err != nil {
		return sp, err
	}
	// Reading the few products on sale once costs less than looking each match up.
	few, err := s.c.fewOnSale(ctx, p.n)
	if err != nil {
		return nil, err
	}
	among := onSaleAmong
	if few {
		among = saleFirstSQL
	}
	size := cmp.Or(s.c.poolSize, poolSize)
	list, err := s.ordered(ctx, p.expr, among, nil, size)
	if err != nil {
		return nil, err
	}
	sp := &pool{expr: p.expr, version: version, indexed: s.learned.indexed}
	if sp.rowids, err = parseRowids(list, size); err != nil {
		return nil, err
	}
	sp.n = len(sp.rowids)
	if sp.n == size {
		if err := s.c.queryRow(ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`+among, p.expr).Scan(&sp.n); err != nil {
			return nil, fmt.Errorf("search on sale: %w", err)
		}
	}
	s.c.salePools.Add(1)
	s.c.pools.put(key, sp)
	return sp, nil
}

// salePoolCarried returns the pool of a word's matches on sale kept under key for an
// earlier text version, carried to the search's (see carriedFrom), or nil. The
// products written in between whose on_sale changed are the only ones whose place
// may change: those put on sale that match join the pool's matches, those taken off
// leave them, and the pool's matches that stay keep their order, which no write moved
// (no indexed text, so no bm25, changed, nor what else the order reads). They are
// ranked together, in one statement over those rowids. The pool held every match on
// sale, so it still does: its first poolSize are the first, and their number is all
// of them. A pool that did not hold every one is carried only when no product's
// on_sale changed: one taken off would leave a place that a match the pool never held
// may take, and one put on sale that ranks after the pool's last may follow such
// matches, so it is built again.
func (s *search) salePoolCarried(ctx context.Context, key string) (*pool, error) {
	old, wr, err := s.carriedFrom(ctx, key)
	if old == nil || err != nil {
		return nil, err
	}
	version, indexed := s.learned.version, s.learned.indexed
	var flipped []int64
	if len(wr.products) > 0 {
		ids := make([]int64, 0, len(wr.products))
		for r := range wr.products {
			ids = append(ids, r)
		}
		rows, err := s.c.query(ctx, `SELECT rowid, on_sale FROM products WHERE rowid IN (SELECT value FROM json_each(?))`, sortedList(ids))
		if err != nil {
			return nil, fmt.Errorf("search on sale: %w", err)
		}
		now := make(map[int64]bool, len(ids))
		for rows.Next() {
			var (
				r  int64
				on bool
			)
			if err := rows.Scan(&r, &on); err != nil {
				rows.Close()
				return nil, fmt.Errorf("search on sale: %w", err)
			}
			now[r] = on
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, fmt.Errorf("search on sale: %w", err)
		}
		for _, r := range ids {
			if now[r] != wr.products[r] { // a product gone (deleted) moved indexed text: not carried
				flipped = append(flipped, r)
			}
		}
	}
	if len(flipped) == 0 {
		sp := old.carry(old.rowids, old.n, version, indexed)
		s.c.pools.put(key, sp)
		s.c.poolsCarried.Add(1)
		return sp, nil
	}
	if !old.complete() {
		return nil, nil
	}
	// Rank the pool's matches with the products whose on_sale changed: those that match
	// the expression come back, in order.
	cands := append(slices.Clone(old.rowids), flipped...)
	list, err := s.ordered(ctx, old.expr, ` AND +products_fts.rowid IN (SELECT value FROM json_each(?))`, []any{sortedList(cands)}, len(cands))
	if err != nil {
		return nil, err
	}
	ranked, err := parseRowids(list, len(cands))
	if err != nil {
		return nil, err
	}
	rowids := make([]int64, 0, len(ranked))
	for _, r := range ranked {
		if taken := wr.products[r]; !slices.Contains(flipped, r) || !taken {
			rowids = append(rowids, r) // one of the pool's, or one put on sale
		}
	}
	n := len(rowids) // every match on sale is among those ranked
	rowids = rowids[:min(n, cmp.Or(s.c.poolSize, poolSize))]
	sp := old.carry(rowids, n, version, indexed)
	s.c.pools.put(key, sp)
	s.c.poolsCarried.Add(1)
	s.c.saleRanked.Add(1)
	return sp, nil
}
