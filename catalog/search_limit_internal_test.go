package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestRankedWithoutLimitEqualsLimited checks that a ranked pass run without its LIMIT,
// because its expression was counted to have no more matches than it reads (see
// search.limit), returns what the same pass under the LIMIT returns: the same matches
// in the same order, whether more exist, and (for a pass reading reranking's facts)
// the same facts. Words are in 40, 300 and 900 products, with tied ratings and prices,
// products out of stock and hidden; each is searched in every order, in stock or not.
func TestRankedWithoutLimitEqualsLimited(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var products []Product
	for i := range 1200 {
		stock := int64(i % 4) // a quarter out of stock
		words := "plain"
		switch {
		case i%30 == 0:
			words = "quokka walnut"
		case i%4 == 1:
			words = "walnut"
		case i%4 == 2:
			words = "ladder"
		}
		if i%6 == 0 && words == "plain" {
			words = "ladder"
		}
		desc := fmt.Sprintf("A %s item for the home.", words)
		if i%7 == 0 {
			desc += " The " + words + " kind, with more words around it to change its length."
		}
		products = append(products, Product{ID: fmt.Sprintf("p%04d", i), SellerID: "s1", Stock: &stock,
			Title: fmt.Sprintf("Item %d %s", i%50, words), Brand: fmt.Sprintf("Brand%d", i%9),
			Category: fmt.Sprintf("Home > Kind%d", i%5), Description: desc, Hidden: i%97 == 0,
			Price: money.Money{Amount: int64(1000 + (i%13)*250), Currency: "USD"}, Availability: InStock,
			Rating: float64(i%5) + 0.5, ReviewCount: int64(i % 3)})
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s1", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"quokka", "walnut", "ladder", "walnut item"} {
		for _, sort := range []Sort{SortRelevance, SortPriceAsc, SortPriceDesc, SortRating} {
			for _, inStock := range []bool{false, true} {
				name := fmt.Sprintf("%s/%s/in_stock=%v", text, sort, inStock)
				t.Run(name, func(t *testing.T) {
					q := Query{Text: text, Sort: sort, InStock: inStock, Limit: DefaultLimit}
					c.pools.forget() // the text's first search, which ranks its matches in full (see keptOrder)
					rctx, end, err := c.snapshot(ctx)
					if err != nil {
						t.Fatal(err)
					}
					defer end()
					s, _, done, err := c.understandQuery(rctx, q, q.fingerprint())
					if err != nil || done {
						t.Fatalf("understand: done %v, %v", done, err)
					}
					if p, err := s.pool(rctx, s.text.match(false)); err != nil || p != nil || s.few == nil {
						t.Fatalf("pool %v, few %v, %v: want the matches counted as few", p, s.few, err)
					}
					few := s.few
					n := rankedTop(DefaultLimit)
					if got := s.limit(n, false); got != "" {
						t.Fatalf("limit with %d matches counted: %q, want none", few.n, got)
					}
					from, args := s.from(false)
					free, freeMore, err := s.ranked(rctx, from, args, n, false)
					if err != nil {
						t.Fatal(err)
					}
					s.few = nil
					if got := s.limit(n, false); got == "" {
						t.Fatal("limit without a count: none, want one")
					}
					limited, limitedMore, err := s.ranked(rctx, from, args, n, false)
					if err != nil {
						t.Fatal(err)
					}
					if len(free) == 0 || !slices.Equal(free, limited) || freeMore != limitedMore {
						t.Fatalf("without LIMIT %d matches (more %v), with it %d (more %v); first differing at %d",
							len(free), freeMore, len(limited), limitedMore, firstDiff(free, limited))
					}
					if s.intent == nil || len(s.intent.codeHits) > 0 {
						return
					}
					// The pass that reads reranking's facts with the matches, both ways.
					s.few = few
					freeMs, _, _, err := s.rankedWithFacts(rctx, false, n)
					if err != nil {
						t.Fatal(err)
					}
					freeFacts := s.folded
					s.few = nil
					limitedMs, _, _, err := s.rankedWithFacts(rctx, false, n)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(freeMs, limitedMs) || !slices.Equal(freeMs, limited) {
						t.Fatalf("with facts: without LIMIT %d matches, with it %d", len(freeMs), len(limitedMs))
					}
					if fmt.Sprint(freeFacts.facts) != fmt.Sprint(s.folded.facts) {
						t.Fatal("with facts: the facts differ with and without LIMIT")
					}
				})
			}
		}
	}
}

func firstDiff(a, b []match) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
