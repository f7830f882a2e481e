package hosted

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
)

// countingAuthenticate is fakeAuthenticate counting its lookups: the token store's
// work.
func countingAuthenticate(n *atomic.Int64) func(context.Context, string) (string, error) {
	return func(ctx context.Context, secret string) (string, error) {
		n.Add(1)
		return fakeAuthenticate(ctx, secret)
	}
}

// TestAuthFailureLimit checks that a client address with too many refused
// well-formed tokens gets 429 with Retry-After before its token is looked up, unless
// the token authenticated in the last 5 minutes (customers behind a NAT shared with
// the flood): such a token is looked up taking nothing, served while valid, refused
// at once once revoked and then forgotten; that missing and malformed tokens, successful authentications and a token
// store that cannot answer count nothing; that other addresses are not held back;
// that IPv6 addresses count by /64 and by /48, IPv4-mapped ones as IPv4; that the
// health check and metadata are not limited; and that the refusals have no call-log
// line each but one warning a minute with their count, without a token or address.
func TestAuthFailureLimit(t *testing.T) {
	start := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	now := start
	clock := func() time.Time { return now }
	// 3 refusals at once, then one per 100 s: nothing refills during the test; an
	// IPv6 /48 has 5.
	lim := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 3, Now: clock})
	site := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 5, Now: clock})
	var lookups atomic.Int64
	var revokedA atomic.Bool
	count := countingAuthenticate(&lookups)
	ts := newTestServer(t, Config{Stateless: true, AuthFailures: lim, AuthFailuresIPv6Site: site,
		Authenticate: func(ctx context.Context, secret string) (string, error) {
			if secret == tokenA && revokedA.Load() {
				lookups.Add(1)
				return "", ErrBadToken
			}
			return count(ctx, secret)
		},
		WellFormedToken: func(s string) bool { return strings.HasPrefix(s, "tok_") }})
	ts.h.now = clock
	handler := ts.h.Handler()
	steps := []struct {
		name   string
		at     time.Duration // after start
		addr   string        // the connection's remote address
		method string
		path   string
		token  string
		times  int // 1 when 0
		want   int
		lookup bool // the token is looked up
		revoke bool // tokenA is revoked from this step on
	}{
		{name: "good tokens count nothing", addr: "10.0.0.1:4000", token: tokenA, times: 10, want: http.StatusOK, lookup: true},
		{name: "no token counts nothing", addr: "10.0.0.1:4001", times: 5, want: http.StatusUnauthorized},
		{name: "malformed token counts nothing", addr: "10.0.0.1:4001", token: "garbage", times: 5, want: http.StatusUnauthorized},
		{name: "token store down is not a refusal", addr: "10.0.0.1:4000", token: tokenDown, times: 5, want: http.StatusServiceUnavailable, lookup: true},
		{name: "wrong tokens up to the burst", addr: "10.0.0.1:4002", token: "tok_wrong", times: 3, want: http.StatusUnauthorized, lookup: true},
		{name: "wrong token over the limit", addr: "10.0.0.1:4003", token: "tok_wrong", times: 5, want: http.StatusTooManyRequests},
		{name: "no token over the limit is a 401, not looked up", addr: "10.0.0.1:4004", want: http.StatusUnauthorized},
		{name: "token authenticated lately, same address: looked up, taking nothing", addr: "10.0.0.1:4005", token: tokenA, times: 3, want: http.StatusOK, lookup: true},
		{name: "token not seen lately, same address", addr: "10.0.0.1:4005", token: tokenB, want: http.StatusTooManyRequests},
		{name: "GET over the limit", addr: "10.0.0.1:4006", method: http.MethodGet, token: "tok_wrong", want: http.StatusTooManyRequests},
		{name: "IPv4-mapped IPv6 is the same address", addr: "[::ffff:10.0.0.1]:4007", token: "tok_wrong", want: http.StatusTooManyRequests},
		{name: "health check not limited", addr: "10.0.0.1:4008", method: http.MethodGet, path: PathHealth, want: http.StatusOK},
		{name: "metadata not limited", addr: "10.0.0.1:4009", method: http.MethodGet, path: "/.well-known/oauth-protected-resource/mcp", want: http.StatusOK},
		{name: "wrong token from another address", addr: "10.0.0.2:4001", token: "tok_wrong", want: http.StatusUnauthorized, lookup: true},
		{name: "IPv6 wrong tokens up to the burst", addr: "[2001:db8::1]:4000", token: "tok_wrong", times: 3, want: http.StatusUnauthorized, lookup: true},
		{name: "IPv6 same /64 over the limit", addr: "[2001:db8::ffff:2]:4000", token: "tok_wrong", want: http.StatusTooManyRequests},
		{name: "IPv6 another /64 of the /48", addr: "[2001:db8:0:1::1]:4000", token: "tok_wrong", times: 2, want: http.StatusUnauthorized, lookup: true},
		{name: "IPv6 /48 spent: a fresh /64 in it refused", addr: "[2001:db8:0:2::1]:4000", token: "tok_wrong", want: http.StatusTooManyRequests},
		{name: "IPv6 another /48", addr: "[2001:db8:1::1]:4000", token: tokenB, want: http.StatusOK, lookup: true},
		{name: "a minute later: the token is still served", at: 61 * time.Second, addr: "10.0.0.1:4005", token: tokenA, want: http.StatusOK, lookup: true},
		{name: "revoked: refused at once", at: 61 * time.Second, addr: "10.0.0.1:4005", token: tokenA, revoke: true, want: http.StatusUnauthorized, lookup: true},
		{name: "revoked: then forgotten", at: 61 * time.Second, addr: "10.0.0.1:4005", token: tokenA, want: http.StatusTooManyRequests},
	}
	for _, s := range steps {
		now = start.Add(s.at)
		if s.revoke {
			revokedA.Store(true)
		}
		method, path := s.method, s.path
		if method == "" {
			method = http.MethodPost
		}
		if path == "" {
			path = PathMCP
		}
		for i := range max(1, s.times) {
			before := lookups.Load()
			body := ""
			if method == http.MethodPost {
				body = pingBody
			}
			req := httptest.NewRequest(method, ts.URL+path, strings.NewReader(body))
			req.RemoteAddr = s.addr
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json, text/event-stream")
			if s.token != "" {
				req.Header.Set("Authorization", "Bearer "+s.token)
			}
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, req)
			if w.Code != s.want {
				t.Errorf("%s (%d): status %d, want %d", s.name, i, w.Code, s.want)
			}
			if looked := lookups.Load() != before; looked != s.lookup {
				t.Errorf("%s (%d): token looked up %v, want %v", s.name, i, looked, s.lookup)
			}
			if s.want != http.StatusTooManyRequests {
				continue
			}
			if ra := w.Header().Get("Retry-After"); ra != "100" && !(s.at > 0 && ra == "39") {
				t.Errorf("%s: Retry-After %q, want 100", s.name, ra)
			}
			if method == http.MethodPost {
				id, code, msg, data := rpcErrorOf(t, w.Result())
				if string(id) != "null" || code != rateLimitedCode || !strings.Contains(msg, "Try again in") || data["retryAfterSeconds"] == nil {
					t.Errorf("%s: id %s code %d %q %v", s.name, id, code, msg, data)
				}
			}
		}
	}
	if !logShowsLine(ts, `status=200`) {
		t.Fatalf("no call log:\n%s", ts.log.String())
	}
	log := ts.log.String()
	if strings.Contains(log, `rpc_error="too many refused authentications"`) {
		t.Errorf("a call-log line for a refusal:\n%s", log)
	}
	// 10 refusals in the first minute: the first warned at once; the one a minute
	// later warns with the 9 after it and itself.
	if n := strings.Count(log, "too many refused authentications"); n != 2 ||
		!strings.Contains(log, "refused=1\n") || !strings.Contains(log, "refused=10\n") {
		t.Errorf("%d warnings, want 2 (refused=1, refused=10):\n%s", n, log)
	}
	for _, secret := range []string{tokenA, tokenB, "tok_wrong", "10.0.0.1", "2001:db8"} {
		if strings.Contains(log, secret) {
			t.Errorf("%q reached the log", secret)
		}
	}
}

