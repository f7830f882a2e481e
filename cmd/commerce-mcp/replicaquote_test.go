package main

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

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
	db, w, args := rig.db, rig.world, rig.args
	env := []string{"COMMERCE_CONFIRM_KEY=" + "5f0c2a7e9b1d4c3a8e6f0b2d4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d"}
	replicas := []*hostedProcess{startProcess(t, env, args...), startProcess(t, env, args...)}
	// Every purchase of the demo customer needs a confirmation, the cheap one included.
	if r := runCLI(t, nil, "limits", "set", "--db", db, "--customer", store.DemoCustomerID, "--confirm-above", "0"); r.code != 0 {
		t.Fatalf("limits set: %+v", r)
	}
	token := newToken(t, db, store.DemoCustomerID)
	spentBefore := spent(t, db)
	clients := make([]*client.Client, len(replicas))
	for i, p := range replicas {
		clients[i] = httpClient(t, ctx, p.url, token, "")
	}
	var quote struct {
		Status  string
		QuoteID string `json:"quote_id"`
	}
	callJSON(t, ctx, clients[0], "purchase", map[string]any{"product_id": cheapProduct(t, ctx, clients[0], w.sellerID)}, &quote)
	if quote.Status != "confirmation_required" || quote.QuoteID == "" {
		t.Fatalf("purchase: %+v, want confirmation_required with a quote_id", quote)
	}

	const perReplica = 8
	type answer struct {
		isError        bool
		status, order  string
		text, replicaN string
	}
	var (
		mu      sync.Mutex
		answers []answer
		wg      sync.WaitGroup
		start   = make(chan struct{})
	)
	for i, c := range clients {
		for range perReplica {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				req := mcp.CallToolRequest{}
				req.Params.Name, req.Params.Arguments = "purchase", map[string]any{"quote_id": quote.QuoteID}
				res, err := c.CallTool(ctx, req) // not callTool: its t.Fatalf is for the test's goroutine
				if err != nil {
					res = mcp.NewToolResultError("the call failed: " + err.Error())
				}
				var out struct {
					Status  string
					OrderID string `json:"order_id"`
				}
				b, _ := json.Marshal(res.StructuredContent)
				_ = json.Unmarshal(b, &out)
				mu.Lock()
				defer mu.Unlock()
				answers = append(answers, answer{res.IsError, out.Status, out.OrderID, textOf(res), replicas[i].url})
			}()
		}
	}
	close(start)
	wg.Wait()

	if len(answers) != len(clients)*perReplica {
		t.Fatalf("%d answers, want %d", len(answers), len(clients)*perReplica)
	}
	orders, completed := map[string]bool{}, 0
	for _, a := range answers {
		switch {
		case a.isError || (a.status != "completed" && a.status != "pending") || a.order == "":
			t.Errorf("a confirmation on %s answered error %v, status %q, order %q: %s", a.replicaN, a.isError, a.status, a.order, a.text)
			continue
		case a.status == "completed":
			completed++
		}
		orders[a.order] = true
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
