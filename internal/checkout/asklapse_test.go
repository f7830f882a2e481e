package checkout_test

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// recoverOnServers runs Recover on n servers at once (each its own Service over the
// same store), with olderThan, and returns the asks they withdrew in all.
func (l *lateEnv) recoverOnServers(n int, olderThan time.Duration) int {
	l.t.Helper()
	var (
		wg    sync.WaitGroup
		total atomic.Int64
	)
	for range n {
		svc := l.service()
		wg.Add(1)
		go func() {
			defer wg.Done()
			rep, err := svc.Recover(context.Background(), olderThan)
			if err != nil {
				l.t.Errorf("recover: %v", err)
			}
			total.Add(int64(rep.AsksWithdrawn))
		}()
	}
	wg.Wait()
	return int(total.Load())
}

// askEnding is what a cancel_order asking to confirm a refund left behind once the
// confirmation was answered or lapsed: the order's journal steps, whether get_order
// says the person asked before the order, the subscription and the refunds.
type askEnding struct {
	steps                  map[string]int
	askedBefore            bool
	state                  store.SubscriptionState
	pauseCode, pauseParams string
	refunds                int
}

// A refund confirmation that cancel_order asked for after a charged_no_order renewal's
// order turned up, and that the person never gives, ends exactly as a declined one:
// the ask it carries is withdrawn (the same journal lines), the subscription stays
// paused as it was, get_order no longer says the person asked, nothing is refunded —
// once recovery runs after its expiry (one withdrawal however many servers recover),
// or at once when a call meets it expired. Before, the ask stood for ever.
func TestLapsedCancelConfirmationEndsAsDeclined(t *testing.T) {
	run := func(t *testing.T, via string, end func(l *lateEnv, out checkout.CancelOutcome)) askEnding {
		t.Helper()
		l := newLateEnv(t, reply404, envOpts{})
		ctx := context.Background()
		o := l.pausedRenewal()
		l.confirmAbove(t, 1)
		l.heal()
		out, err := l.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID, ConfirmVia: via})
		if err != nil || out.Status != checkout.CancelConfirmationRequired {
			t.Fatalf("cancel = %+v, %v; want confirmation_required", out, err)
		}
		now, err := l.st.Order(ctx, l.customer, o.ID)
		if err != nil || now.Status != store.OrderCompleted || !l.service().CancelAskedBeforeOrder(ctx, now) {
			t.Fatalf("order %s, %v; want completed, the ask told while the confirmation waits", now.Status, err)
		}
		end(l, out)
		u := l.subscription(l.subID)
		n, _ := l.refunds()
		return askEnding{steps: stepCounts(t, l.env, o.PurchaseID), askedBefore: l.service().CancelAskedBeforeOrder(ctx, now),
			state: u.State, pauseCode: u.PauseCode, pauseParams: strings.ReplaceAll(u.PauseParams, o.ID, "<order>"), refunds: n}
	}
	ctx := context.Background()
	lapse := func(l *lateEnv, out checkout.CancelOutcome) {
		l.clock.Advance(out.Cancellation.ExpiresAt.Sub(l.clock.Now()) + time.Second)
	}
	declined := run(t, checkout.ViaElicitation, func(l *lateEnv, out checkout.CancelOutcome) {
		_, err := l.service().ConfirmCancelSealed(ctx, l.customer, l.svc.SealCancel(out), checkout.AnswerNo)
		wantRefusal(t, err, checkout.RefusalDeclinedByPerson)
	})
	if declined.askedBefore || declined.state != store.SubscriptionPaused || declined.refunds != 0 {
		t.Fatalf("declined: %+v; want no ask told, the subscription paused, nothing refunded", declined)
	}
	for _, tc := range []struct {
		name string
		via  string
		end  func(l *lateEnv, out checkout.CancelOutcome)
	}{
		{name: "quote_id left to lapse, recovery", via: checkout.ViaQuoteID, end: func(l *lateEnv, out checkout.CancelOutcome) {
			lapse(l, out)
			if n := l.recoverOnServers(1, time.Hour); n != 1 {
				t.Errorf("recovery withdrew %d asks; want 1", n)
			}
		}},
		{name: "quote_id left to lapse, two servers' recoveries", via: checkout.ViaQuoteID, end: func(l *lateEnv, out checkout.CancelOutcome) {
			lapse(l, out)
			if n := l.recoverOnServers(2, time.Hour); n != 1 {
				t.Errorf("two recoveries withdrew %d asks; want 1", n)
			}
		}},
		{name: "quote_id confirmed after it lapsed", via: checkout.ViaQuoteID, end: func(l *lateEnv, out checkout.CancelOutcome) {
			lapse(l, out)
			_, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: out.Order.ID,
				ConfirmationID: out.Cancellation.ID, ConfirmVia: checkout.ViaQuoteID})
			wantRefusal(t, err, checkout.RefusalCancelConfirmExpired)
		}},
		{name: "cancel asked again after it lapsed", via: checkout.ViaQuoteID, end: func(l *lateEnv, out checkout.CancelOutcome) {
			lapse(l, out)
			again, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: out.Order.ID})
			if err != nil || again.Status != checkout.CancelConfirmationRequired || again.Cancellation.ID == out.Cancellation.ID {
				t.Errorf("cancel again = %+v, %v; want a new confirmation", again, err)
			}
		}},
		{name: "dialog answered after it lapsed", via: checkout.ViaElicitation, end: func(l *lateEnv, out checkout.CancelOutcome) {
			state := l.svc.SealCancel(out)
			lapse(l, out)
			_, err := l.service().ConfirmCancelSealed(ctx, l.customer, state, checkout.AnswerYes)
			wantRefusal(t, err, checkout.RefusalCancelConfirmExpired) // confirmation_invalid before askfix
		}},
		{name: "dialog never answered, recovery", via: checkout.ViaElicitation, end: func(l *lateEnv, out checkout.CancelOutcome) {
			lapse(l, out)
			if n := l.recoverOnServers(1, time.Hour); n != 1 {
				t.Errorf("recovery withdrew %d asks; want 1", n)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, tc.via, tc.end)
			if !maps.Equal(got.steps, declined.steps) {
				t.Errorf("journal steps %v; want a decline's %v", got.steps, declined.steps)
			}
			if got.askedBefore || got.state != declined.state || got.pauseCode != declined.pauseCode ||
				got.pauseParams != declined.pauseParams || got.refunds != declined.refunds {
				t.Errorf("ended %+v; want as declined %+v", got, declined)
			}
		})
	}
}

