package recommend_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestRecommendContextNeed: a context whose words no product has all of, and that
// says a need of the vocabulary ("a picnic with cold drinks" is for a cooler, an
// insulated bottle or a tumbler), is read as the search reads it: the need's things
// are recommended, each saying which thing it is, and a note says how the request was
// read — rather than whatever shares one of its words ("cold brew coffee" for
// "cold"). A context some product has every word of is matched as before.
func TestRecommendContextNeed(t *testing.T) {
	ps := []catalog.Product{
		recProduct("cold-brew", "Sunbird", "Home > Coffee", 1599, 4.6, 300),
		recProduct("cold-tea", "Gamma", "Home > Tea", 899, 4.7, 200),
		recProduct("tumbler", "Kestrel", "Kitchen > Drinkware", 2499, 4.2, 40),
		recProduct("cooler", "Tamarack", "Outdoors > Camping", 5999, 4.4, 90),
		recProduct("sleeping-bag", "Tamarack", "Outdoors > Camping", 9999, 4.8, 900),
	}
	for i, title := range map[int]string{0: "Sunbird Cold Brew Coffee, 1 lb", 1: "Gamma Cold Brew Tea Bags", 2: "Kestrel Insulated Tumbler, 20 oz",
		3: "Tamarack Rolling Cooler, 45 qt", 4: "Tamarack Cold Weather Sleeping Bag"} {
		ps[i].Title = title
	}
	c := testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps)
	tests := []struct {
		name    string
		context string
		want    []string          // the recommendations, as a set
		reasons map[string]string // a reason an item has
		note    string
	}{
		{"a need", "a picnic with cold drinks", []string{"tumbler", "cooler"},
			map[string]string{"tumbler": "Fits the request (tumbler)", "cooler": "Fits the request (cooler)"},
			"read as a request for cooler, insulated bottle or tumbler"},
		{"every word in a product", "cold brew", []string{"cold-brew", "cold-tea"}, map[string]string{"cold-brew": `Matches "cold brew"`}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := recommend.Rank(context.Background(), c, recommend.Input{Now: recNow, Context: tc.context, Limit: 5})
			if err != nil {
				t.Fatal(err)
			}
			if got := recIDs(res); !sameIDs(got, tc.want) {
				t.Errorf("recommended %q, want %q (notes %q)", got, tc.want, res.Notes)
			}
			for id, reason := range tc.reasons {
				i := slices.IndexFunc(res.Items, func(it recommend.Item) bool { return it.ID == id })
				if i < 0 || !hasReason(res.Items[i], reason) {
					t.Errorf("%s: want a reason %q in %+v", id, reason, res.Items)
				}
			}
			hasNote := slices.ContainsFunc(res.Notes, func(n string) bool { return tc.note != "" && strings.Contains(n, tc.note) })
			if hasNote != (tc.note != "") {
				t.Errorf("notes %q, want one containing %q", res.Notes, tc.note)
			}
		})
	}
}

func sameIDs(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
