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

// Bounds on the work of a text search, whatever the catalog's size.
//
// FTS5 ranks a match set by computing bm25 for every match (about 2.5 µs each on a
// small machine), and a search sorted by price reads every match's price, so a word in
// a fifth of a million products costs half a second to order in full. A search with at
// most maxExact full-text matches is ordered in full, every time. A larger match set is
// ordered in full once per sort (or, in relevance order, drawn from the match set's
// head, see heads.go): its first poolSize matches in that order (before any
// filter) are kept in memory as a pool, until product text changes (or a product's
// visibility, price or rating, which only an upsert changes, which moves the text
// too). A search then filters the pool in order, a chunk at a time, and stops once it
// has its page and has read the first chunk, whose passing matches the facets are
// counted over. The pool holds the true first matches, so the page drawn from it is
// the page the full ordering gives, as long as enough of the pool passes the filters;
// when too few do, the search is ordered in full after all. When the pool holds every
// match, the rest of it is counted for an exact total; else the total is estimated
// from the share of the chunks read that passes, and marked as an estimate
// (Result.TotalEstimated). A browse reads its index the same way (browseChunks).
const (
	maxExact = 1000
	poolSize = 4000
	// poolChunk is how many of a pool's matches a search filters at a time; a search
	// reads one chunk unless its page needs more (see fromPool).
	poolChunk = 1000
	// maxPools bounds the pools kept (at most 32 KB each); past it they are all dropped.
	maxPools = 512
)

// pool is the first matches of one full-text expression in one order; one that
// pools.few keeps holds none of them, only their number and titled matches.
type pool struct {
	expr   string  // the full-text expression
	n      int     // all full-text matches, hidden or not
	rowids []int64 // the first poolSize of them, in order
	// version and indexed are catalog_changes.text and .indexed of the snapshot the
	// pool is right for (pools.byKey keeps it under; see carried).
	version, indexed int64
	// textWritten is how many products written with indexed text the pool was carried
	// across since it was built (see textCarried); 0 for one built.
	textWritten int
	// keys are, in relevance order, each of rowids' rank (bm25, negative) and rating
	// as the pool's last ranking read them, for textCarried; nil when not read (a
	// pool drawn from a head, unless a refresh read them: rebuiltKeys).
	keys []poolKey
	// matched is every match of the pool (that passes its carry filter, see
	// carryFilter), as a bitmap by rowid, that a carry across writes keeps in step
	// with the products written instead of counting the matches again (see
	// rankedCarry); nil until a carry read it. It is never changed once the pool is
	// kept: a carry changes a copy.
	matched []uint64
	// titled is what titledMatches returns for the expression, kept once read (it
	// depends on the text only, as the pool does); nil until then.
	titledMu sync.Mutex
	titled   []Ref
	// typed is what typedMatches returns for the expression, by order and types, kept
	// once read; guarded by titledMu too.
	typed map[string][]int64
	// facts are the rows of product_rank that searches drawn from the pool read for
	// reranking, by rowid (see keptFacts); guarded by titledMu too.
	facts map[int64]keptRank
}

// complete reports whether the pool holds every match.
func (p *pool) complete() bool { return len(p.rowids) == p.n }

// pools keeps pools by full-text expression and order, and the expressions found to
// have too few matches for one, for one value of catalog_changes.text.
type pools struct {
	mu      sync.Mutex
	version int64
	// byKey holds pools by order and expression, each for the text version it says: a
	// pool of an earlier version answers no search, but a search of a later one may
	// carry it over (carried) instead of ordering the matches again.
	byKey map[string]*pool
	// few holds, for the expressions that have at most maxExact matches, a pool of none
	// of them with their number (hidden or not): a search for one orders its matches in
	// full without counting them first, and keeps its titled matches there.
	few map[string]*pool
	// kept holds, by order and expression, the pools of every match of the expressions
	// of few searched again in this version (see keptOrder); apart from byKey, so that
	// they never crowd out the pools of common words, which cost far more to build.
	kept map[string]*pool
	// sets is how many pools of byKey hold a matched set (at most maxMatchSets, give
	// or take the carries under way).
	sets int
}

