package seller_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

// fakeResponse is one canned answer of fakeStripe.
type fakeResponse struct {
	status int
	header map[string]string
	body   string
}

const stripeKey = "sk_test_seller_key_789"

// fakeStripe answers the three Stripe calls StripePayments makes and records them.
type fakeStripe struct {
	mu       sync.Mutex
	requests []stripeRequest
	token    fakeResponse // GET /v1/shared_payment/granted_tokens/{id}
	intent   fakeResponse // POST /v1/payment_intents
	method   fakeResponse // GET /v1/payment_methods/{id}
}

type stripeRequest struct {
	method, path string
	header       http.Header
	form         url.Values
}

func (f *fakeStripe) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	f.mu.Lock()
	f.requests = append(f.requests, stripeRequest{r.Method, r.URL.Path, r.Header.Clone(), r.PostForm})
	f.mu.Unlock()
	res := fakeResponse{404, nil, `{"error":{"type":"invalid_request_error","message":"Unrecognized request URL"}}`}
	switch {
	case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/v1/shared_payment/granted_tokens/"):
		res = f.token
	case r.Method == "POST" && r.URL.Path == "/v1/payment_intents":
		res = f.intent
	case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/v1/payment_methods/"):
		res = f.method
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Request-Id", "req_stripe")
	w.WriteHeader(res.status)
	fmt.Fprint(w, res.body)
}

func (f *fakeStripe) seen() []stripeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]stripeRequest(nil), f.requests...)
}

// tokenJSON is a granted token for usd with the given limits (expires_at 0: none).
func tokenJSON(currency string, max, captured, expiresAt int64, deactivated string) fakeResponse {
	exp, deact, at := "null", "null", "null"
	if expiresAt != 0 {
		exp = fmt.Sprint(expiresAt)
	}
	if deactivated != "" {
		deact, at = `"`+deactivated+`"`, "1777000000"
	}
	return fakeResponse{200, nil, fmt.Sprintf(`{"id":%q,"object":"shared_payment.granted_token","deactivated_at":%s,"deactivated_reason":%s,
		"usage_limits":{"currency":%q,"max_amount":%d,"expires_at":%s},"usage_details":{"amount_captured":{"currency":%q,"value":%d}},
		"payment_method_details":{"type":"card","card":{"brand":"visa","last4":"4242"}}}`,
		testToken, at, deact, currency, max, exp, currency, captured)}
}

func stripeErr(status int, typ, code, decline, param string) fakeResponse {
	return fakeResponse{status, nil, fmt.Sprintf(`{"error":{"type":%q,"code":%q,"decline_code":%q,"param":%q,"message":"No such token: '%s'"}}`,
		typ, code, decline, param, testToken)}
}

var (
	piSucceeded = fakeResponse{200, nil, `{"id":"pi_1","object":"payment_intent","amount":2500,"currency":"usd","status":"succeeded","payment_method":"pm_1"}`}
	pmCard      = fakeResponse{200, nil, `{"id":"pm_1","object":"payment_method","type":"card","card":{"brand":"mastercard","last4":"4444"}}`}
)

