package catalog

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
)

// The log of the products each upsert wrote (products_written, migration 0055).
//
// Every write of product text moves catalog_changes.text, and what searches keep in
// memory for one version (search_pool.go) is forgotten when it moves. A derived copy
// that costs much to build and that a write changes only at the products written (the
// pool of a word's matches on sale, salepool.go) can instead be brought to the new
// version by checking those products again: the log says which they were, version by
// version. An upsert of at most maxWrittenLogged products logs them; every other move
// of the version logs nothing, and a reader that finds a version between its own and
// the current one unlogged builds again from scratch (writtenSince reports false).

// Bounds of products_written: an upsert logs at most maxWrittenLogged products (a
// larger one, an import's batch of thousands, is cheaper to follow by building again),
// and the log keeps the rows of the last writtenKeep versions.
const (
	maxWrittenLogged = 1024
	writtenKeep      = 64
)

// What a write changed of a product that orders a pool, the bits of
// products_written.changed: its price (price sorts), rating (relevance order breaks
// ties by it, rating order reads it), review count (rating order), or that it is new.
const (
	writtenPrice = 1 << iota
	writtenRating
	writtenReviews
	writtenNew
)

// writtenRow is a row of products_written.
type writtenRow struct {
	product    int64
	changed    int
	saleBefore *bool // nil for a new product
}

// writtenChanges returns the bits of products_written.changed for a stored product
// whose indexed columns were was and are now now.
func writtenChanges(was, now productIndexed) int {
	var changed int
	if was.amount != now.amount {
		changed |= writtenPrice
	}
	if was.rating != now.rating {
		changed |= writtenRating
	}
	if was.reviews != now.reviews {
		changed |= writtenReviews
	}
	return changed
}

// noteWritten notes, for logWritten, that the call wrote the product at rowid,
// changing what changed says and on sale before it when saleBefore says so (nil for a
// new product). A product written twice in one call keeps what it was before the call.
func (w *writer) noteWritten(rowid int64, changed int, saleBefore *bool) {
	if w.c == nil {
		return
	}
	for i := range w.logged {
		if w.logged[i].product == rowid {
			w.logged[i].changed |= changed
			return
		}
	}
	var before *bool
	if saleBefore != nil {
		b := *saleBefore
		before = &b
	}
	w.logged = append(w.logged, writtenRow{product: rowid, changed: changed, saleBefore: before})
}

// moveText moves catalog_changes.text for the writer's transaction and keeps the
// version it moved it to, under which logWritten logs the products written.
func (w *writer) moveText(ctx context.Context) error {
	st, err := w.stmt(ctx, `UPDATE catalog_changes SET text = text + 1 WHERE id = 1 RETURNING text`)
	if err != nil {
		return err
	}
	return st.QueryRowContext(ctx).Scan(&w.version)
}

// logWritten writes what noteWritten noted under the text version the call moved to,
// and deletes the rows of versions older than the last writtenKeep. A bulk load logs
// nothing (its version moves once for every product), and neither does an upsert of
// more than maxWrittenLogged products.
func (w *writer) logWritten(ctx context.Context) error {
	if w.c == nil || len(w.logged) == 0 || len(w.logged) > maxWrittenLogged {
		return nil
	}
	if err := w.exec(ctx, `DELETE FROM products_written WHERE version <= ?`, w.version-writtenKeep); err != nil {
		return fmt.Errorf("upsert: written log: %w", err)
	}
	args := make([]any, 0, 4*len(w.logged))
	for _, r := range w.logged {
		var before any
		if r.saleBefore != nil {
			before = *r.saleBefore
		}
		args = append(args, w.version, r.product, r.changed, before)
	}
	if err := w.exec(ctx, multiRow(`INSERT INTO products_written (version, product, changed, sale_before) VALUES (?, ?, ?, ?)`, len(w.logged)), args...); err != nil {
		return fmt.Errorf("upsert: written log: %w", err)
	}
	return nil
}

// written is what products_written says of the writes between two text versions.
type written struct {
	changed int // the bits of every product's changes, or'ed
	// products are the products written, by rowid: whether each was on sale before
	// the first of the writes (false for one new since).
	products map[int64]bool
}

