package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/hosted"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// rpcReply is a JSON-RPC message the server wrote.
type rpcReply struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// stdioRun is what one run of the server over stdio wrote.
type stdioRun struct {
	replies map[string]rpcReply // by id, as written ("1", "\"a\"")
	stdout  string
	stderr  string
}

// serveStdin runs the server on the database db with stdin read from in, which the
// "client" closes at its end without waiting for anything, and returns what the server
// wrote once it has exited. Every stdout line must be a JSON-RPC message.
func serveStdin(t *testing.T, db string, in io.Reader) stdioRun {
	t.Helper()
	return serveStdinWith(t, nil, in, "--db", db)
}

// serveStdinWith is serveStdin with the environment env and serve's arguments args.
func serveStdinWith(t *testing.T, env map[string]string, in io.Reader, args ...string) stdioRun {
	t.Helper()
	var stdout, stderr syncbuf.Buffer
	err := run(context.Background(), append([]string{"serve"}, args...), func(k string) string { return env[k] }, in, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nstderr:\n%s", err, stderr.String())
	}
	r := stdioRun{replies: map[string]rpcReply{}, stdout: stdout.String(), stderr: stderr.String()}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if line == "" {
			continue
		}
		var m rpcReply
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("stdout line is not JSON: %.200q", line)
		}
		if m.Method == "" {
			r.replies[string(m.ID)] = m
		}
	}
	return r
}

// Lines a client writes.
const (
	initLine        = `{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`
	initializedLine = `{"jsonrpc":"2.0","method":"notifications/initialized"}`
)

func callLine(id int, tool string, args map[string]any) string {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": "tools/call", "params": map[string]any{"name": tool, "arguments": args}})
	return string(b)
}

func lines(ls ...string) io.Reader { return strings.NewReader(strings.Join(ls, "\n") + "\n") }

// toolText returns the text of a tools/call result and whether it is an error result.
func toolText(t *testing.T, r rpcReply) (string, bool) {
	t.Helper()
	if r.Error != nil || r.Result == nil {
		t.Fatalf("not a result: %+v", r)
	}
	var res mcp.CallToolResult
	if err := json.Unmarshal(r.Result, &res); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String(), res.IsError
}

// TestStdioBeforeInitialize checks that requests of the handshake era are served only
// after a successful initialize, except ping, and that requests of the stateless era
// (no handshake) are served.
func TestStdioBeforeInitialize(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "c.db")
	modernMeta := map[string]any{mcp.MetaKeyProtocolVersion: mcp.ProtocolVersion20260728, mcp.MetaKeyClientCapabilities: map[string]any{},
		mcp.MetaKeyClientInfo: map[string]any{"name": "t", "version": "1"}}
	modern, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": map[string]any{"_meta": modernMeta}})
	tests := []struct {
		name    string
		in      []string
		refused bool // id 1 gets "not initialized"
	}{
		{name: "purchase before initialize", in: []string{callLine(1, "purchase", map[string]any{"product_id": "nw-actv-0001"})}, refused: true},
		{name: "tools/list before initialize", in: []string{`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`}, refused: true},
		{name: "after initialized notification only", in: []string{initializedLine, `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`}, refused: true},
		{name: "after a failed initialize", in: []string{`{"jsonrpc":"2.0","id":"init","method":"initialize","params":"x"}`, `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`}, refused: true},
		{name: "with an error member", in: []string{`{"jsonrpc":"2.0","id":1,"method":"tools/list","error":{}}`}, refused: true},
		{name: "ping before initialize", in: []string{`{"jsonrpc":"2.0","id":1,"method":"ping"}`}},
		{name: "stateless era", in: []string{string(modern)}},
		{name: "after initialize", in: []string{initLine, initializedLine, `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`}},
		{name: "pipelined right after initialize", in: []string{initLine, `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := serveStdin(t, db, lines(tc.in...))
			got, ok := r.replies["1"]
			if !ok {
				t.Fatalf("no reply to id 1; stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			}
			refused := got.Error != nil && got.Error.Code == mcp.INVALID_REQUEST && strings.Contains(got.Error.Message, "not initialized")
			if refused != tc.refused || (!refused && got.Error != nil) {
				t.Errorf("reply %s %+v %.200s, want refused=%v", got.ID, got.Error, got.Result, tc.refused)
			}
		})
	}
	if r := runCLI(t, map[string]string{"COMMERCE_DB": db}, "orders", "list"); !strings.Contains(r.stderr, "no orders") {
		t.Errorf("a purchase before initialize made an order:\n%s", r.stdout)
	}
}

// TestStdioEndOfInputFinishesCalls checks that a client which writes its requests and
// closes stdin at once gets every answer: the calls in flight at the end of input
// finish (a purchase completes) and their responses are written before the server
// exits.
func TestStdioEndOfInputFinishesCalls(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	in := []string{initLine, initializedLine}
	for i := 1; i <= 8; i++ {
		in = append(in, callLine(i, "search_products", map[string]any{"query": fmt.Sprintf("shoes %d", i)}))
	}
	in = append(in, callLine(9, "purchase", map[string]any{"product_id": "nw-actv-0001"}))
	r := serveStdin(t, db, lines(in...))
	for i := 1; i <= 9; i++ {
		got, ok := r.replies[fmt.Sprint(i)]
		if !ok {
			t.Errorf("no reply to id %d", i)
			continue
		}
		if text, isErr := toolText(t, got); isErr {
			t.Errorf("id %d: error result %q", i, text)
		}
	}
	if text, _ := toolText(t, r.replies["9"]); !strings.Contains(text, "\nBought 1 × ") {
		t.Errorf("purchase: %q", text)
	}
}

// TestStdioLastLineWithoutLineEnd checks that a last request not followed by a line
// end is served too.
func TestStdioLastLineWithoutLineEnd(t *testing.T) {
	r := serveStdin(t, filepath.Join(t.TempDir(), "c.db"), strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"ping"}`))
	if got, ok := r.replies["1"]; !ok || got.Result == nil {
		t.Errorf("ping without a line end: %q", r.stdout)
	}
}

