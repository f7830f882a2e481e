package checkout_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// fault answers requests whose path ends with suffix (and method matches) instead of,
// or around, the real handler.
type fault struct {
	method, suffix string
	serve          func(w http.ResponseWriter, r *http.Request, next http.Handler)
}

func inject(faults ...fault) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, f := range faults {
				if r.Method == f.method && strings.HasSuffix(r.URL.Path, f.suffix) {
					f.serve(w, r, next)
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}

func status(code int, body string) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, _ http.Handler) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// hang waits for the caller to give up, optionally after letting the request through.
// The request let through runs to its end even when the caller gives up meanwhile, as
// a seller goes on with work it has begun.
func hang(passThrough bool) func(http.ResponseWriter, *http.Request, http.Handler) {
	return func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if passThrough {
			next.ServeHTTP(httptestDiscard{}, r.WithContext(context.WithoutCancel(r.Context())))
		}
		<-r.Context().Done()
	}
}

// completeTimeout is how long the saga waits for a seller's complete call in the tests
// of a seller that hangs on it.
const completeTimeout = 200 * time.Millisecond

// sellerHangs makes the seller's complete hang (see hang) until the saga gives up on
// it, every other seller call answering after delay. Only the complete calls are given
// up on, after completeTimeout each (timedCompletes); every other seller call has the
// sandbox's default timeout. So the calls the saga makes after giving up (the session's
// status, the cancellation) are answered however slowly this machine runs them, and
// the outcome does not depend on the load.
func sellerHangs(passThrough bool, delay time.Duration) func(*envHolder) envOpts {
	f := inject(fault{"POST", "/complete", hang(passThrough)})
	return func(*envHolder) envOpts {
		return envOpts{
			sandbox: sandbox.Options{SellerMiddleware: func(_ string, h http.Handler) http.Handler { return slowed(delay, f(h)) }},
			config:  func(c *checkout.Config) { c.Sellers = timedCompletes{c.Sellers, completeTimeout} },
		}
	}
}

// slowed answers every request after d.
func slowed(d time.Duration, h http.Handler) http.Handler {
	if d == 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(d)
		h.ServeHTTP(w, r)
	})
}

// timedCompletes hands out sellers whose complete calls are each given up on after
// timeout, as a seller client's timeout gives up on a call.
type timedCompletes struct {
	checkout.Sellers
	timeout time.Duration
}

func (t timedCompletes) Checkout(ctx context.Context, s catalog.Seller) (checkout.SellerCheckout, error) {
	co, err := t.Sellers.Checkout(ctx, s)
	if err != nil {
		return nil, err
	}
	return timedComplete{co, t.timeout}, nil
}

type timedComplete struct {
	checkout.SellerCheckout
	timeout time.Duration
}

func (t timedComplete) Complete(ctx context.Context, sessionID, token, idemKey string) (checkout.Session, error) {
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	return t.SellerCheckout.Complete(ctx, sessionID, token, idemKey)
}

type httptestDiscard struct{}

func (httptestDiscard) Header() http.Header         { return http.Header{} }
func (httptestDiscard) Write(p []byte) (int, error) { return len(p), nil }
func (httptestDiscard) WriteHeader(int)             {}

// profileOverride hands out sellers whose tokens are scoped to another profile.
type profileOverride struct {
	checkout.Sellers
	profile string
}

func (p profileOverride) Checkout(ctx context.Context, s catalog.Seller) (checkout.SellerCheckout, error) {
	co, err := p.Sellers.Checkout(ctx, s)
	if err != nil {
		return nil, err
	}
	return overridden{co, p.profile}, nil
}

type overridden struct {
	checkout.SellerCheckout
	profile string
}

func (o overridden) Profile() string { return o.profile }

// quantityLiar hands out sellers that quote one more item than asked for.
type quantityLiar struct{ checkout.Sellers }

func (q quantityLiar) Checkout(ctx context.Context, s catalog.Seller) (checkout.SellerCheckout, error) {
	co, err := q.Sellers.Checkout(ctx, s)
	return moreItems{co}, err
}

type moreItems struct{ checkout.SellerCheckout }

