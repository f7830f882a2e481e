package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// purchaseIn returns a new purchase of the customer moved to state (token_issued,
// charged_no_order, completed or failed), with its order.
func purchaseIn(t testing.TB, s *store.Store, customerID string, state store.PurchaseState) store.Purchase {
	t.Helper()
	ctx := context.Background()
	p, _, err := s.BeginPurchase(ctx, store.Purchase{CustomerID: customerID, IdemKey: store.NewID("k_"), ProductID: "p", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	p.Title, p.UnitAmount, p.Subtotal, p.Total, p.Currency = "p title", 1000, 1000, 1000, "USD"
	if err := s.Approve(ctx, &p, store.PurchaseOpen); err != nil {
		t.Fatal(err)
	}
	if state == store.PurchaseFailed {
		p.State = store.PurchaseFailed
		if err := s.Advance(ctx, &p, "failed", "", store.PurchaseApproved); err != nil {
			t.Fatal(err)
		}
		return p
	}
	p.State = store.PurchaseTokenIssued
	if err := s.Advance(ctx, &p, "token_issued", "", store.PurchaseApproved); err != nil {
		t.Fatal(err)
	}
	switch state {
	case store.PurchaseCompleted:
		if err := s.Complete(ctx, &p); err != nil {
			t.Fatal(err)
		}
	case store.PurchaseChargedNoOrder:
		p.State, p.Charged, p.FailureCode, p.FailureParams = store.PurchaseChargedNoOrder, true, "charged_no_order", `{}`
		if err := s.Advance(ctx, &p, "charged_no_order", "", store.PurchaseTokenIssued); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// WithdrawDeadAsks withdraws the asks nobody will: those a lapsed confirmation
// carries; those of a claim gone stale on a purchase that ended charged_no_order;
// those named for no cancellation on a purchase still charged_no_order, once as old
// as a stale claim. It keeps a waiting confirmation's, a claim kept fresh, a
// completed purchase's (true) and a failed one's, a stale claim's on a pending
// purchase (its seller was not asked yet: wait), and a recent unnamed one (its call
// may be re-asking the seller).
func TestWithdrawDeadAsks(t *testing.T) {
	const stale = 2 * time.Minute
	for _, tc := range []struct {
		name  string
		state store.PurchaseState
		// make records the ask (and the request it is made under) at the start;
		// then the clock moves on by later (with touch, the claim is kept fresh
		// just before WithdrawDeadAsks runs).
		make  string // "quote", "claim", "unnamed", "legacy"
		later time.Duration
		touch bool
		want  int
	}{
		{name: "lapsed quote", state: store.PurchaseCompleted, make: "quote", later: 11 * time.Minute, want: 1},
		{name: "waiting quote", state: store.PurchaseCompleted, make: "quote", later: 9 * time.Minute},
		// Lapsed before the window recovery looks at (a day here): settled by the
		// runs since, never looked at again.
		{name: "quote lapsed before the window", state: store.PurchaseCompleted, make: "quote", later: 25 * time.Hour},
		// Was withdrawn before askfix: the seller was never asked, and may complete it.
		{name: "stale claim, pending purchase", state: store.PurchaseTokenIssued, make: "claim", later: 3 * time.Minute},
		{name: "stale claim, charged_no_order purchase", state: store.PurchaseChargedNoOrder, make: "claim", later: 3 * time.Minute, want: 1},
		{name: "stale claim, completed purchase", state: store.PurchaseCompleted, make: "claim", later: 3 * time.Minute},
		{name: "stale claim, failed purchase", state: store.PurchaseFailed, make: "claim", later: 3 * time.Minute},
		{name: "fresh claim", state: store.PurchaseChargedNoOrder, make: "claim", later: time.Minute},
		{name: "claim kept fresh", state: store.PurchaseChargedNoOrder, make: "claim", later: 3 * time.Minute, touch: true},
		{name: "old unnamed ask, charged_no_order", state: store.PurchaseChargedNoOrder, make: "unnamed", later: 3 * time.Minute, want: 1},
		{name: "old unnamed ask from before names, charged_no_order", state: store.PurchaseChargedNoOrder, make: "legacy", later: 3 * time.Minute, want: 1},
		{name: "recent unnamed ask, charged_no_order", state: store.PurchaseChargedNoOrder, make: "unnamed", later: time.Minute},
		{name: "old unnamed ask, completed", state: store.PurchaseCompleted, make: "unnamed", later: 3 * time.Minute},
		{name: "old unnamed ask, pending", state: store.PurchaseTokenIssued, make: "unnamed", later: 3 * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, clock := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "a@example.com")
			p := purchaseIn(t, s, c.ID, tc.state)
			var claim store.Cancellation
			switch tc.make {
			case "quote":
				ask, err := s.AskCancel(ctx, p.ID, "")
				if err != nil {
					t.Fatal(err)
				}
				q, quoted, err := s.QuoteCancellation(ctx, store.Cancellation{OrderID: p.OrderID, CustomerID: c.ID,
					ExpiresAt: clock.Now().Add(10 * time.Minute), Ask: ask})
				if err != nil || !quoted || !strings.HasPrefix(q.Ask, "ask_"+q.ID+"_") {
					t.Fatalf("quote = %+v, %v, %v; want its ask named for it", q, quoted, err)
				}
			case "claim":
				var err error
				if claim, err = s.ClaimCancellation(ctx, c.ID, p.OrderID, "", clock.Now().Add(-stale)); err != nil {
					t.Fatal(err)
				}
				if _, err := s.AskCancel(ctx, p.ID, claim.ID); err != nil {
					t.Fatal(err)
				}
			case "unnamed":
				if _, err := s.AskCancel(ctx, p.ID, ""); err != nil {
					t.Fatal(err)
				}
			case "legacy":
				if err := s.Journal(ctx, p.ID, store.StepCancelAsked, ""); err != nil {
					t.Fatal(err)
				}
			}
			if stands, err := s.CancelAsked(ctx, p.ID); err != nil || !stands {
				t.Fatalf("ask stands %v, %v; want it standing", stands, err)
			}
			clock.Advance(tc.later)
			if tc.touch {
				if err := s.TouchCancellation(ctx, p.OrderID, claim.ID); err != nil {
					t.Fatal(err)
				}
			}
			n, err := s.WithdrawDeadAsks(ctx, clock.Now().Add(-stale), clock.Now().Add(-24*time.Hour))
			if err != nil || n != tc.want {
				t.Fatalf("WithdrawDeadAsks = %d, %v; want %d", n, err, tc.want)
			}
			if stands, err := s.CancelAsked(ctx, p.ID); err != nil || stands != (tc.want == 0) {
				t.Errorf("ask stands %v, %v; want %v", stands, err, tc.want == 0)
			}
			if n, err := s.WithdrawDeadAsks(ctx, clock.Now().Add(-stale), clock.Now().Add(-24*time.Hour)); err != nil || n != 0 {
				t.Errorf("WithdrawDeadAsks again = %d, %v; want nothing more", n, err)
			}
		})
	}
}

// A quote carries the ask of the call that made it, renamed for the quote (one ask
// standing throughout); a call meeting the quote lapsed withdraws the asks it
// carries at once: confirming it (refused, ErrExpired, as before), quoting anew
// (the lapsed quote replaced), or claiming with no confirmation (the threshold raised
// since: a new request claimed; before askfix, ErrStateChanged and the lapsed quote
// returned, every time).
func TestLapsedQuoteWithdrawsItsAsk(t *testing.T) {
	for _, meet := range []string{"confirm", "quote again", "claim with no confirmation"} {
		t.Run(meet, func(t *testing.T) {
			s, clock := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "a@example.com")
			p := purchaseIn(t, s, c.ID, store.PurchaseCompleted)
			ask, err := s.AskCancel(ctx, p.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			q, _, err := s.QuoteCancellation(ctx, store.Cancellation{OrderID: p.OrderID, CustomerID: c.ID,
				ExpiresAt: clock.Now().Add(10 * time.Minute), Ask: ask})
			if err != nil {
				t.Fatal(err)
			}
			if stands, err := s.CancelAsked(ctx, p.ID); err != nil || !stands {
				t.Fatalf("ask stands %v, %v; want the quote's", stands, err)
			}
			clock.Advance(11 * time.Minute)
			switch meet {
			case "confirm":
				_, err := s.ClaimCancellation(ctx, c.ID, p.OrderID, q.ID, clock.Now().Add(-2*time.Minute))
				wantErr(t, err, store.ErrExpired)
			case "quote again":
				again, quoted, err := s.QuoteCancellation(ctx, store.Cancellation{OrderID: p.OrderID, CustomerID: c.ID,
					ExpiresAt: clock.Now().Add(10 * time.Minute)})
				if err != nil || !quoted || again.ID == q.ID || again.Ask != "" {
					t.Fatalf("quote again = %+v, %v, %v; want a new quote carrying no ask", again, quoted, err)
				}
			case "claim with no confirmation":
				claimed, err := s.ClaimCancellation(ctx, c.ID, p.OrderID, "", clock.Now().Add(-2*time.Minute))
				if err != nil || claimed.State != store.CancelRequested || claimed.ID == q.ID {
					t.Fatalf("claim = %+v, %v; want a new request, claimed", claimed, err)
				}
				if now, err := s.Cancellation(ctx, c.ID, p.OrderID); err != nil || now.ID != claimed.ID || now.State != store.CancelRequested || !now.ExpiresAt.IsZero() {
					t.Fatalf("stored request = %+v, %v; want the claimed one", now, err)
				}
				_, err = s.ClaimCancellation(ctx, c.ID, p.OrderID, q.ID, clock.Now().Add(-2*time.Minute))
				wantErr(t, err, store.ErrNotFound)
			}
			if stands, err := s.CancelAsked(ctx, p.ID); err != nil || stands {
				t.Errorf("ask stands %v, %v; want withdrawn", stands, err)
			}
		})
	}
}

// BenchmarkWithdrawDeadAsksIdle is recovery's per-run cost of looking for dead asks
// when there are none, over a store holding n requests to cancel (done, each with a
// withdrawn ask): order_cancellations is scanned, everything else is looked up by key.
func BenchmarkWithdrawDeadAsksIdle(b *testing.B) {
	for _, bc := range []struct {
		n int
		// lapsedAgo: how long before the run the quotes lapsed; the window of
		// lapsed quotes looked at is a week.
		lapsedAgo time.Duration
	}{{100, time.Hour}, {2000, time.Hour}, {2000, 8 * 24 * time.Hour}} {
		n := bc.n
		b.Run(fmt.Sprintf("%d/lapsed_%s_ago", n, bc.lapsedAgo), func(b *testing.B) {
			s := testshop.Store(b, "")
			clock := clocktest.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
			s.Now = clock.Now
			ctx := context.Background()
			c, err := s.CreateCustomer(ctx, store.Customer{Email: "a@example.com"})
			if err != nil {
				b.Fatal(err)
			}
			for range n {
				p := purchaseIn(b, s, c.ID, store.PurchaseCompleted)
				ask, _ := s.AskCancel(ctx, p.ID, "")
				q, _, err := s.QuoteCancellation(ctx, store.Cancellation{OrderID: p.OrderID, CustomerID: c.ID,
					ExpiresAt: clock.Now().Add(time.Minute), Ask: ask})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.WithdrawCancelAsk(ctx, p.ID, q.Ask, false); err != nil {
					b.Fatal(err)
				}
			}
			clock.Advance(bc.lapsedAgo)
			b.ResetTimer()
			for range b.N {
				if n, err := s.WithdrawDeadAsks(ctx, clock.Now().Add(-2*time.Minute), clock.Now().Add(-7*24*time.Hour)); err != nil || n != 0 {
					b.Fatal(n, err)
				}
			}
		})
	}
}
