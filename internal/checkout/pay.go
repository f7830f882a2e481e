package checkout

import (
	"context"
	"errors"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// pay takes an approved-to-be purchase from state from to the end: approve (daily
// limit, pending order), issue the token, complete the seller's checkout, record the
// order. After the token is issued, any failure revokes it.
func (s *Service) pay(ctx context.Context, p *store.Purchase, from store.PurchaseState, rules store.Rules) (Outcome, error) {
	return s.payAs(ctx, p, from, rules, nil)
}

// payAs is pay; a renewal purchase names the attempt it pays in r, and is approved
// only while that attempt is its subscription's open one and the subscription is
// active (else it ends refused with RefusalRenewalStopped, nothing charged). Any
// purchase whose card was taken off file before its approval ends refused with
// RefusalCardRemoved, nothing charged (a renewal then pauses, as with no card).
func (s *Service) payAs(ctx context.Context, p *store.Purchase, from store.PurchaseState, rules store.Rules, r *store.Renewing) (Outcome, error) {
	p.TokenExpiresAt = s.now().Add(s.cfg.TokenTTL).Truncate(time.Second)
	var err error
	if r != nil {
		err = s.cfg.Store.ApproveRenewal(ctx, p, from, *r, rules.Limits()...)
	} else {
		err = s.cfg.Store.Approve(ctx, p, from, rules.Limits()...)
	}
	var lim *store.LimitError
	switch {
	case errors.Is(err, store.ErrStateChanged):
		return Outcome{}, lostRace{p.ID}
	case errors.Is(err, store.ErrRenewalStopped):
		return Outcome{}, s.fail(ctx, p, from, refuse(RefusalRenewalStopped, RefusalParams{QuoteID: r.SubscriptionID}))
	case errors.Is(err, store.ErrRenewalTermsChanged):
		// Nothing approved, no token: the attempt ends and the next one, tried at
		// once, is begun with the subscription's choices and price as they are then.
		return Outcome{}, s.fail(ctx, p, from, refuse(RefusalInterrupted, RefusalParams{}))
	case errors.Is(err, store.ErrCardRemoved):
		return Outcome{}, s.fail(ctx, p, from, cardRemovedRefusal(*p))
	case errors.As(err, &lim):
		return Outcome{}, s.fail(ctx, p, from, limitRefusal(lim))
	case err != nil:
		return Outcome{}, err
	}
	s.notifyOrder(p.CustomerID, p.OrderID)
	if err := s.fault("approved"); err != nil {
		return Outcome{}, err
	}
	// Approved: paid to its end even if the caller goes away meanwhile (see paying).
	ctx, done := s.paying(ctx)
	defer done()
	return s.charge(ctx, p, p.QuoteID != "")
}

// DefaultPayingTimeout bounds an approved payment (Config.PayingTimeout): 45 s, under
// the shortest --recover-after that serve does not warn about (1 minute), so that
// recovery, which waits until a purchase has been idle that long, does not race a
// payment still running here. It lets the seller's complete call run its whole 30 s
// and leaves 15 s for the revocation and the journal entry that end a payment cut
// short.
const DefaultPayingTimeout = 45 * time.Second

// paying is the context an approved purchase is paid in: ctx without its cancellation,
// ended by Config.PayingTimeout and by StopPayments. The person has agreed and the
// spending rules have let it through, so a client that disconnects or cancels its
// request must not stop the payment halfway (a checkout's other seller orders
// completing while this one fails, or one failed with its token revoked while the
// seller was completing it). A payment cut short by the timeout or StopPayments ends
// as a cancelled call did before: its token revoked, the purchase journaled for
// recovery. done releases the context.
func (s *Service) paying(ctx context.Context) (_ context.Context, done func()) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.PayingTimeout)
	unhook := context.AfterFunc(s.stop, cancel)
	return ctx, func() { unhook(); cancel() }
}

// StopPayments ends the payments still running (see paying) and any started later:
// serve calls it at the end of its shutdown grace period, so that a payment journals
// its state before the databases close. It is not undone.
func (s *Service) StopPayments() { s.halt() }

