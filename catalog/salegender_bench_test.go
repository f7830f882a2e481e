package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
)

// BenchmarkSearchSaleGender times a query with an on-sale, gender or kids' phrase against
// the same query without it (x_bare here is the multiple of the plain query's time),
// on the generated catalog (benchProducts). The generated products have no list
// price, so an on-sale phrase is the worst case: the filtered search finds nothing
// and the words are searched again without it (see Search). Its toys have the
// attribute age_group, so the catalog marks age and kids' words are read.
func BenchmarkSearchSaleGender(b *testing.B) {
	ctx := context.Background()
	cat, _ := benchCatalog(b)
	for _, tc := range []struct{ name, plain, phrased string }{
		{"common_on_sale", demo.CommonWord, demo.CommonWord + " on sale"},
		{"uncommon_on_sale", demo.UncommonWord, demo.UncommonWord + " on sale"},
		{"common_womens", demo.CommonWord, "womens " + demo.CommonWord},
		{"running_shoes_mens", "running shoes", "mens running shoes"},
		{"common_kids", demo.CommonWord, "kids " + demo.CommonWord},
		{"board_game_girls", "board game", "girls board game"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			plain, phrased := catalog.Query{Text: tc.plain, InStock: true}, catalog.Query{Text: tc.phrased, InStock: true}
			pairedRatio(b, func() error {
				_, err := cat.Search(ctx, plain)
				return err
			}, func() error {
				_, err := cat.Search(ctx, phrased)
				return err
			})
		})
	}
}
