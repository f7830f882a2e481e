package catalog

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestCarriedPoolsEqualBuilt checks that the pools a catalog carries from one text
// version to the next (carried, salePoolCarried, textCarried) answer every search as
// pools built afresh for the new version do: after each of 48 rounds of random writes —
// products put on sale and taken off it, prices changed, ratings changed, stock taken,
// a description rewritten, products renamed, a product deleted with SQL — searches of common words (on
// sale or not, in relevance and price order, with filters, three pages each) on a
// catalog that keeps its pools from round to round return the pages and totals that
// a second catalog on the same file returns with every pool forgotten before each
// search. It also checks that pools were carried, sale pools among them with
// products put on and taken off sale, word pools across writes of text, and built
// again after the writes that carrying cannot follow, so that every path is compared.
// (In relevance order a pool carried across text is the build's unless the
// statistics' change swaps a product from beyond it with one of its own, see
// textCarried: these rounds hold it equal.)
func TestCarriedPoolsEqualBuilt(t *testing.T) {
	ctx := context.Background()
	products := wordSetProducts(1500)
	for i := range products {
		if i%40 == 3 {
			products[i].Attributes = maps.Clone(products[i].Attributes)
			products[i].Attributes["list_price"] = "$999.00"
		}
	}
	c, fresh, path := carriedTwins(t, products, 10, 300, 40, time.Minute)
	ex, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ex.Close()
	ex.SetExhaustive()
	ex.SetFallbackBudget(time.Minute)
	max := func(v float64) *float64 { return &v }
	queries := []Query{
		{Text: "lantern on sale"}, {Text: "brass on sale", InStock: true}, {Text: "lamp on sale", Limit: 4},
		{Text: "cam on sale"}, {Text: "steel on sale", MaxPrice: max(60)}, {Text: "lantern on sale", Sort: SortPriceAsc},
		{Text: "lantern"}, {Text: "brass", InStock: true}, {Text: "camping", Sort: SortPriceAsc}, {Text: "lamp", Sort: SortRating},
	}
	rng := rand.New(rand.NewPCG(13, 14))
	pick := func(n int) []Product {
		var ps []Product
		for range n {
			p, err := c.Product(ctx, fmt.Sprintf("p%d", rng.IntN(len(products))))
			if err != nil {
				continue // deleted
			}
			ps = append(ps, p)
		}
		return ps
	}
	upsert := func(ps []Product) {
		t.Helper()
		if _, err := c.Upsert(ctx, nil, ps); err != nil {
			t.Fatal(err)
		}
	}
	kinds := []string{"on and off sale", "prices", "ratings", "stock", "on and off sale", "description", "deleted", "on and off sale", "titles"}
	var flips, texts int64
	for round := range 48 {
		kind := kinds[round%len(kinds)]
		if round == 24 {
			// One in two on sale: pools of a word's matches on sale that do not hold
			// every one (poolSize 300), built again when products go on or off sale.
			putOnSale(t, c, products, 2)
		}
		switch kind {
		case "on and off sale":
			ps := pick(8)
			for i := range ps {
				ps[i].Attributes = maps.Clone(ps[i].Attributes)
				if ps[i].Attributes == nil {
					ps[i].Attributes = map[string]string{}
				}
				if ps[i].Attributes["list_price"] != "" {
					delete(ps[i].Attributes, "list_price")
				} else {
					ps[i].Attributes["list_price"] = "$999.00"
				}
			}
			upsert(ps)
		case "prices":
			ps := pick(5)
			for i := range ps {
				ps[i].Price.Amount += int64(rng.IntN(500)) + 1
			}
			upsert(ps)
		case "ratings":
			ps := pick(5)
			for i := range ps {
				ps[i].Rating = float64(rng.IntN(11)) / 2
			}
			upsert(ps)
		case "stock":
			for _, p := range pick(3) {
				c.TakeStock(ctx, p.ID, 1) // out of stock is fine
			}
		case "description":
			ps := pick(2)
			for i := range ps {
				ps[i].Description += " Brass lantern, round " + fmt.Sprint(round) + "."
			}
			upsert(ps)
		case "titles":
			// Products renamed: some leave a word's matches, some join another's.
			ps := pick(3)
			for i := range ps {
				ps[i].Title = fmt.Sprintf("Plain widget %d", round)
				if i == 0 {
					ps[i].Title = "Brass camping lamp"
				}
			}
			upsert(ps)
		case "deleted":
			if _, err := c.db.ExecContext(ctx, `DELETE FROM products WHERE id = ?`, fmt.Sprintf("p%d", rng.IntN(len(products)))); err != nil {
				t.Fatal(err)
			}
		}
		carried, textCarried, placed := c.poolsCarried.Load(), c.textCarried.Load(), c.textPlaced.Load()
		for _, q := range queries {
			got, gotFirst := searchPages(t, c, q)
			fresh.pools.forget()
			want, wantFirst := searchPages(t, fresh, q)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round %d (%s): %q (sort %q): pages %v; built afresh %v", round, kind, q.Text, q.Sort, got, want)
			}
			if !reflect.DeepEqual(gotFirst.Facets, wantFirst.Facets) && gotFirst.TotalEstimated == wantFirst.TotalEstimated {
				// (Facets are counted over the matches of the pool a search was drawn from.)
				t.Errorf("round %d (%s): %q (sort %q): facets %+v; built afresh %+v", round, kind, q.Text, q.Sort, gotFirst.Facets, wantFirst.Facets)
			}
			// A total is exact or estimated as the pool it was drawn from holds every
			// match or not (a search of a word on sale draws from the pool of its matches
			// on sale once one is kept, which the catalog that forgets its pools may not
			// have built): an exact one must be every match's.
			_, all := searchPages(t, ex, q)
			for _, r := range []Result{gotFirst, wantFirst} {
				if !r.TotalEstimated && r.Total != all.Total {
					t.Errorf("round %d (%s): %q (sort %q): totals %d (estimated %v) kept, %d (estimated %v) built afresh; every match ordered: %d",
						round, kind, q.Text, q.Sort, gotFirst.Total, gotFirst.TotalEstimated, wantFirst.Total, wantFirst.TotalEstimated, all.Total)
					break
				}
			}
		}
		if kind == "on and off sale" && c.poolsCarried.Load() > carried {
			flips++
		}
		if (kind == "description" || kind == "titles") && c.textCarried.Load() > textCarried {
			texts++
		}
		t.Logf("round %d (%s): %d pools carried (%d across text, %d of them placed)", round, kind, c.poolsCarried.Load()-carried, c.textCarried.Load()-textCarried, c.textPlaced.Load()-placed)
	}
	if c.poolsCarried.Load() == 0 || flips == 0 || c.saleRanked.Load() == 0 || texts == 0 {
		t.Errorf("%d pools carried, in %d rounds that put products on and off sale, %d with those products ranked in, %d across writes of text: the test needs each",
			c.poolsCarried.Load(), flips, c.saleRanked.Load(), texts)
	}
	if c.salePools.Load() < 2 {
		t.Errorf("%d pools of matches on sale built: the test needs them built again after writes carrying cannot follow", c.salePools.Load())
	}
}

