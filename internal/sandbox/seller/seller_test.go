package seller_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

func TestNewSellerNeedsItsParts(t *testing.T) {
	inv, pay := newInventory(), &fakePayments{}
	tests := []struct {
		name string
		cfg  seller.Config
		want string
	}{
		{"no key", seller.Config{Inventory: inv, Payments: pay}, "API key"},
		{"no inventory", seller.Config{APIKey: "k", Payments: pay}, "inventory"},
		{"no payments", seller.Config{APIKey: "k", Inventory: inv}, "payments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := seller.New(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New = %v, want an error naming %q", err, tc.want)
			}
		})
	}
}

func TestSellerAuthAndVersion(t *testing.T) {
	e := newEnv(t)
	body := `{"line_items":[{"id":"mug"}],"currency":"usd","capabilities":{}}`
	tests := []struct {
		name       string
		hdr        map[string]string
		wantStatus int
		wantCode   string
	}{
		{"no key", map[string]string{"Authorization": "", "Idempotency-Key": "a"}, 401, acp.CodeUnauthorized},
		{"wrong key", map[string]string{"Authorization": "Bearer nope", "Idempotency-Key": "a"}, 401, acp.CodeUnauthorized},
		{"basic auth", map[string]string{"Authorization": "Basic " + testKey, "Idempotency-Key": "a"}, 401, acp.CodeUnauthorized},
		{"no version", map[string]string{"API-Version": "", "Idempotency-Key": "a"}, 400, acp.CodeMissingAPIVersion},
		{"old version", map[string]string{"API-Version": "2025-09-29", "Idempotency-Key": "a"}, 400, acp.CodeUnsupportedAPIVersion},
		{"no idempotency key", nil, 400, acp.CodeIdempotencyKeyRequired},
		{"idempotency key too long", map[string]string{"Idempotency-Key": strings.Repeat("k", 256)}, 400, acp.CodeInvalid},
		{"not json", map[string]string{"Idempotency-Key": "b", "Content-Type": "text/plain"}, 415, "unsupported_media_type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := e.raw("POST", "/checkout_sessions", body, tc.hdr)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.wantStatus, b)
			}
			pe := protoError(t, b)
			if pe.Code != tc.wantCode || pe.Type != acp.ErrorInvalidRequest || pe.Message == "" {
				t.Errorf("error %+v, want code %s", pe, tc.wantCode)
			}
			if strings.HasPrefix(tc.wantCode, "unsupported_api") || tc.wantCode == acp.CodeMissingAPIVersion {
				if len(pe.SupportedVersions) != 1 || pe.SupportedVersions[0] != acp.APIVersion {
					t.Errorf("supported_versions = %v", pe.SupportedVersions)
				}
			}
		})
	}
	// The client sees a 401 as *Error.
	c := acp.NewClient(e.srv.URL, "wrong")
	_, err := c.Get(context.Background(), "cs_x")
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.HTTPStatus != 401 || pe.Code != acp.CodeUnauthorized {
		t.Errorf("Get with a wrong key: %v", err)
	}
	// Discovery needs no key.
	resp, b := e.raw("GET", "/.well-known/acp.json", "", map[string]string{"Authorization": "", "API-Version": ""})
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"version":"2026-04-17"`) {
		t.Errorf("discovery: %d %s", resp.StatusCode, b)
	}
	if resp, _ := e.raw("DELETE", "/checkout_sessions/x", "", nil); resp.StatusCode != 404 {
		t.Errorf("DELETE: status %d, want 404", resp.StatusCode)
	}
}

func TestSellerIdempotency(t *testing.T) {
	e := newEnv(t)
	body := `{"line_items":[{"id":"mug","quantity":2}],"currency":"usd","capabilities":{}}`
	same := `{ "capabilities": {}, "currency": "usd", "line_items": [ {"quantity": 2.0, "id": "mug"} ] }`
	other := `{"line_items":[{"id":"mug","quantity":3}],"currency":"usd","capabilities":{}}`
	hdr := map[string]string{"Idempotency-Key": "k1", "Request-Id": "req_1"}

	r1, b1 := e.raw("POST", "/checkout_sessions", body, hdr)
	if r1.StatusCode != 201 || r1.Header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("first create: %d replayed=%q %s", r1.StatusCode, r1.Header.Get("Idempotent-Replayed"), b1)
	}
	if r1.Header.Get("Idempotency-Key") != "k1" || r1.Header.Get("Request-Id") != "req_1" {
		t.Errorf("headers not echoed: %v", r1.Header)
	}
	for _, b := range []string{body, same} {
		r2, b2 := e.raw("POST", "/checkout_sessions", b, hdr)
		if r2.StatusCode != 201 || r2.Header.Get("Idempotent-Replayed") != "true" || string(b2) != string(b1) {
			t.Errorf("replay of %s: %d replayed=%q, same body %v", b, r2.StatusCode, r2.Header.Get("Idempotent-Replayed"), string(b2) == string(b1))
		}
	}
	r3, b3 := e.raw("POST", "/checkout_sessions", other, hdr)
	if r3.StatusCode != 422 || protoError(t, b3).Code != acp.CodeIdempotencyConflict {
		t.Errorf("other body, same key: %d %s", r3.StatusCode, b3)
	}
	// Keys are scoped to the path: the same key opens nothing twice but works elsewhere.
	var s acp.CheckoutSession
	if err := json.Unmarshal(b1, &s); err != nil {
		t.Fatal(err)
	}
	r4, b4 := e.raw("POST", "/checkout_sessions/"+s.ID+"/cancel", "", hdr)
	if r4.StatusCode != 200 || r4.Header.Get("Idempotent-Replayed") != "" {
		t.Errorf("same key on cancel: %d %s", r4.StatusCode, b4)
	}
	// A 4xx is stored like a success: the replay is the same 405.
	r5, b5 := e.raw("POST", "/checkout_sessions/"+s.ID+"/cancel", "", map[string]string{"Idempotency-Key": "k2"})
	r6, b6 := e.raw("POST", "/checkout_sessions/"+s.ID+"/cancel", "", map[string]string{"Idempotency-Key": "k2"})
	if r5.StatusCode != 405 || r6.StatusCode != 405 || r6.Header.Get("Idempotent-Replayed") != "true" || string(b5) != string(b6) {
		t.Errorf("cancel twice with one key: %d, %d replayed=%q", r5.StatusCode, r6.StatusCode, r6.Header.Get("Idempotent-Replayed"))
	}
}

func TestSellerIdempotencyInFlight(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("mug", 1))
	e.pay.gate, e.pay.started = make(chan struct{}), make(chan struct{}, 1)
	body := `{"payment_data":{"handler_id":"stripe_spt","instrument":{"type":"card","credential":{"type":"spt","token":"` + testToken + `"}}}}`
	hdr := map[string]string{"Idempotency-Key": "pay-1"}
	done := make(chan []byte)
	go func() {
		_, b := e.raw("POST", "/checkout_sessions/"+s.ID+"/complete", body, hdr)
		done <- b
	}()
	<-e.pay.started
	resp, b := e.raw("POST", "/checkout_sessions/"+s.ID+"/complete", body, hdr)
	if resp.StatusCode != 409 || protoError(t, b).Code != acp.CodeIdempotencyInFlight || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second request while the first runs: %d Retry-After=%q %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	// While charging, the session shows complete_in_progress.
	got, err := e.client.Get(context.Background(), s.ID)
	if err != nil || got.Status != acp.StatusCompleteInProgress {
		t.Errorf("Get during the charge: %v, %v", got, err)
	}
	close(e.pay.gate)
	first := <-done
	resp, b = e.raw("POST", "/checkout_sessions/"+s.ID+"/complete", body, hdr)
	if resp.StatusCode != 200 || resp.Header.Get("Idempotent-Replayed") != "true" || string(b) != string(first) {
		t.Errorf("after the first finished: %d replayed=%q", resp.StatusCode, resp.Header.Get("Idempotent-Replayed"))
	}
	if n := len(e.pay.charges()); n != 1 {
		t.Errorf("%d charges, want 1", n)
	}
}

func TestSellerDoesNotStore5xx(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("mug", 1))
	e.pay.setFn(func(seller.ChargeRequest) (seller.ChargeResult, error) {
		return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, HTTPStatus: 500}
	})
	key := "pay-once"
	req := acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}
	_, err := e.client.Complete(context.Background(), s.ID, req, key)
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.HTTPStatus != 503 || pe.Code != acp.CodePaymentUnavailable || pe.RetryAfter <= 0 {
		t.Fatalf("complete while Stripe is down: %v", err)
	}
	if !acp.OutcomeUnknown(err) {
		t.Error("a 503 should leave the outcome unknown")
	}
	e.pay.setFn(nil)
	got, err := e.client.Complete(context.Background(), s.ID, req, key)
	if err != nil || got.Status != acp.StatusCompleted {
		t.Fatalf("retry with the same key: %v, %v", got, err)
	}
	calls := e.pay.charges()
	if len(calls) != 2 || calls[0].IdempotencyKey != calls[1].IdempotencyKey {
		t.Errorf("charges %+v: want two attempts with one Stripe idempotency key", calls)
	}
}

func TestSellerCreate(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		status    acp.Status
		total     int64
		quantity  []int
		message   string // code of the expected error message
		errStatus int    // expected HTTP error instead of a session
		errCode   string
		errParam  string
	}{
		{name: "quantity field", body: `{"line_items":[{"id":"mug","quantity":3}],"currency":"usd"}`,
			status: acp.StatusReadyForPayment, total: 3750, quantity: []int{3}},
		{name: "repeated ids", body: `{"line_items":[{"id":"mug"},{"id":"mug"},{"id":"mug"}],"currency":"usd"}`,
			status: acp.StatusReadyForPayment, total: 3750, quantity: []int{3}},
		{name: "mixed shapes add up", body: `{"line_items":[{"id":"mug","quantity":2},{"id":"poster"},{"id":"mug"}],"currency":"USD"}`,
			status: acp.StatusReadyForPayment, total: 3*1250 + 2000, quantity: []int{3, 1}},
		{name: "legacy items", body: `{"items":[{"id":"poster","quantity":2}]}`,
			status: acp.StatusReadyForPayment, total: 4000, quantity: []int{2}},
		{name: "prices from the request are ignored", body: `{"line_items":[{"id":"mug","unit_amount":1,"quantity":1}],"currency":"usd"}`,
			status: acp.StatusReadyForPayment, total: 1250, quantity: []int{1}},
		{name: "out of stock", body: `{"line_items":[{"id":"gone"}],"currency":"usd"}`,
			status: acp.StatusNotReadyForPayment, total: 4000, quantity: []int{1}, message: acp.CodeOutOfStock},
		{name: "more than the stock", body: `{"line_items":[{"id":"mug","quantity":6}],"currency":"usd"}`,
			status: acp.StatusNotReadyForPayment, total: 7500, quantity: []int{6}, message: acp.CodeQuantityExceeded},
		{name: "unknown item", body: `{"line_items":[{"id":"mug"},{"id":"nope"}],"currency":"usd"}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items[1].id"},
		{name: "first item unknown", body: `{"line_items":[{"id":"nope"}],"currency":"usd"}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items[0].id"},
		{name: "two currencies", body: `{"line_items":[{"id":"mug"},{"id":"euro"}]}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items[1].id"},
		{name: "currency differs from the items", body: `{"line_items":[{"id":"euro"}],"currency":"usd"}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items[0].id"},
		{name: "bad currency", body: `{"line_items":[{"id":"mug"}],"currency":"dollars"}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.currency"},
		{name: "zero quantity", body: `{"line_items":[{"id":"mug","quantity":0}]}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items[0].quantity"},
		{name: "fractional quantity", body: `{"line_items":[{"id":"mug","quantity":1.5}]}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items[0].quantity"},
		{name: "quantity too large", body: `{"line_items":[{"id":"poster","quantity":1000}]}`,
			errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items[0].quantity"},
		{name: "no lines", body: `{"line_items":[],"currency":"usd"}`,
			errStatus: 400, errCode: acp.CodeMissing, errParam: "$.line_items"},
		{name: "line without id", body: `{"line_items":[{"quantity":1}]}`,
			errStatus: 400, errCode: acp.CodeMissing, errParam: "$.line_items[0].id"},
		{name: "malformed JSON", body: `{"line_items":[`, errStatus: 400, errCode: acp.CodeInvalidJSON},
		{name: "wrong type", body: `{"line_items":"mug"}`, errStatus: 400, errCode: acp.CodeInvalid, errParam: "$.line_items"},
	}
	e := newEnv(t)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := e.raw("POST", "/checkout_sessions", tc.body, map[string]string{"Idempotency-Key": "c" + string(rune('a'+i))})
			if tc.errStatus != 0 {
				pe := protoError(t, b)
				if resp.StatusCode != tc.errStatus || pe.Code != tc.errCode || pe.Param != tc.errParam {
					t.Errorf("got %d %+v, want %d %s at %q", resp.StatusCode, pe, tc.errStatus, tc.errCode, tc.errParam)
				}
				return
			}
			if resp.StatusCode != 201 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			var s acp.CheckoutSession
			if err := json.Unmarshal(b, &s); err != nil {
				t.Fatal(err)
			}
			if s.Status != tc.status || s.Currency != "usd" {
				t.Errorf("status %s, currency %s; want %s, usd", s.Status, s.Currency, tc.status)
			}
			for _, typ := range []acp.TotalType{acp.TotalItemsBaseAmount, acp.TotalSubtotal, acp.TotalTotal} {
				if got, ok := s.Total(typ); !ok || got != tc.total {
					t.Errorf("total %s = %d, %v; want %d", typ, got, ok, tc.total)
				}
			}
			for _, typ := range []acp.TotalType{acp.TotalTax, acp.TotalFulfillment} {
				if got, ok := s.Total(typ); !ok || got != 0 {
					t.Errorf("total %s = %d, %v; want 0", typ, got, ok)
				}
			}
			var qs []int
			var sum int64
			for _, li := range s.LineItems {
				qs = append(qs, li.Quantity)
				lt, _ := lineTotal(li)
				sum += lt
			}
			if !equalInts(qs, tc.quantity) || sum != tc.total {
				t.Errorf("line quantities %v (sum %d), want %v (sum %d)", qs, sum, tc.quantity, tc.total)
			}
			if tc.message != "" && !s.HasError(tc.message) || tc.message == "" && len(s.Messages) != 0 {
				t.Errorf("messages %+v, want %q", s.Messages, tc.message)
			}
			if s.Capabilities.Payment == nil || s.Capabilities.Payment.Handlers[0].ID != acp.HandlerID ||
				len(s.FulfillmentOptions) != 1 || s.Links == nil || s.ExpiresAt.IsZero() {
				t.Errorf("session lacks required parts: %s", b)
			}
		})
	}
}

