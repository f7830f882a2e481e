package checkout_test

import (
	"context"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestSkipNextRenewal: a skipped renewal is not charged when its date comes, the
// one after it is; skipping the same renewal again changes nothing (never two); a
// date that is not the next renewal, a paused and a canceled subscription, and
// another customer's are refused with their codes, changing nothing; a skip after a
// resume that stepped over paused cycles skips the renewal it shows.
func TestSkipNextRenewal(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	out := e.subscribe(apiPlan, 1)
	id := out.Subscription.ID
	first := e.subscription(id).NextDueAt
	check := func(what string, charges int) {
		t.Helper()
		if got := e.succeeded(); got != charges {
			t.Fatalf("%s: %d charges, want %d", what, got, charges)
		}
	}

	sk, err := e.svc.SkipNextRenewal(ctx, e.customer, id, first)
	if err != nil || !sk.Changed || !sk.Skipped.Equal(first) || !sk.Subscription.NextDueAt.After(first.Add(27*24*time.Hour)) {
		t.Fatalf("skip = %+v, %v; want the renewal of %s skipped and the next one a month later", sk, err, day(first))
	}
	second := sk.Subscription.NextDueAt
	again, err := e.svc.SkipNextRenewal(ctx, e.customer, id, first)
	if err != nil || again.Changed || !again.Subscription.NextDueAt.Equal(second) {
		t.Fatalf("skip again = %+v, %v; want nothing changed", again, err)
	}
	if _, err := e.svc.SkipNextRenewal(ctx, e.customer, id, second.AddDate(0, 1, 0)); !isRefusal(err, checkout.RefusalRenewalNotNext) {
		t.Errorf("skip of a later renewal: %v, want %s", err, checkout.RefusalRenewalNotNext)
	}
	if _, err := e.svc.SkipNextRenewal(ctx, "cus_other", id, second); !isRefusal(err, checkout.RefusalUnknownSubscription) {
		t.Errorf("another customer's skip: %v, want %s", err, checkout.RefusalUnknownSubscription)
	}

	e.clock.Advance(month) // the skipped renewal's date
	e.renew(e.svc, 3)
	check("the skipped renewal's date", 1)
	e.clock.Advance(month) // the next one
	e.renew(e.svc, 3)
	check("the renewal after the skipped one", 2)
	cycles, err := e.st.Cycles(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(cycles) != 3 || cycles[1].FailureCode != store.CycleSkippedByPerson || cycles[1].OrderID != "" || cycles[2].State != store.CyclePaid {
		t.Errorf("cycles %+v: want 0 paid, 1 skipped by the person, 2 paid", cycles)
	}

	// Paused: nothing renews to skip. Resumed after two due dates: the renewal shown is skipped.
	if _, err := e.svc.PauseSubscription(ctx, e.customer, id); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.SkipNextRenewal(ctx, e.customer, id, e.subscription(id).NextDueAt); !isRefusal(err, checkout.RefusalSubscriptionPaused) {
		t.Errorf("skip while paused: %v, want %s", err, checkout.RefusalSubscriptionPaused)
	}
	e.clock.Advance(2 * month)
	if _, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID); err != nil {
		t.Fatal(err)
	}
	next := e.subscription(id).NextDueAt
	if sk, err := e.svc.SkipNextRenewal(ctx, e.customer, id, next); err != nil || !sk.Changed || !sk.Subscription.NextDueAt.After(next) {
		t.Fatalf("skip after a resume = %+v, %v", sk, err)
	}
	e.clock.Advance(month)
	e.renew(e.svc, 3)
	check("the skipped renewal after a resume", 2)
	e.clock.Advance(month)
	e.renew(e.svc, 3)
	check("the renewal after it", 3)

	if _, err := e.svc.CancelSubscription(ctx, e.customer, id); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.SkipNextRenewal(ctx, e.customer, id, e.subscription(id).NextDueAt); !isRefusal(err, checkout.RefusalSubscriptionCanceled) {
		t.Errorf("skip of a canceled subscription: %v, want %s", err, checkout.RefusalSubscriptionCanceled)
	}
}

// TestSkippedRenewals: what shows a subscription learns which renewals the person
// skipped right before the next one (checkout.SkippedRenewals, read with the
// subscription): one skip, two in a row, both still shown once their dates passed with
// nothing charged, none once a renewal after them was charged, none while paused, and
// after a resume only a skip made since (cycles a resume stepped over are no skips).
func TestSkippedRenewals(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	id := e.subscribe(apiPlan, 1).Subscription.ID
	want := func(name string, dates ...time.Time) {
		t.Helper()
		got := checkout.SkippedRenewals(e.subscription(id))
		if len(got) != len(dates) {
			t.Fatalf("%s: skipped renewals %v, want %v", name, got, dates)
		}
		for i := range got {
			if day(got[i]) != day(dates[i]) {
				t.Fatalf("%s: skipped renewals %v, want %v", name, got, dates)
			}
		}
	}
	skip := func(due time.Time) time.Time {
		t.Helper()
		sk, err := e.svc.SkipNextRenewal(ctx, e.customer, id, due)
		if err != nil || !sk.Changed {
			t.Fatalf("skip %s = %+v, %v", day(due), sk, err)
		}
		return sk.Subscription.NextDueAt
	}

	want("none skipped")
	first := e.subscription(id).NextDueAt
	second := skip(first)
	want("one skipped", first)
	third := skip(second)
	want("two in a row", first, second)
	e.clock.Advance(2 * month) // both skipped dates pass: nothing charged since
	e.renew(e.svc, 3)
	want("their dates passed, nothing charged since", first, second)
	e.clock.Advance(month)
	e.renew(e.svc, 3)
	if n := e.succeeded(); n != 2 || !e.subscription(id).NextDueAt.After(third) {
		t.Fatalf("%d charges, next %s: want the first cycle and the one after the skips charged", n, day(e.subscription(id).NextDueAt))
	}
	want("a renewal charged after them")

	fourth := e.subscription(id).NextDueAt
	skip(fourth)
	if _, err := e.svc.PauseSubscription(ctx, e.customer, id); err != nil {
		t.Fatal(err)
	}
	want("paused")
	e.clock.Advance(3 * month)
	if _, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID); err != nil {
		t.Fatal(err)
	}
	want("resumed past the skipped renewal and paused cycles")
	next := e.subscription(id).NextDueAt
	skip(next)
	want("skipped after the resume", next)
}
