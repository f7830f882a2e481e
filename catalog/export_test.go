package catalog

import "context"

// UnderstandQueries runs the query-understanding step of Search (understandQuery) for
// each of qs, in one snapshot of the catalog as a search does; with spelling, it also
// makes the spelling corrections of the words that a search finding nothing makes
// (corrected). It is for BenchmarkUnderstandQuery.
func (c *Catalog) UnderstandQueries(ctx context.Context, qs []Query, spelling bool) error {
	ctx, end, err := c.snapshot(ctx)
	if err != nil {
		return err
	}
	defer end()
	for _, q := range qs {
		if err := q.validate(); err != nil {
			return err
		}
		s, _, done, err := c.understandQuery(ctx, q, q.fingerprint())
		if err != nil {
			return err
		}
		if spelling && !done {
			if _, _, err := c.corrected(ctx, s.text); err != nil {
				return err
			}
		}
	}
	return nil
}

// CPUTime is cpuTime, for the benchmarks of package catalog_test.
var CPUTime = cpuTime
