package hosted

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// countingAuthenticate is fakeAuthenticate counting its lookups: the token store's
// work.
func countingAuthenticate(n *atomic.Int64) func(context.Context, string) (string, error) {
	return func(ctx context.Context, secret string) (string, error) {
		n.Add(1)
		return fakeAuthenticate(ctx, secret)
	}
}

// TestAuthFailureLimit checks that a client address with too many refused
// authentications gets 429 with Retry-After before its token is looked up, whatever
// the token (a good one from the same address too: a NAT shared with the flood);
// that successful authentications count nothing; that other addresses are not held
// back; that IPv6 addresses count by /64 and IPv4-mapped ones as IPv4; that the
// health check and metadata are not limited; and that the refusals are logged once,
// without a token.
func TestAuthFailureLimit(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	// 3 refusals at once, then one per 100 s: nothing refills during the test.
	lim := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 3, Now: func() time.Time { return now }})
	var lookups atomic.Int64
	ts := newTestServer(t, Config{Stateless: true, AuthFailures: lim, Authenticate: countingAuthenticate(&lookups)})
	handler := ts.h.Handler()
	steps := []struct {
		name   string
		addr   string // the connection's remote address
		method string
		path   string
		token  string
		times  int // 1 when 0
		want   int
		lookup bool // the token is looked up
	}{
		{name: "good tokens count nothing", addr: "10.0.0.1:4000", token: tokenA, times: 10, want: http.StatusOK, lookup: true},
		{name: "no token", addr: "10.0.0.1:4001", want: http.StatusUnauthorized},
		{name: "wrong tokens up to the burst", addr: "10.0.0.1:4002", token: "tok_wrong", times: 2, want: http.StatusUnauthorized, lookup: true},
		{name: "wrong token over the limit", addr: "10.0.0.1:4003", token: "tok_wrong", times: 5, want: http.StatusTooManyRequests},
		{name: "no token over the limit", addr: "10.0.0.1:4004", want: http.StatusTooManyRequests},
		{name: "good token from the same address", addr: "10.0.0.1:4005", token: tokenA, want: http.StatusTooManyRequests},
		{name: "GET over the limit", addr: "10.0.0.1:4006", method: http.MethodGet, token: "tok_wrong", want: http.StatusTooManyRequests},
		{name: "IPv4-mapped IPv6 is the same address", addr: "[::ffff:10.0.0.1]:4007", token: tokenA, want: http.StatusTooManyRequests},
		{name: "health check not limited", addr: "10.0.0.1:4008", method: http.MethodGet, path: PathHealth, want: http.StatusOK},
		{name: "metadata not limited", addr: "10.0.0.1:4009", method: http.MethodGet, path: "/.well-known/oauth-protected-resource/mcp", want: http.StatusOK},
		{name: "good token from another address", addr: "10.0.0.2:4000", token: tokenB, want: http.StatusOK, lookup: true},
		{name: "wrong token from another address", addr: "10.0.0.2:4001", token: "tok_wrong", want: http.StatusUnauthorized, lookup: true},
		{name: "token store down is not a refusal", addr: "10.0.0.3:4000", token: tokenDown, times: 5, want: http.StatusServiceUnavailable, lookup: true},
		{name: "IPv6 wrong tokens up to the burst", addr: "[2001:db8::1]:4000", token: "tok_wrong", times: 3, want: http.StatusUnauthorized, lookup: true},
		{name: "IPv6 same /64 over the limit", addr: "[2001:db8::ffff:2]:4000", token: tokenA, want: http.StatusTooManyRequests},
		{name: "IPv6 another /64", addr: "[2001:db8:0:1::1]:4000", token: tokenA, want: http.StatusOK, lookup: true},
	}
	for _, s := range steps {
		method, path := s.method, s.path
		if method == "" {
			method = http.MethodPost
		}
		if path == "" {
			path = PathMCP
		}
		for i := range max(1, s.times) {
			before := lookups.Load()
			body := ""
			if method == http.MethodPost {
				body = pingBody
			}
			req := httptest.NewRequest(method, ts.URL+path, strings.NewReader(body))
			req.RemoteAddr = s.addr
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json, text/event-stream")
			if s.token != "" {
				req.Header.Set("Authorization", "Bearer "+s.token)
			}
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, req)
			if w.Code != s.want {
				t.Errorf("%s (%d): status %d, want %d", s.name, i, w.Code, s.want)
			}
			if looked := lookups.Load() != before; looked != s.lookup {
				t.Errorf("%s (%d): token looked up %v, want %v", s.name, i, looked, s.lookup)
			}
			if s.want != http.StatusTooManyRequests {
				continue
			}
			if ra := w.Header().Get("Retry-After"); ra != "100" {
				t.Errorf("%s: Retry-After %q, want 100", s.name, ra)
			}
			if method == http.MethodPost {
				id, code, msg, data := rpcErrorOf(t, w.Result())
				if string(id) != "null" || code != rateLimitedCode || !strings.Contains(msg, "Try again in 100 seconds") || data["retryAfterSeconds"] != 100.0 {
					t.Errorf("%s: id %s code %d %q %v", s.name, id, code, msg, data)
				}
			}
		}
	}
	if !logShowsLine(ts, `rpc_error="too many refused authentications"`) {
		t.Errorf("no call log line for a refusal:\n%s", ts.log.String())
	}
	log := ts.log.String()
	if n := strings.Count(log, "too many refused authentications (missing or wrong bearer tokens)"); n != 1 {
		t.Errorf("%d warnings, want 1:\n%s", n, log)
	}
	for _, secret := range []string{tokenA, tokenB, "tok_wrong", "10.0.0.1", "2001:db8"} {
		if strings.Contains(log, secret) {
			t.Errorf("%q reached the log", secret)
		}
	}
}

