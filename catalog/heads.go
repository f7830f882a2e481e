package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)

// Heads: the best matches of common words, kept on disk.
//
// A search whose expression has more than maxExact matches is served from a pool
// (search_pool.go), whose first build in a process orders every match by bm25: for a
// word in a fifth of a million products that is a quarter of a second, paid by the
// first search of each common word in each process. A head is that ordering done
// once, ahead of time, by BuildHeads (which `commerce-mcp import` calls when the
// catalog has none): for the expression a one-word query searches, when it has more
// than headMin matches, the first headSize of them in the search's relevance order
// (bm25, then rating, then rowid), with the number of matches.
//
// Writes keep the heads in step without ranking anything: the writer notes the
// products each write call wrote (noteHeads) in search_heads_changed. A search that
// needs a pool (relevance order) then reads the expression's head:
//   - nothing written since the build: the head's first poolSize rows are the pool and
//     its count the total, as ordering every match would give them;
//   - else the head's products and the written ones are ranked again with bm25 (a scan
//     of the expression's matches, bm25 for those among them), and the first poolSize
//     are the pool. A written product is ranked with its new text, rating and
//     visibility; one not written keeps its place among the others unless the
//     catalog's statistics (average length, the words' frequencies) moved enough to
//     carry it from beyond the head (twice a pool) into the pool.
//
// Past maxHeadChanges written products the heads are dropped (ranking them again would
// cost more and mean less): searches then order every match once per process, as
// without heads, until BuildHeads runs again. TestHeadsEqualFullOrdering holds the pools
// drawn from heads equal to full orderings, before and after writes.

// headSize is how many of an expression's matches its head keeps: twice a pool, so
// that products written since the build may fall out of it without leaving the pool
// short.
func (c *Catalog) headSize() int { return 2 * cmp.Or(c.poolSize, poolSize) }

// headMin is how many matches an expression needs for a head: below four heads,
// ordering every match costs little more than ranking the head again.
func (c *Catalog) headMin() int { return 4 * c.headSize() }

// maxHeadChanges is how many written products the heads tolerate before they are
// dropped (see noteHeads).
func maxHeadChanges(c *Catalog) int {
	if c == nil {
		return 2 * poolSize
	}
	return c.headSize()
}

// HeadStats says what BuildHeads did.
type HeadStats struct {
	Words int // common words looked at (indexed terms with more than headMin products)
	Heads int // heads stored
}

// ErrTextChanged means product text was written while BuildHeads read the catalog:
// nothing was stored, and building again will see the new text.
var ErrTextChanged = errors.New("product text changed while the search heads were built")