// padding yields n bytes of 'a' without holding them.
type padding struct{ n int }

func (r *padding) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = 'a'
	}
	r.n -= k
	return k, nil
}

// bigLine is head, n bytes of padding inside a JSON string, and the end of the object.
func bigLine(head string, n int) io.Reader {
	return paddedLine(head, n, `"}}`)
}

// paddedLine is head, n bytes of padding and end, as one line.
func paddedLine(head string, n int, end string) io.Reader {
	return io.MultiReader(strings.NewReader(head), &padding{n}, strings.NewReader(end+"\n"))
}

// sdkHead starts a request as the official TypeScript SDK writes it: the id comes last.
const sdkHead = `{"method":"tools/call","params":{"name":"search_products","arguments":{"query":"`

// TestStdioMessageTooLarge checks that a line over the 4 MiB limit gets an error when
// its id can be read, at its start or (as the official TypeScript SDK writes it, after
// the params) at its end, and is dropped with a warning otherwise, and that the server
// carries on with the next lines.
func TestStdioMessageTooLarge(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "c.db")
	in := io.MultiReader(
		lines(initLine, initializedLine),
		bigLine(`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"search_products","arguments":{"query":"`, 5<<20),
		bigLine(`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"reason":"`, 5<<20),
		paddedLine(sdkHead, 5<<20, `"}},"jsonrpc":"2.0","id":9}`),
		paddedLine(sdkHead, 5<<20, `"}},"jsonrpc":"2.0","id":"req \"10\""}`),
		// Just over the limit: the id straddles the point where the line is cut off.
		paddedLine(sdkHead, maxMessageSize-len(sdkHead)-len(`"}},"jsonrpc":"2.0","id":11}`)+4, `"}},"jsonrpc":"2.0","id":11}`),
		lines(`{"jsonrpc":"2.0","id":8,"method":"ping"}`))
	r := serveStdin(t, db, in)
	for _, id := range []string{"7", "9", `"req \"10\""`, "11"} {
		if got := r.replies[id]; got.Error == nil || got.Error.Code != mcp.INVALID_REQUEST || !strings.Contains(got.Error.Message, "too large") {
			t.Errorf("reply to the large request %s: %+v", id, got)
		}
	}
	if got := r.replies["8"]; got.Result == nil {
		t.Errorf("the line after the large ones was not served: %+v", got)
	}
	if !strings.Contains(r.stderr, "dropped a JSON-RPC message larger than the limit") {
		t.Errorf("no warning for the dropped notification:\n%s", r.stderr)
	}
}