func lineTotal(li acp.LineItem) (int64, bool) {
	for _, t := range li.Totals {
		if t.Type == acp.TotalTotal {
			return t.Amount, true
		}
	}
	return 0, false
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSellerComplete(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("mug", 2))
	got, err := e.complete(s.ID, testToken)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != acp.StatusCompleted || got.Order == nil || got.Order.Status != acp.OrderStatusConfirmed ||
		got.Order.CheckoutSessionID != s.ID || got.Order.Type != "order" ||
		!strings.HasPrefix(got.Order.PermalinkURL, "http://seller.test/orders/ord_") {
		t.Fatalf("completed session: %+v order %+v", got, got.Order)
	}
	calls := e.pay.charges()
	if len(calls) != 1 {
		t.Fatalf("%d charges, want 1", len(calls))
	}
	c := calls[0]
	if c.Token != testToken || c.Amount != 2500 || c.Currency != "usd" || c.Metadata["checkout_session_id"] != s.ID ||
		!strings.Contains(c.IdempotencyKey, s.ID) || strings.Contains(c.IdempotencyKey, testToken) {
		t.Errorf("charge request %+v", c)
	}
	if n := e.inv.stockOf("mug"); n != 3 {
		t.Errorf("stock after the sale %d, want 3", n)
	}
	// Completing again, with another key or token, returns the same session and
	// charges nothing.
	for _, tok := range []string{testToken, "spt_other"} {
		again, err := e.complete(s.ID, tok)
		if err != nil || again.Order == nil || again.Order.ID != got.Order.ID {
			t.Errorf("complete again with %s: %+v, %v", tok, again, err)
		}
	}
	if n := len(e.pay.charges()); n != 1 {
		t.Errorf("%d charges after completing three times, want 1", n)
	}
	// The order permalink serves the order.
	resp, b := e.raw("GET", strings.TrimPrefix(got.Order.PermalinkURL, "http://seller.test"), "", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(b), got.Order.ID) {
		t.Errorf("order permalink: %d %s", resp.StatusCode, b)
	}
}

