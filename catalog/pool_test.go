package catalog

import "testing"

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
