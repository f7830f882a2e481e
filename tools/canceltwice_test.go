package tools

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A second cancel_order on an order already canceled and refunded says so, with when
// and what was refunded, and does nothing: no second refund, no token touched, nothing
// recorded (the sandbox's Stripe and the store are as the first call left them).
func TestCancelOrderTwiceSaysAlready(t *testing.T) {
	ctx := context.Background()
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	id := buy(t, c, demoProduct(t, 1000, 4000).ID)
	var first cancelOrderResult
	if res := call(t, c, "cancel_order", map[string]any{"order_id": id}, &first); res.IsError || first.Status != "refunded" {
		t.Fatalf("first cancel_order: %s", text(res))
	}
	if strings.Contains(first.Summary, "already") {
		t.Errorf("first summary %q says already", first.Summary)
	}
	refunds, tokens := len(s.sb.Stripe.Refunds()), s.sb.Stripe.Tokens()
	cancellation, err := s.tb.Store.Cancellation(ctx, s.tb.Customer, id)
	if err != nil {
		t.Fatal(err)
	}
	history, err := s.tb.Store.OrderHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range []map[string]any{{"order_id": id}, {"order_id": " " + id + " "}} {
		var again cancelOrderResult
		res := call(t, c, "cancel_order", args, &again)
		if res.IsError || again.Status != "refunded" {
			t.Fatalf("cancel_order again (%v): %s", args, text(res))
		}
		for _, want := range []string{"was already canceled on ", " UTC, and the seller refunded " + first.Order.Refunded.Display + " to Visa •••• 4242.",
			"This call changed nothing: no second refund was asked for."} {
			if !strings.Contains(again.Summary, want) {
				t.Errorf("summary %q lacks %q", again.Summary, want)
			}
		}
		if n := len(s.sb.Stripe.Refunds()); n != refunds {
			t.Errorf("%d refunds after the second call, want %d", n, refunds)
		}
		if now := s.sb.Stripe.Tokens(); !reflect.DeepEqual(now, tokens) {
			t.Errorf("tokens changed by the second call:\n%+v\nwant\n%+v", now, tokens)
		}
		if now, err := s.tb.Store.Cancellation(ctx, s.tb.Customer, id); err != nil || now != cancellation {
			t.Errorf("cancellation %+v (%v) after the second call, want %+v", now, err, cancellation)
		}
		if now, err := s.tb.Store.OrderHistory(ctx, id); err != nil || len(now) != len(history) {
			t.Errorf("history of %d events (%v) after the second call, want %d", len(now), err, len(history))
		}
	}
}

// An order stopped before its seller completed it, canceled again, says it was
// already canceled and when, and what is known of the charge.
func TestCancelStoppedAgainSaysAlready(t *testing.T) {
	s := newStorefront(t)
	at := time.Date(2026, 12, 5, 9, 12, 0, 0, time.UTC)
	o := store.Order{ID: "ord_gone", Status: store.OrderFailed, FailureCode: string(checkout.RefusalCanceledByPerson),
		SellerName: "Acme", Title: "Tent", Quantity: 1, Total: 1200, Currency: "USD"}
	for _, tc := range []struct {
		name    string
		earlier bool
		want    string
	}{
		{"this call", false, "Canceled 1 × «Tent» from «Acme» (order ord_gone, $12.00) before the seller completed it. Nothing was charged."},
		{"an earlier call", true, "1 × «Tent» from «Acme» (order ord_gone, $12.00) was already canceled on December 5, 2026 at 09:12 UTC, " +
			"before the seller completed it. Nothing was charged. This call changed nothing."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := s.tb.cancelResult(context.Background(), checkout.CancelOutcome{Status: checkout.CancelStopped, Order: o, Earlier: tc.earlier, At: at}, "")
			if got := text(res); !strings.Contains(got, tc.want) {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
}
