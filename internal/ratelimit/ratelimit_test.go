package ratelimit_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/ratelimit"
)

// The Limiter is what tools.RateLimiter asks for (ratelimit may not import tools).
var _ interface {
	Allow(customer, tool string) (bool, time.Duration)
} = (*ratelimit.Limiter)(nil)

var start = time.Date(2026, 7, 1, 10, 0, 0, 0, time.UTC)

// call is one step of a script: at a time after start, times calls by who of tool
// (once when times is 0), each expected to pass or, when !ok, to be refused with
// retry (or a millisecond more).
type call struct {
	at    time.Duration
	who   string
	tool  string
	times int
	ok    bool
	retry time.Duration
}

func TestAllow(t *testing.T) {
	purchase10 := map[string]int{"purchase": 10}
	tests := []struct {
		name  string
		cfg   ratelimit.Config
		steps []call
	}{
		{name: "burst then refusal until the rate refills", cfg: ratelimit.Config{PerSecond: 10, Burst: 20}, steps: []call{
			{who: "ann", tool: "search_products", times: 20, ok: true},
			{who: "ann", tool: "search_products", retry: 100 * time.Millisecond},
			{at: 99 * time.Millisecond, who: "ann", tool: "get_product", retry: time.Millisecond},
			{at: 100 * time.Millisecond, who: "ann", tool: "search_products", ok: true},
			{at: 100 * time.Millisecond, who: "ann", tool: "search_products", retry: 100 * time.Millisecond},
			{at: 2 * time.Second, who: "ann", tool: "search_products", times: 19, ok: true},
		}},
		{name: "fractional rate and the default burst", cfg: ratelimit.Config{PerSecond: 2.5}, steps: []call{
			{who: "ann", tool: "search_products", times: 3, ok: true},
			{who: "ann", tool: "search_products", retry: 400 * time.Millisecond},
			{at: 150 * time.Millisecond, who: "ann", tool: "search_products", retry: 250 * time.Millisecond},
		}},
		{name: "a tool's own limit leaves other tools alone", cfg: ratelimit.Config{PerSecond: 100, Burst: 100, PerMinute: purchase10}, steps: []call{
			{who: "ann", tool: "purchase", times: ratelimit.MaxToolBurst, ok: true},
			{who: "ann", tool: "purchase", retry: 6 * time.Second},
			{who: "ann", tool: "search_products", times: 10, ok: true},
			{at: 6 * time.Second, who: "ann", tool: "purchase", ok: true},
			{at: 6 * time.Second, who: "ann", tool: "purchase", retry: 6 * time.Second},
		}},
		{name: "a tool's calls count toward the overall limit", cfg: ratelimit.Config{PerSecond: 1, Burst: 4, PerMinute: purchase10}, steps: []call{
			{who: "ann", tool: "purchase", times: 3, ok: true},
			{who: "ann", tool: "search_products", ok: true},
			{who: "ann", tool: "search_products", retry: time.Second},
			{who: "ann", tool: "purchase", retry: 6 * time.Second}, // the longer of both waits
			{at: time.Second, who: "ann", tool: "search_products", ok: true},
		}},
		{name: "a refusal by the tool's limit takes nothing from the overall one", cfg: ratelimit.Config{PerSecond: 1, Burst: 3, PerMinute: map[string]int{"purchase": 1}}, steps: []call{
			{who: "ann", tool: "purchase", ok: true},
			{who: "ann", tool: "purchase", times: 5, retry: time.Minute},
			{who: "ann", tool: "search_products", times: 2, ok: true},
			{who: "ann", tool: "search_products", retry: time.Second},
		}},
		{name: "a refusal by the overall limit takes nothing from the tool's", cfg: ratelimit.Config{PerSecond: 1, Burst: 1, PerMinute: purchase10}, steps: []call{
			{who: "ann", tool: "search_products", ok: true},
			{who: "ann", tool: "purchase", times: 5, retry: time.Second},
			{at: 1 * time.Second, who: "ann", tool: "purchase", ok: true},
			{at: 2 * time.Second, who: "ann", tool: "purchase", ok: true},
			{at: 3 * time.Second, who: "ann", tool: "purchase", ok: true},
			// The tool's bucket: 3, less 3 taken, plus 3 s at one per 6 s: half a call.
			{at: 4 * time.Second, who: "ann", tool: "purchase", retry: 3 * time.Second},
		}},
		{name: "customers are limited apart", cfg: ratelimit.Config{PerSecond: 1, Burst: 1, PerMinute: purchase10}, steps: []call{
			{who: "ann", tool: "search_products", ok: true},
			{who: "ann", tool: "search_products", retry: time.Second},
			{who: "bob", tool: "search_products", ok: true},
			{who: "bob", tool: "purchase", retry: time.Second},
			{who: "cy", tool: "purchase", ok: true},
		}},
		{name: "no limits", cfg: ratelimit.Config{}, steps: []call{
			{who: "ann", tool: "purchase", times: 1000, ok: true},
		}},
		{name: "negative rates are no limits", cfg: ratelimit.Config{PerSecond: -1, PerMinute: map[string]int{"purchase": -5}}, steps: []call{
			{who: "ann", tool: "purchase", times: 1000, ok: true},
		}},
		{name: "only a tool limited", cfg: ratelimit.Config{PerMinute: map[string]int{"purchase": 2}}, steps: []call{
			{who: "ann", tool: "search_products", times: 1000, ok: true},
			{who: "ann", tool: "purchase", times: 2, ok: true},
			{who: "ann", tool: "purchase", retry: 30 * time.Second},
		}},
		{name: "a zero tool limit is none of its own", cfg: ratelimit.Config{PerSecond: 1, Burst: 2, PerMinute: map[string]int{"purchase": 0}}, steps: []call{
			{who: "ann", tool: "purchase", times: 2, ok: true},
			{who: "ann", tool: "purchase", retry: time.Second},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := clocktest.New(start)
			tc.cfg.Now = clock.Now
			l := ratelimit.New(tc.cfg)
			for i, st := range tc.steps {
				if d := start.Add(st.at).Sub(clock.Now()); d > 0 {
					clock.Advance(d)
				}
				for n := range max(st.times, 1) {
					ok, retry := l.Allow(st.who, st.tool)
					// retryAfter is rounded up to the millisecond, and the limiter's
					// float arithmetic can put a boundary just past a whole one.
					if ok != st.ok || (!ok && (retry < st.retry || retry > st.retry+time.Millisecond)) || (ok && retry != 0) {
						t.Fatalf("step %d (%s %s at +%v), call %d: Allow = %v, %v; want %v, %v",
							i, st.who, st.tool, st.at, n+1, ok, retry, st.ok, st.retry)
					}
				}
			}
		})
	}
}

