package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/internal/wiretest"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// hostedRun is a `serve --transport http|sse` started through run() on a free port.
type hostedRun struct {
	url    string // the MCP endpoint (…/mcp or …/sse)
	base   string // scheme://host:port
	db     string
	stderr *syncbuf.Buffer
	cancel context.CancelFunc // ends serving, as SIGTERM does
	done   chan error         // run's result
}

var servingURL = regexp.MustCompile(`serving MCP over HTTP .*url=(\S+)`)

// startHosted starts serve on db with args (a --transport among them) and env, and
// waits until it listens. The server is stopped at the end of the test.
func startHosted(t *testing.T, db string, env map[string]string, args ...string) *hostedRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &hostedRun{db: db, stderr: &syncbuf.Buffer{}, cancel: cancel, done: make(chan error, 1)}
	all := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, args...)
	go func() {
		r.done <- run(ctx, all, func(k string) string { return env[k] }, strings.NewReader(""), &strings.Builder{}, r.stderr)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := servingURL.FindStringSubmatch(r.stderr.String()); m != nil {
			r.url = m[1]
			r.base = r.url[:strings.LastIndex(r.url, "/")]
			break
		}
		select {
		case err := <-r.done:
			t.Fatalf("serve ended before listening: %v\n%s", err, r.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start listening:\n%s", r.stderr.String())
		}
	}
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop ends serving and returns run's error; later calls return nil.
func (r *hostedRun) stop(t *testing.T) error {
	t.Helper()
	if r.cancel == nil {
		return nil
	}
	r.cancel()
	r.cancel = nil
	select {
	case err := <-r.done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not stop within 30 s:\n%s", r.stderr.String())
		return nil
	}
}

// newToken creates a bearer token for customer in db and returns its secret.
func newToken(t *testing.T, db, customer string) string {
	t.Helper()
	st, err := store.Open(context.Background(), store.FileBeside(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	secret, _, err := st.CreateToken(context.Background(), customer, "", time.Time{}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// httpClient returns a started Streamable HTTP client of url with token, pinned to
// protocol version (the client's default, 2026-07-28, when "").
func httpClient(t *testing.T, ctx context.Context, url, token, version string, opts ...client.ClientOption) *client.Client {
	t.Helper()
	tr, err := transport.NewStreamableHTTP(url, transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer " + token}))
	if err != nil {
		t.Fatal(err)
	}
	if version != "" {
		opts = append(opts, client.WithProtocolVersion(version))
	}
	c := client.NewClient(tr, opts...)
	startClient(t, ctx, c)
	return c
}

func startClient(t *testing.T, ctx context.Context, c *client.Client) {
	t.Helper()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	init := mcp.InitializeRequest{}
	init.Params.ClientInfo = mcp.Implementation{Name: "hosted-test", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
}

// get sends a request to the server with token ("" for none) and headers.
func (r *hostedRun) do(t *testing.T, method, path, token, body string, header map[string]string) *http.Response {
	t.Helper()
	return wiretest.Do(t, http.DefaultClient, method, r.base+path, token, body, header)
}

// TestHostedServes checks serve --transport http end to end: a token from the store
// authenticates a Streamable HTTP client, which lists the tools, searches and buys
// for the token's customer; missing, unknown, expired and revoked tokens get the same
// 401 with the challenge, whose metadata document is served; a foreign Origin gets
// 403 and an allowed one CORS; /healthz answers; a session cannot be used with
// another customer's token; the call log names method, tool and customer and never
// the token; and ending the context (as SIGTERM does) stops serve cleanly.
func TestHostedServes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "shop.db")
	srv := startHosted(t, db, nil, "--transport", "http", "--allowed-origins", "https://app.example")
	token := newToken(t, db, store.DemoCustomerID)

	c := httpClient(t, ctx, srv.url, token, "")
	tools, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil || len(tools.Tools) == 0 {
		t.Fatalf("tools/list: %v", err)
	}
	var found struct{ Total int }
	callJSON(t, ctx, c, "search_products", map[string]any{"query": "running shoes", "limit": 3}, &found)
	if found.Total == 0 {
		t.Error("search found nothing")
	}
	var bought struct {
		Status  string
		OrderID string `json:"order_id"`
	}
	callJSON(t, ctx, c, "purchase", map[string]any{"product_id": "nw-actv-0001"}, &bought)
	if bought.Status != "completed" {
		t.Fatalf("purchase = %+v", bought)
	}
	st, err := store.Open(ctx, store.FileBeside(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if o, err := st.Order(ctx, store.DemoCustomerID, bought.OrderID); err != nil || o.CustomerID != store.DemoCustomerID {
		t.Errorf("the order is not the token's customer's: %+v %v", o, err)
	}

	// Every token that does not authenticate gets the same answer.
	now := time.Now()
	expired, _, err := st.CreateToken(ctx, store.DemoCustomerID, "old", now.Add(-time.Hour), now.Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	revoked, tok, err := st.CreateToken(ctx, store.DemoCustomerID, "gone", time.Time{}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RevokeToken(ctx, tok.ID, now); err != nil {
		t.Fatal(err)
	}
	challenge := `Bearer resource_metadata="` + srv.base + `/.well-known/oauth-protected-resource/mcp"`
	for name, tk := range map[string]string{"missing": "", "unknown": store.TokenPrefix + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "expired": expired, "revoked": revoked} {
		resp := srv.do(t, http.MethodPost, "/mcp", tk, wiretest.InitializeBody, nil)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") != challenge {
			t.Errorf("%s token: %d %q, want 401 %q", name, resp.StatusCode, resp.Header.Get("WWW-Authenticate"), challenge)
		}
		if name != "missing" && string(body) != "unauthorized: the bearer token is not valid (unknown, expired or revoked); ask the server's operator for a new one\n" {
			t.Errorf("%s token: body %q differs from the others", name, body)
		}
	}
	var meta struct{ Resource string }
	resp := srv.do(t, http.MethodGet, "/.well-known/oauth-protected-resource/mcp", "", "", nil)
	if err := json.NewDecoder(resp.Body).Decode(&meta); err != nil || meta.Resource != srv.url {
		t.Errorf("protected-resource metadata: %d %+v %v", resp.StatusCode, meta, err)
	}

	if resp := srv.do(t, http.MethodPost, "/mcp", token, wiretest.InitializeBody, map[string]string{"Origin": "https://evil.example"}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Origin: %d, want 403", resp.StatusCode)
	}
	pre := srv.do(t, http.MethodOptions, "/mcp", "", "", map[string]string{"Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
	if pre.StatusCode != http.StatusNoContent || pre.Header.Get("Access-Control-Allow-Origin") != "https://app.example" ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Headers"), "Mcp-Session-Id") {
		t.Errorf("preflight from an allowed origin: %d %v", pre.StatusCode, pre.Header)
	}
	if resp := srv.do(t, http.MethodGet, "/healthz", "", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %d", resp.StatusCode)
	}

	// A session opened with one customer's token is unknown to another's.
	other, err := st.CreateCustomer(ctx, store.Customer{Email: "bob@example.com", Name: "Bob"})
	if err != nil {
		t.Fatal(err)
	}
	bobToken := newToken(t, db, other.ID)
	init := srv.do(t, http.MethodPost, "/mcp", token, wiretest.InitializeBody, nil)
	sid := init.Header.Get("Mcp-Session-Id")
	if sid == "" {
		t.Fatal("initialize gave no session id")
	}
	session := map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": "2025-11-25"}
	for _, m := range []string{http.MethodPost, http.MethodGet, http.MethodDelete} {
		body := ""
		if m == http.MethodPost {
			body = `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_orders","arguments":{}}}`
		}
		if resp := srv.do(t, m, "/mcp", bobToken, body, session); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s with another customer's session: %d, want 404", m, resp.StatusCode)
		}
	}

	if err := srv.stop(t); err != nil {
		t.Errorf("run: %v", err)
	}
	log := srv.stderr.String()
	if !regexp.MustCompile(`call .*method=tools/call tool=purchase customer=cus_demo .*took=`).MatchString(log) {
		t.Errorf("no call line for the purchase:\n%s", log)
	}
	for _, secret := range []string{token, bobToken, expired, revoked, sid} {
		if strings.Contains(log, secret) {
			t.Errorf("a secret (%.12s…) reached the log", secret)
		}
	}
}

// TestHostedClients checks that mcp-go's clients of both protocol eras, over
// stateful and stateless Streamable HTTP, and its SSE client, work through bearer
// authentication against serve: they search, read preferences and buy with a
// confirmation dialog.
func TestHostedClients(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		version string // "" for the client's default, 2026-07-28
		bought  string // status of a purchase above the confirmation threshold
	}{
		{name: "2026-07-28", args: []string{"--transport", "http"}, bought: "completed"},
		{name: "2025-11-25", args: []string{"--transport", "http"}, version: mcp.ProtocolVersion20251125, bought: "completed"},
		// Without sessions a 2025-era server knows nothing of the client's capabilities
		// after initialize, so it cannot show a dialog and returns a quote instead.
		{name: "2025-11-25 stateless", args: []string{"--transport", "http", "--stateless"}, version: mcp.ProtocolVersion20251125, bought: "confirmation_required"},
		{name: "2026-07-28 stateless", args: []string{"--transport", "http", "--stateless"}, bought: "completed"},
		{name: "sse", args: []string{"--transport", "sse"}, bought: "completed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			db := filepath.Join(t.TempDir(), "shop.db")
			srv := startHosted(t, db, nil, tc.args...)
			token := newToken(t, db, store.DemoCustomerID)
			c := dialogClientOf(t, ctx, srv.url, token, tc.name == "sse", tc.version)
			var found struct {
				Products []struct{ ID string }
			}
			callJSON(t, ctx, c, "search_products", map[string]any{"query": "tent", "limit": 1}, &found)
			var prefs map[string]any
			callJSON(t, ctx, c, "get_preferences", map[string]any{}, &prefs)
			if len(found.Products) == 0 {
				t.Error("search found nothing")
			}
			// Above the confirmation threshold: the client's dialog accepts.
			var bought struct{ Status string }
			callJSON(t, ctx, c, "purchase", map[string]any{"product_id": "nw-shoe-0001"}, &bought)
			if bought.Status != tc.bought {
				t.Errorf("purchase with a dialog: status %q, want %q", bought.Status, tc.bought)
			}
			if err := srv.stop(t); err != nil {
				t.Errorf("run: %v", err)
			}
		})
	}
}

// hostedProcess is `commerce-mcp serve --transport http` run as a separate process
// (this test binary acting as the program, see TestMain).
type hostedProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncbuf.Buffer
	exited chan error
}

// startProcess starts the program with args and env and waits until it listens.
func startProcess(t *testing.T, env []string, args ...string) *hostedProcess {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary to run it as the program:", err)
	}
	p := &hostedProcess{cmd: exec.Command(exe, args...), stderr: &syncbuf.Buffer{}, exited: make(chan error, 1)}
	p.cmd.Env = append(append(os.Environ(), asMainEnv+"=1"), env...)
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	waitServing(t, p)
	return p
}

// waitServing waits until the started p listens, and kills it at the end of the test
// unless it has exited.
func waitServing(t *testing.T, p *hostedProcess) {
	t.Helper()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.exited
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := servingURL.FindStringSubmatch(p.stderr.String()); m != nil {
			p.url = m[1]
			return
		}
		select {
		case err := <-p.exited:
			t.Fatalf("the server exited before listening: %v\n%s", err, p.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start listening:\n%s", p.stderr.String())
		}
	}
}

// terminate sends SIGTERM and returns the exit error (nil for exit 0).
func (p *hostedProcess) terminate(t *testing.T) error {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.exited:
		return err
	case <-time.After(30 * time.Second):
		t.Fatalf("no exit 30 s after SIGTERM:\n%s", p.stderr.String())
		return nil
	}
}

// TestHostedReplicas runs two `serve --transport http --stateless` processes on one
// database, as replicas behind a load balancer. A purchase quoted through one is
// confirmed by quote_id through the other. A 2026-07-28 confirmation dialog whose
// answer reaches the other replica is accepted there when both share
// COMMERCE_CONFIRM_KEY (the dialog's state is sealed with it), and refused, buying
// nothing, when they do not. Both exit 0 on SIGTERM.
func TestHostedReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	keyA := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name     string
		keyB     string
		dialog   bool // confirm in a dialog (elicitation) rather than by quote_id
		complete bool
	}{
		{name: "quote_id", keyB: keyA, complete: true},
		{name: "dialog, shared key", keyB: keyA, dialog: true, complete: true},
		{name: "dialog, different keys", keyB: strings.Repeat("cd", 32), dialog: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			db := filepath.Join(t.TempDir(), "shop.db")
			testshop.WriteDemo(t, db) // so that neither replica writes the demo catalog at its start
			args := []string{"serve", "--db", db, "--transport", "http", "--stateless", "--addr", "127.0.0.1:0"}
			a := startProcess(t, []string{"COMMERCE_CONFIRM_KEY=" + keyA}, args...)
			b := startProcess(t, []string{"COMMERCE_CONFIRM_KEY=" + tc.keyB}, args...)
			token := newToken(t, db, store.DemoCustomerID)
			// nw-shoe-0001 costs $206.95, above the demo customer's $50 confirmation
			// threshold.
			buy := mcp.CallToolRequest{}
			buy.Params.Name, buy.Params.Arguments = "purchase", map[string]any{"product_id": "nw-shoe-0001"}

			var res *mcp.CallToolResult
			var err error
			if tc.dialog {
				// The first call goes to A; the retry carrying the person's answer, to B.
				c := dialogClient(t, ctx, a.url, b.url, token)
				res, err = c.CallTool(ctx, buy)
			} else {
				var quoted struct {
					Status  string
					QuoteID string `json:"quote_id"`
				}
				callJSON(t, ctx, httpClient(t, ctx, a.url, token, ""), "purchase", buy.Params.Arguments.(map[string]any), &quoted)
				if quoted.Status != "confirmation_required" || quoted.QuoteID == "" {
					t.Fatalf("purchase through A = %+v", quoted)
				}
				confirm := mcp.CallToolRequest{}
				confirm.Params.Name, confirm.Params.Arguments = "purchase", map[string]any{"quote_id": quoted.QuoteID}
				res, err = httpClient(t, ctx, b.url, token, "").CallTool(ctx, confirm)
			}
			if err != nil {
				t.Fatal(err)
			}
			var outcome struct {
				Status  string
				OrderID string `json:"order_id"`
			}
			raw, _ := json.Marshal(res.StructuredContent)
			json.Unmarshal(raw, &outcome)
			st, err := store.Open(ctx, store.FileBeside(db))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			orders, _, err := st.ListOrders(ctx, store.OrderFilter{CustomerID: store.DemoCustomerID})
			if err != nil {
				t.Fatal(err)
			}
			if tc.complete {
				if res.IsError || outcome.Status != "completed" || len(orders) != 1 || orders[0].ID != outcome.OrderID {
					t.Errorf("confirmed through B: isError=%v %+v %s; %d orders", res.IsError, outcome, textOf(res), len(orders))
				}
			} else if outcome.Status == "completed" || len(orders) != 0 {
				t.Errorf("B accepted a dialog sealed with another key: %+v %s; %d orders", outcome, textOf(res), len(orders))
			}
			if !logShows(b.stderr, "tool=purchase") {
				t.Errorf("the confirmation did not go through B:\n%s", b.stderr.String())
			}
			for _, p := range []*hostedProcess{a, b} {
				if err := p.terminate(t); err != nil {
					t.Errorf("exit after SIGTERM: %v\n%s", err, p.stderr.String())
				}
				if !strings.Contains(p.stderr.String(), "stopped") {
					t.Errorf("no clean stop logged:\n%s", p.stderr.String())
				}
			}
		})
	}
}

