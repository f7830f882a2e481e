package hosted

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

// What the guards below answer with.
const (
	// rateLimitedCode is the JSON-RPC error code of a request refused for coming too
	// often: one of the codes JSON-RPC 2.0 reserves for the server (-32000…-32099).
	rateLimitedCode = -32000
	// streamRetryAfter is the Retry-After of a stream refused by a cap: streams end
	// when their clients leave, so there is no better time to give.
	streamRetryAfter = 30 * time.Second
)

// The limits a refusal (429, or 503 for the server's stream cap) names, in its
// JSON-RPC error's data.limit and its plain-text body, so that a client (and the
// person reading its log) can tell which limit it ran into.
const (
	limitRequests     = "requests"      // Config.Requests: requests per customer (--request-rate)
	limitInflight     = "inflight"      // Config.MaxInflight: POSTs in flight per customer (--max-inflight)
	limitStreams      = "streams"       // Config.MaxStreams: open streams per customer (--max-streams)
	limitStreamsTotal = "streams_total" // Config.MaxStreamsTotal: open streams in all (--max-streams-total)
	limitAuthFailures = "auth_failures" // Config.AuthFailures: refused tokens per client address (--auth-fail-rate)
)

// RequestLimiter decides whether customer may make one more request of kind now;
// when not, retryAfter says how long until it may. ratelimit.Limiter is one.
type RequestLimiter interface {
	Allow(customer, kind string) (ok bool, retryAfter time.Duration)
}

// requestKind is the kind every request counted by Config.Requests has.
const requestKind = "request"

// served returns the methods an MCP endpoint serves besides OPTIONS.
func served(path string) []string {
	switch path {
	case PathSSE:
		return []string{http.MethodGet}
	case PathMessage:
		return []string{http.MethodPost}
	}
	return []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodDelete}
}

// allowMethods answers a method the endpoint does not serve with 405 and its Allow
// header, and an OPTIONS that is not a CORS preflight (origin answered those) with
// 204 and the same header; both before authentication, as they reveal nothing.
func (h *Server) allowMethods(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		methods := served(r.URL.Path)
		if r.Method != http.MethodOptions && slices.Contains(methods, r.Method) {
			next.ServeHTTP(w, r)
			return
		}
		allow := strings.Join(append(methods, http.MethodOptions), ", ")
		w.Header().Set("Allow", allow)
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		http.Error(w, "method not allowed: use "+allow, http.StatusMethodNotAllowed)
	})
}

// refuseInvalid answers two messages mcp-go would mishandle, before it sees them,
// with 400 and a JSON-RPC Invalid Request error; nothing in them is run, and the
// request limit counted each as one request:
//   - a JSON-RPC batch (a POST whose body is a JSON array), without an id, whatever
//     the protocol version: 2025-06-18 and later removed batches, and the server does
//     not take them for 2025-03-26 either (see the package's notes);
//   - an object that is neither a request nor a response (its method member absent,
//     empty or not a string, and neither a result nor an error), or a request whose
//     id is not a string or an integer in range (null, 1.5, 1e3, an object…; see
//     InvalidMessage), with its id (null when it has none or one a refusal does not
//     echo): mcp-go would answer one with an id and no method 202 as if it were an
//     empty response, and run nothing, and one with a null id as a notification.
func (h *Server) refuseInvalid(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recordFrom(r.Context())
		switch {
		case rec == nil:
		case rec.isBatch():
			rec.setRPCError("batch refused")
			writeRPCError(w, http.StatusBadRequest, nil, mcp.INVALID_REQUEST,
				"Invalid Request: JSON-RPC batches are not supported; send each message in a POST of its own", nil)
			return
		case rec.invalidReason() != "":
			rec.setRPCError("invalid request")
			writeRPCError(w, http.StatusBadRequest, rec.requestID(), mcp.INVALID_REQUEST, rec.invalidReason(), nil)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitInflight caps the POSTs a customer has in flight at Config.MaxInflight: one
// more gets 429 with Retry-After before its body is read. The slot is held until the
// answer is written, or given back by releaseListens once the POST is known to be a
// subscriptions/listen stream.
func (h *Server) limitInflight(next http.Handler) http.Handler {
	if h.cfg.MaxInflight <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recordFrom(r.Context())
		if r.Method != http.MethodPost || rec == nil {
			next.ServeHTTP(w, r)
			return
		}
		customer := customerFrom(r.Context())
		if ok, _ := h.posts.acquire(customer, h.cfg.MaxInflight, 0); !ok {
			w.Header().Set("Connection", "close") // the body is not read
			refuse(w, r, http.StatusTooManyRequests, inflightRetryAfter, limitInflight, "too many in flight",
				fmt.Sprintf("Too many requests in flight: this customer already has %d requests being answered; nothing was done. Wait for one to finish.", h.cfg.MaxInflight))
			return
		}
		var once sync.Once
		rec.mu.Lock()
		rec.release = func() { once.Do(func() { h.posts.release(customer) }) }
		rec.mu.Unlock()
		defer rec.releaseInflight()
		next.ServeHTTP(w, r)
	})
}

