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

// search runs one Query against the database.
type search struct {
	c *Catalog
	q Query
	// asked is the query as the caller gave it, before its text's phrases were read
	// into q: a reading of fewer of its words reads them again (collectiveRest).
	asked Query
	// collectiveRead means collectiveRest has read the query once: a group word's
	// other words are searched at most once per search.
	collectiveRead bool
	// needRead means a sentence's page is what a need or the types its words stand for
	// found (searchUnderstood): the sentence's own words are its story there, and
	// sentenceTail does not go on with them.
	needRead bool
	// needCues, while a sentence is searched for a need's things, are the need's cues:
	// words of the sentence the reading used (see storyExpr).
	needCues []string
	fp       uint64 // q.fingerprint(), which cursors carry
	f        filter
	text     textQuery
	// intent, when set, reorders the best matches by what the query asks for (see
	// rerank.go).
	intent *intent
	rest   []string // the words understanding left, before stop words were dropped
	// sentence means the query reads as a sentence (see understood.sentence), and
	// words are its words before filler was dropped.
	sentence bool
	words    []string
	// unsold, once unsoldRead, is whether the sentence asks for a thing the catalog
	// does not sell (asksUnsold); read at most once per search (see unsoldAsked).
	unsold, unsoldOpens, unsoldRead bool
	learned                         *learnedView // what the catalog learned of its types (see learned.go)
	// pooled is the pool the matches were drawn from; nil when they were ranked in full.
	pooled *pool
	// window, when above 0, is how many of the matches reranking reads: those of a
	// pool that ran short, when the matches were then ranked in full (see matches).
	window int
	// few, when the matches were ranked in full, is what the catalog keeps of their
	// expression (see pools.few); nil when it was not looked up.
	few *pool
	// folded, when set, is what reranking reads of each match, read with the matches
	// (see foldsFacts).
	folded *foldedFacts
	// sortedByWords means q.Sort is the order the words asked for ("cheapest"):
	// ranking still puts the type asked for first, in that order (see intent.sorted).
	sortedByWords bool
	// typeFound, once reranked, means the first match is of the type the query asks
	// for (see intent.tier).
	typeFound bool
	// saleFirst means the on-sale filter is checked on each full-text match before it
	// is joined (see fewOnSale): set for a ranking in full after a pool ran short.
	saleFirst bool
	// stale are the keys of the pools the search carried past staleTextWritten, for
	// refreshPools.
	stale []string
	// placed is the last walk that ranked products in to place a pool (placingRanks),
	// which a later placing of the same expression in the search may read instead of
	// walking again.
	placed *walked
}

// from returns the FROM/WHERE clause and its arguments for the match set. Matches are
// read through product_keys k, the narrow copy of what filters, order and facets need;
// products p is joined too only when a filter reads it.
func (s *search) from(anyWord bool) (string, []any) {
	if s.text.empty() {
		// Browsing reads visible products in the order asked for from an index and stops
		// at the limit, instead of sorting every product that passes the filters.
		index := ""
		if i := s.browseIndex(); i != "" {
			index = " INDEXED BY " + i
		}
		return s.keysFrom("product_keys k" + index), s.f.args
	}
	args := append([]any{s.text.match(anyWord)}, s.f.args...)
	from := s.keysFrom("products_fts JOIN product_keys k ON k.rowid = products_fts.rowid AND products_fts MATCH ?")
	if s.saleFirst {
		// The filter's own condition (products.on_sale) still holds; this one, which
		// reads the full-text match alone, keeps SQLite from joining product_keys and
		// products to every match only to drop all but the few on sale.
		from += saleFirstSQL
	}
	return from, args
}

// saleFirstSQL is the condition fewOnSale allows a search ranked in full to add: the
// match is among the products on sale, read once per statement from their partial
// index (migration 0053). The + keeps FTS5 from taking it as a rowid lookup, which
// would compute bm25's statistics again for every product on sale.
const saleFirstSQL = ` AND +products_fts.rowid IN (SELECT rowid FROM products INDEXED BY products_on_sale WHERE on_sale = 1)`

