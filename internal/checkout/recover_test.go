package checkout_test

import (
	"context"
	"errors"
	"io"
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

// TestCrashRecovery stops the saga right after each step, as a crash would (no
// compensation runs), then starts a new Service on the same database and sandbox and
// recovers: every purchase ends completed exactly once, or failed with its token
// revoked and nothing charged.
func TestCrashRecovery(t *testing.T) {
	tests := []struct {
		step      string
		completed bool
	}{
		{"approved", false},
		{"token_issued", false},
		{"seller_completed", true},
		{"order_recorded", true},
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			crashAt := tt.step
			e := newEnv(t, envOpts{config: func(c *checkout.Config) {
				c.Fault = func(step string) error {
					if step == crashAt {
						return errors.New("killed")
					}
					return nil
				}
			}})
			ctx := context.Background()
			p := e.product(1000, 4000)
			req := checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: "crash-1"}
			if _, err := e.svc.Purchase(ctx, req); err == nil {
				t.Fatal("the injected crash did not stop the purchase")
			}

			e.cfg.Fault = nil
			restarted := e.service()
			rep, err := restarted.Recover(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Unsettled != 0 {
				t.Fatalf("recover left %d unsettled", rep.Unsettled)
			}
			orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
			if err != nil || len(orders) != 1 {
				t.Fatalf("orders = %+v (%v), want exactly 1", orders, err)
			}
			wantCharges, wantStatus := 0, store.OrderFailed
			if tt.completed {
				wantCharges, wantStatus = 1, store.OrderCompleted
			}
			if orders[0].Status != wantStatus {
				t.Errorf("order status %s, want %s", orders[0].Status, wantStatus)
			}
			if got := e.succeeded(); got != wantCharges {
				t.Errorf("%d succeeded PaymentIntents, want %d", got, wantCharges)
			}
			if !e.allTokensDeactivated() {
				t.Errorf("a token is still usable: %+v", e.sb.Stripe.Tokens())
			}
			// The caller's retry sees the settled outcome and charges nothing more.
			out, err := restarted.Purchase(ctx, req)
			if tt.completed {
				if err != nil || out.Order == nil || out.Order.ID != orders[0].ID {
					t.Errorf("retry = %+v, %v; want order %s", out, err, orders[0].ID)
				}
			} else {
				wantRefusal(t, err, "interrupted")
			}
			if got := e.succeeded(); got != wantCharges {
				t.Errorf("after retry: %d succeeded PaymentIntents, want %d", got, wantCharges)
			}
			again, err := restarted.Recover(ctx, 0)
			if err != nil || again != (checkout.RecoverReport{}) {
				t.Errorf("second recover = %+v, %v; want nothing to do", again, err)
			}
		})
	}
}

