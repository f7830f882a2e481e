package acp_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
)

// A seller API key and a payment token that must never show in an error string.
const (
	testKey   = "sk_seller_secret_123"
	testToken = "spt_test_secret_token_456"
)

const sessionJSON = `{"id":"cs_1","status":"ready_for_payment","currency":"usd","line_items":[],"totals":[{"type":"total","display_text":"Total","amount":100}],"fulfillment_options":[],"messages":[],"links":[],"capabilities":{}}`

// recorded is one request a fake seller saw.
type recorded struct {
	method, path string
	header       http.Header
	body         []byte
}

// fakeSeller answers with the responses in order (the last one repeats) and records
// the requests.
type fakeSeller struct {
	mu        sync.Mutex
	requests  []recorded
	responses []fakeResponse
}

type fakeResponse struct {
	status int
	header map[string]string
	body   string
}

func (f *fakeSeller) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.Header.Clone(), b})
	res := f.responses[min(len(f.requests), len(f.responses))-1]
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	for k, v := range res.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(res.status)
	io.WriteString(w, res.body)
}

func (f *fakeSeller) seen() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func newFake(t *testing.T, responses ...fakeResponse) (*fakeSeller, *httptest.Server) {
	f := &fakeSeller{responses: responses}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

var inFlight = fakeResponse{409, map[string]string{"Retry-After": "0"},
	`{"type":"invalid_request","code":"idempotency_in_flight","message":"busy"}`}

func TestClientSendsHeadersAndRetriesInFlight(t *testing.T) {
	f, srv := newFake(t, inFlight, inFlight, fakeResponse{201, nil, sessionJSON})
	n := 0
	c := acp.NewClient(srv.URL+"/acp/", testKey, acp.WithRequestID(func() string { n++; return "req_" + string(rune('0'+n)) }))
	s, err := c.Create(context.Background(), acp.CreateRequest{LineItems: []acp.Item{{ID: "mug"}, {ID: "cup", Quantity: 3}}, Currency: "USD"}, "idem-1")
	if err != nil || s.ID != "cs_1" {
		t.Fatalf("Create: %v, %v", s, err)
	}
	reqs := f.seen()
	if len(reqs) != 3 {
		t.Fatalf("%d attempts, want 3", len(reqs))
	}
	for i, r := range reqs {
		h := r.header
		if r.method != "POST" || r.path != "/acp/checkout_sessions" || h.Get("Authorization") != "Bearer "+testKey ||
			h.Get("API-Version") != "2026-04-17" || h.Get("Content-Type") != "application/json" ||
			h.Get("Idempotency-Key") != "idem-1" || h.Get("Request-Id") != "req_"+string(rune('1'+i)) ||
			!strings.HasPrefix(h.Get("User-Agent"), "commerce-mcp/") {
			t.Errorf("attempt %d: %s %s %v", i, r.method, r.path, h)
		}
	}
	var body struct {
		LineItems []map[string]any `json:"line_items"`
		Currency  string           `json:"currency"`
	}
	if err := json.Unmarshal(reqs[0].body, &body); err != nil {
		t.Fatal(err)
	}
	if body.Currency != "usd" || len(body.LineItems) != 2 || body.LineItems[0]["quantity"] != 1.0 || body.LineItems[1]["quantity"] != 3.0 {
		t.Errorf("request body %s: want lower-case currency and explicit quantities", reqs[0].body)
	}
	// GET carries neither a body nor an Idempotency-Key.
	if _, err := c.Get(context.Background(), "cs/1"); err != nil {
		t.Fatal(err)
	}
	g := f.seen()[3]
	if g.method != "GET" || g.path != "/acp/checkout_sessions/cs/1" || g.header.Get("Idempotency-Key") != "" || len(g.body) != 0 {
		t.Errorf("Get sent %s %s %v", g.method, g.path, g.header)
	}
}

func TestClientInFlightLimits(t *testing.T) {
	tests := []struct {
		name         string
		retryAfter   string
		opts         []acp.Option
		wantAttempts int
		wantWait     time.Duration
	}{
		{"gives up after three retries", "0", nil, 4, 0},
		{"no retries", "7", []acp.Option{acp.WithInFlightRetries(0, time.Minute)}, 1, 7 * time.Second},
		{"Retry-After too long", "30", nil, 1, 30 * time.Second},
		{"Retry-After as a date", "Fri, 01 May 2026 12:00:05 GMT", []acp.Option{acp.WithInFlightRetries(0, 0)}, 1, 5 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := inFlight
			res.header = map[string]string{"Retry-After": tc.retryAfter}
			f, srv := newFake(t, res)
			opts := append([]acp.Option{acp.WithNow(func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) })}, tc.opts...)
			_, err := acp.NewClient(srv.URL, testKey, opts...).Complete(context.Background(), "cs_1",
				acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}, "k")
			var pe *acp.Error
			if !errors.As(err, &pe) || pe.Code != acp.CodeIdempotencyInFlight || pe.HTTPStatus != 409 || pe.RetryAfter != tc.wantWait {
				t.Errorf("error %#v, want 409 in flight with RetryAfter %v", err, tc.wantWait)
			}
			if n := len(f.seen()); n != tc.wantAttempts {
				t.Errorf("%d attempts, want %d", n, tc.wantAttempts)
			}
			if acp.OutcomeUnknown(err) {
				t.Error("a 409 should not count as an unknown outcome")
			}
		})
	}
}

