package catalog

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync/atomic"
)

// The catalog's reads run on the read pool (sqlite.OpenReader), whose connections keep
// the statements they prepare: a statement is parsed and planned once per connection,
// and a search runs its SQL text as it is, without a prepared statement of its own to
// manage.

// query runs a read query on the read pool, within the snapshot ctx carries if any
// (see snapshot).
func (c *Catalog) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := c.snapshotOf(ctx); s != nil {
		return s.conn.QueryContext(ctx, query, args...)
	}
	return c.rdb.QueryContext(ctx, query, args...)
}

// queryRow is query for a single row.
func (c *Catalog) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if s := c.snapshotOf(ctx); s != nil {
		return s.conn.QueryRowContext(ctx, query, args...)
	}
	return c.rdb.QueryRowContext(ctx, query, args...)
}

// snap is a connection of the read pool in a read transaction, which a context
// carries, and the learned view read in it, once one is (see learnedView).
type snap struct {
	conn    *sql.Conn
	learned atomic.Pointer[learnedView]
	// codesFilling is whether the background fill of product_codes was under way
	// when the snapshot began (see knownCodes).
	codesFilling bool
	// flagsFilling is whether the background fill of products.on_sale and gender
	// was under way when the snapshot began (see flagsFilling).
	flagsFilling bool
}

// snapshotKey is the context key of a Catalog's snap.
type snapshotKey struct{ c *Catalog }

// snapshot returns ctx carrying a read transaction on a connection of the read pool,
// which query and queryRow then run in, and the function that ends it; when ctx
// carries one already, it is used and end does nothing. A search reads one snapshot
// of the catalog (its total, facets and page agree), holds one connection of the pool
// (so it never waits for a second one while holding the first), and finds its
// connection's page cache emptied by others' commits at most once.
//
// The transaction is begun and ended with plain BEGIN and ROLLBACK on a connection
// rather than through database/sql's Tx, which watches the context of every statement
// run in it from a goroutine of its own. A connection whose transaction could not be
// ended is closed rather than given back to the pool, where its next user would read
// the old snapshot.
func (c *Catalog) snapshot(ctx context.Context) (context.Context, func(), error) {
	if c.snapshotOf(ctx) != nil {
		return ctx, func() {}, nil
	}
	// Read before the transaction's first read: a fill seen ended had committed its
	// last batch, which the snapshot then holds.
	fill := c.Fill()
	conn, err := c.rdb.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		conn.Close()
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	end := func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}
	return context.WithValue(ctx, snapshotKey{c}, &snap{conn: conn, codesFilling: fill.Codes, flagsFilling: fill.Flags}), end, nil
}

func (c *Catalog) snapshotOf(ctx context.Context) *snap {
	s, _ := ctx.Value(snapshotKey{c}).(*snap)
	return s
}
