package hosted

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// TestCountedWarning checks that a counted warning logs the first refusal after a
// quiet minute at once, counts the ones after it, and logs their count when due: at
// the next refusal or flush a minute after the last line, or at the final flush
// whatever the time; that a flush with nothing pending logs nothing; and that no
// count is lost.
func TestCountedWarning(t *testing.T) {
	t0 := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	var buf syncbuf.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	w := countedWarning{msg: "refusing", key: "refused"}
	for _, s := range []struct {
		name  string
		at    time.Duration
		op    string // add, flush, final
		want  string // the line's count, "" for no line
		total int    // lines so far
	}{
		{name: "first refusal: at once", at: 0, op: "add", want: "refused=1"},
		{name: "second: counted", at: time.Second, op: "add"},
		{name: "third: counted", at: 2 * time.Second, op: "add"},
		{name: "flush before the minute: held", at: 30 * time.Second, op: "flush"},
		{name: "flush after the minute: logged", at: busyLogInterval, op: "flush", want: "refused=2"},
		{name: "flush with none pending", at: 3 * busyLogInterval, op: "flush"},
		{name: "final with none pending", at: 3 * busyLogInterval, op: "final"},
		{name: "a refusal after a quiet minute: at once", at: 4 * busyLogInterval, op: "add", want: "refused=1"},
		{name: "then counted", at: 4*busyLogInterval + time.Second, op: "add"},
		{name: "and another", at: 4*busyLogInterval + 2*time.Second, op: "add"},
		{name: "final flush: logged whatever the time", at: 4*busyLogInterval + 3*time.Second, op: "final", want: "refused=2"},
		{name: "a refusal a second after the final line: counted", at: 4*busyLogInterval + 4*time.Second, op: "add"},
		{name: "the next refusal due logs the count", at: 5*busyLogInterval + 3*time.Second, op: "add", want: "refused=2"},
	} {
		before := buf.String()
		now := t0.Add(s.at)
		switch s.op {
		case "add":
			w.add(log, now)
		case "flush":
			w.flush(log, now, false)
		case "final":
			w.flush(log, now, true)
		}
		line := strings.TrimPrefix(buf.String(), before)
		switch {
		case s.want == "" && line != "":
			t.Errorf("%s: logged %q", s.name, line)
		case s.want != "" && (strings.Count(line, "\n") != 1 || !strings.Contains(line, "msg=refusing "+s.want+"\n")):
			t.Errorf("%s: logged %q, want one line with %s", s.name, line, s.want)
		}
	}
}

// TestFlushWarnings checks, through the refused-authentication limit over HTTP and
// an injected ticker and clock, that the count of refusals after the first warning
// is logged by a tick once a minute has passed, without another refusal, and the
// last count when the flushing ends (shutdown).
func TestFlushWarnings(t *testing.T) {
	start := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	var at atomic.Int64 // nanoseconds after start
	clock := func() time.Time { return start.Add(time.Duration(at.Load())) }
	ts := newTestServer(t, Config{Stateless: true,
		AuthFailures: ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 1, Now: clock})})
	ts.h.now = clock
	tick := make(chan time.Time)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		ts.h.flushWarnings(ctx, tick)
	}()
	defer func() { cancel(); <-done }()
	wrong := func(want int) {
		t.Helper()
		drain(t, ts.do(t, http.MethodPost, PathMCP, "tok_wrong", pingBody, nil), want)
	}
	lines := func() int { return strings.Count(ts.log.String(), "too many refused authentications") }
	wrong(http.StatusUnauthorized)
	wrong(http.StatusTooManyRequests) // warned at once: refused=1
	wrong(http.StatusTooManyRequests) // counted
	wrong(http.StatusTooManyRequests) // counted
	if n := lines(); n != 1 {
		t.Fatalf("%d warnings after three refusals, want 1:\n%s", n, ts.log.String())
	}
	at.Store(int64(30 * time.Second))
	tick <- clock()
	tick <- clock() // the first tick's flush has ended
	if n := lines(); n != 1 {
		t.Fatalf("a tick before the minute logged:\n%s", ts.log.String())
	}
	at.Store(int64(busyLogInterval))
	tick <- clock()
	tick <- clock()
	if n := lines(); n != 2 || !strings.Contains(ts.log.String(), "refused=2\n") {
		t.Fatalf("a tick after the minute: %d warnings, want 2, the second refused=2:\n%s", n, ts.log.String())
	}
	at.Store(int64(busyLogInterval + time.Second))
	wrong(http.StatusTooManyRequests) // counted
	cancel()
	<-done
	if n := lines(); n != 3 || !strings.HasSuffix(ts.log.String(), "refused=1\n") {
		t.Errorf("at the end: %d warnings, want 3, the last refused=1:\n%s", n, ts.log.String())
	}
}

// TestServeFlushesWarnings checks that Serve logs a counted warning's pending count
// when it shuts down, before its last line: two connections closed over the
// per-address cap give two lines, the second at shutdown.
func TestServeFlushesWarnings(t *testing.T) {
	var log syncbuf.Buffer
	addr, stop := serveCapped(t, Config{MaxConnsPerAddr: 1, Stateless: true, Log: slog.New(slog.NewTextHandler(&log, nil))})
	rawHealthz(t, addr)
	for range 2 {
		extra, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if !closedByServer(extra, nil, 2*time.Second) {
			t.Fatal("the connection over the per-address cap was not closed")
		}
		extra.Close()
	}
	if n := strings.Count(log.String(), "closed=1"); n != 1 {
		t.Fatalf("%d warnings before shutdown, want 1:\n%s", n, log.String())
	}
	stop()
	l := log.String()
	last := strings.LastIndex(l, "closed=1")
	if n := strings.Count(l, "closed=1"); n != 2 || last > strings.Index(l, "msg=stopped") {
		t.Errorf("%d warnings after shutdown, want 2, the second before the stopped line:\n%s", n, l)
	}
}
