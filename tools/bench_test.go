package tools

import (
	"context"
	"log/slog"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// BenchmarkSearchProductsTool measures whole search_products calls through an
// in-process MCP client (JSON-RPC encoding, server dispatch, argument binding, catalog
// search, result shaping) on a generated catalog of 100,000 products, and reports the
// p50 and p99 latency of the calls.
func BenchmarkSearchProductsTool(b *testing.B) {
	ctx := context.Background()
	cat := testshop.Catalog(b, "", nil, nil)
	sellers, products := demo.Generate(100_000, 1)
	for i := 0; i < len(products); i += 5000 {
		if _, err := cat.Upsert(ctx, sellers, products[i:min(i+5000, len(products))]); err != nil {
			b.Fatal(err)
		}
	}
	tb := &Toolbox{Catalog: cat, Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	c, err := client.NewInProcessClient(tb.NewServer("commerce-mcp", "bench"))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if err := c.Start(ctx); err != nil {
		b.Fatal(err)
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = "2025-11-25"
	if _, err := c.Initialize(ctx, init); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		args map[string]any
	}{
		{"rare", map[string]any{"query": demo.RareWord}},
		{"uncommon", map[string]any{"query": demo.UncommonWord}},
		{"common", map[string]any{"query": demo.CommonWord}},
		{"two_words_price", map[string]any{"query": demo.TwoWords, "max_price": 100}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req := mcp.CallToolRequest{}
			req.Params.Name, req.Params.Arguments = "search_products", bc.args
			var durations []time.Duration
			for b.Loop() {
				start := time.Now()
				res, err := c.CallTool(ctx, req)
				if err != nil || res.IsError {
					b.Fatalf("call failed: %v %v", err, res)
				}
				durations = append(durations, time.Since(start))
			}
			slices.Sort(durations)
			b.ReportMetric(float64(durations[len(durations)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(durations[len(durations)*99/100].Microseconds()), "p99-µs")
		})
	}
}
