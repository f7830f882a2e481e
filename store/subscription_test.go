package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

func newSubscription(t *testing.T, s *store.Store, customer string, due time.Time) store.Subscription {
	t.Helper()
	u := store.Subscription{CustomerID: customer, State: store.SubscriptionActive, ProductID: "cy-sub-0002", SellerID: "circuit-yard",
		Quantity: 1, Interval: "month", Every: 1, Amount: 2900, Currency: "USD", Anchor: due, NextDueAt: due, Mode: "sandbox"}
	if err := s.CreateSubscription(context.Background(), &u); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestClaimCycle: one open cycle per subscription, joined by every later claim; a
// claim for a stale next cycle, or of a subscription that is not active, is refused;
// paid moves the subscription on, failed pauses it, and a failed cycle is reopened at
// its next attempt.
func TestClaimCycle(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "subscriber@example.com")
	u := newSubscription(t, s, c.ID, clock.Now())

	// Many claims at once: one row, all of them on it.
	var wg sync.WaitGroup
	got := make([]store.Cycle, 8)
	errs := make([]error, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = s.ClaimCycle(ctx, u.ID, 0, 0, clock.Now())
		}()
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || got[i].Cycle != 0 || got[i].Attempt != 0 || got[i].State != store.CycleRunning {
			t.Fatalf("claim %d = %+v, %v", i, got[i], errs[i])
		}
	}
	if cy, err := s.ClaimCycle(ctx, u.ID, 0, 1, clock.Now()); err != nil || cy.Cycle != 0 {
		t.Fatalf("a claim while cycle 0 is open joins it: %+v, %v", cy, err)
	}
	next := clock.Now().AddDate(0, 1, 0)
	if err := s.EndCycle(ctx, u.ID, 0, 0, store.CycleEnd{State: store.CyclePaid, OrderID: "ord_1", NextDueAt: next}); err != nil {
		t.Fatal(err)
	}
	if err := s.EndCycle(ctx, u.ID, 0, 0, store.CycleEnd{State: store.CyclePaid, OrderID: "ord_2", NextDueAt: next}); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("a second end of the same attempt: %v, want ErrStateChanged", err)
	}
	if _, err := s.ClaimCycle(ctx, u.ID, 0, 1, next); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("a claim for a stale next cycle: %v", err)
	}
	after, err := s.Subscription(ctx, c.ID, u.ID)
	if err != nil || after.NextCycle != 1 || after.OpenCycle != -1 || !after.NextDueAt.Equal(next) {
		t.Fatalf("after paid: %+v, %v", after, err)
	}

	// Cycle 3 (1 and 2 skipped) fails: the subscription pauses; resumed, the same
	// cycle is claimed again at attempt 1.
	cy, err := s.ClaimCycle(ctx, u.ID, 1, 3, next)
	if err != nil || cy.Skipped != 2 {
		t.Fatalf("claim of cycle 3 = %+v, %v", cy, err)
	}
	if err := s.EndCycle(ctx, u.ID, 3, 0, store.CycleEnd{State: store.CycleFailed, FailureCode: "card_declined"}); err != nil {
		t.Fatal(err)
	}
	after, _ = s.Subscription(ctx, c.ID, u.ID)
	if after.State != store.SubscriptionPaused || after.PauseCode != "card_declined" || after.OpenCycle != -1 {
		t.Fatalf("after failed: %+v", after)
	}
	if _, err := s.ClaimCycle(ctx, u.ID, 1, 3, next); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("a claim while paused: %v", err)
	}
	after.State = store.SubscriptionActive
	if err := s.UpdateSubscription(ctx, &after, store.SubscriptionPaused); err != nil {
		t.Fatal(err)
	}
	if cy, err := s.ClaimCycle(ctx, u.ID, 1, 3, next); err != nil || cy.Attempt != 1 || cy.State != store.CycleRunning {
		t.Fatalf("reclaim of the failed cycle = %+v, %v", cy, err)
	}
	// Retry: not before its time.
	retryAt := clock.Now().Add(time.Hour)
	if err := s.EndCycle(ctx, u.ID, 3, 1, store.CycleEnd{State: store.CycleRetry, RetryAt: retryAt}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RetryCycle(ctx, u.ID, 3, 1); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("a retry before its time: %v", err)
	}
	clock.Advance(time.Hour)
	if cy, err := s.RetryCycle(ctx, u.ID, 3, 1); err != nil || cy.Attempt != 2 {
		t.Fatalf("retry = %+v, %v", cy, err)
	}
	if _, err := s.RetryCycle(ctx, u.ID, 3, 1); !errors.Is(err, store.ErrStateChanged) {
		t.Fatalf("the same retry twice: %v", err)
	}
}

