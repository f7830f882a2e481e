package stripesim

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/form"
	"github.com/stripe/stripe-go/v82/rawrequest"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
)

const (
	agentKey  = "sk_test_agent_secret_0001"
	sellerKey = "sk_test_seller_secret_0002"
	otherKey  = "sk_test_other_secret_0003"

	agentProfile  = "profile_test_agent"
	sellerProfile = "profile_test_seller"
	otherProfile  = "profile_test_other"

	preview = "2026-04-22.preview"
)

// fixture is an emulator with an agent, a seller and another seller, served over HTTP.
type fixture struct {
	sb    *Server
	srv   *httptest.Server
	clock *clocktest.Clock
}

func newFixture(t *testing.T, opts Options) *fixture {
	t.Helper()
	clk := clocktest.New(time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC))
	opts.Now = clk.Now
	sb := New(opts)
	for key, a := range map[string]Account{
		agentKey:  {ID: "acct_agent", Profile: agentProfile},
		sellerKey: {ID: "acct_seller", Profile: sellerProfile},
		otherKey:  {ID: "acct_other", Profile: otherProfile},
	} {
		if err := sb.AddAccount(key, a); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return &fixture{sb: sb, srv: srv, clock: clk}
}

func (f *fixture) config() *stripe.BackendConfig {
	return &stripe.BackendConfig{
		URL:               stripe.String(f.srv.URL),
		MaxNetworkRetries: stripe.Int64(0),
		LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull},
	}
}

// client is a typed stripe-go client for key.
func (f *fixture) client(key string) *stripe.Client {
	return stripe.NewClient(key, stripe.WithBackends(stripe.NewBackendsWithConfig(f.config())))
}

// raw sends an untyped request with the preview version (unless version overrides it)
// and decodes a success into a map; failures come back as *stripe.Error.
func (f *fixture) raw(t *testing.T, key, method, path string, params map[string]string, idem, version string) (map[string]any, *stripe.APIResponse, error) {
	t.Helper()
	b := stripe.GetBackendWithConfig(stripe.APIBackend, f.config()).(stripe.RawRequestBackend)
	c := rawrequest.Client{B: b, Key: key}
	vals := &form.Values{}
	for k, v := range params {
		vals.Add(k, v)
	}
	if version == "" {
		version = preview
	}
	p := &stripe.RawParams{Params: stripe.Params{Context: context.Background(), Headers: http.Header{"Stripe-Version": {version}}}}
	if idem != "" {
		p.SetIdempotencyKey(idem)
	}
	resp, err := c.RawRequest(method, path, vals.Encode(), p)
	if err != nil {
		return nil, nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(resp.RawJSON, &m); err != nil {
		t.Fatalf("%s %s: decode: %v", method, path, err)
	}
	return m, resp, nil
}

// issueForm is a valid issue request for the seller, changed by set (an empty value
// deletes a key).
func (f *fixture) issueForm(set map[string]string) map[string]string {
	p := map[string]string{
		"payment_method": "pm_card_visa",
		"seller_details[network_business_profile]": sellerProfile,
		"usage_limits[currency]":                   "usd",
		"usage_limits[max_amount]":                 "5000",
		"usage_limits[expires_at]":                 strconv.FormatInt(f.clock.Now().Add(15*time.Minute).Unix(), 10),
	}
	for k, v := range set {
		if v == "" {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	return p
}

// issue issues a token as the agent and returns its id.
func (f *fixture) issue(t *testing.T, set map[string]string) string {
	t.Helper()
	m, _, err := f.raw(t, agentKey, http.MethodPost, "/v1/shared_payment/issued_tokens", f.issueForm(set), "", "")
	if err != nil {
		t.Fatalf("issue: %v", err)
	}
	return m["id"].(string)
}

// charge confirms a PaymentIntent with a granted token through stripe-go's typed API.
func (f *fixture) charge(key, spt string, amount int64, currency, idem string) (*stripe.PaymentIntent, error) {
	p := &stripe.PaymentIntentCreateParams{Amount: stripe.Int64(amount), Currency: stripe.String(currency), Confirm: stripe.Bool(true)}
	p.AddExtra("payment_method_data[shared_payment_granted_token]", spt)
	p.AddMetadata("order", "o_1")
	p.Headers = http.Header{"Stripe-Version": {preview}}
	if idem != "" {
		p.SetIdempotencyKey(idem)
	}
	return f.client(key).V1PaymentIntents.Create(context.Background(), p)
}

// stripeErr asserts that err is a Stripe error with the given status, type and code.
func stripeErr(t *testing.T, err error, status int, typ stripe.ErrorType, code string) *stripe.Error {
	t.Helper()
	var se *stripe.Error
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a *stripe.Error", err)
	}
	if se.HTTPStatusCode != status || se.Type != typ || string(se.Code) != code {
		t.Fatalf("error = %d %s %q (%s), want %d %s %q", se.HTTPStatusCode, se.Type, se.Code, se.Msg, status, typ, code)
	}
	return se
}

func TestAuthentication(t *testing.T) {
	f := newFixture(t, Options{})
	for _, tc := range []struct {
		name   string
		auth   func(r *http.Request)
		status int
	}{
		{"bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+sellerKey) }, http.StatusOK},
		{"basic user", func(r *http.Request) { r.SetBasicAuth(sellerKey, "") }, http.StatusOK},
		{"missing", func(r *http.Request) {}, http.StatusUnauthorized},
		{"unknown key", func(r *http.Request) { r.Header.Set("Authorization", "Bearer sk_test_not_registered_42") }, http.StatusUnauthorized},
		{"unknown basic", func(r *http.Request) { r.SetBasicAuth("sk_test_not_registered_42", "") }, http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/v1/payment_methods/pm_card_visa", nil)
			tc.auth(req)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d: %s", res.StatusCode, tc.status, body)
			}
			if tc.status == http.StatusUnauthorized {
				var env struct {
					Error struct{ Type, Message string }
				}
				if err := json.Unmarshal(body, &env); err != nil || env.Error.Type != "invalid_request_error" || env.Error.Message == "" {
					t.Fatalf("body = %s, want Stripe's error envelope", body)
				}
				if strings.Contains(string(body), "sk_test") {
					t.Fatalf("401 body echoes the key: %s", body)
				}
			}
		})
	}
}

func TestAddAccountRejectsBadInput(t *testing.T) {
	sb := New(Options{})
	if err := sb.AddAccount("sk_test_a", Account{ID: "acct_a", Profile: "profile_a"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		key  string
		a    Account
		want AccountError
	}{
		{"empty key", "", Account{ID: "acct_b", Profile: "profile_b"}, AccountError{Problem: EmptyKey}},
		{"duplicate key", "sk_test_a", Account{ID: "acct_b", Profile: "profile_b"}, AccountError{Problem: KeyTaken}},
		{"bad id", "sk_test_b", Account{ID: "b", Profile: "profile_b"}, AccountError{Problem: BadID}},
		{"bad profile", "sk_test_b", Account{ID: "acct_b", Profile: "b"}, AccountError{Problem: BadProfile}},
		{"profile taken", "sk_test_b", Account{ID: "acct_b", Profile: "profile_a"}, AccountError{Problem: ProfileTaken, Owner: "acct_a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := sb.AddAccount(tc.key, tc.a)
			tc.want.Account = tc.a
			var ae *AccountError
			if !errors.As(err, &ae) || *ae != tc.want {
				t.Fatalf("AddAccount = %v, want %+v", err, tc.want)
			}
			if strings.Contains(err.Error(), "sk_test_a") {
				t.Fatalf("error echoes the key: %v", err)
			}
		})
	}
}

func TestUnrecognizedRequests(t *testing.T) {
	f := newFixture(t, Options{})
	spt := f.issue(t, nil)
	for _, tc := range []struct {
		name, method, path string
		status             int
		code               string
	}{
		{"unknown path", http.MethodGet, "/v1/nothing_here", http.StatusNotFound, ""},
		{"list of issued tokens", http.MethodGet, "/v1/shared_payment/issued_tokens", http.StatusNotFound, ""},
		{"wrong method", http.MethodDelete, "/v1/shared_payment/issued_tokens/" + spt, http.StatusNotFound, ""},
		{"empty id", http.MethodGet, "/v1/refunds/", http.StatusNotFound, ""}, // (payment_intents/ is their list)
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := f.raw(t, agentKey, tc.method, tc.path, nil, "", "")
			se := stripeErr(t, err, tc.status, stripe.ErrorTypeInvalidRequest, tc.code)
			if !strings.Contains(se.Msg, "Unrecognized request URL") {
				t.Errorf("message = %q, want Stripe's unrecognized URL message", se.Msg)
			}
			if strings.Contains(se.Msg, spt) {
				t.Errorf("message echoes the token id: %q", se.Msg)
			}
		})
	}
}

