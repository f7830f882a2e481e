package checkout_test

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// quoteRingChange quotes, with svc, the change of the ring plan subscription id to
// size 9, Silver, "Bo".
func (e *env) quoteRingChange(svc *checkout.Service, id string) store.ChoicesChange {
	e.t.Helper()
	q, err := svc.ChangeSubscriptionChoices(context.Background(), checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id,
		Choices: map[string]string{"ring_size": "9", "metal": "Silver"}, Personalization: "Bo"})
	if err != nil || q.Status != checkout.StatusConfirmationRequired {
		e.t.Fatalf("quote the change: %+v, %v", q, err)
	}
	return q.Change
}

func (e *env) confirmChange(svc *checkout.Service, id, quoteID string) (checkout.ChangeChoicesOutcome, error) {
	return svc.ChangeSubscriptionChoices(context.Background(), checkout.ChangeChoicesRequest{CustomerID: e.customer, SubscriptionID: id, QuoteID: quoteID})
}

// raisePrice puts the ring plan's price up by 5.00, so that the change's quote (asked
// after it) has another total than the subscription's agreed price.
func (e *env) raisePrice(p catalog.Product) {
	e.t.Helper()
	p.Price.Amount += 500
	e.upsert(p)
}

// wantRenewedWith fails the test unless order o is of the ring in choices at total,
// on the order and at the seller.
func (e *env) wantRenewedWith(o *store.Order, choices store.Choices, total int64) {
	e.t.Helper()
	if o == nil {
		e.t.Fatal("no order")
	}
	if len(o.Lines) != 1 || !o.Lines[0].Choices.Equal(choices) || o.Total != total {
		e.t.Fatalf("order %s: lines %+v, total %d; want %+v at %d", o.ID, o.Lines, o.Total, choices, total)
	}
	ls := e.sellerLines(*o)
	if len(ls) != 1 || len(ls[0].VariantOptions) != 2 || ls[0].VariantOptions[0].Value != choices.Options[0].Value {
		e.t.Fatalf("the seller's lines of order %s: %+v, want %+v", o.ID, ls, choices)
	}
}

