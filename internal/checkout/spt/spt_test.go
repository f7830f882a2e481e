package spt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	stripe "github.com/stripe/stripe-go/v82"

	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/stripesim"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
)

const (
	agentKey      = "sk_test_agent_secret_key_0001"
	sellerKey     = "sk_test_seller_secret_key_0002"
	agentProfile  = "profile_test_agent"
	sellerProfile = "profile_test_seller"
)

// env is a sandbox Stripe with an agent and a seller account. wrap, when set, sits in
// front of the sandbox to observe or break requests.
type env struct {
	sb    *stripesim.Server
	srv   *httptest.Server
	clock *clocktest.Clock
	wrap  func(w http.ResponseWriter, r *http.Request, next http.Handler)
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{clock: clocktest.New(time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC))}
	e.sb = stripesim.New(stripesim.Options{Now: e.clock.Now})
	if err := e.sb.AddAccount(agentKey, stripesim.Account{ID: "acct_agent", Profile: agentProfile}); err != nil {
		t.Fatal(err)
	}
	if err := e.sb.AddAccount(sellerKey, stripesim.Account{ID: "acct_seller", Profile: sellerProfile}); err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e.wrap != nil {
			e.wrap(w, r, e.sb)
			return
		}
		e.sb.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *env) client(cfg Config) *Client {
	if cfg.SecretKey == "" {
		cfg.SecretKey = agentKey
	}
	cfg.BaseURL = e.srv.URL
	return New(cfg)
}

func (e *env) params() IssueParams {
	return IssueParams{
		PaymentMethod: "pm_card_visa",
		SellerProfile: sellerProfile,
		Currency:      "USD",
		MaxAmount:     2599,
		ExpiresAt:     e.clock.Now().Add(15 * time.Minute),
		Metadata:      map[string]string{"quote": "q_1"},
	}
}

// wantError asserts err is an *Error with the given status, type and code.
func wantError(t *testing.T, err error, status int, typ, code string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	if e.HTTPStatus != status || e.Type != typ || e.Code != code {
		t.Fatalf("err = %v, want status %d type %s code %q", e, status, typ, code)
	}
	return e
}

// noSecrets fails if s contains the key or a full token id.
func noSecrets(t *testing.T, s string, ids ...string) {
	t.Helper()
	for _, secret := range append([]string{agentKey, sellerKey}, ids...) {
		if secret != "" && strings.Contains(s, secret) {
			t.Fatalf("%q contains a secret", s)
		}
	}
}

func TestIssueRetrieveRevoke(t *testing.T) {
	e := newEnv(t)
	c := e.client(Config{})
	ctx := context.Background()
	p := e.params()
	p.SellerExternalID = "merchant_7"
	tok, err := c.Issue(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case !strings.HasPrefix(tok.ID, "spt_") || tok.Status != StatusActive || tok.DeactivatedReason != "":
		t.Fatalf("issued = %+v", tok)
	case tok.Currency != "USD" || tok.MaxAmount != 2599 || tok.AmountCaptured != 0 || !tok.ExpiresAt.Equal(p.ExpiresAt):
		t.Fatalf("limits = %s %d/%d expires %v", tok.Currency, tok.AmountCaptured, tok.MaxAmount, tok.ExpiresAt)
	case tok.PaymentMethod != "pm_card_visa" || tok.SellerProfile != sellerProfile || tok.SellerExternalID != "merchant_7":
		t.Fatalf("issued = %+v", tok)
	case tok.Metadata["quote"] != "q_1" || tok.Livemode || tok.Created.IsZero() || tok.NextActionType != "":
		t.Fatalf("issued = %+v", tok)
	}
	if st, ok := e.sb.Token(tok.ID); !ok || st.Currency != "usd" || st.MaxAmount != 2599 || st.Issuer != "acct_agent" {
		t.Fatalf("sandbox sees %+v", st)
	}

	got, err := c.Retrieve(ctx, tok.ID)
	if err != nil || got.ID != tok.ID || got.Status != StatusActive {
		t.Fatalf("retrieve = %+v, %v", got, err)
	}
	rev, err := c.Revoke(ctx, tok.ID, "revoke-1")
	if err != nil {
		t.Fatal(err)
	}
	if rev.Status != StatusDeactivated || rev.DeactivatedReason != ReasonRevoked || rev.DeactivatedAt.IsZero() {
		t.Fatalf("revoked = %+v", rev)
	}
	if again, err := c.Revoke(ctx, tok.ID, ""); err != nil || again.DeactivatedReason != ReasonRevoked {
		t.Fatalf("second revoke = %+v, %v", again, err)
	}
}

