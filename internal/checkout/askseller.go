package checkout

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// Defaults of asking a seller about an order that is not settled (AskSeller).
const (
	// DefaultRecoverAfter is how long a purchase must have been idle before it is
	// settled by anyone but its own call (the server's --recover-after default).
	DefaultRecoverAfter = 3 * time.Minute
	// DefaultAskEvery is how often one order's seller is asked at most.
	DefaultAskEvery = 30 * time.Second
	// askTimeout bounds one ask, so that a seller that does not answer does not hold
	// the caller for its whole timeout and retries.
	askTimeout = 10 * time.Second
)

// OrderAsk is what AskSeller did about an order.
type OrderAsk string

// AskSeller outcomes.
const (
	AskNotNeeded   OrderAsk = ""               // the order is settled (completed or failed): nothing to ask
	AskAnswered    OrderAsk = "answered"       // the seller (and Stripe when needed) answered: the order is as they now show it
	AskInFlight    OrderAsk = "in_flight"      // its purchase is still running (idle less than Config.RecoverAfter): not asked
	AskRecent      OrderAsk = "recently_asked" // asked less than Config.AskEvery ago: not asked again
	AskUnreachable OrderAsk = "unreachable"    // the seller or Stripe could not tell: the order is as last known
)

// askLimiter remembers when each order's seller was last asked, in this process, and
// forgets what is older than the interval.
type askLimiter struct {
	mu   sync.Mutex
	last map[string]time.Time
}

// claim reports whether order id may be asked about at now, and if so records it.
func (l *askLimiter) claim(id string, now time.Time, every time.Duration) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t, ok := l.last[id]; ok && now.Sub(t) < every && !now.Before(t) {
		return false
	}
	if l.last == nil {
		l.last = map[string]time.Time{}
	}
	if len(l.last) >= 256 {
		for k, t := range l.last {
			if now.Sub(t) >= every || now.Before(t) {
				delete(l.last, k)
			}
		}
	}
	l.last[id] = now
	return true
}

// AskSeller asks the seller about o, one of the customer's orders that is not
// settled, and settles it as recovery would, through the same code: a pending order
// whose purchase has been idle Config.RecoverAfter (recoverOne: the seller's session
// completed → completed; not completed → the token revoked and Stripe's word on what
// it was charged decides, never "nothing charged" without it), a charged_no_order
// order whose seller shows it after all (recheckChargedNoOrder). A purchase idle less
// than that may still be running here or in another server and is left to its call.
// One order is asked about at most once per Config.AskEvery in this process. It
// returns the order as it now is and what was done; a seller or Stripe that cannot
// tell leaves the order as it was (AskUnreachable), never an error.
func (s *Service) AskSeller(ctx context.Context, o store.Order) (store.Order, OrderAsk) {
	if o.Status != store.OrderPending && o.Status != store.OrderChargedNoOrder {
		return o, AskNotNeeded
	}
	p, err := s.cfg.Store.Purchase(ctx, o.PurchaseID)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "ask the seller about an order", "order", o.ID, "err", err)
		return o, AskUnreachable
	}
	now := s.now()
	if o.Status == store.OrderPending && p.UpdatedAt.After(now.Add(-s.cfg.RecoverAfter)) {
		return o, AskInFlight
	}
	if !s.asks.claim(o.ID, now, s.cfg.AskEvery) {
		return o, AskRecent
	}
	ctx, cancel := context.WithTimeout(ctx, askTimeout)
	defer cancel()
	switch {
	case o.Status == store.OrderChargedNoOrder:
		if o, err = s.recheckChargedNoOrder(ctx, o); err != nil {
			s.cfg.Log.InfoContext(ctx, "could not ask the seller again about a charged_no_order order", "order", o.ID, "err", err)
			return o, AskUnreachable
		}
		return o, AskAnswered
	case !store.Terminal(p.State):
		if _, err := s.recoverOne(ctx, &p); err != nil && !errors.Is(err, store.ErrStateChanged) {
			s.cfg.Log.InfoContext(ctx, "could not settle a pending order by asking its seller", "order", o.ID, "purchase", p.ID, "err", err)
			return s.orderNow(ctx, o), AskUnreachable
		}
	}
	return s.orderNow(ctx, o), AskAnswered
}

// orderNow re-reads o, or returns it as it was when it cannot be read.
func (s *Service) orderNow(ctx context.Context, o store.Order) store.Order {
	now, err := s.cfg.Store.Order(context.WithoutCancel(ctx), o.CustomerID, o.ID)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "read order", "order", o.ID, "err", err)
		return o
	}
	return now
}
