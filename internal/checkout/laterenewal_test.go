package checkout_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// lateEnv is a subscription to the API plan whose first renewal (cycle 1) the seller
// charges and then answers 404 about, as a seller that restarted would, until heal.
type lateEnv struct {
	*env
	f     *forgetful
	armed *atomic.Bool
	// hook, when set, sees each seller request first; true: it answered it.
	hook  *atomic.Pointer[func(http.ResponseWriter, *http.Request) bool]
	subID string
}

func newLateEnv(t *testing.T, reply func(http.ResponseWriter, *http.Request, *httptest.ResponseRecorder), o envOpts) *lateEnv {
	return newLateEnvFor(t, reply, o, func(e *env) string { return e.subscribe(apiPlan, 1).Subscription.ID })
}

// newLateEnvFor is newLateEnv with the subscription that subscribe makes (it returns
// its id).
func newLateEnvFor(t *testing.T, reply func(http.ResponseWriter, *http.Request, *httptest.ResponseRecorder), o envOpts, subscribe func(e *env) string) *lateEnv {
	f := &forgetful{reply: reply}
	var armed atomic.Bool
	var hook atomic.Pointer[func(http.ResponseWriter, *http.Request) bool]
	o.sandbox.SellerMiddleware = func(id string, h http.Handler) http.Handler {
		forgetting := f.middleware(id, h)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if fn := hook.Load(); fn != nil && (*fn)(w, r) {
				return
			}
			if armed.Load() {
				forgetting.ServeHTTP(w, r)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	e := newEnv(t, o)
	l := &lateEnv{env: e, f: f, armed: &armed, hook: &hook}
	l.subID = subscribe(e)
	armed.Store(true)
	e.clock.Advance(month)
	return l
}

// heal has the seller answer about its sessions again: it shows the order it had.
func (l *lateEnv) heal() { l.armed.Store(false) }

// pausedRenewal runs the due renewal, which must end charged_no_order and pause the
// subscription, and returns its order.
func (l *lateEnv) pausedRenewal() store.Order {
	l.t.Helper()
	if rep := l.renew(l.svc, 3); rep.Paused != 1 {
		l.t.Fatalf("renewal = %+v; want it paused", rep)
	}
	return l.renewalOrder()
}

// renewalOrder returns cycle 1's charged_no_order order.
func (l *lateEnv) renewalOrder() store.Order {
	l.t.Helper()
	orders, _, err := l.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: l.customer, Status: store.OrderChargedNoOrder})
	if err != nil || len(orders) != 1 {
		l.t.Fatalf("charged_no_order orders %+v, %v; want the renewal's", orders, err)
	}
	return orders[0]
}

func (l *lateEnv) event(svc *checkout.Service, o store.Order) error {
	ev := acp.OrderEvent{Type: acp.EventOrderUpdate, Data: acp.Order{Type: "order", ID: "ord_seller", CheckoutSessionID: o.SessionID, Status: acp.OrderStatusConfirmed}}
	return svc.ApplyOrderEvent(context.Background(), o.SellerID, ev, store.Once{})
}

// wantPaidLate checks that renewal order o is completed, counted once, charged once,
// its cycle 1 recorded paid with it, journaled once.
func (l *lateEnv) wantPaidLate(o store.Order, spentBefore int64, chargesBefore int) store.Subscription {
	l.t.Helper()
	ctx := context.Background()
	got, err := l.st.Order(ctx, l.customer, o.ID)
	if err != nil || got.Status != store.OrderCompleted || got.FailureCode != "" {
		l.t.Fatalf("order %+v, %v; want completed, no failure", got, err)
	}
	if spent, err := l.st.Spent(ctx, l.customer, "USD", 30*24*time.Hour); err != nil || spent != spentBefore {
		l.t.Errorf("spent over 30 days %d, %v; want %d as before (the renewal counted once)", spent, err, spentBefore)
	}
	if n := l.succeeded(); n != chargesBefore {
		l.t.Errorf("%d charges, want %d: none more", n, chargesBefore)
	}
	cycles, err := l.st.Cycles(ctx, l.subID)
	if err != nil || len(cycles) != 2 || cycles[1].State != store.CyclePaid || cycles[1].OrderID != o.ID || cycles[1].FailureCode != "" {
		l.t.Errorf("cycles %+v, %v; want cycle 1 paid with %s", cycles, err, o.ID)
	}
	events, err := l.st.Events(ctx, o.PurchaseID)
	completed, paid := 0, 0
	for _, ev := range events {
		switch ev.Step {
		case "completed":
			completed++
		case "renewal_paid":
			paid++
		}
	}
	if err != nil || completed != 1 || paid != 1 {
		l.t.Errorf("journal %+v, %v; want completed and renewal_paid once each", events, err)
	}
	u := l.subscription(l.subID)
	if u.NextCycle != 2 || u.OpenCycle != -1 {
		l.t.Errorf("subscription next cycle %d, open %d; want 2, none", u.NextCycle, u.OpenCycle)
	}
	if want := checkout.Terms(u).Due(u.Anchor, 2); !u.NextDueAt.Equal(want) {
		l.t.Errorf("next due %v, want cycle 2's %v", u.NextDueAt, want)
	}
	return u
}

