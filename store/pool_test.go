package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestLimitConns checks that LimitConns caps the store's pool (what PoolStats reports)
// and that 0 lifts the cap.
func TestLimitConns(t *testing.T) {
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		name string
		n    int
		want int // MaxOpenConnections; 0 no cap
	}{
		{name: "capped", n: 3, want: 3},
		{name: "lowered", n: 1, want: 1},
		{name: "lifted", n: 0, want: 0},
		{name: "negative lifts too", n: -1, want: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.LimitConns(tc.n)
			if got := s.PoolStats().MaxOpenConnections; got != tc.want {
				t.Errorf("LimitConns(%d): max open %d, want %d", tc.n, got, tc.want)
			}
		})
	}
}