// writtenSince returns what the writes that moved the text version from after from up
// to to (the version of the search's snapshot) wrote, and true; or false when some
// version in between logged nothing (see the top of this file), when the caller must
// build again what it kept for from.
func (c *Catalog) writtenSince(ctx context.Context, from, to int64) (written, bool, error) {
	if to <= from || to-from > writtenKeep {
		return written{}, to == from, nil
	}
	rows, err := c.query(ctx, `SELECT version, product, changed, coalesce(sale_before, 0) FROM products_written
		WHERE version > ? AND version <= ? ORDER BY version`, from, to)
	if err != nil {
		return written{}, false, fmt.Errorf("written log: %w", err)
	}
	defer rows.Close()
	wr := written{products: map[int64]bool{}}
	versions := map[int64]bool{}
	for rows.Next() {
		var (
			v, p, changed int64
			before        bool
		)
		if err := rows.Scan(&v, &p, &changed, &before); err != nil {
			return written{}, false, fmt.Errorf("written log: %w", err)
		}
		versions[v] = true
		wr.changed |= int(changed)
		if _, seen := wr.products[p]; !seen {
			wr.products[p] = before
		}
	}
	if err := rows.Err(); err != nil {
		return written{}, false, fmt.Errorf("written log: %w", err)
	}
	return wr, int64(len(versions)) == to-from, nil
}

// orderReads returns the bits of products_written.changed that can move a product in
// the search's order: relevance order breaks ties of bm25 by rating, the price sorts
// read the price, rating order the rating and review count. (bm25 itself moves only
// with indexed text, which carried checks apart.)
func (s *search) orderReads() int {
	switch s.q.Sort {
	case SortPriceAsc, SortPriceDesc:
		return writtenPrice | writtenNew
	case SortRating:
		return writtenRating | writtenReviews | writtenNew
	}
	return writtenRating | writtenNew
}

// carriedFrom returns the pool kept under key for an earlier text version than the
// search's when it may be carried to the search's version, with what was written in
// between; else nil. It may be when no indexed text changed since (so every match's
// bm25 and the match sets are the same), every version in between logged what it
// wrote, and none of that changed what the search's order reads.
func (s *search) carriedFrom(ctx context.Context, key string) (*pool, written, error) {
	if s.c.carryOff {
		return nil, written{}, nil
	}
	old := s.c.pools.before(key, s.learned.version)
	if old == nil || old.indexed != s.learned.indexed {
		return nil, written{}, nil
	}
	wr, ok, err := s.c.writtenSince(ctx, old.version, s.learned.version)
	if err != nil || !ok || wr.changed&s.orderReads() != 0 {
		return nil, written{}, err
	}
	return old, wr, nil
}

// carried returns the pool of key, a word's matches in the search's order, carried
// from an earlier text version (see carriedFrom), kept for the search's version; or
// nil. Its matches, their order and their number are the same: a new pool shares them,
// with what was read for the old one of its matches' text (titled, typed and facts).
func (s *search) carried(ctx context.Context, key string) (*pool, error) {
	old, _, err := s.carriedFrom(ctx, key)
	if old == nil || err != nil {
		return nil, err
	}
	p := old.carry(old.rowids, old.n, s.learned.version, s.learned.indexed)
	// Its ranks are the same (no indexed text changed) and so are its ratings
	// (orderReads): its keys too.
	p.textWritten, p.keys, p.matched = old.textWritten, old.keys, old.matched
	s.c.pools.put(key, p)
	s.c.poolsCarried.Add(1)
	s.noteCarried(key, p)
	return p, nil
}

// maxTextWritten bounds the products written with indexed text that a pool is carried
// across (textCarried), counted since it was built: past it the pool is built again.
const maxTextWritten = 64

