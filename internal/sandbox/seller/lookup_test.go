package seller_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

// The look-up of a held charge past the settle window (Payments.Find) against the
// sandbox: StripePayments.Find itself, and the seller's use of it.

// listFaults wraps the sandbox: each GET /v1/payment_intents (a page of a look-up) is
// counted and waits delay; with failPage2 set, a page after the first answers 500;
// status rewrites the status of listed PaymentIntents by id.
type listFaults struct {
	pages     atomic.Int64
	delay     time.Duration
	failPage2 atomic.Bool
	mu        sync.Mutex
	status    map[string]string
}

func (f *listFaults) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.URL.Path != "/v1/payment_intents" {
			next.ServeHTTP(w, r)
			return
		}
		f.pages.Add(1)
		time.Sleep(f.delay)
		if f.failPage2.Load() && r.URL.Query().Get("starting_after") != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"error":{"type":"api_error","message":"list failed"}}`))
			return
		}
		f.mu.Lock()
		status := f.status
		f.mu.Unlock()
		if len(status) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var page map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			panic(err)
		}
		data, _ := page["data"].([]any)
		for _, d := range data {
			pi := d.(map[string]any)
			if st, ok := status[pi["id"].(string)]; ok {
				pi["status"] = st
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Code)
		json.NewEncoder(w).Encode(page)
	})
}

// sell has the shop's Stripe account make n other payments (other checkout sessions,
// cs_other_<i>), the clock moving step after each.
func (s *shop) sell(n int, step time.Duration) {
	s.t.Helper()
	for i := range n {
		tok := s.issue("pm_card_visa", sellerProfile, 100, 72*time.Hour)
		if _, err := s.pay.Charge(context.Background(), seller.ChargeRequest{Token: tok, Amount: 100, Currency: "usd",
			IdempotencyKey: fmt.Sprintf("other-%d-%d", s.clock.Now().UnixNano(), i),
			Metadata:       map[string]string{"checkout_session_id": fmt.Sprintf("cs_other_%d", i)}}); err != nil {
			s.t.Fatal(err)
		}
		s.clock.Advance(step)
	}
}

// paymentOf returns the sandbox's PaymentIntent of checkout session id.
func (s *shop) paymentOf(id string) (string, string) {
	s.t.Helper()
	for _, pi := range s.stripe.PaymentIntents() {
		if pi.Metadata["checkout_session_id"] == id {
			return pi.ID, pi.Status
		}
	}
	s.t.Fatalf("no PaymentIntent of %s", id)
	return "", ""
}

// payFor has session id paid with pm through the seller's StripePayments (not the
// seller), as a charge of unknown outcome leaves it on Stripe.
func (s *shop) payFor(id, pm string) {
	s.t.Helper()
	tok := s.issue(pm, sellerProfile, 2500, 72*time.Hour)
	_, err := s.pay.Charge(context.Background(), seller.ChargeRequest{Token: tok, Amount: 2500, Currency: "usd",
		IdempotencyKey: "pay-" + id, Metadata: map[string]string{"checkout_session_id": id}})
	if err != nil && pm == "pm_card_visa" {
		s.t.Fatal(err)
	}
}

// TestStripePaymentsFind: Find lists the window's PaymentIntents page after page and
// matches the session by its metadata: other sessions' payments never match; one on a
// later page is found; one outside the window is not; a declined (or canceled)
// payment is none, a processing one and a list failing midway are unknown — never
// none — and a look-up that failed goes on from where it stopped.
func TestStripePaymentsFind(t *testing.T) {
	const cs = "cs_wanted"
	tests := []struct {
		name   string
		setup  func(s *shop, f *listFaults) (from, to time.Time)
		want   string // "made", "none" or "unknown"
		resume bool   // "unknown": clearing the fault, going on with After finds it
	}{
		{"other sessions only", func(s *shop, f *listFaults) (time.Time, time.Time) {
			from := s.clock.Now()
			s.sell(150, time.Second)
			return from, s.clock.Now()
		}, "none", false},
		{"on a later page", func(s *shop, f *listFaults) (time.Time, time.Time) {
			from := s.clock.Now()
			s.payFor(cs, "pm_card_visa")
			s.sell(250, time.Second)
			return from, s.clock.Now()
		}, "made", false},
		{"after the window", func(s *shop, f *listFaults) (time.Time, time.Time) {
			from := s.clock.Now()
			s.sell(20, time.Second)
			to := s.clock.Now()
			s.clock.Advance(time.Hour)
			s.payFor(cs, "pm_card_visa")
			return from, to
		}, "none", false},
		{"before the window", func(s *shop, f *listFaults) (time.Time, time.Time) {
			s.payFor(cs, "pm_card_visa")
			s.clock.Advance(time.Hour)
			from := s.clock.Now()
			s.sell(20, time.Second)
			return from, s.clock.Now()
		}, "none", false},
		{"declined", func(s *shop, f *listFaults) (time.Time, time.Time) {
			from := s.clock.Now()
			s.payFor(cs, "pm_card_chargeDeclined")
			s.sell(20, time.Second)
			return from, s.clock.Now()
		}, "none", false},
		{"canceled", func(s *shop, f *listFaults) (time.Time, time.Time) {
			from := s.clock.Now()
			s.payFor(cs, "pm_card_visa")
			id, _ := s.paymentOf(cs)
			f.status = map[string]string{id: "canceled"}
			return from, s.clock.Now()
		}, "none", false},
		{"processing", func(s *shop, f *listFaults) (time.Time, time.Time) {
			from := s.clock.Now()
			s.payFor(cs, "pm_card_visa")
			s.sell(150, time.Second)
			id, _ := s.paymentOf(cs)
			f.status = map[string]string{id: "processing"}
			return from, s.clock.Now()
		}, "unknown", true},
		{"list fails midway", func(s *shop, f *listFaults) (time.Time, time.Time) {
			from := s.clock.Now()
			s.payFor(cs, "pm_card_visa")
			s.sell(150, time.Second)
			f.failPage2.Store(true)
			return from, s.clock.Now()
		}, "unknown", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &listFaults{}
			s := newShopWith(t, shopOptions{stripe: f.wrap})
			f.mu.Lock()
			from, to := tc.setup(s, f)
			f.mu.Unlock()
			ctx := context.Background()
			got, err := s.pay.Find(ctx, seller.FindQuery{SessionID: cs, From: from, To: to})
			switch tc.want {
			case "made":
				id, _ := s.paymentOf(cs)
				if err != nil || !got.Made || got.Charge.PaymentIntentID != id || got.Charge.CardLast4 != "4242" {
					t.Errorf("Find = %+v, %v; want %s made", got, err, id)
				}
			case "none":
				if err != nil || got.Made {
					t.Errorf("Find = %+v, %v; want none", got, err)
				}
			case "unknown":
				if err == nil || got.Made || !errors.Is(err, seller.ErrPaymentUnavailable) {
					t.Fatalf("Find = %+v, %v; want unknown (ErrPaymentUnavailable)", got, err)
				}
			}
			if !tc.resume {
				return
			}
			if got.After == "" {
				t.Fatal("a look-up stopped past the first page returned no After")
			}
			f.failPage2.Store(false)
			f.mu.Lock()
			f.status = nil
			f.mu.Unlock()
			before := f.pages.Load()
			again, err := s.pay.Find(ctx, seller.FindQuery{SessionID: cs, From: from, To: to, After: got.After})
			if id, _ := s.paymentOf(cs); err != nil || !again.Made || again.Charge.PaymentIntentID != id {
				t.Errorf("going on after %s: %+v, %v; want %s made", got.After, again, err, id)
			}
			if n := f.pages.Load() - before; n != 1 {
				t.Errorf("going on read %d pages, want 1 (the rest of the window)", n)
			}
		})
	}
}

// TestSellerLookUpGoesOn: a busy account has more PaymentIntents in the look-up's
// window than one look-up can read within ChargeTimeout. Each look-up goes on where
// the last one stopped (never from the first page again), at most one every few
// minutes, so the session paid long ago completes with its order. The window ends an
// hour after the last send (the repeat just before 23 h): a day of the account's sales.
func TestSellerLookUpGoesOn(t *testing.T) {
	f := &listFaults{delay: 150 * time.Millisecond}
	s := newShopWith(t, shopOptions{chargeTimeout: 400 * time.Millisecond, stripe: f.wrap})
	ctx := context.Background()
	cs := s.create(item("mug", 1))
	total, _ := cs.Total(acp.TotalTotal)
	tok := s.issue("pm_card_visa", sellerProfile, total, 72*time.Hour)
	s.stripe.FailAfterExecuting(1) // charged, but the seller gets a 500, replayed to every repeat
	if _, err := s.complete(cs.ID, tok); err == nil {
		t.Fatal("complete with an unknown outcome succeeded")
	}
	s.sell(600, 2*time.Minute) // 20 h of sales: 6 pages of 100
	s.clock.Advance(3*time.Hour - time.Minute)
	s.seller.Tick(ctx) // the last repeat, at 23 h less a minute: the 500 replayed
	s.clock.Advance(2 * time.Hour)
	looks := 0
	for ; looks < 30; looks++ {
		if got, _ := s.client.Get(ctx, cs.ID); got.Status == acp.StatusCompleted {
			break
		}
		pages := f.pages.Load()
		s.seller.Tick(ctx)
		if f.pages.Load() == pages {
			t.Fatalf("look-up %d read no page", looks+1)
		}
		read := f.pages.Load()
		s.seller.Tick(ctx) // at once: no second look-up
		if n := f.pages.Load(); n != read {
			t.Fatalf("a Tick right after a look-up looked up again (%d pages)", n-read)
		}
		s.clock.Advance(10 * time.Minute)
	}
	got, err := s.client.Get(ctx, cs.ID)
	if err != nil || got.Status != acp.StatusCompleted || got.Order == nil {
		t.Fatalf("after %d look-ups (%d pages): session %s, order %v, %v; want completed with its order", looks, f.pages.Load(), got.Status, got.Order != nil, err)
	}
	if _, st := s.paymentOf(cs.ID); st != "succeeded" {
		t.Errorf("the session's payment is %s", st)
	}
	// 601 PaymentIntents in 7 pages; a look-up cut short reads its last page again
	if n := f.pages.Load(); n > 7+int64(looks) {
		t.Errorf("%d pages read in %d look-ups: the look-ups started over", n, looks)
	}
	t.Logf("%d look-ups, %d pages", looks, f.pages.Load())
}

// TestSellerLookUpWaitsForLastSend: the first send never reached Stripe (502); the
// last repeat, just before 23 h, reaches it but is executed only after the seller gave
// up on it. The first Tick past 23 h must not conclude "none" (the unit given back,
// the session expired) while Stripe may still execute that repeat: the look-up waits
// until an hour after the last send, and then finds the payment.
func TestSellerLookUpWaitsForLastSend(t *testing.T) {
	var phase atomic.Int32 // 0: POSTs answer 502 unseen; 1: held until release; 2: pass
	release, executed := make(chan struct{}), make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	hold := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || r.URL.Path != "/v1/payment_intents" {
				next.ServeHTTP(w, r)
				return
			}
			switch phase.Load() {
			case 0:
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadGateway)
				w.Write([]byte(`{"error":{"type":"api_error","message":"bad gateway"}}`))
			case 1:
				phase.Store(2)
				<-release
				next.ServeHTTP(w, r.WithContext(context.WithoutCancel(r.Context())))
				close(executed)
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
	s := newShopWith(t, shopOptions{chargeTimeout: 300 * time.Millisecond, stripe: hold})
	ctx := context.Background()
	before, _ := s.inv.Item(ctx, "mug")
	cs := s.create(item("mug", 1))
	total, _ := cs.Total(acp.TotalTotal)
	tok := s.issue("pm_card_visa", sellerProfile, total, 72*time.Hour)
	if _, err := s.complete(cs.ID, tok); err == nil {
		t.Fatal("complete with an unknown outcome succeeded")
	}
	s.clock.Advance(23*time.Hour - 3*time.Second)
	phase.Store(1)
	s.seller.Tick(ctx) // the repeat reaches Stripe; the seller gives up after 300 ms
	s.clock.Advance(5 * time.Second)
	s.seller.Tick(ctx) // past 23 h
	got, _ := s.client.Get(ctx, cs.ID)
	it, _ := s.inv.Item(ctx, "mug")
	if got.Status != acp.StatusCompleteInProgress || *it.Stock != *before.Stock-1 {
		t.Errorf("right after the timed-out repeat: session %s, stock %d (was %d); want still held", got.Status, *it.Stock, *before.Stock)
	}
	once.Do(func() { close(release) })
	<-executed // Stripe charged
	s.clock.Advance(time.Hour)
	s.seller.Tick(ctx)
	got, err := s.client.Get(ctx, cs.ID)
	if err != nil || got.Status != acp.StatusCompleted || got.Order == nil {
		t.Errorf("an hour later: session %s, order %v, %v; want completed with its order", got.Status, got.Order != nil, err)
	}
	if it, _ := s.inv.Item(ctx, "mug"); *it.Stock != *before.Stock-1 {
		t.Errorf("stock %d, want %d (the unit sold)", *it.Stock, *before.Stock-1)
	}
}
