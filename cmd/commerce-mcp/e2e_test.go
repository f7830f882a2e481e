package main

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// TestStdioEndToEnd runs the program as a user's MCP client would start it: run() with
// its standard streams on pipes, a fresh database that gets the demo catalog, and the
// mcp-go client speaking JSON-RPC over those pipes: initialize, tools/list, search,
// get_product. It also checks that nothing but JSON-RPC reached stdout.
func TestStdioEndToEnd(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "data", "commerce.db")
	env := map[string]string{"COMMERCE_DB": db}
	stdinR, stdinW := io.Pipe()
	stdoutR, stdoutW := io.Pipe()
	var stderr syncbuf.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--log-level", "debug", "--create"}, func(k string) string { return env[k] }, stdinR, stdoutW, &stderr)
		stdoutW.Close()
	}()
	// Everything the server writes to stdout must be a JSON-RPC message.
	var stdout syncbuf.Buffer
	c := client.NewClient(transport.NewIO(io.TeeReader(stdoutR, &stdout), stdinW, io.NopCloser(strings.NewReader(""))))
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = "2025-11-25"
	init.Params.ClientInfo = mcp.Implementation{Name: "e2e", Version: "1"}
	info, err := c.Initialize(ctx, init)
	if err != nil {
		t.Fatalf("initialize: %v\nstderr:\n%s", err, stderr.String())
	}
	if info.ServerInfo.Name != "commerce-mcp" || info.Instructions == "" {
		t.Errorf("server info %+v, instructions %q", info.ServerInfo, info.Instructions)
	}
	tools, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tl := range tools.Tools {
		names = append(names, tl.Name)
	}
	sort.Strings(names)
	for _, want := range []string{"get_order", "get_product", "list_orders", "purchase", "search_products"} {
		if _, ok := slices.BinarySearch(names, want); !ok {
			t.Errorf("tools/list = %v, lacks %s", names, want)
		}
	}
	var found struct {
		Products []struct{ ID, Title string }
		Total    int
	}
	callJSON(t, ctx, c, "search_products", map[string]any{"query": "running shoes", "limit": 3}, &found)
	if found.Total == 0 || len(found.Products) == 0 {
		t.Fatalf("search found nothing: %+v", found)
	}
	var product struct{ ID, Title, Description string }
	callJSON(t, ctx, c, "get_product", map[string]any{"product_id": found.Products[0].ID}, &product)
	if product.ID != found.Products[0].ID || product.Description == "" {
		t.Errorf("get_product = %+v", product)
	}
	// A purchase below the demo customer's confirmation threshold completes at once, in
	// the sandbox.
	var cheap struct {
		Products []struct{ ID string }
	}
	callJSON(t, ctx, c, "search_products", map[string]any{"max_price": 40, "limit": 1}, &cheap)
	var bought struct {
		Status, Mode string
		OrderID      string `json:"order_id"`
	}
	callJSON(t, ctx, c, "purchase", map[string]any{"product_id": cheap.Products[0].ID}, &bought)
	if bought.Status != "completed" || bought.Mode != "sandbox" || bought.OrderID == "" {
		t.Errorf("purchase = %+v", bought)
	}
	var orders struct {
		Orders []struct {
			OrderID string `json:"order_id"`
		}
	}
	callJSON(t, ctx, c, "list_orders", map[string]any{}, &orders)
	if len(orders.Orders) != 1 || orders.Orders[0].OrderID != bought.OrderID {
		t.Errorf("list_orders = %+v", orders)
	}
	stdinW.Close() // the client hanging up ends the server
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	c.Close()
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		var msg struct {
			JSONRPC string `json:"jsonrpc"`
		}
		if err := json.Unmarshal([]byte(line), &msg); err != nil || msg.JSONRPC != "2.0" {
			t.Errorf("stdout line is not JSON-RPC: %.200q", line)
		}
	}
	for _, secret := range []string{"spt_", "sk_test_", "seller_key_", "4242424242424242"} {
		if strings.Contains(stdout.String(), secret) || strings.Contains(stderr.String(), secret) {
			t.Errorf("%q appears in the output", secret)
		}
	}
	if !strings.Contains(stderr.String(), "created a new database with the demo catalog") {
		t.Errorf("stderr lacks the seeding log line:\n%s", stderr.String())
	}
}

func callJSON(t *testing.T, ctx context.Context, c *client.Client, name string, args map[string]any, out any) {
	t.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name, req.Params.Arguments = name, args
	res, err := c.CallTool(ctx, req)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if res.IsError {
		t.Fatalf("%s: tool error: %v", name, res.Content)
	}
	b, _ := json.Marshal(res.StructuredContent)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