// TestTextCarriedPools checks the cases of carrying a word's pool across a write of
// indexed text (textCarried), each on a catalog of its own: 40 products titled Tile, in
// price order by number, a pool of 8, and Widgets priced below them. After the write,
// three pages of three (the pool and one past it) must be what a catalog on the same
// file that builds its pools afresh returns, and the pool carried or built again as
// the case says.
func TestTextCarriedPools(t *testing.T) {
	type edit struct {
		id, title, description string
		rating                 float64 // 0: as it was
	}
	cases := []struct {
		name    string
		sort    Sort
		edits   []edit
		carried bool
		placed  bool // only the products written ranked (placeWritten)
		// roundOff moves the kept ranks of the pool's products a billionth apart, one
		// up, the next down: ranks kept that are not FTS5's own, which placing must
		// not compare with a written product's rank now (it reads each rank again).
		roundOff bool
	}{
		{"a product that did not match renamed into the pool's first place", SortPriceAsc,
			[]edit{{"w1", "Tile widget", "", 0}}, true, false, false},
		{"a product past the pool rewritten, still past it", SortPriceAsc,
			[]edit{{"t20", "", "Glazed tile, now matte.", 0}}, true, false, false},
		{"a pool's product renamed away, one past it rewritten: shorter than a build's, built again", SortPriceAsc,
			[]edit{{"t0", "Widget", "A widget.", 0}, {"t20", "", "Glazed tile, now matte.", 0}}, false, false, false},
		{"a pool's product renamed away while another joins ahead", SortPriceAsc,
			[]edit{{"t0", "Widget", "A widget.", 0}, {"w1", "Tile widget", "", 0}}, true, false, false},
		{"in price order from dear to cheap, a dear product joins", SortPriceDesc,
			[]edit{{"w9", "Tile widget", "", 0}}, true, false, false},
		{"in relevance order, a product past the pool says the word more often", SortRelevance,
			[]edit{{"t30", "Tile tile tile", "Tile, tile.", 0}}, true, true, false},
		{"in relevance order, a product past the pool says the word once more, as long as before: placed", SortRelevance,
			[]edit{{"t30", "Tile tile", "", 0}}, true, true, false},
		{"in relevance order, a pool's product rewritten to say the word less: past the pool's others, built again", SortRelevance,
			[]edit{{"t1", "Tile set", "A set.", 0}}, false, false, false},
		{"in relevance order, a pool's product renamed away, one past it rewritten", SortRelevance,
			[]edit{{"t0", "Widget", "A widget.", 0}, {"t30", "", "A tile for the long hallway floor of an old house by the sea.", 0}}, false, false, false},
		{"in relevance order, a pool's product renamed away while one past it says the word more often", SortRelevance,
			[]edit{{"t0", "Widget", "A widget.", 0}, {"t30", "", "Tile, tile.", 0}}, true, true, false},
		{"in relevance order, a product rewritten to tie the pool's products exactly, rated higher: first, placed", SortRelevance,
			[]edit{{"w1", "Tile 1", "A tile.", 4}}, true, true, false},
		{"in relevance order, a product rewritten to tie the pool's products exactly, rated alike: after them by rowid, placed", SortRelevance,
			[]edit{{"w1", "Tile 1", "A tile.", 0}}, true, true, false},
		{"in relevance order, a pool's product renamed, as long as before and rated higher: first of the tie, placed", SortRelevance,
			[]edit{{"t5", "Tile five", "", 4.5}}, true, true, false},
		{"in relevance order, a product rewritten to tie the pool's products, rated higher, their kept ranks rounded apart: first, placed", SortRelevance,
			[]edit{{"w1", "Tile 1", "A tile.", 4}}, true, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			var products []Product
			for i := range 40 {
				products = append(products, Product{ID: fmt.Sprintf("t%d", i), SellerID: "s", Title: fmt.Sprintf("Tile %d", i),
					Description: "A tile.", Availability: InStock, Price: money.Money{Amount: int64(1000 + 10*i), Currency: "USD"}})
			}
			for i := range 10 {
				amount := int64(500 + i)
				if i == 9 {
					amount = 9000
				}
				products = append(products, Product{ID: fmt.Sprintf("w%d", i), SellerID: "s", Title: fmt.Sprintf("Widget %d", i),
					Description: "A widget.", Availability: InStock, Price: money.Money{Amount: amount, Currency: "USD"}})
			}
			c, fresh, _ := carriedTwins(t, products, 10, 8, 4, 0)
			q := Query{Text: "tile", Sort: tc.sort, Limit: 3}
			searchPages(t, c, q)
			// A write of text as long as before, far from the pool: the pool is carried
			// with the keys of its matches read (what placing needs).
			last, err := c.Product(ctx, "t39")
			if err != nil {
				t.Fatal(err)
			}
			last.Description = "One tile."
			if _, err := c.Upsert(ctx, nil, []Product{last}); err != nil {
				t.Fatal(err)
			}
			searchPages(t, c, q)
			if tc.roundOff {
				c.pools.mu.Lock()
				for _, p := range c.pools.byKey {
					for i := range p.keys {
						p.keys[i].rank *= 1 + float64(1-2*(i%2))*1e-9
					}
				}
				c.pools.mu.Unlock()
			}
			var ps []Product
			for _, e := range tc.edits {
				p, err := c.Product(ctx, e.id)
				if err != nil {
					t.Fatal(err)
				}
				if e.title != "" {
					p.Title = e.title
				}
				if e.description != "" {
					p.Description = e.description
				}
				if e.rating != 0 {
					p.Rating = e.rating
				}
				ps = append(ps, p)
			}
			if _, err := c.Upsert(ctx, nil, ps); err != nil {
				t.Fatal(err)
			}
			before, placed := c.textCarried.Load(), c.textPlaced.Load()
			got, _ := searchPages(t, c, q)
			fresh.pools.forget()
			want, _ := searchPages(t, fresh, q)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("pages %v; built afresh %v", got, want)
			}
			if carried := c.textCarried.Load() > before; carried != tc.carried {
				t.Errorf("carried %v, want %v", carried, tc.carried)
			}
			if p := c.textPlaced.Load() > placed; p != tc.placed {
				t.Errorf("placed %v, want %v", p, tc.placed)
			}
		})
	}
}

