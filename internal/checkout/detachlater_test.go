package checkout_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// detachEnv is an env whose service removes cards through the emulator's detach,
// with hook (when set) serving POST /v1/payment_methods/pm_card_visa/detach in the
// emulator's place: the seam where a removal waits on Stripe. The demo customer has
// a Stripe Customer with the demo Visa attached, and an Amex on file (the most
// recent card, so the default after the Visa). detaches counts the detach calls.
type detachEnv struct {
	*env
	tt             *testing.T
	stripeCustomer string // the demo customer's Stripe Customer
	hook           atomic.Pointer[func(w http.ResponseWriter, r *http.Request, next http.Handler)]
	detaches       atomic.Int32
}

func newDetachEnv(t *testing.T) *detachEnv {
	t.Helper()
	ctx := context.Background()
	d := &detachEnv{tt: t}
	mw := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Path == "/v1/payment_methods/"+store.DemoPaymentMethod+"/detach" {
				d.detaches.Add(1)
				if h := d.hook.Load(); h != nil {
					(*h)(w, r, next)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
	rules := noLimits
	d.env = newEnv(t, envOpts{rules: &rules, sandbox: sandbox.Options{StripeMiddleware: mw}})
	client := spt.New(d.sb.AgentStripe())
	d.cfg.Wallet = checkout.SPTWallet{Client: client}
	d.svc = d.service()
	cus, err := client.CreateCustomer(ctx, spt.CustomerParams{Email: "demo@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.AttachPaymentMethod(ctx, store.DemoPaymentMethod, cus, ""); err != nil {
		t.Fatal(err)
	}
	d.stripeCustomer = cus
	t.Cleanup(func() { // no card's Stripe id reaches the log, whatever the removal met
		if strings.Contains(d.logs.String(), "pm_") {
			t.Error("the log names a payment method id")
		}
	})
	d.clock.Advance(time.Minute)
	if _, err := d.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: d.customer, Brand: "amex", Last4: "8431"}); err != nil {
		t.Fatal(err)
	}
	return d
}

// setHook makes h serve the demo Visa's detach from now on (nil: the emulator does).
func (d *detachEnv) setHook(h func(w http.ResponseWriter, r *http.Request, next http.Handler)) {
	if h == nil {
		d.hook.Store(nil)
		return
	}
	d.hook.Store(&h)
}

// removeVisa asks to remove the demo Visa as the tools do (planned, sealed, confirmed)
// with svc, and returns the confirmation's answer.
func (d *detachEnv) removeVisa(svc *checkout.Service) (checkout.MethodChange, error) {
	d.t.Helper()
	ctx := context.Background()
	card := cardOf(d.tt, d.env, d.customer, store.DemoPaymentMethod)
	ch, err := svc.PlanMethodChange(ctx, d.customer, checkout.ChangeRemove, card)
	if err != nil {
		d.t.Fatalf("removal planned: %v", err)
	}
	if ch.NewDefault.ID != "pm_card_amex" {
		d.t.Fatalf("removal planned with new default %q, want the amex", ch.NewDefault.ID)
	}
	state := svc.SealMethodChange(d.customer, ch, checkout.ViaQuoteID)
	return svc.ConfirmMethodChange(ctx, d.customer, state, checkout.ViaQuoteID, checkout.ChangeRemove, card, checkout.AnswerYes)
}

// listed is the customer's cards as list_payment_methods shows them: last four, the
// default starred.
func (d *detachEnv) listed() string {
	d.t.Helper()
	pms, err := d.st.PaymentMethods(context.Background(), d.customer)
	if err != nil {
		d.t.Fatal(err)
	}
	var out []string
	for _, pm := range pms {
		s := pm.Last4
		if pm.Default {
			s += "*"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

// visaOrders counts the customer's orders paid, or being paid, with the demo Visa.
func (d *detachEnv) visaOrders() int {
	d.t.Helper()
	orders, _, err := d.st.ListOrders(context.Background(), store.OrderFilter{CustomerID: d.customer})
	if err != nil {
		d.t.Fatal(err)
	}
	n := 0
	for _, o := range orders {
		if o.CardLast4 == "4242" {
			n++
		}
	}
	return n
}

// visaDetachedInStripe reports whether Stripe has the demo Visa detached: detaching
// it again is refused as not attached.
func (d *detachEnv) visaDetachedInStripe() bool {
	d.t.Helper()
	d.setHook(nil)
	err := spt.New(d.sb.AgentStripe()).DetachPaymentMethod(context.Background(), store.DemoPaymentMethod, "")
	var se *spt.Error
	return errors.As(err, &se) && se.HTTPStatus == http.StatusBadRequest
}

// buyWithDefault buys a product with svc and returns the card it was paid with, or
// the refusal.
func (d *detachEnv) buyWithDefault(svc *checkout.Service) (string, error) {
	out, err := svc.Purchase(context.Background(), checkout.Request{CustomerID: d.customer, ProductID: d.product(1000, 5000).ID, Quantity: 1})
	if err != nil {
		return "", err
	}
	if out.Purchase.State != store.PurchaseCompleted {
		d.t.Fatalf("purchase %s, want completed", out.Purchase.State)
	}
	return out.Purchase.CardLast4, nil
}

// TestRemovalMeetsAnApproval forces the race between a removal and a purchase with the
// card at the detach seam: while Stripe is detaching the Visa, a purchase, a cart's
// seller orders or a renewal is approved with it. The card was marked as being removed
// before Stripe was called, so the approval refuses it card_removed (no token, no
// charge, no other card in its place; the renewal pauses), the removal completes, and
// the card is gone from file and from Stripe, the Amex the default.
func TestRemovalMeetsAnApproval(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		setup func(d *detachEnv) string // before the removal; its result goes to race
		race  func(d *detachEnv, setup string) error
	}{
		{"purchase", func(*detachEnv) string { return "" }, func(d *detachEnv, _ string) error {
			_, err := d.buyWithDefault(d.svc)
			return err
		}},
		{"checkout", func(d *detachEnv) string { d.fillCart(); return "" }, func(d *detachEnv, _ string) error {
			return confirmCheckoutRefused(d.env, func() (checkout.CheckoutOutcome, error) {
				return d.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: d.customer})
			})
		}},
		{"renewal", func(d *detachEnv) string { return d.subscribe(apiPlan, 1).Subscription.ID }, func(d *detachEnv, id string) error {
			d.clock.Advance(month)
			rep, err := d.svc.RenewDue(ctx)
			if err != nil || rep.Paused != 1 {
				d.t.Errorf("renewal %+v, %v; want it paused", rep, err)
			}
			u := d.subscription(id)
			if u.State != store.SubscriptionPaused {
				d.t.Errorf("subscription %s, want paused", u.State)
			}
			return &checkout.Refusal{Code: checkout.RefusalCode(u.PauseCode)}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDetachEnv(t)
			setup := tc.setup(d)
			tokens, charged := len(d.sb.Stripe.Tokens()), d.succeeded()
			var raced error
			d.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
				raced = tc.race(d, setup)
				next.ServeHTTP(w, r)
			})
			ch, err := d.removeVisa(d.svc)
			if err != nil {
				t.Fatalf("removal: %v, want done", err)
			}
			if ch.NewDefault.ID != "pm_card_amex" || !ch.NewDefault.Default {
				t.Errorf("removal's new default %+v, want the amex", ch.NewDefault)
			}
			wantRefusal(t, raced, checkout.RefusalCardRemoved)
			if n := len(d.sb.Stripe.Tokens()) - tokens; n != 0 {
				t.Errorf("%d tokens issued for the card being removed, want 0", n)
			}
			if n := d.succeeded() - charged; n != 0 {
				t.Errorf("%d charges while the card was being removed, want 0", n)
			}
			if got := d.listed(); got != "8431*" {
				t.Errorf("cards on file %q, want the amex alone, the default", got)
			}
			if !d.visaDetachedInStripe() {
				t.Error("the visa is still attached in Stripe")
			}
			if last4, err := d.buyWithDefault(d.svc); err != nil || last4 != "8431" {
				t.Errorf("purchase after the removal: card %q, %v; want paid with the amex", last4, err)
			}
		})
	}
}

