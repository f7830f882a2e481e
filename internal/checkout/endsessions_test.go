package checkout_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
)

// sessionWatch is a sandbox SellerMiddleware that notes every checkout session the
// sellers open, in order, and can hold the first opening until release is closed.
type sessionWatch struct {
	mu       sync.Mutex
	opened   []openedSession
	hold     bool
	entered  chan struct{}
	release  chan struct{}
	holdOnce sync.Once
}

type openedSession struct{ seller, id string }

func newSessionWatch(hold bool) *sessionWatch {
	return &sessionWatch{hold: hold, entered: make(chan struct{}), release: make(chan struct{})}
}

func (w *sessionWatch) middleware(seller string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/checkout_sessions" {
			h.ServeHTTP(rw, r)
			return
		}
		if w.hold {
			w.holdOnce.Do(func() { close(w.entered); <-w.release })
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		var s struct{ ID string }
		if rec.Code < 300 && json.Unmarshal(rec.Body.Bytes(), &s) == nil && s.ID != "" {
			w.mu.Lock()
			w.opened = append(w.opened, openedSession{seller, s.ID})
			w.mu.Unlock()
		}
		for k, v := range rec.Header() {
			rw.Header()[k] = v
		}
		rw.WriteHeader(rec.Code)
		_, _ = bytes.NewReader(rec.Body.Bytes()).WriteTo(rw)
	})
}

func (w *sessionWatch) sessions() []openedSession {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]openedSession(nil), w.opened...)
}

// status is the seller's status of session o now.
func (e *env) sessionStatus(o openedSession) checkout.SessionStatus {
	e.t.Helper()
	ctx := context.Background()
	seller, err := e.cat.Seller(ctx, o.seller)
	if err != nil {
		e.t.Fatal(err)
	}
	co, err := e.cfg.Sellers.Checkout(ctx, seller)
	if err != nil {
		e.t.Fatal(err)
	}
	sess, err := co.Get(ctx, o.id)
	if err != nil {
		e.t.Fatalf("session %s: %v", o.id, err)
	}
	return sess.Status
}

// A checkout that ends before approval while (or after) its sellers were quoted,
// because its cart was emptied or a changed cart superseded it, cancels the seller
// sessions it opened: the sellers show them canceled, not left to lapse. Nothing is
// charged; a checkout that replaced it keeps its own sessions.
func TestEndedCheckoutCancelsItsSessions(t *testing.T) {
	tests := []struct {
		name string
		hold bool // hold the first session's opening while the cart changes
		// direct: the basket needs no confirmation (it would be paid once quoted)
		direct bool
		// end ends the checkout begun (quoted unless hold); it returns how many of the
		// sessions opened first must be canceled (the rest belong to a new checkout).
		end func(t *testing.T, e *env, b basket) int
	}{
		{name: "cart emptied while its quote awaits confirmation", end: func(t *testing.T, e *env, b basket) int {
			if _, err := e.svc.ClearCart(context.Background(), e.customer); err != nil {
				t.Fatal(err)
			}
			return len(b.sellers)
		}},
		{name: "cart emptied by update_cart while its quote awaits confirmation", end: func(t *testing.T, e *env, b basket) int {
			for _, s := range b.sellers {
				for _, p := range b.products[s] {
					if _, err := e.svc.UpdateCart(context.Background(), e.customer, p.ID, 0); err != nil {
						t.Fatal(err)
					}
				}
			}
			return len(b.sellers)
		}},
		{name: "superseded by a checkout of the changed cart", end: func(t *testing.T, e *env, b basket) int {
			ctx := context.Background()
			if _, err := e.svc.UpdateCart(ctx, e.customer, b.products[b.sellers[0]][0].ID, 2); err != nil {
				t.Fatal(err)
			}
			out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k2"})
			if err != nil || out.Status != checkout.CheckoutConfirmationRequired {
				t.Fatalf("new checkout %s, %v; want a new quote", out.Status, err)
			}
			return len(b.sellers)
		}},
		{name: "cart emptied while its sellers are quoted", hold: true, end: func(t *testing.T, e *env, b basket) int {
			if _, err := e.svc.ClearCart(context.Background(), e.customer); err != nil {
				t.Fatal(err)
			}
			return len(b.sellers)
		}},
		{name: "cart emptied while the sellers of a basket paid without confirmation are quoted", hold: true, direct: true,
			end: func(t *testing.T, e *env, b basket) int {
				if _, err := e.svc.ClearCart(context.Background(), e.customer); err != nil {
					t.Fatal(err)
				}
				return len(b.sellers)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			w := newSessionWatch(tt.hold)
			e := newEnv(t, envOpts{rules: &noLimits, sandbox: sandbox.Options{SellerMiddleware: w.middleware}})
			if !tt.direct {
				e.confirmAbove(t, 1)
			}
			b := e.fillCart()
			var first int
			if tt.hold {
				done := make(chan error, 1)
				go func() {
					_, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
					done <- err
				}()
				<-w.entered
				first = tt.end(t, e, b)
				close(w.release)
				wantRefusal(t, <-done, checkout.RefusalCartEmptied)
			} else {
				out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
				if err != nil || out.Status != checkout.CheckoutConfirmationRequired {
					t.Fatalf("checkout %s, %v; want a quote", out.Status, err)
				}
				first = tt.end(t, e, b)
			}
			opened := w.sessions()
			if len(opened) < first {
				t.Fatalf("%d sessions opened, want at least %d", len(opened), first)
			}
			for i, o := range opened {
				got := e.sessionStatus(o)
				if want := checkout.SessionStatus("canceled"); i < first && got != want {
					t.Errorf("session %d (%s) is %s, want %s", i, o.seller, got, want)
				} else if i >= first && got != checkout.StatusReadyForPayment {
					t.Errorf("session %d (%s) of the new checkout is %s, want it kept", i, o.seller, got)
				}
			}
			if n := e.succeeded(); n != 0 {
				t.Errorf("%d charges, want none", n)
			}
		})
	}
}

