package store_test

import (
	"context"
	"maps"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// A checkout beginning while checkout a of the cart is being paid (seller s1's order
// refused before approval, s2's and s3's approved) joins a, with the cart lines a
// does not account for: none when the cart is as a found it (the refused seller's
// line included, which a tried to buy), only what was added since. Once a's unfinished
// seller orders have all ended, completed or charged with no order (whose lines left
// the cart), a holds the cart no more and a new checkout begins with what is left.
func TestBeginCheckoutWhilePaying(t *testing.T) {
	tests := []struct {
		name string
		// after a is approved: "add" puts 2 × p4 in the cart; "settle" ends s2 and s3
		// ("completed", "charged_no_order").
		add    bool
		settle []store.PurchaseState
		// want
		joins bool
		lines map[string]int
	}{
		{name: "cart as quoted, one seller refused", joins: true, lines: map[string]int{}},
		{name: "a product added since", add: true, joins: true, lines: map[string]int{"p4": 2}},
		{name: "every approved order charged with no order", settle: []store.PurchaseState{store.PurchaseChargedNoOrder, store.PurchaseChargedNoOrder},
			lines: map[string]int{"p1": 1}},
		{name: "one completed, one charged with no order", add: true, settle: []store.PurchaseState{store.PurchaseCompleted, store.PurchaseChargedNoOrder},
			lines: map[string]int{"p1": 1, "p4": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			ctx := context.Background()
			cu := mustCreateCustomer(t, s, "a@example.com")
			for _, l := range []struct{ product, seller string }{{"p1", "s1"}, {"p2", "s2"}, {"p3", "s3"}} {
				if _, _, err := s.ChangeCart(ctx, cu.ID, store.CartChange{ProductID: l.product, SellerID: l.seller, Quantity: 1, Add: true}); err != nil {
					t.Fatal(err)
				}
			}
			a, _, _, err := s.BeginCheckout(ctx, store.Checkout{CustomerID: cu.ID, IdemKey: "a", Mode: "sandbox"})
			if err != nil {
				t.Fatal(err)
			}
			var ps []*store.Purchase
			for i, seller := range []string{"s1", "s2", "s3"} {
				product := []string{"p1", "p2", "p3"}[i]
				p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: cu.ID, IdemKey: a.ID + "/" + seller, ProductID: product,
					SellerID: seller, Quantity: 1, Mode: "sandbox", CheckoutID: a.ID, Currency: "USD", Total: 100,
					Lines: []store.Line{{ProductID: product, Quantity: 1, UnitAmount: 100, Amount: 100}}})
				if err != nil {
					t.Fatal(err)
				}
				ps = append(ps, &p)
			}
			ps[0].State, ps[0].FailureCode = store.PurchaseFailed, "seller_not_allowed"
			if err := s.Advance(ctx, ps[0], "refused", "seller_not_allowed", store.PurchaseOpen); err != nil {
				t.Fatal(err)
			}
			if err := s.ApproveCheckout(ctx, &a, store.CheckoutOpen, ps[1:], store.PurchaseOpen); err != nil {
				t.Fatal(err)
			}
			if tt.add {
				if _, _, err := s.ChangeCart(ctx, cu.ID, store.CartChange{ProductID: "p4", SellerID: "s2", Quantity: 2, Add: true}); err != nil {
					t.Fatal(err)
				}
			}
			for i, state := range tt.settle {
				p := ps[1+i]
				p.State = store.PurchaseTokenIssued
				if err := s.Advance(ctx, p, "token_issued", "", store.PurchaseApproved); err != nil {
					t.Fatal(err)
				}
				if state == store.PurchaseCompleted {
					if err := s.Complete(ctx, p); err != nil {
						t.Fatal(err)
					}
					continue
				}
				p.State, p.Charged, p.FailureCode, p.FailureParams = state, true, "charged_no_order", `{}`
				if err := s.Advance(ctx, p, "charged_no_order", "", store.PurchaseTokenIssued); err != nil {
					t.Fatal(err)
				}
			}
			b, cart, created, err := s.BeginCheckout(ctx, store.Checkout{CustomerID: cu.ID, IdemKey: "b", Mode: "sandbox"})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, l := range cart.Lines {
				got[l.ProductID] += l.Quantity
			}
			if joined := !created && b.ID == a.ID; joined != tt.joins {
				t.Errorf("joined a: %v (created %v, checkout %s, a %s), want %v", joined, created, b.ID, a.ID, tt.joins)
			}
			if !maps.Equal(got, tt.lines) {
				t.Errorf("lines %v, want %v", got, tt.lines)
			}
		})
	}
}