// BuildHeads replaces every head: it reads the indexed words that more than headMin
// products have, the expression a search for each (as products write it) looks for,
// and for each expression with more than headMin matches the first headSize of them
// in relevance order. It reads in one snapshot and writes in one transaction, which
// fails with ErrTextChanged if product text was written in between. At a million
// products it costs about as much CPU as ordering every match of each common word
// once (35–39 s of a 1M import's CPU; README "Scale").
func (c *Catalog) BuildHeads(ctx context.Context) (HeadStats, error) {
	var st HeadStats
	heads, version, err := c.readHeads(ctx, &st)
	if err != nil {
		return st, err
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("search heads: %w", err)
	}
	defer tx.Rollback()
	var now int64
	if err := tx.QueryRowContext(ctx, `SELECT text FROM catalog_changes WHERE id = 1`).Scan(&now); err != nil {
		return st, fmt.Errorf("search heads: %w", err)
	}
	if now != version {
		return st, ErrTextChanged
	}
	for _, q := range []string{`DELETE FROM search_heads`, `DELETE FROM search_heads_changed`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return st, fmt.Errorf("search heads: %w", err)
		}
	}
	for _, h := range heads {
		if _, err := tx.ExecContext(ctx, `INSERT INTO search_heads (expr, matches, rowids) VALUES (?, ?, ?)`, h.expr, h.n, h.rowids); err != nil {
			return st, fmt.Errorf("search heads: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return st, fmt.Errorf("search heads: %w", err)
	}
	st.Heads = len(heads)
	return st, nil
}

// head is one row of search_heads.
type head struct {
	expr, rowids string // rowids as a JSON array
	n            int
	of           string // while read: the expression whose rowids a shared head takes
}

// headWorkers is how many connections readHeads orders match sets on at once.
const headWorkers = 2

// readHeads reads what BuildHeads stores and the text version it read, ordering the
// match sets on headWorkers connections at once, each in a snapshot of that version.
func (c *Catalog) readHeads(ctx context.Context, st *HeadStats) ([]head, int64, error) {
	version, err := c.textVersion(ctx)
	if err != nil {
		return nil, 0, err
	}
	terms, err := c.texts(ctx, `SELECT term FROM products_vocab WHERE doc > ? ORDER BY doc DESC`, c.headMin())
	if err != nil {
		return nil, 0, err
	}
	st.Words = len(terms)
	if c.headsRead != nil {
		c.headsRead()
	}
	var (
		mu    sync.Mutex
		seen  = map[string]bool{}
		next  atomic.Int64
		wg    sync.WaitGroup
		errs  = make([]error, headWorkers)
		found = make([][]head, len(terms))
	)
	// claim reports whether expr is not claimed yet, and claims it.
	claim := func(expr string) bool {
		mu.Lock()
		defer mu.Unlock()
		if seen[expr] {
			return false
		}
		seen[expr] = true
		return true
	}
	for w := range headWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = func() error {
				ctx, end, err := c.snapshot(ctx)
				if err != nil {
					return err
				}
				defer end()
				if v, err := c.textVersion(ctx); err != nil || v != version {
					return cmp.Or(err, ErrTextChanged)
				}
				for i := int(next.Add(1) - 1); i < len(terms); i = int(next.Add(1) - 1) {
					if found[i], err = c.termHeads(ctx, terms[i], claim); err != nil {
						return err
					}
				}
				return nil
			}()
		}()
	}
	wg.Wait()
	if err := joinOnce(errs); err != nil {
		return nil, 0, err
	}
	var heads []head
	rowids := map[string]string{}
	for _, hs := range found {
		for _, h := range hs {
			if h.of == "" {
				rowids[h.expr] = h.rowids
			}
		}
	}
	for _, hs := range found {
		for _, h := range hs {
			if h.of != "" {
				if h.rowids = rowids[h.of]; h.rowids == "" {
					return nil, 0, fmt.Errorf("search heads: %s shares the head of %s, which none built", h.expr, h.of)
				}
			}
			heads = append(heads, h)
		}
	}
	return heads, version, nil
}

// joinOnce joins errs (nils skipped), ErrTextChanged at most once: every worker that
// found the text changed says so, and it is one fact.
func joinOnce(errs []error) error {
	var out []error
	changed := false
	for _, err := range errs {
		if errors.Is(err, ErrTextChanged) {
			if changed {
				continue
			}
			changed = true
		}
		out = append(out, err)
	}
	return errors.Join(out...)
}

// termHeads returns the heads of the indexed word term: of the search for it as
// products write it, and of the search for term as it is when that shares the head.
// It leaves out the expressions claim says another word has. Whether term's search
// shares the head does not depend on which word claimed the head first, so the heads
// stored are the same whatever order the workers take the words in; a shared head
// names its source (of) and gets its rowids once every word is done.
func (c *Catalog) termHeads(ctx context.Context, term string, claim func(string) bool) ([]head, error) {
	word, err := c.surfaceWord(ctx, term)
	if err != nil || stopwords[word] { // searched for alone, a stop word is rare; its head would be dear
		return nil, err
	}
	s, expr, err := c.headExpr(ctx, word)
	if err != nil || s == nil {
		return nil, err
	}
	n, err := c.countUpTo(ctx, expr, 1<<62)
	if err != nil || n <= c.headMin() {
		return nil, err
	}
	var hs []head
	if claim(expr) {
		list, err := s.ordered(ctx, expr, "", nil, c.headSize())
		if err != nil {
			return nil, err
		}
		hs = append(hs, head{expr: expr, rowids: "[" + list + "]", n: n})
	}
	// The indexed stem typed as it is ("ceram" for "ceramic") searches for the same
	// products with the same scores when both expressions are one phrase with as many
	// matches: it shares the head.
	_, alias, err := c.headExpr(ctx, term)
	if err != nil || alias == expr || !onePhrase(alias) || !onePhrase(expr) {
		return hs, err
	}
	if m, err := c.countUpTo(ctx, alias, 1<<62); err != nil || m != n || !claim(alias) {
		return hs, err
	}
	return append(hs, head{expr: alias, of: expr, n: n}), nil
}