// slowCancel is a checkout.Sellers whose sessions' Cancel never answers: it notes
// how long each cancellation's context allowed it (-1: no deadline, which is
// refused at once rather than waited on forever) and waits until that context ends.
type slowCancel struct {
	checkout.Sellers
	mu      sync.Mutex
	allowed []time.Duration
}

func (s *slowCancel) Checkout(ctx context.Context, seller catalog.Seller) (checkout.SellerCheckout, error) {
	co, err := s.Sellers.Checkout(ctx, seller)
	if err != nil {
		return nil, err
	}
	return slowCancelSession{co, s}, nil
}

func (s *slowCancel) noted() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.allowed...)
}

type slowCancelSession struct {
	checkout.SellerCheckout
	s *slowCancel
}

func (c slowCancelSession) Cancel(ctx context.Context, _, _ string) error {
	d, ok := ctx.Deadline()
	allowed := time.Duration(-1)
	if ok {
		allowed = time.Until(d)
	}
	c.s.mu.Lock()
	c.s.allowed = append(c.s.allowed, allowed)
	c.s.mu.Unlock()
	if !ok {
		return errors.New("a cancellation with no deadline")
	}
	<-ctx.Done()
	return ctx.Err()
}

// A seller that never answers the cancellation of its session does not hold up the
// call that ended the checkout: every cancellation clear_cart asks for is bounded
// by Config.SessionCancelWait (its context's deadline, not a clock in the test),
// clear_cart answers, the quote is refused as its cart emptied, and nothing is
// charged.
func TestEndedCheckoutSlowSellerCancel(t *testing.T) {
	ctx := context.Background()
	const wait = 50 * time.Millisecond
	slow := &slowCancel{}
	e := newEnv(t, envOpts{rules: &noLimits, config: func(c *checkout.Config) {
		slow.Sellers, c.Sellers, c.SessionCancelWait = c.Sellers, slow, wait
	}})
	e.confirmAbove(t, 1)
	b := e.fillCart()
	out, err := e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, IdempotencyKey: "k1"})
	if err != nil || out.Status != checkout.CheckoutConfirmationRequired {
		t.Fatalf("checkout %s, %v; want a quote", out.Status, err)
	}
	emptied, err := e.svc.ClearCart(ctx, e.customer)
	if err != nil || emptied.Ended.ID != out.Checkout.ID {
		t.Fatalf("emptied %+v, %v; want checkout %s ended", emptied, err, out.Checkout.ID)
	}
	allowed := slow.noted()
	if len(allowed) != len(b.sellers) {
		t.Errorf("%d sessions canceled, want %d (one per seller)", len(allowed), len(b.sellers))
	}
	for i, a := range allowed {
		if a < 0 || a > wait {
			t.Errorf("cancellation %d allowed %v, want at most the configured %v", i, a, wait)
		}
	}
	// Each failed cancellation is a warning naming its purchase, not the seller's words.
	warned := 0
	for _, l := range strings.Split(e.logs.String(), "\n") {
		if strings.Contains(l, `level=WARN msg="seller session not canceled"`) && strings.Contains(l, "timed_out=true") &&
			strings.Contains(l, "purchase=pur_") && !strings.Contains(l, "err=") {
			warned++
		}
	}
	if warned != len(b.sellers) {
		t.Errorf("%d warnings of a session not canceled, want %d:\n%s", warned, len(b.sellers), e.logs.String())
	}
	_, err = e.svc.Checkout(ctx, checkout.CheckoutRequest{CustomerID: e.customer, QuoteID: out.Checkout.QuoteID})
	wantRefusal(t, err, checkout.RefusalCartEmptied)
	if n := e.succeeded(); n != 0 {
		t.Errorf("%d charges, want none", n)
	}
}
