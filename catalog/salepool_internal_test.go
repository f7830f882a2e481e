package catalog

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"testing"
	"time"
)

// putOnSale upserts products with one in every of them on sale (a list price above
// the price) and the others not.
func putOnSale(t *testing.T, c *Catalog, products []Product, every int) {
	t.Helper()
	onSale := make([]Product, len(products))
	copy(onSale, products)
	for i := range onSale {
		attrs := maps.Clone(products[i].Attributes)
		delete(attrs, "list_price")
		if i%every == every/2 {
			attrs["list_price"] = "$999.00"
		}
		onSale[i].Attributes = attrs
	}
	if _, err := c.Upsert(context.Background(), nil, onSale); err != nil {
		t.Fatal(err)
	}
}

// TestSalePoolRanksAsExhaustive checks that searches of common words with an on-sale
// phrase, whose word's pool holds fewer matches on sale than the page or reranking
// needs and which are then drawn from the pool of the word's matches on sale
// (salePool), return the pages and exact totals of the exhaustive search (every match
// ordered, nothing pooled): for single words, several words, a prefix, in-stock only,
// a price cap, a category, a price sort and deep pages; with 0.2%, 1%, 3% and 10% of
// products on sale, each share written by an upsert over the pools of the share before
// (the pools of one text version must not answer for the next); that such pools were
// built at each share; and that drawing the same searches from the word's pool alone
// (salePoolOff, the plan before) returns pages that differ from the exhaustive
// search's at some share, so that the comparison can tell the plans apart.
func TestSalePoolRanksAsExhaustive(t *testing.T) {
	products := wordSetProducts(1500)
	c := wordSetCatalog(t, products)
	c.SetFallbackBudget(time.Minute)
	max := func(v float64) *float64 { return &v }
	queries := []Query{
		{Text: "lantern on sale"}, {Text: "brass on sale", InStock: true}, {Text: "lamp on sale"},
		{Text: "cam on sale"}, {Text: "brass lamp on sale"}, {Text: "steel on sale", MaxPrice: max(60)},
		{Text: "camping on sale", Category: "lights"}, {Text: "lantern on sale", Sort: SortPriceAsc},
		{Text: "classic on sale", Limit: 3}, {Text: "travel on sale", InStock: true, Limit: 4},
	}
	search := func(q Query, exhaustive, off bool) ([][]string, Result) {
		c.exactUpTo, c.poolSize, c.poolChunk, c.salePoolOff = 10, 300, 40, off
		if !exhaustive {
			return searchPages(t, c, q)
		}
		// The pooled plan's pools are kept for its next search, not read by this one.
		c.exactUpTo, c.poolSize, c.poolChunk = 1<<30, 0, -1
		c.pools.mu.Lock()
		kept := c.pools.byKey
		c.pools.byKey = nil
		c.pools.mu.Unlock()
		defer func() {
			c.pools.mu.Lock()
			c.pools.byKey = kept
			c.pools.mu.Unlock()
		}()
		return searchPages(t, c, q)
	}
	offDiffer := 0
	for _, every := range []int{500, 100, 33, 10} { // 0.2%, 1%, 3%, 10% on sale
		putOnSale(t, c, products, every)
		share := fmt.Sprintf("1 in %d on sale", every)
		built := c.salePools.Load()
		found := 0
		for _, q := range queries {
			got, first := search(q, false, false)
			want, wantFirst := search(q, true, false)
			// An estimated total is the pool's (the share of the chunks read that passed).
			if !reflect.DeepEqual(got, want) || !first.TotalEstimated && first.Total != wantFirst.Total {
				t.Errorf("%s: %q (sort %q, in stock %v): pages %v, total %d (estimated %v); the exhaustive search's %v, total %d",
					share, q.Text, q.Sort, q.InStock, got, first.Total, first.TotalEstimated, want, wantFirst.Total)
			}
			again, _ := search(q, false, false) // from the pools kept
			if !reflect.DeepEqual(again, got) {
				t.Errorf("%s: %q: asked again, pages %v; the first time %v", share, q.Text, again, got)
			}
			c.pools.mu.Lock()
			c.pools.byKey = nil // the plan before builds its own
			c.pools.mu.Unlock()
			if off, _ := search(q, false, true); !reflect.DeepEqual(off, want) {
				offDiffer++
			}
			if len(got[0]) > 0 && !first.onSaleNothing() {
				found++
			}
		}
		if found < len(queries)/2 {
			t.Errorf("%s: %d of %d queries found products on sale; the test needs them", share, found, len(queries))
		}
		n := c.salePools.Load() - built
		if n == 0 {
			t.Errorf("%s: no pool of a word's matches on sale was built; the test needs them", share)
		}
		t.Logf("%s: %d pools of matches on sale built", share, n)
	}
	if offDiffer == 0 {
		t.Error("drawn from the word's pool alone, every search's pages were the exhaustive search's: the test does not tell the plans apart")
	}
	t.Logf("drawn from the word's pool alone: %d of %d searches' pages differ from the exhaustive search's", offDiffer, 4*len(queries))
}