// A confirmation not yet lapsed keeps its ask through recovery: the person may still
// confirm it.
func TestWaitingCancelConfirmationKeepsItsAsk(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	ctx := context.Background()
	o := l.pausedRenewal()
	l.confirmAbove(t, 1)
	l.heal()
	out, err := l.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
	if err != nil || out.Status != checkout.CancelConfirmationRequired {
		t.Fatalf("cancel = %+v, %v; want confirmation_required", out, err)
	}
	l.clock.Advance(out.Cancellation.ExpiresAt.Sub(l.clock.Now()) - time.Second)
	if n := l.recoverOnServers(2, time.Hour); n != 0 || !l.askStands(o) {
		t.Fatalf("recovery withdrew %d asks, ask standing %v; want it kept while the confirmation waits", n, l.askStands(o))
	}
	done, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID,
		ConfirmationID: out.Cancellation.ID, ConfirmVia: checkout.ViaQuoteID})
	if err != nil || done.Status != checkout.CancelRefunded {
		t.Fatalf("confirmed = %+v, %v; want refunded", done, err)
	}
	if !l.askStands(o) {
		t.Errorf("journal %v; want the ask kept: the person's cancel happened", stepCounts(t, l.env, o.PurchaseID))
	}
}

// A cancel_order that dies between recording its ask and withdrawing it leaves the
// ask to recovery: once its claim is stale (the rule by which a new call takes it
// over) and the purchase ended charged_no_order (a pending one is waited for: since
// askfix, its seller is asked first), recovery decides as the refused call would
// have — withdrawn, once however many servers recover, so the renewal's order its
// seller shows late resumes the subscription as if nobody had asked; kept when the
// purchase completed meanwhile (the person did ask before the order). Before, the
// dead call's ask stood until the order's cancellation was refused again, keeping the
// subscription paused.
func TestRecoverySettlesADeadCancelsAsk(t *testing.T) {
	ctx := context.Background()
	// capture has the seller capture the held renewal, and another server's recovery
	// end it charged_no_order and the renewal pause the subscription.
	capture := func(l *lateEnv, o store.Order) (withdrawn int) {
		t.Helper()
		pis := l.sb.Stripe.PaymentIntents()
		pay, _ := l.sb.SellerPayments(o.SellerID)
		if err := pay.Capture(ctx, pis[len(pis)-1].ID, 0); err != nil {
			t.Fatal(err)
		}
		rep, err := l.service().Recover(ctx, 0)
		if err != nil || rep.ChargedNoOrder != 1 {
			t.Fatalf("recover = %+v, %v; want the renewal charged_no_order", rep, err)
		}
		if rep := l.renew(l.service(), 1); rep.Paused != 1 {
			t.Fatalf("renewal = %+v; want the subscription paused", rep)
		}
		return rep.AsksWithdrawn
	}
	for _, tc := range []struct {
		name string
		// pending: the cancel is of a pending (held) renewal order; else of a
		// charged_no_order one.
		pending bool
		crashAt string
		// meanwhile runs after the crash, before the claim is stale.
		meanwhile func(l *lateEnv, o store.Order)
		// kept: the ask is true and stays; else recovery withdraws it.
		kept bool
	}{
		{name: "pending order, killed after its ask", pending: true, crashAt: "cancel_read"},
		{name: "pending order, killed refused before its withdrawal", pending: true, crashAt: "cancel_refused"},
		{name: "pending order, killed, completed meanwhile", pending: true, crashAt: "cancel_read", kept: true,
			meanwhile: func(l *lateEnv, o store.Order) {
				capture(l, o)
				l.heal()
				if err := l.event(l.service(), o); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "charged_no_order order, killed between its ask and its withdrawal", crashAt: "cancel_asked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{sandbox: sandbox.Options{ManualCapture: tc.pending}})
			o := l.killedCancel(t, tc.pending, tc.crashAt)
			if tc.meanwhile != nil {
				tc.meanwhile(l, o)
			}
			// Not stale yet: the call may be alive.
			l.clock.Advance(time.Minute)
			if n := l.recoverOnServers(1, time.Hour); n != 0 || !l.askStands(o) {
				t.Fatalf("recovery withdrew %d asks a minute on; want none yet", n)
			}
			l.clock.Advance(2 * time.Minute)
			n := l.recoverOnServers(2, time.Hour)
			if tc.pending && !tc.kept {
				// Still pending: its seller may complete it yet, so the ask waits
				// (before askfix it was withdrawn here). Recovery then ends it
				// charged_no_order, and withdraws the ask in the same pass.
				if n != 0 || !l.askStands(o) {
					t.Fatalf("recoveries withdrew %d asks of a pending purchase; want them waiting", n)
				}
				n = capture(l, o)
				n += l.recoverOnServers(2, time.Hour)
			}
			steps := stepCounts(t, l.env, o.PurchaseID)
			if tc.kept {
				if n != 0 || steps[store.StepCancelWithdrawn] != 0 || !l.askStands(o) {
					t.Fatalf("recoveries withdrew %d, journal %v; want the ask kept", n, steps)
				}
				now, err := l.st.Order(ctx, l.customer, o.ID)
				if err != nil || !l.service().CancelAskedBeforeOrder(ctx, now) {
					t.Errorf("order %s, %v; want the ask told", now.Status, err)
				}
				if u := l.subscription(l.subID); u.State != store.SubscriptionPaused || u.PauseCode != string(checkout.RefusalRenewalPaidLate) {
					t.Errorf("subscription %s %q; want kept paused, renewal_paid_late", u.State, u.PauseCode)
				}
				return
			}
			if n != 1 || steps[store.StepCancelAsked] != 1 || steps[store.StepCancelWithdrawn] != 1 || l.askStands(o) {
				t.Fatalf("recoveries withdrew %d, journal %v; want the ask withdrawn once", n, steps)
			}
			charges := l.succeeded()
			l.heal()
			if err := l.event(l.service(), o); err != nil {
				t.Fatal(err)
			}
			if u := l.subscription(l.subID); u.State != store.SubscriptionActive || u.PauseCode != "" {
				t.Errorf("subscription %s %q; want resumed: no cancel happened", u.State, u.PauseCode)
			}
			now, err := l.st.Order(ctx, l.customer, o.ID)
			if err != nil || now.Status != store.OrderCompleted || l.service().CancelAskedBeforeOrder(ctx, now) {
				t.Errorf("order %s, %v; want completed, no ask told", now.Status, err)
			}
			if n := l.succeeded(); n != charges {
				t.Errorf("%d charges, want %d: none more", n, charges)
			}
		})
	}
}

