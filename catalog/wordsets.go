package catalog

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
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
//
// The same filters read the products' gender and age attributes (products.gender and
// age, written with the text by every upsert), a join of products to every match: at
// a million products the two chunks of a pool that a reranked search filters read
// about 1,900 pages of products besides 1,900 of product_keys, and with the rest of
// such a search more pages than a read connection's cache holds (16 MiB with four
// connections), so every search read them all again from the file ("womens ceramic"
// 19–22 ms, "ceramic" 4–5). So a condition on those columns is written as
// `column IN (values)` with a colSet argument, whose products are read once per text
// version into a set as well (through the partial indexes products_gender and
// products_age), and a statement over a chunk is given those of the chunk in the set
// and joins no products unless another filter reads them. While the columns are being
// filled (flagColumn) the condition is left as it is.

// wordSetSQL is the subquery of a filter condition (genderCondition, ageCondition)
// that reads the products matching a wordSet argument; it is written apart from
// other full-text subqueries of filters so that filterFor finds it.
const wordSetSQL = "(SELECT products_fts.rowid FROM products_fts WHERE products_fts MATCH ?)"

// listSetSQL is what filterFor writes in place of wordSetSQL: a JSON array of rowids.
const listSetSQL = "(SELECT value FROM json_each(?))"

// wordSet is the argument of wordSetSQL: a full-text query of titles and categories
// (ftsAny).
type wordSet string

// colSet is the argument of `column IN listSetSQL` in a filter condition: the values
// of products' column (gender or age, filled columns: see flagColumn) that it keeps,
// bound as a JSON array ("" among them keeps the products without the attribute).
type colSet struct {
	column string
	values []string
}

func newColSet(column string, values []string) colSet {
	return colSet{column: column, values: slices.Clone(values)}
}

// Value binds the values as a JSON array, for listSetSQL.
func (cs colSet) Value() (driver.Value, error) {
	b, err := json.Marshal(cs.values)
	return string(b), err
}

// key is the colSet's key among the sets kept (no full-text query has a NUL).
func (cs colSet) key() string { return cs.column + "\x00" + strings.Join(cs.values, "\x00") }

// colSetSQL is the condition a colSet argument stands for in filterFor's list form.
func (cs colSet) sql() string { return "p." + cs.column + " IN " + listSetSQL }

// wordSets keeps, for one text version, the rowids of the products matching each
// wordSet, and of those whose column has one of a colSet's values, as bitmaps
// indexed by rowid.
type wordSets struct {
	mu      sync.Mutex
	version int64
	byExpr  map[string][]uint64
}

// maxWordSets bounds the sets kept (each up to a bit per rowid: 125 KB at a million
// products); past it they are all dropped. The gender and age filters use at most
// six word sets and six column sets between them.
const maxWordSets = 16

// wordSet returns the set of expr's matches for the text version of the search's
// snapshot, reading it in that snapshot when none is kept.
func (s *search) wordSet(ctx context.Context, expr wordSet) ([]uint64, error) {
	return s.keptSet(ctx, string(expr), false, `SELECT coalesce(group_concat(rowid), '') FROM products_fts WHERE products_fts MATCH ?`, string(expr))
}

// colSet returns the set of the products whose column has one of cs's values, for
// the text version of the search's snapshot. It reads the products with the attribute
// (the column's partial index): those with one of the values, or, when "" is among
// them, those with none of the others, and the set is the rest.
func (s *search) colSet(ctx context.Context, cs colSet) ([]uint64, error) {
	empty := slices.Contains(cs.values, "")
	not := ""
	if empty {
		not = "NOT "
	}
	values, err := cs.Value()
	if err != nil {
		return nil, err
	}
	return s.keptSet(ctx, cs.key(), empty, `SELECT coalesce(group_concat(rowid), '') FROM products
		WHERE `+cs.column+` <> '' AND `+cs.column+` `+not+`IN (SELECT value FROM json_each(?))`, values)
}