// charge issues the token for an approved purchase and completes the seller's
// checkout; requote first makes sure that the seller's session of a confirmed quote
// still asks what was quoted.
func (s *Service) charge(ctx context.Context, p *store.Purchase, requote bool) (Outcome, error) {
	seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
	if err != nil {
		return Outcome{}, err
	}
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if err != nil {
		return Outcome{}, s.fail(ctx, p, store.PurchaseApproved, refuse(RefusalSellerUnavailable, RefusalParams{Seller: seller.Name, Step: StepConnect}))
	}
	if p.Mode != string(s.cfg.Mode) {
		// Quoted (and its card chosen) by a server of another mode sharing this store:
		// the card belongs to that mode's Stripe, never charged from this one.
		return Outcome{}, s.fail(ctx, p, store.PurchaseApproved, refuse(RefusalCardOtherMode, RefusalParams{
			CardBrand: p.CardBrand, CardLast4: p.CardLast4, Mode: Mode(p.Mode), ServerMode: s.cfg.Mode}))
	}
	if requote {
		if err := s.refreshSession(ctx, p, co); err != nil {
			return Outcome{}, err
		}
	}
	tok, err := retry(ctx, s, func() (Token, error) { return s.cfg.Tokens.Issue(ctx, issueRequest(p, co)) })
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "issue payment token", "purchase", p.ID, "err", tokenFailure(err))
		ref := refuse(RefusalPaymentUnavailable, RefusalParams{})
		switch {
		case errors.Is(err, ErrMisconfigured):
			ref = refuse(RefusalPaymentMisconfigured, RefusalParams{Seller: seller.Name})
		case errors.Is(err, ErrRejected):
			ref = refuse(RefusalPaymentMethod, RefusalParams{})
		}
		return Outcome{}, s.fail(ctx, p, store.PurchaseApproved, ref)
	}
	if err := s.fault("token_received"); err != nil {
		return Outcome{}, err // as a process killed before it journaled the token: unknown to the store
	}
	p.TokenID, p.State = tok.ID, store.PurchaseTokenIssued
	if err := s.cfg.Store.Advance(ctx, p, "token_issued", "", store.PurchaseApproved); err != nil {
		// Unjournaled, the token is this call's alone to revoke, won or lost.
		s.revoke(context.WithoutCancel(ctx), p)
		if errors.Is(err, store.ErrStateChanged) {
			return Outcome{}, lostRace{p.ID}
		}
		return Outcome{}, err
	}
	if err := s.fault("token_issued"); err != nil {
		return Outcome{}, err
	}
	switch tok.Status {
	case TokenActive:
	case TokenRequiresAction:
		return Outcome{}, s.failAfterToken(ctx, p, refuse(RefusalAuthRequired, RefusalParams{}))
	default: // deactivated at birth, or a status this server does not know
		s.cfg.Log.WarnContext(ctx, "payment token not usable", "purchase", p.ID, "status", tok.Status)
		return Outcome{}, s.failAfterToken(ctx, p, refuse(RefusalPaymentMethod, RefusalParams{TokenStatus: text.Clean(string(tok.Status), 40)}))
	}
	sess, err := retry(ctx, s, func() (Session, error) { return co.Complete(ctx, p.SessionID, tok.ID, p.ID+"/complete") })
	return s.finish(ctx, p, co, sess, err)
}