func TestSellerCompleteConcurrent(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("poster", 1))
	const n = 20
	orders := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := e.client.Complete(context.Background(), s.ID, acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)},
				"concurrent-"+string(rune('a'+i)))
			if err != nil {
				t.Errorf("complete %d: %v", i, err)
				return
			}
			if got.Order != nil {
				orders[i] = got.Order.ID
			}
		}()
	}
	wg.Wait()
	for i, o := range orders {
		if o == "" || o != orders[0] {
			t.Fatalf("complete %d saw order %q, complete 0 saw %q", i, o, orders[0])
		}
	}
	if c := len(e.pay.charges()); c != 1 {
		t.Errorf("%d charges for %d concurrent completes, want 1", c, n)
	}
}

// TestSellerLastUnitChargedOnce completes two sessions for the last unit, the second
// while the first one's charge is in flight: the second is refused as out of stock
// before any charge, so one buyer pays and the stock is not oversold.
func TestSellerLastUnitChargedOnce(t *testing.T) {
	e := newEnv(t)
	first, second := e.create(item("last", 1)), e.create(item("last", 1))
	e.pay.gate, e.pay.started = make(chan struct{}), make(chan struct{}, 2)
	type result struct {
		s   *acp.CheckoutSession
		err error
	}
	complete := func(id string) chan result {
		ch, key := make(chan result, 1), e.key()
		go func() {
			s, err := e.client.Complete(context.Background(), id, acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}, key)
			ch <- result{s, err}
		}()
		return ch
	}
	firstDone := complete(first.ID)
	<-e.pay.started // the first charge is in flight
	secondDone := complete(second.ID)
	var got result
	select {
	case got = <-secondDone: // refused without a charge
	case <-e.pay.started: // charged too: let both finish
		close(e.pay.gate)
		got = <-secondDone
		e.pay.gate = nil
	}
	if e.pay.gate != nil {
		close(e.pay.gate)
	}
	if r := <-firstDone; r.err != nil || r.s.Status != acp.StatusCompleted {
		t.Fatalf("first complete: %+v, %v", r.s, r.err)
	}
	if got.err != nil || got.s.Status == acp.StatusCompleted || !got.s.HasError(acp.CodeOutOfStock) {
		t.Errorf("second complete: %+v, %v; want refused as out of stock", got.s, got.err)
	}
	if n := len(e.pay.charges()); n != 1 {
		t.Errorf("%d charges for one unit, want 1", n)
	}
	if n := e.inv.stockOf("last"); n != 0 {
		t.Errorf("stock %d after selling the last unit, want 0", n)
	}
}