// A cancel_order still running past the time after which a claim is taken for dead
// (a seller slow to answer) keeps its claim fresh, so recovery does not withdraw its
// ask under it; the call's own refusal withdraws it. Before, claims were never kept
// fresh.
func TestLiveCancelKeepsItsAskFromRecovery(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{sandbox: sandbox.Options{ManualCapture: true}})
	ctx := context.Background()
	if rep := l.renew(l.svc, 1); rep.Pending != 1 {
		t.Fatalf("renewal = %+v; want it pending", rep)
	}
	o := l.pendingRenewalOrder()
	held, release := make(chan struct{}), make(chan struct{})
	var asked atomic.Bool
	hook := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, o.SessionID) && asked.CompareAndSwap(false, true) {
			close(held)
			<-release
		}
		return false
	}
	l.hook.Store(&hook)
	defer l.hook.Store(nil)
	cfg := l.cfg
	cfg.ClaimBeat = time.Millisecond
	live, err := checkout.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := live.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
		done <- err
	}()
	<-held // the call claimed, asked, and waits for the seller
	l.clock.Advance(3 * time.Minute)
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := l.st.Cancellation(ctx, l.customer, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.UpdatedAt.Equal(l.clock.Now()) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("claim last kept fresh at %v; want at %v", c.UpdatedAt, l.clock.Now())
		}
		time.Sleep(time.Millisecond)
	}
	n := l.recoverOnServers(2, time.Hour)
	stands := l.askStands(o)
	close(release)
	wantRefusal(t, <-done, checkout.RefusalPaymentHeld)
	if n != 0 || !stands {
		t.Errorf("recoveries withdrew %d asks, ask standing %v; want the live call's kept", n, stands)
	}
	if steps := stepCounts(t, l.env, o.PurchaseID); steps[store.StepCancelAsked] != 1 || steps[store.StepCancelWithdrawn] != 1 {
		t.Errorf("journal steps %v; want the ask withdrawn once, by the call's refusal", steps)
	}
}

