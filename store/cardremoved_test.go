package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestApproveChecksTheCardIsOnFile: the approving transaction itself refuses a
// purchase whose card is no longer on file for its customer (ErrCardRemoved), so a
// removal that lands after any earlier check is never charged; nothing is approved
// and no order is made. A purchase naming no card is not the approval's to refuse.
func TestApproveChecksTheCardIsOnFile(t *testing.T) {
	for _, tc := range []struct {
		name    string
		card    string                                              // the purchase's PaymentMethod
		change  func(t *testing.T, s *store.Store, customer string) // between the choice of card and the approval
		wantErr error
	}{
		{"card on file", "pm_card_visa", nil, nil},
		{"card removed", "pm_card_visa", func(t *testing.T, s *store.Store, customer string) {
			if err := s.RemovePaymentMethod(context.Background(), customer, "pm_card_visa"); err != nil {
				t.Fatal(err)
			}
		}, store.ErrCardRemoved},
		{"another customer's card", "pm_card_other", nil, store.ErrCardRemoved},
		{"no card named", "", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "card@example.com")
			other := mustCreateCustomer(t, s, "other@example.com")
			for _, pm := range []store.PaymentMethod{
				{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true},
				{ID: "pm_card_mastercard", CustomerID: c.ID, Brand: "mastercard", Last4: "4444"},
				{ID: "pm_card_other", CustomerID: other.ID, Brand: "visa", Last4: "1881", Default: true},
			} {
				if _, err := s.AddPaymentMethod(ctx, pm); err != nil {
					t.Fatal(err)
				}
			}
			p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
			if err != nil {
				t.Fatal(err)
			}
			p.PaymentMethod, p.Total, p.Currency = tc.card, 1000, "USD"
			if tc.change != nil {
				tc.change(t, s, c.ID)
			}
			err = s.Approve(ctx, &p, store.PurchaseOpen)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Approve = %v, want %v", err, tc.wantErr)
			}
			got, err := s.Purchase(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			orders, _, err := s.ListOrders(ctx, store.OrderFilter{CustomerID: c.ID})
			if err != nil {
				t.Fatal(err)
			}
			wantState, wantOrders := store.PurchaseApproved, 1
			if tc.wantErr != nil {
				wantState, wantOrders = store.PurchaseOpen, 0
			}
			if got.State != wantState || len(orders) != wantOrders {
				t.Errorf("after Approve: purchase %s with %d orders, want %s with %d", got.State, len(orders), wantState, wantOrders)
			}
		})
	}
}

// TestRemoveCardWhilePaying: a card paying a purchase under way (approved, or its token
// issued) is not removed (ErrCardPaying, nothing changed); once that purchase is
// completed or failed it is. With the approval's check (above), a removal and an
// approval of a purchase with the card never interleave.
func TestRemoveCardWhilePaying(t *testing.T) {
	for _, tc := range []struct {
		name    string
		advance func(t *testing.T, s *store.Store, p *store.Purchase) // after the approval
		wantErr error
	}{
		{"approved", func(*testing.T, *store.Store, *store.Purchase) {}, store.ErrCardPaying},
		{"token issued", func(t *testing.T, s *store.Store, p *store.Purchase) {
			p.State = store.PurchaseTokenIssued
			if err := s.Advance(context.Background(), p, "token", "", store.PurchaseApproved); err != nil {
				t.Fatal(err)
			}
		}, store.ErrCardPaying},
		{"completed", func(t *testing.T, s *store.Store, p *store.Purchase) {
			p.State = store.PurchaseTokenIssued
			if err := s.Advance(context.Background(), p, "token", "", store.PurchaseApproved); err != nil {
				t.Fatal(err)
			}
			if err := s.Complete(context.Background(), p); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"failed", func(t *testing.T, s *store.Store, p *store.Purchase) {
			p.State = store.PurchaseFailed
			if err := s.Advance(context.Background(), p, "failed", "", store.PurchaseApproved); err != nil {
				t.Fatal(err)
			}
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "paying@example.com")
			if _, err := s.AddPaymentMethod(ctx, store.PaymentMethod{ID: "pm_card_visa", CustomerID: c.ID, Brand: "visa", Last4: "4242", Default: true}); err != nil {
				t.Fatal(err)
			}
			p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
			if err != nil {
				t.Fatal(err)
			}
			p.PaymentMethod, p.Total, p.Currency = "pm_card_visa", 1000, "USD"
			if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
				t.Fatal(err)
			}
			tc.advance(t, s, &p)
			paying, err := s.CardPaying(ctx, c.ID, "pm_card_visa")
			if err != nil {
				t.Fatal(err)
			}
			if paying != (tc.wantErr != nil) {
				t.Errorf("CardPaying = %v", paying)
			}
			err = s.RemovePaymentMethod(ctx, c.ID, "pm_card_visa")
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("RemovePaymentMethod = %v, want %v", err, tc.wantErr)
			}
			pms, err := s.PaymentMethods(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if kept := len(pms) == 1; kept != (tc.wantErr != nil) {
				t.Errorf("%d cards on file after the removal", len(pms))
			}
		})
	}
}
