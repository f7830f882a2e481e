package stripehook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
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

// hook is a demo shop, the checkout service over its sandbox (a setup page served at
// a test server, logging to logs) and the webhook Handler for it.
type hook struct {
	shop *testshop.Shop
	svc  *checkout.Service
	h    http.Handler
	logs *syncbuf.Buffer
}

func newHook(t *testing.T) hook {
	t.Helper()
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
	return hook{shop: shop, svc: svc, h: stripehook.Handler(secret, stripehook.ForService(svc), log), logs: logs}
}

// saveCard opens a setup page for the demo customer and saves card on it, as the
// person does; it returns the setup.
func (k hook) saveCard(t *testing.T, card string) store.PaymentSetup {
	t.Helper()
	ps, err := k.svc.StartPaymentSetup(context.Background(), k.shop.Customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.PostForm(ps.URL, url.Values{"card": {card}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return ps
}

// A completed setup page announced by a signed event is put on file; forged, stale
// and unsigned events change nothing.
func TestWebhookCompletesSetup(t *testing.T) {
	ctx := context.Background()
	k := newHook(t)
	shop, h, logs := k.shop, k.h, k.logs
	ps := k.saveCard(t, "pm_card_amex")
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

// A page whose card is on file already in another mode (a test card, saved again on
// this sandbox server's page) is answered 200 at its first delivery: the setup is
// closed as refused, with the reason, which is the event applied; Stripe has nothing
// to deliver again. A replay is answered the same and changes nothing.
func TestWebhookOfACardKeptInAnotherMode(t *testing.T) {
	ctx := context.Background()
	k := newHook(t)
	if _, err := k.shop.Store.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_amex", CustomerID: k.shop.Customer.ID, Brand: "amex", Last4: "8431",
		ExpMonth: 12, ExpYear: 2030, Mode: store.ModeTest}); err != nil { // as a test-mode server sharing the store adds it
		t.Fatal(err)
	}
	before, err := k.shop.Store.PaymentMethods(ctx, k.shop.Customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	ps := k.saveCard(t, "pm_card_amex")
	body := event(t, "checkout.session.completed", ps.SessionID, "setup")
	for i := range 2 {
		if got := post(k.h, body, sign(body, secret, time.Now())); got != http.StatusOK {
			t.Fatalf("delivery %d: status %d, want 200; log: %s", i+1, got, k.logs)
		}
	}
	got, err := k.shop.Store.PaymentSetup(ctx, k.shop.Customer.ID, ps.ID)
	if err != nil || got.Status != store.SetupRefused || got.Refused == nil || got.Refused.Mode != store.ModeTest || got.Refused.Wanted != store.ModeSandbox {
		t.Fatalf("setup after the event = %+v (refused: %+v), %v; want refused, the card kept in test mode", got, got.Refused, err)
	}
	if after, err := k.shop.Store.PaymentMethods(ctx, k.shop.Customer.ID); err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("cards after the event = %+v, %v; want them as they were: %+v", after, err, before)
	}
	if n := strings.Count(k.logs.String(), "on file in another mode"); n != 1 {
		t.Errorf("the refusal is logged %d times, want once:\n%s", n, k.logs)
	}
}
