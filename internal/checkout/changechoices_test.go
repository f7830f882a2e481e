package checkout_test

import (
	"context"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

var size9 = store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "9"}, {Name: "metal", Value: "Silver"}}, Personalization: "Bo"}

// renewedOrder is the customer's newest order but the one of id first.
func (e *env) renewedOrder(first string) store.Order {
	e.t.Helper()
	orders, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, o := range orders {
		if o.ID != first {
			return o
		}
	}
	e.t.Fatalf("no order but %s among %d", first, len(orders))
	return store.Order{}
}

// TestChangeSubscriptionChoices: a ring plan subscribed in size 7, Gold, "Ana" is
// changed to size 9, Silver, "Bo": the change is quoted (nothing recorded, nothing
// charged) and the subscription keeps its choices until the quote is confirmed; once
// confirmed the next renewal's order and the seller's session carry the new choices.
// Choices the product does not take are refused with the validator's refusal; another
// customer reaches neither the subscription nor the quote; a quote confirms once.
func TestChangeSubscriptionChoices(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.ringPlan()
	first := e.subscribeRing(e.svc, p)
	id := first.Subscription.ID
	for _, tc := range []struct {
		name    string
		choices map[string]string
		pers    string
		want    checkout.RefusalCode
	}{
		{"a size not offered", map[string]string{"ring_size": "12", "metal": "Gold"}, "Bo", checkout.RefusalChoiceNotOffered},
		{"an option missing", map[string]string{"ring_size": "9"}, "Bo", checkout.RefusalChoiceMissing},
		{"no engraving", map[string]string{"ring_size": "9", "metal": "Silver"}, "", checkout.RefusalPersonalizationMissing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id, Choices: tc.choices, Personalization: tc.pers})
			wantRefusal(t, err, tc.want)
		})
	}
	other, err := e.st.CreateCustomer(ctx, store.Customer{Email: "other@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: other.ID, SubscriptionID: id,
		Choices: map[string]string{"ring_size": "9", "metal": "Silver"}, Personalization: "Bo"})
	wantRefusal(t, err, checkout.RefusalUnknownSubscription)

	q, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id,
		Choices: map[string]string{"Ring Size": "9", "metal": "silver"}, Personalization: "Bo"})
	if err != nil || q.Status != checkout.StatusConfirmationRequired || q.Change.QuoteID == "" || !q.Change.Choices.Equal(size9) || q.Change.Amount <= 0 {
		t.Fatalf("quote: %+v, %v", q, err)
	}
	if u := e.subscription(id); !u.Choices.Equal(size7) || e.succeeded() != 1 {
		t.Fatalf("before confirming: choices %+v, %d charges; want size 7 kept, no charge", u.Choices, e.succeeded())
	}
	// Another customer's confirmation of the quote, and the quote named with another
	// subscription, reach nothing.
	_, err = e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: other.ID, SubscriptionID: id, QuoteID: q.Change.QuoteID})
	wantRefusal(t, err, checkout.RefusalUnknownQuote)
	_, err = e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: "sub_other", QuoteID: q.Change.QuoteID})
	wantRefusal(t, err, checkout.RefusalUnknownQuote)
	if u := e.subscription(id); !u.Choices.Equal(size7) {
		t.Fatalf("after the refused confirmations: %+v", u.Choices)
	}

	done, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id, QuoteID: q.Change.QuoteID})
	if err != nil || done.Status != checkout.StatusCompleted || !done.Subscription.Choices.Equal(size9) || done.First != nil || e.succeeded() != 1 {
		t.Fatalf("confirm: %+v, %v, %d charges", done, err, e.succeeded())
	}
	again, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id, QuoteID: q.Change.QuoteID})
	if err != nil || again.Status != checkout.StatusCompleted || !again.Subscription.Choices.Equal(size9) {
		t.Fatalf("confirmed again: %+v, %v", again, err)
	}

	e.clock.Advance(month)
	if rep := e.renew(e.svc, 3); rep.Paid != 1 || rep.Paused+rep.Errors != 0 {
		t.Fatalf("renewal after the change: %+v", rep)
	}
	o := e.renewedOrder(first.First.Order.ID)
	if len(o.Lines) != 1 || !o.Lines[0].Choices.Equal(size9) {
		t.Fatalf("the renewal's order lines %+v, want %+v", o.Lines, size9)
	}
	if ls := e.sellerLines(o); len(ls) != 1 || len(ls[0].VariantOptions) != 2 || ls[0].VariantOptions[0].Value != "9" ||
		ls[0].VariantOptions[1].Value != "Silver" || len(ls[0].CustomAttributes) != 1 || ls[0].CustomAttributes[0].Value != "Bo" {
		t.Fatalf("the seller's lines of the renewal: %+v", ls)
	}
	if s := e.logs.String(); strings.Contains(s, "Ana") || strings.Contains(s, "\"Bo\"") {
		t.Error("an engraving reached a log line")
	}
}

// TestChangeChoicesResumesPaused: a subscription paused because its seller dropped
// size 7 (choices_changed) resumes when a change to a size offered is confirmed: its
// due cycle is charged at once with the new choices. A canceled subscription cannot
// change.
func TestChangeChoicesResumesPaused(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	p := e.ringPlan()
	first := e.subscribeRing(e.svc, p)
	id := first.Subscription.ID
	p.Attributes["ring_size"] = "5, 6, 8, 9"
	e.upsert(p)
	e.clock.Advance(month)
	if rep := e.renew(e.svc, 3); rep.Paused != 1 || e.succeeded() != 1 {
		t.Fatalf("renewal after size 7 was dropped: %+v, %d charges", rep, e.succeeded())
	}
	q, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id,
		Choices: map[string]string{"ring_size": "9", "metal": "Silver"}, Personalization: "Bo"})
	if err != nil {
		t.Fatal(err)
	}
	if u := e.subscription(id); u.State != store.SubscriptionPaused || e.succeeded() != 1 {
		t.Fatalf("quoted: %s, %d charges; want still paused, nothing charged", u.State, e.succeeded())
	}
	done, err := e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id, QuoteID: q.Change.QuoteID})
	if err != nil || done.Subscription.State != store.SubscriptionActive || done.First == nil || done.First.Status != checkout.RenewPaid || e.succeeded() != 2 {
		t.Fatalf("confirm: %+v, %v, %d charges; want active, the due cycle paid", done, err, e.succeeded())
	}
	if o := e.renewedOrder(first.First.Order.ID); len(o.Lines) != 1 || !o.Lines[0].Choices.Equal(size9) {
		t.Fatalf("the resumed cycle's order lines %+v", o.Lines)
	}
	if _, err := e.svc.CancelSubscription(ctx, e.customer, id); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.ChangeSubscriptionChoices(ctx, checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id,
		Choices: map[string]string{"ring_size": "8", "metal": "Gold"}, Personalization: "Bo"})
	wantRefusal(t, err, checkout.RefusalSubscriptionCanceled)
}