// TestRetryAfterIsExact checks, for awkward rates, that a call made retryAfter later
// passes and one made a millisecond sooner does not.
func TestRetryAfterIsExact(t *testing.T) {
	for _, cfg := range []ratelimit.Config{
		{PerSecond: 3, Burst: 1},
		{PerSecond: 7.3, Burst: 2},
		{PerSecond: 0.7},
		{PerMinute: map[string]int{"purchase": 7}},
		{PerSecond: 1000, Burst: 5, PerMinute: map[string]int{"purchase": 13}},
	} {
		t.Run(fmt.Sprintf("%v/%v/%v", cfg.PerSecond, cfg.Burst, cfg.PerMinute), func(t *testing.T) {
			clock := clocktest.New(start)
			cfg.Now = clock.Now
			l := ratelimit.New(cfg)
			refusals := 0
			for i := 0; i < 200 && refusals < 20; i++ {
				ok, retry := l.Allow("ann", "purchase")
				if ok {
					continue
				}
				refusals++
				if retry < time.Millisecond {
					t.Fatalf("refused with retryAfter %v", retry)
				}
				clock.Advance(retry - time.Millisecond)
				if ok, _ := l.Allow("ann", "purchase"); ok {
					t.Fatalf("a call %v after a refusal with retryAfter %v passed", retry-time.Millisecond, retry)
				}
				clock.Advance(time.Millisecond)
				if ok, again := l.Allow("ann", "purchase"); !ok {
					t.Fatalf("a call retryAfter (%v) after a refusal was refused again, retryAfter %v", retry, again)
				}
			}
			if refusals == 0 {
				t.Fatal("never refused: the test checked nothing")
			}
		})
	}
}

