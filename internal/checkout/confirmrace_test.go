package checkout_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
)

// TestLateConfirmationAnswersThePayment: a confirmation of a checkout's quote that read
// the checkout still quoted, while another confirmation (on another replica, say)
// approved it and pays its seller orders, answers that payment's outcome once it ends:
// completed, waiting for it meanwhile. It answered confirmation_required — the quote it
// had just confirmed — at once, finding no seller order left to approve
// (TestReplicasRaceOneCart under -race, once in 6 runs).
func TestLateConfirmationAnswersThePayment(t *testing.T) {
	ctx := context.Background()
	rules := noLimits
	rules.ConfirmAbove = 100_00
	e := newEnv(t, envOpts{rules: &rules})
	e.fillCart()
	q, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || q.Status != checkout.CheckoutConfirmationRequired {
		t.Fatalf("quote: %+v, %v", q.Status, err)
	}
	b := blockingSellers{Sellers: e.cfg.Sellers, armed: &atomic.Bool{}, entered: make(chan struct{}), release: make(chan struct{}), atComplete: true}
	cfg := e.cfg
	cfg.Sellers = b
	svc := mustService(t, cfg)
	b.armed.Store(true)
	first := make(chan checkout.CheckoutOutcome, 1)
	go func() {
		out, err := svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, QuoteID: q.Checkout.QuoteID})
		if err != nil {
			t.Error(err)
		}
		first <- out
	}()
	<-b.entered // approved: one seller order held at its seller's complete
	// While it is held, a confirmation that read the checkout before the approval
	// (q.Checkout) waits for the payment: it gives up when its caller does, never
	// answering the quote again.
	waiting, stop := context.WithTimeout(ctx, time.Second)
	out, err := e.svc.ConfirmCheckoutAsRead(waiting, q.Checkout)
	stop()
	if err == nil && out.Status != checkout.CheckoutPending {
		t.Errorf("the late confirmation answered %s while the payment ran, want it to wait for its outcome", out.Status)
	}
	close(b.release)
	if out := <-first; out.Status != checkout.CheckoutCompleted {
		t.Fatalf("the first confirmation: %s, want completed", out.Status)
	}
	if out, err := e.svc.ConfirmCheckoutAsRead(ctx, q.Checkout); err != nil || out.Status != checkout.CheckoutCompleted || out.Checkout.ID != q.Checkout.ID {
		t.Errorf("the late confirmation once paid: %s of %s, %v; want completed of %s", out.Status, out.Checkout.ID, err, q.Checkout.ID)
	}
	if got := e.succeeded(); got != 3 {
		t.Errorf("%d charges, want one per seller order (3)", got)
	}
}