// maxMatchSets bounds the pools that keep their matches as a set (pool.matched: a
// bit per rowid, 125 KB at a million products).
const maxMatchSets = 32

// setRoom reports whether one more pool may keep its matches as a set.
func (ps *pools) setRoom() bool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.sets < maxMatchSets
}

// maxFew bounds the expressions pools.few keeps (about 100 bytes each, and 800 more
// once their titled matches are read); past it, they are all dropped.
const maxFew = 4096

// at forgets what was kept for another version than version (byKey's pools say
// their own).
func (ps *pools) at(version int64) {
	if ps.version != version {
		ps.version, ps.few, ps.kept = version, nil, nil
	}
}

// get returns the pool kept under key for version, or nil.
func (ps *pools) get(key string, version int64) *pool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if p := ps.byKey[key]; p != nil && p.version == version {
		return p
	}
	return nil
}

// before returns the pool kept under key for a version earlier than version, or nil.
func (ps *pools) before(key string, version int64) *pool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if p := ps.byKey[key]; p != nil && p.version < version {
		return p
	}
	return nil
}

// put keeps p under key for p.version, unless a pool of a later version is kept there,
// first dropping every pool once maxPools are kept. A pool built in place of one of the
// same version (a refresh, refresh.go) takes the set of matches that one kept when it
// keeps none and counts as many: the set is exact (the matches, not their order, which
// is what the refresh builds again), and reading it again walks every match.
func (ps *pools) put(key string, p *pool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if old := ps.byKey[key]; old != nil && old.version > p.version {
		return
	} else if old != nil && old.version == p.version && p.matched == nil && old.n == p.n {
		p.matched = old.matched
	}
	if ps.byKey == nil || len(ps.byKey) >= maxPools {
		ps.byKey, ps.sets = map[string]*pool{}, 0
	}
	if old := ps.byKey[key]; old != nil && old.matched != nil {
		ps.sets--
	}
	if p.matched != nil {
		ps.sets++
	}
	ps.byKey[key] = p
}

// fewOf returns what putFew kept of expr for version, or nil.
func (ps *pools) fewOf(expr string, version int64) *pool { return ps.lookup(&ps.few, expr, version) }

func (ps *pools) putFew(version int64, p *pool) { ps.keep(&ps.few, maxFew, p.expr, version, p) }

// keptOf returns what putKept kept under key for version, or nil.
func (ps *pools) keptOf(key string, version int64) *pool { return ps.lookup(&ps.kept, key, version) }

func (ps *pools) putKept(key string, version int64, p *pool) {
	ps.keep(&ps.kept, maxKept, key, version, p)
}

// lookup returns what *m, one of ps's maps, holds under key for version, or nil.
func (ps *pools) lookup(m *map[string]*pool, key string, version int64) *pool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.version != version {
		return nil
	}
	return (*m)[key]
}

// keep puts p under key in *m, one of ps's maps, for version (forgetting what every
// map held for another), first dropping all of *m once it holds bound.
func (ps *pools) keep(m *map[string]*pool, bound int, key string, version int64, p *pool) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.at(version)
	if *m == nil || len(*m) >= bound {
		*m = map[string]*pool{}
	}
	(*m)[key] = p
}

// maxKept bounds the orders pools.kept holds (at most maxExact rowids, 8 KB, each);
// past it, they are all dropped.
const maxKept = 512

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

// pool returns the pool of expr in the search's order, building it when the catalog
// has none for the current text (from expr's head when it has one, see heads.go);
// when expr has at most maxExact matches, which is counted once per text version, nil
// (order them in full instead) the first time, and from then on the order kept for it
// (see keptOrder).
func (s *search) pool(ctx context.Context, expr string) (*pool, error) {
	// The learned view was read for the text version of the search's snapshot.
	version := s.learned.version
	key := string(s.q.Sort) + " " + expr
	if !s.q.rebuild {
		if p := s.c.pools.get(key, version); p != nil {
			return p, nil
		}
		if p, err := s.carried(ctx, key); p != nil || err != nil {
			return p, err
		}
		if p, err := s.textCarried(ctx, key); p != nil || err != nil {
			return p, err
		}
	}
	exact := cmp.Or(s.c.exactUpTo, maxExact)
	if f := s.c.pools.fewOf(expr, version); f != nil && f.n <= exact {
		s.few = f
		return s.keptOrder(ctx, key, version, f)
	}
	n, err := s.c.countUpTo(ctx, expr, exact+1)
	if err != nil {
		return nil, err
	}
	if n <= exact {
		s.few = &pool{expr: expr, n: n}
		s.c.pools.putFew(version, s.few)
		return nil, nil
	}
	p, err := s.headPool(ctx, expr)
	if err == nil && p == nil {
		p, err = s.buildPool(ctx, expr)
	}
	if err == nil {
		err = s.rebuiltKeys(ctx, p, "")
	}
	if err != nil {
		return nil, err
	}
	p.version, p.indexed = version, s.learned.indexed
	s.c.pools.put(key, p)
	return p, nil
}

