package hosted

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

type customerKey struct{}

// customerFrom returns the customer authenticate put in ctx, or "".
func customerFrom(ctx context.Context) string {
	c, _ := ctx.Value(customerKey{}).(string)
	return c
}

// AuthFailureLimiter limits refused authentications per client address: Take takes
// one refusal from addr's budget before its token is looked up (false, and how long
// until it has one, when none is left), and Refund gives it back when the token was
// not refused. ratelimit.Failures is one.
type AuthFailureLimiter interface {
	Take(addr string) (ok bool, retryAfter time.Duration)
	Refund(addr string)
}

// recentAuthTTL is how long a token that authenticated is remembered (see
// recentAuths): from a client address refused for its failures, a remembered token
// is still looked up, taking no failure.
const recentAuthTTL = 5 * time.Minute

// authenticate lets through only requests with a valid bearer token, with the token's
// customer in the request context. Every refusal is a 401 with the RFC 9728 challenge,
// the same for every refused token whatever the reason (its body differs only from
// that of a request with no bearer token); a token store that cannot answer is 503.
//
// A client address (see clientAddr) whose well-formed tokens were refused too often
// (Config.AuthFailures, and for IPv6 also its /48 in Config.AuthFailuresIPv6Site)
// gets 429 with Retry-After before its token is looked up, unless that token
// authenticated within recentAuthTTL (recentAuths): it is then looked up without
// taking a failure, so that customers sharing an address with a flood keep being
// served, and a revoked or expired token is refused at once (and forgotten). A
// missing or malformed token costs no lookup and counts nothing; it is simply 401.
func (h *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret, ok := bearer(r.Header.Get("Authorization"))
		if ok && h.cfg.WellFormedToken != nil && !h.cfg.WellFormedToken(secret) {
			ok = false
		}
		if !ok {
			h.unauthorized(w, r, presented(r.Header.Get("Authorization")))
			return
		}
		var keys []authKey // the failures taken, given back unless the token is refused
		if h.cfg.AuthFailures != nil {
			keys = h.authKeys(r)
			if ok, retry := takeAll(keys); !ok {
				if !h.recent.has(secret, h.now()) {
					h.authFlooded(w, r, retry)
					return
				}
				keys = nil // a remembered token is looked up, taking nothing
			}
		}
		customer, err := h.cfg.Authenticate(r.Context(), secret)
		switch {
		case errors.Is(err, ErrBadToken) || (err == nil && customer == ""):
			if h.cfg.AuthFailures != nil {
				h.recent.forget(secret)
			}
			h.unauthorized(w, r, true) // the refusal taken stays counted
			return
		case err != nil && r.Context().Err() != nil:
			// The client went away before its token could be checked: nothing to
			// answer, nothing given back (a client closing at once must not cost
			// lookups for free), nothing worth an error line.
			return
		case err != nil:
			refundAll(keys)
			h.cfg.Log.Error("authenticating a request failed", "err", err)
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		if h.cfg.AuthFailures != nil {
			refundAll(keys)
			h.recent.put(secret, h.now())
		}
		h.serveAs(next, w, r, secret, customer)
	})
}

// serveAs passes r on as a request of customer, authenticated by secret.
func (h *Server) serveAs(next http.Handler, w http.ResponseWriter, r *http.Request, secret, customer string) {
	if rec := recordFrom(r.Context()); rec != nil {
		rec.setCustomer(customer)
	}
	// Whether the token still acts for the customer, for streams that outlive
	// this check (endRevokedStreams). The secret stays in this closure.
	valid := func(ctx context.Context) bool {
		c, err := h.cfg.Authenticate(ctx, secret)
		return !errors.Is(err, ErrBadToken) && (err != nil || c == customer)
	}
	ctx := context.WithValue(r.Context(), customerKey{}, customer)
	next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, tokenValidKey{}, valid)))
}

// authKey is one budget a request's refusal is counted against.
type authKey struct {
	lim AuthFailureLimiter
	key string
}

