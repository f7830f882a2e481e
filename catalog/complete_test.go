package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// Completions offer what searches show: never the hidden product (shoe-hidden), and
// their totals count the hidden one out too, also when they are counted apart from
// the values (more values than the limit).
func TestCompletions(t *testing.T) {
	c := openCandidates(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		complete func(context.Context, string, int) (catalog.Completion, error)
		prefix   string
		limit    int
		want     []string
		total    int
	}{
		{"ids, all", c.CompleteProductIDs, "", 100, []string{"shoe-a", "shoe-b", "shoe-c", "shoe-oos", "shoe-other", "tea-1", "tea-2"}, 7},
		{"ids, counted apart", c.CompleteProductIDs, "shoe-", 2, []string{"shoe-a", "shoe-b"}, 5},
		{"ids, counted apart to the end of the range", c.CompleteProductIDs, "shoe-o", 1, []string{"shoe-oos"}, 2},
		{"ids, case-sensitive", c.CompleteProductIDs, "SHOE-", 100, nil, 0},
		{"ids, a prefix past every id", c.CompleteProductIDs, "\xff", 100, nil, 0},
		{"brands, ignoring case", c.CompleteBrands, "ALP", 100, []string{"Alpha"}, 1},
		{"brands, all", c.CompleteBrands, "", 100, []string{"Alpha", "Beta", "Delta", "Gamma"}, 4},
		{"brands, limited", c.CompleteBrands, "", 3, []string{"Alpha", "Beta", "Delta"}, 4},
		{"categories, all with their parents", c.CompleteCategories, "", 100,
			[]string{"Apparel", "Apparel > Shoes", "Apparel > Shoes > Running", "Home", "Home > Tea"}, 5},
		{"categories, by the last part", c.CompleteCategories, "RUN", 100, []string{"Apparel > Shoes > Running"}, 1},
		{"categories, a part, not what is under it", c.CompleteCategories, "sho", 100, []string{"Apparel > Shoes"}, 1},
		{"categories, a top level, not what is under it", c.CompleteCategories, "app", 100, []string{"Apparel"}, 1},
		{"categories, by the path", c.CompleteCategories, "apparel>shoes", 100, []string{"Apparel > Shoes"}, 1},
		{"categories, the parts under a path", c.CompleteCategories, "apparel >", 100, []string{"Apparel > Shoes"}, 1},
		{"categories, the parts under a path typed whole", c.CompleteCategories, "Apparel > Shoes > ", 100, []string{"Apparel > Shoes > Running"}, 1},
		{"categories, by a tail of the path", c.CompleteCategories, "shoes > r", 100, []string{"Apparel > Shoes > Running"}, 1},
		{"categories, a part that starts no part", c.CompleteCategories, "hoes", 100, nil, 0},
		{"categories, limited", c.CompleteCategories, "", 2, []string{"Apparel", "Apparel > Shoes"}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.complete(ctx, tc.prefix, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Values, tc.want) || got.Total != tc.total {
				t.Errorf("%q completes to %q (total %d), want %q (total %d)", tc.prefix, got.Values, got.Total, tc.want, tc.total)
			}
		})
	}
}

// Both ways of counting the hidden products of a range of ids count the same.
func TestHiddenIDsBothWays(t *testing.T) {
	c := openCandidates(t)
	for _, tc := range []struct {
		name, from, to string
		want           int
	}{
		{"the hidden shoe", "shoe-", "shoe.", 1},
		{"no hidden tea", "tea-", "tea.", 0},
		{"everything", "", "\xff", 1},
		{"an empty range", "x", "y", 0},
	} {
		for _, scan := range []bool{false, true} {
			n, err := c.HiddenIDs(context.Background(), tc.from, tc.to, scan)
			if err != nil || n != tc.want {
				t.Errorf("%s, scan %v: %d, %v; want %d", tc.name, scan, n, err, tc.want)
			}
		}
	}
}
