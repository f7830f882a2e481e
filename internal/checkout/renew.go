package checkout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Renewals.
//
//   - Cycle n of a subscription is due at Terms.Due(anchor, n). RenewDue renews every
//     active subscription whose next action is due; the server runs it in its
//     recovery loop, after Recover, at start and then every minute.
//   - A cycle is claimed in the store before anything is charged (store.ClaimCycle):
//     one row per (subscription, cycle), and one open cycle per subscription, so every
//     process and every restart works on the same cycle. Its attempt is a purchase
//     with the idempotency key store.CycleKey(subscription, cycle, attempt), unique per
//     customer, and that purchase's Stripe and seller idempotency keys derive from its
//     id: a cycle is charged at most once, however many servers renew it at once.
//   - The renewal is an ordinary purchase without the confirmation step (the person
//     confirmed the subscription): a fresh Shared Payment Token for the cycle's total,
//     scoped to the seller, and the seller's checkout completed with it; one order per
//     cycle. The spending rules apply to it, the monthly limit included.
//   - Missed cycles (the server was down over several due dates) are not charged one
//     by one: the next run charges the latest cycle that is due, once, and records how
//     many it skipped. Likewise a cycle paid late (its retries crossed the next due
//     date) is next renewed at the first due date after it was paid, not at once.
//   - Pausing ends an open cycle that has not started charging (waiting for a retry,
//     or claimed with no purchase yet): resuming skips what fell due while paused.
//   - A seller total above the subscription's price per cycle is never paid: the
//     subscription pauses (price_changed) until the person resumes it and confirms
//     the new price.
//   - A declined card (or a seller or Stripe that failed, or stock that ran out) is
//     tried again after each wait of Config.RenewRetries (default DefaultRenewRetries),
//     then the subscription pauses with that reason. A renewal interrupted by a crash
//     is tried again at once if its token was revoked (or none was issued), else once that
//     token has expired. Refusals by the spending rules, a product or seller that
//     went away and a missing payment method pause it at once, as does a card taken off
//     file between its choice and the approval (RefusalCardRemoved; no other card is
//     charged in its place).
//   - A renewal is approved (store.ApproveRenewal) only while its subscription is
//     active and its attempt is still the open one: a pause or cancel that lands
//     while it talks to the seller stops it before any token, nothing charged.
//   - A subscription records the mode it was made in; a server renews (and resumes)
//     only those of its own mode (RefusalOtherMode otherwise), so a sandbox or test
//     subscription is never charged by a live server.
//   - A pause or cancel that lands after a renewal's approval cannot stop it: the
//     change reports that renewal (store.RenewalUnderWay), read in its transaction.
//   - A renewal is bought with the choices the subscription recorded (a ring size, a
//     name to engrave), sent to the seller on its line. When the product no longer
//     offers them (the size was dropped, a personalisation became required…) the
//     renewal is refused before anything is asked of the seller
//     (RefusalChoicesChanged) and the subscription pauses: nothing is charged for
//     another size than the one the person chose.
//   - A renewal attempt is bought with the subscription's choices and agreed price as
//     they are when it starts (its cycle claimed or retried), recorded with the attempt
//     in that transaction (store.CycleTerms), not as they were read before the claim.
//     A change of them (change_subscription) confirmed before is that attempt's, at
//     the confirmed price; one confirmed while it runs is taken at once for the
//     attempts that start after it (the running one goes on with its terms, and the
//     outcome says so). The approval checks the purchase against the attempt's terms
//     (store.ApproveRenewal: ErrRenewalTermsChanged, retried at once, nothing
//     charged). An attempt started before terms were recorded keeps the older rule: no
//     change is confirmed while it runs (RefusalRenewalUnderWay).
//   - A renewal whose outcome is not yet known (the seller is still completing) stays
//     open; Recover settles its purchase and the next run records the cycle.

// DefaultRenewRetries returns the waits before each retry of a declined renewal: 1,
// then 2, then 4 days.
func DefaultRenewRetries() []time.Duration {
	return []time.Duration{24 * time.Hour, 48 * time.Hour, 96 * time.Hour}
}