// authKeys are the budgets of r's client address: for IPv6 its /48's first when
// Config.AuthFailuresIPv6Site is set, then its own (an IPv4 address, an IPv6 /64).
// The /48 comes first so that a request it refuses makes no /64 bucket: a spent
// /48 cannot fill the table with the /64s of its requests.
func (h *Server) authKeys(r *http.Request) []authKey {
	a, ok := h.clientAddr(r)
	if !ok {
		return []authKey{{h.cfg.AuthFailures, r.RemoteAddr}}
	}
	own := authKey{h.cfg.AuthFailures, addrKey(a)}
	if a.Is6() && h.cfg.AuthFailuresIPv6Site != nil {
		return []authKey{{h.cfg.AuthFailuresIPv6Site, netip.PrefixFrom(a, 48).Masked().String()}, own}
	}
	return []authKey{own}
}

// takeAll takes one refusal from every budget of keys, or from none: when one has
// none left, those already taken are given back.
func takeAll(keys []authKey) (ok bool, retry time.Duration) {
	for i, k := range keys {
		if ok, retry := k.lim.Take(k.key); !ok {
			refundAll(keys[:i])
			return false, retry
		}
	}
	return true, 0
}

func refundAll(keys []authKey) {
	for _, k := range keys {
		k.lim.Refund(k.key)
	}
}

// authFlooded answers a request from an address with too many refused
// authentications: 429 with Retry-After, its token not looked up. Such refusals
// have no call-log line each: one warning at most once a minute counts them,
// without the address or any header (see countedWarning).
//
// The 429 carries no WWW-Authenticate challenge. The token was not looked up, so
// nothing is known against it (a valid one is refused alike); RFC 6750 (§3, §3.1)
// defines the Bearer challenge and its error codes for 400, 401 and 403 only; RFC
// 9110 (§11.6.1) requires the header on a 401 and allows it elsewhere only to say
// that other credentials might change the answer, which they would not here; and
// the MCP authorization spec makes a 401 with the challenge the client's cue to
// start or restart authorization, a cue a rate refusal must not give (a client that
// discards a valid token for a 429 would then flood the authorization server).
func (h *Server) authFlooded(w http.ResponseWriter, r *http.Request, retry time.Duration) {
	h.floodWarn.add(h.cfg.Log, h.now())
	if rec := recordFrom(r.Context()); rec != nil {
		rec.setQuiet()
	}
	refuse(w, r, http.StatusTooManyRequests, retry, limitAuthFailures, "too many refused authentications",
		fmt.Sprintf("Too many requests with a wrong bearer token from this address; nothing was done. Try again in %d seconds with a valid token.", retrySeconds(retry)))
}

// clientAddr is the client address of r: the connection's peer or, when the peer
// is one of Config.TrustedProxies, the right-most X-Forwarded-For entry that is not
// (the peer itself when the header is missing or an entry malformed). Without
// trusted proxies the header is never read. IPv4-mapped IPv6 is IPv4. False when
// r.RemoteAddr is no IP address.
func (h *Server) clientAddr(r *http.Request) (netip.Addr, bool) {
	peer, ok := parseHostAddr(r.RemoteAddr)
	if !ok || !h.trustedProxy(peer) {
		return peer, ok
	}
	xff := r.Header.Values("X-Forwarded-For")
	if len(xff) == 0 {
		return peer, true
	}
	hops := strings.Split(strings.Join(xff, ","), ",")
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHostAddr(strings.TrimSpace(hops[i]))
		if !ok {
			return peer, true
		}
		client = a
		if !h.trustedProxy(a) {
			break
		}
	}
	return client, true
}

