package catalog

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// poolCatalog is a catalog whose words are common: each title draws three of a few
// words, so that most searches have hundreds of matches.
func poolCatalog(t *testing.T) *Catalog {
	t.Helper()
	return poolCatalogOf(t, 1200)
}

// poolCatalogOf is poolCatalog with n products.
func poolCatalogOf(t *testing.T, n int) *Catalog {
	t.Helper()
	c := openTest(t)
	words := []string{"lantern", "brass", "camping", "classic", "lamp", "steel", "red", "travel"}
	products := make([]Product, n)
	for i := range products {
		stock := int64(i % 5)
		products[i] = Product{ID: "p" + strconv.Itoa(i), SellerID: "s",
			Title:        fmt.Sprintf("%s %s %s %d", words[i%8], words[(i/8)%8], words[(i*7/3)%8], i),
			Brand:        []string{"Acme", "Glowco", "Brightly", ""}[i%4],
			Category:     []string{"Lights", "Lights > Camping", "Home"}[i%3],
			Description:  fmt.Sprintf("A %s for %s trips, made of %s.", words[(i*5)%8], words[(i/3)%8], words[(i/5)%8]),
			Availability: InStock, Stock: &stock, Price: money.Money{Amount: int64(500 + (i*37)%9000), Currency: "USD"},
			Rating: float64(i%11) / 2, ReviewCount: int64(i % 13), Hidden: i%17 == 0}
	}
	if _, err := c.Upsert(context.Background(), []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	return c
}

// poolTextQueries are searches of poolCatalog's words: single words, several words,
// prefixes, filters and every sort.
func poolTextQueries() []Query {
	max := func(v float64) *float64 { return &v }
	return []Query{
		{Text: "lantern"}, {Text: "classic", InStock: true}, {Text: "brass lamp"}, {Text: "cam"},
		{Text: "steel", MaxPrice: max(40)}, {Text: "red", Category: "camping", InStock: true},
		{Text: "travel", Brand: "acme"}, {Text: "lamp", Seller: "Shop", MinRating: 2},
		{Text: "classic trips"}, {Text: "lantern", Limit: 7},
		{Text: "lantern", Sort: SortPriceAsc}, {Text: "steel", Sort: SortRating, InStock: true},
		{Text: "cam", Sort: SortPriceDesc, MaxPrice: max(60)},
	}
}

// TestPooledSearchRanksAsInFull checks that a search served from the pool of its
// first matches returns the pages, in order, that ordering every match returns, for
// single words, several words, prefixes, filters and every sort, also past the first
// page;
// that its total is marked as estimated only when the pool does not hold every match;
// and that a change to product text makes searches use the new text.
func TestPooledSearchRanksAsInFull(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	max := func(v float64) *float64 { return &v }
	queries := append(poolTextQueries(),
		// Browses, which read an index in chunks.
		[]Query{{}, {InStock: true}, {Category: "camping", InStock: true, Limit: 20}, {Sort: SortPriceAsc, MaxPrice: max(30)},
			{Brand: "acme", MinRating: 4}, {Seller: "Shop", Category: "home", Sort: SortPriceAsc}}...)
	pages := func(q Query) ([][]string, Result) { return searchPages(t, c, q) }
	for _, tc := range []struct {
		name                   string
		exact, poolSize, chunk int
	}{{"pool holds every match", 10, 5000, 0}, {"pool holds the best 150", 10, 150, 0},
		{"pool holds the best 400, read 60 at a time", 10, 400, 60}} {
		t.Run(tc.name, func(t *testing.T) {
			estimated := 0
			for _, q := range queries {
				c.pools.forget() // forget every pool
				c.exactUpTo, c.poolSize, c.poolChunk = 1<<30, 0, -1
				want, full := pages(q)
				c.exactUpTo, c.poolSize, c.poolChunk = tc.exact, tc.poolSize, tc.chunk
				got, pooled := pages(q)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%+v: pooled pages\n%v\nranked in full\n%v", q, got, want)
				}
				if full.TotalEstimated {
					t.Errorf("%+v: a search ranked in full has an estimated total", q)
				}
				if q.Text == "" {
					// A browse: its total is counted or estimated as before.
				} else if n, err := c.countUpTo(ctx, parseText(q.Text).match(false), 1<<30); err != nil {
					t.Fatal(err)
				} else if pooled.TotalEstimated && n <= tc.poolSize {
					t.Errorf("%+v: %d matches, pool of %d: the total is estimated", q, n, tc.poolSize)
				}
				if pooled.TotalEstimated {
					estimated++
				}
				if !pooled.TotalEstimated && pooled.Total != full.Total {
					t.Errorf("%+v: total %d, want %d", q, pooled.Total, full.Total)
				}
			}
			if tc.poolSize < 1200 && estimated < len(queries)/2 {
				t.Errorf("only %d of %d searches were served from pools smaller than their match sets", estimated, len(queries))
			}
		})
	}
	// New text is found at once: the pools of the old text are not used. (No product
	// has "lantern" four times in its title.)
	c.exactUpTo, c.poolSize = 10, 150
	before, err := c.Search(ctx, Query{Text: "lantern"})
	if err != nil {
		t.Fatal(err)
	}
	p := Product{ID: "new", SellerID: "s", Title: "Lantern lantern lantern lantern", Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}}
	if _, err := c.Upsert(ctx, nil, []Product{p}); err != nil {
		t.Fatal(err)
	}
	after, err := c.Search(ctx, Query{Text: "lantern"})
	if err != nil {
		t.Fatal(err)
	}
	if len(after.Hits) == 0 || after.Hits[0].ID != "new" || before.Hits[0].ID == "new" {
		t.Errorf("the best match for lantern is %v before and %v after adding a product titled Lantern", before.Hits[0].ID, after.Hits[0].ID)
	}
}

