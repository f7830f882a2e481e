package seller_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

// unknownOnce is a charge outcome that is unknown (Stripe timed out) the first time a
// key is charged and a success when the same key is charged again, as Stripe replays
// a charge that went through.
func unknownOnce() func(seller.ChargeRequest) (seller.ChargeResult, error) {
	var mu sync.Mutex
	seen := map[string]bool{}
	return func(r seller.ChargeRequest) (seller.ChargeResult, error) {
		mu.Lock()
		defer mu.Unlock()
		if !seen[r.IdempotencyKey] {
			seen[r.IdempotencyKey] = true
			return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, Reason: "charge: timed out"}
		}
		return seller.ChargeResult{PaymentIntentID: "pi_replayed"}, nil
	}
}

// TestSellerStockHeldWhileChargeUnknown: A's charge of the last unit has an unknown
// outcome; the unit stays taken for A, so B cannot buy it, and A's retry replays the
// charge with the same key and gets the order.
func TestSellerStockHeldWhileChargeUnknown(t *testing.T) {
	e := newEnv(t)
	a, b := e.create(item("last", 1)), e.create(item("last", 1))
	e.pay.setFn(unknownOnce())
	_, err := e.complete(a.ID, testToken)
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.HTTPStatus != 503 {
		t.Fatalf("A's complete with an unknown outcome: %v, want 503", err)
	}
	if n := e.inv.stockOf("last"); n != 0 {
		t.Fatalf("stock %d while A's charge is unknown, want 0 (held for A)", n)
	}
	got, err := e.complete(b.ID, "spt_b")
	if err != nil || got.Status == acp.StatusCompleted || !got.HasError(acp.CodeOutOfStock) {
		t.Fatalf("B's complete: %+v, %v; want refused as out of stock", got, err)
	}
	got, err = e.complete(a.ID, testToken)
	if err != nil || got.Status != acp.StatusCompleted || got.Order == nil {
		t.Fatalf("A's retry: %+v, %v; want completed", got, err)
	}
	calls := e.pay.charges()
	if len(calls) != 2 || calls[0].IdempotencyKey != calls[1].IdempotencyKey {
		t.Errorf("charges %+v; want A's charge replayed with one key and none for B", calls)
	}
	if n := e.inv.stockOf("last"); n != 0 {
		t.Errorf("stock %d after the sale of the last unit, want 0", n)
	}
}

