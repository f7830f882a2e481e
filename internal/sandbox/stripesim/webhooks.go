package stripesim

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Webhook events. Stripe posts an event to each registered endpoint when something
// happens on the account; the emulator does the same for the setup-mode Checkout
// Sessions it serves: checkout.session.completed when the person completes a setup
// page, checkout.session.expired when an open one lapses. Each is signed as Stripe
// signs them: the Stripe-Signature header "t=<unix time>,v1=<hex HMAC-SHA256 of
// "<t>.<body>" keyed with the endpoint's secret>". Like Stripe, the emulator retries an
// event that was not answered 2xx, with exponential backoff (Webhook.Retry, doubled
// after each failure, at most maxDeliveries tries), and delivers in no guaranteed
// order. Deliveries never hold anything else up: at most maxInFlight posts run at
// once, each bounded by the client's timeout (DefaultWebhookTimeout), in goroutines
// of their own, so a slow or dead endpoint delays only its own events, never the
// expiry of sessions or the answers of the API.

// Webhook is the endpoint the emulator sends its events to.
type Webhook struct {
	URL    string // e.g. http://127.0.0.1:8080/stripe/webhook
	Secret string // the endpoint's signing secret, whsec_…
	// Now is the clock of the signatures' timestamps and of the retries' backoff; nil
	// means time.Now. The receiver checks the timestamps against its own clock (5
	// minutes' tolerance), so it is wall time even when the emulator runs on a test
	// clock.
	Now func() time.Time
	// Client posts the events; nil means a client with a DefaultWebhookTimeout timeout.
	Client *http.Client
	// Retry is the wait before an event's first retry, doubled after each failed try
	// (at most maxRetryWait); zero means DefaultWebhookRetry.
	Retry time.Duration
}

// Delivery limits.
const (
	maxDeliveries         = 10               // tries of one event
	maxInFlight           = 4                // posts running at once
	maxRetryWait          = 10 * time.Minute // the longest wait between two tries
	DefaultWebhookTimeout = 3 * time.Second  // one try's timeout
	DefaultWebhookRetry   = time.Second      // the wait before the first retry
)

// pendingEvent is an event not yet acknowledged by the endpoint.
type pendingEvent struct {
	body     []byte
	attempts int
	next     time.Time // not tried before (webhook clock)
	inFlight bool
}

// SetWebhook registers the endpoint to send events to; events of sessions that change
// from now on are queued for it (Run or Deliver sends them). A zero Webhook stops
// sending, and drops what is queued.
func (s *Server) SetWebhook(w Webhook) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = w
	if w.URL == "" {
		s.pending = nil
	}
}

// queueSessionEvent queues typ (checkout.session.completed or .expired) for cs, when
// an endpoint is registered. The caller holds s.mu.
func (s *Server) queueSessionEvent(typ string, cs *checkoutSession) {
	if s.webhook.URL == "" {
		return
	}
	now := s.now().Unix()
	body, err := json.Marshal(map[string]any{
		"id": newID("evt_"), "object": "event", "api_version": eventAPIVersion, "created": now, "livemode": false,
		"pending_webhooks": 1, "request": map[string]any{"id": nil, "idempotency_key": nil}, "type": typ,
		"data": map[string]any{"object": s.sessionView(cs, nil)},
	})
	if err != nil {
		return
	}
	s.pending = append(s.pending, &pendingEvent{body: body})
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// eventAPIVersion is the API version the emulator's events claim.
const eventAPIVersion = "2025-09-30.clover"

// refreshSession expires cs when its time has come, queuing its expired event. The
// caller holds s.mu.
func (s *Server) refreshSession(cs *checkoutSession, now time.Time) {
	if cs.refresh(now) {
		s.queueSessionEvent("checkout.session.expired", cs)
	}
}

// ExpireSessions expires every open session whose time has come, queuing their
// events: Stripe expires sessions on time, not when they are next read.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for _, cs := range s.sessions {
		s.refreshSession(cs, now)
	}
}

// Deliver posts the queued events that are due to the webhook endpoint, each signed,
// at most maxInFlight at once, and waits for those posts; an event not answered 2xx
// stays queued until its backoff has passed (at most maxDeliveries tries). Events
// being posted by Run meanwhile are left to it. It returns how many were delivered.
func (s *Server) Deliver(ctx context.Context) int {
	results := s.dispatch(ctx)
	delivered := 0
	for ok := range results {
		if ok {
			delivered++
		}
	}
	return delivered
}

// dispatch starts a post for each queued event that is due and not being posted, as
// long as fewer than maxInFlight run, and returns a channel that yields each post's
// outcome and is closed after the last.
func (s *Server) dispatch(ctx context.Context) <-chan bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.webhook
	var due []*pendingEvent
	if w.URL != "" {
		now := webhookNow(w)
		for _, ev := range s.pending {
			if s.inFlight+len(due) >= maxInFlight {
				break
			}
			if !ev.inFlight && !ev.next.After(now) {
				due = append(due, ev)
			}
		}
	}
	results := make(chan bool, len(due))
	if len(due) == 0 {
		close(results)
		return results
	}
	s.inFlight += len(due)
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: DefaultWebhookTimeout}
	}
	var wg sync.WaitGroup
	for _, ev := range due {
		ev.inFlight = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok := post(ctx, client, w, webhookNow(w), ev.body)
			s.delivered(w, ev, ok)
			results <- ok
		}()
	}
	go func() { wg.Wait(); close(results) }()
	return results
}

// delivered records the outcome of a post of ev to w: acknowledged, it leaves the
// queue; refused or unanswered, it is tried again after its backoff, unless it has
// had its tries or the endpoint changed meanwhile (SetWebhook dropped it).
func (s *Server) delivered(w Webhook, ev *pendingEvent, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight--
	ev.inFlight = false
	ev.attempts++
	if !ok && ev.attempts < maxDeliveries {
		wait := w.Retry
		if wait <= 0 {
			wait = DefaultWebhookRetry
		}
		for i := 1; i < ev.attempts && wait < maxRetryWait; i++ {
			wait *= 2
		}
		ev.next = webhookNow(w).Add(min(wait, maxRetryWait))
		select { // Run looks again: another event may now fit in flight
		case s.kick <- struct{}{}:
		default:
		}
		return
	}
	for i, p := range s.pending {
		if p == ev {
			s.pending = append(s.pending[:i:i], s.pending[i+1:]...)
			break
		}
	}
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// webhookNow is the webhook's clock.
func webhookNow(w Webhook) time.Time {
	if w.Now != nil {
		return w.Now()
	}
	return time.Now()
}

// post sends one signed event; it reports whether the endpoint answered 2xx.
func post(ctx context.Context, client *http.Client, w Webhook, at time.Time, body []byte) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
	req.Header.Set("Stripe-Signature", Signature(w.Secret, at, body))
	res, err := client.Do(req)
	if err != nil {
		return false
	}
	res.Body.Close()
	return res.StatusCode/100 == 2
}

// Signature is the Stripe-Signature header Stripe sends with body at time at, for an
// endpoint whose signing secret is secret.
func Signature(secret string, at time.Time, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", at.Unix())
	mac.Write(body)
	return fmt.Sprintf("t=%d,v1=%s", at.Unix(), hex.EncodeToString(mac.Sum(nil)))
}

// Run expires sessions on time (every second) and starts the posts of queued events
// that are due (at once when one is queued or a post ends, and every second), until
// ctx ends. It never waits for a post.
func (s *Server) Run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.ExpireSessions()
		case <-s.kick:
		}
		s.dispatch(ctx)
	}
}