// keptOrder returns the pool of every match of f's expression in the search's order,
// kept under key for the text version, for an expression searched before in this
// version (f was counted then): ordering its matches once more and keeping the order
// costs about what ordering them costs, and every later search of it (a next page, the
// same question asked again, another filter) then filters the order as a pool's
// chunk instead of ranking every match (bm25, which looks up each match's document
// length, and a sort in SQL), and finds the rows of product_rank that reranking read
// kept with it (keptFacts). That holds for an expression of at most rerankPool
// matches too, whose first search reads those rows with its matches (foldsFacts). It
// returns nil, for the matches to be ranked in full as before, for a catalog that
// orders every search in full (SetExhaustive). The order depends on the text version
// only, as a common word's pool does: filters, stock included, are applied to it at
// each search (fromPool).
func (s *search) keptOrder(ctx context.Context, key string, version int64, f *pool) (*pool, error) {
	if s.c.chunk() <= 0 {
		return nil, nil
	}
	if p := s.c.pools.keptOf(key, version); p != nil {
		return p, nil
	}
	list, err := s.ordered(ctx, f.expr, "", nil, f.n+1)
	if err != nil {
		return nil, err
	}
	p := &pool{expr: f.expr, n: f.n}
	if p.rowids, err = parseRowids(list, f.n+1); err != nil {
		return nil, err
	}
	if len(p.rowids) != f.n {
		// Not the count of this version: rank in full, as a search of few matches does.
		return nil, nil
	}
	s.c.pools.putKept(key, version, p)
	return p, nil
}

// buildPool orders every match of expr as the search's order does and keeps
// the first poolSize, with the number of matches.
func (s *search) buildPool(ctx context.Context, expr string) (*pool, error) {
	s.c.fullOrders.Add(1)
	p := &pool{expr: expr}
	var err error
	if p.rowids, p.keys, err = s.orderedPool(ctx, expr, ""); err != nil {
		return nil, err
	}
	if p.n, err = s.c.countUpTo(ctx, expr, 1<<62); err != nil {
		return nil, err
	}
	return p, nil
}

// ordered returns the rowids of the first limit matches of expr in the search's order,
// as a list separated by commas: of every match, or of those that the condition
// among, written after the MATCH with its arguments args, admits. It reads them as
// one row: one row per match would cost several times more.
func (s *search) ordered(ctx context.Context, expr, among string, args []any, limit int) (string, error) {
	var list string
	err := s.c.queryRow(ctx, `SELECT coalesce(group_concat(rowid), '') FROM (SELECT k.rowid AS rowid
		FROM products_fts JOIN product_keys k ON k.rowid = products_fts.rowid
		WHERE products_fts MATCH ?`+among+` ORDER BY `+s.orderBy()+` LIMIT `+strconv.Itoa(limit)+`)`,
		append([]any{expr}, args...)...).Scan(&list)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	return list, nil
}