func (h *Server) trustedProxy(a netip.Addr) bool {
	for _, p := range h.cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// parseHostAddr parses "ip", "ip:port" or "[ip]:port", unmapped and without zone.
func parseHostAddr(s string) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(s)
	if err != nil {
		host = s
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// addrKey is the client address a as the limits per address count it: an IPv4
// address, or an IPv6 address's /64 (one host's or one site's usual allocation;
// counting single IPv6 addresses would let one client use billions).
func addrKey(a netip.Addr) string {
	if a.Is4() {
		return a.String()
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}

// clientKey is addrKey of the peer address remoteAddr ("host:port"), or remoteAddr
// itself when it is no IP address.
func clientKey(remoteAddr string) string {
	a, ok := parseHostAddr(remoteAddr)
	if !ok {
		return remoteAddr
	}
	return addrKey(a)
}

// recentAuths remembers, for recentAuthTTL, the tokens that authenticated (by their
// SHA-256, never the token): asked only for a request from a client address refused
// for its failures, whose remembered token is then looked up without taking a
// failure, so that the customers behind a shared address (a NAT, an agent platform's
// egress) keep being served while a flood from it is refused. A token refused by the
// lookup is forgotten. Bounded: at most maxRecentAuths entries; when full, the stale
// ones go, then any one.
type recentAuths struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]time.Time // when each token last authenticated
	// max is maxRecentAuths (tests lower it).
	max int
}

// maxRecentAuths bounds recentAuths: 10,000 entries are well under 1 MB.
const maxRecentAuths = 10_000

// put notes that secret authenticated at now.
func (c *recentAuths) put(secret string, now time.Time) {
	k := sha256.Sum256([]byte(secret))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[[sha256.Size]byte]time.Time{}
	}
	if _, ok := c.m[k]; !ok && len(c.m) >= c.max {
		for k, seen := range c.m {
			if now.Sub(seen) >= recentAuthTTL {
				delete(c.m, k)
			}
		}
		for k := range c.m {
			if len(c.m) < c.max {
				break
			}
			delete(c.m, k)
		}
	}
	c.m[k] = now
}

// has reports whether secret authenticated within recentAuthTTL.
func (c *recentAuths) has(secret string, now time.Time) bool {
	k := sha256.Sum256([]byte(secret))
	c.mu.Lock()
	defer c.mu.Unlock()
	seen, ok := c.m[k]
	return ok && now.Sub(seen) < recentAuthTTL
}

// forget drops secret (refused by a lookup).
func (c *recentAuths) forget(secret string) {
	k := sha256.Sum256([]byte(secret))
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, k)
}

func (c *recentAuths) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

type tokenValidKey struct{}

// endRevokedStreams ends a long-lived stream (a GET stream, a 2026-07-28
// subscriptions/listen request) once the token that opened it is revoked or expires:
// its token is checked again every tokenRecheck, and the stream's context ends at the
// first check that refuses it. A token store that cannot answer leaves the stream
// open. Other requests pass untouched (a tool call finishes as it started).
func (h *Server) endRevokedStreams(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		valid, _ := r.Context().Value(tokenValidKey{}).(func(context.Context) bool)
		rec := recordFrom(r.Context())
		stream := r.Method == http.MethodGet || (rec != nil && rec.method == string(mcp.MethodSubscriptionsListen))
		if valid == nil || !stream {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		go func() {
			tick := time.NewTicker(h.tokenRecheck)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
					if !valid(ctx) && ctx.Err() == nil {
						h.cfg.Log.Info("closing a stream: its token was revoked or expired", "customer", customerFrom(ctx))
						cancel()
						return
					}
				}
			}
		}()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// bearer returns the token of an "Authorization: Bearer <token>" header value.