// TestRenewalAfterConfirmedChange: a renewal that read the subscription before a
// change of its choices was confirmed, and claims its cycle after, buys the cycle with
// the confirmed choices at the confirmed price (here 5.00 more); a change confirmed
// while the cycle runs is applied at once, that cycle bought as it started (size 7 at
// the old price) and the next with the change; an attempt that starts after it (a
// retry) takes it; a cycle running from before cycles recorded their terms refuses
// it (renewal_under_way) until it ends; a change confirmed
// while the cycle waits for a retry is that retry's. One charge per cycle throughout.
func TestRenewalAfterConfirmedChange(t *testing.T) {
	ctx := context.Background()
	t.Run("read before the confirmation, claimed after", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		p := e.ringPlan()
		id := e.subscribeRing(e.svc, p).Subscription.ID
		old := e.subscription(id).Amount
		e.raisePrice(p)
		e.clock.Advance(month)
		stale := e.subscription(id) // the renewal run's read
		q := e.quoteRingChange(e.svc, id)
		if q.Amount != old+500 {
			t.Fatalf("the change's total %d, want %d", q.Amount, old+500)
		}
		if done, err := e.confirmChange(e.svc, id, q.QuoteID); err != nil || done.Status != checkout.StatusCompleted {
			t.Fatalf("confirm: %+v, %v", done, err)
		}
		r, err := e.svc.RenewAsRead(ctx, stale)
		if err != nil || r.Status != checkout.RenewPaid {
			t.Fatalf("renewal: %+v, %v", r, err)
		}
		e.wantRenewedWith(r.Order, size9, q.Amount)
		if e.succeeded() != 2 {
			t.Fatalf("%d charges, want 2", e.succeeded())
		}
	})
	t.Run("confirmed while the cycle runs", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		p := e.ringPlan()
		first := e.subscribeRing(e.svc, p)
		id := first.Subscription.ID
		old := e.subscription(id).Amount
		e.clock.Advance(month)
		// Once the renewal is approved (its seller's total asked, nothing charged
		// yet), the seller raises its price and the person changes the choices.
		var (
			q    store.ChoicesChange
			done checkout.ChangeChoicesOutcome
			err  error
		)
		e.cfg.Fault = func(step string) error {
			if step == "approved" && q.QuoteID == "" {
				e.raisePrice(p)
				q = e.quoteRingChange(e.svc, id)
				done, err = e.confirmChange(e.svc, id, q.QuoteID)
			}
			return nil
		}
		renewer := e.service()
		e.cfg.Fault = nil
		if rep := e.renew(renewer, 3); rep.Paid != 1 {
			t.Fatalf("the running cycle: %+v", rep)
		}
		if err != nil || done.Status != checkout.StatusCompleted || !done.Subscription.Choices.Equal(size9) || done.Subscription.Amount != old+500 {
			t.Fatalf("the change confirmed while the cycle runs: %+v, %v; want it applied at once", done, err)
		}
		if r := done.Running; r == nil || r.Cycle != 1 || r.Terms == nil || !r.Terms.Choices.Equal(size7) || r.Terms.Amount != old {
			t.Fatalf("the running renewal in the outcome: %+v, want cycle 1 in size 7 at %d", r, old)
		}
		e.wantRenewedWith(ptr(e.renewedOrder(first.First.Order.ID)), size7, old)
		if u := e.subscription(id); u.Charged != 0 || u.Amount != old+500 || !u.Choices.Equal(size9) {
			t.Fatalf("after the running cycle: charged %d, amount %d, choices %+v; want nothing charged yet at the new price %d in size 9", u.Charged, u.Amount, u.Choices, old+500)
		}
		e.clock.Advance(month)
		if rep := e.renew(e.svc, 3); rep.Paid != 1 || e.succeeded() != 3 {
			t.Fatalf("the next cycle: %+v, %d charges", rep, e.succeeded())
		}
		orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
		if err != nil {
			t.Fatal(err)
		}
		e.wantRenewedWith(&orders[0], size9, q.Amount)
		if u := e.subscription(id); u.Charged != q.Amount {
			t.Errorf("charged %d after the next cycle, want %d", u.Charged, q.Amount)
		}
	})
	t.Run("confirmed after the claim, before the purchase began", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		p := e.ringPlan()
		first := e.subscribeRing(e.svc, p)
		id := first.Subscription.ID
		e.clock.Advance(month)
		u := e.subscription(id)
		if _, err := e.st.ClaimCycle(ctx, id, u.NextCycle, u.NextCycle, u.NextDueAt); err != nil {
			t.Fatal(err)
		}
		q := e.quoteRingChange(e.svc, id)
		if done, err := e.confirmChange(e.svc, id, q.QuoteID); err != nil || done.Running == nil || !done.Subscription.Choices.Equal(size9) {
			t.Fatalf("confirm: %+v, %v; want applied, the running renewal said", done, err)
		}
		if rep := e.renew(e.svc, 3); rep.Paid != 1 || e.succeeded() != 2 {
			t.Fatalf("the running cycle: %+v, %d charges", rep, e.succeeded())
		}
		e.wantRenewedWith(ptr(e.renewedOrder(first.First.Order.ID)), size7, u.Amount)
	})
	t.Run("confirmed while the cycle runs, that attempt then declined", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		p := e.ringPlan()
		id := e.subscribeRing(e.svc, p).Subscription.ID
		e.raisePrice(p)
		e.clock.Advance(month)
		u := e.subscription(id)
		c, err := e.st.ClaimCycle(ctx, id, u.NextCycle, u.NextCycle, u.NextDueAt)
		if err != nil {
			t.Fatal(err)
		}
		q := e.quoteRingChange(e.svc, id)
		if done, err := e.confirmChange(e.svc, id, q.QuoteID); err != nil || done.Running == nil {
			t.Fatalf("confirm: %+v, %v", done, err)
		}
		if err := e.st.EndCycle(ctx, id, c.Cycle, c.Attempt, store.CycleEnd{State: store.CycleRetry, FailureCode: string(checkout.RefusalCardDeclined),
			RetryAt: e.clock.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(2 * time.Hour)
		r, err := e.svc.RenewAsRead(ctx, u) // read before the confirmation
		if err != nil || r.Status != checkout.RenewPaid {
			t.Fatalf("the retry: %+v, %v", r, err)
		}
		e.wantRenewedWith(r.Order, size9, q.Amount) // the retry starts after the change
		if e.succeeded() != 2 {
			t.Fatalf("%d charges, want 2", e.succeeded())
		}
	})
	t.Run("a running cycle from before terms were recorded", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		p := e.ringPlan()
		first := e.subscribeRing(e.svc, p)
		id := first.Subscription.ID
		e.clock.Advance(month)
		u := e.subscription(id)
		if _, err := e.st.ClaimCycle(ctx, id, u.NextCycle, u.NextCycle, u.NextDueAt); err != nil {
			t.Fatal(err)
		}
		e.forgetCycleTerms(id)
		q := e.quoteRingChange(e.svc, id)
		_, err := e.confirmChange(e.svc, id, q.QuoteID)
		wantRefusal(t, err, checkout.RefusalRenewalUnderWay)
		if u := e.subscription(id); !u.Choices.Equal(size7) {
			t.Fatalf("choices %+v after the refusal, want size 7 kept", u.Choices)
		}
		if rep := e.renew(e.svc, 3); rep.Paid != 1 {
			t.Fatalf("the running cycle: %+v", rep)
		}
		e.wantRenewedWith(ptr(e.renewedOrder(first.First.Order.ID)), size7, u.Amount)
		if done, err := e.confirmChange(e.svc, id, q.QuoteID); err != nil || done.Status != checkout.StatusCompleted || !done.Subscription.Choices.Equal(size9) {
			t.Fatalf("the same quote once the cycle ended: %+v, %v", done, err)
		}
	})
	t.Run("confirmed while the cycle waits for a retry", func(t *testing.T) {
		e := newEnv(t, envOpts{})
		p := e.ringPlan()
		id := e.subscribeRing(e.svc, p).Subscription.ID
		e.raisePrice(p)
		e.clock.Advance(month)
		u := e.subscription(id)
		c, err := e.st.ClaimCycle(ctx, id, u.NextCycle, u.NextCycle, u.NextDueAt)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.st.EndCycle(ctx, id, c.Cycle, c.Attempt, store.CycleEnd{State: store.CycleRetry, FailureCode: string(checkout.RefusalCardDeclined),
			RetryAt: e.clock.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		q := e.quoteRingChange(e.svc, id)
		if done, err := e.confirmChange(e.svc, id, q.QuoteID); err != nil || done.Status != checkout.StatusCompleted {
			t.Fatalf("confirm: %+v, %v", done, err)
		}
		e.clock.Advance(2 * time.Hour)
		r, err := e.svc.RenewAsRead(ctx, u) // read before the confirmation
		if err != nil || r.Status != checkout.RenewPaid {
			t.Fatalf("the retry: %+v, %v", r, err)
		}
		e.wantRenewedWith(r.Order, size9, q.Amount)
		if e.succeeded() != 2 {
			t.Fatalf("%d charges, want 2", e.succeeded())
		}
	})
}

func ptr[T any](v T) *T { return &v }

// TestChangeRacesRenewal races, many times, the confirmation of a change of a ring
// plan's choices (size 7 to 9) against two servers renewing its due cycle, one of them
// with the subscription as read before the confirmation. Whatever the order: one charge
// for the cycle; the renewal approved is bought with its attempt's terms (checked at
// the approval step); the confirmation is always applied at once; the cycle is bought
// in size 9 only when the change was applied before it started, and a confirmation
// that says a renewal was running (and keeps its choices) leaves that cycle in size 7;
// the next cycle is of size 9.
func TestChangeRacesRenewal(t *testing.T) {
	rounds := 16
	if testing.Short() {
		rounds = 4
	}
	ctx := context.Background()
	var before, during, after int
	for i := range rounds {
		e := newEnv(t, envOpts{})
		p := e.ringPlan()
		first := e.subscribeRing(e.svc, p)
		id := first.Subscription.ID
		e.clock.Advance(month)
		q := e.quoteRingChange(e.svc, id)
		var violations atomic.Int32
		e.cfg.Fault = func(step string) error {
			if step != "approved" {
				return nil
			}
			// The approved purchase is bought with its attempt's terms.
			orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer, Status: store.OrderPending})
			if err != nil || len(orders) != 1 {
				t.Errorf("pending orders at the approval: %d, %v", len(orders), err)
				return nil
			}
			c, err := e.st.CycleOf(ctx, id, 1)
			if err != nil {
				t.Error(err)
				return nil
			}
			if c.Terms == nil || !orders[0].Lines[0].Choices.Equal(c.Terms.Choices) {
				violations.Add(1)
			}
			return nil
		}
		a, b := e.service(), e.otherServer()
		stale := e.subscription(id)
		var (
			wg      sync.WaitGroup
			errs    [2]error
			done    checkout.ChangeChoicesOutcome
			confirm error
		)
		wg.Add(3)
		go func() { defer wg.Done(); _, errs[0] = a.RenewAsRead(ctx, stale) }()
		go func() { defer wg.Done(); _, errs[1] = b.RenewDue(ctx) }()
		go func() { defer wg.Done(); done, confirm = e.confirmChange(e.svc, id, q.QuoteID) }()
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d: renewal: %v", i, err)
			}
		}
		e.renew(a, 3) // an attempt retried at once, if any
		if confirm != nil || done.Status != checkout.StatusCompleted {
			t.Fatalf("round %d: confirm: %+v, %v; want applied at once", i, done, confirm)
		}
		if n := violations.Load(); n != 0 {
			t.Fatalf("round %d: %d renewals approved with other choices than their attempt's terms", i, n)
		}
		if e.succeeded() != 2 || e.completedOrders(p.ID) != 2 {
			t.Fatalf("round %d: %d charges, %d orders; want 2 of each", i, e.succeeded(), e.completedOrders(p.ID))
		}
		o := e.renewedOrder(first.First.Order.ID)
		switch {
		case o.Lines[0].Choices.Equal(size9) && done.Running == nil:
			before++
		case o.Lines[0].Choices.Equal(size7) && done.Running != nil:
			if done.Running.Cycle != 1 || !done.Running.Terms.Choices.Equal(size7) {
				t.Fatalf("round %d: the running renewal said %+v", i, done.Running)
			}
			during++
		case o.Lines[0].Choices.Equal(size7):
			after++ // the cycle ended before the change applied
		default:
			t.Fatalf("round %d: the cycle's choices %+v, the confirmation said a renewal running: %+v", i, o.Lines[0].Choices, done.Running)
		}
		if u := e.subscription(id); !u.Choices.Equal(size9) || u.NextCycle != 2 || u.OpenCycle != -1 {
			t.Fatalf("round %d: subscription %+v", i, u)
		}
		e.cfg.Fault = nil
		e.clock.Advance(month)
		if rep := e.renew(e.service(), 3); rep.Paid != 1 || e.succeeded() != 3 {
			t.Fatalf("round %d: the next cycle %+v, %d charges", i, rep, e.succeeded())
		}
		orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
		if err != nil || !orders[0].Lines[0].Choices.Equal(size9) {
			t.Fatalf("round %d: the next cycle's order %+v, %v", i, orders[0].Lines, err)
		}
	}
	t.Logf("%d rounds: the cycle bought in size 9 %d times (the change applied before it started), in size 7 %d while it ran (the confirmation said so), %d after it ended", rounds, before, during, after)
}