// A renewal that ended charged_no_order (and paused its subscription) whose seller
// shows the order after all — by an order event, by recovery asking again, both at
// once, or an event replayed — completes, counted once, and the subscription is back
// as if the renewal had succeeded: active, cycle 1 paid, cycle 2 due on its date and
// charged once then.
func TestLateRenewalResumesSubscription(t *testing.T) {
	for _, tc := range []struct {
		name  string
		prove func(l *lateEnv, o store.Order)
	}{
		{"order event", func(l *lateEnv, o store.Order) {
			if err := l.event(l.svc, o); err != nil {
				l.t.Fatalf("order event: %v", err)
			}
		}},
		{"order event replayed", func(l *lateEnv, o store.Order) {
			for range 3 {
				if err := l.event(l.service(), o); err != nil {
					l.t.Fatalf("order event: %v", err)
				}
			}
		}},
		{"recovery asks the seller again", func(l *lateEnv, o store.Order) {
			if rep, err := l.svc.Recover(context.Background(), 0); err != nil || rep.Completed != 1 {
				l.t.Errorf("recover = %+v, %v; want the order completed", rep, err)
			}
			if rep, err := l.service().Recover(context.Background(), 0); err != nil || rep.Completed != 0 {
				l.t.Errorf("recover again = %+v, %v; want nothing more", rep, err)
			}
		}},
		{"event and recovery racing", func(l *lateEnv, o store.Order) {
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for i := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					svc := l.service()
					if i%2 == 0 {
						errs <- l.event(svc, o)
						return
					}
					_, err := svc.Recover(context.Background(), 0)
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					l.t.Errorf("racing: %v", err)
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{})
			ctx := context.Background()
			if rep := l.renew(l.svc, 3); rep.Paused != 1 {
				t.Fatalf("renewal = %+v; want it paused", rep)
			}
			if u := l.subscription(l.subID); u.State != store.SubscriptionPaused || u.PauseCode != string(checkout.RefusalChargedNoOrder) {
				t.Fatalf("subscription %+v; want paused by charged_no_order", u)
			}
			o := l.renewalOrder()
			spent, err := l.st.Spent(ctx, l.customer, "USD", 30*24*time.Hour)
			if err != nil || spent != o.Total { // cycle 0 is 31 days old
				t.Fatalf("spent %d, %v; want cycle 1's", spent, err)
			}
			charges := l.succeeded()
			l.heal()

			tc.prove(l, o)

			u := l.wantPaidLate(o, spent, charges)
			if u.State != store.SubscriptionActive || u.PauseCode != "" || checkout.PauseRefusal(u) != nil {
				t.Errorf("subscription %s paused %q; want active again", u.State, u.PauseCode)
			}
			// Nothing is due before cycle 2's date; then cycle 2 is charged once.
			if rep := l.renew(l.svc, 3); rep != (checkout.RenewReport{}) {
				t.Errorf("renew before cycle 2 = %+v; want nothing", rep)
			}
			l.clock.Advance(month)
			if rep := l.renew(l.svc, 3); rep.Paid != 1 || l.succeeded() != charges+1 {
				t.Errorf("renew at cycle 2 = %+v, %d charges; want cycle 2 paid once", rep, l.succeeded()-charges)
			}
			if u := l.subscription(l.subID); u.NextCycle != 3 {
				t.Errorf("next cycle %d, want 3", u.NextCycle)
			}
		})
	}
}