func (m moreItems) Open(ctx context.Context, r checkout.OpenRequest, key string) (checkout.Session, error) {
	sess, err := m.SellerCheckout.Open(ctx, r, key)
	sess.Quantity++
	return sess, err
}

// shortTokens issues tokens for less than asked.
type shortTokens struct{ checkout.Tokens }

func (s shortTokens) Issue(ctx context.Context, r checkout.TokenRequest) (checkout.Token, error) {
	r.MaxAmount--
	return s.Tokens.Issue(ctx, r)
}

func TestPurchaseFaults(t *testing.T) {
	const stripeErr = `{"error":{"type":"api_error","message":"boom"}}`
	tests := []struct {
		name    string
		opts    func(e *envHolder) envOpts
		qty     int
		code    checkout.RefusalCode // the refusal; empty means the purchase completes
		pending bool                 // no refusal: the outcome is unknown, the purchase pending
		token   bool                 // a token was issued (and must end deactivated)
		charged int                  // succeeded PaymentIntents
	}{
		{name: "seller 500 on complete", code: "seller_unavailable", token: true, opts: sellerFault(fault{"POST", "/complete", status(500, `{"type":"processing_error","code":"boom","message":"x"}`)})},
		{name: "seller timeout on complete", code: "seller_unavailable", token: true, opts: sellerHangs(false, 0)},
		// Every other call of the seller takes longer than the saga waits for complete:
		// it still asks the seller how the checkout ended, and is told.
		{name: "seller timeout on complete, slow seller", code: "seller_unavailable", token: true, opts: sellerHangs(false, completeTimeout+100*time.Millisecond)},
		{name: "seller charges then times out", token: true, charged: 1, opts: sellerHangs(true, 0)},
		{name: "seller charges then times out, slow seller", token: true, charged: 1, opts: sellerHangs(true, completeTimeout+100*time.Millisecond)},
		{name: "seller malformed JSON", code: "seller_unavailable", token: true, opts: sellerFault(fault{"POST", "/complete", status(200, `{"id": "cs_1", "status": `)})},
		{name: "seller 409 in flight", code: "seller_unavailable", token: true, opts: sellerFault(fault{"POST", "/complete", status(409, `{"type":"invalid_request","code":"idempotency_in_flight","message":"busy"}`)})},
		{name: "seller down on create", code: "seller_unavailable", opts: sellerFault(fault{"POST", "/checkout_sessions", status(503, `{"type":"service_unavailable","code":"down","message":"x"}`)})},
		{name: "out of stock at the seller", code: "out_of_stock", qty: 99, opts: plain},
		{name: "seller refuses our API key", code: "seller_misconfigured", opts: sellerFault(fault{"POST", "/checkout_sessions", status(401, `{"type":"invalid_request","code":"unauthorized","message":"bad key"}`)})},
		{name: "seller quotes another quantity", code: "seller_mismatch", opts: func(*envHolder) envOpts {
			return envOpts{config: func(c *checkout.Config) { c.Sellers = quantityLiar{c.Sellers} }}
		}},
		{name: "stripe refuses our key", code: "payment_misconfigured", opts: stripeFault(fault{"POST", "/v1/shared_payment/issued_tokens", status(401, `{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}`)})},
		{name: "stripe 402 decline", code: "card_declined", token: true, opts: func(*envHolder) envOpts { return envOpts{pm: "pm_card_chargeDeclined"} }},
		{name: "stripe 429 on issue", code: "payment_unavailable", opts: stripeFault(fault{"POST", "/v1/shared_payment/issued_tokens", status(429, `{"error":{"type":"invalid_request_error","code":"rate_limit","message":"slow down"}}`)})},
		{name: "stripe 500 on issue", code: "payment_unavailable", opts: stripeFault(fault{"POST", "/v1/shared_payment/issued_tokens", status(500, stripeErr)})},
		// Stripe's 500 leaves the charge's outcome unknown to the seller: pending, not
		// "nothing was charged" (TestChargeReplyLost has one that charged).
		{name: "stripe 500 on charge", pending: true, token: true, opts: stripeFault(fault{"POST", "/v1/payment_intents", status(500, stripeErr)})},
		{name: "token needs authentication", code: "authentication_required", token: true, opts: func(*envHolder) envOpts { return envOpts{pm: "pm_card_authenticationRequired"} }},
		{name: "token expired before the charge", code: "payment_token_rejected", token: true, opts: func(h *envHolder) envOpts {
			return envOpts{sandbox: sandbox.Options{SellerMiddleware: sellerOnly(fault{"POST", "/complete", func(w http.ResponseWriter, r *http.Request, next http.Handler) {
				h.e.clock.Advance(checkout.DefaultTokenTTL + time.Minute)
				next.ServeHTTP(w, r)
			}})}}
		}},
		// Stripe shows the token revoked, by a revoke this server did not journal
		// after reading it active: that does not tell it went unused (Stripe may show
		// a used token revoked once revoked), so the purchase is pending, never
		// "nothing charged".
		{name: "token revoked before the charge", pending: true, token: true, opts: func(h *envHolder) envOpts {
			return envOpts{sandbox: sandbox.Options{SellerMiddleware: sellerOnly(fault{"POST", "/complete", func(w http.ResponseWriter, r *http.Request, next http.Handler) {
				h.e.cfg.Tokens.Revoke(r.Context(), completeToken(r), "test-revoke")
				next.ServeHTTP(w, r)
			}})}}
		}},
		{name: "token scoped to another seller", code: "payment_token_rejected", token: true, opts: func(*envHolder) envOpts {
			return envOpts{config: func(c *checkout.Config) { c.Sellers = profileOverride{c.Sellers, "profile_test_sandboxagent"} }}
		}},
		{name: "amount above max_amount", code: "payment_token_rejected", token: true, opts: func(*envHolder) envOpts {
			return envOpts{config: func(c *checkout.Config) { c.Tokens = shortTokens{c.Tokens} }}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &envHolder{}
			h.e = newEnv(t, tt.opts(h))
			e := h.e
			p := e.product(1000, 4000)
			qty := max(tt.qty, 1)
			out, err := e.buy(p.ID, qty)
			switch {
			case tt.pending:
				if err != nil || out.Status != checkout.StatusPending {
					t.Fatalf("outcome %+v, %v; want pending", out, err)
				}
				if !e.allTokensDeactivated() {
					t.Errorf("the token of a pending purchase is still usable: %+v", e.sb.Stripe.Tokens())
				}
			case tt.code == "":
				if err != nil || out.Status != checkout.StatusCompleted {
					t.Fatalf("outcome %+v, %v; want completed", out, err)
				}
			default:
				if err == nil {
					t.Fatalf("outcome %s (order %+v), want refusal %s", out.Status, out.Order, tt.code)
				}
				ref := wantRefusal(t, err, tt.code)
				if ref.OrderID != "" {
					o, err := e.st.Order(context.Background(), e.customer, ref.OrderID)
					if err != nil || o.Status != store.OrderFailed || o.FailureCode != string(tt.code) || o.FailureParams == "" || o.FailureReason != "" {
						t.Errorf("order %+v (%v), want failed with code %s and its parameters", o, err, tt.code)
					} else if got := checkout.RecordedRefusal(o.FailureCode, o.FailureParams, o.FailureReason, o.ID); got.Params != ref.Params {
						t.Errorf("order records %+v, want %+v", got.Params, ref.Params)
					}
				}
			}
			if got := e.succeeded(); got != tt.charged {
				t.Errorf("%d succeeded PaymentIntents, want %d", got, tt.charged)
			}
			toks := e.sb.Stripe.Tokens()
			if tt.token != (len(toks) > 0) {
				t.Errorf("%d tokens issued, want issued=%v", len(toks), tt.token)
			}
			if tt.code != "" && !e.allTokensDeactivated() {
				t.Errorf("a token is still usable after the refusal: %+v", toks)
			}
			if strings.Contains(e.logs.String(), "spt_") {
				t.Error("a token id reached the log")
			}
		})
	}
}

