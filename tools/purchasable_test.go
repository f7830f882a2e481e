package tools

import (
	"bytes"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
)

// TestPurchasableFollowsSellers checks that search_products, get_product and recommend
// call a product purchasable only when this server can buy from its seller: with real
// Stripe only the configured sellers, in the sandbox every seller.
func TestPurchasableFollowsSellers(t *testing.T) {
	const configured = "northwind-outfitters"
	for _, tc := range []struct {
		name    string
		sellers func(s *storefront) checkout.Sellers // nil: the sandbox
		other   bool                                 // whether other sellers' products are purchasable
	}{
		{name: "sandbox", other: true},
		{name: "test mode with one seller configured", sellers: func(*storefront) checkout.Sellers {
			return checkout.NewDirectory([]checkout.SellerAccess{{ID: configured, ACPBaseURL: "http://127.0.0.1:1", APIKey: "seller_key"}}, nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			if tc.sellers != nil {
				svc, err := checkout.New(checkout.Config{Catalog: s.tb.Catalog, Store: s.tb.Store, Sellers: tc.sellers(s), Tokens: checkout.SPTTokens{Client: spt.New(s.sb.AgentStripe())},
					Mode: checkout.ModeTest, ConfirmKey: bytes.Repeat([]byte{1}, 32), Log: s.tb.Log})
				if err != nil {
					t.Fatal(err)
				}
				s.tb.Checkout = svc
			}
			c := s.client(t, nil, "")
			want := func(p productSummary) bool {
				return p.Availability == "in_stock" && (tc.other || p.Seller.ID == configured)
			}
			var found searchProductsResult
			res := call(t, c, "search_products", map[string]any{"limit": 50}, &found)
			sellers := map[string]bool{}
			for _, p := range found.Products {
				sellers[p.Seller.ID] = true
				if p.Purchasable != want(p.productSummary) {
					t.Errorf("search: %s of %s purchasable = %v", p.ID, p.Seller.ID, p.Purchasable)
				}
				if !tc.other && p.Seller.ID != configured {
					var d productDetail
					res := call(t, c, "get_product", map[string]any{"product_id": p.ID}, &d)
					if d.Purchasable || !strings.Contains(text(res), "cannot be bought through this server") {
						t.Errorf("get_product %s: purchasable %v, text %q", p.ID, d.Purchasable, text(res))
					}
				}
			}
			if len(sellers) < 2 {
				t.Fatalf("the first page has products of %d sellers, want several: %s", len(sellers), text(res))
			}
			for _, args := range []map[string]any{{"limit": 20}, {"limit": 20, "context": "gift"}} {
				var rec recommendResult
				if res := call(t, c, "recommend", args, &rec); res.IsError || len(rec.Recommendations) == 0 {
					t.Fatalf("recommend: %s", text(res))
				}
				for _, p := range rec.Recommendations {
					if !p.Purchasable || !tc.other && p.Seller.ID != configured {
						t.Errorf("recommend %v: %s of %s (purchasable %v)", args, p.ID, p.Seller.ID, p.Purchasable)
					}
				}
			}
		})
	}
}