// TestSellerFailedChargeGivesStockBack declines a charge: the unit taken for it is in
// stock again, and sells.
func TestSellerFailedChargeGivesStockBack(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("last", 1))
	e.pay.setFn(func(seller.ChargeRequest) (seller.ChargeResult, error) {
		return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrDeclined, Code: "card_declined"}
	})
	if got, err := e.complete(s.ID, testToken); err != nil || got.Status == acp.StatusCompleted {
		t.Fatalf("declined complete: %+v, %v", got, err)
	}
	if n := e.inv.stockOf("last"); n != 1 {
		t.Fatalf("stock %d after a declined charge, want 1", n)
	}
	e.pay.setFn(nil)
	if got, err := e.complete(e.create(item("last", 1)).ID, testToken); err != nil || got.Status != acp.StatusCompleted {
		t.Fatalf("complete after the decline: %+v, %v", got, err)
	}
	if n := e.inv.stockOf("last"); n != 0 {
		t.Errorf("stock %d after the sale, want 0", n)
	}
}

func TestSellerCompleteFailures(t *testing.T) {
	tests := []struct {
		name      string
		charge    error
		message   string // code of the session's error message
		param     string
		errStatus int
		errCode   string
		held      int64 // units kept for the session: the charge's outcome is unknown
	}{
		{"declined", &seller.ChargeError{Kind: seller.ErrDeclined, Code: "card_declined", DeclineCode: "insufficient_funds"},
			acp.CodePaymentDeclined, "$.payment_data", 0, "", 0},
		{"token rejected", &seller.ChargeError{Kind: seller.ErrTokenRejected, Code: "token_expired", Reason: "the token is expired"},
			acp.CodeInvalid, "$.payment_data.instrument.credential.token", 0, "", 0},
		{"stripe down", &seller.ChargeError{Kind: seller.ErrPaymentUnavailable}, "", "", 503, acp.CodePaymentUnavailable, 1},
		{"unexpected", errors.New("boom"), "", "", 500, acp.CodePaymentFailed, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := e.create(item("mug", 1))
			e.pay.setFn(func(seller.ChargeRequest) (seller.ChargeResult, error) { return seller.ChargeResult{}, tc.charge })
			got, err := e.complete(s.ID, testToken)
			if tc.errStatus != 0 {
				var pe *acp.Error
				if !errors.As(err, &pe) || pe.HTTPStatus != tc.errStatus || pe.Code != tc.errCode {
					t.Fatalf("complete: %v, want %d %s", err, tc.errStatus, tc.errCode)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != acp.StatusReadyForPayment || got.Order != nil || !got.HasError(tc.message) ||
					got.Errors()[0].Param != tc.param {
					t.Fatalf("session after %s: status %s order %v messages %+v", tc.name, got.Status, got.Order, got.Messages)
				}
				if strings.Contains(got.Errors()[0].Content, testToken) {
					t.Error("message quotes the token")
				}
			}
			if n := e.inv.stockOf("mug"); n != 5-tc.held {
				t.Errorf("stock %d after a failed payment, want %d", n, 5-tc.held)
			}
			// The session can still be paid. With a charge of unknown outcome held,
			// another token waits until Tick has settled it.
			e.pay.setFn(nil)
			if tc.held > 0 {
				_, err = e.complete(s.ID, "spt_second")
				wantUnsettled(t, "complete with another token", err)
				e.seller.Tick(context.Background())
			}
			got, err = e.complete(s.ID, "spt_second")
			if err != nil || got.Status != acp.StatusCompleted || got.Messages == nil || len(got.Messages) != 0 {
				t.Errorf("second attempt: %+v, %v", got, err)
			}
			calls := e.pay.charges()
			switch {
			case len(calls) != 2:
				t.Errorf("charges %d, want 2", len(calls))
			case tc.held > 0 && (calls[1].IdempotencyKey != calls[0].IdempotencyKey || !calls[1].Repeat):
				// The first charge may have gone through: it is repeated to settle it
				// (it went through, the fake says), and the new token is not charged.
				t.Errorf("second charge %+v; want the first repeated with its key", calls[1])
			case tc.held == 0 && calls[0].IdempotencyKey == calls[1].IdempotencyKey:
				t.Error("a new token must get a new Stripe idempotency key")
			}
			if n := e.inv.stockOf("mug"); n != 4 {
				t.Errorf("stock %d after the sale of one, want 4", n)
			}
		})
	}
}