// confirmCheckoutRefused runs a checkout that buys nothing because every seller order
// was refused alike, and returns that refusal (or the checkout's error).
func confirmCheckoutRefused(e *env, run func() (checkout.CheckoutOutcome, error)) error {
	out, err := run()
	if err != nil {
		return err
	}
	if out.Status != checkout.CheckoutNothingBought || len(out.Orders) == 0 {
		e.t.Errorf("checkout %s with %d seller orders, want nothing bought", out.Status, len(out.Orders))
		return nil
	}
	for _, so := range out.Orders {
		if so.Refusal == nil || so.Refusal.Code != out.Orders[0].Refusal.Code {
			e.t.Errorf("seller order %s: %+v, want every one refused alike", so.Purchase.SellerID, so.Refusal)
		}
	}
	return out.Orders[0].Refusal
}

// TestRemovalStripeAnswerLost: Stripe detaches the Visa but its answer never comes
// back (a 500 after executing; a crash right after the detach leaves the card marked,
// detached in Stripe, still on file, as TestRecoveryFinishesRemovals has it). The
// removal says so (card_removal_pending) and is not taken back: the card is never paid
// with again (not listed, a quote made with it refused card_removed), the default
// moves to the Amex at once as the confirmation said (purchases and renewals pay with
// it), and recovery, after a restart, finishes the removal once it has waited long
// enough.
func TestRemovalStripeAnswerLost(t *testing.T) {
	ctx := context.Background()
	d := newDetachEnv(t)
	sub := d.subscribe(apiPlan, 1).Subscription.ID
	rules := noLimits
	rules.ConfirmAbove = 55_00
	if err := d.st.SetRules(ctx, d.customer, rules); err != nil {
		t.Fatal(err)
	}
	quoted := quotePurchase(d.env) // with the Visa, the default
	d.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		next.ServeHTTP(httptest.NewRecorder(), r) // Stripe detaches; the answer is lost
		http.Error(w, `{"error":{"type":"api_error","message":"An unknown error occurred."}}`, http.StatusInternalServerError)
	})
	card := cardOf(t, d.env, d.customer, store.DemoPaymentMethod)
	visaOrders := d.visaOrders()
	_, err := d.removeVisa(d.svc)
	var we *checkout.WalletError
	if !errors.As(err, &we) || we.Code != checkout.WalletCardRemovalPending || we.PaymentMethodID != card {
		t.Fatalf("removal: %v, want card_removal_pending for %s", err, card)
	}
	if got := d.listed(); got != "8431*" {
		t.Errorf("cards listed %q, want the amex alone, the default (the visa is being removed)", got)
	}
	tokens, charged := len(d.sb.Stripe.Tokens()), d.succeeded()
	wantRefusal(t, confirmPurchase(d.env, quoted), checkout.RefusalCardRemoved)
	if n, m := len(d.sb.Stripe.Tokens())-tokens, d.succeeded()-charged; n != 0 || m != 0 {
		t.Errorf("%d tokens and %d charges for the quote made with the card being removed, want none", n, m)
	}
	if last4, err := d.buyWithDefault(d.svc); err != nil || last4 != "8431" {
		t.Errorf("purchase while the removal is pending: card %q, %v; want paid with the amex", last4, err)
	}
	d.clock.Advance(month)
	if rep, err := d.svc.RenewDue(ctx); err != nil || rep.Paid != 1 {
		t.Errorf("renewal %+v, %v; want it paid with the new default", rep, err)
	}
	if u := d.subscription(sub); u.State != store.SubscriptionActive {
		t.Errorf("subscription %s (%s), want active", u.State, u.PauseCode)
	}
	if n := d.visaOrders() - visaOrders; n != 0 {
		t.Errorf("%d orders paid with the visa after its removal, want 0", n)
	}

	// A restart; the removal is younger than recovery's wait, then older.
	svc := d.service()
	if rep, err := svc.Recover(ctx, 2*month); err != nil || rep.CardsRemoved != 0 {
		t.Fatalf("recovery of a recent removal: %+v, %v; want it left to its call", rep, err)
	}
	d.setHook(nil)
	detaches := d.detaches.Load()
	for i := range 2 { // a second run finds nothing left to do
		rep, err := svc.Recover(ctx, time.Minute)
		if err != nil || rep.CardsRemoved != 1-i {
			t.Fatalf("recovery %d: %+v, %v; want %d card removed", i, rep, err, 1-i)
		}
	}
	if n := d.detaches.Load() - detaches; n != 1 {
		t.Errorf("recovery detached %d times, want once (Stripe answers it is detached already)", n)
	}
	if got := d.listed(); got != "8431*" {
		t.Errorf("cards on file after recovery %q, want the amex alone, the default", got)
	}
	if !d.visaDetachedInStripe() {
		t.Error("the visa is still attached in Stripe")
	}
	if last4, err := d.buyWithDefault(svc); err != nil || last4 != "8431" {
		t.Errorf("purchase after recovery: card %q, %v; want paid with the amex", last4, err)
	}
}

