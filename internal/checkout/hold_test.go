package checkout_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A seller that authorizes on the token (a hold on the card, captured later) and then
// has no order to show leaves Stripe showing the token used ("consumed") with nothing
// captured: the purchase is never "nothing charged" then. It stays pending, worded as
// a hold, until Stripe shows the hold captured (charged_no_order) or until any hold
// has lapsed (failed, Stripe showing nothing charged). A token that was revoked or
// expired unused fails as before.
func TestAuthorizationHold(t *testing.T) {
	const month = 31 * 24 * time.Hour
	tests := []struct {
		name string
		// then is what the seller does with its hold once the purchase is pending
		// (capture, release or nothing), and how long after it recovery looks.
		then  string
		after time.Duration
		want  checkout.RecoverReport
		end   store.OrderStatus
	}{
		{name: "hold then capture", then: "capture", after: 11 * time.Minute, want: checkout.RecoverReport{ChargedNoOrder: 1}, end: store.OrderChargedNoOrder},
		{name: "hold then capture days later", then: "capture", after: 6 * 24 * time.Hour, want: checkout.RecoverReport{ChargedNoOrder: 1}, end: store.OrderChargedNoOrder},
		{name: "hold then release", then: "release", after: 11 * time.Minute, want: checkout.RecoverReport{Held: 1}, end: store.OrderPending},
		{name: "hold released, then lapsed", then: "release", after: month + time.Hour, want: checkout.RecoverReport{Failed: 1}, end: store.OrderFailed},
		{name: "hold kept, looked at within the recheck", then: "", after: time.Minute, want: checkout.RecoverReport{Held: 1}, end: store.OrderPending},
		{name: "hold kept, not yet lapsed", then: "", after: month - time.Hour, want: checkout.RecoverReport{Held: 1}, end: store.OrderPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &forgetful{reply: reply404}
			e := newEnv(t, envOpts{sandbox: sandbox.Options{ManualCapture: true, SellerMiddleware: f.middleware}})
			ctx := context.Background()
			prod := e.product(1000, 4000)
			req := checkout.Request{CustomerID: e.customer, ProductID: prod.ID, Quantity: 1, IdempotencyKey: "hold-1"}
			out, err := e.svc.Purchase(ctx, req)
			if err != nil || out.Status != checkout.StatusPending || out.Hold == nil {
				t.Fatalf("purchase = %+v, %v; want pending with a hold", out, err)
			}
			total := out.Purchase.Total
			if out.Hold.Amount != total || out.Hold.Currency != out.Purchase.Currency || out.Hold.Until.IsZero() {
				t.Errorf("hold %+v; want up to the total %d %s, with a date", out.Hold, total, out.Purchase.Currency)
			}
			pis := e.sb.Stripe.PaymentIntents()
			if len(pis) != 1 || pis[0].Status != "requires_capture" || pis[0].AmountReceived != 0 {
				t.Fatalf("PaymentIntents %+v; want one hold", pis)
			}
			// Asking to cancel it cannot: the seller may still capture the hold.
			_, err = e.svc.CancelOrder(ctx, checkout.CancelRequest{CustomerID: e.customer, OrderID: out.Order.ID})
			ref := wantRefusal(t, err, checkout.RefusalPaymentHeld)
			if ref.Params.Amount != total || ref.Params.OrderID != out.Order.ID || ref.Params.HoldUntil != out.Hold.Until.Unix() {
				t.Errorf("cancel refusal %+v; want the hold of %d on order %s until %v", ref.Params, total, out.Order.ID, out.Hold.Until)
			}
			rec := e.service()
			if rep, err := rec.Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Held: 1}) {
				t.Fatalf("first recover = %+v, %v; want 1 held", rep, err)
			}
			pay, ok := e.sb.SellerPayments(prod.SellerID)
			if !ok {
				t.Fatal("no seller payments")
			}
			err = nil
			switch tt.then {
			case "capture":
				err = pay.Capture(ctx, pis[0].ID, 0)
			case "release":
				err = pay.Release(ctx, pis[0].ID)
			}
			if err != nil {
				t.Fatal(err)
			}
			e.clock.Advance(tt.after)
			if rep, err := rec.Recover(ctx, 0); err != nil || rep != tt.want {
				t.Fatalf("recover %v later = %+v, %v; want %+v", tt.after, rep, err, tt.want)
			}
			o, err := e.st.Order(ctx, e.customer, out.Order.ID)
			if err != nil || o.Status != tt.end {
				t.Fatalf("order %+v, %v; want %s", o, err, tt.end)
			}
			if tt.end == store.OrderPending {
				return
			}
			// A retry returns how it ended.
			_, err = e.service().Purchase(ctx, req)
			switch tt.end {
			case store.OrderChargedNoOrder:
				ref := wantRefusal(t, err, checkout.RefusalChargedNoOrder)
				if tt.after < 24*time.Hour { // the spend is still within the daily limit's window
					e.wantChargedNoOrder(ref)
				} else if ref.Params.Amount != total {
					t.Errorf("refusal %+v; want the %d captured", ref.Params, total)
				}
			case store.OrderFailed:
				if ref := wantRefusal(t, err, checkout.RefusalInterrupted); !ref.Params.Witnessed {
					t.Errorf("refusal %+v; want it decided by Stripe's word", ref.Params)
				}
			}
		})
	}
}

