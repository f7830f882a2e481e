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

// sellerSeam counts the seller's session reads (GET /checkout_sessions/…) and, while
// down is set, answers them 503.
type sellerSeam struct {
	gets atomic.Int32
	down atomic.Bool
}

func (s *sellerSeam) middleware(_ string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/checkout_sessions/") {
			s.gets.Add(1)
			if s.down.Load() {
				status(http.StatusServiceUnavailable, `{"type":"service_unavailable","code":"down","message":"x"}`)(w, r, nil)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// AskSeller settles a pending order through recovery's code, only once its purchase
// has been idle as long as recovery waits (a live purchase is not overtaken), asks
// one order's seller at most once per interval, and leaves the order as it was when
// the seller cannot be reached.
func TestAskSellerSettlesPendingOrder(t *testing.T) {
	seam := &sellerSeam{}
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: seam.middleware}, config: crashAt("seller_completed")})
	ctx := context.Background()
	if _, err := e.buy(e.product(1000, 4000).ID, 1); err == nil {
		t.Fatal("the injected crash did not stop the purchase")
	}
	e.cfg.Fault = nil
	svc := e.service()
	orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 1 || orders[0].Status != store.OrderPending {
		t.Fatalf("orders %+v, %v; want one pending", orders, err)
	}
	pending := orders[0]
	seam.gets.Store(0)

	steps := []struct {
		name    string
		advance time.Duration
		down    bool
		want    checkout.OrderAsk
		status  store.OrderStatus
		asked   bool // the seller was called
	}{
		{"purchase still in flight", time.Minute, false, checkout.AskInFlight, store.OrderPending, false},
		{"seller down", checkout.DefaultRecoverAfter, true, checkout.AskUnreachable, store.OrderPending, true},
		{"asked moments ago", 10 * time.Second, false, checkout.AskRecent, store.OrderPending, false},
		{"asked again after the interval", checkout.DefaultAskEvery, false, checkout.AskAnswered, store.OrderCompleted, true},
		{"settled", 0, false, checkout.AskNotNeeded, store.OrderCompleted, false},
	}
	o := pending
	for _, st := range steps {
		e.clock.Advance(st.advance)
		seam.down.Store(st.down)
		before := seam.gets.Load()
		var ask checkout.OrderAsk
		o, ask = svc.AskSeller(ctx, o)
		if ask != st.want || o.Status != st.status {
			t.Fatalf("%s: AskSeller = %s, %q; want %s, %q", st.name, o.Status, ask, st.status, st.want)
		}
		if asked := seam.gets.Load() > before; asked != st.asked {
			t.Errorf("%s: seller called %v, want %v", st.name, asked, st.asked)
		}
	}
	if spent, err := e.st.Spent(ctx, e.customer, "USD", 24*time.Hour); err != nil || spent != pending.Total {
		t.Errorf("spent %d, %v; want the order counted once", spent, err)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d charges, want 1", n)
	}
	events, _ := e.st.Events(ctx, pending.PurchaseID)
	if n := len(events); n == 0 || events[n-1].Step != "completed" {
		t.Errorf("journal %+v; want completed last", events)
	}
	// Recovery finds nothing more to do: the same path settled it once.
	if rep, err := svc.Recover(ctx, 0); err != nil || rep.Completed != 0 {
		t.Errorf("recover = %+v, %v; want nothing to do", rep, err)
	}
}

// A pending order whose seller never completed the checkout is settled as recovery
// settles it: the token revoked and Stripe asked; nothing captured, so it fails, and
// only then may anything say nothing was charged.
func TestAskSellerFailsWhatStripeShowsUncharged(t *testing.T) {
	e := newEnv(t, envOpts{config: crashAt("token_issued")})
	ctx := context.Background()
	if _, err := e.buy(e.product(1000, 4000).ID, 1); err == nil {
		t.Fatal("the injected crash did not stop the purchase")
	}
	e.cfg.Fault = nil
	orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
	if err != nil || len(orders) != 1 {
		t.Fatalf("orders %+v, %v", orders, err)
	}
	e.clock.Advance(checkout.DefaultRecoverAfter + time.Second)
	o, ask := e.service().AskSeller(ctx, orders[0])
	if ask != checkout.AskAnswered || o.Status != store.OrderFailed {
		t.Fatalf("AskSeller = %s, %q; want failed, answered", o.Status, ask)
	}
	if e.succeeded() != 0 || !e.allTokensDeactivated() {
		t.Errorf("%d charges, tokens %+v; want none, all deactivated", e.succeeded(), e.sb.Stripe.Tokens())
	}
	if r := checkout.RecordedRefusal(o.FailureCode, o.FailureParams, o.FailureReason, o.ID); !r.Params.Witnessed {
		t.Errorf("failure %+v; want witnessed by Stripe", r)
	}
}

// AskSeller never returns an empty order: here the caller's context ends (client gone,
// or the ask's time out) just after the seller showed the order and it was completed;
// the order is read again regardless and returned completed.
func TestAskSellerNeverReturnsAnEmptyOrder(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	o := l.pausedRenewal()
	l.heal()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	svc := l.service()
	svc.OnOrderChange(func(string, string) { cancel() }) // the context ends as the order completes
	got, ask := svc.AskSeller(ctx, o)
	if got.ID != o.ID || got.Status != store.OrderCompleted || ask != checkout.AskAnswered {
		t.Errorf("AskSeller = order %q %s, %q; want %s completed, answered", got.ID, got.Status, ask, o.ID)
	}
}
