package checkout_test

import (
	"context"
	"errors"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestCardsPayOnlyInTheirMode: a server pays only with a default card put on file in
// its own mode. A purchase, a cart checkout and a subscription's first charge with a
// card of another mode are refused (card_other_mode, naming both modes), nothing
// charged; such a card cannot be made the default here; and a renewal whose default
// card was switched to one of another mode (by a server of that mode sharing the
// store) pauses with that reason instead of charging it, and is charged once resumed
// with a card of its mode.
func TestCardsPayOnlyInTheirMode(t *testing.T) {
	e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.Mode = checkout.ModeTest }})
	ctx := context.Background()
	sandboxCard, err := e.st.DefaultPaymentMethod(ctx, e.customer) // the demo card, seeded for the sandbox
	if err != nil || sandboxCard.Mode != store.ModeSandbox {
		t.Fatalf("demo card %+v, %v", sandboxCard, err)
	}
	otherMode := func(what string, err error) {
		t.Helper()
		var ref *checkout.Refusal
		if !errors.As(err, &ref) || ref.Code != checkout.RefusalCardOtherMode || ref.Params.Mode != checkout.ModeSandbox ||
			ref.Params.ServerMode != checkout.ModeTest || ref.Params.CardLast4 != sandboxCard.Last4 {
			t.Errorf("%s: %v (%+v), want card_other_mode for the sandbox card on a test server", what, err, ref)
		}
	}
	p := e.product(500, 3000)
	_, err = e.buy(p.ID, 1)
	otherMode("purchase", err)
	if _, err := e.svc.AddToCart(ctx, e.customer, p.ID, 1); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer})
	otherMode("checkout", err)
	_, err = e.svc.Subscribe(ctx, checkout.SubscribeRequest{CustomerID: e.customer, ProductID: apiPlan, Quantity: 1})
	otherMode("subscribe", err)
	if n := e.succeeded(); n != 0 || len(e.sb.Stripe.Tokens()) != 0 {
		t.Fatalf("%d charges, %d tokens with a card of another mode; want none", n, len(e.sb.Stripe.Tokens()))
	}

	// A card of the server's mode pays.
	testCard := e.addTestCard(t)
	var we *checkout.WalletError
	if _, err := e.svc.PlanMethodChange(ctx, e.customer, checkout.ChangeSetDefault, sandboxCard.CardID); !errors.As(err, &we) ||
		we.Code != checkout.WalletOtherMode || we.Mode != checkout.ModeSandbox || we.ServerMode != checkout.ModeTest {
		t.Errorf("making the sandbox card the default on a test server: %v", err)
	}
	id := e.subscribe(apiPlan, 1).Subscription.ID
	if e.succeeded() != 1 {
		t.Fatalf("%d charges after subscribing, want 1", e.succeeded())
	}

	// A sandbox server sharing the store makes the sandbox card the default again.
	if err := e.st.SetDefaultPaymentMethod(ctx, e.customer, sandboxCard.ID); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(month)
	if rep := e.renew(e.svc, 2); rep.Paused != 1 || rep.Paid != 0 {
		t.Fatalf("renewal with a sandbox default card: %+v, want paused", rep)
	}
	u := e.subscription(id)
	if pr := checkout.PauseRefusal(u); u.State != store.SubscriptionPaused || pr == nil || pr.Code != checkout.RefusalCardOtherMode {
		t.Fatalf("subscription %+v (%+v), want paused for card_other_mode", u, pr)
	}
	if e.succeeded() != 1 {
		t.Fatalf("%d charges, want 1: the sandbox card is never charged by a test server", e.succeeded())
	}

	if err := e.st.SetDefaultPaymentMethod(ctx, e.customer, testCard.ID); err != nil {
		t.Fatal(err)
	}
	res, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID)
	if err != nil || res.First == nil || res.First.Status != checkout.RenewPaid {
		t.Fatalf("resume with a card of the mode = %+v, %v; want the cycle paid", res, err)
	}
	if e.succeeded() != 2 {
		t.Fatalf("%d charges, want 2", e.succeeded())
	}
}

