package checkout_test

import (
	"context"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Recovery settles the ask of a cancel that died only once the seller was asked
// about its purchase, as the refused call does: when the seller shows the order (to
// this very pass, or after a claim went stale but before recovery asked it), the ask
// is kept — the person asked before the order — so the late renewal keeps the
// subscription paused saying so, and get_order tells it. Before, recovery withdrew
// the ask first (and withdrew a stale claim's ask on a pending purchase whose seller
// was never asked), then found the order and resumed the subscription the person had
// asked to cancel.
func TestRecoveryAsksTheSellerBeforeSettlingADeadAsk(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		pending bool // a held (pending) renewal order; else a charged_no_order one
		crashAt string
		// staleFor is how long after the crash the seller shows the order; recovery
		// then runs with olderThan, and again a minute later.
		staleFor  time.Duration
		olderThan time.Duration
	}{
		{name: "charged_no_order order, the seller shows it to recovery", crashAt: "cancel_asked",
			staleFor: 3 * time.Minute},
		{name: "pending order, the seller completed it, recovery asks at once", pending: true, crashAt: "cancel_read",
			staleFor: 3 * time.Minute},
		{name: "pending order, claim stale before recovery asks its seller", pending: true, crashAt: "cancel_read",
			staleFor: 150 * time.Second, olderThan: checkout.DefaultRecoverAfter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{sandbox: sandbox.Options{ManualCapture: tc.pending}})
			o := l.killedCancel(t, tc.pending, tc.crashAt)
			l.clock.Advance(tc.staleFor)
			if tc.pending {
				pis := l.sb.Stripe.PaymentIntents()
				pay, _ := l.sb.SellerPayments(o.SellerID)
				if err := pay.Capture(ctx, pis[len(pis)-1].ID, 0); err != nil {
					t.Fatal(err)
				}
			}
			l.heal() // the seller has the order, and shows it from now on
			n := l.recoverOnServers(2, tc.olderThan)
			l.clock.Advance(time.Minute)
			n += l.recoverOnServers(2, tc.olderThan)
			now, err := l.st.Order(ctx, l.customer, o.ID)
			if err != nil || now.Status != store.OrderCompleted {
				t.Fatalf("order %s, %v; want completed by recovery", now.Status, err)
			}
			steps := stepCounts(t, l.env, o.PurchaseID)
			if n != 0 || steps[store.StepCancelWithdrawn] != 0 || !l.askStands(o) {
				t.Fatalf("recoveries withdrew %d, journal %v; want the ask kept: the person asked before the order", n, steps)
			}
			if !l.service().CancelAskedBeforeOrder(ctx, now) {
				t.Errorf("get_order does not tell the person's ask")
			}
			if u := l.subscription(l.subID); !tc.pending && (u.State != store.SubscriptionPaused || u.PauseCode != string(checkout.RefusalRenewalPaidLate)) {
				t.Errorf("subscription %s %q; want kept paused, renewal_paid_late (not resumed: the person asked to cancel)", u.State, u.PauseCode)
			}
		})
	}
}

// A lapsed cancel confirmation met by a call is never offered again: its asks end as
// a declined one's, and the call asks anew. Before, a cancel_order that no longer
// needed confirmation (the threshold raised since the quote) got the lapsed quote
// back, every time, and the person could never cancel; a dialog whose confirmation
// lapsed before it was offered by id offered the lapsed quote.
func TestLapsedCancelConfirmationIsNotOfferedAgain(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		via  string
		// meet meets the lapsed quote out; it checks the call's answer.
		meet func(t *testing.T, l *lateEnv, out checkout.CancelOutcome)
		// refunds is how many refunds the order has in the end.
		refunds int
	}{
		{name: "cancel_order with no confirmation needed any more", via: checkout.ViaQuoteID, refunds: 1,
			meet: func(t *testing.T, l *lateEnv, out checkout.CancelOutcome) {
				l.confirmAbove(t, 1<<40)
				again, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: out.Order.ID})
				if err != nil || again.Status != checkout.CancelRefunded || again.Cancellation.ID == out.Cancellation.ID {
					t.Fatalf("cancel again = %s (request %s), %v; want refunded under a new request", again.Status, again.Cancellation.ID, err)
				}
				// The lapsed quote's id, given now, tells the cancellation done and
				// refunds nothing twice (counted below).
				if late, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: out.Order.ID,
					ConfirmationID: out.Cancellation.ID, ConfirmVia: checkout.ViaQuoteID}); err != nil || late.Status != checkout.CancelRefunded {
					t.Errorf("the lapsed quote confirmed afterwards = %s, %v; want refunded (the cancellation done)", late.Status, err)
				}
			}},
		{name: "dialog answered after another request refunded the order", via: checkout.ViaElicitation, refunds: 1,
			meet: func(t *testing.T, l *lateEnv, out checkout.CancelOutcome) {
				state := l.svc.SealCancel(out)
				l.confirmAbove(t, 1<<40)
				if again, err := l.service().CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: out.Order.ID}); err != nil || again.Status != checkout.CancelRefunded {
					t.Fatalf("cancel again = %s, %v; want refunded", again.Status, err)
				}
				// Not "nothing was canceled or refunded": the order was.
				if late, err := l.service().ConfirmCancelSealed(ctx, l.customer, state, checkout.AnswerYes); err != nil || late.Status != checkout.CancelRefunded {
					t.Errorf("the lapsed dialog answered = %s, %v; want the refund told", late.Status, err)
				}
			}},
		{name: "dialog offered by id after it lapsed", via: checkout.ViaElicitation,
			meet: func(t *testing.T, l *lateEnv, out checkout.CancelOutcome) {
				_, err := l.service().OfferCancelByID(ctx, l.customer, out.Order.ID)
				wantRefusal(t, err, checkout.RefusalCancelConfirmExpired)
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{})
			o := l.pausedRenewal()
			l.confirmAbove(t, 1)
			l.heal()
			out, err := l.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID, ConfirmVia: tc.via})
			if err != nil || out.Status != checkout.CancelConfirmationRequired || !l.askStands(o) {
				t.Fatalf("cancel = %+v, %v; want confirmation_required carrying the ask", out, err)
			}
			l.clock.Advance(out.Cancellation.ExpiresAt.Sub(l.clock.Now()) + time.Second)
			tc.meet(t, l, out)
			if l.askStands(o) {
				t.Errorf("journal %v; want the lapsed quote's ask withdrawn", stepCounts(t, l.env, o.PurchaseID))
			}
			if n := l.recoverOnServers(1, time.Hour); n != 0 {
				t.Errorf("recovery withdrew %d asks; want none left to withdraw", n)
			}
			if n, _ := l.refunds(); n != tc.refunds {
				t.Errorf("%d refunds; want %d", n, tc.refunds)
			}
		})
	}
}
