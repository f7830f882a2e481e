package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestSpent checks what counts against the rolling daily limit: pending and completed
// orders in the currency within the window, not failed ones, older ones, or other
// currencies; and that Approve refuses what would go over it.
func TestSpent(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "spender@example.com")
	completeOrder(t, s, c.ID, "old", "", "", false) // 10.00 USD, leaves the window
	clock.Advance(23 * time.Hour)
	completeOrder(t, s, c.ID, "done", "", "", false) // 10.00 USD
	completeOrder(t, s, c.ID, "failed", "", "", true)
	clock.Advance(time.Hour + time.Second)
	spent, err := s.Spent(ctx, c.ID, "USD", 24*time.Hour)
	if err != nil || spent != 1000 {
		t.Fatalf("Spent USD = %d, %v; want 1000", spent, err)
	}
	if spent, err := s.Spent(ctx, c.ID, "EUR", 24*time.Hour); err != nil || spent != 0 {
		t.Errorf("Spent EUR = %d, %v; want 0", spent, err)
	}

	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.Total, p.Currency = 1001, "USD"
	var lim *store.LimitError
	if err := s.Approve(ctx, &p, store.PurchaseOpen, store.Limit{Max: 2000, Window: 24 * time.Hour}); !errors.As(err, &lim) || lim.Spent != 1000 {
		t.Fatalf("Approve over the limit: %v, want a LimitError with 1000 spent", err)
	}
	p.Total = 1000
	if err := s.Approve(ctx, &p, store.PurchaseOpen, store.Limit{Max: 2000, Window: 24 * time.Hour}); err != nil {
		t.Fatalf("Approve up to the limit: %v", err)
	}
	if spent, err := s.Spent(ctx, c.ID, "USD", 24*time.Hour); err != nil || spent != 2000 {
		t.Errorf("Spent with a pending order = %d, %v; want 2000", spent, err)
	}
	// A second approval of the same purchase lost the race: it learns that, not that
	// the limit (now full of its own order) refuses it.
	again := p
	again.State = store.PurchaseOpen
	if err := s.Approve(ctx, &again, store.PurchaseOpen, store.Limit{Max: 2000, Window: 24 * time.Hour}); !errors.Is(err, store.ErrStateChanged) {
		t.Errorf("Approve of an approved purchase: %v, want ErrStateChanged", err)
	}
}

// TestSpentCountsChargedNoOrder: a purchase that ends charged_no_order (Stripe shows
// its token charged, its seller has no order) makes its order charged_no_order, which
// counts against the limits as money spent; the purchase is terminal, not left for
// recovery, and the operator can list such orders.
func TestSpentCountsChargedNoOrder(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "charged@example.com")
	completeOrder(t, s, c.ID, "failed", "", "", true) // 10.00 USD, failed: not spent
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.Total, p.Currency = 1500, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	p.State, p.TokenID = store.PurchaseTokenIssued, "spt_x"
	if err := s.Advance(ctx, &p, "token_issued", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	p.State, p.Charged, p.FailureCode, p.FailureParams = store.PurchaseChargedNoOrder, true, "charged_no_order", `{"amount":1500,"currency":"USD"}`
	if err := s.Advance(ctx, &p, "charged_no_order", "", store.PurchaseTokenIssued); err != nil {
		t.Fatal(err)
	}
	o, err := s.Order(ctx, c.ID, p.OrderID)
	if err != nil || o.Status != store.OrderChargedNoOrder || o.FailureCode != "charged_no_order" || o.FailureParams != p.FailureParams {
		t.Fatalf("order %+v, %v; want charged_no_order with the purchase's code and parameters", o, err)
	}
	if spent, err := s.Spent(ctx, c.ID, "USD", store.DailyWindow); err != nil || spent != 1500 {
		t.Errorf("Spent = %d, %v; want the charged 1500", spent, err)
	}
	if un, err := s.Unfinished(ctx, time.Now().Add(time.Hour), time.Now().Add(time.Hour), "sandbox"); err != nil || len(un) != 0 || !store.Terminal(p.State) {
		t.Errorf("unfinished %v, %v; want none (charged_no_order is final)", un, err)
	}
	listed, _, err := s.ListOrders(ctx, store.OrderFilter{Status: store.OrderChargedNoOrder})
	if err != nil || len(listed) != 1 || listed[0].ID != o.ID {
		t.Errorf("ListOrders(charged_no_order) = %+v, %v; want %s", listed, err, o.ID)
	}
	var fe *store.FieldError
	if _, _, err := s.ListOrders(ctx, store.OrderFilter{Status: "charged"}); !errors.As(err, &fe) || len(fe.OneOf) != len(store.OrderStatuses) {
		t.Errorf("ListOrders(charged) = %v; want a FieldError naming every status", err)
	}
}

// TestSpentLessRefunds checks that what a seller refunded stops counting against the
// daily and the monthly limit (rolling 24 hours and 30 days), that a refund reported
// above an order's total takes off no more than that order, and that the refund of an
// order older than a window changes nothing in it.
func TestSpentLessRefunds(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "refunded@example.com")
	old := completeOrder(t, s, c.ID, "old", "", "", false) // 10.00 USD, 31 days ago: in neither window
	clock.Advance(21 * 24 * time.Hour)
	earlier := completeOrder(t, s, c.ID, "earlier", "", "", false) // 10.00 USD, 10 days ago: in the month only
	clock.Advance(10 * 24 * time.Hour)
	partly := completeOrder(t, s, c.ID, "partly", "", "", false) // 10.00 USD
	fully := completeOrder(t, s, c.ID, "fully", "", "", false)   // 10.00 USD
	completeOrder(t, s, c.ID, "kept", "", "", false)             // 10.00 USD
	for _, tc := range []struct {
		name           string
		order          string
		refunded       int64
		daily, monthly int64
	}{
		{"nothing refunded", "", 0, 3000, 4000},
		{"part of one order", partly, 400, 2600, 3600},
		{"a refund above the order's total", fully, 5000, 1600, 2600},
		{"a smaller refund reported later changes nothing", partly, 100, 1600, 2600},
		{"an order of 10 days ago, in the month only", earlier, 1000, 1600, 1600},
		{"an order older than the month", old, 1000, 1600, 1600},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.order != "" {
				if _, _, err := s.UpdateOrder(ctx, tc.order, store.OrderUpdate{Status: store.SellerRefunded, Refunded: tc.refunded, Source: store.SourceSeller}); err != nil {
					t.Fatal(err)
				}
			}
			for _, w := range []struct {
				window time.Duration
				want   int64
			}{{store.DailyWindow, tc.daily}, {store.MonthlyWindow, tc.monthly}} {
				if spent, err := s.Spent(ctx, c.ID, "USD", w.window); err != nil || spent != w.want {
					t.Errorf("Spent over %v = %d, %v; want %d", w.window, spent, err, w.want)
				}
			}
		})
	}
}

func TestPurchasePrintsNoToken(t *testing.T) {
	p := store.Purchase{ID: "pur_1", State: store.PurchaseTokenIssued, TokenID: "spt_secret"}
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%+v", p), fmt.Sprintf("%#v", p), fmt.Sprintf("%v", &p)} {
		if strings.Contains(s, "spt_") {
			t.Errorf("printed purchase %q shows the token", s)
		}
	}
}
