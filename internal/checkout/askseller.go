package checkout

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"

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

// Bounds of the asks one process makes (askLimiter).
const (
	// askCustomerEvery and askCustomerBurst limit one customer's asks, over all their
	// orders: at most askCustomerBurst at once, then one per askCustomerEvery.
	askCustomerEvery = 2 * time.Second
	askCustomerBurst = 5
	// askRemembered caps the orders (and the customers) remembered; beyond it the
	// oldest are forgotten.
	askRemembered = 10_000
)

// OrderAsk is what AskSeller did about an order.
type OrderAsk string

// AskSeller outcomes.
const (
	AskNotNeeded   OrderAsk = ""                  // nothing to ask: the order is settled (completed or failed), or its purchase is final
	AskAnswered    OrderAsk = "answered"          // the seller (and Stripe when needed) answered: the order is as they now show it
	AskInFlight    OrderAsk = "in_flight"         // its purchase is still running (idle less than Config.RecoverAfter): not asked
	AskRecent      OrderAsk = "recently_asked"    // asked less than Config.AskEvery ago: not asked again
	AskLimited     OrderAsk = "rate_limited"      // the customer's orders were asked about too often in the last seconds: not asked
	AskUnreachable OrderAsk = "unreachable"       // the seller or Stripe could not tell: the order is as last known
	AskCompleting  OrderAsk = "seller_completing" // the seller says it is still completing the checkout: the order is as last known
	AskNoLonger    OrderAsk = "no_longer_asked"   // charged_no_order longer than recovery re-asks (a day): not asked
	AskHeld        OrderAsk = "held"              // Stripe shows the token used with nothing captured yet: a possible hold (OrderHold), the order stays pending
	AskOtherMode   OrderAsk = "other_mode"        // made in another mode (Order.Mode) than the server runs in: not asked here; a server of its mode settles it
	// AskSandboxForgot: the sandbox's Stripe, restarted, no longer knows the sandbox
	// purchase's payment token (errSandboxForgetting): nothing can tell yet, and the
	// order stays pending until recovery fails it, an hour after the token expired
	// (RefusalSandboxForgot; no money moves in the sandbox).
	AskSandboxForgot OrderAsk = "sandbox_forgot"
)

// askLimiter remembers when each order's seller was last asked, in this process, and
// forgets what is older than the interval; it also limits each customer's asks.
type askLimiter struct {
	mu        sync.Mutex
	last      map[string]time.Time // order → last ask
	customers map[string]*customerAsks
}

type customerAsks struct {
	lim  *rate.Limiter
	last time.Time
}

// claim reports whether customer's order id may be asked about at now, and if so
// records it: not when it was asked less than every ago (AskRecent), nor when the
// customer has asked too often (AskLimited).
func (l *askLimiter) claim(customer, id string, now time.Time, every time.Duration) OrderAsk {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t, ok := l.last[id]; ok && now.Sub(t) < every && !now.Before(t) {
		return AskRecent
	}
	if l.last == nil {
		l.last, l.customers = map[string]time.Time{}, map[string]*customerAsks{}
	}
	c := l.customers[customer]
	if c == nil {
		if len(l.customers) >= askRemembered {
			dropOldest(l.customers, func(c *customerAsks) time.Time { return c.last })
		}
		c = &customerAsks{lim: rate.NewLimiter(rate.Every(askCustomerEvery), askCustomerBurst)}
		l.customers[customer] = c
	}
	if !c.lim.AllowN(now, 1) {
		return AskLimited
	}
	c.last = now
	if len(l.last) >= askRemembered {
		for k, t := range l.last {
			if now.Sub(t) >= every || now.Before(t) {
				delete(l.last, k)
			}
		}
		if len(l.last) >= askRemembered {
			dropOldest(l.last, func(t time.Time) time.Time { return t })
		}
	}
	l.last[id] = now
	return AskAnswered
}

// dropOldest deletes m's entry whose time is the earliest.
func dropOldest[V any](m map[string]V, at func(V) time.Time) {
	var oldest string
	var first time.Time
	for k, v := range m {
		if t := at(v); oldest == "" || t.Before(first) {
			oldest, first = k, t
		}
	}
	delete(m, oldest)
}