// TestRecoverAfterSandboxRestart: a sandbox process killed after its payment token
// reached the seller restarts with a new Stripe emulator and sellers that know nothing
// of it (the token Retrieve answers 404). Recovery ends the purchase failed with
// sandbox_forgot only for a purchase made in sandbox mode, once the token has expired
// plus the hour's grace (by a server of any mode: no money moves in the sandbox): before that another sandbox process on the same
// database may still hold it (its seller charged it, its own recovery completes it); a
// purchase whose token was issued in another mode is not this server's to settle
// (other mode, either way round), and a test-mode server's 404 leaves it pending. A
// purchase killed at approval is failed by a server of any mode (its token never
// reached the seller), without asking another mode's Stripe for a token.
func TestRecoverAfterSandboxRestart(t *testing.T) {
	const (
		pastExpiry = checkout.DefaultTokenTTL + time.Minute
		pastGrace  = pastExpiry + time.Hour // the hour's grace every token expiry check allows
	)
	for _, tc := range []struct {
		name      string
		killAt    string        // the step after which the first process dies
		buyMode   checkout.Mode // the mode the purchase is made in ("": sandbox)
		serveMode checkout.Mode // the mode of the server that recovers ("": sandbox)
		advance   time.Duration // how long after the crash recovery runs
		oldAlive  bool          // the first process (its sandbox) still runs and recovers after
		want      checkout.RecoverReport
		status    store.OrderStatus
		failure   checkout.RefusalCode // of the order, when failed
	}{
		{name: "token issued, expired", killAt: "token_issued", advance: pastGrace,
			want: checkout.RecoverReport{Failed: 1}, status: store.OrderFailed, failure: checkout.RefusalSandboxForgot},
		{name: "token issued, expired within the grace", killAt: "token_issued", advance: pastExpiry,
			want: checkout.RecoverReport{Unsettled: 1}, status: store.OrderPending},
		{name: "seller charged, expired", killAt: "seller_completed", advance: pastGrace,
			want: checkout.RecoverReport{Failed: 1}, status: store.OrderFailed, failure: checkout.RefusalSandboxForgot},
		{name: "seller charged, not expired yet", killAt: "seller_completed",
			want: checkout.RecoverReport{Unsettled: 1}, status: store.OrderPending},
		{name: "two sandbox processes", killAt: "seller_completed", oldAlive: true,
			want: checkout.RecoverReport{Unsettled: 1}, status: store.OrderCompleted},
		{name: "test purchase, sandbox server", killAt: "seller_completed", buyMode: checkout.ModeTest, advance: pastGrace,
			want: checkout.RecoverReport{OtherMode: 1}, status: store.OrderPending},
		{name: "token issued, sandbox purchase, test server", killAt: "token_issued", serveMode: checkout.ModeTest, advance: pastExpiry,
			want: checkout.RecoverReport{OtherMode: 1}, status: store.OrderPending},
		{name: "seller charged, sandbox purchase, test server, expired", killAt: "seller_completed", serveMode: checkout.ModeTest, advance: pastGrace,
			want: checkout.RecoverReport{Failed: 1}, status: store.OrderFailed, failure: checkout.RefusalSandboxForgot},
		{name: "approved, sandbox purchase, test server", killAt: "approved", serveMode: checkout.ModeTest,
			want: checkout.RecoverReport{Failed: 1}, status: store.OrderFailed, failure: checkout.RefusalInterrupted},
		{name: "approved, test purchase, sandbox server", killAt: "approved", buyMode: checkout.ModeTest,
			want: checkout.RecoverReport{Failed: 1}, status: store.OrderFailed, failure: checkout.RefusalInterrupted},
		{name: "test purchase, test server, 404", killAt: "seller_completed", buyMode: checkout.ModeTest, serveMode: checkout.ModeTest, advance: pastGrace,
			want: checkout.RecoverReport{Unsettled: 1}, status: store.OrderPending},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{config: func(c *checkout.Config) {
				if tc.buyMode != "" {
					c.Mode = tc.buyMode
				}
				c.Fault = failAt(tc.killAt)
			}})
			ctx := context.Background()
			if tc.buyMode == checkout.ModeTest {
				e.addTestCard(t)
			}
			p := e.product(1000, 4000)
			req := checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: "killed-1"}
			if _, err := e.svc.Purchase(ctx, req); err == nil {
				t.Fatal("the injected crash did not stop the purchase")
			}
			e.cfg.Fault = nil
			old := e.service() // the first process, when it is still alive: its own sandbox
			e.cfg.Mode = checkout.ModeSandbox
			if tc.serveMode != "" {
				e.cfg.Mode = tc.serveMode
			}
			e.restartSandbox()
			e.clock.Advance(tc.advance)
			restarted := e.service()
			rep, err := restarted.Recover(ctx, 0)
			if err != nil || rep != tc.want {
				t.Fatalf("recover = %+v, %v; want %+v", rep, err, tc.want)
			}
			if buy := cmpMode(tc.buyMode); buy != cmpMode(tc.serveMode) && len(e.sb.Stripe.Tokens()) != 0 {
				t.Errorf("%d payment tokens issued by a %s server for a %s purchase; want none (another mode's Stripe)",
					len(e.sb.Stripe.Tokens()), cmpMode(tc.serveMode), buy)
			}
			if tc.want.OtherMode == 1 { // the operator warned once, with the purchase and its mode
				if _, err := restarted.Recover(ctx, 0); err != nil {
					t.Fatal(err)
				}
				if n := strings.Count(e.logs.String(), "level=WARN msg=\"purchase of another mode left pending"); n != 1 ||
					!strings.Contains(e.logs.String(), "mode="+string(cmpMode(tc.buyMode))+" server_mode="+string(cmpMode(tc.serveMode))) {
					t.Errorf("%d other-mode warnings (want 1, naming the modes) in:\n%s", n, e.logs.String())
				}
			}
			if tc.oldAlive {
				if rep, err := old.Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Completed: 1}) {
					t.Fatalf("the first process's recover = %+v, %v; want its purchase completed", rep, err)
				}
			}
			orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
			if err != nil || len(orders) != 1 || orders[0].Status != tc.status || orders[0].FailureCode != string(tc.failure) {
				t.Fatalf("orders = %+v (%v), want one %s (%q)", orders, err, tc.status, tc.failure)
			}
			if tc.failure != "" {
				ref := wantRefusal(t, func() error { _, err := restarted.Purchase(ctx, req); return err }(), tc.failure)
				if ref.Params.Witnessed {
					t.Errorf("refusal %+v says Stripe witnessed it; Stripe did not know the token", ref)
				}
			}
			if tc.status == store.OrderPending {
				// Asked from get_order, the same: nothing settled, and why.
				e.clock.Advance(checkout.DefaultRecoverAfter)
				wantAsk := checkout.AskUnreachable
				if tc.want.OtherMode == 1 {
					wantAsk = checkout.AskOtherMode
				} else if cmpMode(tc.buyMode) == checkout.ModeSandbox && cmpMode(tc.serveMode) == checkout.ModeSandbox {
					wantAsk = checkout.AskSandboxForgot // not "unreachable": the sandbox answered, forgetting
				}
				if o, ask := restarted.AskSeller(ctx, orders[0]); ask != wantAsk || o.Status != store.OrderPending {
					t.Errorf("AskSeller = %s, %q; want pending, %q", o.Status, ask, wantAsk)
				}
				if tc.want.OtherMode == 1 { // nobody was asked: no ask claimed, the same answer again
					if o, ask := restarted.AskSeller(ctx, orders[0]); ask != wantAsk || o.Status != store.OrderPending {
						t.Errorf("AskSeller again = %s, %q; want pending, %q", o.Status, ask, wantAsk)
					}
				}
			}
		})
	}
}

