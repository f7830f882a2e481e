package hosted

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
)

// TestRefusals checks every refusal for a limit the hosted server sends (429, and
// 503 for the server's stream cap), on a POST and on a GET where both can be
// refused: Retry-After in whole seconds, at least 1, from the limiter's own time for
// the rate limits; a body naming the limit (data.limit of the JSON-RPC error of a
// POST, "(limit: …)" in the text of any other); and no WWW-Authenticate challenge,
// not even for the refused-authentication limit.
func TestRefusals(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	// requests: a burst of 1, then one per 100 s; or 4 per second (250 ms: Retry-After 1).
	requests := func(perSecond float64) Config {
		return Config{Stateless: true, Requests: ratelimit.New(ratelimit.Config{PerSecond: perSecond, Burst: 1, Now: clock})}
	}
	spendRequest := func(t *testing.T, ts *testServer) {
		drain(t, ts.do(t, http.MethodPost, PathMCP, tokenA, pingBody, nil), http.StatusOK)
	}
	// auth failures: a burst of 1, then one per 2.5 s (Retry-After 3), or 4 per second.
	authFailures := func(perSecond float64) Config {
		return Config{Stateless: true, AuthFailures: ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: perSecond, Burst: 1, Now: clock})}
	}
	spendAuth := func(t *testing.T, ts *testServer) {
		drain(t, ts.do(t, http.MethodPost, PathMCP, "tok_wrong", pingBody, nil), http.StatusUnauthorized)
	}
	openListen := func(t *testing.T, ts *testServer) {
		streaming(t, ts.do(t, http.MethodPost, PathMCP, tokenA, listenBody, modernHeaders("subscriptions/listen")))
	}
	for _, tc := range []struct {
		name   string
		cfg    Config
		spend  func(t *testing.T, ts *testServer) // brings the limit to its edge
		method string
		token  string
		body   string
		header map[string]string
		status int
		retry  string
		limit  string
		id     string // the JSON-RPC error's id (POST)
	}{
		{name: "request rate, POST", cfg: requests(0.01), spend: spendRequest, method: http.MethodPost, token: tokenA, body: `{"jsonrpc":"2.0","id":3,"method":"ping"}`,
			status: http.StatusTooManyRequests, retry: "100", limit: limitRequests, id: "3"},
		{name: "request rate, GET", cfg: requests(0.01), spend: spendRequest, method: http.MethodGet, token: tokenA,
			status: http.StatusTooManyRequests, retry: "100", limit: limitRequests},
		{name: "request rate, under a second rounds up to 1", cfg: requests(4), spend: spendRequest, method: http.MethodPost, token: tokenA, body: pingBody,
			status: http.StatusTooManyRequests, retry: "1", limit: limitRequests, id: "2"},
		{name: "refused authentications, POST", cfg: authFailures(0.4), spend: spendAuth, method: http.MethodPost, token: "tok_wrong", body: `{"jsonrpc":"2.0","id":"x","method":"ping"}`,
			status: http.StatusTooManyRequests, retry: "3", limit: limitAuthFailures, id: "null"},
		{name: "refused authentications, GET", cfg: authFailures(0.4), spend: spendAuth, method: http.MethodGet, token: "tok_wrong",
			status: http.StatusTooManyRequests, retry: "3", limit: limitAuthFailures},
		{name: "refused authentications, under a second rounds up to 1", cfg: authFailures(4), spend: spendAuth, method: http.MethodGet, token: "tok_wrong",
			status: http.StatusTooManyRequests, retry: "1", limit: limitAuthFailures},
		{name: "streams of a customer, GET", cfg: Config{MaxStreams: 1}, spend: func(t *testing.T, ts *testServer) { streaming(t, openStream(t, ts, tokenA)) },
			method: http.MethodGet, token: tokenA, header: map[string]string{"Accept": "text/event-stream"},
			status: http.StatusTooManyRequests, retry: "30", limit: limitStreams},
		{name: "streams of a customer, listen", cfg: Config{MaxStreams: 1}, spend: openListen,
			method: http.MethodPost, token: tokenA, body: listenBody, header: modernHeaders("subscriptions/listen"),
			status: http.StatusTooManyRequests, retry: "30", limit: limitStreams, id: "9"},
		{name: "streams in all (503)", cfg: Config{MaxStreams: 2, MaxStreamsTotal: 1}, spend: openListen,
			method: http.MethodPost, token: tokenB, body: listenBody, header: modernHeaders("subscriptions/listen"),
			status: http.StatusServiceUnavailable, retry: "30", limit: limitStreamsTotal, id: "9"},
		{name: "POSTs in flight", cfg: Config{MaxInflight: 1}, spend: holdInflight, method: http.MethodPost, token: tokenA, body: `{"jsonrpc":"2.0","id":4,"method":"ping"}`,
			status: http.StatusTooManyRequests, retry: "1", limit: limitInflight, id: "null"}, // refused before its body is read
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, tc.cfg)
			ts.h.now = clock
			tc.spend(t, ts)
			resp := ts.do(t, tc.method, PathMCP, tc.token, tc.body, tc.header)
			defer resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if ra := resp.Header.Get("Retry-After"); ra != tc.retry {
				t.Errorf("Retry-After %q, want %q", ra, tc.retry)
			}
			if wa := resp.Header.Values("WWW-Authenticate"); len(wa) > 0 {
				t.Errorf("WWW-Authenticate %q on a refusal for a limit", wa)
			}
			if tc.method != http.MethodPost {
				body, _ := io.ReadAll(resp.Body)
				if !strings.Contains(string(body), "(limit: "+tc.limit+")") {
					t.Errorf("body %q does not name the limit %s", body, tc.limit)
				}
				return
			}
			id, code, msg, data := rpcErrorOf(t, resp)
			if string(id) != tc.id || code != rateLimitedCode || msg == "" {
				t.Errorf("id %s code %d %q; want id %s, code %d", id, code, msg, tc.id, rateLimitedCode)
			}
			if data["limit"] != tc.limit || data["retryAfterSeconds"] != mustFloat(t, tc.retry) {
				t.Errorf("data %v, want limit %s, retryAfterSeconds %s", data, tc.limit, tc.retry)
			}
		})
	}
}

// holdInflight starts a POST of customer A whose body never ends, and waits until it
// holds its in-flight slot; the POST ends with the test.
func holdInflight(t *testing.T, ts *testServer) {
	t.Helper()
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	req, _ := http.NewRequest(http.MethodPost, ts.URL+PathMCP, pr)
	req.Header.Set("Authorization", "Bearer "+tokenA)
	req.Header.Set("Content-Type", "application/json")
	go func() {
		if resp, err := ts.Client().Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}()
	if _, err := pw.Write([]byte(`{"jsonrpc":"2.0",`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { n, _ := ts.h.posts.counts("cus_alice"); return n == 1 })
}

// drain reads and closes resp, checking its status.
func drain(t *testing.T, resp *http.Response, want int) {
	t.Helper()
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("status %d, want %d", resp.StatusCode, want)
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