func TestRequestShape(t *testing.T) {
	e := newEnv(t)
	var mu sync.Mutex
	var form url.Values
	var header http.Header
	e.wrap = func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		mu.Lock()
		form, _ = url.ParseQuery(string(body))
		header = r.Header.Clone()
		mu.Unlock()
		next.ServeHTTP(w, r)
	}
	p := e.params()
	p.IdempotencyKey = "quote-1"
	if _, err := e.client(Config{}).Issue(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	want := map[string]string{
		"payment_method": "pm_card_visa",
		"seller_details[network_business_profile]": sellerProfile,
		"usage_limits[currency]":                   "usd",
		"usage_limits[max_amount]":                 "2599",
		"usage_limits[expires_at]":                 fmt.Sprint(p.ExpiresAt.Unix()),
		"shared_metadata[quote]":                   "q_1",
	}
	for k, v := range want {
		if form.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, form.Get(k), v)
		}
	}
	if len(form) != len(want) {
		t.Errorf("form = %v, want exactly %v", form, want)
	}
	if got := header.Get("Stripe-Version"); got != DefaultVersion {
		t.Errorf("Stripe-Version = %q, want %q", got, DefaultVersion)
	}
	if got := header.Get("Idempotency-Key"); got != "quote-1" {
		t.Errorf("Idempotency-Key = %q", got)
	}
	if got := header.Get("Content-Type"); got != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type = %q", got)
	}
	mu.Unlock()

	// A configured version replaces the default; the sandbox accepts any preview.
	if _, err := e.client(Config{Version: "2026-05-27.preview"}).Issue(context.Background(), e.params()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := header.Get("Stripe-Version"); got != "2026-05-27.preview" {
		t.Errorf("Stripe-Version = %q, want the configured version", got)
	}
}

func TestInvalidParametersAreNotSent(t *testing.T) {
	e := newEnv(t)
	var sent int
	var mu sync.Mutex
	e.wrap = func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		mu.Lock()
		sent++
		mu.Unlock()
		next.ServeHTTP(w, r)
	}
	ctx := context.Background()
	c := e.client(Config{})
	for _, tc := range []struct {
		name   string
		change func(p *IssueParams)
	}{
		{"payment method", func(p *IssueParams) { p.PaymentMethod = "card_123" }},
		{"empty payment method", func(p *IssueParams) { p.PaymentMethod = "" }},
		{"seller profile", func(p *IssueParams) { p.SellerProfile = "acct_1" }},
		{"currency", func(p *IssueParams) { p.Currency = "US" }},
		{"currency with digits", func(p *IssueParams) { p.Currency = "U5D" }},
		{"zero amount", func(p *IssueParams) { p.MaxAmount = 0 }},
		{"negative amount", func(p *IssueParams) { p.MaxAmount = -1 }},
		{"no expiry", func(p *IssueParams) { p.ExpiresAt = time.Time{} }},
		{"metadata key", func(p *IssueParams) { p.Metadata = map[string]string{"a]b": "x"} }},
		{"idempotency key", func(p *IssueParams) { p.IdempotencyKey = strings.Repeat("k", 256) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := e.params()
			tc.change(&p)
			if _, err := c.Issue(ctx, p); !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
		})
	}
	for _, id := range []string{"", "pi_123", "spt_../../v1/charges", "spt_a b"} {
		if _, err := c.Retrieve(ctx, id); !errors.Is(err, ErrInvalid) {
			t.Errorf("Retrieve(%q) = %v, want ErrInvalid", id, err)
		}
		if _, err := c.Revoke(ctx, id, ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("Revoke(%q) = %v, want ErrInvalid", id, err)
		}
	}
	if _, err := e.client(Config{}).PaymentMethod(ctx, "card_1"); !errors.Is(err, ErrInvalid) {
		t.Errorf("PaymentMethod(card_1) = %v, want ErrInvalid", err)
	}
	if _, err := New(Config{BaseURL: e.srv.URL}).Issue(ctx, e.params()); !errors.Is(err, ErrInvalid) {
		t.Errorf("Issue without a key = %v, want ErrInvalid", err)
	}
	if sent != 0 {
		t.Fatalf("%d requests reached Stripe", sent)
	}
}