func TestSellerCompleteChecks(t *testing.T) {
	e := newEnv(t)
	ready := e.create(item("mug", 1))
	short := e.create(item("gone", 1))
	tests := []struct {
		name    string
		id      string
		body    string
		status  int
		code    string
		param   string
		session acp.Status // when the answer is a session
	}{
		{"unknown session", "cs_nope", `{"payment_data":` + sptJSON(testToken) + `}`, 404, acp.CodeNotFound, "", ""},
		{"not ready", short.ID, `{"payment_data":` + sptJSON(testToken) + `}`, 409, acp.CodeInvalidState, "", ""},
		{"no payment data", ready.ID, `{}`, 400, acp.CodeMissing, "$.payment_data", ""},
		{"other handler", ready.ID, `{"payment_data":{"handler_id":"paypal","instrument":{"type":"card","credential":{"type":"spt","token":"spt_1"}}}}`,
			400, acp.CodeInvalid, "$.payment_data.handler_id", ""},
		{"not spt", ready.ID, `{"payment_data":{"instrument":{"type":"card","credential":{"type":"vault_token","token":"vt_1"}}}}`,
			400, acp.CodeInvalid, "$.payment_data.instrument.credential.type", ""},
		{"no token", ready.ID, `{"payment_data":{"instrument":{"type":"card","credential":{"type":"spt","token":""}}}}`,
			400, acp.CodeMissing, "$.payment_data.instrument.credential.token", ""},
		{"empty body", ready.ID, "", 400, acp.CodeInvalidJSON, "", ""},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := e.raw("POST", "/checkout_sessions/"+tc.id+"/complete", tc.body, map[string]string{"Idempotency-Key": "x" + string(rune('a'+i))})
			pe := protoError(t, b)
			if resp.StatusCode != tc.status || pe.Code != tc.code || pe.Param != tc.param {
				t.Errorf("got %d %+v, want %d %s %q", resp.StatusCode, pe, tc.status, tc.code, tc.param)
			}
		})
	}
	if n := len(e.pay.charges()); n != 0 {
		t.Errorf("%d charges, want none", n)
	}
	// Stock sold elsewhere between create and complete: no charge, not ready.
	e.inv.setStock("mug", 0)
	got, err := e.complete(ready.ID, testToken)
	if err != nil || got.Status != acp.StatusNotReadyForPayment || !got.HasError(acp.CodeOutOfStock) {
		t.Errorf("complete after the stock ran out: %+v, %v", got, err)
	}
	if n := len(e.pay.charges()); n != 0 {
		t.Errorf("%d charges, want none", n)
	}
}