func TestStripePayments(t *testing.T) {
	now := newClock()
	future, past := now.Now().Unix()+600, now.Now().Unix()-1
	okToken := tokenJSON("usd", 2500, 0, future, "")
	tests := []struct {
		name     string
		skip     bool // SkipTokenCheck
		repeat   bool // ChargeRequest.Repeat
		token    fakeResponse
		intent   fakeResponse
		kind     error // nil: success unless unexpected
		unexpect bool  // a failure of no known kind
		code     string
		decline  string
		noPI     bool // the PaymentIntent must not be created
		brand    string
	}{
		{name: "success", token: okToken, intent: piSucceeded, brand: "visa"},
		{name: "success without the token check", skip: true, intent: piSucceeded, brand: "mastercard"},
		// The first send of the charge used the token up; its repeat is not refused by
		// the check, so that Stripe replays the charge made.
		{name: "repeat of a charge that used the token up", repeat: true, token: tokenJSON("usd", 2500, 2500, future, "consumed"),
			intent: piSucceeded, brand: "mastercard"},
		{name: "token already used", token: tokenJSON("usd", 2500, 2500, future, "consumed"), kind: seller.ErrTokenRejected, code: "token_consumed", noPI: true},
		{name: "token revoked", token: tokenJSON("usd", 2500, 0, future, "revoked"), kind: seller.ErrTokenRejected, code: "token_revoked", noPI: true},
		{name: "token expired", token: tokenJSON("usd", 2500, 0, past, ""), kind: seller.ErrTokenRejected, code: "token_expired", noPI: true},
		{name: "token in another currency", token: tokenJSON("eur", 2500, 0, future, ""), kind: seller.ErrTokenRejected, code: "token_currency_mismatch", noPI: true},
		{name: "token limit too low", token: tokenJSON("usd", 2499, 0, future, ""), kind: seller.ErrTokenRejected, code: "token_amount_too_small", noPI: true},
		{name: "token partly used", token: tokenJSON("usd", 5000, 3000, future, ""), kind: seller.ErrTokenRejected, code: "token_amount_too_small", noPI: true},
		{name: "token unknown", token: stripeErr(404, "invalid_request_error", "resource_missing", "", "shared_payment_granted_token"),
			kind: seller.ErrTokenRejected, code: "resource_missing", noPI: true},
		{name: "declined", token: okToken, intent: stripeErr(402, "card_error", "card_declined", "insufficient_funds", ""),
			kind: seller.ErrDeclined, code: "card_declined", decline: "insufficient_funds"},
		{name: "needs authentication", token: okToken,
			intent: fakeResponse{200, nil, `{"id":"pi_2","object":"payment_intent","status":"requires_action"}`},
			kind:   seller.ErrDeclined, code: "authentication_required"},
		{name: "rate limited", token: okToken, intent: stripeErr(429, "invalid_request_error", "rate_limit", "", ""), kind: seller.ErrPaymentUnavailable, code: "rate_limit"},
		{name: "stripe 500", token: okToken, intent: stripeErr(500, "api_error", "", "", ""), kind: seller.ErrPaymentUnavailable},
		{name: "token refused at charge", token: okToken,
			intent: stripeErr(400, "invalid_request_error", "shared_payment_token_revoked", "", "payment_method_data[shared_payment_granted_token]"),
			kind:   seller.ErrTokenRejected, code: "shared_payment_token_revoked"},
		{name: "our bad request", token: okToken, intent: stripeErr(400, "invalid_request_error", "parameter_unknown", "", "foo"),
			unexpect: true, code: "parameter_unknown"},
		{name: "bad stripe key", token: stripeErr(401, "invalid_request_error", "", "", ""), unexpect: true, noPI: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := &fakeStripe{token: tc.token, intent: tc.intent, method: pmCard}
			srv := httptest.NewServer(fs)
			defer srv.Close()
			p, err := seller.NewStripePayments(seller.StripeConfig{SecretKey: stripeKey, URL: srv.URL, SkipTokenCheck: tc.skip, Now: now.Now})
			if err != nil {
				t.Fatal(err)
			}
			res, err := p.Charge(context.Background(), seller.ChargeRequest{Token: testToken, Amount: 2500, Currency: "usd",
				IdempotencyKey: "acp_cs_1_abc", Metadata: map[string]string{"checkout_session_id": "cs_1"}, Repeat: tc.repeat})
			var ce *seller.ChargeError
			switch {
			case tc.kind != nil || tc.unexpect:
				if !errors.As(err, &ce) || !tc.unexpect && !errors.Is(err, tc.kind) || tc.unexpect && ce.Kind != nil ||
					ce.Code != tc.code || ce.DeclineCode != tc.decline {
					t.Fatalf("Charge: %v (%#v), want kind %v code %q decline %q", err, ce, tc.kind, tc.code, tc.decline)
				}
				if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), stripeKey) {
					t.Errorf("error %q contains a secret", err)
				}
			case err != nil:
				t.Fatalf("Charge: %v", err)
			default:
				if res.PaymentIntentID != "pi_1" || res.CardBrand != tc.brand || res.CardLast4 == "" {
					t.Errorf("result %+v, want pi_1 with brand %s", res, tc.brand)
				}
			}
			checkStripeRequests(t, fs.seen(), !tc.skip && !tc.repeat, !tc.noPI)
		})
	}
}

// checkStripeRequests checks the calls StripePayments made.
func checkStripeRequests(t *testing.T, reqs []stripeRequest, wantToken, wantPI bool) {
	t.Helper()
	var sawToken, sawPI bool
	for _, r := range reqs {
		if r.header.Get("Authorization") != "Bearer "+stripeKey {
			t.Errorf("%s %s: Authorization %q", r.method, r.path, r.header.Get("Authorization"))
		}
		switch {
		case strings.HasPrefix(r.path, "/v1/shared_payment/granted_tokens/"):
			sawToken = true
			if r.path != "/v1/shared_payment/granted_tokens/"+testToken || r.header.Get("Stripe-Version") != seller.DefaultStripePreviewVersion {
				t.Errorf("token retrieval %s with Stripe-Version %q", r.path, r.header.Get("Stripe-Version"))
			}
		case r.path == "/v1/payment_intents":
			sawPI = true
			f := r.form
			if f.Get("amount") != "2500" || f.Get("currency") != "usd" || f.Get("confirm") != "true" ||
				f.Get("payment_method_data[shared_payment_granted_token]") != testToken ||
				f.Get("metadata[checkout_session_id]") != "cs_1" || f.Has("payment_method_data[type]") ||
				r.header.Get("Idempotency-Key") != "acp_cs_1_abc" || r.header.Get("Stripe-Version") != seller.DefaultStripePreviewVersion {
				t.Errorf("PaymentIntent request %v, headers %v", f, r.header)
			}
		}
	}
	if sawToken != wantToken || sawPI != wantPI {
		t.Errorf("token retrieved %v (want %v), PaymentIntent created %v (want %v)", sawToken, wantToken, sawPI, wantPI)
	}
}

func TestStripePaymentsUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	p, err := seller.NewStripePayments(seller.StripeConfig{SecretKey: stripeKey, URL: url})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Charge(context.Background(), seller.ChargeRequest{Token: testToken, Amount: 100, Currency: "usd"})
	if !errors.Is(err, seller.ErrPaymentUnavailable) {
		t.Fatalf("Charge against a closed port: %v", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error %q contains the token", err)
	}
	if _, err := seller.NewStripePayments(seller.StripeConfig{}); err == nil {
		t.Error("NewStripePayments without a key succeeded")
	}
}
