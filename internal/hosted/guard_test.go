package hosted

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
)

// TestMethodNotAllowed checks that a method an MCP endpoint does not serve gets 405
// with the Allow header, without a token, that OPTIONS (not a CORS preflight) names
// the methods with 204, and that the methods served still reach authentication.
func TestMethodNotAllowed(t *testing.T) {
	const mcpAllow = "GET, HEAD, POST, DELETE, OPTIONS"
	tests := []struct {
		name      string
		transport string
		method    string
		path      string
		want      int
		allow     string // the Allow header wanted; "" for none
	}{
		{name: "PUT /mcp", transport: TransportHTTP, method: http.MethodPut, path: PathMCP, want: http.StatusMethodNotAllowed, allow: mcpAllow},
		{name: "PATCH /mcp", transport: TransportHTTP, method: http.MethodPatch, path: PathMCP, want: http.StatusMethodNotAllowed, allow: mcpAllow},
		{name: "TRACE /mcp", transport: TransportHTTP, method: http.MethodTrace, path: PathMCP, want: http.StatusMethodNotAllowed, allow: mcpAllow},
		{name: "a made-up method on /mcp", transport: TransportHTTP, method: "BREW", path: PathMCP, want: http.StatusMethodNotAllowed, allow: mcpAllow},
		{name: "OPTIONS /mcp", transport: TransportHTTP, method: http.MethodOptions, path: PathMCP, want: http.StatusNoContent, allow: mcpAllow},
		{name: "POST /mcp needs a token", transport: TransportHTTP, method: http.MethodPost, path: PathMCP, want: http.StatusUnauthorized},
		{name: "GET /mcp needs a token", transport: TransportHTTP, method: http.MethodGet, path: PathMCP, want: http.StatusUnauthorized},
		{name: "DELETE /mcp needs a token", transport: TransportHTTP, method: http.MethodDelete, path: PathMCP, want: http.StatusUnauthorized},
		{name: "POST /sse", transport: TransportSSE, method: http.MethodPost, path: PathSSE, want: http.StatusMethodNotAllowed, allow: "GET, OPTIONS"},
		{name: "PUT /sse", transport: TransportSSE, method: http.MethodPut, path: PathSSE, want: http.StatusMethodNotAllowed, allow: "GET, OPTIONS"},
		{name: "GET /message", transport: TransportSSE, method: http.MethodGet, path: PathMessage, want: http.StatusMethodNotAllowed, allow: "POST, OPTIONS"},
		{name: "DELETE /message", transport: TransportSSE, method: http.MethodDelete, path: PathMessage, want: http.StatusMethodNotAllowed, allow: "POST, OPTIONS"},
		{name: "OPTIONS /message", transport: TransportSSE, method: http.MethodOptions, path: PathMessage, want: http.StatusNoContent, allow: "POST, OPTIONS"},
		{name: "GET /sse needs a token", transport: TransportSSE, method: http.MethodGet, path: PathSSE, want: http.StatusUnauthorized},
		{name: "POST /message needs a token", transport: TransportSSE, method: http.MethodPost, path: PathMessage, want: http.StatusUnauthorized},
	}
	servers := map[string]*testServer{
		TransportHTTP: newTestServer(t, Config{}),
		TransportSSE:  newTestServer(t, Config{Transport: TransportSSE}),
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := servers[tc.transport].do(t, tc.method, tc.path, "", "", nil)
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if got := resp.Header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
	// With a valid token the refusal is the same.
	if resp := servers[TransportHTTP].do(t, http.MethodPut, PathMCP, tokenA, pingBody, nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PUT with a token: %d, want 405", resp.StatusCode)
	}
}

// TestOtherTransportSaysWhere: a client of the transport a server does not serve (an
// SSE client given a Streamable HTTP server, the TypeScript SDK's SSEClientTransport
// at /sse of a --transport http server, or the reverse) gets 404 with a body naming
// the path and transport served and the flag that serves the other, with or without a
// token; an unknown path keeps the mux's plain 404.
func TestOtherTransportSaysWhere(t *testing.T) {
	servers := map[string]*testServer{
		TransportHTTP: newTestServer(t, Config{}),
		TransportSSE:  newTestServer(t, Config{Transport: TransportSSE}),
	}
	tests := []struct {
		name, transport, method, path, token string
		want                                 []string // in the body; none for the plain 404
	}{
		{name: "GET /sse of a Streamable HTTP server", transport: TransportHTTP, method: http.MethodGet, path: PathSSE, want: []string{"/mcp", "--transport sse"}},
		{name: "GET /sse of a Streamable HTTP server, with a token", transport: TransportHTTP, method: http.MethodGet, path: PathSSE, token: tokenA, want: []string{"/mcp", "--transport sse"}},
		{name: "POST /message of a Streamable HTTP server", transport: TransportHTTP, method: http.MethodPost, path: PathMessage, token: tokenA, want: []string{"/mcp", "--transport sse"}},
		{name: "POST /mcp of an SSE server", transport: TransportSSE, method: http.MethodPost, path: PathMCP, token: tokenA, want: []string{"/sse", "--transport http"}},
		{name: "GET /mcp of an SSE server", transport: TransportSSE, method: http.MethodGet, path: PathMCP, want: []string{"/sse", "--transport http"}},
		{name: "an unknown path", transport: TransportHTTP, method: http.MethodGet, path: "/mcp/x", token: tokenA},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := ""
			if tc.method == http.MethodPost {
				body = pingBody
			}
			resp := servers[tc.transport].do(t, tc.method, tc.path, tc.token, body, nil)
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("status %d, want 404", resp.StatusCode)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("body %q does not say %q", b, w)
				}
			}
			if len(tc.want) == 0 && strings.Contains(string(b), "transport") {
				t.Errorf("body %q: an unknown path names a transport", b)
			}
		})
	}
}

