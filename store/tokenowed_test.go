package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestUnfinishedListsTokenOwed: a purchase failed from approved after StepTokenOwed
// was journaled stays listed by Unfinished (for recovery to settle the token its call
// may have been issued) until StepTokenSettled is journaled or the token's expiry
// passes; one failed without it, or once it names a token, is not listed.
func TestUnfinishedListsTokenOwed(t *testing.T) {
	tests := []struct {
		name          string
		owed, settled bool
		token         string
		after         time.Duration // the clock moves on this much before listing
		mode          string        // the listing server's; default sandbox
		want          bool
	}{
		{name: "owed", owed: true, want: true},
		{name: "owed, settled", owed: true, settled: true},
		{name: "owed, the token expired", owed: true, after: 16 * time.Minute},
		{name: "owed, but it names a token", owed: true, token: "spt_x"},
		{name: "not owed"},
		{name: "owed, listed by a server of another mode", owed: true, mode: "test"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clock := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "owed@example.com")
			p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: c.ID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
			if err != nil {
				t.Fatal(err)
			}
			p.Total, p.Currency, p.TokenExpiresAt = 1500, "USD", clock.Now().Add(15*time.Minute)
			if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
				t.Fatal(err)
			}
			if tt.owed {
				if err := s.Journal(ctx, p.ID, store.StepTokenOwed, "cancel"); err != nil {
					t.Fatal(err)
				}
			}
			p.State, p.TokenID, p.FailureCode = store.PurchaseFailed, tt.token, "canceled_by_person"
			if err := s.Advance(ctx, &p, "canceled_by_person", "", store.PurchaseApproved); err != nil {
				t.Fatal(err)
			}
			if tt.settled {
				if err := s.Journal(ctx, p.ID, store.StepTokenSettled, "revoked"); err != nil {
					t.Fatal(err)
				}
			}
			clock.Advance(tt.after)
			mode := tt.mode
			if mode == "" {
				mode = "sandbox"
			}
			// The unfinished ones' bound (before) is long ago, as with a large
			// --recover-after: the owed one is listed by its own bound.
			un, err := s.Unfinished(ctx, clock.Now().Add(-time.Hour), clock.Now(), mode)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(un) == 1 && un[0].ID == p.ID && un[0].State == store.PurchaseFailed; got != tt.want || len(un) > 1 {
				t.Errorf("unfinished %+v; want it listed: %v", un, tt.want)
			}
			if un, err := s.Unfinished(ctx, clock.Now(), clock.Now().Add(-time.Minute), mode); err != nil || len(un) != 0 {
				t.Errorf("unfinished before its last update: %+v, %v; want none", un, err)
			}
		})
	}
}
