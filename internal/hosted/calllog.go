package hosted

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// record is what the log line of one request says. The request's handlers fill it
// in as they learn things: the customer (authenticate), the JSON-RPC method and tool
// (peek), the tool error and JSON-RPC error (the tool middleware and hooks).
type record struct {
	start time.Time

	mu         sync.Mutex
	customer   string
	method     string          // JSON-RPC method; "" until peeked or when not JSON-RPC
	tool       string          // tool name of a tools/call
	call       bool            // a JSON-RPC request (has an id), as opposed to a notification or response
	response   bool            // a JSON-RPC response (an id, no method, a result or error): the answer to a server's request
	result     bool            // a response with a non-null result, which SSE /message alone takes as a response
	state      string          // a tools/call's requestState: a dialog answer's sealed state
	batch      bool            // a JSON array: a JSON-RPC batch
	invalid    string          // why the message is a JSON-RPC Invalid Request (InvalidMessage); "" when it is not
	modern     bool            // a 2026-07-28-era message
	id         json.RawMessage // a request's id, for an answer refusing it
	toolError  bool
	rpcError   string
	deferred   bool // the answer goes out on an SSE stream: log when the call ends
	finished   bool // a hook saw the call end
	logged     bool
	quiet      bool // counted in a summary line instead (authFlooded)
	httpStatus int

	release func() // gives back the request's slot of Config.MaxInflight; nil when none
}

// releaseInflight gives back the request's in-flight slot, once.
func (r *record) releaseInflight() {
	r.mu.Lock()
	f := r.release
	r.release = nil
	r.mu.Unlock()
	if f != nil {
		f()
	}
}

type recordKey struct{}

func recordFrom(ctx context.Context) *record {
	r, _ := ctx.Value(recordKey{}).(*record)
	return r
}

func (r *record) setCustomer(c string) {
	r.mu.Lock()
	r.customer = c
	r.mu.Unlock()
}

