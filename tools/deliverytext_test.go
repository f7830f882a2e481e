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
