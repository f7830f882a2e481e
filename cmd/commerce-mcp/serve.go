package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/hosted"
	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/commerce-mcp/commerce-mcp/tools"
)

// serveConfig is serve's settings, from its flags and the environment.
type serveConfig struct {
	common
	pay      payFlags
	noDemo   bool           // do not seed a new database
	create   bool           // create the directory of --db, or a new database beside another
	dbGiven  bool           // --db or COMMERCE_DB named the database (not the default location)
	customer string         // id or email of the customer the tools act for (stdio); "" for the demo customer
	readOnly bool           // serve only the read-only tools
	synonyms string         // a vocabulary file adding to or replacing the built-in synonym groups
	images   imageHostsFlag // --image-hosts: the hosts whose product images the views may load
	warnings []string       // about secrets given as flags, and settings ignored
	http     httpFlags
	// recoverAfter is how long an unfinished purchase must have been idle before
	// recovery settles it; recoverEvery how often recovery runs.
	recoverAfter, recoverEvery time.Duration
	// cpuProfile is the file a CPU profile of the whole serve is written to ("" none).
	cpuProfile string
}

// httpFlags are the settings of hosted mode (--transport http or sse).
type httpFlags struct {
	transport      string         // stdio, http or sse
	addr           string         // listen address
	stateless      bool           // Streamable HTTP without sessions
	tlsCert        string         // PEM certificate file; with tlsKey
	tlsKey         string         // PEM key file
	allowedOrigins []string       // browser origins allowed besides same-origin and localhost
	publicURL      string         // base URL clients use; "" derives it from addr
	rate           float64        // tool calls per second per customer
	burst          int            // calls a customer may make at once above rate
	purchaseRate   int            // purchases per minute per customer
	requestRate    float64        // requests (tool calls included) per second per customer
	requestBurst   int            // such requests a customer may make at once above requestRate
	maxStreams     int            // long-lived streams open per customer
	maxStreamsAll  int            // long-lived streams open in all
	maxInflight    int            // POSTs one customer may have in flight
	authFailRate   float64        // refused authentications per second per client address
	authFailBurst  int            // such refusals an address may have at once above authFailRate
	maxConns       int            // connections open at once
	maxConnsPerIP  int            // connections open at once per client address
	trustedProxies []netip.Prefix // reverse proxies whose X-Forwarded-For is believed
	proxiesErr     error          // COMMERCE_TRUSTED_PROXIES did not parse
	authServers    []string       // OAuth authorization servers named in the protected-resource metadata
	authServersSet bool           // --authorization-server was given: it replaces the environment's list
	dbConns        int            // connections open at once of the store's SQLite pool, and of the catalog's writing one

	// Whether --max-conns and --max-streams-total were given (fitFiles lowers only defaults).
	maxConnsSet, maxStreamsAllSet bool
}

// Defaults of hosted mode.
const (
	defaultAddr         = "127.0.0.1:8080"
	defaultRate         = 10.0
	defaultBurst        = 20
	defaultPurchaseRate = 10
	// Every request counts against the request limit (initialize, ping, lists,
	// resources/read, prompts/get, notifications, GET streams, DELETE, and tool calls,
	// which the tools' own smaller limits count too); a client makes a handful when it
	// connects, so this budget is more generous than the tools'.
	defaultRequestRate  = 50.0
	defaultRequestBurst = 100
	// A client holds one or two streams per session; an SSE client one per connection.
	defaultMaxStreams    = 16
	defaultMaxStreamsAll = 1000
	// A client has a few calls in flight at a time (the SDK walk races 20 purchases
	// with one idempotency key), and a listen stream does not hold a slot; 32 bodies of
	// at most 4 MiB bound one customer's request memory at 128 MiB.
	defaultMaxInflight = 32
	// A client's first request may be refused once (to learn the metadata URL), and a
	// mistyped token a few times; a flood of wrong tokens from one address is not
	// looked up past this.
	defaultAuthFailRate  = 5.0
	defaultAuthFailBurst = 20
	// A client holds one or two connections (a POST and a stream), so the default
	// stream cap (1000) leaves room for the requests of as many clients.
	defaultMaxConns = 4096
	// Off by default: behind a reverse proxy or an agent platform's egress every
	// client has the same address. Set it when clients connect directly.
	defaultMaxConnsPerAddr = 0
)

// defaultDBConns is --db-conns's default: 4 per processor Go may use, at least 8 and
// at most 32. A request's store work (its token's lookup, a few rows) takes SQLite
// well under a millisecond of CPU, so a few connections per processor keep the
// processors busy; more would hold open files (6 for each step of the cap) waiting
// for the same processors, or for the write lock, which one connection holds at a
// time. At 32 the pools hold at most 192 open files, which a limit of 1024 affords.
func defaultDBConns() int { return min(32, max(8, 4*runtime.GOMAXPROCS(0))) }