type envHolder struct{ e *env }

func plain(*envHolder) envOpts { return envOpts{} }

func sellerOnly(f fault) func(string, http.Handler) http.Handler {
	wrap := inject(f)
	return func(_ string, h http.Handler) http.Handler { return wrap(h) }
}

func sellerFault(f fault) func(*envHolder) envOpts {
	return func(*envHolder) envOpts {
		return envOpts{sandbox: sandbox.Options{SellerMiddleware: sellerOnly(f)}}
	}
}

func stripeFault(f fault) func(*envHolder) envOpts {
	return func(*envHolder) envOpts {
		return envOpts{sandbox: sandbox.Options{StripeMiddleware: inject(f)}}
	}
}

// A seller that is still completing (it has charged, but not yet recorded the order)
// when the saga gives up waiting must not be reported as "nothing was charged": the
// purchase stays pending, and recovery records the order once the seller has.
func TestSellerStillCompletingStaysPending(t *testing.T) {
	release, charged := make(chan struct{}), make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	// Stripe charges at once; the seller then takes a long time to record the order.
	slowAfterCharge := fault{"POST", "/v1/payment_intents", func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		next.ServeHTTP(w, r)
		once.Do(func() { close(charged) })
		<-release
	}}
	// The seller goes on with the complete after the saga stops waiting for it; the saga
	// gives up on a complete only once the seller has charged.
	detached := fault{"POST", "/complete", func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next.ServeHTTP(httptestDiscard{}, r.WithContext(context.WithoutCancel(r.Context())))
		}()
		select { // a seller that never charges fails the test below instead of hanging it
		case <-charged:
		case <-time.After(10 * time.Second):
		}
		<-r.Context().Done()
	}}
	e := newEnv(t, envOpts{
		sandbox: sandbox.Options{StripeMiddleware: inject(slowAfterCharge), SellerMiddleware: sellerOnly(detached)},
		config:  func(c *checkout.Config) { c.Sellers = timedCompletes{c.Sellers, completeTimeout} },
	})
	out, err := e.buy(e.product(1000, 4000).ID, 1)
	close(release)
	wg.Wait()
	if err != nil || out.Status != checkout.StatusPending || out.Order == nil || out.Order.Status != store.OrderPending {
		t.Fatalf("outcome %+v, %v; want pending", out, err)
	}
	if n := e.succeeded(); n != 1 {
		t.Fatalf("%d succeeded PaymentIntents, want the seller's 1", n)
	}
	e.recoverCompletes(out.Order.ID)
}