// TestRemovalStripeDidNotAct: when Stripe is known not to have detached the card (it
// refused the request before acting: rate limited, this server's key refused),
// nothing is removed: the card is back in use as it was, the default, and pays.
func TestRemovalStripeDidNotAct(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   checkout.WalletCode
	}{
		{"rate limited", http.StatusTooManyRequests, `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests."}}`, checkout.WalletUnavailable},
		{"key refused", http.StatusUnauthorized, `{"error":{"type":"invalid_request_error","message":"Invalid API Key provided."}}`, checkout.WalletMisconfigured},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDetachEnv(t)
			d.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			if _, err := d.removeVisa(d.svc); walletCode(err) != tc.want {
				t.Fatalf("removal: %v, want %s", err, tc.want)
			}
			if got := d.listed(); got != "4242* 8431" {
				t.Errorf("cards on file %q, want both, the visa the default", got)
			}
			if d.visaDetachedInStripe() {
				t.Error("the visa was detached in Stripe")
			}
			// visaDetachedInStripe detached it for real: attach it again to pay with it.
			if _, err := spt.New(d.sb.AgentStripe()).AttachPaymentMethod(context.Background(), store.DemoPaymentMethod, d.stripeCustomer, ""); err != nil {
				t.Fatal(err)
			}
			if last4, err := d.buyWithDefault(d.svc); err != nil || last4 != "4242" {
				t.Errorf("purchase after the refused removal: card %q, %v; want paid with the visa", last4, err)
			}
			if rep, err := d.service().Recover(context.Background(), 0); err != nil || rep.CardsRemoved != 0 {
				t.Errorf("recovery: %+v, %v; want no card removed", rep, err)
			}
		})
	}
}

