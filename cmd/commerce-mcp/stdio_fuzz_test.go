package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/store"
	"github.com/commerce-mcp/commerce-mcp/tools"
)

// FuzzStdioMessage feeds arbitrary bytes as stdin lines to the real server (the tools
// on a demo database, behind the stdio guard and mcp-go's StdioServer) and checks that
// it never panics or hangs, that everything it writes is a JSON-RPC message, that
// every response carries the id of a message it was sent (or null, for an error), and
// that no tool runs for a handshake-era request unless initialize was answered first.
func FuzzStdioMessage(f *testing.F) {
	for _, seed := range []string{
		initLine,
		initLine + "\n" + initializedLine + "\n" + callLine(1, "search_products", map[string]any{"query": "shoes"}),
		callLine(1, "purchase", map[string]any{"product_id": "nw-actv-0001"}),
		`{"jsonrpc":"2.0","id":1,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_product","arguments":{"product_id":"nw-shoe-0019"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}`,
		`{"jsonrpc":"2.0","id":1,"method":"tools/call","error":{},"params":{"name":"list_orders"}}`,
		`{"jsonrpc":"2.0","id":1,"method":"tools/call","result":null,"params":{"name":"list_orders"}}`,
		`{"jsonrpc":"2.0","id":true,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":{"a":1},"method":"initialize","params":{}}`,
		`{"jsonrpc":"1.0","id":1,"method":"tools/list"}`,
		`{"jsonrpc":2,"id":1,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":1e400,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":1,"result":{}}`,
		`[{"jsonrpc":"2.0","id":1,"method":"ping"}]`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":"x","method":"subscriptions/listen","params":{}}`,
		"",
		"\n\n\r\n",
		"not json",
		`{"jsonrpc":"2.0","ID":1,"Method":"tools/list"}`,
	} {
		f.Add([]byte(seed))
	}
	ctx := context.Background()
	db := filepath.Join(f.TempDir(), "c.db")
	var logs syncbuf.Buffer
	logger, _ := newLogger(&logs, "error")
	cat, err := openCatalog(ctx, db, catalog.ReadPool{}, true, false, logger)
	if err != nil {
		f.Fatal(err)
	}
	defer cat.Close()
	st, err := openStore(ctx, db, nil)
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	if _, err := st.SeedDemo(ctx); err != nil {
		f.Fatal(err)
	}
	svc, err := newCheckout(payFlags{}, cat, st, logger)
	if err != nil {
		f.Fatal(err)
	}
	srv := (&tools.Toolbox{Catalog: cat, Store: st, Checkout: svc, Customer: store.DemoCustomerID, Log: logger}).NewServer("commerce-mcp", version)
	var (
		mu          sync.Mutex
		legacyCalls int // tool calls of the handshake era in the current input
	)
	srv.Use(func(next server.ToolHandlerFunc) server.ToolHandlerFunc {
		return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if !server.IsModernRequest(ctx) {
				mu.Lock()
				legacyCalls++
				mu.Unlock()
			}
			return next(ctx, req)
		}
	})

	f.Fuzz(func(t *testing.T, data []byte) {
		mu.Lock()
		legacyCalls = 0
		mu.Unlock()
		// A bound that turns a hang into a failure; the server answers in milliseconds.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		var out syncbuf.Buffer
		g := newStdioGuard(ctx, bytes.NewReader(data), &out, logger)
		s := server.NewStdioServer(srv)
		s.SetErrorLogger(log.New(io.Discard, "", 0))
		if err := s.Listen(ctx, g, g.Out()); err != nil || ctx.Err() != nil {
			t.Fatalf("Listen: %v (ctx %v)", err, ctx.Err())
		}

		// What was sent: the ids, and the ids of legacy initialize requests.
		sent, inits := map[string]bool{}, map[string]bool{}
		for _, line := range bytes.Split(data, []byte("\n")) {
			var m envelope
			if json.Unmarshal(line, &m) != nil || m.ID == nil {
				continue
			}
			sent[idKey(m.ID)] = true
			if m.Method == string(mcp.MethodInitialize) && !isStateless(line) {
				inits[idKey(m.ID)] = true
			}
		}
		initialized := false
		for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			if line == "" {
				continue
			}
			var m struct {
				JSONRPC string          `json:"jsonrpc"`
				ID      json.RawMessage `json:"id"`
				Method  string          `json:"method"`
				Result  json.RawMessage `json:"result"`
				Error   json.RawMessage `json:"error"`
			}
			if err := json.Unmarshal([]byte(line), &m); err != nil || m.JSONRPC != "2.0" {
				t.Fatalf("output is not a JSON-RPC message: %.300q", line)
			}
			if m.Method != "" {
				continue // a notification or a request of the server's
			}
			if (m.Result == nil) == (m.Error == nil) {
				t.Fatalf("a response needs exactly one of result and error: %.300q", line)
			}
			var id any
			if json.Unmarshal(m.ID, &id) != nil || (id == nil && m.Error == nil) || (id != nil && !sent[idKey(id)]) {
				t.Fatalf("response id %s was not sent: %.300q", m.ID, line)
			}
			if m.Result != nil && id != nil && inits[idKey(id)] {
				initialized = true
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if legacyCalls > 0 && !initialized {
			t.Fatalf("%d tool calls ran without a successful initialize", legacyCalls)
		}
	})
}