// finish records what the seller's complete call ended with. A seller that answers
// with anything but a completed order after it was given the token may have charged
// it all the same: failAfterSeller lets Stripe tell.
func (s *Service) finish(ctx context.Context, p *store.Purchase, co SellerCheckout, sess Session, err error) (Outcome, error) {
	switch {
	case err == nil && sess.Status == StatusSessionCompleted:
		return s.record(ctx, p, sess)
	case err == nil && sess.Status == StatusCompleteInProgress:
		return s.unknownOutcome(ctx, p, co, errors.New("the seller is still completing the checkout"))
	case err == nil && sess.has(ProblemDeclined), errors.Is(err, ErrDeclined):
		return s.failAfterSeller(ctx, p, refuse(RefusalCardDeclined, RefusalParams{CardBrand: p.CardBrand, CardLast4: p.CardLast4}))
	case err == nil && sess.has(ProblemInvalid):
		return s.failAfterSeller(ctx, p, refuse(RefusalTokenRejected, RefusalParams{Seller: p.SellerName}))
	case err == nil:
		return s.failAfterSeller(ctx, p, problemRefusal(p.SellerName, p.Title, sess))
	case errors.Is(err, ErrRejected):
		s.cfg.Log.WarnContext(ctx, "seller rejected payment", "purchase", p.ID, "err", err)
		return s.failAfterSeller(ctx, p, refuse(RefusalSellerRejected, RefusalParams{Seller: p.SellerName, Step: StepComplete}))
	case errors.Is(err, ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return s.unknownOutcome(ctx, p, co, err)
	}
	return Outcome{}, err
}

// unknownOutcome handles a complete call whose result is unknown: revoke the token, so
// no new charge can happen from now on, then ask the seller what happened
// (settledSession). A seller that still cannot tell may have charged before the
// revocation, so that purchase stays pending. A seller that no longer knows the
// session (a restart lost it) or did not complete it has Stripe tell whether the
// token was charged.
func (s *Service) unknownOutcome(ctx context.Context, p *store.Purchase, co SellerCheckout, cause error) (Outcome, error) {
	s.cfg.Log.WarnContext(ctx, "seller complete outcome unknown", "purchase", p.ID, "err", cause)
	bg := context.WithoutCancel(ctx)
	s.revoke(bg, p)
	sess, err := sessionOrNone(s.settledSession(bg, p, co))
	switch {
	case err == nil && sess.Status == StatusSessionCompleted:
		return s.record(bg, p, sess)
	case err == nil && sess.Status != StatusCompleteInProgress:
		return s.endUnpaid(bg, p, refuse(RefusalSellerUnavailable, RefusalParams{Seller: p.SellerName, Step: StepComplete}))
	}
	// Still unknown: leave it to Recover; the order stays pending.
	return s.pending(bg, p)
}

// failAfterSeller ends p, whose token its seller was given and which the seller did
// not complete, with ref: it revokes the token, then Stripe's word on the token
// decides between ref and charged_no_order (endUnpaid).
func (s *Service) failAfterSeller(ctx context.Context, p *store.Purchase, ref *Refusal) (Outcome, error) {
	ctx = context.WithoutCancel(ctx)
	s.revoke(ctx, p)
	return s.endUnpaid(ctx, p, ref)
}

// endUnpaid ends p, whose token is revoked and whose seller has no completed order for
// it: failed with ref when Stripe shows nothing captured, charged_no_order when it
// shows a charge, and pending (for recovery to look again) while Stripe cannot tell.
func (s *Service) endUnpaid(ctx context.Context, p *store.Purchase, ref *Refusal) (Outcome, error) {
	err := s.failUnlessCharged(ctx, p, ref)
	if errors.Is(err, errNoWitness) {
		s.cfg.Log.WarnContext(ctx, "purchase left pending: Stripe has not told whether its token was charged", "purchase", p.ID, "err", err)
		out, perr := s.pending(ctx, p)
		if held := (*errHeld)(nil); perr == nil && errors.As(err, &held) {
			out.Hold = &Hold{Amount: held.Amount, Currency: held.Currency, Until: held.Until}
		}
		return out, perr
	}
	return Outcome{}, err
}

// pending is the outcome of p while its end is not known.
func (s *Service) pending(ctx context.Context, p *store.Purchase) (Outcome, error) {
	order, err := s.cfg.Store.Order(ctx, p.CustomerID, p.OrderID)
	if err != nil {
		return Outcome{}, err
	}
	return Outcome{Status: StatusPending, Purchase: *p, Order: &order}, nil
}

// settledSession asks the seller how p's checkout ended, once p's token is revoked. A
// session still completing (a charge whose outcome the seller does not know yet shows
// so too) is asked once more to finish, by a complete with the same token: the seller
// settles a charge it holds for the session first (the reference seller repeats it
// with its idempotency key, and Stripe replays a charge made), and the revoked token
// cannot pay anything new. So the answer is final unless the session is still
// completing; then p stays pending.
func (s *Service) settledSession(ctx context.Context, p *store.Purchase, co SellerCheckout) (Session, error) {
	sess, err := co.Get(ctx, p.SessionID)
	if err != nil || sess.Status != StatusCompleteInProgress || p.TokenID == "" {
		return sess, err
	}
	if again, err := co.Complete(ctx, p.SessionID, p.TokenID, p.ID+"/settle"); err == nil {
		return again, nil
	}
	return sess, nil
}

// record stores the completed order. The seller has charged: the order is recorded
// even when the caller has gone away meanwhile.
func (s *Service) record(ctx context.Context, p *store.Purchase, sess Session) (Outcome, error) {
	ctx = context.WithoutCancel(ctx)
	p.SellerOrderID, p.Digital = sess.OrderID, sess.Digital
	if err := s.fault("seller_completed"); err != nil {
		return Outcome{}, err
	}
	if err := s.cfg.Store.Complete(ctx, p); errors.Is(err, store.ErrStateChanged) {
		return Outcome{}, lostRace{p.ID}
	} else if err != nil {
		return Outcome{}, err
	}
	if err := s.fault("order_completed"); err != nil {
		return Outcome{}, err
	}
	s.afterSale(ctx, p.ID, p.OrderID)
	s.notifyOrder(p.CustomerID, p.OrderID)
	if err := s.fault("order_recorded"); err != nil {
		return Outcome{}, err
	}
	return s.outcomeOf(ctx, *p)
}

// fail records ref as the end of p (from state from), cancels its seller session and
// returns ref. If another call (or recovery) moved p on first, it cancels nothing and
// returns lostRace.
func (s *Service) fail(ctx context.Context, p *store.Purchase, from store.PurchaseState, ref *Refusal) error {
	ref.record(p, store.PurchaseFailed)
	err := s.cfg.Store.Advance(context.WithoutCancel(ctx), p, "failed", string(ref.Code), from)
	switch {
	case errors.Is(err, store.ErrStateChanged):
		return lostRace{p.ID}
	case err != nil:
		s.cfg.Log.ErrorContext(ctx, "record failed purchase", "purchase", p.ID, "err", err)
	default:
		ref.kept(p.IdemKey)
		s.notifyOrder(p.CustomerID, p.OrderID)
	}
	s.cancelSession(context.WithoutCancel(ctx), p)
	ref.OrderID = p.OrderID
	return ref
}

// issueRequest is the request for p's token to co's seller. charge and a recovery's
// reissueAndRevoke send it under the same idempotency key: they must send the same
// parameters, or Stripe refuses the second as an idempotency conflict and a token the
// first was issued is never revoked.
func issueRequest(p *store.Purchase, co SellerCheckout) TokenRequest {
	return TokenRequest{
		PaymentMethod: p.PaymentMethod, SellerProfile: co.Profile(),
		Currency: p.Currency, MaxAmount: p.Total, ExpiresAt: p.TokenExpiresAt, IdemKey: p.ID + "/spt",
	}
}

// failAfterToken revokes p's token and then fails it; only for a token that never
// reached the seller (failAfterSeller for one that did).
func (s *Service) failAfterToken(ctx context.Context, p *store.Purchase, ref *Refusal) error {
	s.revoke(context.WithoutCancel(ctx), p)
	return s.fail(ctx, p, store.PurchaseTokenIssued, ref)
}

// revoke revokes p's token, retrying while Stripe is unavailable. A token that could
// not be revoked still expires on its own at p.TokenExpiresAt and only works for p's
// seller and amount.
//
// Before revoking it reads the token and journals what Stripe shows then (token_seen:
// "active", or "deactivated <reason>"): Stripe may show a token we revoked as revoked
// even when its seller had used it (an authorization hold) just before, so only a
// token seen active before our revoke is known unused by its revocation (captured). A
// token already deactivated cannot be charged any more and is not revoked, so that
// Stripe keeps showing why. A token whose revocation is journaled is not revoked
// again (a held purchase is looked at for weeks).
func (s *Service) revoke(ctx context.Context, p *store.Purchase) error {
	if p.TokenID == "" {
		return nil
	}
	events, err := s.cfg.Store.Events(ctx, p.ID)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "read journal before revoking", "purchase", p.ID, "err", err)
	}
	if tokenDead(events) {
		return nil
	}
	detail := "revoked"
	tok, err := retry(ctx, s, func() (Token, error) { return s.cfg.Tokens.Retrieve(ctx, p.TokenID) })
	switch {
	case err != nil:
		// Not known: it is revoked all the same (nothing may be charged from now on),
		// and a "revoked" Stripe shows later is not taken as unused: the line says so,
		// so that an "active" read by an earlier attempt (killed, or whose revoke
		// failed) is never taken for this revoke's.
		s.cfg.Log.WarnContext(ctx, "read payment token before revoking", "purchase", p.ID, "err", tokenFailure(err))
		s.journal(ctx, p.ID, stepTokenSeen, seenUnknown)
	case tok.Status == TokenDeactivated:
		s.journal(ctx, p.ID, stepTokenSeen, seenDeactivated+tok.DeactivatedReason)
		s.journal(ctx, p.ID, stepTokenRevoked, revokedAlready)
		return nil
	default:
		s.journal(ctx, p.ID, stepTokenSeen, string(tok.Status))
	}
	_, err = retry(ctx, s, func() (struct{}, error) {
		return struct{}{}, s.cfg.Tokens.Revoke(ctx, p.TokenID, p.ID+"/revoke")
	})
	if err != nil {
		detail = "revoke failed; the token expires at " + p.TokenExpiresAt.Format(time.RFC3339)
		s.cfg.Log.ErrorContext(ctx, "revoke payment token", "purchase", p.ID, "err", tokenFailure(err)) // err names the token
	}
	s.journal(ctx, p.ID, stepTokenRevoked, detail)
	return err
}

