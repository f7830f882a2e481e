package ratelimit_test

import (
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
)

// failStep is one step of a Failures script: at a time after start, takes tries
// failures of key (the last one's answer is checked: refused with retry, or taken
// when retry is 0) and refunds refunds of them.
type failStep struct {
	at      time.Duration
	key     string
	tries   int
	refunds int
	retry   time.Duration
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name  string
		cfg   ratelimit.FailConfig
		steps []failStep
	}{
		{name: "burst, then refused until the rate refills", cfg: ratelimit.FailConfig{PerSecond: 5, Burst: 20}, steps: []failStep{
			{key: "10.0.0.1", tries: 20},
			{key: "10.0.0.1", tries: 1, retry: 200 * time.Millisecond},
			{at: 150 * time.Millisecond, key: "10.0.0.1", tries: 1, retry: 50 * time.Millisecond},
			{at: 200 * time.Millisecond, key: "10.0.0.1", tries: 1},
			{at: 200 * time.Millisecond, key: "10.0.0.1", tries: 1, retry: 200 * time.Millisecond},
		}},
		{name: "refunded attempts cost nothing", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 2}, steps: []failStep{
			{key: "a", tries: 1, refunds: 1}, {key: "a", tries: 1, refunds: 1}, {key: "a", tries: 1, refunds: 1},
			{key: "a", tries: 2},
			{key: "a", tries: 1, retry: time.Second},
		}},
		{name: "a refund to a full bucket is lost", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 2}, steps: []failStep{
			{key: "a", refunds: 5},
			{key: "a", tries: 2},
			{key: "a", tries: 1, retry: time.Second},
		}},
		{name: "another key is not held back", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 2}, steps: []failStep{
			{key: "a", tries: 2},
			{key: "a", tries: 1, retry: time.Second},
			{key: "b", tries: 2},
			{key: "a", tries: 1, retry: time.Second},
		}},
		{name: "refused attempts take nothing", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 1}, steps: []failStep{
			{key: "a", tries: 1},
			{key: "a", tries: 50, retry: time.Second},
			{at: time.Second, key: "a", tries: 1},
		}},
		{name: "default burst is the rate rounded up", cfg: ratelimit.FailConfig{PerSecond: 2.5}, steps: []failStep{
			{key: "a", tries: 3},
			{key: "a", tries: 1, retry: 400 * time.Millisecond},
		}},
		{name: "a full table does not track new keys", cfg: ratelimit.FailConfig{PerSecond: 1, Burst: 2, MaxKeys: 2}, steps: []failStep{
			{key: "a", tries: 2},
			{key: "b", tries: 2},
			{key: "c", tries: 10},
			{key: "a", tries: 1, retry: time.Second},
			// Once a and b are full again they are dropped, and new keys get their own.
			{at: 3 * time.Second, key: "c", tries: 2},
			{at: 3 * time.Second, key: "c", tries: 1, retry: time.Second},
			{at: 3 * time.Second, key: "d", tries: 2},
		}},
		{name: "a tiny rate answers at once", cfg: ratelimit.FailConfig{PerSecond: 1e-10, Burst: 1}, steps: []failStep{
			{key: "a", tries: 1},
			{key: "a", tries: 1, retry: ratelimit.MaxRefill},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now := start
			tc.cfg.Now = func() time.Time { return now }
			f := ratelimit.NewFailures(tc.cfg)
			for i, s := range tc.steps {
				now = start.Add(s.at)
				var ok bool
				var retry time.Duration
				for range s.tries {
					ok, retry = f.Take(s.key)
				}
				for range s.refunds {
					f.Refund(s.key)
				}
				if s.tries > 0 && (ok != (s.retry == 0) || retry != s.retry) {
					t.Errorf("step %d (%s at %v): ok %v retry %v, want retry %v", i, s.key, s.at, ok, retry, s.retry)
				}
				if blocked, r := f.Blocked(s.key); s.tries > 0 && s.retry > 0 && (!blocked || r != s.retry) {
					t.Errorf("step %d: Blocked %v %v, want blocked %v", i, blocked, r, s.retry)
				}
			}
		})
	}
}