func bearer(v string) (string, bool) {
	scheme, tok, ok := strings.Cut(v, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	if tok == "" || len(tok) > maxTokenLen {
		return "", false
	}
	return tok, true
}

// presented reports whether an Authorization header value names a bearer token, well
// formed or not.
func presented(v string) bool {
	scheme, tok, ok := strings.Cut(v, " ")
	return ok && strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(tok) != ""
}

// Bodies of a 401: without a bearer token, and with one that is refused. Every refused
// token gets the same words, whatever the reason, so that a prober learns nothing of
// which tokens exist.
const (
	bodyNoToken      = "unauthorized: send Authorization: Bearer <token>"
	bodyTokenRefused = "unauthorized: the bearer token is not valid (unknown, expired or revoked); ask the server's operator for a new one"
)

// unauthorized answers 401 with the RFC 9728 challenge; tokenSent says whether the
// request named a bearer token, so that a client holding an expired or revoked one is
// not told to send a token it already sent.
func (h *Server) unauthorized(w http.ResponseWriter, r *http.Request, tokenSent bool) {
	w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="`+h.MetadataURL()+`"`)
	body := bodyNoToken
	if tokenSent {
		body = bodyTokenRefused
	}
	http.Error(w, body, http.StatusUnauthorized)
}

// limitBody refuses a body longer than Config.MaxBody with 413, and reads the
// body of a POST once into memory, within bodyTimeout, so that the call log can peek
// at it.
func (h *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > h.cfg.MaxBody {
			h.countTooLarge(r)
			tooLarge(w)
			return
		}
		if r.Method != http.MethodPost || r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		// A body trickling in must not hold a connection for ever. (Not every
		// ResponseWriter supports deadlines; then the server's own timeouts apply.)
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Now().Add(bodyTimeout))
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody))
		_ = rc.SetReadDeadline(time.Time{})
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			h.countTooLarge(r)
			tooLarge(w)
			return
		}
		if err != nil {
			http.Error(w, "cannot read the request body", http.StatusBadRequest)
			return
		}
		if rec := recordFrom(r.Context()); rec != nil {
			rec.peek(body)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}

// countTooLarge counts a request refused for its body's size against the request
// limit, which comes after the body is read and so never sees it.
func (h *Server) countTooLarge(r *http.Request) {
	if h.cfg.Requests != nil {
		h.cfg.Requests.Allow(customerFrom(r.Context()), requestKind)
	}
}

func tooLarge(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
}

// Headers a browser client may send and read.
const (
	corsAllowHeaders  = "Authorization, Content-Type, Mcp-Session-Id, Mcp-Protocol-Version, Mcp-Method, Mcp-Name, Last-Event-ID"
	corsExposeHeaders = "Mcp-Session-Id, WWW-Authenticate, Retry-After"
	corsAllowMethods  = "GET, POST, DELETE, OPTIONS"
)

// origin enforces the Origin rule on every path: a request without Origin (not from
// a browser) passes; one with an Origin passes only when it is the request's own
// host, a localhost origin or listed in Config.AllowedOrigins, and otherwise gets
// 403. Allowed origins get CORS headers, and their preflight is answered here,
// before authentication (browsers send no credentials on a preflight).
func (h *Server) origin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := r.Header.Get("Origin")
		if o == "" {
			next.ServeHTTP(w, r)
			return
		}
		if !h.originAllowed(o, r.Host) {
			http.Error(w, "forbidden: origin not allowed", http.StatusForbidden)
			return
		}
		hd := w.Header()
		hd.Set("Access-Control-Allow-Origin", o)
		hd.Add("Vary", "Origin")
		hd.Set("Access-Control-Expose-Headers", corsExposeHeaders)
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			hd.Set("Access-Control-Allow-Methods", corsAllowMethods)
			hd.Set("Access-Control-Allow-Headers", corsAllowHeaders)
			hd.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// originAllowed reports whether a request to host may come from origin o.
func (h *Server) originAllowed(o, host string) bool {
	n, ok := normalizeOrigin(o)
	if !ok {
		return false // "null" and other opaque origins
	}
	if h.origins[n] {
		return true
	}
	u, _ := url.Parse(n)
	if strings.EqualFold(u.Host, host) {
		return true
	}
	return isLocalhost(u.Hostname())
}

// normalizeOrigin returns o as scheme://host[:port], lower-cased, or false when o is
// not such an origin.
func normalizeOrigin(o string) (string, bool) {
	u, err := url.Parse(strings.TrimRight(strings.TrimSpace(o), "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.User != nil || u.Fragment != "" {
		return "", false
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), true
}

func isLocalhost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
