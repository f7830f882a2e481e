package ratelimit_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
)

// failStep is one step of a Failures script: at a time after start, fails failures
// of key, then Blocked(key) is expected to say blocked with retry (0: not blocked).
type failStep struct {
	at    time.Duration
	key   string
	fails int
	retry time.Duration
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name  string
		cfg   ratelimit.FailConfig
		steps []failStep
	}{
		{name: "burst, then blocked until the rate refills", cfg: ratelimit.FailConfig{PerSecond: 5, Burst: 20}, steps: []failStep{
			{key: "10.0.0.1", fails: 19},
			{key: "10.0.0.1", fails: 1, retry: 200 * time.Millisecond},
			{at: 150 * time.Millisecond, key: "10.0.0.1", retry: 50 * time.Millisecond},
			{at: 200 * time.Millisecond, key: "10.0.0.1"},
			{at: 200 * time.Millisecond, key: "10.0.0.1", fails: 1, retry: 200 * time.Millisecond},
		}},
		{name: "asking counts nothing", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 2}, steps: []failStep{
			{key: "a"}, {key: "a"}, {key: "a"}, {key: "a"},
			{key: "a", fails: 1},
			{key: "a", fails: 1, retry: time.Second},
		}},
		{name: "another key is not held back", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 2}, steps: []failStep{
			{key: "a", fails: 2, retry: time.Second},
			{key: "b"},
			{key: "b", fails: 1},
			{key: "a", retry: time.Second},
		}},
		{name: "failures that passed together go into debt", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 1}, steps: []failStep{
			{key: "a", fails: 3, retry: 3 * time.Second},
			{at: 2 * time.Second, key: "a", retry: time.Second},
			{at: 3 * time.Second, key: "a"},
		}},
		{name: "default burst is the rate rounded up", cfg: ratelimit.FailConfig{PerSecond: 2.5}, steps: []failStep{
			{key: "a", fails: 2},
			{key: "a", fails: 1, retry: 400 * time.Millisecond},
		}},
		{name: "a full table shares the overflow bucket", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 2, MaxKeys: 2}, steps: []failStep{
			{key: "a", fails: 1},
			{key: "b", fails: 1},
			{key: "c", fails: 1},
			{key: "d", fails: 1, retry: time.Second},
			{key: "e", retry: time.Second},
			{key: "a"},
			// Once a and b are full again they are dropped, and new keys get their own.
			{at: 3 * time.Second, key: "e"},
			{at: 3 * time.Second, key: "e", fails: 2, retry: time.Second},
			{at: 3 * time.Second, key: "f", fails: 1},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now := start
			tc.cfg.Now = func() time.Time { return now }
			f := ratelimit.NewFailures(tc.cfg)
			for i, s := range tc.steps {
				now = start.Add(s.at)
				for range s.fails {
					f.Fail(s.key)
				}
				blocked, retry := f.Blocked(s.key)
				if blocked != (s.retry > 0) || retry != s.retry {
					t.Errorf("step %d (%s at %v): blocked %v retry %v, want retry %v", i, s.key, s.at, blocked, retry, s.retry)
				}
			}
		})
	}
}

// TestFailuresOff checks that a rate of 0 (or less) limits nothing.
func TestFailuresOff(t *testing.T) {
	for _, rate := range []float64{0, -1} {
		f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: rate, Burst: 1})
		if f != nil {
			t.Fatalf("rate %v: a limiter, want none", rate)
		}
		for range 100 {
			f.Fail("a")
		}
		if blocked, _ := f.Blocked("a"); blocked {
			t.Errorf("rate %v: blocked", rate)
		}
	}
}

// TestFailuresMemoryBounded checks that 100,000 distinct keys failing within a
// moment do not grow the table past MaxKeys, and that it empties once their
// buckets are full again.
func TestFailuresMemoryBounded(t *testing.T) {
	now := start
	const maxKeys = 1000
	f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 5, Burst: 20, MaxKeys: maxKeys, Now: func() time.Time { return now }})
	for i := range 100_000 {
		now = start.Add(time.Duration(i) * time.Microsecond)
		key := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		f.Fail(key)
		f.Blocked(key)
		if n := f.Keys(); n > maxKeys {
			t.Fatalf("after %d keys the table holds %d, want at most %d", i+1, n, maxKeys)
		}
	}
	if n := f.Keys(); n != maxKeys {
		t.Errorf("the table holds %d, want it full (%d)", n, maxKeys)
	}
	// One failure each refills in 0.2 s; the sweep runs at most once per 4 s.
	now = now.Add(4 * time.Second)
	f.Blocked("10.255.255.255")
	if n := f.Keys(); n != 0 {
		t.Errorf("after the buckets refilled the table holds %d, want 0", n)
	}
}

// TestFailuresConcurrent runs Fail and Blocked from many goroutines (for -race)
// and checks that every failure was counted.
func TestFailuresConcurrent(t *testing.T) {
	now := start
	f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 1, Burst: 1000, Now: func() time.Time { return now }})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 125 {
				f.Fail("a")
				f.Blocked(fmt.Sprint(g, i))
			}
		})
	}
	wg.Wait()
	if blocked, retry := f.Blocked("a"); !blocked || retry != time.Second {
		t.Errorf("after 1000 failures: blocked %v retry %v, want blocked for 1s", blocked, retry)
	}
}
