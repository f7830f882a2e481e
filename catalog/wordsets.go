package catalog

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// The gender and age filters keep or leave out products by words of their titles and
// categories ("Men's …", "Girls' …"): a condition reads the products whose title or
// category has one of a group's words, a full-text query (ftsAny) of tens of thousands
// of matches in a large catalog, which SQLite reads afresh for each statement that
// has the condition (about 6 ms for 94,000 matches at a million products). A search
// drawn from a pool (search_pool.go) filters it a chunk at a time, a statement per
// chunk, so it read each group twice or more per search: "womens ceramic" cost 65 ms at
// a million products, against 4–5 ms for "ceramic".
//
// So those groups' matches are read once per text version (they depend on the
// products' text alone, as a pool does) into a set of rowids kept in memory, and a
// statement that filters a list of known rowids (a pool's chunk: filterFor) is given,
// for each group, those of the list in its set, in place of the full-text query. A
// statement over matches not known beforehand (a search ranked in full) keeps the
// full-text query. Both forms keep the same products (TestWordSetsFilterAsFullText).

// wordSetSQL is the subquery of a filter condition (genderCondition, ageCondition)
// that reads the products matching a wordSet argument; it is written apart from
// other full-text subqueries of filters so that filterFor finds it.
const wordSetSQL = "(SELECT products_fts.rowid FROM products_fts WHERE products_fts MATCH ?)"

// listSetSQL is what filterFor writes in place of wordSetSQL: a JSON array of rowids.
const listSetSQL = "(SELECT value FROM json_each(?))"

// wordSet is the argument of wordSetSQL: a full-text query of titles and categories
// (ftsAny).
type wordSet string

// wordSets keeps, for one text version, the rowids of the products matching each
// wordSet, as bitmaps indexed by rowid.
type wordSets struct {
	mu      sync.Mutex
	version int64
	byExpr  map[wordSet][]uint64
}

// maxWordSets bounds the sets kept (each up to a bit per rowid: 125 KB at a million
// products); past it they are all dropped. Filters use at most six.
const maxWordSets = 16

// wordSet returns the set of expr's matches for the text version of the search's
// snapshot, reading it in that snapshot when none is kept.
func (s *search) wordSet(ctx context.Context, expr wordSet) ([]uint64, error) {
	ws, version := &s.c.wordSets, s.learned.version
	ws.mu.Lock()
	if ws.version == version {
		if set, ok := ws.byExpr[expr]; ok {
			ws.mu.Unlock()
			return set, nil
		}
	}
	ws.mu.Unlock()
	var list string
	if err := s.c.queryRow(ctx, `SELECT coalesce(group_concat(rowid), '') FROM products_fts WHERE products_fts MATCH ?`, string(expr)).Scan(&list); err != nil {
		return nil, fmt.Errorf("search filter: %w", err)
	}
	var set []uint64
	for id := range strings.SplitSeq(list, ",") {
		if id == "" {
			continue
		}
		r, err := strconv.ParseUint(id, 10, 63)
		if err != nil {
			return nil, fmt.Errorf("search filter: a full-text match reads as %q", id)
		}
		for int(r/64) >= len(set) {
			set = append(set, 0)
		}
		set[r/64] |= 1 << (r % 64)
	}
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.version != version || len(ws.byExpr) >= maxWordSets {
		ws.version, ws.byExpr = version, map[wordSet][]uint64{}
	}
	ws.byExpr[expr] = set
	return set, nil
}

// inSet reports whether rowid is in set.
func inSet(set []uint64, rowid int64) bool {
	return rowid >= 0 && int(rowid/64) < len(set) && set[rowid/64]&(1<<(rowid%64)) != 0
}

// filterFor returns the search's filter condition and its arguments for a statement
// whose rows are among rowids: each wordSet's full-text subquery is replaced by those
// of rowids in its set (see wordSets). A filter without one is returned as it is, and
// so is every filter of a catalog that orders every search in full (SetExhaustive),
// or whose tests set wordSetsOff to compare with the full-text query.
func (s *search) filterFor(ctx context.Context, rowids []int64) (string, []any, error) {
	if s.c.chunk() <= 0 || s.c.wordSetsOff || !strings.Contains(s.f.where, wordSetSQL) {
		return s.f.where, s.f.args, nil
	}
	args := make([]any, len(s.f.args))
	for i, a := range s.f.args {
		expr, ok := a.(wordSet)
		if !ok {
			args[i] = a
			continue
		}
		set, err := s.wordSet(ctx, expr)
		if err != nil {
			return "", nil, err
		}
		var in []int64
		for _, r := range rowids {
			if inSet(set, r) {
				in = append(in, r)
			}
		}
		args[i] = sortedList(in)
	}
	return strings.ReplaceAll(s.f.where, wordSetSQL, listSetSQL), args, nil
}

// keysFromList is keysFrom for a statement whose rows are among rowids (see
// filterFor), with its arguments: source's, then the filter's.
func (s *search) keysFromList(ctx context.Context, source string, sourceArgs []any, rowids []int64) (string, []any, error) {
	where, args, err := s.filterFor(ctx, rowids)
	if err != nil {
		return "", nil, err
	}
	join := ""
	if s.f.needsProducts {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	return "FROM " + source + join + " WHERE " + where, append(sourceArgs[:len(sourceArgs):len(sourceArgs)], args...), nil
}
