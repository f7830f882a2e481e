package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestParseServe checks that serve's settings come from its flags and the environment,
// and that bad values are usage errors.
func TestParseServe(t *testing.T) {
	tests := []struct {
		name        string
		env         map[string]string
		args        []string
		want        serveConfig
		wantErr     string // in the usage error; "" for none
		wantWarning string // in the one warning; "" for none
	}{
		{name: "defaults", env: map[string]string{"XDG_DATA_HOME": "/data"}, want: serveConfig{common: common{db: filepath.Join("/data", "commerce-mcp", "commerce.db"), logLevel: "info"}}},
		{name: "flags", args: []string{"--db", "x.db", "--customer", "ada@example.com", "--no-demo", "--create", "--read-only", "--log-level", "debug"},
			want: serveConfig{common: common{db: "x.db", logLevel: "debug"}, customer: "ada@example.com", noDemo: true, create: true, readOnly: true}},
		{name: "environment", env: map[string]string{"COMMERCE_DB": "e.db", "COMMERCE_CUSTOMER": "cus_1", "COMMERCE_READ_ONLY": "1", "COMMERCE_LOG_LEVEL": "warn"},
			want: serveConfig{common: common{db: "e.db", logLevel: "warn"}, customer: "cus_1", readOnly: true}},
		{name: "read-only true", env: map[string]string{"COMMERCE_READ_ONLY": "true"}, args: []string{"--db", "x.db"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, readOnly: true}},
		{name: "read-only false", env: map[string]string{"COMMERCE_READ_ONLY": "false"}, args: []string{"--db", "x.db"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}}},
		{name: "flag overrides the environment", env: map[string]string{"COMMERCE_READ_ONLY": "1"}, args: []string{"--db", "x.db", "--read-only=false"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}}},
		{name: "http", args: []string{"--db", "x.db", "--transport", "http", "--addr", "0.0.0.0:9000", "--stateless",
			"--tls-cert", "c.pem", "--tls-key", "k.pem", "--allowed-origins", "https://a.example, http://localhost:6274,", "--public-url", "https://shop.example",
			"--rate", "2.5", "--burst", "4", "--purchase-rate", "0", "--request-rate", "0", "--request-burst", "7", "--max-streams", "0", "--max-streams-total", "5",
			"--max-inflight", "3", "--auth-fail-rate", "0", "--auth-fail-burst", "2", "--max-conns", "9", "--max-conns-per-addr", "5", "--db-conns", "3", "--trusted-proxies", "10.0.0.0/8, 192.0.2.1,", "--authorization-server", "https://as.example", "--authorization-server", "http://localhost:9000/realm"},
			env: map[string]string{"COMMERCE_AUTHORIZATION_SERVERS": "https://replaced.example"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: httpFlags{transport: "http", addr: "0.0.0.0:9000", stateless: true,
				tlsCert: "c.pem", tlsKey: "k.pem", allowedOrigins: []string{"https://a.example", "http://localhost:6274"}, publicURL: "https://shop.example",
				rate: 2.5, burst: 4, requestBurst: 7, maxStreamsAll: 5, maxStreamsAllSet: true, maxInflight: 3, authFailBurst: 2, maxConns: 9, maxConnsSet: true, maxConnsPerIP: 5, dbConns: 3,
				trustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32")},
				authServers:    []string{"https://as.example", "http://localhost:9000/realm"}, authServersSet: true}}},
		{name: "authorization servers from the environment", env: map[string]string{"COMMERCE_AUTHORIZATION_SERVERS": "https://a.example, https://b.example/t,"},
			args: []string{"--db", "x.db", "--transport", "http"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.authServers = []string{"https://a.example", "https://b.example/t"}
				return h
			}()}},
		{name: "sse from the environment", env: map[string]string{"COMMERCE_TRANSPORT": "sse"}, args: []string{"--db", "x.db"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: hostedDefaults("sse")}},
		{name: "customer from the environment is ignored over HTTP", env: map[string]string{"COMMERCE_CUSTOMER": "cus_1"}, args: []string{"--db", "x.db", "--transport", "http"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: hostedDefaults("http")}, wantWarning: "COMMERCE_CUSTOMER is ignored"},
		{name: "recovery", args: []string{"--db", "x.db", "--recover-after", "10m", "--recover-every", "30s"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, recoverAfter: 10 * time.Minute, recoverEvery: 30 * time.Second}},
		{name: "recovery sooner than a purchase takes", args: []string{"--db", "x.db", "--recover-after", "2s", "--recover-every", "1s"},
			want:        serveConfig{common: common{db: "x.db", logLevel: "info"}, recoverAfter: 2 * time.Second, recoverEvery: time.Second},
			wantWarning: "may be ended as interrupted"},
		{name: "no recovery wait", args: []string{"--recover-after", "0s"}, wantErr: "--recover-after"},
		{name: "negative recovery interval", args: []string{"--recover-every", "-1m"}, wantErr: "--recover-every"},
		{name: "customer over HTTP", args: []string{"--transport", "http", "--customer", "cus_1"}, wantErr: "--customer is for stdio"},
		{name: "unknown transport", args: []string{"--transport", "websocket"}, wantErr: "--transport"},
		{name: "stateless SSE", args: []string{"--transport", "sse", "--stateless"}, wantErr: "--stateless is for --transport http"},
		{name: "certificate without key", args: []string{"--transport", "http", "--tls-cert", "c.pem"}, wantErr: "--tls-cert and --tls-key"},
		{name: "address without a port", args: []string{"--transport", "http", "--addr", "nonsense"}, wantErr: `--addr "nonsense": give host:port`},
		{name: "address with a name for port", args: []string{"--transport", "sse", "--addr", "localhost"}, wantErr: `--addr "localhost": give host:port`},
		{name: "negative rate", args: []string{"--transport", "http", "--rate", "-1"}, wantErr: "--rate"},
		{name: "no burst", args: []string{"--transport", "http", "--burst", "0"}, wantErr: "--burst"},
		{name: "negative request rate", args: []string{"--transport", "http", "--request-rate", "-1"}, wantErr: "--request-rate"},
		{name: "no request burst", args: []string{"--transport", "http", "--request-burst", "0"}, wantErr: "--request-burst"},
		{name: "negative stream cap", args: []string{"--transport", "http", "--max-streams", "-1"}, wantErr: "--max-streams"},
		{name: "negative in-flight cap", args: []string{"--transport", "http", "--max-inflight", "-1"}, wantErr: "--max-inflight"},
		{name: "negative connection cap", args: []string{"--transport", "http", "--max-conns", "-1"}, wantErr: "--max-conns"},
		{name: "negative refused-auth rate", args: []string{"--transport", "http", "--auth-fail-rate", "-1"}, wantErr: "--auth-fail-rate"},
		{name: "no refused-auth burst", args: []string{"--transport", "http", "--auth-fail-burst", "0"}, wantErr: "--auth-fail-burst"},
		{name: "connection cap with stdio", args: []string{"--max-conns", "10"}, wantErr: "--max-conns is for --transport http or sse"},
		{name: "refused-auth limit with stdio", args: []string{"--auth-fail-rate", "1"}, wantErr: "--auth-fail-rate is for --transport http or sse"},
		{name: "streams may take every connection", args: []string{"--db", "x.db", "--transport", "http", "--max-conns", "1000"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.maxConns, h.maxConnsSet = 1000, true
				return h
			}()}, wantWarning: "open streams may hold every connection"},
		{name: "no stream cap with a connection cap", args: []string{"--db", "x.db", "--transport", "http", "--max-streams-total", "0"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.maxStreamsAll, h.maxStreamsAllSet = 0, true
				return h
			}()}, wantWarning: "open streams may hold every connection"},
		{name: "trusted proxies from the environment", env: map[string]string{"COMMERCE_TRUSTED_PROXIES": "fd12:3456::/32"}, args: []string{"--db", "x.db", "--transport", "http"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.trustedProxies = []netip.Prefix{netip.MustParsePrefix("fd12:3456::/32")}
				return h
			}()}},
		{name: "trusted proxies, not a CIDR", args: []string{"--transport", "http", "--trusted-proxies", "proxy.example"}, wantErr: "trusted-proxies"},
		{name: "trusted proxies from the environment, not a CIDR", env: map[string]string{"COMMERCE_TRUSTED_PROXIES": "10.0.0.0/33"}, args: []string{"--transport", "http"}, wantErr: "COMMERCE_TRUSTED_PROXIES"},
		{name: "the flag replaces a bad environment", env: map[string]string{"COMMERCE_TRUSTED_PROXIES": "nope"}, args: []string{"--db", "x.db", "--transport", "http", "--trusted-proxies", "10.1.2.3"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.trustedProxies = []netip.Prefix{netip.MustParsePrefix("10.1.2.3/32")}
				return h
			}()}},
		{name: "trusted proxies, every IPv4 address", args: []string{"--transport", "http", "--trusted-proxies", "10.0.0.1, 0.0.0.0/0"}, wantErr: "trusts every address"},
		{name: "trusted proxies, every IPv6 address", env: map[string]string{"COMMERCE_TRUSTED_PROXIES": "::/0"}, args: []string{"--transport", "http"}, wantErr: "trusts every address"},
		{name: "trusted proxies, a very wide IPv4 network", args: []string{"--db", "x.db", "--transport", "http", "--trusted-proxies", "10.0.0.0/7"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.trustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/7")}
				return h
			}()}, wantWarning: "10.0.0.0/7 is a very wide network"},
		{name: "trusted proxies, a very wide IPv6 network", args: []string{"--db", "x.db", "--transport", "http", "--trusted-proxies", "2001:db8::/31"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.trustedProxies = []netip.Prefix{netip.MustParsePrefix("2001:db8::/31")}
				return h
			}()}, wantWarning: "2001:db8::/31 is a very wide network"},
		{name: "negative per-address connection cap", args: []string{"--transport", "http", "--max-conns-per-addr", "-1"}, wantErr: "--max-conns-per-addr"},
		{name: "per-address connection cap with stdio", args: []string{"--max-conns-per-addr", "3"}, wantErr: "--max-conns-per-addr is for"},
		{name: "negative database connection cap", args: []string{"--transport", "http", "--db-conns", "-1"}, wantErr: "--db-conns"},
		{name: "database connection cap with stdio", args: []string{"--db-conns", "3"}, wantErr: "--db-conns is for"},
		{name: "trusted proxies with stdio", args: []string{"--trusted-proxies", "10.0.0.0/8"}, wantErr: "--trusted-proxies is for"},
		{name: "NaN rate", args: []string{"--transport", "http", "--rate", "NaN"}, wantErr: "--rate"},
		{name: "infinite request rate", args: []string{"--transport", "http", "--request-rate", "Inf"}, wantErr: "--request-rate"},
		{name: "refused-auth rate too slow to refill", args: []string{"--transport", "http", "--auth-fail-rate", "1e-10"}, wantErr: "--auth-fail-rate"},
		{name: "behind a TLS proxy without trusted proxies", args: []string{"--db", "x.db", "--transport", "http", "--public-url", "https://shop.example"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.publicURL = "https://shop.example"
				return h
			}()}, wantWarning: "--trusted-proxies is not set"},
		{name: "on loopback with a public URL without trusted proxies", args: []string{"--db", "x.db", "--transport", "http", "--public-url", "http://shop.example"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.publicURL = "http://shop.example"
				return h
			}()}, wantWarning: "--trusted-proxies is not set"},
		{name: "behind a proxy with trusted proxies", args: []string{"--db", "x.db", "--transport", "http", "--public-url", "https://shop.example", "--trusted-proxies", "127.0.0.1"},
			want: serveConfig{common: common{db: "x.db", logLevel: "info"}, http: func() httpFlags {
				h := hostedDefaults("http")
				h.publicURL = "https://shop.example"
				h.trustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
				return h
			}()}},
		{name: "authorization server over plain HTTP", args: []string{"--transport", "http", "--authorization-server", "http://as.example"}, wantErr: "--authorization-server"},
		{name: "authorization server with a query", args: []string{"--transport", "http", "--authorization-server", "https://as.example/?x=1"}, wantErr: "--authorization-server"},
		{name: "authorization server from the environment, not a URL", env: map[string]string{"COMMERCE_AUTHORIZATION_SERVERS": "as.example"}, args: []string{"--transport", "http"}, wantErr: "--authorization-server"},
		{name: "stream cap with stdio", args: []string{"--max-streams", "3"}, wantErr: "--max-streams is for --transport http or sse"},
		{name: "authorization server with stdio", args: []string{"--authorization-server", "https://as.example"}, wantErr: "--authorization-server is for"},
		{name: "public URL without scheme", args: []string{"--transport", "http", "--public-url", "shop.example"}, wantErr: "--public-url"},
		{name: "public URL with user info", args: []string{"--transport", "http", "--public-url", "https://ops:hunter2@shop.example"}, wantErr: "--public-url has user info"},
		{name: "public URL with a token as user", args: []string{"--transport", "http", "--public-url", "https://hunter2@shop.example/mcp"}, wantErr: "--public-url has user info"},
		{name: "HTTP flag with stdio", args: []string{"--addr", "127.0.0.1:9000"}, wantErr: "--addr is for --transport http or sse"},
		{name: "database in a missing directory", args: []string{"--db", "/nonexistent-dir/x.db"}, wantErr: "--create"},
		{name: "bad read-only value", env: map[string]string{"COMMERCE_READ_ONLY": "maybe"}, wantErr: "COMMERCE_READ_ONLY"},
		{name: "an argument", args: []string{"extra"}, wantErr: "serve takes no arguments"},
		{name: "unknown flag", args: []string{"--nope"}, wantErr: "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseServe(tc.args, func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want a usage error with %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Errorf("err = %v repeats a password", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.want.pay = got.pay // payFlags are checked by TestServeSecretsAndMode
			if tc.want.http.transport == "" {
				tc.want.http = hostedDefaults("stdio")
			}
			if tc.want.recoverAfter == 0 {
				tc.want.recoverAfter, tc.want.recoverEvery = defaultRecoverAfter, defaultRecoverEvery
			}
			warned := len(got.warnings) == 0
			if tc.wantWarning != "" {
				warned = len(got.warnings) == 1 && strings.Contains(got.warnings[0], tc.wantWarning)
			}
			if got.common != tc.want.common || got.customer != tc.want.customer || got.noDemo != tc.want.noDemo ||
				got.create != tc.want.create || got.readOnly != tc.want.readOnly ||
				got.recoverAfter != tc.want.recoverAfter || got.recoverEvery != tc.want.recoverEvery || !reflect.DeepEqual(got.http, tc.want.http) || !warned {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// hostedDefaults are the hosted settings when only the transport is given.
func hostedDefaults(transport string) httpFlags {
	return httpFlags{transport: transport, addr: defaultAddr, rate: defaultRate, burst: defaultBurst, purchaseRate: defaultPurchaseRate,
		requestRate: defaultRequestRate, requestBurst: defaultRequestBurst, maxStreams: defaultMaxStreams, maxStreamsAll: defaultMaxStreamsAll,
		maxInflight: defaultMaxInflight, authFailRate: defaultAuthFailRate, authFailBurst: defaultAuthFailBurst, maxConns: defaultMaxConns,
		maxConnsPerIP: defaultMaxConnsPerAddr, dbConns: defaultDBConns()}
}

// TestServeReadOnly checks, through a client on stdio, that serve --read-only and
// COMMERCE_READ_ONLY list only the read-only tools, and that purchase is then an
// unknown tool that buys nothing.
func TestServeReadOnly(t *testing.T) {
	t.Parallel()
	list := `{"jsonrpc":"2.0","id":1,"method":"tools/list"}`
	buy := callLine(2, "purchase", map[string]any{"product_id": "nw-actv-0001"})
	readOnly := []string{"get_order", "get_preferences", "get_product", "get_shipping_addresses", "list_orders", "list_payment_methods", "list_subscriptions", "recommend", "search_products", "view_cart"}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{name: "flag", args: []string{"--read-only"}, want: readOnly},
		{name: "environment", env: map[string]string{"COMMERCE_READ_ONLY": "true"}, want: readOnly},
		{name: "default", want: append(slices.Clone(readOnly), "purchase", "add_to_cart", "update_cart", "clear_cart", "checkout", "set_shipping_address", "cancel_order", "update_preferences",
			"add_payment_method", "set_default_payment_method", "remove_payment_method",
			"subscribe", "pause_subscription", "resume_subscription", "cancel_subscription", "skip_next_renewal", "change_subscription")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			r := serveStdinWith(t, tc.env, lines(initLine, initializedLine, list, buy), append([]string{"--db", db}, tc.args...)...)
			var tools mcp.ListToolsResult
			if err := json.Unmarshal(r.replies["1"].Result, &tools); err != nil {
				t.Fatalf("tools/list: %v\n%s", err, r.stdout)
			}
			var got []string
			for _, tl := range tools.Tools {
				got = append(got, tl.Name)
			}
			slices.Sort(got)
			slices.Sort(tc.want)
			if !slices.Equal(got, tc.want) {
				t.Errorf("tools/list = %v, want %v", got, tc.want)
			}
			bought := r.replies["2"]
			if slices.Contains(tc.want, "purchase") {
				return
			}
			if bought.Error == nil || !strings.Contains(bought.Error.Message, "not found") {
				t.Errorf("purchase on a read-only server: %+v %s, want a tool-not-found error", bought.Error, bought.Result)
			}
			if o := runCLI(t, map[string]string{"COMMERCE_DB": db}, "orders", "list"); !strings.Contains(o.stderr, "no orders") {
				t.Errorf("a read-only server made an order:\n%s", o.stdout)
			}
		})
	}
}

