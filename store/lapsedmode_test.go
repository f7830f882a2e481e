package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// LapsedQuotes reads one mode's quotes: however many lapsed quotes another mode left,
// older than this mode's, they do not fill this mode's batch (limit).
func TestLapsedQuotesOfOneMode(t *testing.T) {
	s, clock := openTestStore(t)
	ctx := context.Background()
	now := clock.Now()
	const limit = 2
	// limit+1 quotes of each kind in sandbox mode lapse first, then one in test mode.
	modes := []string{store.ModeSandbox, store.ModeSandbox, store.ModeSandbox, store.ModeTest}
	var wantPurchase, wantCheckout string
	for i, mode := range modes {
		expires := now.Add(time.Duration(i-len(modes)) * time.Minute)
		c := mustCreateCustomer(t, s, fmt.Sprintf("c%d@example.com", i))
		p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "key", ProductID: "p1", Quantity: 1, Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		p.QuoteID, p.State, p.ExpiresAt = fmt.Sprint("quo_", i), store.PurchaseQuoted, expires
		if err := s.Advance(ctx, &p, "quoted", "", store.PurchaseOpen); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ChangeCart(ctx, c.ID, store.CartChange{ProductID: "p2", SellerID: "s1", Quantity: 1, Add: true}); err != nil {
			t.Fatal(err)
		}
		co, _, _, err := s.BeginCheckout(ctx, store.Checkout{CustomerID: c.ID, IdemKey: "cart-key", Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		co.QuoteID, co.ExpiresAt = fmt.Sprint("cqu_", i), expires
		if err := s.QuoteCheckout(ctx, &co, nil); err != nil {
			t.Fatal(err)
		}
		wantPurchase, wantCheckout = p.ID, co.ID
	}
	for _, tc := range []struct {
		name      string
		mode      string
		purchases int
		checkouts int
	}{
		{name: "test mode, behind limit+1 lapsed sandbox quotes", mode: store.ModeTest, purchases: 1, checkouts: 1},
		{name: "sandbox mode", mode: store.ModeSandbox, purchases: limit, checkouts: limit},
		{name: "live mode, none", mode: store.ModeLive},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, cs, err := s.LapsedQuotes(ctx, tc.mode, now.Add(-time.Hour), now, limit)
			if err != nil || len(ps) != tc.purchases || len(cs) != tc.checkouts {
				t.Fatalf("%d purchases, %d checkouts, %v; want %d, %d", len(ps), len(cs), err, tc.purchases, tc.checkouts)
			}
			for _, p := range ps {
				if p.Mode != tc.mode {
					t.Errorf("purchase %s of mode %s", p.ID, p.Mode)
				}
			}
			for _, c := range cs {
				if c.Mode != tc.mode {
					t.Errorf("checkout %s of mode %s", c.ID, c.Mode)
				}
			}
			if tc.mode == store.ModeTest && (ps[0].ID != wantPurchase || cs[0].ID != wantCheckout) {
				t.Errorf("got %s, %s; want the test-mode quotes %s, %s", ps[0].ID, cs[0].ID, wantPurchase, wantCheckout)
			}
		})
	}
}