// dialogClient returns a 2026-07-28 client that declares elicitation and accepts every
// dialog. Its requests go to first, except those answering a dialog (inputResponses),
// which go to second: a load balancer sending the retry to another replica.
func dialogClient(t *testing.T, ctx context.Context, first, second, token string) *client.Client {
	t.Helper()
	to, err := url.Parse(second)
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.Body != nil {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				return nil, err
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			if bytes.Contains(body, []byte(`"inputResponses"`)) {
				r.URL.Host, r.Host = to.Host, to.Host
			}
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	tr, err := transport.NewStreamableHTTP(first, transport.WithHTTPBasicClient(hc),
		transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer " + token}))
	if err != nil {
		t.Fatal(err)
	}
	c := client.NewClient(tr, client.WithElicitationHandler(acceptDialogs{}))
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	init := mcp.InitializeRequest{}
	init.Params.ClientInfo = mcp.Implementation{Name: "hosted-test", Version: "1"}
	init.Params.Capabilities.Elicitation = &mcp.ElicitationCapability{}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	return c
}

// dialogClientOf returns an initialized client of url (SSE when sse, else
// Streamable HTTP at version, "" for the default) that declares elicitation and
// accepts every dialog.
func dialogClientOf(t *testing.T, ctx context.Context, url, token string, sse bool, version string) *client.Client {
	t.Helper()
	headers := map[string]string{"Authorization": "Bearer " + token}
	opts := []client.ClientOption{client.WithElicitationHandler(acceptDialogs{})}
	if version != "" {
		opts = append(opts, client.WithProtocolVersion(version))
	}
	var tr transport.Interface
	var err error
	if sse {
		tr, err = transport.NewSSE(url, transport.WithHeaders(headers))
	} else {
		tr, err = transport.NewStreamableHTTP(url, transport.WithHTTPHeaders(headers))
	}
	if err != nil {
		t.Fatal(err)
	}
	c := client.NewClient(tr, opts...)
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = version
	init.Params.ClientInfo = mcp.Implementation{Name: "hosted-test", Version: "1"}
	init.Params.Capabilities.Elicitation = &mcp.ElicitationCapability{}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	return c
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// acceptDialogs answers every confirmation dialog with accept.
type acceptDialogs struct{}

func (acceptDialogs) Elicit(context.Context, mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	return &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{
		Action: mcp.ElicitationResponseActionAccept, Content: map[string]any{"confirm": true}}}, nil
}

// TestHostedShutdownFinishesCalls ends serve's context (as SIGTERM does) while a
// purchase is in flight, held up at the seller's checkout completion: serve waits for
// it, the purchase completes and its answer reaches the client, and run returns nil.
func TestHostedShutdownFinishesCalls(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dir := t.TempDir()
	arrived, release := make(chan struct{}, 1), make(chan struct{})
	w := newStripeWorld(t, dir, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/complete") {
				arrived <- struct{}{}
				<-release
			}
			next.ServeHTTP(rw, r)
		})
	})
	db := filepath.Join(dir, "shop.db")
	srv := startHosted(t, db, nil, append([]string{"--transport", "http"}, w.args...)...)
	c := httpClient(t, ctx, srv.url, newToken(t, db, store.DemoCustomerID), "")
	product := cheapProduct(t, ctx, c, w.sellerID)
	type answer struct {
		res *mcp.CallToolResult
		err error
	}
	answered := make(chan answer, 1)
	go func() {
		req := mcp.CallToolRequest{}
		req.Params.Name, req.Params.Arguments = "purchase", map[string]any{"product_id": product}
		res, err := c.CallTool(ctx, req)
		answered <- answer{res, err}
	}()
	<-arrived
	stopServing := srv.cancel
	srv.cancel = nil
	stopServing()
	select {
	case err := <-srv.done:
		t.Fatalf("run returned %v with a purchase in flight", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	a := <-answered
	if a.err != nil {
		t.Fatalf("purchase: %v\n%s", a.err, srv.stderr.String())
	}
	if text := textOf(a.res); a.res.IsError || !strings.Contains(text, "Bought") {
		t.Errorf("the purchase in flight answered %q", text)
	}
	select {
	case err := <-srv.done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("run did not return after the call finished:\n%s", srv.stderr.String())
	}
	if n := len(w.stripe.PaymentIntents()); n != 1 {
		t.Errorf("%d PaymentIntents, want 1", n)
	}
}

// TestHostedRateLimits checks the limits serve's flags set, per customer: a second
// purchase within the minute is refused and buys nothing, calls beyond the burst are
// refused, and another customer is not held back by the first one's calls.
func TestHostedRateLimits(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "shop.db")
	// 2 calls at once, then one per 100 s: nothing refills during the test.
	srv := startHosted(t, db, nil, "--transport", "http", "--rate", "0.01", "--burst", "2", "--purchase-rate", "1")
	a := httpClient(t, ctx, srv.url, newToken(t, db, store.DemoCustomerID), "")
	st, err := store.Open(ctx, store.FileBeside(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bob, err := st.CreateCustomer(ctx, store.Customer{Email: "bob@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	b := httpClient(t, ctx, srv.url, newToken(t, db, bob.ID), "")

	buy := map[string]any{"product_id": "nw-actv-0001"}
	search := map[string]any{"query": "tent", "limit": 1}
	steps := []struct {
		name    string
		c       *client.Client
		tool    string
		args    map[string]any
		limited bool
	}{
		{name: "first purchase", c: a, tool: "purchase", args: buy},
		{name: "second purchase within the minute", c: a, tool: "purchase", args: buy, limited: true},
		{name: "a call within the burst", c: a, tool: "search_products", args: search},
		{name: "a call beyond the burst", c: a, tool: "search_products", args: search, limited: true},
		{name: "another customer", c: b, tool: "search_products", args: search},
	}
	for _, s := range steps {
		res := callTool(t, ctx, s.c, s.tool, s.args)
		text := textOf(res)
		if limited := res.IsError && strings.Contains(text, "Too many calls"); limited != s.limited {
			t.Errorf("%s: isError=%v %q, want limited=%v", s.name, res.IsError, text, s.limited)
		}
	}
	orders, _, err := st.ListOrders(ctx, store.OrderFilter{CustomerID: store.DemoCustomerID})
	if err != nil || len(orders) != 1 {
		t.Errorf("%d orders (%v), want the first purchase's only", len(orders), err)
	}
}

func TestHostedGCPercent(t *testing.T) {
	for _, c := range []struct {
		name string
		gogc string
		pct  int
		set  bool
	}{
		{"unset: the hosted default", "", defaultHostedGCPercent, true},
		{"GOGC given: left to the runtime", "50", 0, false},
		{"GOGC=off: left to the runtime", "off", 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			pct, set := hostedGCPercent(func(k string) string {
				if k == "GOGC" {
					return c.gogc
				}
				return ""
			})
			if pct != c.pct || set != c.set {
				t.Errorf("hostedGCPercent with GOGC=%q = %d, %v; want %d, %v", c.gogc, pct, set, c.pct, c.set)
			}
		})
	}
}

// logShows reports whether log, which a server process writes to, shows want within a
// few seconds: a call's log line may be written just after its answer was sent.
func logShows(log *syncbuf.Buffer, want string) bool {
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if strings.Contains(log.String(), want) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// TestHostedGuards checks that serve's flags reach the hosted server: the
// authorization servers named in the protected-resource metadata, the request limit
// on every request (tool calls included), the per-customer stream cap (on a server of
// its own with a large request burst, so that only the cap can refuse), 405 with
// Allow on a method /mcp does not serve, and the refusal of a JSON-RPC batch.
func TestHostedGuards(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	// 3 requests at once, then one per 100 s: nothing refills during the test.
	srv := startHosted(t, db, map[string]string{"COMMERCE_AUTHORIZATION_SERVERS": "https://replaced.example"},
		"--transport", "http", "--request-rate", "0.01", "--request-burst", "3", "--max-streams", "1",
		"--authorization-server", "https://auth.example", "--authorization-server", "https://auth2.example/realm")
	token := newToken(t, db, store.DemoCustomerID)

	resp := srv.do(t, http.MethodGet, "/.well-known/oauth-protected-resource/mcp", "", "", nil)
	var meta struct {
		AuthorizationServers []string `json:"authorization_servers"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&meta); err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://auth.example", "https://auth2.example/realm"}; !slices.Equal(meta.AuthorizationServers, want) {
		t.Errorf("authorization_servers = %v, want %v", meta.AuthorizationServers, want)
	}
	if r := srv.do(t, http.MethodPatch, "/mcp", token, "", nil); r.StatusCode != http.StatusMethodNotAllowed || r.Header.Get("Allow") == "" {
		t.Errorf("PATCH /mcp: %d, Allow %q; want 405 with Allow", r.StatusCode, r.Header.Get("Allow"))
	}
	batch := `[{"jsonrpc":"2.0","id":1,"method":"ping"}]`
	if r := srv.do(t, http.MethodPost, "/mcp", token, batch, map[string]string{"Mcp-Protocol-Version": "2025-06-18"}); r.StatusCode != http.StatusBadRequest {
		t.Errorf("batch: %d, want 400", r.StatusCode)
	}
	// Request 1: the batch; 2: initialize; 3: a tool call, which counts; then a tool
	// call and a ping are over the limit.
	r := srv.do(t, http.MethodPost, "/mcp", token, wiretest.InitializeBody, nil)
	sid := r.Header.Get("Mcp-Session-Id")
	_, _ = io.Copy(io.Discard, r.Body)
	call := `{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"search_products","arguments":{"query":"tent","limit":1}}}`
	sess := map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": "2025-11-25"}
	if r := srv.do(t, http.MethodPost, "/mcp", token, call, sess); r.StatusCode != http.StatusOK {
		t.Errorf("tool call: %d, want 200", r.StatusCode)
	}
	// Retry-After counts down from the third request (one request per 100 s), so on a
	// loaded machine, seconds later, it may say 99 or less; never more than 100.
	overLimit := func(what string, r *http.Response) {
		t.Helper()
		secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
		if r.StatusCode != http.StatusTooManyRequests || err != nil || secs > 100 || secs < 90 {
			t.Errorf("%s over the limit: %d, Retry-After %q; want 429 with 90-100", what, r.StatusCode, r.Header.Get("Retry-After"))
		}
	}
	overLimit("tool call", srv.do(t, http.MethodPost, "/mcp", token, call, sess))
	overLimit("ping", srv.do(t, http.MethodPost, "/mcp", token, `{"jsonrpc":"2.0","id":6,"method":"ping"}`, sess))

	// The stream cap, with a request budget that cannot run out here: the second GET
	// stream is refused by the cap, whose Retry-After is 30 s.
	db2 := filepath.Join(t.TempDir(), "shop.db")
	srv2 := startHosted(t, db2, nil, "--transport", "http", "--request-rate", "0.01", "--request-burst", "1000", "--max-streams", "1")
	token2 := newToken(t, db2, store.DemoCustomerID)
	r = srv2.do(t, http.MethodPost, "/mcp", token2, wiretest.InitializeBody, nil)
	sid2 := r.Header.Get("Mcp-Session-Id")
	_, _ = io.Copy(io.Discard, r.Body)
	stream := map[string]string{"Mcp-Session-Id": sid2, "Mcp-Protocol-Version": "2025-11-25", "Accept": "text/event-stream"}
	if r := srv2.do(t, http.MethodGet, "/mcp", token2, "", stream); r.StatusCode != http.StatusOK {
		t.Fatalf("GET stream: %d", r.StatusCode)
	}
	if r := srv2.do(t, http.MethodGet, "/mcp", token2, "", stream); r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "30" {
		t.Errorf("a second GET stream: %d, Retry-After %q; want 429 with the stream cap's Retry-After 30", r.StatusCode, r.Header.Get("Retry-After"))
	}
}

// TestHostedLimitsDialogs checks, through serve, that a made-up requestState does not
// skip the limits (review finding H1) while the person's answer to a purchase dialog
// goes through with both the request and the tool budgets spent (M1).
func TestHostedLimitsDialogs(t *testing.T) {
	t.Run("made-up requestState", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "shop.db")
		srv := startHosted(t, db, nil, "--transport", "http", "--rate", "0.01", "--burst", "1",
			"--request-rate", "0.01", "--request-burst", "1000")
		token := newToken(t, db, store.DemoCustomerID)
		r := srv.do(t, http.MethodPost, "/mcp", token, wiretest.InitializeBody, nil)
		sid := r.Header.Get("Mcp-Session-Id")
		_, _ = io.Copy(io.Discard, r.Body)
		sess := map[string]string{"Mcp-Session-Id": sid, "Mcp-Protocol-Version": "2025-11-25"}
		const sneaky = `{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"search_products","arguments":{"query":"tent","limit":1},"requestState":"x"}}`
		for i, want := range []bool{false, true, true} {
			r := srv.do(t, http.MethodPost, "/mcp", token, sneaky, sess)
			b, _ := io.ReadAll(r.Body)
			if limited := strings.Contains(string(b), "Too many calls"); limited != want {
				t.Errorf("call %d: limited %v, want %v: %d %.200s", i, limited, want, r.StatusCode, b)
			}
		}
	})
	t.Run("dialog answer", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		db := filepath.Join(t.TempDir(), "shop.db")
		// Request 1: initialize; 2: the purchase call, which spends both budgets; 3:
		// the answer, over both.
		srv := startHosted(t, db, nil, "--transport", "http", "--rate", "0.01", "--burst", "1",
			"--request-rate", "0.01", "--request-burst", "2")
		token := newToken(t, db, store.DemoCustomerID)
		c := dialogClientOf(t, ctx, srv.url, token, false, "")
		buy := mcp.CallToolRequest{}
		// nw-shoe-0001 costs $206.95, above the demo customer's $50 threshold.
		buy.Params.Name, buy.Params.Arguments = "purchase", map[string]any{"product_id": "nw-shoe-0001"}
		res, err := c.CallTool(ctx, buy)
		if err != nil {
			t.Fatal(err)
		}
		var outcome struct{ Status string }
		raw, _ := json.Marshal(res.StructuredContent)
		_ = json.Unmarshal(raw, &outcome)
		if res.IsError || outcome.Status != "completed" {
			t.Errorf("purchase with the budgets spent by its first call: isError=%v %+v %s", res.IsError, outcome, textOf(res))
		}
		if _, err := c.CallTool(ctx, buy); err == nil {
			t.Errorf("a second purchase was not refused by the request limit")
		}
	})
}

// TestStdioMemoryLimit checks Go's soft memory limit for a server over stdio: what the
// budget leaves beside the page caches' buffer, never under the floor, and left to the
// runtime when GOMEMLIMIT is set.
func TestStdioMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		name      string
		env       string
		pageCache int64
		limit     int64
		set       bool
	}{
		{"a million products: one reader's 112 MiB and the writers' 16", "", 128 * mib, 64 * mib, true},
		{"a small catalog: the smallest buffer", "", minPageCache, 176 * mib, true},
		{"the largest pooled buffer", "", maxPageCache, 112 * mib, true},
		{"a buffer past the budget: the floor", "", 512 * mib, minStdioGoLimit, true},
		{"GOMEMLIMIT given: left to the runtime", "100MiB", 128 * mib, 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			limit, set := stdioMemoryLimit(func(k string) string {
				if k == "GOMEMLIMIT" {
					return c.env
				}
				return ""
			}, c.pageCache)
			if limit != c.limit || set != c.set {
				t.Errorf("stdioMemoryLimit(GOMEMLIMIT=%q, %d MiB) = %d MiB, %v; want %d MiB, %v", c.env, c.pageCache/mib, limit/mib, set, c.limit/mib, c.set)
			}
		})
	}
}

// TestHostedWarnsWithoutTokens: serve over HTTP on a database none of whose tokens
// can sign in (a new user's first start, or a --db other than the token's) warns at
// start that every request will be refused, and how to make a token for that
// database; with a token it says nothing of it.
func TestHostedWarnsWithoutTokens(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shop.db")
	const warning = "no bearer token of this database can sign in"
	srv := startHosted(t, db, nil, "--transport", "http")
	if !logShows(srv.stderr, warning) || !strings.Contains(srv.stderr.String(), "commerce-mcp token create --db "+db+" --customer EMAIL") {
		t.Fatalf("no warning, with the command, on a database without tokens:\n%s", srv.stderr.String())
	}
	if err := srv.stop(t); err != nil {
		t.Fatal(err)
	}
	newToken(t, db, store.DemoCustomerID)
	again := startHosted(t, db, nil, "--transport", "http")
	if strings.Contains(again.stderr.String(), warning) {
		t.Errorf("warned although a token can sign in:\n%s", again.stderr.String())
	}
}
