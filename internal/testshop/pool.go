package testshop

import (
	"bytes"
	"database/sql"
	"runtime"
	"strings"
	"testing"
	"time"
)

// nestedWait is how long a call may wait for the one connection of a store that
// Store capped at 1 while that connection stays in use, before the test fails as a
// nested use. A store method holds its connection for milliseconds; waiting this
// long means the holder is itself waiting, for the connection it holds.
const nestedWait = 20 * time.Second

// pool is a connection pool that capPool can cap and watch: a *store.Store, a
// *catalog.Catalog's writing pool.
type pool interface {
	LimitConns(n int)
	PoolStats() sql.DBStats
	Close() error
}

// capPool caps s's pool at one connection for the rest of t, and fails t when a
// call waits wait for that connection while it stays in use: some code holds a
// connection (a transaction, rows still being read) and asks the same pool for
// another — a nested use, which deadlocks a pool with a cap (serve caps it, see
// --db-conns) once every connection is held by such a caller. Instead of hanging
// until the test binary's timeout, the pool is closed, which ends the wait with an
// error, and the test fails showing the goroutines waiting for a connection whose
// stacks hold frame (the code of s, such as "/store.(*Store).").
func capPool(t testing.TB, s pool, frame string, wait time.Duration) {
	s.LimitConns(1)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		const tick = 100 * time.Millisecond
		tk := time.NewTicker(tick)
		defer tk.Stop()
		var (
			last    [3]int64
			stalled time.Duration
		)
		for {
			select {
			case <-stop:
				return
			case <-tk.C:
			}
			st := s.PoolStats()
			key := [3]int64{st.WaitCount, int64(st.WaitDuration), int64(st.InUse)}
			if st.InUse < 1 || key != last {
				last, stalled = key, 0
				continue
			}
			if stalled += tick; stalled < wait {
				continue
			}
			waiting := poolWaiters(frame)
			if waiting == "" { // held long, but nobody waits for it
				stalled = 0
				continue
			}
			t.Errorf("testshop: a call has waited %s for the connection of a pool capped at 1 (as every store's, and every catalog's writing pool, is in tests), while that connection stayed in use: code holding a connection of the pool asks it for another (a nested use), which deadlocks a capped pool; the pool was closed to end the wait. Goroutines waiting for a connection:\n%s", wait, waiting)
			s.Close()
			return
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
}

// poolWaiters returns the stacks of the goroutines waiting for a connection of a
// database/sql pool that hold frame, "" when there are none.
func poolWaiters(frame string) string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []string
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		s := string(g)
		if strings.Contains(s, "database/sql.(*DB).conn(") && strings.Contains(s, frame) {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n\n")
}
