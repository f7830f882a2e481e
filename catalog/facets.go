package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// maxFacetValues is how many values each of Facets.Categories and Facets.Brands lists.
const maxFacetValues = 20

// priceEdges are the price bucket bounds, in major units.
var priceEdges = []int64{10, 25, 50, 100, 250, 500, 1000}

// facets counts ms by category, brand and price bucket.
func (c *Catalog) facets(ctx context.Context, ms []match) (Facets, error) {
	// Size the maps for the distinct values expected, which is at most len(ms) and
	// usually far fewer, so that small searches never grow them.
	hint := min(len(ms), 64)
	var (
		catIDs  = make(map[int64]int, hint)
		brands  = newTally(hint)
		buckets [8]int // len(priceEdges)+1
	)
	for _, m := range ms {
		if m.category != 0 {
			catIDs[m.category]++
		}
		if m.brand != "" {
			brands.add(strings.ToLower(m.brand), m.brand, 1)
		}
		buckets[priceBucket(m.amount, m.exp)]++
	}
	var f Facets
	names, err := c.categoryPaths(ctx, catIDs)
	if err != nil {
		return f, err
	}
	cats := newTally(len(catIDs))
	for id, n := range catIDs {
		cats.add(names[id], names[id], n)
	}
	f.Categories, f.Brands = cats.top(maxFacetValues), brands.top(maxFacetValues)
	for i, n := range buckets {
		if n == 0 {
			continue
		}
		b := PriceBucket{Count: n}
		if i > 0 {
			b.Min = priceEdges[i-1]
		}
		if i < len(priceEdges) {
			b.Max = priceEdges[i]
		}
		f.Prices = append(f.Prices, b)
	}
	return f, nil
}

// priceBucket returns the index of the bucket of a price of amount minor units with exp
// decimals: the number of edges at or below its major-unit value.
func priceBucket(amount int64, exp int) int {
	for range exp {
		amount /= 10
	}
	i := 0
	for i < len(priceEdges) && priceEdges[i] <= amount {
		i++
	}
	return i
}

// tally counts facet values by key, showing each key as the first value added for it.
type tally struct {
	index  map[string]int // key → position in facets
	facets []Facet
}

func newTally(hint int) *tally {
	return &tally{index: make(map[string]int, hint), facets: make([]Facet, 0, hint)}
}

func (t *tally) add(key, value string, n int) {
	if i, ok := t.index[key]; ok {
		t.facets[i].Count += n
		return
	}
	t.index[key] = len(t.facets)
	t.facets = append(t.facets, Facet{Value: value, Count: n})
}

// top returns the n most common values, ties in value order.
func (t *tally) top(n int) []Facet {
	out := t.facets
	slices.SortFunc(out, func(a, b Facet) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out[:min(len(out), n)]
}

// categoryPaths returns the paths of the given category ids. Paths never change once a
// category exists, so they are kept in memory and read again only when an id is new to
// this process (another process may have imported more categories).
func (c *Catalog) categoryPaths(ctx context.Context, ids map[int64]int) (map[int64]string, error) {
	c.cats.mu.Lock()
	defer c.cats.mu.Unlock()
	for id := range ids {
		if _, ok := c.cats.paths[id]; !ok {
			if err := c.loadCategories(ctx); err != nil {
				return nil, err
			}
			break
		}
	}
	return c.cats.paths, nil
}

func (c *Catalog) loadCategories(ctx context.Context) error {
	rows, err := c.query(ctx, `SELECT id, path FROM categories`)
	if err != nil {
		return fmt.Errorf("facets: %w", err)
	}
	defer rows.Close()
	paths := map[int64]string{}
	for rows.Next() {
		var (
			id   int64
			path string
		)
		if err := rows.Scan(&id, &path); err != nil {
			return fmt.Errorf("facets: %w", err)
		}
		paths[id] = path
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("facets: %w", err)
	}
	c.cats.paths = paths
	return nil
}