// rpcErrorOf decodes a JSON-RPC error response.
func rpcErrorOf(t *testing.T, resp *http.Response) (id json.RawMessage, code int, msg string, data map[string]any) {
	t.Helper()
	var m struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   *struct {
			Code    int            `json:"code"`
			Message string         `json:"message"`
			Data    map[string]any `json:"data"`
		} `json:"error"`
	}
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &m); err != nil || m.Error == nil || m.JSONRPC != "2.0" {
		t.Fatalf("not a JSON-RPC error (%v): %s", err, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	return m.ID, m.Error.Code, m.Error.Message, m.Error.Data
}

// countingLimiter lets every request through and counts them per customer.
type countingLimiter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *countingLimiter) Allow(customer, _ string) (bool, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[customer]++
	return true, 0
}

func (c *countingLimiter) count(customer string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[customer]
}

// TestBatchRefused checks that a JSON-RPC batch is answered 400 with a JSON-RPC
// Invalid Request error without an id, in every protocol version and transport,
// that nothing in it runs, and that it counts as one request against the limit.
func TestBatchRefused(t *testing.T) {
	batch := "[" + whoamiBody(1) + "," + pingBody + "]"
	tests := []struct {
		name      string
		transport string
		stateless bool
		path      string
		version   string // Mcp-Protocol-Version; "" for none
		body      string
	}{
		{name: "2025-03-26", transport: TransportHTTP, path: PathMCP, version: "2025-03-26", body: batch},
		{name: "2025-06-18", transport: TransportHTTP, path: PathMCP, version: "2025-06-18", body: batch},
		{name: "2025-11-25", transport: TransportHTTP, path: PathMCP, version: "2025-11-25", body: batch},
		{name: "2026-07-28", transport: TransportHTTP, path: PathMCP, version: "2026-07-28", body: batch},
		{name: "no version header", transport: TransportHTTP, path: PathMCP, body: batch},
		{name: "stateless", transport: TransportHTTP, stateless: true, path: PathMCP, version: "2025-11-25", body: batch},
		{name: "leading white space", transport: TransportHTTP, path: PathMCP, body: " \r\n\t" + batch},
		{name: "empty batch", transport: TransportHTTP, path: PathMCP, body: "[]"},
		{name: "batch of one initialize", transport: TransportHTTP, path: PathMCP, body: "[" + wiretest.InitializeBody + "]"},
		{name: "sse message", transport: TransportSSE, path: PathMessage + "?sessionId=any", body: batch},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lim := &countingLimiter{}
			ts := newTestServer(t, Config{Transport: tc.transport, Stateless: tc.stateless, Requests: lim})
			var hdr map[string]string
			if tc.version != "" {
				hdr = map[string]string{"Mcp-Protocol-Version": tc.version}
			}
			resp := ts.do(t, http.MethodPost, tc.path, tokenA, tc.body, hdr)
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
			id, code, msg, _ := rpcErrorOf(t, resp)
			if string(id) != "null" || code != mcp.INVALID_REQUEST || !strings.Contains(msg, "batches are not supported") {
				t.Errorf("id %s, code %d, message %q; want null, %d, batches not supported", id, code, msg, mcp.INVALID_REQUEST)
			}
			if n := lim.count("cus_alice"); n != 1 {
				t.Errorf("the batch counted as %d requests, want 1", n)
			}
			if n := ts.h.sessions.count(); n != 0 {
				t.Errorf("the batch opened %d sessions", n)
			}
			if !logShowsLine(ts, `rpc_error="batch refused"`) {
				t.Errorf("no call log line for the refusal:\n%s", ts.log.String())
			}
		})
	}
	// A single message still works.
	ts := newTestServer(t, Config{})
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, " "+wiretest.InitializeBody, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("initialize after white space: %d", resp.StatusCode)
	}
}

