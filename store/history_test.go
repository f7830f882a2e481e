package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// completeOrder takes a purchase of product through the store's states to a completed
// order, at the clock's time, and returns the order id. With fail set, the purchase
// fails after approval instead, leaving a failed order.
func completeOrder(t *testing.T, s *store.Store, customer, product, brand, category string, fail bool) string {
	t.Helper()
	ctx := context.Background()
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: customer, IdemKey: store.NewID("k_"), ProductID: product, Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.Title, p.Brand, p.Category, p.UnitAmount, p.Subtotal, p.Total, p.Currency = product+" title", brand, category, 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	if fail {
		p.State = store.PurchaseFailed
		if err := s.Advance(ctx, &p, "failed", "", store.PurchaseApproved); err != nil {
			t.Fatal(err)
		}
		return p.OrderID
	}
	p.State = store.PurchaseTokenIssued
	if err := s.Advance(ctx, &p, "token", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	if err := s.Complete(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p.OrderID
}

func TestOrderHistory(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	other := mustCreateCustomer(t, s, "b@example.com")
	var last string
	for _, o := range []struct {
		product, brand, category string
		fail                     bool
	}{
		{"p1", "Alpha", "Shoes", false},
		{"p2", "Alpha", "Shoes", false},
		{"p3", "Beta", "Coffee", false},
		{"p1", "Alpha", "Shoes", false}, // bought again
		{"p4", "", "", false},           // no brand or category
		{"p5", "Gamma", "Tea", true},    // failed: not counted
		{"p6", "Beta", "Coffee", false},
	} {
		clock.Advance(time.Hour)
		last = completeOrder(t, s, c.ID, o.product, o.brand, o.category, o.fail)
	}
	completeOrder(t, s, other.ID, "p9", "Zeta", "Books", false)

	cats, brands, err := s.OrderTallies(ctx, c.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if want := []store.Tally{{"Shoes", 3}, {"Coffee", 2}}; !reflect.DeepEqual(cats, want) {
		t.Errorf("categories = %v, want %v", cats, want)
	}
	if want := []store.Tally{{"Alpha", 3}, {"Beta", 2}}; !reflect.DeepEqual(brands, want) {
		t.Errorf("brands = %v, want %v", brands, want)
	}
	if cats, _, _ := s.OrderTallies(ctx, c.ID, 1); len(cats) != 1 {
		t.Errorf("n = 1 gave %d categories", len(cats))
	}
	if cats, brands, err := s.OrderTallies(ctx, "cus_nobody", 5); err != nil || len(cats)+len(brands) != 0 || cats == nil {
		t.Errorf("no orders: %v %v %v; want empty lists", cats, brands, err)
	}

	got, err := s.BoughtBefore(ctx, c.ID, last, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p4", "p1", "p3", "p2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("BoughtBefore = %v, want %v (distinct, completed, newest first, without the order itself)", got, want)
	}
	if got, _ := s.BoughtBefore(ctx, c.ID, last, 2); len(got) != 2 {
		t.Errorf("BoughtBefore n = 2 gave %v", got)
	}
	for _, err := range []error{
		func() error { _, _, err := s.OrderTallies(ctx, c.ID, 0); return err }(),
		func() error { _, err := s.BoughtBefore(ctx, c.ID, last, 0); return err }(),
	} {
		wantErr(t, err, store.ErrInvalid)
	}
}

func TestOrderedProducts(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	other := mustCreateCustomer(t, s, "b@example.com")
	if got, err := s.OrderedProducts(ctx, c.ID); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("no orders: %v, %v; want an empty list", got, err)
	}
	for _, o := range []struct {
		product string
		fail    bool
	}{{"p1", false}, {"p2", false}, {"p3", true}, {"p1", false}} {
		clock.Advance(time.Hour)
		completeOrder(t, s, c.ID, o.product, "Alpha", "Shoes", o.fail)
	}
	clock.Advance(time.Hour)
	completeOrder(t, s, other.ID, "p9", "Zeta", "Books", false)
	// A pending order: approved, not yet paid.
	clock.Advance(time.Hour)
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k_pending", ProductID: "p4", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.UnitAmount, p.Subtotal, p.Total, p.Currency = 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	got, err := s.OrderedProducts(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p4", "p1", "p2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("OrderedProducts = %v, want %v (distinct, pending and completed, newest first, not failed, not another customer's)", got, want)
	}
}

// TestRecentOrders checks that RecentOrders reads across ListOrders' pages: the
// customer's newest n orders, newest first, every status, none of another customer's.
func TestRecentOrders(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	other := mustCreateCustomer(t, s, "b@example.com")
	var ids []string // newest first
	for i := range 130 {
		clock.Advance(time.Minute)
		ids = append([]string{completeOrder(t, s, c.ID, "p", "Alpha", "Shoes", i%10 == 0)}, ids...)
	}
	completeOrder(t, s, other.ID, "p", "Alpha", "Shoes", false)
	tests := []struct {
		name string
		n    int
		want []string
	}{
		{"one page", 5, ids[:5]},
		{"across pages", 120, ids[:120]},
		{"more than there are", 200, ids},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.RecentOrders(ctx, c.ID, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			gotIDs := make([]string, len(got))
			for i, o := range got {
				gotIDs[i] = o.ID
			}
			if !reflect.DeepEqual(gotIDs, tc.want) {
				t.Errorf("RecentOrders(%d) = %d orders %v…, want %d %v…", tc.n, len(gotIDs), gotIDs[:min(3, len(gotIDs))], len(tc.want), tc.want[:3])
			}
		})
	}
}
