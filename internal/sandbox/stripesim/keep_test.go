package stripesim

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v82"
)

// TestKeepBoundsRecords makes three times Options.Keep payments, one a second, each
// refunded, and checks that the emulator keeps about Keep of each record (not one per
// payment), that the newest still work in every way, and that the oldest answer as
// after a restart: not found, their idempotency keys run afresh. An uncaptured
// authorization is kept however old.
func TestKeepBoundsRecords(t *testing.T) {
	const keep, paid = 4, 12
	most := keep + keep/4 + 1
	f := newFixture(t, Options{Keep: keep})
	ctx := context.Background()

	hold := &stripe.PaymentIntentCreateParams{Amount: stripe.Int64(1000), Currency: stripe.String("usd"), Confirm: stripe.Bool(true),
		CaptureMethod: stripe.String("manual")}
	hold.AddExtra("payment_method_data[shared_payment_granted_token]", f.issue(t, nil))
	hold.Headers = http.Header{"Stripe-Version": {preview}}
	held, err := f.client(sellerKey).V1PaymentIntents.Create(ctx, hold)
	if err != nil || held.Status != stripe.PaymentIntentStatusRequiresCapture {
		t.Fatalf("authorize: %+v, %v", held, err)
	}

	var tokens, intents, refunds []string
	for i := range paid {
		f.clock.Advance(time.Second)
		tok := f.issue(t, nil)
		pi, err := f.charge(sellerKey, tok, 1000, "usd", "charge-"+strconv.Itoa(i))
		if err != nil {
			t.Fatal(err)
		}
		re, err := f.refund(sellerKey, pi.ID, 0, "refund-"+strconv.Itoa(i))
		if err != nil {
			t.Fatal(err)
		}
		tokens, intents, refunds = append(tokens, tok), append(intents, pi.ID), append(refunds, re.ID)
	}
	r := f.sb.Records()
	if r.Tokens > most || r.PaymentIntents > most+1 || r.PaymentMethods > most+1 || r.Refunds > most || r.Answers > most {
		t.Fatalf("after %d payments the emulator keeps %+v, want at most %d of each (%d with the hold)", paid, r, most, most+1)
	}
	if n := len(f.sb.PaymentIntents()); n != r.PaymentIntents {
		t.Fatalf("PaymentIntents lists %d, the records count %d", n, r.PaymentIntents)
	}
	newest, oldest := paid-1, 0
	get := func(key, path string) error {
		_, _, err := f.raw(t, key, http.MethodGet, path, nil, "", "")
		return err
	}

	cases := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"newest token read", func(t *testing.T) {
			if err := get(agentKey, "/v1/shared_payment/issued_tokens/"+tokens[newest]); err != nil {
				t.Errorf("GET newest token: %v", err)
			}
		}},
		{"newest payment and refund read", func(t *testing.T) {
			if err := get(sellerKey, "/v1/payment_intents/"+intents[newest]); err != nil {
				t.Errorf("GET newest PaymentIntent: %v", err)
			}
			if err := get(sellerKey, "/v1/refunds/"+refunds[newest]); err != nil {
				t.Errorf("GET newest refund: %v", err)
			}
		}},
		{"newest charge replayed", func(t *testing.T) {
			again, err := f.charge(sellerKey, tokens[newest], 1000, "usd", "charge-"+strconv.Itoa(newest))
			if err != nil || again.ID != intents[newest] || again.LastResponse.Header.Get("Idempotent-Replayed") != "true" {
				t.Errorf("charge again with the newest key: %v, %v; want %s replayed", again, err, intents[newest])
			}
		}},
		{"held authorization kept", func(t *testing.T) {
			p := &stripe.PaymentIntentCaptureParams{}
			got, err := f.client(sellerKey).V1PaymentIntents.Capture(ctx, held.ID, p)
			if err != nil || got.Status != stripe.PaymentIntentStatusSucceeded {
				t.Errorf("capture the oldest, held, PaymentIntent: %+v, %v; want succeeded (never forgotten)", got, err)
			}
		}},
		{"oldest token forgotten", func(t *testing.T) {
			stripeErr(t, get(agentKey, "/v1/shared_payment/issued_tokens/"+tokens[oldest]), http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
		}},
		{"oldest payment and refund forgotten", func(t *testing.T) {
			stripeErr(t, get(sellerKey, "/v1/payment_intents/"+intents[oldest]), http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
			stripeErr(t, get(sellerKey, "/v1/refunds/"+refunds[oldest]), http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
			if slices.ContainsFunc(f.sb.PaymentIntents(), func(p PaymentIntent) bool { return p.ID == intents[oldest] }) {
				t.Errorf("the oldest PaymentIntent is still listed")
			}
		}},
		{"oldest charge key runs afresh", func(t *testing.T) {
			// Not replayed: run again, with a token the emulator no longer knows.
			_, err := f.charge(sellerKey, tokens[oldest], 1000, "usd", "charge-"+strconv.Itoa(oldest))
			stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, c.check)
	}
}

// TestAnswersForgottenAfterADay checks that stored idempotent answers go once Stripe's
// window (24 hours) has passed, however few there are.
func TestAnswersForgottenAfterADay(t *testing.T) {
	f := newFixture(t, Options{})
	if _, err := f.charge(sellerKey, f.issue(t, nil), 1000, "usd", "first"); err != nil {
		t.Fatal(err)
	}
	first := f.sb.Records().Answers // the issue's (stripe-go sends a key) and the charge's
	if first == 0 {
		t.Fatal("no answer stored")
	}
	f.clock.Advance(idemWindow + time.Minute)
	if _, err := f.charge(sellerKey, f.issue(t, nil), 1000, "usd", "second"); err != nil {
		t.Fatal(err)
	}
	if n := f.sb.Records().Answers; n != first {
		t.Fatalf("%d stored answers a day after the first %d, want %d (the second's only)", n, first, first)
	}
}
