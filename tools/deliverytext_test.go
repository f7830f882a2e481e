package tools

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestDeliveryOffersOnlyBeforeTheOrder: a quote names the other delivery options and
// the fulfillment_option_id that chooses one; a purchase or cart bought names the
// option chosen alone, since the others can no longer be
// chosen (newuser12: "Bought … Delivery: «Express shipping» $14.99; also offered:
// «Standard shipping» $0.00 (fulfillment_option_id "standard")").
func TestDeliveryOffersOnlyBeforeTheOrder(t *testing.T) {
	by := time.Date(2026, 12, 13, 12, 0, 0, 0, time.UTC)
	std := store.FulfillmentOption{ID: "standard", Type: "shipping", Title: "Standard shipping", Latest: by}
	exp := store.FulfillmentOption{ID: "express", Type: "shipping", Title: "Express shipping", Amount: 1499, Latest: by.AddDate(0, 0, -5)}
	f := &store.Fulfillment{FulfillmentOption: exp, Options: []store.FulfillmentOption{std, exp}}
	p := store.Purchase{ProductID: "cam-1", Title: "Camera Body", Quantity: 1, SellerID: "harbor", SellerName: "Harbor", Currency: "USD",
		UnitAmount: 200000, Subtotal: 200000, Shipping: 1499, Total: 201499, CardBrand: "visa", CardLast4: "4242", QuoteID: "qt_x",
		ExpiresAt: by, Fulfillment: f, Lines: []store.Line{{ProductID: "cam-1", Title: "Camera Body", Quantity: 1, UnitAmount: 200000, Amount: 200000}}}
	const others = `also offered: «Standard shipping» $0.00, by Dec 13 (fulfillment_option_id "standard")`
	const chosen = "Delivery: «Express shipping» $14.99, by Dec 8."
	order := &store.Order{ID: "ord_x"}
	for _, tc := range []struct {
		name       string
		result     func() string
		wantOthers bool
	}{
		{"purchase quoted", func() string {
			return text((&Toolbox{}).purchaseResult(context.Background(), checkout.Outcome{Status: checkout.StatusConfirmationRequired, Purchase: p}, ""))
		}, true},
		{"purchase bought", func() string {
			return text((&Toolbox{}).purchaseResult(context.Background(), checkout.Outcome{Status: checkout.StatusCompleted, Purchase: p, Order: order}, ""))
		}, false},
		{"cart quoted", func() string {
			p := p
			p.SessionID = "cs_x"
			out := checkout.CheckoutOutcome{Status: checkout.CheckoutConfirmationRequired, Checkout: store.Checkout{ID: "chk_x", Mode: "test", QuoteID: "qt_y", ExpiresAt: by},
				Orders: []checkout.SellerOrder{{Status: checkout.StatusConfirmationRequired, Purchase: p}}}
			return text((&Toolbox{}).checkoutResult(context.Background(), out, ""))
		}, true},
		{"cart bought", func() string {
			p := p
			p.SessionID = "cs_x"
			out := checkout.CheckoutOutcome{Status: checkout.CheckoutCompleted, Checkout: store.Checkout{ID: "chk_x", Mode: "test"},
				Orders: []checkout.SellerOrder{{Status: checkout.StatusCompleted, Purchase: p, Order: order}}}
			return text((&Toolbox{}).checkoutResult(context.Background(), out, ""))
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.result()
			if !strings.Contains(got, "Delivery: «Express shipping» $14.99, by Dec 8") {
				t.Errorf("text %q does not say the chosen delivery", got)
			}
			if strings.Contains(got, others) != tc.wantOthers {
				t.Errorf("text %q: other options shown = %v, want %v", got, !tc.wantOthers, tc.wantOthers)
			}
			if !tc.wantOthers && !strings.Contains(got, chosen) {
				t.Errorf("text %q does not say %q", got, chosen)
			}
		})
	}
}

// checkout's fulfillment_option_id is used with every seller that offers it; one that a
// seller does not offer (a typo, say) is said so beside that seller's delivery, quoted
// or bought, rather than passing unremarked; one longer than its schema's 80
// characters is refused before anything is done (it was taken, and the cart bought).
func TestCheckoutOptionNotOffered(t *testing.T) {
	const note = `This seller does not offer fulfillment_option_id "teleport", so its cheapest option is used.`
	for _, tc := range []struct {
		name, product, option string
		wantStatus            string // "" for a refusal
		wantNote              bool
		wantError             string
	}{
		{name: "bought with an option not offered", product: "nw-actv-0001", option: "teleport", wantStatus: "completed", wantNote: true},
		{name: "quoted with an option not offered", product: "nw-shoe-0001", option: "teleport", wantStatus: "confirmation_required", wantNote: true},
		{name: "quoted with an option offered", product: "nw-actv-0001", option: "express", wantStatus: "confirmation_required"},
		{name: "an option of 81 characters", product: "nw-actv-0001", option: strings.Repeat("x", 81),
			wantError: "fulfillment_option_id must be at most 80 characters"},
		{name: "an option of a megabyte", product: "nw-actv-0001", option: strings.Repeat("é", 1<<19),
			wantError: "fulfillment_option_id must be at most 80 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			c := s.client(t, nil, "2025-11-25")
			if res := call(t, c, "add_to_cart", map[string]any{"product_id": tc.product}, nil); res.IsError {
				t.Fatalf("add_to_cart: %s", text(res))
			}
			var out checkoutResult
			res := call(t, c, "checkout", map[string]any{"fulfillment_option_id": tc.option}, &out)
			got := text(res)
			if tc.wantError != "" {
				var cart cartResult
				call(t, c, "view_cart", nil, &cart)
				if !res.IsError || !strings.Contains(got, tc.wantError) || s.charges() != 0 || cart.Lines != 1 {
					t.Fatalf("isError %v %q, %d charges, %d lines in the cart; want refused saying %q, nothing charged, the cart kept",
						res.IsError, got, s.charges(), cart.Lines, tc.wantError)
				}
				return
			}
			if res.IsError || out.Status != tc.wantStatus {
				t.Fatalf("isError %v, status %q: %s; want %s", res.IsError, out.Status, got, tc.wantStatus)
			}
			if strings.Contains(got, "does not offer") != tc.wantNote || tc.wantNote && !strings.Contains(got, note) {
				t.Errorf("text %q: want the note %q: %v", got, note, tc.wantNote)
			}
		})
	}
}
