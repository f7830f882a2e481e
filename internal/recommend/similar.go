package recommend

import (
	"context"
	"fmt"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Similar text. A purchase without a category or a brand (common in real feeds) gives
// the category and brand sources nothing to go on, so its title does: the products of
// the pool whose text has its distinctive words, ranked by relevance. A word counts as
// distinctive when at most maxSimilarWordProducts products have it (a word much of the
// catalog has, such as "coffee" in a coffee shop, says little), so each query is
// bounded, indexed work however large the catalog.
const (
	maxSimilarSources      = 3 // recent purchases whose titles are searched
	maxSimilarWords        = 8 // words of a title looked up
	maxSimilarWordProducts = 300
	perSimilarSource       = 20
)

// fromSimilarText adds the products whose text is most like the titles of the
// customer's recent purchases that have no category or no brand. A candidate's
// similarity is the sum, over those purchases, of the purchase's recency weight over
// one plus a fifth of its rank among that purchase's matches.
func (r *recommender) fromSimilarText(ctx context.Context) error {
	n := 0
	for _, h := range r.prof.recent {
		if n == maxSimilarSources {
			break
		}
		if strings.TrimSpace(h.Category) != "" && catalog.BrandKey(h.Brand) != "" || h.Title == "" {
			continue
		}
		n++
		title := h.Title
		if i := strings.Index(title, ", "); i > 0 {
			title = title[:i] // the variant: "…, 12 oz", "…, White"
		}
		words := catalog.Words(title)
		words = append(words[:min(len(words), maxSimilarWords)], "") // no word is the last: none is a prefix
		var rare []catalog.Match
		for i := range len(words) - 1 {
			m := catalog.MatchWord(words, i)
			k, err := r.c.CountMatches(ctx, m, maxSimilarWordProducts+1)
			if err != nil {
				return fmt.Errorf("recommend: %w", err)
			}
			if k > 0 && k <= maxSimilarWordProducts {
				rare = append(rare, m)
			}
		}
		if len(rare) == 0 {
			continue
		}
		refs, err := r.pool.Matches(ctx, catalog.Or(rare...), r.deep(perSimilarSource))
		w := r.prof.weight[h.ProductID]
		err = each(refs, err, func(ref catalog.Ref, i int) {
			c := r.add(ref)
			if c == nil {
				return
			}
			s := w / (1 + float64(i)/5)
			c.similar += s
			if s > c.simBest {
				c.simFrom, c.simBest = h.ProductID, s
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}
