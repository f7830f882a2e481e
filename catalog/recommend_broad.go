package catalog

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Broad text matches. Ranking a match set by relevance costs about a microsecond per
// match and says little when a context word is in thousands of products, so a match
// set larger than maxRankedMatches is not ranked: its candidates are those of the
// customer's own sources (co-purchases, favourite and usual categories and brands),
// best sellers and best rated products that are among the matches. Each of those
// sources reads broadDepth times its usual number of products in its index order, so
// that enough of them match.
const (
	maxRankedMatches = 5000
	broadDepth       = 4
)

// matchCount returns the number of products matching the FTS5 expression match,
// counting no further than maxRankedMatches+1.
func (r *recommender) matchCount(ctx context.Context, match string) (int, error) {
	var n int
	err := r.c.queryRow(ctx, `SELECT count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?)`,
		match, maxRankedMatches+1).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("recommend: %w", err)
	}
	return n, nil
}

// fromBroadText adds candidates for a match set too large to rank, and returns how
// many it added. When the match was relaxed to any word, the products with the words
// that are each in few enough products are ranked first, as relevance would rank them;
// every other candidate shares the next rank. Every candidate matches.
func (r *recommender) fromBroadText(ctx context.Context, match string) (int, error) {
	if r.relaxed {
		rare, err := r.rareWords(ctx)
		if err != nil {
			return 0, err
		}
		if rare != "" {
			if _, err := r.fromRankedText(ctx, rare); err != nil {
				return 0, err
			}
		}
	}
	next := len(r.order) // the rank the unranked candidates share
	set, err := r.matchSet(ctx, match)
	if err != nil {
		return 0, err
	}
	r.matches = set
	defer func() { r.matches = nil }()
	for _, source := range []func(context.Context) error{r.fromCoPurchases, r.fromCategories, r.fromBrands, r.fromBestSellers, r.fromTopRated} {
		if err := source(ctx); err != nil {
			return 0, err
		}
	}
	for _, c := range r.cands {
		if c.textRank < 0 {
			c.textRank = next
		}
	}
	return len(r.order), nil
}

// rareWords returns the FTS5 expression for any of the context words that are in at
// most maxRankedMatches products each; "" when there are none.
func (r *recommender) rareWords(ctx context.Context) (string, error) {
	var rare []string
	for i := range r.text.words {
		m := r.wordMatch(i)
		n, err := r.matchCount(ctx, m)
		if err != nil {
			return "", err
		}
		if n > 0 && n <= maxRankedMatches {
			rare = append(rare, m)
		}
	}
	return strings.Join(rare, " OR "), nil
}

// wordMatch returns the FTS5 expression for context word i alone, a prefix when it
// is the last word, as in the whole expression.
func (r *recommender) wordMatch(i int) string {
	m := textQuery{words: []string{r.text.words[i]}}.match(false)
	if i < len(r.text.words)-1 {
		m = strings.TrimSuffix(m, "*")
	}
	return m
}

// matchSet returns the rowids of the products matching match, sorted. They are read
// as one string: one row per match would cost several times more.
func (r *recommender) matchSet(ctx context.Context, match string) ([]int64, error) {
	var list string
	err := r.c.queryRow(ctx, `SELECT coalesce(group_concat(rowid), '') FROM products_fts WHERE products_fts MATCH ?`,
		match).Scan(&list)
	if err != nil {
		return nil, fmt.Errorf("recommend: %w", err)
	}
	set := make([]int64, 0, strings.Count(list, ",")+1)
	for s := range strings.SplitSeq(list, ",") {
		if s == "" {
			continue
		}
		rowid, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("recommend: reading the text matches: %w", err)
		}
		set = append(set, rowid)
	}
	slices.Sort(set) // already in rowid order, which costs one pass
	return set, nil
}

// inMatches reports whether rowid may be a candidate: any product, unless a broad
// text match is being gathered, which admits its matches only.
func (r *recommender) inMatches(rowid int64) bool {
	if r.matches == nil {
		return true
	}
	_, ok := slices.BinarySearch(r.matches, rowid)
	return ok
}

// deep returns how many products a source reads to find about n candidates: more
// while gathering a broad text match, which admits only some of them.
func (r *recommender) deep(n int) int {
	if r.matches != nil {
		return n * broadDepth
	}
	return n
}