func TestIdleCustomersAreForgotten(t *testing.T) {
	clock := clocktest.New(start)
	// The idle time is a minute: the longest refill (10 s overall, 18 s for purchase)
	// is shorter.
	l := ratelimit.New(ratelimit.Config{PerSecond: 0.1, Burst: 1, PerMinute: map[string]int{"purchase": 10}, Now: clock.Now})
	for i := range 1000 {
		l.Allow(fmt.Sprintf("cus_%d", i), "purchase")
	}
	if n := l.Customers(); n != 1000 {
		t.Fatalf("%d customers held, want 1000", n)
	}
	clock.Advance(59 * time.Second)
	if ok, _ := l.Allow("late", "search_products"); !ok {
		t.Fatal("late's first call refused")
	}
	if n := l.Customers(); n != 1001 {
		t.Fatalf("%d customers held before the idle time, want 1001", n)
	}
	clock.Advance(time.Second)
	l.Allow("new", "search_products")
	if n := l.Customers(); n != 2 {
		t.Fatalf("%d customers held after the idle time, want 2 (late and new)", n)
	}
	// late is remembered: its bucket is still empty.
	if ok, retry := l.Allow("late", "search_products"); ok || retry != 9*time.Second {
		t.Errorf("late after 1 s: %v, %v; want refused for 9 s more", ok, retry)
	}

	// Many customers over time: memory stays bounded by those seen recently.
	for round := range 40 {
		for i := range 500 {
			l.Allow(fmt.Sprintf("r%d_%d", round, i), "search_products")
		}
		clock.Advance(15 * time.Second)
		if n := l.Customers(); n > 5000 {
			t.Fatalf("round %d: %d customers held; idle ones are not dropped", round, n)
		}
	}
}

func TestUnlimitedHoldsNothing(t *testing.T) {
	l := ratelimit.New(ratelimit.Config{PerMinute: map[string]int{"purchase": 10}})
	for i := range 100 {
		l.Allow(fmt.Sprintf("cus_%d", i), "search_products")
	}
	if n := l.Customers(); n != 0 {
		t.Errorf("%d customers held for unlimited calls, want 0", n)
	}
}

// TestConcurrentCallsCountExactly has many goroutines call at one frozen instant: exactly
// the bursts pass, for each customer, whatever the interleaving.
func TestConcurrentCallsCountExactly(t *testing.T) {
	clock := clocktest.New(start)
	l := ratelimit.New(ratelimit.Config{PerSecond: 1, Burst: 50, PerMinute: map[string]int{"purchase": 10}, Now: clock.Now})
	customers := []string{"ann", "bob", "cy"}
	var allowed, purchases [3]atomic.Int64
	var wg sync.WaitGroup
	for g := range 12 {
		wg.Go(func() {
			for i := range 100 {
				c := (g + i) % len(customers)
				tool := "search_products"
				if i%2 == 0 {
					tool = "purchase"
				}
				if ok, retry := l.Allow(customers[c], tool); ok {
					allowed[c].Add(1)
					if tool == "purchase" {
						purchases[c].Add(1)
					}
				} else if retry <= 0 {
					t.Errorf("refused with retryAfter %v", retry)
				}
			}
		})
	}
	wg.Wait()
	for c := range customers {
		if got := allowed[c].Load(); got != 50 {
			t.Errorf("%s: %d calls passed, want the burst of 50", customers[c], got)
		}
		if got := purchases[c].Load(); got != ratelimit.MaxToolBurst {
			t.Errorf("%s: %d purchases passed, want %d", customers[c], got, ratelimit.MaxToolBurst)
		}
	}
}