// TestStdioTooLargeNotARequest checks that a line over the limit that is not a request
// gets no answer, even with an id at either end: a client's response to the server's
// own request, written id first or id last (the client would take an error carrying
// that id as the answer to its own request of the same number), a notification
// whose last key merely ends in "id", and a request whose id, first or last, is not
// a valid one (hosted.ValidID), which is not echoed.
func TestStdioTooLargeNotARequest(t *testing.T) {
	t.Parallel()
	in := io.MultiReader(
		lines(initLine, initializedLine),
		paddedLine(`{"result":{"action":"accept","content":{"note":"`, 5<<20, `"}},"jsonrpc":"2.0","id":3}`),
		bigLine(`{"jsonrpc":"2.0","id":4,"result":{"action":"accept","content":{"note":"`, 5<<20),
		paddedLine(`{"jsonrpc":"2.0","method":"notifications/progress","params":{"note":"`, 5<<20, `"},"x\"id":77}`),
		paddedLine(sdkHead, 5<<20, `"}},"jsonrpc":"2.0","id":1.5}`),
		bigLine(`{"jsonrpc":"2.0","id":1e3,"method":"tools/call","params":{"name":"search_products","arguments":{"query":"`, 5<<20),
		lines(`{"jsonrpc":"2.0","id":8,"method":"ping"}`))
	r := serveStdin(t, filepath.Join(t.TempDir(), "c.db"), in)
	for _, id := range []string{"3", "4", "77", "1.5", "1000", "1e3", "null"} {
		if got, ok := r.replies[id]; ok {
			t.Errorf("answered a message that is not a request with id %s: %+v", id, got)
		}
	}
	if got := r.replies["8"]; got.Result == nil {
		t.Errorf("the line after the large ones was not served: %+v", got)
	}
	if n := strings.Count(r.stderr, "dropped a JSON-RPC message larger than the limit"); n != 5 {
		t.Errorf("%d warnings for the 5 dropped messages:\n%s", n, r.stderr)
	}
}

// TestStdioGuardMemory checks that a line over the limit is discarded as it is read:
// what reading it allocates does not grow with its length (8 MiB or 128 MiB).
func TestStdioGuardMemory(t *testing.T) {
	allocs := func(size int) uint64 {
		in := io.MultiReader(bigLine(`{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"x","arguments":{"q":"`, size), lines(initializedLine))
		var out, logs syncbuf.Buffer
		logger, _ := newLogger(&logs, "info")
		g := newStdioGuard(context.Background(), in, &out, logger)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		served, err := io.ReadAll(g)
		runtime.ReadMemStats(&after)
		if err != nil || string(served) != initializedLine+"\n" {
			t.Fatalf("served %.200q, %v", served, err)
		}
		if !strings.Contains(out.String(), `"id":7`) || !strings.Contains(out.String(), "too large") {
			t.Errorf("no error for the large request: %q", out.String())
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocs(8<<20), allocs(128<<20)
	if large > small+1<<20 {
		t.Errorf("reading an 8 MiB line allocated %d KiB, a 128 MiB line %d KiB", small>>10, large>>10)
	}
}

// TestStdioSignalEndsServing checks that the end of ctx (SIGINT or SIGTERM in main)
// ends serving although stdin stays open, with the client's requests answered so far.
func TestStdioSignalEndsServing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stdinR, stdinW := io.Pipe()
	defer stdinW.Close()
	stdoutR, stdoutW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		var stderr syncbuf.Buffer
		done <- run(ctx, []string{"serve", "--db", filepath.Join(t.TempDir(), "c.db")}, func(string) string { return "" }, stdinR, stdoutW, &stderr)
		stdoutW.Close()
	}()
	go io.WriteString(stdinW, initLine+"\n")
	out := bufio.NewReader(stdoutR)
	if line, err := out.ReadString('\n'); err != nil || !strings.Contains(line, `"id":"init"`) {
		t.Fatalf("initialize: %q, %v", line, err)
	}
	cancel()
	go io.Copy(io.Discard, out)
	if err := <-done; err != nil {
		t.Errorf("run after cancel: %v", err)
	}
}