func sptJSON(token string) string {
	b, _ := json.Marshal(acp.SPTPayment(token))
	return string(b)
}

func TestSellerCancel(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	open := e.create(item("mug", 1))
	paid := e.create(item("mug", 1))
	if _, err := e.complete(paid.ID, testToken); err != nil {
		t.Fatal(err)
	}
	got, err := e.client.Cancel(ctx, open.ID, acp.CancelRequest{IntentTrace: &acp.IntentTrace{ReasonCode: "timing_deferred"}}, e.key())
	if err != nil || got.Status != acp.StatusCanceled {
		t.Fatalf("cancel an open session: %+v, %v", got, err)
	}
	for _, tc := range []struct{ name, id string }{{"canceled", open.ID}, {"completed", paid.ID}} {
		_, err := e.client.Cancel(ctx, tc.id, acp.CancelRequest{}, e.key())
		var pe *acp.Error
		if !errors.As(err, &pe) || pe.HTTPStatus != http.StatusMethodNotAllowed || pe.Code != acp.CodeNotCancelable {
			t.Errorf("cancel a %s session: %v, want 405", tc.name, err)
		}
	}
	_, err = e.complete(open.ID, testToken)
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.HTTPStatus != 409 || pe.Code != acp.CodeInvalidState {
		t.Errorf("complete a canceled session: %v", err)
	}
	_, err = e.client.Update(ctx, open.ID, acp.UpdateRequest{LineItems: []acp.Item{item("mug", 2)}}, e.key())
	if !errors.As(err, &pe) || pe.HTTPStatus != 409 {
		t.Errorf("update a canceled session: %v", err)
	}
}

