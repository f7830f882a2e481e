package hosted

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
)

// Tokens the fake authenticator knows.
const (
	tokenA    = "tok_alice_secret"
	tokenB    = "tok_bob_secret"
	tokenDown = "tok_store_down" // the token store cannot answer
)

func fakeAuthenticate(_ context.Context, secret string) (string, error) {
	switch secret {
	case tokenA:
		return "cus_alice", nil
	case tokenB:
		return "cus_bob", nil
	case tokenDown:
		return "", errors.New("database is locked")
	}
	return "", ErrBadToken
}

type testCustomerKey struct{}

func withTestCustomer(ctx context.Context, c string) context.Context {
	return context.WithValue(ctx, testCustomerKey{}, c)
}

// openListens returns how many subscriptions/listen streams are open.
func (h *Server) openListens() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.listens)
}

// testMCP returns an MCP server with the tools the tests call: whoami (the customer
// the call acts for), fail (a tool error) and, when gate is not nil, slow (returns
// "finished" once gate is closed, or "cancelled" when its context ends first, after
// telling started). It announces tool list changes, so that a subscriptions/listen
// stream stays open.
func testMCP(gate <-chan struct{}, started chan<- struct{}) *server.MCPServer {
	s := server.NewMCPServer("test", "1", server.WithToolCapabilities(true), server.WithElicitation())
	s.AddTool(mcp.NewTool("whoami"), func(ctx context.Context, _ mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		c, _ := ctx.Value(testCustomerKey{}).(string)
		return mcp.NewToolResultText(c), nil
	})
	s.AddTool(mcp.NewTool("fail"), func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultError("no"), nil
	})
	s.AddTool(mcp.NewTool("slow"), func(ctx context.Context, _ mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		started <- struct{}{}
		select {
		case <-gate:
			return mcp.NewToolResultText("finished"), nil
		case <-ctx.Done():
			return mcp.NewToolResultText("cancelled"), nil
		}
	})
	return s
}

type testServer struct {
	*httptest.Server
	h   *Server
	log *syncbuf.Buffer
}

// newTestServer serves testMCP through New with c's settings filled in.
func newTestServer(t *testing.T, c Config) *testServer {
	t.Helper()
	return newTestServerOf(t, testMCP(nil, nil), c)
}

// newTestServerOf serves s through New with c's settings filled in (the fake
// authenticator unless c has one).
func newTestServerOf(t *testing.T, s *server.MCPServer, c Config) *testServer {
	t.Helper()
	var log syncbuf.Buffer
	if c.Authenticate == nil {
		c.Authenticate = fakeAuthenticate
	}
	c.WithCustomer = withTestCustomer
	c.Log = slog.New(slog.NewTextHandler(&log, nil))
	ts := httptest.NewUnstartedServer(nil)
	c.PublicURL = "http://" + ts.Listener.Addr().String()
	h, err := New(s, c)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = h.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, h: h, log: &log}
}

// do sends a request with the given token ("" for none) and headers.
// session initializes a Streamable HTTP session with token and returns the headers
// that name it (its id and the 2025-11-25 protocol version) for later requests.
func (ts *testServer) session(t *testing.T, token string) map[string]string {
	t.Helper()
	resp := ts.do(t, http.MethodPost, PathMCP, token, wiretest.InitializeBody, nil)
	sid := resp.Header.Get(server.HeaderKeySessionID)
	if resp.StatusCode != http.StatusOK || sid == "" {
		t.Fatalf("initialize: %d, session %q", resp.StatusCode, sid)
	}
	return map[string]string{server.HeaderKeySessionID: sid, "Mcp-Protocol-Version": "2025-11-25"}
}

func (ts *testServer) do(t *testing.T, method, path, token, body string, header map[string]string) *http.Response {
	t.Helper()
	return wiretest.Do(t, ts.Client(), method, ts.URL+path, token, body, header)
}

const (
	pingBody = `{"jsonrpc":"2.0","id":2,"method":"ping"}`
)

func whoamiBody(id int) string {
	return `{"jsonrpc":"2.0","id":` + string(rune('0'+id)) + `,"method":"tools/call","params":{"name":"whoami","arguments":{}}}`
}

