package checkout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// A seller's word alone never makes a purchase whose payment token reached it "nothing
// charged": a seller that charged and then lost the session (a restart), or answers
// with a decline or a problem after charging, would have the person charged while we
// say they were not. Stripe is the witness: once Stripe shows the token deactivated
// (revoked, expired or used), what it shows captured on the token is final (see
// expiryGrace for a token Stripe keeps showing active past its expiry).
//   - nothing captured: the purchase fails as the seller's answer says;
//   - something captured: the purchase ends charged_no_order (store.PurchaseChargedNoOrder,
//     RefusalChargedNoOrder), which counts as spent and says so;
//   - Stripe cannot tell (unreachable, the token still usable, or its reply lacks the
//     amount captured): nothing is concluded,
//     the purchase stays token_issued (its order pending) for recovery to look again;
//   - Stripe shows the token used but nothing captured (deactivated "consumed" or
//     "resolved", amount_captured 0): a seller that authorizes (manual capture) holds
//     the amount on the card and captures it later, which amount_captured does not
//     show yet. That is evidence of use, not of nothing: the purchase stays pending
//     (errHeld) until Stripe shows an amount captured or until holdLapse after the
//     last moment a hold could have been placed, when any hold has lapsed.
//   - one exception, in the sandbox only: the sandbox's Stripe (the emulator in the
//     process, in memory) answering that it does not know an expired sandbox
//     purchase's token means the process restarted and forgot it; no money moves in
//     the sandbox, and recovery ends it failed (sandboxForgot, RefusalSandboxForgot).

// errNoWitness means Stripe has not told what a purchase's token was charged, finally:
// it could not be asked, or the token can still be charged. The purchase must stay
// pending.
var errNoWitness = errors.New("stripe has not told what the payment token was charged")

// expiryGrace is how far past a token's expiry this server's clock must be before it
// takes the amount Stripe shows captured on a token that Stripe does not show
// deactivated as final. Stripe's word decides when a token stops working (it shows an
// expired token deactivated), and our clock alone is not trusted for that; but a
// purchase must not stay pending for ever when Stripe keeps showing a token active
// long after its expiry, so an hour past it by our clock the amount is taken as final.
const expiryGrace = time.Hour

// holdLapse is how long after the last moment a seller could have authorized on a
// token (its expiry) an authorization hold may still be captured. Stripe documents 7
// days for an online card authorization (5 for Visa's merchant-initiated ones) and
// extended authorizations of up to 30 days depending on the card network; a day is
// added for clearing and clock skew. Only after it is "nothing captured" taken as
// final for a token Stripe shows used.
const holdLapse = 31 * 24 * time.Hour

// errHeld is Stripe showing a purchase's token used by its seller with nothing
// captured: a hold of up to the token's limit may be on the card until Until. It
// wraps errNoWitness: the purchase stays pending.
type errHeld struct {
	Amount   int64  // the token's limit (the purchase's total): the most a hold can be
	Currency string // of Amount
	Reason   string // Stripe's deactivated_reason
	Until    time.Time
	known    bool      // p's journal already has its token_held line
	heldAt   time.Time // when that line was written
	warned   bool      // and its warning was logged (stepHeldWarned)
}

