package catalog

import (
	"database/sql"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// LimitConns caps at n the connections of the catalog's writing pool (writes, and the
// few reads that run beside them: Seller, Count, stock checks), idle ones included:
// a call beyond n waits for one, for as long as its context allows. n < 1 means no
// cap, Open's default. Reads have a pool of their own, capped already (readConns).
//
// A cap cannot deadlock the catalog because nothing holding a connection of the pool
// (a transaction, rows still being read) asks the pool for another; tests open
// catalogs capped at 1 (pooltest.Cap), where such a call would wait for ever, and
// fail it.
func (c *Catalog) LimitConns(n int) {
	sqlite.LimitConns(c.db, n)
}

// PoolStats returns the statistics of the catalog's writing pool.
func (c *Catalog) PoolStats() sql.DBStats { return c.db.Stats() }