// textCarried returns the pool of key, a word's matches in the search's order, carried
// from an earlier text version across writes of indexed text, kept for the search's
// version; or nil, for the pool to be built as before.
//
// What such a write can move. The products written may enter the word's matches, leave
// them, or take another place. A product not written keeps its text, so it still
// matches, and its price, rating and review count, so in the price and rating orders it
// keeps its key. In relevance order its bm25 moves with the catalog's statistics (the
// number of products, their average length, and the document count of the
// expression's words), all products' alike: for a one-word expression the document
// count scales every score by the same factor, so only the average length can swap two
// products, and only those whose scores lay within its change (ten descriptions in a
// million products move it by about a millionth).
//
// So the pool's matches and the products written are ranked again together, in one
// statement over those rowids (the word's match list is walked once, bm25 computed for
// them alone): the pool's products are ordered by the current statistics, and each
// written one that matches takes its place among them. A pool that held every match
// still does. Else the order is cut after the last of the pool's products not written
// (a written one ranked after it might follow products the pool never held), and the
// matches are counted again; a pool that the cut leaves shorter than a build's (a
// written product left it) is built again. In the price and rating orders this is the pool a build
// gives. In relevance order it is the build's except where the statistics' change
// swapped a product from beyond the pool with one of its own: bounded by building
// again once maxTextWritten products were written with text since the pool was built
// (TestCarriedPoolsEqualBuilt holds pages equal to a build's across such writes).
func (s *search) textCarried(ctx context.Context, key string) (*pool, error) {
	return s.textCarriedAmong(ctx, key, s.wordFilter())
}

// carryFilter is what a carried pool's matches pass besides its expression: nothing
// for a word's pool; being on sale for the pool of its matches on sale.
type carryFilter struct {
	// among is the condition after the MATCH that ranking a few rowids checks (see
	// rankKeys): "" for none.
	among string
	// count returns how many products match expr and pass, hidden or not, for a
	// pool that does not hold every one; moved are those of the products moved since
	// the pool (see rankedCarry) that match expr now, in rowid order.
	count func(ctx context.Context, expr string, moved []int64) (int, error)
	// list returns every product that matches expr and passes, as rowids separated
	// by commas, for the pool to keep as a set (pool.matched); nil where count costs
	// no walk of the matches.
	list func(ctx context.Context, expr string) (string, error)
	// walks is how many full-text matches count and list walk: 0 for the pool's own
	// (a word's pool), the word's for the pool of its matches on sale.
	walks int
}

// wordFilter is the carryFilter of a word's pool.
func (s *search) wordFilter() carryFilter {
	return carryFilter{count: func(ctx context.Context, expr string, _ []int64) (int, error) {
		return s.c.countUpTo(ctx, expr, 1<<62)
	}, list: func(ctx context.Context, expr string) (string, error) {
		return s.c.matchRowids(ctx, expr, "")
	}}
}

// textCarriedAmong is textCarried for a pool of the matches that pass f: a word's
// pool, or the pool of its matches on sale (salePoolCarried).
func (s *search) textCarriedAmong(ctx context.Context, key string, f carryFilter) (*pool, error) {
	if s.c.carryOff {
		return nil, nil
	}
	old := s.c.pools.before(key, s.learned.version)
	if old == nil || old.indexed == s.learned.indexed {
		return nil, nil
	}
	wr, ok, err := s.c.writtenSince(ctx, old.version, s.learned.version)
	if err != nil || !ok {
		return nil, err
	}
	if old.textWritten+len(wr.products) > maxTextWritten {
		s.c.refresh.late.Add(1) // no refresh built it in time (refresh.go)
		return nil, nil
	}
	return s.rankedCarry(ctx, key, old, wr.products, len(wr.products), f)
}

