package stripesim

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

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

	// A wrong secret: refused (400), kept, retried, then dropped.
	f.sb.SetWebhook(Webhook{URL: hook.URL + stripehook.Path, Secret: "whsec_wrong"})
	f.clock.Advance(-25 * time.Hour)
	complete(session())
	for i := range maxDeliveries {
		if n := f.sb.Deliver(ctx); n != 0 {
			t.Fatalf("try %d: %d delivered with a wrong secret", i, n)
		}
	}
	f.sb.mu.Lock()
	left := len(f.sb.pending)
	f.sb.mu.Unlock()
	if left != 0 || len(rec.got()) != 2 {
		t.Fatalf("%d events still queued after %d tries, route told %v", left, maxDeliveries, rec.got())
	}
}
