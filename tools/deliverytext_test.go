package tools

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

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

// checkout's fulfillment_option_id is used with every seller that offers it; a seller
// that does not offer it (a typo, say) uses its cheapest, which the person did not
// choose: the checkout asks them first whatever the total (newuser18; it was bought at
// once below the threshold, newuser17 had only said so), the quote and the dialog say
// which seller delivers otherwise. One longer than its schema's 80 characters is
// refused before anything is done.
func TestCheckoutOptionNotOffered(t *testing.T) {
	const note = `This seller does not offer fulfillment_option_id "teleport", so its cheapest option is used.`
	const asks = `Nothing is bought until the person agrees to that delivery`
	const dialogLine = `(You asked for delivery "teleport": this seller does not offer it.)`
	for _, tc := range []struct {
		name       string
		products   []string
		option     string
		below      bool                   // the threshold raised above the basket
		answer     *mcp.ElicitationResult // the person's answer in a dialog; nil: no dialog
		wantStatus string                 // of the first call; "" for a refusal
		wantNotes  int                    // sellers said not to offer the option
		wantError  string
		// then confirmed by quote_id (no dialog): the status and each order's delivery
		confirmed, wantChosen string
	}{
		{name: "an option no seller offers, below the threshold", products: []string{"nw-actv-0001"}, option: "teleport", below: true,
			wantStatus: "confirmation_required", wantNotes: 1, confirmed: "completed", wantChosen: "standard"},
		{name: "two sellers, neither offers it, below the threshold", products: []string{"nw-actv-0001", "cy-hp-0001"}, option: "teleport", below: true,
			wantStatus: "confirmation_required", wantNotes: 2, confirmed: "completed", wantChosen: "standard"},
		{name: "an option offered, below the threshold", products: []string{"nw-actv-0001"}, option: "express", below: true,
			wantStatus: "completed"},
		{name: "an option no seller offers, accepted in a dialog", products: []string{"nw-actv-0001"}, option: "teleport", below: true,
			answer: accept(true), wantStatus: "completed", wantNotes: 1},
		{name: "an option no seller offers, declined in a dialog", products: []string{"nw-actv-0001"}, option: "teleport", below: true,
			answer: &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}, wantError: "declined"},
		{name: "quoted with an option not offered", products: []string{"nw-shoe-0001"}, option: "teleport", wantStatus: "confirmation_required", wantNotes: 1},
		{name: "quoted with an option offered", products: []string{"nw-actv-0001"}, option: "express", wantStatus: "confirmation_required"},
		{name: "an option of 81 characters", products: []string{"nw-actv-0001"}, option: strings.Repeat("x", 81),
			wantError: "fulfillment_option_id must be at most 80 characters"},
		{name: "an option of a megabyte", products: []string{"nw-actv-0001"}, option: strings.Repeat("é", 1<<19),
			wantError: "fulfillment_option_id must be at most 80 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			if tc.below {
				s.setRules(t, 10_000_000, 10_000_000, 1_000_000)
			}
			c, asked := s.answeringClient(t, tc.answer, "2025-11-25")
			if tc.answer == nil {
				c, asked = s.client(t, nil, "2025-11-25"), func() string { return "" }
			}
			for _, id := range tc.products {
				if res := call(t, c, "add_to_cart", map[string]any{"product_id": id}, nil); res.IsError {
					t.Fatalf("add_to_cart %s: %s", id, text(res))
				}
			}
			var out checkoutResult
			res := call(t, c, "checkout", map[string]any{"fulfillment_option_id": tc.option}, &out)
			got := text(res)
			if tc.wantError != "" {
				var cart cartResult
				call(t, c, "view_cart", nil, &cart)
				if !res.IsError || !strings.Contains(got, tc.wantError) || s.charges() != 0 || cart.Lines != len(tc.products) {
					t.Fatalf("isError %v %q, %d charges, %d lines in the cart; want refused saying %q, nothing charged, the cart kept",
						res.IsError, got, s.charges(), cart.Lines, tc.wantError)
				}
				return
			}
			if res.IsError || out.Status != tc.wantStatus {
				t.Fatalf("isError %v, status %q: %s; want %s", res.IsError, out.Status, got, tc.wantStatus)
			}
			if n := strings.Count(got, note); n != tc.wantNotes || tc.wantNotes == 0 && strings.Contains(got, "does not offer") {
				t.Errorf("text %q: says %d times %q, want %d", got, n, note, tc.wantNotes)
			}
			if tc.answer != nil {
				if strings.Contains(asked(), dialogLine) != (tc.wantNotes > 0) {
					t.Errorf("dialog %q: says %q %v, want %v", asked(), dialogLine, !(tc.wantNotes > 0), tc.wantNotes > 0)
				}
			}
			wantAsks := tc.wantNotes > 0 && out.Status == "confirmation_required"
			if strings.Contains(out.Instruction, asks) != wantAsks {
				t.Errorf("instruction %q: says %q %v, want %v", out.Instruction, asks, !wantAsks, wantAsks)
			}
			if out.Status == "confirmation_required" && s.charges() != 0 {
				t.Fatalf("%d charges before the person confirmed", s.charges())
			}
			if tc.confirmed == "" {
				return
			}
			var done checkoutResult
			if res := call(t, c, "checkout", map[string]any{"quote_id": out.QuoteID}, &done); res.IsError || done.Status != tc.confirmed {
				t.Fatalf("confirmed: isError %v, status %q: %s; want %s", res.IsError, done.Status, text(res), tc.confirmed)
			}
			for _, o := range done.Orders {
				if o.Fulfillment == nil || o.Fulfillment.Chosen.ID != tc.wantChosen {
					t.Errorf("order %s delivered by %+v, want %s", o.OrderID, o.Fulfillment, tc.wantChosen)
				}
			}
			if s.charges() != len(tc.products) {
				t.Errorf("%d charges once confirmed, want %d", s.charges(), len(tc.products))
			}
		})
	}
}