// TestFailuresOff checks that a rate of 0 (or less, or NaN, or +Inf) limits nothing.
func TestFailuresOff(t *testing.T) {
	for _, rate := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: rate, Burst: 1})
		if f != nil {
			t.Fatalf("rate %v: a limiter, want none", rate)
		}
		for range 100 {
			if ok, _ := f.Take("a"); !ok {
				t.Fatalf("rate %v: refused", rate)
			}
		}
		f.Refund("a")
		if blocked, _ := f.Blocked("a"); blocked {
			t.Errorf("rate %v: blocked", rate)
		}
	}
}

func TestCheckRate(t *testing.T) {
	tests := []struct {
		name  string
		rate  float64
		burst int
		want  bool
	}{
		{"off", 0, 1, true},
		{"default", 5, 20, true},
		{"one a day", 1.0 / 86400, 1, true},
		{"negative", -1, 1, false},
		{"NaN", math.NaN(), 1, false},
		{"+Inf", math.Inf(1), 1, false},
		{"refill past a year", 1e-10, 1, false},
		{"burst makes refill past a year", 1e-6, 1000, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ratelimit.CheckRate(tc.rate, tc.burst); got != tc.want {
				t.Errorf("CheckRate(%v, %d) = %v, want %v", tc.rate, tc.burst, got, tc.want)
			}
		})
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
		if ok, _ := f.Take(key); !ok {
			t.Fatalf("key %d refused on its first attempt", i)
		}
		if n := f.Keys(); n > maxKeys {
			t.Fatalf("after %d keys the table holds %d, want at most %d", i+1, n, maxKeys)
		}
	}
	if n := f.Keys(); n != maxKeys {
		t.Errorf("the table holds %d, want it full (%d)", n, maxKeys)
	}
	// One failure each refills in 0.2 s; the sweep runs at most once per 4 s.
	now = now.Add(4 * time.Second)
	f.Take("10.255.255.255")
	if n := f.Keys(); n != 1 {
		t.Errorf("after the buckets refilled the table holds %d, want 1", n)
	}
}

// TestFailuresConcurrent takes from one key from many goroutines at once (for
// -race): exactly the burst is taken, however many try together.
func TestFailuresConcurrent(t *testing.T) {
	now := start
	f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 1, Burst: 100, Now: func() time.Time { return now }})
	var taken atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 125 {
				if ok, _ := f.Take("a"); ok {
					taken.Add(1)
				}
				f.Take(fmt.Sprint(g, i))
			}
		})
	}
	wg.Wait()
	if n := taken.Load(); n != 100 {
		t.Errorf("%d taken by 1000 concurrent attempts, want the burst (100)", n)
	}
}

// TestFailuresRefundDropsFullBucket checks that a bucket full again after a refund
// is dropped, and one still short is kept.
func TestFailuresRefundDropsFullBucket(t *testing.T) {
	now := start
	f := ratelimit.NewFailures(ratelimit.FailConfig{PerSecond: 0.01, Burst: 3, Now: func() time.Time { return now }})
	steps := []struct {
		name     string
		take     int
		refund   int
		wantKeys int
	}{
		{"taken and refunded", 1, 1, 0},
		{"two taken, one refunded", 2, 1, 1},
		{"the other refunded", 0, 1, 0},
	}
	for _, s := range steps {
		for range s.take {
			f.Take("a")
		}
		for range s.refund {
			f.Refund("a")
		}
		if got := f.Keys(); got != s.wantKeys {
			t.Errorf("%s: %d keys, want %d", s.name, got, s.wantKeys)
		}
	}
	// The dropped bucket was full: the whole burst is there again.
	for i := range 3 {
		if ok, _ := f.Take("a"); !ok {
			t.Fatalf("take %d after the refunds refused", i+1)
		}
	}
	if ok, _ := f.Take("a"); ok {
		t.Error("a fourth take passed the burst of 3")
	}
}
