package catalog

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
)

// maxFacetValues is how many values each of Facets.Categories and Facets.Brands lists.
const maxFacetValues = 20

// priceEdges are the price bucket bounds, in major units.
var priceEdges = [...]int64{10, 25, 50, 100, 250, 500, 1000}

// facets counts ms by category, brand and price bucket.
func (c *Catalog) facets(ctx context.Context, ms []match) (Facets, error) {
	var (
		cats    = make([]int64, 0, len(ms))
		brands  = make([]int64, 0, len(ms))
		buckets [len(priceEdges) + 1]int
	)
	for _, m := range ms {
		if m.category != 0 {
			cats = append(cats, m.category)
		}
		if m.brand != 0 {
			brands = append(brands, m.brand)
		}
		buckets[priceBucket(m.amount, m.exp)]++
	}
	catCounts, brandCounts := countIDs(cats), countIDs(brands)
	var f Facets
	paths, err := c.categoryPaths(ctx, idsOf(catCounts))
	if err != nil {
		return f, fmt.Errorf("facets: %w", err)
	}
	brandNames, err := c.brands.get(ctx, c, `SELECT id, name FROM brands`, idsOf(brandCounts))
	if err != nil {
		return f, fmt.Errorf("facets: %w", err)
	}
	f.Categories, f.Brands = tallyNames(catCounts, paths), tallyNames(brandCounts, brandNames)
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

// idCount is an id and how many matches have it.
type idCount struct {
	id int64
	n  int
}

// countIDs sorts ids (in place) and returns each distinct one with its number of
// occurrences, in id order. Sorting a few hundred integers costs less than counting
// them in a map.
func countIDs(ids []int64) []idCount {
	slices.Sort(ids)
	out := make([]idCount, 0, len(ids))
	for i, id := range ids {
		if i > 0 && id == ids[i-1] {
			out[len(out)-1].n++
			continue
		}
		out = append(out, idCount{id: id, n: 1})
	}
	return out
}

// idsOf yields the ids of counts.
func idsOf(counts []idCount) iter.Seq[int64] {
	return func(yield func(int64) bool) {
		for _, c := range counts {
			if !yield(c.id) {
				return
			}
		}
	}
}

// tallyNames returns the maxFacetValues most common names of the counted ids, most
// common first, ties in name order. Names are unique (categories and brands are keyed
// by their lower-cased names); an id with no name, which the tables' triggers rule
// out, is left out rather than shown blank. It keeps the best values seen so far in
// order, as a match set of a few hundred products has as many values, most of which
// never reach them, and sorting them all costs more than the rest of the facets.
func tallyNames(counts []idCount, names map[int64]string) []Facet {
	top := make([]Facet, 0, maxFacetValues+1)
	for _, c := range counts {
		if len(top) == maxFacetValues && c.n < top[len(top)-1].Count {
			continue // after every value kept, whatever its name
		}
		name := names[c.id]
		if name == "" {
			continue
		}
		f := Facet{Value: name, Count: c.n}
		i, _ := slices.BinarySearchFunc(top, f, facetOrder)
		if i == maxFacetValues {
			continue
		}
		top = slices.Insert(top, i, f)[:min(len(top)+1, maxFacetValues)]
	}
	return top
}

// facetOrder orders facet values as Facets lists them: most common first, ties in
// name order.
func facetOrder(a, b Facet) int {
	if a.Count != b.Count {
		return b.Count - a.Count
	}
	return strings.Compare(a.Value, b.Value)
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

// categoryPaths returns the paths of categories by id; it has at least the given ids,
// if they exist.
func (c *Catalog) categoryPaths(ctx context.Context, ids iter.Seq[int64]) (map[int64]string, error) {
	return c.cats.get(ctx, c, `SELECT id, path FROM categories`, ids)
}

// nameCache keeps the names of the rows of a table whose rows never change once they
// exist (categories, brands), by id. It reads the table again only when asked for an id
// new to this process, since another process may have imported more.
//
// The table is read without holding mu: a caller outside a snapshot (CategoryPaths,
// for recommend) waits for a read connection to read it, and searches, which hold
// read connections, wait for mu; holding mu while waiting would let them wait on each
// other for ever once the read pool is taken. For the same reason there is no
// single flight: a search waiting for another caller's read would wait for a
// connection it may be holding. Two callers missing at once both read the table.
type nameCache struct {
	mu    sync.Mutex
	names map[int64]string
}

// get returns the cached names, reloading them with query (which selects id, name)
// first if any of ids is missing. The map returned is never modified afterwards.
func (nc *nameCache) get(ctx context.Context, c *Catalog, query string, ids iter.Seq[int64]) (map[int64]string, error) {
	nc.mu.Lock()
	names := nc.names
	nc.mu.Unlock()
	for id := range ids {
		if _, ok := names[id]; ok {
			continue
		}
		loaded, err := loadNames(ctx, c, query)
		if err != nil {
			return nil, err
		}
		nc.mu.Lock()
		// Rows are only added: of two reads, the one with more rows is the later.
		if len(loaded) >= len(nc.names) {
			nc.names = loaded
		}
		nc.mu.Unlock()
		return loaded, nil
	}
	return names, nil
}

func loadNames(ctx context.Context, c *Catalog, query string) (map[int64]string, error) {
	rows, err := c.query(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[int64]string{}
	for rows.Next() {
		var (
			id   int64
			name string
		)
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	return names, rows.Err()
}
