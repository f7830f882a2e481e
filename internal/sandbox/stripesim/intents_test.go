package stripesim

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v82"
)

func TestChargeRules(t *testing.T) {
	for _, tc := range []struct {
		name     string
		setup    func(t *testing.T, f *fixture) string // returns the token to charge
		key      string
		amount   int64
		currency string
		status   int // 0: success
		typ      stripe.ErrorType
		code     string
		intents  int    // PaymentIntents recorded, the setup's included
		reason   string // the token's deactivated_reason afterwards
	}{
		{name: "success consumes the token", setup: issueVisa, key: sellerKey, amount: 4000, currency: "usd",
			intents: 1, reason: "consumed"},
		{name: "exactly max_amount", setup: issueVisa, key: sellerKey, amount: 5000, currency: "usd",
			intents: 1, reason: "consumed"},
		{name: "currency accepted in upper case", setup: issueVisa, key: sellerKey, amount: 100, currency: "USD",
			intents: 1, reason: "consumed"},
		{name: "currency mismatch", setup: issueVisa, key: sellerKey, amount: 100, currency: "eur",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeCurrencyMismatch},
		{name: "above max_amount", setup: issueVisa, key: sellerKey, amount: 5001, currency: "usd",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeAmountTooLarge},
		{name: "expired", setup: func(t *testing.T, f *fixture) string {
			id := issueVisa(t, f)
			f.clock.Advance(15 * time.Minute)
			return id
		}, key: sellerKey, amount: 100, currency: "usd",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeTokenExpired, reason: "expired"},
		{name: "revoked", setup: func(t *testing.T, f *fixture) string {
			id := issueVisa(t, f)
			if _, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens/"+id+"/revoke", nil, "", ""); err != nil {
				t.Fatal(err)
			}
			return id
		}, key: sellerKey, amount: 100, currency: "usd",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeTokenRevoked, reason: "revoked"},
		{name: "second charge of a single-use token", setup: func(t *testing.T, f *fixture) string {
			id := issueVisa(t, f)
			if _, err := f.charge(sellerKey, id, 100, "usd", ""); err != nil {
				t.Fatal(err)
			}
			return id
		}, key: sellerKey, amount: 100, currency: "usd",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeTokenConsumed, intents: 1, reason: "consumed"},
		{name: "wrong seller", setup: issueVisa, key: otherKey, amount: 100, currency: "usd",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeResourceMissing},
		{name: "issuer cannot charge", setup: issueVisa, key: agentKey, amount: 100, currency: "usd",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeResourceMissing},
		{name: "unknown token", setup: func(*testing.T, *fixture) string { return "spt_doesnotexist" }, key: sellerKey,
			amount: 100, currency: "usd", status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeResourceMissing},
		{name: "requires action", setup: func(t *testing.T, f *fixture) string {
			return f.issue(t, map[string]string{"payment_method": "pm_card_authenticationRequired"})
		}, key: sellerKey, amount: 100, currency: "usd",
			status: 400, typ: stripe.ErrorTypeInvalidRequest, code: CodeTokenRequiresAction},
		{name: "declined", setup: func(t *testing.T, f *fixture) string {
			return f.issue(t, map[string]string{"payment_method": "pm_card_chargeDeclined"})
		}, key: sellerKey, amount: 100, currency: "usd",
			status: 402, typ: stripe.ErrorTypeCard, code: CodeCardDeclined, intents: 1},
		{name: "insufficient funds", setup: func(t *testing.T, f *fixture) string {
			return f.issue(t, map[string]string{"payment_method": "pm_card_chargeDeclinedInsufficientFunds"})
		}, key: sellerKey, amount: 100, currency: "usd",
			status: 402, typ: stripe.ErrorTypeCard, code: CodeCardDeclined, intents: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Options{})
			id := tc.setup(t, f)
			pi, err := f.charge(tc.key, id, tc.amount, tc.currency, "")
			if tc.status == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if pi.Status != stripe.PaymentIntentStatusSucceeded || pi.AmountReceived != tc.amount || pi.Currency != "usd" ||
					pi.LatestCharge == nil || pi.PaymentMethod == nil || pi.Metadata["order"] != "o_1" {
					t.Fatalf("payment intent = %+v", pi)
				}
			} else {
				stripeErr(t, err, tc.status, tc.typ, tc.code)
			}
			if got := len(f.sb.PaymentIntents()); got != tc.intents {
				t.Errorf("%d PaymentIntents, want %d", got, tc.intents)
			}
			if tok, ok := f.sb.Token(id); ok && tok.DeactivatedReason != tc.reason {
				t.Errorf("deactivated_reason = %q, want %q", tok.DeactivatedReason, tc.reason)
			}
		})
	}
}

