package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/hosted"
	"github.com/commerce-mcp/commerce-mcp/internal/orderevents"
	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
	"github.com/commerce-mcp/commerce-mcp/internal/stripehook"
	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/commerce-mcp/commerce-mcp/tools"
)

// serveHTTP serves the tools over HTTP (c.http.transport is http or sse) to the
// customers of the bearer tokens in st, and the sellers' order events at
// orderevents.Pattern (authenticated by their signature, not a token), until ctx ends; then it lets the calls in
// flight finish and returns within hosted.DefaultShutdownTimeout, before the caller
// closes the database.
func serveHTTP(ctx context.Context, c serveConfig, tb *tools.Toolbox, st *store.Store, after afterOrder, logger *slog.Logger) error {
	routes := map[string]http.Handler{orderevents.Pattern: after.events}
	if after.pages != nil {
		maps.Copy(routes, after.pages.routes())
	}
	if _, sandboxed := routes[stripehook.Pattern]; c.pay.webhookSecret != "" && !sandboxed { // the sandbox's pages bring their own
		routes[stripehook.Pattern] = stripehook.Handler(c.pay.webhookSecret, stripehook.ForService(tb.Checkout), logger)
	}
	tb.Limits = ratelimit.New(ratelimit.Config{PerSecond: c.http.rate, Burst: c.http.burst,
		PerMinute: map[string]int{"purchase": c.http.purchaseRate}})
	// An IPv6 /48 (a site) may hold 16 of a flood's /64s at once, no more.
	var authFailures, authFailuresSite hosted.AuthFailureLimiter
	if f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: c.http.authFailRate, Burst: c.http.authFailBurst}); f != nil {
		authFailures = f
		authFailuresSite = ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 16 * c.http.authFailRate, Burst: 16 * c.http.authFailBurst})
	}
	h, err := hosted.New(tb.NewServer("commerce-mcp", version), hosted.Config{
		Transport:            c.http.transport,
		Stateless:            c.http.stateless,
		TLSCert:              c.http.tlsCert,
		TLSKey:               c.http.tlsKey,
		AllowedOrigins:       c.http.allowedOrigins,
		Requests:             ratelimit.New(ratelimit.Config{PerSecond: c.http.requestRate, Burst: c.http.requestBurst}),
		DialogAnswer:         tb.DialogAnswer,
		AuthFailures:         authFailures,
		AuthFailuresIPv6Site: authFailuresSite,
		WellFormedToken:      store.WellFormedToken,
		TrustedProxies:       c.http.trustedProxies,
		MaxConnsPerAddr:      c.http.maxConnsPerIP,
		MaxStreams:           c.http.maxStreams,
		MaxStreamsTotal:      c.http.maxStreamsAll,
		MaxInflight:          c.http.maxInflight,
		MaxConns:             c.http.maxConns,
		AuthorizationServers: c.http.authServers,
		PublicURL:            c.http.publicURL,
		Authenticate:         authenticator(st),
		WithCustomer:         tools.WithCustomer,
		Health:               st.Ping,
		StopDetached:         tb.Checkout.StopPayments,
		Log:                  logger,
		Routes:               routes,
	})
	if err != nil {
		return &usageError{Msg: err.Error()}
	}
	if n, err := st.UsableTokens(ctx, time.Now()); err == nil && n == 0 {
		// A new user's first serve, or a --db that names another database than the one
		// the token was made for: every request would get a 401 saying only that the
		// token is not valid.
		logger.Warn("no bearer token of this database can sign in (none made yet, or each revoked or expired), so every request is refused 401: make one with `commerce-mcp token create --db " +
			shellWord(c.db) + " --customer EMAIL --name LABEL` (customers: `commerce-mcp customer list --db " + shellWord(c.db) + "`)")
	}
	err = h.ListenAndServe(ctx, c.http.addr, func(a net.Addr) {
		if after.pages != nil {
			after.pages.setBase(pagesBase(c, a))
		}
		if tcp, ok := a.(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
			if c.http.tlsCert == "" {
				logger.Warn("serving plain HTTP on a network address: tokens cross the network in the clear unless a TLS proxy is in front")
			}
			if tcp.IP.IsUnspecified() && c.http.publicURL == "" {
				logger.Warn("listening on every interface: set --public-url to the URL clients use, which the 401 challenge names")
			}
		}
		logger.Info("serving MCP over HTTP", "transport", c.http.transport, "addr", a.String(), "url", h.Resource(),
			"stateless", c.http.stateless, "tls", c.http.tlsCert != "", "mode", tb.Checkout.Mode(), "read_only", c.readOnly,
			"rate", c.http.rate, "burst", c.http.burst, "purchase_rate", c.http.purchaseRate,
			"request_rate", c.http.requestRate, "request_burst", c.http.requestBurst,
			"max_streams", c.http.maxStreams, "max_streams_total", c.http.maxStreamsAll,
			"max_inflight", c.http.maxInflight, "max_conns", c.http.maxConns, "max_conns_per_addr", c.http.maxConnsPerIP,
			"trusted_proxies", len(c.http.trustedProxies),
			"auth_fail_rate", c.http.authFailRate, "auth_fail_burst", c.http.authFailBurst,
			"authorization_servers", len(c.http.authServers))
	})
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("%w: another process (a second commerce-mcp?) is listening on %s; stop it, or choose another --addr (port 0 picks a free one)", err, c.http.addr)
	}
	return err
}

// pagesBase is the base URL at which the person's browser reaches the server: the
// public URL, or the address it listens on.
func pagesBase(c serveConfig, a net.Addr) string {
	if c.http.publicURL != "" {
		return strings.TrimRight(c.http.publicURL, "/")
	}
	scheme := "http://"
	if c.http.tlsCert != "" {
		scheme = "https://"
	}
	return scheme + a.String()
}

// defaultHostedGCPercent is the garbage collector's target (GOGC) while serving over
// HTTP. A hosted call allocates tens of kilobytes that die with it (mcp-go's
// per-request session, JSON decoding and encoding) over a small live heap, so with
// Go's default of 100 collection costs a large share of the CPU under load; 200 lets
// the heap grow to three times what is live between collections instead of two, for
// less CPU per call. GOGC in the environment overrides it.
const defaultHostedGCPercent = 200

// hostedGCPercent returns the GOGC to set while serving over HTTP, and false when the
// environment sets GOGC itself (the runtime has applied it already).
func hostedGCPercent(getenv func(string) string) (int, bool) {
	if getenv("GOGC") != "" {
		return 0, false
	}
	return defaultHostedGCPercent, true
}

// authenticator returns the customer of a bearer token from st.
func authenticator(st *store.Store) func(ctx context.Context, secret string) (string, error) {
	return func(ctx context.Context, secret string) (string, error) {
		id, err := st.Authenticate(ctx, secret, time.Now())
		if errors.Is(err, store.ErrBadToken) {
			return "", hosted.ErrBadToken
		}
		return id, err
	}
}