func (h *httpFlags) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&h.transport, "transport", envOr(getenv, "COMMERCE_TRANSPORT", "stdio"), "`transport`: stdio (one client that started the server), http (Streamable HTTP at /mcp, for many customers with bearer tokens) or sse (the legacy HTTP+SSE transport at /sse) (env COMMERCE_TRANSPORT)")
	fs.StringVar(&h.addr, "addr", defaultAddr, "`host:port` to listen on with --transport http or sse; port 0 picks a free port (logged)")
	fs.BoolVar(&h.stateless, "stateless", false, "serve Streamable HTTP without sessions, for several replicas behind a load balancer")
	fs.StringVar(&h.tlsCert, "tls-cert", "", "TLS certificate `file` (PEM); with --tls-key serves HTTPS, otherwise TLS is a proxy's job")
	fs.StringVar(&h.tlsKey, "tls-key", "", "TLS private key `file` (PEM)")
	fs.Func("allowed-origins", "comma-separated browser `origins` (https://app.example) allowed to call the server besides its own and localhost ones", func(v string) error {
		h.allowedOrigins = nil
		for _, o := range strings.Split(v, ",") {
			if o = strings.TrimSpace(o); o != "" {
				h.allowedOrigins = append(h.allowedOrigins, o)
			}
		}
		return nil
	})
	fs.StringVar(&h.publicURL, "public-url", "", "the `URL` clients reach the server at (https://shop.example), named in the 401 challenge; default http://ADDR")
	fs.Float64Var(&h.rate, "rate", defaultRate, "tool calls per second allowed per customer, all tools together; 0 for no limit")
	fs.IntVar(&h.burst, "burst", defaultBurst, "tool calls a customer may make at once before --rate applies")
	fs.IntVar(&h.purchaseRate, "purchase-rate", defaultPurchaseRate, "purchase calls per minute allowed per customer (at most 3 back to back); 0 for no limit of its own")
	fs.Float64Var(&h.requestRate, "request-rate", defaultRequestRate, "requests (tool calls, initialize, ping, lists, resource reads, notifications, streams opened) per second allowed per customer; 0 for no limit. Answers to the server's dialogs are never refused")
	fs.IntVar(&h.requestBurst, "request-burst", defaultRequestBurst, "such requests a customer may make at once before --request-rate applies")
	fs.IntVar(&h.maxStreams, "max-streams", defaultMaxStreams, "long-lived streams (GET /mcp, GET /sse, subscriptions/listen) one customer may hold open; more get 429; 0 for no cap")
	fs.IntVar(&h.maxStreamsAll, "max-streams-total", defaultMaxStreamsAll, "long-lived streams open on the server in all; more get 503; 0 for no cap")
	fs.IntVar(&h.maxInflight, "max-inflight", defaultMaxInflight, "POSTs one customer may have in flight at once (streams aside); more get 429 before their body is read; 0 for no cap")
	fs.Float64Var(&h.authFailRate, "auth-fail-rate", defaultAuthFailRate, "requests with a wrong (well-formed but unknown, expired or revoked) bearer token per second allowed per client address (an IPv4 address or IPv6 /64, and 16 times as many per IPv6 /48); more get 429 before their token is looked up, except tokens that authenticated in the last 5 minutes, which are still looked up; 0 for no limit")
	fs.IntVar(&h.authFailBurst, "auth-fail-burst", defaultAuthFailBurst, "such refusals an address may have at once before --auth-fail-rate applies")
	fs.IntVar(&h.maxConns, "max-conns", defaultMaxConns, "connections open at once; at the cap the longest-idle connection is closed for a new one, which waits only when none is idle; 0 for no cap")
	fs.IntVar(&h.dbConns, "db-conns", defaultDBConns(), "connections each of two SQLite pools holds open at once: the store's (customers, tokens, orders; 2 open files a connection) and the catalog's writing one (stock, sales; 4 open files a connection). Requests beyond it wait for a connection; the catalog's reads have a pool of their own. 0 for no cap. Default 4 per processor, from 8 to 32")
	fs.IntVar(&h.maxConnsPerIP, "max-conns-per-addr", defaultMaxConnsPerAddr, "connections open at once per client address (IPv4 address, IPv6 /64; --trusted-proxies aside); one more is closed at once; 0 (the default) for no cap. Set it only when clients connect directly: behind a proxy or an agent platform's egress all clients share one address")
	proxies := getenv("COMMERCE_TRUSTED_PROXIES")
	h.trustedProxies, h.proxiesErr = parseCIDRs(proxies)
	fs.Func("trusted-proxies", "comma-separated `CIDRs` of reverse proxies in front of the server: for a request from one, the client address is the right-most X-Forwarded-For entry not in the list (without it, X-Forwarded-For is never read) (env COMMERCE_TRUSTED_PROXIES)", func(v string) error {
		var err error
		h.trustedProxies, err = parseCIDRs(v)
		h.proxiesErr = nil
		return err
	})
	for _, as := range strings.Split(getenv("COMMERCE_AUTHORIZATION_SERVERS"), ",") {
		if as = strings.TrimSpace(as); as != "" {
			h.authServers = append(h.authServers, as)
		}
	}
	fs.Func("authorization-server", "an OAuth authorization server's issuer `URL` (https) to name in the protected-resource metadata (RFC 9728 authorization_servers); repeatable. Default none: tokens come from commerce-mcp token create (env COMMERCE_AUTHORIZATION_SERVERS, comma-separated)", func(v string) error {
		if !h.authServersSet {
			h.authServers, h.authServersSet = nil, true
		}
		h.authServers = append(h.authServers, strings.TrimSpace(v))
		return nil
	})
}