func TestClientResponses(t *testing.T) {
	big := `{"id":"cs_1","status":"ready_for_payment","pad":"` + strings.Repeat("x", acp.MaxResponseBytes) + `"}`
	tests := []struct {
		name      string
		res       fakeResponse
		malformed bool   // want *MalformedResponseError
		tooLarge  bool   //
		code      string // want *Error with this code
		unknown   bool   // OutcomeUnknown
	}{
		{name: "session", res: fakeResponse{200, nil, sessionJSON}},
		{name: "bad JSON", res: fakeResponse{200, nil, `{"id":`}, malformed: true, unknown: true},
		{name: "not a session", res: fakeResponse{200, nil, `{"hello":"world"}`}, malformed: true, unknown: true},
		{name: "wrong field type", res: fakeResponse{200, nil, `{"id":"cs_1","status":"ready_for_payment","line_items":"x"}`}, malformed: true, unknown: true},
		{name: "HTML", res: fakeResponse{200, map[string]string{"Content-Type": "text/html"}, `<html>` + sessionJSON}, malformed: true, unknown: true},
		{name: "too large", res: fakeResponse{200, nil, big}, malformed: true, tooLarge: true, unknown: true},
		{name: "gateway error page", res: fakeResponse{502, map[string]string{"Content-Type": "text/html"}, `<h1>Bad gateway</h1>`}, malformed: true, unknown: true},
		{name: "protocol 4xx", res: fakeResponse{400, nil, `{"type":"invalid_request","code":"invalid","message":"bad item","param":"$.line_items[0].id"}`}, code: "invalid"},
		{name: "protocol 5xx", res: fakeResponse{500, nil, `{"type":"processing_error","code":"oops","message":"try later"}`}, code: "oops", unknown: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, srv := newFake(t, tc.res)
			s, err := acp.NewClient(srv.URL, testKey).Get(context.Background(), "cs_1")
			var me *acp.MalformedResponseError
			var pe *acp.Error
			switch {
			case tc.malformed:
				if !errors.As(err, &me) || me.TooLarge != tc.tooLarge || me.HTTPStatus != tc.res.status {
					t.Errorf("got %v, want a malformed-response error (too large %v)", err, tc.tooLarge)
				}
			case tc.code != "":
				if !errors.As(err, &pe) || pe.Code != tc.code || pe.HTTPStatus != tc.res.status {
					t.Errorf("got %v, want *Error %s", err, tc.code)
				}
			default:
				if err != nil || s.ID != "cs_1" {
					t.Errorf("got %v, %v", s, err)
				}
			}
			if acp.OutcomeUnknown(err) != tc.unknown {
				t.Errorf("OutcomeUnknown(%v) = %v, want %v", err, !tc.unknown, tc.unknown)
			}
		})
	}
}

func TestClientErrorsHideSecrets(t *testing.T) {
	echo := `{"type":"invalid_request","code":"invalid","message":"token ` + testToken + ` with key ` + testKey +
		` split spt_test_secret\u200b_token_456","param":"$.payment_data.instrument.credential.token"}`
	_, srv := newFake(t, fakeResponse{400, nil, echo})
	_, err := acp.NewClient(srv.URL, testKey).Complete(context.Background(), "cs_1",
		acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}, "k")
	if err == nil {
		t.Fatal("no error")
	}
	for _, secret := range []string{testToken, testKey} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error text %q contains a secret", err)
		}
	}
	if !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("error text %q: want the secrets replaced", err)
	}
	// Credential does not print its token.
	cred := acp.SPTPayment(testToken)
	for _, s := range []string{fmtV(cred), fmtV(*cred.Instrument), fmtV(acp.CompleteRequest{PaymentData: cred})} {
		if strings.Contains(s, testToken) {
			t.Errorf("formatted value %s contains the token", s)
		}
	}
}

func TestClientTransportErrors(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()

	tests := []struct {
		name    string
		url     string
		ctx     func() (context.Context, context.CancelFunc)
		notSent bool
		timeout bool
	}{
		{"timeout", slow.URL, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, false, true},
		{"refused", closed, func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, true, false},
		{"context already over", slow.URL, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			_, err := acp.NewClient(tc.url, testKey).Complete(ctx, "cs_1", acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}, "k")
			var te *acp.TransportError
			if !errors.As(err, &te) || te.NotSent != tc.notSent || te.Timeout != tc.timeout {
				t.Fatalf("got %#v, want a transport error with NotSent %v, Timeout %v", err, tc.notSent, tc.timeout)
			}
			if acp.OutcomeUnknown(err) == tc.notSent {
				t.Errorf("OutcomeUnknown = %v with NotSent %v", !tc.notSent, tc.notSent)
			}
			if tc.timeout && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%v does not wrap context.DeadlineExceeded", err)
			}
			if strings.Contains(err.Error(), testToken) || strings.Contains(err.Error(), testKey) {
				t.Errorf("error %q contains a secret", err)
			}
		})
	}
}