// A subscription the person stopped after the renewal's charged_no_order is not
// resumed by the late order: canceled stays canceled; paused by the person (while the
// renewal's purchase, settled by recovery, had not yet been recorded on its cycle)
// stays paused, and resuming it charges cycle 2 on its date, never cycle 1 again.
func TestLateRenewalLeavesPersonsChoice(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(l *lateEnv) // ends with the renewal charged_no_order and the person's change
		want  store.SubscriptionState
	}{
		{"canceled after the pause", func(l *lateEnv) {
			if rep := l.renew(l.svc, 3); rep.Paused != 1 {
				l.t.Fatalf("renewal = %+v; want it paused", rep)
			}
			if _, err := l.svc.CancelSubscription(context.Background(), l.customer, l.subID); err != nil {
				l.t.Fatal(err)
			}
		}, store.SubscriptionCanceled},
		{"paused by the person while the renewal was open", func(l *lateEnv) {
			crashAt("seller_completed")(&l.cfg)
			crashing := l.service()
			l.cfg.Fault = nil
			if rep := l.renew(crashing, 1); rep.Errors != 1 {
				l.t.Fatalf("the injected crash did not stop the renewal: %+v", rep)
			}
			if rep, err := l.service().Recover(context.Background(), 0); err != nil || rep.ChargedNoOrder != 1 {
				l.t.Fatalf("recover = %+v, %v; want charged_no_order", rep, err)
			}
			if _, err := l.svc.PauseSubscription(context.Background(), l.customer, l.subID); err != nil {
				l.t.Fatal(err)
			}
		}, store.SubscriptionPaused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reply := reply404
			if strings.HasPrefix(tc.name, "paused") {
				reply = replyAsIs // the crash loses the answer
			}
			l := newLateEnv(t, reply, envOpts{})
			ctx := context.Background()
			tc.setup(l)
			ord := l.renewalOrder()
			spent, _ := l.st.Spent(ctx, l.customer, "USD", 30*24*time.Hour)
			charges := l.succeeded()
			l.heal()
			if err := l.event(l.svc, ord); err != nil {
				t.Fatalf("order event: %v", err)
			}
			u := l.wantPaidLate(ord, spent, charges)
			if u.State != tc.want {
				t.Fatalf("subscription %s (%q); want %s", u.State, u.PauseCode, tc.want)
			}
			if u.State != store.SubscriptionPaused {
				return
			}
			if u.PauseCode != checkout.PausedByPerson {
				t.Errorf("pause code %q, want the person's", u.PauseCode)
			}
			out, err := l.svc.ResumeSubscription(ctx, l.customer, l.subID, "")
			if err != nil || out.Subscription.State != store.SubscriptionActive || out.First != nil {
				t.Fatalf("resume = %+v, %v; want active, nothing charged now", out, err)
			}
			if l.succeeded() != charges {
				t.Errorf("resuming charged %d", l.succeeded()-charges)
			}
		})
	}
}

// A person who resumed after the charged_no_order pause had the cycle tried again; when
// that attempt too ends charged_no_order (the seller still answers 404), two orders of
// the cycle may be real. When the seller then shows the first attempt's order, the
// cycle is recorded paid but the subscription, paused by the second attempt, stays
// paused; resuming it then charges nothing at once (cycle 2 falls due on its date).
func TestLateRenewalAfterAResume(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	ctx := context.Background()
	first := l.pausedRenewal()
	l.f.forgot.Store(false) // the seller forgets the retry's session too
	if out, err := l.svc.ResumeSubscription(ctx, l.customer, l.subID, ""); err != nil || out.First == nil || out.First.Status != checkout.RenewPaused {
		t.Fatalf("resume = %+v, %v; want the retry paused again", out, err)
	}
	u := l.subscription(l.subID)
	if u.State != store.SubscriptionPaused || u.PauseCode != string(checkout.RefusalChargedNoOrder) {
		t.Fatalf("subscription %+v; want paused by the retry's charged_no_order", u)
	}
	charges := l.succeeded()
	l.heal()
	if err := l.event(l.svc, first); err != nil {
		t.Fatalf("order event: %v", err)
	}
	got, err := l.st.Order(ctx, l.customer, first.ID)
	if err != nil || got.Status != store.OrderCompleted {
		t.Fatalf("first order %+v, %v; want completed", got, err)
	}
	cycles, err := l.st.Cycles(ctx, l.subID)
	if err != nil || len(cycles) != 2 || cycles[1].State != store.CyclePaid || cycles[1].OrderID != first.ID {
		t.Errorf("cycles %+v, %v; want cycle 1 paid with the first order", cycles, err)
	}
	u = l.subscription(l.subID)
	if u.State != store.SubscriptionPaused || u.NextCycle != 2 {
		t.Fatalf("subscription %s, next cycle %d; want still paused (by the retry), next cycle 2", u.State, u.NextCycle)
	}
	out, err := l.svc.ResumeSubscription(ctx, l.customer, l.subID, "")
	if err != nil || out.Subscription.State != store.SubscriptionActive || out.First != nil || l.succeeded() != charges {
		t.Fatalf("resume = %+v, %v, %d charges; want active, nothing charged now", out, err, l.succeeded()-charges)
	}
	if want := checkout.Terms(u).Due(u.Anchor, 2); !out.Subscription.NextDueAt.Equal(want) {
		t.Errorf("next due %v, want cycle 2's %v", out.Subscription.NextDueAt, want)
	}
}

