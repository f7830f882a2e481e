package tools

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
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
			c, asked := s.answeringClient(t, tc.answer, tc.version)
			var out changeSubscriptionResult
			res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"ring_size": "9", "metal": "Silver"}, "personalization": "Bo"}, &out)
			dialog := asked()
			for _, w := range []string{"Please confirm this change of a subscription.", "Item: «Ring of the Month»",
				"New choices:\nRing size: «9»\nMetal: «Silver»\nPersonalization: «Bo»\n", "Now:\nRing size: «7»\nMetal: «Gold»\nPersonalization: «Ana»\n",
				"The next renewal is bought with the new choices."} {
				if !strings.Contains(dialog, w) {
					t.Errorf("the dialog does not say %q: %q", w, dialog)
				}
			}
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
// subscription's renewal is being charged: the dialog says that renewal keeps the
// current choices; the change applies at once, the result says which renewal keeps
// the previous choices and at what price (renewal_being_charged); that renewal is
// bought in size 7, the next in size 9. A renewal running from before renewals
// recorded their terms (migration 0039) refuses the change as before: the words say
// that renewal keeps the current choices and give the quote_id (which the model had
// not seen), and the quote_id confirms the change once it is done.
func TestChangeDialogWhileRenewing(t *testing.T) {
	ctx := context.Background()
	for _, legacy := range []bool{false, true} {
		name := "terms recorded"
		if legacy {
			name = "a renewal from before terms were recorded"
		}
		t.Run(name, func(t *testing.T) {
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
			if legacy {
				s.execStore(t, `UPDATE subscription_cycles SET choices = '', amount = NULL, currency = ''`)
			}
			c, dialog := s.answeringClient(t, accept(true), "2025-11-25")
			var out changeSubscriptionResult
			res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"ring_size": "9", "metal": "Silver"}, "personalization": "Bo"}, &out)
			asked := dialog()
			if legacy {
				quote := regexp.MustCompile(`its quote_id is "(qc_[a-z0-9]+)"`).FindStringSubmatch(text(res))
				if !res.IsError || !strings.Contains(text(res), "being charged now with its current choices at its current price") || quote == nil {
					t.Fatalf("yes while renewing: %s", text(res))
				}
				if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paid != 1 || s.charges() != 2 {
					t.Fatalf("the running renewal: %+v, %v, %d charges", rep, err, s.charges())
				}
				var done changeSubscriptionResult
				if res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "quote_id": quote[1]}, &done); res.IsError ||
					done.Status != "active" || done.Subscription.Choices[0].Value != "9" {
					t.Fatalf("confirmed by the quote_id after the renewal: %s", text(res))
				}
				return
			}
			agreed := priceOf(money.Money{Amount: u.Amount, Currency: u.Currency}).Display
			if !strings.Contains(asked, "A renewal is being charged now with the current choices at up to "+agreed+": it keeps them, and the renewals after it are bought with the new choices.") {
				t.Errorf("the dialog does not say the running renewal keeps the current choices:\n%s", asked)
			}
			k := out.Running
			if res.IsError || out.Status != "active" || out.Subscription.Choices[0].Value != "9" || k == nil || k.Cycle != u.NextCycle ||
				k.Choices[0].Value != "7" || k.Personalization != "Ana" || k.Price.Display != agreed ||
				!strings.Contains(text(res), "A renewal was already being charged when the change was confirmed: it keeps the previous choices at up to "+agreed) {
				t.Fatalf("yes while renewing: %s / %+v", text(res), k)
			}
			if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paid != 1 || s.charges() != 2 {
				t.Fatalf("the running renewal: %+v, %v, %d charges", rep, err, s.charges())
			}
			clock.Advance(32 * 24 * time.Hour)
			if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paid != 1 || s.charges() != 3 {
				t.Fatalf("the next renewal: %+v, %v, %d charges", rep, err, s.charges())
			}
			var orders listOrdersResult
			if call(t, c, "list_orders", nil, &orders); len(orders.Orders) != 3 || orders.Orders[1].Line.Choices[0].Value != "7" || orders.Orders[0].Line.Choices[0].Value != "9" {
				t.Fatalf("the renewals' orders: %+v", orders.Orders)
			}
		})
	}
}

// TestChangeByQuoteWhileRenewing: without a dialog, a change quoted and confirmed by
// its quote_id while a renewal is being charged says, in the quote's summary and in
// the confirmation, that this renewal keeps the current choices at up to its agreed
// price, and the change applies at once for the renewals after it.
func TestChangeByQuoteWhileRenewing(t *testing.T) {
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
	agreed := priceOf(money.Money{Amount: u.Amount, Currency: u.Currency}).Display
	c := s.client(t, nil, "2025-11-25")
	var q, done changeSubscriptionResult
	res := call(t, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"ring_size": "9", "metal": "Silver"}, "personalization": "Bo"}, &q)
	if res.IsError || q.Status != "confirmation_required" || q.Running == nil || q.Running.Choices[0].Value != "7" ||
		!strings.HasSuffix(q.Summary, "A renewal is being charged now with the current choices at up to "+agreed+": it keeps them, and the renewals after it are bought with the new choices.") {
		t.Fatalf("the quote while renewing: %s / %+v", text(res), q.Running)
	}
	res = call(t, c, "change_subscription", map[string]any{"subscription_id": id, "quote_id": q.QuoteID}, &done)
	if res.IsError || done.Status != "active" || done.Subscription.Choices[0].Value != "9" || done.Running == nil || done.Running.Cycle != u.NextCycle ||
		!strings.Contains(done.Instruction, "it keeps the previous choices at up to "+agreed) {
		t.Fatalf("confirmed while renewing: %s / %+v", text(res), done.Running)
	}
	if rep, err := s.tb.Checkout.RenewDue(ctx); err != nil || rep.Paid != 1 || s.charges() != 2 {
		t.Fatalf("the running renewal: %+v, %v, %d charges", rep, err, s.charges())
	}
	var again changeSubscriptionResult
	res = call(t, c, "change_subscription", map[string]any{"subscription_id": id, "quote_id": q.QuoteID}, &again)
	if res.IsError || again.Running != nil || again.Instruction != "The next renewal is bought with these choices." {
		t.Fatalf("the same quote_id again once the renewal ended: %s", text(res))
	}
}