// TestAuthFloodOverHTTP floods a served endpoint with wrong tokens from one address
// over real connections, and checks that only the burst reaches the token store.
func TestAuthFloodOverHTTP(t *testing.T) {
	var lookups atomic.Int64
	ts := newTestServer(t, Config{AuthFailures: ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 20}),
		Authenticate: countingAuthenticate(&lookups)})
	counts := map[int]int{}
	for range 500 {
		resp := ts.do(t, http.MethodPost, PathMCP, "tok_wrong", pingBody, nil)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		counts[resp.StatusCode]++
	}
	if counts[http.StatusUnauthorized] != 20 || counts[http.StatusTooManyRequests] != 480 || lookups.Load() != 20 {
		t.Errorf("statuses %v after %d lookups; want 20 401s and lookups, then 480 429s", counts, lookups.Load())
	}
}

// TestClientKey checks which client address a connection's peer counts as.
func TestClientKey(t *testing.T) {
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.7:55000", "192.0.2.7"},
		{"[::ffff:192.0.2.7]:55000", "192.0.2.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"[::1]:80", "::/64"},
		{"@", "@"}, // not host:port (a unix socket's peer)
	} {
		if got := clientKey(tc.remote); got != tc.want {
			t.Errorf("clientKey(%q) = %q, want %q", tc.remote, got, tc.want)
		}
	}
}

// TestConnectionCap checks, over plain HTTP and TLS, that with MaxConns open
// connections the one more is not served until one of them closes, and that Serve
// still shuts down while an Accept waits.
func TestConnectionCap(t *testing.T) {
	certFile, keyFile, cert := selfSigned(t, t.TempDir())
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	for _, tc := range []struct {
		name string
		tls  bool
	}{{name: "plain"}, {name: "tls", tls: true}} {
		t.Run(tc.name, func(t *testing.T) {
			var log syncbuf.Buffer
			c := Config{MaxConns: 2, Authenticate: fakeAuthenticate, Log: slog.New(slog.NewTextHandler(&log, nil))}
			if tc.tls {
				c.TLSCert, c.TLSKey = certFile, keyFile
			}
			h, err := New(testMCP(nil, nil), c)
			if err != nil {
				t.Fatal(err)
			}
			ctx, stop := context.WithCancel(context.Background())
			addr := make(chan net.Addr, 1)
			served := make(chan error, 1)
			go func() { served <- h.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addr <- a }) }()
			base := "http://" + (<-addr).String()
			if tc.tls {
				base = "https://" + strings.TrimPrefix(base, "http://")
			}
			// Each client has a connection of its own, kept open after its answer.
			client := func() *http.Client {
				return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
			}
			get := func(c *http.Client) (int, error) {
				resp, err := c.Get(base + PathHealth)
				if err != nil {
					return 0, err
				}
				defer resp.Body.Close()
				_, _ = io.Copy(io.Discard, resp.Body)
				return resp.StatusCode, nil
			}
			c1, c2, c3 := client(), client(), client()
			for i, c := range []*http.Client{c1, c2} {
				if code, err := get(c); code != http.StatusOK {
					t.Fatalf("connection %d: %d %v", i+1, code, err)
				}
			}
			third := make(chan int, 1)
			go func() {
				code, err := get(c3)
				if err != nil {
					t.Error(err)
				}
				third <- code
			}()
			select {
			case code := <-third:
				t.Fatalf("the connection over the cap was served (%d) while two were open", code)
			case <-time.After(300 * time.Millisecond):
			}
			c1.CloseIdleConnections()
			select {
			case code := <-third:
				if code != http.StatusOK {
					t.Errorf("the waiting connection got %d, want 200", code)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the waiting connection was not served after one closed")
			}
			// Both slots are taken again (c2, c3); a fourth waits in Accept while
			// shutdown runs.
			go func() {
				resp, err := client().Get(base + PathHealth)
				if err == nil {
					resp.Body.Close()
				}
			}()
			time.Sleep(50 * time.Millisecond)
			stop()
			select {
			case err := <-served:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("Serve did not return")
			}
		})
	}
}
