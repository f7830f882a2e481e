// Package hosted serves an MCP server to many customers over HTTP: Streamable HTTP at
// /mcp, or the legacy SSE transport at /sse and /message. It owns the HTTP concerns
// only: bearer-token authentication (401 with the RFC 9728 challenge and metadata), the
// Origin check and CORS, the methods served (405), sessions bound to the customer who
// opened them, the request body limit, the limit on requests (tool calls included),
// the caps on open streams and connections, the limit on refused authentications per
// client address, the refusal of JSON-RPC batches and invalid requests (and of
// subscriptions/listen on SSE /message), one log line per call,
// /healthz, TLS and graceful shutdown. Who a token belongs to, and what a customer may
// do, are decided elsewhere (Config.Authenticate, the tools).
package hosted

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Transports.
const (
	TransportHTTP = "http" // Streamable HTTP at /mcp
	TransportSSE  = "sse"  // legacy HTTP+SSE at /sse and /message
)

// Paths served.
const (
	PathMCP     = "/mcp"
	PathSSE     = "/sse"
	PathMessage = "/message"
	PathHealth  = "/healthz"
)

// Defaults.
const (
	// DefaultMaxBody is the largest request body accepted (as stdio's line cap);
	// a larger one is answered 413 without being read.
	DefaultMaxBody = 4 << 20
	// DefaultShutdownTimeout bounds graceful shutdown, from the end of the serving
	// context to Serve's return.
	DefaultShutdownTimeout = 10 * time.Second
	// maxSessionsPerCustomer bounds the Streamable HTTP sessions one customer holds;
	// opening one more forgets the oldest (its requests then get 404, and a client
	// initializes again).
	maxSessionsPerCustomer = 64
	// sessionIdleTTL forgets a Streamable HTTP session unused for this long.
	sessionIdleTTL = time.Hour
	// heartbeat keeps idle streams open through proxies.
	heartbeat = 30 * time.Second
	// maxTokenLen bounds the bearer token looked up; a longer one is refused unread.
	maxTokenLen = 512
	// bodyTimeout bounds how long a request body may take to arrive.
	bodyTimeout = 30 * time.Second
	// tokenRecheck is how often the token of an open stream is checked again: a
	// revoked or expired token's stream ends within it.
	tokenRecheck = time.Minute
)

// ErrBadToken is what Config.Authenticate returns (or wraps) for a token that is
// missing, unknown, expired or revoked: the request gets 401.
var ErrBadToken = errors.New("hosted: bad bearer token")