// completedOrders counts the customer's completed orders.
func (l *lateEnv) completedOrders() int {
	l.t.Helper()
	all, _, err := l.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: l.customer, Status: store.OrderCompleted, Limit: 100})
	if err != nil {
		l.t.Fatal(err)
	}
	return len(all)
}

// The person resumed after the charged_no_order pause and the retry of cycle 1 has not
// charged yet — waiting in retry (the seller refused to complete: nothing charged), or
// running but not yet approved — when the seller shows the first attempt's order. The
// cycle is paid by it: recorded paid, the subscription moves on (active, cycle 2 on
// its date), and the retry never charges cycle 1 a second time.
func TestLateRenewalWhileTheRetryWaits(t *testing.T) {
	for _, tc := range []struct {
		name string
		// retry resumes the subscription so that the retry of cycle 1 is under way;
		// lateOrder (the first attempt's order shown by the seller) runs when tc wants.
		retry func(t *testing.T, l *lateEnv, lateOrder func())
	}{
		{"retry waiting after the seller refused to complete", func(t *testing.T, l *lateEnv, lateOrder func()) {
			down := func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") {
					status(http.StatusServiceUnavailable, `{"type":"service_unavailable","code":"down","message":"x"}`)(w, r, nil)
					return true
				}
				return false
			}
			l.hook.Store(&down)
			out, err := l.svc.ResumeSubscription(context.Background(), l.customer, l.subID, "")
			if err != nil || out.First == nil || out.First.Status != checkout.RenewRetrying {
				t.Fatalf("resume = %+v, %v; want the retry waiting", out.First, err)
			}
			l.hook.Store(nil)
			lateOrder()
		}},
		{"retry running, not yet approved", func(t *testing.T, l *lateEnv, lateOrder func()) {
			var once sync.Once
			first := func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/checkout_sessions") {
					once.Do(lateOrder) // while the retry opens its session, before its approval
				}
				return false
			}
			l.hook.Store(&first)
			out, err := l.svc.ResumeSubscription(context.Background(), l.customer, l.subID, "")
			if err != nil || out.First == nil || out.First.Status == checkout.RenewPaid {
				t.Fatalf("resume = %+v, %v; want the retry stopped before any charge", out.First, err)
			}
			l.hook.Store(nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{})
			ctx := context.Background()
			first := l.pausedRenewal()
			l.heal()
			charges, completed := l.succeeded(), l.completedOrders()
			tc.retry(t, l, func() {
				if err := l.event(l.svc, first); err != nil {
					t.Errorf("order event: %v", err)
				}
			})
			if n := l.succeeded() - charges; n != 0 {
				t.Fatalf("%d more charges; cycle 1 was paid by its first order", n)
			}
			if got, err := l.st.Order(ctx, l.customer, first.ID); err != nil || got.Status != store.OrderCompleted {
				t.Fatalf("first order %+v, %v; want completed", got, err)
			}
			cycles, err := l.st.Cycles(ctx, l.subID)
			if err != nil || len(cycles) != 2 || cycles[1].State != store.CyclePaid || cycles[1].OrderID != first.ID {
				t.Fatalf("cycles %+v, %v; want cycle 1 paid with the first order", cycles, err)
			}
			u := l.subscription(l.subID)
			if u.State != store.SubscriptionActive || u.NextCycle != 2 || u.OpenCycle != -1 {
				t.Fatalf("subscription %s next %d open %d; want active, next cycle 2, none open", u.State, u.NextCycle, u.OpenCycle)
			}
			l.clock.Advance(49 * time.Hour) // past any retry
			l.renew(l.svc, 3)
			if n := l.succeeded() - charges; n != 0 {
				t.Errorf("%d more charges after the retry's time; want none (cycle 1 paid)", n)
			}
			if n := l.completedOrders() - completed; n != 1 {
				t.Errorf("%d more completed orders; want 1 (the first attempt's)", n)
			}
			l.clock.Advance(month)
			l.renew(l.svc, 3)
			if n := l.succeeded() - charges; n != 1 {
				t.Errorf("%d charges at cycle 2's date; want 1", n)
			}
		})
	}
}

