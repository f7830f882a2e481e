package catalog

import (
	"cmp"
	"context"
	"errors"
	"fmt"
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
	if s.q.rebuild {
		// A refresh builds the pool a search of this version would carry (or find).
		if s.c.pools.before(key, s.learned.version+1) == nil {
			return nil, nil
		}
		return s.salePool(ctx, p)
	}
	if sp := s.c.pools.get(key, s.learned.version); sp != nil {
		return sp, nil
	}
	return s.salePoolCarried(ctx, key, p.n)
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
	if !s.q.rebuild {
		if sp := s.c.pools.get(key, version); sp != nil {
			return sp, nil
		}
		if sp, err := s.salePoolCarried(ctx, key, p.n); sp != nil || err != nil {
			return sp, err
		}
	}
	among, err := s.c.saleAmong(ctx, p.n)
	if err != nil {
		return nil, err
	}
	size := cmp.Or(s.c.poolSize, poolSize)
	sp := &pool{expr: p.expr, version: version, indexed: s.learned.indexed}
	if sp.rowids, sp.keys, err = s.orderedPool(ctx, p.expr, among); err != nil {
		return nil, err
	}
	sp.n = len(sp.rowids)
	if sp.n == size {
		if sp.n, err = s.c.countAmong(ctx, p.expr, among); err != nil {
			return nil, err
		}
	}
	s.c.salePools.Add(1)
	s.c.pools.put(key, sp)
	return sp, nil
}

// saleAmong returns the condition, after a full-text MATCH of n matches, that keeps
// the products on sale: reading the few products on sale once costs less than looking
// each match up (fewOnSale).
func (c *Catalog) saleAmong(ctx context.Context, n int) (string, error) {
	few, err := c.fewOnSale(ctx, n)
	if err != nil || !few {
		return onSaleAmong, err
	}
	return saleFirstSQL, nil
}

// countAmong returns how many products match the full-text expression and pass the
// condition among, hidden or not.
func (c *Catalog) countAmong(ctx context.Context, expr, among string) (int, error) {
	var n int
	if err := c.queryRow(ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`+among, expr).Scan(&n); err != nil {
		return 0, fmt.Errorf("search on sale: %w", err)
	}
	return n, nil
}

// matchRowids returns the rowids of the products that match the full-text expression
// and pass the condition among, hidden or not, separated by commas.
func (c *Catalog) matchRowids(ctx context.Context, expr, among string) (string, error) {
	var list string
	if err := c.queryRow(ctx, `SELECT coalesce(group_concat(rowid), '') FROM products_fts WHERE products_fts MATCH ?`+among, expr).Scan(&list); err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	return list, nil
}

// salePoolCarried returns the pool of a word's matches on sale kept under key for an
// earlier text version, carried to the search's, or nil; words is how many products
// match the word (saleAmong). Across writes of indexed text
// it is carried as a word's pool is (textCarriedAmong, with the on-sale condition: the
// products written are ranked in). Across writes of no text (carriedFrom) the products
// whose on_sale changed are the only ones whose place may change: those put on sale
// that match join the pool's matches, those taken off leave them, and the pool's
// matches that stay keep their order, which no write moved (no indexed text, so no
// bm25, changed, nor what else the order reads). Those products are ranked in by the
// same rule (rankedCarry): a pool that held every match on sale still does; one that
// did not is cut after its last product not flipped, and built again when that leaves
// it shorter than a build's (a product of it taken off sale).
func (s *search) salePoolCarried(ctx context.Context, key string, words int) (*pool, error) {
	old, wr, err := s.carriedFrom(ctx, key)
	if err != nil {
		return nil, err
	}
	if old == nil {
		if s.c.pools.before(key, s.learned.version) == nil {
			return nil, nil
		}
		// The matches on sale are counted as a build counts them.
		sp, err := s.textCarriedAmong(ctx, key, carryFilter{among: onSaleAmong, count: func(ctx context.Context, expr string, _ []int64) (int, error) {
			among, err := s.c.saleAmong(ctx, words)
			if err != nil {
				return 0, err
			}
			return s.c.countAmong(ctx, expr, among)
		}, list: func(ctx context.Context, expr string) (string, error) {
			among, err := s.c.saleAmong(ctx, words)
			if err != nil {
				return "", err
			}
			return s.c.matchRowids(ctx, expr, among)
		}, walks: words})
		if sp != nil {
			s.c.saleTextCarried.Add(1)
		}
		return sp, err
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
		sp.textWritten, sp.keys, sp.matched = old.textWritten, old.keys, old.matched // no rank moved, nor what matches
		s.c.pools.put(key, sp)
		s.c.poolsCarried.Add(1)
		s.noteCarried(key, sp)
		return sp, nil
	}
	moved := make(map[int64]bool, len(flipped))
	for _, r := range flipped {
		moved[r] = true
	}
	// No text moved: the products flipped match as they did, so the matches on sale
	// are the pool's number and those of them put on sale less those taken off (the
	// walk that ranked them in told which match).
	return s.rankedCarry(ctx, key, old, moved, 0, carryFilter{among: onSaleAmong, count: func(_ context.Context, _ string, matching []int64) (int, error) {
		n := old.n
		for _, r := range matching {
			if !wr.products[r] {
				n++ // put on sale
			} else {
				n--
			}
		}
		return n, nil
	}})
}
