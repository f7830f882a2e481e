package stripesim

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v82"
)

func TestIdempotentChargeReplay(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, nil)
	first, err := f.charge(sellerKey, id, 1000, "usd", "order-1")
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.charge(sellerKey, id, 1000, "usd", "order-1")
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	if again.ID != first.ID || string(again.LastResponse.RawJSON) != string(first.LastResponse.RawJSON) {
		t.Fatalf("replay = %s, want %s", again.LastResponse.RawJSON, first.LastResponse.RawJSON)
	}
	if again.LastResponse.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay lacks Idempotent-Replayed: true")
	}
	if n := len(f.sb.PaymentIntents()); n != 1 {
		t.Fatalf("%d PaymentIntents, want 1", n)
	}
	// Another account may use the same key for its own request.
	if _, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", f.issueForm(nil), "order-1", ""); err != nil {
		t.Fatalf("same key on another account: %v", err)
	}
}

func TestIdempotencyConflict(t *testing.T) {
	for _, tc := range []struct {
		name   string
		second func(t *testing.T, f *fixture, id string) error
	}{
		{"other amount", func(t *testing.T, f *fixture, id string) error {
			_, err := f.charge(sellerKey, id, 999, "usd", "k")
			return err
		}},
		{"other endpoint", func(t *testing.T, f *fixture, id string) error {
			_, _, err := f.raw(t, sellerKey, http.MethodPost, "/v1/test_helpers/shared_payment/granted_tokens", map[string]string{
				"payment_method": "pm_card_visa", "usage_limits[currency]": "usd", "usage_limits[max_amount]": "10"}, "k", "")
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Options{})
			id := f.issue(t, nil)
			if _, err := f.charge(sellerKey, id, 1000, "usd", "k"); err != nil {
				t.Fatal(err)
			}
			stripeErr(t, tc.second(t, f, id), http.StatusBadRequest, stripe.ErrorTypeIdempotency, "")
			if n := len(f.sb.PaymentIntents()); n != 1 {
				t.Fatalf("%d PaymentIntents, want 1", n)
			}
		})
	}
}

func TestIdempotentDeclineReplay(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, map[string]string{"payment_method": "pm_card_chargeDeclined"})
	_, err1 := f.charge(sellerKey, id, 1000, "usd", "k")
	_, err2 := f.charge(sellerKey, id, 1000, "usd", "k")
	var a, b *stripe.Error
	if !errors.As(err1, &a) || !errors.As(err2, &b) {
		t.Fatalf("errors = %v, %v", err1, err2)
	}
	if a.HTTPStatusCode != 402 || b.HTTPStatusCode != 402 || a.PaymentIntent.ID != b.PaymentIntent.ID {
		t.Fatalf("decline replay differs: %v vs %v", a, b)
	}
	if n := len(f.sb.PaymentIntents()); n != 1 {
		t.Fatalf("%d PaymentIntents, want 1", n)
	}
}

func TestValidationErrorsAreNotStored(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, nil)
	_, err := f.charge(sellerKey, id, 1000, "eur", "k")
	stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, CodeCurrencyMismatch)
	if _, err := f.charge(sellerKey, id, 1000, "usd", "k"); err != nil {
		t.Fatalf("corrected request with the same key: %v", err)
	}
}

func TestIdempotentIssue(t *testing.T) {
	f := newFixture(t, Options{})
	form := f.issueForm(nil)
	a, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", form, "quote-1", "")
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", form, "quote-1", "")
	if err != nil {
		t.Fatal(err)
	}
	if a["id"] != b["id"] || len(f.sb.Tokens()) != 1 {
		t.Fatalf("replayed issue made %d tokens (%v, %v)", len(f.sb.Tokens()), a["id"], b["id"])
	}
	// Stripe forgets keys after 24 hours.
	f.clock.Advance(25 * time.Hour)
	form = f.issueForm(nil)
	c, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", form, "quote-1", "")
	if err != nil {
		t.Fatal(err)
	}
	if c["id"] == a["id"] {
		t.Fatal("a key older than 24 hours was replayed")
	}
}

func TestConcurrentIdempotentCharges(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, nil)
	const n = 50
	ids := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			pi, err := f.charge(sellerKey, id, 1000, "usd", "same-key")
			errs[i] = err
			if err == nil {
				ids[i] = pi.ID
			}
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || ids[i] != ids[0] {
			t.Fatalf("call %d = %q, %v; want %q", i, ids[i], errs[i], ids[0])
		}
	}
	if got := len(f.sb.PaymentIntents()); got != 1 {
		t.Fatalf("%d PaymentIntents, want 1", got)
	}
}

// TestFailAfterExecuting: a charge that executed but failed 500 made its
// PaymentIntent and used its token; each repeat within the window gets the same 500,
// and a repeat after the window runs afresh and finds the token used up.
func TestFailAfterExecuting(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, nil)
	f.sb.FailAfterExecuting(1)
	_, err := f.charge(sellerKey, id, 1000, "usd", "k")
	stripeErr(t, err, http.StatusInternalServerError, stripe.ErrorTypeAPI, "")
	pis := f.sb.PaymentIntents()
	if len(pis) != 1 || pis[0].Status != "succeeded" {
		t.Fatalf("PaymentIntents %+v; want one succeeded", pis)
	}
	f.clock.Advance(idemWindow - time.Minute)
	_, err = f.charge(sellerKey, id, 1000, "usd", "k")
	stripeErr(t, err, http.StatusInternalServerError, stripe.ErrorTypeAPI, "")
	f.clock.Advance(time.Minute)
	_, err = f.charge(sellerKey, id, 1000, "usd", "k")
	stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, CodeTokenConsumed)
	if n := len(f.sb.PaymentIntents()); n != 1 {
		t.Errorf("%d PaymentIntents, want 1", n)
	}
}