// inflightRetryAfter is the Retry-After of a POST refused for too many in flight.
const inflightRetryAfter = time.Second

// releaseListens gives back the in-flight slot of a subscriptions/listen: a stream,
// which the stream caps bound instead.
func (h *Server) releaseListens(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rec := recordFrom(r.Context()); rec != nil && r.Method == http.MethodPost && isStream(r) {
			rec.releaseInflight()
		}
		next.ServeHTTP(w, r)
	})
}

// refuseListensOnSSE answers a 2026-07-28 subscriptions/listen POSTed to SSE
// /message with 400 and a JSON-RPC Method not found error, before mcp-go sees it:
// mcp-go would answer the POST 202 and run the listen on a context detached from the
// request and the session, a goroutine per POST that outlives both. Other 2026-07-28
// messages (server/discover, tool calls with their dialogs) are served there as
// before: each ends with its answer.
func (h *Server) refuseListensOnSSE(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recordFrom(r.Context())
		if r.URL.Path != PathMessage || rec == nil || !rec.methodIs(string(mcp.MethodSubscriptionsListen)) {
			next.ServeHTTP(w, r)
			return
		}
		rec.setRPCError("listen on sse")
		writeRPCError(w, http.StatusBadRequest, rec.requestID(), mcp.METHOD_NOT_FOUND,
			"Method not found: subscriptions/listen is not served over the SSE transport; it is served at /mcp by a server run with --transport http", nil)
	})
}

// limitRequests counts every authenticated request against Config.Requests, tool
// calls included (which the tools' middleware counts against their own, smaller,
// limits too), except two kinds that are never refused: JSON-RPC responses the
// endpoint handles as responses (a dialog answer, an answer to the server's ping; see
// isResponse), and a genuine 2026-07-28 dialog answer (a tools/call that
// Config.DialogAnswer recognises by its sealed requestState). A request over the
// limit gets 429 with Retry-After, and for a POST a JSON-RPC error with its id,
// before anything else is done.
func (h *Server) limitRequests(next http.Handler) http.Handler {
	if h.cfg.Requests == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recordFrom(r.Context())
		customer := customerFrom(r.Context())
		if rec != nil && (rec.isResponse(r.URL.Path == PathMessage) || h.dialogAnswer(customer, rec)) {
			next.ServeHTTP(w, r)
			return
		}
		ok, retry := h.cfg.Requests.Allow(customer, requestKind)
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		secs := retrySeconds(retry)
		refuse(w, r, http.StatusTooManyRequests, retry, limitRequests, "rate limited",
			fmt.Sprintf("Too many requests: this customer has sent too many requests in a short time; nothing was done. Try again in %d seconds.", secs))
	})
}

// refuse answers r with status and Retry-After (retry in whole seconds, at least 1):
// a POST (a JSON-RPC message) with a JSON-RPC error carrying its id and data
// {retryAfterSeconds, limit}, anything else with text ending "(limit: <limit>)".
// limit names the limit refusing (limitRequests…), label the refusal in the call log.
// No WWW-Authenticate: a refusal says nothing of the token (see authFlooded).
func refuse(w http.ResponseWriter, r *http.Request, status int, retry time.Duration, limit, label, msg string) {
	secs := retrySeconds(retry)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	rec := recordFrom(r.Context())
	if rec != nil {
		rec.setRPCError(label)
	}
	if r.Method != http.MethodPost {
		http.Error(w, msg+" (limit: "+limit+")", status)
		return
	}
	var id json.RawMessage
	if rec != nil {
		id = rec.requestID()
	}
	writeRPCError(w, status, id, rateLimitedCode, msg, refusalData{secs, limit})
}

// refusalData is the data of a refusal's JSON-RPC error.
type refusalData struct {
	RetryAfterSeconds int    `json:"retryAfterSeconds"`
	Limit             string `json:"limit"`
}