func TestSellerUpdate(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	s := e.create(item("mug", 6)) // only 5 in stock
	if s.Status != acp.StatusNotReadyForPayment {
		t.Fatalf("status %s", s.Status)
	}
	got, err := e.client.Update(ctx, s.ID, acp.UpdateRequest{LineItems: []acp.Item{item("mug", 2), item("poster", 0)}}, e.key())
	if err != nil {
		t.Fatal(err)
	}
	if total, _ := got.Total(acp.TotalTotal); got.Status != acp.StatusReadyForPayment || total != 2*1250+2000 || len(got.Messages) != 0 {
		t.Errorf("after update: %s total %d messages %+v", got.Status, total, got.Messages)
	}
	// An update without lines keeps them and refreshes stock.
	e.inv.setStock("mug", 1)
	got, err = e.client.Update(ctx, s.ID, acp.UpdateRequest{Buyer: &acp.Buyer{Email: "a@example.com"}}, e.key())
	if err != nil || got.Status != acp.StatusNotReadyForPayment || !got.HasError(acp.CodeQuantityExceeded) ||
		got.Buyer == nil || got.Buyer.Email != "a@example.com" {
		t.Errorf("update of the buyer: %+v, %v", got, err)
	}
	_, err = e.client.Update(ctx, s.ID, acp.UpdateRequest{SelectedFulfillmentOptions: []acp.SelectedFulfillmentOption{{Type: "shipping", OptionID: "express"}}}, e.key())
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.Param != "$.selected_fulfillment_options[0].option_id" {
		t.Errorf("unknown fulfillment option: %v", err)
	}
	if _, err := e.client.Update(ctx, "cs_nope", acp.UpdateRequest{}, e.key()); !errors.As(err, &pe) || pe.HTTPStatus != 404 {
		t.Errorf("update of an unknown session: %v", err)
	}
}

