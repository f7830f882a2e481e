package stripesim

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/stripehook"
)

// hookRecorder is the agent's webhook route (stripehook's Handler, which verifies the
// Stripe-Signature with stripe-go) recording the sessions it was told about.
type hookRecorder struct {
	mu       sync.Mutex
	sessions []string
}

func (h *hookRecorder) sync(_ context.Context, id string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sessions = append(h.sessions, id)
	return nil
}

func (h *hookRecorder) got() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.sessions...)
}

// apiPost calls the emulator's API as the agent and decodes the answer's id.
func (f *fixture) apiPost(t *testing.T, path string, form url.Values) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Authorization", "Bearer "+agentKey)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ ID string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK || out.ID == "" {
		t.Fatalf("POST %s: %d %+v %v", path, res.StatusCode, out, err)
	}
	return out.ID
}

// TestWebhookEvents: with an endpoint registered, completing a setup page sends
// checkout.session.completed and a page that lapses sends checkout.session.expired,
// each signed so that the agent's route (stripe-go's verification) accepts it; an
// event the endpoint refuses (a wrong secret here) is kept and sent again, at most
// maxDeliveries times; without an endpoint nothing is queued.
func TestWebhookEvents(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, Options{})
	pages := httptest.NewServer(f.sb.SetupPage())
	t.Cleanup(pages.Close)
	f.sb.SetPageURL(pages.URL)
	rec := &hookRecorder{}
	const secret = "whsec_test_secret"
	hook := httptest.NewServer(stripehook.Handler(secret, rec.sync, slog.New(slog.DiscardHandler)))
	t.Cleanup(hook.Close)

	customer := f.apiPost(t, "/v1/customers", url.Values{"email": {"a@example.com"}})
	session := func() string {
		return f.apiPost(t, "/v1/checkout/sessions", url.Values{"mode": {"setup"}, "customer": {customer}, "success_url": {"https://agent.example/done"}})
	}
	complete := func(id string) {
		t.Helper()
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.PostForm(pages.URL+"/c/setup/"+id, url.Values{"card": {"pm_card_visa"}})
		if err != nil || res.StatusCode != http.StatusSeeOther {
			t.Fatalf("complete %s: %v %v", id, res, err)
		}
		res.Body.Close()
	}

	unsent := session()
	complete(unsent) // no endpoint yet: nothing queued
	f.sb.SetWebhook(Webhook{URL: hook.URL + stripehook.Path, Secret: secret})
	if n := f.sb.Deliver(ctx); n != 0 {
		t.Fatalf("%d events delivered from before the endpoint was set", n)
	}

	done, lapsing := session(), session()
	complete(done)
	if n := f.sb.Deliver(ctx); n != 1 {
		t.Fatalf("%d events delivered, want the completion", n)
	}
	f.clock.Advance(25 * time.Hour)
	f.sb.ExpireSessions()
	f.sb.ExpireSessions() // expires once, one event
	if n := f.sb.Deliver(ctx); n != 1 {
		t.Fatalf("%d events delivered, want the expiry", n)
	}
	if got := rec.got(); len(got) != 2 || got[0] != done || got[1] != lapsing {
		t.Fatalf("the route was told of %v, want [%s %s]", got, done, lapsing)
	}

	// A wrong secret: refused (400), kept, retried after a growing wait, then dropped
	// after maxDeliveries tries.
	f.sb.SetWebhook(Webhook{URL: hook.URL + stripehook.Path, Secret: "whsec_wrong", Retry: time.Millisecond})
	f.clock.Advance(-25 * time.Hour)
	complete(session())
	deadline := time.Now().Add(10 * time.Second)
	tries := 0
	for {
		if n := f.sb.Deliver(ctx); n != 0 {
			t.Fatalf("%d delivered with a wrong secret", n)
		}
		f.sb.mu.Lock()
		left := len(f.sb.pending)
		if left > 0 {
			tries = f.sb.pending[0].attempts
		}
		f.sb.mu.Unlock()
		if left == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still queued after %d tries", tries)
		}
		time.Sleep(time.Millisecond)
	}
	if tries != maxDeliveries-1 || len(rec.got()) != 2 {
		t.Fatalf("dropped after %d+1 tries (want %d), route told %v", tries, maxDeliveries, rec.got())
	}
}