// TestRecentAuths checks that a token is remembered for 5 minutes by its hash, that
// a forgotten one is gone, and that the memory is bounded.
func TestRecentAuths(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	c := recentAuths{max: 3}
	c.put("t1", now)
	c.put("t3", now)
	c.forget("t3")
	for _, tc := range []struct {
		name   string
		secret string
		at     time.Duration
		want   bool
	}{
		{"just seen", "t1", 0, true},
		{"4 min 59 s later", "t1", 5*time.Minute - time.Second, true},
		{"5 min later", "t1", 5 * time.Minute, false},
		{"never seen", "t2", 0, false},
		{"forgotten", "t3", 0, false},
	} {
		if got := c.has(tc.secret, now.Add(tc.at)); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	for i := range 100 {
		c.put(fmt.Sprint("s", i), now.Add(time.Duration(i)*time.Second))
		if n := c.len(); n > 3 {
			t.Fatalf("after %d tokens %d remembered, want at most 3", i+1, n)
		}
	}
	if !c.has("s99", now.Add(99*time.Second)) {
		t.Errorf("the last token put is not remembered")
	}
	for k := range c.m {
		if strings.Contains(fmt.Sprint(k), "s99") {
			t.Errorf("a secret is kept as itself")
		}
	}
}

// TestAuthFloodOverHTTP floods a served endpoint with wrong tokens from one address
// over real connections, and checks that only the burst reaches the token store.
func TestAuthFloodOverHTTP(t *testing.T) {
	var lookups atomic.Int64
	ts := newTestServer(t, Config{AuthFailures: ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 20}),
		Authenticate: countingAuthenticate(&lookups)})
	counts := map[int]int{}
	for range 500 {
		resp := ts.do(t, http.MethodPost, PathMCP, "tok_wrong", pingBody, nil)
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		counts[resp.StatusCode]++
	}
	if counts[http.StatusUnauthorized] != 20 || counts[http.StatusTooManyRequests] != 480 || lookups.Load() != 20 {
		t.Errorf("statuses %v after %d lookups; want 20 401s and lookups, then 480 429s", counts, lookups.Load())
	}
}

