package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestHostedKilledMidPurchase kills a `serve --transport http` process (SIGKILL)
// while the seller is completing its purchase, lets the seller finish the charge as a
// remote seller would, restarts the server on the same database and retries the
// purchase with the same arguments and idempotency_key: the retry charges nothing
// more, and answers with the one purchase (pending until recovery has asked the
// seller, then its order), never a second order.
func TestHostedKilledMidPurchase(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	testshop.WriteDemo(t, db)

	// The seller holds the completion until the server is dead, then completes it
	// whatever became of the connection.
	entered, release, completed := make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	hold := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/complete") {
				next.ServeHTTP(w, r)
				return
			}
			entered <- struct{}{}
			<-release
			next.ServeHTTP(w, r.WithContext(context.WithoutCancel(r.Context())))
			close(completed)
		})
	}
	w := newStripeWorld(t, dir, hold)
	args := append([]string{"serve", "--db", db, "--transport", "http", "--addr", "127.0.0.1:0",
		"--rate", "0", "--purchase-rate", "0"}, w.args...)

	first := startProcess(t, nil, args...)
	token := newToken(t, db, store.DemoCustomerID) // the first start seeded the demo customer
	c := httpClient(t, ctx, first.url, token, "")
	buy := map[string]any{"product_id": cheapProduct(t, ctx, c, w.sellerID), "idempotency_key": "killed-mid-purchase"}
	go func() {
		req := mcp.CallToolRequest{}
		req.Params.Name, req.Params.Arguments = "purchase", buy
		_, _ = c.CallTool(ctx, req) // the server dies under it
	}()
	select {
	case <-entered:
	case <-ctx.Done():
		t.Fatalf("the purchase never reached the seller's completion:\n%s", first.stderr.String())
	}
	if err := first.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-first.exited
	close(release)
	<-completed
	charged := func() int {
		n := 0
		for _, pi := range w.stripe.PaymentIntents() {
			if pi.Status == "succeeded" {
				n++
			}
		}
		return n
	}
	if n := charged(); n != 1 {
		t.Fatalf("%d charges after the seller completed, want 1", n)
	}

	second := startProcess(t, nil, args...)
	c = httpClient(t, ctx, second.url, token, "")
	res := callTool(t, ctx, c, "purchase", buy)
	var got struct {
		Status  string
		OrderID string `json:"order_id"`
	}
	b, _ := json.Marshal(res.StructuredContent)
	_ = json.Unmarshal(b, &got)
	if res.IsError || (got.Status != "pending" && got.Status != "completed") {
		t.Errorf("the retry after the restart: error %v, status %q: %s", res.IsError, got.Status, textOf(res))
	}
	t.Logf("the retry after the restart: %s, order %q", got.Status, got.OrderID)
	if n := charged(); n != 1 {
		t.Errorf("%d charges after the retry, want still 1", n)
	}
	var orders struct {
		Orders []struct {
			OrderID string `json:"order_id"`
		}
	}
	callJSON(t, ctx, c, "list_orders", map[string]any{}, &orders)
	if len(orders.Orders) > 1 || (got.OrderID != "" && (len(orders.Orders) != 1 || orders.Orders[0].OrderID != got.OrderID)) {
		t.Errorf("orders after the retry: %+v, the retry's order %q; want at most the one", orders.Orders, got.OrderID)
	}
	if err := second.terminate(t); err != nil {
		t.Errorf("second server: %v", err)
	}
}