// TestWebhookReceiverThatHangs: an endpoint that never answers holds up neither the
// expiry of sessions nor the API: at most maxInFlight posts run at once, each ends
// at the client's timeout, each event is tried again no sooner than its wait, and
// once the endpoint answers again every event arrives.
//
// The posts are counted where the emulator makes them, in its client (a client such
// as the default one, with its timeout, whose transport counts): a post runs from the
// moment the client sends it to the moment the client gives up, and the emulator takes
// its slot back only after that. The endpoint's own count would lag: its handler sees
// a post the client gave up on end only when it notices the closed connection, which
// on a loaded machine can be after the emulator's next post has begun.
func TestWebhookReceiverThatHangs(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := newFixture(t, Options{})
	pages := httptest.NewServer(f.sb.SetupPage())
	t.Cleanup(pages.Close)
	f.sb.SetPageURL(pages.URL)
	var (
		mu   sync.Mutex
		hang = true
		got  = map[string]bool{}
	)
	release := make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := eventKey(r.Body) // read, so that the server notices when the client gives up
		mu.Lock()
		hanging := hang
		mu.Unlock()
		if hanging {
			select { // a dead receiver: never answers while the test runs
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		mu.Lock()
		got[key] = true
		mu.Unlock()
	}))
	t.Cleanup(func() { close(release); hook.Close() })
	posts := &countingTransport{base: http.DefaultTransport, tries: map[string][]try{}}
	const retry = 100 * time.Millisecond
	f.sb.SetWebhook(Webhook{URL: hook.URL, Secret: "whsec_x", Retry: retry, Client: &http.Client{Timeout: DefaultWebhookTimeout, Transport: posts}})
	go f.sb.Run(ctx)

	customer := f.apiPost(t, "/v1/customers", url.Values{"email": {"a@example.com"}})
	var ids []string
	for range 6 {
		ids = append(ids, f.apiPost(t, "/v1/checkout/sessions", url.Values{"mode": {"setup"}, "customer": {customer}, "success_url": {"https://agent.example/done"}}))
	}
	status := func(id string) string {
		f.sb.mu.Lock()
		defer f.sb.mu.Unlock()
		return f.sb.sessions[id].status
	}
	// They lapse now: their events go to the dead endpoint.
	f.clock.Advance(25 * time.Hour)
	f.sb.ExpireSessions()
	for _, id := range ids {
		if status(id) != "expired" {
			t.Fatalf("session %s is %s", id, status(id))
		}
	}
	// More sessions, opened and lapsing while the posts hang: Run expires them on
	// time all the same, and the API answers.
	var later []string
	for range 3 {
		start := time.Now()
		later = append(later, f.apiPost(t, "/v1/checkout/sessions", url.Values{"mode": {"setup"}, "customer": {customer}, "success_url": {"https://agent.example/done"}}))
		if d := time.Since(start); d > time.Second {
			t.Errorf("the API took %v while deliveries hang", d)
		}
	}
	f.clock.Advance(25 * time.Hour) // Run's next tick expires them
	deadline := time.Now().Add(3 * time.Second)
	for _, id := range later {
		for status(id) != "expired" {
			if time.Now().After(deadline) {
				t.Fatalf("session %s still %s 3 s after it lapsed, while deliveries hang", id, status(id))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	time.Sleep(2*DefaultWebhookTimeout + time.Second) // a few rounds of tries against the dead endpoint
	posts.mu.Lock()
	if posts.top > maxInFlight {
		t.Errorf("%d posts at once, want at most %d", posts.top, maxInFlight)
	}
	for key, tries := range posts.tries {
		// The wait after the k-th failed try is retry·2^(k-1), counted from when that
		// try ended: the next try starts no sooner.
		wait := retry
		for i := 1; i < len(tries); i++ {
			if tries[i-1].end.IsZero() {
				t.Errorf("%s: tried again while its try %d was still running", key, i)
			} else if gap := tries[i].start.Sub(tries[i-1].end); gap < wait {
				t.Errorf("%s: try %d began %v after try %d ended, want at least %v", key, i+1, gap, i, wait)
			}
			wait *= 2
		}
	}
	posts.mu.Unlock()
	mu.Lock()
	hang = false // the endpoint comes back
	mu.Unlock()
	deadline = time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n == len(ids)+len(later) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d events arrived after the endpoint came back", n, len(ids)+len(later))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// countingTransport counts the posts of a client: how many run at once (top) and,
// per event, when each try began and ended.
type countingTransport struct {
	base         http.RoundTripper
	mu           sync.Mutex
	running, top int
	tries        map[string][]try // eventKey → its tries, in order
}

// try is one post of an event: end is zero while it runs.
type try struct{ start, end time.Time }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	key := ""
	if body, err := r.GetBody(); err == nil {
		key = eventKey(body)
	}
	c.mu.Lock()
	c.running++
	c.top = max(c.top, c.running)
	c.tries[key] = append(c.tries[key], try{start: time.Now()})
	n := len(c.tries[key]) - 1
	c.mu.Unlock()
	res, err := c.base.RoundTrip(r)
	c.mu.Lock()
	c.running--
	c.tries[key][n].end = time.Now()
	c.mu.Unlock()
	return res, err
}

// eventKey names an event by its type and its object's id.
func eventKey(body io.Reader) string {
	var ev struct {
		Type string
		Data struct{ Object struct{ ID string } }
	}
	json.NewDecoder(body).Decode(&ev)
	return ev.Type + " " + ev.Data.Object.ID
}

// TestWebhookBackoffDoubles: on the webhook's own clock, an event the endpoint refuses
// is tried again only once its wait has passed, the wait doubling after each try
// (Retry, 2·Retry, 4·Retry, … at most maxRetryWait), and is dropped after
// maxDeliveries tries.
func TestWebhookBackoffDoubles(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, Options{})
	var (
		mu    sync.Mutex
		posts int
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		posts++
		mu.Unlock()
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	t.Cleanup(hook.Close)
	posted := func() int { mu.Lock(); defer mu.Unlock(); return posts }
	f.sb.SetPageURL("https://pages.example")
	clock := clocktest.New(time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC))
	const retry = 5 * time.Minute // doubled twice it passes maxRetryWait
	f.sb.SetWebhook(Webhook{URL: hook.URL, Secret: "whsec_x", Now: clock.Now, Retry: retry})
	customer := f.apiPost(t, "/v1/customers", url.Values{"email": {"a@example.com"}})
	f.apiPost(t, "/v1/checkout/sessions", url.Values{"mode": {"setup"}, "customer": {customer}, "success_url": {"https://agent.example/done"}})
	f.clock.Advance(25 * time.Hour)
	f.sb.ExpireSessions() // one event, checkout.session.expired
	wait := retry
	for try := 1; try <= maxDeliveries; try++ {
		if f.sb.Deliver(ctx) != 0 || posted() != try {
			t.Fatalf("try %d: %d posts in all, want %d, none delivered", try, posted(), try)
		}
		if try == maxDeliveries {
			break
		}
		clock.Advance(wait - time.Second)
		if f.sb.Deliver(ctx); posted() != try {
			t.Fatalf("after try %d: tried again %v after it, before its wait of %v", try, wait-time.Second, wait)
		}
		clock.Advance(time.Second)
		wait = min(2*wait, maxRetryWait)
	}
	f.sb.mu.Lock()
	left := len(f.sb.pending)
	f.sb.mu.Unlock()
	clock.Advance(maxRetryWait)
	if f.sb.Deliver(ctx); left != 0 || posted() != maxDeliveries {
		t.Fatalf("after %d tries: %d events queued, %d posts; want the event dropped", maxDeliveries, left, posted())
	}
}
