package store_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// Order.Shown and ListOrders' status filter are one rule written twice (Go and SQL):
// for every status, the filter finds exactly the orders shown with it, and a
// completed order its seller canceled or refunded is shown so.
func TestOrderShownMatchesFilter(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	want := map[string]store.OrderStatus{}
	for i, st := range []store.SellerStatus{"", store.SellerConfirmed, store.SellerShipped, store.SellerDelivered, store.SellerCanceled, store.SellerRefunded} {
		id := paidOrder(t, s, c.ID, "cs_"+string(rune('a'+i)))
		if st != "" {
			if _, _, err := s.UpdateOrder(ctx, id, store.OrderUpdate{Status: st, Source: store.SourceSeller}); err != nil {
				t.Fatal(err)
			}
		}
		want[id] = map[store.SellerStatus]store.OrderStatus{store.SellerCanceled: store.OrderCanceled, store.SellerRefunded: store.OrderRefunded}[st]
		if want[id] == "" {
			want[id] = store.OrderCompleted
		}
	}
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k_pending", ProductID: "p1", SellerID: "s1", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.SessionID, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "cs_pending", 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	want[p.OrderID] = store.OrderPending

	all, _, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: c.ID, Limit: 100})
	if err != nil || len(all) != len(want) {
		t.Fatalf("%d orders (%v), want %d", len(all), err, len(want))
	}
	for _, o := range all {
		if o.Shown() != want[o.ID] {
			t.Errorf("order %s (status %s, seller %q) shown %q, want %q", o.ID, o.Status, o.SellerStatus, o.Shown(), want[o.ID])
		}
	}
	for _, st := range store.OrderStatuses {
		t.Run(string(st), func(t *testing.T) {
			got, _, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: c.ID, Status: st, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, w := range want {
				if w == st {
					n++
				}
			}
			if len(got) != n {
				t.Errorf("filter %s: %d orders, want %d", st, len(got), n)
			}
			for _, o := range got {
				if o.Shown() != st {
					t.Errorf("filter %s found %s, shown %s", st, o.ID, o.Shown())
				}
			}
		})
	}
}