// TestRecoveryStart checks that wiring the checkout settles nothing, and that
// recovery.start settles a purchase an earlier run left unfinished.
func TestRecoveryStart(t *testing.T) {
	shop := newRecoveryShop(t)
	p := shop.interrupted(t, "k1")
	if s := shop.state(t, p.ID); s != store.PurchaseOpen {
		t.Fatalf("after newCheckout the purchase is %s, want it untouched (%s)", s, store.PurchaseOpen)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := (recovery{svc: shop.svc, log: shop.log, after: defaultRecoverAfter, every: time.Hour}).start(ctx); err != nil {
		t.Fatal(err)
	}
	if s := shop.state(t, p.ID); s != store.PurchaseFailed {
		t.Errorf("after recovery.start the purchase is %s, want %s", s, store.PurchaseFailed)
	}
}

// TestRecoveryEvery checks that recovery goes on settling, every r.every
// (--recover-every), purchases interrupted after it started.
func TestRecoveryEvery(t *testing.T) {
	shop := newRecoveryShop(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := (recovery{svc: shop.svc, log: shop.log, after: defaultRecoverAfter, every: 10 * time.Millisecond}).start(ctx); err != nil {
		t.Fatal(err)
	}
	p := shop.interrupted(t, "k1")
	deadline := time.Now().Add(30 * time.Second)
	for shop.state(t, p.ID) != store.PurchaseFailed {
		if time.Now().After(deadline) {
			t.Fatalf("30 s after it was interrupted the purchase is %s, want %s", shop.state(t, p.ID), store.PurchaseFailed)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// recoveryShop is a demo catalog and store with the checkout wired over them as serve
// wires it. The store's clock can be turned back (back), while recovery reads it.
type recoveryShop struct {
	st   *store.Store
	svc  *checkout.Service
	log  *slog.Logger
	back *atomic.Int64 // nanoseconds the store's clock is behind the wall clock
}

func newRecoveryShop(t *testing.T) recoveryShop {
	t.Helper()
	return newRecoveryShopLogging(t, &strings.Builder{}, "error")
}

// newRecoveryShopLogging is newRecoveryShop logging to w from level on, as serve logs.
func newRecoveryShopLogging(t *testing.T, w io.Writer, level string) recoveryShop {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "c.db")
	shop := recoveryShop{back: new(atomic.Int64)}
	var err error
	if shop.log, err = newLogger(w, level); err != nil {
		t.Fatal(err)
	}
	cat, err := openCatalog(ctx, db, catalog.ReadPool{}, true, false, shop.log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	if shop.st, err = openStore(ctx, db, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { shop.st.Close() })
	if _, err := shop.st.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	shop.st.Now = func() time.Time { return time.Now().Add(-time.Duration(shop.back.Load())) }
	if shop.svc, err = newCheckout(payFlags{}, cat, shop.st, shop.log); err != nil {
		t.Fatal(err)
	}
	return shop
}

// interrupted begins a purchase an hour ago, as a run that crashed left it.
func (s recoveryShop) interrupted(t *testing.T, key string) store.Purchase {
	t.Helper()
	s.back.Store(int64(time.Hour))
	defer s.back.Store(0)
	p, _, err := s.st.BeginPurchase(context.Background(), store.Purchase{CustomerID: store.DemoCustomerID, IdemKey: key, ProductID: "nw-actv-0001", Quantity: 1, Mode: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (s recoveryShop) state(t *testing.T, id string) store.PurchaseState {
	t.Helper()
	p, err := s.st.Purchase(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p.State
}

// TestServeSynonyms checks that serve --synonyms adds synonym groups to the search
// vocabulary, and refuses a file it cannot read, naming the line.
func TestServeSynonyms(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(good, []byte("# shop words\nzorbix, running shoes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("tent, shelter\nlonely\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	search := callLine(2, "search_products", map[string]any{"query": "zorbix", "limit": 1})
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"without", nil, "No products found"},
		{"with", []string{"--synonyms", good}, "Running Shoes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			r := serveStdinWith(t, nil, lines(initLine, initializedLine, search), append([]string{"--db", db}, tc.args...)...)
			if text, _ := toolText(t, r.replies["2"]); !strings.Contains(text, tc.want) {
				t.Errorf("search for zorbix: %s\nwant %q", text, tc.want)
			}
		})
	}
	t.Run("bad file", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "c.db")
		o := runCLI(t, nil, "serve", "--db", db, "--synonyms", bad)
		if o.code != 2 || !strings.Contains(o.stderr, "line 2") {
			t.Errorf("exit %d, stderr %q; want a usage error naming line 2", o.code, o.stderr)
		}
	})
}

// TestOpenStoreWhileCatalogLocked: once the store has its own file, opening it (serve
// and every admin command) takes no lock on the catalog's file, so a long write there
// (an import) does not make it wait or fail.
func TestOpenStoreWhileCatalogLocked(t *testing.T) {
	ctx := context.Background()
	for _, moved := range []bool{false, true} {
		t.Run(fmt.Sprintf("moved from a shared file %v", moved), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "shop.db")
			logger, _ := newLogger(&strings.Builder{}, "error")
			cat, err := openCatalog(ctx, db, catalog.ReadPool{}, true, false, logger)
			if err != nil {
				t.Fatal(err)
			}
			defer cat.Close()
			if moved {
				old, err := store.Open(ctx, db) // as versions before the move kept it
				if err != nil {
					t.Fatal(err)
				}
				old.Close()
			}
			st, err := openStore(ctx, db, nil)
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
			testshop.HoldWriteLock(t, db)
			start := time.Now()
			st, err = openStore(ctx, db, nil)
			if err != nil {
				t.Fatalf("openStore while another holds the catalog's write lock: %v", err)
			}
			st.Close()
			if d := time.Since(start); d > time.Second {
				t.Errorf("openStore took %v while another held the catalog's write lock", d)
			}
		})
	}
}

// TestServeMovesASharedStore: a database where an earlier version kept the store beside
// the catalog is served with its customers and orders, now in their own file, and the
// move is logged once.
func TestServeMovesASharedStore(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "shop.db")
	var logs strings.Builder
	logger, _ := newLogger(&logs, "info")
	cat, err := openCatalog(ctx, db, catalog.ReadPool{}, true, false, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	old, err := store.Open(ctx, db) // as versions before the move kept it
	if err != nil {
		t.Fatal(err)
	}
	ada, err := old.CreateCustomer(ctx, store.Customer{Email: "ada@example.com"})
	old.Close()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		st, err := openStore(ctx, db, logger)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Customer(ctx, ada.ID); err != nil {
			t.Errorf("Ada after the move: %v", err)
		}
		st.Close()
	}
	if n := strings.Count(logs.String(), "moved the customers and orders"); n != 1 {
		t.Errorf("the move was logged %d times:\n%s", n, logs.String())
	}
	if n := strings.Count(logs.String(), "run VACUUM on it once"); n != 1 {
		t.Errorf("the free pages the move left were reported %d times:\n%s", n, logs.String())
	}
	if _, err := os.Stat(store.FileBeside(db)); err != nil {
		t.Errorf("the store's own file: %v", err)
	}
	if n, err := cat.Count(ctx); err != nil || n == 0 {
		t.Errorf("the catalog after the move: %d products, %v", n, err)
	}
}

// TestStartWithoutTheSalesFile: starting on a catalog whose sales file was deleted or
// truncated to nothing logs, once, that the statistics start empty and are not rebuilt
// from past orders; a start with the file intact logs nothing of the kind.
func TestStartWithoutTheSalesFile(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		spoil func(path string) error
	}{
		{"deleted", os.Remove},
		{"truncated to nothing", func(path string) error { return os.Truncate(path, 0) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "shop.db")
			start := func() string {
				t.Helper()
				var logs strings.Builder
				logger, _ := newLogger(&logs, "info")
				cat, err := openCatalog(ctx, db, catalog.ReadPool{}, true, false, logger)
				if err != nil {
					t.Fatal(err)
				}
				cat.Close()
				return logs.String()
			}
			const warning = "no sales statistics were found beside the catalog"
			if logs := start(); strings.Contains(logs, warning) {
				t.Errorf("a new database warns: %s", logs)
			}
			if logs := start(); strings.Contains(logs, warning) {
				t.Errorf("an intact sales file warns: %s", logs)
			}
			if err := tc.spoil(catalog.SalesFile(db)); err != nil {
				t.Fatal(err)
			}
			if logs := start(); !strings.Contains(logs, warning) || !strings.Contains(logs, "not rebuilt from past orders") ||
				!strings.Contains(logs, catalog.SalesFile(db)) {
				t.Errorf("no warning after the sales file was %s: %s", tc.name, logs)
			}
			if logs := start(); strings.Contains(logs, warning) {
				t.Errorf("warned again on the next start: %s", logs)
			}
		})
	}
}

// TestServeCapsDBPools checks that a hosted serve caps the store's pool and the
// catalog's writing pool at --db-conns (its default when not given, none with 0), as
// the pools themselves report it once they are capped.
func TestServeCapsDBPools(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{name: "given", args: []string{"--db-conns", "3"}, want: 3},
		{name: "default", want: defaultDBConns()},
		{name: "no cap", args: []string{"--db-conns", "0"}, want: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "shop.db")
			srv := startHosted(t, db, nil, append([]string{"--transport", "http"}, tc.args...)...)
			want := fmt.Sprintf("database pools store_max_conns=%d catalog_write_max_conns=%d", tc.want, tc.want)
			if !strings.Contains(srv.stderr.String(), want) {
				t.Errorf("no %q in the log:\n%s", want, srv.stderr.String())
			}
		})
	}
}

