package checkout_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// forgetful is a reference seller that completes (and charges) its first checkout as
// usual, answers that complete call with reply, and then forgets every session, as a
// seller that restarted would: from then on any call about a session is a 404.
type forgetful struct {
	forgot atomic.Bool
	// reply answers the complete call; rec is the reference seller's own answer.
	reply func(w http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder)
}

func (f *forgetful) middleware(_ string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case f.forgot.Load() && strings.Contains(r.URL.Path, "/checkout_sessions/"):
			status(http.StatusNotFound, `{"type":"invalid_request","code":"not_found","message":"no such checkout session"}`)(w, r, h)
		case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete"):
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			f.forgot.Store(true)
			f.reply(w, r, rec)
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// Replies of a forgetful seller's complete call.
var (
	// replyAsIs passes the seller's own answer on (a completed order).
	replyAsIs = func(w http.ResponseWriter, _ *http.Request, rec *httptest.ResponseRecorder) {
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}
	// reply503 loses the answer: the seller looks down.
	reply503 = func(w http.ResponseWriter, r *http.Request, _ *httptest.ResponseRecorder) {
		status(http.StatusServiceUnavailable, `{"type":"service_unavailable","code":"restarting","message":"x"}`)(w, r, nil)
	}
	// reply404 answers that the session is unknown.
	reply404 = func(w http.ResponseWriter, r *http.Request, _ *httptest.ResponseRecorder) {
		status(http.StatusNotFound, `{"type":"invalid_request","code":"not_found","message":"no such checkout session"}`)(w, r, nil)
	}
)

// replyProblem answers with the session as if it had not been paid, carrying an error
// message with code: the seller misreports a charge it made.
func replyProblem(code string) func(http.ResponseWriter, *http.Request, *httptest.ResponseRecorder) {
	return func(w http.ResponseWriter, r *http.Request, rec *httptest.ResponseRecorder) {
		var sess map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &sess); err != nil {
			status(http.StatusInternalServerError, `{"type":"processing_error","code":"x","message":"x"}`)(w, r, nil)
			return
		}
		sess["status"] = "ready_for_payment"
		delete(sess, "order")
		sess["messages"] = []map[string]any{{"type": "error", "code": code, "content_type": "plain", "content": "could not take payment"}}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(sess)
	}
}

// stripeBlind makes the agent's reads of its issued tokens fail while it is set: Stripe
// cannot say what a token was charged.
type stripeBlind struct{ on atomic.Bool }

func (b *stripeBlind) middleware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b.on.Load() && r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/v1/shared_payment/issued_tokens/") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"error":{"type":"api_error","message":"boom"}}`)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// wantChargedNoOrder checks that ref says Stripe shows the order's total charged with
// no seller order, as the emulator has it, and that the purchase, its order, the
// journal, the spending and the operator's listing say the same.
func (e *env) wantChargedNoOrder(ref *checkout.Refusal) store.Order {
	e.t.Helper()
	ctx := context.Background()
	o, err := e.st.Order(ctx, e.customer, ref.OrderID)
	if err != nil || o.Status != store.OrderChargedNoOrder || o.FailureCode != string(checkout.RefusalChargedNoOrder) {
		e.t.Fatalf("order %+v, %v; want charged_no_order", o, err)
	}
	var captured int64
	for _, tok := range e.sb.Stripe.Tokens() {
		captured += tok.AmountCaptured
	}
	if ref.Params.Amount != o.Total || captured != o.Total || ref.Params.Currency != o.Currency || ref.Params.OrderID != o.ID {
		e.t.Fatalf("refusal %+v: want the %d %s Stripe shows captured (%d) on order %s", ref.Params, o.Total, o.Currency, captured, o.ID)
	}
	if got := checkout.RecordedRefusal(o.FailureCode, o.FailureParams, o.FailureReason, o.ID); got.Params != ref.Params {
		e.t.Errorf("order records %+v, want %+v", got.Params, ref.Params)
	}
	p, err := e.st.Purchase(ctx, o.PurchaseID)
	if err != nil || p.State != store.PurchaseChargedNoOrder || !p.Charged || !store.Terminal(p.State) {
		e.t.Errorf("purchase %v (charged %v), %v; want charged_no_order, charged, terminal", p, p.Charged, err)
	}
	all, err := e.st.Events(ctx, p.ID)
	// A cancel_order's ask and its withdrawal (refused: the seller has no order) may
	// frame the saga's lines; they are the person's, not Stripe's.
	var events []store.Event
	for _, ev := range all {
		if ev.Step != store.StepCancelAsked && ev.Step != store.StepCancelWithdrawn {
			events = append(events, ev)
		}
	}
	if err != nil || len(events) < 2 || events[len(events)-1].Step != "charged_no_order" ||
		events[len(events)-2] != (store.Event{Step: "token_captured", Detail: fmt.Sprintf("%d %s", o.Total, o.Currency), At: events[len(events)-2].At}) {
		e.t.Errorf("journal %+v, %v; want token_captured then charged_no_order last", all, err)
	}
	if spent, err := e.st.Spent(ctx, e.customer, "USD", 24*time.Hour); err != nil || spent != o.Total {
		e.t.Errorf("spent %d, %v; want the order's %d counted", spent, err, o.Total)
	}
	listed, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer, Status: store.OrderChargedNoOrder})
	if err != nil || len(listed) != 1 || listed[0].ID != o.ID {
		e.t.Errorf("orders listed as charged_no_order: %+v, %v; want %s", listed, err, o.ID)
	}
	if n := e.succeeded(); n != 1 {
		e.t.Errorf("%d succeeded PaymentIntents, want the seller's 1", n)
	}
	if !e.allTokensDeactivated() {
		e.t.Errorf("a token is still usable: %+v", e.sb.Stripe.Tokens())
	}
	return o
}

