package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestSearchWaistLength: a waist and a length however written ("32x30", "w32 l30",
// "32 waist 30 leg") meet the size "W32 L30" that a Shopify import writes for Waist
// and Length options (titles say only "32 / 30"), and a waist alone every length of
// it; a size the catalog does not have leaves the words as typed.
func TestSearchWaistLength(t *testing.T) {
	size := func(s string) map[string]string { return map[string]string{"size": s} }
	products := []catalog.Product{
		{ID: "501-32-30", GroupID: "501", Title: "Levi's 501 Jeans - 32 / 30", Brand: "Levi's", Price: money.Money{Amount: 6000, Currency: "GBP"}, Attributes: size("W32 L30")},
		{ID: "501-32-32", GroupID: "501", Title: "Levi's 501 Jeans - 32 / 32", Brand: "Levi's", Price: money.Money{Amount: 6000, Currency: "GBP"}, Attributes: size("W32 L32")},
		{ID: "501-34-30", GroupID: "501", Title: "Levi's 501 Jeans - 34 / 30", Brand: "Levi's", Price: money.Money{Amount: 6000, Currency: "GBP"}, Attributes: size("W34 L30")},
		{ID: "mom-32-30", GroupID: "mom", Title: "Mom Jeans - 30 / 32", Brand: "Lee", Price: money.Money{Amount: 5000, Currency: "GBP"}, Attributes: size("W32 L30")},
		{ID: "mom-30-30", GroupID: "mom", Title: "Mom Jeans - 30 / 30", Brand: "Lee", Price: money.Money{Amount: 5000, Currency: "GBP"}, Attributes: size("W30 L30")},
		{ID: "leggings", Title: "High Waisted Yoga Leggings", Brand: "Flex", Description: "A high waist and a full leg length.", Price: money.Money{Amount: 3000, Currency: "GBP"}, Attributes: size("S")},
	}
	c := stockedCatalog(t, products)
	tests := []struct {
		name, text string
		want       []string
		size       string // the size read; "" for none
	}{
		{"by", "jeans 32x30", []string{"501-32-30", "mom-32-30"}, "w32 l30"},
		{"as shops write it, alone", "w32 l30", []string{"501-32-30", "mom-32-30"}, "w32 l30"},
		{"waist and leg words, alone", "32 waist 30 leg", []string{"501-32-30", "mom-32-30"}, "w32 l30"},
		{"waist and length words before", "jeans waist 32 length 30", []string{"501-32-30", "mom-32-30"}, "w32 l30"},
		{"a waist alone: every length", "jeans 32 waist", []string{"501-32-30", "501-32-32", "mom-32-30"}, "w32"},
		{"a model and a waist", "levis 501 32 waist", []string{"501-32-30", "501-32-32"}, "w32"},
		{"a size no product has: the words as typed", "jeans 40x30", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.text, EveryVariant: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); tt.want != nil && !sameSet(got, tt.want) {
				t.Errorf("hits %q, want %q (notes %q)", got, tt.want, res.Notes)
			}
			i := slices.IndexFunc(res.Applied, func(f catalog.AppliedFilter) bool { return f.Filter == catalog.FilterSize })
			read := ""
			if i >= 0 {
				read = res.Applied[i].Text
			}
			if read != tt.size {
				t.Errorf("size read as %q, want %q (%+v)", read, tt.size, res.Applied)
			}
		})
	}
}