// dialogAnswer reports whether rec is a tools/call carrying the person's answer to a
// dialog, by Config.DialogAnswer.
func (h *Server) dialogAnswer(customer string, rec *record) bool {
	tool, state := rec.dialogState()
	return h.cfg.DialogAnswer != nil && tool != "" && state != "" && h.cfg.DialogAnswer(customer, tool, state)
}

// retrySeconds rounds d up to whole seconds, at least 1, as Retry-After wants them.
func retrySeconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}

// writeRPCError writes a JSON-RPC error response (id null when id is empty) with
// HTTP status.
func writeRPCError(w http.ResponseWriter, status int, id json.RawMessage, code int, msg string, data any) {
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	type rpcError struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Data    any    `json:"data,omitempty"`
	}
	body, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   rpcError        `json:"error"`
	}{mcp.JSONRPC_VERSION, id, rpcError{code, msg, data}})
	if err != nil { // an id that peek read as valid JSON: cannot happen
		body = []byte(`{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// streamCounts counts the long-lived streams open, per customer and in all.
type streamCounts struct {
	mu    sync.Mutex
	open  map[string]int
	total int
}

// acquire takes a stream slot for customer, unless that would pass perCustomer or
// total (0: no cap); it says which cap refused.
func (s *streamCounts) acquire(customer string, perCustomer, total int) (ok, customerCap bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if perCustomer > 0 && s.open[customer] >= perCustomer {
		return false, true
	}
	if total > 0 && s.total >= total {
		return false, false
	}
	if s.open == nil {
		s.open = map[string]int{}
	}
	s.open[customer]++
	s.total++
	return true, false
}

func (s *streamCounts) release(customer string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total--
	if s.open[customer]--; s.open[customer] <= 0 {
		delete(s.open, customer)
	}
}

// counts returns how many streams customer has open, and how many are open in all.
func (s *streamCounts) counts(customer string) (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open[customer], s.total
}

// isStream reports whether r opens a long-lived stream: a GET on /mcp (2025-era) or
// /sse, or a 2026-07-28 subscriptions/listen.
func isStream(r *http.Request) bool {
	if r.Method == http.MethodGet {
		return r.URL.Path == PathMCP || r.URL.Path == PathSSE
	}
	rec := recordFrom(r.Context())
	return rec != nil && rec.methodIs(string(mcp.MethodSubscriptionsListen))
}

// capStreams bounds the long-lived streams: at most Config.MaxStreams open per
// customer (the one more gets 429) and Config.MaxStreamsTotal in all (503), each
// refusal with Retry-After. A slot is held while the stream's request is served.
func (h *Server) capStreams(next http.Handler) http.Handler {
	if h.cfg.MaxStreams <= 0 && h.cfg.MaxStreamsTotal <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isStream(r) {
			next.ServeHTTP(w, r)
			return
		}
		customer := customerFrom(r.Context())
		ok, customerCap := h.streams.acquire(customer, h.cfg.MaxStreams, h.cfg.MaxStreamsTotal)
		if !ok && customerCap {
			refuse(w, r, http.StatusTooManyRequests, streamRetryAfter, limitStreams, "too many streams",
				fmt.Sprintf("Too many open streams: this customer already has %d open; close one before opening another.", h.cfg.MaxStreams))
			return
		}
		if !ok {
			if h.busyLog.due(time.Now()) {
				h.cfg.Log.Warn("refusing streams: the server's cap on open streams is reached (logged at most once a minute)", "max_streams_total", h.cfg.MaxStreamsTotal)
			}
			refuse(w, r, http.StatusServiceUnavailable, streamRetryAfter, limitStreamsTotal, "too many streams",
				"Service busy: the server has as many open streams as it allows. Try again later.")
			return
		}
		defer h.streams.release(customer)
		next.ServeHTTP(w, r)
	})
}

// busyLogInterval is the least time between two warnings that the server's stream
// cap is reached: a full server refuses many streams, and one line says it.
const busyLogInterval = time.Minute

// rateLog lets a log line through at most once per busyLogInterval.
type rateLog struct {
	mu   sync.Mutex
	last time.Time
}

// due reports whether the line may be logged at now, and if so notes it.
func (l *rateLog) due(now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.last.IsZero() && now.Sub(l.last) < busyLogInterval {
		return false
	}
	l.last = now
	return true
}