func issueVisa(t *testing.T, f *fixture) string { return f.issue(t, nil) }

func TestSuccessfulChargeDetails(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, map[string]string{"payment_method": "pm_card_amex"})
	pi, err := f.charge(sellerKey, id, 2500, "usd", "")
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := f.sb.Token(id)
	if tok.Status != "deactivated" || tok.DeactivatedReason != "consumed" || tok.AmountCaptured != 2500 {
		t.Fatalf("token after charge = %+v", tok)
	}
	granted, _, err := f.raw(t, sellerKey, http.MethodGet, "/v1/shared_payment/granted_tokens/"+id, nil, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if granted["usage_details"].(map[string]any)["amount_captured"].(map[string]any)["value"] != 2500.0 ||
		granted["deactivated_reason"] != "consumed" {
		t.Fatalf("granted token after charge = %v", granted)
	}

	// The charge used a PaymentMethod reproduced on the seller's account: brand and
	// last4 only, visible to the seller and no one else.
	pm, err := f.client(sellerKey).V1PaymentMethods.Retrieve(context.Background(), pi.PaymentMethod.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pm.ID == "pm_card_amex" || pm.Card.Brand != "amex" || pm.Card.Last4 != "8431" {
		t.Fatalf("reproduced payment method = %+v card %+v", pm, pm.Card)
	}
	if _, err := f.client(agentKey).V1PaymentMethods.Retrieve(context.Background(), pi.PaymentMethod.ID, nil); err == nil {
		t.Fatal("the agent can read the seller's payment method")
	}

	got, err := f.client(sellerKey).V1PaymentIntents.Retrieve(context.Background(), pi.ID, nil)
	if err != nil || got.ID != pi.ID || got.Status != stripe.PaymentIntentStatusSucceeded {
		t.Fatalf("retrieve = %+v, %v", got, err)
	}
	for _, key := range []string{agentKey, otherKey} {
		_, err := f.client(key).V1PaymentIntents.Retrieve(context.Background(), pi.ID, nil)
		stripeErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
	}

	pis := f.sb.PaymentIntents()
	if len(pis) != 1 || pis[0].ID != pi.ID || pis[0].Account != "acct_seller" || pis[0].Token != id ||
		pis[0].AmountReceived != 2500 || pis[0].PaymentMethod != pm.ID || pis[0].Metadata["order"] != "o_1" {
		t.Fatalf("PaymentIntents() = %+v", pis)
	}
}

func TestDeclineBody(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, map[string]string{"payment_method": "pm_card_chargeDeclinedInsufficientFunds"})
	_, err := f.charge(sellerKey, id, 1200, "usd", "")
	se := stripeErr(t, err, http.StatusPaymentRequired, stripe.ErrorTypeCard, CodeCardDeclined)
	if se.DeclineCode != "insufficient_funds" || se.Msg == "" || se.ChargeID == "" {
		t.Fatalf("decline = %+v", se)
	}
	if se.PaymentIntent == nil || se.PaymentIntent.Status != stripe.PaymentIntentStatusRequiresPaymentMethod ||
		se.PaymentIntent.LastPaymentError == nil || se.PaymentIntent.LastPaymentError.DeclineCode != "insufficient_funds" {
		t.Fatalf("payment_intent in the decline = %+v", se.PaymentIntent)
	}
	tok, _ := f.sb.Token(id)
	if tok.Status != "active" || tok.AmountCaptured != 0 {
		t.Fatalf("token after a decline = %+v, want active with nothing captured", tok)
	}
	pis := f.sb.PaymentIntents()
	if len(pis) != 1 || pis[0].Status != "requires_payment_method" || pis[0].DeclineCode != "insufficient_funds" || pis[0].AmountReceived != 0 {
		t.Fatalf("PaymentIntents() = %+v", pis)
	}
}

