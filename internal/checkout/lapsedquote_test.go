package checkout_test

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
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
		{name: "purchase quote lapsed", advance: checkout.DefaultQuoteTTL + time.Minute + time.Second, ended: true},
		{name: "cart quote lapsed", cart: true, advance: checkout.DefaultQuoteTTL + time.Minute + time.Second, ended: true},
		// Within a minute of its expiry a quote is left to a confirmation that passed
		// its expiry check just in time.
		{name: "purchase quote lapsed within the grace", advance: checkout.DefaultQuoteTTL + 30*time.Second},
		{name: "cart quote lapsed within the grace", cart: true, advance: checkout.DefaultQuoteTTL + 30*time.Second},
		{name: "purchase quote still open", advance: checkout.DefaultQuoteTTL - time.Second},
		{name: "cart quote still open", cart: true, advance: checkout.DefaultQuoteTTL - time.Second},
		{name: "purchase quote of another mode", advance: checkout.DefaultQuoteTTL + time.Minute + time.Second, serveMode: checkout.ModeTest},
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

// A recovery run whose context ends (the server shutting down) begins ending no more
// lapsed quotes: only those already begun, at most one per worker, have their seller
// sessions canceled (none is canceled with its quote left quoted), and the next run
// ends the rest.
func TestLapsedQuotesStopWithTheRun(t *testing.T) {
	ctx, shutdown := context.WithCancel(context.Background())
	defer shutdown()
	var cancels atomic.Int64
	w := newSessionWatch(false)
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: func(seller string, h http.Handler) http.Handler {
		h = w.middleware(seller, h)
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/cancel") {
				cancels.Add(1)
				shutdown() // told to stop while it cancels the first sessions
			}
			h.ServeHTTP(rw, r)
		})
	}}})
	e.confirmAbove(t, 1)
	const quotes = checkout.LapsedQuoteWorkers + 3
	for range quotes {
		e.quote(e.product(1000, 4000).ID, "quote")
	}
	if n := len(w.sessions()); n != quotes {
		t.Fatalf("%d seller sessions opened, want %d", n, quotes)
	}
	e.clock.Advance(checkout.DefaultQuoteTTL + 2*time.Minute)
	svc := e.service()
	first, _ := svc.Recover(ctx, checkout.DefaultRecoverAfter) // its later steps end with ctx
	begun := int(cancels.Load())
	if begun == 0 || begun > checkout.LapsedQuoteWorkers || first.QuotesLapsed != begun {
		t.Errorf("run told to stop: %d sessions canceled, %d quotes ended; want 1..%d, all of them ended", begun, first.QuotesLapsed, checkout.LapsedQuoteWorkers)
	}
	next, err := svc.Recover(context.Background(), checkout.DefaultRecoverAfter)
	if err != nil || next.QuotesLapsed != quotes-first.QuotesLapsed {
		t.Errorf("next run: %+v, %v; want the other %d quotes ended", next, err, quotes-first.QuotesLapsed)
	}
	for i, o := range w.sessions() {
		if got := e.sessionStatus(o); got != "canceled" {
			t.Errorf("session %d is %s after the next run; want canceled", i, got)
		}
	}
	if n := cancels.Load(); n != quotes {
		t.Errorf("%d cancel requests in all, want one per quote (%d)", n, quotes)
	}
}
