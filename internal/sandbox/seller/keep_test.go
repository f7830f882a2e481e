package seller_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

// TestKeepBoundsRecords makes three times Config.Keep checkouts, one a second, and
// checks that the Seller keeps about Keep of each record (not one per checkout), that
// the newest checkouts still work in every way, and that the oldest answer as after a
// restart: not found, no longer moving, their idempotency keys run afresh. A session
// whose charge is unsettled is kept however old.
func TestKeepBoundsRecords(t *testing.T) {
	const keep, bought = 4, 12
	most := keep + keep/4 + 1 // trimmed once above keep + keep/4, after or before an insert
	e, rcv := webhookEnv(t, func(c *seller.Config) { c.Keep = keep })
	ctx := context.Background()

	// The first checkout's charge has an unknown outcome: its session holds the stock.
	e.pay.setFn(func(seller.ChargeRequest) (seller.ChargeResult, error) {
		return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, Reason: "charge: timed out"}
	})
	held := e.create(item("poster", 1))
	if _, err := e.complete(held.ID, testToken); err == nil {
		t.Fatal("the complete whose charge timed out succeeded")
	}
	e.pay.setFn(nil)

	req := acp.CreateRequest{LineItems: []acp.Item{item("poster", 1)}, Currency: "usd"}
	var sessions, createKeys []string
	var orders []*acp.Order
	for i := range bought {
		e.clock.Advance(time.Second)
		k := e.key()
		s, err := e.client.Create(ctx, req, k)
		if err != nil {
			t.Fatal(err)
		}
		done, err := e.complete(s.ID, testToken)
		if err != nil || done.Order == nil {
			t.Fatalf("checkout %d: %+v, %v", i, done, err)
		}
		sessions, createKeys, orders = append(sessions, s.ID), append(createKeys, k), append(orders, done.Order)
	}
	e.seller.Tick(ctx) // order_create of each, sent before the records went

	r := e.seller.Records()
	if r.Sessions > most+1 || r.Orders > most || r.Answers > most {
		t.Fatalf("after %d checkouts the seller keeps %+v, want at most %d of each (%d with the held session)", bought, r, most, most+1)
	}
	newest, oldest := len(orders)-1, 0
	status := func(path string) int {
		resp, _ := e.raw(http.MethodGet, path, "", nil)
		return resp.StatusCode
	}

	cases := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"newest session read", func(t *testing.T) {
			if got := status("/checkout_sessions/" + sessions[newest]); got != http.StatusOK {
				t.Errorf("GET newest session: %d, want 200", got)
			}
		}},
		{"newest order read", func(t *testing.T) {
			if got := status("/orders/" + orders[newest].ID); got != http.StatusOK {
				t.Errorf("GET newest order: %d, want 200", got)
			}
		}},
		{"newest create replayed", func(t *testing.T) {
			again, err := e.client.Create(ctx, req, createKeys[newest])
			if err != nil || again.ID != sessions[newest] {
				t.Errorf("create again with the newest key: %v, %v; want session %s replayed", again, err, sessions[newest])
			}
		}},
		{"held session kept", func(t *testing.T) {
			if got := status("/checkout_sessions/" + held.ID); got != http.StatusOK {
				t.Errorf("GET the session whose charge is unsettled: %d, want 200 (never forgotten)", got)
			}
		}},
		{"oldest session forgotten", func(t *testing.T) {
			if got := status("/checkout_sessions/" + sessions[oldest]); got != http.StatusNotFound {
				t.Errorf("GET oldest session: %d, want 404 (as after a restart)", got)
			}
		}},
		{"oldest order forgotten", func(t *testing.T) {
			if got := status("/orders/" + orders[oldest].ID); got != http.StatusNotFound {
				t.Errorf("GET oldest order: %d, want 404 (as after a restart)", got)
			}
			_, err := e.client.CancelOrder(ctx, orders[oldest].ID, acp.CancelOrderRequest{}, e.key())
			var pe *acp.Error
			if !asACPError(err, &pe) || pe.HTTPStatus != http.StatusNotFound {
				t.Errorf("cancel oldest order: %v, want 404 (as after a restart)", err)
			}
		}},
		{"oldest create runs afresh", func(t *testing.T) {
			again, err := e.client.Create(ctx, req, createKeys[oldest])
			if err != nil || again.ID == sessions[oldest] {
				t.Errorf("create again with the oldest key: %v, %v; want a new session (the key forgotten)", again, err)
			}
		}},
		{"orders move or not", func(t *testing.T) {
			e.clock.Advance(seller.DefaultShipAfter)
			e.seller.Tick(ctx)
			var shipped []string
			rcv.mu.Lock()
			for _, ev := range rcv.events {
				if ev.Data.Status == acp.OrderStatusShipped {
					shipped = append(shipped, ev.Data.ID)
				}
			}
			rcv.mu.Unlock()
			if !slices.Contains(shipped, orders[newest].ID) {
				t.Errorf("the newest order did not ship (shipped: %v)", shipped)
			}
			if slices.Contains(shipped, orders[oldest].ID) {
				t.Errorf("the oldest order, forgotten, shipped")
			}
		}},
		{"newest order canceled and refunded", func(t *testing.T) {
			got, err := e.client.CancelOrder(ctx, orders[newest].ID, acp.CancelOrderRequest{}, e.key())
			if err != nil || got.Status != acp.OrderStatusCanceled || got.Refunded() != 2000 {
				t.Errorf("cancel newest order: %+v, %v; want canceled with 20.00 refunded", got, err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, c.check)
	}
}
