package hosted

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// fakeListener returns the errors of errs, in turn, then connections.
type fakeListener struct {
	net.Listener // nil: only Accept and Close are called
	errs         []error
	closed       atomic.Bool
}

func (l *fakeListener) Accept() (net.Conn, error) {
	if len(l.errs) > 0 {
		err := l.errs[0]
		l.errs = l.errs[1:]
		return nil, err
	}
	c, _ := net.Pipe()
	return c, nil
}

func (l *fakeListener) Close() error { l.closed.Store(true); return nil }

// TestAcceptRetry checks that an accept failing for want of descriptors or memory is
// retried after a back-off (5 ms doubling, at most 1 s), each failure counted and
// none returned; that other errors are returned at once; and that Close ends a wait.
func TestAcceptRetry(t *testing.T) {
	emfile := &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	other := errors.New("use of closed network connection")
	for _, tc := range []struct {
		name     string
		errs     []error
		wantErr  error
		failures int
		waits    []time.Duration
	}{
		{name: "no error"},
		{name: "EMFILE twice", errs: []error{emfile, emfile}, failures: 2, waits: []time.Duration{5 * time.Millisecond, 10 * time.Millisecond}},
		{name: "ENFILE, ENOBUFS, ENOMEM", errs: []error{syscall.ENFILE, syscall.ENOBUFS, syscall.ENOMEM}, failures: 3,
			waits: []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond}},
		{name: "the wait stops growing at 1 s", errs: []error{emfile, emfile, emfile, emfile, emfile, emfile, emfile, emfile, emfile}, failures: 9,
			waits: []time.Duration{5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond,
				160 * time.Millisecond, 320 * time.Millisecond, 640 * time.Millisecond, time.Second}},
		{name: "another error is returned", errs: []error{other}, wantErr: other},
	} {
		t.Run(tc.name, func(t *testing.T) {
			failures := 0
			var waits []time.Duration
			l := newAcceptRetry(&fakeListener{errs: tc.errs}, func() { failures++ })
			l.sleep = func(d time.Duration, _ <-chan struct{}) { waits = append(waits, d) }
			c, err := l.Accept()
			if !errors.Is(err, tc.wantErr) || (err == nil) != (c != nil) {
				t.Fatalf("Accept: %v, %v; want error %v", c, err, tc.wantErr)
			}
			if failures != tc.failures || fmt.Sprint(waits) != fmt.Sprint(tc.waits) {
				t.Errorf("%d failures counted, waits %v; want %d, %v", failures, waits, tc.failures, tc.waits)
			}
		})
	}
	t.Run("Close ends a wait", func(t *testing.T) {
		inner := &fakeListener{errs: []error{emfile, emfile, emfile}}
		var l *acceptRetry
		l = newAcceptRetry(inner, func() { go l.Close() })
		sleep := l.sleep
		l.sleep = func(_ time.Duration, done <-chan struct{}) { sleep(time.Hour, done) }
		if c, err := l.Accept(); !errors.Is(err, net.ErrClosed) || c != nil {
			t.Errorf("Accept after Close: %v, %v; want net.ErrClosed", c, err)
		}
		if !inner.closed.Load() {
			t.Error("the listener was not closed")
		}
	})
}

// TestAcceptFailedWarns checks that accepts failing for want of descriptors are
// counted in one warning, not logged each.
func TestAcceptFailedWarns(t *testing.T) {
	var log syncbuf.Buffer
	h, err := New(testMCP(nil, nil), Config{Authenticate: fakeAuthenticate, Log: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	l := newAcceptRetry(&fakeListener{errs: []error{syscall.EMFILE, syscall.EMFILE, syscall.EMFILE}}, h.acceptFailed)
	l.sleep = func(time.Duration, <-chan struct{}) {}
	if _, err := l.Accept(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(log.String(), "accepting connections failed"); n != 1 || !strings.Contains(log.String(), "failed_accepts=1\n") {
		t.Errorf("%d lines for 3 failed accepts, want 1 (failed_accepts=1):\n%s", n, log.String())
	}
}

// emfileChildEnv makes TestAcceptOutOfFiles run as its child process.
const emfileChildEnv = "HOSTED_TEST_EMFILE_CHILD"

// TestAcceptOutOfFiles runs a server in a child process whose open-file limit it
// then exhausts: a connection made meanwhile is not answered but not refused
// either, and once descriptors are freed it is answered, and so is the next one;
// the failed accepts are counted in one warning (and the count left at shutdown),
// not logged each.
func TestAcceptOutOfFiles(t *testing.T) {
	if os.Getenv(emfileChildEnv) == "1" {
		emfileChild()
		return
	}
	if runtime.GOOS != "linux" {
		t.Skip("counts its descriptors in /proc/self/fd")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAcceptOutOfFiles$")
	cmd.Env = append(os.Environ(), emfileChildEnv+"=1")
	var stderr syncbuf.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if cmd.ProcessState == nil { // a failure before the child ended
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}()
	out := bufio.NewScanner(stdout)
	var addr string
	for out.Scan() {
		if a, ok := strings.CutPrefix(out.Text(), "addr "); ok {
			addr = a
		}
		if out.Text() == "full" {
			break
		}
	}
	if addr == "" {
		t.Fatalf("the child did not start:\n%s", stderr.String())
	}
	c, err := net.Dial("tcp", addr) // the kernel completes it; the server cannot accept it
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", PathHealth)
	br := bufio.NewReader(c)
	_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if _, err := br.ReadByte(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("while out of descriptors: %v, want no answer yet", err)
	}
	fmt.Fprintln(stdin, "release")
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("after descriptors were freed: %v %v\n%s", resp, err, stderr.String())
	}
	resp.Body.Close()
	c2, _ := rawHealthz(t, addr)
	c2.Close()
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, stderr.String())
	}
	lines := strings.Count(stderr.String(), "accepting connections failed")
	counted := 0
	for _, m := range regexp.MustCompile(`failed_accepts=(\d+)`).FindAllStringSubmatch(stderr.String(), -1) {
		n, _ := strconv.Atoi(m[1])
		counted += n
	}
	if lines < 1 || lines > 2 || counted < 3 {
		t.Errorf("%d lines counting %d failed accepts; want 1 at once and at most 1 at shutdown, of at least 3 failures:\n%s", lines, counted, stderr.String())
	}
}

// emfileChild is TestAcceptOutOfFiles' child: it serves on a loopback port (printed
// "addr …"), sets its open-file limit a little above what it holds, opens /dev/null
// until none is left (then prints "full"), frees them at the line "release" on its
// stdin, and stops serving when its stdin ends.
func emfileChild() {
	h, err := New(testMCP(nil, nil), Config{Authenticate: fakeAuthenticate, Log: slog.New(slog.NewTextHandler(os.Stderr, nil))})
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- h.Serve(ctx, ln) }()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		panic(err)
	}
	lim := uint64(len(fds) + 16)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: lim, Max: lim}); err != nil {
		panic(err)
	}
	fmt.Println("addr", ln.Addr())
	var fill []*os.File
	for {
		f, err := os.Open(os.DevNull)
		if err != nil {
			break
		}
		fill = append(fill, f)
	}
	fmt.Println("full")
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		if in.Text() == "release" {
			for _, f := range fill {
				f.Close()
			}
		}
	}
	cancel()
	if err := <-served; err != nil {
		panic(err)
	}
	os.Exit(0)
}
