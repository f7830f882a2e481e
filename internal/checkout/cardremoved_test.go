package checkout_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// changeCard makes the change action to the customer's card pmID the way the tools
// do: planned, sealed, confirmed by the person.
func changeCard(t *testing.T, e *env, action checkout.ChangeAction, pmID string) {
	t.Helper()
	ctx := context.Background()
	card := cardOf(t, e, e.customer, pmID)
	ch, err := e.svc.PlanMethodChange(ctx, e.customer, action, card)
	if err != nil {
		t.Fatal(err)
	}
	state := e.svc.SealMethodChange(e.customer, ch, checkout.ViaQuoteID)
	if _, err := e.svc.ConfirmMethodChange(ctx, e.customer, state, checkout.ViaQuoteID, action, card, checkout.AnswerYes); err != nil {
		t.Fatal(err)
	}
}

// A quote names the card it is paid with. Once the person has removed that card,
// confirming the quote charges nothing, neither the removed card nor the new default,
// and says why; the quote stays refused.
func TestConfirmAfterItsCardWasRemoved(t *testing.T) {
	ctx := context.Background()
	rules := noLimits
	rules.ConfirmAbove = 50_00
	for _, tc := range []struct {
		name    string
		wallet  bool // detached in Stripe too, not only taken off file
		quote   func(e *env) string
		confirm func(e *env, quoteID string) error
	}{
		{"purchase, detached in Stripe", true, quotePurchase, confirmPurchase},
		{"purchase, removed from file only", false, quotePurchase, confirmPurchase},
		{"checkout, detached in Stripe", true, quoteCheckout, confirmCheckout},
		{"checkout, removed from file only", false, quoteCheckout, confirmCheckout},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var e *env
			if tc.wallet {
				e = walletEnv(t)
			} else {
				e = newEnv(t, envOpts{})
			}
			if err := e.st.SetRules(ctx, e.customer, rules); err != nil {
				t.Fatal(err)
			}
			if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: e.customer, Brand: "amex", Last4: "8431"}); err != nil {
				t.Fatal(err)
			}
			q := tc.quote(e)
			changeCard(t, e, checkout.ChangeRemove, store.DemoPaymentMethod)
			for i := range 2 { // the refusal is recorded: asked again, the same
				ref := wantRefusal(t, tc.confirm(e, q), checkout.RefusalCardRemoved)
				if ref.Params.CardLast4 != "4242" {
					t.Errorf("confirm %d: refusal names card %q, want the quote's 4242", i, ref.Params.CardLast4)
				}
			}
			if n := e.succeeded(); n != 0 {
				t.Errorf("%d succeeded PaymentIntents after the quote's card was removed, want 0", n)
			}
			if n := len(e.sb.Stripe.Tokens()); n != 0 {
				t.Errorf("%d tokens issued after the quote's card was removed, want 0", n)
			}
		})
	}
}

// A card removed after the saga chose it (held while the seller's session opens, so
// after every earlier check) is refused card_removed by the approval itself: no token,
// no charge, and not the new default card in its place. A renewal so refused pauses
// its subscription with that reason, as one with no card does.
func TestCardRemovedBeforeTheApproval(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		// setup runs before the sellers are armed (a subscription's first cycle);
		// run is what the removal lands in, and returns its refusal.
		setup func(e *env) string
		run   func(e *env, svc *checkout.Service, setup string) error
	}{
		{"purchase", func(*env) string { return "" }, func(e *env, svc *checkout.Service, _ string) error {
			_, err := svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 6000).ID, Quantity: 1})
			return err
		}},
		{"checkout", func(e *env) string { e.fillCart(); return "" }, func(e *env, svc *checkout.Service, _ string) error {
			out, err := svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
			if err != nil || len(out.Orders) == 0 || out.Orders[0].Refusal == nil {
				return err // nil when a seller order was not refused
			}
			for _, so := range out.Orders {
				if so.Refusal == nil || so.Refusal.Code != checkout.RefusalCardRemoved {
					e.t.Errorf("seller order %s: %+v, want refused card_removed", so.Purchase.SellerID, so.Refusal)
				}
			}
			return out.Orders[0].Refusal
		}},
		{"renewal", func(e *env) string { return e.subscribe(apiPlan, 1).Subscription.ID }, func(e *env, svc *checkout.Service, id string) error {
			e.clock.Advance(month)
			rep, err := svc.RenewDue(ctx)
			if err != nil || rep.Paused != 1 {
				e.t.Fatalf("renewal %+v, %v; want it paused", rep, err)
			}
			u := e.subscription(id)
			if u.State != store.SubscriptionPaused {
				e.t.Fatalf("subscription %s, want paused", u.State)
			}
			return &checkout.Refusal{Code: checkout.RefusalCode(u.PauseCode)}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rules := noLimits
			e := newEnv(t, envOpts{rules: &rules})
			if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: e.customer, Brand: "amex", Last4: "8431"}); err != nil {
				t.Fatal(err)
			}
			setup := tc.setup(e)
			tokens, charged := len(e.sb.Stripe.Tokens()), e.succeeded()
			b := blockingSellers{Sellers: e.cfg.Sellers, armed: &atomic.Bool{}, entered: make(chan struct{}), release: make(chan struct{})}
			cfg := e.cfg
			cfg.Sellers = b
			svc := mustService(t, cfg)
			b.armed.Store(true)
			go func() {
				<-b.entered
				if err := e.st.RemovePaymentMethod(ctx, e.customer, store.DemoPaymentMethod); err != nil {
					t.Error(err)
				}
				close(b.release)
			}()
			wantRefusal(t, tc.run(e, svc, setup), checkout.RefusalCardRemoved)
			if n := len(e.sb.Stripe.Tokens()) - tokens; n != 0 {
				t.Errorf("%d tokens issued for a card removed before the approval, want 0", n)
			}
			if n := e.succeeded() - charged; n != 0 {
				t.Errorf("%d charges after the card was removed, want 0", n)
			}
		})
	}
}

