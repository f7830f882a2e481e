package catalog

import (
	"context"
	"time"
)

// UnderstandQueries runs the query-understanding step of Search (understandQuery) for
// each of qs, in one snapshot of the catalog as a search does; with spelling, it also
// makes the spelling corrections of the words that a search finding nothing makes
// (corrected), and with cold, it first forgets the indexed words spelling read (as a
// write of product text makes it), outside the time taken. It returns how long each query took, and beside it its floor: one read
// of the catalog's text version (the smallest statement a search makes), timed right
// after it. It is for BenchmarkUnderstandQuery.
func (c *Catalog) UnderstandQueries(ctx context.Context, qs []Query, spelling, cold bool) (took, floor []time.Duration, err error) {
	ctx, end, err := c.snapshot(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer end()
	took, floor = make([]time.Duration, len(qs)), make([]time.Duration, len(qs))
	for i, q := range qs {
		if cold {
			c.spelling.mu.Lock()
			c.spelling.byStart = nil
			c.spelling.mu.Unlock()
		}
		t0 := time.Now()
		if err := q.validate(); err != nil {
			return nil, nil, err
		}
		s, _, done, err := c.understandQuery(ctx, q, q.fingerprint())
		if err != nil {
			return nil, nil, err
		}
		if spelling && !done {
			if _, _, err := c.corrected(ctx, s.text); err != nil {
				return nil, nil, err
			}
		}
		t1 := time.Now()
		if _, err := c.textVersion(ctx); err != nil {
			return nil, nil, err
		}
		took[i], floor[i] = t1.Sub(t0), time.Since(t1)
	}
	return took, floor, nil
}

// ReadSpellWords reads the indexed words spelling compares a word that starts with
// start with, afresh (as the first such word after a write of product text does), and
// returns how many. It is for BenchmarkSpellWords.
func (c *Catalog) ReadSpellWords(ctx context.Context, start string) (int, error) {
	c.spelling.mu.Lock()
	c.spelling.byStart = nil
	c.spelling.mu.Unlock()
	cands, err := c.spellCandidates(ctx, start)
	return len(cands), err
}

// CPUTime is cpuTime, for the benchmarks of package catalog_test.
var CPUTime = cpuTime