// Journal steps and details of a purchase's token.
const (
	stepTokenSeen    = "token_seen"        // what Stripe showed just before our revoke
	stepTokenRevoked = "token_revoked"     // "revoked", revokedAlready, or why not
	stepTokenHeld    = "token_held"        // Stripe showed it used with nothing captured (errHeld); once
	stepHeldWarned   = "token_held_warned" // the operator was warned of the token_held line (warnHeld); once
	// Stripe's final amount captured on it, "<amount> <currency>"; once.
	stepTokenCaptured = "token_captured"
	seenDeactivated   = "deactivated " // + Stripe's reason, in a token_seen line
	seenUnknown       = "unknown"      // the token could not be read before a revoke
	revokedAlready    = "already deactivated"
)

// tokenDead says whether a purchase's journal shows its token revoked by us or found
// deactivated before we would have: it can no longer be charged.
func tokenDead(events []store.Event) bool {
	for _, ev := range events {
		if ev.Step == stepTokenRevoked && (ev.Detail == "revoked" || ev.Detail == revokedAlready) {
			return true
		}
	}
	return false
}

// lastSeen returns what Stripe showed of the token just before the revoke that
// succeeded (the token_seen line right before the first token_revoked "revoked"),
// and "" when no revoke of ours succeeded or no read came right before it: a read
// made by an earlier attempt, whose revoke failed or which was killed before
// revoking, says nothing of the token when a later attempt revoked it (the seller
// may have used it in between).
func lastSeen(events []store.Event) string {
	prev := ""
	for _, ev := range events {
		switch ev.Step {
		case stepTokenSeen:
			prev = ev.Detail
		case stepTokenRevoked:
			if ev.Detail == "revoked" {
				return prev
			}
			prev = "" // a failed attempt: a later revoke needs a read of its own
		}
	}
	return ""
}

// journal writes a journal line of purchase id; a failure is logged (the line is
// evidence, not state).
func (s *Service) journal(ctx context.Context, id, step, detail string) {
	if err := s.cfg.Store.Journal(ctx, id, step, detail); err != nil {
		s.cfg.Log.ErrorContext(ctx, "journal", "purchase", id, "step", step, "err", err)
	}
}

// retry calls fn until it succeeds, fails for a reason other than ErrUnavailable, or
// the retries run out, waiting between attempts. fn must reuse its idempotency key.
func retry[T any](ctx context.Context, s *Service, fn func() (T, error)) (T, error) {
	v, err := fn()
	wait := s.cfg.RetryWait
	for i := 0; i < s.cfg.Retries && err != nil && errors.Is(err, ErrUnavailable); i++ {
		select {
		case <-ctx.Done():
			return v, err
		case <-time.After(wait):
		}
		wait *= 2
		v, err = fn()
	}
	return v, err
}
