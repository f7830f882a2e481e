package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
)

// TestStmtCache checks the statement cache in its three situations: statements shared
// by goroutines on the pool and inside transactions at once (run with -race), a
// rolled-back transaction leaving the cached statement usable, and a full cache
// running further queries unprepared and a bad query reporting its error.
func TestStmtCache(t *testing.T) {
	ctx := context.Background()
	s, cust := openSeeded(t, "a@example.com")
	const insert = `INSERT INTO purchase_events (purchase_id, seq, step, detail, at) VALUES (?, ?, 'x', '', '')`
	seedOrders(t, s, []seedOrder{{cust[0], "p", OrderCompleted, s.now()}})
	var pid string
	if err := s.db.QueryRow(`SELECT id FROM purchases`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	t.Run("concurrent, pool and transactions", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10 {
					seq := 1000 + g*100 + i
					var err error
					if i%2 == 0 {
						_, err = s.on(nil).ExecContext(ctx, insert, pid, seq)
					} else {
						err = s.inTx(ctx, func(tx *sql.Tx) error {
							_, err := s.on(tx).ExecContext(ctx, insert, pid, seq)
							return err
						})
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		var n int
		if err := s.on(nil).QueryRowContext(ctx, `SELECT count(*) FROM purchase_events WHERE purchase_id = ?`, pid).Scan(&n); err != nil || n != 80 {
			t.Fatalf("%d events, %v; want 80", n, err)
		}
	})
	t.Run("rolled back transaction", func(t *testing.T) {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.on(tx).ExecContext(ctx, insert, pid, 1); err != nil {
			t.Fatal(err)
		}
		tx.Rollback()
		if _, err := s.on(nil).ExecContext(ctx, insert, pid, 1); err != nil {
			t.Fatalf("cached statement after a rollback: %v", err)
		}
	})
	t.Run("full cache and bad query", func(t *testing.T) {
		for i := 0; len(s.stmts.stmts) < maxCachedStmts; i++ {
			if s.stmts.stmt(ctx, fmt.Sprintf("SELECT %d", i)) == nil {
				t.Fatal("preparing a valid statement failed")
			}
		}
		var v int
		if err := s.on(nil).QueryRowContext(ctx, `SELECT 7`).Scan(&v); err != nil || v != 7 {
			t.Fatalf("unprepared query on a full cache: %d, %v", v, err)
		}
		if len(s.stmts.stmts) != maxCachedStmts {
			t.Fatalf("cache grew past its bound to %d", len(s.stmts.stmts))
		}
		if _, err := s.on(nil).ExecContext(ctx, `INSERT INTO no_such_table VALUES (1)`); err == nil {
			t.Fatal("a bad query reported no error")
		}
	})
}
