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

// replicaConfirmKey is the confirmation key replicas share, as the README's hosted
// operator runs them (a quote sealed on one confirms on the other).
const replicaConfirmKey = "COMMERCE_CONFIRM_KEY=" + "5f0c2a7e9b1d4c3a8e6f0b2d4a6c8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d"

// startReplicas starts two serve processes with rig's arguments and one confirmation
// key, makes every purchase of the demo customer need a confirmation (the cheap ones
// included), and connects a client of the demo customer to each, with one token.
func startReplicas(t *testing.T, ctx context.Context, rig *killRig) ([]*hostedProcess, []*client.Client) {
	t.Helper()
	env := []string{replicaConfirmKey}
	replicas := []*hostedProcess{startProcess(t, env, rig.args...), startProcess(t, env, rig.args...)}
	if r := runCLI(t, nil, "limits", "set", "--db", rig.db, "--customer", store.DemoCustomerID, "--confirm-above", "0"); r.code != 0 {
		t.Fatalf("limits set: %+v", r)
	}
	token := newToken(t, rig.db, store.DemoCustomerID)
	clients := make([]*client.Client, len(replicas))
	for i, p := range replicas {
		clients[i] = httpClient(t, ctx, p.url, token, "")
	}
	return replicas, clients
}

// raceAnswer is one answer of a call raced on replicas.
type raceAnswer struct {
	isError    bool
	structured []byte // the structuredContent as JSON
	text, on   string // the text, and the replica that answered
}

// decode reads the answer's structuredContent into out.
func (a raceAnswer) decode(out any) { _ = json.Unmarshal(a.structured, out) }

// raceOnReplicas calls tool name with args per times on each client at once (clients[i]
// is connected to replicas[i]) and returns every answer. A call that fails (not a tool
// error) is an error answer saying so.
func raceOnReplicas(ctx context.Context, replicas []*hostedProcess, clients []*client.Client, per int, name string, args map[string]any) []raceAnswer {
	var (
		mu      sync.Mutex
		answers []raceAnswer
		wg      sync.WaitGroup
		start   = make(chan struct{})
	)
	for i, c := range clients {
		for range per {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				req := mcp.CallToolRequest{}
				req.Params.Name, req.Params.Arguments = name, args
				res, err := c.CallTool(ctx, req) // not callTool: its t.Fatalf is for the test's goroutine
				if err != nil {
					res = mcp.NewToolResultError("the call failed: " + err.Error())
				}
				b, _ := json.Marshal(res.StructuredContent)
				mu.Lock()
				defer mu.Unlock()
				answers = append(answers, raceAnswer{res.IsError, b, textOf(res), replicas[i].url})
			}()
		}
	}
	close(start)
	wg.Wait()
	return answers
}

// TestReplicasRaceOneCart runs two `serve --transport http` processes (stateful
// Streamable HTTP, or --stateless as the README's replicas) on one database with one
// confirmation key, and Stripe and two
// sellers outside them, so that what they charge is counted in one place. One
// customer has a session on each and, on both at once, checks out the same cart of
// two sellers' lines, confirms its quote, and cancels one of its orders:
//   - checking out: every answer is the one quote (or says the other call is still
//     preparing it), nothing charged;
//   - confirming: every answer names the one checkout and its two orders (completed,
//     or pending while the other replica pays), each seller charged once, the cart
//     empty, the limits counting the two totals once;
//   - canceling: every answer is refunded (or pending while the other carries it out),
//     one refund at Stripe for that order alone, the other order still completed.
func TestReplicasRaceOneCart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	for _, tc := range []struct {
		name  string
		extra []string
	}{
		{"stateful", nil},
		{"stateless", []string{"--stateless"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			replicasRaceOneCart(t, tc.extra...)
		})
	}
}