// TestSellerHeldStockEnds: stock held for a charge of unknown outcome is given back
// when the session ends without paying, and consumed when it pays.
func TestSellerHeldStockEnds(t *testing.T) {
	declined := func(seller.ChargeRequest) (seller.ChargeResult, error) {
		return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrDeclined, Code: "card_declined"}
	}
	// notMade: the first charge never reached Stripe and its token is revoked since;
	// another token pays.
	notMade := func(r seller.ChargeRequest) (seller.ChargeResult, error) {
		if r.Repeat {
			return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrTokenRejected, Code: "token_revoked"}
		}
		return seller.ChargeResult{PaymentIntentID: "pi_other"}, nil
	}
	tests := []struct {
		name     string
		end      func(e *env, id string)
		last     int64 // stock of "last" afterwards
		mug      int64 // stock of "mug" afterwards
		complete bool  // the session is completed
	}{
		{name: "paid on retry", end: func(e *env, id string) {
			e.complete(id, testToken)
		}, last: 0, mug: 5, complete: true},
		{name: "declined on retry", end: func(e *env, id string) {
			e.pay.setFn(declined)
			e.complete(id, testToken)
		}, last: 1, mug: 5},
		{name: "canceled", end: func(e *env, id string) {
			e.pay.setFn(notMade)
			if _, err := e.client.Cancel(context.Background(), id, acp.CancelRequest{}, e.key()); err != nil {
				e.t.Fatal(err)
			}
		}, last: 1, mug: 5},
		{name: "expired", end: func(e *env, id string) {
			e.pay.setFn(notMade)
			e.clock.Advance(seller.DefaultSessionTTL + time.Second)
			e.seller.Tick(context.Background())
		}, last: 1, mug: 5},
		{name: "update refused, then paid", end: func(e *env, id string) {
			wantUnsettled(e.t, "update of the buyer", e.update(id, acp.UpdateRequest{Buyer: &acp.Buyer{Email: "a@example.com"}}))
			e.complete(id, testToken)
		}, last: 0, mug: 5, complete: true},
		{name: "not made, then lines changed and paid", end: func(e *env, id string) {
			wantUnsettled(e.t, "update of the lines", e.update(id, acp.UpdateRequest{LineItems: []acp.Item{item("mug", 2)}}))
			e.pay.setFn(notMade)
			e.seller.Tick(context.Background()) // settles: not made
			if err := e.update(id, acp.UpdateRequest{LineItems: []acp.Item{item("mug", 2)}}); err != nil {
				e.t.Fatal(err)
			}
			e.complete(id, "spt_other")
		}, last: 1, mug: 3, complete: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := e.create(item("last", 1))
			e.pay.setFn(unknownOnce())
			if _, err := e.complete(s.ID, testToken); err == nil {
				t.Fatal("complete with an unknown outcome succeeded")
			}
			if n := e.inv.stockOf("last"); n != 0 {
				t.Fatalf("stock %d while the charge is unknown, want 0", n)
			}
			tc.end(e, s.ID)
			if n := e.inv.stockOf("last"); n != tc.last {
				t.Errorf("stock of last %d, want %d", n, tc.last)
			}
			if n := e.inv.stockOf("mug"); n != tc.mug {
				t.Errorf("stock of mug %d, want %d", n, tc.mug)
			}
			got, err := e.client.Get(context.Background(), s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if (got.Status == acp.StatusCompleted) != tc.complete {
				t.Errorf("status %s, completed want %v", got.Status, tc.complete)
			}
			// A second sweep gives nothing back twice.
			e.seller.Tick(context.Background())
			if n := e.inv.stockOf("last"); n != tc.last {
				t.Errorf("stock of last %d after another tick, want %d", n, tc.last)
			}
		})
	}
}

// TestSellerGiveBackRetried: a give-back that fails (the database busy) is tried
// again, so the unit is not lost; the log names ids and quantities, not the token.
func TestSellerGiveBackRetried(t *testing.T) {
	tests := []struct {
		name  string
		fails int
		want  int64
	}{
		{"works first time", 0, 1},
		{"fails once", 1, 1},
		{"fails twice", 2, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.inv.mu.Lock()
			e.inv.failReturns = tc.fails
			e.inv.mu.Unlock()
			s := e.create(item("last", 1))
			e.pay.setFn(func(seller.ChargeRequest) (seller.ChargeResult, error) {
				return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrDeclined, Code: "card_declined"}
			})
			if got, err := e.complete(s.ID, testToken); err != nil || got.Status == acp.StatusCompleted {
				t.Fatalf("declined complete: %+v, %v", got, err)
			}
			if n := e.inv.stockOf("last"); n != tc.want {
				t.Errorf("stock %d after a declined charge, want %d", n, tc.want)
			}
			if strings.Contains(e.logs.String(), testToken) {
				t.Error("the log holds the token")
			}
		})
	}
}

// lostReply is Stripe behind a connection that loses the reply of the first charge:
// every charge with a new key is made (counted in made), the first one's outcome is
// reported unknown, and a charge repeated with a key already used replays the charge
// made with it.
func lostReply(made *int) func(seller.ChargeRequest) (seller.ChargeResult, error) {
	var mu sync.Mutex
	keys := map[string]string{} // idempotency key → payment intent
	return func(r seller.ChargeRequest) (seller.ChargeResult, error) {
		mu.Lock()
		defer mu.Unlock()
		if pi, ok := keys[r.IdempotencyKey]; ok {
			return seller.ChargeResult{PaymentIntentID: pi}, nil
		}
		*made++
		pi := "pi_" + string(rune('0'+*made))
		keys[r.IdempotencyKey] = pi
		if *made == 1 {
			return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, Reason: "charge: timed out"}
		}
		return seller.ChargeResult{PaymentIntentID: pi}, nil
	}
}

