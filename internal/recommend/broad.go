package recommend

import (
	"context"
	"fmt"
	"slices"

	"github.com/commerce-mcp/commerce-mcp/catalog"
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

// matchCount returns the number of products matching match, counting no further than
// maxRankedMatches+1.
func (r *recommender) matchCount(ctx context.Context, match catalog.Match) (int, error) {
	n, err := r.c.CountMatches(ctx, match, maxRankedMatches+1)
	if err != nil {
		return 0, fmt.Errorf("recommend: %w", err)
	}
	return n, nil
}

// fromBroadText adds candidates for a match set too large to rank, and returns how
// many it added. When the match was relaxed to any word, the products with the words
// that are each in few enough products are ranked first, as relevance would rank them;
// every other candidate shares the next rank. Every candidate matches.
func (r *recommender) fromBroadText(ctx context.Context, match catalog.Match) (int, error) {
	if r.relaxed {
		if rare := r.rareWords(); len(rare) > 0 {
			if _, err := r.fromRankedText(ctx, catalog.Or(rare...)); err != nil {
				return 0, err
			}
		}
	}
	next := len(r.order) // the rank the unranked candidates share
	set, err := r.c.MatchSet(ctx, match)
	if err != nil {
		return 0, fmt.Errorf("recommend: %w", err)
	}
	r.matches = set
	defer func() { r.matches = nil }()
	for _, source := range []func(context.Context) error{r.fromCoPurchases, r.fromSimilarText, r.fromCategories, r.fromBrands, r.fromBestSellers, r.fromTopRated} {
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

// rareWords returns the matches of those context words of the relaxed match that are
// each in at most maxRankedMatches products (counted by anyWordMatch).
func (r *recommender) rareWords() []catalog.Match {
	var rare []catalog.Match
	for i, n := range r.wordN {
		if n > 0 && n <= maxRankedMatches {
			rare = append(rare, catalog.MatchWord(r.words, i))
		}
	}
	return rare
}

// inMatches reports whether rowid may be a candidate: any product, unless a broad
// text match is being gathered, which admits its matches only.
func (r *recommender) inMatches(ref catalog.Ref) bool {
	if r.matches == nil {
		return true
	}
	_, ok := slices.BinarySearch(r.matches, ref)
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