// maxSkip bounds how many due dates one run steps over.
const maxSkip = 100_000

// RenewStatus is how one renewal attempt ended.
type RenewStatus string

// Renewal statuses.
const (
	RenewPaid      RenewStatus = "paid"       // the cycle was charged and its order completed
	RenewRetrying  RenewStatus = "retrying"   // it failed and is tried again at RetryAt
	RenewPaused    RenewStatus = "paused"     // it failed and the subscription paused
	RenewPending   RenewStatus = "pending"    // its outcome is not known yet
	RenewWaiting   RenewStatus = "waiting"    // nothing to do yet (a retry not yet due, or another process is on it)
	RenewOtherMode RenewStatus = "other_mode" // made in another mode than the server runs in: not renewed here (Refusal says so)
)

// Renewal is what a renewal of a subscription did.
type Renewal struct {
	SubscriptionID string
	Cycle          int
	Status         RenewStatus
	Order          *store.Order // for paid, and for a failed attempt that had an order
	Refusal        *Refusal     // for retrying and paused
	RetryAt        time.Time
	Skipped        int // missed cycles stepped over, not charged
}

// RenewReport counts what RenewDue did. Paused counts renewals that failed and paused
// their subscription; Stopped those that a pause or cancel of the subscription, landing
// while they were under way, stopped before anything was charged
// (RefusalRenewalStopped).
type RenewReport struct {
	Paid, Retrying, Paused, Stopped, Pending, Waiting, Errors int
}

// RenewDue renews the active subscriptions whose next action is due now, at most 500
// per call. When ctx ends (serving stops) it renews no more and returns ctx's error;
// the subscriptions left are due again at the next call.
func (s *Service) RenewDue(ctx context.Context) (RenewReport, error) {
	var rep RenewReport
	due, err := s.cfg.Store.DueSubscriptions(ctx, string(s.cfg.Mode), s.now(), 500)
	if err != nil {
		return rep, err
	}
	for _, u := range due {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		r, err := s.renew(ctx, u)
		if err != nil {
			rep.Errors++
			s.cfg.Log.ErrorContext(ctx, "renew subscription", "subscription", u.ID, "err", err)
			continue
		}
		switch r.Status {
		case RenewPaid:
			rep.Paid++
		case RenewRetrying:
			rep.Retrying++
		case RenewPaused:
			if r.Refusal != nil && r.Refusal.Code == RefusalRenewalStopped {
				rep.Stopped++
			} else {
				rep.Paused++
			}
		case RenewPending:
			rep.Pending++
		default:
			rep.Waiting++
		}
	}
	return rep, nil
}

