package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Whether the person's ask to cancel stands is read from the journal: an ask stands
// until a withdrawal of that same ask follows it; another ask, made before or after,
// is not undone by it. Journals from before asks were named (empty details) keep
// their meaning: the last of the two steps counts.
func TestCancelAskStands(t *testing.T) {
	type line struct{ step, detail string }
	asked := func(d string) line { return line{store.StepCancelAsked, d} }
	withdrawn := func(d string) line { return line{store.StepCancelWithdrawn, d} }
	for _, tc := range []struct {
		name  string
		lines []line
		want  bool
	}{
		{"none", nil, false},
		{"asked", []line{asked("ask_a")}, true},
		{"asked, withdrawn", []line{asked("ask_a"), withdrawn("ask_a")}, false},
		{"two asks, the first withdrawn after the second", []line{asked("ask_b"), asked("ask_a"), withdrawn("ask_a")}, true},
		{"two asks, the second withdrawn", []line{asked("ask_a"), asked("ask_b"), withdrawn("ask_b")}, true},
		{"two asks, both withdrawn", []line{asked("ask_a"), asked("ask_b"), withdrawn("ask_b"), withdrawn("ask_a")}, false},
		{"a withdrawal of another ask", []line{asked("ask_a"), withdrawn("ask_z")}, true},
		{"a withdrawal before its ask", []line{withdrawn("ask_a"), asked("ask_a")}, true},
		{"old journal: asked", []line{asked("")}, true},
		{"old journal: asked, withdrawn", []line{asked(""), withdrawn("")}, false},
		{"old journal: withdrawn, asked again", []line{asked(""), withdrawn(""), asked("")}, true},
		{"old journal: two asks, one withdrawal", []line{asked(""), asked(""), withdrawn("")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			ctx := context.Background()
			c := mustCreateCustomer(t, s, "a@example.com")
			p := beginPurchase(t, s, c.ID)
			for _, l := range tc.lines {
				if err := s.Journal(ctx, p.ID, l.step, l.detail); err != nil {
					t.Fatal(err)
				}
			}
			if got, err := s.CancelAsked(ctx, p.ID); err != nil || got != tc.want {
				t.Errorf("CancelAsked = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// WithdrawCancelAsk withdraws the ask it names; asked to keep it once the purchase
// completed (its seller showed the order), it does, checked with the withdrawal.
func TestWithdrawCancelAsk(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	open := beginPurchase(t, s, c.ID)
	orderID := completeOrder(t, s, c.ID, "p2", "", "", false)
	o, err := s.Order(ctx, c.ID, orderID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name            string
		purchase        string
		keepIfCompleted bool
		want            bool // withdrawn
	}{
		{"pending purchase", open.ID, true, true},
		{"completed purchase, kept", o.PurchaseID, true, false},
		{"completed purchase, declined", o.PurchaseID, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ask, err := s.AskCancel(ctx, tc.purchase, "")
			if err != nil || ask == "" {
				t.Fatalf("AskCancel = %q, %v", ask, err)
			}
			got, err := s.WithdrawCancelAsk(ctx, tc.purchase, ask, tc.keepIfCompleted)
			if err != nil || got != tc.want {
				t.Errorf("WithdrawCancelAsk = %v, %v; want %v", got, err, tc.want)
			}
			if stands, err := s.CancelAsked(ctx, tc.purchase); err != nil || stands != !tc.want {
				t.Errorf("ask stands = %v, %v; want %v", stands, err, !tc.want)
			}
			// Clean up for the next case: this ask withdrawn in any case.
			if _, err := s.WithdrawCancelAsk(ctx, tc.purchase, ask, false); err != nil {
				t.Fatal(err)
			}
		})
	}
	if got, err := s.WithdrawCancelAsk(ctx, open.ID, "", false); err != nil || got {
		t.Errorf("withdrawing no ask = %v, %v; want nothing done", got, err)
	}
}

// WithdrawCancelAsks withdraws every standing ask made under one cancellation (an
// earlier attempt's too), in one transaction, and no other: not the asks of another
// cancellation (one whose id begins with this one's included), not those named for
// none, not one withdrawn already (withdrawn once). Once the purchase completed it
// keeps them when asked to.
func TestWithdrawCancelAsks(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name            string
		completed       bool
		keepIfCompleted bool
		want            bool // withdrawn
	}{
		{"pending purchase", false, true, true},
		{"completed purchase, kept", true, true, false},
		{"completed purchase, not kept", true, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTestStore(t)
			c := mustCreateCustomer(t, s, "a@example.com")
			purchase := ""
			if tc.completed {
				o, err := s.Order(ctx, c.ID, completeOrder(t, s, c.ID, "p2", "", "", false))
				if err != nil {
					t.Fatal(err)
				}
				purchase = o.PurchaseID
			} else {
				p := beginPurchase(t, s, c.ID)
				purchase = p.ID
			}
			ask := func(cancellation string) string {
				a, err := s.AskCancel(ctx, purchase, cancellation)
				if err != nil {
					t.Fatal(err)
				}
				return a
			}
			died, withdrawnBefore, last := ask("ocx_a"), ask("ocx_a"), ask("ocx_a")
			other, longer, plain := ask("ocx_b"), ask("ocx_ab"), ask("")
			if _, err := s.WithdrawCancelAsk(ctx, purchase, withdrawnBefore, false); err != nil {
				t.Fatal(err)
			}
			got, err := s.WithdrawCancelAsks(ctx, purchase, "ocx_a", tc.keepIfCompleted)
			if err != nil || got != tc.want {
				t.Fatalf("WithdrawCancelAsks = %v, %v; want %v", got, err, tc.want)
			}
			events, err := s.Events(ctx, purchase)
			if err != nil {
				t.Fatal(err)
			}
			withdrawals := map[string]int{}
			for _, ev := range events {
				if ev.Step == store.StepCancelWithdrawn {
					withdrawals[ev.Detail]++
				}
			}
			want := map[string]int{withdrawnBefore: 1}
			if tc.want {
				want[died], want[last] = 1, 1
			}
			for _, a := range []string{died, withdrawnBefore, last, other, longer, plain} {
				if withdrawals[a] != want[a] {
					t.Errorf("ask %s withdrawn %d times, want %d (journal %+v)", a, withdrawals[a], want[a], events)
				}
			}
			if stands, err := s.CancelAsked(ctx, purchase); err != nil || !stands {
				t.Errorf("ask stands = %v, %v; want the other asks standing", stands, err)
			}
		})
	}
	s, _ := openTestStore(t)
	if _, err := s.WithdrawCancelAsks(ctx, "pur_x", "", false); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("withdrawing the asks of no cancellation = %v; want ErrInvalid", err)
	}
}

// JournalOncePerDetail journals a step once per detail: the same reading again adds
// nothing, a different one is journaled.
func TestJournalOncePerDetail(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	p := beginPurchase(t, s, c.ID)
	for i, tc := range []struct {
		detail string
		want   bool
	}{{"2900 USD", true}, {"2900 USD", false}, {"3100 USD", true}, {"2900 USD", false}, {"3100 USD", false}} {
		if first, err := s.JournalOncePerDetail(ctx, p.ID, "token_captured", tc.detail); err != nil || first != tc.want {
			t.Errorf("reading %d (%s): journaled = %v, %v; want %v", i, tc.detail, first, err, tc.want)
		}
	}
	if first, err := s.JournalOnce(ctx, p.ID, "token_captured", "4000 USD"); err != nil || first {
		t.Errorf("JournalOnce with the step journaled = %v, %v; want nothing journaled", first, err)
	}
}

// Processes racing to journal the same once-only step (each with its own store
// handle on the one file) journal it once, and exactly one is told it did.
func TestJournalOnceAcrossHandles(t *testing.T) {
	path := testshop.Path(t)
	s := testshop.Store(t, path)
	ctx := context.Background()
	c := mustCreateCustomer(t, s, "a@example.com")
	p := beginPurchase(t, s, c.ID)
	const handles = 8
	stores := make([]*store.Store, handles)
	for i := range stores {
		stores[i] = testshop.Store(t, path)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first int
	)
	start := make(chan struct{})
	for _, st := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ok, err := st.JournalOnce(ctx, p.ID, "token_held", "100 USD until unknown")
			if err != nil {
				t.Errorf("JournalOnce: %v", err)
			}
			if ok {
				mu.Lock()
				first++
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	events, err := s.Events(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range events {
		if ev.Step == "token_held" {
			n++
		}
	}
	if n != 1 || first != 1 {
		t.Errorf("token_held journaled %d times, %d told they did; want 1, 1", n, first)
	}
}

// beginPurchase begins one purchase of product "p" under key "k" for the customer.
func beginPurchase(t *testing.T, s *store.Store, customerID string) store.Purchase {
	t.Helper()
	p, _, err := s.BeginPurchase(context.Background(), store.Purchase{CustomerID: customerID, IdemKey: "k", ProductID: "p", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