// rankedCarry returns the pool old of key, carried to the search's version with the
// products of moved ranked in: products whose place in the pool's order, or whose
// being in it at all, the writes since old may have changed (written with text, or put
// on or taken off sale), textWritten of them written with indexed text. The pool's
// other products keep their matching (and their passing f) and, but for the
// statistics' drift textCarried bounds, their order. So the pool's products and those
// of moved are ranked again together, in one statement over those rowids (or only
// moved's and one of the others of each rank, placeWritten), keeping those that match and pass f now; a
// pool that held every match still does; else the order is cut after the last of the
// pool's products not in moved (one of moved ranked after it might follow products
// the pool never held) and the matches counted again (carryMatches: by the products
// of moved alone once the pool keeps its matches as a set), and a pool that the
// cut leaves shorter than a build's (one of moved left it) is built again (nil). The
// one rule for a word's pool across writes of text and for the pool of its matches on
// sale across those and across products put on or taken off sale.
func (s *search) rankedCarry(ctx context.Context, key string, old *pool, moved map[int64]bool, textWritten int, f carryFilter) (*pool, error) {
	cands := slices.Clone(old.rowids)
	kept := 0
	for _, r := range old.rowids {
		if _, w := moved[r]; !w {
			kept++
		}
	}
	if kept == 0 {
		return nil, nil
	}
	for r := range moved {
		if !slices.Contains(old.rowids, r) {
			cands = append(cands, r)
		}
	}
	rk, placed, err := s.placeWritten(ctx, old, moved, f.among)
	if err != nil {
		return nil, err
	}
	if !placed {
		if rk, err = s.rankKeys(ctx, old.expr, cands, f.among); err != nil {
			return nil, err
		}
		if s.q.Sort != SortRelevance {
			rk.keys = nil
		}
	}
	ranked, keys := rk.rowids, rk.keys
	n, size := len(ranked), cmp.Or(s.c.poolSize, poolSize)
	var matched []uint64
	if !old.complete() {
		admitted := make(map[int64]bool, len(moved))
		for _, r := range ranked {
			if _, m := moved[r]; m {
				admitted[r] = true
			}
		}
		last := -1
		for i, r := range ranked {
			if _, w := moved[r]; !w {
				last = i
			}
		}
		ranked = ranked[:last+1]
		if keys != nil {
			keys = keys[:last+1]
		}
		if len(ranked) < size {
			// Shorter than a build's: a search would read other matches than a
			// build's pool gives it (facets, reranking's sample), or fall back.
			return nil, nil
		}
		if matched, n, err = s.carryMatches(ctx, old, moved, admitted, rk.matching, f); err != nil {
			return nil, err
		}
	}
	ranked = ranked[:min(len(ranked), size)]
	if keys != nil {
		keys = keys[:len(ranked)]
	}
	var p *pool
	if old.indexed == s.learned.indexed {
		// No indexed text moved: what was read of the matches' text still holds.
		p = old.carry(ranked, n, s.learned.version, s.learned.indexed)
		s.c.saleRanked.Add(1)
	} else {
		p = &pool{expr: old.expr, n: n, rowids: ranked, version: s.learned.version, indexed: s.learned.indexed}
		// What was read of the matches' titles and types is read again; the facts of
		// reranking are kept for the products not written.
		old.titledMu.Lock()
		p.facts = maps.Clone(old.facts)
		old.titledMu.Unlock()
		for r := range moved {
			delete(p.facts, r)
		}
		s.c.textCarried.Add(1)
	}
	p.keys, p.textWritten, p.matched = keys, old.textWritten+textWritten, matched
	s.c.pools.put(key, p)
	s.c.poolsCarried.Add(1)
	s.noteCarried(key, p)
	if placed {
		s.c.textPlaced.Add(1)
	}
	return p, nil
}

// minSetMatches is, in pool sizes, how many full-text matches counting a pool's
// matches walks for it to keep them as a set (pool.matched) when carried: walking
// fewer costs little.
const minSetMatches = 16

