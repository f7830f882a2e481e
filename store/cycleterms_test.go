package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestCycleTerms: a renewal attempt records the subscription's choices and agreed price
// as they are when it starts (claimed, reopened or retried); a change of them applied
// while it runs is taken at once by the subscription, said by ApplyChoicesChange, and
// leaves the attempt's terms as they were; the approval holds the purchase to the
// attempt's terms, not the subscription's; the next attempt takes the change; what a
// cycle paid at the old price charged is not the subscription's Charged at the new.
func TestCycleTerms(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "cycleterms@example.com")
	size7 := store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "7"}}}
	size9 := store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "9"}}}
	u := store.Subscription{CustomerID: c.ID, State: store.SubscriptionActive, ProductID: "cy-sub-0002", SellerID: "circuit-yard",
		Quantity: 1, Interval: "month", Every: 1, Amount: 2900, Currency: "USD", Anchor: clock.Now(), NextDueAt: clock.Now(), Mode: "sandbox",
		Choices: size7}
	if err := s.CreateSubscription(ctx, &u); err != nil {
		t.Fatal(err)
	}
	want := func(t *testing.T, k store.Cycle, choices store.Choices, amount int64) {
		t.Helper()
		if k.Terms == nil || !k.Terms.Choices.Equal(choices) || k.Terms.Amount != amount || k.Terms.Currency != "USD" {
			t.Fatalf("cycle %d attempt %d terms %+v, want %+v at %d USD", k.Cycle, k.Attempt, k.Terms, choices, amount)
		}
	}
	k, err := s.ClaimCycle(ctx, u.ID, 0, 0, u.NextDueAt)
	if err != nil {
		t.Fatal(err)
	}
	want(t, k, size7, 2900)

	ch := store.ChoicesChange{SubscriptionID: u.ID, CustomerID: c.ID, Choices: size9, Amount: 3500, Currency: "USD", ExpiresAt: clock.Now().Add(time.Hour)}
	if err := s.CreateChoicesChange(ctx, &ch); err != nil {
		t.Fatal(err)
	}
	_, running, err := s.ApplyChoicesChange(ctx, c.ID, ch.QuoteID)
	if err != nil || running == nil || running.Cycle != 0 {
		t.Fatalf("apply while attempt 0 runs: running %+v, %v; want applied, cycle 0 said running", running, err)
	}
	want(t, *running, size7, 2900)
	if got, err := s.Subscription(ctx, c.ID, u.ID); err != nil || !got.Choices.Equal(size9) || got.Amount != 3500 {
		t.Fatalf("subscription %+v, %v: want size 9 at 3500 at once", got, err)
	}
	if k, err = s.CycleOf(ctx, u.ID, 0); err != nil {
		t.Fatal(err)
	}
	want(t, k, size7, 2900)

	approve := func(attempt int, choices store.Choices, total int64) (store.Purchase, error) {
		p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: store.CycleKey(u.ID, 0, attempt), ProductID: u.ProductID,
			Quantity: 1, Mode: "sandbox", Choices: choices})
		if err != nil {
			t.Fatal(err)
		}
		p.Title, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "plan", total, total, total, "USD"
		return p, s.ApproveRenewal(ctx, &p, store.PurchaseOpen, store.Renewing{SubscriptionID: u.ID, Cycle: 0, Attempt: attempt})
	}
	if _, err := approve(0, size9, 2900); !errors.Is(err, store.ErrRenewalTermsChanged) {
		t.Fatalf("attempt 0 in the change's choices: %v, want ErrRenewalTermsChanged", err)
	}
	// The attempt ends (interrupted) and is retried.
	if err := s.EndCycle(ctx, u.ID, 0, 0, store.CycleEnd{State: store.CycleRetry, FailureCode: "interrupted", RetryAt: clock.Now()}); err != nil {
		t.Fatal(err)
	}
	if k, err = s.RetryCycle(ctx, u.ID, 0, 0); err != nil {
		t.Fatal(err)
	}
	want(t, k, size9, 3500) // the retry starts after the change

	// A second change while attempt 1 runs: attempt 1 keeps size 9 at 3500.
	back := store.ChoicesChange{SubscriptionID: u.ID, CustomerID: c.ID, Choices: size7, Amount: 2900, Currency: "USD", ExpiresAt: clock.Now().Add(time.Hour)}
	if err := s.CreateChoicesChange(ctx, &back); err != nil {
		t.Fatal(err)
	}
	if _, running, err := s.ApplyChoicesChange(ctx, c.ID, back.QuoteID); err != nil || running == nil || running.Attempt != 1 {
		t.Fatalf("the second change: running %+v, %v", running, err)
	}
	if _, err := approve(1, size7, 2900); !errors.Is(err, store.ErrRenewalTermsChanged) {
		t.Fatalf("attempt 1 in the subscription's choices now: %v, want ErrRenewalTermsChanged", err)
	}
	// The running attempt's purchase in its own terms is approved.
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: store.CycleKey(u.ID, 0, 1) + "x", ProductID: u.ProductID,
		Quantity: 1, Mode: "sandbox", Choices: size9})
	if err != nil {
		t.Fatal(err)
	}
	p.Title, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "plan", 3500, 3500, 3500, "USD"
	if err := s.ApproveRenewal(ctx, &p, store.PurchaseOpen, store.Renewing{SubscriptionID: u.ID, Cycle: 0, Attempt: 1}); err != nil {
		t.Fatalf("attempt 1 in its own terms: %v", err)
	}
	if err := s.EndCycle(ctx, u.ID, 0, 1, store.CycleEnd{State: store.CyclePaid, OrderID: p.OrderID, Charged: 3500, NextDueAt: clock.Now().AddDate(0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Subscription(ctx, c.ID, u.ID); err != nil || got.Charged != 0 || got.Amount != 2900 || !got.Choices.Equal(size7) {
		t.Fatalf("after the cycle paid at 3500: %+v, %v; want size 7 at 2900, nothing charged at it yet", got, err)
	}
	if k, err = s.ClaimCycle(ctx, u.ID, 1, 1, clock.Now().AddDate(0, 1, 0)); err != nil {
		t.Fatal(err)
	}
	want(t, k, size7, 2900)
}