// Config says how to serve. Authenticate and Log are required.
type Config struct {
	// Transport is TransportHTTP (default) or TransportSSE.
	Transport string
	// Stateless serves Streamable HTTP without sessions (no Mcp-Session-Id), for
	// replicas behind a load balancer. Stateful by default: sessions are tracked and
	// bound to the customer that opened them.
	Stateless bool
	// TLSCert and TLSKey are PEM file paths; both or neither. Without them Serve
	// speaks plain HTTP (TLS is then a proxy's job).
	TLSCert, TLSKey string
	// AllowedOrigins lists the browser origins (scheme://host[:port]) allowed besides
	// the request's own host and localhost; requests from any other Origin get 403.
	AllowedOrigins []string
	// PublicURL is the server's base URL as clients reach it (https://shop.example);
	// the protected resource is PublicURL+/mcp (or /sse), and its metadata is at
	// /.well-known/oauth-protected-resource plus the resource's path, on the same
	// host. Empty: derived from the listening address by Serve.
	PublicURL string
	// Authenticate returns the customer a bearer token acts for. An error that is (or
	// wraps) ErrBadToken means 401; any other error means 503 (the token store is
	// unreachable). It must not log the secret.
	Authenticate func(ctx context.Context, secret string) (customer string, err error)
	// WithCustomer returns ctx acting for customer: how the tools learn who calls.
	// Nil leaves the context unchanged.
	WithCustomer func(ctx context.Context, customer string) context.Context
	// Health reports whether the service can answer (the database responds); nil is
	// always healthy.
	Health func(ctx context.Context) error
	// Log receives one line per call and the server's own events.
	Log *slog.Logger
	// MaxBody is the request body limit; 0 means DefaultMaxBody.
	MaxBody int64
	// ShutdownTimeout bounds graceful shutdown; 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// StopDetached, when set, is called when shutdown stops waiting for the calls in
	// flight (see Serve), with their cancellation: it ends the work they carry on past
	// their own context (checkout's approved payments, which then revoke their token
	// or journal their state), so that a call ends before the database closes.
	StopDetached func()
	// Requests, when set, limits the requests to the MCP endpoints per customer, tool
	// calls included; JSON-RPC responses and dialog answers are never refused (see
	// limitRequests). Nil: no limit.
	Requests RequestLimiter
	// DialogAnswer, when set, reports whether a tools/call of tool carrying
	// requestState state is the person's answer to a dialog of customer's (a state the
	// server sealed); the request limit never refuses one. Nil: none is.
	DialogAnswer func(customer, tool, state string) bool
	// MaxStreams caps the long-lived streams (a 2025-era GET /mcp, an SSE GET /sse,
	// a 2026-07-28 subscriptions/listen) one customer may hold open at once;
	// MaxStreamsTotal caps them across customers. 0 means no cap.
	MaxStreams, MaxStreamsTotal int
	// AuthFailures, when set, limits the refused authentications of well-formed
	// tokens (unknown, expired or revoked) per client address (an IPv4 address or an
	// IPv6 /64, see clientAddr): an address over it gets 429 with Retry-After before
	// its token is looked up, unless that token authenticated in the last
	// recentAuthTTL. Successful authentications, missing and malformed tokens count
	// nothing. Nil: no limit. AuthFailuresIPv6Site, when set too, counts the same
	// refusals per IPv6 /48 (an address is refused when either budget is spent).
	AuthFailures, AuthFailuresIPv6Site AuthFailureLimiter
	// WellFormedToken, when set, says whether a bearer token has the shape of a real
	// one; one that has not is refused 401 without a lookup and counts nothing.
	WellFormedToken func(string) bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed (see
	// clientAddr); their own connections are not capped per address. None: the
	// client address is the connection's peer.
	TrustedProxies []netip.Prefix
	// MaxConns caps the connections open at once: at the cap the connection idle
	// the longest (a keep-alive between requests, or one that has sent nothing for
	// 5 s) is closed for a new one, and only when none is idle does the new one wait
	// to be accepted. MaxConnsPerAddr caps the connections of one client address
	// (an IPv4 address, an IPv6 /64; trusted proxies aside): one more is closed at
	// once. 0: no cap.
	MaxConns, MaxConnsPerAddr int
	// MaxInflight caps the POSTs one customer may have in flight at once, from before
	// the body is read to the answer (a subscriptions/listen stream gives its slot
	// back once known as one: the stream caps hold it); one more gets 429. 0: no cap.
	MaxInflight int
	// AuthorizationServers are the OAuth authorization servers' issuer URLs the
	// protected-resource metadata names (RFC 9728 authorization_servers); none by
	// default, when tokens come from the operator (commerce-mcp token create).
	AuthorizationServers []string
	// Routes are served besides the MCP endpoints, by http.ServeMux pattern, without
	// bearer-token authentication or the call log: each authenticates its requests
	// itself (the sellers' order events, by their signature). They still pass the
	// Origin check and the body limit.
	Routes map[string]http.Handler
}

// Server serves one MCP server over HTTP. Create it with New.
type Server struct {
	mcp      *server.MCPServer
	cfg      Config
	sessions *sessions
	inflight inflight
	streams  streamCounts
	posts    streamCounts // POSTs in flight per customer (MaxInflight)
	busyLog  rateLog      // the warning that the server's stream cap is reached
	// The counted warnings (see warnings.go): floodWarn counts the requests refused
	// for their address's refused authentications (authFlooded), addrCapWarn the
	// connections closed over MaxConnsPerAddr, acceptWarn the accepts that failed for
	// want of file descriptors (acceptRetry).
	floodWarn, addrCapWarn, acceptWarn countedWarning

	recent recentAuths // tokens that authenticated lately (AuthFailures)
	// now is the clock of the counted warnings and recentAuths (tests set it).
	now     func() time.Time
	origins map[string]bool
	// tokenRecheck is the constant of that name (tests shorten it).
	tokenRecheck time.Duration

	// abort is cancelled when shutdown stops waiting for calls: tool calls still
	// running then are cancelled (with Config.StopDetached, an approved payment too;
	// a purchase stays journaled and recovery settles it), and answer as cancelled
	// calls do.
	abort       context.Context
	cancelAbort context.CancelFunc

	mu      sync.Mutex
	handler http.Handler
	closers []func(context.Context) // close long-lived streams at shutdown
	listens map[*listenStream]struct{}
	closing bool // closeStreams ran: new listen streams end at once
}

// listenStream is an open 2026-07-28 subscriptions/listen request: a POST whose
// response streams until the client leaves, which shutdown ends itself.
type listenStream struct{ cancel context.CancelFunc }

// New returns a Server for s. It adds to s a tool middleware (calls in flight, tool
// errors for the log, cancellation at the shutdown deadline) and hooks (JSON-RPC
// errors for the log), so s must not be serving yet.
func New(s *server.MCPServer, c Config) (*Server, error) {
	if c.Transport == "" {
		c.Transport = TransportHTTP
	}
	if c.Transport != TransportHTTP && c.Transport != TransportSSE {
		return nil, fmt.Errorf("hosted: unknown transport %q (want %s or %s)", c.Transport, TransportHTTP, TransportSSE)
	}
	if c.Authenticate == nil || c.Log == nil {
		return nil, errors.New("hosted: Config.Authenticate and Config.Log are required")
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return nil, errors.New("hosted: give both a TLS certificate and its key, or neither")
	}
	if c.MaxBody <= 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = DefaultShutdownTimeout
	}
	origins := make(map[string]bool, len(c.AllowedOrigins))
	for _, o := range c.AllowedOrigins {
		n, ok := normalizeOrigin(o)
		if !ok {
			return nil, fmt.Errorf("hosted: allowed origin %q is not scheme://host[:port]", o)
		}
		origins[n] = true
	}
	if c.MaxStreams < 0 || c.MaxStreamsTotal < 0 || c.MaxInflight < 0 || c.MaxConns < 0 || c.MaxConnsPerAddr < 0 {
		return nil, errors.New("hosted: stream, in-flight and connection caps must be 0 (no cap) or more")
	}
	if c.MaxStreams == 0 && c.MaxStreamsTotal > 0 {
		c.Log.Warn("no cap on the streams one customer may open, but a cap on the server's: one customer may take every slot", "max_streams_total", c.MaxStreamsTotal)
	}
	for _, as := range c.AuthorizationServers {
		if err := CheckIssuer(as); err != nil {
			return nil, err
		}
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("hosted: public URL %q is not an http(s) URL", c.PublicURL)
		}
		c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	}
	h := &Server{mcp: s, cfg: c, sessions: newSessions(), origins: origins, tokenRecheck: tokenRecheck, recent: recentAuths{max: maxRecentAuths}, now: time.Now,
		floodWarn:   countedWarning{msg: "refusing requests from client addresses after too many refused authentications (wrong bearer tokens); counted here, logged at most once a minute", key: "refused"},
		acceptWarn:  countedWarning{msg: "accepting connections failed for want of file descriptors (the process's open-file limit, ulimit -n, is reached) or kernel memory; new connections wait in the kernel's backlog while open ones are served, and accepting is retried with back-off; lower --max-conns or raise the limit; counted here, logged at most once a minute", key: "failed_accepts"},
		addrCapWarn: countedWarning{msg: "closing new connections of client addresses over --max-conns-per-addr (all clients behind one proxy or NAT share an address: set the cap to 0 there); counted here, logged at most once a minute", key: "closed"},
	}
	h.abort, h.cancelAbort = context.WithCancel(context.Background())
	h.instrument()
	return h, nil
}