// renew renews active subscription u's due cycle: claims it, runs (or joins) its
// attempt's purchase, and records how it ended.
func (s *Service) renew(ctx context.Context, u store.Subscription) (Renewal, error) {
	if ref := s.otherMode(u); ref != nil { // never charged from another mode
		return Renewal{SubscriptionID: u.ID, Cycle: u.NextCycle, Status: RenewOtherMode, Refusal: ref}, nil
	}
	now, b := s.now(), Terms(u)
	cycle := u.NextCycle
	for i := 0; i < maxSkip && !b.Due(u.Anchor, cycle+1).After(now); i++ {
		cycle++
	}
	c, err := s.cfg.Store.ClaimCycle(ctx, u.ID, u.NextCycle, cycle, b.Due(u.Anchor, cycle))
	if errors.Is(err, store.ErrStateChanged) {
		return Renewal{SubscriptionID: u.ID, Cycle: cycle, Status: RenewWaiting}, nil
	}
	if err != nil {
		return Renewal{}, err
	}
	r := Renewal{SubscriptionID: u.ID, Cycle: c.Cycle, Skipped: c.Skipped}
	switch c.State {
	case store.CycleRetry:
		if c.RetryAt.After(now) {
			r.Status, r.RetryAt = RenewWaiting, c.RetryAt
			return r, nil
		}
		if c, err = s.cfg.Store.RetryCycle(ctx, u.ID, c.Cycle, c.Attempt); errors.Is(err, store.ErrStateChanged) {
			r.Status = RenewWaiting
			return r, nil
		} else if err != nil {
			return r, err
		}
	case store.CycleRunning:
	default: // paid or failed: recorded by another process meanwhile
		r.Status = RenewWaiting
		return r, nil
	}
	// The attempt is running. It is bought with its own terms, the subscription's
	// choices and agreed price as they were when it started (recorded with it, in the
	// claim's or retry's transaction), not as they were read before the claim: a
	// change confirmed in between is this attempt's, at the confirmed price; one
	// confirmed while it runs is for the attempts after it (store.ApplyChoicesChange).
	// An attempt started before terms were recorded is bought with the subscription
	// as it is now (no change is confirmed while such an attempt runs).
	if u, err = s.cfg.Store.Subscription(ctx, u.CustomerID, u.ID); err != nil {
		return r, err
	}
	if t := c.Terms; t != nil {
		u.Choices, u.Amount, u.Currency = t.Choices, t.Amount, t.Currency
	}
	p, created, err := s.cfg.Store.BeginPurchase(ctx, store.Purchase{
		CustomerID: u.CustomerID, IdemKey: store.CycleKey(u.ID, c.Cycle, c.Attempt), Mode: string(s.cfg.Mode),
		ProductID: u.ProductID, SellerID: u.SellerID, Quantity: u.Quantity, Choices: u.Choices,
	})
	if err != nil {
		return r, err
	}
	if !created && (!renewalOf(p, u) || !p.Choices.Equal(u.Choices)) {
		// Not this cycle's purchase: never take its outcome for the cycle's, never charge.
		return r, fmt.Errorf("%w: purchase %s holds the key of %s cycle %d attempt %d", errRenewalKeyTaken, p.ID, u.ID, c.Cycle, c.Attempt)
	}
	var out Outcome
	switch {
	case created:
		out, err = s.renewPurchase(ctx, p, u, c)
		out, err = s.firstOutcome(ctx, out, err)
	case store.Terminal(p.State):
		out, err = s.outcomeOf(ctx, p)
	default:
		// Another process is renewing this attempt, or a crash left it for Recover.
		r.Status = RenewPending
		return r, nil
	}
	return s.endCycle(ctx, u, c, p.ID, r, out, err)
}

// errRenewalKeyTaken is a renewal attempt whose purchase key is held by a purchase that
// is not a renewal of the subscription (callers' keys cannot start with
// ReservedKeyPrefix, so only data written before that rule can do this).
var errRenewalKeyTaken = errors.New("renewal key taken by another purchase")

// renewalOf says whether p, found under a renewal key of u, is a renewal of u: u's
// product and quantity from its seller, bought without a quote and outside a cart. Its
// choices are its attempt's terms, which may be other than u's now (a change confirmed
// while it ran): renew checks them against the attempt's.
func renewalOf(p store.Purchase, u store.Subscription) bool {
	return p.ProductID == u.ProductID && p.Quantity == u.Quantity && p.SellerID == u.SellerID &&
		p.QuoteID == "" && p.CheckoutID == ""
}

// renewPurchase runs the new purchase p of one cycle of u.
func (s *Service) renewPurchase(ctx context.Context, p store.Purchase, u store.Subscription, c store.Cycle) (Outcome, error) {
	out, err := s.renewSteps(ctx, &p, u, c)
	return out, s.recordRefusal(ctx, &p, err)
}

func (s *Service) renewSteps(ctx context.Context, p *store.Purchase, u store.Subscription, c store.Cycle) (Outcome, error) {
	product, err := s.cfg.Catalog.Product(ctx, u.ProductID)
	if errors.Is(err, catalog.ErrNotFound) {
		return Outcome{}, refuse(RefusalUnknownProduct, RefusalParams{ProductID: u.ProductID})
	}
	if err != nil {
		return Outcome{}, err
	}
	if ref := choicesStillOffered(&product, u); ref != nil {
		return Outcome{}, ref
	}
	rules, err := s.prepare(ctx, p, product, u.AddressID, "")
	if err != nil {
		return Outcome{}, err
	}
	if p.Total > u.Amount || p.Currency != u.Currency {
		return Outcome{}, refuse(RefusalPriceChanged, RefusalParams{Seller: p.SellerName, Title: p.Title,
			Amount: p.Total, Currency: p.Currency, QuotedAmount: u.Amount, QuotedCurrency: u.Currency,
			Subtotal: p.Subtotal, Shipping: p.Shipping, Tax: p.Tax})
	}
	return s.payAs(ctx, p, store.PurchaseOpen, rules, &store.Renewing{SubscriptionID: u.ID, Cycle: c.Cycle, Attempt: c.Attempt})
}

