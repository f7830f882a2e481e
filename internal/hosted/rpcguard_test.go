package hosted

import (
	"cmp"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// modernWhoami is a 2026-07-28 tools/call of whoami (no handshake, no session) and
// the headers that era requires of it.
const modernWhoami = `{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"whoami","arguments":{},` +
	`"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"t","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}}}`

var modernWhoamiHeader = map[string]string{mcp.HeaderProtocolVersion: "2026-07-28", mcp.HeaderMethod: "tools/call", mcp.HeaderName: "whoami"}

// TestInvalidRequestRefused checks that a message whose method member is absent,
// empty or not a string (null, a number, an object), and that is no response, or a
// request whose id is not a string or an integer of at most 2^53-1 either way
// written in digits (an object, an array, a boolean, null, 1.5, 1.0, 1e3, 2^53), is
// answered 400 with a JSON-RPC Invalid Request error carrying its id (null when it
// has none, or one a refusal does not echo), in every transport and era; that it
// counts as one request and opens no session (an initialize with a null id
// included); and that a response carrying "method": null is still left to mcp-go,
// as are responses (a result, a null result, an error, an error with a null id),
// notifications and requests with ids at the ends of the range. Before, mcp-go
// answered a message with an id and a null or no method 202 and ran nothing, and
// took a request with a null id for a notification.
func TestInvalidRequestRefused(t *testing.T) {
	tests := []struct {
		name      string
		transport string
		stateless bool
		path      string
		header    map[string]string
		body      string
		id        string // the id the refusal carries
		msg       string // its message; "" means InvalidMethod
	}{
		{name: "null method, number id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":7,"method":null}`, id: "7"},
		{name: "null method, string id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":"abc","method":null,"params":{}}`, id: `"abc"`},
		{name: "null method, with a session id", transport: TransportHTTP, path: PathMCP, header: map[string]string{server.HeaderKeySessionID: "mcp-session-any"}, body: `{"jsonrpc":"2.0","id":7,"method":null}`, id: "7"},
		{name: "number method", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":7,"method":5}`, id: "7"},
		{name: "object method", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":7,"method":{"name":"ping"}}`, id: "7"},
		{name: "null method, no id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","method":null}`, id: "null"},
		{name: "null method, object id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":{},"method":null}`, id: "null"},
		{name: "2025-06-18", transport: TransportHTTP, path: PathMCP, header: map[string]string{mcp.HeaderProtocolVersion: "2025-06-18"}, body: `{"jsonrpc":"2.0","id":7,"method":null}`, id: "7"},
		{name: "2026-07-28", transport: TransportHTTP, path: PathMCP, header: map[string]string{mcp.HeaderProtocolVersion: "2026-07-28"},
			body: `{"jsonrpc":"2.0","id":7,"method":null,"params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}`, id: "7"},
		{name: "stateless", transport: TransportHTTP, stateless: true, path: PathMCP, body: `{"jsonrpc":"2.0","id":7,"method":null}`, id: "7"},
		{name: "sse message", transport: TransportSSE, path: PathMessage + "?sessionId=any", body: `{"jsonrpc":"2.0","id":7,"method":null}`, id: "7"},
		{name: "no method, number id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":1}`, id: "1"},
		{name: "no method, string id, params", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":"x","params":{}}`, id: `"x"`},
		{name: "empty method", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":1,"method":""}`, id: "1"},
		{name: "no method, no id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0"}`, id: "null"},
		{name: "no method, with a session id", transport: TransportHTTP, path: PathMCP, header: map[string]string{server.HeaderKeySessionID: "mcp-session-any"}, body: `{"jsonrpc":"2.0","id":1}`, id: "1"},
		{name: "no method, 2026-07-28", transport: TransportHTTP, path: PathMCP, header: map[string]string{mcp.HeaderProtocolVersion: "2026-07-28"}, body: `{"jsonrpc":"2.0","id":1}`, id: "1"},
		{name: "no method, stateless", transport: TransportHTTP, stateless: true, path: PathMCP, body: `{"jsonrpc":"2.0","id":1}`, id: "1"},
		{name: "no method, sse message", transport: TransportSSE, path: PathMessage + "?sessionId=any", body: `{"jsonrpc":"2.0","id":1}`, id: "1"},
		{name: "object id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":{"n":1},"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "array id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":[1],"method":"tools/list"}`, id: "null", msg: InvalidID},
		{name: "boolean id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":true,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "boolean id, stateless", transport: TransportHTTP, stateless: true, path: PathMCP, body: `{"jsonrpc":"2.0","id":false,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "object id, sse message", transport: TransportSSE, path: PathMessage + "?sessionId=any", body: `{"jsonrpc":"2.0","id":{},"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "null id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":null,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "null id, initialize", transport: TransportHTTP, path: PathMCP, body: nullIDInitialize, id: "null", msg: InvalidID},
		{name: "null id, tool call, with a session id", transport: TransportHTTP, path: PathMCP, header: map[string]string{server.HeaderKeySessionID: "mcp-session-any"},
			body: `{"jsonrpc":"2.0","id":null,"method":"tools/call","params":{"name":"whoami","arguments":{}}}`, id: "null", msg: InvalidID},
		{name: "null id, 2026-07-28", transport: TransportHTTP, path: PathMCP, header: modernWhoamiHeader, body: strings.Replace(modernWhoami, `"id":8`, `"id":null`, 1), id: "null", msg: InvalidID},
		{name: "null id, stateless", transport: TransportHTTP, stateless: true, path: PathMCP, body: `{"jsonrpc":"2.0","id":null,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "null id, sse message", transport: TransportSSE, path: PathMessage + "?sessionId=any", body: `{"jsonrpc":"2.0","id":null,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "fractional id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":1.5,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "integral id with a fraction", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":1.0,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "id with an exponent", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":1e3,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "id 2^53", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":9007199254740992,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "id -2^53", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":-9007199254740992,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "id past int64", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":100000000000000000000,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "id past float64", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":1e400,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "fractional id, stateless", transport: TransportHTTP, stateless: true, path: PathMCP, body: `{"jsonrpc":"2.0","id":2.5,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "fractional id, sse message", transport: TransportSSE, path: PathMessage + "?sessionId=any", body: `{"jsonrpc":"2.0","id":2.5,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "id 2^53, sse message", transport: TransportSSE, path: PathMessage + "?sessionId=any", body: `{"jsonrpc":"2.0","id":9007199254740992,"method":"ping"}`, id: "null", msg: InvalidID},
		{name: "null method, fractional id", transport: TransportHTTP, path: PathMCP, body: `{"jsonrpc":"2.0","id":1.5,"method":null}`, id: "null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lim := &countingLimiter{}
			ts := newTestServer(t, Config{Transport: tc.transport, Stateless: tc.stateless, Requests: lim})
			resp := ts.do(t, http.MethodPost, tc.path, tokenA, tc.body, tc.header)
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
			id, code, msg, _ := rpcErrorOf(t, resp)
			want := cmp.Or(tc.msg, InvalidMethod)
			if string(id) != tc.id || code != mcp.INVALID_REQUEST || msg != want {
				t.Errorf("id %s, code %d, message %q; want %s, %d, %q", id, code, msg, tc.id, mcp.INVALID_REQUEST, want)
			}
			if n := lim.count("cus_alice"); n != 1 {
				t.Errorf("counted as %d requests, want 1", n)
			}
			if n := ts.h.sessions.count(); n != 0 {
				t.Errorf("opened %d sessions", n)
			}
			if !logShowsLine(ts, `rpc_error="invalid request"`) {
				t.Errorf("no call log line for the refusal:\n%s", ts.log.String())
			}
		})
	}
	// Messages that are not refused: a response carrying "method": null (left to
	// mcp-go, which takes an empty result for an answer to its ping) and a request.
	ts := newTestServer(t, Config{})
	resp := ts.do(t, http.MethodPost, PathMCP, tokenA, wiretest.InitializeBody, nil)
	sid := resp.Header.Get(server.HeaderKeySessionID)
	if resp.StatusCode != http.StatusOK || sid == "" {
		t.Fatalf("initialize: %d, session %q", resp.StatusCode, sid)
	}
	session := map[string]string{server.HeaderKeySessionID: sid, mcp.HeaderProtocolVersion: "2025-11-25"}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, `{"jsonrpc":"2.0","id":3,"method":null,"result":{}}`, session); resp.StatusCode != http.StatusAccepted {
		t.Errorf("a response with a null method: %d, want 202", resp.StatusCode)
	}
	// Responses are mcp-go's to answer: 202 for a result; an error answering no
	// request of the server's gets mcp-go's own 400, not the guard's refusal.
	for _, answer := range []string{`{"jsonrpc":"2.0","id":5,"result":{}}`, `{"jsonrpc":"2.0","id":6,"result":null}`, `{"jsonrpc":"2.0","id":7,"error":{"code":-1,"message":"no"}}`,
		`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}`} {
		resp := ts.do(t, http.MethodPost, PathMCP, tokenA, answer, session)
		body, _ := io.ReadAll(resp.Body)
		if strings.Contains(string(body), "Invalid Request") || (resp.StatusCode != http.StatusAccepted && !strings.Contains(answer, `"error"`)) {
			t.Errorf("the response %s: %d %s, want it left to mcp-go (202 for a result)", answer, resp.StatusCode, body)
		}
	}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, whoamiBody(4), session); resp.StatusCode != http.StatusOK {
		t.Errorf("a tool call: %d, want 200", resp.StatusCode)
	}
	if resp := ts.do(t, http.MethodPost, PathMCP, tokenA, `{"jsonrpc":"2.0","method":"notifications/initialized"}`, session); resp.StatusCode != http.StatusAccepted {
		t.Errorf("a notification: %d, want 202", resp.StatusCode)
	}
	// Ids at the ends of the range, and zero, are served and answered as sent.
	for _, id := range []string{"9007199254740991", "-9007199254740991", "0", `""`} {
		resp := ts.do(t, http.MethodPost, PathMCP, tokenA, `{"jsonrpc":"2.0","id":`+id+`,"method":"ping"}`, session)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"id":`+id+`,`) || strings.Contains(string(body), `"error"`) {
			t.Errorf("a ping with id %s: %d %s, want 200 answering that id", id, resp.StatusCode, body)
		}
	}
}

// nullIDInitialize is an initialize request with a null id, which would open a
// session if it were run.
var nullIDInitialize = strings.Replace(wiretest.InitializeBody, `"id":1`, `"id":null`, 1)

// TestSessionRequired checks that a stateful Streamable HTTP server answers a
// 2025-era POST without Mcp-Session-Id, other than initialize, 400 (the spec's
// SHOULD for a server that requires sessions; 404 would tell the client its session
// expired), with a JSON-RPC error carrying the request's id; that an unknown session
// id still gets 404; and that initialize, a request with its session, a JSON-RPC
// response, a 2026-07-28 request (no sessions) and a stateless server are served.
func TestSessionRequired(t *testing.T) {
	stateful := newTestServer(t, Config{})
	stateless := newTestServer(t, Config{Stateless: true})
	resp := stateful.do(t, http.MethodPost, PathMCP, tokenA, wiretest.InitializeBody, nil)
	sid := resp.Header.Get(server.HeaderKeySessionID)
	if resp.StatusCode != http.StatusOK || sid == "" {
		t.Fatalf("initialize: %d, session %q", resp.StatusCode, sid)
	}
	version := map[string]string{mcp.HeaderProtocolVersion: "2025-11-25"}
	session := map[string]string{server.HeaderKeySessionID: sid, mcp.HeaderProtocolVersion: "2025-11-25"}
	unknown := map[string]string{server.HeaderKeySessionID: "mcp-session-made-up", mcp.HeaderProtocolVersion: "2025-11-25"}
	tests := []struct {
		name   string
		ts     *testServer
		method string
		header map[string]string
		body   string
		want   int
		id     string // for a 400: the id its JSON-RPC error carries
		out    string // for a 200: what the body holds
	}{
		{name: "tool call without a session id", ts: stateful, method: http.MethodPost, header: version, body: whoamiBody(3), want: http.StatusBadRequest, id: "3"},
		{name: "ping without a session id or version", ts: stateful, method: http.MethodPost, body: pingBody, want: http.StatusBadRequest, id: "2"},
		{name: "notification without a session id", ts: stateful, method: http.MethodPost, header: version, body: `{"jsonrpc":"2.0","method":"notifications/initialized"}`, want: http.StatusBadRequest, id: "null"},
		{name: "GET without a session id", ts: stateful, method: http.MethodGet, header: version, want: http.StatusBadRequest},
		{name: "tool call with an unknown session id", ts: stateful, method: http.MethodPost, header: unknown, body: whoamiBody(3), want: http.StatusNotFound,
			out: "Session not found: it has ended (the server restarted, or the session was deleted, replaced or idle for an hour) or another customer's token opened it; send initialize without Mcp-Session-Id"},
		{name: "tool call with the session id", ts: stateful, method: http.MethodPost, header: session, body: whoamiBody(3), want: http.StatusOK, out: "cus_alice"},
		{name: "initialize without a session id", ts: stateful, method: http.MethodPost, body: wiretest.InitializeBody, want: http.StatusOK, out: "protocolVersion"},
		{name: "response without a session id", ts: stateful, method: http.MethodPost, header: version, body: `{"jsonrpc":"2.0","id":1,"result":{}}`, want: http.StatusAccepted},
		{name: "2026-07-28 tool call without a session id", ts: stateful, method: http.MethodPost, header: modernWhoamiHeader, body: modernWhoami, want: http.StatusOK, out: "cus_alice"},
		{name: "stateless tool call without a session id", ts: stateless, method: http.MethodPost, header: version, body: whoamiBody(3), want: http.StatusOK, out: "cus_alice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := tc.ts.do(t, tc.method, PathMCP, tokenA, tc.body, tc.header)
			if resp.StatusCode != tc.want {
				body, _ := io.ReadAll(resp.Body)
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.want, body)
			}
			switch {
			case tc.want == http.StatusBadRequest && tc.method == http.MethodPost:
				id, code, msg, _ := rpcErrorOf(t, resp)
				if string(id) != tc.id || code != mcp.INVALID_REQUEST || !strings.Contains(msg, "Mcp-Session-Id header is required") {
					t.Errorf("id %s, code %d, message %q; want %s, %d, header required", id, code, msg, tc.id, mcp.INVALID_REQUEST)
				}
			case tc.out != "":
				body, _ := io.ReadAll(resp.Body)
				if !strings.Contains(string(body), tc.out) {
					t.Errorf("body lacks %q: %s", tc.out, body)
				}
			}
		})
	}
	if !logShowsLine(stateful, `rpc_error="no session id"`) {
		t.Errorf("no call log line for the refusal:\n%s", stateful.log.String())
	}
}
