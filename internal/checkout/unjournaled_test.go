package checkout_test

import (
	"context"
	"errors"
	"testing"

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
	}{
		{name: "recovery settles it"},
		{name: "recovery killed after failing it", kill: "recovered_approved"},
		{name: "the person cancels before recovery", cancel: true},
		{name: "the cancel killed after its claim", cancel: true, kill: "cancel_claimed"},
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
			restarted := e.service()
			cancel := checkout.CancelRequest{CustomerID: e.customer, OrderID: orders[0].ID, ConfirmVia: checkout.ViaQuoteID}
			if tt.cancel {
				out, err := restarted.CancelOrder(ctx, cancel)
				if tt.kill == "" && (err != nil || out.Status != checkout.CancelStopped) {
					t.Fatalf("cancel = %+v, %v; want stopped", out.Status, err)
				}
			}
			restarted.Recover(ctx, 0) // it fails when killed
			if killed != (tt.kill != "") {
				t.Fatalf("killed at %q: %v", tt.kill, killed)
			}
			e.cfg.Fault = nil
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
		})
	}
}
