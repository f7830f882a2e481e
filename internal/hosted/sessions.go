package hosted

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"slices"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// sessions binds each session id to the customer whose request created it. A
// session id is a name, not a credential: a request may use one only with a token of
// the same customer; anyone else gets 404, as for an id that does not exist.
type sessions struct {
	mu         sync.Mutex
	owner      map[string]string   // session id → customer
	byCustomer map[string][]string // customer → Streamable HTTP session ids, oldest first
	// streams holds the open GET streams of each session, to end them when the session
	// is forgotten: mcp-go ends a GET stream only when its client leaves, not when its
	// session is terminated, so an evicted session's stream would otherwise stay open.
	streams map[string]map[*getStream]struct{}

	// release, when set, frees what the MCP transport keeps for a session the cap
	// forgot (mcp-go would otherwise keep it until the idle sweep, an hour later).
	// Called without mu held.
	release func(id string)
}

func newSessions() *sessions {
	return &sessions{owner: map[string]string{}, byCustomer: map[string][]string{},
		streams: map[string]map[*getStream]struct{}{}}
}

// getStream is one open GET stream of a session.
type getStream struct{ cancel context.CancelFunc }

var errNoSession = errors.New("session not found")

// newSessionID returns an unguessable session id.
func newSessionID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("hosted: crypto/rand: " + err.Error()) // never fails on supported systems
	}
	return "mcp-session-" + hex.EncodeToString(b[:])
}

// bind records a new session of customer. Streamable HTTP sessions (bounded) are
// capped per customer: the oldest is forgotten, and released.
func (s *sessions) bind(id, customer string, bounded bool) {
	s.mu.Lock()
	s.owner[id] = customer
	if !bounded {
		s.mu.Unlock()
		return
	}
	var evicted string
	ids := append(s.byCustomer[customer], id)
	if len(ids) > maxSessionsPerCustomer {
		evicted = ids[0]
		delete(s.owner, evicted)
		s.endStreams(evicted)
		ids = ids[1:]
	}
	s.byCustomer[customer] = ids
	release := s.release
	s.mu.Unlock()
	if evicted != "" && release != nil {
		release(evicted)
	}
}

// owns reports whether id is a live session of customer.
func (s *sessions) owns(id, customer string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.owner[id]
	return ok && o == customer
}

// drop forgets id.
func (s *sessions) drop(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.owner[id]
	if !ok {
		return
	}
	delete(s.owner, id)
	s.endStreams(id)
	if ids := s.byCustomer[c]; ids != nil {
		ids = slices.DeleteFunc(ids, func(x string) bool { return x == id })
		if len(ids) == 0 {
			delete(s.byCustomer, c)
		} else {
			s.byCustomer[c] = ids
		}
	}
}

// stream registers a GET stream of session id opened with ctx: the context returned
// ends when the session is forgotten (the per-customer cap, a DELETE, the idle sweep),
// or at once when it already is. done, called when the stream's request ends,
// forgets the stream.
func (s *sessions) stream(ctx context.Context, id string) (_ context.Context, done func()) {
	ctx, cancel := context.WithCancel(ctx)
	g := &getStream{cancel: cancel}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.owner[id]; !ok {
		cancel()
		return ctx, cancel
	}
	if s.streams[id] == nil {
		s.streams[id] = map[*getStream]struct{}{}
	}
	s.streams[id][g] = struct{}{}
	return ctx, func() {
		cancel()
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.streams[id], g)
		if len(s.streams[id]) == 0 {
			delete(s.streams, id)
		}
	}
}

// endStreams ends the GET streams of session id. Called with mu held.
func (s *sessions) endStreams(id string) {
	for g := range s.streams[id] {
		g.cancel()
	}
	delete(s.streams, id)
}

// count returns how many sessions are live.
func (s *sessions) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.owner)
}

// ResolveSessionIdManager implements server.SessionIdManagerResolver: the Streamable
// HTTP server's session ids, seen from the customer of request r (r is nil for the
// server's own housekeeping, which may terminate any session).
func (s *sessions) ResolveSessionIdManager(r *http.Request) server.SessionIdManager {
	if r == nil {
		return sessionView{s: s, admin: true}
	}
	return sessionView{s: s, customer: customerFrom(r.Context())}
}

// sessionView is the server.SessionIdManager of one customer (or of the server).
type sessionView struct {
	s        *sessions
	customer string
	admin    bool
}

func (v sessionView) Generate() string {
	id := newSessionID()
	if v.customer != "" {
		v.s.bind(id, v.customer, true)
	}
	return id
}

func (v sessionView) Validate(id string) (bool, error) {
	if v.admin || v.s.owns(id, v.customer) {
		return false, nil
	}
	return false, errNoSession
}

func (v sessionView) Terminate(id string) (bool, error) {
	if v.admin || v.s.owns(id, v.customer) {
		v.s.drop(id)
	}
	return false, nil
}