// A late order resumes the subscription its charged_no_order paused only when the
// seller does not show it canceled (or refunded) and it turns up within the day
// recovery asks again; otherwise the cycle is recorded paid (the seller did charge)
// and the subscription stays paused for the person to resume.
func TestLateRenewalResumesOnlyWhenItShould(t *testing.T) {
	for _, tc := range []struct {
		name       string
		wait       time.Duration
		status     string
		wantActive bool
	}{
		{"confirmed at once", 0, acp.OrderStatusConfirmed, true},
		{"confirmed 23 hours later", 23 * time.Hour, acp.OrderStatusConfirmed, true},
		{"canceled by the seller", 0, acp.OrderStatusCanceled, false},
		{"confirmed 25 hours later", 25 * time.Hour, acp.OrderStatusConfirmed, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{})
			ctx := context.Background()
			o := l.pausedRenewal()
			l.heal()
			l.clock.Advance(tc.wait)
			charges := l.succeeded()
			ev := acp.OrderEvent{Type: acp.EventOrderUpdate, Data: acp.Order{Type: "order", ID: "ord_seller", CheckoutSessionID: o.SessionID, Status: tc.status}}
			if err := l.svc.ApplyOrderEvent(ctx, o.SellerID, ev, store.Once{}); err != nil {
				t.Fatal(err)
			}
			if got, err := l.st.Order(ctx, l.customer, o.ID); err != nil || got.Status != store.OrderCompleted {
				t.Fatalf("order %+v, %v; want completed (the seller charged)", got, err)
			}
			cycles, err := l.st.Cycles(ctx, l.subID)
			if err != nil || len(cycles) != 2 || cycles[1].State != store.CyclePaid || cycles[1].OrderID != o.ID {
				t.Fatalf("cycles %+v, %v; want cycle 1 paid with the order", cycles, err)
			}
			u := l.subscription(l.subID)
			if active := u.State == store.SubscriptionActive; active != tc.wantActive || u.NextCycle != 2 {
				t.Fatalf("subscription %s (%s) next cycle %d; want active %v, next cycle 2", u.State, u.PauseCode, u.NextCycle, tc.wantActive)
			}
			// Kept paused: the pause now says the cycle was paid late (resuming charges
			// the next cycle), no longer that the seller has no order.
			if !tc.wantActive && u.PauseCode != string(checkout.RefusalRenewalPaidLate) {
				t.Errorf("pause code %q; want renewal_paid_late", u.PauseCode)
			}
			l.renew(l.svc, 3)
			if n := l.succeeded() - charges; n != 0 {
				t.Errorf("%d more charges; want none", n)
			}
		})
	}
}

// A renewal that stepped over a missed cycle (the server was down over a due date:
// cycle 2 claimed, cycle 1 skipped) and ended charged_no_order: its late order pays
// cycle 2, the subscription resumes with cycle 3 next, charged once on its date.
func TestLateRenewalAfterSkippedCycle(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	ctx := context.Background()
	l.clock.Advance(month) // cycle 2 due too: the run claims cycle 2, skipping 1
	o := l.pausedRenewal()
	l.heal()
	charges := l.succeeded()
	if err := l.event(l.svc, o); err != nil {
		t.Fatal(err)
	}
	if got, err := l.st.Order(ctx, l.customer, o.ID); err != nil || got.Status != store.OrderCompleted {
		t.Fatalf("order %+v, %v; want completed", got, err)
	}
	u := l.subscription(l.subID)
	if u.State != store.SubscriptionActive || u.NextCycle != 3 || u.OpenCycle != -1 {
		t.Fatalf("subscription %s (%s) next cycle %d open %d; want active, next cycle 3", u.State, u.PauseCode, u.NextCycle, u.OpenCycle)
	}
	if want := checkout.Terms(u).Due(u.Anchor, 3); !u.NextDueAt.Equal(want) {
		t.Errorf("next due %v, want cycle 3's %v", u.NextDueAt, want)
	}
	if _, err := l.svc.ResumeSubscription(ctx, l.customer, l.subID, ""); err == nil && l.succeeded() != charges {
		t.Errorf("resuming an active subscription charged %d", l.succeeded()-charges)
	}
	l.renew(l.svc, 3)
	if n := l.succeeded() - charges; n != 0 {
		t.Fatalf("%d charges before cycle 3's date; want none", n)
	}
	l.clock.Advance(month)
	l.renew(l.svc, 3)
	if n := l.succeeded() - charges; n != 1 {
		t.Errorf("%d charges at cycle 3's date; want 1", n)
	}
}

