package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// BenchmarkSandboxMemory buys the bench's product b.N times through the purchase saga
// wired as serve wires it in the sandbox (the reference seller and the Stripe emulator
// in the process, order events delivered to the store), then reports the Go heap still
// live after a collection per purchase (live-B/purchase), and the records the sandbox
// keeps (sandbox-records). What a long-running sandbox server keeps of each purchase:
//
//	go test -tags sqlite_fts5 -run '^$' -bench SandboxMemory -benchtime 4000x -count 5 ./cmd/commerce-mcp
func BenchmarkSandboxMemory(b *testing.B) {
	ctx := context.Background()
	db := filepath.Join(b.TempDir(), "bench.db")
	if err := prepareBenchDB(ctx, benchStdioConfig{products: 2000}, db, io.Discard); err != nil {
		b.Fatal(err)
	}
	cat, err := catalog.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer cat.Close()
	st, err := openStore(ctx, db, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc, after, err := newCommerce(payFlags{}, cat, st, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	run, stop := context.WithCancel(ctx)
	defer stop()
	after.start(run)
	buy := func() {
		out, err := svc.Purchase(ctx, checkout.Request{CustomerID: store.DemoCustomerID, ProductID: benchPurchaseID, Quantity: 1})
		if err != nil || out.Status != checkout.StatusCompleted {
			b.Fatalf("purchase: %+v, %v", out.Status, err)
		}
	}
	buy() // the seller made, the statements prepared
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := live()
	b.ResetTimer()
	for range b.N {
		buy()
	}
	b.StopTimer()
	grown := float64(live()) - float64(before)
	b.ReportMetric(grown/float64(b.N), "live-B/purchase")
	b.ReportMetric(float64(after.sandbox.Records().Total()), "sandbox-records")
}