// TestReadSellersRefusesUserInfo: a sellers file whose ACP base URL or support URL has
// user info is refused, naming the seller and the field but not the URL (it may hold
// a password): a support URL is shown to customers, and the base URL is named by the
// errors that are logged.
func TestReadSellersRefusesUserInfo(t *testing.T) {
	for _, tc := range []struct{ name, seller, wantErr string }{
		{"plain", `{"id":"s1","acp_base_url":"https://acp.seller.example/v1","support_url":"https://seller.example/help"}`, ""},
		{"base URL with user and password", `{"id":"s1","acp_base_url":"https://u:hunter2@acp.seller.example/v1"}`, `seller "s1": acp_base_url has user info`},
		{"base URL with a token as user", `{"id":"s1","acp_base_url":"https://hunter2@acp.seller.example"}`, `seller "s1": acp_base_url has user info`},
		{"support URL with user info", `{"id":"s1","support_url":"https://u:hunter2@seller.example/help"}`, `seller "s1": support_url has user info`},
		{"support URL with user info and no scheme", `{"id":"s1","support_url":"u:hunter2@seller.example/help"}`, `seller "s1": support_url has user info`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTestFile(t, t.TempDir(), "sellers.json", `{"sellers": [`+tc.seller+`]}`)
			got, err := readSellers(path)
			switch {
			case tc.wantErr == "" && (err != nil || len(got) != 1):
				t.Fatalf("readSellers: %v, %v", got, err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			case err != nil && strings.Contains(err.Error(), "hunter2"):
				t.Errorf("err = %v repeats a password", err)
			}
		})
	}
}
