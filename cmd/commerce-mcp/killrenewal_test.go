package main

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
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
// renewal (a ring plan subscribed in size 7), lets the seller charge it, and restarts
// the server on the same database; the person changes the plan to size 9 (confirmed by
// quote_id) either before the renewal or while the seller holds it:
//   - before: the renewal is bought with the change; the restarted server's recovery
//     settles it: the cycle charged once, its order of size 9 at the change's price;
//   - while held: the change is applied at once and says the renewal being charged
//     keeps size 7; the restarted server settles that renewal in size 7 at the price it
//     began with, the subscription keeps size 9, and the next cycle is bought in size 9
//     at the change's price.
//
// In both, Stripe shows one charge per cycle and every token deactivated, and the
// following runs of the renewal loop charge nothing more.
func TestHostedKilledMidRenewalAfterChange(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	for _, tc := range []struct {
		name        string
		changeFirst bool   // the change is confirmed before the renewal, else while the seller holds it
		renewedIn   string // the ring size of cycle 1's order
	}{
		{"changed before the renewal", true, "9"},
		{"changed while the renewal is held", false, "7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			killMidRenewal(t, tc.changeFirst, tc.renewedIn)
		})
	}
}

// changeResult is what the kill -9 tests read of change_subscription's result.
type changeResult struct {
	Status   string `json:"status"`
	QuoteID  string `json:"quote_id"`
	NewPrice struct {
		Amount int64 `json:"amount"`
	} `json:"new_price"`
	Running *struct {
		Cycle   int `json:"cycle"`
		Choices []struct{ Option, Value string }
		Price   struct {
			Amount int64 `json:"amount"`
		} `json:"price"`
	} `json:"renewal_being_charged"`
}