// TestRecoveryFinishesRemovals: a crash after a removal marked the card, before or
// after Stripe's detach, leaves the card marked and on file; recovery, once the
// removal has waited long enough, detaches it (Stripe may answer that it is detached
// already) and takes it off file, and the next card becomes the default. A card whose
// detach Stripe does not answer stays marked for the next run.
func TestRecoveryFinishesRemovals(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name        string
		detached    bool // Stripe detached it before the crash
		stripeDown  bool // Stripe does not answer recovery's detach
		wantRemoved int
	}{
		{"crash before Stripe's detach", false, false, 1},
		{"crash after Stripe's detach", true, false, 1},
		{"Stripe does not answer recovery", true, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDetachEnv(t)
			if _, err := d.st.StartRemovingPaymentMethod(ctx, d.customer, store.DemoPaymentMethod); err != nil {
				t.Fatal(err)
			}
			if tc.detached {
				if err := spt.New(d.sb.AgentStripe()).DetachPaymentMethod(ctx, store.DemoPaymentMethod, ""); err != nil {
					t.Fatal(err)
				}
			}
			if tc.stripeDown {
				d.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
					http.Error(w, "bad gateway", http.StatusBadGateway)
				})
			}
			d.clock.Advance(5 * time.Minute)
			rep, err := d.service().Recover(ctx, time.Minute)
			if err != nil || rep.CardsRemoved != tc.wantRemoved {
				t.Fatalf("recovery: %+v, %v; want %d card removed", rep, err, tc.wantRemoved)
			}
			want := "8431*"
			if tc.wantRemoved == 0 {
				want = "8431" // still being removed: not listed, the default until removed
				if !strings.Contains(d.logs.String(), "tried again at the next recovery") {
					t.Error("the log does not say the removal is tried again")
				}
			}
			if got := d.listed(); got != want {
				t.Errorf("cards listed after recovery %q, want %q", got, want)
			}
			if !d.visaDetachedInStripe() {
				t.Error("the visa is still attached in Stripe")
			}
		})
	}
}