// searchPages returns the ids of the first three pages of q and the first result.
func searchPages(t *testing.T, c *Catalog, q Query) ([][]string, Result) {
	t.Helper()
	var out [][]string
	var first Result
	for i := range 3 {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = res
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		out = append(out, ids)
		if q.Cursor = res.NextCursor; q.Cursor == "" {
			break
		}
	}
	return out, first
}

// TestKeptOrderRanksAsInFull checks that searches of an expression with too few
// matches for a pool, asked again in one text version and so served from the order
// kept for it (see keptOrder), return what ranking every match returns: the same
// pages, totals and facets, for single words, several words, prefixes, filters and
// every sort; also after a sale changes which products are in stock (the order is
// kept, the filter is not), and with the new text after a write of product text.
func TestKeptOrderRanksAsInFull(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	// and searches of at most rerankPool matches, whose first search reads reranking's
	// facts with its matches (foldsFacts)
	queries := append(poolTextQueries(), Query{Text: "cheap lantern"}, Query{Text: "brass lantern red"},
		Query{Text: "steel travel classic", InStock: true}, Query{Text: "camping lamp", Category: "camping"})
	// check compares every query's pages and first result, asked three times, with
	// what ranking every match gives.
	check := func(when string) {
		t.Helper()
		for _, q := range queries {
			c.exactUpTo, c.poolChunk = 1<<30, -1 // every match ranked, nothing kept
			want, full := searchPages(t, c, q)
			c.exactUpTo, c.poolChunk = 0, 0
			for ask := range 3 {
				got, first := searchPages(t, c, q)
				if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(first, full) {
					t.Errorf("%s: %+v, asked %d times: pages\n%v\ntotal %d, facets %+v\nranked in full\n%v\ntotal %d, facets %+v",
						when, q, ask+1, got, first.Total, first.Facets, want, full.Total, full.Facets)
				}
			}
		}
		c.pools.mu.Lock()
		kept := maps.Clone(c.pools.kept)
		c.pools.mu.Unlock()
		few := 0
		for key, p := range kept {
			if n, err := c.countUpTo(ctx, p.expr, 1<<30); err != nil || n != len(p.rowids) || !p.complete() || n > maxExact {
				t.Errorf("%s: %s: an order of %d matches kept (n %d), the index has %d (%v)", when, key, len(p.rowids), p.n, n, err)
			}
			if p.n <= rerankPool {
				few++
			}
		}
		if len(kept) < len(queries)/2 || few == 0 {
			t.Errorf("%s: only %d orders kept for %d searches asked again, %d of at most %d matches", when, len(kept), len(queries), few, rerankPool)
		}
	}
	check("first")
	for i := range 40 { // a sale of everything some products had: they leave the in-stock searches
		if _, err := c.TakeStock(ctx, "p"+strconv.Itoa(i*7), (i*7)%5); err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatal(err)
		}
	}
	check("after a sale")
	ps := []Product{{ID: "p3", SellerID: "s", Title: "Lantern lantern brass lantern", Availability: InStock,
		Price: money.Money{Amount: 100, Currency: "USD"}, Rating: 5}}
	if _, err := c.Upsert(ctx, nil, ps); err != nil {
		t.Fatal(err)
	}
	check("after a write of product text")
}