// A seller that charged the token and then answers anything but its order — a lost
// reply and a restart that forgot the session, a 404, a decline, another problem, a
// refusal — must not have the purchase called "nothing charged": Stripe shows the
// token charged, and the purchase ends charged_no_order. A retry returns that and
// charges nothing more.
func TestSellerChargedWithoutOrder(t *testing.T) {
	tests := []struct {
		name  string
		reply func(http.ResponseWriter, *http.Request, *httptest.ResponseRecorder)
	}{
		{"reply lost, then the session forgotten", reply503},
		{"answers 404", reply404},
		{"answers a decline", replyProblem("payment_declined")},
		{"answers the token invalid", replyProblem("invalid")},
		{"answers another problem", replyProblem("processing_error")},
		{"refuses", func(w http.ResponseWriter, r *http.Request, _ *httptest.ResponseRecorder) {
			status(http.StatusBadRequest, `{"type":"invalid_request","code":"bad","message":"no"}`)(w, r, nil)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &forgetful{reply: tt.reply}
			e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: f.middleware, SellerTimeout: 2 * time.Second}})
			p := e.product(1000, 4000)
			req := checkout.Request{CustomerID: e.customer, ProductID: p.ID, Quantity: 1, IdempotencyKey: "charged-1"}
			_, err := e.svc.Purchase(context.Background(), req)
			ref := wantRefusal(t, err, checkout.RefusalChargedNoOrder)
			e.wantChargedNoOrder(ref)
			again, err := e.service().Purchase(context.Background(), req)
			if got := wantRefusal(t, err, checkout.RefusalChargedNoOrder); got.Params != ref.Params {
				t.Errorf("retry = %+v, %+v; want the first refusal %+v", again, got.Params, ref.Params)
			}
			if n := e.succeeded(); n != 1 {
				t.Errorf("after the retry: %d succeeded PaymentIntents, want 1", n)
			}
			if rep, err := e.service().Recover(context.Background(), 0); err != nil || rep != (checkout.RecoverReport{}) {
				t.Errorf("recover = %+v, %v; want nothing to do", rep, err)
			}
		})
	}
}

// crashAt makes a Config stop the saga after step, as a crash would.
func crashAt(step string) func(*checkout.Config) {
	return func(c *checkout.Config) {
		c.Fault = func(s string) error {
			if s == step {
				return errors.New("killed")
			}
			return nil
		}
	}
}

