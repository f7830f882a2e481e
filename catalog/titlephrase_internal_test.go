package catalog

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestKidsPhraseFollowsWrites checks that whether a kids' word and the word after it
// name a product ("kids trainers" in a title: searched as words, not as the age
// filter), kept per text version by titlesSay, follows writes of titles: the search
// reads the filter, then the words once a title says the phrase, then the filter
// again once no title does; each time as a catalog that kept nothing answers.
func TestKidsPhraseFollowsWrites(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	price := money.Money{Amount: 2900, Currency: "USD"}
	products := []Product{
		{ID: "canvas", Title: "Canvas Trainers", Attributes: map[string]string{"age_group": "kids"}},
		{ID: "running", Title: "Running Trainers"},
		{ID: "leather", Title: "Leather Trainers", Attributes: map[string]string{"age_group": "adult"}},
		{ID: "deluxe", Title: "Deluxe Trainers"},
	}
	for i := range products {
		products[i].SellerID, products[i].Price, products[i].Availability = "s", price, InStock
	}
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, products); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		title  string // deluxe's title
		filter bool   // "kids trainers" reads the age filter
	}{
		{"no title says it", "Deluxe Trainers", true},
		{"a title says it", "Kids Trainers Deluxe", false},
		{"none again", "Deluxe Trainers", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := products[3]
			p.Title = tc.title
			if _, err := c.Upsert(ctx, nil, []Product{p}); err != nil {
				t.Fatal(err)
			}
			q := Query{Text: "kids trainers"}
			kept, err := c.Search(ctx, q) // asked twice: the second reads what was kept
			if err == nil {
				kept, err = c.Search(ctx, q)
			}
			if err != nil {
				t.Fatal(err)
			}
			c.titlePhrases.mu.Lock()
			c.titlePhrases.named = nil
			c.titlePhrases.mu.Unlock()
			fresh, err := c.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(kept, fresh) {
				t.Errorf("kept:\n%+v\nnothing kept:\n%+v", kept, fresh)
			}
			read := slices.ContainsFunc(kept.Applied, func(f AppliedFilter) bool { return f.Filter == FilterAge })
			if read != tc.filter {
				t.Errorf("age filter read %v, want %v (applied %+v, hits %d)", read, tc.filter, kept.Applied, len(kept.Hits))
			}
		})
	}
}