// TestTwoRemovalsOfOneCard: two confirmed removals of the same card, both planned
// before either marks it. The first one's detach may have happened (no answer came
// back), the second one's is refused before Stripe acts. The second must not take
// the first one's mark back: the card, perhaps detached in Stripe, stays out of use
// and recovery finishes its removal.
func TestTwoRemovalsOfOneCard(t *testing.T) {
	ctx := context.Background()
	d := newDetachEnv(t)
	card := cardOf(t, d.env, d.customer, store.DemoPaymentMethod)
	confirm := func(state string) (checkout.MethodChange, error) {
		return d.svc.ConfirmMethodChange(ctx, d.customer, state, checkout.ViaQuoteID, checkout.ChangeRemove, card, checkout.AnswerYes)
	}
	var states []string
	for range 2 {
		ch, err := d.svc.PlanMethodChange(ctx, d.customer, checkout.ChangeRemove, card)
		if err != nil {
			t.Fatal(err)
		}
		states = append(states, d.svc.SealMethodChange(d.customer, ch, checkout.ViaQuoteID))
	}
	var second atomic.Bool
	var secondErr error
	d.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if second.Load() { // the second removal's detach: refused before Stripe acts
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests."}}`))
			return
		}
		if second.CompareAndSwap(false, true) { // while the first detach is in flight
			_, secondErr = confirm(states[1])
		}
		next.ServeHTTP(httptest.NewRecorder(), r) // Stripe detaches; the answer is lost
		http.Error(w, `{"error":{"type":"api_error","message":"An unknown error occurred."}}`, http.StatusInternalServerError)
	})
	if _, err := confirm(states[0]); walletCode(err) != checkout.WalletCardRemovalPending {
		t.Fatalf("first removal: %v, want card_removal_pending", err)
	}
	if !second.Load() {
		t.Fatal("the second removal did not run during the first one's detach")
	}
	if code := walletCode(secondErr); secondErr != nil && code != checkout.WalletCardRemovalPending {
		t.Errorf("second removal: %v, want it done or card_removal_pending, not that nothing was changed", secondErr)
	}
	if got := d.listed(); got != "8431*" {
		t.Errorf("cards listed %q, want the amex alone, the default (the visa is being removed)", got)
	}
	if last4, err := d.buyWithDefault(d.svc); err != nil || last4 != "8431" {
		t.Errorf("purchase after both removals: card %q, %v; want paid with the amex", last4, err)
	}
	d.setHook(nil)
	d.clock.Advance(time.Hour)
	if rep, err := d.service().Recover(ctx, 3*time.Minute); err != nil || rep.CardsRemoved != 1 {
		t.Errorf("recovery %+v, %v; want the visa removed", rep, err)
	}
	if got := d.listed(); got != "8431*" {
		t.Errorf("cards listed after recovery %q, want the amex alone", got)
	}
}

// TestRecoveryTakesOverASlowRemoval: a removal whose Stripe call outlasts recovery's
// wait. Recovery detaches the card; then the removal's own call hears that Stripe
// did not act (rate limited). The removal is recovery's by then: the card, detached
// in Stripe, is not put back in use (a purchase quoted with it is refused
// card_removed, no token, no charge), the person is not told that nothing changed,
// and recovery takes it off file.
func TestRecoveryTakesOverASlowRemoval(t *testing.T) {
	ctx := context.Background()
	d := newDetachEnv(t)
	rules := noLimits
	rules.ConfirmAbove = 55_00
	if err := d.st.SetRules(ctx, d.customer, rules); err != nil {
		t.Fatal(err)
	}
	quoted := quotePurchase(d.env) // with the Visa, the default
	recoveryDetached, releaseRecovery := make(chan struct{}), make(chan struct{})
	recovered := make(chan error, 1)
	var calls atomic.Int32
	d.setHook(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if calls.Add(1) == 1 { // the removal's own call, slow: recovery runs meanwhile
			d.clock.Advance(5 * time.Minute) // past recovery's wait, within the quote's
			go func() {
				rep, err := d.service().Recover(ctx, 3*time.Minute)
				if err == nil && rep.CardsRemoved != 1 {
					err = fmt.Errorf("recovery removed %d cards, want 1", rep.CardsRemoved)
				}
				recovered <- err
			}()
			select {
			case <-recoveryDetached:
			case <-time.After(10 * time.Second):
				t.Error("recovery did not detach the card")
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests."}}`))
			return
		}
		next.ServeHTTP(w, r) // recovery's: Stripe detaches
		if calls.Load() == 2 {
			close(recoveryDetached)
			<-releaseRecovery // recovery takes the card off file only once the removal's call has ended
		}
	})
	_, err := d.removeVisa(d.svc)
	if walletCode(err) == checkout.WalletUnavailable {
		t.Errorf("removal answered %v: nothing was changed, yet recovery detached the card", err)
	} else if err != nil {
		t.Errorf("removal: %v, want it done (recovery finishes it)", err)
	}
	tokens, charged := len(d.sb.Stripe.Tokens()), d.succeeded()
	wantRefusal(t, confirmPurchase(d.env, quoted), checkout.RefusalCardRemoved)
	if n, m := len(d.sb.Stripe.Tokens())-tokens, d.succeeded()-charged; n != 0 || m != 0 {
		t.Errorf("%d tokens and %d charges with the card recovery detached, want none", n, m)
	}
	close(releaseRecovery)
	if err := <-recovered; err != nil {
		t.Errorf("recovery: %v", err)
	}
	if got := d.listed(); got != "8431*" {
		t.Errorf("cards listed %q, want the amex alone, the default", got)
	}
	if !d.visaDetachedInStripe() {
		t.Error("the visa is still attached in Stripe")
	}
}
