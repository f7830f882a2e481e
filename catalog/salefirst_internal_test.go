package catalog

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// TestSaleFirstRanksAsJoined checks that searches with an on-sale phrase whose pool
// holds under a page on sale, ranked in full with each match checked against the
// products on sale first (saleFirstSQL, allowed by fewOnSale), return what the same
// searches return joining every match (saleFirstOff): pages, totals, notes and facets,
// for common words, a prefix, several words, gender and kids' words, a colour, a price
// sort, a price cap, a category, in-stock only, a cheap price, a sentence and deep
// pages; with 0.2%, 1%, 3% and 10% of products on sale; that at least 3/4 of the
// first pages so ranked are the exhaustive search's (every match ordered, nothing
// pooled);
// and that the check was used where few products are on sale and not where more are
// on sale than the word has matches.
func TestSaleFirstRanksAsJoined(t *testing.T) {
	ctx := context.Background()
	products := wordSetProducts(1500)
	c := wordSetCatalog(t, products)
	// Not cut short by the fallbacks' time budget: the two plans are compared, not their
	// speed (a slow run of either under load would answer differently).
	c.SetFallbackBudget(time.Minute)
	max := func(v float64) *float64 { return &v }
	queries := []Query{
		{Text: "lantern on sale"}, {Text: "brass on sale", InStock: true}, {Text: "lamp on sale"},
		{Text: "cam on sale"}, {Text: "brass lamp on sale"}, {Text: "womens lantern on sale"},
		{Text: "kids lantern on sale"}, {Text: "red lantern on sale"}, {Text: "lantern on sale", Sort: SortPriceAsc},
		{Text: "steel on sale", MaxPrice: max(60)}, {Text: "camping on sale", Category: "lights"},
		{Text: "cheap lantern on sale"}, {Text: "classic on sale", Limit: 3}, {Text: "travel on sale", InStock: true},
		{Text: "i need a brass lamp for camping on sale"}, {Text: "discounted lantern"},
	}
	search := func(q Query, exhaustive, off bool) ([][]string, Result) {
		c.pools.mu.Lock()
		c.pools.byKey, c.pools.few, c.pools.kept = nil, nil, nil // each mode builds its own
		c.pools.mu.Unlock()
		c.exactUpTo, c.poolSize, c.poolChunk, c.saleFirstOff = 10, 300, 40, off
		// Drawn from the word's pool alone, as before salePool, so that the searches
		// whose pool runs short are ranked in full (TestSalePoolRanksAsExhaustive
		// checks the pool of the matches on sale).
		c.salePoolOff = true
		if exhaustive {
			c.exactUpTo, c.poolSize, c.poolChunk = 1<<30, 0, -1
		}
		return searchPages(t, c, q)
	}
	for _, every := range []int{500, 100, 33, 10} { // 0.2%, 1%, 3%, 10% on sale
		putOnSale(t, c, products, every)
		share := fmt.Sprintf("1 in %d on sale", every)
		before := c.saleFirstRanks.Load()
		checkedN, asFull, found := 0, 0, 0
		for _, q := range queries {
			want, wantFirst := search(q, false, true)
			got, first := search(q, false, false)
			// The first page alone, pools built afresh: whether it checked them.
			search(Query{Text: "zqxv"}, false, false)
			ranks := c.saleFirstRanks.Load()
			if _, err := c.Search(ctx, q); err != nil {
				t.Fatal(err)
			}
			checked := c.saleFirstRanks.Load() > ranks
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(first, wantFirst) {
				t.Errorf("%s: %+v: pages\n%v\n%+v\njoining every match\n%v\n%+v", share, q, got, first, want, wantFirst)
			}
			full, fullFirst := search(q, true, true)
			if checked {
				checkedN++
				if reflect.DeepEqual(got[0], full[0]) && (first.TotalEstimated || first.Total == fullFirst.Total) {
					asFull++
				}
			}
			if len(got[0]) > 0 && first.Total > 0 && !first.onSaleNothing() {
				found++
			}
		}
		if found < len(queries)/2 {
			t.Errorf("%s: %d of %d queries found products on sale; the test needs them", share, found, len(queries))
		}
		used := c.saleFirstRanks.Load() - before
		if every >= 100 && checkedN < len(queries)/2 {
			t.Errorf("%s: %d of %d first pages checked the products on sale first; the test needs more", share, checkedN, len(queries))
		}
		// Ranked in full, a first page is the exhaustive search's, unless what is read
		// before ranking differs between a pooled and an exhaustive search (a cheap
		// price is read from the pool's matches, a lifted phrase's search is pooled).
		if asFull < checkedN*3/4 {
			t.Errorf("%s: %d of %d first pages that checked the products on sale first as the exhaustive search's", share, asFull, checkedN)
		}
		t.Logf("%s: %d of %d first pages (%d searches, pages included) checked the products on sale first; %d as the exhaustive search's",
			share, checkedN, len(queries), used, asFull)
	}
	// More products on sale than a word has matches: the check is not used.
	c.exactUpTo, c.poolSize, c.poolChunk, c.saleFirstOff = 10, 300, 40, false
	if few, err := c.fewOnSale(ctx, 100); err != nil || few {
		t.Errorf("150 products on sale, a word of 100 matches: fewOnSale %v (%v), want false", few, err)
	}
	if few, err := c.fewOnSale(ctx, 150); err != nil || !few {
		t.Errorf("150 products on sale, a word of 150 matches: fewOnSale %v (%v), want true", few, err)
	}
}

// onSaleNothing reports whether res lifted the on-sale phrase (no product on sale
// matched).
func (res Result) onSaleNothing() bool {
	for _, f := range res.Applied {
		if f.Filter == FilterOnSale {
			return false
		}
	}
	return true
}
