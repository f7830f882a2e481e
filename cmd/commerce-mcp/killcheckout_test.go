package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestHostedKilledMidTwoSellerCheckout kills a `serve --transport http` process
// (SIGKILL) in the middle of a checkout of a cart with two sellers' lines, both outside
// the process: one seller has charged its order and answered, the other holds its
// completion. The held seller then goes on as the case says, and the server is
// restarted on the same database with a short --recover-after. The retry with the same
// idempotency_key charges nothing more; list_orders and get_order tell the person what
// happened to each seller's order once recovery settled it; Stripe shows each seller
// charged at most once and no payment token left usable; the cart keeps only the lines
// never charged; the limits count what was charged, once.
func TestHostedKilledMidTwoSellerCheckout(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	for _, tc := range []struct {
		name       string
		heldAfter  sellerAfterKill // what the held seller does once the server is dead
		heldStatus string          // its order once settled
		retry      string          // the retry's status once both are settled
	}{
		{name: "the held seller never charges", heldAfter: sellerNeverCharges, heldStatus: "failed", retry: "partial"},
		{name: "the held seller charges after the kill", heldAfter: sellerCharges, heldStatus: "completed", retry: "completed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			killMidTwoSellerCheckout(t, tc.heldAfter, tc.heldStatus, tc.retry)
		})
	}
}

func killMidTwoSellerCheckout(t *testing.T, after sellerAfterKill, heldStatus, wantRetry string) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	heldSeen, otherSeen := &sellerOrders{}, &sellerOrders{}
	var held atomic.Bool
	rig := newKillRig(t, func(h *heldCompletion, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/complete") || held.Swap(true) {
				heldSeen.serve(next, w, r)
				return
			}
			if after == sellerNeverCharges {
				h.hold(w, r, nil)
				return
			}
			h.hold(w, r, func(w http.ResponseWriter, r *http.Request) { heldSeen.serve(next, w, r) })
		})
	})
	const other = "hearth-and-harbor"
	rig.world.addSeller(t, other, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { otherSeen.serve(next, w, r) })
	})
	db, w, args := rig.db, rig.world, rig.args

	first := startProcess(t, nil, args...)
	// The basket is bought without a confirmation, at once.
	if r := runCLI(t, nil, "limits", "set", "--db", db, "--customer", store.DemoCustomerID, "--confirm-above", "none"); r.code != 0 {
		t.Fatalf("limits set: %+v", r)
	}
	token := newToken(t, db, store.DemoCustomerID)
	spentBefore := spent(t, db)
	c := httpClient(t, ctx, first.url, token, "")
	for _, seller := range []string{w.sellerID, other} {
		if res := callTool(t, ctx, c, "add_to_cart", map[string]any{"product_id": cheapProduct(t, ctx, c, seller)}); res.IsError {
			t.Fatalf("add_to_cart: %s", textOf(res))
		}
	}
	buy := map[string]any{"idempotency_key": "killed-mid-two-seller-checkout"}
	go func() {
		req := mcp.CallToolRequest{}
		req.Params.Name, req.Params.Arguments = "checkout", buy
		_, _ = c.CallTool(ctx, req) // the server dies under it
	}()
	rig.held.waitHeld(t, ctx, first, "the checkout")
	for len(otherSeen.ids()) == 0 { // the other seller has charged and answered
		select {
		case <-ctx.Done():
			t.Fatalf("%s never completed its order:\n%s", other, first.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	rig.held.killHeld(t, first)

	second := startProcess(t, nil, append(args, "--recover-after", "1s", "--recover-every", "1s")...)
	c = httpClient(t, ctx, second.url, token, "")
	var orders struct {
		Orders []struct {
			OrderID string `json:"order_id"`
		}
	}
	callJSON(t, ctx, c, "list_orders", map[string]any{}, &orders)
	if len(orders.Orders) != 2 {
		t.Fatalf("orders after the restart: %+v, want the two seller orders", orders.Orders)
	}
	got := map[string]settled{}
	for _, o := range orders.Orders {
		s := settledOrder(t, ctx, c, o.OrderID, second)
		got[s.Seller.ID] = s
	}
	if got[w.sellerID].Status != heldStatus || got[other].Status != "completed" {
		t.Errorf("after recovery: %s %+v, %s %+v; want %s and completed", w.sellerID, got[w.sellerID], other, got[other], heldStatus)
	}
	if s := got[w.sellerID]; heldStatus == "failed" && !strings.Contains(s.FailureReason, "nothing charged") {
		t.Errorf("the failed order says %q, want that nothing was charged", s.FailureReason)
	}
	// The retry answers the one checkout as recovery left it, charging nothing more.
	res := callTool(t, ctx, c, "checkout", buy)
	var retry struct {
		Status string
		Orders []struct{ Status string }
	}
	b, _ := json.Marshal(res.StructuredContent)
	_ = json.Unmarshal(b, &retry)
	if res.IsError || retry.Status != wantRetry || len(retry.Orders) != 2 {
		t.Errorf("the retry after recovery: error %v, status %q, %d orders; want %s of 2: %s", res.IsError, retry.Status, len(retry.Orders), wantRetry, textOf(res))
	}

	wantHeld := map[bool]int{true: 1, false: 0}[heldStatus == "completed"]
	if n := len(heldSeen.ids()); n != wantHeld {
		t.Errorf("%s made %d orders, want %d", w.sellerID, n, wantHeld)
	}
	if n := len(otherSeen.ids()); n != 1 {
		t.Errorf("%s made %d orders, want 1", other, n)
	}
	succeeded := 0
	for _, pi := range w.stripe.PaymentIntents() {
		if pi.Status == "succeeded" {
			succeeded++
		}
	}
	if succeeded != 1+wantHeld {
		t.Errorf("Stripe shows %d charges, want %d", succeeded, 1+wantHeld)
	}
	toks := w.stripe.Tokens()
	if len(toks) != 2 {
		t.Errorf("%d payment tokens, want one per seller", len(toks))
	}
	for _, tok := range toks {
		if tok.Status != "deactivated" {
			t.Errorf("a payment token is still %s after recovery", tok.Status)
		}
	}
	var cart struct{ Lines int }
	callJSON(t, ctx, c, "view_cart", map[string]any{}, &cart)
	if cart.Lines != 1-wantHeld {
		t.Errorf("the cart holds %d lines, want %d (the lines never charged)", cart.Lines, 1-wantHeld)
	}
	if err := second.terminate(t); err != nil {
		t.Errorf("second server: %v", err)
	}
	st := testshop.Store(t, store.FileBeside(db))
	var wantSpent int64
	for _, o := range orders.Orders {
		so, err := st.Order(context.Background(), store.DemoCustomerID, o.OrderID)
		if err != nil {
			t.Fatal(err)
		}
		if so.Status == store.OrderCompleted {
			wantSpent += so.Total
		}
	}
	if n := spent(t, db) - spentBefore; n != wantSpent {
		t.Errorf("the limits count %d more spent, want %d (what was charged, once)", n, wantSpent)
	}
}