// Recovery asks Stripe, not the seller alone: a seller that restarted and forgot a
// session it charged has the purchase end charged_no_order; one it never charged fails
// as before; while Stripe cannot tell, the purchase waits for the next run.
func TestRecoverSellerForgotSession(t *testing.T) {
	tests := []struct {
		name    string
		crash   string // the saga's step the crash follows
		blind   bool   // Stripe cannot tell at the first recovery
		want    checkout.RecoverReport
		charged int
	}{
		{name: "charged, then forgot", crash: "seller_completed", want: checkout.RecoverReport{ChargedNoOrder: 1}, charged: 1},
		{name: "never completed, then forgot", crash: "token_issued", want: checkout.RecoverReport{Failed: 1}},
		{name: "charged, then forgot, Stripe unreachable", crash: "seller_completed", blind: true, want: checkout.RecoverReport{ChargedNoOrder: 1}, charged: 1},
		// Stripe could not be read before the token was revoked: a "revoked" it shows
		// then does not tell that the token went unused (Stripe may show a used token
		// revoked once revoked), so it may carry a hold: never "nothing charged".
		{name: "never completed, then forgot, Stripe unreachable", crash: "token_issued", blind: true, want: checkout.RecoverReport{Held: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &forgetful{reply: replyAsIs}
			b := &stripeBlind{}
			e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: f.middleware, StripeMiddleware: b.middleware},
				config: crashAt(tt.crash)})
			ctx := context.Background()
			req := checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 4000).ID, Quantity: 1, IdempotencyKey: "forgot-1"}
			if _, err := e.svc.Purchase(ctx, req); err == nil {
				t.Fatal("the injected crash did not stop the purchase")
			}
			f.forgot.Store(true) // the seller restarts
			e.cfg.Fault = nil
			if tt.blind {
				b.on.Store(true)
				rep, err := e.service().Recover(ctx, 0)
				if err != nil || rep != (checkout.RecoverReport{Unsettled: 1}) {
					t.Fatalf("recover while Stripe cannot tell = %+v, %v; want 1 unsettled", rep, err)
				}
				orders, _, err := e.st.ListOrders(ctx, store.OrderFilter{CustomerID: e.customer})
				if err != nil || len(orders) != 1 || orders[0].Status != store.OrderPending {
					t.Fatalf("orders %+v, %v; want one pending", orders, err)
				}
				b.on.Store(false)
			}
			rep, err := e.service().Recover(ctx, 0)
			if err != nil || rep != tt.want {
				t.Fatalf("recover = %+v, %v; want %+v", rep, err, tt.want)
			}
			if tt.want.Held == 1 {
				return // pending (TestHoldWhateverReasonStripeShows)
			}
			_, err = e.service().Purchase(ctx, req)
			if tt.charged == 0 {
				wantRefusal(t, err, checkout.RefusalInterrupted)
				if e.succeeded() != 0 || !e.allTokensDeactivated() {
					t.Errorf("%d charges, tokens %+v; want none and all deactivated", e.succeeded(), e.sb.Stripe.Tokens())
				}
			} else {
				e.wantChargedNoOrder(wantRefusal(t, err, checkout.RefusalChargedNoOrder))
			}
			if again, err := e.service().Recover(ctx, 0); err != nil || again != (checkout.RecoverReport{}) {
				t.Errorf("second recover = %+v, %v; want nothing to do", again, err)
			}
		})
	}
}

// A live purchase whose seller has no order for it, and about whose token Stripe
// cannot tell, is pending, never "nothing charged": recovery settles it once Stripe
// answers, charged or not.
func TestStripeCannotTellStaysPending(t *testing.T) {
	tests := []struct {
		name   string
		seller func(*envHolder) envOpts
		want   checkout.RecoverReport
	}{
		{"seller charged, then answers 404", func(*envHolder) envOpts {
			f := &forgetful{reply: reply404}
			return envOpts{sandbox: sandbox.Options{SellerMiddleware: f.middleware}}
		}, checkout.RecoverReport{ChargedNoOrder: 1}},
		// Its token was revoked while Stripe could not be read: a possible hold (see
		// TestRecoverSellerForgotSession).
		{"seller fails without charging", sellerFault(fault{"POST", "/complete", status(500, `{"type":"processing_error","code":"boom","message":"x"}`)}),
			checkout.RecoverReport{Held: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &stripeBlind{}
			b.on.Store(true)
			h := &envHolder{}
			o := tt.seller(h)
			o.sandbox.StripeMiddleware = b.middleware
			o.sandbox.SellerTimeout = 2 * time.Second
			h.e = newEnv(t, o)
			e := h.e
			ctx := context.Background()
			out, err := e.buy(e.product(1000, 4000).ID, 1)
			if err != nil || out.Status != checkout.StatusPending || out.Order == nil || out.Order.Status != store.OrderPending {
				t.Fatalf("outcome %+v, %v; want pending", out, err)
			}
			if !e.allTokensDeactivated() {
				t.Errorf("the token of a pending purchase is still usable: %+v", e.sb.Stripe.Tokens())
			}
			if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Unsettled: 1}) {
				t.Fatalf("recover while Stripe cannot tell = %+v, %v; want 1 unsettled", rep, err)
			}
			b.on.Store(false)
			if rep, err := e.service().Recover(ctx, 0); err != nil || rep != tt.want {
				t.Fatalf("recover = %+v, %v; want %+v", rep, err, tt.want)
			}
			o2, err := e.st.Order(ctx, e.customer, out.Order.ID)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want.ChargedNoOrder == 1:
				e.wantChargedNoOrder(checkout.RecordedRefusal(o2.FailureCode, o2.FailureParams, o2.FailureReason, o2.ID))
			case o2.Status != store.OrderPending || e.succeeded() != 0:
				t.Errorf("order %+v with %d charges; want pending (a possible hold), none", o2, e.succeeded())
			}
		})
	}
}

