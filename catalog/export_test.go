package catalog

import (
	"context"
	"errors"
	"time"
)

// SpellWords says what spelling has of the indexed words it compares a word with
// before each query of UnderstandQueries.
type SpellWords int

const (
	// SpellWordsKept: what the queries before read.
	SpellWordsKept SpellWords = iota
	// SpellWordsAfresh: nothing; each query reads them afresh, as the first after
	// the catalog opens does (or one after a write whose changes it cannot follow).
	SpellWordsAfresh
	// SpellWordsWritten: what the queries before read, and a write of product text
	// after them: one product's description is swapped for another's (and back at the
	// next query), so the query follows that write's changed terms (see spellCandidates).
	SpellWordsWritten
)

// UnderstandQueries runs the query-understanding step of Search (understandQuery) for
// each of qs, in a snapshot of the catalog as a search does (one for all of them,
// unless each follows a write); with spelling, it also makes the spelling corrections
// of the words that a search finding nothing makes (corrected), with the indexed words
// words says, prepared outside the time taken. It returns how long each query took,
// and beside it its floor: one read of the catalog's text version (the smallest
// statement a search makes), timed right after it. It is for BenchmarkUnderstandQuery.
func (c *Catalog) UnderstandQueries(ctx context.Context, qs []Query, spelling bool, words SpellWords) (took, floor []time.Duration, err error) {
	var write func(i int) error
	if words == SpellWordsWritten {
		if write, err = c.swapDescriptions(ctx); err != nil {
			return nil, nil, err
		}
		defer write(1) // back as it was (an even number of swaps is none)
	}
	read, end, err := c.snapshot(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer func() { end() }()
	took, floor = make([]time.Duration, len(qs)), make([]time.Duration, len(qs))
	for i, q := range qs {
		switch words {
		case SpellWordsAfresh:
			c.spelling.mu.Lock()
			c.spelling.byStart = nil
			c.spelling.mu.Unlock()
		case SpellWordsWritten:
			end()
			end = func() {}
			if err := write(i); err != nil {
				return nil, nil, err
			}
			if read, end, err = c.snapshot(ctx); err != nil {
				return nil, nil, err
			}
		}
		t0 := time.Now()
		if err := q.validate(); err != nil {
			return nil, nil, err
		}
		s, _, done, err := c.understandQuery(read, q, q.fingerprint())
		if err != nil {
			return nil, nil, err
		}
		if spelling && !done {
			if _, _, err := c.corrected(read, s.text, s.sentence); err != nil {
				return nil, nil, err
			}
		}
		t1 := time.Now()
		if _, err := c.textVersion(read); err != nil {
			return nil, nil, err
		}
		took[i], floor[i] = t1.Sub(t0), time.Since(t1)
	}
	return took, floor, nil
}

// swapDescriptions returns a write that gives the catalog's first product the
// description of its second at even i, and its own back at odd i.
func (c *Catalog) swapDescriptions(ctx context.Context) (func(i int) error, error) {
	var ids []string
	if err := func() error {
		rows, err := c.db.QueryContext(ctx, `SELECT id FROM products ORDER BY rowid LIMIT 2`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	}(); err != nil {
		return nil, err
	}
	if len(ids) < 2 {
		return nil, errors.New("swapDescriptions: fewer than two products")
	}
	first, err := c.Product(ctx, ids[0])
	if err != nil {
		return nil, err
	}
	second, err := c.Product(ctx, ids[1])
	if err != nil {
		return nil, err
	}
	return func(i int) error {
		p := first
		if i%2 == 0 {
			p.Description = second.Description
		}
		_, err := c.Upsert(ctx, nil, []Product{p})
		return err
	}, nil
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

// SwapDescriptions is swapDescriptions, for BenchmarkSpellWords.
func (c *Catalog) SwapDescriptions(ctx context.Context) (func(i int) error, error) {
	return c.swapDescriptions(ctx)
}

// KeptSpellWords returns how many indexed words spelling compares a word that starts
// with start with, as a misspelled word finds them: kept from an earlier query, brought
// up to date after a write, or read. It is for BenchmarkSpellWords.
func (c *Catalog) KeptSpellWords(ctx context.Context, start string) (int, error) {
	cands, err := c.spellCandidates(ctx, start)
	return len(cands), err
}

// RelaxedNote is the note of a result of products with some of the words.
const RelaxedNote = relaxedNote

// HiddenIDs is hiddenIDs: the hidden products with ids in [from, to), counted by
// looking each product of the range up or, with scan, by a scan of product_keys.
func (c *Catalog) HiddenIDs(ctx context.Context, from, to string, scan bool) (int, error) {
	return c.hiddenIDs(ctx, from, to, scan)
}

// ForgetPools drops what the catalog kept of search expressions (match counts, kept
// orders, pools), as a write of product text does.
func (c *Catalog) ForgetPools() { c.pools.forget() }

// forget forgets every pool, as a new process would know none (for tests).
func (ps *pools) forget() {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.version, ps.byKey, ps.few, ps.kept, ps.sets = -1, nil, nil, nil, 0
}
