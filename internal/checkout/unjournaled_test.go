package checkout_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestTokenIssuedUnjournaled kills a purchase (the token_received fault) after Stripe
// issued its token and before the journal named it, then lets what may come next on a
// restarted server settle it: recovery, or the person's cancel_order before recovery
// ran (the order pending, its purchase approved), each also killed just after it
// failed the purchase (then recovery runs again on another restart). Every way,
// nothing is charged, the order fails, and the token the store never named is revoked:
// nobody else knows it is there (found by the cross-process soak, cmd/commerce-mcp
// TestSoak: a cancel claimed the purchase of a call killed with its token issued).
func TestTokenIssuedUnjournaled(t *testing.T) {
	tests := []struct {
		name   string
		cancel bool
		kill   string // the step at which the restarted server is killed too
		// Stripe, as the restarted server first sees it: Issue fails issueFails
		// times (unavailable), and every Revoke fails while down.
		issueFails int
		down       bool
	}{
		{name: "recovery settles it"},
		{name: "recovery killed after failing it", kill: "recovered_approved"},
		{name: "the person cancels before recovery", cancel: true},
		{name: "the cancel killed after its claim", cancel: true, kill: "cancel_claimed"},
		{name: "recovery while one Issue fails", issueFails: 1},
		{name: "recovery while Stripe cannot revoke", down: true},
		{name: "the cancel while one Issue fails", cancel: true, issueFails: 1},
		{name: "the cancel while Stripe cannot revoke", cancel: true, down: true},
		{name: "the cancel while Stripe is unreachable", cancel: true, issueFails: 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{config: func(c *checkout.Config) {
				c.Fault = func(step string) error {
					if step == "token_received" {
						return errors.New("killed")
					}
					return nil
				}
			}})
			ctx := context.Background()
			p := e.product(10_00, 40_00)
			if _, err := e.buy(p.ID, 1); err == nil {
				t.Fatal("the injected crash did not stop the purchase")
			}
			if n := len(e.sb.Stripe.Tokens()); n != 1 {
				t.Fatalf("%d tokens issued before the crash, want 1", n)
			}
			orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
			if err != nil || len(orders) != 1 {
				t.Fatalf("orders %+v, %v", orders, err)
			}
			killed := false
			e.cfg.Fault = func(step string) error {
				if step == tt.kill {
					killed = true
					return errors.New("killed")
				}
				return nil
			}
			real := e.cfg.Tokens
			flaky := &flakyTokens{Tokens: real, issueFails: tt.issueFails, down: tt.down}
			e.cfg.Tokens = flaky
			restarted := e.service()
			cancel := checkout.CancelRequest{CustomerID: e.customer, OrderID: orders[0].ID, ConfirmVia: checkout.ViaQuoteID}
			if tt.cancel {
				out, err := restarted.CancelOrder(ctx, cancel)
				if tt.kill == "" && (err != nil || out.Status != checkout.CancelStopped) {
					t.Fatalf("cancel = %+v, %v; want stopped", out.Status, err)
				}
				restarted.WaitSettling() // the token it settles after its answer
			}
			// A kill or Stripe's failures leave the purchase to the next run (Unsettled).
			restarted.Recover(ctx, 0)
			if killed != (tt.kill != "") {
				t.Fatalf("killed at %q: %v", tt.kill, killed)
			}
			e.cfg.Fault = nil
			e.cfg.Tokens = real // Stripe is back
			if _, err := e.service().Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			o, err := e.st.Order(ctx, e.customer, orders[0].ID)
			if err != nil || o.Status != store.OrderFailed {
				t.Errorf("order %s, %v; want failed", o.Status, err)
			}
			if n := e.succeeded(); n != 0 {
				t.Errorf("%d charges, want none", n)
			}
			if !e.allTokensDeactivated() {
				t.Errorf("a token is still usable: %+v", e.sb.Stripe.Tokens())
			}
			if n := len(e.sb.Stripe.Tokens()); n != 1 {
				t.Errorf("%d tokens issued, want 1 (asked again under the same key)", n)
			}
		})
	}
}

// flakyTokens is Tokens whose Issue fails (unavailable) issueFails times, and whose
// Revoke always fails while down.
type flakyTokens struct {
	checkout.Tokens
	mu         sync.Mutex
	issueFails int
	down       bool
}

func (f *flakyTokens) Issue(ctx context.Context, r checkout.TokenRequest) (checkout.Token, error) {
	f.mu.Lock()
	fail := f.issueFails > 0
	f.issueFails--
	f.mu.Unlock()
	if fail {
		return checkout.Token{}, fmt.Errorf("timeout: %w", checkout.ErrUnavailable)
	}
	return f.Tokens.Issue(ctx, r)
}

