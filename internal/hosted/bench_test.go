package hosted

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
)

// BenchmarkHandler measures what hosting adds to a 2026-07-28 tools/call served in
// memory (no network): mcp-go's Streamable HTTP handler alone, and the same behind
// the Origin check, the call log (to io.Discard), authentication (a map lookup, not
// the store) and the body limit.
func BenchmarkHandler(b *testing.B) {
	body := `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"whoami","arguments":{},` +
		`"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"b","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}}}`
	bare := server.NewStreamableHTTPServer(testMCP(nil, nil), server.WithStateLess(true))
	h, err := New(testMCP(nil, nil), Config{Stateless: true, PublicURL: "http://127.0.0.1", Authenticate: fakeAuthenticate,
		WithCustomer: withTestCustomer, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"mcp-go", bare}, {"hosted", h.Handler()}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/mcp", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", "application/json, text/event-stream")
				req.Header.Set(mcp.HeaderProtocolVersion, "2026-07-28")
				req.Header.Set(mcp.HeaderMethod, "tools/call")
				req.Header.Set(mcp.HeaderName, "whoami")
				req.Header.Set("Authorization", "Bearer "+tokenA)
				w := httptest.NewRecorder()
				c.h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
	}
}

// BenchmarkRequestGuards measures a 2025-11-25 ping served by the hosted handler in
// memory (stateless): without the request limit and stream caps (the floor), with
// them and a limit high enough that it passes, and refused by an exhausted limit
// (what a flood costs once over the limit).
func BenchmarkRequestGuards(b *testing.B) {
	for _, c := range []struct {
		name   string
		limit  *ratelimit.Limiter
		status int
	}{
		{"floor", nil, http.StatusOK},
		{"guarded", ratelimit.New(ratelimit.Config{PerSecond: 1e9, Burst: 1 << 30}), http.StatusOK},
		{"refused", ratelimit.New(ratelimit.Config{PerSecond: 1e-6, Burst: 1}), http.StatusTooManyRequests},
	} {
		cfg := Config{Stateless: true, PublicURL: "http://127.0.0.1", Authenticate: fakeAuthenticate,
			WithCustomer: withTestCustomer, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		if c.limit != nil {
			cfg.Requests, cfg.MaxStreams, cfg.MaxStreamsTotal = c.limit, 16, 1000
			c.limit.Allow("cus_alice", requestKind) // the refused case's one request
		}
		h, err := New(testMCP(nil, nil), cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) { benchPing(b, h.Handler(), "", tokenA, c.status) })
	}
}

// BenchmarkAuthFailures measures a 2025-11-25 ping served by the hosted handler in
// memory (stateless), authenticated by a map lookup (not the store): a good token
// and a wrong one without the refused-auth limit, and with it (a good token asks the
// limit first; a wrong one over it is refused before its lookup).
func BenchmarkAuthFailures(b *testing.B) {
	for _, c := range []struct {
		name   string
		limit  bool
		token  string
		status int
	}{
		{"good-unlimited", false, tokenA, http.StatusOK},
		{"good-limited", true, tokenA, http.StatusOK},
		{"wrong-unlimited", false, "tok_wrong", http.StatusUnauthorized},
		{"wrong-limited", true, "tok_wrong", http.StatusTooManyRequests},
	} {
		cfg := Config{Stateless: true, PublicURL: "http://127.0.0.1", Authenticate: fakeAuthenticate,
			WithCustomer: withTestCustomer, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		if c.limit {
			// Burst 1 and almost no refill: after the first refusal, every request
			// is over it (a wrong token, the case measured; a good one would be too).
			f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 1e-6, Burst: 1})
			if c.status == http.StatusTooManyRequests {
				f.Take("192.0.2.1")
			}
			cfg.AuthFailures = f
		}
		h, err := New(testMCP(nil, nil), cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) { benchPing(b, h.Handler(), "192.0.2.1:1234", c.token, c.status) })
	}
}

// benchPing times a 2025-11-25 ping POSTed to handler with token, from remote when
// it is not empty, each answered with status.
func benchPing(b *testing.B, handler http.Handler, remote, token string, status int) {
	const ping = `{"jsonrpc":"2.0","id":1,"method":"ping"}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1/mcp", strings.NewReader(ping))
		if remote != "" {
			req.RemoteAddr = remote
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		req.Header.Set(mcp.HeaderProtocolVersion, "2025-11-25")
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		if w.Code != status {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}