// A token that stopped working unused (revoked by us, or expired) with nothing
// captured is not a hold: the purchase fails as before, even with a seller that
// authorizes only.
func TestUnusedTokenIsNoHold(t *testing.T) {
	tests := []struct {
		name   string
		wait   time.Duration // before recovery
		reason string        // what Stripe shows
	}{
		{name: "revoked with nothing used", reason: "revoked"},
		{name: "expired unused", wait: time.Hour, reason: "expired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, envOpts{sandbox: sandbox.Options{ManualCapture: true}, config: crashAt("token_issued")})
			ctx := context.Background()
			req := checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 4000).ID, Quantity: 1, IdempotencyKey: "unused-1"}
			if _, err := e.svc.Purchase(ctx, req); err == nil {
				t.Fatal("the injected crash did not stop the purchase")
			}
			e.cfg.Fault = nil
			e.clock.Advance(tt.wait)
			if rep, err := e.service().Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Failed: 1}) {
				t.Fatalf("recover = %+v, %v; want 1 failed", rep, err)
			}
			toks := e.sb.Stripe.Tokens()
			if len(toks) != 1 || toks[0].DeactivatedReason != tt.reason || toks[0].AmountCaptured != 0 {
				t.Errorf("tokens %+v; want one %s, nothing captured", toks, tt.reason)
			}
			if n := len(e.sb.Stripe.PaymentIntents()); n != 0 {
				t.Errorf("%d PaymentIntents, want none", n)
			}
		})
	}
}

// stripeReason changes the deactivated_reason Stripe's reads show: edit gets the
// reason the emulator keeps and whether we revoked the token, and returns what Stripe
// shows. It stands for readings of Stripe's docs the emulator does not follow.
type stripeReason struct {
	checkout.Tokens
	revoked *sync.Map // token ids we revoked
	edit    func(reason string, revokedByUs bool) string
	// blind makes reads fail (Stripe unavailable) until we revoked the token.
	blind bool
}

func (s stripeReason) Revoke(ctx context.Context, id, idemKey string) error {
	err := s.Tokens.Revoke(ctx, id, idemKey)
	if err == nil {
		s.revoked.Store(id, true)
	}
	return err
}

func (s stripeReason) Retrieve(ctx context.Context, id string) (checkout.Token, error) {
	_, ours := s.revoked.Load(id)
	if s.blind && !ours {
		return checkout.Token{}, checkout.ErrUnavailable
	}
	tok, err := s.Tokens.Retrieve(ctx, id)
	if err == nil && tok.Status == checkout.TokenDeactivated {
		tok.DeactivatedReason = s.edit(tok.DeactivatedReason, ours)
	}
	return tok, err
}