func TestPaymentIntentValidation(t *testing.T) {
	f := newFixture(t, Options{})
	id := f.issue(t, nil)
	base := func() map[string]string {
		return map[string]string{"amount": "100", "currency": "usd", "confirm": "true",
			"payment_method_data[shared_payment_granted_token]": id}
	}
	for _, tc := range []struct {
		name    string
		change  func(p map[string]string)
		version string
		code    string
		param   string
	}{
		{"obsolete top-level token", func(p map[string]string) {
			delete(p, "payment_method_data[shared_payment_granted_token]")
			p["shared_payment_granted_token"] = id
		}, "", CodeParameterUnknown, "shared_payment_granted_token"},
		{"missing token", func(p map[string]string) { delete(p, "payment_method_data[shared_payment_granted_token]") }, "",
			CodeParameterMissing, "payment_method_data[shared_payment_granted_token]"},
		{"missing amount", func(p map[string]string) { delete(p, "amount") }, "", CodeParameterMissing, "amount"},
		{"zero amount", func(p map[string]string) { p["amount"] = "0" }, "", CodeParameterInvalidInteger, "amount"},
		{"missing currency", func(p map[string]string) { delete(p, "currency") }, "", CodeParameterMissing, "currency"},
		{"bad currency", func(p map[string]string) { p["currency"] = "us" }, "", CodeParameterInvalid, "currency"},
		{"not confirmed", func(p map[string]string) { delete(p, "confirm") }, "", CodeParameterInvalid, "confirm"},
		{"unknown capture method", func(p map[string]string) { p["capture_method"] = "later" }, "", CodeParameterInvalid, "capture_method"},
		{"unknown parameter", func(p map[string]string) { p["customer"] = "cus_1" }, "", CodeParameterUnknown, "customer"},
		{"long unknown parameter is echoed cut", func(p map[string]string) { p[strings.Repeat("é", 5000)] = "1" }, "", CodeParameterUnknown,
			strings.Repeat("é", 100) + "…"},
		{"GA API version", func(map[string]string) {}, "2025-08-27.basil", CodePreviewVersionRequired, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := base()
			tc.change(p)
			_, _, err := f.raw(t, sellerKey, http.MethodPost, "/v1/payment_intents", p, "", tc.version)
			se := stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, tc.code)
			if se.Param != tc.param {
				t.Errorf("param = %q, want %q", se.Param, tc.param)
			}
		})
	}
	if n := len(f.sb.PaymentIntents()); n != 0 {
		t.Fatalf("%d PaymentIntents after rejected requests, want 0", n)
	}
	p := base()
	p["payment_method_data[type]"] = "card"
	if _, _, err := f.raw(t, sellerKey, http.MethodPost, "/v1/payment_intents", p, "", ""); err != nil {
		t.Fatalf("the token is still usable after the rejected requests: %v", err)
	}
}

func TestMultiCapture(t *testing.T) {
	f := newFixture(t, Options{MultiCapture: true})
	id := f.issue(t, nil) // max_amount 5000
	if _, err := f.charge(sellerKey, id, 3000, "usd", ""); err != nil {
		t.Fatal(err)
	}
	if tok, _ := f.sb.Token(id); tok.Status != "active" || tok.AmountCaptured != 3000 {
		t.Fatalf("token after a partial charge = %+v", tok)
	}
	_, err := f.charge(sellerKey, id, 2001, "usd", "")
	stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, CodeAmountTooLarge)
	if _, err := f.charge(sellerKey, id, 2000, "usd", ""); err != nil {
		t.Fatal(err)
	}
	if tok, _ := f.sb.Token(id); tok.Status != "deactivated" || tok.DeactivatedReason != "consumed" || tok.AmountCaptured != 5000 {
		t.Fatalf("token at max_amount = %+v", tok)
	}
}