// carryMatches returns how many products match old's expression and pass f now, for
// rankedCarry carrying old (which does not hold every match) across the writes of
// moved, with the set of them to keep (nil for none); admitted are those of moved that
// match and pass now, matching those of them (and maybe others) that match now. The
// products not in moved match and pass as they did, so a set old kept is carried by
// moved's bits alone; else, for a pool of many matches, the set is read (one walk of
// the matches, as counting them is) while there is room for it; else they are counted
// (f.count).
func (s *search) carryMatches(ctx context.Context, old *pool, moved, admitted map[int64]bool, matching []int64, f carryFilter) ([]uint64, int, error) {
	if old.matched != nil {
		set, n := slices.Clone(old.matched), old.n
		for r := range moved {
			if inSet(set, r) == admitted[r] {
				continue
			}
			on := admitted[r]
			set = markRowid(set, r, on)
			if on {
				n++
			} else {
				n--
			}
		}
		return set, n, nil
	}
	if f.list != nil && cmp.Or(f.walks, old.n) >= minSetMatches*cmp.Or(s.c.poolSize, poolSize) && s.c.pools.setRoom() {
		list, err := f.list(ctx, old.expr)
		if err != nil {
			return nil, 0, err
		}
		set, n, err := markList(nil, list, true)
		if err != nil {
			return nil, 0, fmt.Errorf("search: %w", err)
		}
		return set, n, nil
	}
	var movedMatching []int64
	for _, r := range matching {
		if _, m := moved[r]; m {
			movedMatching = append(movedMatching, r)
		}
	}
	n, err := f.count(ctx, old.expr, movedMatching)
	return nil, n, err
}

// carry returns a pool of p's expression at version and indexed with rowids and n,
// and what p read of its matches' text, copied (it depends on indexed text alone).
func (p *pool) carry(rowids []int64, n int, version, indexed int64) *pool {
	q := &pool{expr: p.expr, n: n, rowids: rowids, version: version, indexed: indexed}
	p.titledMu.Lock()
	defer p.titledMu.Unlock()
	q.titled = p.titled
	q.typed = maps.Clone(p.typed)
	q.facts = maps.Clone(p.facts)
	return q
}

// poolKey is what orders a pool's match in relevance order besides its rowid.
type poolKey struct {
	rank   float64 // bm25 as FTS5's rank gives it: the lower the better
	rating float64
}

// before reports whether the match (a, ra) comes before (b, rb) in relevance order:
// rank, then rating from the highest, then rowid (as orderBy says).
func (a poolKey) before(ra int64, b poolKey, rb int64) bool {
	if a.rank != b.rank {
		return a.rank < b.rank
	}
	if a.rating != b.rating {
		return a.rating > b.rating
	}
	return ra < rb
}

// ranking is what one walk of an expression's matches read of some rowids (rankKeys).
type ranking struct {
	// rowids are those that match and that the walk's condition admits, in the
	// search's order, with their keys (ranks zero outside relevance order).
	rowids []int64
	keys   []poolKey
	// matching are, in rowid order, all of them that match, admitted or not.
	matching []int64
}

// rankKeys ranks those of rowids that match expr now and that the condition among
// admits (see carryFilter), in the search's order, with their rank and rating (read in
// relevance order; zero in another), and tells every one of rowids that matches expr
// now, admitted or not: one walk of expr's matches tells both.
func (s *search) rankKeys(ctx context.Context, expr string, rowids []int64, among string) (ranking, error) {
	w, err := s.walkKeys(ctx, expr, rowids, among)
	if err != nil {
		return ranking{}, err
	}
	return w.ranking(rowids, among), nil
}

// walked is what one walk of an expression's matches read, at the search's snapshot,
// of the rowids it was asked (walkKeys): those that match now, in the search's order,
// with their keys and whether the walk's condition among admits them.
type walked struct {
	version     int64 // the text version of the snapshot (s.learned.version)
	expr, among string
	asked       map[int64]bool
	rowids      []int64
	keys        []poolKey
	admits      []bool
}