// endCycle records how attempt c of u ended (out or err) and returns the renewal.
func (s *Service) endCycle(ctx context.Context, u store.Subscription, c store.Cycle, purchaseID string, r Renewal, out Outcome, err error) (Renewal, error) {
	ctx = context.WithoutCancel(ctx)
	var ref *Refusal
	var end store.CycleEnd
	switch {
	case err == nil && out.Status == StatusCompleted:
		r.Status, r.Order = RenewPaid, out.Order
		// A cycle paid late (after retries) is never followed at once by the cycles
		// that fell due meanwhile: the next charge is at the first due date after now,
		// and the next claim records the cycles before it as skipped.
		end = store.CycleEnd{State: store.CyclePaid, NextDueAt: dueAfter(u, c.Cycle+1, s.now())}
		if out.Order != nil {
			end.OrderID, end.Charged = out.Order.ID, out.Order.Total
		}
	case err == nil:
		r.Status = RenewPending
		return r, nil
	case errors.As(err, &ref):
		r.Refusal = ref
		end = store.CycleEnd{FailureCode: string(ref.Code), OrderID: ref.OrderID}
		wait, retry := s.retryWait(ref.Code, c.Attempt)
		if retry && ref.Code == RefusalInterrupted {
			wait = s.tokenWait(ctx, purchaseID)
		}
		if retry {
			r.Status, r.RetryAt = RenewRetrying, s.now().Add(wait)
			end.State, end.RetryAt = store.CycleRetry, r.RetryAt
		} else {
			r.Status = RenewPaused
			end.State, end.PauseParams = store.CycleFailed, ref.Params.encode()
		}
	default:
		return r, err
	}
	if err := s.cfg.Store.EndCycle(ctx, u.ID, c.Cycle, c.Attempt, end); errors.Is(err, store.ErrStateChanged) {
		r.Status = RenewWaiting // another process recorded this attempt first
	} else if err != nil {
		return r, fmt.Errorf("record renewal: %w", err)
	}
	return r, nil
}

// tokenWait is how long an interrupted renewal attempt (purchase id) waits before the
// next attempt issues a new token: until the attempt's token expires, unless its
// journal shows it revoked or it never reached approval (no token could exist). The
// old token, if the seller's session is still open, could otherwise be charged too.
func (s *Service) tokenWait(ctx context.Context, id string) time.Duration {
	p, err := s.cfg.Store.Purchase(ctx, id)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "interrupted renewal", "purchase", id, "err", err)
		return s.cfg.TokenTTL // unknown: as long as a token can live
	}
	if p.OrderID == "" || !p.TokenExpiresAt.After(s.now()) {
		return 0
	}
	events, err := s.cfg.Store.Events(ctx, id)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "interrupted renewal", "purchase", id, "err", err)
	}
	if tokenDead(events) {
		return 0
	}
	return p.TokenExpiresAt.Sub(s.now())
}

// retryWait says whether a renewal attempt (0 for the first) refused with code is
// tried again, and after how long.
func (s *Service) retryWait(code RefusalCode, attempt int) (time.Duration, bool) {
	waits := s.cfg.RenewRetries
	if attempt >= len(waits) {
		return 0, false
	}
	switch code {
	case RefusalInterrupted:
		return 0, true
	case RefusalCardDeclined, RefusalAuthRequired, RefusalPaymentMethod, RefusalTokenRejected, RefusalPaymentUnavailable,
		RefusalSellerUnavailable, RefusalSellerNotReady, RefusalSellerRejected, RefusalOutOfStock, RefusalSellerBusy:
		return waits[attempt], true
	}
	return 0, false
}
