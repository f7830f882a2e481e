package catalog

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// search runs one Query against the database.
type search struct {
	c    *Catalog
	q    Query
	fp   uint64 // q.fingerprint(), which cursors carry
	f    filter
	text textQuery
	// intent, when set, reorders the best matches by what the query asks for (see
	// rerank.go).
	intent *intent
	rest   []string // the words understanding left, before stop words were dropped
}

// from returns the FROM/WHERE clause and its arguments for the match set. Matches are
// read through product_keys k, the narrow copy of what filters, order and facets need;
// products p is joined too only when a filter reads it.
func (s *search) from(anyWord bool) (string, []any) {
	join := ""
	if s.f.needsProducts {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	if s.text.empty() {
		return "FROM product_keys k" + join + " WHERE " + s.f.where, s.f.args
	}
	args := append([]any{s.text.match(anyWord)}, s.f.args...)
	return "FROM products_fts JOIN product_keys k ON k.rowid = products_fts.rowid" + join +
		" WHERE products_fts MATCH ? AND " + s.f.where, args
}

func (s *search) orderBy() string {
	switch s.q.Sort {
	case SortPriceAsc:
		return "k.price_amount, k.rowid"
	case SortPriceDesc:
		return "k.price_amount DESC, k.rowid"
	case SortRating:
		return "k.rating DESC, k.review_count DESC, k.rowid"
	}
	if s.text.empty() {
		// Browsing: a rating shrunk towards 4 by review count, so that a single five-star
		// review does not outrank a thousand 4.8s.
		return "(k.rating * k.review_count + 40.0) / (k.review_count + 10) DESC, k.rowid"
	}
	return "products_fts.rank, k.rating DESC, k.rowid"
}

// match is one row of the ranked match set.
type match struct {
	rowid    int64
	category int64 // 0 when uncategorised
	brand    int64 // brands.id; 0 when the product has no brand
	amount   int64
	exp      int
}

// run fills res with the page at offset, the total and the facets.
func (s *search) run(ctx context.Context, res *Result, offset int, anyWord bool) error {
	ms, total, err := s.matches(ctx, offset, anyWord)
	if err == nil {
		ms, total, err = s.rerank(ctx, ms, total, anyWord)
	}
	if err != nil {
		return err
	}
	res.Total = total
	if res.Facets, err = s.c.facets(ctx, ms[:min(len(ms), FacetCap)]); err != nil {
		return err
	}
	if res.Total > FacetCap {
		res.Facets.Sampled = FacetCap
	}
	page := ms[min(offset, len(ms)):min(offset+s.q.Limit, len(ms))]
	if offset+s.q.Limit < res.Total {
		res.NextCursor = encodeCursor(offset+s.q.Limit, s.fp)
	}
	res.Hits, err = s.hits(ctx, page)
	return err
}

// matches returns the best matches in order, at least the best FacetCap and those up
// to the end of the page at offset when there are as many, and the number of all
// matches. A relevance-ranked text search whose filter can be tested in memory
// tries keyMatches first.
func (s *search) matches(ctx context.Context, offset int, anyWord bool) ([]match, int, error) {
	if s.f.keys != nil && !s.text.empty() && s.q.Sort == SortRelevance && !s.c.noMirror {
		ms, ok, err := s.keyMatches(ctx, anyWord)
		if err != nil || ok {
			return ms, len(ms), err
		}
	}
	from, args := s.from(anyWord)
	// One ranked pass returns the top matches in order. Deep pages read FacetCap times
	// a power of two, so that the limit, which is written into the SQL, takes few values.
	top := FacetCap
	for top < offset+s.q.Limit {
		top *= 2
	}
	ms, more, err := s.ranked(ctx, from, args, top)
	if err != nil || !more {
		return ms, len(ms), err
	}
	total, err := s.count(ctx, from, args, anyWord)
	return ms, total, err
}

// count returns the number of matches. A text search with only the default filters
// (visible, in stock) counts all full-text matches and subtracts the matches among the
// excluded products, which have a full-text index of their own: two index lookups
// instead of reading the product of every match.
func (s *search) count(ctx context.Context, from string, args []any, anyWord bool) (int, error) {
	var n int
	if !s.f.inStockOnly || s.text.empty() {
		err := s.c.queryRow(ctx, `SELECT count(*) `+from, args...).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("search count: %w", err)
		}
		return n, nil
	}
	err := s.c.queryRow(ctx, `SELECT (SELECT count(*) FROM products_fts WHERE products_fts MATCH ?1) -
		(SELECT count(*) FROM products_fts_excluded WHERE products_fts_excluded MATCH ?1)`, s.text.match(anyWord)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("search count: %w", err)
	}
	return n, nil
}

