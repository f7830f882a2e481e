package tools

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// subscribedRing subscribes, through a client without dialogs, to s's ring plan in
// size 7, Gold, "Ana" and returns the subscription's id.
func (s *storefront) subscribedRing(t *testing.T) string {
	t.Helper()
	p := s.ringPlan(t)
	c := s.client(t, nil, "2025-11-25")
	var q, sub subscribeResult
	call(t, c, "subscribe", map[string]any{"product_id": p.ID, "choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana"}, &q)
	if res := call(t, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub); res.IsError || sub.Status != "subscribed" {
		t.Fatalf("subscribe: %s", text(res))
	}
	return sub.Subscription.ID
}

// TestChangeSubscriptionDialog: a client that can show a dialog is asked there to
// confirm a change of a subscription's choices, with the new choices, the current
// ones and the price per cycle; yes changes it (nothing charged), no keeps it as it
// is and its quote never applies, an unticked box leaves the change to be confirmed
// by its quote_id, in both protocol eras.
func TestChangeSubscriptionDialog(t *testing.T) {
	decline := &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: mcp.ElicitationResponseActionDecline}}
	for _, tc := range []struct {
		name    string
		answer  *mcp.ElicitationResult
		version string
		want    string // the subscription's ring size after
	}{
		{"yes, legacy era", accept(true), "2025-11-25", "9"},
		{"yes, modern era", accept(true), "", "9"},
		{"no, legacy era", decline, "2025-11-25", "7"},
		{"no, modern era", decline, "", "7"},
		{"unticked, legacy era", accept(false), "2025-11-25", "7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStorefront(t)
			id := s.subscribedRing(t)
			var (
				mu     sync.Mutex
				dialog string
			)
			c := s.clientWith(t, elicitFunc(func(_ context.Context, r mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
				mu.Lock()
				defer mu.Unlock()
				dialog = r.Params.Message
				return tc.answer, nil
			}), tc.version)
			var out changeSubscriptionResult
			res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"ring_size": "9", "metal": "Silver"}, "personalization": "Bo"}, &out)
			mu.Lock()
			for _, w := range []string{"Please confirm this change of a subscription.", "Item: «Ring of the Month»",
				"New choices:\nRing size: «9»\nMetal: «Silver»\nPersonalization: «Bo»\n", "Now:\nRing size: «7»\nMetal: «Gold»\nPersonalization: «Ana»\n",
				"The next renewal is bought with the new choices."} {
				if !strings.Contains(dialog, w) {
					t.Errorf("the dialog does not say %q: %q", w, dialog)
				}
			}
			mu.Unlock()
			switch {
			case tc.answer == decline:
				if !res.IsError || !strings.Contains(text(res), "The person declined the change, so the subscription keeps its choices and price. Nothing was charged") {
					t.Fatalf("declined: %s", text(res))
				}
			case tc.want == "9":
				if res.IsError || out.Status != "active" || out.QuoteID != "" {
					t.Fatalf("confirmed in the dialog: %s", text(res))
				}
			default: // unticked: the quote waits for its id
				if res.IsError || out.Status != "confirmation_required" || out.QuoteID == "" || !strings.Contains(out.Instruction, `without ticking "Change"`) {
					t.Fatalf("unticked: %s", text(res))
				}
			}
			var list listSubscriptionsResult
			call(t, c, "list_subscriptions", nil, &list)
			if len(list.Subscriptions) != 1 || len(list.Subscriptions[0].Choices) == 0 || list.Subscriptions[0].Choices[0].Value != tc.want {
				t.Fatalf("the subscription's choices %+v, want ring size %s", list.Subscriptions, tc.want)
			}
			if out.QuoteID != "" { // confirmed by its id, as the result says
				var done changeSubscriptionResult
				if res := call(t, s.client(t, nil, "2025-11-25"), "change_subscription", map[string]any{"subscription_id": id, "quote_id": out.QuoteID}, &done); res.IsError || done.Status != "active" {
					t.Fatalf("confirmed by quote_id after the unticked box: %s", text(res))
				}
			}
			if s.charges() != 1 {
				t.Errorf("%d charges, want the first cycle's only", s.charges())
			}
		})
	}
}