// TestKeptFactsAreProductRank holds the rows of product_rank that pools keep for
// reranking (keptFacts) equal to what the table holds of those products, before and
// after a write of product text that changes some of them, and checks that searches
// asked again keep them.
func TestKeptFactsAreProductRank(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	queries := append(poolTextQueries(), Query{Text: "brass lantern red"}, Query{Text: "lamp brass", InStock: true})
	check := func(when string) {
		t.Helper()
		for range 2 {
			for _, q := range queries {
				searchPages(t, c, q)
			}
		}
		c.pools.mu.Lock()
		var ps []*pool
		for _, m := range []map[string]*pool{c.pools.kept, c.pools.byKey} {
			for _, p := range m {
				ps = append(ps, p)
			}
		}
		c.pools.mu.Unlock()
		kept := 0
		for _, p := range ps {
			p.titledMu.Lock()
			facts := maps.Clone(p.facts)
			p.titledMu.Unlock()
			var ms []match
			for rowid := range facts {
				ms = append(ms, match{rowid: rowid})
			}
			for _, cats := range []bool{false, true} {
				rows, err := c.rankFactsOf(ctx, ms, cats)
				if err != nil {
					t.Fatal(err)
				}
				for i, m := range ms {
					got, want := facts[m.rowid].facts(), rows[i]
					if !cats {
						got.categoryKeys, got.cats = "", false
					} else if !got.cats {
						continue
					}
					if got != want {
						t.Errorf("%s: %s: product %d: kept %+v, product_rank has %+v", when, p.expr, m.rowid, got, want)
					}
				}
			}
			kept += len(facts)
		}
		if kept == 0 {
			t.Errorf("%s: no pool kept what reranking read", when)
		}
	}
	check("first")
	var ps []Product
	for i := range 60 { // new titles, heads and categories for some of every word's matches
		ps = append(ps, Product{ID: "p" + strconv.Itoa(i*3), SellerID: "s", Title: fmt.Sprintf("Brass lantern %d for camping lamps", i),
			Category: "Outdoor > Lanterns", Availability: InStock, Price: money.Money{Amount: 900, Currency: "USD"}, Rating: 4})
	}
	if _, err := c.Upsert(ctx, nil, ps); err != nil {
		t.Fatal(err)
	}
	check("after a write of product text")
}

// TestFewMatchesRecountedAfterTextChanges checks that an expression found to have too
// few matches for a pool is counted again once product text changes: when it has
// more matches than are ordered in full, its searches are served from a pool, with
// every match counted.
func TestFewMatchesRecountedAfterTextChanges(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	c.exactUpTo, c.poolSize = 10, 150
	add := func(from, n int) {
		t.Helper()
		var ps []Product
		for i := from; i < from+n; i++ {
			ps = append(ps, Product{ID: "z" + strconv.Itoa(i), SellerID: "s", Title: fmt.Sprintf("Zephyr kite %d", i),
				Availability: InStock, Price: money.Money{Amount: 1000, Currency: "USD"}})
		}
		if _, err := c.Upsert(ctx, nil, ps); err != nil {
			t.Fatal(err)
		}
	}
	search := func(want int) {
		t.Helper()
		for range 2 { // the second search finds what the first one learned
			res, err := c.Search(ctx, Query{Text: "zephyr"})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != want || res.TotalEstimated {
				t.Fatalf("zephyr: total %d (estimated %v), want %d", res.Total, res.TotalEstimated, want)
			}
		}
	}
	expr := parseText("zephyr").match(false)
	pooled := func() bool {
		version, err := c.textVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c.pools.get(string(SortRelevance)+" "+expr, version) != nil
	}
	add(0, 3)
	search(3)
	if pooled() {
		t.Fatal("3 matches of 10 ordered in full: served from a pool")
	}
	add(3, 20)
	search(23)
	if !pooled() {
		t.Error("23 matches of 10 ordered in full: not served from a pool after the text changed")
	}
}

// TestKeptTitledMatchesEqualRead checks that the titled matches kept for an expression
// ranked in full (see titledMatches) are those a read of the index returns, before and
// after product text changes, and that a search using them finds what the first one
// found.
func TestKeptTitledMatchesEqualRead(t *testing.T) {
	ctx := context.Background()
	c := poolCatalog(t)
	c.exactUpTo = 1100
	queries := []string{"brass lamp", "red travel", "classic steel", "camping lantern", "steel trips"}
	check := func() {
		t.Helper()
		version, err := c.textVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, text := range queries {
			first, err := c.Search(ctx, Query{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			again, err := c.Search(ctx, Query{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(first.Hits, again.Hits) {
				t.Errorf("%q: the second search found other hits than the first", text)
			}
			expr := parseText(text).match(false)
			f := c.pools.fewOf(expr, version)
			if f == nil || f.titled == nil {
				continue
			}
			want, err := c.titled(ctx, expr)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(f.titled, want) {
				t.Errorf("%q: kept titled matches %v, the index has %v", text, f.titled, want)
			}
			checked++
		}
		if checked == 0 {
			t.Fatal("no query kept titled matches: the test checks nothing")
		}
	}
	check()
	var ps []Product
	for i := range 30 {
		ps = append(ps, Product{ID: "n" + strconv.Itoa(i), SellerID: "s", Title: fmt.Sprintf("Brass lamp red travel classic steel camping lantern %d", i),
			Availability: InStock, Price: money.Money{Amount: 100, Currency: "USD"}})
	}
	if _, err := c.Upsert(ctx, nil, ps); err != nil {
		t.Fatal(err)
	}
	check()
}
