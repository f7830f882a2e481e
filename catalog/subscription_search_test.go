package catalog_test

import (
	"context"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestSearchSubscriptionPhrase: "subscription", "autoship" and their like ask for
// products sold by subscription, whose titles rarely say so; the phrase is a filter,
// echoed in Applied. When nothing sold so matches, the products sold once are
// searched instead, with a note, and the filter is not echoed.
func TestSearchSubscriptionPhrase(t *testing.T) {
	products := []catalog.Product{
		{ID: "brita-once", Title: "Brita Standard Replacement Filters, 3 Pack", Brand: "Brita", Price: usd(1799)},
		{ID: "brita-sub", Title: "Brita Standard Replacement Filters, 3 Pack - every 2 months", Brand: "Brita", Price: usd(1619),
			Billing: &catalog.Billing{Interval: catalog.Month, Every: 2}},
		{ID: "beans", Title: "Dark Roast Whole Bean Coffee, 2 lb", Brand: "Ridgeback", Price: usd(2499)},
		{ID: "kibble-sub", Title: "Grain Free Dog Food, 12 lb", Brand: "Trailhound", Price: usd(3999),
			Billing: &catalog.Billing{Interval: catalog.Month, Every: 1}},
	}
	c := stockedCatalog(t, products)
	tests := []struct {
		name, text string
		want       []string
		applied    bool   // the subscription filter is echoed
		note       string // a note the result has
	}{
		{"asked by subscription", "brita filters subscription", []string{"brita-sub"}, true, ""},
		{"autoship", "dog food on autoship", []string{"kibble-sub"}, true, ""},
		{"no phrase finds both", "brita filters", []string{"brita-once", "brita-sub"}, false, ""},
		{"nothing sold so: sold once, said", "coffee subscription", []string{"beans"}, false, "No product sold by subscription matches; these are sold once."},
		{"nothing at all", "zeppelin subscription", nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), catalog.Query{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(res); !sameSet(got, tt.want) {
				t.Errorf("hits %q, want %q", got, tt.want)
			}
			applied := slices.ContainsFunc(res.Applied, func(f catalog.AppliedFilter) bool { return f.Filter == catalog.FilterSubscription })
			if applied != tt.applied {
				t.Errorf("subscription filter echoed: %v, want %v (%+v)", applied, tt.applied, res.Applied)
			}
			if tt.note != "" && !slices.Contains(res.Notes, tt.note) {
				t.Errorf("notes %q lack %q", res.Notes, tt.note)
			}
		})
	}
}