func TestClientNeedsKeysAndIDs(t *testing.T) {
	c := acp.NewClient("http://127.0.0.1:1", testKey)
	ctx := context.Background()
	if _, err := c.Create(ctx, acp.CreateRequest{}, ""); err == nil || !strings.Contains(err.Error(), "idempotency key") {
		t.Errorf("Create without a key: %v", err)
	}
	for name, call := range map[string]func() error{
		"get":      func() error { _, err := c.Get(ctx, ""); return err },
		"update":   func() error { _, err := c.Update(ctx, "", acp.UpdateRequest{}, "k"); return err },
		"complete": func() error { _, err := c.Complete(ctx, "", acp.CompleteRequest{}, "k"); return err },
		"cancel":   func() error { _, err := c.Cancel(ctx, "", acp.CancelRequest{}, "k"); return err },
	} {
		if err := call(); err == nil || !strings.Contains(err.Error(), "empty session id") {
			t.Errorf("%s with no id: %v", name, err)
		}
	}
}

// fmtV formats v the ways a careless log line might.
func fmtV(v any) string { return fmt.Sprintf("%v %+v %#v %s", v, v, v, v) }

// TestClientErrorsHideURLUserInfo: a seller's base URL with user info (a user and
// password, or a token in the user's place) does not reach an error's text, which is
// logged: Go's HTTP client names the URL it called, masking only a password.
func TestClientErrorsHideURLUserInfo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	for _, tc := range []struct{ name, base string }{
		{"a token as the user", "http://tok_userinfo_secret@" + closed},
		{"a user and password", "http://userinfo_name:userinfo_secret@" + closed},
		{"a bad URL", "http://userinfo_name:userinfo_secret@" + closed + "/%zz"},
		{"no scheme", "userinfo_name:userinfo_secret@" + closed + "/acp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := acp.NewClient(tc.base, testKey)
			_, cerr := c.Complete(context.Background(), "cs_1", acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}, "k")
			_, derr := c.Discover(context.Background())
			for _, err := range []error{cerr, derr} {
				if err == nil {
					t.Fatal("no error")
				}
				if strings.Contains(err.Error(), "userinfo_") {
					t.Errorf("error text %q holds the URL's user info", err)
				}
			}
		})
	}
}

// TestClientErrorsHidePersonalData: a seller's error text that echoes the buyer's or
// recipient's details the call sent, or any e-mail address, reaches the error (and so
// the log) masked, whatever the case it is echoed in; a state or country code and the
// rest of the text stay.
func TestClientErrorsHidePersonalData(t *testing.T) {
	buyer := &acp.Buyer{Email: "ada.lovelace@example.org", FirstName: "Ada", LastName: "Lovelace", PhoneNumber: "+1 415 555 0100"}
	ship := &acp.FulfillmentDetails{Name: "Ada Lovelace", Address: &acp.Address{Name: "Ada Lovelace",
		LineOne: "12 Analytical Row", LineTwo: "Flat 3", City: "Marylebone", State: "CA", Country: "US", PostalCode: "94107"}}
	for _, tc := range []struct {
		name, message string
		gone          []string
		kept          []string
	}{
		{"address echoed", "cannot deliver to 12 ANALYTICAL ROW, Flat 3, Marylebone CA 94107 (US)",
			[]string{"ANALYTICAL", "Flat 3", "Marylebone", "94107"}, []string{"cannot deliver to", "CA", "(US)"}},
		{"buyer echoed", "buyer Ada Lovelace <ADA.LOVELACE@example.org> phone +1 415 555 0100 refused",
			[]string{"Lovelace", "example.org", "555 0100"}, []string{"buyer", "refused"}},
		{"another e-mail address", "contact support.desk+ref@seller-mail.example.com about it",
			[]string{"support.desk", "seller-mail"}, []string{"contact", "about it"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, err := json.Marshal(map[string]string{"type": "invalid_request", "code": "invalid", "message": tc.message})
			if err != nil {
				t.Fatal(err)
			}
			_, srv := newFake(t, fakeResponse{400, nil, string(body)})
			c := acp.NewClient(srv.URL, testKey)
			_, cerr := c.Create(context.Background(), acp.CreateRequest{LineItems: []acp.Item{{ID: "p1", Quantity: 1}},
				Currency: "usd", Buyer: buyer, FulfillmentDetails: ship}, "k1")
			_, uerr := c.Update(context.Background(), "cs_1", acp.UpdateRequest{Buyer: buyer, FulfillmentDetails: ship}, "k2")
			for _, err := range []error{cerr, uerr} {
				if err == nil {
					t.Fatal("no error")
				}
				for _, s := range tc.gone {
					if strings.Contains(err.Error(), s) {
						t.Errorf("error text %q holds %q", err, s)
					}
				}
				for _, s := range append(tc.kept, "[personal data]") {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error text %q lost %q", err, s)
					}
				}
			}
		})
	}
}