// check refuses inconsistent hosted settings.
func (h *httpFlags) check() error {
	switch h.transport {
	case "stdio", hosted.TransportHTTP, hosted.TransportSSE:
	default:
		return &usageError{Msg: fmt.Sprintf("--transport %q: use stdio, http or sse", h.transport)}
	}
	if h.stateless && h.transport == hosted.TransportSSE {
		return &usageError{Msg: "--stateless is for --transport http: the SSE transport always has sessions"}
	}
	if (h.tlsCert == "") != (h.tlsKey == "") {
		return &usageError{Msg: "--tls-cert and --tls-key go together"}
	}
	if h.hosted() {
		// Checked before the database is opened: net.Listen would refuse it only after.
		if _, _, err := net.SplitHostPort(h.addr); err != nil {
			return &usageError{Msg: fmt.Sprintf("--addr %q: give host:port, such as 127.0.0.1:8080, or :8080 for every interface", h.addr)}
		}
	}
	if h.rate < 0 || h.burst < 1 || h.purchaseRate < 0 || h.requestRate < 0 || h.requestBurst < 1 {
		return &usageError{Msg: "--rate, --purchase-rate and --request-rate must be 0 (no limit) or more, and --burst and --request-burst at least 1"}
	}
	if h.maxStreams < 0 || h.maxStreamsAll < 0 || h.maxInflight < 0 || h.maxConns < 0 || h.maxConnsPerIP < 0 || h.dbConns < 0 {
		return &usageError{Msg: "--max-streams, --max-streams-total, --max-inflight, --max-conns, --max-conns-per-addr and --db-conns must be 0 (no cap) or more"}
	}
	if h.authFailRate < 0 || h.authFailBurst < 1 {
		return &usageError{Msg: "--auth-fail-rate must be 0 (no limit) or more, and --auth-fail-burst at least 1"}
	}
	for _, r := range []struct {
		flag  string
		rate  float64
		burst int
	}{{"rate", h.rate, h.burst}, {"request-rate", h.requestRate, h.requestBurst}, {"auth-fail-rate", h.authFailRate, h.authFailBurst}} {
		if !ratelimit.CheckRate(r.rate, r.burst) {
			return &usageError{Msg: fmt.Sprintf("--%s %v: give 0 (no limit) or a finite rate at which its burst refills within a year", r.flag, r.rate)}
		}
	}
	if h.proxiesErr != nil {
		return &usageError{Msg: "COMMERCE_TRUSTED_PROXIES: " + h.proxiesErr.Error()}
	}
	for _, as := range h.authServers {
		if err := hosted.CheckIssuer(as); err != nil {
			return &usageError{Msg: fmt.Sprintf("--authorization-server %q: give the issuer's https URL, without query or fragment", as)}
		}
	}
	if h.publicURL != "" {
		u, err := url.Parse(h.publicURL)
		if _, userInfo := text.WithoutUserInfo(h.publicURL); userInfo {
			// Not repeated: it may hold a password. The 401 challenge and the metadata
			// document, served without a token, would show it to anyone.
			return &usageError{Msg: "--public-url has user info (user@ before the host): give the URL clients use without it; every 401 answer names it"}
		}
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return &usageError{Msg: fmt.Sprintf("--public-url %q: give an http or https URL", h.publicURL)}
		}
	}
	return nil
}

func (h *httpFlags) hosted() bool { return h.transport != "stdio" }