// cancel_order of a pending order whose seller charged and forgot the session does not
// say "canceled, nothing charged": it ends the order charged_no_order and says so, and
// says so again when asked again. While Stripe cannot tell, nothing is canceled.
func TestCancelSellerForgotSession(t *testing.T) {
	f := &forgetful{reply: reply404}
	b := &stripeBlind{}
	b.on.Store(true)
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: f.middleware, StripeMiddleware: b.middleware}})
	ctx := context.Background()
	out, err := e.buy(e.product(1000, 4000).ID, 1)
	if err != nil || out.Status != checkout.StatusPending || out.Order == nil {
		t.Fatalf("outcome %+v, %v; want pending", out, err)
	}
	_, err = e.cancel(out.Order.ID, "")
	if ref := wantRefusal(t, err, checkout.RefusalPaymentUnknown); ref.Params.OrderID != out.Order.ID {
		t.Errorf("refusal %+v, want order %s", ref.Params, out.Order.ID)
	}
	if o, err := e.st.Order(ctx, e.customer, out.Order.ID); err != nil || o.Status != store.OrderPending {
		t.Fatalf("order %+v, %v; want still pending", o, err)
	}
	b.on.Store(false)
	_, err = e.cancel(out.Order.ID, "")
	ref := wantRefusal(t, err, checkout.RefusalChargedNoOrder)
	e.wantChargedNoOrder(ref)
	_, err = e.cancel(out.Order.ID, "")
	if again := wantRefusal(t, err, checkout.RefusalChargedNoOrder); again.Params != ref.Params {
		t.Errorf("second cancel says %+v, want %+v", again.Params, ref.Params)
	}
	if n, _ := e.refunds(); n != 0 {
		t.Errorf("%d refunds, want none (the seller has no order to refund)", n)
	}
}

// A cart checkout shares the saga: the seller order of a seller that charged and then
// forgot the session ends charged_no_order, the others complete, and the checkout is
// partial, never "nothing charged" for that seller.
func TestCheckoutSellerForgotSession(t *testing.T) {
	f := &forgetful{reply: reply404}
	var forgetter atomic.Value // the seller id whose reference seller forgets
	e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: func(id string, h http.Handler) http.Handler {
		forgetting := f.middleware(id, h)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if s, _ := forgetter.Load().(string); s == id {
				forgetting.ServeHTTP(w, r)
				return
			}
			h.ServeHTTP(w, r)
		})
	}}})
	bk := e.fillCart()
	forgetter.Store(bk.sellers[1])
	out, err := e.svc.Checkout(context.Background(), checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || out.Status != checkout.CheckoutPartial || len(out.Orders) != 3 {
		t.Fatalf("checkout = %+v, %v; want partial over 3 sellers", out, err)
	}
	completed := 0
	for _, so := range out.Orders {
		switch {
		case so.Purchase.SellerID == bk.sellers[1]:
			if so.Refusal == nil || so.Refusal.Code != checkout.RefusalChargedNoOrder || so.Refusal.Params.Amount != so.Purchase.Total {
				t.Errorf("the forgetting seller's order: %+v; want charged_no_order for %d", so.Refusal, so.Purchase.Total)
			}
			if so.Order == nil || so.Order.Status != store.OrderChargedNoOrder {
				t.Errorf("its order %+v, want charged_no_order", so.Order)
			}
		case so.Status == checkout.StatusCompleted:
			completed++
		}
	}
	if completed != 2 || e.succeeded() != 3 || !e.allTokensDeactivated() {
		t.Errorf("%d completed seller orders, %d charges; want 2 completed and 3 charges, all tokens deactivated", completed, e.succeeded())
	}
	// The charged seller order's lines leave the cart with the bought ones: a second
	// checkout, the seller back, must not charge them again.
	cart, err := e.st.Cart(context.Background(), e.customer)
	if err != nil || len(cart.Lines) != 0 {
		t.Fatalf("cart %+v, %v; want empty (the charged_no_order lines taken out too)", cart.Lines, err)
	}
	forgetter.Store("")
	out, err = e.svc.Checkout(context.Background(), checkout.CheckoutRequest{CustomerID: e.customer})
	if n := e.succeeded(); n != 3 {
		t.Errorf("second checkout = %v, %v: %d charges, want still 3", out.Status, err, n)
	}
}

