package tools

import (
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
)

// A quote given to a tool that confirms another kind of quote (a cart's to purchase, a
// purchase's to subscribe…) is refused naming the tool that confirms it, not as an
// unknown quote (which would send the model to quote again and ask the person twice);
// nothing is charged and the quote still confirms with its own tool. Another
// customer's quote stays unknown, whatever its kind.
func TestQuoteGivenToTheWrongTool(t *testing.T) {
	s, a, b := hosted(t)
	w := wiretest.Named(t, "streamable modern stateful")
	url := serveHTTP(t, w, s.tb)
	ca, cb := dialAs(t, w, url, a, nil), dialAs(t, w, url, b, nil)

	quote := func(tool string, args map[string]any) string {
		t.Helper()
		var q struct {
			QuoteID string `json:"quote_id"`
		}
		if res := call(t, ca, tool, args, &q); res.IsError || q.QuoteID == "" {
			t.Fatalf("%s: %s, want a quote", tool, text(res))
		}
		return q.QuoteID
	}
	purchaseQuote := quote("purchase", map[string]any{"product_id": "nw-shoe-0001"})
	subQuote := quote("subscribe", map[string]any{"product_id": "ml-sub-0001"})
	var sub subscribeResult
	if res := call(t, ca, "subscribe", map[string]any{"quote_id": quote("subscribe", map[string]any{"product_id": "ml-sub-0002",
		"choices": map[string]any{"grind": "Whole Bean"}})}, &sub); res.IsError || sub.Subscription.ID == "" {
		t.Fatalf("subscribe: %s", text(res))
	}
	changeQuote := quote("change_subscription", map[string]any{"subscription_id": sub.Subscription.ID, "choices": map[string]any{"grind": "Espresso"}})
	if res := call(t, ca, "add_to_cart", map[string]any{"product_id": "nw-shoe-0001"}, nil); res.IsError {
		t.Fatalf("add_to_cart: %s", text(res))
	}
	cartQuote := quote("checkout", nil)
	charged := s.charges()

	for _, tc := range []struct {
		name, tool string
		args       map[string]any
		other      bool   // called by the other customer
		want       string // in the refusal
	}{
		{name: "the cart's quote to purchase", tool: "purchase", args: map[string]any{"quote_id": cartQuote},
			want: "is for the whole cart: confirm it with checkout (quote_id)"},
		{name: "a subscription's quote to purchase", tool: "purchase", args: map[string]any{"quote_id": subQuote},
			want: "is for a subscription: confirm it with subscribe (quote_id)"},
		{name: "a change's quote to purchase", tool: "purchase", args: map[string]any{"quote_id": changeQuote},
			want: "confirm it with change_subscription (subscription_id and quote_id)"},
		{name: "a purchase's quote to checkout", tool: "checkout", args: map[string]any{"quote_id": purchaseQuote},
			want: "is for a single product: confirm it with purchase (quote_id)"},
		{name: "a subscription's quote to checkout", tool: "checkout", args: map[string]any{"quote_id": subQuote},
			want: "confirm it with subscribe (quote_id)"},
		{name: "a purchase's quote to subscribe", tool: "subscribe", args: map[string]any{"quote_id": purchaseQuote},
			want: "confirm it with purchase (quote_id)"},
		{name: "the cart's quote to subscribe", tool: "subscribe", args: map[string]any{"quote_id": cartQuote},
			want: "confirm it with checkout (quote_id)"},
		{name: "a purchase's quote to change_subscription", tool: "change_subscription",
			args: map[string]any{"subscription_id": sub.Subscription.ID, "quote_id": purchaseQuote}, want: "confirm it with purchase (quote_id)"},
		{name: "another customer's cart quote to purchase", tool: "purchase", args: map[string]any{"quote_id": cartQuote}, other: true,
			want: "No quote has id " + `"` + cartQuote + `"`},
		{name: "another customer's purchase quote to checkout", tool: "checkout", args: map[string]any{"quote_id": purchaseQuote}, other: true,
			want: "No quote has id " + `"` + purchaseQuote + `"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ca
			if tc.other {
				c = cb
			}
			res := call(t, c, tc.tool, tc.args, nil)
			got := text(res)
			if !res.IsError || !strings.Contains(got, tc.want) || !strings.Contains(got, "nothing was charged") && !strings.Contains(got, "Nothing was charged") {
				t.Errorf("isError %v %q, want a refusal saying %q and that nothing was charged", res.IsError, got, tc.want)
			}
			if n := s.charges(); n != charged {
				t.Errorf("%d charges, want %d", n, charged)
			}
		})
	}
	// Each quote still confirms with its own tool.
	var done checkoutResult
	if res := call(t, ca, "checkout", map[string]any{"quote_id": cartQuote}, &done); res.IsError || done.Status != "completed" {
		t.Errorf("checkout of the cart's quote after the refusals: %s", text(res))
	}
	var bought purchaseResult
	if res := call(t, ca, "purchase", map[string]any{"quote_id": purchaseQuote}, &bought); res.IsError || bought.Status != "completed" {
		t.Errorf("purchase of its quote after the refusals: %s", text(res))
	}
}
