package catalog

import (
	"slices"
	"testing"
)

// TestPagesPastAShortPool checks that paging through a reranked text search whose
// filters pass few of its pool's matches lists every product once: the pages drawn
// from the pool and the pages past it (ranked in full) are reranked over the same
// matches, so no product is shown twice and none is skipped, against the same search
// ranked in full. The pool (1,100) is at least FacetCap, as in production (4,000),
// and smaller than the match sets (1,100–2,600 matches of 6,000 products).
func TestPagesPastAShortPool(t *testing.T) {
	c := poolCatalogOf(t, 6000)
	for _, q := range []Query{{Text: "lantern"}, {Text: "classic", InStock: true}, {Text: "lamp", MinRating: 2},
		{Text: "steel lamp"}, {Text: "travel red"}} {
		q.Limit = 50
		c.pools.forget()
		c.exactUpTo, c.poolSize, c.poolChunk = 1<<30, 0, -1
		full, _ := walk(t, c, q)
		c.pools.forget()
		c.exactUpTo, c.poolSize, c.poolChunk = 10, 1100, 300
		got, _ := walk(t, c, q)
		seen := map[string]bool{}
		var repeated []string
		for _, id := range got {
			if seen[id] {
				repeated = append(repeated, id)
			}
			seen[id] = true
		}
		if len(repeated) > 0 {
			t.Errorf("%q: %d products shown twice in %d results (first %s)", q.Text, len(repeated), len(got), repeated[0])
		}
		a, b := slices.Clone(full), slices.Clone(got)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(slices.Compact(a), slices.Compact(b)) {
			t.Errorf("%q: the pages list %d distinct products, ranked in full %d", q.Text, len(slices.Compact(b)), len(slices.Compact(a)))
		}
	}
}