// TestCrashAfterConfirmedChange stops, at each step as a crash would, a renewal that
// read the subscription before a change to size 9 at a new price was confirmed: the
// restarted server's recovery and renewals finish the cycle with one charge, of size 9
// at the confirmed price, and every token ends unusable. A confirmation whose answer
// was lost to a crash is found applied by the restarted server.
func TestCrashAfterConfirmedChange(t *testing.T) {
	ctx := context.Background()
	for _, step := range []string{"approved", "token_issued", "seller_completed", "order_recorded"} {
		t.Run(step, func(t *testing.T) {
			e := newEnv(t, envOpts{})
			p := e.ringPlan()
			first := e.subscribeRing(e.svc, p)
			id := first.Subscription.ID
			e.raisePrice(p)
			e.clock.Advance(month)
			stale := e.subscription(id)
			q := e.quoteRingChange(e.svc, id)
			if _, err := e.confirmChange(e.svc, id, q.QuoteID); err != nil {
				t.Fatal(err)
			}
			e.cfg.Fault = failAt(step)
			if _, err := e.service().RenewAsRead(ctx, stale); err == nil {
				t.Fatal("the injected crash did not stop the renewal")
			}
			e.cfg.Fault = nil
			restarted := e.service()
			if done, err := e.confirmChange(restarted, id, q.QuoteID); err != nil || !done.Subscription.Choices.Equal(size9) {
				t.Fatalf("the confirmation after the restart: %+v, %v", done, err)
			}
			if _, err := restarted.Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			e.renew(restarted, 5)
			if e.succeeded() != 2 || e.completedOrders(p.ID) != 2 {
				t.Fatalf("%d charges, %d orders; want 2 of each", e.succeeded(), e.completedOrders(p.ID))
			}
			e.wantRenewedWith(ptr(e.renewedOrder(first.First.Order.ID)), size9, q.Amount)
			if u := e.subscription(id); u.NextCycle != 2 || u.OpenCycle != -1 {
				t.Fatalf("subscription %+v: want cycle 1 paid", u)
			}
			if !e.allTokensDeactivated() {
				t.Error("a token is still usable")
			}
		})
	}
}

// forgetCycleTerms makes subscription id's cycles as a server before migration 0039
// left them: no terms recorded with their attempts.
func (e *env) forgetCycleTerms(id string) {
	e.t.Helper()
	raw, err := sql.Open("sqlite3", e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE subscription_cycles SET choices = '', amount = NULL, currency = '' WHERE subscription_id = ?`, id); err != nil {
		e.t.Fatal(err)
	}
}