func TestSellerExpiry(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	s := e.create(item("mug", 1))
	if want := e.clock.Now().Add(seller.DefaultSessionTTL); !s.ExpiresAt.Equal(want) {
		t.Errorf("expires_at %v, want %v", s.ExpiresAt, want)
	}
	e.clock.Advance(seller.DefaultSessionTTL + time.Second)
	got, err := e.client.Get(ctx, s.ID)
	if err != nil || got.Status != acp.StatusExpired {
		t.Fatalf("Get after expiry: %+v, %v", got, err)
	}
	_, err = e.complete(s.ID, testToken)
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.HTTPStatus != 409 || pe.Code != acp.CodeSessionExpired {
		t.Errorf("complete after expiry: %v", err)
	}
	if _, err := e.client.Cancel(ctx, s.ID, acp.CancelRequest{}, e.key()); !errors.As(err, &pe) || pe.HTTPStatus != 405 {
		t.Errorf("cancel after expiry: %v", err)
	}
	if n := len(e.pay.charges()); n != 0 {
		t.Errorf("%d charges, want none", n)
	}
}

func TestSellerLogsNoSecrets(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("mug", 1))
	e.pay.setFn(func(seller.ChargeRequest) (seller.ChargeResult, error) {
		return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrDeclined, Code: "card_declined"}
	})
	if _, err := e.complete(s.ID, testToken); err != nil {
		t.Fatal(err)
	}
	e.pay.setFn(nil)
	if _, err := e.complete(s.ID, testToken); err != nil {
		t.Fatal(err)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "checkout session completed") {
		t.Errorf("logs lack the completion: %s", logs)
	}
	for _, secret := range []string{testToken, testKey} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain a secret: %s", logs)
		}
	}
}

// TestSellerUpdateConcurrent runs updates of one session side by side; under -race it
// fails if a handler reads the session's lines outside the lock (as the log line of an
// update once did).
func TestSellerUpdateConcurrent(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("mug", 1))
	const n = 8
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.client.Update(context.Background(), s.ID, acp.UpdateRequest{LineItems: []acp.Item{item("mug", 1+i%3)}},
				"update-concurrent-"+string(rune('a'+i)))
			if err != nil {
				t.Errorf("update %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
}
