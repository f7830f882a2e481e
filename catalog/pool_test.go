package catalog

import (
	"path/filepath"
	"testing"
)

// TestLimitConns checks that LimitConns caps the catalog's writing pool (what
// PoolStats reports) and that 0 lifts the cap; the read pool keeps its own.
func TestLimitConns(t *testing.T) {
	c := openTest(t)
	for _, tc := range []struct {
		name string
		n    int
		want int // MaxOpenConnections; 0 no cap
	}{
		{name: "capped", n: 3, want: 3},
		{name: "lowered", n: 1, want: 1},
		{name: "lifted", n: 0, want: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.LimitConns(tc.n)
			if got := c.PoolStats().MaxOpenConnections; got != tc.want {
				t.Errorf("LimitConns(%d): max open %d, want %d", tc.n, got, tc.want)
			}
			if got := c.rdb.Stats().MaxOpenConnections; got != readConns() {
				t.Errorf("read pool: max open %d, want %d", got, readConns())
			}
		})
	}
}

// TestReadPool checks that OpenWith sets up the read pool as asked: its connections at
// most, and each one's page cache its share of the budget (PRAGMA cache_size, in KiB
// when negative); the zero ReadPool is Open's.
func TestReadPool(t *testing.T) {
	for _, tc := range []struct {
		name      string
		rp        ReadPool
		conns     int
		cacheSize int
	}{
		{name: "Open's", rp: ReadPool{}, conns: readConns(), cacheSize: -readCacheKiB / readConns()},
		{name: "one connection with the whole budget", rp: ReadPool{Conns: 1, CacheKiB: 128 << 10}, conns: 1, cacheSize: -128 << 10},
		{name: "two sharing 32 MiB", rp: ReadPool{Conns: 2, CacheKiB: 32 << 10}, conns: 2, cacheSize: -16 << 10},
		{name: "one with the default budget", rp: ReadPool{Conns: 1}, conns: 1, cacheSize: -readCacheKiB},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := OpenWith(t.Context(), filepath.Join(t.TempDir(), "c.db"), tc.rp)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if got := c.rdb.Stats().MaxOpenConnections; got != tc.conns {
				t.Errorf("read pool: max open %d, want %d", got, tc.conns)
			}
			var size int
			if err := c.rdb.QueryRowContext(t.Context(), `PRAGMA cache_size`).Scan(&size); err != nil {
				t.Fatal(err)
			}
			if size != tc.cacheSize {
				t.Errorf("a read connection's cache_size %d, want %d", size, tc.cacheSize)
			}
		})
	}
}
