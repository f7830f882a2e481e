package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// Every lookup by an id a caller passes is scoped to one customer: another customer's
// order, seller order number, quote, idempotency key and list cursor behave exactly as
// ones that do not exist.
func TestCustomerIsolation(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	a := mustCreateCustomer(t, s, "a@example.com")
	b := mustCreateCustomer(t, s, "b@example.com")

	// a has three completed orders (so a listing of one has a cursor), one of them
	// with a seller order number, and a quoted purchase under a key.
	clock.Advance(time.Minute)
	completeOrder(t, s, a.ID, "p1", "Alpha", "Shoes", false)
	clock.Advance(time.Minute)
	aOrder := completeOrder(t, s, a.ID, "p2", "Alpha", "Shoes", false)
	numbered := numberedOrder(t, s, a.ID, "so-1001")
	quoted, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: a.ID, IdemKey: "key-1", ProductID: "p3", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	quoted.QuoteID, quoted.State, quoted.ExpiresAt = "quo_a", store.PurchaseQuoted, clock.Now().Add(10*time.Minute)
	if err := s.Advance(ctx, &quoted, "quoted", "", store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	// and a checkout of a's cart under a key.
	if _, _, err := s.ChangeCart(ctx, a.ID, store.CartChange{ProductID: "p4", SellerID: "s1", Quantity: 1, Add: true}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.BeginCheckout(ctx, store.Checkout{CustomerID: a.ID, IdemKey: "cart-key-1", Mode: "sandbox"}); err != nil {
		t.Fatal(err)
	}
	page, cursor, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: a.ID, Limit: 1})
	if err != nil || len(page) != 1 || cursor == "" {
		t.Fatalf("a's first page: %v, cursor %q, %v", page, cursor, err)
	}

	tests := []struct {
		name     string
		as       string // the customer asking
		do       func(customer string) error
		wantErr  error  // nil: succeeds
		wantForm string // for a foreign FieldError: the field
	}{
		{name: "order by id, owner", as: a.ID, do: func(c string) error { _, err := s.Order(ctx, c, aOrder); return err }},
		{name: "order by id, other customer", as: b.ID, do: func(c string) error { _, err := s.Order(ctx, c, aOrder); return err }, wantErr: store.ErrNotFound},
		{name: "order by unknown id", as: b.ID, do: func(c string) error { _, err := s.Order(ctx, c, "ord_nope"); return err }, wantErr: store.ErrNotFound},
		{name: "seller order number, owner", as: a.ID, do: func(c string) error { _, err := s.OrderBySellerOrderID(ctx, c, numbered); return err }},
		{name: "seller order number, other customer", as: b.ID, do: func(c string) error { _, err := s.OrderBySellerOrderID(ctx, c, numbered); return err }, wantErr: store.ErrNotFound},
		{name: "quote, owner", as: a.ID, do: func(c string) error { _, err := s.PurchaseByQuote(ctx, c, "quo_a"); return err }},
		{name: "quote, other customer", as: b.ID, do: func(c string) error { _, err := s.PurchaseByQuote(ctx, c, "quo_a"); return err }, wantErr: store.ErrNotFound},
		{name: "unknown quote", as: b.ID, do: func(c string) error { _, err := s.PurchaseByQuote(ctx, c, "quo_nope"); return err }, wantErr: store.ErrNotFound},
		{name: "purchase by key, owner", as: a.ID, do: func(c string) error { _, err := s.PurchaseByKey(ctx, c, "key-1"); return err }},
		{name: "purchase by key, other customer", as: b.ID, do: func(c string) error { _, err := s.PurchaseByKey(ctx, c, "key-1"); return err }, wantErr: store.ErrNotFound},
		{name: "purchase by unknown key", as: a.ID, do: func(c string) error { _, err := s.PurchaseByKey(ctx, c, "key-nope"); return err }, wantErr: store.ErrNotFound},
		{name: "checkout by key, owner", as: a.ID, do: func(c string) error { _, err := s.CheckoutByKey(ctx, c, "cart-key-1"); return err }},
		{name: "checkout by key, other customer", as: b.ID, do: func(c string) error { _, err := s.CheckoutByKey(ctx, c, "cart-key-1"); return err }, wantErr: store.ErrNotFound},
		{name: "checkout by a purchase's key", as: a.ID, do: func(c string) error { _, err := s.CheckoutByKey(ctx, c, "key-1"); return err }, wantErr: store.ErrNotFound},
		{name: "cursor, owner", as: a.ID, do: func(c string) error {
			_, _, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: c, Limit: 1, Cursor: cursor})
			return err
		}},
		{name: "cursor, operator listing", as: "", do: func(c string) error {
			_, _, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: c, Limit: 1, Cursor: cursor})
			return err
		}},
		{name: "cursor, other customer", as: b.ID, do: func(c string) error {
			_, _, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: c, Limit: 1, Cursor: cursor})
			return err
		}, wantForm: "cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do(tt.as)
			if tt.wantForm != "" {
				var fe *store.FieldError
				if !errors.As(err, &fe) || fe.Field != tt.wantForm || fe.Problem != store.FieldForeign {
					t.Fatalf("err = %v, want a foreign %s", err, tt.wantForm)
				}
				return
			}
			wantErr(t, err, tt.wantErr)
		})
	}

	// The same idempotency key is another purchase for another customer, never a's.
	t.Run("idempotency key of another customer", func(t *testing.T) {
		got, created, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: b.ID, IdemKey: "key-1", ProductID: "p3", Quantity: 1, Mode: "sandbox"})
		if err != nil {
			t.Fatal(err)
		}
		if !created || got.ID == quoted.ID || got.CustomerID != b.ID || got.QuoteID != "" {
			t.Fatalf("BeginPurchase as b with a's key = %+v, created %v; want a new purchase of b's", got, created)
		}
		again, created, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: a.ID, IdemKey: "key-1", ProductID: "p3", Quantity: 1, Mode: "sandbox"})
		if err != nil || created || again.ID != quoted.ID {
			t.Fatalf("a's retry = %+v, created %v, %v; want a's first purchase", again, created, err)
		}
	})

	// b's own listing does not start at a's cursor: b has no orders at all.
	t.Run("other customer lists nothing of a's", func(t *testing.T) {
		got, next, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: b.ID})
		if err != nil || len(got) != 0 || next != "" {
			t.Fatalf("b's orders = %v, %q, %v; want none", got, next, err)
		}
	})
}

// numberedOrder completes a purchase of customer's whose seller numbers the order
// sellerOrderID, and returns that number.
func numberedOrder(t *testing.T, s *store.Store, customer, sellerOrderID string) string {
	t.Helper()
	ctx := context.Background()
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: customer, IdemKey: store.NewID("k_"), ProductID: "p9", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.UnitAmount, p.Subtotal, p.Total, p.Currency = 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	p.State = store.PurchaseTokenIssued
	if err := s.Advance(ctx, &p, "token", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	p.SellerOrderID = sellerOrderID
	if err := s.Complete(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return sellerOrderID
}