// Resource returns the protected resource's URL: the public URL and the MCP endpoint.
func (h *Server) Resource() string {
	if h.cfg.Transport == TransportSSE {
		return h.cfg.PublicURL + PathSSE
	}
	return h.cfg.PublicURL + PathMCP
}

// MetadataURL returns where the RFC 9728 protected-resource metadata is served: the
// well-known path goes between the public URL's host and its path.
func (h *Server) MetadataURL() string {
	u, err := url.Parse(h.cfg.PublicURL)
	if err != nil {
		return h.cfg.PublicURL + server.ProtectedResourceMetadataPath(h.Resource())
	}
	return u.Scheme + "://" + u.Host + server.ProtectedResourceMetadataPath(h.Resource())
}

// Handler returns the handler tree (built once, with the public URL known then).
func (h *Server) Handler() http.Handler {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.handler == nil {
		h.handler = h.build()
	}
	return h.handler
}

// ListenAndServe listens on addr and serves until ctx ends (see Serve). ready, when
// not nil, is called with the listening address before serving starts.
func (h *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	h.derivePublicURL(ln.Addr())
	if ready != nil {
		ready(ln.Addr())
	}
	return h.Serve(ctx, ln)
}

// derivePublicURL sets the public URL from the listening address when none is
// configured.
func (h *Server) derivePublicURL(a net.Addr) {
	if h.cfg.PublicURL != "" {
		return
	}
	scheme := "http"
	if h.cfg.TLSCert != "" {
		scheme = "https"
	}
	h.cfg.PublicURL = scheme + "://" + a.String()
}