// headExpr returns the search for word alone and the full-text expression it looks
// for, or a nil search when it looks for none (the word is read as a filter).
func (c *Catalog) headExpr(ctx context.Context, word string) (*search, string, error) {
	q := Query{Text: word}
	if q.validate() != nil {
		return nil, "", nil
	}
	s, _, done, err := c.understandQuery(ctx, q, 0)
	if err != nil || done || s.text.empty() || s.sentence {
		return nil, "", err
	}
	return s, s.text.match(false), nil
}

// onePhrase reports whether the full-text expression expr is one quoted word, a prefix
// or not.
func onePhrase(expr string) bool {
	expr = strings.TrimSuffix(expr, "*")
	return len(expr) >= 2 && expr[0] == '"' && strings.Count(expr, `"`) == 2 && expr[len(expr)-1] == '"'
}

// HasHeads reports whether the catalog has heads (see BuildHeads): none were built,
// none of its words is common enough, or writes dropped them.
func (c *Catalog) HasHeads(ctx context.Context) (bool, error) {
	var has bool
	if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM search_heads)`).Scan(&has); err != nil {
		return false, fmt.Errorf("search heads: %w", err)
	}
	return has, nil
}

// texts returns the one text column query selects.
func (c *Catalog) texts(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search heads: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("search heads: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// noteHeads is the heads' part of a write call: it notes rowids, the products the
// call wrote, as written since the heads were built (nothing when there are none),
// and drops the heads once more than maxHeadChanges products were.
func (w *writer) noteHeads(ctx context.Context, rowids []int64) error {
	if len(rowids) == 0 {
		return nil
	}
	st, err := w.stmt(ctx, `INSERT OR IGNORE INTO search_heads_changed (rowid)
		SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM search_heads)`)
	if err != nil {
		return err
	}
	res, err := st.ExecContext(ctx, sortedList(rowids))
	if err != nil {
		return fmt.Errorf("upsert: search heads: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	var over bool
	if st, err = w.stmt(ctx, `SELECT count(*) > ? FROM search_heads_changed`); err == nil {
		err = st.QueryRowContext(ctx, maxHeadChanges(w.c)).Scan(&over)
	}
	if err == nil && over {
		if err = w.exec(ctx, `DELETE FROM search_heads`); err == nil {
			err = w.exec(ctx, `DELETE FROM search_heads_changed`)
		}
	}
	if err != nil {
		return fmt.Errorf("upsert: search heads: %w", err)
	}
	return nil
}

// headPool returns the pool of expr in relevance order drawn from its head (see the
// top of this file), or nil when expr has none.
func (s *search) headPool(ctx context.Context, expr string) (*pool, error) {
	if s.q.Sort != SortRelevance {
		return nil, nil
	}
	var (
		n       int
		list    string
		changed bool
	)
	err := s.c.queryRow(ctx, `SELECT matches, rowids, EXISTS (SELECT 1 FROM search_heads_changed)
		FROM search_heads WHERE expr = ?`, expr).Scan(&n, &list, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	size := cmp.Or(s.c.poolSize, poolSize)
	p := &pool{expr: expr, n: n}
	if changed {
		list, err = s.ordered(ctx, expr, ` AND (+products_fts.rowid IN (SELECT value FROM json_each(?))
			OR +products_fts.rowid IN (SELECT rowid FROM search_heads_changed))`, []any{list}, size)
		if err == nil {
			p.n, err = s.c.countUpTo(ctx, expr, 1<<62)
		}
		if err != nil {
			return nil, err
		}
	} else {
		list = strings.TrimSuffix(strings.TrimPrefix(list, "["), "]")
	}
	if p.rowids, err = parseRowids(list, size); err != nil {
		return nil, err
	}
	return p, nil
}