// TestListPaymentIntents: stripe-go's List pages through the caller's PaymentIntents
// newest first; created[gte] drops older ones, created[lte] newer ones, and another
// account's are never listed.
func TestListPaymentIntents(t *testing.T) {
	f := newFixture(t, Options{})
	var ids []string
	var first time.Time
	for i := range 5 {
		if i == 2 {
			first = f.clock.Now()
			f.clock.Advance(time.Hour)
		}
		pi, err := f.charge(sellerKey, f.issue(t, nil), 1000, "usd", "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, pi.ID)
	}
	tests := []struct {
		name  string
		key   string
		since time.Time
		until time.Time
		want  []string
	}{
		{"all, three pages", sellerKey, time.Time{}, time.Time{}, []string{ids[4], ids[3], ids[2], ids[1], ids[0]}},
		{"created since", sellerKey, f.clock.Now(), time.Time{}, []string{ids[4], ids[3], ids[2]}},
		{"created until", sellerKey, time.Time{}, first, []string{ids[1], ids[0]}},
		{"another account", agentKey, time.Time{}, time.Time{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := &stripe.PaymentIntentListParams{}
			p.Limit = stripe.Int64(2)
			if !tc.since.IsZero() || !tc.until.IsZero() {
				p.CreatedRange = &stripe.RangeQueryParams{}
			}
			if !tc.since.IsZero() {
				p.CreatedRange.GreaterThanOrEqual = tc.since.Unix()
			}
			if !tc.until.IsZero() {
				p.CreatedRange.LesserThanOrEqual = tc.until.Unix()
			}
			var got []string
			for pi, err := range f.client(tc.key).V1PaymentIntents.List(context.Background(), p) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, pi.ID)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("listed %v, want %v", got, tc.want)
			}
		})
	}
}

// TestManualCapture: a manual-capture PaymentIntent authorizes (requires_capture) and
// uses the token up (deactivated consumed) with nothing captured; a capture adds to
// amount_captured, a cancel releases the hold and captures nothing; neither can repeat.
func TestManualCapture(t *testing.T) {
	tests := []struct {
		name         string
		path         string // capture or cancel
		params       map[string]string
		wantStatus   string
		wantCaptured int64
	}{
		{"hold then capture", "capture", nil, "succeeded", 5000},
		{"hold then partial capture", "capture", map[string]string{"amount_to_capture": "1200"}, "succeeded", 1200},
		{"hold then release", "cancel", nil, "canceled", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, Options{})
			id := f.issue(t, nil) // max_amount 5000
			got, _, err := f.raw(t, sellerKey, http.MethodPost, "/v1/payment_intents", map[string]string{
				"amount": "5000", "currency": "usd", "confirm": "true", "capture_method": "manual",
				"payment_method_data[shared_payment_granted_token]": id}, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if got["status"] != "requires_capture" || got["amount_capturable"] != float64(5000) || got["amount_received"] != float64(0) {
				t.Fatalf("authorized PaymentIntent = %v", got)
			}
			if tok, _ := f.sb.Token(id); tok.Status != "deactivated" || tok.DeactivatedReason != "consumed" || tok.AmountCaptured != 0 {
				t.Fatalf("token under a hold = %+v; want deactivated consumed, 0 captured", tok)
			}
			if _, err := f.charge(sellerKey, id, 1, "usd", ""); err == nil {
				t.Fatal("a held token was charged again")
			}
			pi := got["id"].(string)
			done, _, err := f.raw(t, sellerKey, http.MethodPost, "/v1/payment_intents/"+pi+"/"+tc.path, tc.params, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if done["status"] != tc.wantStatus || done["amount_received"] != float64(tc.wantCaptured) {
				t.Errorf("after %s = %v", tc.path, done)
			}
			if tok, _ := f.sb.Token(id); tok.Status != "deactivated" || tok.DeactivatedReason != "consumed" || tok.AmountCaptured != tc.wantCaptured {
				t.Errorf("token after %s = %+v; want consumed, %d captured", tc.path, tok, tc.wantCaptured)
			}
			for _, again := range []string{"capture", "cancel"} {
				_, _, err := f.raw(t, sellerKey, http.MethodPost, "/v1/payment_intents/"+pi+"/"+again, nil, "", "")
				stripeErr(t, err, http.StatusBadRequest, stripe.ErrorTypeInvalidRequest, "payment_intent_unexpected_state")
			}
			if _, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/payment_intents/"+pi+"/capture", nil, "", ""); err == nil {
				t.Error("another account captured the seller's PaymentIntent")
			}
		})
	}
}
