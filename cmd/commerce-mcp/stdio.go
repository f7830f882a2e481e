package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"sync"

	"github.com/commerce-mcp/commerce-mcp/internal/hosted"
	"github.com/mark3labs/mcp-go/mcp"
)

// maxMessageSize is the largest JSON-RPC message, one line of stdin without its line
// end, that the server reads: 4 MiB. A longer line is discarded as it arrives (never
// held in memory whole); a request whose id is near its start or its end (the official
// TypeScript SDK writes the id last) gets a JSON-RPC error, anything else is dropped
// with a warning on stderr, and the lines after it are served as usual.
const maxMessageSize = 4 << 20

// stdioGuard stands between the process's standard streams and mcp-go's StdioServer,
// which reads stdin as lines and writes one JSON-RPC message per line to stdout. It
// watches both directions and adds what the transport lacks:
//
//   - A line longer than maxMessageSize is refused as described there.
//   - Until the client's initialize request has been answered successfully, a request
//     of the handshake era (one without a 2026-07-28-or-later protocol version in its
//     _meta) other than initialize and ping is answered with an Invalid Request error
//     and never reaches a handler. Requests of the stateless era, which has no
//     handshake, pass. Lines after an initialize request wait until it is answered, so
//     a client that writes its whole conversation at once is served in order.
//   - At the end of stdin it reports EOF only once every request it passed on has been
//     answered, so the calls in flight finish and their responses are written before
//     StdioServer.Listen returns (it cancels its requests as soon as it reads EOF). It
//     stops waiting when ctx ends (a signal), and when the server has asked the client
//     something (an elicitation) that, with stdin closed, can never be answered.
//
// It does this at the streams rather than in an mcp-go hook because a hook sees
// neither the stream nor the order of lines: StdioServer serves requests
// concurrently, so a request written right after initialize may be handled before
// it, and its session's initialized flag is process-wide and also set by stateless
// requests. The line framing, the size cap and the end-of-input drain also belong to
// the stream.
//
// Read is for one reader (the StdioServer); Out may be written from any goroutine.
type stdioGuard struct {
	ctx context.Context
	in  *bufio.Reader
	out io.Writer
	log *slog.Logger

	next []byte // the rest of the line being handed to the reader

	mu          sync.Mutex
	pending     map[string]bool // ids of the requests passed on and not yet answered
	asked       map[string]bool // ids of the server's requests to the client not yet answered
	initID      string          // id of the initialize request being answered, or ""
	initialized bool            // an initialize request was answered with a result
	partial     []byte          // output written since the last line end
	changed     chan struct{}   // signalled when pending, asked or initID change
}

func newStdioGuard(ctx context.Context, stdin io.Reader, stdout io.Writer, logger *slog.Logger) *stdioGuard {
	return &stdioGuard{
		ctx: ctx, in: bufio.NewReaderSize(stdin, 64<<10), out: stdout, log: logger,
		pending: map[string]bool{}, asked: map[string]bool{}, changed: make(chan struct{}, 1),
	}
}

// Read hands the StdioServer the lines it should serve, each ending in a line feed
// (also the last one, which mcp-go would otherwise ignore without it).
func (g *stdioGuard) Read(p []byte) (int, error) {
	for len(g.next) == 0 {
		line, err := g.nextLine()
		if err != nil {
			return 0, err
		}
		g.next = line
	}
	n := copy(p, g.next)
	g.next = g.next[n:]
	return n, nil
}

// inFlight is the number of requests passed on and not yet answered.
func (g *stdioGuard) inFlight() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.pending)
}

// Out is the writer the StdioServer writes its messages to.
func (g *stdioGuard) Out() io.Writer { return guardOut{g} }

