package catalog

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// filterScaleEnv names a catalog file (a copy: opening applies migrations) on which
// TestFilterPhrasesAtScale compares pooled and exhaustive searches of a common word
// with a filter phrase; unset, the test is skipped.
const filterScaleEnv = "COMMERCE_FILTER_SCALE_DB"

// TestFilterPhrasesAtScale searches, for about 130 words of a large catalog in
// 4,000–400,000 products (as TestSaleFirstAtScale picks them), the word with a
// gender phrase ("womens"), an age phrase ("kids"), a colour ("red") and the catalog's
// most common brand, in stock, as served and in an exhaustive catalog (every match
// ordered, nothing pooled), and asks that the top 10 be the exhaustive search's in at
// least 98% on average for each phrase, over at least 100 words (a word whose
// exhaustive search estimates its total is left out, at most a quarter). It logs the
// overlap of each phrase, how many of its searches applied a filter read from the
// phrase, and how many found nothing.
func TestFilterPhrasesAtScale(t *testing.T) {
	ctx := context.Background()
	c, ex, words := openAtScale(t, filterScaleEnv)
	var brand string
	if err := c.db.QueryRowContext(ctx, `SELECT brand FROM product_text WHERE brand != '' GROUP BY brand ORDER BY count(*) DESC LIMIT 1`).Scan(&brand); err != nil {
		t.Fatal(err)
	}
	step := max(1, len(words)/130)
	for _, phrase := range []string{"womens %s", "kids %s", "red %s", strings.ToLower(brand) + " %s"} {
		var n, skipped, applied, none int
		var overlap float64
		var worst []string
		for i := 0; i < len(words); i += step {
			q := Query{Text: fmt.Sprintf(phrase, words[i]), InStock: true}
			got, err := c.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want, err := ex.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if want.TotalEstimated {
				skipped++
				continue
			}
			n++
			if len(got.Applied) > 0 || len(got.Hits) == 0 {
				applied++
			}
			if len(want.Hits) == 0 {
				none++
			}
			o, _ := hitOverlap(got.Hits, want.Hits)
			overlap += o
			if o < 1 {
				worst = append(worst, fmt.Sprintf("%s %.1f", words[i], o))
			}
		}
		if n < 100 || skipped > n/4 {
			t.Errorf("%q: %d words compared, %d left out; the test needs 100 and at most a quarter left out", phrase, n, skipped)
			continue
		}
		overlap /= float64(n)
		t.Logf("%q: %d words (%d left out), %d with a filter applied or nothing found, %d with nothing found exhaustively, top-10 overlap with the exhaustive search %.4f; under 1: %v",
			phrase, n, skipped, applied, none, overlap, worst)
		if overlap < 0.98 {
			t.Errorf("%q: top-10 overlap with the exhaustive search %.4f over %d words, under 0.98", phrase, overlap, n)
		}
	}
}