// TestClientKey checks which client address a connection's peer counts as.
func TestClientKey(t *testing.T) {
	for _, tc := range []struct{ remote, want string }{
		{"192.0.2.7:55000", "192.0.2.7"},
		{"[::ffff:192.0.2.7]:55000", "192.0.2.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"[::1]:80", "::/64"},
		{"@", "@"}, // not host:port (a unix socket's peer)
	} {
		if got := clientKey(tc.remote); got != tc.want {
			t.Errorf("clientKey(%q) = %q, want %q", tc.remote, got, tc.want)
		}
	}
}

// serveCapped serves a Server of c on a loopback port until the test ends, and
// returns its address and a function stopping it and waiting for Serve to return.
func serveCapped(t *testing.T, c Config) (addr string, stop func()) {
	t.Helper()
	c.Authenticate = fakeAuthenticate
	if c.Log == nil {
		c.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	c.ShutdownTimeout = 2 * time.Second // busy test connections are cut then
	h, err := New(testMCP(nil, nil), c)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan net.Addr, 1)
	served := make(chan error, 1)
	go func() { served <- h.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addrc <- a }) }()
	addr = (<-addrc).String()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-served:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Error("Serve did not return")
			}
		})
	}
	t.Cleanup(stop)
	return addr, stop
}

// rawHealthz opens a connection, gets /healthz on it and leaves it open, idle.
func rawHealthz(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", PathHealth)
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz: %v", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return c, br
}