// TestUnknownModePaysAndRenewsNowhere: a card or subscription of unknown mode (one
// from before modes were recorded that nothing vouches for, store migration 0032)
// is another mode for every server, the sandbox included: the card pays nothing and
// is never made the default, the subscription is neither renewed nor resumed; putting
// the card on file again gives it the server's mode, and it pays.
func TestUnknownModePaysAndRenewsNowhere(t *testing.T) {
	e := newEnv(t, envOpts{}) // the sandbox, whose own mode an unknown card is not
	ctx := context.Background()
	id := e.subscribe(apiPlan, 1).Subscription.ID
	if e.succeeded() != 1 {
		t.Fatalf("%d charges after subscribing, want 1", e.succeeded())
	}
	card, err := e.st.DefaultPaymentMethod(ctx, e.customer)
	if err != nil {
		t.Fatal(err)
	}
	e.execDDL(`UPDATE payment_methods SET mode = 'unknown'`)
	e.execDDL(`UPDATE subscriptions SET mode = 'unknown'`)

	var ref *checkout.Refusal
	if _, err := e.buy(e.product(500, 3000).ID, 1); !errors.As(err, &ref) || ref.Code != checkout.RefusalCardOtherMode ||
		ref.Params.Mode != checkout.ModeUnknown || ref.Params.ServerMode != checkout.ModeSandbox {
		t.Errorf("purchase with a card of unknown mode: %v (%+v), want card_other_mode naming mode unknown", err, ref)
	}
	if _, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_mastercard", CustomerID: e.customer,
		Brand: "mastercard", Last4: "4444", Default: true}); err != nil {
		t.Fatal(err)
	}
	var we *checkout.WalletError
	if _, err := e.svc.PlanMethodChange(ctx, e.customer, checkout.ChangeSetDefault, card.CardID); !errors.As(err, &we) ||
		we.Code != checkout.WalletOtherMode || we.Mode != checkout.ModeUnknown {
		t.Errorf("making the card of unknown mode the default: %v, want card_other_mode", err)
	}

	e.clock.Advance(month)
	if rep := e.renew(e.svc, 2); rep != (checkout.RenewReport{}) {
		t.Errorf("renewals of a subscription of unknown mode: %+v, want none", rep)
	}
	u := e.subscription(id)
	if ref := e.svc.OtherMode(u); u.State != store.SubscriptionActive || ref == nil || ref.Code != checkout.RefusalOtherMode || ref.Params.Mode != checkout.ModeUnknown {
		t.Errorf("subscription %s %s, not renewing: %+v; want active and other_mode naming mode unknown", u.State, u.Mode, ref)
	}
	if _, err := e.svc.PauseSubscription(ctx, e.customer, id); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ResumeSubscription(ctx, e.customer, id, checkout.ViaQuoteID); !errors.As(err, &ref) || ref.Code != checkout.RefusalOtherMode {
		t.Errorf("resuming a subscription of unknown mode: %v, want other_mode", err)
	}
	if e.succeeded() != 1 {
		t.Fatalf("%d charges, want still 1", e.succeeded())
	}

	// Put on file again, the card takes the sandbox's mode and pays.
	again, err := e.st.AddPaymentMethod(ctx, store.PaymentMethod{ID: card.ID, CustomerID: e.customer, Brand: card.Brand, Last4: card.Last4, Default: true})
	if err != nil || again.Mode != store.ModeSandbox || again.CardID != card.CardID || !again.Default {
		t.Fatalf("put on file again: %+v, %v; want the same card, default, in sandbox mode", again, err)
	}
	if out, err := e.buy(e.product(500, 3000).ID, 1); err != nil || out.Status != checkout.StatusCompleted {
		t.Fatalf("purchase with the card put on file again: %+v, %v", out, err)
	}
	if e.succeeded() != 2 {
		t.Fatalf("%d charges, want 2", e.succeeded())
	}
}
