package checkout_test

import (
	"context"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A quote left to lapse with nobody calling (a purchase's, or a cart checkout's)
// has its seller sessions canceled by the next recovery run, which ends the quote as
// a late confirmation would (quote_expired, counted in QuotesLapsed): the sellers
// show the sessions canceled instead of open until they expire them. A quote still
// within its time, one of another mode, and one that lapsed longer ago than recovery
// looks back are left as they are; a later run ends nothing twice. Nothing is charged.
func TestLapsedQuoteCancelsItsSessions(t *testing.T) {
	for _, tc := range []struct {
		name      string
		cart      bool          // a cart checkout's quote; else a purchase's
		advance   time.Duration // after the quote, before recovery runs
		serveMode checkout.Mode // the recovering server's mode ("": sandbox, the quote's)
		ended     bool
	}{
		{name: "purchase quote lapsed", advance: checkout.DefaultQuoteTTL + time.Second, ended: true},
		{name: "cart quote lapsed", cart: true, advance: checkout.DefaultQuoteTTL + time.Second, ended: true},
		{name: "purchase quote still open", advance: checkout.DefaultQuoteTTL - time.Second},
		{name: "cart quote still open", cart: true, advance: checkout.DefaultQuoteTTL - time.Second},
		{name: "purchase quote of another mode", advance: checkout.DefaultQuoteTTL + time.Second, serveMode: checkout.ModeTest},
		{name: "cart quote lapsed two days ago", cart: true, advance: checkout.DefaultQuoteTTL + 48*time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			w := newSessionWatch(false)
			e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: w.middleware}})
			e.confirmAbove(t, 1)
			var quoteID string
			if tc.cart {
				e.fillCart()
				out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
				if err != nil || out.Status != checkout.CheckoutConfirmationRequired {
					t.Fatalf("checkout %s, %v; want a quote", out.Status, err)
				}
				quoteID = out.Checkout.QuoteID
			} else {
				quoteID = e.quote(e.product(1000, 4000).ID, "quote").Purchase.QuoteID
			}
			opened := w.sessions()
			if len(opened) == 0 {
				t.Fatal("no seller session opened")
			}
			e.clock.Advance(tc.advance)
			e.cfg.Mode = cmpMode(tc.serveMode)
			svc := e.service()
			rep, err := svc.Recover(ctx, checkout.DefaultRecoverAfter)
			if err != nil {
				t.Fatal(err)
			}
			want := map[bool]int{true: 1}[tc.ended]
			if rep.QuotesLapsed != want {
				t.Errorf("QuotesLapsed %d, want %d (report %+v)", rep.QuotesLapsed, want, rep)
			}
			for i, o := range opened {
				// Left as they are: open, or expired by the seller itself.
				if got := e.sessionStatus(o); (got == "canceled") != tc.ended {
					t.Errorf("session %d (%s) is %s; canceled wanted %v", i, o.seller, got, tc.ended)
				}
			}
			if again, err := svc.Recover(ctx, checkout.DefaultRecoverAfter); err != nil || again.QuotesLapsed != 0 {
				t.Errorf("second recovery: %+v, %v; want no quote ended again", again, err)
			}
			if tc.ended { // confirming it now says it expired, as a late confirmation always did
				var err error
				if tc.cart {
					_, err = svc.ConfirmCheckout(ctx, e.customer, quoteID, checkout.ViaQuoteID)
				} else {
					_, err = svc.Confirm(ctx, e.customer, quoteID, checkout.ViaQuoteID)
				}
				wantRefusal(t, err, checkout.RefusalQuoteExpired)
			}
			orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer, Status: store.OrderCompleted})
			if err != nil || len(orders) != 0 || e.succeeded() != 0 {
				t.Errorf("%d completed orders (%v), %d charges; want none", len(orders), err, e.succeeded())
			}
		})
	}
}