// orderedPool returns the first poolSize matches of expr in the search's order that
// the condition among admits (see ordered), and in relevance order their keys
// (pool.keys): the rank and rating the ordering read, for the pool's first carry
// across writes of text to rank only the products written and one of each rank
// (placeWritten). At most poolSize rows: reading them as rows costs a few
// milliseconds beside ordering every match.
func (s *search) orderedPool(ctx context.Context, expr, among string) ([]int64, []poolKey, error) {
	size := cmp.Or(s.c.poolSize, poolSize)
	if s.q.Sort != SortRelevance {
		list, err := s.ordered(ctx, expr, among, nil, size)
		if err != nil {
			return nil, nil, err
		}
		rowids, err := parseRowids(list, size)
		return rowids, nil, err
	}
	rows, err := s.c.query(ctx, `SELECT k.rowid, products_fts.rank, k.rating
		FROM products_fts JOIN product_keys k ON k.rowid = products_fts.rowid
		WHERE products_fts MATCH ?`+among+` ORDER BY `+s.orderBy()+` LIMIT `+strconv.Itoa(size), expr)
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var (
		rowids []int64
		keys   []poolKey
	)
	for rows.Next() {
		var (
			r int64
			k poolKey
		)
		if err := rows.Scan(&r, &k.rank, &k.rating); err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		rowids, keys = append(rowids, r), append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	return rowids, keys, nil
}

// parseRowids reads the first limit rowids of a list separated by commas.
func parseRowids(list string, limit int) ([]int64, error) {
	var rowids []int64
	for id := range strings.SplitSeq(list, ",") {
		if len(rowids) == limit {
			break
		}
		if id == "" {
			continue
		}
		rowid, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("search: a full-text match reads as %q", id)
		}
		rowids = append(rowids, rowid)
	}
	return rowids, nil
}

// FullOrders returns how many times c has ordered every match of a common word's
// full-text expression to keep its first matches (see buildPool): what a search does
// the first time it needs such a word's pool, unless the word has a head (heads.go).
func (c *Catalog) FullOrders() int64 { return c.fullOrders.Load() }

// SearchPoolStats counts what a catalog did with the pools of common words since it
// was opened (for benchmarks: `bench writes` prints them beside its times).
type SearchPoolStats struct {
	Built       int64 // pools built by ordering every match (FullOrders)
	Carried     int64 // pools carried to a later text version, text or not
	TextCarried int64 // of those, carried across writes of indexed text
	Placed      int64 // carried with only the products written (or flipped) and one product of each rank ranked
	Walks       int64 // walks of a word's matches that placed products in carried pools (one may serve two pools)
	SalePools   int64 // pools of a word's matches on sale built (salePool)
	SaleRanked  int64 // pools of matches on sale carried with products put on or off sale ranked in
	SaleText    int64 // pools of matches on sale carried across writes of indexed text
	PastBound   int64 // searches that built a pool carried past maxTextWritten, no refresh having built it (refresh.go)
}

// SearchPools returns what c did with its search pools so far.
func (c *Catalog) SearchPools() SearchPoolStats {
	return SearchPoolStats{Built: c.fullOrders.Load(), Carried: c.poolsCarried.Load(), TextCarried: c.textCarried.Load(),
		Placed: c.textPlaced.Load(), Walks: c.placingWalks.Load(), SalePools: c.salePools.Load(), SaleRanked: c.saleRanked.Load(),
		SaleText: c.saleTextCarried.Load(), PastBound: c.refresh.late.Load()}
}

// fromPool returns, in the pool's order, the matches of p that pass the search's
// filters: at least need of them when there are as many, and for the facets those of
// the first poolChunk of p, up to FacetCap (the first FacetCap, wherever they are, for
// a search that reranks). The total is exact when p holds
// every match (the rest of p is then counted in SQL, which costs less than reading
// it), else estimated from the share that passed. It reports false when fewer than
// need pass and p does not hold every match: the search must be ordered in full.
//
// So a search reads poolChunk rows of product_keys unless its page lies deeper (or
// its filters pass few): reading a row costs about as much as everything else a
// search does per match.
func (s *search) fromPool(ctx context.Context, p *pool, need int) (ms []match, total int, estimated, ok bool, err error) {
	read := 0
	size, sample := s.c.chunk(), s.c.chunk()
	if s.intent != nil {
		// Reranking reads the best FacetCap matches (see rerank), which must be those
		// of the full ordering.
		sample = len(p.rowids)
	}
	for read < len(p.rowids) && (len(ms) < need || len(ms) < FacetCap && read < sample) {
		chunk := p.rowids[read:min(read+size, len(p.rowids))]
		if ms, err = s.passing(ctx, chunk, ms); err != nil {
			return nil, 0, false, false, err
		}
		read += len(chunk)
	}
	if len(ms) < need && !p.complete() {
		return nil, 0, false, false, nil
	}
	if p.complete() {
		// The total is exact: the rest is counted, not read.
		rest, err := s.countPassing(ctx, p.rowids[read:])
		if err != nil {
			return nil, 0, false, false, err
		}
		return ms, len(ms) + rest, false, true, nil
	}
	return ms, estimate(max(len(ms), p.n*len(ms)/read)), true, true, nil
}

