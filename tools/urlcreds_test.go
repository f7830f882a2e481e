package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestURLUserInfoNotInResults: a product written with user info in its URL and image
// URL (a password, a token) is shown by get_product, search_products and recommend
// with the rest of those URLs and never the user info, in the text and the structured
// result alike.
func TestURLUserInfoNotInResults(t *testing.T) {
	s := newStorefront(t)
	ctx := context.Background()
	p := catalog.Product{ID: "creds-1", SellerID: "creds", Title: "Quokkalamp desk lamp",
		Price: money.Money{Amount: 2599, Currency: "USD"}, Availability: catalog.InStock,
		URL: "https://shopuser:Pa55word@shop.example/p/quokkalamp", ImageURL: "https://TOKEN0xfeed@cdn.shop.example/q@2x.jpg"}
	if _, err := s.tb.Catalog.Upsert(ctx, []catalog.Seller{{ID: "creds", Name: "Lamp Shop"}}, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	c := s.client(t, nil, "")
	for _, tc := range []struct {
		tool string
		args map[string]any
	}{
		{"get_product", map[string]any{"product_id": "creds-1"}},
		{"search_products", map[string]any{"query": "quokkalamp"}},
		{"recommend", map[string]any{"context": "quokkalamp"}},
	} {
		t.Run(tc.tool, func(t *testing.T) {
			res := call(t, c, tc.tool, tc.args, nil)
			if res.IsError {
				t.Fatal(text(res))
			}
			b, _ := json.Marshal(res)
			out := string(b)
			if !strings.Contains(out, "https://shop.example/p/quokkalamp") || !strings.Contains(out, "https://cdn.shop.example/q@2x.jpg") {
				t.Fatalf("the product's url and image url are not shown: %s", out)
			}
			for _, secret := range []string{"Pa55word", "shopuser", "TOKEN0xfeed"} {
				if strings.Contains(out, secret) {
					t.Errorf("result holds %q: %s", secret, out)
				}
			}
		})
	}
}