// carriedTwins opens a catalog in a temporary directory, writes products (of seller
// "s") into it and opens its poolTwin with the bounds given; both are closed when the
// test ends. It returns them and the catalog file's path.
func carriedTwins(t *testing.T, products []Product, exactUpTo, poolSize, poolChunk int, budget time.Duration) (c, fresh *Catalog, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "catalog.db")
	c, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.Upsert(context.Background(), []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	return c, poolTwin(t, c, path, exactUpTo, poolSize, poolChunk, budget), path
}

// poolTwin opens a second catalog on c's file, whose pools are built afresh where c's are
// carried, and gives both a test's small pools (exactUpTo, poolSize, poolChunk) and, when
// budget is not 0, that fallback budget. It is closed when the test ends.
func poolTwin(t *testing.T, c *Catalog, path string, exactUpTo, poolSize, poolChunk int, budget time.Duration) *Catalog {
	t.Helper()
	fresh, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fresh.Close() })
	for _, k := range []*Catalog{c, fresh} {
		k.exactUpTo, k.poolSize, k.poolChunk = exactUpTo, poolSize, poolChunk
		if budget != 0 {
			k.SetFallbackBudget(budget)
		}
	}
	return fresh
}

// TestPlacedKeptSortedAgain checks that placing written products into a carried pool
// (placeWritten) orders the pool's other products by their ranks now: when a write
// moves the catalog's average length far, products that say the word more often in a
// longer text and products that say it once in a short one change places, as a build
// orders them. 30 products say "tile" one to three times in texts of 2 to 31 words
// (a pool of 60 holds them all), 20 widgets do not; a widget's description is
// rewritten once at its length and once at 400 words. The three pages must be a
// build's, and the pool placed both times (a build reads its ranks: orderedPool).
func TestPlacedKeptSortedAgain(t *testing.T) {
	ctx := context.Background()
	var products []Product
	for i := range 30 {
		title := "Tile" + strings.Repeat(" tile", i%3)
		description := strings.TrimSpace(strings.Repeat("glazed ", i)) + "."
		products = append(products, Product{ID: fmt.Sprintf("t%d", i), SellerID: "s", Title: title, Description: description,
			Availability: InStock, Price: money.Money{Amount: int64(1000 + i), Currency: "USD"}})
	}
	for i := range 20 {
		products = append(products, Product{ID: fmt.Sprintf("w%d", i), SellerID: "s", Title: "Widget", Description: "A widget.",
			Availability: InStock, Price: money.Money{Amount: int64(500 + i), Currency: "USD"}})
	}
	c, fresh, _ := carriedTwins(t, products, 10, 60, 20, 0)
	q := Query{Text: "tile", Limit: 10}
	searchPages(t, c, q)
	for _, description := range []string{"A gadget.", strings.Repeat("Long words here. ", 100)} {
		w, err := c.Product(ctx, "w0")
		if err != nil {
			t.Fatal(err)
		}
		w.Description = description
		if _, err := c.Upsert(ctx, nil, []Product{w}); err != nil {
			t.Fatal(err)
		}
		placed := c.textPlaced.Load()
		got, _ := searchPages(t, c, q)
		fresh.pools.forget()
		want, _ := searchPages(t, fresh, q)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("after a description of %d bytes: pages %v; built afresh %v", len(description), got, want)
		}
		if c.textPlaced.Load() == placed {
			t.Errorf("after a description of %d bytes: not placed", len(description))
		}
	}
}