// peek reads the JSON-RPC method, tool name, id and protocol era from a request
// body. Only these fields are decoded; the rest (arguments) is skipped. The envelope
// (id, method, result, error) is decoded first, as mcp-go decodes it; the params'
// name and _meta are then read best-effort, so that a params member of an odd type
// never hides the method from the guards (a subscriptions/listen stays one).
func (r *record) peek(body []byte) {
	if isArray(body) {
		r.mu.Lock()
		r.batch = true
		r.mu.Unlock()
		return
	}
	var m struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
		Params json.RawMessage `json:"params"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &m) != nil {
		return
	}
	hasID := len(m.ID) > 0 && string(m.ID) != "null"
	if why := InvalidMessage(m.ID, m.Method, m.Result, m.Error); why != "" && isObject(body) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.invalid = why
		if hasID {
			r.id = echoableID(m.ID)
		}
		return
	}
	var method string
	if len(m.Method) > 0 && (m.Method[0] != '"' || json.Unmarshal(m.Method, &method) != nil) {
		return // a method that is no string, in a response: left to mcp-go as before
	}
	var params struct {
		Name  json.RawMessage `json:"name"`
		State json.RawMessage `json:"requestState"`
		// A map, not a struct: its keys match exactly, as mcp-go reads them.
		Meta json.RawMessage `json:"_meta"`
	}
	_ = json.Unmarshal(m.Params, &params)
	var meta map[string]json.RawMessage
	_ = json.Unmarshal(params.Meta, &meta)
	var version, name, state string
	_ = json.Unmarshal(meta[mcp.MetaKeyProtocolVersion], &version)
	_ = json.Unmarshal(params.Name, &name)
	_ = json.Unmarshal(params.State, &state)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.method = method
	if method == string(mcp.MethodToolsCall) {
		r.tool = name
		r.state = state
	}
	r.call = method != "" && hasID
	r.response = method == "" && hasID && (len(m.Result) > 0 || len(m.Error) > 0)
	r.result = r.response && len(m.Result) > 0 && string(m.Result) != "null"
	if r.call {
		r.id = echoableID(m.ID)
	}
	r.modern = mcp.IsModernProtocol(version)
}

// maxEchoedID bounds a string id echoed in a refusal.
const maxEchoedID = 200

// echoableID returns id when a refusal may echo it: a valid id (ValidID) of at most
// maxEchoedID bytes; nil (null in the refusal) otherwise.
func echoableID(id json.RawMessage) json.RawMessage {
	if len(id) > maxEchoedID+2 || !ValidID(id) {
		return nil
	}
	return id
}

// isArray reports whether body is (or starts as) a JSON array.
func isArray(body []byte) bool {
	t := bytes.TrimLeft(body, " \t\r\n")
	return len(t) > 0 && t[0] == '['
}

// isObject reports whether body is (or starts as) a JSON object.
func isObject(body []byte) bool {
	t := bytes.TrimLeft(body, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

func (r *record) isBatch() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.batch
}

// invalidReason returns why the message is a JSON-RPC Invalid Request (the message
// of its refusal), "" when it is not one; see InvalidMessage.
func (r *record) invalidReason() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.invalid
}

// The messages of an Invalid Request's refusal, by what is wrong (InvalidMessage).
const (
	InvalidMethod = "Invalid Request: the method member must be a string naming the method"
	InvalidID     = "Invalid Request: the id member of a request must be a string or an integer written in digits between -9007199254740991 and 9007199254740991; not null"
)

// InvalidMessage returns why an object with these members (raw JSON, nil when
// absent) is a JSON-RPC Invalid Request, "" when it is not one. It is the one rule
// every transport applies (this package for Streamable HTTP and SSE, the stdio
// guard in cmd/commerce-mcp):
//   - it has neither a result nor an error (so it is no response, which is left to
//     mcp-go whatever else it holds, its id null included) and its method member is
//     absent, empty or not a string ("method": null, or a number): mcp-go would take
//     one with an id for an empty response and answer 202, running nothing, and one
//     with a number method for a parse error without its id;
//   - it is a request (a string method) with an id member that is not a valid id
//     (see ValidID): MCP's request ids are strings or integers, never null. A
//     notification has no id member at all.
func InvalidMessage(id, method, result, err json.RawMessage) string {
	if len(result) > 0 || len(err) > 0 {
		return ""
	}
	if len(method) == 0 || method[0] != '"' || string(method) == `""` {
		return InvalidMethod
	}
	if len(id) > 0 && !ValidID(id) {
		return InvalidID
	}
	return ""
}

// maxSafeID is the largest integer id taken, 2^53-1: mcp-go decodes a number id
// through a float64, so a larger one would be answered with another number (and a
// JavaScript client cannot hold it either).
const maxSafeID = 1<<53 - 1

// ValidID reports whether id, a JSON value as written, may be a request's id: a
// string, or an integer written as one (digits, perhaps a minus sign; no fraction
// or exponent, so not 1.0 or 1e3, which mcp-go would answer as 1 and 1000, not as
// the client wrote them) of at most maxSafeID either way. Not null, and nothing else.
func ValidID(id json.RawMessage) bool {
	if len(id) == 0 {
		return false
	}
	if id[0] == '"' {
		var s string
		return json.Unmarshal(id, &s) == nil
	}
	if id[0] != '-' && (id[0] < '0' || id[0] > '9') { // ParseInt would take a "+"
		return false
	}
	n, err := strconv.ParseInt(string(id), 10, 64)
	return err == nil && n >= -maxSafeID && n <= maxSafeID
}

// needsSession reports whether a stateful server requires a session id for the
// message: a request or notification other than initialize.
func (r *record) needsSession() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.method != "" && r.method != string(mcp.MethodInitialize)
}

func (r *record) methodIs(method string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.method == method
}

// isResponse reports whether the message is a JSON-RPC response that the endpoint
// handles as one: an id, no method, and a result or an error; on SSE /message
// (mcp-go's HandleMessage) only a non-null result makes one, anything else with an
// id runs as a request.
func (r *record) isResponse(sseMessage bool) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if sseMessage {
		return r.result
	}
	return r.response
}

// dialogState returns the tool a tools/call names and the requestState it carries.
func (r *record) dialogState() (tool, state string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.method != string(mcp.MethodToolsCall) {
		return "", ""
	}
	return r.tool, r.state
}

// requestID returns the JSON-RPC id of a request, or nil for anything else.
func (r *record) requestID() json.RawMessage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.id
}

// setQuiet says that the request has no line of its own.
func (r *record) setQuiet() {
	r.mu.Lock()
	r.quiet = true
	r.mu.Unlock()
}

func (r *record) setRPCError(label string) {
	r.mu.Lock()
	r.rpcError = label
	r.mu.Unlock()
}

// logCalls writes one line per request to an MCP endpoint: HTTP method, status,
// JSON-RPC method, tool, customer, tool error or JSON-RPC error when known, and
// duration. It never logs a body, a header value or a token. An SSE message is
// answered on the stream after its POST returns 202; its line is written when the
// call ends (see instrument).
func (h *Server) logCalls(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &record{start: time.Now()}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), recordKey{}, rec)))
		rec.mu.Lock()
		rec.httpStatus = sw.status()
		if h.cfg.Transport == TransportSSE && r.URL.Path == PathMessage && rec.call &&
			rec.httpStatus == http.StatusAccepted && !rec.finished {
			rec.deferred = true // the call runs on; its hook logs it
			rec.mu.Unlock()
			return
		}
		rec.mu.Unlock()
		h.logRecord(rec, r.Method)
	})
}

// callLogNameMax is how many bytes of a method or tool name the call log keeps.
const callLogNameMax = 100

// logRecord writes rec's line once.
func (h *Server) logRecord(rec *record, httpMethod string) {
	rec.mu.Lock()
	if rec.logged || rec.quiet {
		rec.mu.Unlock()
		return
	}
	rec.logged = true
	attrs := []slog.Attr{
		slog.String("http", httpMethod),
		slog.Int("status", rec.httpStatus),
	}
	// The method and tool are the client's text, as long as a request may be: cut, and
	// cleaned of invisible and control characters.
	if rec.method != "" {
		attrs = append(attrs, slog.String("method", text.Shorten(rec.method, callLogNameMax)))
	}
	if rec.tool != "" {
		attrs = append(attrs, slog.String("tool", text.Shorten(rec.tool, callLogNameMax)))
	}
	if rec.customer != "" {
		attrs = append(attrs, slog.String("customer", rec.customer))
	}
	if rec.toolError {
		attrs = append(attrs, slog.Bool("tool_error", true))
	}
	if rec.rpcError != "" {
		attrs = append(attrs, slog.String("rpc_error", rec.rpcError))
	}
	attrs = append(attrs, slog.Duration("took", time.Since(rec.start).Round(time.Microsecond)))
	rec.mu.Unlock()
	h.cfg.Log.LogAttrs(context.Background(), slog.LevelInfo, "call", attrs...)
}

// instrument adds to the MCP server what hosting needs from inside a call: a tool
// middleware counting calls in flight (shutdown waits for them), cancelling them at
// the shutdown deadline and noting a tool error for the log; and hooks noting
// JSON-RPC errors and ending the deferred log line of an SSE call.
func (h *Server) instrument() {
	h.mcp.Use(func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			h.inflight.add(1)
			defer h.inflight.add(-1)
			ctx, cancel := context.WithCancel(ctx)
			defer cancel()
			stop := context.AfterFunc(h.abort, cancel)
			defer stop()
			res, err := next(ctx, req)
			if rec := recordFrom(ctx); rec != nil && res != nil && res.IsError {
				rec.mu.Lock()
				rec.toolError = true
				rec.mu.Unlock()
			}
			return res, err
		}
	})
	hooks := h.mcp.GetHooks()
	if hooks == nil {
		hooks = &server.Hooks{}
		server.WithHooks(hooks)(h.mcp)
	}
	hooks.AddOnError(func(ctx context.Context, _ any, _ mcp.MCPMethod, _ any, err error) {
		rec := recordFrom(ctx)
		if rec == nil {
			return
		}
		rec.mu.Lock()
		rec.rpcError = rpcErrorLabel(err)
		rec.mu.Unlock()
		h.endDeferred(rec)
	})
	hooks.AddOnSuccess(func(ctx context.Context, _ any, _ mcp.MCPMethod, _ any, _ any) {
		if rec := recordFrom(ctx); rec != nil {
			h.endDeferred(rec)
		}
	})
}

// endDeferred notes that rec's call ended and logs an SSE call's line. The hook may
// run before the POST's handler has marked the record deferred; then the handler
// logs it.
func (h *Server) endDeferred(rec *record) {
	rec.mu.Lock()
	rec.finished = true
	d := rec.deferred
	rec.mu.Unlock()
	if d {
		h.logRecord(rec, http.MethodPost)
	}
}

// rpcErrorLabel names a JSON-RPC error for the log without its message, which may
// quote the request.
func rpcErrorLabel(err error) string {
	switch {
	case errors.Is(err, server.ErrToolNotFound):
		return "tool not found"
	case errors.Is(err, server.ErrResourceNotFound):
		return "resource not found"
	case errors.Is(err, server.ErrPromptNotFound):
		return "prompt not found"
	case errors.Is(err, server.ErrUnsupported):
		return "unsupported"
	}
	var ue *server.UnparsableMessageError
	if errors.As(err, &ue) {
		return "invalid request"
	}
	return "error"
}

// statusWriter remembers the status written; it passes Flush and Hijack through, as
// the streaming transports need them.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Flush() {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

// inflight counts tool calls running; wait blocks until none are or ctx ends.
type inflight struct {
	mu   sync.Mutex
	n    int
	zero chan struct{} // closed when n drops to 0; nil while n == 0
}

func (f *inflight) add(d int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n += d
	switch {
	case f.n > 0 && f.zero == nil:
		f.zero = make(chan struct{})
	case f.n == 0 && f.zero != nil:
		close(f.zero)
		f.zero = nil
	}
}

func (f *inflight) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

// wait reports whether the count reached zero before ctx ended.
func (f *inflight) wait(ctx context.Context) bool {
	for {
		f.mu.Lock()
		z := f.zero
		f.mu.Unlock()
		if z == nil {
			return true
		}
		select {
		case <-z:
		case <-ctx.Done():
			return false
		}
	}
}