// neverReached is Stripe that the first charge never reached (its outcome reported
// unknown); that token is revoked since, so every later charge of it is rejected,
// and another token pays.
func neverReached() func(seller.ChargeRequest) (seller.ChargeResult, error) {
	var mu sync.Mutex
	first := ""
	return func(r seller.ChargeRequest) (seller.ChargeResult, error) {
		mu.Lock()
		defer mu.Unlock()
		switch first {
		case "":
			first = r.Token
			return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, Reason: "charge: timed out"}
		case r.Token:
			return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrTokenRejected, Code: "token_revoked"}
		}
		return seller.ChargeResult{PaymentIntentID: "pi_" + r.Token}, nil
	}
}

// wantUnsettled fails t unless err is the 503 payment_unavailable, with Retry-After,
// of a request that waits for an earlier charge of unknown outcome.
func wantUnsettled(t testing.TB, what string, err error) {
	t.Helper()
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.HTTPStatus != 503 || pe.Code != acp.CodePaymentUnavailable || pe.RetryAfter <= 0 {
		t.Fatalf("%s while a charge is unknown: %v; want 503 %s with Retry-After", what, err, acp.CodePaymentUnavailable)
	}
}

// TestSellerHeldChargeFreezesSession: while a charge of unknown outcome (it never
// reached Stripe) is held, an update and a complete with another token are refused and
// change nothing: no line, no total, no charge of either token. The seller's Tick then
// settles it by repeating it — the buyer's own request, with the token and total
// sent — and, the first token paying, the session completes with the lines it had.
func TestSellerHeldChargeFreezesSession(t *testing.T) {
	e := newEnv(t)
	s := e.create(item("mug", 2))
	total, _ := s.Total(acp.TotalTotal)
	first := true
	e.pay.setFn(func(r seller.ChargeRequest) (seller.ChargeResult, error) {
		if first { // never reached Stripe; every later charge is executed
			first = false
			return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, Reason: "charge: timed out"}
		}
		return seller.ChargeResult{PaymentIntentID: "pi_" + r.Token}, nil
	})
	if _, err := e.complete(s.ID, testToken); err == nil {
		t.Fatal("complete with an unknown outcome succeeded")
	}
	wantUnsettled(t, "update of the lines", e.update(s.ID, acp.UpdateRequest{LineItems: []acp.Item{item("mug", 1)}}))
	_, err := e.complete(s.ID, "spt_other")
	wantUnsettled(t, "complete with another token", err)
	if n := len(e.pay.charges()); n != 1 {
		t.Fatalf("%d charges sent, want 1 (the first): the refused requests charge nothing", n)
	}
	e.seller.Tick(context.Background())
	got, err := e.client.Get(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	gotTotal, _ := got.Total(acp.TotalTotal)
	if got.Status != acp.StatusCompleted || got.LineItems[0].Quantity != 2 || gotTotal != total {
		t.Errorf("session %s, %d mugs, total %d; want completed, 2 mugs, %d", got.Status, got.LineItems[0].Quantity, gotTotal, total)
	}
	if paid := e.paidTokens(); len(paid) != 1 || paid[0] != testToken {
		t.Errorf("tokens charged %v, want only the first token", paid)
	}
}