// recoverCompletes runs recovery and fails the test unless it completes one purchase,
// the one of order orderID.
func (e *env) recoverCompletes(orderID string) {
	e.t.Helper()
	ctx := context.Background()
	rep, err := e.service().Recover(ctx, 0)
	if err != nil || rep.Completed != 1 {
		e.t.Fatalf("recover = %+v, %v; want 1 completed", rep, err)
	}
	o, err := e.st.Order(ctx, e.customer, orderID)
	if err != nil || o.Status != store.OrderCompleted {
		e.t.Errorf("order %+v, %v; want completed", o, err)
	}
}

// A seller's message is untrusted text; one that quotes the payment token must not put
// the token in front of the model.
func TestSellerMessageQuotingTokenIsMasked(t *testing.T) {
	quoteToken := fault{"POST", "/complete", func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		token := completeToken(r)
		if !strings.HasPrefix(token, "spt_") {
			t.Errorf("completion request carries token %q; the test needs a real one", token)
		}
		get := httptest.NewRequest("GET", strings.TrimSuffix(r.URL.Path, "/complete"), nil)
		get.Header = r.Header.Clone()
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, get)
		var sess map[string]any
		json.Unmarshal(rec.Body.Bytes(), &sess)
		sess["messages"] = []map[string]any{{"type": "error", "code": "processing_error", "content_type": "plain",
			"content": "Could not charge " + token + " right now"}}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(sess)
	}}
	e := newEnv(t, envOpts{sandbox: sandbox.Options{SellerMiddleware: sellerOnly(quoteToken)}})
	_, err := e.buy(e.product(1000, 4000).ID, 1)
	ref := wantRefusal(t, err, "seller_not_ready")
	if msg := ref.Params.SellerMessage; strings.Contains(msg, "spt_") || !strings.Contains(msg, "Could not charge") {
		t.Errorf("refusal %+v: want the seller's message without the token", ref.Params)
	}
	if !e.allTokensDeactivated() {
		t.Error("the token is still usable")
	}
}