// TestStdioEndOfInputWhileAsking checks that the end of input does not wait for a call
// that has asked the client something (a confirmation dialog): with stdin closed the
// client can never answer, so the call is cancelled, answered, and the server exits.
func TestStdioEndOfInputWhileAsking(t *testing.T) {
	initElicit := `{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{"elicitation":{}},"clientInfo":{"name":"t","version":"1"}}}`
	// $206.95, above the demo customer's $50 confirmation threshold.
	r := serveStdin(t, filepath.Join(t.TempDir(), "c.db"), lines(initElicit, initializedLine, callLine(1, "purchase", map[string]any{"product_id": "nw-shoe-0001"})))
	if !strings.Contains(r.stdout, `"method":"elicitation/create"`) {
		t.Fatalf("the server did not ask for confirmation:\n%s", r.stdout)
	}
	got, ok := r.replies["1"]
	if !ok {
		t.Fatalf("no reply to the purchase:\n%s", r.stdout)
	}
	if got.Error == nil { // a JSON-RPC error, an error result or a quote to confirm, never a purchase
		if text, isErr := toolText(t, got); !isErr && !strings.Contains(text, "Confirmation required.") {
			t.Errorf("purchase without an answer to the dialog: %q", text)
		}
	}
}

// TestStdioBatchRefused checks that a JSON-RPC batch over stdio is refused with one
// "batches are not supported" error and none of its messages is run, as over HTTP,
// and that the messages after it are served.
func TestStdioBatchRefused(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "c.db")
	tests := []struct {
		name  string
		batch string
	}{
		{name: "a batch of one call", batch: `[` + callLine(1, "purchase", map[string]any{"product_id": "nw-actv-0001"}) + `]`},
		{name: "an empty batch", batch: `[]`},
		{name: "a batch after spaces", batch: "  \t[" + `{"jsonrpc":"2.0","id":1,"method":"ping"}` + `]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := serveStdin(t, db, lines(initLine, initializedLine, tc.batch, `{"jsonrpc":"2.0","id":2,"method":"ping"}`))
			got, ok := r.replies["null"]
			if !ok || got.Error == nil || got.Error.Code != mcp.INVALID_REQUEST || !strings.Contains(got.Error.Message, "batches are not supported") {
				t.Errorf("reply to the batch: %+v (found %v); stdout:\n%s", got.Error, ok, r.stdout)
			}
			if _, ran := r.replies["1"]; ran {
				t.Errorf("a message of the batch was answered:\n%s", r.stdout)
			}
			if after, ok := r.replies["2"]; !ok || after.Error != nil {
				t.Errorf("the ping after the batch: %+v (found %v)", after.Error, ok)
			}
		})
	}
	if r := runCLI(t, map[string]string{"COMMERCE_DB": db}, "orders", "list"); !strings.Contains(r.stderr, "no orders") {
		t.Errorf("a purchase in a batch made an order:\n%s", r.stdout)
	}
}

// TestStdioInvalidRequest checks that a message whose method member is absent, empty
// or not a string (null, a number, an object), and that is no response, or a request
// whose id is not a string or an integer of at most 2^53-1 either way written in
// digits (an object, an array, a boolean, null, 1.5, 1.0, 1e3, 2^53), is answered
// with a JSON-RPC Invalid Request error carrying its id (null when it has none or an
// invalid one), before and after initialization, as over HTTP (the same function
// decides), and that the messages after it are served. Responses (a result, an error,
// an error with a null id) are not refused, and ids at the ends of the range are
// served.
func TestStdioInvalidRequest(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "c.db")
	tests := []struct {
		name string
		pre  []string // the lines before it
		line string
		id   string // the key of the reply
		msg  string // its message; "" means hosted.InvalidMethod
	}{
		{name: "null method", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":7,"method":null}`, id: "7"},
		{name: "null method, string id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":"x","method":null,"params":{}}`, id: `"x"`},
		{name: "number method", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":7,"method":5}`, id: "7"},
		{name: "object method", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":7,"method":{}}`, id: "7"},
		{name: "null method, no id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","method":null}`, id: "null"},
		{name: "no method", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":7}`, id: "7"},
		{name: "no method, string id, params", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":"y","params":{}}`, id: `"y"`},
		{name: "no method, no id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0"}`, id: "null"},
		{name: "empty method", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":7,"method":""}`, id: "7"},
		{name: "no method before initialize", line: `{"jsonrpc":"2.0","id":7}`, id: "7"},
		{name: "object id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":{"n":7},"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "array id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":[7],"method":"tools/list"}`, id: "null", msg: hosted.InvalidID},
		{name: "boolean id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":true,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "boolean id before initialize", line: `{"jsonrpc":"2.0","id":false,"method":"initialize","params":{}}`, id: "null", msg: hosted.InvalidID},
		{name: "null method before initialize", line: `{"jsonrpc":"2.0","id":7,"method":null}`, id: "7"},
		{name: "null id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":null,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "null id, tool call", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":null,"method":"tools/call","params":{"name":"get_preferences","arguments":{}}}`, id: "null", msg: hosted.InvalidID},
		{name: "null id, initialize", line: strings.Replace(initLine, `"id":"init"`, `"id":null`, 1), id: "null", msg: hosted.InvalidID},
		{name: "null id, 2026-07-28", line: `{"jsonrpc":"2.0","id":null,"method":"ping","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}`, id: "null", msg: hosted.InvalidID},
		{name: "fractional id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":1.5,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "integral id with a fraction", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":1.0,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "id with an exponent", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":1e3,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "id 2^53", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":9007199254740992,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "id -2^53", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":-9007199254740992,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "id past float64", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":1e400,"method":"ping"}`, id: "null", msg: hosted.InvalidID},
		{name: "fractional id before initialize", line: `{"jsonrpc":"2.0","id":0.5,"method":"initialize","params":{}}`, id: "null", msg: hosted.InvalidID},
		{name: "null method, fractional id", pre: []string{initLine, initializedLine}, line: `{"jsonrpc":"2.0","id":1.5,"method":null}`, id: "null"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := serveStdin(t, db, lines(append(tc.pre, tc.line, `{"jsonrpc":"2.0","id":2,"method":"ping"}`)...))
			got, ok := r.replies[tc.id]
			if want := cmp.Or(tc.msg, hosted.InvalidMethod); !ok || got.Error == nil || got.Error.Code != mcp.INVALID_REQUEST || got.Error.Message != want {
				t.Errorf("reply to %s: %+v (found %v), want %q; stdout:\n%s", tc.line, got.Error, ok, want, r.stdout)
			}
			if after, ok := r.replies["2"]; !ok || after.Error != nil {
				t.Errorf("the ping after it: %+v (found %v)", after.Error, ok)
			}
		})
	}
	// Responses, to no request of the server's here: not refused (mcp-go drops them).
	for _, line := range []string{`{"jsonrpc":"2.0","id":5,"result":{}}`, `{"jsonrpc":"2.0","id":6,"result":null}`,
		`{"jsonrpc":"2.0","id":7,"error":{"code":-1,"message":"no"}}`, `{"jsonrpc":"2.0","id":8,"method":null,"result":{}}`,
		`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}`} {
		r := serveStdin(t, db, lines(initLine, initializedLine, line, `{"jsonrpc":"2.0","id":2,"method":"ping"}`))
		if strings.Contains(r.stdout, "Invalid Request") {
			t.Errorf("the response %s was refused:\n%s", line, r.stdout)
		}
		if after, ok := r.replies["2"]; !ok || after.Error != nil {
			t.Errorf("the ping after %s: %+v (found %v)", line, after.Error, ok)
		}
	}
	// Ids at the ends of the range, and zero, are served and answered as sent.
	ends := []string{"9007199254740991", "-9007199254740991", "0"}
	in := []string{initLine, initializedLine}
	for _, id := range ends {
		in = append(in, `{"jsonrpc":"2.0","id":`+id+`,"method":"ping"}`)
	}
	r := serveStdin(t, db, lines(in...))
	for _, id := range ends {
		if got, ok := r.replies[id]; !ok || got.Error != nil {
			t.Errorf("the ping with id %s: %+v (found %v); stdout:\n%s", id, got.Error, ok, r.stdout)
		}
	}
}

// TestStdioHugeNumberArgument checks, over stdio as a client writes it, that a number
// beyond a float64 in a tool's arguments gets the tool's own argument error, not a
// JSON-RPC error quoting Go's parse text.
func TestStdioHugeNumberArgument(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "c.db")
	for _, tt := range []struct{ name, line, want string }{
		{"limit 1e999", `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"search_products","arguments":{"query":"kettle","limit":1e999}}}`,
			"limit must be between 1 and 50"},
		{"quantity -1E+400", `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"add_to_cart","arguments":{"product_id":"nw-shoe-0001","quantity":-1E+400}}}`,
			"quantity must be between 1 and"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := serveStdin(t, db, lines(initLine, initializedLine, tt.line))
			text, isErr := toolText(t, r.replies["3"])
			if !isErr || !strings.Contains(text, tt.want) {
				t.Errorf("isError %v %q, want the error %q", isErr, text, tt.want)
			}
		})
	}
}