// busyConn opens a connection with a request in flight: a POST with a good token
// whose body has not all arrived.
func busyConn(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{", PathMCP, tokenA)
	return c
}

// closedByServer reports whether the server closed c within d.
func closedByServer(c net.Conn, br *bufio.Reader, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	if br == nil {
		br = bufio.NewReader(c)
	}
	_, err := br.ReadByte()
	return err == io.EOF || (err != nil && !errors.Is(err, os.ErrDeadlineExceeded))
}

func goodPost(addr string, timeout time.Duration) (int, error) {
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+PathMCP, strings.NewReader(pingBody))
	req.Header.Set("Authorization", "Bearer "+tokenA)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	resp, err := (&http.Client{Timeout: timeout}).Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// TestConnectionCapReclaims checks that at the global cap the connection idle the
// longest is closed for a new one: anonymous idle keep-alives (after GET /healthz)
// cannot keep a customer out, and neither can a connection that sends nothing
// (after silentReclaim).
func TestConnectionCapReclaims(t *testing.T) {
	t.Run("idle keep-alives", func(t *testing.T) {
		addr, _ := serveCapped(t, Config{MaxConns: 4, Stateless: true})
		var conns []net.Conn
		var readers []*bufio.Reader
		for range 4 {
			c, br := rawHealthz(t, addr)
			conns, readers = append(conns, c), append(readers, br)
		}
		if code, err := goodPost(addr, 5*time.Second); code != http.StatusOK {
			t.Fatalf("good-token POST with the cap held by idle connections: %d %v", code, err)
		}
		// One made room (the longest idle: which one that is depends on when the
		// server noted each idle; TestLongestIdle holds the choice).
		closed := 0
		for i, c := range conns {
			if closedByServer(c, readers[i], 300*time.Millisecond) {
				closed++
			}
		}
		if closed != 1 {
			t.Errorf("%d idle connections closed, want 1", closed)
		}
	})
	t.Run("silent connection", func(t *testing.T) {
		addr, _ := serveCapped(t, Config{MaxConns: 1, Stateless: true})
		silent, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer silent.Close()
		start := time.Now()
		if code, err := goodPost(addr, 20*time.Second); code != http.StatusOK {
			t.Fatalf("POST: %d %v", code, err)
		}
		if d := time.Since(start); d < silentReclaim-time.Second {
			t.Errorf("served after %v, before the silent connection could be reclaimed", d)
		}
		if !closedByServer(silent, nil, 2*time.Second) {
			t.Error("the silent connection is still open")
		}
	})
}

// TestLongestIdle checks which connection the cap reclaims: the one idle the
// longest, never a busy one or a new one silent for less than silentReclaim.
func TestLongestIdle(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		conns []limitedConn
		want  int // index, -1 for none
		next  time.Duration
	}{
		{"none idle", []limitedConn{{}, {}}, -1, 0},
		{"the longest idle", []limitedConn{{idle: true, idleFrom: now.Add(-time.Second)}, {idle: true, idleFrom: now.Add(-time.Minute)}, {}}, 1, 0},
		{"a silent one not yet", []limitedConn{{idle: true, idleFrom: now.Add(3 * time.Second)}, {}}, -1, 3 * time.Second},
		{"an idle one before a silent one", []limitedConn{{idle: true, idleFrom: now.Add(3 * time.Second)}, {idle: true, idleFrom: now}}, 1, 3 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newConnLimit(nil, 10, 0, nil, nil)
			for i := range tc.conns {
				c := &tc.conns[i]
				l.conns[c] = c
			}
			got, next := l.longestIdle(now)
			want := (*limitedConn)(nil)
			if tc.want >= 0 {
				want = &tc.conns[tc.want]
			}
			if got != want {
				t.Errorf("reclaims %p, want %p (%d)", got, want, tc.want)
			}
			if got == nil && next.Sub(now) != tc.next && !(tc.next == 0 && next.IsZero()) {
				t.Errorf("next at %v, want %v", next.Sub(now), tc.next)
			}
		})
	}
}