// looksProxied reports whether the settings suggest a reverse proxy in front: an
// https public URL served without TLS here, or a public URL while listening on
// loopback only.
func (h *httpFlags) looksProxied() bool {
	if h.publicURL == "" {
		return false
	}
	if strings.HasPrefix(strings.ToLower(h.publicURL), "https:") && h.tlsCert == "" {
		return true
	}
	host, _, err := net.SplitHostPort(h.addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}

// parseCIDRs parses comma-separated CIDRs (a bare address is its own /32 or /128).
func parseCIDRs(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return nil, fmt.Errorf("%q is not a CIDR (such as 10.0.0.0/8) or an address", f)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		if p.Bits() == 0 {
			return nil, fmt.Errorf("%q trusts every address: any client could then choose its address in X-Forwarded-For; name the proxies' own addresses or networks", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// parseServe reads serve's settings from args and the environment; the secrets come
// from the environment or files (see payFlags.resolve), and warnings says which were
// given as flags instead. The database defaults to defaultDBPath; a given one must be
// in a directory that exists, unless --create.
func parseServe(args []string, getenv func(string) string) (serveConfig, error) {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.register(fs, getenv)
	fs.BoolVar(&c.noDemo, "no-demo", false, "do not seed a new database with the demo catalog and customer")
	fs.BoolVar(&c.create, "create", false, "create a new database at --db when that looks like a mistyped path: its directory does not exist (the default location is always created), holds another database, or holds this one's customers and orders without its catalog")
	fs.StringVar(&c.customer, "customer", getenv("COMMERCE_CUSTOMER"), "the customer `id` (or email) the tools act for; default the demo customer (env COMMERCE_CUSTOMER)")
	readOnly, err := envBool(getenv, "COMMERCE_READ_ONLY")
	if err != nil {
		return c, err
	}
	fs.BoolVar(&c.readOnly, "read-only", readOnly, "serve only the tools that change nothing (search, products, recommendations, preferences and orders): no purchases, no preference changes (env COMMERCE_READ_ONLY=1)")
	fs.StringVar(&c.synonyms, "synonyms", getenv("COMMERCE_SYNONYMS"), "vocabulary `file` for search: synonym groups that add to or replace the built-in ones, and accessory, filler and recipient words (format: catalog/vocabulary.txt) (env COMMERCE_SYNONYMS)")
	fs.DurationVar(&c.recoverAfter, "recover-after", defaultRecoverAfter, "how long a purchase interrupted half-way (a crash, a seller that did not answer) must have been idle before recovery asks its seller and Stripe and settles it; set shorter than a purchase can take (about a minute), a purchase still running here or in another server on the same database may be ended as interrupted before its seller completes it (what Stripe shows charged still decides its outcome)")
	fs.DurationVar(&c.recoverEvery, "recover-every", defaultRecoverEvery, "how often recovery looks for interrupted purchases and due subscription renewals (it also runs at start)")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of the server to `file` until it stops (for finding where a call's time goes)")
	c.images.register(fs, getenv)
	c.pay.register(fs, getenv)
	c.http.register(fs, getenv)
	if err := parse(fs, args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, &usageError{Msg: fmt.Sprintf("serve takes no arguments, got %q", fs.Args())}
	}
	if c.images.err != nil {
		return c, c.images.err
	}
	if c.recoverAfter <= 0 || c.recoverEvery <= 0 {
		return c, &usageError{Msg: "--recover-after and --recover-every must be more than 0 (such as 3m and 1m)"}
	}
	if c.recoverAfter < minRecoverAfter {
		c.warnings = append(c.warnings, fmt.Sprintf("--recover-after %s is shorter than a purchase can take (%s): a purchase still running may be ended as interrupted before its seller completes it", c.recoverAfter, minRecoverAfter))
	}
	if err := c.http.check(); err != nil {
		return c, err
	}
	if c.http.hosted() {
		if isSet(fs, "customer") {
			return c, &usageError{Msg: fmt.Sprintf("--customer is for stdio; with --transport %s each request acts for the customer of its bearer token (commerce-mcp token create --customer ID)", c.http.transport)}
		}
		if c.customer != "" {
			c.warnings = append(c.warnings, "COMMERCE_CUSTOMER is ignored over HTTP: each request acts for the customer of its bearer token")
			c.customer = ""
		}
		if c.http.authFailRate > 0 && len(c.http.trustedProxies) == 0 && c.http.looksProxied() {
			c.warnings = append(c.warnings, "the server looks to be behind a reverse proxy (--public-url is https without --tls-cert, or it listens on loopback with a --public-url) but --trusted-proxies is not set: every client then has the proxy's address, and one flood of wrong tokens gets all of them refused (429); set --trusted-proxies to the proxy's address, or --auth-fail-rate 0 and limit at the proxy")
		}
		for _, p := range c.http.trustedProxies {
			if (p.Addr().Is4() && p.Bits() < 8) || (!p.Addr().Is4() && p.Bits() < 32) {
				c.warnings = append(c.warnings, fmt.Sprintf("--trusted-proxies %s is a very wide network: any client in it can choose the address it is counted as with X-Forwarded-For; name the proxies' own addresses or networks", p))
			}
		}
		if c.http.maxConns > 0 && (c.http.maxStreamsAll == 0 || c.http.maxStreamsAll >= c.http.maxConns) {
			c.warnings = append(c.warnings, streamsNotBelowConns(c.http.maxStreamsAll, c.http.maxConns))
		}
		c.http.maxConnsSet, c.http.maxStreamsAllSet = isSet(fs, "max-conns"), isSet(fs, "max-streams-total")
	} else {
		for _, f := range []string{"addr", "stateless", "tls-cert", "tls-key", "allowed-origins", "public-url", "rate", "burst", "purchase-rate",
			"request-rate", "request-burst", "max-streams", "max-streams-total", "max-inflight", "authorization-server",
			"auth-fail-rate", "auth-fail-burst", "max-conns", "max-conns-per-addr", "trusted-proxies", "db-conns"} {
			if isSet(fs, f) {
				return c, &usageError{Msg: fmt.Sprintf("--%s is for --transport http or sse", f)}
			}
		}
	}
	warnings, err := c.pay.resolve(getenv)
	if err != nil {
		return c, err
	}
	c.warnings = append(c.warnings, warnings...)
	if c.dbGiven = c.db != ""; !c.dbGiven {
		c.db, err = defaultDBPath(getenv)
		return c, err
	}
	return c, checkDBDir(c.db, c.create)
}

// checkNewDB refuses to create a database at path, which does not exist, when that is
// more likely a mistyped path than a wish for a new database, so that a person who
// mistyped the path of their shop is not served the demo catalog instead. It refuses
// when the directory holds the store or sales file of this path (its catalog was
// moved or deleted: a new one would seed the demo catalog beside real customers and
// orders) or another database (a catalog file with its store beside it, as a typo
// in the file's name gives), unless create; and, whatever create says, when customer
// names someone other than the demo customer, whom a new database cannot hold.
// Nothing is created when it refuses.
func checkNewDB(path, customer string, create bool) error {
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		return nil // an existing file, or one that opening will explain
	}
	if customer != "" && customer != store.DemoCustomerID && !strings.EqualFold(customer, store.DemoCustomerEmail) {
		return &usageError{Msg: fmt.Sprintf("no customer %q: the database %s does not exist (a new one would hold only the demo customer); check --db (or COMMERCE_DB), which must name the database the customer was made in", customer, path)}
	}
	if create {
		return nil
	}
	var own []string
	for _, f := range []string{store.FileBeside(path), catalog.SalesFile(path)} {
		if _, err := os.Stat(f); err == nil {
			own = append(own, f)
		}
	}
	if len(own) > 0 {
		return &usageError{Msg: fmt.Sprintf("the catalog %s does not exist, but files of the same database are beside it (%s): a new catalog would put the demo products beside its customers and orders. Restore %s from your backup, or import your feeds into it (commerce-mcp import --db %s FILE...); to start it with the demo catalog, start the server with --create (commerce-mcp --db %s --create </dev/null)", path, strings.Join(own, ", "), path, path, path)}
	}
	if others := databasesIn(filepath.Dir(path), 3); len(others) > 0 {
		return &usageError{Msg: fmt.Sprintf("the database %s does not exist, and its directory holds another database (%s): check --db (or COMMERCE_DB) for a typo; to make a new database beside it, start the server with --create (commerce-mcp --db %s --create </dev/null)", path, strings.Join(others, ", "), path)}
	}
	return nil
}

// databasesIn names up to max databases in dir: catalog files with their store file
// (store.FileBeside) beside them, in name order, with "…" after them when there are more.
func databasesIn(dir string, max int) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	names := make(map[string]bool, len(entries))
	for _, e := range entries {
		names[e.Name()] = true
	}
	var found []string
	for _, e := range entries { // ReadDir sorts by name
		n := e.Name()
		if e.Type().IsRegular() && !strings.HasSuffix(n, "-wal") && !strings.HasSuffix(n, "-shm") && !strings.HasSuffix(n, "-journal") && names[store.FileBeside(n)] {
			if len(found) == max {
				return append(found, "…")
			}
			found = append(found, filepath.Join(dir, n))
		}
	}
	return found
}

// streamsNotBelowConns is the warning that --max-streams-total is not below --max-conns.
func streamsNotBelowConns(streams, conns int) string {
	return fmt.Sprintf("--max-streams-total %d is not below --max-conns %d: open streams may hold every connection, and then no request is served; set --max-streams-total below --max-conns", streams, conns)
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// envBool reads the boolean environment variable key: unset or empty is false, and
// otherwise it is 1, true, 0 or false (as strconv.ParseBool reads them).
func envBool(getenv func(string) string, key string) (bool, error) {
	v := getenv(key)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, &usageError{Msg: fmt.Sprintf("%s=%q: use 1 or true, 0 or false", key, v)}
	}
	return b, nil
}

// serve runs the MCP server. Over stdio (the default) it serves until stdin closes,
// once the calls in flight have been answered, or until ctx ends, which cancels them;
// nothing but JSON-RPC is written to stdout, and stdioGuard says what is refused.
// With --transport http or sse it serves many customers over HTTP until ctx ends
// (see serveHTTP).
func serve(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	c, err := parseServe(args, getenv)
	if err != nil {
		return err
	}
	if err := checkNewDB(c.db, c.customer, c.create); err != nil {
		return err
	}
	if c.http.hosted() {
		stale := streamsNotBelowConns(c.http.maxStreamsAll, c.http.maxConns)
		w, err := c.http.fitFiles(openFileLimit(), openFiles(), catalog.ReadConns())
		if err != nil {
			return err
		}
		if len(w) > 0 { // a lowered cap: fitFiles says again what still holds
			c.warnings = slices.DeleteFunc(c.warnings, func(s string) bool { return s == stale })
		}
		c.warnings = append(c.warnings, w...)
	}
	rp := readPoolFor(c.db, c.http.hosted())
	if err := sharePageCache(pageCacheFor(c.db, rp)); err != nil {
		return err
	}
	stopProfile, err := startCPUProfile(c.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if err := sqlite.FTS5Available(ctx); err != nil {
		return err
	}
	logger, err := newLogger(stderr, c.logLevel)
	if err != nil {
		return err
	}
	for _, w := range c.warnings {
		logger.Warn(w)
	}
	mode := checkout.ModeOf(c.pay.stripeKey)
	logMode(logger, string(mode), c.pay.stripeKeyFrom)
	// Live mode never seeds demo data: the demo customer's test card cannot be charged.
	seed := !c.noDemo && mode != checkout.ModeLive
	if mode == checkout.ModeLive && !c.noDemo {
		logger.Info("live mode: the demo catalog and customer are not seeded")
	}
	var open []string
	for _, f := range []string{c.db, catalog.SalesFile(c.db), store.FileBeside(c.db)} {
		open = append(open, sqlite.OpenToOthers(f)...)
	}
	if len(open) > 0 {
		logger.Warn("other users can read the database files, which hold personal data; restrict them with chmod 600", "files", strings.Join(open, " "))
	}
	logger.Info("database files", "catalog", c.db, "sales statistics", catalog.SalesFile(c.db), "customers and orders", store.FileBeside(c.db))
	cat, err := openCatalog(ctx, c.db, rp, seed, c.dbGiven, logger)
	if errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("%w; choose another --db", err)
	}
	if err != nil {
		return err
	}
	defer cat.Close()
	defer startFillLog(ctx, cat, logger)()
	if c.synonyms != "" {
		v, err := readVocabulary(c.synonyms)
		if err != nil {
			return err
		}
		cat.SetVocabulary(catalog.BuiltinVocabulary().With(v))
		logger.Info("search vocabulary extended", "file", c.synonyms)
	}
	st, err := openStore(ctx, c.db, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	if c.http.hosted() {
		cat.LimitConns(c.http.dbConns)
		st.LimitConns(c.http.dbConns)
		// What the pools hold now (0: no cap), read back from them.
		logger.Info("database pools", "store_max_conns", st.PoolStats().MaxOpenConnections,
			"catalog_write_max_conns", cat.PoolStats().MaxOpenConnections)
	}
	if seed {
		if _, err := st.SeedDemoIn(ctx, string(mode)); err != nil {
			return err
		}
	}
	if mode == checkout.ModeLive {
		if err := refuseDemoData(ctx, st); err != nil {
			return err
		}
	}
	var cust string
	if !c.http.hosted() {
		if cust, err = resolveCustomer(ctx, st, c.customer, c.db); err != nil {
			return err
		}
		if c.customer == "" {
			logDemoServed(ctx, st, cust, logger)
		}
	}
	c.pay.recoverAfter = c.recoverAfter // get_order's asks wait for what recovery waits for
	svc, after, err := newCommerce(c.pay, cat, st, logger)
	if err != nil {
		return err
	}
	// A cancel's token settling, left running after its answer, ends before the
	// databases close: finished within drainWait, else stopped for recovery.
	defer svc.Drain(drainWait)
	// Background work (settling unfinished purchases) stops when serving does, before
	// the databases close.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := (recovery{svc: svc, log: logger, after: c.recoverAfter, every: c.recoverEvery}).start(ctx); err != nil {
		return err
	}
	after.start(ctx)
	logHiddenImages(ctx, cat, c.images, logger)
	logPerOrderLimit(ctx, cat, st, c.db, logger)
	tb := &tools.Toolbox{Catalog: cat, Store: st, Checkout: svc, Customer: cust, Log: logger, ReadOnly: c.readOnly, ImageHosts: c.images.hosts}
	if c.http.hosted() {
		if pct, ok := hostedGCPercent(getenv); ok {
			defer debug.SetGCPercent(debug.SetGCPercent(pct))
		}
		return serveHTTP(ctx, c, tb, st, after, logger)
	}
	if c.pay.webhookSecret != "" {
		logger.Warn("the Stripe webhook secret is for --transport http or sse; over stdio added cards are found by asking Stripe")
	}
	after.pages.serveLoopback(ctx)
	if limit, ok := stdioMemoryLimit(getenv, pageCacheFor(c.db, rp)); ok {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
	}
	release, err := takeStdioTurn(ctx, logger)
	if err != nil {
		return nil // ended (a signal) before its turn came
	}
	defer release()
	s := server.NewStdioServer(tb.NewServer("commerce-mcp", version))
	s.SetErrorLogger(log.New(&slogWriter{logger}, "", 0))
	logger.Info("serving MCP over stdio", "db", c.db, "customer", cust, "mode", svc.Mode(), "read_only", c.readOnly)
	g := newStdioGuard(ctx, stdin, stdout, logger)
	err = listenStdio(ctx, s, g, svc, logger, hosted.DefaultShutdownTimeout)
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// logDemoServed warns, when stdio serves the demo customer for want of --customer,
// that the database has customers of the operator's: their cards, addresses and
// spending rules apply only to the customer served, so an assistant set up with --db
// alone would shop as the demo customer under the built-in rules. It gives the count,
// never a customer's data.
func logDemoServed(ctx context.Context, st *store.Store, cust string, logger *slog.Logger) {
	if cust != store.DemoCustomerID {
		return
	}
	own, err := st.CustomersBesides(ctx, store.DemoCustomerID)
	if err != nil {
		logger.Warn("cannot count the customers", "err", err)
		return
	}
	if own > 0 {
		logger.Warn(fmt.Sprintf("serving the demo customer, as no --customer (or COMMERCE_CUSTOMER) names one, though this database has %d customer(s) of its own, whose cards, addresses and spending rules apply only when served: add \"--customer\", \"ID or email\" to the client's args (`commerce-mcp customer list` shows them)", own), "customers", own)
	}
}

// A server over stdio keeps its peak resident set under stdioRSSBudget by giving Go a
// soft memory limit (debug.SetMemoryLimit) of what the rest leaves: the SQLite page
// caches' shared buffer (pageCacheFor, resident from the start: 128 MiB at a million
// products) and stdioNotGo for the executable's mapped pages (about 25 MiB) and what
// SQLite and the C allocator hold besides (3–6 MiB). Go's heap is what grows while
// serving: at a million products over 5 runs of bench stdio its live heap rose from 6
// to 31 MB, two thirds of it the in-process sandbox's record of each purchase (the
// reference seller's sessions and stored idempotent answers, kept a day; the Stripe
// emulator's tokens and payments, kept while it runs), and with Go's default target of
// twice the live heap the server held up to 79 MiB for Go and peaked at 230–245 MiB,
// past the 250 MB the README's Scale target allows. The limit makes the collector run sooner instead, only near it; it
// never fails an allocation (past it the collector takes at most about half the CPU).
// GOMEMLIMIT in the environment overrides it. Hosted mode has budgets of its own.
const (
	stdioRSSBudget  = 224 << 20
	stdioNotGo      = 32 << 20
	minStdioGoLimit = 48 << 20
)

// stdioMemoryLimit returns Go's soft memory limit for a server over stdio whose SQLite
// page caches share a buffer of pageCache bytes, and false when the environment sets
// GOMEMLIMIT itself (the runtime has applied it already).
func stdioMemoryLimit(getenv func(string) string, pageCache int64) (int64, bool) {
	if getenv("GOMEMLIMIT") != "" {
		return 0, false
	}
	return max(stdioRSSBudget-stdioNotGo-pageCache, minStdioGoLimit), true
}

// drainWait bounds how long serve waits, once serving has ended, for work a call left
// running after its answer (checkout's Drain) before stopping it.
const drainWait = 2 * time.Second

// listenStdio serves s over g until the end of stdin, or until ctx ends (SIGINT or
// SIGTERM). Then the calls in flight are cancelled, but an approved payment runs on
// (see checkout's paying), and StdioServer.Listen waits for it: listenStdio waits at
// most grace, as hosted shutdown does. A fifth of grace (at least 1 s) before it ends,
// it stops the payments still running (payments.StopPayments), which then revoke
// their token or journal their state; at grace it returns with whatever is still
// running, and a purchase among it is settled by recovery at the next start.
func listenStdio(ctx context.Context, s *server.StdioServer, g *stdioGuard, payments interface{ StopPayments() }, logger *slog.Logger, grace time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- s.Listen(ctx, g, g.Out()) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	if n := g.inFlight(); n > 0 {
		logger.Info("shutting down: finishing the payments under way", "in_flight", n)
	}
	stopAt := time.NewTimer(max(grace-max(grace/5, time.Second), 0))
	defer stopAt.Stop()
	giveUp := time.NewTimer(grace)
	defer giveUp.Stop()
	select {
	case err := <-done:
		return err
	case <-stopAt.C:
	}
	logger.Warn("shutdown: stopping the payments still running; each ends with its token revoked or its state journaled for recovery", "in_flight", g.inFlight())
	payments.StopPayments()
	select {
	case err := <-done:
		return err
	case <-giveUp.C:
	}
	logger.Warn("shutdown: exiting with calls still running; a purchase among them is settled by recovery at the next start", "in_flight", g.inFlight(), "waited", grace)
	return ctx.Err()
}

// checkDBDir refuses a database path whose directory does not exist, unless create:
// a mistyped --db must not silently start an empty shop somewhere else.
func checkDBDir(path string, create bool) error {
	if err := refuseDirDB(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) || create {
		return nil
	}
	return &usageError{Msg: fmt.Sprintf("the directory %s of the database %s does not exist; check --db (or COMMERCE_DB), or pass --create to create it", dir, path)}
}

// refuseDirDB refuses a --db that names a directory: SQLite cannot open it, and the
// files beside it (store.FileBeside, catalog.SalesFile) would be named from it, as
// "-sales" and "-store" files in its parent.
func refuseDirDB(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return &usageError{Msg: fmt.Sprintf("--db %s is a directory; give the path of the catalog file, such as %s", path, filepath.Join(path, "commerce.db"))}
	}
	return nil
}

// logMode says at start how purchases will run and why: the mode follows from the
// Stripe key and where it came from (from; "" when there is none).
func logMode(logger *slog.Logger, mode, from string) {
	if from == "" {
		logger.Info("purchases run in the sandbox, where no money moves, because no Stripe key is set (STRIPE_SECRET_KEY or --stripe-key-file)", "mode", mode)
		return
	}
	logger.Info(fmt.Sprintf("purchases run in %s mode because %s is set", mode, from), "mode", mode)
}

// refuseDemoData refuses live mode on a database holding the demo customer or a
// Stripe test card (pm_card_…): live Stripe cannot charge them, and a demo customer
// served by mistake could spend real money.
func refuseDemoData(ctx context.Context, st *store.Store) error {
	custs, err := st.Customers(ctx)
	if err != nil {
		return err
	}
	for _, c := range custs {
		found := ""
		if c.ID == store.DemoCustomerID {
			found = "the demo customer " + c.ID
		} else {
			pms, err := st.PaymentMethods(ctx, c.ID)
			if err != nil {
				return err
			}
			for _, pm := range pms {
				if strings.HasPrefix(pm.ID, "pm_card_") {
					found = fmt.Sprintf("the Stripe test card %s of customer %s", pm.ID, c.ID)
					break
				}
			}
		}
		if found != "" {
			return fmt.Errorf("refusing to start in live mode: the database has %s, which is for the sandbox; use a database without demo data in live mode (a new --db, which live mode does not seed, then `commerce-mcp customer create`)", found)
		}
	}
	return nil
}

// openCatalog opens the catalog at path, its reads on rp. A database that did not
// exist before is seeded with the demo catalog when seed is true; when its path was
// given (--db, COMMERCE_DB) rather than the default, its making is a warning that names
// its files, in case the path was mistyped (checkNewDB refuses the likeliest typos).
func openCatalog(ctx context.Context, path string, rp catalog.ReadPool, seed, given bool, logger *slog.Logger) (*catalog.Catalog, error) {
	_, statErr := os.Stat(path)
	isNew := errors.Is(statErr, os.ErrNotExist)
	cat, err := catalog.OpenWith(ctx, path, rp)
	if err != nil {
		return nil, err
	}
	warnSalesDiscarded(logger, cat, path)
	if isNew && given {
		holds := "no products (--no-demo, or live mode)"
		if seed {
			holds = "the demo catalog and customer"
		}
		logger.Warn(fmt.Sprintf("created a new database with %s, as no file was at %s: if you meant a database you already have, stop the server, check --db (or COMMERCE_DB) and delete the new files", holds, path),
			"files", strings.Join([]string{path, catalog.SalesFile(path), store.FileBeside(path)}, " "))
	}
	if isNew && seed {
		st, err := cat.Upsert(ctx, demo.Sellers(), demo.Products())
		if err != nil {
			cat.Close()
			return nil, fmt.Errorf("write the demo catalog into the new database %s: %w", path, err)
		}
		if err := cat.OptimizeIndex(ctx); err != nil {
			cat.Close()
			return nil, fmt.Errorf("write the demo catalog into the new database %s: %w", path, err)
		}
		if !given {
			logger.Info("created database with the demo catalog", "path", path, "products", st.Inserted)
		}
	} else if empty, err := cat.Empty(ctx); err == nil && empty {
		// Made by an import that stored nothing, or with --no-demo: every search would
		// find nothing, with nothing in the log to say why.
		logger.Warn("the catalog has no products, so every search finds nothing: import a feed with `commerce-mcp import --db "+path+" FILE`, or give a new --db to start with the demo catalog", "path", path)
	}
	return cat, nil
}

// warnSalesDiscarded tells the operator when opening the catalog at path emptied the
// sales statistics beside it, which belonged to another catalog, or found none beside
// a catalog with products (the sales file missing or truncated to nothing). Either way
// the statistics start empty and count the sales from now on; they are not rebuilt
// from past orders.
func warnSalesDiscarded(logger *slog.Logger, cat *catalog.Catalog, path string) {
	if cat.SalesDiscarded() {
		logger.Warn("the sales statistics beside the catalog belonged to another catalog (its file was made anew, or restored or copied without them) and were emptied; they count sales from now on (best sellers and bought-together are not rebuilt from past orders)", "file", catalog.SalesFile(path))
	}
	if cat.SalesStartedEmpty() {
		logger.Warn("no sales statistics were found beside the catalog (the sales file was missing or empty) and an empty one was made; they count sales from now on (best sellers and bought-together are not rebuilt from past orders): if you have a backup of the file, stop the server and restore it", "file", catalog.SalesFile(path))
	}
}

// openStore opens the store that goes with the catalog database at db, in its own
// file beside it (store.FileBeside), moving it there first when a version before this
// one kept it in db. logger (nil for none) hears about a move.
func openStore(ctx context.Context, db string, logger *slog.Logger) (*store.Store, error) {
	path := store.FileBeside(db)
	moved, err := store.MoveOut(ctx, db, path)
	if err != nil {
		return nil, err
	}
	if moved && logger != nil {
		logger.Info("moved the customers and orders out of the catalog's database into a file of their own", "from", db, "to", path)
		// The file keeps the pages they took as free pages, which later catalog
		// writes reuse; it shrinks only when the operator runs VACUUM (a rewrite of
		// the whole catalog, so not done here).
		if free, err := freeBytes(ctx, db); err == nil && free > 0 {
			logger.Info("the catalog's database keeps the pages the customers and orders took as free space, reused by later catalog writes; to give it back to the disk, stop every process and run VACUUM on it once (sqlite3 FILE VACUUM)",
				"file", db, "free_bytes", free)
		}
	}
	return store.Open(ctx, path)
}

// freeBytes returns how many bytes of the database file at path are free pages.
func freeBytes(ctx context.Context, path string) (int64, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var pages, size int64
	err = db.QueryRowContext(ctx, `SELECT (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())`).Scan(&pages, &size)
	return pages * size, err
}

// slogWriter turns the stdio server's log.Logger lines into slog errors.
type slogWriter struct{ l *slog.Logger }

func (w *slogWriter) Write(p []byte) (int, error) {
	w.l.Error("mcp transport", "msg", string(trimNewline(p)))
	return len(p), nil
}

func trimNewline(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}

// maxVocabularyFile bounds a --synonyms file.
const maxVocabularyFile = 4 << 20

// readVocabulary reads the --synonyms file at path.
func readVocabulary(path string) (*catalog.Vocabulary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--synonyms: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxVocabularyFile+1))
	if err != nil {
		return nil, fmt.Errorf("--synonyms: %w", err)
	}
	if len(data) > maxVocabularyFile {
		return nil, &usageError{Msg: fmt.Sprintf("--synonyms %s: the file is larger than %d MiB", path, maxVocabularyFile>>20)}
	}
	v, err := catalog.ParseVocabulary(string(data))
	var ve *catalog.VocabularyError
	if errors.As(err, &ve) {
		return nil, &usageError{Msg: fmt.Sprintf("--synonyms %s: line %d (%q): %s", path, ve.Line, ve.Text, ve.Problem)}
	}
	return v, err
}

// stdioTurn is held by the server this process serves over stdio. mcp-go's
// StdioServer keeps its one session (the client's capabilities, the writer its
// requests to the client go to, its queue of notifications) in a package variable, so
// two serving at once in one process answered each other's clients: the second
// client's handshake replaced the first one's capabilities, and the first's requests
// to its client could go to the second's. Only run called twice in one process (the
// end-to-end tests) can meet this; a second server over stdio waits for the first to
// end (takeStdioTurn).
var stdioTurn = make(chan struct{}, 1)

// stdioTurnWait is what a server over stdio logs while it waits for its turn.
const stdioTurnWait = "another server over stdio is running in this process; waiting for it to end"

// takeStdioTurn waits until no other server over stdio runs in this process, or until
// ctx ends; release ends the turn.
func takeStdioTurn(ctx context.Context, logger *slog.Logger) (release func(), err error) {
	select {
	case stdioTurn <- struct{}{}:
	default:
		logger.Info(stdioTurnWait)
		select {
		case stdioTurn <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return func() { <-stdioTurn }, nil
}
