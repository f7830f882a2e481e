package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestPricedAbove counts the products a search can show priced above an amount in one
// currency: not those at the amount or below it, not hidden ones, not those in
// another currency, not those of the sellers left out (the demo catalog's).
func TestPricedAbove(t *testing.T) {
	c := openCatalog(t)
	ctx := context.Background()
	eur := func(n int64) money.Money { return money.Money{Amount: n, Currency: "EUR"} }
	ps := []catalog.Product{
		{ID: "body", SellerID: "hearth", Title: "Camera Body", Price: usd(249800)},
		{ID: "lens", SellerID: "hearth", Title: "Zoom Lens", Price: usd(89900)},
		{ID: "at", SellerID: "hearth", Title: "Flash", Price: usd(50000)},
		{ID: "cap", SellerID: "hearth", Title: "Lens Cap", Price: usd(695)},
		{ID: "hidden", SellerID: "hearth", Title: "Old Body", Price: usd(999900), Hidden: true},
		{ID: "euro", SellerID: "hearth", Title: "Euro Body", Price: eur(999900)},
		{ID: "demo-tent", SellerID: "volt", Title: "Demo Tent", Price: usd(72895)},
	}
	if _, err := c.Upsert(ctx, fixtureSellers, ps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		currency string
		amount   int64
		except   []string
		n        int
		top      int64
	}{
		{"above $500.00", "USD", 50000, []string{"volt"}, 2, 249800},
		{"above $500.00, every seller", "USD", 50000, nil, 3, 249800},
		{"above nothing", "USD", 0, []string{"volt"}, 4, 249800},
		{"above the dearest", "USD", 249800, nil, 0, 0},
		{"another currency", "EUR", 50000, nil, 1, 999900},
		{"a currency of none", "GBP", 0, nil, 0, 0},
		{"every seller left out", "USD", 0, []string{"volt", "hearth"}, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, top, err := c.PricedAbove(ctx, tc.currency, tc.amount, tc.except...)
			if err != nil || n != tc.n || top != tc.top {
				t.Errorf("PricedAbove(%s, %d) = %d, %d, %v; want %d, %d", tc.currency, tc.amount, n, top, err, tc.n, tc.top)
			}
		})
	}
}