// detail is the token_held journal line of e: "<amount> <currency> until <RFC 3339>"
// ("until unknown" when no date is known).
func (e *errHeld) detail() string {
	until := "unknown"
	if !e.Until.IsZero() {
		until = e.Until.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("%d %s until %s", e.Amount, e.Currency, until)
}

func (e *errHeld) Error() string {
	return fmt.Sprintf("%s: Stripe shows the token %s with nothing captured; a hold may be captured until %s",
		errNoWitness, e.Reason, e.Until.UTC().Format(time.RFC3339))
}

func (e *errHeld) Unwrap() error { return errNoWitness }

// refusal is the payment_held refusal of a call that could not end or cancel the
// purchase of order orderID, sold by seller, because of the hold.
func (e *errHeld) refusal(seller, orderID string) *Refusal {
	ref := refuse(RefusalPaymentHeld, RefusalParams{Seller: seller, OrderID: orderID, Amount: e.Amount, Currency: e.Currency})
	if !e.Until.IsZero() {
		ref.Params.HoldUntil = e.Until.Unix()
	}
	return ref
}

// Hold is what a pending purchase's Outcome says of a possible authorization hold:
// Stripe shows its token used by the seller with nothing captured yet.
type Hold struct {
	Amount   int64 // at most this, the purchase's total, in Currency
	Currency string
	Until    time.Time // when any hold has lapsed; zero when not known
}

// mayHold says whether a token Stripe shows deactivated for reason, with nothing
// captured, may carry a hold that Stripe does not show captured; seen is what Stripe
// showed just before our revoke (the last token_seen line, "" when not read).
//   - expired: it stopped working unused; a hold would have used its limit first
//     (consumed): what Stripe shows captured is final.
//   - revoked: final only when the token was seen active just before our revoke,
//     i.e. unused (a hold for its whole limit would have shown it consumed). Stripe may
//     show a used token revoked once we revoke it, so a revoke not preceded by that
//     read is no evidence of nothing used.
//   - consumed (its limit used, by a charge or an authorization), resolved (the seller
//     finished with it; Stripe does not say it excludes an authorization), a reason
//     Stripe adds later, or none at all (its reply does not say): possible hold.
//
// Where unsure, a hold: never "nothing charged" on a token that may have been used.
func mayHold(reason, seen string) bool {
	switch reason {
	case TokenExpired:
		return false
	case TokenRevoked:
		return seen != string(TokenActive)
	}
	return true
}

// captured returns what Stripe shows captured on p's token, in minor units of the
// currency it returns, once the token can no longer be charged. A purchase without a
// token was charged nothing. Errors wrap errNoWitness.
func (s *Service) captured(ctx context.Context, p *store.Purchase) (int64, string, error) {
	if p.TokenID == "" {
		return 0, p.Currency, nil
	}
	tok, err := retry(ctx, s, func() (Token, error) { return s.cfg.Tokens.Retrieve(ctx, p.TokenID) })
	if err != nil && s.sandboxForgot(p, err) {
		return 0, "", errSandboxForgot
	}
	if err != nil && s.sandboxForgetting(p, err) {
		return 0, "", errSandboxForgetting
	}
	if err != nil {
		return 0, "", fmt.Errorf("%w: %s", errNoWitness, tokenFailure(err))
	}
	expires := tok.ExpiresAt
	if expires.IsZero() {
		expires = p.TokenExpiresAt
	}
	if tok.Status != TokenDeactivated && (expires.IsZero() || s.now().Before(expires.Add(expiryGrace))) {
		return 0, "", fmt.Errorf("%w: the token can still be charged (status %s)", errNoWitness, tok.Status)
	}
	if !tok.CapturedKnown {
		return 0, "", fmt.Errorf("%w: Stripe's reply does not show the amount captured", errNoWitness)
	}
	currency := tok.Currency
	if currency == "" {
		currency = p.Currency
	}
	if tok.Status == TokenDeactivated && tok.AmountCaptured == 0 {
		events, err := s.cfg.Store.Events(ctx, p.ID)
		if err != nil {
			return 0, "", fmt.Errorf("%w: the journal could not be read: %w", errNoWitness, err)
		}
		if held := s.holdOf(p, tok, expires, events); held != nil {
			s.warnHeld(ctx, p, held)
			return 0, "", held
		}
	}
	// Final once read: journaled once per amount, however many calls or processes
	// read it (an amount read differently later is journaled too, as the refusal
	// carries it).
	if _, jerr := s.cfg.Store.JournalOncePerDetail(ctx, p.ID, stepTokenCaptured, fmt.Sprintf("%d %s", tok.AmountCaptured, currency)); jerr != nil {
		s.cfg.Log.ErrorContext(ctx, "journal captured amount", "purchase", p.ID, "err", jerr)
	}
	return tok.AmountCaptured, currency, nil
}

// errSandboxForgot is the sandbox's Stripe answering that it does not know a sandbox
// purchase's payment token, which has expired (sandboxForgot). It wraps errNoWitness:
// only recovery (recoverOne) ends the purchase on it, failed with RefusalSandboxForgot;
// any other caller leaves it pending.
var errSandboxForgot = fmt.Errorf("%w: the sandbox's Stripe no longer knows the expired payment token (it restarted)", errNoWitness)

// sandboxForgot says whether err, the answer to retrieving p's payment token, means
// the sandbox forgot the token: a sandbox server's Stripe is the emulator in its own
// process, in memory, and a restarted process knows none of the tokens before it. Only
// for a purchase recorded in sandbox mode by a server in sandbox mode (a test or live
// purchase's token is not the emulator's to know, and no money moves in the sandbox),
// and only once the token has expired (plus expiryGrace): until then another sandbox process sharing the
// store may still hold it and have its seller charge it, and its own recovery settles
// it. A purchase left so would otherwise stay pending for ever.
func (s *Service) sandboxForgot(p *store.Purchase, err error) bool {
	return s.cfg.Mode == ModeSandbox && Mode(p.Mode) == ModeSandbox &&
		s.sandboxTokenGone(p) && unknownToken(err)
}

// errSandboxForgetting is the sandbox's Stripe answering that it does not know a
// sandbox purchase's payment token that has not expired yet (sandboxForgetting): the
// purchase is left pending until errSandboxForgot ends it. It wraps errNoWitness.
var errSandboxForgetting = fmt.Errorf("%w: the sandbox's Stripe no longer knows the payment token (it restarted); the purchase fails an hour after the token expires", errNoWitness)

// sandboxForgetting says whether err, the answer to retrieving sandbox purchase p's
// payment token on a sandbox server, is the sandbox's Stripe not knowing it while it
// may still be usable (before sandboxTokenGone; after it, sandboxForgot).
func (s *Service) sandboxForgetting(p *store.Purchase, err error) bool {
	return s.cfg.Mode == ModeSandbox && Mode(p.Mode) == ModeSandbox && unknownToken(err)
}

// sandboxTokenGone says whether sandbox purchase p's token has expired, with the grace
// every other "can it still be charged" check here allows: until then another sandbox
// process sharing the store may still hold it and settle it.
func (s *Service) sandboxTokenGone(p *store.Purchase) bool {
	return Mode(p.Mode) == ModeSandbox && !p.TokenExpiresAt.IsZero() && !s.now().Before(p.TokenExpiresAt.Add(expiryGrace))
}

// unknownToken says whether err is Stripe answering that it has no such token.
func unknownToken(err error) bool {
	var se *spt.Error
	return errors.As(err, &se) && se.HTTPStatus == http.StatusNotFound && se.Code == spt.CodeResourceMissing
}

// holdOf returns the possible hold on p's token tok, which Stripe shows deactivated
// with nothing captured, or nil when nothing captured is final: the token did not
// carry a hold (mayHold) or any hold has lapsed. expires is the token's expiry, zero
// when not known; events is p's journal.
func (s *Service) holdOf(p *store.Purchase, tok Token, expires time.Time, events []store.Event) *errHeld {
	if !mayHold(tok.DeactivatedReason, lastSeen(events)) {
		return nil
	}
	// The last moment a hold could have been placed: the token's expiry, else when
	// Stripe deactivated it. Neither known: it stays pending for the person and the
	// operator to settle.
	last := expires
	if last.IsZero() {
		last = tok.DeactivatedAt
	}
	if !last.IsZero() && !s.now().Before(last.Add(holdLapse)) {
		return nil
	}
	held := &errHeld{Amount: p.Total, Currency: p.Currency, Reason: tok.DeactivatedReason}
	if !last.IsZero() {
		held.Until = last.Add(holdLapse)
	}
	for _, ev := range events {
		switch ev.Step {
		case stepTokenHeld:
			if !held.known {
				held.known, held.heldAt = true, ev.At
			}
		case stepHeldWarned:
			held.warned = true
		}
	}
	return held
}

// heldWarnLate is how long a token_held line may go without its warning
// (stepHeldWarned) before another look warns again: the server that wrote it warns
// and marks it right after, unless it died in between.
const heldWarnLate = time.Minute

// warnHeld tells the operator (one WARN line) of the hold found on p's token: once
// per purchase, whichever process finds it first (a hold may be looked at for a
// month, by every server), and at least once. The process whose journal line
// (stepTokenHeld) went in warns, then marks the line warned (stepHeldWarned); a line
// left unmarked longer than heldWarnLate — its process died between the two — is
// warned of by the next look, here or elsewhere, and marked then. A journal that
// cannot be written still warns: better twice than not at all.
func (s *Service) warnHeld(ctx context.Context, p *store.Purchase, held *errHeld) {
	if !held.known {
		first, err := s.cfg.Store.JournalOnce(ctx, p.ID, stepTokenHeld, held.detail())
		if err != nil {
			s.cfg.Log.ErrorContext(ctx, "journal", "purchase", p.ID, "step", stepTokenHeld, "err", err)
		}
		if !first && err == nil {
			return // another process's line went in first: that process warns
		}
		held.known = err == nil
	} else if held.warned || s.now().Before(held.heldAt.Add(heldWarnLate)) {
		return
	}
	s.cfg.Log.WarnContext(ctx, "purchase left pending: Stripe shows its token used with nothing captured yet (a hold)",
		"purchase", p.ID, "reason", held.Reason, "until", held.Until)
	if !held.known {
		return // no line to mark: the next look journals it, and warns again
	}
	if _, err := s.cfg.Store.JournalOnce(ctx, p.ID, stepHeldWarned, ""); err != nil {
		s.cfg.Log.ErrorContext(ctx, "journal", "purchase", p.ID, "step", stepHeldWarned, "err", err)
	}
}

// chargedNoOrder ends p, in state token_issued, charged with no seller order: Stripe
// shows amount of currency captured on its token. It returns the refusal saying so
// (recorded with p and its order), lostRace when another call moved p first, or the
// store's error (p then stays pending, for recovery).
func (s *Service) chargedNoOrder(ctx context.Context, p *store.Purchase, amount int64, currency string) error {
	ctx = context.WithoutCancel(ctx)
	ref := refuse(RefusalChargedNoOrder, RefusalParams{Seller: p.SellerName, Title: p.Title, Amount: amount,
		Currency: currency, OrderID: p.OrderID, SupportURL: s.sellerSupportURL(ctx, p.SellerID)})
	next := *p
	ref.record(&next, store.PurchaseChargedNoOrder)
	next.Charged = true
	switch err := s.cfg.Store.Advance(ctx, &next, "charged_no_order", "", store.PurchaseTokenIssued); {
	case errors.Is(err, store.ErrStateChanged):
		return lostRace{p.ID}
	case err != nil:
		return err
	}
	*p = next
	s.cfg.Log.ErrorContext(ctx, "the seller has no order for a purchase that Stripe shows charged",
		"purchase", p.ID, "order", p.OrderID, "seller", p.SellerID, "captured", amount, "currency", currency)
	s.notifyOrder(p.CustomerID, p.OrderID)
	ref.OrderID = p.OrderID
	return ref.kept(p.IdemKey)
}

// witnessCharge asks Stripe whether p's revoked token, which its seller was given and
// for which the seller has no completed order, was charged. Charged: p ends
// charged_no_order and the refusal saying so is returned. Not charged: nil, nil, and
// p is the caller's to fail. Stripe cannot tell: an error wrapping errNoWitness, p
// unchanged. lostRace when another call ended p first.
func (s *Service) witnessCharge(ctx context.Context, p *store.Purchase) (*Refusal, error) {
	amount, currency, err := s.captured(ctx, p)
	if err != nil || amount == 0 {
		return nil, err
	}
	var ref *Refusal
	if err := s.chargedNoOrder(ctx, p, amount, currency); !errors.As(err, &ref) {
		return nil, err
	}
	return ref, nil
}

// failUnlessCharged ends p, in state token_issued, whose token is revoked and whose
// seller has no completed order for it: failed with ref when Stripe shows nothing
// captured on the token, else charged_no_order (that refusal is returned). When
// Stripe cannot tell it returns an error wrapping errNoWitness and changes nothing.
func (s *Service) failUnlessCharged(ctx context.Context, p *store.Purchase, ref *Refusal) error {
	switch charged, err := s.witnessCharge(ctx, p); {
	case err != nil:
		return err
	case charged != nil:
		return charged
	}
	ref.Params.Witnessed = p.TokenID != ""
	return s.fail(ctx, p, store.PurchaseTokenIssued, ref)
}

// orderAfterAll completes p, ended charged_no_order, whose seller shows the order after
// all (an authenticated order event for its session, or its session completed): a
// seller that answered 404 for a moment had the order. The order was counted as spent
// when p ended charged_no_order and stays counted once; the completion is journaled
// and the order's listeners told. A renewal's purchase also has its cycle recorded
// paid and its subscription put back as if the renewal had succeeded, in the same
// transaction (lateRenewal). ErrStateChanged when p is no longer charged_no_order.
func (s *Service) orderAfterAll(ctx context.Context, p *store.Purchase, sellerOrderID string, digital *store.DigitalDelivery) error {
	ctx = context.WithoutCancel(ctx)
	next := *p
	if sellerOrderID != "" {
		next.SellerOrderID = sellerOrderID
	}
	if digital != nil {
		next.Digital = digital
	}
	var end store.LateRenewalEnd
	late, isRenewal, err := s.lateRenewal(ctx, p)
	switch {
	case err != nil:
		return err
	case isRenewal:
		if end, err = s.cfg.Store.CompleteChargedNoOrderRenewal(ctx, &next, late); err != nil {
			return err
		}
	default:
		if err := s.cfg.Store.CompleteChargedNoOrder(ctx, &next); err != nil {
			return err
		}
	}
	*p = next
	s.cfg.Log.InfoContext(ctx, "the seller shows the order of a purchase ended charged_no_order: completed",
		"purchase", p.ID, "order", p.OrderID, "seller", p.SellerID, "renewal", string(end))
	s.afterSale(ctx, p.ID, p.OrderID)
	s.notifyOrder(p.CustomerID, p.OrderID)
	return nil
}

// lateRenewal says whether p is a subscription renewal's purchase and, if so, what
// completing it does to its cycle and subscription: cycle+1 falls due as endCycle sets
// it for a paid cycle (a cycle paid late is next renewed at the first due date after
// now). A purchase under a renewal key that is not the subscription's renewal (data
// from before such keys were reserved; see renewalOf) is not one. It reads p's order
// as it now is (an order event is recorded before this) for whether the seller shows
// it canceled or refunded.
func (s *Service) lateRenewal(ctx context.Context, p *store.Purchase) (store.LateRenewal, bool, error) {
	r, ok := store.ParseCycleKey(p.IdemKey)
	if !ok {
		return store.LateRenewal{}, false, nil
	}
	u, err := s.cfg.Store.Subscription(ctx, p.CustomerID, r.SubscriptionID)
	if errors.Is(err, store.ErrNotFound) {
		return store.LateRenewal{}, false, nil
	}
	if err != nil || !renewalOf(*p, u) {
		return store.LateRenewal{}, false, err
	}
	o, err := s.cfg.Store.Order(ctx, p.CustomerID, p.OrderID)
	if err != nil {
		return store.LateRenewal{}, false, err
	}
	return store.LateRenewal{Renewing: r, NextDueAt: dueAfter(u, r.Cycle+1, s.now()), PauseCode: string(RefusalChargedNoOrder),
		PaidPauseCode:   string(RefusalRenewalPaidLate),
		PaidPauseParams: RefusalParams{Seller: p.SellerName, OrderID: p.OrderID}.encode(),
		// Kept paused because the person asked to cancel the order: the words say so.
		KeptPauseParams: RefusalParams{Seller: p.SellerName, OrderID: p.OrderID, Step: StepCancel}.encode(),
		// An order the seller shows canceled or refunded was charged (the cycle is
		// paid) but is no reason to renew again; nor is an order that turns up more
		// than chargedNoOrderRecheck after the pause (the person decides).
		MayResume:   o.SellerStatus != store.SellerCanceled && o.SellerStatus != store.SellerRefunded,
		PausedSince: s.now().Add(-chargedNoOrderRecheck)}, true, nil
}

// recheckChargedNoOrder asks o's seller again about the session of o, an order ended
// charged_no_order, and completes it when the seller shows the session completed. It
// returns the order as it now is; a seller that cannot tell leaves it as it was.
func (s *Service) recheckChargedNoOrder(ctx context.Context, o store.Order) (store.Order, error) {
	p, err := s.cfg.Store.Purchase(ctx, o.PurchaseID)
	if err != nil {
		return o, err
	}
	if p.State != store.PurchaseChargedNoOrder {
		// Another call or process moved it on since o was read (completed it, say):
		// o is stale.
		return s.orderNow(ctx, o), nil
	}
	if p.SessionID == "" {
		return o, nil
	}
	// On every way out the order is read again: another process may have completed
	// it while this one asked (a seller failing this ask may have answered another).
	seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
	if err != nil {
		return s.orderNow(ctx, o), err
	}
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if err != nil {
		return s.orderNow(ctx, o), err
	}
	sess, err := sessionOrNone(co.Get(ctx, p.SessionID))
	if err != nil || sess.Status != StatusSessionCompleted {
		return s.orderNow(ctx, o), err
	}
	if err := s.orderAfterAll(ctx, &p, sess.OrderID, sess.Digital); err != nil && !errors.Is(err, store.ErrStateChanged) {
		return s.orderNow(ctx, o), err
	}
	// Completed even when ctx ended meanwhile: read it regardless, and never return an
	// empty order.
	return s.orderNow(ctx, o), nil
}