// A server that journals a hold (token_held) and dies before its WARN line leaves the
// operator unwarned: the next look after heldWarnLate — any server's — warns, once,
// and marks the line warned. A line just written is left to its server (it is
// warning). Before, the journaled line silenced every later look: no warning ever.
func TestHoldWarnedAfterACrashLostItsWarning(t *testing.T) {
	f := &forgetful{reply: reply404}
	b := &stripeBlind{}
	b.on.Store(true) // the purchase cannot read Stripe: it stays pending, nothing found
	e := newEnv(t, envOpts{sandbox: sandbox.Options{ManualCapture: true, SellerMiddleware: f.middleware, StripeMiddleware: b.middleware}})
	ctx := context.Background()
	out, err := e.buy(e.product(1000, 4000).ID, 1)
	if err != nil || out.Status != checkout.StatusPending || out.Hold != nil {
		t.Fatalf("purchase = %+v, %v; want pending, nothing found", out, err)
	}
	b.on.Store(false)
	// The line a server wrote before it died, its warning not logged.
	if first, err := e.st.JournalOnce(ctx, out.Purchase.ID, "token_held", "1000 USD until unknown"); err != nil || !first {
		t.Fatalf("journal token_held = %v, %v", first, err)
	}
	warnings := func() int {
		return strings.Count(e.logs.String(), "level=WARN msg=\"purchase left pending: Stripe shows its token used")
	}
	if rep, err := e.service().Recover(ctx, 0); err != nil || rep.Held != 1 || warnings() != 0 {
		t.Fatalf("recover at once = %+v, %v, %d warnings; want held, none: the line's server may be warning", rep, err, warnings())
	}
	e.clock.Advance(2 * time.Minute)
	for i := range 3 { // three servers, one after the other
		if rep, err := e.service().Recover(ctx, 0); err != nil || rep.Held != 1 {
			t.Fatalf("recover %d = %+v, %v; want held", i, rep, err)
		}
	}
	if n := warnings(); n != 1 {
		t.Errorf("%d warnings of the hold; want 1", n)
	}
	if steps := stepCounts(t, e, out.Purchase.ID); steps["token_held"] != 1 || steps["token_held_warned"] != 1 {
		t.Errorf("journal steps %v; want token_held and token_held_warned once each", steps)
	}
}

// killedCancel makes a renewal order, pending (the seller still completing it) or paused
// charged_no_order, and a cancel_order of it killed at step crashAt, and checks that
// the killed call's ask stands; it returns the order.
func (l *lateEnv) killedCancel(t *testing.T, pending bool, at string) store.Order {
	t.Helper()
	var o store.Order
	if pending {
		if rep := l.renew(l.svc, 1); rep.Pending != 1 {
			t.Fatalf("renewal = %+v; want it pending", rep)
		}
		o = l.pendingRenewalOrder()
	} else {
		o = l.pausedRenewal()
	}
	cfg := l.cfg
	crashAt(at)(&cfg)
	crashed, err := checkout.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := crashed.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID}); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("cancel = %v; want it killed at %s", err, at)
	}
	if !l.askStands(o) {
		t.Fatalf("journal %v; want the killed call's ask standing", stepCounts(t, l.env, o.PurchaseID))
	}
	return o
}