// A seller that refuses to show a session (here: it rejects our API key) says nothing
// about whether it charged: recovery leaves the purchase for a later run rather than
// failing an order that may have been paid.
func TestRecoverWaitsForSellerAnswer(t *testing.T) {
	var deny atomic.Bool
	refuseKey := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if deny.Load() {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusUnauthorized)
				io.WriteString(w, `{"type":"invalid_request","code":"unauthorized","message":"bad key"}`)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: refuseKey}, config: func(c *checkout.Config) {
		c.Fault = func(step string) error {
			if step == "seller_completed" {
				return errors.New("killed")
			}
			return nil
		}
	}})
	ctx := context.Background()
	if _, err := e.buy(e.product(1000, 4000).ID, 1); err == nil {
		t.Fatal("the injected crash did not stop the purchase")
	}
	e.cfg.Fault = nil
	deny.Store(true)
	rep, err := e.service().Recover(ctx, 0)
	if err != nil || rep != (checkout.RecoverReport{Unsettled: 1}) {
		t.Fatalf("recover with the seller refusing = %+v, %v; want 1 unsettled", rep, err)
	}
	deny.Store(false)
	rep, err = e.service().Recover(ctx, 0)
	if err != nil || rep != (checkout.RecoverReport{Completed: 1}) {
		t.Fatalf("recover = %+v, %v; want 1 completed", rep, err)
	}
	orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 1 || orders[0].Status != store.OrderCompleted || e.succeeded() != 1 {
		t.Errorf("orders %+v (%v), %d charges; want 1 completed order and 1 charge", orders, err, e.succeeded())
	}
}