// TestSellerHeldChargePastSettleWindow: a charge of unknown outcome still held a day
// after its first send (Stripe replayed a stored 500 all along) is no longer repeated —
// Stripe may have forgotten its idempotency key, so a repeat could charge twice, and
// its rejection (the token used up by the first send) would prove nothing — but looked
// up by its session over a window around its sends, closed when it is read: found, the
// session is completed; surely none, the unit is given back; the look-up failing,
// everything stays held.
func TestSellerHeldChargePastSettleWindow(t *testing.T) {
	made := func(seller.FindQuery) (seller.FindResult, error) {
		return seller.FindResult{Charge: seller.ChargeResult{PaymentIntentID: "pi_found"}, Made: true}, nil
	}
	none := func(seller.FindQuery) (seller.FindResult, error) { return seller.FindResult{}, nil }
	tests := []struct {
		name   string
		find   func(seller.FindQuery) (seller.FindResult, error)
		status acp.Status
		last   int64 // stock of "last" afterwards
	}{
		{"look-up fails", nil, acp.StatusCompleteInProgress, 0},
		{"payment found", made, acp.StatusCompleted, 0},
		{"no payment", none, acp.StatusExpired, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := e.create(item("last", 1))
			sent := e.clock.Now()
			e.pay.setFn(func(r seller.ChargeRequest) (seller.ChargeResult, error) {
				if r.Repeat { // the first send was executed and used the token up
					return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrTokenRejected, Code: "token_consumed"}
				}
				return seller.ChargeResult{}, &seller.ChargeError{Kind: seller.ErrPaymentUnavailable, HTTPStatus: 500}
			})
			var q seller.FindQuery
			e.pay.mu.Lock()
			if tc.find != nil {
				e.pay.find = func(fq seller.FindQuery) (seller.FindResult, error) {
					q = fq // Tick looks up in this goroutine
					return tc.find(fq)
				}
			}
			e.pay.mu.Unlock()
			if _, err := e.complete(s.ID, testToken); err == nil {
				t.Fatal("complete with an unknown outcome succeeded")
			}
			e.clock.Advance(24 * time.Hour)
			e.seller.Tick(context.Background())
			if tc.status == acp.StatusCompleteInProgress {
				_, err := e.client.Cancel(context.Background(), s.ID, acp.CancelRequest{}, e.key())
				wantUnsettled(t, "cancel", err)
				_, err = e.complete(s.ID, testToken)
				wantUnsettled(t, "complete with the same token", err)
			}
			if n := len(e.pay.charges()); n != 1 {
				t.Errorf("%d charges sent, want 1: none repeated after the settle window", n)
			}
			e.pay.mu.Lock()
			finds := e.pay.finds
			e.pay.mu.Unlock()
			if finds == 0 {
				t.Error("the charge was not looked up")
			}
			if now := e.clock.Now(); tc.find != nil && (q.SessionID != s.ID || q.From.After(sent) || !q.To.After(sent) || q.To.After(now)) {
				t.Errorf("looked up %+v; want session %s in a window around the send at %v, closed by now (%v)", q, s.ID, sent, now)
			}
			got, err := e.client.Get(context.Background(), s.ID)
			if err != nil || got.Status != tc.status {
				t.Errorf("session %+v, %v; want %s", got, err, tc.status)
			}
			if n := e.inv.stockOf("last"); n != tc.last {
				t.Errorf("stock %d, want %d", n, tc.last)
			}
		})
	}
}

