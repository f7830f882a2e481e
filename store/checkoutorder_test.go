package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// A seller order of a checkout is recorded only while the checkout is open: once the
// cart is emptied (the checkout canceled), BeginPurchase refuses it with
// ErrStateChanged and records nothing, also under a key already used.
func TestBeginPurchaseNeedsItsCheckoutOpen(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	a := mustCreateCustomer(t, s, "a@example.com")
	if _, _, err := s.ChangeCart(ctx, a.ID, store.CartChange{ProductID: "p1", SellerID: "s1", Quantity: 1, Add: true}); err != nil {
		t.Fatal(err)
	}
	c, _, _, err := s.BeginCheckout(ctx, store.Checkout{CustomerID: a.ID, IdemKey: "k1", Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	order := func(key string) store.Purchase {
		return store.Purchase{CustomerID: a.ID, IdemKey: c.ID + "/" + key, ProductID: "p1", SellerID: "s1", Quantity: 1, Mode: "sandbox", CheckoutID: c.ID}
	}
	if _, created, err := s.BeginPurchase(ctx, order("s1")); err != nil || !created {
		t.Fatalf("seller order of the open checkout: created %v, %v", created, err)
	}
	if _, err := s.ClearCart(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, key string }{
		{"a new seller order", "s2"},
		{"the key already used", "s1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := s.BeginPurchase(ctx, order(tc.key)); !errors.Is(err, store.ErrStateChanged) {
				t.Fatalf("err = %v, want ErrStateChanged", err)
			}
		})
	}
	ps, err := s.CheckoutPurchases(ctx, c.ID)
	if err != nil || len(ps) != 1 || ps[0].State != store.PurchaseCanceled {
		t.Fatalf("seller orders %+v (%v); want the one recorded before, canceled", ps, err)
	}
	// A purchase of no checkout is recorded as before.
	if _, created, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: a.ID, IdemKey: "alone", ProductID: "p1", Quantity: 1, Mode: "sandbox"}); err != nil || !created {
		t.Fatalf("purchase of no checkout: created %v, %v", created, err)
	}
}
