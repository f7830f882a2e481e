package tools

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
)

// What one cycle of a subscription charges is said in parts wherever its price per
// cycle is (subscribe's quote and result, list_subscriptions): the items, delivery and
// tax, which add up to the price per cycle.
func TestSubscriptionCycleCharges(t *testing.T) {
	s := newStorefront(t)
	c := s.client(t, nil, "2025-11-25")
	var q subscribeResult
	res := call(t, c, "subscribe", map[string]any{"product_id": "ml-sub-0001", "quantity": 2}, &q)
	if res.IsError || q.Status != "confirmation_required" {
		t.Fatalf("subscribe: %s", text(res))
	}
	ch := q.Subscription.CycleCharges
	if ch == nil || ch.Items.Amount+ch.Delivery.Amount+ch.Tax.Amount != q.Subscription.PricePerCycle.Amount || ch.Delivery.Amount == 0 {
		t.Fatalf("cycle_charges %+v do not add up to the price per cycle %+v (with a delivery charge)", ch, q.Subscription.PricePerCycle)
	}
	parts := []string{"items " + ch.Items.Display, "delivery " + ch.Delivery.Display, "tax " + ch.Tax.Display}
	check := func(what, txt string) {
		t.Helper()
		for _, p := range parts {
			if !strings.Contains(txt, p) {
				t.Errorf("%s: %q does not say %q", what, txt, p)
			}
		}
	}
	check("subscribe's quote", q.Summary)
	var sub subscribeResult
	if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub); res.IsError || sub.Status != "subscribed" {
		t.Fatalf("confirm: %s", text(res))
	}
	check("subscribe's result", sub.Summary)
	var list listSubscriptionsResult
	res = call(t, c, "list_subscriptions", nil, &list)
	check("list_subscriptions", text(res))
}

// A subscription resumed at the seller's new price says what the new price is made
// of: the confirmation (text and dialog) shows the new items, delivery and tax, and
// once confirmed cycle_charges adds up to the new price per cycle, also in
// list_subscriptions. Before, cycle_charges was dropped at the new price.
func TestResumedSubscriptionCycleCharges(t *testing.T) {
	ctx := context.Background()
	clock := clocktest.New(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	s := newStorefrontWith(t, sandbox.Options{Now: clock.Now})
	c := s.client(t, nil, "2025-11-25")
	const product = "ml-sub-0001" // shipped: delivery is charged below $50.00 of items
	var q subscribeResult
	if res := call(t, c, "subscribe", map[string]any{"product_id": product, "quantity": 1}, &q); res.IsError {
		t.Fatalf("subscribe: %s", text(res))
	}
	var sub subscribeResult
	if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub); res.IsError || sub.Status != "subscribed" {
		t.Fatalf("confirm: %s", text(res))
	}
	old := sub.Subscription.CycleCharges
	if old == nil || old.Delivery.Amount == 0 {
		t.Fatalf("cycle_charges at subscribing %+v: want a delivery charge", old)
	}
	p, err := s.tb.Catalog.Product(ctx, product)
	if err != nil {
		t.Fatal(err)
	}
	p.Price.Amount += 300
	if _, err := s.tb.Catalog.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(32 * 24 * time.Hour)
	if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paused != 1 {
		t.Fatalf("renewal at a higher price: %+v, %v; want paused", rep, err)
	}
	newItems := old.Items.Amount + 300
	newPrice := newItems + old.Delivery.Amount + old.Tax.Amount
	want := fmt.Sprintf("(items %s, delivery %s, tax %s)", money.Money{Amount: newItems, Currency: "USD"}, old.Delivery.Display, old.Tax.Display)
	var r subscribeResult
	res := call(t, c, "resume_subscription", map[string]any{"subscription_id": sub.Subscription.ID}, &r)
	if res.IsError || r.Status != "confirmation_required" || !strings.Contains(r.Summary, want) {
		t.Fatalf("resume at the new price: %s; want a confirmation whose summary says %q", text(res), want)
	}
	u, err := s.tb.Store.Subscription(ctx, s.tb.Customer, sub.Subscription.ID)
	if err != nil {
		t.Fatal(err)
	}
	if msg := subscribeDialog(u, nil).Message; !strings.Contains(msg, "Each cycle at the new price: items "+money.Money{Amount: newItems, Currency: "USD"}.String()) {
		t.Errorf("dialog %q does not say what the new price is made of", msg)
	}
	var done subscribeResult
	if res := call(t, c, "resume_subscription", map[string]any{"subscription_id": sub.Subscription.ID, "quote_id": r.QuoteID}, &done); res.IsError || done.Status != "active" {
		t.Fatalf("confirm the new price: %s", text(res))
	}
	var list listSubscriptionsResult
	res = call(t, c, "list_subscriptions", nil, &list)
	for what, v := range map[string]subscriptionView{"resume_subscription": done.Subscription, "list_subscriptions": list.Subscriptions[0]} {
		ch := v.CycleCharges
		if v.PricePerCycle.Amount != newPrice || ch == nil || ch.Items.Amount != newItems || ch.Items.Amount+ch.Delivery.Amount+ch.Tax.Amount != newPrice {
			t.Errorf("%s: price per cycle %+v, cycle_charges %+v; want items %d adding up to %d", what, v.PricePerCycle, ch, newItems, newPrice)
		}
	}
	if !strings.Contains(text(res), want) {
		t.Errorf("list_subscriptions: %q does not say %q", text(res), want)
	}
}
