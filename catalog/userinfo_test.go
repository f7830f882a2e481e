package catalog_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestNormalizeRemovesUserInfo: Normalize leaves the user info out of a product's URL
// and image URL, and changes nothing else of them.
func TestNormalizeRemovesUserInfo(t *testing.T) {
	p := catalog.Product{ID: "A", SellerID: "S", Title: "Mug", Price: money.Money{Amount: 100, Currency: "USD"},
		URL: " https://me:s3cret@shop.example/p/a?ref=x@y ", ImageURL: "https://TOKEN@cdn.shop.example:8443/a@2x.jpg"}
	if err := p.Normalize(); err != nil {
		t.Fatal(err)
	}
	if p.URL != "https://shop.example/p/a?ref=x@y" || p.ImageURL != "https://cdn.shop.example:8443/a@2x.jpg" {
		t.Errorf("url %q, image url %q", p.URL, p.ImageURL)
	}
}