// TestConnectionsPerAddr checks that one more connection than MaxConnsPerAddr from
// one address is closed at once, that a closed one gives its slot back, and that a
// trusted proxy's connections are not capped per address.
func TestConnectionsPerAddr(t *testing.T) {
	t.Run("capped", func(t *testing.T) {
		var log syncbuf.Buffer
		addr, _ := serveCapped(t, Config{MaxConnsPerAddr: 2, Stateless: true, Log: slog.New(slog.NewTextHandler(&log, nil))})
		c1, _ := rawHealthz(t, addr)
		rawHealthz(t, addr)
		extra, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer extra.Close()
		if !closedByServer(extra, nil, 2*time.Second) {
			t.Fatal("the connection over the per-address cap was not closed")
		}
		if l := log.String(); !strings.Contains(l, "over --max-conns-per-addr") || !strings.Contains(l, "closed=1") || strings.Contains(l, "127.0.0.1") {
			t.Errorf("no warning counting the close, or one naming the address:\n%s", l)
		}
		c1.Close()
		// The slot comes back once the server has seen the close.
		deadline := time.Now().Add(5 * time.Second)
		for {
			code, err := goodPost(addr, 2*time.Second)
			if code == http.StatusOK {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("no slot after one closed: %d %v", code, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
	t.Run("trusted proxy not capped", func(t *testing.T) {
		addr, _ := serveCapped(t, Config{MaxConnsPerAddr: 1, Stateless: true, TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
		rawHealthz(t, addr)
		rawHealthz(t, addr)
		if code, err := goodPost(addr, 5*time.Second); code != http.StatusOK {
			t.Fatalf("third connection from a trusted proxy: %d %v", code, err)
		}
	})
}

// TestConnectionCap checks, over plain HTTP and TLS, that with MaxConns busy
// connections the one more is not served until one of them closes (its slot given
// back through the TLS connection's close too), and that Serve still shuts down
// while an Accept waits.
func TestConnectionCap(t *testing.T) {
	certFile, keyFile, cert := selfSigned(t, t.TempDir())
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	for _, tc := range []struct {
		name string
		tls  bool
	}{{name: "plain"}, {name: "tls", tls: true}} {
		t.Run(tc.name, func(t *testing.T) {
			c := Config{MaxConns: 2}
			if tc.tls {
				c.TLSCert, c.TLSKey = certFile, keyFile
			}
			addr, stop := serveCapped(t, c)
			base := "http://" + addr
			if tc.tls {
				base = "https://" + addr
			}
			client := func() *http.Client {
				return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
			}
			get := func(c *http.Client) (int, error) {
				resp, err := c.Get(base + PathHealth)
				if err != nil {
					return 0, err
				}
				defer resp.Body.Close()
				_, _ = io.Copy(io.Discard, resp.Body)
				return resp.StatusCode, nil
			}
			// Two connections with a request in flight each (not idle).
			busy := func() io.Closer {
				if !tc.tls {
					return busyConn(t, addr)
				}
				tc, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: pool})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { tc.Close() })
				fmt.Fprintf(tc, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 100\r\n\r\n{", PathMCP, tokenA)
				return tc
			}
			b1 := busy()
			busy()
			third := make(chan int, 1)
			go func() {
				code, err := get(client())
				if err != nil {
					t.Error(err)
				}
				third <- code
			}()
			select {
			case code := <-third:
				t.Fatalf("the connection over the cap was served (%d) while two were busy", code)
			case <-time.After(300 * time.Millisecond):
			}
			b1.Close()
			select {
			case code := <-third:
				if code != http.StatusOK {
					t.Errorf("the waiting connection got %d, want 200", code)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the waiting connection was not served after one closed")
			}
			// Two slots taken again (the busy one, a fourth busy one); a fifth waits
			// in Accept while shutdown runs.
			busy()
			go func() {
				resp, err := client().Get(base + PathHealth)
				if err == nil {
					resp.Body.Close()
				}
			}()
			time.Sleep(50 * time.Millisecond)
			stop()
		})
	}
}

// TestAuthConcurrentTakes sends 50 wrong tokens from one address at once, held at
// the lookup: only the burst (3) is looked up, the others get 429 at once (the
// refusal is taken before the lookup, not counted after it).
func TestAuthConcurrentTakes(t *testing.T) {
	const n, burst = 50, 3
	var lookups atomic.Int64
	gate := make(chan struct{})
	auth := func(ctx context.Context, s string) (string, error) {
		lookups.Add(1)
		<-gate
		return fakeAuthenticate(ctx, s)
	}
	lim := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: burst})
	ts := newTestServer(t, Config{Stateless: true, AuthFailures: lim, Authenticate: auth})
	codes := make(chan int, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			req := httptest.NewRequest(http.MethodPost, ts.URL+PathMCP, strings.NewReader(pingBody))
			req.RemoteAddr = "192.0.2.1:1"
			req.Header.Set("Authorization", "Bearer tok_wrong")
			w := httptest.NewRecorder()
			ts.h.Handler().ServeHTTP(w, req)
			codes <- w.Code
		})
	}
	got := map[int]int{}
	for range n - burst {
		got[<-codes]++
	}
	close(gate)
	wg.Wait()
	close(codes)
	for c := range codes {
		got[c]++
	}
	if lookups.Load() != burst || got[http.StatusTooManyRequests] != n-burst || got[http.StatusUnauthorized] != burst {
		t.Errorf("%d lookups, statuses %v; want %d lookups and 401s, %d 429s", lookups.Load(), got, burst, n-burst)
	}
}

// TestAuthFailureTableFull fills the limit's table with attacking addresses: a good
// token from a fresh address is still served (a new address is not tracked then,
// never refused for others' failures).
func TestAuthFailureTableFull(t *testing.T) {
	lim := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 2, MaxKeys: 3})
	ts := newTestServer(t, Config{Stateless: true, AuthFailures: lim})
	send := func(addr, token string) int {
		req := httptest.NewRequest(http.MethodPost, ts.URL+PathMCP, strings.NewReader(pingBody))
		req.RemoteAddr = addr
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		ts.h.Handler().ServeHTTP(w, req)
		return w.Code
	}
	for i := 1; i <= 30; i++ {
		for range 3 {
			send(fmt.Sprintf("198.51.100.%d:1", i), "tok_wrong")
		}
	}
	if code := send("198.51.100.1:1", "tok_wrong"); code != http.StatusTooManyRequests {
		t.Errorf("a tracked attacker: %d, want 429", code)
	}
	if code := send("203.0.113.9:1", tokenA); code != http.StatusOK {
		t.Errorf("a good token from a fresh address while the table is full: %d, want 200", code)
	}
}

// TestClientAddr checks which client address a request counts as, with and without
// trusted proxies.
func TestClientAddr(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	for _, tc := range []struct {
		name    string
		trusted bool
		remote  string
		xff     []string
		want    string
	}{
		{"peer, no proxies", false, "192.0.2.7:5", nil, "192.0.2.7"},
		{"header ignored without trusted proxies", false, "10.0.0.1:5", []string{"198.51.100.1"}, "10.0.0.1"},
		{"header ignored from an untrusted peer", true, "192.0.2.7:5", []string{"198.51.100.1"}, "192.0.2.7"},
		{"trusted peer, one hop", true, "10.0.0.1:5", []string{"198.51.100.1"}, "198.51.100.1"},
		{"right-most untrusted hop", true, "10.0.0.1:5", []string{"6.6.6.6, 198.51.100.1, 10.0.0.2"}, "198.51.100.1"},
		{"several header lines", true, "10.0.0.1:5", []string{"6.6.6.6", "198.51.100.1"}, "198.51.100.1"},
		{"every hop trusted: the left-most", true, "10.0.0.1:5", []string{"10.0.0.3, 10.0.0.2"}, "10.0.0.3"},
		{"malformed hop: the peer", true, "10.0.0.1:5", []string{"198.51.100.1, nonsense"}, "10.0.0.1"},
		{"empty hop: the peer", true, "10.0.0.1:5", []string{"198.51.100.1,"}, "10.0.0.1"},
		{"no header: the peer", true, "10.0.0.1:5", nil, "10.0.0.1"},
		{"IPv6 proxy, mapped client", true, "[fd00::1]:5", []string{"::ffff:198.51.100.1"}, "198.51.100.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &Server{}
			if tc.trusted {
				h.cfg.TrustedProxies = proxies
			}
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			a, ok := h.clientAddr(r)
			if !ok || a.String() != tc.want {
				t.Errorf("clientAddr = %v %v, want %s", a, ok, tc.want)
			}
		})
	}
}