func TestStripeErrorsMapped(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	issued, err := e.client(Config{}).Issue(ctx, e.params())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		call   func(c *Client) error
		key    string
		status int
		typ    string
		code   string
		param  string
	}{
		{"unknown payment method", func(c *Client) error {
			p := e.params()
			p.PaymentMethod = "pm_card_nope"
			_, err := c.Issue(ctx, p)
			return err
		}, "", 400, "invalid_request_error", "resource_missing", "payment_method"},
		{"unregistered seller", func(c *Client) error {
			p := e.params()
			p.SellerProfile = "profile_test_nobody"
			_, err := c.Issue(ctx, p)
			return err
		}, "", 400, "invalid_request_error", "resource_missing", "seller_details[network_business_profile]"},
		{"expiry in the past", func(c *Client) error {
			p := e.params()
			p.ExpiresAt = e.clock.Now().Add(-time.Minute)
			_, err := c.Issue(ctx, p)
			return err
		}, "", 400, "invalid_request_error", "parameter_invalid", "usage_limits[expires_at]"},
		{"unknown token", func(c *Client) error {
			_, err := c.Retrieve(ctx, "spt_0000000000000000000unknown")
			return err
		}, "", 404, "invalid_request_error", "resource_missing", ""},
		{"another account's token", func(c *Client) error {
			_, err := c.Revoke(ctx, issued.ID, "")
			return err
		}, sellerKey, 404, "invalid_request_error", "resource_missing", ""},
		{"bad key", func(c *Client) error {
			_, err := c.Retrieve(ctx, issued.ID)
			return err
		}, "sk_test_wrong_key_123456", 401, "invalid_request_error", "", ""},
		{"GA version", func(c *Client) error {
			_, err := New(Config{SecretKey: agentKey, BaseURL: e.srv.URL, Version: "2025-08-27.basil"}).Retrieve(ctx, issued.ID)
			return err
		}, "", 400, "invalid_request_error", "preview_version_required", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call(e.client(Config{SecretKey: tc.key}))
			se := wantError(t, err, tc.status, tc.typ, tc.code)
			if se.Param != tc.param {
				t.Errorf("param = %q, want %q", se.Param, tc.param)
			}
			if se.Temporary() || se.OutcomeUnknown() || errors.Is(err, ErrOutcomeUnknown) {
				t.Errorf("a %d is permanent with a known outcome: temporary=%v unknown=%v", tc.status, se.Temporary(), se.OutcomeUnknown())
			}
			noSecrets(t, err.Error(), issued.ID, "sk_test_wrong_key_123456")
		})
	}
}

