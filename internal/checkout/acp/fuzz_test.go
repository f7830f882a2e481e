package acp_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
)

// fixedResponse answers every request with one status, content type and body.
type fixedResponse struct {
	status      int
	contentType string
	body        []byte
}

func (f fixedResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{}
	h.Set("Content-Type", f.contentType)
	return &http.Response{StatusCode: f.status, Header: h, Body: io.NopCloser(bytes.NewReader(f.body)), Request: r}, nil
}

// FuzzDecodeSellerResponse feeds the client arbitrary seller answers. Whatever a seller
// sends, the client returns either a checkout session with an id and a status (from a
// 2xx JSON answer) or one of its typed errors, never both, never a panic, with a short
// error text that does not quote the API key or the payment token.
func FuzzDecodeSellerResponse(f *testing.F) {
	for _, seed := range []struct {
		status int
		ct     string
		body   string
	}{
		{200, "application/json", `{"id":"cs_1","status":"ready_for_payment","currency":"usd","line_items":[{"id":"li_1","item":{"id":"mug","quantity":1},"base_amount":1250,"total":1250}],"totals":[{"type":"total","display_text":"Total","amount":1250}],"messages":[]}`},
		{200, "application/json", `{"id":"cs_1","status":"completed","order":{"id":"ord_1","checkout_session_id":"cs_1"}}`},
		{200, "application/json; charset=utf-8", `{"id":"cs_1","status":"ready_for_payment","totals":[{"type":"total","amount":-5}],"messages":[{"type":"error","code":"out_of_stock","content":"gone"}]}`},
		{200, "application/json", `{"id":"","status":""}`},
		{200, "text/html", `<html>oops</html>`},
		{200, "application/json", `{"id": "cs_1", "status": `},
		{200, "application/json", `null`},
		{200, "application/json", `[]`},
		{201, "application/problem+json", `{"id":"cs_1","status":"canceled","totals":[{"type":"total","amount":9223372036854775807}]}`},
		{400, "application/json", `{"type":"invalid_request","code":"invalid","message":"bad sk_seller_secret_123 spt_test_secret_token_456","param":"$.items"}`},
		{409, "application/json", `{"type":"invalid_request","code":"idempotency_in_flight","message":"busy"}`},
		{429, "application/json", `{"type":"rate_limit_exceeded","code":"slow","message":"slow down"}`},
		{500, "text/plain", `internal error`},
		{503, "", ``},
		{0, "application/json", `{}`},
		{999, "application/json", `{"type":"x","code":"y"}`},
	} {
		f.Add(seed.status, seed.ct, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		hc := &http.Client{Transport: fixedResponse{status, contentType, body}}
		c := acp.NewClient("http://seller.invalid", testKey, acp.WithHTTPClient(hc), acp.WithInFlightRetries(0, 0))
		ctx := context.Background()
		for op, call := range map[string]func() (*acp.CheckoutSession, error){
			"get": func() (*acp.CheckoutSession, error) { return c.Get(ctx, "cs_1") },
			"complete": func() (*acp.CheckoutSession, error) {
				return c.Complete(ctx, "cs_1", acp.CompleteRequest{PaymentData: acp.SPTPayment(testToken)}, "k")
			},
		} {
			s, err := call()
			switch {
			case err == nil && s == nil:
				t.Fatalf("%s: no session and no error", op)
			case err != nil && s != nil:
				t.Fatalf("%s: a session and an error: %v", op, err)
			case err == nil && (s.ID == "" || s.Status == ""):
				t.Fatalf("%s: session without id or status accepted: %+v", op, s)
			case err == nil && (status < 200 || status > 299):
				t.Fatalf("%s: a %d answer decoded as a session", op, status)
			case err == nil && len(body) > acp.MaxResponseBytes:
				t.Fatalf("%s: a %d-byte body accepted", op, len(body))
			case err == nil:
				s.Total(acp.TotalTotal)
				s.Errors()
				continue
			}
			var (
				pe *acp.Error
				me *acp.MalformedResponseError
				te *acp.TransportError
			)
			if !errors.As(err, &pe) && !errors.As(err, &me) && !errors.As(err, &te) {
				t.Fatalf("%s: untyped error %T: %v", op, err, err)
			}
			msg := err.Error()
			if strings.Contains(msg, testKey) || strings.Contains(msg, testToken) {
				t.Fatalf("%s: error quotes a secret: %q", op, msg)
			}
			if len(msg) > 2000 {
				t.Fatalf("%s: error text of %d bytes", op, len(msg))
			}
			acp.OutcomeUnknown(err)
		}
	})
}
