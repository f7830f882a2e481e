package tools

import (
	"strings"
	"testing"
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
