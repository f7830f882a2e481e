package store_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// Order.Shown and ListOrders' status filter are one rule written twice (Go and SQL):
// for every status, the filter finds exactly the orders shown with it, and a
// completed order its seller canceled or refunded, or refunded part or all of while
// it stands, is shown so.
func TestOrderShownMatchesFilter(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	want := map[string]store.OrderStatus{}
	// paidOrder's total is 1000.
	for i, tc := range []struct {
		name     string
		seller   store.SellerStatus
		refunded int64
		want     store.OrderStatus
	}{
		{"paid, nothing said", "", 0, store.OrderCompleted},
		{"confirmed", store.SellerConfirmed, 0, store.OrderCompleted},
		{"shipped", store.SellerShipped, 0, store.OrderCompleted},
		{"delivered", store.SellerDelivered, 0, store.OrderCompleted},
		{"canceled, nothing refunded", store.SellerCanceled, 0, store.OrderCanceled},
		{"canceled, part refunded", store.SellerCanceled, 100, store.OrderCanceled},
		{"refunded on canceling, amount unsaid", store.SellerRefunded, 0, store.OrderRefunded},
		{"refunded on canceling, part", store.SellerRefunded, 100, store.OrderRefunded},
		{"shipped, part refunded", store.SellerShipped, 250, store.OrderPartiallyRefunded},
		{"delivered, part refunded", store.SellerDelivered, 999, store.OrderPartiallyRefunded},
		{"delivered, all refunded", store.SellerDelivered, 1000, store.OrderRefunded},
		{"nothing said, part refunded", "", 1, store.OrderPartiallyRefunded},
	} {
		id := paidOrder(t, s, c.ID, "cs_"+string(rune('a'+i)))
		if tc.seller != "" || tc.refunded > 0 {
			if _, _, err := s.UpdateOrder(ctx, id, store.OrderUpdate{Status: tc.seller, Refunded: tc.refunded, Source: store.SourceSeller}); err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
		}
		want[id] = tc.want
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
