package catalog

import (
	"context"
	"fmt"
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
	// Size the maps for the distinct values expected, which is at most len(ms) and
	// usually far fewer, so that small searches never grow them.
	hint := min(len(ms), 64)
	var (
		catIDs   = make(map[int64]int, hint)
		brandIDs = make(map[int64]int, hint)
		buckets  [len(priceEdges) + 1]int
	)
	for _, m := range ms {
		if m.category != 0 {
			catIDs[m.category]++
		}
		if m.brand != 0 {
			brandIDs[m.brand]++
		}
		buckets[priceBucket(m.amount, m.exp)]++
	}
	var f Facets
	paths, err := c.categoryPaths(ctx, catIDs)
	if err != nil {
		return f, fmt.Errorf("facets: %w", err)
	}
	brandNames, err := c.brands.get(ctx, c, `SELECT id, name FROM brands`, brandIDs)
	if err != nil {
		return f, fmt.Errorf("facets: %w", err)
	}
	f.Categories, f.Brands = tallyNames(catIDs, paths), tallyNames(brandIDs, brandNames)
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

// tallyNames returns the maxFacetValues most common names of the counted ids, most
// common first, ties in name order. Names are unique (categories and brands are keyed
// by their lower-cased names); an id with no name, which the tables' triggers rule
// out, is left out rather than shown blank.
func tallyNames(counts map[int64]int, names map[int64]string) []Facet {
	out := make([]Facet, 0, len(counts))
	for id, n := range counts {
		if name := names[id]; name != "" {
			out = append(out, Facet{Value: name, Count: n})
		}
	}
	slices.SortFunc(out, func(a, b Facet) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	return out[:min(len(out), maxFacetValues)]
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
func (c *Catalog) categoryPaths(ctx context.Context, ids map[int64]int) (map[int64]string, error) {
	return c.cats.get(ctx, c, `SELECT id, path FROM categories`, ids)
}

// nameCache keeps the names of the rows of a table whose rows never change once they
// exist (categories, brands), by id. It reads the table again only when asked for an id
// new to this process, since another process may have imported more.
type nameCache struct {
	mu    sync.Mutex
	names map[int64]string
}

// names returns the cached names, reloading them with query (which selects id, name)
// first if any of ids is missing. The map returned is never modified afterwards.
func (nc *nameCache) get(ctx context.Context, c *Catalog, query string, ids map[int64]int) (map[int64]string, error) {
	nc.mu.Lock()
	defer nc.mu.Unlock()
	for id := range ids {
		if _, ok := nc.names[id]; !ok {
			names, err := loadNames(ctx, c, query)
			if err != nil {
				return nil, err
			}
			nc.names = names
			break
		}
	}
	return nc.names, nil
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
