package store

import (
	"database/sql"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// LimitConns caps the SQLite connections the store holds open at n, idle ones
// included: a call beyond n waits for one to come back, for as long as its context
// allows (a cancelled request stops waiting). n < 1 means no cap, Open's default: a
// connection per concurrent call, of which sqlite.Open's pool keeps some idle.
//
// A cap cannot deadlock the store because no method holds a connection (a
// transaction, or rows it is still reading) while it asks the pool for another; tests
// run every store with a cap of 1 (pooltest.Cap), where such a call would wait for
// ever, and fail it.
func (s *Store) LimitConns(n int) {
	sqlite.LimitConns(s.db, n)
}

// PoolStats returns the statistics of the store's connection pool: the connections
// open and in use, and how often and how long calls waited for one.
func (s *Store) PoolStats() sql.DBStats { return s.db.Stats() }
