package catalog

import (
	"context"
	"math"
	"slices"
	"testing"
)

// TestMatchPricesAreThoseOfTheMatches holds matchPrices, which reads the prices of a
// search's matches without ranking them when it can, equal to the prices of the
// matches the search ranks (s.matches), whether the text has few matches or a pool,
// read in one chunk or several, with filters and without, and for a browse.
func TestMatchPricesAreThoseOfTheMatches(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	bound := func(v float64) *float64 { return &v }
	queries := []Query{
		{Text: "lantern"}, {Text: "classic", InStock: true}, {Text: "brass lamp"}, {Text: "cam"},
		{Text: "steel", MaxPrice: bound(40)}, {Text: "red", Category: "camping", InStock: true},
		{Text: "travel", Brand: "acme"}, {Text: "lamp", MinRating: 2}, {Text: "classic trips"},
		{Text: "lantern", Limit: 7}, {Text: "nothingmatches"}, {InStock: true}, {},
		{Text: "brass", Brand: "glowco", MinRating: 4.5}, // few of a pool pass
	}
	for _, tc := range []struct {
		name                   string
		exact, poolSize, chunk int
	}{
		{"few matches, ranked in full", 0, 0, 0},
		{"pools", 10, 150, 0},
		{"pools read in chunks", 10, 150, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.exactUpTo, c.poolSize, c.poolChunk = tc.exact, tc.poolSize, tc.chunk
			c.pools = pools{}
			for _, q := range queries {
				q.Limit = max(q.Limit, 10)
				s, _, done, err := c.understandQuery(ctx, q, q.fingerprint())
				if err != nil || done {
					t.Fatalf("%+v: %v, done %v", q, err, done)
				}
				got, err := s.matchPrices(ctx)
				if err != nil {
					t.Fatal(err)
				}
				s, _, _, err = c.understandQuery(ctx, q, q.fingerprint())
				if err != nil {
					t.Fatal(err)
				}
				ms, _, _, err := s.matches(ctx, 0, false)
				if err != nil {
					t.Fatal(err)
				}
				var want []float64
				for _, m := range ms {
					want = append(want, float64(m.amount)/math.Pow10(m.exp))
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%+v: matchPrices gives %d prices %v…, the matches %d %v…", q, len(got), got[:min(5, len(got))], len(want), want[:min(5, len(want))])
				}
				if q.Text != "nothingmatches" && len(want) == 0 {
					t.Errorf("%+v: no matches: the case tests nothing", q)
				}
			}
		})
	}
}