// The person asking cancel_order about a renewal's charged_no_order order stops its
// late resume: whether the seller shows the order to the cancel's own re-ask, or to
// recovery and get_order racing it on other servers, the cycle is recorded paid with
// the order (counted once, never charged again) and the subscription stays paused,
// saying the person asked to cancel; the cancel's words say so. A cancel refused
// because the seller still shows no order cancels nothing and keeps nothing paused:
// the order turning up afterwards (recovery or get_order's ask on another server)
// resumes the subscription as if nobody had asked, and a new cancel_order refunds it.
func TestCancelStopsLateResume(t *testing.T) {
	for _, tc := range []struct {
		name string
		// run shows the seller's late order after the person's cancel_order of o.
		run func(l *lateEnv, o store.Order) checkout.CancelOutcome
		// resumed: the order turned up after a refused cancel.
		resumed bool
	}{
		{"the cancel's own re-ask", func(l *lateEnv, o store.Order) checkout.CancelOutcome {
			l.heal()
			return l.cancel(l.svc, o)
		}, false},
		{"the cancel's own re-ask, the refund waiting for the person's confirmation", func(l *lateEnv, o store.Order) checkout.CancelOutcome {
			ctx := context.Background()
			rules, err := l.st.Rules(ctx, l.customer)
			if err != nil {
				l.t.Fatal(err)
			}
			rules.ConfirmAbove = 1
			if err := l.st.SetRules(ctx, l.customer, rules); err != nil {
				l.t.Fatal(err)
			}
			l.heal()
			out := l.cancel(l.svc, o)
			if out.Status != checkout.CancelConfirmationRequired {
				l.t.Errorf("cancel = %s; want confirmation_required", out.Status)
			}
			return out
		}, false},
		{"recovery on another server after the ask", func(l *lateEnv, o store.Order) checkout.CancelOutcome {
			_, err := l.svc.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
			wantRefusal(l.t.(*testing.T), err, checkout.RefusalChargedNoOrder) // the seller still shows nothing
			l.heal()
			if rep, err := l.service().Recover(context.Background(), 0); err != nil || rep.Completed != 1 {
				l.t.Errorf("recover = %+v, %v; want the order completed", rep, err)
			}
			return l.cancel(l.service(), o)
		}, true},
		{"get_order's ask on another server after the ask", func(l *lateEnv, o store.Order) checkout.CancelOutcome {
			_, err := l.svc.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
			wantRefusal(l.t.(*testing.T), err, checkout.RefusalChargedNoOrder)
			l.heal()
			if got, ask := l.service().AskSeller(context.Background(), o); got.Status != store.OrderCompleted {
				l.t.Errorf("ask = %+v, %v; want the order completed", got, ask)
			}
			return l.cancel(l.service(), o)
		}, true},
		{"the cancel racing recovery and get_order on other servers", func(l *lateEnv, o store.Order) checkout.CancelOutcome {
			// Every ask about the session waits until all three are in flight, so that
			// the two others race the cancel's re-ask once the person has asked.
			var inFlight sync.WaitGroup
			inFlight.Add(3)
			release := make(chan struct{})
			go func() { inFlight.Wait(); close(release) }()
			var asked atomic.Int32
			hold := func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method == http.MethodGet && strings.Contains(r.URL.Path, o.SessionID) && asked.Add(1) <= 3 {
					inFlight.Done()
					<-release
				}
				return false
			}
			l.hook.Store(&hold)
			l.heal()
			var wg sync.WaitGroup
			wg.Add(2)
			go func() {
				defer wg.Done()
				if _, err := l.service().Recover(context.Background(), 0); err != nil {
					l.t.Errorf("recover: %v", err)
				}
			}()
			go func() {
				defer wg.Done()
				l.service().AskSeller(context.Background(), o)
			}()
			out := l.cancel(l.svc, o)
			wg.Wait()
			l.hook.Store(nil)
			return out
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLateEnv(t, reply404, envOpts{})
			ctx := context.Background()
			o := l.pausedRenewal()
			charges := l.succeeded()

			out := tc.run(l, o)

			// An ask not carried out yet (waiting for the person's confirmation) is told
			// by get_order; none once refunded, nor after a refused ask (withdrawn).
			now, err := l.st.Order(ctx, l.customer, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantAsked := !tc.resumed && out.Status == checkout.CancelConfirmationRequired
			if got := l.service().CancelAskedBeforeOrder(ctx, now); got != wantAsked {
				t.Errorf("cancel asked before the order = %v with cancel %s; want %v", got, out.Status, wantAsked)
			}
			if tc.resumed {
				if steps := stepCounts(t, l.env, o.PurchaseID); steps[store.StepCancelWithdrawn] != 1 {
					t.Errorf("journal steps %v; want the refused ask withdrawn once", steps)
				}
			}
			u := l.subscription(l.subID)
			wantEnd := store.LateKeptPaused
			if tc.resumed {
				wantEnd = store.LateResumed
				if out.PausedSubscription != "" || u.State != store.SubscriptionActive {
					t.Errorf("cancel outcome names paused subscription %q, subscription %s; want none, active", out.PausedSubscription, u.State)
				}
			} else {
				if out.PausedSubscription != l.subID {
					t.Errorf("cancel outcome names paused subscription %q, want %q", out.PausedSubscription, l.subID)
				}
				// Still paused, now saying that cycle was paid late, and that the person
				// asked to cancel it.
				if r := checkout.PauseRefusal(u); u.State != store.SubscriptionPaused || r == nil || r.Code != checkout.RefusalRenewalPaidLate ||
					r.Params.OrderID != o.ID || r.Params.Seller != o.SellerName || r.Params.Step != checkout.StepCancel {
					t.Errorf("subscription %s paused %q %s; want paused as renewal_paid_late with order %s, cancel asked", u.State, u.PauseCode, u.PauseParams, o.ID)
				}
			}
			if u.NextCycle != 2 || u.OpenCycle != -1 {
				t.Errorf("subscription next cycle %d, open %d; want 2 (cycle 1 paid), none", u.NextCycle, u.OpenCycle)
			}
			cycles, err := l.st.Cycles(ctx, l.subID)
			if err != nil || len(cycles) != 2 || cycles[1].State != store.CyclePaid || cycles[1].OrderID != o.ID {
				t.Errorf("cycles %+v, %v; want cycle 1 paid with %s", cycles, err, o.ID)
			}
			events, err := l.st.Events(ctx, o.PurchaseID)
			paid := 0
			for _, ev := range events {
				if ev.Step == "renewal_paid" {
					paid++
					if !strings.HasSuffix(ev.Detail, ": "+string(wantEnd)) {
						t.Errorf("renewal_paid %q; want %s", ev.Detail, wantEnd)
					}
				}
			}
			if err != nil || paid != 1 {
				t.Errorf("journal %+v, %v; want renewal_paid once", events, err)
			}
			if n := l.succeeded(); n != charges {
				t.Errorf("%d charges, want %d: none more", n, charges)
			}
			if rep := l.renew(l.svc, 3); rep != (checkout.RenewReport{}) {
				t.Errorf("renew = %+v; want nothing: the subscription is paused", rep)
			}
		})
	}
}

