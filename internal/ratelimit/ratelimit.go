// Package ratelimit limits how often each customer may call tools in hosted mode: one
// token bucket per customer for all tool calls together, and a tighter per-minute
// bucket per customer for each named tool (such as purchase). The buckets are
// golang.org/x/time/rate limiters. Failures limits failed attempts per key instead
// (refused authentications per client address).
//
// A Limiter satisfies tools.RateLimiter without importing tools.
package ratelimit

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Config says how many calls a customer may make. Zero values mean no limit.
type Config struct {
	// PerSecond is the sustained rate of tool calls per customer, all tools together;
	// 0 means unlimited.
	PerSecond float64
	// Burst is how many calls may come at once before the rate applies; below 1 it is
	// PerSecond rounded up (at least 1).
	Burst int
	// PerMinute limits the named tools per customer, e.g. {"purchase": 10}: calls per
	// minute, with a burst of up to MaxToolBurst at once. These calls count toward
	// PerSecond as well. 0 means no limit of the tool's own.
	PerMinute map[string]int
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
}

// MaxToolBurst is the most calls of a tool with a per-minute limit that may come back
// to back: the limit itself when it is smaller. Three lets a purchase and its
// confirmation through at once and still stops a runaway loop within seconds.
const MaxToolBurst = 3

// minIdle is the shortest time a customer's buckets are kept after their last call.
const minIdle = time.Minute

// Limiter decides whether a customer may make a tool call now. It is safe for
// concurrent use. Memory is bounded by the customers seen within the idle time: a
// customer's buckets are dropped once they have been idle long enough to be full
// again, which is when dropping them changes nothing.
type Limiter struct {
	now       func() time.Time
	all       rate.Limit // rate.Inf when unlimited
	burst     int
	perMinute map[string]int // only the positive limits
	idle      time.Duration  // how long an idle customer's buckets are kept

	mu        sync.Mutex
	customers map[string]*buckets
	lastSweep time.Time
}

// buckets are one customer's limiters.
type buckets struct {
	all   *rate.Limiter            // nil when unlimited
	tools map[string]*rate.Limiter // made on the first call of each limited tool
	seen  time.Time                // the last call, allowed or not
}

// New returns a Limiter for cfg. Negative rates are treated as zero (unlimited).
func New(cfg Config) *Limiter {
	l := &Limiter{now: cfg.Now, all: rate.Inf, perMinute: map[string]int{}, idle: minIdle, customers: map[string]*buckets{}}
	if l.now == nil {
		l.now = time.Now
	}
	if cfg.PerSecond > 0 && !math.IsInf(cfg.PerSecond, 1) {
		l.all, l.burst = rate.Limit(cfg.PerSecond), cfg.Burst
		if l.burst < 1 {
			l.burst = max(1, int(math.Ceil(cfg.PerSecond)))
		}
		l.idle = max(l.idle, refill(l.all, l.burst))
	}
	for tool, n := range cfg.PerMinute {
		if n > 0 {
			l.perMinute[tool] = n
			l.idle = max(l.idle, refill(toolLimit(n), toolBurst(n)))
		}
	}
	return l
}

func toolLimit(perMinute int) rate.Limit { return rate.Limit(float64(perMinute) / 60) }
func toolBurst(perMinute int) int        { return min(perMinute, MaxToolBurst) }

// MaxRefill is the longest an empty bucket may take to fill: a slower rate (for its
// burst) is refused by CheckRate. Far below time.Duration's range (292 years), so
// that waits and refill times never overflow.
const MaxRefill = 365 * 24 * time.Hour

// CheckRate says whether perSecond (with burst) is a rate the limiters take: 0 (no
// limit), or a finite positive rate at which an empty bucket of burst fills within
// MaxRefill. Negative, NaN and infinite rates are refused.
func CheckRate(perSecond float64, burst int) bool {
	if perSecond == 0 {
		return true
	}
	if !(perSecond > 0) || math.IsInf(perSecond, 1) {
		return false
	}
	return float64(max(burst, 1))/perSecond <= MaxRefill.Seconds()
}

// refill is how long an empty bucket takes to fill, at most MaxRefill.
func refill(r rate.Limit, burst int) time.Duration {
	secs := float64(burst) / float64(r)
	if !(secs < MaxRefill.Seconds()) {
		return MaxRefill
	}
	return time.Duration(math.Ceil(secs * float64(time.Second)))
}

// Allow reports whether customer may call tool now and, if so, counts the call. When
// not, retryAfter is how long until the same call would be allowed (rounded up to the
// millisecond), and the refused call has counted for nothing, in any bucket.
func (l *Limiter) Allow(customer, tool string) (ok bool, retryAfter time.Duration) {
	perMinute := l.perMinute[tool]
	if l.all == rate.Inf && perMinute == 0 {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	b := l.customers[customer]
	if b == nil {
		b = &buckets{}
		if l.all != rate.Inf {
			b.all = rate.NewLimiter(l.all, l.burst)
		}
		l.customers[customer] = b
	}
	b.seen = now
	lims := make([]*rate.Limiter, 0, 2)
	if b.all != nil {
		lims = append(lims, b.all)
	}
	if perMinute > 0 {
		tl := b.tools[tool]
		if tl == nil {
			if b.tools == nil {
				b.tools = map[string]*rate.Limiter{}
			}
			tl = rate.NewLimiter(toolLimit(perMinute), toolBurst(perMinute))
			b.tools[tool] = tl
		}
		lims = append(lims, tl)
	}
	// Every bucket is asked before any is taken from, so that a refusal by one leaves
	// the others as they were. The mutex keeps the answer true until the taking.
	for _, lim := range lims {
		retryAfter = max(retryAfter, wait(lim, now))
	}
	if retryAfter > 0 {
		return false, retryAfter
	}
	for _, lim := range lims {
		lim.AllowN(now, 1)
	}
	return true, 0
}

// wait is how long from now until lim has a token, rounded up to the millisecond and
// checked with the limiter's own arithmetic, so that a call after that long passes;
// at most MaxRefill (a rate so slow that it would be longer is as good as none).
func wait(lim *rate.Limiter, now time.Time) time.Duration {
	tokens := lim.TokensAt(now)
	if tokens >= 1 {
		return 0
	}
	secs := (1 - tokens) / float64(lim.Limit())
	if !(secs < MaxRefill.Seconds()) {
		return MaxRefill
	}
	d := time.Duration(secs * float64(time.Second))
	d = (d + time.Millisecond - 1).Truncate(time.Millisecond)
	// The float arithmetic may be a little short; a few steps make it up.
	for i := 0; i < 1000 && lim.TokensAt(now.Add(d)) < 1; i++ {
		d += time.Millisecond
	}
	return d
}

// sweep drops the buckets of customers idle for l.idle or longer, at most once per
// l.idle. Their buckets are full by then, so a new set is the same.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < l.idle {
		return
	}
	l.lastSweep = now
	for c, b := range l.customers {
		if now.Sub(b.seen) >= l.idle {
			delete(l.customers, c)
		}
	}
}