func TestParseCycleKey(t *testing.T) {
	for _, tc := range []struct {
		name, key string
		want      store.Renewing
		ok        bool
	}{
		{"round trip", store.CycleKey("sub_abc", 3, 2), store.Renewing{SubscriptionID: "sub_abc", Cycle: 3, Attempt: 2}, true},
		{"cycle 0", store.CycleKey("sub_x", 0, 0), store.Renewing{SubscriptionID: "sub_x", Cycle: 0, Attempt: 0}, true},
		{"caller's key", "order-1", store.Renewing{}, false},
		{"too few parts", "sub/sub_x/1", store.Renewing{}, false},
		{"too many parts", "sub/sub_x/1/2/3", store.Renewing{}, false},
		{"not numbers", "sub/sub_x/a/b", store.Renewing{}, false},
		{"negative", "sub/sub_x/-1/0", store.Renewing{}, false},
		{"no subscription", "sub//1/0", store.Renewing{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := store.ParseCycleKey(tc.key)
			if got != tc.want || ok != tc.ok {
				t.Errorf("ParseCycleKey(%q) = %+v, %v; want %+v, %v", tc.key, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestSubscriptionCharged: a paid cycle records what it charged (Charged), apart from
// the agreed price (Amount); an update that keeps the agreed price and currency keeps
// it, one that agrees a new price clears it (nothing charged at that price yet), and
// the update reports what the row then holds. A renewal charged with no order whose
// order turns up late records what it charged too, when in the agreed currency and
// at or under the agreed price.
func TestSubscriptionCharged(t *testing.T) {
	tests := []struct {
		name     string
		amount   int64  // a new price agreed (UpdateSubscription); 0: none
		currency string // of amount, or of the late order
		late     int64  // the total of cycle 1's order, charged with no order and found late; 0: none
		want     int64
	}{
		{name: "same price", amount: 2900, currency: "USD", want: 2400},
		{name: "a new price agreed", amount: 3100, currency: "USD", want: 0},
		{name: "another currency", amount: 2900, currency: "EUR", want: 0},
		{name: "a late order under the agreed price", late: 2200, currency: "USD", want: 2200},
		{name: "a late order at the agreed price", late: 2900, currency: "USD", want: 2900},
		{name: "a late order in another currency", late: 2200, currency: "EUR", want: 2400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "subscriber@example.com")
			u := newSubscription(t, s, c.ID, clock.Now())
			if _, err := s.ClaimCycle(ctx, u.ID, 0, 0, clock.Now()); err != nil {
				t.Fatal(err)
			}
			next := clock.Now().AddDate(0, 1, 0)
			if err := s.EndCycle(ctx, u.ID, 0, 0, store.CycleEnd{State: store.CyclePaid, OrderID: "ord_1", Charged: 2400, NextDueAt: next}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Subscription(ctx, c.ID, u.ID)
			if err != nil || got.Charged != 2400 || got.Amount != 2900 {
				t.Fatalf("after a cycle paid at 2400: charged %d, agreed %d, %v", got.Charged, got.Amount, err)
			}
			if tt.late > 0 {
				lateRenewal(t, s, u, 1, tt.late, tt.currency)
				got, err = s.Subscription(ctx, c.ID, u.ID)
				if err != nil || got.Charged != tt.want || got.NextCycle != 2 {
					t.Errorf("after cycle 1's late order: charged %d, next cycle %d, %v; want %d, 2", got.Charged, got.NextCycle, err, tt.want)
				}
				return
			}
			got.Amount, got.Currency, got.Charged = tt.amount, tt.currency, 7 // Charged is not the caller's to set
			if err := s.UpdateSubscription(ctx, &got, store.SubscriptionActive); err != nil {
				t.Fatal(err)
			}
			again, err := s.Subscription(ctx, c.ID, u.ID)
			if err != nil || again.Charged != tt.want || got.Charged != tt.want {
				t.Errorf("charged %d (reported %d), %v; want %d", again.Charged, got.Charged, err, tt.want)
			}
		})
	}
}

// lateRenewal renews cycle of subscription u with a purchase of total in currency that
// ends charged with no order, then completes it as its order turns up late
// (CompleteChargedNoOrderRenewal): the cycle is paid.
func lateRenewal(t *testing.T, s *store.Store, u store.Subscription, cycle int, total int64, currency string) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.ClaimCycle(ctx, u.ID, cycle, cycle, u.NextDueAt); err != nil {
		t.Fatal(err)
	}
	key := store.CycleKey(u.ID, cycle, 0)
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: u.CustomerID, IdemKey: key, ProductID: u.ProductID, Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.Title, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "plan", total, total, total, currency
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	p.State = store.PurchaseTokenIssued
	if err := s.Advance(ctx, &p, "token_issued", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	p.State, p.Charged, p.FailureCode, p.FailureParams = store.PurchaseChargedNoOrder, true, "charged_no_order", `{}`
	if err := s.Advance(ctx, &p, "charged_no_order", "", store.PurchaseTokenIssued); err != nil {
		t.Fatal(err)
	}
	r := store.LateRenewal{Renewing: store.Renewing{SubscriptionID: u.ID, Cycle: cycle}, NextDueAt: u.NextDueAt.AddDate(0, 1, 0), MayResume: true}
	if end, err := s.CompleteChargedNoOrderRenewal(ctx, &p, r); err != nil || end != store.LateCyclePaid {
		t.Fatalf("late renewal = %s, %v; want %s", end, err, store.LateCyclePaid)
	}
}

// TestApproveRenewalTerms: a renewal's purchase is approved only with the
// subscription's choices, in its currency and at most at its agreed price; otherwise
// ErrRenewalTermsChanged and nothing is approved (the purchase stays open, no order).
func TestApproveRenewalTerms(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "terms@example.com")
	size9 := store.Choices{Options: []store.Choice{{Name: "ring_size", Value: "9"}}}
	for _, tc := range []struct {
		name     string
		choices  store.Choices
		total    int64
		currency string
		want     error
	}{
		{"as agreed", store.Choices{}, 2900, "USD", nil},
		{"a lower total", store.Choices{}, 2500, "USD", nil},
		{"above the agreed price", store.Choices{}, 2901, "USD", store.ErrRenewalTermsChanged},
		{"another currency", store.Choices{}, 2900, "EUR", store.ErrRenewalTermsChanged},
		{"other choices", size9, 2900, "USD", store.ErrRenewalTermsChanged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := newSubscription(t, s, c.ID, clock.Now())
			if _, err := s.ClaimCycle(ctx, u.ID, 0, 0, u.NextDueAt); err != nil {
				t.Fatal(err)
			}
			p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: store.CycleKey(u.ID, 0, 0), ProductID: u.ProductID,
				Quantity: 1, Mode: "sandbox", Choices: tc.choices})
			if err != nil {
				t.Fatal(err)
			}
			p.Title, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "plan", tc.total, tc.total, tc.total, tc.currency
			err = s.ApproveRenewal(ctx, &p, store.PurchaseOpen, store.Renewing{SubscriptionID: u.ID, Cycle: 0, Attempt: 0})
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("approve = %v, want %v", err, tc.want)
			}
			got, err := s.Purchase(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if approved := got.State == store.PurchaseApproved && got.OrderID != ""; approved != (tc.want == nil) {
				t.Fatalf("purchase %s, order %q after the approval", got.State, got.OrderID)
			}
		})
	}
}