// nextLine reads stdin up to the next line that is to be served, answering or
// dropping the lines before it that are not.
func (g *stdioGuard) nextLine() ([]byte, error) {
	for {
		if err := g.waitUntil(func() bool { return g.initID == "" }); err != nil {
			return nil, err
		}
		line, tail, size, err := g.readLine()
		if len(line) > 0 && size > maxMessageSize {
			g.refuseTooLarge(line, tail, size)
		} else if len(bytes.TrimSpace(line)) > 0 && g.admit(line) {
			return append(line, '\n'), nil
		}
		if errors.Is(err, io.EOF) {
			// Stop once every request passed on is answered, or nothing more can be.
			if err := g.waitUntil(func() bool { return len(g.pending) == 0 || len(g.asked) > 0 }); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, err
		}
	}
}

// readLine reads one line of stdin and returns it without its line end, only its first
// maxMessageSize+1 bytes when it is longer, with its full size. For a longer line, tail
// holds at least its last idHead bytes read past that point (the line end stripped).
// At the end of input it returns what was read (possibly nothing) with io.EOF.
func (g *stdioGuard) readLine() (line, tail []byte, size int64, err error) {
	var buf bytes.Buffer // grows by doubling: at most about 2× the limit allocated
	for {
		frag, err := g.in.ReadSlice('\n')
		size += int64(len(frag))
		room := maxMessageSize + 1 - buf.Len()
		if room > 0 {
			buf.Write(frag[:min(room, len(frag))])
		}
		if over := frag[min(max(room, 0), len(frag)):]; len(over) > 0 {
			if len(tail)+len(over) > 2*idHead { // keep the last idHead bytes, in place
				tail = tail[:copy(tail, tail[max(len(tail)-idHead, 0):])]
			}
			tail = append(tail, over...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		line = buf.Bytes()
		if err == nil { // a line end
			size--
			line = bytes.TrimSuffix(line, []byte("\n"))
			tail = bytes.TrimSuffix(tail, []byte("\n"))
			if bytes.HasSuffix(line, []byte("\r")) {
				size--
				line = line[:len(line)-1]
			}
			tail = bytes.TrimSuffix(tail, []byte("\r"))
		}
		return line, tail, size, err
	}
}

// envelope is what the guard reads of a message. The fields decode as mcp-go's own
// dispatch decodes them, so that the guard and the server agree on what is a request.
type envelope struct {
	JSONRPC string          `json:"jsonrpc"`
	Method  string          `json:"method"`
	ID      any             `json:"id"`
	Result  any             `json:"result"`
	Error   json.RawMessage `json:"error"`
}

// idKey identifies a JSON-RPC id the same way on both sides: mcp-go answers with the
// id it decoded into an any, so the key is that value encoded again.
func idKey(id any) string {
	b, _ := json.Marshal(id)
	return string(b)
}

// admit decides what happens to a line from the client: false when the guard has
// answered it (a request before initialization), true when the server is to serve it.
// It records the requests the server will answer and the client's answers to the
// server's requests.
func (g *stdioGuard) admit(line []byte) bool {
	if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '[' {
		// A batch, refused as over HTTP: mcp-go would answer only "parse error".
		g.mu.Lock()
		g.writeLocked(batchRefused)
		g.mu.Unlock()
		return false
	}
	// No method or one that is not a string, and no response: mcp-go would answer
	// "method not found" (null), "parse error" without the id (a number), or nothing
	// (no method, or no id). Or a request whose id is not a string or an integer in
	// range: mcp-go would take one with a null id for a notification.
	if id, why := invalidLine(line); why != "" {
		g.mu.Lock()
		g.writeLocked(invalidRequest(id, why))
		g.mu.Unlock()
		return false
	}
	var m envelope
	err := json.Unmarshal(line, &m)
	if err != nil || m.ID == nil {
		return true // not an object, or a notification: the server answers or ignores it
	}
	key := idKey(m.ID)
	g.mu.Lock()
	defer g.mu.Unlock()
	if m.Result != nil || m.Error != nil { // perhaps an answer to a request of the server's
		delete(g.asked, key)
	}
	if m.Method == "" || m.Result != nil {
		return true // the server runs no method for it
	}
	if !g.initialized && m.Method != string(mcp.MethodInitialize) && m.Method != string(mcp.MethodPing) && !isStateless(line) {
		g.writeLocked(notInitialized(m.ID))
		return false
	}
	// Not awaited: a request with an error member, which the server may take for an
	// answer and not reply to, and a stream that lasts as long as the connection.
	if m.Error == nil {
		if m.Method == string(mcp.MethodInitialize) {
			g.initID = key
		}
		if m.Method != string(mcp.MethodSubscriptionsListen) {
			g.pending[key] = true
		}
	}
	return true
}

// isStateless reports whether a request belongs to the stateless protocol era (no
// initialize handshake): its params._meta names a protocol version of 2026-07-28 or
// later. mcp-go tells the eras apart the same way.
func isStateless(line []byte) bool {
	var w struct {
		Params struct {
			Meta *mcp.Meta `json:"_meta"`
		} `json:"params"`
	}
	return json.Unmarshal(line, &w) == nil && mcp.IsModernProtocol(w.Params.Meta.ProtocolVersion())
}

// batchRefused answers a JSON-RPC batch (a line holding a JSON array): none of its
// messages is run, whatever the protocol version.
var batchRefused = mcp.JSONRPCError{JSONRPC: mcp.JSONRPC_VERSION, ID: mcp.NewRequestId(nil),
	Error: mcp.NewJSONRPCErrorDetails(mcp.INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not supported; send each message on a line of its own", nil)}

// invalidLine returns why line is a JSON-RPC Invalid Request, "" when it is not one,
// and its id when the refusal may echo it (a valid id, hosted.ValidID; else nil): the
// hosted server's rule, hosted.InvalidMessage, applied to the line's members. Every
// line that is a JSON object is put to it: a request with a method and a null,
// fractional or out-of-range id decodes as well as a good one.
func invalidLine(line []byte) (id any, why string) {
	var m struct {
		ID     json.RawMessage `json:"id"`
		Method json.RawMessage `json:"method"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	t := bytes.TrimSpace(line)
	if len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &m) != nil {
		return nil, ""
	}
	if why = hosted.InvalidMessage(m.ID, m.Method, m.Result, m.Error); why == "" {
		return nil, ""
	}
	if hosted.ValidID(m.ID) {
		_ = json.Unmarshal(m.ID, &id)
	}
	return id, why
}

// invalidRequest answers a message that is neither a request nor a response, or a
// request with an id of an odd type, with why; nothing runs.
func invalidRequest(id any, why string) mcp.JSONRPCError {
	return mcp.JSONRPCError{JSONRPC: mcp.JSONRPC_VERSION, ID: mcp.NewRequestId(id),
		Error: mcp.NewJSONRPCErrorDetails(mcp.INVALID_REQUEST, why, nil)}
}

func notInitialized(id any) mcp.JSONRPCError {
	return mcp.JSONRPCError{JSONRPC: mcp.JSONRPC_VERSION, ID: mcp.NewRequestId(id),
		Error: mcp.NewJSONRPCErrorDetails(mcp.INVALID_REQUEST, "the server is not initialized: send initialize first, then notifications/initialized", nil)}
}

// idHead is how much of the start and of the end of a line longer than maxMessageSize
// is searched for its id. Clients write the id before the params (mcp-go) or after them
// (the official TypeScript SDK), so it is near one end when there is one.
const idHead = 64 << 10

// refuseTooLarge answers a line longer than maxMessageSize, of which prefix is the start
// and tail the end, with an error when it is a request: a "method" member can be read in
// its first idHead bytes, and its id there or as the last member in its last idHead
// bytes. Anything else (a response to the server's own request, a notification, a
// request whose method comes after its params) is dropped with a warning on stderr: an
// answer to an id that is not a request's would resolve one of the client's own.
func (g *stdioGuard) refuseTooLarge(prefix, tail []byte, size int64) {
	head := leadingMembers(prefix[:min(len(prefix), idHead)])
	id, ok := head.id, head.hasID
	if !ok {
		if short := idHead - len(tail); short > 0 { // the end is partly in prefix, which tail continues
			tail = append(bytes.Clone(prefix[max(len(prefix)-short, 0):]), tail...)
		}
		id, ok = trailingID(tail[max(len(tail)-idHead, 0):])
	}
	if !ok || !head.request {
		g.log.Warn("dropped a JSON-RPC message larger than the limit; it could not be read as a request to answer", "bytes", size, "limit", maxMessageSize)
		return
	}
	g.log.Warn("refused a JSON-RPC message larger than the limit", "bytes", size, "limit", maxMessageSize)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.writeLocked(mcp.JSONRPCError{JSONRPC: mcp.JSONRPC_VERSION, ID: mcp.NewRequestId(id),
		Error: mcp.NewJSONRPCErrorDetails(mcp.INVALID_REQUEST, fmt.Sprintf("message too large: a JSON-RPC message may be at most %d bytes (4 MiB)", maxMessageSize), nil)})
}

// lineHead is what the top-level members at the start of a cut-off JSON object say.
type lineHead struct {
	id      any  // the "id" member, when it is a valid id (hosted.ValidID)
	hasID   bool // id was read
	request bool // a "method" member was read, and no "result" or "error"
}

// leadingMembers reads the top-level members of the JSON object that prefix starts, up
// to the point where prefix is cut off.
func leadingMembers(prefix []byte) lineHead {
	var h lineHead
	dec := json.NewDecoder(bytes.NewReader(prefix))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return h
	}
	response := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			break
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			if key == "result" || key == "error" {
				response = true
			}
			break
		}
		switch key {
		case "method":
			h.request = true
		case "result", "error":
			response = true
		case "id":
			var id any
			if hosted.ValidID(v) && json.Unmarshal(v, &id) == nil {
				h.id, h.hasID = id, true
			}
		}
	}
	h.request = h.request && !response
	return h
}

// lastMember matches an "id" member that ends a JSON object: a key right after a brace
// or a comma (so not the end of another key or string), and a number or a string (no
// unescaped quote inside) just before the closing brace.
var lastMember = regexp.MustCompile(`[{,]\s*"id"\s*:\s*(-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|"(?:[^"\\]|\\.)*")\s*}\s*$`)

// trailingID returns the "id" of the JSON object that suffix ends, when it is the
// object's last member and is a valid id (hosted.ValidID). The brace that ends a
// line closes its top-level object, so a member just before it belongs to that
// object.
func trailingID(suffix []byte) (any, bool) {
	m := lastMember.FindSubmatch(suffix)
	if m == nil || !hosted.ValidID(m[1]) {
		return nil, false
	}
	var id any
	if json.Unmarshal(m[1], &id) != nil {
		return nil, false
	}
	return id, true
}

// writeLocked writes msg, one line, on behalf of the guard; g.mu is held.
func (g *stdioGuard) writeLocked(msg any) {
	b, err := json.Marshal(msg)
	if err == nil {
		_, err = g.out.Write(append(b, '\n'))
	}
	if err != nil {
		g.log.Error("writing to stdout", "err", err)
	}
}

// waitUntil returns when cond, called with g.mu held, is true, or with ctx's error
// when ctx ends first.
func (g *stdioGuard) waitUntil(cond func() bool) error {
	for {
		g.mu.Lock()
		ok := cond()
		g.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-g.changed:
		case <-g.ctx.Done():
			return g.ctx.Err()
		}
	}
}

// guardOut is the server's side of stdout: it passes every write through and reads
// the finished lines to learn which requests are answered.
type guardOut struct{ g *stdioGuard }

func (o guardOut) Write(p []byte) (int, error) {
	g := o.g
	g.mu.Lock()
	defer g.mu.Unlock()
	n, err := g.out.Write(p)
	rest := p[:n]
	if len(g.partial) > 0 { // the end of a line begun in an earlier write
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			g.partial = append(g.partial, rest...)
			return n, err
		}
		g.sawOutput(append(g.partial, rest[:i]...))
		g.partial, rest = nil, rest[i+1:]
	}
	// mcp-go writes each message whole, with its line end: read it where it is.
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		g.sawOutput(rest[:i])
		rest = rest[i+1:]
	}
	if len(rest) > 0 {
		g.partial = append([]byte(nil), rest...)
	}
	return n, err
}

// sawOutput notes a message the server wrote; g.mu is held.
func (g *stdioGuard) sawOutput(line []byte) {
	m, ok := outputEnvelope(line)
	if !ok || m.ID == nil {
		return
	}
	key := idKey(m.ID)
	if m.Method != "" { // the server asks the client something
		g.asked[key] = true
	} else {
		delete(g.pending, key)
		if key == g.initID {
			g.initID = ""
			g.initialized = g.initialized || m.Result != nil
		}
	}
	select {
	case g.changed <- struct{}{}:
	default:
	}
}

// outputEnvelope reads what the guard needs of a message the server wrote, as
// json.Unmarshal into an envelope would (a test holds the two equal), without decoding
// the result: the members of the top-level object are found by skipping over their
// values, and only id, method and error are decoded. A result is reported as present
// (a non-nil Result) unless it is null. Each answer to a tool call passes through here,
// and decoding a large result into maps cost more than the rest of the stdio transport.
// A line it cannot read that way is decoded by json.Unmarshal instead; ok is false
// when that fails too.
func outputEnvelope(line []byte) (m envelope, ok bool) {
	members, fast := topLevelMembers(line)
	if !fast {
		return m, json.Unmarshal(line, &m) == nil
	}
	for _, mem := range members {
		var err error
		switch strings.ToLower(mem.key) { // json.Unmarshal matches keys without regard to case
		case "jsonrpc":
			err = json.Unmarshal(mem.value, &m.JSONRPC)
		case "method":
			err = json.Unmarshal(mem.value, &m.Method)
		case "id":
			m.ID = nil
			err = json.Unmarshal(mem.value, &m.ID)
		case "error":
			m.Error = json.RawMessage(mem.value)
		case "result":
			m.Result = nil
			if string(mem.value) != "null" {
				m.Result = true
			}
		}
		if err != nil {
			return envelope{}, false
		}
	}
	return m, true
}

// member is one member of a JSON object: its key and its value as written.
type member struct {
	key   string
	value []byte
}

// topLevelMembers splits line, a JSON object, into its members without decoding their
// values. It returns false for anything else and for what it does not handle (a key
// with an escape or outside printable ASCII, bytes after the object, a value that does not end properly), which
// the caller then decodes in full; it does not check that values are valid JSON,
// which json.Unmarshal of the values the caller reads does.
func topLevelMembers(line []byte) ([]member, bool) {
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return nil, false
	}
	var out []member
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return out, skipSpace(line, i+1) == len(line)
	}
	for {
		if i >= len(line) || line[i] != '"' {
			return nil, false
		}
		end := skipString(line, i)
		if end < 0 {
			return nil, false
		}
		key := line[i+1 : end-1]
		if !plainKey(key) {
			return nil, false
		}
		i = skipSpace(line, end)
		if i >= len(line) || line[i] != ':' {
			return nil, false
		}
		start := skipSpace(line, i+1)
		end = skipValue(line, start)
		if end < 0 {
			return nil, false
		}
		out = append(out, member{key: string(key), value: line[start:end]})
		i = skipSpace(line, end)
		if i >= len(line) {
			return nil, false
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case '}':
			return out, skipSpace(line, i+1) == len(line)
		default:
			return nil, false
		}
	}
}

// plainKey reports whether key, as written between its quotes, is printable ASCII
// without escapes: the keys whose matching topLevelMembers' callers can do with
// strings.ToLower as json.Unmarshal would.
func plainKey(key []byte) bool {
	for _, c := range key {
		if c < 0x20 || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string that starts at b[i] (a quote),
// or -1 when it does not end.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipValue returns the index just past the value that starts at b[i], or -1 when it
// does not end: a string, an object or array (counting brackets outside strings), or
// a literal or number (up to the next delimiter).
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				end := skipString(b, i)
				if end < 0 {
					return -1
				}
				i = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	case ',', '}', ']', ':':
		return -1
	}
	start := i
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	if i == start {
		return -1
	}
	return i
}
