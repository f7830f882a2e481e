package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// fakePayments stands for checkout.Service's StopPayments: stopped ends when called.
type fakePayments struct {
	stopped chan struct{}
	calls   atomic.Int32
}

func (f *fakePayments) StopPayments() {
	if f.calls.Add(1) == 1 {
		close(f.stopped)
	}
}

// TestStdioSignalStopsPayments checks stdio shutdown with a payment under way, which
// its call's cancellation does not stop (checkout's paying): after SIGINT or SIGTERM
// (ctx ending) serving waits for it at most the grace period, stops it a fifth of the
// grace period (at least 1 s) before the end, and returns at the end whatever is
// still running, saying so.
func TestStdioSignalStopsPayments(t *testing.T) {
	const grace = 2 * time.Second // payments are stopped at 1 s
	for _, tc := range []struct {
		name      string
		finishIn  time.Duration // the payment ends by itself after this; 0: never
		honorStop bool          // the payment ends when stopped
		wantStops int32
		wantLog   []string
		within    time.Duration
	}{
		{name: "payment ends in time", finishIn: 200 * time.Millisecond, within: 900 * time.Millisecond},
		{name: "payment stopped", honorStop: true, wantStops: 1, within: grace,
			wantLog: []string{"finishing the payments under way", "stopping the payments still running"}},
		{name: "payment does not stop", wantStops: 1, within: grace + time.Second,
			wantLog: []string{"stopping the payments still running", "exiting with calls still running", "in_flight=1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pay := &fakePayments{stopped: make(chan struct{})}
			release := make(chan struct{})
			defer close(release)
			entered := make(chan struct{})
			s := server.NewMCPServer("t", "1")
			s.AddTool(mcp.NewTool("pay"), func(ctx context.Context, _ mcp.CallToolRequest) (*mcp.CallToolResult, error) {
				close(entered)
				var finished <-chan time.Time
				if tc.finishIn > 0 {
					finished = time.After(tc.finishIn)
				}
				var stopped <-chan struct{}
				if tc.honorStop {
					stopped = pay.stopped
				}
				select { // its own cancellation ignored, as paying does
				case <-finished:
				case <-stopped:
				case <-release:
				}
				return mcp.NewToolResultText("done"), nil
			})
			var logs syncbuf.Buffer
			logger, _ := newLogger(&logs, "info")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stdinR, stdinW := io.Pipe()
			defer stdinW.Close()
			go io.WriteString(stdinW, strings.Join([]string{initLine, initializedLine, callLine(1, "pay", nil)}, "\n")+"\n")
			g := newStdioGuard(ctx, stdinR, io.Discard, logger)
			done := make(chan error, 1)
			go func() { done <- listenStdio(ctx, server.NewStdioServer(s), g, pay, logger, grace) }()
			<-entered
			cancel() // the signal
			begun := time.Now()
			select {
			case err := <-done:
				if err != nil && !errors.Is(err, context.Canceled) {
					t.Errorf("listenStdio: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("serving did not end after the signal")
			}
			if took := time.Since(begun); took > tc.within {
				t.Errorf("serving ended %v after the signal, want within %v", took.Round(time.Millisecond), tc.within)
			}
			if n := pay.calls.Load(); n != tc.wantStops {
				t.Errorf("StopPayments called %d times, want %d", n, tc.wantStops)
			}
			for _, want := range tc.wantLog {
				if !strings.Contains(logs.String(), want) {
					t.Errorf("the log lacks %q:\n%s", want, logs.String())
				}
			}
		})
	}
}

// secondSignalEnv makes this test binary, started by TestSecondSignalKills, wait for
// shutdownSignals' context and then for a minute, as a shutdown held up by a payment.
const secondSignalEnv = "COMMERCE_MCP_TEST_SECOND_SIGNAL"

func secondSignalChild() {
	ctx, _ := shutdownSignals()
	fmt.Println("ready")
	<-ctx.Done()
	fmt.Println("shutting down")
	time.Sleep(time.Minute)
	os.Exit(0)
}

// TestSecondSignalKills checks that after the first SIGINT has started a shutdown, a
// second one kills the process at once rather than being swallowed while the
// shutdown waits for a payment.
func TestSecondSignalKills(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary to run it:", err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), secondSignalEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	r := bufio.NewReader(out)
	expect := func(want string) {
		t.Helper()
		line, err := r.ReadString('\n')
		if err != nil || strings.TrimSpace(line) != want {
			cmd.Process.Kill()
			t.Fatalf("child said %q, %v; want %q", line, err, want)
		}
	}
	expect("ready")
	cmd.Process.Signal(os.Interrupt)
	expect("shutting down")
	go func() { io.Copy(io.Discard, r); exited <- cmd.Wait() }()
	// The second signal, repeated in case the first one's handling has not finished.
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case err := <-exited:
			var ee *exec.ExitError
			if !errors.As(err, &ee) || !ee.Sys().(syscall.WaitStatus).Signaled() {
				t.Errorf("the child ended with %v, want killed by the signal", err)
			}
			return
		case <-tick.C:
			cmd.Process.Signal(os.Interrupt)
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			t.Fatal("a second SIGINT did not end the process")
		}
	}
}

// TestMinRecoverAfterOutlastsPaying holds the shortest --recover-after not warned
// about above the bound of an approved payment, with room for the revocation and the
// journal entry that end a payment cut short: recovery then never settles a purchase
// whose payment is still running in this process.
func TestMinRecoverAfterOutlastsPaying(t *testing.T) {
	if room := minRecoverAfter - checkout.DefaultPayingTimeout; room < 10*time.Second {
		t.Errorf("minRecoverAfter %v leaves %v after checkout.DefaultPayingTimeout %v, want at least 10s", minRecoverAfter, room, checkout.DefaultPayingTimeout)
	}
}
