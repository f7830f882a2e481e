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
	// key shares one overflow bucket with every other such key.
	MaxKeys int
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
}

// DefaultMaxKeys is FailConfig.MaxKeys when it is 0: about 1.5 MB of buckets.
const DefaultMaxKeys = 10_000

// Failures limits failed attempts per key: Blocked asks, without counting anything,
// whether a key has used up its failures, and Fail counts one. Only failures count,
// so a key whose attempts succeed is never held back by them. It is safe for
// concurrent use; a nil *Failures blocks nothing.
//
// Memory is bounded: a key's bucket is dropped once it has been idle long enough to
// be full again (when dropping it changes nothing), and at most MaxKeys keys have a
// bucket of their own; beyond that, new keys share the overflow bucket until old
// ones are dropped.
type Failures struct {
	now     func() time.Time
	limit   rate.Limit
	burst   int
	maxKeys int
	idle    time.Duration // how long an empty bucket takes to be full again

	mu        sync.Mutex
	keys      map[string]*failBucket
	overflow  failBucket
	lastSweep time.Time
}

type failBucket struct{ lim *rate.Limiter }

// NewFailures returns a Failures for cfg, or nil when cfg sets no limit.
func NewFailures(cfg FailConfig) *Failures {
	if cfg.PerSecond <= 0 || math.IsInf(cfg.PerSecond, 1) || math.IsNaN(cfg.PerSecond) {
		return nil
	}
	f := &Failures{now: cfg.Now, limit: rate.Limit(cfg.PerSecond), burst: cfg.Burst, maxKeys: cfg.MaxKeys, keys: map[string]*failBucket{}}
	if f.now == nil {
		f.now = time.Now
	}
	if f.burst < 1 {
		f.burst = max(1, int(math.Ceil(cfg.PerSecond)))
	}
	if f.maxKeys <= 0 {
		f.maxKeys = DefaultMaxKeys
	}
	f.idle = max(time.Second, refill(f.limit, f.burst))
	f.overflow.lim = rate.NewLimiter(f.limit, f.burst)
	return f
}

// Blocked reports whether key has no failure left now and, if so, how long until it
// has one (rounded up to the millisecond). It counts nothing.
func (f *Failures) Blocked(key string) (blocked bool, retryAfter time.Duration) {
	if f == nil {
		return false, 0
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bucket(key, now, false)
	if b == nil {
		return false, 0
	}
	retryAfter = wait(b.lim, now)
	return retryAfter > 0, retryAfter
}

// Fail counts one failure of key.
func (f *Failures) Fail(key string) {
	if f == nil {
		return
	}
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.bucket(key, now, true)
	// Attempts that passed Blocked together may fail together: the bucket goes into
	// debt rather than forgetting them.
	b.lim.ReserveN(now, 1)
}

// bucket returns key's bucket, the overflow bucket when key has none and the table
// is full, or, unless create, nil when key has none and the table has room (a new
// bucket would be full).
func (f *Failures) bucket(key string, now time.Time, create bool) *failBucket {
	f.sweep(now, false)
	if b := f.keys[key]; b != nil {
		return b
	}
	if len(f.keys) >= f.maxKeys {
		f.sweep(now, true)
	}
	if len(f.keys) >= f.maxKeys {
		return &f.overflow
	}
	if !create {
		return nil
	}
	b := &failBucket{lim: rate.NewLimiter(f.limit, f.burst)}
	f.keys[key] = b
	return b
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
	for k, b := range f.keys {
		if b.lim.TokensAt(now) >= float64(f.burst) {
			delete(f.keys, k)
		}
	}
}