// ranked returns up to n best matches in order, and whether more exist. The limit is
// written into the SQL rather than bound, since SQLite sorts faster when it knows the
// limit while planning; run keeps n to a few values, so few statements are cached.
func (s *search) ranked(ctx context.Context, from string, args []any, n int) ([]match, bool, error) {
	ms, err := s.scanMatches(ctx, `SELECT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp `+
		from+` ORDER BY `+s.orderBy()+` LIMIT `+strconv.Itoa(n+1), args)
	if err != nil {
		return nil, false, err
	}
	return ms[:min(n, len(ms))], len(ms) > n, nil
}

// scanMatches reads rows of five integers into matches. It scans into interface values
// and converts them itself: database/sql assigns an int64 to an *int64 by reflection,
// which costs more than the rest of reading a row when a search reads a thousand.
func (s *search) scanMatches(ctx context.Context, query string, args []any) ([]match, error) {
	rows, err := s.c.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var (
		ms   []match
		v    [5]any
		dest = []any{&v[0], &v[1], &v[2], &v[3], &v[4]}
		n    [5]int64
	)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for i := range v {
			var ok bool
			if n[i], ok = v[i].(int64); !ok {
				return nil, fmt.Errorf("search: column %d is %T, not an integer", i+1, v[i])
			}
		}
		ms = append(ms, match{rowid: n[0], category: n[1], brand: n[2], amount: n[3], exp: int(n[4])})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return ms, nil
}

// hits loads the products of the page, in page order, with snippets: each one's card
// (see decodeCard) and description. A product deleted by another process since it was
// ranked is left out rather than returned empty.
func (s *search) hits(ctx context.Context, page []match) ([]Hit, error) {
	if len(page) == 0 {
		return nil, nil
	}
	ids := make([]any, len(page))
	for i, m := range page {
		ids[i] = m.rowid
	}
	rows, err := s.c.query(ctx, pageSQL(len(page)), ids...)
	if err != nil {
		return nil, fmt.Errorf("search page: %w", err)
	}
	defer rows.Close()
	hits := make([]Hit, 0, len(page))
	stems := snippetStems(s.text.terms())
	for rows.Next() {
		var (
			rowid int64
			card  string
			h     Hit
		)
		if err := rows.Scan(&rowid, &card, &h.Description); err != nil {
			return nil, fmt.Errorf("search page: %w", err)
		}
		if err := decodeCard(card, &h.Product); err != nil {
			return nil, fmt.Errorf("search page: product %d: %w", rowid, err)
		}
		h.Snippet = snippet(h.Description, stems)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search page: %w", err)
	}
	return hits, nil
}

// pageSQL returns the statement that reads the card and description of n products, in
// the order their rowids are bound: a SELECT of one row per product, joined with UNION
// ALL, which keeps that order and costs SQLite less than an IN list.
func pageSQL(n int) string {
	const one = `SELECT rowid, card, description FROM product_text WHERE rowid = ?`
	var b strings.Builder
	b.Grow(n * (len(one) + len(" UNION ALL ")))
	for i := range n {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString(one)
	}
	return b.String()
}