// Whatever reason Stripe shows on a token its seller authorized on (a hold), nothing
// captured is never taken as final, and the hold is found the same each time it is
// looked at again without revoking again or journaling again: the token is read
// before any revoke (a deactivated one is not revoked, so a Stripe that would show a
// used token "revoked" once we revoke it never gets to), and a reason that does not
// say the token went unused is a possible hold. A token revoked unused (seen active
// just before) fails as nothing charged, except when Stripe gives no reason at all.
func TestHoldWhateverReasonStripeShows(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(reason string, revokedByUs bool) string
		blind bool
		// unused is how recovery of a purchase whose token never reached the seller
		// (revoked unused) ends.
		unused checkout.RecoverReport
	}{
		{name: "the emulator: the reason kept once deactivated",
			edit: func(r string, _ bool) string { return r }, unused: checkout.RecoverReport{Failed: 1}},
		{name: "revoked shown once we revoke, whatever the token's use",
			edit: func(r string, ours bool) string {
				if ours {
					return checkout.TokenRevoked
				}
				return r
			}, unused: checkout.RecoverReport{Failed: 1}},
		{name: "revoked shown once we revoke, the read before it failing",
			edit: func(r string, ours bool) string {
				if ours {
					return checkout.TokenRevoked
				}
				return r
			}, blind: true, unused: checkout.RecoverReport{Held: 1}},
		{name: "no reason in Stripe's reply",
			edit: func(string, bool) string { return "" }, unused: checkout.RecoverReport{Held: 1}},
		{name: "resolved instead of consumed",
			edit: func(r string, _ bool) string {
				if r == checkout.TokenConsumed {
					return checkout.TokenResolved
				}
				return r
			}, unused: checkout.RecoverReport{Failed: 1}},
		{name: "a reason Stripe adds later",
			edit: func(r string, _ bool) string {
				if r == checkout.TokenConsumed {
					return "settled_elsewhere"
				}
				return r
			}, unused: checkout.RecoverReport{Failed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/held", func(t *testing.T) {
			f := &forgetful{reply: reply404}
			e := newEnv(t, envOpts{sandbox: sandbox.Options{ManualCapture: true, SellerMiddleware: f.middleware}, config: func(c *checkout.Config) {
				c.Tokens = stripeReason{Tokens: c.Tokens, revoked: &sync.Map{}, edit: tt.edit, blind: tt.blind}
			}})
			ctx := context.Background()
			out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 4000).ID, Quantity: 1, IdempotencyKey: "reason-1"})
			if err != nil || out.Status != checkout.StatusPending || out.Hold == nil {
				t.Fatalf("purchase = %+v, %v; want pending with a hold", out, err)
			}
			if pis := e.sb.Stripe.PaymentIntents(); len(pis) != 1 || pis[0].Status != "requires_capture" {
				t.Fatalf("PaymentIntents %+v; want one hold", pis)
			}
			// Two hours of rechecks by one recovering process.
			rec := e.service()
			for i := 0; i < 12; i++ {
				e.clock.Advance(11 * time.Minute)
				if rep, err := rec.Recover(ctx, 0); err != nil || rep != (checkout.RecoverReport{Held: 1}) {
					t.Fatalf("recover %d = %+v, %v; want 1 held", i, rep, err)
				}
			}
			steps := stepCounts(t, e, out.Purchase.ID)
			// One token_seen: what Stripe showed before the one revoke, or "unknown"
			// when it could not be read.
			if steps["token_revoked"] != 1 || steps["token_held"] != 1 || steps["token_seen"] != 1 {
				t.Errorf("journal steps %v; want token_revoked, token_held and token_seen once each", steps)
			}
			if n := strings.Count(e.logs.String(), "level=WARN msg=\"purchase left pending: Stripe shows its token used"); n != 1 {
				t.Errorf("%d warnings of the hold over 12 rechecks; want 1", n)
			}
		})
		t.Run(tt.name+"/unused", func(t *testing.T) {
			e := newEnv(t, envOpts{sandbox: sandbox.Options{ManualCapture: true}, config: func(c *checkout.Config) {
				crashAt("token_issued")(c)
				c.Tokens = stripeReason{Tokens: c.Tokens, revoked: &sync.Map{}, edit: tt.edit, blind: tt.blind}
			}})
			ctx := context.Background()
			req := checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 4000).ID, Quantity: 1, IdempotencyKey: "reason-2"}
			if _, err := e.svc.Purchase(ctx, req); err == nil {
				t.Fatal("the injected crash did not stop the purchase")
			}
			e.cfg.Fault = nil
			if rep, err := e.service().Recover(ctx, 0); err != nil || rep != tt.unused {
				t.Fatalf("recover = %+v, %v; want %+v", rep, err, tt.unused)
			}
		})
	}
}