// AskSeller asks the seller about o, one of the customer's orders that is not
// settled, and settles it as recovery would, through the same code: a pending order
// whose purchase has been idle Config.RecoverAfter (recoverOne: the seller's session
// completed → completed; not completed → the token revoked and Stripe's word on what
// it was charged decides, never "nothing charged" without it), a charged_no_order
// order whose seller shows it after all (recheckChargedNoOrder), within the day
// recovery asks again too (chargedNoOrderRecheck; older: AskNoLonger). A purchase idle
// less than that may still be running here or in another server and is left to its
// call. One order is asked about at most once per Config.AskEvery in this process,
// and one customer's orders at most askCustomerBurst at once, then one per
// askCustomerEvery. It returns the order as it now is and what was done; a seller or
// Stripe that cannot tell leaves the order as it was (AskUnreachable,
// AskCompleting), never an error, never an empty order.
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
	switch {
	case o.Status == store.OrderPending && store.Terminal(p.State):
		// Its purchase ended meanwhile: the order is read again, nobody asked.
		return s.orderNow(ctx, o), AskNotNeeded
	case o.Status == store.OrderPending && p.UpdatedAt.After(now.Add(-s.cfg.RecoverAfter)):
		return o, AskInFlight
	case o.Status == store.OrderChargedNoOrder && (p.State != store.PurchaseChargedNoOrder || p.SessionID == ""):
		return s.orderNow(ctx, o), AskNotNeeded
	case o.Status == store.OrderChargedNoOrder && !p.UpdatedAt.After(now.Add(-chargedNoOrderRecheck)):
		return o, AskNoLonger
	}
	if Mode(p.Mode) != s.cfg.Mode && p.State != store.PurchaseOpen && p.State != store.PurchaseApproved {
		// Another mode's seller and Stripe are not this server's to ask (an open or
		// approved purchase is ended by recoverOne from any mode): checked before an
		// ask is claimed, as nobody is asked.
		return o, AskOtherMode
	}
	if got := s.asks.claim(o.CustomerID, o.ID, now, s.cfg.AskEvery); got != AskAnswered {
		return o, got
	}
	ctx, cancel := context.WithTimeout(ctx, askTimeout)
	defer cancel()
	if o.Status == store.OrderChargedNoOrder {
		got, err := s.recheckChargedNoOrder(ctx, o)
		if err != nil {
			s.cfg.Log.InfoContext(ctx, "could not ask the seller again about a charged_no_order order", "order", o.ID, "err", err)
			return s.orderNow(ctx, o), AskUnreachable
		}
		return got, AskAnswered
	}
	if _, err := s.recoverOne(ctx, &p); err != nil && !errors.Is(err, store.ErrStateChanged) {
		if errors.Is(err, errOtherMode) {
			return o, AskOtherMode
		}
		s.cfg.Log.InfoContext(ctx, "could not settle a pending order by asking its seller", "order", o.ID, "purchase", p.ID, "err", err)
		if errors.Is(err, errStillCompleting) {
			return s.orderNow(ctx, o), AskCompleting
		}
		if errors.As(err, new(*errHeld)) {
			return s.orderNow(ctx, o), AskHeld
		}
		if errors.Is(err, errSandboxForgetting) {
			return s.orderNow(ctx, o), AskSandboxForgot
		}
		return s.orderNow(ctx, o), AskUnreachable
	}
	return s.orderNow(ctx, o), AskAnswered
}

// OrderHold returns the possible authorization hold on pending order o's card, as
// journaled when Stripe first showed its token used with nothing captured (errHeld);
// nil for an order not pending or without one. It reads the journal only: get_order
// and a purchase retry word the hold without asking Stripe.
func (s *Service) OrderHold(ctx context.Context, o store.Order) *Hold {
	if o.Status != store.OrderPending || o.PurchaseID == "" {
		return nil
	}
	h := s.holdJournaled(ctx, o.PurchaseID)
	if h != nil && !h.Until.IsZero() && !s.now().Before(h.Until) {
		return nil // any hold has lapsed: the order is settled at recovery's next look
	}
	return h
}

// holdJournaled returns the hold of purchase id's last token_held journal line, nil
// when none (or the journal cannot be read: the words then leave it out).
func (s *Service) holdJournaled(ctx context.Context, id string) *Hold {
	events, err := s.cfg.Store.Events(ctx, id)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "read journal", "purchase", id, "err", err)
		return nil
	}
	var h *Hold
	for _, ev := range events {
		if ev.Step != stepTokenHeld {
			continue
		}
		var amount int64
		var currency, until string
		if _, err := fmt.Sscanf(ev.Detail, "%d %s until %s", &amount, &currency, &until); err != nil {
			continue
		}
		h = &Hold{Amount: amount, Currency: currency}
		if t, err := time.Parse(time.RFC3339, until); err == nil {
			h.Until = t
		}
	}
	return h
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
