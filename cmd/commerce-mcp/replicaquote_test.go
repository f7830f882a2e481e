package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestReplicasConfirmOneQuoteAtOnce runs two `serve --transport http --stateless`
// processes on one database with one confirmation key, as the README's replicas, and
// the Stripe emulator and seller outside them, so that what they charge is counted in
// one place. A quote made on one replica is confirmed by its quote_id many times at
// once on both: every answer names the one order (completed, or pending while the other
// replica pays), and Stripe, the seller, the orders and the spending limits show one
// purchase.
func TestReplicasConfirmOneQuoteAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	seen := &sellerOrders{}
	rig := newKillRig(t, func(_ *heldCompletion, next http.Handler) http.Handler { // nothing held: no process is killed
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { seen.serve(next, rw, r) })
	}, "--stateless", "--request-rate", "0")
	db, w := rig.db, rig.world
	replicas, clients := startReplicas(t, ctx, rig)
	spentBefore := spent(t, db)
	var quote struct {
		Status  string
		QuoteID string `json:"quote_id"`
	}
	callJSON(t, ctx, clients[0], "purchase", map[string]any{"product_id": cheapProduct(t, ctx, clients[0], w.sellerID)}, &quote)
	if quote.Status != "confirmation_required" || quote.QuoteID == "" {
		t.Fatalf("purchase: %+v, want confirmation_required with a quote_id", quote)
	}

	const perReplica = 8
	answers := raceOnReplicas(ctx, replicas, clients, perReplica, "purchase", map[string]any{"quote_id": quote.QuoteID})
	if len(answers) != len(clients)*perReplica {
		t.Fatalf("%d answers, want %d", len(answers), len(clients)*perReplica)
	}
	orders, completed := map[string]bool{}, 0
	for _, a := range answers {
		var out struct {
			Status  string
			OrderID string `json:"order_id"`
		}
		a.decode(&out)
		switch {
		case a.isError || (out.Status != "completed" && out.Status != "pending") || out.OrderID == "":
			t.Errorf("a confirmation on %s answered error %v, status %q, order %q: %s", a.on, a.isError, out.Status, out.OrderID, a.text)
			continue
		case out.Status == "completed":
			completed++
		}
		orders[out.OrderID] = true
	}
	t.Logf("%d confirmations on two replicas: %d completed, the others pending, all naming %v", len(answers), completed, orders)
	if len(orders) != 1 || completed == 0 {
		t.Fatalf("the %d confirmations named orders %v (%d completed), want one order, completed at least once", len(answers), orders, completed)
	}
	var listed struct {
		Orders []struct {
			OrderID string `json:"order_id"`
		}
	}
	callJSON(t, ctx, clients[1], "list_orders", map[string]any{}, &listed)
	if len(listed.Orders) != 1 || !orders[listed.Orders[0].OrderID] {
		t.Errorf("list_orders: %+v, want the one order %v", listed.Orders, orders)
	}
	succeeded := 0
	for _, pi := range w.stripe.PaymentIntents() {
		if pi.Status == "succeeded" {
			succeeded++
		}
	}
	if succeeded != 1 || len(w.stripe.Tokens()) != 1 {
		t.Errorf("Stripe shows %d succeeded charges and %d payment tokens, want 1 and 1", succeeded, len(w.stripe.Tokens()))
	}
	if ids := seen.ids(); len(ids) != 1 {
		t.Errorf("the seller made orders %v, want one", ids)
	}
	st := testshop.Store(t, store.FileBeside(db))
	o, err := st.Order(ctx, store.DemoCustomerID, listed.Orders[0].OrderID)
	if err != nil {
		t.Fatal(err)
	}
	if got := spent(t, db) - spentBefore; got != o.Total {
		t.Errorf("the limits count %d more spent, want the order's total %d once", got, o.Total)
	}
}
