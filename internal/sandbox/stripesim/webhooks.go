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
	"time"
)

// Webhook events. Stripe posts an event to each registered endpoint when something
// happens on the account; the emulator does the same for the setup-mode Checkout
// Sessions it serves: checkout.session.completed when the person completes a setup
// page, checkout.session.expired when an open one lapses. Each is signed as Stripe
// signs them: the Stripe-Signature header "t=<unix time>,v1=<hex HMAC-SHA256 of
// "<t>.<body>" keyed with the endpoint's secret>". Like Stripe, the emulator retries an
// event that was not answered 2xx (here on each later Deliver, at most maxDeliveries
// times), and delivers in no guaranteed order.

// Webhook is the endpoint the emulator sends its events to.
type Webhook struct {
	URL    string // e.g. http://127.0.0.1:8080/stripe/webhook
	Secret string // the endpoint's signing secret, whsec_…
	// Now is the clock of the signatures' timestamps; nil means time.Now. The receiver
	// checks them against its own clock (5 minutes' tolerance), so it is wall time even
	// when the emulator runs on a test clock.
	Now func() time.Time
	// Client posts the events; nil means a client with a 10-second timeout.
	Client *http.Client
}

// maxDeliveries bounds how often one event is tried.
const maxDeliveries = 10

// pendingEvent is an event not yet acknowledged by the endpoint.
type pendingEvent struct {
	body     []byte
	attempts int
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

// Deliver posts the queued events to the webhook endpoint, each signed; those not
// answered 2xx stay queued for the next Deliver (at most maxDeliveries tries each). It
// returns how many were delivered.
func (s *Server) Deliver(ctx context.Context) int {
	s.mu.Lock()
	w, batch := s.webhook, s.pending
	s.pending = nil
	s.mu.Unlock()
	if w.URL == "" || len(batch) == 0 {
		return 0
	}
	now, client := w.Now, w.Client
	if now == nil {
		now = time.Now
	}
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	var again []*pendingEvent
	delivered := 0
	for _, ev := range batch {
		if post(ctx, client, w, now(), ev.body) {
			delivered++
			continue
		}
		if ev.attempts++; ev.attempts < maxDeliveries {
			again = append(again, ev)
		}
	}
	if len(again) > 0 {
		s.mu.Lock()
		if s.webhook.URL == w.URL {
			s.pending = append(again, s.pending...)
		}
		s.mu.Unlock()
	}
	return delivered
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

// Run expires sessions on time and delivers the queued events, at once when one is
// queued and every second otherwise, until ctx ends.
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
		s.Deliver(ctx)
	}
}
