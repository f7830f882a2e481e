package main

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
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
	st, err := store.Open(context.Background(), db)
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

// TestHostedServes checks serve --transport http end to end: a token from the store
// authenticates a Streamable HTTP client, which lists the tools and searches; a
// request without a valid token gets 401 with the challenge.
func TestHostedServes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "shop.db")
	srv := startHosted(t, db, nil, "--transport", "http")
	token := newToken(t, db, store.DemoCustomerID)

	c := httpClient(t, ctx, srv.url, token, "")
	tools, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil || len(tools.Tools) == 0 {
		t.Fatalf("tools/list: %v, %d tools", err, len(tools.Tools))
	}
	var found struct{ Total int }
	callJSON(t, ctx, c, "search_products", map[string]any{"query": "running shoes", "limit": 3}, &found)
	if found.Total == 0 {
		t.Error("search found nothing")
	}

	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.url, strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"ping"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer cmcp_not-a-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := `Bearer resource_metadata="` + srv.base + `/.well-known/oauth-protected-resource/mcp"`
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") != want {
		t.Errorf("bad token: %d %q, want 401 %q", resp.StatusCode, resp.Header.Get("WWW-Authenticate"), want)
	}
	if err := srv.stop(t); err != nil {
		t.Errorf("run: %v", err)
	}
	if strings.Contains(srv.stderr.String(), token) {
		t.Error("the token reached the log")
	}
}
