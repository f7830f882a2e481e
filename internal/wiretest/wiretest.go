// Package wiretest is test support for serving an MCP server over real HTTP
// transports and reaching it with mcp-go's own clients: Streamable HTTP in both
// protocol eras (2026-07-28, and 2025-11-25 with initialize), with and without
// sessions, and the legacy HTTP+SSE transport. Tests import it; the product does not.
package wiretest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Wire is one way a client reaches a server over HTTP.
type Wire struct {
	Name      string
	SSE       bool // the legacy HTTP+SSE transport (/sse and /message); else Streamable HTTP (/mcp)
	Stateless bool // Streamable HTTP without sessions (WithStateLess); else with them (WithStateful)
	Legacy    bool // the client pins 2025-11-25 and uses initialize; else it negotiates 2026-07-28
}

// All returns every wire: Streamable HTTP in both eras, stateful and stateless, and
// SSE (which only the legacy era speaks).
func All() []Wire {
	return []Wire{
		{Name: "streamable modern stateful"},
		{Name: "streamable modern stateless", Stateless: true},
		{Name: "streamable legacy stateful", Legacy: true},
		{Name: "streamable legacy stateless", Legacy: true, Stateless: true},
		{Name: "sse legacy", SSE: true, Legacy: true},
	}
}

// Named returns the wire of All called name.
func Named(t testing.TB, name string) Wire {
	t.Helper()
	for _, w := range All() {
		if w.Name == name {
			return w
		}
	}
	t.Fatalf("wiretest: no wire %q", name)
	return Wire{}
}

// Handler returns s served over w, with contextFunc (nil: none) deriving each
// request's context from the HTTP request, and the path of its endpoint.
func (w Wire) Handler(s *server.MCPServer, contextFunc func(context.Context, *http.Request) context.Context) (http.Handler, string) {
	if w.SSE {
		var opts []server.SSEOption
		if contextFunc != nil {
			opts = append(opts, server.WithSSEContextFunc(contextFunc))
		}
		return server.NewSSEServer(s, opts...), "/sse"
	}
	opts := []server.StreamableHTTPOption{server.WithStateLess(w.Stateless), server.WithStateful(!w.Stateless)}
	if contextFunc != nil {
		opts = append(opts, server.WithHTTPContextFunc(contextFunc))
	}
	return server.NewStreamableHTTPServer(s, opts...), "/mcp"
}

// Serve serves s over w in an httptest server that closes when the test ends, and
// returns the endpoint's URL.
func (w Wire) Serve(t testing.TB, s *server.MCPServer, contextFunc func(context.Context, *http.Request) context.Context) string {
	t.Helper()
	h, path := w.Handler(s, contextFunc)
	ts := httptest.NewServer(h)
	t.Cleanup(func() {
		ts.CloseClientConnections() // SSE streams stay open otherwise
		ts.Close()
	})
	return ts.URL + path
}

// Dial connects an MCP client over w to the endpoint at url, sending headers with
// every request, and initializes it. With elicit set, the client declares the
// elicitation capability and answers dialogs with it. The client closes when the
// test ends. Dial fails the test unless the protocol era is the one w asks for.
func (w Wire) Dial(t testing.TB, url string, headers map[string]string, elicit client.ElicitationHandler) *client.Client {
	t.Helper()
	var (
		tr  transport.Interface
		err error
	)
	if w.SSE {
		tr, err = transport.NewSSE(url, transport.WithHeaders(headers))
	} else {
		tr, err = transport.NewStreamableHTTP(url, transport.WithHTTPHeaders(headers), transport.WithHTTPTimeout(time.Minute))
	}
	if err != nil {
		t.Fatalf("wiretest: %s: %v", w.Name, err)
	}
	want := mcp.LATEST_PROTOCOL_VERSION
	var opts []client.ClientOption
	if w.Legacy {
		want = mcp.LATEST_LEGACY_PROTOCOL_VERSION
		opts = append(opts, client.WithProtocolVersion(want))
	}
	if elicit != nil {
		opts = append(opts, client.WithElicitationHandler(elicit))
	}
	c := client.NewClient(tr, opts...)
	ctx := context.Background()
	if err := c.Start(ctx); err != nil {
		t.Fatalf("wiretest: %s: start: %v", w.Name, err)
	}
	t.Cleanup(func() { c.Close() })
	req := mcp.InitializeRequest{}
	req.Params.ClientInfo = mcp.Implementation{Name: "wiretest", Version: "1"}
	if elicit != nil {
		req.Params.Capabilities.Elicitation = &mcp.ElicitationCapability{}
	}
	init, err := c.Initialize(ctx, req)
	if err != nil {
		t.Fatalf("wiretest: %s: initialize: %v", w.Name, err)
	}
	if init.ProtocolVersion != want {
		t.Fatalf("wiretest: %s: negotiated %s, want %s", w.Name, init.ProtocolVersion, want)
	}
	return c
}

// InitializeBody is a 2025-11-25 initialize request, for tests that speak raw HTTP.
const InitializeBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`

// Do sends one raw HTTP request with c: a body is sent as JSON-RPC (with the Accept header
// Streamable HTTP requires), token ("" for none) as a bearer token, then header. The
// response body is closed when the test ends.
func Do(t testing.TB, c *http.Client, method, url, token, body string, header map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