// keysFrom is the FROM/WHERE clause reading source, which names product_keys k, with
// the filter's conditions; products p is joined when a filter reads it.
func (s *search) keysFrom(source string) string {
	join := ""
	if s.f.needsProducts {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	return "FROM " + source + join + " WHERE " + s.f.where
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

// run fills res with the page at offset, the total and the facets. Unless the search
// lists every variant, the page and the total are of families (see families): offset
// counts families, and the matches are read until they hold the families up to the
// end of the page, or all of them.
func (s *search) run(ctx context.Context, res *Result, offset int, anyWord bool) error {
	var (
		ms        []match
		total     int
		estimated bool
		fam       *families
		err       error
	)
	for need := offset + s.q.Limit; ; need = 2 * max(need, len(ms)) {
		s.pooled, s.window = nil, 0 // as matches finds them
		ms, total, estimated, err = s.matches(ctx, need-s.q.Limit, anyWord)
		if err == nil {
			ms, total, err = s.rerankWithin(ctx, ms, total, anyWord)
		}
		if err == nil {
			fam, err = s.families(ctx, ms, offset+s.q.Limit)
		}
		if err != nil {
			return err
		}
		if fam == nil || len(fam.heads) >= offset+s.q.Limit || len(ms) >= total || len(ms) < need {
			break
		}
	}
	if res.Order != nil && s.sortedByWords {
		res.Order.TypeFirst = s.typeFound
	}
	res.Total, res.TotalEstimated = total, estimated
	if res.Facets, err = s.c.facets(ctx, ms[:min(len(ms), FacetCap)]); err != nil {
		return err
	}
	if res.Total > FacetCap || estimated {
		res.Facets.Sampled = min(len(ms), FacetCap)
	}
	if fam != nil && (fam.grouped() || fam.read < total) {
		// (Matches of no family in common, when they are every match, are the page.)
		return s.familyPage(ctx, res, offset, ms, fam)
	}
	page := ms[min(offset, len(ms)):min(offset+s.q.Limit, len(ms))]
	if offset+s.q.Limit < res.Total {
		res.NextCursor = encodeCursor(offset+s.q.Limit, s.fp)
	}
	res.Hits, err = s.hits(ctx, page)
	return err
}

// familyPage fills res with the page of families at offset, of matches ms grouped
// into fam: each family's best ranked match, with what else of it matched. The total
// counts families: exactly when fam grouped every match, else estimated from their
// share among those it grouped.
func (s *search) familyPage(ctx context.Context, res *Result, offset int, ms []match, fam *families) error {
	end := offset + s.q.Limit
	// More families follow the page when ms has them, or may when the page ends with
	// ms's last family and matches were left unread (run read ms up to the page's end).
	more := end < len(fam.heads) || end == len(fam.heads) && fam.read < res.Total
	if fam.read >= res.Total {
		res.Total = len(fam.heads)
	} else {
		res.Total, res.TotalEstimated = estimate(max(len(fam.heads), res.Total*len(fam.heads)/fam.read)), true
		if more {
			res.Total = max(res.Total, end+1)
		}
	}
	heads := fam.heads[min(offset, len(fam.heads)):min(end, len(fam.heads))]
	if more {
		res.NextCursor = encodeCursor(end, s.fp)
	}
	page := make([]match, len(heads))
	for i, h := range heads {
		page[i] = ms[h]
	}
	var err error
	if res.Hits, err = s.hits(ctx, page); err != nil {
		return err
	}
	return s.variantsOf(ctx, res.Hits, ms, fam, heads)
}

// matches returns the best matches in order, at least the best FacetCap and those up
// to the end of the page at offset when there are as many, and the number of all
// matches, which is estimated when the last result says so. A text search with many
// full-text matches is served from their pool (see search_pool.go).
func (s *search) matches(ctx context.Context, offset int, anyWord bool) ([]match, int, bool, error) {
	if !s.text.empty() {
		p, err := s.pool(ctx, s.text.match(anyWord))
		if err != nil {
			return nil, 0, false, err
		}
		if p != nil {
			n := p.n // the word's matches, on sale or not (fewOnSale)
			word := p
			sp, err := s.keptSalePool(ctx, p)
			if err != nil {
				return nil, 0, false, err
			}
			if sp != nil {
				// A search of the word on sale in this version found its pool short:
				// the pool of its matches on sale holds the same first matches on sale,
				// without reading the word's pool first.
				p = sp
			}
			ms, total, estimated, ok, err := s.fromPool(ctx, p, offset+s.q.Limit)
			if err == nil && p == word && s.saleShort(p, ms, ok) {
				// Too few of the pool are on sale for the page, or for the matches
				// reranking reads: draw them from the pool of the word's matches on
				// sale instead (salePool), when it can be had.
				var sp *pool
				if sp, err = s.salePool(ctx, p); err == nil && sp != nil {
					p = sp
					ms, total, estimated, ok, err = s.fromPool(ctx, p, offset+s.q.Limit)
				}
			}
			if err != nil || ok {
				s.pooled = p
				return ms, total, estimated, err
			}
			// The pool ran short: the page is past the matches of the pool that pass
			// the filters. When they filled a first page, the earlier pages were drawn
			// from them and reranked over them alone, so reranking reads them alone
			// here too (rerankWithin): they are the first of the matches ranked in
			// full, in the same order.
			if s.q.onSale {
				if s.saleFirst, err = s.c.fewOnSale(ctx, n); err != nil {
					return nil, 0, false, err
				}
				if s.saleFirst {
					s.c.saleFirstRanks.Add(1)
				}
			}
			ms, total, estimated, err = s.ranks(ctx, offset, anyWord)
			s.saleFirst = false
			if k := inPool(ms, p); err == nil && k >= s.q.Limit {
				s.window = k
			}
			return ms, total, estimated, err
		}
	}
	return s.ranks(ctx, offset, anyWord)
}

// inPool is how many of the first matches of ms are among p's.
func inPool(ms []match, p *pool) int {
	in := make(map[int64]bool, len(p.rowids))
	for _, r := range p.rowids {
		in[r] = true
	}
	n := 0
	for n < len(ms) && in[ms[n].rowid] {
		n++
	}
	return n
}

// rerankWithin is rerank, of the first s.window matches alone when a window is set:
// the others follow them in their order, less those reranking brought forward.
func (s *search) rerankWithin(ctx context.Context, ms []match, total int, anyWord bool) ([]match, int, error) {
	w := s.window
	if w <= 0 || w >= len(ms) {
		return s.rerank(ctx, ms, total, anyWord)
	}
	head, total, err := s.rerank(ctx, ms[:w:w], total, anyWord)
	if err != nil {
		return nil, 0, err
	}
	seen := make(map[int64]bool, len(head))
	for _, m := range head {
		seen[m.rowid] = true
	}
	for _, m := range ms[w:] {
		if !seen[m.rowid] {
			head = append(head, m)
		}
	}
	return head, total, nil
}

// ranks is matches for a search ranked in full: every match is ranked in SQL; a
// browse that reads an index in its order reads it a chunk at a time instead (see
// browseChunks).
func (s *search) ranks(ctx context.Context, offset int, anyWord bool) ([]match, int, bool, error) {
	from, args := s.from(anyWord)
	if index := s.browseIndex(); index != "" && s.c.chunk() > 0 {
		ms, ok, err := s.browseChunks(ctx, index, offset+s.q.Limit)
		if err != nil {
			return nil, 0, false, err
		}
		if ok {
			total, estimated, err := s.browseTotal(ctx, from, args)
			return ms, max(total, len(ms)), estimated, err
		}
	}
	s.folded = nil
	if s.foldsFacts(anyWord) {
		// Every match is reranked: the pass reads what reranking reads of them too.
		return s.rankedWithFacts(ctx, anyWord, rankedTop(offset+s.q.Limit))
	}
	// One ranked pass returns the top matches in order.
	ms, more, err := s.ranked(ctx, from, args, rankedTop(offset+s.q.Limit), anyWord)
	if err != nil || !more {
		return ms, len(ms), false, err
	}
	if s.text.empty() {
		total, estimated, err := s.browseTotal(ctx, from, args)
		return ms, total, estimated, err
	}
	total, err := s.count(ctx, from, args)
	return ms, total, false, err
}

// rankedTop is how many matches a search ranked in full reads for a page that ends at
// need: FacetCap, or for deep pages FacetCap times a power of two, so that the limit,
// which is written into the SQL, takes few values (each is a statement to prepare).
func rankedTop(need int) int {
	top := FacetCap
	for top < need {
		top *= 2
	}
	return top
}

// browseIndex names the index of product_keys that holds the visible products in a
// browse's order, or "" when the search has words or no index has its order.
func (s *search) browseIndex() string {
	if !s.text.empty() {
		return ""
	}
	switch s.q.Sort {
	case SortRelevance:
		return "product_keys_quality"
	case SortPriceAsc:
		return "product_keys_price"
	}
	return ""
}

// browseChunks returns the first matches of a browse that reads index in its order, as
// fromPool does for a pool: it filters the visible products poolChunk at a time, in
// order, and stops once it has need matches and has read the first chunk (whose
// passing products the facets are counted over). It reports false when poolSize
// products were read without finding need (the filters pass few): the browse is then
// ordered in full.
func (s *search) browseChunks(ctx context.Context, index string, need int) ([]match, bool, error) {
	size := s.c.chunk()
	chunk := `SELECT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp ` +
		s.keysFrom(`(SELECT k.rowid AS r FROM product_keys k INDEXED BY `+index+` WHERE k.hidden = 0 ORDER BY `+s.orderBy()+
			` LIMIT `+strconv.Itoa(size)+` OFFSET ?) c CROSS JOIN product_keys k ON k.rowid = c.r`) +
		` ORDER BY ` + s.orderBy()
	var ms []match
	for read := 0; read < cmp.Or(s.c.poolSize, poolSize); read += size {
		var err error
		if ms, err = s.scanMatches(ctx, chunk, append([]any{read}, s.f.args...), ms); err != nil {
			return nil, false, err
		}
		if len(ms) >= need {
			return ms, true, nil
		}
	}
	return nil, false, nil
}

// browseTotal returns the number of products passing a browse's filters: estimated
// from the share of a sample of maxExact products (those with the first rowids) that
// pass when that says there are more than maxExact, else counted.
func (s *search) browseTotal(ctx context.Context, from string, args []any) (int, bool, error) {
	var sample, passed, rows int
	sampled := `(SELECT * FROM product_keys LIMIT ` + strconv.Itoa(maxExact) + `) k`
	err := s.c.queryRow(ctx, `SELECT (SELECT count(*) FROM `+sampled+`), (SELECT count(*) `+s.keysFrom(sampled)+`),
		(SELECT coalesce(max(rowid), 0) FROM product_keys)`, args...).Scan(&sample, &passed, &rows)
	if err != nil {
		return 0, false, fmt.Errorf("search count: %w", err)
	}
	if est := passed * rows / max(sample, 1); est > 2*maxExact {
		return estimate(est), true, nil
	}
	n, err := s.count(ctx, from, args)
	return n, false, err
}

// count returns the number of matches.
func (s *search) count(ctx context.Context, from string, args []any) (int, error) {
	var n int
	if err := s.c.queryRow(ctx, `SELECT count(*) `+from, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("search count: %w", err)
	}
	return n, nil
}

// ranked returns up to n best matches in order, and whether more exist. The limit is
// written into the SQL rather than bound, since SQLite sorts faster when it knows the
// limit while planning; run keeps n to a few values, so few statements are cached.
func (s *search) ranked(ctx context.Context, from string, args []any, n int, anyWord bool) ([]match, bool, error) {
	ms, err := s.matchList(ctx, `SELECT `+matchColumns+` `+from+` ORDER BY `+s.orderBy()+s.limit(n, anyWord), args, nil)
	if err != nil {
		return nil, false, err
	}
	return ms[:min(n, len(ms))], len(ms) > n, nil
}

// limit is the LIMIT clause of a ranked pass that reads up to n matches and one more
// (to tell whether more exist): none when the search's expression (its words, with
// anyWord as in from) was counted, for the
// text version of its snapshot, to have at most n matches, hidden or not (see
// pools.few), since the limit then cuts nothing. SQLite orders rows under a LIMIT by
// keeping the best in an ordered temporary index, which costs more per row than
// sorting them all at the end as it does without one (~7% of a rare word's ranked
// pass at 1M). Should the count be wrong, the pass still reads every match, and the
// caller takes the first n.
func (s *search) limit(n int, anyWord bool) string {
	if f := s.few; f != nil && f.n <= n && !s.text.empty() && f.expr == s.text.match(anyWord) {
		return ""
	}
	return ` LIMIT ` + strconv.Itoa(n+1)
}

// foldedFacts are the typeFacts of a search's matches, in their order, read with them,
// and the query's coverTerms, whose key numbers the facts use.
type foldedFacts struct {
	cover coverTerms
	facts []typeFact
}

// foldsFacts reports whether the ranked pass of a search ranked in full reads what
// reranking reads of the matches (their rows of product_rank) with them, instead of
// reranking reading it in a statement of its own: when reranking reorders every
// match (the expression has at most rerankPool matches, hidden or not, as counted for
// pools.few) and no code hit joins them. That is the expression's first search in a
// text version: later ones are drawn from the order kept for it (keptOrder).
func (s *search) foldsFacts(anyWord bool) bool {
	return s.intent != nil && len(s.intent.codeHits) == 0 && len(s.intent.madeHits) == 0 && s.few != nil && s.few.n <= rerankPool &&
		s.few.expr == s.text.match(anyWord)
}

// rankedWithFacts is ranked for a search whose facts are folded (see foldsFacts): it
// reads the matches, all of them, with their rows of product_rank, and keeps the
// facts in s.folded.
func (s *search) rankedWithFacts(ctx context.Context, anyWord bool, n int) ([]match, int, bool, error) {
	cats := len(s.intent.catWords) > 0
	factCols, factLists := factColumns, factListsNoCats
	if cats {
		factCols, factLists = factColumns+", rr.category_keys AS fc", factListsCats
	}
	from := s.keysFrom("products_fts JOIN product_keys k ON k.rowid = products_fts.rowid AND products_fts MATCH ? LEFT JOIN product_rank rr ON rr.rowid = k.rowid")
	args := append([]any{s.text.match(anyWord)}, s.f.args...)
	var cols [11]string
	err := s.c.queryRow(ctx, `SELECT `+matchLists+factLists+` FROM (SELECT `+matchColumns+factCols+` `+from+` ORDER BY `+s.orderBy()+s.limit(n, anyWord)+`)`,
		args...).Scan(&cols[0], &cols[1], &cols[2], &cols[3], &cols[4], &cols[5], &cols[6], &cols[7], &cols[8], &cols[9], &cols[10])
	if err != nil {
		return nil, 0, false, fmt.Errorf("search: %w", err)
	}
	ms, err := parseMatches([5]string(cols[:5]), nil)
	if err != nil {
		return nil, 0, false, err
	}
	if len(ms) > n {
		// More than n matches, which an expression counted to have at most rerankPool
		// in this text version cannot have; were it to happen, read them as any
		// search does.
		from, args := s.from(anyWord)
		ms, more, err := s.ranked(ctx, from, args, n, anyWord)
		if err != nil || !more {
			return ms, len(ms), false, err
		}
		total, err := s.count(ctx, from, args)
		return ms, total, false, err
	}
	cv := s.text.cover()
	facts, err := parseFacts([6]string(cols[5:]), ms, cv.keys, cats)
	if err != nil {
		return nil, 0, false, err
	}
	s.folded = &foldedFacts{cover: cv, facts: facts}
	return ms, len(ms), false, nil
}

// factColumns are the columns of product_rank rr that rankedWithFacts reads with each
// match (and rr.category_keys AS fc when the query is category words), and
// factListsNoCats and factListsCats the lists it reads of them: those typeFacts reads,
// with an empty one for the category words when they are not read.
const (
	factColumns     = `, rr.rowid AS fr, rr.head AS fh, rr.category AS fg, rr.for_keys AS ff, rr.title_keys AS ft`
	factLists       = `, coalesce(group_concat(fr, char(30)), ''), coalesce(group_concat(fh, char(30)), ''), coalesce(group_concat(fg, char(30)), ''), coalesce(group_concat(ff, char(30)), ''), coalesce(group_concat(ft, char(30)), '')`
	factListsNoCats = factLists + `, ''`
	factListsCats   = factLists + `, coalesce(group_concat(fc, char(30)), '')`
)

// matchColumns are the columns of product_keys k that a match is read from, named as
// matchList reads them.
const matchColumns = `k.rowid AS r, coalesce(k.category_id, 0) AS c, k.brand_id AS b, k.price_amount AS a, k.price_exp AS e`

// matchList appends to ms the matches query selects (its columns are matchColumns), in
// its order when it has a LIMIT. It reads them as one row of five lists of text, a
// column each, the integers separated by ',': handing SQLite's values to Go a row at
// a time costs more than the rest of reading a match (a rare word's search read about
// as many rows as the bare query reads; one of a few hundred matches, ten times more),
// and a list per column costs SQLite less than one list of the rows, whose every
// field would be joined into a string of its own first.
func (s *search) matchList(ctx context.Context, query string, args []any, ms []match) ([]match, error) {
	var cols [5]string
	err := s.c.queryRow(ctx, `SELECT `+matchLists+` FROM (`+query+`)`, args...).
		Scan(&cols[0], &cols[1], &cols[2], &cols[3], &cols[4])
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return parseMatches(cols, ms)
}

// matchLists are the lists matchList reads, a column of matchColumns each.
const matchLists = `coalesce(group_concat(r), ''), coalesce(group_concat(c), ''), coalesce(group_concat(b), ''),
	coalesce(group_concat(a), ''), coalesce(group_concat(e), '')`

// parseMatches appends to ms the matches of the lists of matchLists.
func parseMatches(cols [5]string, ms []match) ([]match, error) {
	n := 0
	if cols[0] != "" {
		n = strings.Count(cols[0], ",") + 1
	}
	start := len(ms)
	ms = slices.Grow(ms, n)[:start+n]
	for i, list := range cols {
		for j := range n {
			var (
				v  int64
				ok bool
			)
			if v, list, ok = cutInt(list); !ok {
				return nil, fmt.Errorf("search: a match's column %d does not read as an integer", i+1)
			}
			m := &ms[start+j]
			switch i {
			case 0:
				m.rowid = v
			case 1:
				m.category = v
			case 2:
				m.brand = v
			case 3:
				m.amount = v
			case 4:
				m.exp = int(v)
			}
		}
		if list != "" {
			return nil, fmt.Errorf("search: the matches' columns have different lengths")
		}
	}
	return ms, nil
}

// cutInt reads the integer at the start of list, up to its first ',', and returns
// it and the rest of list after that ','. ok is false when the field is not an int64
// in decimal as strconv.ParseInt reads it. It reads what SQLite writes of an integer
// (an optional '-' and up to 18 digits) itself, a few times faster than cutting the
// field and parsing it, which a search of a few hundred matches does for each of their
// five columns; any other field is left to strconv.ParseInt.
func cutInt(list string) (v int64, rest string, ok bool) {
	i := 0
	if list != "" && list[0] == '-' {
		i = 1
	}
	digits := i
	for ; i < len(list) && list[i] != ','; i++ {
		d := list[i] - '0'
		if d > 9 || i-digits == 18 {
			return cutIntSlow(list)
		}
		v = v*10 + int64(d)
	}
	if i == digits {
		return cutIntSlow(list)
	}
	if digits == 1 {
		v = -v
	}
	if i < len(list) {
		i++ // the ','
	}
	return v, list[i:], true
}

// cutIntSlow is cutInt by strconv.ParseInt.
func cutIntSlow(list string) (int64, string, bool) {
	field, rest, _ := strings.Cut(list, ",")
	v, err := strconv.ParseInt(field, 10, 64)
	return v, rest, err == nil
}

// scanMatches reads rows of five integers into matches. It scans into interface values
// and converts them itself: database/sql assigns an int64 to an *int64 by reflection,
// which costs more than the rest of reading a row when a search reads a thousand.
func (s *search) scanMatches(ctx context.Context, query string, args []any, ms []match) ([]match, error) {
	rows, err := s.c.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var (
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
			list  sql.NullString
			cond  sql.NullString
			unit  [3]sql.NullString // the measure, its base and the pack count
			asks  sql.NullString    // the attributes of a product with choices or a personalisation
		)
		hits = append(hits, Hit{}) // filled in place: a Hit of its own would be allocated per row
		h := &hits[len(hits)-1]
		if err := rows.Scan(&rowid, &card, &h.Description, &h.Seller.ID, &h.Seller.Name, &h.Seller.ACPBaseURL, &h.Seller.StripeProfileID, &list, &cond, &unit[0], &unit[1], &unit[2], &asks); err != nil {
			return nil, fmt.Errorf("search page: %w", err)
		}
		if err := decodeCard(card, &h.Product); err != nil {
			return nil, fmt.Errorf("search page: product %d: %w", rowid, err)
		}
		if list.Valid {
			h.ListPrice, _ = listPriceOf(list.String, h.Price)
		}
		if cond.Valid {
			h.Condition = conditionOf(cond.String)
		}
		if unit[0].Valid || unit[2].Valid {
			h.UnitPrice, _ = unitPriceOf(h.Price, unit[0].String, unit[1].String, unit[2].String)
		}
		if asks.Valid {
			if attrs, err := decodeAttributes(asks.String); err == nil {
				h.NeedsChoices = (&Product{Attributes: attrs}).NeedsChoices()
			}
		}
		h.SellerName = h.Seller.Name
		h.Snippet = snippet(h.Description, stems)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search page: %w", err)
	}
	return hits, nil
}

// pageSQL returns the statement that reads the card, description, seller, list price,
// condition, unit price attributes and, for a product with choices, its attributes of n products, in
// the order their rowids are bound: a SELECT of one row per product, joined with UNION
// ALL, which keeps that order and costs SQLite less than an IN list. The statements of
// pages of up to MaxLimit products are written once (see pageSQLs).
func pageSQL(n int) string {
	if n <= MaxLimit {
		return pageSQLs()[n]
	}
	return writePageSQL(n)
}

// pageSQLs holds writePageSQL(n) at n for every n up to MaxLimit.
var pageSQLs = sync.OnceValue(func() []string {
	out := make([]string, MaxLimit+1)
	for n := range out {
		out[n] = writePageSQL(n)
	}
	return out
})

// writePageSQL writes the statement pageSQL returns.
func writePageSQL(n int) string {
	const one = `SELECT t.rowid, t.card, t.description, coalesce(s.id, ''), coalesce(s.name, ''),
		coalesce(s.acp_base_url, ''), coalesce(s.stripe_profile_id, ''), json_extract(t.attributes, '$.list_price'),
		json_extract(t.attributes, '$.condition'), json_extract(t.attributes, '$.unit_pricing_measure'),
		json_extract(t.attributes, '$.unit_pricing_base_measure'), json_extract(t.attributes, '$.pack'),
		CASE WHEN json_extract(t.attributes, '$.choices', '$.personalization') <> '[null,null]' THEN t.attributes END FROM product_text t
		LEFT JOIN sellers s ON s.id = json_extract(t.card, '$[1]') WHERE t.rowid = ?`
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