func TestConnectHeaderRejected(t *testing.T) {
	f := newFixture(t, Options{})
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/v1/payment_methods/pm_card_visa", nil)
	req.Header.Set("Authorization", "Bearer "+sellerKey)
	req.Header.Set("Stripe-Account", "acct_other")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("status = %d, want 400", res.StatusCode)
	}
}

func TestPaymentMethods(t *testing.T) {
	f := newFixture(t, Options{})
	for _, tc := range []struct {
		id, brand, last4 string
	}{
		{"pm_card_visa", "visa", "4242"},
		{"pm_card_visa_debit", "visa", "5556"},
		{"pm_card_mastercard", "mastercard", "4444"},
		{"pm_card_amex", "amex", "8431"},
		{"pm_card_discover", "discover", "1117"},
		{"pm_card_diners", "diners", "0004"},
		{"pm_card_jcb", "jcb", "0505"},
		{"pm_card_unionpay", "unionpay", "0005"},
		{"pm_card_chargeDeclined", "visa", "0002"},
		{"pm_card_chargeDeclinedInsufficientFunds", "visa", "9995"},
		{"pm_card_authenticationRequired", "visa", "3184"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			pm, err := f.client(agentKey).V1PaymentMethods.Retrieve(context.Background(), tc.id, nil)
			if err != nil {
				t.Fatal(err)
			}
			if pm.ID != tc.id || pm.Type != stripe.PaymentMethodTypeCard || pm.Card == nil ||
				string(pm.Card.Brand) != tc.brand || pm.Card.Last4 != tc.last4 || pm.Card.ExpMonth == 0 || pm.Card.ExpYear < 2029 {
				t.Fatalf("payment method = %+v card %+v", pm, pm.Card)
			}
			if strings.Contains(string(pm.LastResponse.RawJSON), "number") {
				t.Fatalf("payment method carries a card number field: %s", pm.LastResponse.RawJSON)
			}
		})
	}
	t.Run("unknown", func(t *testing.T) {
		_, err := f.client(agentKey).V1PaymentMethods.Retrieve(context.Background(), "pm_card_nope", nil)
		stripeErr(t, err, http.StatusNotFound, stripe.ErrorTypeInvalidRequest, CodeResourceMissing)
	})
}
