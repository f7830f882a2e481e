package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchOnSalePhrase: "on sale", "sale", "discounted" and their like ask for
// products on sale, those with a list price (kept by the imports only above the
// price); the phrase is a filter, echoed in Applied. When nothing on sale matches,
// the products at their usual price are searched instead, with a note, and the
// filter is not echoed. "for sale" says a thing is sold and is not read.
func TestSearchOnSalePhrase(t *testing.T) {
	sale := func(list string) map[string]string { return map[string]string{"list_price": list} }
	products := []catalog.Product{
		{ID: "dress-sale", Title: "Linen Wrap Dress", Brand: "Hazel", Price: usd(6900), Attributes: sale("$89.00")},
		{ID: "dress-full", Title: "Cotton Shirt Dress", Brand: "Hazel", Price: usd(7900)},
		{ID: "jeans-sale", Title: "Straight Leg Jeans", Brand: "Denimco", Price: usd(4500), Attributes: sale("$60.00")},
		{ID: "jeans-full", Title: "Skinny Jeans", Brand: "Denimco", Price: usd(5500), Attributes: map[string]string{"material": "denim"}},
		{ID: "scarf-full", Title: "Wool Scarf", Brand: "Hazel", Price: usd(2500)},
		{ID: "trainer-sale", Title: "Canvas Trainers", Brand: "Runa", Price: usd(3900), Attributes: sale("$49.00")},
	}
	c := stockedCatalog(t, products)
	tests := []struct {
		name, text string
		want       []string
		applied    bool   // the on-sale filter is echoed
		note       string // a note the result has
	}{
		{"on sale after the type", "dresses on sale", []string{"dress-sale"}, true, ""},
		{"sale before the type", "sale jeans", []string{"jeans-sale"}, true, ""},
		{"discounted", "discounted trainers", []string{"trainer-sale"}, true, ""},
		{"in the sale", "jeans in the sale", []string{"jeans-sale"}, true, ""},
		{"sale alone lists what is on sale", "sale", []string{"dress-sale", "jeans-sale", "trainer-sale"}, true, ""},
		{"no phrase finds both", "jeans", []string{"jeans-sale", "jeans-full"}, false, ""},
		{"for sale is not read", "dresses for sale", []string{"dress-sale", "dress-full"}, false, ""},
		{"nothing on sale: usual price, said", "scarf on sale", []string{"scarf-full"}, false, "No product on sale matches; these are at their usual price."},
		{"with a price bound", "jeans on sale under $50", []string{"jeans-sale"}, true, ""},
		{"nothing at all", "zeppelin on sale", nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !sameSet(got, tt.want) {
				t.Errorf("hits %q, want %q (notes %q)", got, tt.want, res.Notes)
			}
			applied := slices.ContainsFunc(res.Applied, func(f catalog.AppliedFilter) bool { return f.Filter == catalog.FilterOnSale })
			if applied != tt.applied {
				t.Errorf("on-sale filter echoed: %v, want %v (%+v)", applied, tt.applied, res.Applied)
			}
			if tt.note != "" && !slices.Contains(res.Notes, tt.note) {
				t.Errorf("notes %q lack %q", res.Notes, tt.note)
			}
		})
	}
}