// TestAuthSiteRefusalsDoNotFillTable: requests refused by a spent IPv6 /48 make no
// /64 buckets, so one spent /48 cannot fill the table and leave every new address
// untracked; a fresh IPv4 address still gets only its burst of lookups.
func TestAuthSiteRefusalsDoNotFillTable(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	lim := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 3, MaxKeys: 50, Now: clock})
	site := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 1, Now: clock})
	var lookups atomic.Int64
	ts := newTestServer(t, Config{Stateless: true, AuthFailures: lim, AuthFailuresIPv6Site: site, Authenticate: countingAuthenticate(&lookups)})
	send := func(addr string) int {
		req := httptest.NewRequest(http.MethodPost, ts.URL+PathMCP, strings.NewReader(pingBody))
		req.RemoteAddr = addr
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		req.Header.Set("Authorization", "Bearer tok_wrong")
		w := httptest.NewRecorder()
		ts.h.Handler().ServeHTTP(w, req)
		return w.Code
	}
	if code := send("[2001:db8::1]:1"); code != http.StatusUnauthorized { // spends the /48
		t.Fatalf("first wrong token: %d, want 401", code)
	}
	for i := 1; i <= 60; i++ {
		if code := send(fmt.Sprintf("[2001:db8:0:%x::1]:1", i)); code != http.StatusTooManyRequests {
			t.Fatalf("/64 number %d of the spent /48: %d, want 429", i, code)
		}
	}
	before := lookups.Load()
	codes := map[int]int{}
	for range 100 {
		codes[send("198.51.100.7:1")]++
	}
	if n := lookups.Load() - before; n != 3 || codes[http.StatusTooManyRequests] != 97 {
		t.Errorf("a fresh IPv4 address: %d lookups, statuses %v; want 3 lookups (its burst), 97 × 429", n, codes)
	}
}

