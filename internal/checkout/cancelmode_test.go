package checkout_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// cancel_order on an order made in another mode than the server runs in, once its
// payment token was issued, touches neither this server's Stripe nor its sellers (the
// token, account and seller are the other mode's): it is refused order_other_mode,
// naming both modes, the order stays as it was and nothing is journaled. A pending
// order whose token was never issued is stopped as by any server. Before, a
// token_issued one was revoked through this server's Stripe (journal noise, and
// wrong in principle).
func TestCancelOtherModeOrder(t *testing.T) {
	for _, tc := range []struct {
		name      string
		killAt    string        // the step after which the buying process dies; "" completes
		buyMode   checkout.Mode // the mode the order is made in ("": sandbox)
		serveMode checkout.Mode // the mode of the server asked to cancel ("": sandbox)
		refused   bool          // order_other_mode; else canceled as any server cancels it
		// raced: the server of the order's mode issues its token between the cancel's
		// first read (approved, which any server stops) and its claim: refused all the
		// same, the ask recorded meanwhile withdrawn.
		raced bool
	}{
		{name: "token issued, sandbox order, test server", killAt: "token_issued", serveMode: checkout.ModeTest, refused: true},
		{name: "seller charged, test order, sandbox server", killAt: "seller_completed", buyMode: checkout.ModeTest, refused: true},
		{name: "completed, test order, sandbox server", buyMode: checkout.ModeTest, refused: true},
		{name: "completed, sandbox order, live server", serveMode: checkout.ModeLive, refused: true},
		{name: "approved, sandbox order, test server", killAt: "approved", serveMode: checkout.ModeTest},
		{name: "approved, sandbox order, test server, token issued meanwhile", killAt: "approved", serveMode: checkout.ModeTest, refused: true, raced: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var counting atomic.Bool
			var stripeCalls, sellerCalls atomic.Int64
			opts := sandbox.Options{
				StripeMiddleware: func(h http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						if counting.Load() {
							stripeCalls.Add(1)
						}
						h.ServeHTTP(w, r)
					})
				},
				SellerMiddleware: func(_ string, h http.Handler) http.Handler {
					return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						if counting.Load() {
							sellerCalls.Add(1)
						}
						h.ServeHTTP(w, r)
					})
				},
			}
			e := newEnv(t, envOpts{rules: &noLimits, sandbox: opts, config: func(c *checkout.Config) {
				c.Mode = cmpMode(tc.buyMode)
				c.Fault = failAt(tc.killAt)
			}})
			ctx := context.Background()
			if tc.buyMode == checkout.ModeTest {
				e.addTestCard(t)
			}
			_, err := e.buy(e.product(1000, 4000).ID, 1)
			if (err == nil) != (tc.killAt == "") {
				t.Fatalf("buy: %v", err)
			}
			var before store.Order
			e.cfg.Fault = func(step string) error {
				if !tc.raced || step != "cancel_order_read" {
					return nil
				}
				// The buying server, of the order's mode, journals its token now.
				p, err := e.st.Purchase(ctx, before.PurchaseID)
				if err != nil {
					return err
				}
				p.TokenID, p.State = "spt_issued_meanwhile", store.PurchaseTokenIssued
				return e.st.Advance(ctx, &p, "token_issued", "", store.PurchaseApproved)
			}
			e.cfg.Mode = cmpMode(tc.serveMode)
			e.restartSandbox()
			other := e.service()
			orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
			if err != nil || len(orders) != 1 {
				t.Fatalf("orders %+v, %v", orders, err)
			}
			before = orders[0]
			logged := len(e.logs.String())
			counting.Store(true)
			out, err := other.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: before.ID, ConfirmVia: checkout.ViaQuoteID})
			counting.Store(false)
			if !tc.refused {
				if err != nil || out.Status != checkout.CancelStopped {
					t.Fatalf("cancel = %+v, %v; want stopped, as any server stops an order whose token was never issued", out.Status, err)
				}
			} else {
				ref := wantRefusal(t, err, checkout.RefusalOrderOtherMode)
				if ref.Params.OrderID != before.ID || ref.Params.Mode != cmpMode(tc.buyMode) || ref.Params.ServerMode != cmpMode(tc.serveMode) {
					t.Errorf("refusal %+v; want the order, its mode %s and the server's %s", ref.Params, cmpMode(tc.buyMode), cmpMode(tc.serveMode))
				}
				after, err := e.st.Order(ctx, e.customer, before.ID)
				if err != nil || after.Status != before.Status || (!tc.raced && !after.UpdatedAt.Equal(before.UpdatedAt)) {
					t.Errorf("order after the refusal %s (updated %v), %v; want it as it was: %s (updated %v)", after.Status, after.UpdatedAt, err, before.Status, before.UpdatedAt)
				}
				c, err := e.st.Cancellation(ctx, e.customer, before.ID)
				switch {
				case tc.raced && (err != nil || c.State != store.CancelFailed || c.FailureCode != string(checkout.RefusalOrderOtherMode)):
					t.Errorf("cancellation %+v, %v; want it failed %s", c, err, checkout.RefusalOrderOtherMode)
				case !tc.raced && !errors.Is(err, store.ErrNotFound):
					t.Errorf("a cancellation was recorded (%v); want none", err)
				}
				if p, err := e.st.Purchase(ctx, before.PurchaseID); tc.raced && (err != nil || p.State != store.PurchaseTokenIssued) {
					t.Errorf("purchase %s, %v; want it left token_issued to the server of its mode", p.State, err)
				}
				if asked, err := e.st.CancelAsked(ctx, before.PurchaseID); err != nil || asked {
					t.Errorf("an ask to cancel was recorded (%v, %v); want none", asked, err)
				}
			}
			if n, m := stripeCalls.Load(), sellerCalls.Load(); n != 0 || m != 0 {
				t.Errorf("%d calls to this server's Stripe and %d to its sellers; want none for another mode's order", n, m)
			}
			if l := e.logs.String()[logged:]; strings.Contains(l, "level=WARN") || strings.Contains(l, "level=ERROR") {
				t.Errorf("log noise from the cancel:\n%s", l)
			}
		})
	}
}
