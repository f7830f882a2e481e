package catalog

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the statement cache; the SQL that searches build comes in a
// few dozen shapes, so the bound is only a guard.
const maxCachedStmts = 256

// stmtCache keeps prepared statements by SQL text, so that repeated searches skip
// SQLite's parsing and planning.
type stmtCache struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// query runs a read query through a cached prepared statement.
func (c *Catalog) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return c.db.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for a single row.
func (c *Catalog) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st, err := c.stmt(ctx, query); err == nil && st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.db.QueryRowContext(ctx, query, args...)
}

// stmt returns the cached statement for query, preparing it if needed; nil when the
// cache is full.
func (c *Catalog) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	c.cache.mu.Lock()
	defer c.cache.mu.Unlock()
	if st, ok := c.cache.stmts[query]; ok {
		return st, nil
	}
	if len(c.cache.stmts) >= maxCachedStmts {
		return nil, nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.cache.stmts == nil {
		c.cache.stmts = map[string]*sql.Stmt{}
	}
	c.cache.stmts[query] = st
	return st, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}
