// Package pooltest caps a database/sql connection pool at one connection in tests
// and fails the test when a call waits for that connection for too long: the mark
// of a nested use (code holding a connection of the pool asks it for another),
// which deadlocks a capped pool. testshop caps every store and catalog writing pool
// it opens this way; the store and catalog packages' own tests, which cannot import
// testshop, use it directly. It imports nothing of the project's.
package pooltest

import (
	"bytes"
	"database/sql"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// NestedWait is how long a call may wait for the one connection of a pool capped
// by Cap, while that connection stays in use, before the test fails as a nested
// use. A store or catalog method holds its connection for milliseconds; waiting this
// long means the holder is itself waiting, for the connection it holds.
const NestedWait = 20 * time.Second

// Pool is a connection pool that Cap can cap and watch: a *store.Store, a
// *catalog.Catalog's writing pool.
type Pool interface {
	LimitConns(n int)
	PoolStats() sql.DBStats
	Close() error
}

// Cap caps p's pool at one connection for the rest of t, and fails t when a call
// has waited NestedWait for that connection while it stayed in use: some code holds
// a connection (a transaction, rows still being read) and asks the same pool for
// another — a nested use, which deadlocks a pool with a cap (serve caps it, see
// --db-conns) once every connection is held by such a caller. Instead of hanging
// until the test binary's timeout, the pool is closed, which ends the wait with an
// error, and the test fails showing the stack of the goroutine that waited longest
// and of any other waiting. frame names the code whose waits count (its stack holds
// it), such as "/store.(*Store).".
func Cap(t testing.TB, p Pool, frame string) {
	capWait(t, p, frame, NestedWait)
}

// capWait is Cap failing after wait.
//
// A watchdog goroutine samples the pool's statistics every tick (wait/200, within
// 10–100 ms). While a wait may be under way (the pool's WaitCount moved since the
// last sample, or a waiter was seen at the last one) and the connection is in use,
// it reads the goroutines' stacks and notes when it first saw each goroutine that
// waits for a connection of a pool (database/sql.(*DB).conn) with frame on its
// stack; one seen at every sample since, for wait, fails the test. Waits that begin
// and end between samples (the pool taking turns) are never seen. Other waiters
// arriving or giving up do not delay the verdict on the oldest: only the connection
// coming free (InUse 0) or that goroutine's wait ending does.
//
// A goroutine that waits at every one of the ~200 samples in wait yet is served in
// between is counted as one long wait: on a pool whose holders take milliseconds
// that is 20 s of starvation, not taking turns. Waiters are told apart by frame, not
// by pool: a waiter of another pool of the same code (two stores in one test binary)
// is counted too, but only while this pool's connection stays in use all along.
func capWait(t testing.TB, p Pool, frame string, wait time.Duration) {
	p.LimitConns(1)
	tick := min(max(wait/200, 10*time.Millisecond), 100*time.Millisecond)
	stop, done := make(chan struct{}), make(chan struct{})
	lastCount := p.PoolStats().WaitCount // here, not in the goroutine: a wait may begin before it runs
	go func() {
		defer close(done)
		tk := time.NewTicker(tick)
		defer tk.Stop()
		var seen map[int64]time.Time // the waiting goroutines, by id, and when each was first seen waiting
		for {
			select {
			case <-stop:
				return
			case <-tk.C:
			}
			st := p.PoolStats()
			if st.InUse < 1 { // free: no one waits for it
				lastCount, seen = st.WaitCount, nil
				continue
			}
			if st.WaitCount == lastCount && len(seen) == 0 {
				continue // no wait began since the last look, and none was under way then
			}
			lastCount = st.WaitCount
			now := time.Now()
			waiting := poolWaiters(frame)
			next := make(map[int64]time.Time, len(waiting))
			var oldest int64
			for _, w := range waiting {
				since, ok := seen[w.id]
				if !ok {
					since = now
				}
				next[w.id] = since
				if oldest == 0 || since.Before(next[oldest]) {
					oldest = w.id
				}
			}
			seen = next
			if oldest == 0 || now.Sub(seen[oldest]) < wait {
				continue
			}
			var stacks []string
			for _, w := range waiting { // the oldest first
				if w.id == oldest {
					stacks = append([]string{w.stack}, stacks...)
				} else {
					stacks = append(stacks, w.stack)
				}
			}
			t.Errorf("pooltest: a call has waited %s for the connection of a pool capped at 1 (as every store's, and every catalog's writing pool, is in tests), while that connection stayed in use: code holding a connection of the pool asks it for another (a nested use), which deadlocks a capped pool; the pool was closed to end the wait. The goroutine waiting longest, then any other waiting for a connection:\n%s",
				now.Sub(seen[oldest]).Round(tick), strings.Join(stacks, "\n\n"))
			p.Close()
			return
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

// waiter is a goroutine waiting for a connection of a database/sql pool.
type waiter struct {
	id    int64  // the goroutine's id
	stack string // its stack, as runtime.Stack writes it
}

// poolWaiters returns the goroutines waiting for a connection of a database/sql
// pool whose stacks hold frame.
func poolWaiters(frame string) []waiter {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []waiter
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		s := string(g)
		if !strings.Contains(s, "database/sql.(*DB).conn(") || !strings.Contains(s, frame) {
			continue
		}
		// "goroutine 12 [select]:" or "goroutine 12 [select, 2 minutes]:": blocked in
		// conn's select, waiting (not taking a free connection at that moment).
		f := strings.Fields(s)
		if len(f) < 3 || f[0] != "goroutine" || !strings.HasPrefix(f[2], "[select") {
			continue
		}
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		out = append(out, waiter{id, s})
	}
	return out
}