// A subscription renewal shares the saga: a renewal that the seller charged and then
// forgot ends charged_no_order and pauses the subscription (it is not retried, which
// would charge the cycle again), with that as the reason.
func TestRenewalSellerForgotSession(t *testing.T) {
	f := &forgetful{reply: reply404}
	var armed atomic.Bool
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: func(id string, h http.Handler) http.Handler {
		forgetting := f.middleware(id, h)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if armed.Load() {
				forgetting.ServeHTTP(w, r)
				return
			}
			h.ServeHTTP(w, r)
		})
	}}})
	id := e.subscribe(apiPlan, 1).Subscription.ID
	before := e.succeeded()
	armed.Store(true)
	e.clock.Advance(month)
	if rep := e.renew(e.svc, 3); rep.Paused != 1 || rep.Paid != 0 {
		t.Fatalf("renewal = %+v; want it paused", rep)
	}
	u := e.subscription(id)
	if u.State != store.SubscriptionPaused || u.PauseCode != string(checkout.RefusalChargedNoOrder) {
		t.Fatalf("subscription %+v; want paused with charged_no_order", u)
	}
	r := checkout.PauseRefusal(u)
	if r == nil || r.Params.Amount != u.Amount || r.Params.OrderID == "" {
		t.Fatalf("pause reason %+v; want the %d charged on its order", r, u.Amount)
	}
	o, err := e.st.Order(context.Background(), e.customer, r.Params.OrderID)
	if err != nil || o.Status != store.OrderChargedNoOrder {
		t.Errorf("order %+v, %v; want charged_no_order", o, err)
	}
	if n := e.succeeded() - before; n != 1 {
		t.Errorf("%d renewal charges, want the seller's 1 and no retry", n)
	}
	// A seller's order event for the renewal's session completes it and resumes the
	// subscription (TestLateRenewalResumesSubscription has the details).
	ev := acp.OrderEvent{Type: acp.EventOrderUpdate, Data: acp.Order{Type: "order", ID: "ord_seller", CheckoutSessionID: o.SessionID, Status: acp.OrderStatusConfirmed}}
	if err := e.svc.ApplyOrderEvent(context.Background(), o.SellerID, ev, store.Once{}); err != nil {
		t.Fatalf("order event: %v", err)
	}
	if o, err := e.st.Order(context.Background(), e.customer, o.ID); err != nil || o.Status != store.OrderCompleted {
		t.Errorf("order %+v, %v; want completed", o, err)
	}
	if u := e.subscription(id); u.State != store.SubscriptionActive || u.NextCycle != 2 {
		t.Errorf("subscription %s, next cycle %d; want active, 2", u.State, u.NextCycle)
	}
}

// A token that could not be revoked can still be charged, so Stripe showing nothing
// captured on it yet is not final: the declined purchase stays pending until the
// token expires, and then recovery fails it, nothing charged.
func TestUnrevokedTokenStaysPendingUntilExpiry(t *testing.T) {
	e := newEnv(t, envOpts{pm: "pm_card_chargeDeclined", config: func(c *checkout.Config) { c.Tokens = unrevocable{c.Tokens} }})
	ctx := context.Background()
	out, err := e.buy(e.product(1000, 4000).ID, 1)
	if err != nil || out.Status != checkout.StatusPending || out.Order == nil {
		t.Fatalf("outcome %+v, %v; want pending while the token can still be charged", out, err)
	}
	if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Unsettled: 1}) {
		t.Fatalf("recover before the token expires = %+v, %v; want 1 unsettled", rep, err)
	}
	e.clock.Advance(checkout.DefaultTokenTTL)
	if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Failed: 1}) {
		t.Fatalf("recover once the token expired = %+v, %v; want 1 failed", rep, err)
	}
	if o, err := e.st.Order(ctx, e.customer, out.Order.ID); err != nil || o.Status != store.OrderFailed || e.succeeded() != 0 {
		t.Errorf("order %+v, %v, %d charges; want failed, none", o, err, e.succeeded())
	}
}