func quotePurchase(e *env) string {
	q := e.quote(e.product(6000, 40000).ID, "quote")
	if q.Purchase.CardLast4 != "4242" {
		e.t.Fatalf("quoted with %s, want the default visa", q.Purchase.CardLast4)
	}
	return q.Purchase.QuoteID
}

func confirmPurchase(e *env, quoteID string) error {
	_, err := e.svc.Purchase(context.Background(), checkout.Request{CustomerID: e.customer, QuoteID: quoteID})
	return err
}

func quoteCheckout(e *env) string {
	e.fillCart()
	q, err := e.svc.Checkout(context.Background(), checkout.CheckoutRequest{CustomerID: e.customer})
	if err != nil || q.Status != checkout.CheckoutConfirmationRequired {
		e.t.Fatalf("checkout quote: %+v, %v", q.Status, err)
	}
	return q.Checkout.QuoteID
}

// confirmCheckout confirms a checkout quote; a checkout that bought nothing because
// every seller order was refused is that refusal.
func confirmCheckout(e *env, quoteID string) error {
	out, err := e.svc.Checkout(context.Background(), checkout.CheckoutRequest{CustomerID: e.customer, QuoteID: quoteID})
	if err != nil {
		return err
	}
	if out.Status != checkout.CheckoutNothingBought {
		e.t.Fatalf("checkout confirmed: %s, want nothing bought", out.Status)
	}
	for _, so := range out.Orders {
		if so.Refusal == nil || so.Refusal.Code != out.Orders[0].Refusal.Code {
			e.t.Fatalf("seller order %s: %+v, want every one refused alike", so.Purchase.SellerID, so.Refusal)
		}
	}
	return out.Orders[0].Refusal
}

// TestCardPayingNotRemoved: while a purchase with the card is being paid (held here at
// the seller's complete, its token issued), removing the card is refused card_paying
// before the person is asked and in the store, and nothing changes; the purchase is
// paid with it, and afterwards the card can be removed.
func TestCardPayingNotRemoved(t *testing.T) {
	ctx := context.Background()
	rules := noLimits
	e := newEnv(t, envOpts{rules: &rules})
	pms, err := e.st.PaymentMethods(ctx, e.customer)
	if err != nil || len(pms) != 1 {
		t.Fatalf("cards on file %v, %v; want the demo card", pms, err)
	}
	card := pms[0].CardID
	b := blockingSellers{Sellers: e.cfg.Sellers, armed: &atomic.Bool{}, entered: make(chan struct{}), release: make(chan struct{}), atComplete: true}
	cfg := e.cfg
	cfg.Sellers = b
	svc := mustService(t, cfg)
	b.armed.Store(true)
	go func() {
		defer close(b.release)
		<-b.entered
		_, err := svc.PlanMethodChange(ctx, e.customer, checkout.ChangeRemove, card)
		var we *checkout.WalletError
		if !errors.As(err, &we) || we.Code != checkout.WalletCardPaying || we.PaymentMethodID != card {
			t.Errorf("removal planned while paying: %v, want card_paying for %s", err, card)
		}
		if err := e.st.RemovePaymentMethod(ctx, e.customer, store.DemoPaymentMethod); !errors.Is(err, store.ErrCardPaying) {
			t.Errorf("store removal while paying: %v, want ErrCardPaying", err)
		}
	}()
	out, err := svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 6000).ID, Quantity: 1})
	if err != nil || out.Purchase.State != store.PurchaseCompleted {
		t.Fatalf("purchase %+v, %v; want completed with the card", out.Purchase.State, err)
	}
	if _, err := svc.PlanMethodChange(ctx, e.customer, checkout.ChangeRemove, card); err != nil {
		t.Fatalf("removal planned after the payment: %v", err)
	}
}
