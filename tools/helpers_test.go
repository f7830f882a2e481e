package tools

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// newTestClient serves a Toolbox over the demo catalog (in a temp dir) to an
// in-process MCP client, so calls go through JSON binding and the real server. It
// returns the client and the log output.
func newTestClient(t *testing.T) (*client.Client, *strings.Builder) {
	t.Helper()
	logs := &strings.Builder{}
	c, _ := connect(t, &Toolbox{Catalog: testshop.DemoCatalog(t, ""), Log: slog.New(slog.NewTextHandler(logs, nil))})
	return c, logs
}

// connect serves tb to an in-process MCP client on the newest protocol and returns the
// client and the server's answer to initialize.
func connect(t *testing.T, tb *Toolbox) (*client.Client, *mcp.InitializeResult) {
	t.Helper()
	ctx := context.Background()
	c, err := client.NewInProcessClient(tb.NewServer("commerce-mcp", "test"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	req := mcp.InitializeRequest{}
	req.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	req.Params.ClientInfo = mcp.Implementation{Name: "test", Version: "1"}
	init, err := c.Initialize(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	return c, init
}

// call invokes a tool and decodes its structuredContent into out (when not nil). It
// fails the test on a protocol error; tool errors are returned for the caller to check.
func call(t testing.TB, c *client.Client, name string, args map[string]any, out any) *mcp.CallToolResult {
	t.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	res, err := c.CallTool(context.Background(), req)
	if err != nil {
		t.Fatalf("%s(%v): protocol error: %v", name, args, err)
	}
	if out != nil && !res.IsError {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: structuredContent does not decode: %v", name, err)
		}
	}
	return res
}

func text(res *mcp.CallToolResult) string {
	var b strings.Builder
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			b.WriteString(tc.Text)
		}
	}
	return b.String()
}