// stripeSays changes what Stripe's reads of issued tokens show while on is set.
type stripeSays struct {
	checkout.Tokens
	on   *atomic.Bool
	edit func(*checkout.Token)
}

func (s stripeSays) Retrieve(ctx context.Context, id string) (checkout.Token, error) {
	tok, err := s.Tokens.Retrieve(ctx, id)
	if err == nil && s.on.Load() {
		s.edit(&tok)
	}
	return tok, err
}

// A revoked token whose Stripe reply lacks the amount captured is no evidence that
// nothing was charged: the declined purchase stays pending until Stripe shows the
// amount, and only then fails.
func TestUnknownCapturedStaysPending(t *testing.T) {
	var on atomic.Bool
	on.Store(true)
	e := newEnv(t, envOpts{pm: "pm_card_chargeDeclined", config: func(c *checkout.Config) {
		c.Tokens = stripeSays{Tokens: c.Tokens, on: &on, edit: func(tok *checkout.Token) { tok.AmountCaptured, tok.CapturedKnown = 0, false }}
	}})
	ctx := context.Background()
	out, err := e.buy(e.product(1000, 4000).ID, 1)
	if err != nil || out.Status != checkout.StatusPending || out.Order == nil {
		t.Fatalf("outcome %+v, %v; want pending while Stripe does not show the amount captured", out, err)
	}
	e.clock.Advance(checkout.DefaultTokenTTL + 2*time.Hour)
	if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Unsettled: 1}) {
		t.Fatalf("recover while the amount is unknown = %+v, %v; want 1 unsettled", rep, err)
	}
	on.Store(false)
	if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Failed: 1}) {
		t.Fatalf("recover once Stripe shows 0 captured = %+v, %v; want 1 failed", rep, err)
	}
	o, err := e.st.Order(ctx, e.customer, out.Order.ID)
	if err != nil || o.Status != store.OrderFailed || e.succeeded() != 0 {
		t.Errorf("order %+v, %v, %d charges; want failed, none", o, err, e.succeeded())
	}
	if r := checkout.RecordedRefusal(o.FailureCode, o.FailureParams, o.FailureReason, o.ID); !r.Params.Witnessed {
		t.Errorf("refusal %s %+v; want it marked decided by Stripe's word (Witnessed)", r.Code, r.Params)
	}
}

// A declined purchase is failed on Stripe's word that nothing was captured on its
// token: its refusal says so (Witnessed); one refused before any token is not.
func TestWitnessedFailureIsMarked(t *testing.T) {
	e := newEnv(t, envOpts{pm: "pm_card_chargeDeclined"})
	_, err := e.buy(e.product(1000, 4000).ID, 1)
	if ref := wantRefusal(t, err, checkout.RefusalCardDeclined); !ref.Params.Witnessed {
		t.Errorf("declined: %+v; want Witnessed", ref.Params)
	}
	_, err = e.buy("no-such-product", 1)
	if ref := wantRefusal(t, err, checkout.RefusalUnknownProduct); ref.Params.Witnessed {
		t.Errorf("unknown product: %+v; want not Witnessed", ref.Params)
	}
}

// Our clock past a token's expiry does not make what Stripe shows captured final
// while Stripe still shows the token active: the purchase stays pending, and only an
// hour past the expiry by our clock (expiryGrace) is the amount taken as final.
func TestClockPastExpiryAloneStaysPending(t *testing.T) {
	var on atomic.Bool
	on.Store(true)
	e := newEnv(t, envOpts{pm: "pm_card_chargeDeclined", config: func(c *checkout.Config) {
		c.Tokens = stripeSays{Tokens: unrevocable{c.Tokens}, on: &on, edit: func(tok *checkout.Token) { tok.Status = checkout.TokenActive }}
	}})
	ctx := context.Background()
	out, err := e.buy(e.product(1000, 4000).ID, 1)
	if err != nil || out.Status != checkout.StatusPending || out.Order == nil {
		t.Fatalf("outcome %+v, %v; want pending while the token can still be charged", out, err)
	}
	e.clock.Advance(checkout.DefaultTokenTTL + 5*time.Minute)
	if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Unsettled: 1}) {
		t.Fatalf("recover past expiry by our clock, Stripe showing the token active = %+v, %v; want 1 unsettled", rep, err)
	}
	e.clock.Advance(time.Hour)
	if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Failed: 1}) {
		t.Fatalf("recover an hour past expiry = %+v, %v; want 1 failed", rep, err)
	}
	if o, err := e.st.Order(ctx, e.customer, out.Order.ID); err != nil || o.Status != store.OrderFailed || e.succeeded() != 0 {
		t.Errorf("order %+v, %v, %d charges; want failed, none", o, err, e.succeeded())
	}
}

