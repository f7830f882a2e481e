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
// restarted server settle it: recovery alone, or the person's cancel_order before
// recovery ran (the order pending, its purchase approved). Either way nothing is
// charged, the order fails, and the token the store never named is revoked — nobody
// else knows it is there (found by the cross-process soak, cmd/commerce-mcp TestSoak).
func TestTokenIssuedUnjournaled(t *testing.T) {
	tests := []struct {
		name   string
		cancel bool
	}{
		{name: "recovery settles it"},
		{name: "the person cancels before recovery", cancel: true},
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
			e.cfg.Fault = nil
			restarted := e.service()
			if tt.cancel {
				out, err := restarted.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: orders[0].ID, ConfirmVia: checkout.ViaQuoteID})
				if err != nil || out.Status != checkout.CancelStopped {
					t.Fatalf("cancel = %+v, %v; want stopped", out.Status, err)
				}
			}
			if _, err := restarted.Recover(ctx, 0); err != nil {
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
