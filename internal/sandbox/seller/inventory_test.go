package seller_test

import (
	"context"
	"errors"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// openShopCatalog is a catalog with two sellers: "shop" (mug: 2 in stock, poster:
// unknown stock, lamp: out of stock) and "other" (vase).
func openShopCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	usd := func(n int64) money.Money { return money.Money{Amount: n, Currency: "USD"} }
	return testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop", StripeProfileID: "profile_test_shop"}, {ID: "other"}},
		[]catalog.Product{
			// Digital, so that sessions need no address and cost the items alone.
			{ID: "mug", SellerID: "shop", Title: "Blue Mug", Price: usd(1250), Stock: stock(2), ImageURL: "https://shop.example/mug.jpg",
				Attributes: map[string]string{"fulfillment": "digital"}},
			{ID: "poster", SellerID: "shop", Title: "Poster", Price: usd(2000), Availability: catalog.InStock, Category: "Art > Digital Prints"},
			{ID: "lamp", SellerID: "shop", Title: "Lamp", Price: usd(4000), Stock: stock(0)},
			{ID: "vase", SellerID: "other", Title: "Vase", Price: usd(3000), Stock: stock(9)},
		})
}

func TestCatalogInventory(t *testing.T) {
	ctx := context.Background()
	inv := seller.CatalogInventory{Catalog: openShopCatalog(t), SellerID: "shop"}
	it, err := inv.Item(ctx, "mug")
	if err != nil {
		t.Fatal(err)
	}
	if it.Title != "Blue Mug" || it.UnitAmount != 1250 || it.Currency != "USD" || it.Stock == nil || *it.Stock != 2 ||
		!it.Purchasable || it.ImageURL == "" {
		t.Errorf("Item(mug) = %+v", it)
	}
	if it, err := inv.Item(ctx, "lamp"); err != nil || it.Purchasable {
		t.Errorf("Item(lamp) = %+v, %v; want not purchasable", it, err)
	}
	tests := []struct {
		name string
		id   string
		qty  int
		want error
	}{
		{"take some", "mug", 1, nil},
		{"take the rest", "mug", 1, nil},
		{"none left", "mug", 1, seller.ErrOutOfStock},
		{"unknown stock", "poster", 50, nil},
		{"out of stock", "lamp", 1, seller.ErrOutOfStock},
		{"another seller's product", "vase", 1, seller.ErrUnknownItem},
		{"no such product", "nope", 1, seller.ErrUnknownItem},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := inv.Take(ctx, tc.id, tc.qty)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Take(%s, %d) = %v, want %v", tc.id, tc.qty, err, tc.want)
			}
		})
	}
	if _, err := inv.Item(ctx, "vase"); !errors.Is(err, seller.ErrUnknownItem) {
		t.Errorf("Item of another seller: %v", err)
	}
	if it, _ := inv.Item(ctx, "mug"); it.Purchasable || *it.Stock != 0 {
		t.Errorf("mug after selling out: %+v", it)
	}
	if p, _ := inv.Catalog.Product(ctx, "vase"); *p.Stock != 9 {
		t.Errorf("another seller's stock changed to %d", *p.Stock)
	}
}

// TestCatalogInventoryReturnAfterImport: what Take took is given back, unless a feed
// import wrote the product's stock meanwhile; then the feed's count stands.
func TestCatalogInventoryReturnAfterImport(t *testing.T) {
	tests := []struct {
		name   string
		feed   *int64 // the mug's stock a feed imports between Take and Return; nil: none
		want   int64
		status bool // purchasable afterwards
	}{
		{name: "no import", want: 2, status: true},
		{name: "feed restocks", feed: stock(6), want: 6, status: true},
		{name: "feed sells out", feed: stock(0), want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			inv := seller.CatalogInventory{Catalog: openShopCatalog(t), SellerID: "shop"}
			stamp, err := inv.Take(ctx, "mug", 2)
			if err != nil {
				t.Fatal(err)
			}
			if tc.feed != nil {
				p, err := inv.Catalog.Product(ctx, "mug")
				if err != nil {
					t.Fatal(err)
				}
				p.Stock, p.Availability = tc.feed, catalog.InStock
				if *tc.feed == 0 {
					p.Availability = catalog.OutOfStock
				}
				if _, err := inv.Catalog.Upsert(ctx, []catalog.Seller{{ID: "shop", Name: "Shop", StripeProfileID: "profile_test_shop"}},
					[]catalog.Product{p}); err != nil {
					t.Fatal(err)
				}
			}
			if err := inv.Return(ctx, "mug", 2, stamp); err != nil {
				t.Fatal(err)
			}
			it, err := inv.Item(ctx, "mug")
			if err != nil || it.Stock == nil || *it.Stock != tc.want || it.Purchasable != tc.status {
				t.Errorf("mug after Return: %+v, %v; want stock %d, purchasable %v", it, err, tc.want, tc.status)
			}
		})
	}
}