func killMidRenewal(t *testing.T, changeFirst bool, renewedIn string) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	// Once armed, the seller holds the next completion until the server is dead, then
	// charges it.
	var armed atomic.Bool
	rig := newKillRig(t, func(h *heldCompletion, next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.URL.Path, "/complete") || !armed.CompareAndSwap(true, false) {
				next.ServeHTTP(w, r)
				return
			}
			h.hold(w, r, next.ServeHTTP)
		})
	}, "--recover-every", "1s")
	db, w, args := rig.db, rig.world, rig.args
	ring := ringPlanOf(t, w.sellerID)
	testshop.WriteCatalog(t, db, nil, []catalog.Product{ring})
	testshop.WriteCatalog(t, filepath.Join(rig.dir, "seller.db"), nil, []catalog.Product{ring})

	first := startProcess(t, nil, args...)
	token := newToken(t, db, store.DemoCustomerID)
	c := httpClient(t, ctx, first.url, token, "")
	var q, sub struct {
		Status       string `json:"status"`
		QuoteID      string `json:"quote_id"`
		Subscription struct {
			ID            string `json:"id"`
			PricePerCycle struct {
				Amount int64 `json:"amount"`
			} `json:"price_per_cycle"`
		} `json:"subscription"`
	}
	callJSON(t, ctx, c, "subscribe", map[string]any{"product_id": ring.ID, "choices": map[string]any{"ring_size": "7", "metal": "Gold"}, "personalization": "Ana"}, &q)
	callJSON(t, ctx, c, "subscribe", map[string]any{"quote_id": q.QuoteID}, &sub)
	if sub.Status != "subscribed" {
		t.Fatalf("subscribe: %+v", sub)
	}
	id, agreed := sub.Subscription.ID, sub.Subscription.PricePerCycle.Amount
	st, err := sql.Open("sqlite3", store.FileBeside(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recorded := func(n int, p *hostedProcess) { waitRecorded(t, ctx, st, id, n, p) }
	recorded(1, first)
	var changed changeResult
	change := func() {
		var cq changeResult
		callJSON(t, ctx, c, "change_subscription", map[string]any{"subscription_id": id, "choices": map[string]any{"ring_size": "9", "metal": "Silver"}, "personalization": "Bo"}, &cq)
		callJSON(t, ctx, c, "change_subscription", map[string]any{"subscription_id": id, "quote_id": cq.QuoteID}, &changed)
		if changed.Status != "active" {
			t.Fatalf("change: %+v", changed)
		}
	}
	if changeFirst {
		change()
	}

	due := func(n int) { dueCycle(t, ctx, st, id, n) }
	armed.Store(true)
	due(1)
	rig.held.waitHeld(t, ctx, first, "the renewal")
	if !changeFirst {
		change()
		if k := changed.Running; k == nil || k.Cycle != 1 || len(k.Choices) == 0 || k.Choices[0].Value != "7" || k.Price.Amount != agreed {
			t.Fatalf("the change while the renewal is held says renewal_being_charged %+v, want cycle 1 in size 7 at %d", k, agreed)
		}
	}
	rig.held.killHeld(t, first)

	second := startProcess(t, nil, append(args, "--recover-after", "1s")...)
	c = httpClient(t, ctx, second.url, token, "")
	type orderList struct {
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
	// settled waits until the newest of n orders is completed.
	settled := func(n int) orderList {
		t.Helper()
		deadline := time.Now().Add(90 * time.Second)
		for {
			var orders orderList
			callJSON(t, ctx, c, "list_orders", map[string]any{}, &orders)
			if len(orders.Orders) == n && orders.Orders[0].Status == "completed" {
				return orders
			}
			if time.Now().After(deadline) {
				t.Fatalf("orders after the restart: %+v, want %d\n%s", orders.Orders, n, second.stderr.String())
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	wantOrder := func(orders orderList, i int, size string, total int64) {
		t.Helper()
		if o := orders.Orders[i]; len(o.Line.Choices) == 0 || o.Line.Choices[0].Value != size || o.Totals.Total.Amount != total {
			t.Errorf("order %d %+v, want size %s at %d", i, o, size, total)
		}
	}
	charges := func() int {
		n := 0
		for _, pi := range w.stripe.PaymentIntents() {
			if pi.Status == "succeeded" {
				n++
			}
		}
		return n
	}
	orders := settled(2)
	renewedAt := changed.NewPrice.Amount
	if !changeFirst {
		renewedAt = agreed
	}
	wantOrder(orders, 0, renewedIn, renewedAt)
	var subs struct {
		Subscriptions []struct {
			Choices []struct{ Option, Value string }
		} `json:"subscriptions"`
	}
	callJSON(t, ctx, c, "list_subscriptions", map[string]any{}, &subs)
	if len(subs.Subscriptions) != 1 || subs.Subscriptions[0].Choices[0].Value != "9" {
		t.Errorf("subscriptions %+v", subs.Subscriptions)
	}
	if n := charges(); n != 2 {
		t.Errorf("%d charges, want 2 (the first cycle and the renewal)", n)
	}
	want := 2
	if !changeFirst {
		// The next cycle is bought with the change. The renewal's order completes before
		// its cycle is recorded paid, which sets the next due date from the anchor as it
		// was: cycle 2 is made due only once cycle 1 is recorded (else that recording
		// could put it a month off again).
		recorded(2, second)
		due(2)
		orders = settled(3)
		wantOrder(orders, 0, "9", changed.NewPrice.Amount)
		wantOrder(orders, 1, "7", agreed)
		want = 3
		if n := charges(); n != want {
			t.Errorf("%d charges, want 3 (one a cycle)", n)
		}
	}
	for _, tok := range w.stripe.Tokens() {
		if tok.Status != "deactivated" {
			t.Errorf("token still usable: %+v", tok)
		}
	}
	// The next cycle is not due: a few more runs of the loop charge nothing more.
	time.Sleep(3 * time.Second)
	var after orderList
	callJSON(t, ctx, c, "list_orders", map[string]any{}, &after)
	if len(after.Orders) != want || charges() != want {
		t.Errorf("%d orders, %d charges after the renewals settled, want %d", len(after.Orders), charges(), want)
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

// waitRecorded waits until cycle n-1 of subscription id is recorded paid (cycle n
// is next). Recording a cycle paid sets the next due date from the anchor as it was
// read, so a cycle made due (dueCycle) before its predecessor is recorded can be put a
// month off again. That holds for the first cycle too: "subscribed" does not mean it
// is recorded, as a renewal loop (every second) may be the one buying it, and still be
// at it after the confirmation returns. p's log is shown if it never is.
func waitRecorded(t *testing.T, ctx context.Context, st *sql.DB, id string, n int, p *hostedProcess) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var next int
		if err := st.QueryRowContext(ctx, `SELECT next_cycle FROM subscriptions WHERE id = ?`, id).Scan(&next); err != nil {
			t.Fatal(err)
		}
		if next == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("cycle %d not recorded paid within 30 s:\n%s", n-1, p.stderr.String())
		}
	}
}

// dueCycle makes cycle n of monthly subscription id fall due an hour ago, as far as
// the subscription knows, in the store database st: a server's renewal loop takes it to
// the seller at its next run.
func dueCycle(t *testing.T, ctx context.Context, st *sql.DB, id string, n int) {
	t.Helper()
	anchor := time.Now().UTC().AddDate(0, -n, -1).Format("2006-01-02T15:04:05.000000000Z")
	if _, err := st.ExecContext(ctx, `UPDATE subscriptions SET anchor = ?, next_due_at = ? WHERE id = ?`,
		anchor, time.Now().UTC().Add(-time.Hour).Format("2006-01-02T15:04:05.000000000Z"), id); err != nil {
		t.Fatal(err)
	}
}
