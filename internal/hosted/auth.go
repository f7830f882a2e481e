package hosted

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

type customerKey struct{}

// customerFrom returns the customer authenticate put in ctx, or "".
func customerFrom(ctx context.Context) string {
	c, _ := ctx.Value(customerKey{}).(string)
	return c
}

// AuthFailureLimiter limits refused authentications per client address: Blocked
// says, counting nothing, whether addr has none left (and how long until it has);
// Fail counts one. ratelimit.Failures is one.
type AuthFailureLimiter interface {
	Blocked(addr string) (blocked bool, retryAfter time.Duration)
	Fail(addr string)
}

// authenticate lets through only requests with a valid bearer token, with the token's
// customer in the request context. Every refusal is the same 401 with the RFC 9728
// challenge, whatever the reason; a token store that cannot answer is 503. A client
// address with too many refusals (Config.AuthFailures) gets 429 with Retry-After
// before its token is looked up.
func (h *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := ""
		if h.cfg.AuthFailures != nil {
			addr = clientKey(r.RemoteAddr)
			if blocked, retry := h.cfg.AuthFailures.Blocked(addr); blocked {
				h.authFlooded(w, r, retry)
				return
			}
		}
		secret, ok := bearer(r.Header.Get("Authorization"))
		if !ok {
			h.refused(w, r, addr)
			return
		}
		customer, err := h.cfg.Authenticate(r.Context(), secret)
		switch {
		case errors.Is(err, ErrBadToken) || (err == nil && customer == ""):
			h.refused(w, r, addr)
			return
		case err != nil:
			h.cfg.Log.Error("authenticating a request failed", "err", err)
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
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
	})
}

// refused answers a refused authentication 401 and counts it against the client
// address addr.
func (h *Server) refused(w http.ResponseWriter, r *http.Request, addr string) {
	if h.cfg.AuthFailures != nil {
		h.cfg.AuthFailures.Fail(addr)
	}
	h.unauthorized(w, r)
}

// authFlooded answers a request from an address with too many refused
// authentications: 429 with Retry-After, its token unread. The warning is logged at
// most once a minute, without the address or any header.
func (h *Server) authFlooded(w http.ResponseWriter, r *http.Request, retry time.Duration) {
	if h.floodLog.due(time.Now()) {
		h.cfg.Log.Warn("refusing requests from a client address after too many refused authentications (missing or wrong bearer tokens); logged at most once a minute")
	}
	refuse(w, r, http.StatusTooManyRequests, retry, "too many refused authentications",
		fmt.Sprintf("Too many requests with a missing or wrong bearer token from this address; nothing was done. Try again in %d seconds with a valid token.", retrySeconds(retry)))
}

// clientKey is the client address r.RemoteAddr stands for, as the refused-auth limit
// counts it: an IPv4 address, or an IPv6 address's /64 (one host's or one site's
// usual allocation; counting single IPv6 addresses would let one client use
// billions). It is the connection's peer: behind a reverse proxy every client is the
// proxy.
func clientKey(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	return netip.PrefixFrom(ip, 64).Masked().String()
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

func (h *Server) unauthorized(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="`+h.MetadataURL()+`"`)
	http.Error(w, "unauthorized: send Authorization: Bearer <token>", http.StatusUnauthorized)
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
	corsExposeHeaders = "Mcp-Session-Id, WWW-Authenticate"
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