func TestRequiresAction(t *testing.T) {
	e := newEnv(t)
	p := e.params()
	p.PaymentMethod = "pm_card_authenticationRequired"
	tok, err := e.client(Config{}).Issue(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Status != StatusRequiresAction || tok.NextActionType != "use_stripe_sdk" {
		t.Fatalf("token = %+v", tok)
	}
}

// failFirst answers the first n requests with status after letting the sandbox act,
// like a Stripe that did the work but lost the answer.
func failFirst(n int, status int, body string) func(http.ResponseWriter, *http.Request, http.Handler) {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		mu.Lock()
		fail := n > 0
		n--
		mu.Unlock()
		if !fail {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(httptest.NewRecorder(), r)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// dropFirst lets the sandbox handle the first n requests and then closes the
// connection without an answer, like a network failure after Stripe acted.
func dropFirst(t *testing.T, n int) func(http.ResponseWriter, *http.Request, http.Handler) {
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		mu.Lock()
		drop := n > 0
		n--
		mu.Unlock()
		if !drop {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(httptest.NewRecorder(), r)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	}
}

func TestIdempotentRetries(t *testing.T) {
	ctx := context.Background()
	t.Run("same key twice", func(t *testing.T) {
		e := newEnv(t)
		c := e.client(Config{})
		p := e.params()
		p.IdempotencyKey = "quote-7"
		a, err := c.Issue(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := c.Issue(ctx, p)
		if err != nil || b.ID != a.ID {
			t.Fatalf("repeat = %v, %v; want the first token", b, err)
		}
		if n := len(e.sb.Tokens()); n != 1 {
			t.Fatalf("%d tokens, want 1", n)
		}
	})
	t.Run("stripe-go retries a lost answer with the same key", func(t *testing.T) {
		e := newEnv(t)
		e.wrap = dropFirst(t, 1)
		tok, err := e.client(Config{MaxNetworkRetries: 1}).Issue(ctx, e.params())
		if err != nil {
			t.Fatal(err)
		}
		if n := len(e.sb.Tokens()); n != 1 || e.sb.Tokens()[0].ID != tok.ID {
			t.Fatalf("tokens = %+v, want only %s", e.sb.Tokens(), RedactID(tok.ID))
		}
	})
	t.Run("caller retries after an unknown outcome", func(t *testing.T) {
		e := newEnv(t)
		e.wrap = failFirst(1, http.StatusInternalServerError, `{"error":{"type":"api_error","message":"boom"}}`)
		c := e.client(Config{})
		p := e.params()
		p.IdempotencyKey = "quote-8"
		_, err := c.Issue(ctx, p)
		if !errors.Is(err, ErrOutcomeUnknown) {
			t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
		}
		tok, err := c.Issue(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(e.sb.Tokens()); n != 1 || e.sb.Tokens()[0].ID != tok.ID {
			t.Fatalf("%d tokens, want 1", n)
		}
	})
}

func TestTemporaryFailures(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		status    int
		body      string
		typ       string
		temporary bool
		unknown   bool
	}{
		{"rate limited", 429, `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}`, "invalid_request_error", true, false},
		{"server error", 500, `{"error":{"type":"api_error","message":"Something went wrong"}}`, "api_error", true, true},
		{"bad gateway page", 502, `<html>bad gateway</html>`, TypeBadResponse, true, true},
		{"idempotent request in flight", 409, `{"error":{"type":"idempotency_error","message":"in progress"}}`, "idempotency_error", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.wrap = func(w http.ResponseWriter, r *http.Request, _ http.Handler) {
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			}
			_, err := e.client(Config{}).Issue(ctx, e.params())
			var se *Error
			if !errors.As(err, &se) || se.HTTPStatus != tc.status || se.Type != tc.typ {
				t.Fatalf("err = %v, want a %d %s", err, tc.status, tc.typ)
			}
			if se.Temporary() != tc.temporary || se.OutcomeUnknown() != tc.unknown || errors.Is(err, ErrOutcomeUnknown) != tc.unknown {
				t.Fatalf("temporary=%v unknown=%v, want %v %v", se.Temporary(), se.OutcomeUnknown(), tc.temporary, tc.unknown)
			}
		})
	}
}

func TestNetworkFailures(t *testing.T) {
	ctx := context.Background()
	id := "spt_1SecretTokenIdentifier9xyz"

	t.Run("connection refused: definitely failed", func(t *testing.T) {
		e := newEnv(t)
		e.srv.Close()
		_, err := e.client(Config{}).Revoke(ctx, id, "")
		se := wantError(t, err, 0, TypeNetwork, "")
		if !se.Temporary() || se.OutcomeUnknown() || errors.Is(err, ErrOutcomeUnknown) {
			t.Fatalf("temporary=%v unknown=%v, want true false", se.Temporary(), se.OutcomeUnknown())
		}
		noSecrets(t, err.Error(), id)
		if !strings.Contains(err.Error(), RedactID(id)) {
			t.Errorf("error %q does not name the token by its redacted id", err)
		}
	})

	t.Run("canceled after sending: outcome unknown", func(t *testing.T) {
		e := newEnv(t)
		arrived := make(chan struct{})
		release := make(chan struct{})
		e.wrap = func(w http.ResponseWriter, r *http.Request, next http.Handler) {
			close(arrived)
			<-release
		}
		defer close(release)
		cctx, cancel := context.WithCancel(ctx)
		go func() {
			<-arrived
			cancel()
		}()
		_, err := e.client(Config{}).Revoke(cctx, id, "")
		se := wantError(t, err, 0, TypeNetwork, "")
		if !se.Temporary() || !se.OutcomeUnknown() || !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v: temporary=%v unknown=%v", err, se.Temporary(), se.OutcomeUnknown())
		}
		noSecrets(t, err.Error(), id)
	})

	t.Run("custom transport failure: outcome unknown", func(t *testing.T) {
		e := newEnv(t)
		hc := &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			return nil, errors.New("connection reset by peer")
		})}
		_, err := e.client(Config{HTTPClient: hc}).Revoke(ctx, id, "")
		if se := wantError(t, err, 0, TypeNetwork, ""); !se.OutcomeUnknown() {
			t.Fatalf("a failure behind an opaque transport must count as possibly sent: %v", err)
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestPaymentMethod(t *testing.T) {
	e := newEnv(t)
	c := e.client(Config{})
	pm, err := c.PaymentMethod(context.Background(), "pm_card_mastercard")
	if err != nil {
		t.Fatal(err)
	}
	if pm.ID != "pm_card_mastercard" || pm.Type != "card" || pm.Brand != "mastercard" || pm.Last4 != "4444" || pm.ExpMonth == 0 || pm.ExpYear == 0 {
		t.Fatalf("payment method = %+v", pm)
	}
	_, err = c.PaymentMethod(context.Background(), "pm_card_nope")
	wantError(t, err, 404, "invalid_request_error", CodeResourceMissing)
}

func TestTokenPrintingRedactsID(t *testing.T) {
	tok := Token{ID: "spt_1SecretTokenIdentifier9xyz", Status: StatusActive, Currency: "USD", MaxAmount: 100}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("issued", "token", tok)
	for _, s := range []string{fmt.Sprint(tok), fmt.Sprintf("%v %+v", tok, tok), buf.String()} {
		noSecrets(t, s, tok.ID)
		if !strings.Contains(s, "spt_…9xyz") {
			t.Errorf("%q lacks the redacted id", s)
		}
	}
}

func TestRedactID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"spt_short", "spt_…"},
		{"spt_1RgaZcFPC5QUO6ZCDVZuVA8q", "spt_…VA8q"},
	} {
		if got := RedactID(tc.in); got != tc.want {
			t.Errorf("RedactID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	c := New(Config{SecretKey: "rk_live_custom"})
	msg := c.redact("key rk_live_custom, other sk_test_abc123, token spt_1RgaZcFPC5QUO6ZCDVZuVA8q, pi_1_secret_zzz")
	for _, secret := range []string{"rk_live_custom", "sk_test_abc123", "spt_1RgaZcFPC5QUO6ZCDVZuVA8q", "secret_zzz"} {
		if strings.Contains(msg, secret) {
			t.Errorf("redact left %q in %q", secret, msg)
		}
	}
}

func TestIssuerSeesSellerCharge(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	c := e.client(Config{})
	tok, err := c.Issue(ctx, e.params())
	if err != nil {
		t.Fatal(err)
	}
	seller := stripe.NewClient(sellerKey, stripe.WithBackends(stripe.NewBackendsWithConfig(&stripe.BackendConfig{
		URL: stripe.String(e.srv.URL), MaxNetworkRetries: stripe.Int64(0),
		LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull},
	})))
	p := &stripe.PaymentIntentCreateParams{Amount: stripe.Int64(2599), Currency: stripe.String("usd"), Confirm: stripe.Bool(true)}
	p.AddExtra("payment_method_data[shared_payment_granted_token]", tok.ID)
	p.Headers = http.Header{"Stripe-Version": {DefaultVersion}}
	pi, err := seller.V1PaymentIntents.Create(ctx, p)
	if err != nil || pi.Status != stripe.PaymentIntentStatusSucceeded {
		t.Fatalf("seller charge = %+v, %v", pi, err)
	}
	got, err := c.Retrieve(ctx, tok.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != StatusDeactivated || got.DeactivatedReason != ReasonConsumed || got.AmountCaptured != 2599 ||
		!got.CapturedKnown || got.CapturedCurrency != "USD" {
		t.Fatalf("token after the charge = %+v", got)
	}
	// Revoking a consumed token is harmless and changes nothing.
	if rev, err := c.Revoke(ctx, tok.ID, ""); err != nil || rev.DeactivatedReason != ReasonConsumed {
		t.Fatalf("revoke after consumption = %+v, %v", rev, err)
	}
}

// TestDecodeAmountCaptured: only an amount_captured with a value is evidence of what
// was captured; an absent or null one must not read as "0 captured", which the
// witness would take for "nothing charged".
func TestDecodeAmountCaptured(t *testing.T) {
	const head = `{"id":"spt_1RgaZcFPC5QUO6ZCDVZuVA8q","status":"deactivated","deactivated_reason":"revoked","usage_limits":{"currency":"usd","max_amount":4000,"expires_at":1751587220}`
	for _, tc := range []struct {
		name     string
		body     string
		known    bool
		amount   int64
		currency string
	}{
		{"no usage_details", head + `}`, false, 0, ""},
		{"usage_details null", head + `,"usage_details":null}`, false, 0, ""},
		{"amount_captured absent", head + `,"usage_details":{}}`, false, 0, ""},
		{"amount_captured null", head + `,"usage_details":{"amount_captured":null}}`, false, 0, ""},
		{"value absent", head + `,"usage_details":{"amount_captured":{"currency":"usd"}}}`, false, 0, ""},
		{"value null", head + `,"usage_details":{"amount_captured":{"currency":"usd","value":null}}}`, false, 0, ""},
		{"zero captured", head + `,"usage_details":{"amount_captured":{"currency":"usd","value":0}}}`, true, 0, "USD"},
		{"some captured", head + `,"usage_details":{"amount_captured":{"currency":"eur","value":2599}}}`, true, 2599, "EUR"},
		{"no currency", head + `,"usage_details":{"amount_captured":{"value":2599}}}`, true, 2599, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok, ok := decodeToken([]byte(tc.body))
			if !ok {
				t.Fatal("not decoded")
			}
			if tok.CapturedKnown != tc.known || tok.AmountCaptured != tc.amount || tok.CapturedCurrency != tc.currency {
				t.Errorf("captured %d %q known %v; want %d %q known %v", tok.AmountCaptured, tok.CapturedCurrency, tok.CapturedKnown,
					tc.amount, tc.currency, tc.known)
			}
			if tok.Currency != "USD" {
				t.Errorf("usage_limits currency %q, want USD", tok.Currency)
			}
		})
	}
}
