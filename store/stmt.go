package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the statement cache. The statements that go through it are
// constant SQL text, a few dozen of them, so the bound is only a guard.
const maxCachedStmts = 128

// stmtCache keeps the prepared statements of a purchase's hot path by SQL text, so
// that each purchase skips SQLite's parsing and planning. It is safe for concurrent
// use; database/sql prepares each statement again on every pooled connection it runs
// on, once.
type stmtCache struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// stmt returns the cached statement for query, preparing it if needed; nil when the
// cache is full or preparing fails (the caller then runs the query unprepared, which
// reports the error).
func (c *stmtCache) stmt(ctx context.Context, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts) >= maxCachedStmts {
		return nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}

// cached runs queries through the store's statement cache, in tx when it is not nil
// (tx.StmtContext binds a cached statement to the transaction's connection; the bound
// copy is closed with the transaction) and on the pool otherwise. Only constant SQL
// text may go through it.
type cached struct {
	c  *stmtCache
	tx *sql.Tx
}

// on returns the querier that runs cached statements in tx, or on the pool when tx is
// nil.
func (s *Store) on(tx *sql.Tx) cached { return cached{&s.stmts, tx} }

func (q cached) bind(ctx context.Context, query string) *sql.Stmt {
	st := q.c.stmt(ctx, query)
	if st != nil && q.tx != nil {
		st = q.tx.StmtContext(ctx, st)
	}
	return st
}

func (q cached) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := q.bind(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.ExecContext(ctx, query, args...)
	}
	return q.c.db.ExecContext(ctx, query, args...)
}

func (q cached) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := q.bind(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.QueryContext(ctx, query, args...)
	}
	return q.c.db.QueryContext(ctx, query, args...)
}

func (q cached) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := q.bind(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	if q.tx != nil {
		return q.tx.QueryRowContext(ctx, query, args...)
	}
	return q.c.db.QueryRowContext(ctx, query, args...)
}