// logShowsLine reports whether the server's log shows want within a few seconds.
func logShowsLine(ts *testServer, want string) bool {
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if strings.Contains(ts.log.String(), want) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// TestRequestLimit checks that every authenticated request counts against the
// request limit, tool calls and response-shaped messages without a result or error
// included, except JSON-RPC responses and genuine dialog answers (never refused);
// that a request over it gets 429 with Retry-After and, for a POST, a JSON-RPC error
// echoing its id only when a number or a short string; and that another customer is
// not held back (review findings M1, M2, L3).
func TestRequestLimit(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	// 3 at once, then one per 100 s: nothing refills during the test.
	lim := ratelimit.New(ratelimit.Config{PerSecond: 0.01, Burst: 3, Now: func() time.Time { return now }})
	dialog := func(customer, tool, state string) bool {
		return customer == "cus_alice" && tool == "whoami" && state == "sealed"
	}
	ts := newTestServer(t, Config{Stateless: true, Requests: lim, DialogAnswer: dialog})
	const (
		notification = `{"jsonrpc":"2.0","method":"notifications/initialized"}`
		response     = `{"jsonrpc":"2.0","id":7,"result":{}}`
		errResponse  = `{"jsonrpc":"2.0","id":8,"error":{"code":-1,"message":"declined"}}`
		idOnly       = `{"jsonrpc":"2.0","id":9}`
		answer       = `{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"whoami","arguments":{},"requestState":"sealed"}}`
		madeUp       = `{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"whoami","arguments":{},"requestState":"made-up"}}`
		oddParams    = `{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"whoami","arguments":{},"task":5}}`
		noSuchTool   = `{"jsonrpc":"2.0","id":43,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}`
	)
	longID := strings.Repeat("x", maxEchoedID+1)
	steps := []struct {
		name   string
		token  string
		method string
		body   string
		want   int
		id     string // the refusal's id
	}{
		{name: "initialize", token: tokenA, method: http.MethodPost, body: wiretest.InitializeBody, want: http.StatusOK},
		{name: "a tool call counts", token: tokenA, method: http.MethodPost, body: whoamiBody(1), want: http.StatusOK},
		{name: "a response does not count", token: tokenA, method: http.MethodPost, body: response, want: http.StatusAccepted},
		// Stateless, mcp-go has no request this answers (400); the limit let it pass.
		{name: "an error response does not count", token: tokenA, method: http.MethodPost, body: errResponse, want: http.StatusBadRequest},
		{name: "a dialog answer does not count", token: tokenA, method: http.MethodPost, body: answer, want: http.StatusOK},
		{name: "ping", token: tokenA, method: http.MethodPost, body: pingBody, want: http.StatusOK},
		{name: "ping over the limit", token: tokenA, method: http.MethodPost, body: `{"jsonrpc":"2.0","id":42,"method":"ping"}`, want: http.StatusTooManyRequests, id: "42"},
		{name: "a tool call over the limit", token: tokenA, method: http.MethodPost, body: whoamiBody(5), want: http.StatusTooManyRequests, id: "5"},
		{name: "a made-up requestState over the limit", token: tokenA, method: http.MethodPost, body: madeUp, want: http.StatusTooManyRequests, id: "11"},
		{name: "params mcp-go refuses over the limit", token: tokenA, method: http.MethodPost, body: oddParams, want: http.StatusTooManyRequests, id: "12"},
		{name: "an unknown tool's call over the limit", token: tokenA, method: http.MethodPost, body: noSuchTool, want: http.StatusTooManyRequests, id: "43"},
		{name: "an id without result or error over the limit", token: tokenA, method: http.MethodPost, body: idOnly, want: http.StatusTooManyRequests, id: "9"}, // an Invalid Request, its id echoed as in its 400
		{name: "a string id is echoed", token: tokenA, method: http.MethodPost, body: `{"jsonrpc":"2.0","id":"a-1","method":"ping"}`, want: http.StatusTooManyRequests, id: `"a-1"`},
		{name: "a long string id is not", token: tokenA, method: http.MethodPost, body: `{"jsonrpc":"2.0","id":"` + longID + `","method":"ping"}`, want: http.StatusTooManyRequests, id: "null"},
		{name: "an object id is not", token: tokenA, method: http.MethodPost, body: `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`, want: http.StatusTooManyRequests, id: "null"},
		{name: "an array id is not", token: tokenA, method: http.MethodPost, body: `{"jsonrpc":"2.0","id":[1],"method":"ping"}`, want: http.StatusTooManyRequests, id: "null"},
		{name: "a bool id is not", token: tokenA, method: http.MethodPost, body: `{"jsonrpc":"2.0","id":true,"method":"ping"}`, want: http.StatusTooManyRequests, id: "null"},
		{name: "notification over the limit", token: tokenA, method: http.MethodPost, body: notification, want: http.StatusTooManyRequests, id: "null"},
		{name: "GET over the limit", token: tokenA, method: http.MethodGet, want: http.StatusTooManyRequests},
		{name: "DELETE over the limit", token: tokenA, method: http.MethodDelete, want: http.StatusTooManyRequests},
		{name: "not JSON over the limit", token: tokenA, method: http.MethodPost, body: `{"jsonrpc":`, want: http.StatusTooManyRequests, id: "null"},
		{name: "a response over the limit is taken", token: tokenA, method: http.MethodPost, body: response, want: http.StatusAccepted},
		{name: "a dialog answer over the limit runs", token: tokenA, method: http.MethodPost, body: answer, want: http.StatusOK},
		{name: "another customer", token: tokenB, method: http.MethodPost, body: pingBody, want: http.StatusOK},
		{name: "another customer's dialog answer counts", token: tokenB, method: http.MethodPost, body: answer, want: http.StatusOK},
		{name: "no token is 401, not 429", method: http.MethodPost, body: pingBody, want: http.StatusUnauthorized},
	}
	for _, s := range steps {
		resp := ts.do(t, s.method, PathMCP, s.token, s.body, nil)
		if resp.StatusCode != s.want {
			resp.Body.Close() // unread: it may be a stream
			t.Errorf("%s: status %d, want %d", s.name, resp.StatusCode, s.want)
			continue
		}
		if s.want != http.StatusTooManyRequests {
			_, _ = io.Copy(io.Discard, resp.Body)
			continue
		}
		// 1 / 0.01 per second = 100 s until the next request.
		if ra := resp.Header.Get("Retry-After"); ra != "100" {
			t.Errorf("%s: Retry-After %q, want 100", s.name, ra)
		}
		if s.method != http.MethodPost {
			continue
		}
		id, code, msg, data := rpcErrorOf(t, resp)
		if string(id) != s.id || code != rateLimitedCode || !strings.Contains(msg, "Try again in 100 seconds") || data["retryAfterSeconds"] != 100.0 {
			t.Errorf("%s: id %s code %d %q %v; want id %s, code %d, a retry in 100 s", s.name, id, code, msg, data, s.id, rateLimitedCode)
		}
	}
	if !logShowsLine(ts, `rpc_error="rate limited"`) {
		t.Errorf("no call log line for a refusal:\n%s", ts.log.String())
	}
}

// openStream opens a 2025-11-25 session with token and its GET stream, and returns
// the response, whatever its status.
func openStream(t *testing.T, ts *testServer, token string) *http.Response {
	t.Helper()
	resp := ts.do(t, http.MethodPost, PathMCP, token, wiretest.InitializeBody, nil)
	sid := resp.Header.Get(server.HeaderKeySessionID)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return ts.do(t, http.MethodGet, PathMCP, token, "", map[string]string{server.HeaderKeySessionID: sid,
		"Mcp-Protocol-Version": "2025-11-25", "Accept": "text/event-stream"})
}

// TestStreamCaps checks the caps on long-lived streams, per customer (429) and in
// all (503), each with Retry-After, on every kind of stream; that a slot comes back
// when its stream ends; and that other requests are not capped.
func TestStreamCaps(t *testing.T) {
	sse := func(t *testing.T, ts *testServer, token string) *http.Response {
		return ts.do(t, http.MethodGet, PathSSE, token, "", map[string]string{"Accept": "text/event-stream"})
	}
	listen := func(t *testing.T, ts *testServer, token string) *http.Response {
		return ts.do(t, http.MethodPost, PathMCP, token, listenBody, modernHeaders("subscriptions/listen"))
	}
	for _, tc := range []struct {
		name      string
		transport string
		open      func(t *testing.T, ts *testServer, token string) *http.Response
	}{
		{name: "2025-11-25 GET stream", transport: TransportHTTP, open: openStream},
		{name: "SSE stream", transport: TransportSSE, open: sse},
		{name: "2026-07-28 subscriptions/listen", transport: TransportHTTP, open: listen},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, Config{Transport: tc.transport, MaxStreams: 2, MaxStreamsTotal: 3})
			a1 := tc.open(t, ts, tokenA)
			streaming(t, a1)
			streaming(t, tc.open(t, ts, tokenA))
			refused := tc.open(t, ts, tokenA)
			checkRefusal(t, "a third stream of one customer", refused, http.StatusTooManyRequests)
			streaming(t, tc.open(t, ts, tokenB))
			checkRefusal(t, "a fourth stream in all", tc.open(t, ts, tokenB), http.StatusServiceUnavailable)
			if a, all := ts.h.streams.counts("cus_alice"); a != 2 || all != 3 {
				t.Errorf("%d streams of cus_alice, %d in all; want 2, 3", a, all)
			}
			// Requests that are not streams pass.
			if tc.transport == TransportHTTP {
				if r := ts.do(t, http.MethodPost, PathMCP, tokenA, wiretest.InitializeBody, nil); r.StatusCode != http.StatusOK {
					t.Errorf("initialize at the cap: %d", r.StatusCode)
				}
			}
			// Ending one of A's streams gives its slot back.
			a1.Body.Close()
			deadline := time.Now().Add(10 * time.Second)
			for {
				if a, _ := ts.h.streams.counts("cus_alice"); a == 1 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the slot of an ended stream was not given back")
				}
				time.Sleep(10 * time.Millisecond)
			}
			streaming(t, tc.open(t, ts, tokenA))
		})
	}
	// Without caps (the zero Config) nothing is counted.
	ts := newTestServer(t, Config{})
	for range 3 {
		streaming(t, openStream(t, ts, tokenA))
	}
	if _, all := ts.h.streams.counts("cus_alice"); all != 0 {
		t.Errorf("%d streams counted without caps", all)
	}
}

