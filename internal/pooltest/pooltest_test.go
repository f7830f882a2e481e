package pooltest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// rawPool is a bare pool, for making the nested use that no store method makes.
type rawPool struct{ *sql.DB }

func (p rawPool) LimitConns(n int)       { p.SetMaxOpenConns(n) }
func (p rawPool) PoolStats() sql.DBStats { return p.Stats() }

// recorder is a testing.TB that keeps what Errorf says.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) said() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errs...)
}

// TestCapPoolCatchesNestedUse holds a transaction of a pool capped by capWait and
// queries the pool again from the same goroutine, which waits for ever on a capped
// pool: capWait must end the wait (the query fails) and fail the test naming the
// waiting goroutine, also while other calls keep arriving to wait for the
// connection and giving up (which moves the pool's wait statistics at every
// sample). Goroutines that wait their turn, however long they keep taking turns,
// must not fail it.
func TestCapPoolCatchesNestedUse(t *testing.T) {
	const wait = 2 * time.Second
	ctx := context.Background()
	open := func(t *testing.T) rawPool {
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "pool.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return rawPool{db}
	}
	tests := []struct {
		name     string
		arrivals bool // other calls keep arriving to wait and give up meanwhile
	}{
		{name: "nested"},
		{name: "nested, while other calls keep arriving", arrivals: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			p := open(t)
			capWait(rec, p, "pooltest.nestedUse", wait)
			stop := make(chan struct{})
			var arrived sync.WaitGroup
			if tc.arrivals {
				arrived.Go(func() { arrive(p.DB, stop) })
			}
			// The deadline only keeps a watchdog that misses the stall from hanging the test.
			nctx, cancel := context.WithTimeout(ctx, 4*wait)
			err := nestedUse(nctx, p.DB)
			cancel()
			close(stop)
			arrived.Wait()
			if err == nil || errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("the nested query ended with %v, want the pool closed under it", err)
			}
			if errs := rec.said(); len(errs) != 1 || !strings.Contains(errs[0], "nested use") || !strings.Contains(errs[0], "pooltest.nestedUse") {
				t.Fatalf("capWait said %q, want one failure naming the nested use and its goroutine", errs)
			}
		})
	}
	t.Run("taking turns", func(t *testing.T) {
		rec := &recorder{TB: t}
		p := open(t)
		capWait(rec, p, "pooltest.", wait)
		tx, err := p.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error)
		go func() { // waits its turn while the holder works
			var n int
			done <- p.QueryRowContext(ctx, `SELECT 1`).Scan(&n)
		}()
		time.Sleep(wait / 10)
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatalf("the waiting query failed: %v", err)
		}
		if errs := rec.said(); len(errs) != 0 {
			t.Fatalf("capWait said %q of a wait of %s, want nothing", errs, wait/10)
		}
	})
	t.Run("taking turns for longer than the wait", func(t *testing.T) {
		rec := &recorder{TB: t}
		p := open(t)
		capWait(rec, p, "pooltest.", wait)
		var wg sync.WaitGroup
		end := time.Now().Add(2 * wait)
		for range 2 {
			wg.Go(func() {
				for time.Now().Before(end) {
					if err := holdBriefly(ctx, p.DB); err != nil {
						t.Errorf("a turn failed: %v", err)
						return
					}
				}
			})
		}
		wg.Wait()
		if errs := rec.said(); len(errs) != 0 {
			t.Fatalf("capWait said %q of calls taking turns, want nothing", errs)
		}
	})
}

// nestedUse reads the pool while holding a transaction of it.
func nestedUse(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	return db.QueryRowContext(ctx, `SELECT 1`).Scan(&n)
}

// arrive keeps starting calls that wait a little for a connection and give up,
// until stop is closed.
func arrive(db *sql.DB, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(5 * time.Millisecond):
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		var n int
		_ = db.QueryRowContext(ctx, `SELECT 1`).Scan(&n)
		cancel()
	}
}

// holdBriefly holds a connection of the pool in a transaction for a millisecond.
func holdBriefly(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	time.Sleep(time.Millisecond)
	return tx.Commit()
}