// Serve serves on ln until ctx ends, then shuts down gracefully: it stops accepting,
// lets calls in flight finish, closes the long-lived streams, and returns within
// Config.ShutdownTimeout. Tool calls still running a fifth of it (at least 1 s) before
// the end are cancelled (their context ends, and Config.StopDetached is called), and
// connections still open at the end are closed; neither is an error.
func (h *Server) Serve(ctx context.Context, ln net.Listener) error {
	h.derivePublicURL(ln.Addr())
	// Requests are not cancelled when serving ends, only when Serve gives up on them.
	base, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	defer h.cancelAbort()
	srv := &http.Server{
		Handler:           h.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// No ReadTimeout or WriteTimeout: streams stay open. Bodies have their own
		// deadline (limitBody).
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(h.cfg.Log.Handler(), slog.LevelWarn),
		BaseContext:    func(net.Listener) context.Context { return base },
	}
	ln = newAcceptRetry(ln, h.acceptFailed)
	if h.cfg.MaxConns > 0 || h.cfg.MaxConnsPerAddr > 0 {
		// The TLS listener ServeTLS wraps around it counts the same connections.
		cl := newConnLimit(ln, h.cfg.MaxConns, h.cfg.MaxConnsPerAddr, h.trustedProxy, h.addrCapped)
		srv.ConnState = cl.connState
		ln = cl
	}
	// The counted warnings' pending counts are logged on a timer, and at the end.
	warnCtx, stopWarnings := context.WithCancel(context.Background())
	warned := make(chan struct{})
	tick := time.NewTicker(warnFlushEvery)
	endWarnings := sync.OnceFunc(func() {
		tick.Stop()
		stopWarnings()
		<-warned
	})
	defer endWarnings()
	go func() {
		defer close(warned)
		h.flushWarnings(warnCtx, tick.C)
	}()
	errc := make(chan error, 1)
	go func() {
		if h.cfg.TLSCert != "" {
			errc <- srv.ServeTLS(ln, h.cfg.TLSCert, h.cfg.TLSKey)
			return
		}
		errc <- srv.Serve(ln)
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	start := time.Now()
	h.cfg.Log.Info("shutting down: finishing the calls in flight", "in_flight", h.inflight.count())
	sctx, cancel := context.WithDeadline(context.Background(), start.Add(h.cfg.ShutdownTimeout))
	defer cancel()
	// Leave time after the calls for the answers and the connections to close.
	dctx, cancelDrain := context.WithDeadline(sctx, start.Add(h.cfg.ShutdownTimeout-max(h.cfg.ShutdownTimeout/5, time.Second)))
	defer cancelDrain()

	// Stop accepting; Shutdown then waits for the requests in flight, which include
	// the open streams closed below.
	shut := make(chan error, 1)
	go func() { shut <- srv.Shutdown(sctx) }()
	// Calls outlive their request on SSE (answered on the stream), so wait for the
	// calls themselves, then close the streams that would keep Shutdown waiting.
	if !h.inflight.wait(dctx) {
		h.cfg.Log.Warn("shutdown: cancelling the calls still running, approved payments included (a purchase cut short is settled by recovery)", "in_flight", h.inflight.count())
		h.cancelAbort()
		if h.cfg.StopDetached != nil {
			h.cfg.StopDetached()
		}
		h.inflight.wait(sctx)
	}
	if h.cfg.Transport == TransportSSE {
		// An SSE call's answer is queued on its stream just after the call returns.
		waitOrDone(sctx, 100*time.Millisecond)
	}
	h.closeStreams(sctx)
	if err := <-shut; err != nil {
		h.cfg.Log.Warn("shutdown: closing the connections still open", "err", err)
		cancelBase()
		srv.Close()
	}
	err := <-errc
	endWarnings()
	h.cfg.Log.Info("stopped", "took", time.Since(start).Round(time.Millisecond))
	if !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func waitOrDone(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func (h *Server) closeStreams(ctx context.Context) {
	h.mu.Lock()
	closers := h.closers
	h.closing = true
	for l := range h.listens {
		l.cancel()
	}
	h.mu.Unlock()
	for _, c := range closers {
		c(ctx)
	}
}

// endListens makes 2026-07-28 subscriptions/listen streams end when shutdown closes
// the streams: they answer nothing until the client leaves, so Shutdown would
// otherwise wait for them until its deadline.
func (h *Server) endListens(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recordFrom(r.Context())
		if rec == nil || rec.method != string(mcp.MethodSubscriptionsListen) {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		l := &listenStream{cancel: cancel}
		h.mu.Lock()
		if h.closing {
			cancel()
		}
		if h.listens == nil {
			h.listens = map[*listenStream]struct{}{}
		}
		h.listens[l] = struct{}{}
		h.mu.Unlock()
		defer func() {
			h.mu.Lock()
			delete(h.listens, l)
			h.mu.Unlock()
		}()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// build assembles the handler tree:
//
//	Origin check and CORS (preflight answered here)
//	  /healthz                                   no auth
//	  /.well-known/oauth-protected-resource/…    no auth
//	  Config.Routes                              their own auth (body limit only)
//	  /mcp or /sse + /message                    call log → methods (405) → refused-auth limit and bearer auth → POSTs in flight → body limit → request limit →
//	                                             batches and invalid requests and (on /message) listens refused → stream caps → stream's token recheck → session owner → mcp-go
func (h *Server) build() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(PathHealth, h.health)
	meta := server.ProtectedResourceMetadataConfig{
		Resource:               h.Resource(),
		AuthorizationServers:   h.cfg.AuthorizationServers,
		BearerMethodsSupported: []string{"header"},
		ResourceName:           "commerce-mcp",
	}
	mux.Handle(server.ProtectedResourceMetadataPath(h.Resource()), server.NewProtectedResourceMetadataHandler(meta))
	for pattern, route := range h.cfg.Routes {
		mux.Handle(pattern, http.MaxBytesHandler(route, h.cfg.MaxBody))
	}

	ctxFunc := func(ctx context.Context, r *http.Request) context.Context {
		if c := customerFrom(r.Context()); c != "" && h.cfg.WithCustomer != nil {
			return h.cfg.WithCustomer(ctx, c)
		}
		return ctx
	}
	switch h.cfg.Transport {
	case TransportSSE:
		sse := server.NewSSEServer(h.mcp,
			server.WithSSEContextFunc(ctxFunc),
			server.WithSessionIDGenerator(h.sessions.generateSSE),
			server.WithKeepAlive(true),
			server.WithKeepAliveInterval(heartbeat),
			server.WithBaseURL(h.cfg.PublicURL),
		)
		h.closers = append(h.closers, func(context.Context) { sse.CloseSessions() })
		mux.Handle(PathSSE, h.mcpEndpoint(h.sseSessions(sse.SSEHandler())))
		mux.Handle(PathMessage, h.mcpEndpoint(h.sseSessions(sse.MessageHandler())))
		mux.Handle(PathMCP, otherTransport(notStreamable))
	default:
		opts := []server.StreamableHTTPOption{
			server.WithHTTPContextFunc(ctxFunc),
			server.WithStreamableHTTPLogger(h.cfg.Log),
			server.WithHeartbeatInterval(heartbeat),
		}
		if h.cfg.Stateless {
			opts = append(opts, server.WithStateLess(true))
		} else {
			opts = append(opts, server.WithSessionIdManagerResolver(h.sessions), server.WithSessionIdleTTL(sessionIdleTTL))
		}
		st := server.NewStreamableHTTPServer(h.mcp, opts...)
		if !h.cfg.Stateless {
			h.sessions.release = func(id string) { releaseSession(st, id) }
		}
		// Shutdown of a StreamableHTTPServer used as a handler closes its sessions
		// (ending GET streams) and stops its idle-session sweeper.
		h.closers = append(h.closers, func(ctx context.Context) { _ = st.Shutdown(ctx) })
		mux.Handle(PathMCP, h.mcpEndpoint(h.endListens(h.streamableSessions(st))))
		mux.Handle(PathSSE, otherTransport(notSSE))
		mux.Handle(PathMessage, otherTransport(notSSE))
	}
	return h.origin(mux)
}

// The answers at the paths of the transport a server does not serve.
const (
	notSSE = "Not found: this server serves MCP over Streamable HTTP at /mcp, not over the legacy SSE transport (/sse and /message): " +
		"connect the client to /mcp with its Streamable HTTP transport, or run a server with --transport sse for SSE clients"
	notStreamable = "Not found: this server serves MCP over the legacy SSE transport (a stream at /sse, messages to /message), not over Streamable HTTP: " +
		"connect the client to /sse with its SSE transport, or run a server with --transport http for Streamable HTTP clients"
)

// otherTransport answers a request at a path of the transport this server does not
// serve (an SSE client given a Streamable HTTP server's address, or the reverse) with
// 404 and msg, which says where MCP is served, rather than the mux's bare "404 page
// not found". It needs no token: it says nothing of any customer.
func otherTransport(msg string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, msg, http.StatusNotFound)
	})
}

// mcpEndpoint wraps an MCP endpoint: the call log outside, then the methods served,
// bearer auth, the cap on POSTs in flight, the body limit, the request limit, the
// refusal of batches, of invalid requests and of
// subscriptions/listen on SSE /message, the stream caps, and the end of streams
// whose token stops being valid.
func (h *Server) mcpEndpoint(next http.Handler) http.Handler {
	return h.logCalls(h.allowMethods(h.authenticate(h.limitInflight(h.limitBody(h.releaseListens(h.limitRequests(
		h.refuseInvalid(h.refuseListensOnSSE(h.capStreams(h.endRevokedStreams(next)))))))))))
}

// CheckIssuer returns an error unless u can be an OAuth authorization server's
// issuer identifier (RFC 8414): an https URL without query or fragment (http only
// for a loopback host, for development).
func CheckIssuer(u string) error {
	p, err := url.Parse(u)
	if err == nil && p.Host != "" && p.RawQuery == "" && p.Fragment == "" && p.User == nil &&
		(p.Scheme == "https" || (p.Scheme == "http" && isLocalhost(p.Hostname()))) {
		return nil
	}
	return fmt.Errorf("hosted: authorization server %q is not an https URL without query or fragment", u)
}

// health answers 200 when Config.Health succeeds and 503 otherwise, with no details.
func (h *Server) health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if h.cfg.Health != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := h.cfg.Health(ctx); err != nil {
			h.cfg.Log.Warn("health check failed", "err", err)
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "ok")
}