// cancel asks svc to cancel o, which the seller now shows: the cancellation goes on as
// for any completed order (here: it is refunded, or waits for the person's
// confirmation).
func (l *lateEnv) cancel(svc *checkout.Service, o store.Order) checkout.CancelOutcome {
	l.t.Helper()
	out, err := svc.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
	if err != nil || (out.Status != checkout.CancelRefunded && out.Status != checkout.CancelConfirmationRequired) {
		l.t.Fatalf("cancel = %+v, %v; want it refunded or waiting for confirmation", out, err)
	}
	return out
}

// Another server completes (and resumes) a paused renewal's late order between
// cancel_order's read of the order and its own re-ask: the cancel goes on with the
// order as it now is, completed, and never answers with the charged_no_order words
// ("the seller has no order") for it.
func TestCancelSeesOrderCompletedMeanwhile(t *testing.T) {
	var race atomic.Pointer[func()]
	l := newLateEnv(t, reply404, envOpts{config: func(c *checkout.Config) {
		c.Fault = func(step string) error {
			if f := race.Load(); step == "cancel_order_read" && f != nil && race.CompareAndSwap(f, nil) {
				(*f)()
			}
			return nil
		}
	}})
	ctx := context.Background()
	o := l.pausedRenewal()
	l.heal()
	other := func() {
		if rep, err := l.service().Recover(ctx, 0); err != nil || rep.Completed != 1 {
			t.Errorf("recover on another server = %+v, %v; want the order completed", rep, err)
		}
	}
	race.Store(&other)
	out := l.cancel(l.svc, o)
	if race.Load() != nil {
		t.Fatal("the other server did not run")
	}
	if out.Order.ID != o.ID || out.Order.Status != store.OrderCompleted {
		t.Errorf("cancel outcome order %s %s; want %s completed", out.Order.ID, out.Order.Status, o.ID)
	}
}

