package hosted

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// TestShutdownStopsDetachedWork checks that a call working past its own cancellation
// (as an approved payment does) is stopped through Config.StopDetached when shutdown
// stops waiting for the calls, so that it has ended when Serve returns (before the
// caller closes the database), instead of running on under it.
func TestShutdownStopsDetachedWork(t *testing.T) {
	stopped := make(chan struct{})
	started, release := make(chan struct{}, 1), make(chan struct{})
	defer close(release)
	var ended atomic.Bool
	s := server.NewMCPServer("test", "1", server.WithToolCapabilities(true))
	s.AddTool(mcp.NewTool("pay"), func(ctx context.Context, _ mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		defer ended.Store(true)
		started <- struct{}{}
		select { // its own cancellation ignored, as checkout's paying does
		case <-stopped:
			return mcp.NewToolResultText("stopped"), nil
		case <-release:
			return mcp.NewToolResultText("finished"), nil
		}
	})
	var log syncbuf.Buffer
	var stops atomic.Int32
	h, err := New(s, Config{Transport: TransportHTTP, Authenticate: fakeAuthenticate,
		Log: slog.New(slog.NewTextHandler(&log, nil)), ShutdownTimeout: 3 * time.Second,
		StopDetached: func() {
			if stops.Add(1) == 1 {
				close(stopped)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	serveCtx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- h.Serve(serveCtx, ln) }()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c := newClient(t, ctx, "http://"+ln.Addr().String(), TransportHTTP, tokenA, mcp.ProtocolVersion20251125)
	go func() {
		req := mcp.CallToolRequest{}
		req.Params.Name = "pay"
		c.CallTool(ctx, req)
	}()
	<-started
	stop()
	begun := time.Now()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("Serve did not return\n%s", log.String())
	}
	if took := time.Since(begun); took > 4*time.Second {
		t.Errorf("shutdown took %v", took)
	}
	if !ended.Load() {
		t.Errorf("Serve returned with the detached call still running (StopDetached called %d times)\n%s", stops.Load(), log.String())
	}
	if n := stops.Load(); n != 1 {
		t.Errorf("StopDetached called %d times, want 1", n)
	}
	if !strings.Contains(log.String(), "approved payments included") {
		t.Errorf("the log does not say that payments are stopped:\n%s", log.String())
	}
}
