package main

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestHostedKilledMidRenewalAfterChange kills (SIGKILL) a `serve --transport http`
// process in test mode while the seller holds the completion of a subscription's
// renewal, bought after the person changed the subscription's choices (a ring plan,
// size 7 to size 9, confirmed by quote_id), lets the seller charge it, and restarts
// the server on the same database. The restarted server's recovery settles the
// renewal: the cycle is charged once, its order is of size 9 (on the seller's session
// too), the subscription moves to its next cycle, and Stripe shows one charge per
// cycle, every token deactivated.
func TestHostedKilledMidRenewalAfterChange(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	testshop.WriteDemo(t, db)

	// Once armed, the seller holds the next completion until the server is dead, then
	// charges it.
	var armed atomic.Bool
	entered, release, done := make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
	hold := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/complete") || !armed.CompareAndSwap(true, false) {
				next.ServeHTTP(w, r)
				return
			}
			entered <- struct{}{}
			<-release
			defer close(done)
			next.ServeHTTP(w, r.WithContext(context.WithoutCancel(r.Context())))
		})
	}
	w := newStripeWorld(t, dir, hold)
	ring := ringPlanOf(t, w.sellerID)
	testshop.WriteCatalog(t, db, nil, []catalog.Product{ring})
	testshop.WriteCatalog(t, filepath.Join(dir, "seller.db"), nil, []catalog.Product{ring})
	var releaseOnce sync.Once
	letGo := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(letGo)
	args := append([]string{"serve", "--db", db, "--transport", "http", "--addr", "127.0.0.1:0",
		"--rate", "0", "--purchase-rate", "0", "--recover-every", "1s"}, w.args...)

	first := startProcess(t, nil, args...)
	token := newToken(t, db, store.DemoCustomerID)
	c := httpClient(t, ctx, first.url, token, "")
	var q, sub struct {
		Status       string `json:"status"`
		QuoteID      string `json:"quote_id"`
		Subscription struct {
			ID string `json:"id"`
		} `json:"subscription"`
	}
	callJSON(t, ctx, c, "subscribe", map[string]any{"product_id": ring.ID, "choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana"}, &q)
	callJSON(t, ctx, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub)
	if sub.Status != "subscribed" {
		t.Fatalf("subscribe: %+v", sub)
	}
	id := sub.Subscription.ID
	var cq, changed struct {
		Status   string `json:"status"`
		QuoteID  string `json:"quote_id"`
		NewPrice struct {
			Amount int64 `json:"amount"`
		} `json:"new_price"`
	}
	callJSON(t, ctx, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"ring_size": "9", "metal": "Silver"}, "personalization": "Bo"}, &cq)
	callJSON(t, ctx, c, "change_subscription", map[string]any{"subscription_id": id, "quote_id": cq.QuoteID}, &changed)
	if changed.Status != "active" {
		t.Fatalf("change: %+v", changed)
	}

	// A month on, as far as the subscription knows: its cycle 1 falls due, and the
	// server's renewal loop (every second) takes it to the seller, who holds it.
	armed.Store(true)
	st, err := sql.Open("sqlite3", store.FileBeside(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	past := time.Now().UTC().AddDate(0, -1, -1).Format("2006-01-02T15:04:05.000000000Z")
	if _, err := st.ExecContext(ctx, `UPDATE subscriptions SET anchor = ?, next_due_at = ? WHERE id = ?`,
		past, time.Now().UTC().Add(-time.Hour).Format("2006-01-02T15:04:05.000000000Z"), id); err != nil {
		t.Fatal(err)
	}
	select {
	case <-entered:
	case <-ctx.Done():
		t.Fatalf("the renewal never reached the seller's completion:\n%s", first.stderr.String())
	}
	if err := first.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-first.exited
	letGo()
	<-done

	second := startProcess(t, nil, append(args, "--recover-after", "1s")...)
	c = httpClient(t, ctx, second.url, token, "")
	var subs struct {
		Subscriptions []struct {
			ID          string `json:"id"`
			NextRenewal string `json:"next_renewal"`
			Choices     []struct{ Option, Value string }
		} `json:"subscriptions"`
	}
	var orders struct {
		Orders []struct {
			OrderID string `json:"order_id"`
			Status  string `json:"status"`
			Totals  struct {
				Total struct {
					Amount int64 `json:"amount"`
				} `json:"total"`
			} `json:"totals"`
			Line struct {
				Choices []struct{ Option, Value string }
			} `json:"line"`
		} `json:"orders"`
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		callJSON(t, ctx, c, "list_orders", map[string]any{}, &orders)
		if len(orders.Orders) == 2 && orders.Orders[0].Status == "completed" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("orders after the restart: %+v\n%s", orders.Orders, second.stderr.String())
		}
		time.Sleep(500 * time.Millisecond)
	}
	if o := orders.Orders[0]; len(o.Line.Choices) == 0 || o.Line.Choices[0].Value != "9" || o.Totals.Total.Amount != changed.NewPrice.Amount {
		t.Errorf("the renewal's order %+v, want size 9 at %d", o, changed.NewPrice.Amount)
	}
	callJSON(t, ctx, c, "list_subscriptions", map[string]any{}, &subs)
	if len(subs.Subscriptions) != 1 || subs.Subscriptions[0].Choices[0].Value != "9" {
		t.Errorf("subscriptions %+v", subs.Subscriptions)
	}
	charges := 0
	for _, pi := range w.stripe.PaymentIntents() {
		if pi.Status == "succeeded" {
			charges++
		}
	}
	if charges != 2 {
		t.Errorf("%d charges, want 2 (the first cycle and the renewal)", charges)
	}
	for _, tok := range w.stripe.Tokens() {
		if tok.Status != "deactivated" {
			t.Errorf("token still usable: %+v", tok)
		}
	}
	// The next cycle is not due: a few more runs of the loop charge nothing more.
	time.Sleep(3 * time.Second)
	callJSON(t, ctx, c, "list_orders", map[string]any{}, &orders)
	if len(orders.Orders) != 2 {
		t.Errorf("%d orders after the renewal settled, want 2", len(orders.Orders))
	}
	if err := second.terminate(t); err != nil {
		t.Errorf("second server: %v", err)
	}
}

// ringPlanOf is a ring-of-the-month plan of seller: sizes 5 to 9, Silver or Gold, a
// name to engrave required, charged monthly.
func ringPlanOf(t *testing.T, seller string) catalog.Product {
	t.Helper()
	for _, p := range demo.Products() {
		if p.SellerID == seller && p.Purchasable() && p.Billing == nil && p.Price.Currency == "USD" && p.Price.Amount < 5000 {
			p.ID, p.Title, p.GroupID, p.GTIN = "RING-CLUB-KILL", "Ring of the Month", "", ""
			p.Billing = &catalog.Billing{Interval: catalog.Month, Every: 1}
			p.Attributes = map[string]string{"ring_size": "5, 6, 7, 8, 9", "metal": "Silver, Gold",
				catalog.AttrChoices: "ring_size, metal", catalog.AttrPersonalization: "required"}
			return p
		}
	}
	t.Fatalf("no product of %s to make a ring plan of", seller)
	return catalog.Product{}
}
