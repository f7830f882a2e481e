package checkout_test

import (
	"context"
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

// TestPayingEnds checks that an approved payment whose caller has gone away still ends
// (paying): at Config.PayingTimeout, or when StopPayments is called (serve's shutdown),
// with the seller never answering its complete call. The call then ends as a
// cancelled one did: not completed, nothing charged, the purchase settled or left
// journaled for recovery.
func TestPayingEnds(t *testing.T) {
	for _, tc := range []struct {
		name    string
		timeout time.Duration // Config.PayingTimeout; 0: the default
		stop    bool          // call StopPayments once the caller has left
	}{
		{name: "paying timeout", timeout: 300 * time.Millisecond},
		{name: "stop payments", stop: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entered, release := make(chan struct{}), make(chan struct{})
			var once sync.Once
			overHTTP := func(_ string, h http.Handler) http.Handler {
				return overLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") {
						once.Do(func() { close(entered) })
						select { // a seller that does not answer until the test ends
						case <-release:
						case <-r.Context().Done():
							return
						}
					}
					h.ServeHTTP(w, r)
				}))
			}
			defer close(release)
			e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: overHTTP},
				config: func(c *checkout.Config) { c.PayingTimeout = tc.timeout }})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			p := e.product(1000, 4000)
			done := e.purchaseAsync(ctx, checkout.Request{ProductID: p.ID, Quantity: 1, IdempotencyKey: "k1"})
			<-entered
			cancel() // the caller leaves: the payment goes on
			if tc.stop {
				select {
				case got := <-done:
					t.Fatalf("the payment ended with its caller: %+v, %v", got.out.Status, got.err)
				case <-time.After(200 * time.Millisecond):
				}
				e.svc.StopPayments()
			}
			var got purchaseResult
			select {
			case got = <-done:
			case <-time.After(15 * time.Second):
				t.Fatal("the payment did not end while its seller did not answer")
			}
			if got.out.Status == checkout.StatusCompleted {
				t.Errorf("outcome %s with a seller that never completed", got.out.Status)
			}
			if n := e.succeeded(); n != 0 {
				t.Errorf("%d succeeded PaymentIntents, want 0", n)
			}
			pu, err := e.st.PurchaseByKey(context.Background(), e.customer, "k1")
			if err != nil || pu.State == store.PurchaseCompleted {
				t.Errorf("purchase %s, %v", pu.State, err)
			}
			t.Logf("outcome %q (err %v), purchase %s", got.out.Status, got.err, pu.State)
		})
	}
}

// TestRenewDueStopsWhenCtxEnds checks that RenewDue renews no more subscriptions once
// its context has ended (serving stops): the renewal under way is paid to its end, the
// others are left due, with no error logged for each.
func TestRenewDueStopsWhenCtxEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	var cancelling atomic.Bool
	e := newEnv(t, envOpts{config: func(c *checkout.Config) {
		c.Fault = func(step string) error {
			if cancelling.Load() && step == "approved" {
				once.Do(cancel) // shutdown during the first renewal
			}
			return nil
		}
	}})
	e.subscribe(apiPlan, 1)
	e.subscribe(coffeePlan, 1)
	e.subscribe(softPlan, 1)
	e.clock.Advance(2 * month)
	svc := e.service()
	cancelling.Store(true)
	rep, err := svc.RenewDue(ctx)
	cancelling.Store(false)
	if err == nil || ctx.Err() == nil {
		t.Errorf("RenewDue after its context ended: %v, want the context's error", err)
	}
	if rep.Errors != 0 || rep.Paid != 1 {
		t.Errorf("report %+v, want the renewal under way paid and no errors", rep)
	}
	if strings.Contains(e.logs.String(), "renew subscription") {
		t.Errorf("errors logged after the context ended:\n%s", e.logs.String())
	}
	// The others are renewed by the next run.
	if rep := e.renew(svc, 3); rep.Paid < 1 || rep.Errors != 0 {
		t.Errorf("next run %+v, want the subscriptions left renewed", rep)
	}
}
