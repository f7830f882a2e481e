package hosted

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// warnFlushEvery is how often Serve logs the counts of refusals left pending by the
// once-a-minute warnings (countedWarning.flush): a count waits at most
// busyLogInterval plus this for its line.
const warnFlushEvery = 10 * time.Second

// countedWarning is a warning about refusals too many to log one by one (refused
// authentications, connections closed over the per-address cap, failed accepts): the first after a
// quiet minute is logged at once, and the ones after it are counted and logged
// with their count at most once per busyLogInterval, by the next refusal due or by
// flush, which Serve calls on a timer and at shutdown, so that the last minute's
// count is neither lost nor held until another refusal comes.
type countedWarning struct {
	msg, key string // the line's message and the attribute holding the count

	mu      sync.Mutex
	last    time.Time // when the line was last logged
	pending int64     // refusals counted since
}

// add counts one refusal at now, and logs the line with the count when it is due.
func (c *countedWarning) add(log *slog.Logger, now time.Time) {
	c.mu.Lock()
	c.pending++
	n := c.take(now, false)
	c.mu.Unlock()
	if n > 0 {
		log.Warn(c.msg, c.key, n)
	}
}

// flush logs the count pending, if any, when the line is due at now, or whatever
// the time when final (at shutdown).
func (c *countedWarning) flush(log *slog.Logger, now time.Time, final bool) {
	c.mu.Lock()
	n := c.take(now, final)
	c.mu.Unlock()
	if n > 0 {
		log.Warn(c.msg, c.key, n)
	}
}

// take returns the count to log now (0: none, or not due) and starts a new one.
// c.mu is held.
func (c *countedWarning) take(now time.Time, final bool) int64 {
	if c.pending == 0 || (!final && !c.last.IsZero() && now.Sub(c.last) < busyLogInterval) {
		return 0
	}
	n := c.pending
	c.pending, c.last = 0, now
	return n
}

// warnings are the Server's counted warnings.
func (h *Server) warnings() []*countedWarning {
	return []*countedWarning{&h.floodWarn, &h.addrCapWarn, &h.acceptWarn}
}

// flushWarnings logs the pending counts of the counted warnings at every tick until
// ctx ends, and then the last ones whatever their time.
func (h *Server) flushWarnings(ctx context.Context, tick <-chan time.Time) {
	for {
		select {
		case <-tick:
			for _, w := range h.warnings() {
				w.flush(h.cfg.Log, h.now(), false)
			}
		case <-ctx.Done():
			for _, w := range h.warnings() {
				w.flush(h.cfg.Log, h.now(), true)
			}
			return
		}
	}
}