// TestCancelGoesOnWhenAnotherServerCompletes: cancel_order's re-ask of a
// charged_no_order renewal order fails (the seller is busy for that one request)
// while recovery on another server sees the order and completes it, keeping the
// subscription paused for the person's ask. The cancel must not then say the seller
// has no order, nor withdraw the ask: it goes on with the order as it now is.
func TestCancelGoesOnWhenAnotherServerCompletes(t *testing.T) {
	l := newLateEnv(t, reply404, envOpts{})
	ctx := context.Background()
	o := l.pausedRenewal()
	var n atomic.Int32
	other := l.service()
	hook := func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, o.SessionID) && n.Add(1) == 1 {
			l.heal()
			if rep, err := other.Recover(context.Background(), 0); err != nil || rep.Completed != 1 {
				t.Errorf("the other server's recovery = %+v, %v; want the order completed", rep, err)
			}
			http.Error(w, `{"type":"service_unavailable"}`, http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	l.hook.Store(&hook)
	out, err := l.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: l.customer, OrderID: o.ID})
	l.hook.Store(nil)
	if err != nil {
		t.Fatalf("cancel_order = %v; want it to go on with the order the other server completed", err)
	}
	if out.Order.Status == store.OrderChargedNoOrder {
		t.Errorf("cancel_order answered with the stale order %+v", out.Order)
	}
	if steps := stepCounts(t, l.env, o.PurchaseID); steps[store.StepCancelWithdrawn] != 0 || steps[store.StepCancelAsked] != 1 {
		t.Errorf("journal %v; want the ask recorded once and not withdrawn", steps)
	}
	if u := l.subscription(l.subID); u.State != store.SubscriptionPaused {
		t.Errorf("subscription %s; want it kept paused by the person's ask", u.State)
	}
}

// TestLateRenewalAfterChange: a ring plan's renewal, begun in size 7, ends
// charged_no_order (and pauses the subscription) after the person changed the plan to
// size 9 while it ran; the seller then shows the order after all (an order event). The
// renewal is still the subscription's (its choices are its own, not the subscription's
// now): completed, counted once, its cycle 1 recorded paid with it; the subscription
// is active again with size 9, and cycle 2 is bought once, in size 9.
func TestLateRenewalAfterChange(t *testing.T) {
	ctx := context.Background()
	l := newLateEnvFor(t, reply404, envOpts{}, func(e *env) string { return e.subscribeRing(e.svc, e.ringPlan()).Subscription.ID })
	var q store.ChoicesChange
	l.cfg.Fault = func(step string) error {
		if step == "approved" && q.QuoteID == "" {
			q = l.quoteRingChange(l.svc, l.subID)
			if done, err := l.confirmChange(l.svc, l.subID, q.QuoteID); err != nil || done.Running == nil {
				t.Errorf("the change while the renewal runs: %+v, %v", done, err)
			}
		}
		return nil
	}
	renewer := l.service()
	l.cfg.Fault = nil
	if rep := l.renew(renewer, 3); rep.Paused != 1 {
		t.Fatalf("renewal = %+v; want it paused", rep)
	}
	o := l.renewalOrder()
	if !o.Lines[0].Choices.Equal(size7) {
		t.Fatalf("the renewal's order in %+v, want size 7", o.Lines[0].Choices)
	}
	spent, err := l.st.Spent(ctx, l.customer, "USD", 30*24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	charges := l.succeeded()
	l.heal()
	if err := l.event(l.svc, o); err != nil {
		t.Fatalf("order event: %v", err)
	}
	u := l.wantPaidLate(o, spent, charges)
	if u.State != store.SubscriptionActive || !u.Choices.Equal(size9) {
		t.Fatalf("subscription %s in %+v; want active again, size 9", u.State, u.Choices)
	}
	l.clock.Advance(month)
	if rep := l.renew(l.svc, 3); rep.Paid != 1 || l.succeeded() != charges+1 {
		t.Fatalf("renew at cycle 2 = %+v, %d charges; want cycle 2 paid once", rep, l.succeeded()-charges)
	}
	orders, _, err := l.st.ListOrders(ctx, store.OrderFilter{CustomerID: l.customer})
	if err != nil {
		t.Fatal(err)
	}
	l.wantRenewedWith(&orders[0], size9, q.Amount)
}