// stepCounts counts the journal lines of purchase id by step.
func stepCounts(t *testing.T, e *env, id string) map[string]int {
	t.Helper()
	events, err := e.st.Events(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, ev := range events {
		n[ev.Step]++
	}
	return n
}

// get_order's ask about a held order answers AskHeld (not "unreachable": Stripe
// answered), and the hold, journaled once when found, is read back for the words.
func TestAskSellerHeldOrder(t *testing.T) {
	f := &forgetful{reply: reply404}
	e := newEnv(t, envOpts{sandbox: sandbox.Options{ManualCapture: true, SellerMiddleware: f.middleware}})
	ctx := context.Background()
	out, err := e.svc.Purchase(ctx, checkout.Request{CustomerID: e.customer, ProductID: e.product(1000, 4000).ID, Quantity: 1, IdempotencyKey: "ask-held-1"})
	if err != nil || out.Hold == nil {
		t.Fatalf("purchase = %+v, %v; want pending with a hold", out, err)
	}
	e.clock.Advance(time.Hour)
	svc := e.service()
	o, ask := svc.AskSeller(ctx, *out.Order)
	if ask != checkout.AskHeld || o.Status != store.OrderPending {
		t.Errorf("ask = %s, order %s; want held, pending", ask, o.Status)
	}
	if h := svc.OrderHold(ctx, o); h == nil || h.Amount != out.Hold.Amount || h.Currency != out.Hold.Currency || !h.Until.Equal(out.Hold.Until) {
		t.Errorf("hold read back %+v; want %+v", h, out.Hold)
	}
	if steps := stepCounts(t, e, out.Purchase.ID); steps["token_held"] != 1 {
		t.Errorf("journal steps %v; want token_held once", steps)
	}
	// Past the window no hold is claimed any more, even before recovery settles it.
	e.clock.Advance(out.Hold.Until.Sub(e.clock.Now()))
	if h := svc.OrderHold(ctx, o); h != nil {
		t.Errorf("hold %+v claimed at its end %s", h, out.Hold.Until)
	}
}

// barrierTokens holds each server's first token read's answer until every server's
// first read has one, then lets them all go at once: the servers then act on what
// Stripe shows together. A server's later reads pass straight through.
type barrierTokens struct {
	checkout.Tokens
	wg    *sync.WaitGroup
	first *sync.Once // this server's
	// captured, when not zero, is the amount this server reads captured where Stripe
	// shows some: a reading that changed between servers.
	captured int64
}

func (b barrierTokens) Retrieve(ctx context.Context, id string) (checkout.Token, error) {
	tok, err := b.Tokens.Retrieve(ctx, id)
	if err == nil && b.captured != 0 && tok.AmountCaptured != 0 {
		tok.AmountCaptured = b.captured
	}
	b.first.Do(func() {
		b.wg.Done()
		b.wg.Wait()
	})
	return tok, err
}

// Servers (each with its own store handle on the one database file) recovering the
// same purchase at once all find what Stripe shows on its token — a hold, or an amount
// captured — but it is journaled once (token_held; token_captured once per amount
// read), and the hold is warned of once, by the server whose journal line went in.
func TestServersFindingOneHoldJournalItOnce(t *testing.T) {
	const servers = 6
	for _, tc := range []struct {
		name string
		hold bool // the seller authorizes only
		step string
		// differ: half the servers read a lower amount captured (two readings).
		differ bool
		want   checkout.RecoverReport // of all the servers together
		lines  int                    // of step
	}{
		{name: "hold", hold: true, step: "token_held", want: checkout.RecoverReport{Held: servers}, lines: 1},
		{name: "captured", step: "token_captured", want: checkout.RecoverReport{ChargedNoOrder: 1}, lines: 1},
		{name: "captured, read differently", step: "token_captured", differ: true, want: checkout.RecoverReport{ChargedNoOrder: 1}, lines: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &forgetful{reply: reply404}
			b := &stripeBlind{}
			b.on.Store(true) // the purchase cannot read Stripe: it stays pending, nothing found
			e := newEnv(t, envOpts{sandbox: sandbox.Options{ManualCapture: tc.hold, SellerMiddleware: f.middleware, StripeMiddleware: b.middleware}})
			ctx := context.Background()
			out, err := e.buy(e.product(1000, 4000).ID, 1)
			if err != nil || out.Status != checkout.StatusPending || out.Hold != nil {
				t.Fatalf("purchase = %+v, %v; want pending, nothing found", out, err)
			}
			if steps := stepCounts(t, e, out.Purchase.ID); steps[tc.step] != 0 {
				t.Fatalf("journal steps %v; want no %s yet", steps, tc.step)
			}
			b.on.Store(false)
			var wg sync.WaitGroup
			wg.Add(servers)
			svcs := make([]*checkout.Service, servers)
			for i := range svcs {
				cfg := e.cfg
				st := testshop.Store(t, e.path)
				st.Now = e.clock.Now
				cfg.Store = st
				tokens := barrierTokens{Tokens: cfg.Tokens, wg: &wg, first: &sync.Once{}}
				if tc.differ && i%2 == 1 {
					tokens.captured = 1
				}
				cfg.Tokens = tokens
				if svcs[i], err = checkout.New(cfg); err != nil {
					t.Fatal(err)
				}
			}
			reps := make(chan checkout.RecoverReport, servers)
			var done sync.WaitGroup
			for _, svc := range svcs {
				done.Add(1)
				go func() {
					defer done.Done()
					rep, err := svc.Recover(ctx, 0)
					if err != nil {
						t.Errorf("recover: %v", err)
					}
					reps <- rep
				}()
			}
			done.Wait()
			close(reps)
			var all checkout.RecoverReport
			for rep := range reps {
				all.Held += rep.Held
				all.ChargedNoOrder += rep.ChargedNoOrder
				all.Completed += rep.Completed
				all.Failed += rep.Failed
			}
			if all != tc.want {
				t.Errorf("recoveries = %+v; want %+v", all, tc.want)
			}
			if steps := stepCounts(t, e, out.Purchase.ID); steps[tc.step] != tc.lines {
				t.Errorf("journal steps %v; want %s %d times", steps, tc.step, tc.lines)
			}
			if n := strings.Count(e.logs.String(), "level=WARN msg=\"purchase left pending: Stripe shows its token used"); tc.hold && n != 1 {
				t.Errorf("%d warnings of the hold by %d servers; want 1", n, servers)
			}
		})
	}
}