// streamableSessions enforces session ownership on the Streamable HTTP endpoint
// before mcp-go sees the request: mcp-go validates the id of a POST, but opens a GET
// stream for any id it is given, which would deliver another customer's server
// requests (an elicitation for their purchase) to the caller. A legacy-era request
// carrying a session id the customer does not own gets 404 (the client re-initializes);
// a GET or DELETE without one gets 400, and so does a POST of a message other than
// initialize (a request or notification; mcp-go would answer 404, which tells a
// client its session expired), as the spec asks of a server that requires sessions
// (2025-06-18, Session Management). A JSON-RPC response or a body that is not a
// message is left to mcp-go. Requests of the 2026-07-28 protocol
// have no sessions (mcp-go ignores the header) and pass. A GET stream ends when its
// session is forgotten (see sessions.stream).
func (h *Server) streamableSessions(next http.Handler) http.Handler {
	if h.cfg.Stateless {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(server.HeaderKeySessionID)
		modern := mcp.IsModernProtocol(r.Header.Get(mcp.HeaderProtocolVersion))
		rec := recordFrom(r.Context())
		if rec != nil && rec.modern {
			modern = true
		}
		switch {
		case modern || r.Method == http.MethodOptions || r.Method == http.MethodHead:
		case id == "" && (r.Method == http.MethodGet || r.Method == http.MethodDelete):
			http.Error(w, "Bad Request: Mcp-Session-Id header is required", http.StatusBadRequest)
			return
		case id == "" && r.Method == http.MethodPost && rec != nil && rec.needsSession():
			rec.setRPCError("no session id")
			writeRPCError(w, http.StatusBadRequest, rec.requestID(), mcp.INVALID_REQUEST,
				"Bad Request: Mcp-Session-Id header is required; send initialize first and then the session id it returns on every request", nil)
			return
		case id != "" && !h.sessions.owns(id, customerFrom(r.Context())):
			http.Error(w, noStreamableSession, http.StatusNotFound)
			return
		case r.Method == http.MethodGet:
			ctx, done := h.sessions.stream(r.Context(), id)
			defer done()
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

// The 404 bodies for a session id this server does not hold for the token's
// customer say why and what to do: a client shows them to the developer (SDK 1.32.2:
// "Error POSTing to endpoint: Session not found", after every restart of the server).
// The same words whether the session ended or is another customer's.
const (
	noStreamableSession = "Session not found: it has ended (the server restarted, or the session was deleted, replaced or idle for an hour) or another customer's token opened it; send initialize without Mcp-Session-Id to start a new session"
	noSSESession        = "Session not found: its stream has ended (the server restarted, or the stream closed) or another customer's token opened it; open a new stream at " + PathSSE
)

type sseIDKey struct{}

// generateSSE is the SSE server's session id generator: it binds the new session to
// the customer of the request opening the stream, and tells sseSessions its id.
func (s *sessions) generateSSE(ctx context.Context, r *http.Request) (string, error) {
	c := customerFrom(r.Context())
	if c == "" {
		return "", errors.New("hosted: SSE stream without a customer")
	}
	id := newSessionID()
	s.bind(id, c, false)
	if p, ok := r.Context().Value(sseIDKey{}).(*string); ok {
		*p = id
	}
	return id, nil
}

// sseSessions enforces session ownership on the SSE endpoints: a message for a
// session the customer does not own gets 404, and a stream's session is forgotten
// when the stream ends.
func (h *Server) sseSessions(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == PathSSE {
			var id string
			// mcp-go's SSE handler allows every origin (Access-Control-Allow-Origin: *);
			// the origin middleware's decision stands instead.
			w = &keepCORS{ResponseWriter: w, origin: w.Header().Get("Access-Control-Allow-Origin")}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sseIDKey{}, &id)))
			if id != "" {
				h.sessions.drop(id)
			}
			return
		}
		if id := r.URL.Query().Get("sessionId"); id != "" && !h.sessions.owns(id, customerFrom(r.Context())) {
			http.Error(w, noSSESession, http.StatusNotFound)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// keepCORS restores Access-Control-Allow-Origin to origin ("" for none) when the
// response starts, whatever the handler set.
type keepCORS struct {
	http.ResponseWriter
	origin  string
	started bool
}

func (k *keepCORS) restore() {
	if k.started {
		return
	}
	k.started = true
	if k.origin == "" {
		k.Header().Del("Access-Control-Allow-Origin")
	} else {
		k.Header().Set("Access-Control-Allow-Origin", k.origin)
	}
}

func (k *keepCORS) WriteHeader(code int) {
	k.restore()
	k.ResponseWriter.WriteHeader(code)
}

func (k *keepCORS) Write(p []byte) (int, error) {
	k.restore()
	return k.ResponseWriter.Write(p)
}

func (k *keepCORS) Flush() {
	k.restore()
	if f, ok := k.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (k *keepCORS) Unwrap() http.ResponseWriter { return k.ResponseWriter }

// releaseSession frees what st keeps for session id (its registration with the MCP
// server, its streams' state, its idle clock) by the protocol's own way of ending a
// session, a DELETE, sent to st directly. The request carries no customer, so the
// ownership check has nothing left to forget: the session is already unbound.
func releaseSession(st http.Handler, id string) {
	r, err := http.NewRequest(http.MethodDelete, PathMCP, nil)
	if err != nil {
		return // a constant method and path: cannot fail
	}
	r.Header.Set(server.HeaderKeySessionID, id)
	st.ServeHTTP(discardResponse{header: http.Header{}}, r)
}

// discardResponse is an http.ResponseWriter that keeps nothing.
type discardResponse struct{ header http.Header }

func (d discardResponse) Header() http.Header         { return d.header }
func (d discardResponse) Write(p []byte) (int, error) { return len(p), nil }
func (d discardResponse) WriteHeader(int)             {}
