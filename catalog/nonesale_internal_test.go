package catalog

import (
	"context"
	"reflect"
	"testing"
)

// TestNoneOnSaleLiftsAsRanked checks that in a catalog with no product on sale a
// search with an on-sale phrase, answered at once by noneOnSale and lifted, returns
// what searching the filter first returns (onSaleRanked): the same result, pages,
// notes and applied filters, for common words, a misspelling, words no product has,
// a kids', a gender and a colour word, a cheap price, a sentence and a next page; and
// that once one product is on sale the filter is searched and finds it.
func TestNoneOnSaleLiftsAsRanked(t *testing.T) {
	ctx := context.Background()
	products := wordSetProducts(600)
	c := wordSetCatalog(t, products)
	queries := []Query{
		{Text: "lantern on sale"}, {Text: "brass lamp on sale", InStock: true}, {Text: "womens lantern on sale"},
		{Text: "kids lantern on sale"}, {Text: "girls camping on sale"}, {Text: "red lantern on sale"},
		{Text: "lantren on sale"}, {Text: "zqxv on sale"}, {Text: "on sale"}, {Text: "cheap lantern on sale"},
		{Text: "lantern on sale", Sort: SortPriceAsc}, {Text: "i need a brass lamp for camping on sale"},
		{Text: "lantern on sale", Category: "lights", MaxPrice: func(v float64) *float64 { return &v }(50)},
	}
	compare := func(when string, shortcut bool) {
		t.Helper()
		for _, q := range queries {
			if res, err := c.search(ctx, q); err != nil {
				t.Fatal(err)
			} else if res.noneOnSale != shortcut {
				t.Errorf("%s: %q: answered at once %v, want %v", when, q.Text, res.noneOnSale, shortcut)
			}
			ranked := q
			ranked.onSaleRanked = true
			for page := 0; page < 2; page++ {
				want, err := c.Search(ctx, ranked)
				if err != nil {
					t.Fatal(err)
				}
				got, err := c.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %q page %d:\n%+v\nwith the filter searched first:\n%+v", when, q.Text, page+1, got, want)
				}
				if want.NextCursor == "" {
					break
				}
				q.Cursor, ranked.Cursor = want.NextCursor, want.NextCursor
			}
		}
	}
	compare("none on sale", true)

	p := products[8] // "lantern …": on sale now
	p.Attributes = map[string]string{"list_price": "$999.00"}
	if _, err := c.Upsert(ctx, nil, []Product{p}); err != nil {
		t.Fatal(err)
	}
	compare("one on sale", false)
	res, err := c.Search(ctx, Query{Text: "lantern on sale"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != p.ID {
		t.Errorf("lantern on sale with %s on sale: total %d, hits %+v", p.ID, res.Total, res.Hits)
	}
}
