package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// maxKeyMatches is how many full-text matches a search ranks in memory. With more,
// ranking in SQL, which keeps only the best, costs less than reading every match.
const maxKeyMatches = FacetCap

// ftsMatch is a full-text match and its bm25 rank (lower is better).
type ftsMatch struct {
	rowid int64
	rank  float64
}

// keyMatches returns every match of a relevance-ranked text search in order, filtered,
// ordered and counted on the in-memory copy of product_keys (keyMirror): it reads only
// the full-text matches and their rank from SQL, with no join and no sort there. It
// reports false when there are more than maxKeyMatches matches or the copy cannot be
// used; the caller then searches in SQL. Expressions found to have too many matches
// are remembered (see manyMatches) and not read again.
func (s *search) keyMatches(ctx context.Context, anyWord bool) ([]match, bool, error) {
	expr := s.text.match(anyWord)
	known, usable := s.c.keys.known()
	if !usable || s.c.many.has(expr) {
		return nil, false, nil
	}
	fts, current, ok, err := s.ftsMatches(ctx, expr, known)
	if err != nil {
		return nil, false, err
	}
	if !ok {
		s.c.many.add(expr)
		return nil, false, nil
	}
	if len(fts) == 0 {
		return nil, true, nil
	}
	// Unless the copy was current when the matches were read, bring it up to date now:
	// it is then at least as new as they are.
	if !current {
		if ok, err := s.c.keys.refresh(ctx, s.c); err != nil || !ok {
			return nil, false, err
		}
	}
	ms, ok := s.c.keys.rank(fts, s.f.keys)
	return ms, ok, nil
}

// ftsMatches reads the matches of the full-text expression with their rank, in no
// order, and whether product_keys_changes.seq equalled known as of the same read;
// false when there are more than maxKeyMatches. The matches come back as one row, a
// list of "rowid rank" pairs: handing SQLite's values to Go one row at a time costs
// more than writing and parsing the list, and SQLite writes a REAL as text that reads
// back as the same float64.
func (s *search) ftsMatches(ctx context.Context, expr string, known int64) ([]ftsMatch, bool, bool, error) {
	var (
		seq, n int64
		list   sql.NullString
	)
	err := s.c.queryRow(ctx, ftsMatchesSQL, expr).Scan(&seq, &n, &list)
	if err != nil {
		return nil, false, false, fmt.Errorf("search: %w", err)
	}
	if n > maxKeyMatches {
		return nil, false, false, nil
	}
	out, err := parseRanked(list.String, int(n))
	if err != nil {
		return nil, false, false, fmt.Errorf("search: %w", err)
	}
	return out, seq == known, true, nil
}

// ftsMatchesSQL is ftsMatches' statement: the change counter, the number of matches
// read (at most one more than maxKeyMatches) and their list. It calls bm25 with the
// weights the index's rank is configured with (migration 0001) rather than reading
// rank, which costs FTS5 a statement of its own per query to evaluate those weights;
// TestFTSMatchesReadExactRanks checks the two agree.
var ftsMatchesSQL = `SELECT (SELECT seq FROM product_keys_changes WHERE id = 1), count(*),
	group_concat(rowid || ' ' || r, ' ')
	FROM (SELECT rowid, bm25(products_fts, 10.0, 8.0, 4.0, 3.0, 1.0) AS r FROM products_fts
		WHERE products_fts MATCH ? LIMIT ` + strconv.Itoa(maxKeyMatches+1) + `)`

// parseRanked parses the n "rowid rank" pairs of list, separated by single spaces.
func parseRanked(list string, n int) ([]ftsMatch, error) {
	out := make([]ftsMatch, 0, n)
	for rest := list; rest != ""; {
		var id, rank string
		id, rest, _ = strings.Cut(rest, " ")
		rank, rest, _ = strings.Cut(rest, " ")
		rowid, err1 := strconv.ParseInt(id, 10, 64)
		r, err2 := strconv.ParseFloat(rank, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("a full-text match reads as %q %q", id, rank)
		}
		out = append(out, ftsMatch{rowid: rowid, rank: r})
	}
	if len(out) != n {
		return nil, fmt.Errorf("read %d full-text matches of %d", len(out), n)
	}
	return out, nil
}

// manyMatches remembers full-text expressions that had more than maxKeyMatches
// matches, so that searching them again skips reading that many only to give up. It
// only chooses how a search runs, never what it finds, so it may be stale; it forgets
// everything when it holds maxManyMatches expressions.
type manyMatches struct {
	mu    sync.Mutex
	exprs map[string]bool
}

const maxManyMatches = 4096

func (m *manyMatches) has(expr string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.exprs[expr]
}

func (m *manyMatches) add(expr string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.exprs == nil || len(m.exprs) >= maxManyMatches {
		m.exprs = map[string]bool{}
	}
	m.exprs[expr] = true
}

// rank keeps the matches that pass f and orders them as the SQL search does: by rank,
// then rating (higher first), then rowid. It reports false when a match is missing
// from the copy, which refresh rules out.
func (m *keyMirror) rank(fts []ftsMatch, f *keyFilter) ([]match, bool) {
	type ranked struct {
		match
		rank, rating float64
	}
	m.mu.RLock()
	rs := make([]ranked, 0, len(fts))
	for _, x := range fts {
		if x.rowid < 0 || x.rowid >= int64(len(m.rows)) || !m.rows[x.rowid].present {
			m.mu.RUnlock()
			return nil, false
		}
		r := &m.rows[x.rowid]
		if f.pass(r) {
			rs = append(rs, ranked{match{rowid: x.rowid, category: r.category, brand: r.brand, amount: r.amount, exp: int(r.exp)}, x.rank, r.rating})
		}
	}
	m.mu.RUnlock()
	slices.SortFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
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
	return ms, true
}
