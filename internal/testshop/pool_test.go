package testshop

import (
	"context"
	"database/sql"
	"fmt"
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

// TestCapPoolCatchesNestedUse holds a transaction of a pool capped by capPool and
// queries the pool again from the same goroutine, which waits for ever on a capped
// pool: capPool must end the wait (the query fails) and fail the test naming the
// waiting goroutine. A goroutine that waits its turn, shorter than the wait, must not
// fail it.
func TestCapPoolCatchesNestedUse(t *testing.T) {
	const wait = 2 * time.Second
	ctx := context.Background()
	open := func(t *testing.T) rawPool {
		db, err := sqlite.Open(ctx, Path(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return rawPool{db}
	}
	t.Run("nested", func(t *testing.T) {
		rec := &recorder{TB: t}
		p := open(t)
		capPool(rec, p, "testshop.nestedUse", wait)
		err := nestedUse(ctx, p.DB)
		if err == nil {
			t.Fatal("the nested query succeeded on a pool capped at 1")
		}
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "nested use") || !strings.Contains(rec.errs[0], "testshop.nestedUse") {
			t.Fatalf("capPool said %q, want one failure naming the nested use and its goroutine", rec.errs)
		}
	})
	t.Run("taking turns", func(t *testing.T) {
		rec := &recorder{TB: t}
		p := open(t)
		capPool(rec, p, "testshop.", wait)
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
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if len(rec.errs) != 0 {
			t.Fatalf("capPool said %q of a wait of %s, want nothing", rec.errs, wait/10)
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
