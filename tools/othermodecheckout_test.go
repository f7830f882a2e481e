package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A checkout still being paid says truthfully who can settle it: one of this
// server's mode is settled here (check get_order in a few minutes); one paid in
// another mode waits for a server of that mode, which the words name, and says that
// checking its lines out here would buy them again.
func TestPendingCheckoutWordsByMode(t *testing.T) {
	s := newStorefront(t) // a sandbox server
	order := &store.Order{ID: "ord_1", Status: store.OrderPending}
	p := store.Purchase{ID: "pur_1", SellerID: "northwind-outfitters", SellerName: "Northwind Outfitters", State: store.PurchaseTokenIssued,
		SessionID: "cs_1", Subtotal: 4000, Total: 4000, Currency: "USD", CardBrand: "visa", CardLast4: "4242"}
	for _, tc := range []struct {
		name    string
		mode    string
		says    []string
		notSays []string
	}{
		{name: "this mode", mode: "sandbox", says: []string{"Checkout under way", "the server settles them"}, notSays: []string{"waiting for a server"}},
		{name: "another mode", mode: "test", says: []string{
			"Checkout chk_1 was paid in test mode and is still waiting for a server of test mode",
			"This server runs in sandbox mode and cannot settle it", "until a server in test mode runs on this database",
			"nothing more will be charged by this server", "would buy them again, in sandbox mode"},
			notSays: []string{"the server settles them"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := checkout.CheckoutOutcome{Status: checkout.CheckoutPending,
				Checkout: store.Checkout{ID: "chk_1", CustomerID: s.tb.Customer, State: store.CheckoutPaying, Mode: tc.mode, Currency: "USD"},
				Orders:   []checkout.SellerOrder{{Status: checkout.StatusPending, Purchase: p, Order: order}}}
			res := s.tb.checkoutResult(context.Background(), out, "")
			got := text(res)
			for _, w := range tc.says {
				if !strings.Contains(got, w) {
					t.Errorf("%q does not say %q", got, w)
				}
			}
			for _, w := range tc.notSays {
				if strings.Contains(got, w) {
					t.Errorf("%q says %q", got, w)
				}
			}
		})
	}
}

// TestViewCartOtherModeCheckoutWords: view_cart names a checkout of the cart paid in another
// mode in the words checkout uses for it (who settles it, that its lines stay in the cart and checking them out here would
// buy them again); without one it says nothing of it.
func TestViewCartOtherModeCheckoutWords(t *testing.T) {
	s := newStorefront(t) // a sandbox server
	says := []string{"Checkout chk_1 was paid in test mode and is still waiting for a server of test mode.",
		"This server runs in sandbox mode and cannot settle it", "would buy them again, in sandbox mode"}
	for _, tc := range []struct {
		name    string
		pending *store.Checkout
	}{
		{name: "a checkout of another mode", pending: &store.Checkout{ID: "chk_1", State: store.CheckoutPaying, Mode: "test"}},
		{name: "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := checkout.CartView{Revision: 1, OtherModeCheckout: tc.pending, Groups: []checkout.CartGroup{{SellerID: "northwind-outfitters", SellerName: "Northwind Outfitters",
				Lines: []checkout.CartItem{{CartLine: store.CartLine{ProductID: "nw-0001", SellerID: "northwind-outfitters", Quantity: 1}}}}}}
			res := s.tb.cartResult(v, "The cart:")
			got := text(res)
			for _, w := range says {
				if strings.Contains(got, w) != (tc.pending != nil) {
					t.Errorf("%q: says %q: %v, want %v", got, w, tc.pending == nil, tc.pending != nil)
				}
			}
		})
	}
}

// TestViewCartOtherModeCheckoutField: view_cart's structured result names a checkout
// of the cart paid in another mode (other_mode_checkout: its id and mode), as its
// schema says; without one the field is absent. add_to_cart and update_cart, which
// share the cart's result, say it in words only: their schema has no such field.
func TestViewCartOtherModeCheckoutField(t *testing.T) {
	s := newStorefront(t) // a sandbox server
	schemas := map[string]*jsonschema.Resolved{}
	for _, st := range (&Toolbox{}).Tools() {
		if name := st.Tool.Name; name == "view_cart" || name == "add_to_cart" {
			var sc jsonschema.Schema
			if err := json.Unmarshal(st.Tool.RawOutputSchema, &sc); err != nil {
				t.Fatal(err)
			}
			r, err := sc.Resolve(nil)
			if err != nil {
				t.Fatal(err)
			}
			schemas[name] = r
		}
	}
	for _, tc := range []struct {
		name    string
		tool    string
		pending *store.Checkout
		want    string // the field's JSON; "" absent
	}{
		{name: "view_cart, a checkout of another mode", tool: "view_cart", pending: &store.Checkout{ID: "chk_1", State: store.CheckoutPaying, Mode: "test"},
			want: `{"id":"chk_1","mode":"test"}`},
		{name: "view_cart, none", tool: "view_cart"},
		{name: "add_to_cart, a checkout of another mode", tool: "add_to_cart", pending: &store.Checkout{ID: "chk_1", State: store.CheckoutPaying, Mode: "test"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := checkout.CartView{Revision: 1, OtherModeCheckout: tc.pending, Groups: []checkout.CartGroup{{SellerID: "northwind-outfitters", SellerName: "Northwind Outfitters",
				Lines: []checkout.CartItem{{CartLine: store.CartLine{ProductID: "nw-0001", SellerID: "northwind-outfitters", Quantity: 1}}}}}}
			res := s.tb.cartResult(v, "The cart:")
			if tc.tool == "view_cart" {
				res = s.tb.viewCartResult(v)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(structured(t, res)), &got); err != nil {
				t.Fatal(err)
			}
			if err := schemas[tc.tool].Validate(got); err != nil {
				t.Errorf("%s's result does not fit its schema: %v", tc.tool, err)
			}
			field := ""
			if f, ok := got["other_mode_checkout"]; ok {
				b, _ := json.Marshal(f)
				field = string(b)
			}
			if field != tc.want {
				t.Errorf("other_mode_checkout = %s, want %q", field, tc.want)
			}
			if w := "Checkout chk_1 was paid in test mode"; strings.Contains(text(res), w) != (tc.pending != nil) {
				t.Errorf("%q: says %q: %v, want %v", text(res), w, tc.pending == nil, tc.pending != nil)
			}
		})
	}
}
