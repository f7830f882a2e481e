package tools

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
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

// TestChangeDialogWhileRenewing: the person says yes in the dialog while the
// subscription's renewal is being charged: the change is refused, the words say that
// renewal keeps the current choices and give the quote_id (which the model had not
// seen); that renewal is bought in size 7, and the quote_id then confirms the change.
func TestChangeDialogWhileRenewing(t *testing.T) {
	ctx := context.Background()
	clock := clocktest.New(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	s := newStorefrontWith(t, sandbox.Options{Now: clock.Now})
	id := s.subscribedRing(t)
	clock.Advance(32 * 24 * time.Hour)
	u, err := s.tb.Store.Subscription(ctx, s.tb.Customer, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.tb.Store.ClaimCycle(ctx, id, u.NextCycle, u.NextCycle, u.NextDueAt); err != nil {
		t.Fatal(err)
	}
	c := s.client(t, accept(true), "2025-11-25")
	res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"ring_size": "9", "metal": "Silver"}, "personalization": "Bo"}, nil)
	quote := regexp.MustCompile(`its quote_id is "(qc_[a-z0-9]+)"`).FindStringSubmatch(text(res))
	if !res.IsError || !strings.Contains(text(res), "being charged now with its current choices at its current price") || quote == nil {
		t.Fatalf("yes while renewing: %s", text(res))
	}
	if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paid != 1 || s.charges() != 2 {
		t.Fatalf("the running renewal: %+v, %v, %d charges", rep, err, s.charges())
	}
	var orders listOrdersResult
	if call(t, c, "list_orders", nil, &orders); len(orders.Orders) != 2 || orders.Orders[0].Line.Choices[0].Value != "7" {
		t.Fatalf("the renewal's order: %+v", orders.Orders)
	}
	var done changeSubscriptionResult
	if res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "quote_id": quote[1]}, &done); res.IsError ||
		done.Status != "active" || done.Subscription.Choices[0].Value != "9" {
		t.Fatalf("confirmed by the quote_id after the renewal: %s", text(res))
	}
}