// deadTokens issues tokens that come back already deactivated.
type deadTokens struct{ checkout.Tokens }

func (d deadTokens) Issue(ctx context.Context, r checkout.TokenRequest) (checkout.Token, error) {
	tok, err := d.Tokens.Issue(ctx, r)
	if err == nil {
		tok.Status = checkout.TokenDeactivated
	}
	return tok, err
}

func TestPurchaseTokenIssuedDeactivated(t *testing.T) {
	e := newEnv(t, envOpts{config: func(c *checkout.Config) { c.Tokens = deadTokens{c.Tokens} }})
	_, err := e.buy(e.product(1000, 4000).ID, 1)
	wantRefusal(t, err, "payment_method_unusable")
	if e.succeeded() != 0 || !e.allTokensDeactivated() {
		t.Errorf("charged %d times; tokens %+v", e.succeeded(), e.sb.Stripe.Tokens())
	}
}

// completeToken returns the payment token a checkout completion request carries,
// leaving the request's body to be read again.
func completeToken(r *http.Request) string {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	var req struct {
		PaymentData struct {
			Instrument struct{ Credential struct{ Token string } }
		} `json:"payment_data"`
	}
	json.Unmarshal(body, &req)
	return req.PaymentData.Instrument.Credential.Token
}

// Stripe makes the seller's charge but the reply is lost (the seller sees a 500): the
// outcome is unknown to the seller and to us. The purchase must never end "nothing
// was charged" while Stripe holds a payment for it, and is never paid twice: a retry
// settles the charge made (the seller repeats it with its key, Stripe replays it);
// while replies stay lost the purchase is pending, and recovery — or the person's
// cancellation of the pending order — records the order once the seller can tell.
func TestChargeReplyLost(t *testing.T) {
	tests := []struct {
		name   string
		lose   int // replies lost; -1: until the test restores them
		status checkout.OutcomeStatus
		cancel bool // the pending order is canceled instead of recovered
	}{
		{name: "first reply lost", lose: 1, status: checkout.StatusCompleted},
		{name: "replies lost until recovery", lose: -1, status: checkout.StatusPending},
		{name: "replies lost, then the order is canceled", lose: -1, status: checkout.StatusPending, cancel: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			lose := tc.lose
			lost := fault{"POST", "/v1/payment_intents", func(w http.ResponseWriter, r *http.Request, next http.Handler) {
				mu.Lock()
				drop := lose != 0
				if lose > 0 {
					lose--
				}
				mu.Unlock()
				if !drop {
					next.ServeHTTP(w, r)
					return
				}
				next.ServeHTTP(httptestDiscard{}, r)
				status(500, `{"error":{"type":"api_error","message":"lost"}}`)(w, r, next)
			}}
			e := newEnv(t, envOpts{sandbox: sandbox.Options{StripeMiddleware: inject(lost), SellerTimeout: 2 * time.Second}})
			ctx := context.Background()
			p := e.product(1000, 4000)
			out, err := e.buy(p.ID, 1)
			if err != nil || out.Status != tc.status || out.Order == nil {
				t.Fatalf("outcome %+v, %v; want %s", out, err, tc.status)
			}
			if n := e.succeeded(); n != 1 {
				t.Fatalf("%d succeeded PaymentIntents, want 1", n)
			}
			mu.Lock()
			lose = 0
			mu.Unlock()
			switch {
			case tc.cancel:
				// Paid meanwhile: the order is recorded, and the cancellation says so.
				_, err := e.cancel(out.Order.ID, "")
				wantRefusal(t, err, checkout.RefusalCompletedMeanwhile)
			case tc.status == checkout.StatusPending:
				e.recoverCompletes(out.Order.ID)
			}
			if o, err := e.st.Order(ctx, e.customer, out.Order.ID); err != nil || o.Status != store.OrderCompleted {
				t.Errorf("order %+v, %v; want completed", o, err)
			}
			if n := e.succeeded(); n != 1 {
				t.Errorf("%d succeeded PaymentIntents in the end, want 1", n)
			}
		})
	}
}
