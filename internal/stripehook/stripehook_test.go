package stripehook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stripe/stripe-go/v82/webhook"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/stripehook"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

const secret = "whsec_test_secret_0123456789"

func event(t *testing.T, typ, sessionID, mode string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"id": "evt_1", "object": "event", "type": typ, "api_version": "2019-01-01",
		"data": map[string]any{"object": map[string]any{"id": sessionID, "object": "checkout.session", "mode": mode, "status": "complete"}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func post(h http.Handler, body []byte, sig string) int {
	req := httptest.NewRequest(http.MethodPost, "/stripe/webhook", bytes.NewReader(body))
	if sig != "" {
		req.Header.Set("Stripe-Signature", sig)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

func sign(body []byte, key string, at time.Time) string {
	return webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: key, Timestamp: at}).Header
}

// A completed setup page announced by a signed event is put on file; forged, stale
// and unsigned events change nothing.
func TestWebhookCompletesSetup(t *testing.T) {
	ctx := context.Background()
	shop := testshop.Demo(t, nil)
	sb, err := sandbox.New(shop.Catalog, sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := httptest.NewServer(sb.Stripe.SetupPage())
	t.Cleanup(page.Close)
	sb.Stripe.SetPageURL(page.URL)
	logs := &syncbuf.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	svc, err := checkout.New(checkout.Config{Catalog: shop.Catalog, Store: shop.Store, Sellers: checkout.ACPSellers{Endpoints: sb},
		Tokens: checkout.SPTTokens{Client: spt.New(sb.AgentStripe())}, Wallet: checkout.SPTWallet{Client: spt.New(sb.AgentStripe())},
		SetupReturnURL: func(context.Context) (string, error) { return page.URL + "/done", nil },
		ConfirmKey:     bytes.Repeat([]byte{3}, 32), Log: log})
	if err != nil {
		t.Fatal(err)
	}
	h := stripehook.Handler(secret, stripehook.ForService(svc), log)
	ps, err := svc.StartPaymentSetup(ctx, shop.Customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.PostForm(ps.URL, url.Values{"card": {"pm_card_amex"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	body := event(t, "checkout.session.completed", ps.SessionID, "setup")
	now := time.Now()
	tests := []struct {
		name string
		sig  string
		want int
	}{
		{"unsigned", "", http.StatusBadRequest},
		{"another secret", sign(body, "whsec_forged", now), http.StatusBadRequest},
		{"too old", sign(body, secret, now.Add(-10*time.Minute)), http.StatusBadRequest},
		{"altered body", sign(append(bytes.Clone(body), ' '), secret, now), http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := post(h, body, tc.sig); got != tc.want {
				t.Fatalf("status = %d, want %d", got, tc.want)
			}
			if got, _ := shop.Store.PaymentSetup(ctx, shop.Customer.ID, ps.ID); got.Status != store.SetupOpen {
				t.Fatalf("setup = %s after a refused event", got.Status)
			}
		})
	}
	if got := post(h, body, sign(body, secret, now)); got != http.StatusOK {
		t.Fatalf("signed event: status %d", got)
	}
	got, err := shop.Store.PaymentSetup(ctx, shop.Customer.ID, ps.ID)
	if err != nil || got.Status != store.SetupComplete || got.PaymentMethodID != "pm_card_amex" {
		t.Fatalf("setup after the event = %+v, %v", got, err)
	}
	// A replay changes nothing; events of other sessions and types are acknowledged.
	for _, b := range [][]byte{body, event(t, "checkout.session.completed", "cs_test_someone_else", "setup"),
		event(t, "checkout.session.completed", "cs_test_payment", "payment"), event(t, "customer.created", "cus_1", "")} {
		if got := post(h, b, sign(b, secret, now)); got != http.StatusOK {
			t.Fatalf("status %d for %s", got, b)
		}
	}
	if pms, _ := shop.Store.PaymentMethods(ctx, shop.Customer.ID); len(pms) != 2 {
		t.Fatalf("methods = %+v", pms)
	}
	for _, mark := range []string{secret, "pm_card_amex", ps.SessionID, "/c/setup/"} {
		if strings.Contains(logs.String(), mark) {
			t.Errorf("the log contains %q", mark)
		}
	}
}

// A sync that fails asks Stripe to deliver again.
func TestWebhookRetryOnFailure(t *testing.T) {
	h := stripehook.Handler(secret, func(context.Context, string) error { return checkout.ErrUnavailable }, slog.New(slog.DiscardHandler))
	body := event(t, "checkout.session.expired", "cs_test_1", "setup")
	if got := post(h, body, sign(body, secret, time.Now())); got != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", got)
	}
}