// TestAuthentication checks that every MCP request needs a valid bearer token, that
// every refusal is the same 401 with the RFC 9728 challenge, that a token store
// which cannot answer is 503, and that the metadata document is served without a
// token.
func TestAuthentication(t *testing.T) {
	ts := newTestServer(t, Config{})
	challenge := `Bearer resource_metadata="` + ts.URL + `/.well-known/oauth-protected-resource/mcp"`
	tests := []struct {
		name   string
		header string // Authorization
		want   int
		body   string // of a 401
	}{
		{name: "no header", want: http.StatusUnauthorized, body: bodyNoToken},
		{name: "unknown token", header: "Bearer tok_nobody", want: http.StatusUnauthorized, body: bodyTokenRefused},
		{name: "empty token", header: "Bearer ", want: http.StatusUnauthorized, body: bodyNoToken},
		{name: "basic scheme", header: "Basic " + tokenA, want: http.StatusUnauthorized, body: bodyNoToken},
		{name: "token too long", header: "Bearer " + strings.Repeat("x", maxTokenLen+1), want: http.StatusUnauthorized, body: bodyTokenRefused},
		{name: "store down", header: "Bearer " + tokenDown, want: http.StatusServiceUnavailable},
		{name: "valid", header: "Bearer " + tokenA, want: http.StatusOK},
		{name: "scheme in lower case", header: "bearer " + tokenA, want: http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := ts.do(t, http.MethodPost, PathMCP, "", wiretest.InitializeBody, map[string]string{"Authorization": tc.header})
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			got := resp.Header.Get("WWW-Authenticate")
			if tc.want == http.StatusUnauthorized && got != challenge {
				t.Errorf("WWW-Authenticate %q, want %q", got, challenge)
			}
			if tc.want != http.StatusUnauthorized && got != "" {
				t.Errorf("WWW-Authenticate %q on a %d", got, tc.want)
			}
			if tc.want == http.StatusUnauthorized {
				body, _ := io.ReadAll(resp.Body)
				if string(body) != tc.body+"\n" {
					t.Errorf("body %q, want %q", body, tc.body)
				}
			}
		})
	}

	resp := ts.do(t, http.MethodGet, "/.well-known/oauth-protected-resource/mcp", "", "", nil)
	var meta struct {
		Resource string   `json:"resource"`
		Methods  []string `json:"bearer_methods_supported"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&meta); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("metadata: %d %v", resp.StatusCode, err)
	}
	if meta.Resource != ts.URL+"/mcp" || len(meta.Methods) != 1 || meta.Methods[0] != "header" {
		t.Errorf("metadata = %+v", meta)
	}
	if strings.Contains(ts.log.String(), tokenA) || strings.Contains(ts.log.String(), "tok_nobody") {
		t.Error("a token reached the log")
	}
}

// TestMetadataURL checks where the 401 challenge says the metadata is, for each
// transport and for a public URL with a path (behind a proxy).
func TestMetadataURL(t *testing.T) {
	tests := []struct{ transport, public, resource, metadata string }{
		{TransportHTTP, "https://shop.example", "https://shop.example/mcp", "https://shop.example/.well-known/oauth-protected-resource/mcp"},
		{TransportSSE, "https://shop.example/", "https://shop.example/sse", "https://shop.example/.well-known/oauth-protected-resource/sse"},
		{TransportHTTP, "https://shop.example/commerce", "https://shop.example/commerce/mcp", "https://shop.example/.well-known/oauth-protected-resource/commerce/mcp"},
	}
	for _, tc := range tests {
		h, err := New(testMCP(nil, nil), Config{Transport: tc.transport, PublicURL: tc.public, Authenticate: fakeAuthenticate,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if h.Resource() != tc.resource || h.MetadataURL() != tc.metadata {
			t.Errorf("%s %s: resource %s, metadata %s; want %s, %s", tc.transport, tc.public, h.Resource(), h.MetadataURL(), tc.resource, tc.metadata)
		}
	}
}

// TestOrigin checks the Origin rule and CORS on an MCP endpoint and on /healthz.
func TestOrigin(t *testing.T) {
	ts := newTestServer(t, Config{AllowedOrigins: []string{"https://app.example", "HTTP://Other.Example:8443/"}})
	host := strings.TrimPrefix(ts.URL, "http://")
	tests := []struct {
		name   string
		origin string
		want   int
	}{
		{name: "no origin", want: http.StatusOK},
		{name: "same origin", origin: "http://" + host, want: http.StatusOK},
		{name: "localhost", origin: "http://localhost:6274", want: http.StatusOK},
		{name: "127.0.0.1", origin: "http://127.0.0.1:6274", want: http.StatusOK},
		{name: "ipv6 loopback", origin: "http://[::1]:6274", want: http.StatusOK},
		{name: "listed", origin: "https://app.example", want: http.StatusOK},
		{name: "listed, any case", origin: "http://other.example:8443", want: http.StatusOK},
		{name: "listed host, other scheme", origin: "http://app.example", want: http.StatusForbidden},
		{name: "listed host, other port", origin: "https://app.example:444", want: http.StatusForbidden},
		{name: "other site", origin: "https://evil.example", want: http.StatusForbidden},
		{name: "localhost lookalike", origin: "http://localhost.evil.example", want: http.StatusForbidden},
		{name: "opaque", origin: "null", want: http.StatusForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{PathMCP, PathHealth} {
				var resp *http.Response
				if path == PathMCP {
					resp = ts.do(t, http.MethodPost, path, tokenA, wiretest.InitializeBody, map[string]string{"Origin": tc.origin})
				} else {
					resp = ts.do(t, http.MethodGet, path, "", "", map[string]string{"Origin": tc.origin})
				}
				if resp.StatusCode != tc.want {
					t.Errorf("%s: status %d, want %d", path, resp.StatusCode, tc.want)
				}
				acao := resp.Header.Get("Access-Control-Allow-Origin")
				wantCORS := tc.origin != "" && tc.want == http.StatusOK
				if (wantCORS && acao != tc.origin) || (!wantCORS && acao != "") {
					t.Errorf("%s: Access-Control-Allow-Origin %q", path, acao)
				}
				if tc.origin != "" && tc.want == http.StatusOK && (!strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "Mcp-Session-Id") || !strings.Contains(resp.Header.Get("Access-Control-Expose-Headers"), "Retry-After")) {
					t.Errorf("%s: Mcp-Session-Id or Retry-After not exposed", path)
				}
			}
			// A preflight carries no credentials: it is answered before authentication.
			pre := ts.do(t, http.MethodOptions, PathMCP, "", "", map[string]string{"Origin": tc.origin,
				"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type, mcp-session-id"})
			switch {
			case tc.origin == "":
			case tc.want == http.StatusOK:
				allow := pre.Header.Get("Access-Control-Allow-Headers")
				if pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != tc.origin ||
					!strings.Contains(allow, "Authorization") || !strings.Contains(allow, "Mcp-Session-Id") ||
					!strings.Contains(allow, "Mcp-Protocol-Version") || !strings.Contains(pre.Header.Get("Access-Control-Allow-Methods"), "POST") {
					t.Errorf("preflight: %d %v", pre.StatusCode, pre.Header)
				}
			default:
				if pre.StatusCode != http.StatusForbidden || pre.Header.Get("Access-Control-Allow-Origin") != "" {
					t.Errorf("preflight from a refused origin: %d %v", pre.StatusCode, pre.Header)
				}
			}
		})
	}
}

// TestHealth checks /healthz: 200 when the health func answers, 503 otherwise, with
// no token needed and no detail given.
func TestHealth(t *testing.T) {
	var down bool
	ts := newTestServer(t, Config{Health: func(context.Context) error {
		if down {
			return errors.New("sql: database is closed /secret/path.db")
		}
		return nil
	}})
	if resp := ts.do(t, http.MethodGet, PathHealth, "", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("healthy: %d", resp.StatusCode)
	}
	down = true
	resp := ts.do(t, http.MethodGet, PathHealth, "", "", nil)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusServiceUnavailable || strings.Contains(string(body), "secret") {
		t.Errorf("unhealthy: %d %q", resp.StatusCode, body)
	}
}

// TestBodyLimit checks that a body over the limit is refused with 413, whether its
// length is declared or not.
func TestBodyLimit(t *testing.T) {
	ts := newTestServer(t, Config{MaxBody: 1 << 10})
	big := `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"` + strings.Repeat("x", 2<<10) + `"}}`
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, big, nil); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("declared length: %d, want 413", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+PathMCP, io.MultiReader(strings.NewReader(big)))
	req.ContentLength = -1 // chunked
	req.Header.Set("Authorization", "Bearer "+tokenA)
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked: %d, want 413", resp.StatusCode)
	}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, wiretest.InitializeBody, nil); resp.StatusCode != http.StatusOK {
		t.Errorf("a small body: %d", resp.StatusCode)
	}
}

// TestSessionsBoundToCustomer checks that a Streamable HTTP session opened by one
// customer cannot be used with another customer's token: not to call, not to open
// its GET stream (where server requests for the owner's calls go), not to end it.
func TestSessionsBoundToCustomer(t *testing.T) {
	ts := newTestServer(t, Config{})
	session := ts.session(t, tokenA)
	tests := []struct {
		name, method, token, body string
		want                      int
	}{
		{name: "other customer calls", method: http.MethodPost, token: tokenB, body: whoamiBody(3), want: http.StatusNotFound},
		{name: "other customer opens the stream", method: http.MethodGet, token: tokenB, want: http.StatusNotFound},
		{name: "other customer ends it", method: http.MethodDelete, token: tokenB, want: http.StatusNotFound},
		{name: "other customer answers a server request", method: http.MethodPost, token: tokenB, body: `{"jsonrpc":"2.0","id":1,"result":{"action":"accept"}}`, want: http.StatusNotFound},
		// The session check and mcp-go must agree on the era: a key that differs only in
		// case is not the protocol version.
		{name: "other customer claims the 2026 era by a lookalike key", method: http.MethodPost, token: tokenB,
			body: `{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"whoami","_meta":{"IO.modelcontextprotocol/protocolversion":"2026-07-28"}}}`, want: http.StatusNotFound},
		{name: "owner calls", method: http.MethodPost, token: tokenA, body: whoamiBody(4), want: http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := ts.do(t, tc.method, PathMCP, tc.token, tc.body, session)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == http.StatusOK {
				body, _ := io.ReadAll(resp.Body)
				if !strings.Contains(string(body), "cus_alice") {
					t.Errorf("whoami: %s", body)
				}
			}
		})
	}
	// Unknown ids and missing ids.
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, pingBody, map[string]string{server.HeaderKeySessionID: "mcp-session-made-up"}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("made-up session: %d, want 404", resp.StatusCode)
	}
	if resp := ts.do(t, http.MethodGet, PathMCP, tokenA, "", nil); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("GET without a session: %d, want 400", resp.StatusCode)
	}
	// The owner ends the session; then it is gone for the owner too.
	if resp := ts.do(t, http.MethodDelete, PathMCP, tokenA, "", session); resp.StatusCode != http.StatusOK {
		t.Fatalf("owner DELETE: %d", resp.StatusCode)
	}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, whoamiBody(5), session); resp.StatusCode != http.StatusNotFound {
		t.Errorf("after DELETE: %d, want 404", resp.StatusCode)
	}
}

// TestSessionsPerCustomerBounded checks that one customer's sessions are capped, the
// oldest forgotten first, and that other customers' sessions are untouched.
func TestSessionsPerCustomerBounded(t *testing.T) {
	s := newSessions()
	s.bind("bob-1", "cus_bob", true)
	for i := range maxSessionsPerCustomer + 1 {
		s.bind("alice-"+string(rune('A'+i)), "cus_alice", true)
	}
	if s.owns("alice-A", "cus_alice") {
		t.Error("the oldest session survived the cap")
	}
	if !s.owns("alice-B", "cus_alice") || !s.owns("bob-1", "cus_bob") {
		t.Error("a session within the cap was forgotten")
	}
	if n := s.count(); n != maxSessionsPerCustomer+1 {
		t.Errorf("%d sessions, want %d", n, maxSessionsPerCustomer+1)
	}
	s.drop("bob-1")
	if s.owns("bob-1", "cus_bob") || len(s.byCustomer["cus_bob"]) != 0 {
		t.Error("drop left the session")
	}
}

// TestSessionsOverTheCapReleased checks that a session the per-customer cap forgets
// is released by the MCP server too, so that one customer opening sessions without
// end holds at most the cap's worth of them, and that the newest still work.
func TestSessionsOverTheCapReleased(t *testing.T) {
	var mu sync.Mutex
	live := 0
	hooks := &server.Hooks{}
	hooks.AddOnRegisterSession(func(context.Context, server.ClientSession) { mu.Lock(); live++; mu.Unlock() })
	hooks.AddOnUnregisterSession(func(context.Context, server.ClientSession) { mu.Lock(); live--; mu.Unlock() })
	ts := newTestServerOf(t, server.NewMCPServer("test", "1", server.WithHooks(hooks)), Config{})
	var first, last string
	for i := range maxSessionsPerCustomer + 5 {
		resp := ts.do(t, http.MethodPost, PathMCP, tokenA, wiretest.InitializeBody, nil)
		sid := resp.Header.Get(server.HeaderKeySessionID)
		if resp.StatusCode != http.StatusOK || sid == "" {
			t.Fatalf("initialize %d: %d, session %q", i, resp.StatusCode, sid)
		}
		if i == 0 {
			first = sid
		}
		last = sid
	}
	mu.Lock()
	got := live
	mu.Unlock()
	if got != maxSessionsPerCustomer {
		t.Errorf("%d sessions registered with the MCP server, want the cap, %d", got, maxSessionsPerCustomer)
	}
	session := func(id string) map[string]string {
		return map[string]string{server.HeaderKeySessionID: id, "Mcp-Protocol-Version": "2025-11-25"}
	}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, pingBody, session(first)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the oldest session after the cap: %d, want 404", resp.StatusCode)
	}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, pingBody, session(last)); resp.StatusCode != http.StatusOK {
		t.Errorf("the newest session: %d, want 200", resp.StatusCode)
	}
}

// TestSessionStreamsEndWithSession checks that a GET stream's context ends when its
// session is forgotten, by the cap or by drop, at once when the session is already
// gone, and that a stream's end forgets it.
func TestSessionStreamsEndWithSession(t *testing.T) {
	ctx := context.Background()
	s := newSessions()
	s.bind("old", "cus_alice", true)
	s.bind("dropped", "cus_alice", true)
	evicted, doneEvicted := s.stream(ctx, "old")
	dropped, doneDropped := s.stream(ctx, "dropped")
	s.bind("bob-1", "cus_bob", true)
	kept, doneKept := s.stream(ctx, "bob-1")
	gone, doneGone := s.stream(ctx, "never-bound")
	if gone.Err() == nil {
		t.Error("a stream of a session that is gone stays open")
	}
	for i := range maxSessionsPerCustomer - 1 {
		s.bind("alice-"+strconv.Itoa(i), "cus_alice", true)
	}
	if evicted.Err() == nil {
		t.Error("the stream of the session the cap forgot stays open")
	}
	if dropped.Err() != nil {
		t.Error("a stream of a session within the cap ended")
	}
	s.drop("dropped")
	if dropped.Err() == nil {
		t.Error("the stream of a dropped session stays open")
	}
	if kept.Err() != nil {
		t.Error("another customer's stream ended")
	}
	for _, done := range []func(){doneEvicted, doneDropped, doneKept, doneGone} {
		done()
	}
	if n := len(s.streams); n != 0 {
		t.Errorf("%d sessions' streams kept after every stream ended", n)
	}
}

// TestForgottenSessionEndsGETStream checks, through the server, that the GET stream
// of a session ends when the session does: evicted by the per-customer cap, or
// ended by its owner's DELETE (mcp-go terminates the session but leaves its stream
// open until the client leaves).
func TestForgottenSessionEndsGETStream(t *testing.T) {
	for _, tc := range []struct {
		name string
		end  func(t *testing.T, ts *testServer, session string)
	}{
		{name: "evicted by the cap", end: func(t *testing.T, ts *testServer, _ string) {
			for i := range maxSessionsPerCustomer {
				resp := ts.do(t, http.MethodPost, PathMCP, tokenA, wiretest.InitializeBody, nil)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("initialize %d: %d", i, resp.StatusCode)
				}
			}
		}},
		{name: "ended by its owner", end: func(t *testing.T, ts *testServer, session string) {
			h := map[string]string{server.HeaderKeySessionID: session, "Mcp-Protocol-Version": "2025-11-25"}
			if resp := ts.do(t, http.MethodDelete, PathMCP, tokenA, "", h); resp.StatusCode != http.StatusOK {
				t.Fatalf("owner DELETE: %d", resp.StatusCode)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServerOf(t, server.NewMCPServer("test", "1"), Config{})
			resp := openGETStream(t, ts)
			ended := streaming(t, resp)
			select {
			case <-ended:
				t.Fatal("the stream ended while its session was live")
			case <-time.After(200 * time.Millisecond):
			}
			tc.end(t, ts, resp.Request.Header.Get(server.HeaderKeySessionID))
			select {
			case <-ended:
			case <-time.After(5 * time.Second):
				resp.Body.Close()
				t.Fatal("the stream outlived its session")
			}
		})
	}
}

// TestGETStreamsBoundedByCap checks that one customer opening sessions without end,
// each with a GET stream, holds at most the cap's worth of streams: the evicted
// sessions' streams end, the newest stay open, and the goroutines serving them come
// back to what the cap's worth of streams took.
func TestGETStreamsBoundedByCap(t *testing.T) {
	ts := newTestServerOf(t, server.NewMCPServer("test", "1"), Config{})
	var ended []<-chan struct{}
	open := func(n int) {
		for range n {
			ended = append(ended, streaming(t, openGETStream(t, ts)))
		}
	}
	open(maxSessionsPerCustomer)
	time.Sleep(200 * time.Millisecond)
	atCap := runtime.NumGoroutine()
	open(2 * maxSessionsPerCustomer)
	deadline := time.After(10 * time.Second)
evicted:
	for i, e := range ended[:2*maxSessionsPerCustomer] {
		select {
		case <-e:
		case <-deadline:
			t.Errorf("the stream of evicted session %d is still open", i)
			break evicted
		}
	}
	for i, e := range ended[2*maxSessionsPerCustomer:] {
		select {
		case <-e:
			t.Errorf("the stream of live session %d ended", 2*maxSessionsPerCustomer+i)
		default:
		}
	}
	// Closed connections take a moment to let their goroutines go.
	const slack = 32
	var now int
	for try := 0; try < 100; try++ {
		if now = runtime.NumGoroutine(); now <= atCap+slack {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if now > atCap+slack {
		t.Errorf("%d goroutines with %d sessions opened, %d with the cap's %d", now, 3*maxSessionsPerCustomer, atCap, maxSessionsPerCustomer)
	}
	if n := ts.h.sessions.count(); n != maxSessionsPerCustomer {
		t.Errorf("%d sessions owned, want the cap, %d", n, maxSessionsPerCustomer)
	}
}

// TestRevokedTokenEndsStreams checks that a stream opened with a token ends once the
// token is revoked (or expires), on every kind of stream: the 2025-era GET stream,
// the SSE stream and the 2026-07-28 subscriptions/listen request; and that a token
// store that cannot answer leaves it open.
func TestRevokedTokenEndsStreams(t *testing.T) {
	for _, tc := range []struct {
		name      string
		transport string
		open      func(t *testing.T, ts *testServer) *http.Response // the stream, with tokenA
		storeDown bool                                              // the recheck cannot reach the store
	}{
		{name: "2025-11-25 GET stream", transport: TransportHTTP, open: openGETStream},
		{name: "SSE stream", transport: TransportSSE, open: func(t *testing.T, ts *testServer) *http.Response {
			return ts.do(t, http.MethodGet, PathSSE, tokenA, "", map[string]string{"Accept": "text/event-stream"})
		}},
		{name: "2026-07-28 subscriptions/listen", transport: TransportHTTP, open: func(t *testing.T, ts *testServer) *http.Response {
			return ts.do(t, http.MethodPost, PathMCP, tokenA, listenBody, modernHeaders("subscriptions/listen"))
		}},
		{name: "store down: the stream stays", transport: TransportHTTP, storeDown: true, open: openGETStream},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var revoked atomic.Bool
			auth := func(ctx context.Context, secret string) (string, error) {
				if secret == tokenA && revoked.Load() {
					if tc.storeDown {
						return "", errors.New("database is locked")
					}
					return "", ErrBadToken
				}
				return fakeAuthenticate(ctx, secret)
			}
			ts := newTestServerOf(t, testMCP(nil, nil), Config{Transport: tc.transport, Authenticate: auth})
			ts.h.tokenRecheck = 20 * time.Millisecond
			resp := tc.open(t, ts)
			ended := streaming(t, resp)
			// Still open across several rechecks while the token is valid.
			select {
			case <-ended:
				t.Fatal("the stream ended while its token was valid")
			case <-time.After(200 * time.Millisecond):
			}
			revoked.Store(true)
			select {
			case <-ended:
				if tc.storeDown {
					t.Fatal("the stream ended because the token store could not answer")
				}
			case <-time.After(2 * time.Second):
				if !tc.storeDown {
					t.Fatal("the stream outlived its token's revocation")
				}
				resp.Body.Close()
			}
		})
	}
}

// openGETStream opens a 2025-11-25 session with tokenA and its GET stream.
func openGETStream(t *testing.T, ts *testServer) *http.Response {
	t.Helper()
	resp := ts.do(t, http.MethodPost, PathMCP, tokenA, wiretest.InitializeBody, nil)
	sid := resp.Header.Get(server.HeaderKeySessionID)
	// Read to the end, so that the connection serves the next request.
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return ts.do(t, http.MethodGet, PathMCP, tokenA, "", map[string]string{server.HeaderKeySessionID: sid,
		"Mcp-Protocol-Version": "2025-11-25", "Accept": "text/event-stream"})
}

// streaming checks that resp opened a stream and reads its body to its end in the
// background: the channel returned is closed when the stream ends.
func streaming(t *testing.T, resp *http.Response) <-chan struct{} {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("opening the stream: %d", resp.StatusCode)
	}
	ended := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		close(ended)
	}()
	return ended
}

// listenBody is a 2026-07-28 subscriptions/listen request for tool list changes.
const listenBody = `{"jsonrpc":"2.0","id":9,"method":"subscriptions/listen","params":{"notifications":{"toolsListChanged":true},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}}}`

// modernHeaders are the headers of a 2026-07-28 request for method.
func modernHeaders(method string) map[string]string {
	return map[string]string{"Mcp-Protocol-Version": "2026-07-28", "Mcp-Method": method, "Accept": "application/json, text/event-stream"}
}

// TestSSESessionsBoundToCustomer checks that a message for another customer's SSE
// session is refused with 404 and never reaches it.
func TestSSESessionsBoundToCustomer(t *testing.T) {
	ts := newTestServer(t, Config{Transport: TransportSSE})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+PathSSE, nil)
	req.Header.Set("Authorization", "Bearer "+tokenA)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if acao := resp.Header.Get("Access-Control-Allow-Origin"); acao != "" {
		t.Errorf("a stream opened without Origin allows origin %q", acao)
	}
	// The first event names the message endpoint with the session id.
	buf := make([]byte, 512)
	n, err := resp.Body.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(buf[:n]), "sessionId=")
	if !ok {
		t.Fatalf("no endpoint event: %q", buf[:n])
	}
	sid := strings.TrimSpace(rest)
	if r := ts.do(t, http.MethodPost, PathMessage+"?sessionId="+sid, tokenB, wiretest.InitializeBody, nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("other customer's message: %d, want 404", r.StatusCode)
	} else if body, _ := io.ReadAll(r.Body); !strings.Contains(string(body), "open a new stream at /sse") {
		t.Errorf("other customer's message: 404 %q, want it to say to open a new stream at /sse", body)
	}
	if r := ts.do(t, http.MethodPost, PathMessage+"?sessionId="+sid, tokenA, wiretest.InitializeBody, nil); r.StatusCode != http.StatusAccepted {
		t.Errorf("owner's message: %d, want 202", r.StatusCode)
	}
	cancel()
	// The stream's end forgets its session.
	deadline := time.Now().Add(10 * time.Second)
	for ts.h.sessions.count() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the SSE session outlived its stream")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestClients checks that mcp-go's clients of both protocol eras, stateful and
// stateless, and its SSE client work through authentication, and that each call
// acts for its token's customer.
func TestClients(t *testing.T) {
	tests := []struct {
		name      string
		transport string
		stateless bool
		version   string // "" for the client's default (2026-07-28)
	}{
		{name: "2026-07-28", transport: TransportHTTP},
		{name: "2025-11-25 stateful", transport: TransportHTTP, version: mcp.ProtocolVersion20251125},
		{name: "2025-11-25 stateless", transport: TransportHTTP, stateless: true, version: mcp.ProtocolVersion20251125},
		{name: "2026-07-28 stateless", transport: TransportHTTP, stateless: true},
		{name: "sse", transport: TransportSSE, version: mcp.ProtocolVersion20251125},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ts := newTestServer(t, Config{Transport: tc.transport, Stateless: tc.stateless})
			for token, want := range map[string]string{tokenA: "cus_alice", tokenB: "cus_bob"} {
				c := newClient(t, ctx, ts.URL, tc.transport, token, tc.version)
				req := mcp.CallToolRequest{}
				req.Params.Name = "whoami"
				res, err := c.CallTool(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				if got := res.Content[0].(mcp.TextContent).Text; got != want {
					t.Errorf("whoami = %q, want %q", got, want)
				}
			}
		})
	}
}

// newClient returns an initialized mcp-go client of the server at base.
func newClient(t *testing.T, ctx context.Context, base, tr, token, version string, opts ...transport.StreamableHTTPCOption) *client.Client {
	t.Helper()
	headers := map[string]string{"Authorization": "Bearer " + token}
	var c *client.Client
	var err error
	if tr == TransportSSE {
		c, err = client.NewSSEMCPClient(base+PathSSE, transport.WithHeaders(headers))
	} else {
		var copts []client.ClientOption
		if version != "" {
			copts = append(copts, client.WithProtocolVersion(version))
		}
		var st *transport.StreamableHTTP
		st, err = transport.NewStreamableHTTP(base+PathMCP, append(opts, transport.WithHTTPHeaders(headers))...)
		if err == nil {
			c = client.NewClient(st, copts...)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = version
	init.Params.ClientInfo = mcp.Implementation{Name: "t", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	return c
}

// TestCallLog checks the one line per call: method, tool, customer, status and tool
// error, and never a token or an argument.
func TestCallLog(t *testing.T) {
	for _, tr := range []string{TransportHTTP, TransportSSE} {
		t.Run(tr, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			ts := newTestServer(t, Config{Transport: tr})
			c := newClient(t, ctx, ts.URL, tr, tokenA, mcp.ProtocolVersion20251125)
			req := mcp.CallToolRequest{}
			req.Params.Name = "fail"
			req.Params.Arguments = map[string]any{"card": "4242424242424242"}
			if res, err := c.CallTool(ctx, req); err != nil || !res.IsError {
				t.Fatalf("fail: %v %+v", err, res)
			}
			req.Params.Name = "no_such_tool"
			if _, err := c.CallTool(ctx, req); err == nil {
				t.Fatal("an unknown tool was called")
			}
			path := PathMCP
			if tr == TransportSSE {
				path = PathMessage
			}
			ts.do(t, http.MethodPost, path, "tok_nobody", pingBody, nil)
			// An SSE call's line is written when the call ends, just after its answer.
			var log string
			deadline := time.Now().Add(10 * time.Second)
			for {
				log = ts.log.String()
				if strings.Contains(log, "tool=no_such_tool") || time.Now().After(deadline) {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			lines := map[string]string{}
			for _, l := range strings.Split(log, "\n") {
				for _, key := range []string{"method=initialize", "tool=fail", "tool=no_such_tool", "status=401"} {
					if strings.Contains(l, "msg=call") && strings.Contains(l, key) {
						if lines[key] != "" {
							t.Errorf("two lines for %s:\n%s\n%s", key, lines[key], l)
						}
						lines[key] = l
					}
				}
			}
			for key, want := range map[string][]string{
				"method=initialize": {"customer=cus_alice", "took="},
				"tool=fail":         {"method=tools/call", "customer=cus_alice", "tool_error=true", "status="},
				"tool=no_such_tool": {"customer=cus_alice", "rpc_error="},
				"status=401":        {"http=POST"},
			} {
				l := lines[key]
				if l == "" {
					t.Errorf("no line with %s in\n%s", key, log)
					continue
				}
				for _, w := range want {
					if !strings.Contains(l, w) {
						t.Errorf("line %q lacks %q", l, w)
					}
				}
			}
			for _, secret := range []string{tokenA, "tok_nobody", "4242"} {
				if strings.Contains(log, secret) {
					t.Errorf("%q reached the log", secret)
				}
			}
		})
	}
}

// TestShutdown checks graceful shutdown: when the serving context ends, a call in
// flight finishes and its answer reaches the client, an open stream does not hold
// the server up, and Serve returns nil; a call that does not finish is cancelled at
// the deadline and Serve still returns within the shutdown timeout.
func TestShutdown(t *testing.T) {
	for _, tc := range []struct {
		name      string
		transport string
		modern    bool // a 2026-07-28 client with a subscriptions/listen stream open
		release   bool // let the call finish after shutdown starts
	}{
		{name: "http, call finishes", transport: TransportHTTP, release: true},
		{name: "sse, call finishes", transport: TransportSSE, release: true},
		{name: "http, call outlives the deadline", transport: TransportHTTP},
		{name: "http 2026-07-28 listening, call finishes", transport: TransportHTTP, modern: true, release: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gate, started := make(chan struct{}), make(chan struct{}, 1)
			var log syncbuf.Buffer
			timeout := 3 * time.Second
			if tc.release {
				timeout = DefaultShutdownTimeout // the test lets the call finish well before it
			}
			h, err := New(testMCP(gate, started), Config{Transport: tc.transport, Authenticate: fakeAuthenticate,
				Log: slog.New(slog.NewTextHandler(&log, nil)), ShutdownTimeout: timeout})
			if err != nil {
				t.Fatal(err)
			}
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			serveCtx, stop := context.WithCancel(context.Background())
			served := make(chan error, 1)
			go func() { served <- h.Serve(serveCtx, ln) }()

			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			base := "http://" + ln.Addr().String()
			// The client keeps a stream open (GET, or subscriptions/listen), which must
			// not hold shutdown up.
			version, opts := mcp.ProtocolVersion20251125, []transport.StreamableHTTPCOption{transport.WithContinuousListening()}
			if tc.modern {
				version, opts = "", nil
			}
			c := newClient(t, ctx, base, tc.transport, tokenA, version, opts...)
			if tc.modern {
				stopListening, err := c.ListenAsync(ctx, mcp.SubscriptionFilter{ToolsListChanged: true}, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer stopListening()
				// Wait until the stream is open on the server.
				for deadline := time.Now().Add(10 * time.Second); h.openListens() == 0; time.Sleep(5 * time.Millisecond) {
					if time.Now().After(deadline) {
						t.Fatal("the subscriptions/listen stream did not open")
					}
				}
			}
			answer := make(chan string, 1)
			go func() {
				req := mcp.CallToolRequest{}
				req.Params.Name = "slow"
				res, err := c.CallTool(ctx, req)
				if err != nil {
					answer <- "error: " + err.Error()
					return
				}
				answer <- res.Content[0].(mcp.TextContent).Text
			}()
			<-started
			stop()
			begun := time.Now()
			if tc.release {
				// Shutdown waits for the call: it has not returned yet.
				select {
				case err := <-served:
					t.Fatalf("Serve returned %v with a call in flight", err)
				case <-time.After(200 * time.Millisecond):
				}
				close(gate)
				if got := <-answer; got != "finished" {
					t.Errorf("the call in flight answered %q, want finished", got)
				}
			}
			select {
			case err := <-served:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("Serve did not return\n%s", log.String())
			}
			// A stream left open would keep Serve until the (10 s) deadline.
			if took := time.Since(begun); took > 8*time.Second {
				t.Errorf("shutdown took %v", took)
			}
			if !tc.release {
				if got := <-answer; got == "finished" {
					t.Errorf("the call outliving the deadline answered %q", got)
				}
				if !strings.Contains(log.String(), "cancelling the calls still running") {
					t.Errorf("no cancellation logged:\n%s", log.String())
				}
			}
		})
	}
}

// TestCallLogCapsClientText: the method and tool names a client sends are written to
// the call log at most callLogNameMax bytes each, their invisible and control
// characters left out, however long the client made them: a request may be 4 MiB, and
// one line per request would otherwise let a customer write that much to the log each
// time.
func TestCallLogCapsClientText(t *testing.T) {
	ts := newTestServer(t, Config{})
	session := ts.session(t, tokenA)
	long := strings.Repeat("x", 64<<10)
	for _, body := range []string{
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"` + long + `"}}`,
		`{"jsonrpc":"2.0","id":4,"method":"` + long + `"}`,
		`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"tool\u001b[31mred\u202e"}}`,
	} {
		ts.do(t, http.MethodPost, PathMCP, tokenA, body, session)
	}
	// A line is written once its answer is sent.
	var lines []string
	for deadline := time.Now().Add(10 * time.Second); len(lines) < 4 && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		lines = lines[:0]
		for _, l := range strings.Split(ts.log.String(), "\n") {
			if strings.Contains(l, "msg=call") {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) != 4 {
		t.Fatalf("%d call lines, want 4:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if len(l) > 2*callLogNameMax+300 || strings.Contains(l, `\x1b`) || strings.Contains(l, `\u202e`) || strings.Contains(l, "\u202e") {
			t.Errorf("a call line of %d bytes: %.400q", len(l), l)
		}
	}
	if !strings.Contains(strings.Join(lines, "\n"), `tool="tool [31mred"`) {
		t.Errorf("the cleaned tool name is not logged:\n%s", strings.Join(lines, "\n"))
	}
}
