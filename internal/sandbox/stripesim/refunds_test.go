package stripesim

import (
	"context"
	"net/http"
	"sync"
	"testing"

	stripe "github.com/stripe/stripe-go/v82"
)

// refund refunds amount (0: what is left) of PaymentIntent pi through stripe-go.
func (f *fixture) refund(key, pi string, amount int64, idem string) (*stripe.Refund, error) {
	p := &stripe.RefundCreateParams{PaymentIntent: stripe.String(pi)}
	if amount > 0 {
		p.Amount = stripe.Int64(amount)
	}
	if idem != "" {
		p.SetIdempotencyKey(idem)
	}
	return f.client(key).V1Refunds.Create(context.Background(), p)
}

func TestRefunds(t *testing.T) {
	f := newFixture(t, Options{})
	pi, err := f.charge(sellerKey, issueVisa(t, f), 4000, "usd", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		key    string
		pi     string
		amount int64
		code   string // "" for success
		status int
	}{
		{"another account's payment", otherKey, pi.ID, 0, CodeResourceMissing, http.StatusBadRequest},
		{"unknown payment", sellerKey, "pi_nope", 0, CodeResourceMissing, http.StatusBadRequest},
		{"more than was received", sellerKey, pi.ID, 4001, CodeChargeAlreadyRefunded, http.StatusBadRequest},
		{"part", sellerKey, pi.ID, 1000, "", 0},
		{"the rest, by default", sellerKey, pi.ID, 0, "", 0},
		{"nothing left", sellerKey, pi.ID, 0, CodeChargeAlreadyRefunded, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			re, err := f.refund(tc.key, tc.pi, tc.amount, "")
			if tc.code != "" {
				stripeErr(t, err, tc.status, stripe.ErrorTypeInvalidRequest, tc.code)
				return
			}
			if err != nil || re.Status != stripe.RefundStatusSucceeded || re.PaymentIntent.ID != pi.ID {
				t.Fatalf("refund = %+v, %v", re, err)
			}
		})
	}
	got := f.sb.Refunds()
	if len(got) != 2 || got[0].Amount != 1000 || got[1].Amount != 3000 {
		t.Fatalf("ledger %+v, want refunds of 1000 then 3000", got)
	}
	if pis := f.sb.PaymentIntents(); pis[0].AmountRefunded != 4000 {
		t.Fatalf("PaymentIntent refunded %d, want 4000", pis[0].AmountRefunded)
	}
}

func TestConcurrentIdempotentRefunds(t *testing.T) {
	f := newFixture(t, Options{})
	pi, err := f.charge(sellerKey, issueVisa(t, f), 4000, "usd", "")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	ids := make([]string, 20)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			re, err := f.refund(sellerKey, pi.ID, 0, "cancel-ord_1")
			if err != nil {
				t.Errorf("refund: %v", err)
				return
			}
			ids[i] = re.ID
		}()
	}
	wg.Wait()
	if got := f.sb.Refunds(); len(got) != 1 || got[0].Amount != 4000 {
		t.Fatalf("ledger %+v, want one refund of 4000", got)
	}
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("retries got different refunds: %v", ids)
		}
	}
}