// keptSet returns the set kept under key for the text version of the search's
// snapshot, else reads the rowids query lists (a comma-separated list in one row) and
// keeps them, or, when complement is true, every other rowid up to the catalog's last.
func (s *search) keptSet(ctx context.Context, key string, complement bool, query string, args ...any) ([]uint64, error) {
	ws, version := &s.c.wordSets, s.learned.version
	ws.mu.Lock()
	if ws.version == version {
		if set, ok := ws.byExpr[key]; ok {
			ws.mu.Unlock()
			return set, nil
		}
	}
	ws.mu.Unlock()
	var list string
	if err := s.c.queryRow(ctx, query, args...).Scan(&list); err != nil {
		return nil, fmt.Errorf("search filter: %w", err)
	}
	var set []uint64
	if complement {
		var last int64
		if err := s.c.queryRow(ctx, `SELECT coalesce(max(rowid), 0) FROM products`).Scan(&last); err != nil {
			return nil, fmt.Errorf("search filter: %w", err)
		}
		set = make([]uint64, last/64+1)
		for i := range set {
			set[i] = ^uint64(0)
		}
	}
	set, _, err := markList(set, list, !complement)
	if err != nil {
		return nil, fmt.Errorf("search filter: %w", err)
	}
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.version != version || len(ws.byExpr) >= maxWordSets {
		ws.version, ws.byExpr = version, map[string][]uint64{}
	}
	ws.byExpr[key] = set
	return set, nil
}

// markList sets (on) or clears the bits of set for the rowids of list, separated by
// commas, growing set as they need, and returns it with how many rowids list has.
func markList(set []uint64, list string, on bool) ([]uint64, int, error) {
	n := 0
	for id := range strings.SplitSeq(list, ",") {
		if id == "" {
			continue
		}
		r, err := strconv.ParseUint(id, 10, 63)
		if err != nil {
			return nil, 0, fmt.Errorf("a rowid reads as %q", id)
		}
		set = markRowid(set, int64(r), on)
		n++
	}
	return set, n, nil
}

// markRowid sets (on) or clears rowid's bit of set, growing set as it needs.
func markRowid(set []uint64, rowid int64, on bool) []uint64 {
	for int(rowid/64) >= len(set) {
		set = append(set, 0)
	}
	if on {
		set[rowid/64] |= 1 << (rowid % 64)
	} else {
		set[rowid/64] &^= 1 << (rowid % 64)
	}
	return set
}

// inSet reports whether rowid is in set.
func inSet(set []uint64, rowid int64) bool {
	return rowid >= 0 && int(rowid/64) < len(set) && set[rowid/64]&(1<<(rowid%64)) != 0
}

// filterFor returns the search's filter condition and its arguments for a statement
// whose rows are among rowids, and whether it reads products p: each wordSet's
// full-text subquery is replaced by those of rowids in its set (see wordSets), and so
// is each colSet's condition on products, unless the columns are being filled. A
// filter without either is returned as it is, and so is every filter of a catalog
// that orders every search in full (SetExhaustive), or whose tests set wordSetsOff to
// compare with the SQL conditions.
func (s *search) filterFor(ctx context.Context, rowids []int64) (string, []any, bool, error) {
	if s.c.chunk() <= 0 || s.c.wordSetsOff || !strings.Contains(s.f.where, wordSetSQL) {
		return s.f.where, s.f.args, s.f.needsProducts, nil
	}
	filling := s.c.flagsFilling(ctx)
	where := strings.ReplaceAll(s.f.where, wordSetSQL, listSetSQL)
	args := make([]any, len(s.f.args))
	for i, a := range s.f.args {
		var set []uint64
		var err error
		switch a := a.(type) {
		case wordSet:
			set, err = s.wordSet(ctx, a)
		case colSet:
			if filling {
				args[i] = a
				continue
			}
			where = strings.ReplaceAll(where, a.sql(), "k.rowid IN "+listSetSQL)
			set, err = s.colSet(ctx, a)
		default:
			args[i] = a
			continue
		}
		if err != nil {
			return "", nil, false, err
		}
		var in []int64
		for _, r := range rowids {
			if inSet(set, r) {
				in = append(in, r)
			}
		}
		args[i] = sortedList(in)
	}
	return where, args, s.f.needsProducts && (filling || !s.f.productsForSets), nil
}

// keysFromList is keysFrom for a statement whose rows are among rowids (see
// filterFor), with its arguments: source's, then the filter's.
func (s *search) keysFromList(ctx context.Context, source string, sourceArgs []any, rowids []int64) (string, []any, error) {
	where, args, products, err := s.filterFor(ctx, rowids)
	if err != nil {
		return "", nil, err
	}
	join := ""
	if products {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	return "FROM " + source + join + " WHERE " + where, append(sourceArgs[:len(sourceArgs):len(sourceArgs)], args...), nil
}