// checkRefusal checks that resp refuses a stream with status and Retry-After; a POST's
// refusal (subscriptions/listen) is a JSON-RPC error with the request's id.
func checkRefusal(t *testing.T, what string, resp *http.Response, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("%s: status %d, want %d", what, resp.StatusCode, status)
		return
	}
	if ra := resp.Header.Get("Retry-After"); ra != "30" {
		t.Errorf("%s: Retry-After %q, want 30", what, ra)
	}
	if resp.Request.Method == http.MethodPost {
		if id, code, _, _ := rpcErrorOf(t, resp); string(id) != "9" || code != rateLimitedCode {
			t.Errorf("%s: id %s code %d, want 9, %d", what, id, code, rateLimitedCode)
		}
	}
}

// TestAuthorizationServers checks that the protected-resource metadata names the
// configured authorization servers, none by default, and that New refuses one that
// is not an https issuer URL.
func TestAuthorizationServers(t *testing.T) {
	for _, tc := range []struct {
		name    string
		servers []string
	}{
		{name: "none"},
		{name: "one", servers: []string{"https://auth.example"}},
		{name: "two, one local", servers: []string{"https://auth.example/realms/shop", "http://localhost:9000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, Config{AuthorizationServers: tc.servers})
			resp := ts.do(t, http.MethodGet, "/.well-known/oauth-protected-resource/mcp", "", "", nil)
			var meta map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&meta); err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("metadata: %d %v", resp.StatusCode, err)
			}
			got, present := meta["authorization_servers"].([]any)
			if len(tc.servers) == 0 {
				if _, ok := meta["authorization_servers"]; ok {
					t.Errorf("authorization_servers present: %v", meta["authorization_servers"])
				}
				return
			}
			var names []string
			for _, g := range got {
				s, _ := g.(string)
				names = append(names, s)
			}
			if !present || !slices.Equal(names, tc.servers) {
				t.Errorf("authorization_servers = %v, want %v", meta["authorization_servers"], tc.servers)
			}
		})
	}
	for _, bad := range []string{"http://auth.example", "https://auth.example?x=1", "https://auth.example#f", "auth.example", "https://user@auth.example", ""} {
		_, err := New(testMCP(nil, nil), Config{Authenticate: fakeAuthenticate, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			AuthorizationServers: []string{bad}})
		if err == nil {
			t.Errorf("New accepted authorization server %q", bad)
		}
	}
}

