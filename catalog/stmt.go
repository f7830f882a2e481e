package catalog

import (
	"context"
	"database/sql"
	"fmt"
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

// query runs a read query through a cached prepared statement, on the read pool,
// within the snapshot ctx carries if any (see snapshot).
func (c *Catalog) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	snap := c.snapshotOf(ctx)
	st, err := c.stmt(ctx, snap, query)
	if err != nil {
		return nil, err
	}
	switch {
	case snap != nil && st != nil:
		return snap.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	case snap != nil:
		return snap.tx.QueryContext(ctx, query, args...)
	case st != nil:
		return st.QueryContext(ctx, args...)
	}
	return c.rdb.QueryContext(ctx, query, args...)
}

// queryRow is query for a single row.
func (c *Catalog) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	snap := c.snapshotOf(ctx)
	st, err := c.stmt(ctx, snap, query)
	if err != nil {
		st = nil
	}
	switch {
	case snap != nil && st != nil:
		return snap.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	case snap != nil:
		return snap.tx.QueryRowContext(ctx, query, args...)
	case st != nil:
		return st.QueryRowContext(ctx, args...)
	}
	return c.rdb.QueryRowContext(ctx, query, args...)
}

// snap is a read transaction of the read pool that a context carries, and the
// statements run in it that were not prepared yet.
type snap struct {
	tx  *sql.Tx
	mu  sync.Mutex
	new []string
}

// snapshotKey is the context key of a Catalog's snap.
type snapshotKey struct{ c *Catalog }

// snapshot returns ctx carrying a read transaction of the read pool, which query and
// queryRow then run in, and the function that ends it; when ctx carries one already,
// it is used and end does nothing. A search reads one snapshot of the catalog (its
// total, facets and page agree), holds one connection of the pool (so it never waits
// for a second one while holding the first), and finds its connection's page cache
// emptied by others' commits at most once.
func (c *Catalog) snapshot(ctx context.Context) (context.Context, func(), error) {
	if c.snapshotOf(ctx) != nil {
		return ctx, func() {}, nil
	}
	tx, err := c.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	s := &snap{tx: tx}
	end := func() {
		_ = tx.Rollback()
		// Statements first met in a snapshot are prepared for the cache now that its
		// connection is back in the pool: preparing on the pool while holding it
		// could wait for ever on a pool of one.
		for _, q := range s.new {
			_, _ = c.stmt(context.WithoutCancel(ctx), nil, q)
		}
	}
	return context.WithValue(ctx, snapshotKey{c}, s), end, nil
}

func (c *Catalog) snapshotOf(ctx context.Context) *snap {
	s, _ := ctx.Value(snapshotKey{c}).(*snap)
	return s
}

// stmt returns the cached statement for query, prepared on the read pool; nil when
// the cache is full, or when the statement is not cached yet and s, the snapshot the
// caller runs in, holds a connection of the pool (s prepares it when it ends). The
// cache is not locked while a statement is prepared, which waits for a connection:
// one held by a snapshot waiting for the cache would never come.
func (c *Catalog) stmt(ctx context.Context, s *snap, query string) (*sql.Stmt, error) {
	c.cache.mu.Lock()
	st, ok := c.cache.stmts[query]
	full := len(c.cache.stmts) >= maxCachedStmts
	c.cache.mu.Unlock()
	switch {
	case ok:
		return st, nil
	case full:
		return nil, nil
	case s != nil:
		s.mu.Lock()
		s.new = append(s.new, query)
		s.mu.Unlock()
		return nil, nil
	}
	st, err := c.rdb.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.cache.mu.Lock()
	defer c.cache.mu.Unlock()
	if had, ok := c.cache.stmts[query]; ok {
		st.Close() // prepared meanwhile by another caller
		return had, nil
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