// walkKeys walks expr's matches once for rowids (see rankKeys).
func (s *search) walkKeys(ctx context.Context, expr string, rowids []int64, among string) (*walked, error) {
	rank := "0.0"
	if s.q.Sort == SortRelevance {
		rank = "products_fts.rank"
	}
	rows, err := s.c.query(ctx, `SELECT k.rowid, `+rank+`, k.rating, (1`+among+`)
		FROM products_fts JOIN product_keys k ON k.rowid = products_fts.rowid
		WHERE products_fts MATCH ? AND +products_fts.rowid IN (SELECT value FROM json_each(?)) ORDER BY `+s.orderBy(),
		expr, sortedList(rowids))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	w := &walked{version: s.learned.version, expr: expr, among: among, asked: make(map[int64]bool, len(rowids))}
	for _, r := range rowids {
		w.asked[r] = true
	}
	for rows.Next() {
		var (
			r      int64
			k      poolKey
			admits bool
		)
		if err := rows.Scan(&r, &k.rank, &k.rating, &admits); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		w.rowids, w.keys, w.admits = append(w.rowids, r), append(w.keys, k), append(w.admits, admits)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return w, nil
}

// serves reports whether the walk tells what a walk of expr for ask under the
// condition among (the walk's own, or "" for none) would, at the text version.
func (w *walked) serves(version int64, expr string, ask []int64, among string) bool {
	if w == nil || w.version != version || w.expr != expr || among != "" && among != w.among {
		return false
	}
	for _, r := range ask {
		if !w.asked[r] {
			return false
		}
	}
	return true
}

// ranking returns what the walk tells of ask, among its asked rowids, under the
// condition among (the walk's, or "" to admit every match) as rankKeys returns it.
func (w *walked) ranking(ask []int64, among string) ranking {
	in := make(map[int64]bool, len(ask))
	for _, r := range ask {
		in[r] = true
	}
	var rk ranking
	for i, r := range w.rowids {
		if !in[r] {
			continue
		}
		rk.matching = append(rk.matching, r)
		if among == "" || w.admits[i] {
			rk.rowids, rk.keys = append(rk.rowids, r), append(rk.keys, w.keys[i])
		}
	}
	slices.Sort(rk.matching)
	return rk
}

// placingRanks is rankKeys for placeWritten, sharing one walk between the pools a
// search places for one expression: a search with the on-sale filter may place a
// word's pool and then the pool of its matches on sale across the same writes of
// text (salePoolCarried), each walking every match of the word (about 30 ms for a
// common word at a million products). So the walk that places the word's pool asks
// too for what the pool of matches on sale will (salePlacing), with its condition,
// and the search keeps it (search.placed): a later placing of the same expression
// at the same snapshot whose rowids it asked takes its rows from it. The ranks are
// the same: one expression, one snapshot.
func (s *search) placingRanks(ctx context.Context, expr string, ask []int64, among string) (ranking, error) {
	if s.placed.serves(s.learned.version, expr, ask, among) {
		return s.placed.ranking(ask, among), nil
	}
	walkAsk, walkAmong := ask, among
	if among == "" {
		more, err := s.salePlacing(ctx, expr)
		if err != nil {
			return ranking{}, err
		}
		if more != nil {
			walkAsk, walkAmong = append(slices.Clip(ask), more...), onSaleAmong
		}
	}
	w, err := s.walkKeys(ctx, expr, walkAsk, walkAmong)
	if err != nil {
		return ranking{}, err
	}
	s.c.placingWalks.Add(1)
	s.placed = w
	return w.ranking(ask, among), nil
}

// salePlacing returns the rowids that placing the pool of expr's matches on sale
// will ask (placeWritten) when the search, which has the on-sale filter, carries that
// pool across writes of text (salePoolCarried); nil when it will not place one.
func (s *search) salePlacing(ctx context.Context, expr string) ([]int64, error) {
	if !s.q.onSale || s.q.rebuild || s.c.salePoolOff || s.c.carryOff || s.c.chunk() <= 0 {
		return nil, nil
	}
	key := salePoolKey(s.q.Sort, expr)
	old := s.c.pools.before(key, s.learned.version)
	if old == nil || old.indexed == s.learned.indexed || s.c.pools.get(key, s.learned.version) != nil {
		return nil, nil
	}
	wr, ok, err := s.c.writtenSince(ctx, old.version, s.learned.version)
	if err != nil || !ok || old.textWritten+len(wr.products) > maxTextWritten {
		return nil, err
	}
	pl, ok := placingOf(old, wr.products)
	if !ok {
		return nil, nil
	}
	return pl.ask, nil
}

// placing is what placeWritten asks of a pool's matches to place the products moved
// since it: the pool's others (kept), with their keys, one of them for each rank
// (ofRank: the rank before), and the rowids to rank again (ask).
type placing struct {
	kept     []int64
	keptKeys []poolKey
	ofRank   map[int64]float64
	ask      []int64
}

// placingOf returns what placeWritten asks of old across the writes of moved, and
// false when it cannot place them (an expression of more than one phrase, keys not
// read, no product kept).
func placingOf(old *pool, moved map[int64]bool) (placing, bool) {
	if !onePhrase(old.expr) || len(old.keys) != len(old.rowids) {
		return placing{}, false
	}
	pl := placing{ofRank: map[int64]float64{}}
	taken := map[float64]bool{}
	for i, r := range old.rowids {
		if _, w := moved[r]; w {
			continue
		}
		pl.kept, pl.keptKeys = append(pl.kept, r), append(pl.keptKeys, old.keys[i])
		if rank := old.keys[i].rank; !taken[rank] {
			taken[rank] = true
			pl.ofRank[r] = rank
		}
	}
	if len(pl.kept) == 0 {
		return placing{}, false
	}
	pl.ask = slices.AppendSeq(make([]int64, 0, len(pl.ofRank)+len(moved)), maps.Keys(pl.ofRank))
	pl.ask = slices.AppendSeq(pl.ask, maps.Keys(moved))
	return pl, true
}

// placeWritten returns the pool old's matches and the products moved since in
// relevance order with their keys, ranking again only the products moved and, of old's
// others (kept), one product of each rank, and true; or false when it cannot (another
// order, an expression of more than one phrase, keys not read, a kept product no longer
// matching), for all of them to be ranked again.
//
// For an expression of one phrase a match's bm25 is the phrase's inverse document
// frequency times a function of the product's weighted count of the phrase and its
// length (and the catalog's average length): products of one rank have the same count
// and length (products of equal text, as templated catalogs have many), so they rank
// alike after the catalog's statistics moved too, and a kept product not written keeps
// its count and length. So one product of each rank the pool's kept products have is
// ranked again in the same statement as the products moved (one walk of the word's
// matches, bm25 for those rows alone), and every kept product takes its rank's rank
// now: exact ranks, so that a written product tying kept ones exactly is ordered by
// rating and rowid as a build orders it, and kept products whose order the average
// length's move swapped are sorted again. A pool of distinct ranks costs what ranking
// it whole costs.
func (s *search) placeWritten(ctx context.Context, old *pool, moved map[int64]bool, among string) (ranking, bool, error) {
	if s.q.Sort != SortRelevance {
		return ranking{}, false, nil
	}
	pl, ok := placingOf(old, moved)
	if !ok {
		return ranking{}, false, nil
	}
	kept, keptKeys, ofRank := pl.kept, pl.keptKeys, pl.ofRank
	rk, err := s.placingRanks(ctx, old.expr, pl.ask, among)
	if err != nil {
		return ranking{}, false, err
	}
	got, keys := rk.rowids, rk.keys
	now := make(map[float64]float64, len(ofRank)) // rank before → rank now
	var (
		written []int64
		wKeys   []poolKey
	)
	for i, r := range got {
		if before, ok := ofRank[r]; ok {
			now[before] = keys[i].rank
			continue
		}
		written, wKeys = append(written, r), append(wKeys, keys[i])
	}
	if len(now) != len(ofRank) {
		return ranking{}, false, nil
	}
	order := make([]int, len(kept))
	for i := range kept {
		order[i] = i
		keptKeys[i].rank = now[keptKeys[i].rank]
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if keptKeys[a].before(kept[a], keptKeys[b], kept[b]) {
			return -1
		}
		if keptKeys[b].before(kept[b], keptKeys[a], kept[a]) {
			return 1
		}
		return 0
	})
	out := make([]int64, 0, len(kept)+len(written))
	outKeys := make([]poolKey, 0, len(kept)+len(written))
	j := 0
	for _, i := range order {
		r, k := kept[i], keptKeys[i]
		for j < len(written) && wKeys[j].before(written[j], k, r) {
			out, outKeys = append(out, written[j]), append(outKeys, wKeys[j])
			j++
		}
		out, outKeys = append(out, r), append(outKeys, k)
	}
	out, outKeys = append(out, written[j:]...), append(outKeys, wKeys[j:]...)
	return ranking{rowids: out, keys: outKeys, matching: rk.matching}, true, nil
}