// TestPeek checks that peek reads the method, tool, id and era whatever the types of
// the other params and _meta members, as mcp-go does (review finding H2), and which
// messages it takes for responses.
func TestPeek(t *testing.T) {
	const listen = string(mcp.MethodSubscriptionsListen)
	modernMeta := `"_meta":{"` + mcp.MetaKeyProtocolVersion + `":"2026-07-28"}`
	tests := []struct {
		name     string
		body     string
		method   string
		tool     string
		call     bool
		response bool
		result   bool // a response SSE /message takes as one
		modern   bool
		invalid  string // why it is an Invalid Request: a method member absent, empty or not a string, and no response; an id of an odd type
		id       string
	}{
		{name: "listen", body: `{"jsonrpc":"2.0","id":1,"method":"` + listen + `","params":{` + modernMeta + `}}`, method: listen, call: true, modern: true, id: "1"},
		{name: "listen, params.name a number", body: `{"jsonrpc":"2.0","id":1,"method":"` + listen + `","params":{"name":1,` + modernMeta + `}}`, method: listen, call: true, modern: true, id: "1"},
		{name: "listen, params a string", body: `{"jsonrpc":"2.0","id":1,"method":"` + listen + `","params":"x"}`, method: listen, call: true, id: "1"},
		{name: "listen, params an array", body: `{"jsonrpc":"2.0","id":1,"method":"` + listen + `","params":[1]}`, method: listen, call: true, id: "1"},
		{name: "listen, _meta a number", body: `{"jsonrpc":"2.0","id":1,"method":"` + listen + `","params":{"_meta":5}}`, method: listen, call: true, id: "1"},
		{name: "listen, version a number", body: `{"jsonrpc":"2.0","id":1,"method":"` + listen + `","params":{"_meta":{"` + mcp.MetaKeyProtocolVersion + `":5}}}`, method: listen, call: true, id: "1"},
		{name: "tool call, requestState a number", body: `{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"whoami","requestState":7}}`, method: "tools/call", tool: "whoami", call: true, id: `"a"`},
		{name: "tool call, name an object", body: `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":{}}}`, method: "tools/call", call: true, id: "2"},
		{name: "notification", body: `{"jsonrpc":"2.0","method":"notifications/initialized","params":7}`, method: "notifications/initialized"},
		{name: "result", body: `{"jsonrpc":"2.0","id":3,"result":{}}`, response: true, result: true},
		{name: "null result", body: `{"jsonrpc":"2.0","id":3,"result":null}`, response: true},
		{name: "error", body: `{"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"no"}}`, response: true},
		{name: "id only", body: `{"jsonrpc":"2.0","id":3}`, invalid: InvalidMethod, id: "3"},
		{name: "empty object", body: `{}`, invalid: InvalidMethod},
		{name: "empty method", body: `{"jsonrpc":"2.0","id":3,"method":""}`, invalid: InvalidMethod, id: "3"},
		{name: "not an object", body: `null`},
		{name: "object id", body: `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`, invalid: InvalidID},
		{name: "array id", body: `{"jsonrpc":"2.0","id":[1],"method":"ping"}`, invalid: InvalidID},
		{name: "boolean id", body: `{"jsonrpc":"2.0","id":true,"method":"ping"}`, invalid: InvalidID},
		{name: "object id in a response", body: `{"jsonrpc":"2.0","id":{},"result":{}}`, response: true, result: true},
		{name: "null id with a result", body: `{"jsonrpc":"2.0","id":null,"result":{}}`},
		{name: "null id with an error", body: `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}`},
		{name: "null id", body: `{"jsonrpc":"2.0","id":null,"method":"ping"}`, invalid: InvalidID},
		{name: "fractional id", body: `{"jsonrpc":"2.0","id":1.5,"method":"ping"}`, invalid: InvalidID},
		{name: "id 2^53", body: `{"jsonrpc":"2.0","id":9007199254740992,"method":"ping"}`, invalid: InvalidID},
		{name: "null method, fractional id", body: `{"jsonrpc":"2.0","id":1.5,"method":null}`, invalid: InvalidMethod},
		{name: "id 2^53-1", body: `{"jsonrpc":"2.0","id":9007199254740991,"method":"ping"}`, method: "ping", call: true, id: "9007199254740991"},
		{name: "notification, no id", body: `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}`, method: "notifications/cancelled"},
		{name: "method a number", body: `{"jsonrpc":"2.0","id":3,"method":5}`, invalid: InvalidMethod, id: "3"},
		{name: "method null", body: `{"jsonrpc":"2.0","id":"q","method":null}`, invalid: InvalidMethod, id: `"q"`},
		{name: "method null, no id", body: `{"jsonrpc":"2.0","method":null}`, invalid: InvalidMethod},
		{name: "method null with a result", body: `{"jsonrpc":"2.0","id":3,"method":null,"result":{}}`},
		{name: "method a number with an error", body: `{"jsonrpc":"2.0","id":3,"method":5,"error":{"code":1,"message":"no"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &record{}
			r.peek([]byte(tt.body))
			if r.method != tt.method || r.tool != tt.tool || r.call != tt.call || r.response != tt.response ||
				r.result != tt.result || r.modern != tt.modern || r.invalid != tt.invalid || string(r.id) != tt.id {
				t.Errorf("method %q tool %q call %v response %v result %v modern %v invalid %q id %s; want %q %q %v %v %v %v %q %s",
					r.method, r.tool, r.call, r.response, r.result, r.modern, r.invalid, r.id,
					tt.method, tt.tool, tt.call, tt.response, tt.result, tt.modern, tt.invalid, tt.id)
			}
		})
	}
}

// TestValidID checks the one rule every transport applies to a request's id: a
// string, or an integer written in digits of at most 2^53-1 either way.
func TestValidID(t *testing.T) {
	tests := []struct {
		name string
		id   string
		want bool
	}{
		{name: "string", id: `"abc"`, want: true},
		{name: "empty string", id: `""`, want: true},
		{name: "string with escapes", id: `"a\"b\u00e9"`, want: true},
		{name: "zero", id: `0`, want: true},
		{name: "negative", id: `-7`, want: true},
		{name: "2^53-1", id: `9007199254740991`, want: true},
		{name: "-(2^53-1)", id: `-9007199254740991`, want: true},
		{name: "2^53", id: `9007199254740992`},
		{name: "-2^53", id: `-9007199254740992`},
		{name: "past int64", id: `9223372036854775808`},
		{name: "fraction", id: `1.5`},
		{name: "zero fraction", id: `1.0`},
		{name: "exponent", id: `1e3`},
		{name: "capital exponent", id: `1E3`},
		{name: "plus sign", id: `+1`},
		{name: "null", id: `null`},
		{name: "true", id: `true`},
		{name: "object", id: `{}`},
		{name: "array", id: `[1]`},
		{name: "absent", id: ``},
		{name: "unterminated string", id: `"abc`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidID(json.RawMessage(tt.id)); got != tt.want {
				t.Errorf("ValidID(%s) = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

// TestOddListenIsCapped checks that a subscriptions/listen whose params carry a
// member of an odd type still takes a stream slot: the second is refused (H2).
func TestOddListenIsCapped(t *testing.T) {
	ts := newTestServer(t, Config{MaxStreams: 1, MaxStreamsTotal: 1})
	odd := strings.Replace(listenBody, `"params":{`, `"params":{"name":1,`, 1)
	first := ts.do(t, http.MethodPost, PathMCP, tokenA, odd, modernHeaders("subscriptions/listen"))
	defer first.Body.Close()
	if first.StatusCode != http.StatusOK {
		t.Fatalf("first listen: %d", first.StatusCode)
	}
	second := ts.do(t, http.MethodPost, PathMCP, tokenA, odd, modernHeaders("subscriptions/listen"))
	defer second.Body.Close()
	if second.StatusCode != http.StatusTooManyRequests {
		t.Errorf("second listen: %d, want 429", second.StatusCode)
	}
	if a, _ := ts.h.streams.counts("cus_alice"); a != 1 {
		t.Errorf("%d streams counted, want 1", a)
	}
}

// openSSESession opens an SSE stream for token and returns its session id; the
// stream is read to its end in the background and closed when the test ends.
func openSSESession(t *testing.T, ts *testServer, token string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+PathSSE, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := ts.Client().Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	buf := make([]byte, 512)
	n, _ := resp.Body.Read(buf)
	_, rest, ok := strings.Cut(string(buf[:n]), "sessionId=")
	if !ok {
		cancel()
		resp.Body.Close()
		t.Fatalf("no endpoint event: %q", buf[:n])
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.Copy(io.Discard, resp.Body)
	}()
	t.Cleanup(func() {
		cancel()
		resp.Body.Close()
		<-done
	})
	return strings.TrimSpace(rest)
}

// TestSSERefusesListens checks that subscriptions/listen POSTed to SSE /message is
// refused with 400 and Method not found before mcp-go, so listens there leave no
// goroutine behind (review finding H3), and that other messages, 2026-07-28 ones
// included, still go through.
func TestSSERefusesListens(t *testing.T) {
	ts := newTestServer(t, Config{Transport: TransportSSE, MaxStreams: 2, MaxStreamsTotal: 2})
	sid := openSSESession(t, ts, tokenA)
	path := PathMessage + "?sessionId=" + sid
	bareListen := `{"jsonrpc":"2.0","id":9,"method":"subscriptions/listen","params":{}}`
	time.Sleep(100 * time.Millisecond) // let the stream's goroutines settle
	before := runtime.NumGoroutine()
	for _, c := range []struct{ name, body string }{{"listen", listenBody}, {"listen without _meta", bareListen}} {
		for range 30 {
			resp := ts.do(t, http.MethodPost, path, tokenA, c.body, modernHeaders("subscriptions/listen"))
			if resp.StatusCode != http.StatusBadRequest {
				resp.Body.Close()
				t.Fatalf("%s: %d, want 400", c.name, resp.StatusCode)
			}
			id, code, msg, _ := rpcErrorOf(t, resp)
			if string(id) != "9" || code != mcp.METHOD_NOT_FOUND || !strings.Contains(msg, "subscriptions/listen") {
				t.Fatalf("%s: id %s code %d %q", c.name, id, code, msg)
			}
		}
	}
	time.Sleep(200 * time.Millisecond)
	if after := runtime.NumGoroutine(); after > before+5 {
		t.Errorf("goroutines: %d before 60 refused listens, %d after", before, after)
	}
	modernPing := `{"jsonrpc":"2.0","id":9,"method":"ping","params":{"_meta":{"` + mcp.MetaKeyProtocolVersion + `":"2026-07-28"}}}`
	for _, body := range []string{pingBody, modernPing} {
		if resp := ts.do(t, http.MethodPost, path, tokenA, body, nil); resp.StatusCode != http.StatusAccepted {
			t.Errorf("%s: %d, want 202", body, resp.StatusCode)
		} else {
			resp.Body.Close()
		}
	}
	if !logShowsLine(ts, `rpc_error="listen on sse"`) {
		t.Errorf("no call log line for the refusal:\n%s", ts.log.String())
	}
}

// TestSSEResponseShapedCounts checks that on SSE /message, where mcp-go runs any
// message with an id and no non-null result as a request, such a message counts
// against the request limit, while a response with a result does not (M2).
func TestSSEResponseShapedCounts(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	lim := ratelimit.New(ratelimit.Config{PerSecond: 0.01, Burst: 2, Now: func() time.Time { return now }})
	ts := newTestServer(t, Config{Transport: TransportSSE, Requests: lim})
	sid := openSSESession(t, ts, tokenA) // the GET counts: 1 left
	path := PathMessage + "?sessionId=" + sid
	steps := []struct {
		name, body string
		want       int
	}{
		{"a response with a result", `{"jsonrpc":"2.0","id":1,"result":{}}`, http.StatusAccepted},
		{"an id alone counts", `{"jsonrpc":"2.0","id":2}`, http.StatusBadRequest}, // an Invalid Request (TestInvalidRequestRefused)
		{"an id alone over the limit", `{"jsonrpc":"2.0","id":3}`, http.StatusTooManyRequests},
		{"an error response is a request on SSE", `{"jsonrpc":"2.0","id":4,"error":{"code":1,"message":"x"}}`, http.StatusTooManyRequests},
		{"a null result is a request on SSE", `{"jsonrpc":"2.0","id":5,"result":null}`, http.StatusTooManyRequests},
		{"a response over the limit is taken", `{"jsonrpc":"2.0","id":6,"result":{}}`, http.StatusAccepted},
	}
	for _, s := range steps {
		resp := ts.do(t, http.MethodPost, path, tokenA, s.body, nil)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != s.want {
			t.Errorf("%s: %d, want %d", s.name, resp.StatusCode, s.want)
		}
	}
}

// TestStreamCapWarnings checks that a server cap on streams without a customer cap
// is warned about at the start (L2), and that a full server logs its refusals once,
// not once per refusal (L1).
func TestStreamCapWarnings(t *testing.T) {
	ts := newTestServer(t, Config{Transport: TransportSSE, MaxStreams: 0, MaxStreamsTotal: 1})
	if !strings.Contains(ts.log.String(), "one customer may take every slot") {
		t.Errorf("no start-up warning for --max-streams 0 with a server cap:\n%s", ts.log.String())
	}
	openSSESession(t, ts, tokenA)
	for i := range 5 {
		resp := ts.do(t, http.MethodGet, PathSSE, tokenB, "", map[string]string{"Accept": "text/event-stream"})
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("stream %d past the server cap: %d, want 503", i, resp.StatusCode)
		}
	}
	if n := strings.Count(ts.log.String(), "the server's cap on open streams is reached"); n != 1 {
		t.Errorf("%d warnings for 5 refusals, want 1", n)
	}
	if other := newTestServer(t, Config{MaxStreams: 1, MaxStreamsTotal: 10}); strings.Contains(other.log.String(), "every slot") {
		t.Errorf("warned with a customer cap set:\n%s", other.log.String())
	}
}

func TestRateLog(t *testing.T) {
	t0 := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	var l rateLog
	for _, s := range []struct {
		name string
		at   time.Duration
		want bool
	}{
		{"first", 0, true},
		{"at once", time.Second, false},
		{"just before the interval", busyLogInterval - time.Nanosecond, false},
		{"after the interval", busyLogInterval, true},
		{"again at once", busyLogInterval + time.Second, false},
	} {
		if got := l.due(t0.Add(s.at)); got != s.want {
			t.Errorf("%s: due %v, want %v", s.name, got, s.want)
		}
	}
}

// TestInflightCap checks that a customer's POSTs in flight are capped at MaxInflight:
// one more gets 429 with Retry-After before its body is read, another customer is not
// held back, a slot comes back when its POST ends, and a listen stream holds none (M3).
func TestInflightCap(t *testing.T) {
	ts := newTestServer(t, Config{MaxInflight: 2})
	// Two POSTs whose bodies trickle: each holds a slot until its body ends.
	var writers []*io.PipeWriter
	var answers []chan int
	for range 2 {
		pr, pw := io.Pipe()
		writers = append(writers, pw)
		req, _ := http.NewRequest(http.MethodPost, ts.URL+PathMCP, pr)
		req.Header.Set("Authorization", "Bearer "+tokenA)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		done := make(chan int, 1)
		answers = append(answers, done)
		go func() {
			resp, err := ts.Client().Do(req)
			if err != nil {
				done <- 0
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			done <- resp.StatusCode
		}()
		if _, err := pw.Write([]byte(`{"jsonrpc":"2.0",`)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, func() bool { n, _ := ts.h.posts.counts("cus_alice"); return n == 2 })
	resp := ts.do(t, http.MethodPost, PathMCP, tokenA, pingBody, nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("a third POST in flight: %d, Retry-After %q; want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	resp.Body.Close()
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenB, pingBody, nil); resp.StatusCode == http.StatusTooManyRequests {
		t.Errorf("another customer: 429")
	} else {
		resp.Body.Close()
	}
	for i, pw := range writers {
		_, _ = pw.Write([]byte(`"id":1,"method":"ping"}`))
		pw.Close()
		if code := <-answers[i]; code == http.StatusTooManyRequests || code == 0 {
			t.Errorf("trickling POST %d: %d", i, code)
		}
	}
	waitFor(t, func() bool { n, _ := ts.h.posts.counts("cus_alice"); return n == 0 })
	// Listen streams give their slot back: three at once with a cap of 2.
	for i := range 3 {
		resp := ts.do(t, http.MethodPost, PathMCP, tokenA, listenBody, modernHeaders("subscriptions/listen"))
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("listen %d: %d, want 200", i, resp.StatusCode)
		}
	}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, pingBody, nil); resp.StatusCode == http.StatusTooManyRequests {
		t.Errorf("a POST with listens open: 429")
	} else {
		resp.Body.Close()
	}
}

// waitFor waits up to 5 s for cond.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}

// TestTooLargeCounts checks that a body refused for its size (413) counts against the
// request limit, declared or found while reading (M3).
func TestTooLargeCounts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chunk bool // no Content-Length: found too large while reading
	}{{"declared", false}, {"chunked", true}} {
		t.Run(tc.name, func(t *testing.T) {
			now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
			lim := ratelimit.New(ratelimit.Config{PerSecond: 0.01, Burst: 1, Now: func() time.Time { return now }})
			ts := newTestServer(t, Config{Stateless: true, Requests: lim, MaxBody: 64})
			big := `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"` + strings.Repeat("A", 200) + `"}}`
			var body io.Reader = strings.NewReader(big)
			if tc.chunk {
				body = io.MultiReader(strings.NewReader(big)) // hides the length
			}
			req, _ := http.NewRequest(http.MethodPost, ts.URL+PathMCP, body)
			req.Header.Set("Authorization", "Bearer "+tokenA)
			req.Header.Set("Content-Type", "application/json")
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("big body: %d, want 413", resp.StatusCode)
			}
			if r := ts.do(t, http.MethodPost, PathMCP, tokenA, pingBody, nil); r.StatusCode != http.StatusTooManyRequests {
				t.Errorf("ping after a 413 spent the budget: %d, want 429", r.StatusCode)
			} else {
				r.Body.Close()
			}
		})
	}
}
