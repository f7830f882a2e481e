package checkout_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A checkout call that is alive keeps its open checkout's hold on the cart past
// store.OpenCheckoutTTL (its claim beat refreshes it), so a new checkout of the cart
// joins it instead of taking over; the cart is bought once. A dead one lets go after
// OpenCheckoutTTL (TestDeadCheckoutLetsGoOfTheCart).
func TestLiveCheckoutKeepsTheCart(t *testing.T) {
	ctx := context.Background()
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hold := func(_ string, h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/checkout_sessions") {
				once.Do(func() { close(entered); <-release })
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: hold},
		config: func(c *checkout.Config) { c.ClaimBeat = time.Millisecond }})
	e.fillCart()
	done := make(chan checkout.CheckoutOutcome)
	go func() {
		out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "live"})
		if err != nil {
			t.Error(err)
		}
		done <- out
	}()
	fail := func(format string, args ...any) { // the live call ends before the test does
		t.Helper()
		close(release)
		<-done
		t.Fatalf(format, args...)
	}
	<-entered // the live call is quoting its first seller
	live, err := e.st.CheckoutByKey(ctx, e.customer, "live")
	if err != nil || live.State != store.CheckoutOpen {
		fail("live checkout %+v, %v", live.State, err)
	}
	e.clock.Advance(store.OpenCheckoutTTL + time.Second)
	now := e.clock.Now()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) { // not a timed assertion: a bound on waiting for the beat
		c, err := e.st.CheckoutByID(ctx, live.ID)
		if err == nil && !c.UpdatedAt.Before(now) {
			break
		}
		if time.Now().After(deadline) {
			fail("the live checkout was not refreshed: updated %v, now %v (%v)", c.UpdatedAt, now, err)
		}
	}
	other, _, created, err := e.st.BeginCheckout(ctx, store.Checkout{CustomerID: e.customer, IdemKey: "other", Mode: "sandbox"})
	if err != nil || created || other.ID != live.ID {
		fail("a new checkout past OpenCheckoutTTL: %s (created %v, %v); want the live one %s joined", other.ID, created, err, live.ID)
	}
	close(release)
	out := <-done
	if out.Status != checkout.CheckoutCompleted {
		t.Fatalf("live checkout ended %s, want completed", out.Status)
	}
	e.ledger(out)
}