func replicasRaceOneCart(t *testing.T, extra ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	seen := &sellerOrders{}
	collect := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { seen.serve(next, rw, r) })
	}
	rig := newKillRig(t, func(_ *heldCompletion, next http.Handler) http.Handler { return collect(next) }, append(extra, "--request-rate", "0")...)
	const second = "hearth-and-harbor"
	rig.world.addSeller(t, second, collect)
	db, w := rig.db, rig.world
	replicas, clients := startReplicas(t, ctx, rig)
	spentBefore := spent(t, db)
	for _, seller := range []string{w.sellerID, second} {
		if res := callTool(t, ctx, clients[0], "add_to_cart", map[string]any{"product_id": cheapProduct(t, ctx, clients[0], seller)}); res.IsError {
			t.Fatalf("add_to_cart: %s", textOf(res))
		}
	}
	charges := func() (succeeded, refunds int) {
		for _, pi := range w.stripe.PaymentIntents() {
			if pi.Status == "succeeded" {
				succeeded++
			}
		}
		return succeeded, len(w.stripe.Refunds())
	}
	const perReplica = 4
	type checkoutAnswer struct {
		Status     string
		CheckoutID string `json:"checkout_id"`
		QuoteID    string `json:"quote_id"`
		Orders     []struct {
			Status  string
			OrderID string `json:"order_id"`
		}
	}

	// Both sessions check out the cart at once.
	quotes := map[string]bool{}
	for _, a := range raceOnReplicas(ctx, replicas, clients, perReplica, "checkout", map[string]any{}) {
		var out checkoutAnswer
		a.decode(&out)
		switch {
		case !a.isError && out.Status == "confirmation_required" && out.QuoteID != "" && len(out.Orders) == 2:
			quotes[out.QuoteID] = true
		case !a.isError && out.Status == "pending" && out.QuoteID == "": // the other call still quoting
		default:
			t.Errorf("a checkout on %s answered error %v, status %q, %d orders: %s", a.on, a.isError, out.Status, len(out.Orders), a.text)
		}
	}
	if n, _ := charges(); len(quotes) != 1 || n != 0 {
		t.Fatalf("racing checkouts gave quotes %v and %d charges, want one quote and none", quotes, n)
	}
	var quote string
	for q := range quotes {
		quote = q
	}

	// Both sessions confirm it at once.
	checkouts, orders, completed := map[string]bool{}, map[string]bool{}, 0
	for _, a := range raceOnReplicas(ctx, replicas, clients, perReplica, "checkout", map[string]any{"quote_id": quote}) {
		var out checkoutAnswer
		a.decode(&out)
		if a.isError || (out.Status != "completed" && out.Status != "pending") || len(out.Orders) != 2 {
			t.Errorf("a confirmation on %s answered error %v, status %q, %d orders: %s", a.on, a.isError, out.Status, len(out.Orders), a.text)
			continue
		}
		if out.Status == "completed" {
			completed++
		}
		checkouts[out.CheckoutID] = true
		for _, o := range out.Orders {
			if o.OrderID != "" {
				orders[o.OrderID] = true
			}
		}
	}
	t.Logf("%d confirmations on two replicas: %d completed, checkouts %v, orders %v", 2*perReplica, completed, checkouts, orders)
	if len(checkouts) != 1 || len(orders) != 2 || completed == 0 {
		t.Fatalf("the confirmations named checkouts %v and orders %v (%d completed), want one checkout of two orders, completed at least once", checkouts, orders, completed)
	}
	if n, _ := charges(); n != 2 || len(w.stripe.Tokens()) != 2 || len(seen.ids()) != 2 {
		t.Errorf("Stripe shows %d charges and %d tokens, the sellers %d orders; want 2, 2 and 2", n, len(w.stripe.Tokens()), len(seen.ids()))
	}
	var cart struct{ Lines int }
	callJSON(t, ctx, clients[1], "view_cart", map[string]any{}, &cart)
	if cart.Lines != 0 {
		t.Errorf("the cart holds %d lines after it was bought, want none", cart.Lines)
	}
	st := testshop.Store(t, store.FileBeside(db))
	var total int64
	var ids []string
	for id := range orders {
		o, err := st.Order(ctx, store.DemoCustomerID, id)
		if err != nil {
			t.Fatal(err)
		}
		total += o.Total
		ids = append(ids, id)
	}
	if got := spent(t, db) - spentBefore; got != total {
		t.Errorf("the limits count %d more spent, want the two orders' %d once", got, total)
	}

	// Both sessions cancel one of the orders at once; refunds need no confirmation.
	if r := runCLI(t, nil, "limits", "set", "--db", db, "--customer", store.DemoCustomerID, "--confirm-above", "none"); r.code != 0 {
		t.Fatalf("limits set: %+v", r)
	}
	refunded := 0
	for _, a := range raceOnReplicas(ctx, replicas, clients, perReplica, "cancel_order", map[string]any{"order_id": ids[0]}) {
		var out struct{ Status string }
		a.decode(&out)
		switch {
		case !a.isError && out.Status == "refunded":
			refunded++
		case !a.isError && out.Status == "pending":
		default:
			t.Errorf("a cancel_order on %s answered error %v, status %q: %s", a.on, a.isError, out.Status, a.text)
		}
	}
	if _, n := charges(); n != 1 || refunded == 0 {
		t.Errorf("Stripe shows %d refunds, %d answers refunded; want one refund, said at least once", n, refunded)
	}
	for i, c := range clients {
		for id, want := range map[string]string{ids[0]: "refunded", ids[1]: "completed"} {
			var o struct{ Status string }
			callJSON(t, ctx, c, "get_order", map[string]any{"order_id": id}, &o)
			if o.Status != want {
				t.Errorf("get_order %s on replica %d: %s, want %s", id, i, o.Status, want)
			}
		}
	}
}