// A seller that completed and charged, whose reply is lost and whose session reads
// answer 404 for a moment, makes the purchase end charged_no_order; it had the order
// all along. Its authenticated order event, or its session shown completed when
// cancel_order asks again, completes the order: spent counted once, the journal and
// the order's listeners told, and the failure words gone.
func TestChargedNoOrderSellerShowsOrderAfterAll(t *testing.T) {
	for _, tc := range []struct {
		name  string
		prove func(e *env, o store.Order)
	}{
		{"order event", func(e *env, o store.Order) {
			ev := acp.OrderEvent{Type: acp.EventOrderUpdate, Data: acp.Order{Type: "order", ID: "ord_seller", CheckoutSessionID: o.SessionID, Status: acp.OrderStatusShipped}}
			if err := e.svc.ApplyOrderEvent(context.Background(), o.SellerID, ev, store.Once{}); err != nil {
				e.t.Fatalf("order event: %v", err)
			}
			if got, _ := e.st.Order(context.Background(), e.customer, o.ID); got.SellerStatus != store.SellerShipped || got.SellerOrderID != "ord_seller" {
				e.t.Errorf("order %+v; want shipped, seller order ord_seller", got)
			}
		}},
		{"recovery asks the seller again", func(e *env, o store.Order) {
			if rep, err := e.svc.Recover(context.Background(), 0); err != nil || rep.Completed != 1 {
				e.t.Errorf("recover = %+v, %v; want the order completed", rep, err)
			}
			if rep, err := e.service().Recover(context.Background(), 0); err != nil || rep.Completed != 0 {
				e.t.Errorf("recover again = %+v, %v; want nothing more", rep, err)
			}
		}},
		{"a server of another mode does not ask, its own does", func(e *env, o store.Order) {
			ctx := context.Background()
			e.cfg.Mode = checkout.ModeTest
			other := e.service()
			e.cfg.Mode = checkout.ModeSandbox
			if rep, err := other.Recover(ctx, 0); err != nil || rep.Completed != 0 {
				e.t.Errorf("recover on a test-mode server = %+v, %v; want the sandbox order left alone", rep, err)
			}
			for i := range 2 { // the second too: nobody was asked, so no ask is claimed
				if got, ask := other.AskSeller(ctx, o); ask != checkout.AskOtherMode || got.Status != store.OrderChargedNoOrder {
					e.t.Errorf("AskSeller #%d on a test-mode server = %s, %q; want charged_no_order, %q", i+1, got.Status, ask, checkout.AskOtherMode)
				}
			}
			if rep, err := e.svc.Recover(ctx, 0); err != nil || rep.Completed != 1 {
				e.t.Errorf("recover = %+v, %v; want the order completed", rep, err)
			}
		}},
		{"cancel_order asks the seller again", func(e *env, o store.Order) {
			_, err := e.svc.CancelOrder(context.Background(), checkout.CancelRequest{CustomerID: e.customer, OrderID: o.ID})
			var ref *checkout.Refusal
			if errors.As(err, &ref) && ref.Code == checkout.RefusalChargedNoOrder {
				e.t.Errorf("cancel_order = %v; want the order found completed", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var lost, blip atomic.Bool
			lost.Store(true)
			mw := func(_ string, h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					switch {
					case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete") && lost.Load():
						rec := httptest.NewRecorder()
						h.ServeHTTP(rec, r) // the seller completes and charges
						blip.Store(true)
						reply503(w, r, rec) // the reply is lost
					case blip.Load() && r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/checkout_sessions/"):
						reply404(w, r, nil)
					default:
						h.ServeHTTP(w, r)
					}
				})
			}
			e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: mw, SellerTimeout: 2 * time.Second}})
			ctx := context.Background()
			_, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 4000).ID, Quantity: 1, IdempotencyKey: "blip-1"})
			o := e.wantChargedNoOrder(wantRefusal(t, err, checkout.RefusalChargedNoOrder))
			lost.Store(false)
			blip.Store(false) // the seller answers normally again: it has the order
			var told atomic.Int32
			e.svc.OnOrderChange(func(_, id string) {
				if id == o.ID {
					told.Add(1)
				}
			})

			tc.prove(e, o)

			got, err := e.st.Order(ctx, e.customer, o.ID)
			if err != nil || got.Status != store.OrderCompleted || got.FailureCode != "" || got.FailureReason != "" {
				t.Fatalf("order %+v, %v; want completed with no failure", got, err)
			}
			p, err := e.st.Purchase(ctx, o.PurchaseID)
			if err != nil || p.State != store.PurchaseCompleted || p.FailureCode != "" || !p.Charged {
				t.Errorf("purchase %v (failure %q), %v; want completed, charged, no failure", p, p.FailureCode, err)
			}
			// Counted once, less what the seller refunded (cancel_order has it cancel).
			if spent, err := e.st.Spent(ctx, e.customer, "USD", 24*time.Hour); err != nil || spent != o.Total-got.Refunded {
				t.Errorf("spent %d, %v; want the order's %d counted once, less %d refunded", spent, err, o.Total, got.Refunded)
			}
			events, _ := e.st.Events(ctx, p.ID)
			if n := len(events); n == 0 || events[n-1].Step != "completed" || !strings.Contains(events[n-1].Detail, "charged_no_order") {
				t.Errorf("journal %+v; want completed (after charged_no_order) last", events)
			}
			if told.Load() == 0 {
				t.Error("the order's listeners were not told")
			}
			if n := e.succeeded(); n != 1 {
				t.Errorf("%d charges, want the seller's 1", n)
			}
		})
	}
}

