package catalog

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
)

// Building carried pools again in the background.
//
// A pool carried across writes of indexed text is the build's but for the drift of
// the catalog's statistics, which textCarried bounds by building it again once
// maxTextWritten products were written with text since it was built. That build
// orders every match of a common word (or its head and the products written since),
// a quarter of a second at a million products, and was paid by the search that found
// the bound passed. So a search that carried a pool past half the bound asks for it
// to be built again after the search has answered (refreshPools): the same query is
// searched once more in the background with carrying off (Query.rebuild), which
// builds every pool the query reads, as a search of a catalog that never carried
// would, and keeps them for the text version it read (pools.put replaces the carried
// pool of that version; a pool a later write already carried further is kept
// instead). The next carry starts from the built pool, so in the common case no
// search reaches the bound; one that does still builds the pool itself, as before.
// Nothing changes in what a search answers: a refreshed pool is a build.

// refresher is the state of a Catalog's background rebuilds of carried pools.
type refresher struct {
	mu sync.Mutex
	// inFlight holds the keys of the pools a refresh under way rebuilds.
	inFlight map[string]bool
	running  int // refreshes under way
	wg       sync.WaitGroup
	ctx      context.Context // ended by Close
	cancel   context.CancelFunc
	done     atomic.Int64 // refreshes ended (whether or not they built anything)
	// late counts the searches that found a pool past maxTextWritten, and so built
	// it, because no refresh had built it in time (SearchPoolStats.PastBound).
	late atomic.Int64
}

// staleTextWritten is how many products written with indexed text a carried pool may
// hold (pool.textWritten) before a search that carried it asks for a refresh.
const staleTextWritten = maxTextWritten / 2

// noteCarried records, for refreshPools, that the search carried the pool p it keeps
// under key across writes of indexed text.
func (s *search) noteCarried(key string, p *pool) {
	if p.textWritten > staleTextWritten && !slices.Contains(s.stale, key) {
		s.stale = append(s.stale, key)
	}
}

// refreshPools searches q again in the background with carrying off, when the search
// s of q carried pools past staleTextWritten and no refresh of them is under way.
func (c *Catalog) refreshPools(s *search, q Query) {
	if s == nil || len(s.stale) == 0 || c.refresh.ctx == nil {
		return
	}
	r := &c.refresh
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx.Err() != nil {
		return
	}
	var keys []string
	for _, k := range s.stale {
		if !r.inFlight[k] {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return
	}
	if r.inFlight == nil {
		r.inFlight = map[string]bool{}
	}
	for _, k := range keys {
		r.inFlight[k] = true
	}
	q.Cursor, q.rebuild = "", true
	r.running++
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		// An error leaves the carried pool: the search that passes the bound builds.
		c.search(r.ctx, q)
		r.mu.Lock()
		for _, k := range keys {
			delete(r.inFlight, k)
		}
		r.running--
		r.mu.Unlock()
		r.done.Add(1)
	}()
}

// stopRefresh ends the refreshes under way and waits for them (Close).
func (c *Catalog) stopRefresh() {
	r := &c.refresh
	r.mu.Lock()
	if r.cancel != nil {
		r.cancel()
	}
	r.mu.Unlock()
	r.wg.Wait()
}

// Refreshing returns how many background rebuilds of carried pools are under way and
// how many ended since the catalog was opened (benchmarks wait for them to end before
// timing a search, as for the background merge).
func (c *Catalog) Refreshing() (running int, ended int64) {
	c.refresh.mu.Lock()
	defer c.refresh.mu.Unlock()
	return c.refresh.running, c.refresh.done.Load()
}

// rebuiltKeys reads, for a pool p in relevance order that a refresh built (from a
// head, or by ordering every match, neither of which reads ranks), each match's rank
// and rating (pool.keys), so that its first carry ranks only the products written
// and one of each rank (placeWritten) instead of the whole pool: one walk of the
// matches with bm25 for the pool's products, in the background. among is the pool's
// carry condition (onSaleAmong for a pool of matches on sale). Keys whose order is
// not the pool's are not kept (the first carry then ranks the pool whole, as before).
func (s *search) rebuiltKeys(ctx context.Context, p *pool, among string) error {
	if !s.q.rebuild || s.q.Sort != SortRelevance || p.keys != nil || len(p.rowids) == 0 {
		return nil
	}
	rk, err := s.rankKeys(ctx, p.expr, p.rowids, among)
	if err != nil {
		return err
	}
	if slices.Equal(rk.rowids, p.rowids) {
		p.keys = rk.keys
	}
	return nil
}