// TestSellerUnknownChargeSettledFirst: a complete's charge went through but its reply
// was lost; whatever ends the session next — a complete with another token, a cancel,
// the expiry sweep — first settles that charge by repeating it with its own token and
// key: one charge, one order, the held unit sold. When the charge never happened, the
// session goes on as if it had been declined.
func TestSellerUnknownChargeSettledFirst(t *testing.T) {
	tests := []struct {
		name      string
		charged   bool // the first charge went through at Stripe
		end       func(e *env, id string)
		completed bool
		made      int   // charges made at Stripe in all
		last      int64 // stock of "last" afterwards
	}{
		{name: "complete with another token, then tick", charged: true, end: func(e *env, id string) {
			_, err := e.complete(id, "spt_other")
			wantUnsettled(e.t, "complete with another token", err)
			e.seller.Tick(context.Background())
		}, completed: true, made: 1, last: 0},
		{name: "cancel", charged: true, end: func(e *env, id string) {
			if _, err := e.client.Cancel(context.Background(), id, acp.CancelRequest{}, e.key()); err == nil {
				e.t.Fatal("cancel of a session whose charge went through succeeded")
			}
		}, completed: true, made: 1, last: 0},
		{name: "expiry sweep", charged: true, end: func(e *env, id string) {
			e.clock.Advance(seller.DefaultSessionTTL + time.Second)
			e.seller.Tick(context.Background())
		}, completed: true, made: 1, last: 0},
		{name: "never charged, complete with another token", end: func(e *env, id string) {
			_, err := e.complete(id, "spt_other")
			wantUnsettled(e.t, "complete with another token", err)
			e.seller.Tick(context.Background()) // the first token is revoked: not made
			got, err := e.complete(id, "spt_other")
			if err != nil || got.Status != acp.StatusCompleted {
				e.t.Fatalf("complete with another token: %+v, %v; want completed", got, err)
			}
			if paid := e.paidTokens(); len(paid) != 1 || paid[0] != "spt_other" {
				e.t.Errorf("tokens charged %v, want only spt_other", paid)
			}
		}, completed: true, last: 0},
		{name: "never charged, cancel", end: func(e *env, id string) {
			if _, err := e.client.Cancel(context.Background(), id, acp.CancelRequest{}, e.key()); err != nil {
				e.t.Fatal(err)
			}
		}, last: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := e.create(item("last", 1))
			made := 0
			if tc.charged {
				e.pay.setFn(lostReply(&made))
			} else {
				e.pay.setFn(neverReached())
			}
			if _, err := e.complete(s.ID, testToken); err == nil {
				t.Fatal("complete with an unknown outcome succeeded")
			}
			if got, err := e.client.Get(context.Background(), s.ID); err != nil || got.Status != acp.StatusCompleteInProgress {
				t.Fatalf("session with a charge of unknown outcome: %+v, %v; want complete_in_progress", got, err)
			}
			tc.end(e, s.ID)
			got, err := e.client.Get(context.Background(), s.ID)
			if err != nil {
				t.Fatal(err)
			}
			if (got.Status == acp.StatusCompleted) != tc.completed {
				t.Errorf("status %s, completed want %v", got.Status, tc.completed)
			}
			if made != tc.made {
				t.Errorf("%d charges made at Stripe, want %d", made, tc.made)
			}
			if n := e.inv.stockOf("last"); n != tc.last {
				t.Errorf("stock of last %d, want %d", n, tc.last)
			}
			e.seller.Tick(context.Background())
			if n := e.inv.stockOf("last"); n != tc.last {
				t.Errorf("stock of last %d after another tick, want %d", n, tc.last)
			}
		})
	}
}

// TestSellerSettleRaces: a complete with another token, a cancel and the sweep race
// for a session whose charge went through unseen: it is settled once — one charge,
// the session completed, the cancel refused, the unit sold.
func TestSellerSettleRaces(t *testing.T) {
	for i := range 5 {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			e := newEnv(t)
			s := e.create(item("last", 1))
			made := 0
			e.pay.setFn(lostReply(&made))
			if _, err := e.complete(s.ID, testToken); err == nil {
				t.Fatal("complete with an unknown outcome succeeded")
			}
			var wg sync.WaitGroup
			var cancelErr error
			wg.Go(func() { e.complete(s.ID, "spt_other") })
			wg.Go(func() { _, cancelErr = e.client.Cancel(context.Background(), s.ID, acp.CancelRequest{}, e.key()) })
			wg.Go(func() { e.seller.Tick(context.Background()) })
			wg.Wait()
			got, err := e.client.Get(context.Background(), s.ID)
			if err != nil || got.Status != acp.StatusCompleted {
				t.Fatalf("session %+v, %v; want completed", got, err)
			}
			if cancelErr == nil {
				t.Error("the cancel of a paid session succeeded")
			}
			if made != 1 {
				t.Errorf("%d charges made, want 1", made)
			}
			if n := e.inv.stockOf("last"); n != 0 {
				t.Errorf("stock %d, want 0", n)
			}
		})
	}
}