// stripeRevokeFails makes Stripe refuse every token revocation with an API error.
func stripeRevokeFails(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/revoke") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"error":{"type":"api_error","message":"boom"}}`)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// When Stripe refuses to revoke a token, the log says so without the token's id (the
// spt client's error names it), and cancel_order says that whether the card is
// charged is unknown (the seller may still charge the token), not that the seller is
// busy.
func TestRevokeFailure(t *testing.T) {
	t.Run("declined purchase", func(t *testing.T) {
		e := newEnv(t, envOpts{pm: "pm_card_chargeDeclined", sandbox: sandbox.Options{StripeMiddleware: stripeRevokeFails}})
		out, err := e.buy(e.product(1000, 4000).ID, 1)
		if err != nil || out.Status != checkout.StatusPending {
			t.Fatalf("outcome %+v, %v; want pending while the unrevoked token can be charged", out, err)
		}
		logs := e.logs.String()
		if !strings.Contains(logs, "revoke payment token") || strings.Contains(logs, "spt_") {
			t.Errorf("log %q; want the failed revocation logged without the token id", logs)
		}
	})
	t.Run("cancel_order", func(t *testing.T) {
		e := newEnv(t, envOpts{sandbox: sandbox.Options{StripeMiddleware: stripeRevokeFails}, config: func(c *checkout.Config) {
			c.Fault = func(step string) error {
				if step == "token_issued" {
					return errors.New("crash")
				}
				return nil
			}
		}})
		if _, err := e.buy(e.product(1000, 4000).ID, 1); err == nil {
			t.Fatal("the injected crash did not stop the purchase")
		}
		orders, _, err := e.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: e.customer})
		if err != nil || len(orders) != 1 || orders[0].Status != store.OrderPending {
			t.Fatalf("orders %+v, %v; want one pending", orders, err)
		}
		_, err = e.cancel(orders[0].ID, "")
		ref := wantRefusal(t, err, checkout.RefusalPaymentUnknown)
		if ref.Params.OrderID != orders[0].ID {
			t.Errorf("refusal %+v; want order %s", ref.Params, orders[0].ID)
		}
		if o, err := e.st.Order(context.Background(), e.customer, orders[0].ID); err != nil || o.Status != store.OrderPending || e.succeeded() != 0 {
			t.Errorf("order %+v, %v, %d charges; want still pending, none", o, err, e.succeeded())
		}
		if strings.Contains(e.logs.String(), "spt_") {
			t.Errorf("the log names a token: %q", e.logs.String())
		}
	})
}