// A confirmation stalled on a seller that does not answer, settled meanwhile by
// recovery, ends with what recovery decided, not with an internal error.
func TestStalledConfirmationSettledByRecovery(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	stallGets := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet {
				once.Do(func() { close(entered) })
				<-release
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusServiceUnavailable)
				io.WriteString(w, `{"type":"service_unavailable","code":"down","message":"x"}`)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: stallGets}})
	ctx := context.Background()
	out := e.quote(e.product(6000, 30000).ID, "quote")
	done := e.purchaseAsync(ctx, checkout.Request{QuoteID: out.Purchase.QuoteID})
	<-entered
	rep, err := e.service().Recover(ctx, 0)
	if err != nil || rep != (checkout.RecoverReport{Failed: 1}) {
		t.Fatalf("recover = %+v, %v; want 1 failed", rep, err)
	}
	close(release)
	got := <-done
	wantRefusal(t, got.err, "interrupted")
	if e.succeeded() != 0 || !e.allTokensDeactivated() {
		t.Errorf("%d charges, tokens %+v; want none charged and all deactivated", e.succeeded(), e.sb.Stripe.Tokens())
	}
}

// cmpMode is m, or sandbox when m is unset (the table's default).
func cmpMode(m checkout.Mode) checkout.Mode {
	if m == "" {
		return checkout.ModeSandbox
	}
	return m
}

// A sandbox cart checkout killed after its sellers completed, then a test-mode server
// on the same database (a Stripe key set after trying the sandbox): the old checkout's
// seller orders are left to a sandbox server (other mode), and the old checkout does
// not hold the person's cart against a new checkout in test mode. That one goes on to
// choose a card (here refused: the only card is a sandbox one) instead of answering
// the old checkout, pending, for ever. The old checkout's key answers with it,
// pending in sandbox mode, without waiting for what only a sandbox server settles.
func TestOtherModeCheckoutDoesNotHoldCart(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, envOpts{rules: &noLimits, config: func(c *checkout.Config) {
		c.Fault = func(s string) error {
			if s == "seller_completed" {
				return errors.New("killed")
			}
			return nil
		}
	}})
	e.fillCart()
	if _, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"}); err == nil {
		t.Fatal("the injected crash did not stop the checkout")
	}
	e.cfg.Fault = nil
	e.cfg.Mode = checkout.ModeTest
	e.restartSandbox()
	test := e.service()
	if rep, err := test.Recover(ctx, 0); err != nil || rep.OtherMode == 0 || rep.Failed != 0 || rep.Completed != 0 {
		t.Fatalf("recover on the test server = %+v, %v; want the sandbox seller orders left (other mode)", rep, err)
	}
	out, err := test.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k2"})
	if err == nil {
		t.Fatalf("checkout in test mode = %s, checkout %s %s; want the new checkout refused for its sandbox card, not the old one answered",
			out.Status, out.Checkout.ID, out.Checkout.State)
	}
	wantRefusal(t, err, checkout.RefusalCardOtherMode)
	// The old checkout's own key answers with it as it stands, pending, in sandbox mode
	// (which the words say), without waiting for what only a sandbox server settles.
	old, err := test.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	if err != nil || old.Status != checkout.CheckoutPending || old.Checkout.Mode != string(checkout.ModeSandbox) {
		t.Fatalf("the sandbox checkout's key on the test server = %s (mode %q), %v; want it pending, in sandbox mode",
			old.Status, old.Checkout.Mode, err)
	}
}