func (f *flakyTokens) Revoke(ctx context.Context, id, key string) error {
	if f.down {
		return fmt.Errorf("timeout: %w", checkout.ErrUnavailable)
	}
	return f.Tokens.Revoke(ctx, id, key)
}

// TestClaimBeforeReissue lets a purchase's own call, still running, reach Stripe's
// token (token_received) while a cancel_order or a recovery (a --recover-after
// shorter than its payment) takes the purchase on, and journal it right after that
// one revoked the token it asked for again. The purchase is claimed before any token
// is revoked, so the running call loses its race (and revokes its own token) rather
// than handing the seller a revoked one: the cancel says stopped, the order fails as
// canceled or interrupted (not as a card declined), and a read of the token that
// failed during the re-issue leaves no possible hold (the order is not left pending).
// Nothing is charged; no token stays usable.
func TestClaimBeforeReissue(t *testing.T) {
	tests := []struct {
		name     string
		cancel   bool
		failRead bool // every Retrieve of the re-issuer fails (unavailable)
		want     checkout.RefusalCode
	}{
		{name: "cancel", cancel: true, want: checkout.RefusalCanceledByPerson},
		{name: "cancel, the token's read fails", cancel: true, failRead: true, want: checkout.RefusalCanceledByPerson},
		{name: "recovery", want: checkout.RefusalInterrupted},
		{name: "recovery, the token's read fails", failRead: true, want: checkout.RefusalInterrupted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reached, release := make(chan struct{}), make(chan struct{})
			var gate sync.Once
			e := newEnv(t, envOpts{config: func(c *checkout.Config) {
				c.Fault = func(step string) error {
					if step == "token_received" {
						gate.Do(func() { close(reached); <-release })
					}
					return nil
				}
			}})
			ctx := context.Background()
			p := e.product(10_00, 40_00)
			done := e.purchaseAsync(ctx, checkout.Request{ProductID: p.ID, Quantity: 1})
			<-reached
			var once sync.Once
			releaseLive := func() { once.Do(func() { close(release) }) }
			var live purchaseResult
			returned := false
			e.cfg.Tokens = &racingTokens{Tokens: e.cfg.Tokens, failRead: tt.failRead, revoked: func() {
				releaseLive()
				live, returned = <-done, true // the live call journals its token, or loses its race
			}}
			other := e.service()
			orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
			if err != nil || len(orders) != 1 {
				t.Fatalf("orders %+v, %v", orders, err)
			}
			if tt.cancel {
				out, err := other.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: orders[0].ID, ConfirmVia: checkout.ViaQuoteID})
				if err != nil || out.Status != checkout.CancelStopped {
					t.Errorf("cancel = %+v, %v; want stopped", out.Status, err)
				}
				other.WaitSettling()
			} else if _, err := other.Recover(ctx, 0); err != nil {
				t.Fatal(err)
			}
			if !returned {
				t.Error("the re-issuer revoked no token")
				releaseLive()
				select {
				case live = <-done:
				case <-time.After(30 * time.Second):
					t.Fatal("the purchase's own call did not return")
				}
			}
			o, err := e.st.Order(ctx, e.customer, orders[0].ID)
			if err != nil || o.Status != store.OrderFailed || o.FailureCode != string(tt.want) {
				t.Errorf("order %s %s, %v; want failed %s (the purchase's own call: %+v, %v)", o.Status, o.FailureCode, err, tt.want, live.out.Status, live.err)
			}
			if n := e.succeeded(); n != 0 {
				t.Errorf("%d charges, want none", n)
			}
			if !e.allTokensDeactivated() {
				t.Errorf("a token is still usable: %+v", e.sb.Stripe.Tokens())
			}
		})
	}
}

// racingTokens is Tokens whose Revoke, once it revoked, calls revoked (once); its
// Retrieve fails (unavailable) when failRead.
type racingTokens struct {
	checkout.Tokens
	failRead bool
	revoked  func()
	once     sync.Once
}

func (r *racingTokens) Retrieve(ctx context.Context, id string) (checkout.Token, error) {
	if r.failRead {
		return checkout.Token{}, fmt.Errorf("timeout: %w", checkout.ErrUnavailable)
	}
	return r.Tokens.Retrieve(ctx, id)
}

func (r *racingTokens) Revoke(ctx context.Context, id, key string) error {
	err := r.Tokens.Revoke(ctx, id, key)
	r.once.Do(r.revoked)
	return err
}
