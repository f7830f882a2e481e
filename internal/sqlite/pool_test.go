package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// TestLimitConns checks that LimitConns(n) caps a pool at n connections (the n+1st
// call waits until its context ends) and keeps n idle, and that LimitConns(0) lifts
// the cap and keeps Open's idle connections (maxIdleConns) again, not the last n.
func TestLimitConns(t *testing.T) {
	for _, tc := range []struct {
		name     string
		limits   []int // applied in turn
		hold     int   // connections taken at once, then given back
		wantOpen int   // MaxOpenConnections
		wantIdle int   // idle after they are given back
		wantWait bool  // one more call waits (the cap is reached)
	}{
		{name: "capped", limits: []int{3}, hold: 3, wantOpen: 3, wantIdle: 3, wantWait: true},
		{name: "cap lowered", limits: []int{8, 2}, hold: 2, wantOpen: 2, wantIdle: 2, wantWait: true},
		{name: "cap lifted", limits: []int{2, 0}, hold: 5, wantOpen: 0, wantIdle: 6}, // the 5 and the one more
		{name: "never capped", limits: nil, hold: 5, wantOpen: 0, wantIdle: 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, err := Open(ctx, filepath.Join(t.TempDir(), "p.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, n := range tc.limits {
				LimitConns(db, n)
			}
			conns := make([]*sql.Conn, tc.hold)
			for i := range conns {
				if conns[i], err = db.Conn(ctx); err != nil {
					t.Fatal(err)
				}
			}
			wctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
			extra, err := db.Conn(wctx)
			cancel()
			if waited := errors.Is(err, context.DeadlineExceeded); waited != tc.wantWait {
				t.Errorf("one more connection beyond %d held: %v; want a wait: %v", tc.hold, err, tc.wantWait)
			}
			if extra != nil {
				extra.Close()
			}
			for _, c := range conns {
				c.Close()
			}
			st := db.Stats()
			if st.MaxOpenConnections != tc.wantOpen || st.Idle != tc.wantIdle {
				t.Errorf("max open %d, idle %d; want %d, %d", st.MaxOpenConnections, st.Idle, tc.wantOpen, tc.wantIdle)
			}
		})
	}
}
