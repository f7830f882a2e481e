package catalog

import (
	"context"
	"reflect"
	"testing"
)

// saleScaleEnv names a catalog file (a copy: the test only reads it, but opening
// applies migrations) on which TestSaleFirstAtScale compares the plans of `<word> on
// sale`; unset, the test is skipped. Set products.on_sale in the copy for the share
// to measure (e.g. `UPDATE products SET on_sale = (rowid % 1000 = 0)` for 0.1%).
const saleScaleEnv = "COMMERCE_SALE_SCALE_DB"

// TestSaleFirstAtScale searches `<word> on sale` (in stock) for about 130 words of a
// large catalog, every so many of the index's words in 4,000–400,000 products: with
// the plans as served, with no match checked against the products on sale before it
// is joined (saleFirstOff), and in an exhaustive catalog (every match ordered, nothing
// pooled), each with a minute of fallback budget. Every result must equal the one
// joining every match, and the top 10 the exhaustive search's in at least 98% on
// average, over at least 100 words (a word whose exhaustive search estimates its total,
// not ranking every match, is left out, at most a quarter of them); it logs how many
// searches checked the products on sale first, how many pools of a word's matches on
// sale were built (salePool), and the overlap of all and of those ranked in full.
func TestSaleFirstAtScale(t *testing.T) {
	ctx := context.Background()
	c, ex, words := openAtScale(t, saleScaleEnv)
	var products, onSale int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*), (SELECT count(*) FROM products INDEXED BY products_on_sale WHERE on_sale = 1) FROM products`).Scan(&products, &onSale); err != nil {
		t.Fatal(err)
	}
	step := max(1, len(words)/130)
	var n, first, equal, skipped int
	built := c.salePools.Load()
	var overlap, overlapFirst float64
	for i := 0; i < len(words); i += step {
		q := Query{Text: words[i] + " on sale", InStock: true}
		ranks := c.saleFirstRanks.Load()
		c.saleFirstOff = false
		got, err := c.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		checked := c.saleFirstRanks.Load() > ranks
		c.saleFirstOff = true
		joined, err := c.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ex.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if want.TotalEstimated {
			// Read as something else than a ranking of every match (a sort word, a
			// lifted phrase's pooled search): not a comparison with every match ordered.
			skipped++
			continue
		}
		n++
		if reflect.DeepEqual(got, joined) {
			equal++
		} else {
			t.Errorf("%q: %d hits, total %d; joining every match: %d hits, total %d", q.Text, len(got.Hits), got.Total, len(joined.Hits), joined.Total)
		}
		o, _ := hitOverlap(got.Hits, want.Hits)
		overlap += o
		if checked {
			first++
			overlapFirst += o
		}
	}
	if n < 100 || skipped > n/4 {
		t.Fatalf("%d words compared, %d left out (the exhaustive search estimated its total); the test needs 100 and at most a quarter left out", n, skipped)
	}
	overlap /= float64(n)
	t.Logf("%d of %d products on sale: %d words (%d left out), %d checked the products on sale first, %d pools of matches on sale built, %d results equal to joining every match, top-10 overlap with the exhaustive search %.4f",
		onSale, products, n, skipped, first, c.salePools.Load()-built, equal, overlap)
	if first > 0 {
		overlapFirst /= float64(first)
		t.Logf("top-10 overlap of the %d that checked the products on sale first: %.4f", first, overlapFirst)
	}
	if overlap < 0.98 {
		t.Errorf("top-10 overlap with the exhaustive search %.4f over %d words, under 0.98", overlap, n)
	}
}

// hitOverlap returns the share of want's products that got has (1 when want has none)
// and how many want has.
func hitOverlap(got, want []Hit) (float64, int) {
	if len(want) == 0 {
		return 1, 0
	}
	in := map[string]bool{}
	for _, h := range got {
		in[h.ID] = true
	}
	k := 0
	for _, h := range want {
		if in[h.ID] {
			k++
		}
	}
	return float64(k) / float64(len(want)), len(want)
}
