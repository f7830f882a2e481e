package checkout_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
)

func TestConfirmSealed(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	quote := func() (checkout.Outcome, string) {
		t.Helper()
		out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: e.product(6000, 40000).ID, Quantity: 1, ConfirmVia: checkout.ViaElicitation})
		if err != nil || out.Status != checkout.StatusConfirmationRequired {
			t.Fatalf("quote: %+v, %v", out, err)
		}
		return out, e.svc.Seal(out.Purchase)
	}

	_, state := quote()
	tampered := state[:len(state)-2] + "AA"
	if strings.HasSuffix(state, "AA") {
		tampered = state[:len(state)-2] + "BB"
	}
	for name, s := range map[string]string{"empty": "", "garbage": "not-a-state", "tampered": tampered} {
		_, err := e.svc.ConfirmSealed(ctx, e.customer, s, checkout.AnswerYes)
		wantRefusal(t, err, "confirmation_invalid")
		_ = name
	}
	_, err := e.svc.ConfirmSealed(ctx, "cus_someone_else", state, checkout.AnswerYes)
	wantRefusal(t, err, "confirmation_invalid")
	if n := len(e.sb.Stripe.Tokens()); n != 0 {
		t.Fatalf("%d tokens issued without a valid confirmation", n)
	}

	first, err := e.svc.ConfirmSealed(ctx, e.customer, state, checkout.AnswerYes)
	if err != nil || first.Status != checkout.StatusCompleted {
		t.Fatalf("accept: %+v, %v", first, err)
	}
	replay, err := e.svc.ConfirmSealed(ctx, e.customer, state, checkout.AnswerYes)
	if err != nil || replay.Order == nil || replay.Order.ID != first.Order.ID {
		t.Fatalf("replayed state: %+v, %v; want the first order and no new charge", replay, err)
	}
	if n := e.succeeded(); n != 1 {
		t.Errorf("%d succeeded PaymentIntents, want 1", n)
	}

	_, state = quote()
	_, err = e.svc.ConfirmSealed(ctx, e.customer, state, checkout.AnswerNo)
	wantRefusal(t, err, "declined_by_person")
	_, err = e.svc.ConfirmSealed(ctx, e.customer, state, checkout.AnswerYes)
	wantRefusal(t, err, "declined_by_person")

	// Accepted without the box ticked: nothing is bought, and the quote is now one to
	// confirm by its id; its sealed state confirms nothing any more.
	unticked, state := quote()
	out, err := e.svc.ConfirmSealed(ctx, e.customer, state, checkout.AnswerUnticked)
	if err != nil || out.Status != checkout.StatusConfirmationRequired || out.Purchase.ConfirmVia != checkout.ViaQuoteID {
		t.Fatalf("unticked: %+v, %v; want a quote to confirm by id", out, err)
	}
	if n := len(e.sb.Stripe.Tokens()); n != 1 {
		t.Fatalf("%d tokens after an unticked answer, want the first purchase's 1", n)
	}
	sealed := e.svc.Seal(out.Purchase)
	_, err = e.svc.ConfirmSealed(ctx, e.customer, sealed, checkout.AnswerYes)
	wantRefusal(t, err, "confirmation_invalid")
	if done, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, QuoteID: unticked.Purchase.QuoteID}); err != nil || done.Status != checkout.StatusCompleted {
		t.Fatalf("confirm by id after unticked: %+v, %v", done, err)
	}

	_, state = quote()
	e.clock.Advance(checkout.DefaultQuoteTTL + time.Second)
	_, err = e.svc.ConfirmSealed(ctx, e.customer, state, checkout.AnswerYes)
	wantRefusal(t, err, "confirmation_invalid")
	if n := e.succeeded(); n != 2 {
		t.Errorf("%d succeeded PaymentIntents after declines and expiry, want 2", n)
	}
}
