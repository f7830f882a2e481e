package ratelimit

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// FailConfig says how many failed attempts each key (a client address) may make.
type FailConfig struct {
	// PerSecond is the sustained rate of failures per key; 0 or less means no limit.
	PerSecond float64
	// Burst is how many failures may come at once before the rate applies; below 1
	// it is PerSecond rounded up (at least 1).
	Burst int
	// MaxKeys bounds how many keys have buckets of their own; 0 means
	// DefaultMaxKeys. While that many are tracked and none can be dropped, a new
	// key is not tracked: it is not limited until room appears.
	MaxKeys int
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
}

// DefaultMaxKeys is FailConfig.MaxKeys when it is 0: about 1.5 MB of buckets.
const DefaultMaxKeys = 10_000

// Failures limits failed attempts per key. Take takes one failure from a key's
// budget before an attempt (refusing when none is left), and Refund gives it back
// when the attempt did not fail; so attempts running at the same time can never
// pass more than the budget, and a key whose attempts succeed is never held back.
// It is safe for concurrent use; a nil *Failures limits nothing.
//
// Memory is bounded: a key's bucket is dropped once it is full again (when dropping
// it changes nothing), and at most MaxKeys keys have a bucket. When the table is
// full and none can be dropped, a new key is not tracked (Take lets it through),
// rather than refused: a key that has not failed is never refused because others
// did. Filling the table takes MaxKeys keys each failing, and such a client could
// spend MaxKeys budgets anyway.
type Failures struct {
	now     func() time.Time
	limit   rate.Limit
	burst   int
	maxKeys int
	idle    time.Duration // how long an empty bucket takes to be full again

	mu        sync.Mutex
	keys      map[string]*rate.Limiter
	lastSweep time.Time
}

// NewFailures returns a Failures for cfg, or nil when cfg sets no limit (a rate
// of 0 or less, NaN or +Inf).
func NewFailures(cfg FailConfig) *Failures {
	if !(cfg.PerSecond > 0) || math.IsInf(cfg.PerSecond, 1) {
		return nil
	}
	f := &Failures{now: cfg.Now, limit: rate.Limit(cfg.PerSecond), burst: cfg.Burst, maxKeys: cfg.MaxKeys, keys: map[string]*rate.Limiter{}}
	if f.now == nil {
		f.now = time.Now
	}
	if f.burst < 1 {
		f.burst = max(1, int(math.Ceil(min(cfg.PerSecond, 1e6))))
	}
	if f.maxKeys <= 0 {
		f.maxKeys = DefaultMaxKeys
	}
	f.idle = max(time.Second, refill(f.limit, f.burst))
	return f
}

// Take takes one failure from key's budget for an attempt about to be made. When
// key has none left it takes nothing and says how long until it has one (rounded
// up to the millisecond).
func (f *Failures) Take(key string) (ok bool, retryAfter time.Duration) {
	if f == nil {
		return true, 0
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	lim := f.bucket(key, now, true)
	if lim == nil {
		return true, 0 // not tracked: the table is full
	}
	if d := wait(lim, now); d > 0 {
		return false, d
	}
	lim.AllowN(now, 1)
	return true, 0
}

// Refund gives back the failure Take took for key, when the attempt did not fail.
// A bucket full after it is dropped (the same as none), so keys whose attempts
// succeed take no room in the table.
func (f *Failures) Refund(key string) {
	if f == nil {
		return
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	if lim := f.keys[key]; lim != nil {
		// A bucket never holds more than its burst: a refund to a full bucket is lost.
		lim.AllowN(now, -1)
		if lim.TokensAt(now) >= float64(f.burst) {
			delete(f.keys, key)
		}
	}
}

// Blocked reports, taking nothing, whether key has no failure left now and, if so,
// how long until it has one.
func (f *Failures) Blocked(key string) (blocked bool, retryAfter time.Duration) {
	if f == nil {
		return false, 0
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	lim := f.keys[key]
	if lim == nil {
		return false, 0
	}
	d := wait(lim, now)
	return d > 0, d
}

// bucket returns key's bucket, making it unless create is false; nil when key has
// none and the table is full.
func (f *Failures) bucket(key string, now time.Time, create bool) *rate.Limiter {
	f.sweep(now, false)
	if lim := f.keys[key]; lim != nil || !create {
		return lim
	}
	if len(f.keys) >= f.maxKeys {
		f.sweep(now, true)
		if len(f.keys) >= f.maxKeys {
			return nil
		}
	}
	lim := rate.NewLimiter(f.limit, f.burst)
	f.keys[key] = lim
	return lim
}

// sweep drops the buckets that are full again (the same as none), at most once per
// f.idle (how long an empty bucket takes to fill) unless the table is full, and then
// at most once a second.
func (f *Failures) sweep(now time.Time, full bool) {
	since := now.Sub(f.lastSweep)
	if since < f.idle && (!full || since < time.Second) {
		return
	}
	f.lastSweep = now
	for k, lim := range f.keys {
		if lim.TokensAt(now) >= float64(f.burst) {
			delete(f.keys, k)
		}
	}
}
