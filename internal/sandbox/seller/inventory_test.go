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

// TestDigitalProduct: a product is delivered digitally by its attribute, or by a
// category segment that names files or codes; a device whose category says
// "Digital" (Google files every camera under "Digital Cameras") is shipped.
func TestDigitalProduct(t *testing.T) {
	for _, tc := range []struct {
		name     string
		category string
		attrs    map[string]string
		want     bool
	}{
		{"the fulfillment attribute", "Home > Mugs", map[string]string{"fulfillment": "Digital"}, true},
		{"the delivery attribute", "", map[string]string{"delivery": " digital "}, true},
		{"shipped by its attribute's absence", "Home > Mugs", nil, false},
		{"Google's camera category", "Cameras & Optics > Cameras > Digital Cameras", nil, false},
		{"a digital piano", "Arts & Entertainment > Hobbies & Creative Arts > Musical Instruments > Keyboard Instruments > Digital Pianos", nil, false},
		{"a digital photo frame", "Home & Garden > Decor > Digital Picture Frames", nil, false},
		{"a digital voice recorder", "Electronics > Audio > Audio Players & Recorders > Digital Voice Recorders", nil, false},
		{"Google's digital goods", "Software > Digital Goods & Currency", nil, true},
		{"digital books", "Books > Digital Books", nil, true},
		{"digital downloads", "Digital Downloads", nil, true},
		{"a segment that is Digital", "Music > Digital", nil, true},
		{"e-books", "Media > E-books", nil, true},
		{"gift cards", "Gift Cards", nil, true},
		{"software downloads", "Software > Software Downloads", nil, true},
		{"a word that only starts as digital", "Electronics > Digitalisation Kits", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := catalog.Product{Category: tc.category, Attributes: tc.attrs}
			if got := seller.DigitalProduct(p); got != tc.want {
				t.Errorf("DigitalProduct(category %q, %v) = %v, want %v", tc.category, tc.attrs, got, tc.want)
			}
		})
	}
}
