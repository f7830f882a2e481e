package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestHostedOrderEvents checks the wiring of order events in hosted sandbox mode: the
// route is served without a bearer token and refuses a forged event, and the
// in-process reference seller's order_create reaches the order at once (get_order
// shows it confirmed).
func TestHostedOrderEvents(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "shop.db")
	srv := startHosted(t, db, nil, "--transport", "http")
	token := newToken(t, db, store.DemoCustomerID)
	c := httpClient(t, ctx, srv.url, token, "")

	var bought struct {
		OrderID string `json:"order_id"`
	}
	callJSON(t, ctx, c, "purchase", map[string]any{"product_id": "nw-actv-0001"}, &bought)
	body := `{"type":"order_update","data":{"type":"order","id":"x","checkout_session_id":"cs_x","status":"delivered"}}`
	forged := acp.Sign([]byte("guessed"), time.Now(), []byte(body))
	resp := srv.do(t, http.MethodPost, "/agentic_checkout/webhooks/northwind-outfitters/order_events", "", body,
		map[string]string{"Content-Type": "application/json", acp.SignatureHeader: forged})
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") != "" {
		t.Fatalf("forged event: HTTP %d (WWW-Authenticate %q), want a plain 401", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var o struct {
			SellerStatus string `json:"seller_status"`
		}
		callJSON(t, ctx, c, "get_order", map[string]any{"order_id": bought.OrderID}, &o)
		if o.SellerStatus == "confirmed" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the order is %q 10 s after purchase, want confirmed by the seller's event\n%s", o.SellerStatus, srv.stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if logs := srv.stderr.String(); strings.Contains(logs, "whsec") || !strings.Contains(logs, "order event applied") {
		t.Fatalf("log lacks the applied event or shows a secret:\n%s", logs)
	}
}
