package spt

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestSetupFlowOnSandbox runs the whole bring-a-card flow against the emulator: a
// Customer, a setup session, the hosted page completed by a browser, and the session
// read back with the card; then attach and detach.
func TestSetupFlowOnSandbox(t *testing.T) {
	e := newEnv(t)
	page := httptest.NewServer(e.sb.SetupPage())
	t.Cleanup(page.Close)
	e.sb.SetPageURL(page.URL)
	ctx := context.Background()
	c := e.client(Config{})
	cus, err := c.CreateCustomer(ctx, CustomerParams{Email: "p@example.com", Name: "P", Metadata: map[string]string{"customer_id": "cus_local"}, IdempotencyKey: "customer-cus_local"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.CreateCustomer(ctx, CustomerParams{Email: "p@example.com", Name: "P", Metadata: map[string]string{"customer_id": "cus_local"}, IdempotencyKey: "customer-cus_local"})
	if err != nil || again != cus {
		t.Fatalf("a repeat with the same idempotency key = %q, %v; want %q", again, err, cus)
	}
	s, err := c.CreateSetupSession(ctx, SetupSessionParams{Customer: cus, SuccessURL: "https://agent.example/done", ClientReferenceID: "pset_1",
		ExpiresAt: e.clock.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != SessionOpen || !strings.HasPrefix(s.URL, page.URL+"/c/setup/cs_") || s.Customer != cus {
		t.Fatalf("session = %+v", s)
	}
	// The person opens the page and submits the form; the browser is sent to success_url.
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(body, []byte(`value="pm_card_mastercard"`)) {
		t.Fatalf("page = %d %s", res.StatusCode, body)
	}
	res, err = hc.PostForm(s.URL, url.Values{"card": {"pm_card_mastercard"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "https://agent.example/done" {
		t.Fatalf("submit = %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	got, err := c.RetrieveSetupSession(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := PaymentMethod{ID: "pm_card_mastercard", Type: "card", Brand: "mastercard", Last4: "4444", ExpMonth: 12, ExpYear: e.clock.Now().Year() + 3}
	if got.Status != SessionComplete || got.URL != "" || got.PaymentMethod != want {
		t.Fatalf("completed session = %+v, want payment method %+v", got, want)
	}
	// A completed page cannot be submitted again.
	res, err = hc.PostForm(s.URL, url.Values{"card": {"pm_card_visa"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusConflict {
		t.Errorf("second submit = %d, want 409", res.StatusCode)
	}

	pm, err := c.AttachPaymentMethod(ctx, "pm_card_visa", cus, "")
	if err != nil || pm.Brand != "visa" || pm.Last4 != "4242" {
		t.Fatalf("attach = %+v, %v", pm, err)
	}
	if err := c.DetachPaymentMethod(ctx, "pm_card_visa", ""); err != nil {
		t.Fatalf("detach: %v", err)
	}
	err = c.DetachPaymentMethod(ctx, "pm_card_visa", "")
	wantError(t, err, http.StatusBadRequest, "invalid_request_error", "")
	_, err = c.AttachPaymentMethod(ctx, "pm_card_visa", "cus_unknown", "")
	wantError(t, err, http.StatusBadRequest, "invalid_request_error", CodeResourceMissing)
	_, err = c.CreateSetupSession(ctx, SetupSessionParams{Customer: "cus_unknown", SuccessURL: "https://agent.example/done"})
	se := wantError(t, err, http.StatusBadRequest, "invalid_request_error", CodeResourceMissing)
	if se.Param != "customer" {
		t.Errorf("param = %q, want customer", se.Param)
	}
}

// TestCustomerRequestShapes checks what reaches Stripe for each call: method, path,
// form and headers, as a Stripe-shaped httptest server records them.
func TestCustomerRequestShapes(t *testing.T) {
	var (
		mu   sync.Mutex
		seen []string
	)
	replies := map[string]string{
		"POST /v1/customers":                           `{"id":"cus_123","object":"customer"}`,
		"POST /v1/payment_methods/pm_card_visa/attach": `{"id":"pm_1abc","object":"payment_method","type":"card","card":{"brand":"visa","last4":"4242","exp_month":8,"exp_year":2031}}`,
		"POST /v1/payment_methods/pm_1abc/detach":      `{"id":"pm_1abc","object":"payment_method","type":"card"}`,
		"POST /v1/checkout/sessions":                   `{"id":"cs_test_1","object":"checkout.session","mode":"setup","status":"open","url":"https://checkout.stripe.com/c/pay/cs_test_1","customer":"cus_123","expires_at":1900000000,"setup_intent":"seti_1"}`,
		"GET /v1/checkout/sessions/cs_test_1":          `{"id":"cs_test_1","object":"checkout.session","mode":"setup","status":"complete","url":null,"customer":"cus_123","setup_intent":{"id":"seti_1","status":"succeeded","payment_method":{"id":"pm_2def","type":"card","card":{"brand":"amex","last4":"8431","exp_month":1,"exp_year":2032}}}}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		q := r.URL.RawQuery
		if len(body) > 0 {
			q = string(body)
		}
		form, _ := url.ParseQuery(q)
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path+" "+form.Encode()+" idem="+r.Header.Get("Idempotency-Key")+" auth="+r.Header.Get("Authorization"))
		mu.Unlock()
		reply, ok := replies[r.Method+" "+r.URL.Path]
		if !ok {
			w.WriteHeader(404)
			io.WriteString(w, `{"error":{"type":"invalid_request_error","message":"Unrecognized request URL"}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, reply)
	}))
	t.Cleanup(srv.Close)
	c := New(Config{SecretKey: agentKey, BaseURL: srv.URL})
	ctx := context.Background()
	if id, err := c.CreateCustomer(ctx, CustomerParams{Email: "p@example.com", Name: "Pat", Metadata: map[string]string{"customer_id": "cus_local"}, IdempotencyKey: "k1"}); err != nil || id != "cus_123" {
		t.Fatalf("CreateCustomer = %q, %v", id, err)
	}
	if pm, err := c.AttachPaymentMethod(ctx, "pm_card_visa", "cus_123", "k2"); err != nil || pm.ID != "pm_1abc" || pm.ExpYear != 2031 {
		t.Fatalf("Attach = %+v, %v", pm, err)
	}
	if err := c.DetachPaymentMethod(ctx, "pm_1abc", "k3"); err != nil {
		t.Fatalf("Detach: %v", err)
	}
	exp := time.Unix(1900000000, 0)
	s, err := c.CreateSetupSession(ctx, SetupSessionParams{Customer: "cus_123", SuccessURL: "https://a.example/done?s=1", CancelURL: "https://a.example/cancel",
		ClientReferenceID: "pset_1", ExpiresAt: exp, IdempotencyKey: "k4"})
	if err != nil || s.URL != "https://checkout.stripe.com/c/pay/cs_test_1" || s.Status != SessionOpen || !s.ExpiresAt.Equal(exp) {
		t.Fatalf("CreateSetupSession = %+v, %v", s, err)
	}
	s, err = c.RetrieveSetupSession(ctx, "cs_test_1")
	if err != nil || s.Status != SessionComplete || s.PaymentMethod.ID != "pm_2def" || s.PaymentMethod.Brand != "amex" {
		t.Fatalf("RetrieveSetupSession = %+v, %v", s, err)
	}
	auth := " auth=Bearer " + agentKey
	want := []string{
		"POST /v1/customers email=p%40example.com&metadata%5Bcustomer_id%5D=cus_local&name=Pat idem=k1" + auth,
		"POST /v1/payment_methods/pm_card_visa/attach customer=cus_123 idem=k2" + auth,
		"POST /v1/payment_methods/pm_1abc/detach  idem=k3" + auth,
		"POST /v1/checkout/sessions cancel_url=https%3A%2F%2Fa.example%2Fcancel&client_reference_id=pset_1&customer=cus_123&expires_at=1900000000&mode=setup&payment_method_types%5B0%5D=card&success_url=https%3A%2F%2Fa.example%2Fdone%3Fs%3D1 idem=k4" + auth,
		"GET /v1/checkout/sessions/cs_test_1 expand%5B0%5D=setup_intent.payment_method idem=" + auth,
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != len(want) {
		t.Fatalf("requests:\n%s", strings.Join(seen, "\n"))
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Errorf("request %d:\n got %s\nwant %s", i, seen[i], want[i])
		}
	}
}

func TestCustomerCallsRefuseBadIDs(t *testing.T) {
	c := New(Config{SecretKey: agentKey, BaseURL: "http://127.0.0.1:1"})
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
	}{
		{"attach card number", func() error { _, err := c.AttachPaymentMethod(ctx, "4242424242424242", "cus_1", ""); return err }},
		{"attach to non-customer", func() error { _, err := c.AttachPaymentMethod(ctx, "pm_1", "acct_1", ""); return err }},
		{"detach non-pm", func() error { return c.DetachPaymentMethod(ctx, "card_1", "") }},
		{"session without customer", func() error {
			_, err := c.CreateSetupSession(ctx, SetupSessionParams{SuccessURL: "https://x"})
			return err
		}},
		{"session without success URL", func() error {
			_, err := c.CreateSetupSession(ctx, SetupSessionParams{Customer: "cus_1"})
			return err
		}},
		{"retrieve non-session", func() error { _, err := c.RetrieveSetupSession(ctx, "pi_1"); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v, want ErrInvalid", err)
			}
			if err := tc.call(); strings.Contains(err.Error(), "4242424242424242") {
				t.Fatalf("error repeats the card number: %v", err)
			}
		})
	}
}

// A setup page lapses at its expires_at: Stripe reports the session expired and the
// page takes no card.
func TestSetupSessionExpires(t *testing.T) {
	e := newEnv(t)
	page := httptest.NewServer(e.sb.SetupPage())
	t.Cleanup(page.Close)
	e.sb.SetPageURL(page.URL)
	ctx := context.Background()
	c := e.client(Config{})
	cus, err := c.CreateCustomer(ctx, CustomerParams{Email: "x@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateSetupSession(ctx, SetupSessionParams{Customer: cus, SuccessURL: "https://a.example/done", ExpiresAt: e.clock.Now().Add(10 * time.Minute)}); err == nil {
		t.Fatal("a session lasting 10 minutes was accepted; Stripe wants at least 30")
	}
	s, err := c.CreateSetupSession(ctx, SetupSessionParams{Customer: cus, SuccessURL: "https://a.example/done", ExpiresAt: e.clock.Now().Add(31 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(32 * time.Minute)
	got, err := c.RetrieveSetupSession(ctx, s.ID)
	if err != nil || got.Status != SessionExpired || got.URL != "" {
		t.Fatalf("after expiry = %+v, %v", got, err)
	}
	res, err := http.PostForm(s.URL, url.Values{"card": {"pm_card_visa"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("submitting an expired page: %d", res.StatusCode)
	}
}

// TestCreateCustomerErrorsWithoutPersonalData: Stripe's message refusing a Customer
// may repeat the email or name sent; the error, which is logged, does not.
func TestCreateCustomerErrorsWithoutPersonalData(t *testing.T) {
	for _, tc := range []struct{ name, message string }{
		{"the email repeated", "Invalid email address: Ann.Lee@Example.com"},
		{"the email lowercased", "Invalid email address: ann.lee@example.com"},
		{"the name repeated", "Name 'Ann Lee' is too long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"error":{"type":"invalid_request_error","code":"email_invalid","param":"email","message":"`+tc.message+`"}}`)
			}))
			t.Cleanup(srv.Close)
			c := New(Config{SecretKey: agentKey, BaseURL: srv.URL})
			_, err := c.CreateCustomer(context.Background(), CustomerParams{Email: "Ann.Lee@Example.com", Name: "Ann Lee", IdempotencyKey: "k1"})
			var se *Error
			if !errors.As(err, &se) || se.Code != "email_invalid" {
				t.Fatalf("err = %v, want Stripe's error", err)
			}
			if msg := strings.ToLower(err.Error()); strings.Contains(msg, "ann.lee@example.com") || strings.Contains(msg, "ann lee") || !strings.Contains(msg, "[personal data]") {
				t.Errorf("err = %q repeats the customer's email or name", err)
			}
		})
	}
}