// TestAuthClientGone: a lookup that fails because the client went away (its
// request's context ended; database/sql answers ctx.Err() then) is not given back
// and logs no error, so clients that close at once neither get free lookups nor
// flood the log; a store error while the client waits is still 503, given back.
func TestAuthClientGone(t *testing.T) {
	lim := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 3})
	var lookups atomic.Int64
	ts := newTestServer(t, Config{Stateless: true, AuthFailures: lim,
		Authenticate: func(ctx context.Context, secret string) (string, error) {
			if err := ctx.Err(); err != nil {
				return "", err
			}
			lookups.Add(1)
			if secret == tokenDown {
				return "", errors.New("database is locked")
			}
			return "", ErrBadToken
		}})
	send := func(ctx context.Context, token string) int {
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, ts.URL+PathMCP, nil)
		req.RemoteAddr = "10.0.0.1:1"
		req.Header.Set("Accept", "text/event-stream")
		req.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		ts.h.Handler().ServeHTTP(w, req)
		return w.Code
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	steps := []struct {
		name  string
		ctx   context.Context
		token string
		want  int
	}{
		{"store down, client waiting: 503, given back", context.Background(), tokenDown, http.StatusServiceUnavailable},
		{"client gone: not given back", gone, "tok_wrong", http.StatusOK}, // nothing written
		{"client gone again", gone, "tok_wrong", http.StatusOK},
		{"a wrong token: the last of the burst", context.Background(), "tok_wrong", http.StatusUnauthorized},
		{"the burst is spent", context.Background(), "tok_wrong", http.StatusTooManyRequests},
	}
	for _, s := range steps {
		if code := send(s.ctx, s.token); code != s.want {
			t.Errorf("%s: %d, want %d", s.name, code, s.want)
		}
	}
	if n := strings.Count(ts.log.String(), "authenticating a request failed"); n != 1 {
		t.Errorf("%d error lines, want 1 (the store down while the client waited):\n%s", n, ts.log.String())
	}
}
