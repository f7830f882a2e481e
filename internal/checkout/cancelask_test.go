package checkout_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// pendingRenewalOrder returns the subscription's renewal order, which must be pending.
func (l *lateEnv) pendingRenewalOrder() store.Order {
	l.t.Helper()
	orders, _, err := l.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: l.customer, Status: store.OrderPending})
	if err != nil || len(orders) != 1 {
		l.t.Fatalf("pending orders %+v, %v; want the renewal's", orders, err)
	}
	return orders[0]
}

// askStands says whether the person's ask to cancel o stands, as the late renewal's
// completion reads it.
func (l *lateEnv) askStands(o store.Order) bool {
	l.t.Helper()
	asked, err := l.st.CancelAsked(context.Background(), o.PurchaseID)
	if err != nil {
		l.t.Fatal(err)
	}
	return asked
}

// sessionAnswer has the seller answer requests about session id: GET with the session
// in status st (its other fields empty), anything else with a 503.
func sessionAnswer(id string, st acp.Status) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, id) {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		if r.Method != http.MethodGet || st == "" {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"type":"service_unavailable","code":"payment_unavailable","message":"busy"}`))
			return true
		}
		json.NewEncoder(w).Encode(acp.CheckoutSession{ID: id, Status: st, Currency: "usd"})
		return true
	}
}

// A cancel_order of a pending renewal order that is refused without canceling
// anything withdraws the ask it recorded: the renewal's seller showing the order late
// (after it ended charged_no_order and paused the subscription) then resumes the
// subscription as if nobody had asked, since the person's cancel never happened.
// Before, the ask stood and kept the subscription paused, saying the person had asked
// to cancel.
func TestRefusedCancelWithdrawsItsAsk(t *testing.T) {
	for _, tc := range []struct {
		name string
		// hold: the sellers authorize only (the renewal is held); else Stripe cannot
		// be read during the renewal, which stays pending.
		hold bool
		// during answers the cancel's seller requests about the session; nil: the
		// seller (still forgetting the session) does.
		during func(sessionID string) func(http.ResponseWriter, *http.Request) bool
		want   checkout.RefusalCode
	}{
		{name: "payment_held", hold: true, want: checkout.RefusalPaymentHeld},
		{name: "payment_unknown", want: checkout.RefusalPaymentUnknown},
		{name: "seller_busy", want: checkout.RefusalSellerBusy, during: func(id string) func(http.ResponseWriter, *http.Request) bool {
			return sessionAnswer(id, acp.StatusCompleteInProgress)
		}},
		{name: "seller_unavailable", want: checkout.RefusalSellerUnavailable, during: func(id string) func(http.ResponseWriter, *http.Request) bool {
			return sessionAnswer(id, "")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &stripeBlind{}
			l := newLateEnv(t, reply404, envOpts{sandbox: sandbox.Options{ManualCapture: tc.hold, StripeMiddleware: b.middleware}})
			ctx := context.Background()
			b.on.Store(!tc.hold)
			if rep := l.renew(l.svc, 1); rep.Pending != 1 {
				t.Fatalf("renewal = %+v; want it pending", rep)
			}
			o := l.pendingRenewalOrder()
			charges := l.succeeded()

			if tc.during != nil {
				h := tc.during(o.SessionID)
				l.hook.Store(&h)
			}
			_, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
			l.hook.Store(nil)
			wantRefusal(t, err, tc.want)
			steps := stepCounts(t, l.env, o.PurchaseID)
			if steps[store.StepCancelAsked] != 1 || steps[store.StepCancelWithdrawn] != 1 || l.askStands(o) {
				t.Fatalf("journal steps %v, ask standing %v; want the refused ask recorded and withdrawn", steps, l.askStands(o))
			}

			// Stripe shows the renewal charged and the seller still has no order: it
			// ends charged_no_order, pausing the subscription.
			b.on.Store(false)
			if tc.hold {
				pis := l.sb.Stripe.PaymentIntents()
				pay, _ := l.sb.SellerPayments(o.SellerID)
				if err := pay.Capture(ctx, pis[len(pis)-1].ID, 0); err != nil {
					t.Fatal(err)
				}
				charges = l.succeeded()
			}
			l.clock.Advance(11 * time.Minute)
			if rep, err := l.service().Recover(ctx, 0); err != nil || rep.ChargedNoOrder != 1 {
				t.Fatalf("recover = %+v, %v; want the renewal charged_no_order", rep, err)
			}
			if rep := l.renew(l.svc, 1); rep.Paused != 1 {
				t.Fatalf("renewal = %+v; want the subscription paused", rep)
			}
			if u := l.subscription(l.subID); u.State != store.SubscriptionPaused || u.PauseCode != string(checkout.RefusalChargedNoOrder) {
				t.Fatalf("subscription %s %q; want paused by the charged_no_order renewal", u.State, u.PauseCode)
			}

			// The seller shows the order late: the cycle is paid with it and the
			// subscription resumes, the refused cancel keeping nothing paused.
			l.heal()
			if err := l.event(l.service(), o); err != nil {
				t.Fatal(err)
			}
			u := l.subscription(l.subID)
			if u.State != store.SubscriptionActive || u.PauseCode != "" {
				t.Errorf("subscription %s %q; want resumed: the person's cancel was refused", u.State, u.PauseCode)
			}
			if now, err := l.st.Order(ctx, l.customer, o.ID); err != nil || now.Status != store.OrderCompleted || l.service().CancelAskedBeforeOrder(ctx, now) {
				t.Errorf("order %+v, %v; want completed, no ask told", now.Status, err)
			}
			if n := l.succeeded(); n != charges {
				t.Errorf("%d charges, want %d: none more", n, charges)
			}
		})
	}
}

// The person declining the refund that a cancel_order of a late renewal's order asked
// them to confirm withdraws that call's ask: get_order no longer says the person asked
// to cancel. The subscription, kept paused when the order turned up (before the
// confirmation was asked), stays paused: a decline does not resume a subscription
// (that would charge its next cycle on a "no").
func TestDeclinedCancelWithdrawsItsAsk(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	ctx := context.Background()
	o := l.pausedRenewal()
	l.confirmAbove(t, 1)
	l.heal()
	out, err := l.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID, ConfirmVia: checkout.ViaElicitation})
	if err != nil || out.Status != checkout.CancelConfirmationRequired {
		t.Fatalf("cancel = %+v, %v; want confirmation_required", out, err)
	}
	now, err := l.st.Order(ctx, l.customer, o.ID)
	if err != nil || now.Status != store.OrderCompleted || !l.service().CancelAskedBeforeOrder(ctx, now) {
		t.Fatalf("order %s, %v; want completed, the ask told while the confirmation waits", now.Status, err)
	}
	_, err = l.service().ConfirmCancelSealed(ctx, l.customer, l.svc.SealCancel(out), checkout.AnswerNo)
	wantRefusal(t, err, checkout.RefusalDeclinedByPerson)
	if l.service().CancelAskedBeforeOrder(ctx, now) || l.askStands(o) {
		t.Errorf("the declined ask still stands: journal %v", stepCounts(t, l.env, o.PurchaseID))
	}
	if u := l.subscription(l.subID); u.State != store.SubscriptionPaused {
		t.Errorf("subscription %s; want it left paused by the decline", u.State)
	}
	if n, _ := l.refunds(); n != 0 {
		t.Errorf("%d refunds after a decline", n)
	}
}

// Two cancel_order calls about a charged_no_order renewal order race: the first one's
// re-ask still finds no order and withdraws its ask, while the second one's re-ask,
// made before that and answered after it, finds the order. The second ask stands, so
// the late order keeps the subscription paused; before, the first call's withdrawal
// (the last of the journal's lines) undid the second's ask too and the subscription
// resumed although the person's cancel went on.
func TestRacingCancelKeepsTheOtherAsk(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	ctx := context.Background()
	o := l.pausedRenewal()
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
	type result struct {
		out checkout.CancelOutcome
		err error
	}
	second := make(chan result, 1)
	go func() {
		out, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
		second <- result{out, err}
	}()
	<-held // the second call asked, and its re-ask waits
	_, err := l.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
	wantRefusal(t, err, checkout.RefusalChargedNoOrder) // the first call's re-ask: still no order
	l.heal()
	close(release)
	got := <-second
	l.hook.Store(nil)
	if got.err != nil || (got.out.Status != checkout.CancelRefunded && got.out.Status != checkout.CancelConfirmationRequired) {
		t.Fatalf("second cancel = %+v, %v; want it to go on with the order", got.out, got.err)
	}
	if steps := stepCounts(t, l.env, o.PurchaseID); steps[store.StepCancelAsked] != 2 || steps[store.StepCancelWithdrawn] != 1 {
		t.Errorf("journal steps %v; want two asks, one withdrawn", steps)
	}
	if u := l.subscription(l.subID); u.State != store.SubscriptionPaused {
		t.Errorf("subscription %s; want it kept paused by the second call's ask", u.State)
	}
	if out := got.out; out.PausedSubscription != l.subID {
		t.Errorf("second cancel names paused subscription %q; want %q", out.PausedSubscription, l.subID)
	}
}

// withFault returns a service like l's whose Config.Fault is fault.
func (l *lateEnv) withFault(fault func(step string) error) *checkout.Service {
	l.t.Helper()
	cfg := l.cfg
	cfg.Fault = fault
	svc, err := checkout.New(cfg)
	if err != nil {
		l.t.Fatal(err)
	}
	return svc
}

// once runs f the first time step is reached, on the step named; the fault never
// fails the step.
func once(step string, f func()) func(string) error {
	var done atomic.Bool
	return func(s string) error {
		if s == step && done.CompareAndSwap(false, true) {
			f()
		}
		return nil
	}
}

// A cancel_order of a charged_no_order renewal order whose re-ask still finds no order
// withdraws its ask; another server completes the late order right after, with no ask
// standing, and so resumes the subscription. The cancel must not then go on and
// refund the order (the person's cancel taking effect while the subscription runs on,
// its next cycle charged, nothing saying so): it is refused, completed_meanwhile, and
// nothing is refunded. Before, it went on: refunded, subscription active.
func TestCancelRefusedWhenTheOrderTurnsUpAfterItsWithdrawal(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	ctx := context.Background()
	o := l.pausedRenewal()
	charges := l.succeeded()
	other := l.service()
	ran := false
	svc := l.withFault(once("cancel_ask_withdrawn", func() {
		ran = true
		l.heal()
		if rep, err := other.Recover(context.Background(), 0); err != nil || rep.Completed != 1 {
			t.Errorf("the other server's recovery = %+v, %v; want the order completed", rep, err)
		}
	}))
	_, err := svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
	if !ran {
		t.Fatal("the other server did not run")
	}
	wantRefusal(t, err, checkout.RefusalCompletedMeanwhile)
	if n, sum := l.refunds(); n != 0 {
		t.Errorf("%d refunds (%d); want none: the cancel did not go on", n, sum)
	}
	if u := l.subscription(l.subID); u.State != store.SubscriptionActive {
		t.Errorf("subscription %s %q; want resumed by the late order (no ask stood)", u.State, u.PauseCode)
	}
	if steps := stepCounts(t, l.env, o.PurchaseID); steps[store.StepCancelAsked] != 1 || steps[store.StepCancelWithdrawn] != 1 {
		t.Errorf("journal steps %v; want the ask recorded and withdrawn", steps)
	}
	now, err := l.st.Order(ctx, l.customer, o.ID)
	if err != nil || now.Status != store.OrderCompleted || l.service().CancelAskedBeforeOrder(ctx, now) {
		t.Errorf("order %s, %v; want completed, no ask told", now.Status, err)
	}
	if n := l.succeeded(); n != charges {
		t.Errorf("%d charges, want %d: none more", n, charges)
	}
	// The person, told the order exists, can cancel it now: refunded.
	if out := l.cancel(l.service(), o); out.Status != checkout.CancelRefunded {
		t.Errorf("the new cancel = %s; want refunded", out.Status)
	}
}

// A cancel_order of a pending renewal that dies (or ends in an error) after recording
// its ask leaves that ask standing; the call that takes the stale cancellation over
// and is refused without canceling withdraws it with its own. The renewal ending
// charged_no_order and its seller showing the order late then resumes the
// subscription: nobody's cancel happened. Before, the orphaned ask kept the
// subscription paused, saying the person had asked to cancel.
func TestRefusedCancelWithdrawsAnEarlierAttemptsAsk(t *testing.T) {
	for _, step := range []string{
		"cancel_read",    // after the ask, before anything is asked outside
		"cancel_refused", // refused (a hold), before its withdrawal
	} {
		t.Run(step, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{sandbox: sandbox.Options{ManualCapture: true}})
			ctx := context.Background()
			if rep := l.renew(l.svc, 1); rep.Pending != 1 {
				t.Fatalf("renewal = %+v; want it pending", rep)
			}
			o := l.pendingRenewalOrder()
			cfg := l.cfg
			crashAt(step)(&cfg)
			crashed, err := checkout.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := crashed.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID}); err == nil || !strings.Contains(err.Error(), "killed") {
				t.Fatalf("cancel = %v; want it killed at %s", err, step)
			}
			if !l.askStands(o) {
				t.Fatalf("journal %v; want the killed call's ask standing", stepCounts(t, l.env, o.PurchaseID))
			}
			l.clock.Advance(3 * time.Minute) // the claimed cancellation is stale
			_, err = l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
			wantRefusal(t, err, checkout.RefusalPaymentHeld)
			if steps := stepCounts(t, l.env, o.PurchaseID); steps[store.StepCancelAsked] != 2 || steps[store.StepCancelWithdrawn] != 2 || l.askStands(o) {
				t.Fatalf("journal steps %v, ask standing %v; want both asks withdrawn", steps, l.askStands(o))
			}

			pis := l.sb.Stripe.PaymentIntents()
			pay, _ := l.sb.SellerPayments(o.SellerID)
			if err := pay.Capture(ctx, pis[len(pis)-1].ID, 0); err != nil {
				t.Fatal(err)
			}
			charges := l.succeeded()
			l.clock.Advance(11 * time.Minute)
			if rep, err := l.service().Recover(ctx, 0); err != nil || rep.ChargedNoOrder != 1 {
				t.Fatalf("recover = %+v, %v; want the renewal charged_no_order", rep, err)
			}
			if rep := l.renew(l.svc, 1); rep.Paused != 1 {
				t.Fatalf("renewal = %+v; want the subscription paused", rep)
			}
			l.heal()
			if err := l.event(l.service(), o); err != nil {
				t.Fatal(err)
			}
			if u := l.subscription(l.subID); u.State != store.SubscriptionActive || u.PauseCode != "" {
				t.Errorf("subscription %s %q; want resumed: no cancel happened", u.State, u.PauseCode)
			}
			if n := l.succeeded(); n != charges {
				t.Errorf("%d charges, want %d: none more", n, charges)
			}
		})
	}
}

// The renewal's purchase completes after a cancel_order's refusal was decided and
// before its ask is withdrawn: the seller showed the order late while the ask stood,
// so the subscription was kept paused for it. The ask is kept (it tells truly that
// the person asked before the order; get_order says so, and that cancel_order can now
// refund it) and the refusal says the order was completed meanwhile, not the stale
// reason. Before, the refusal gave the stale reason.
func TestRefusedCancelKeepsItsAskOnceTheOrderTurnsUp(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{sandbox: sandbox.Options{ManualCapture: true}})
	ctx := context.Background()
	if rep := l.renew(l.svc, 1); rep.Pending != 1 {
		t.Fatalf("renewal = %+v; want it pending", rep)
	}
	o := l.pendingRenewalOrder()
	other := l.service()
	var ranRead, ranRefused bool
	charges := 0
	svc := l.withFault(func(step string) error {
		switch {
		case step == "cancel_order_read" && !ranRead:
			// After the cancel read the order pending: the renewal is captured, ends
			// charged_no_order and pauses the subscription.
			ranRead = true
			pis := l.sb.Stripe.PaymentIntents()
			pay, _ := l.sb.SellerPayments(o.SellerID)
			if err := pay.Capture(ctx, pis[len(pis)-1].ID, 0); err != nil {
				t.Error(err)
			}
			charges = l.succeeded()
			l.clock.Advance(11 * time.Minute)
			if rep, err := other.Recover(ctx, 0); err != nil || rep.ChargedNoOrder != 1 {
				t.Errorf("recover = %+v, %v; want the renewal charged_no_order", rep, err)
			}
			if rep := l.renew(other, 1); rep.Paused != 1 {
				t.Errorf("renewal = %+v; want the subscription paused", rep)
			}
		case step == "cancel_refused" && !ranRefused:
			// Refused (charged_no_order), not withdrawn yet: the seller shows the
			// order to another server, the ask standing.
			ranRefused = true
			l.heal()
			if err := l.event(other, o); err != nil {
				t.Error(err)
			}
		}
		return nil
	})
	_, err := svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
	if !ranRead || !ranRefused {
		t.Fatalf("the other server ran at the read %v, at the refusal %v; want both", ranRead, ranRefused)
	}
	wantRefusal(t, err, checkout.RefusalCompletedMeanwhile)
	if steps := stepCounts(t, l.env, o.PurchaseID); steps[store.StepCancelAsked] != 1 || steps[store.StepCancelWithdrawn] != 0 {
		t.Errorf("journal steps %v; want the ask recorded, not withdrawn", steps)
	}
	now, err := l.st.Order(ctx, l.customer, o.ID)
	if err != nil || now.Status != store.OrderCompleted || !l.service().CancelAskedBeforeOrder(ctx, now) {
		t.Errorf("order %s, %v; want completed, the ask told", now.Status, err)
	}
	if u := l.subscription(l.subID); u.State != store.SubscriptionPaused || u.PauseCode != string(checkout.RefusalRenewalPaidLate) {
		t.Errorf("subscription %s %q; want kept paused, renewal_paid_late", u.State, u.PauseCode)
	}
	if n := l.succeeded(); n != charges {
		t.Errorf("%d charges, want %d: none more", n, charges)
	}
}
