package catalog

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestShopLabel holds which words are the shop's labels for a group of its products
// (shopLabel): a word the tags give products of two kinds or more, whatever else has
// it; not a word the tags give one kind alone, nor one only titles or descriptions
// say, nor one no product has.
func TestShopLabel(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	var ps []Product
	add := func(id, title, desc string, tags ...string) {
		ps = append(ps, Product{ID: id, SellerID: "s", Title: title, Description: desc, Tags: tags, Price: money.Money{Amount: 2999, Currency: "USD"}})
	}
	add("bowl", "Collapsible Dog Bowl", "Folds flat.", "dog gear")
	add("pack", "Dog Saddlebag", "Carries two days of food.", "dog gear", "hiking")
	add("knife", "Carbon Steel Bushcraft Knife", "Holds an edge.", "bushcraft")
	add("trowel", "Backcountry Trowel", "Digs in hard ground.", "camp tools")
	add("hatchet", "Forged Hatchet", "Splits kindling.", "camp tools")
	add("stove", "Titanium Camp Stove", "Boils a litre in three minutes; good in any camp kitchen.", "stove")
	add("stove2", "Two Burner Camp Stove", "Feeds a family.", "stove")
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, term string
		want       bool
	}{
		{"tags of two kinds", "gear", true},
		{"tags of two kinds, plural as typed", "tools", true},
		{"a phrase of the tags", "dog gear", true},
		{"tags of one kind only", "bushcraft", false},
		{"tags of one kind, two products", "stove", false},
		{"titles only", "forged", false},
		{"descriptions only", "kitchen", false},
		{"no product", "stairs", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.shopLabel(ctx, tc.term)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("shopLabel(%q) = %v, want %v", tc.term, got, tc.want)
			}
		})
	}
}