// chunk is how many matches a search filters at a time: poolChunk unless a test set
// another.
func (c *Catalog) chunk() int { return cmp.Or(c.poolChunk, poolChunk) }

// estimate rounds an estimated count to two significant digits (181,537 → 180,000),
// so that it does not look exact.
func estimate(n int) int {
	unit := 1
	for n/unit >= 100 {
		unit *= 10
	}
	return (n + unit/2) / unit * unit
}

// countPassing returns how many of rowids pass the search's filters.
func (s *search) countPassing(ctx context.Context, rowids []int64) (int, error) {
	if len(rowids) == 0 {
		return 0, nil
	}
	var n int
	from, args, err := s.keysFromList(ctx, `json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value`, []any{sortedList(rowids)}, rowids)
	if err != nil {
		return 0, err
	}
	if err := s.c.queryRow(ctx, `SELECT count(*) `+from, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("search count: %w", err)
	}
	return n, nil
}

// sortedList returns rowids sorted, as a JSON array: looked up in this order, each
// lookup of product_keys starts where the one before ended (neighbours share pages).
func sortedList(rowids []int64) string {
	sorted := slices.Clone(rowids)
	slices.Sort(sorted)
	var list strings.Builder
	list.Grow(len(sorted) * 8)
	list.WriteByte('[')
	for i, id := range sorted {
		if i > 0 {
			list.WriteByte(',')
		}
		list.WriteString(strconv.FormatInt(id, 10))
	}
	list.WriteByte(']')
	return list.String()
}

// passing appends to ms those of rowids that pass the search's filters, in the order of
// rowids. It looks them up in rowid order, so that each lookup of product_keys starts
// where the one before ended (neighbours share leaf pages), and puts the rows back in
// the pool's order in Go.
func (s *search) passing(ctx context.Context, rowids []int64, ms []match) ([]match, error) {
	// CROSS JOIN: one lookup of product_keys per rowid, in the list's order.
	from, args, err := s.keysFromList(ctx, `json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value`, []any{sortedList(rowids)}, rowids)
	if err != nil {
		return nil, err
	}
	found, err := s.matchList(ctx, `SELECT `+matchColumns+` `+from, args, nil)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b match) int { return cmp.Compare(a.rowid, b.rowid) })
	for _, id := range rowids {
		if i, ok := slices.BinarySearchFunc(found, id, func(m match, id int64) int { return cmp.Compare(m.rowid, id) }); ok {
			ms = append(ms, found[i])
		}
	}
	return ms, nil
}

// titledMatches returns the first rerankPool products, in rowid order, whose titles
// match the full-text expression expr (hidden or not). Reranking reads them for every
// search with more matches than it reorders (see rerank); they are read once and kept
// with the expression's pool, or with what pools.few keeps of it, since they depend on
// the text only: reading them costs as much as the rest of such a search.
func (s *search) titledMatches(ctx context.Context, expr string) ([]Ref, error) {
	p := s.pooled
	if p == nil {
		p = s.few
	}
	if p == nil || p.expr != expr {
		return s.c.titled(ctx, expr)
	}
	p.titledMu.Lock()
	defer p.titledMu.Unlock()
	if p.titled == nil {
		t, err := s.c.titled(ctx, expr)
		if err != nil {
			return nil, err
		}
		p.titled = append(make([]Ref, 0, len(t)), t...)
	}
	return p.titled, nil
}

// titled reads what titledMatches returns.
func (c *Catalog) titled(ctx context.Context, expr string) ([]Ref, error) {
	return c.refs(ctx, "search titles", `SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT `+strconv.Itoa(rerankPool),
		"{title} : ("+expr+")")
}
