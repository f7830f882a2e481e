package checkout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/spt"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// chargedNoOrderRecheck is how long after a purchase ended charged_no_order recovery
// keeps asking its seller whether it has the order after all.
const chargedNoOrderRecheck = 24 * time.Hour

// heldRecheck is how often recovery asks Stripe again about a purchase whose token it
// found held (errHeld): a seller captures within days, so minutes late is soon enough.
const heldRecheck = 10 * time.Minute

// lapsedAskWindow is how long after a cancel confirmation lapsed recovery still looks
// for the asks it carries (store.WithdrawDeadAsks): every run (each minute, and at
// start) settles those lapsed since the last, so a week covers any downtime short of
// one and keeps each run from reading every quote that ever lapsed.
const lapsedAskWindow = 7 * 24 * time.Hour

// errStillCompleting is recoverOne's answer for a purchase whose seller is still
// completing its checkout.
var errStillCompleting = errors.New("the seller is still completing the checkout")

// errOtherMode is recoverOne's answer for a purchase recorded in another mode than
// the server runs in: its seller sessions and payment token are another Stripe's and
// other sellers' (a sandbox server's Stripe is its own emulator), which this server
// cannot ask. It stays as it is until a server of its mode settles it.
var errOtherMode = errors.New("the purchase was made in another mode than this server runs in")

// RecoverReport counts what Recover did.
type RecoverReport struct {
	Completed, Failed, Unsettled int
	// Held counts purchases left pending because Stripe shows their token used by the
	// seller with nothing captured yet (an authorization hold, errHeld), looked at
	// again at most every heldRecheck until captured or lapsed.
	Held int
	// ChargedNoOrder counts purchases whose seller has no order but whose payment
	// token Stripe shows charged (store.PurchaseChargedNoOrder): the operator's to follow up.
	ChargedNoOrder int
	// OtherMode counts purchases left as they are because they were made in another
	// mode (sandbox, test, live) than the server runs in: a server of their mode
	// settles them.
	OtherMode    int
	SalesCounted int // sales counted in the statistics that earlier drains left pending
	// CardsRemoved counts cards whose removal an earlier call left unfinished (marked
	// as being removed: a crash before they were taken off file), now removed.
	CardsRemoved int
	// AsksWithdrawn counts the person's asks to cancel that no call would withdraw
	// (store.WithdrawDeadAsks): carried by a confirmation left to lapse, or left by a
	// cancel that died.
	AsksWithdrawn int
	// QuotesLapsed counts quotes (a purchase's, or a cart checkout's) left to lapse
	// with nobody confirming them, now ended as a late confirmation ends them
	// (quote_expired) and their seller sessions canceled (endLapsedQuotes).
	QuotesLapsed int
}

// Recover settles purchases that a crash (or a lost connection) left between
// approval and a final state, last updated before olderThan ago. For each it asks the
// seller whether its checkout completed: if so the order is recorded as completed
// (exactly once); if not, the token is revoked and Stripe tells what it was charged:
// nothing, and the purchase fails; something, and it ends charged_no_order. A
// purchase whose seller cannot be reached, or whose token Stripe cannot tell about,
// stays as it is for the next run. Purchases that ended charged_no_order in the last
// chargedNoOrderRecheck are asked about again: a seller that shows the session
// completed has the order, and the purchase completes (counted in Completed). It also
// finishes card removals a crash interrupted (finishRemovals), and withdraws the asks
// to cancel that lapsed confirmations and dead cancels left (store.WithdrawDeadAsks),
// as a decline or a refusal would have — after the sellers were asked about the
// purchases above, as the refused call asks before it withdraws. Call it at startup,
// before serving. A purchase made in another mode than the server runs in is left as
// it is (counted in OtherMode) for a server of its mode.
func (s *Service) Recover(ctx context.Context, olderThan time.Duration) (RecoverReport, error) {
	var rep RecoverReport
	// A failed purchase that owes a token's revocation is listed once the call that
	// failed it has had its time to settle the token (a cancel settles it within
	// PayingTimeout), however long olderThan: the token expires TokenTTL after its
	// approval, and a revocation asked later than that is none.
	owedAfter := min(olderThan, s.cfg.PayingTimeout)
	ps, err := s.cfg.Store.Unfinished(ctx, s.now().Add(-olderThan), s.now().Add(-owedAfter), string(s.cfg.Mode))
	if err != nil {
		return rep, err
	}
	for i := range ps {
		p := &ps[i]
		if seen, ok := s.heldSeen.Load(p.ID); ok && s.now().Before(seen.(time.Time).Add(heldRecheck)) {
			rep.Held++
			continue
		}
		end, err := s.recoverOne(ctx, p)
		var held *errHeld
		if errors.As(err, &held) {
			s.heldSeen.Store(p.ID, s.now())
		} else {
			s.heldSeen.Delete(p.ID)
		}
		switch {
		case held != nil:
			rep.Held++
			// Warned once, when first found and journaled (captured); each later look,
			// every heldRecheck for up to a month, is a debug line.
			s.cfg.Log.DebugContext(ctx, "purchase left pending: Stripe shows its token used with nothing captured yet (a hold)",
				"purchase", p.ID, "reason", held.Reason, "until", held.Until)
		case errors.Is(err, store.ErrStateChanged):
			// Its own call moved it on meanwhile: not recovery's to settle.
		case errors.Is(err, errOtherMode):
			rep.OtherMode++
			if _, warned := s.otherModeWarned.LoadOrStore(p.ID, true); !warned {
				s.cfg.Log.WarnContext(ctx, "purchase of another mode left pending: start a server with a key of its mode on this --db to settle it",
					"purchase", p.ID, "mode", p.Mode, "server_mode", s.cfg.Mode)
			}
		case err != nil:
			rep.Unsettled++
			s.cfg.Log.WarnContext(ctx, "purchase left unsettled", "purchase", p.ID, "state", p.State, "err", err)
		case end == store.PurchaseCompleted:
			rep.Completed++
		case end == store.PurchaseChargedNoOrder:
			rep.ChargedNoOrder++
		case end == "":
			// The token owed by a purchase failed before (and counted then) is settled:
			// nothing new to count.
		default:
			rep.Failed++
		}
	}
	// Forget held purchases settled meanwhile (here or by another process): at worst
	// one still held is looked at once more.
	unfinished := make(map[string]bool, len(ps))
	for i := range ps {
		unfinished[ps[i].ID] = true
	}
	s.heldSeen.Range(func(id, _ any) bool {
		if !unfinished[id.(string)] {
			s.heldSeen.Delete(id)
		}
		return true
	})
	// A seller that answered 404 for a moment may show the order of a recent
	// charged_no_order purchase after all.
	recent, err := s.cfg.Store.ChargedNoOrderSince(ctx, s.now().Add(-chargedNoOrderRecheck))
	rechecked := err == nil
	if err != nil {
		// Not a reason to skip what follows: asked again at the next recovery.
		s.cfg.Log.WarnContext(ctx, "charged_no_order purchases not asked about again yet", "err", err)
	}
	for i := range recent {
		if Mode(recent[i].Mode) != s.cfg.Mode {
			continue // another mode's seller is not this server's to ask
		}
		o := store.Order{ID: recent[i].OrderID, CustomerID: recent[i].CustomerID, PurchaseID: recent[i].ID, Status: store.OrderChargedNoOrder}
		switch o, err := s.recheckChargedNoOrder(ctx, o); {
		case err != nil:
			s.cfg.Log.InfoContext(ctx, "could not ask the seller again about a charged_no_order purchase", "purchase", recent[i].ID, "err", err)
		case o.Status == store.OrderCompleted:
			rep.Completed++
		}
	}
	// Asks to cancel that no call will withdraw, settled only now: after the sellers
	// were asked above about the purchases they are on, as the refused call asks
	// before it withdraws. An ask on a charged_no_order purchase whose seller showed
	// the order just now is then kept (true: the person asked before the order), so
	// its late renewal stays paused saying so instead of resuming the subscription
	// the person asked to cancel. Not when the charged_no_order purchases could not
	// be listed (their sellers were not asked): left for the next recovery.
	if rechecked {
		if n, err := s.cfg.Store.WithdrawDeadAsks(ctx, s.now().Add(-staleCancel), s.now().Add(-lapsedAskWindow)); err != nil {
			s.cfg.Log.WarnContext(ctx, "asks to cancel not settled yet; tried again at the next recovery", "err", err)
		} else {
			rep.AsksWithdrawn = n
		}
	}
	rep.QuotesLapsed = s.endLapsedQuotes(ctx)
	cs, err := s.cfg.Store.UnfinishedCheckouts(ctx, s.now().Add(-olderThan))
	if err != nil {
		return rep, err
	}
	for i := range cs {
		if err := s.recoverCheckout(ctx, &cs[i]); err != nil && !errors.Is(err, store.ErrStateChanged) {
			s.cfg.Log.WarnContext(ctx, "checkout left unsettled", "checkout", cs[i].ID, "state", cs[i].State, "err", err)
		}
	}
	// Card removals that a crash left half-way: the card unusable, perhaps detached.
	if n, err := s.finishRemovals(ctx, s.now().Add(-olderThan)); err != nil {
		s.cfg.Log.WarnContext(ctx, "card removals not finished yet; tried again at the next recovery", "err", err)
	} else {
		rep.CardsRemoved = n
	}
	// Sales that a crash, or a sales file busy with an import, left uncounted.
	if sr, err := s.DrainSales(ctx); err != nil {
		s.cfg.Log.WarnContext(ctx, "sale statistics not counted yet; tried again at the next recovery", "err", err)
	} else {
		rep.SalesCounted = sr.Counted
	}
	return rep, nil
}

// lapsedQuoteWindow is how far back recovery looks for quotes that lapsed with nobody
// confirming them: every run (each minute, and at start) ends those lapsed since the
// last; a seller lets a session it was never paid on lapse on its own within hours, so
// an older quote's session is left to it. A quote is ended only lapsedQuoteGrace after
// its expiry: a confirmation that passed its expiry check just in time (on this
// server, or on another sharing the database whose clock runs a little behind) is not
// beaten to its approval by recovery. lapsedQuoteBatch bounds one run's count; the
// quotes are ended lapsedQuoteWorkers at a time, and none is begun once
// lapsedQuoteBudget has passed or the run's context ended (a shutdown): a seller that
// does not answer holds start-up and each run for at most about lapsedQuoteBudget
// plus the ending of the quotes already begun (each seller session's cancel bounded
// by Config.SessionCancelWait). The rest wait for the next run.
const (
	lapsedQuoteWindow  = 24 * time.Hour
	lapsedQuoteGrace   = time.Minute
	lapsedQuoteBatch   = 100
	lapsedQuoteWorkers = 4
	lapsedQuoteBudget  = 10 * time.Second
)

// endLapsedQuotes ends this mode's quotes that lapsed with nobody confirming them, as
// a confirmation after the lapse would (refused quote_expired: a purchase quote
// canceled, a cart checkout's seller orders failed and the checkout canceled), which
// cancels their seller sessions at once (cancelSession: bounded by
// Config.SessionCancelWait, a failure an ids-only warning) instead of leaving them
// open until the sellers expire them. A quote of another mode is not read (it is left
// for a server of its mode: its sellers are not this server's to ask). It returns how
// many it ended. A quote begun is ended whatever becomes of ctx (its writes and
// cancels are short and bounded); no quote is begun once ctx has ended.
func (s *Service) endLapsedQuotes(ctx context.Context) int {
	now := s.now()
	ps, cs, err := s.cfg.Store.LapsedQuotes(ctx, string(s.cfg.Mode), now.Add(-lapsedQuoteWindow), now.Add(-lapsedQuoteGrace), lapsedQuoteBatch)
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "lapsed quotes not ended yet; tried again at the next recovery", "err", err)
		return 0
	}
	expired := func() *Refusal {
		return refuse(RefusalQuoteExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second)})
	}
	// One job per quote; each reports whether it ended its quote.
	jobs := make([]func(context.Context) bool, 0, len(ps)+len(cs))
	for i := range ps {
		p := &ps[i]
		jobs = append(jobs, func(ctx context.Context) bool {
			err := s.cancelQuote(ctx, p, expired())
			if !errors.As(err, new(*Refusal)) && !errors.As(err, new(lostRace)) {
				s.cfg.Log.WarnContext(ctx, "lapsed quote not ended yet", "purchase", p.ID, "err", err)
			}
			return errors.As(err, new(*Refusal))
		})
	}
	for i := range cs {
		c := &cs[i]
		jobs = append(jobs, func(ctx context.Context) bool {
			all, err := s.cfg.Store.CheckoutPurchases(ctx, c.ID)
			if err != nil {
				s.cfg.Log.WarnContext(ctx, "lapsed checkout quote not ended yet", "checkout", c.ID, "err", err)
				return false
			}
			var quoted []*store.Purchase
			for j := range all {
				if all[j].State == store.PurchaseQuoted {
					quoted = append(quoted, &all[j])
				}
			}
			err = s.refuseCheckout(ctx, c, store.CheckoutQuoted, quoted, store.PurchaseQuoted, expired())
			if !errors.As(err, new(*Refusal)) && !errors.As(err, new(lostRace)) {
				s.cfg.Log.WarnContext(ctx, "lapsed checkout quote not ended yet", "checkout", c.ID, "err", err)
			}
			return errors.As(err, new(*Refusal))
		})
	}
	budget, cancel := context.WithTimeout(ctx, lapsedQuoteBudget)
	defer cancel()
	var (
		ended atomic.Int64
		wg    sync.WaitGroup
		next  = make(chan func(context.Context) bool)
	)
	for range min(lapsedQuoteWorkers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range next {
				if budget.Err() == nil && job(context.WithoutCancel(ctx)) {
					ended.Add(1)
				}
			}
		}()
	}
feed:
	for _, job := range jobs {
		select {
		case next <- job:
		case <-budget.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return int(ended.Load())
}

// recoverCheckout ends a checkout that a crash left open or paying once all its seller
// orders are settled (Recover settles them first): done, or refused as interrupted when
// it had not begun any.
func (s *Service) recoverCheckout(ctx context.Context, c *store.Checkout) error {
	ps, err := s.cfg.Store.CheckoutPurchases(ctx, c.ID)
	if err != nil {
		return err
	}
	from := c.State
	for _, p := range ps {
		if !store.Terminal(p.State) {
			return errors.New("a seller order is not settled yet")
		}
	}
	c.State = store.CheckoutDone
	if len(ps) == 0 {
		ref := refuse(RefusalInterrupted, RefusalParams{})
		c.State, c.FailureCode, c.FailureParams = store.CheckoutRefused, string(ref.Code), ref.Params.encode()
	}
	return s.cfg.Store.AdvanceCheckout(ctx, c, from)
}

// recoverOne settles p and returns the state it ended in. An open or approved purchase
// is failed by a server of any mode: its token never reached the seller. A purchase
// whose token was issued, made in another mode than the server runs in, is left as it
// is (errOtherMode): settling it needs that mode's Stripe and seller, as renewals
// leave subscriptions of another mode (RenewOtherMode).
func (s *Service) recoverOne(ctx context.Context, p *store.Purchase) (store.PurchaseState, error) {
	ownMode := Mode(p.Mode) == s.cfg.Mode
	interrupted := refuse(RefusalInterrupted, RefusalParams{})
	switch p.State {
	case store.PurchaseOpen:
		return store.PurchaseFailed, s.settleFailed(ctx, p, store.PurchaseOpen, interrupted)
	case store.PurchaseFailed:
		// Listed only while it owes a token's revocation (store.Unfinished, which
		// lists this mode's only): failed from approved by a cancel or a recovery
		// that was killed or could not reach Stripe before settling the token its
		// call may have been issued. Failed before, it ends in no new state ("").
		if !ownMode {
			return "", errOtherMode
		}
		return "", s.settleOwedToken(ctx, p)
	case store.PurchaseApproved:
		if !ownMode {
			// Another mode's Stripe is not this server's to ask: a token its call
			// may have been issued expires unused.
			return store.PurchaseFailed, s.settleFailed(ctx, p, store.PurchaseApproved, interrupted)
		}
		// The token may have been issued just before the crash, unjournaled. The
		// purchase is claimed first (a call still running then loses its race when it
		// journals its token, and revokes it itself), with the token owed journaled
		// just before, so that a recovery killed after the claim, or one that cannot
		// reach Stripe, leaves the failed purchase listed by Unfinished for the next
		// run to ask for the token again and revoke it (settleOwedToken).
		if err := s.cfg.Store.Journal(ctx, p.ID, store.StepTokenOwed, "recovery"); err != nil {
			return "", err
		}
		if err := s.settleFailed(ctx, p, store.PurchaseApproved, interrupted); err != nil {
			return "", err
		}
		if err := s.fault("recovered_approved"); err != nil {
			return "", err
		}
		// Failed now, whether or not Stripe answers: a token left unsettled is owed
		// durably (token_owed), and the next recovery asks for it again.
		if err := s.settleOwedToken(ctx, p); err != nil {
			s.cfg.Log.WarnContext(ctx, "recovery: payment token left for the next recovery to revoke", "purchase", p.ID, "err", err)
		}
		return store.PurchaseFailed, nil
	}
	if !ownMode {
		if s.sandboxTokenGone(p) {
			// A sandbox purchase whose token has expired: no money moves in the sandbox,
			// and a server of another mode would otherwise leave it pending for ever.
			s.cfg.Log.InfoContext(ctx, "sandbox purchase ended by a server of another mode: its payment token has expired, no money moves in the sandbox", "purchase", p.ID, "mode", s.cfg.Mode)
			return store.PurchaseFailed, s.settleFailed(ctx, p, p.State, refuse(RefusalSandboxForgot, RefusalParams{Seller: p.SellerName}))
		}
		return "", errOtherMode
	}
	seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
	if err != nil {
		return "", err
	}
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if err != nil {
		return "", err
	}
	sess, err := sessionOrNone(co.Get(ctx, p.SessionID))
	if err != nil {
		return "", err
	}
	if sess.Status != StatusSessionCompleted {
		s.revoke(ctx, p)
		// The seller may have completed between the Get and the revocation.
		if sess, err = sessionOrNone(s.settledSession(ctx, p, co)); err != nil {
			return "", err
		}
	}
	switch sess.Status {
	case StatusSessionCompleted:
		p.SellerOrderID, p.Digital = sess.OrderID, sess.Digital
		switch err := s.cfg.Store.Complete(ctx, p); {
		case errors.Is(err, store.ErrStateChanged):
			return store.PurchaseCompleted, nil // the purchase's own call recorded it
		case err != nil:
			return "", err
		}
		s.afterSale(ctx, p.ID, p.OrderID)
		s.notifyOrder(p.CustomerID, p.OrderID)
		return store.PurchaseCompleted, nil
	case StatusCompleteInProgress:
		// The seller may have charged the token before it was revoked: only its
		// final status tells, on a later run.
		return "", errStillCompleting
	}
	// The seller has no completed order (or no session at all: a restart may have lost
	// it after it charged). Stripe tells whether the token was charged.
	switch charged, err := s.witnessCharge(ctx, p); {
	case errors.As(err, new(lostRace)):
		return "", store.ErrStateChanged
	case errors.Is(err, errSandboxForgot):
		// The sandbox restarted and forgot the token, expired: no money moves in the
		// sandbox, and left pending the order would stay so for ever.
		s.cfg.Log.InfoContext(ctx, "sandbox Stripe no longer knows the expired payment token (restarted): the sandbox purchase failed", "purchase", p.ID)
		return store.PurchaseFailed, s.settleFailed(ctx, p, store.PurchaseTokenIssued, refuse(RefusalSandboxForgot, RefusalParams{Seller: p.SellerName}))
	case err != nil:
		return "", err
	case charged != nil:
		return store.PurchaseChargedNoOrder, nil
	}
	return store.PurchaseFailed, s.settleFailed(ctx, p, store.PurchaseTokenIssued, refuse(RefusalInterrupted, RefusalParams{Seller: p.SellerName, Witnessed: p.TokenID != ""}))
}

// settleFailed fails p (from state from) with ref and cancels its seller session. A
// purchase that its own call moved on meanwhile is left to that call: ErrStateChanged.
func (s *Service) settleFailed(ctx context.Context, p *store.Purchase, from store.PurchaseState, ref *Refusal) error {
	ref.record(p, store.PurchaseFailed)
	if err := s.cfg.Store.Advance(ctx, p, "recovered_failed", string(ref.Code), from); err != nil {
		return err
	}
	s.notifyOrder(p.CustomerID, p.OrderID)
	s.cancelSession(ctx, p)
	return nil
}

// settleOwedToken settles the token that p, failed from approved with
// store.StepTokenOwed journaled, may have been issued unjournaled (reissueAndRevoke),
// and journals store.StepTokenSettled once it is. Until then it returns an error, and
// p stays listed by store.Unfinished for the next recovery, until its token expires.
func (s *Service) settleOwedToken(ctx context.Context, p *store.Purchase) error {
	settled, how, err := s.reissueAndRevoke(ctx, p)
	if !settled {
		if err == nil {
			err = errors.New("payment token not settled")
		}
		return fmt.Errorf("the payment token a failed purchase may have been issued is not revoked yet (asked again at the next recovery): %w", err)
	}
	if err := s.cfg.Store.Journal(ctx, p.ID, store.StepTokenSettled, how); err != nil {
		return err
	}
	return nil
}

// reissueAndRevoke revokes the token p's call may have been issued without journaling
// it: issuing again under p's idempotency key (retried while Stripe is unavailable, as
// charge does) returns that token, which is revoked. p keeps naming no token. It is
// only called once p is failed, so that no call of p can hand the token to a seller
// any more. settled says no usable token can remain: the token is revoked (or found
// deactivated: consumed or revoked before), any token issued has expired, or Stripe
// refuses to issue one (a refusal or a decline: it stores either under the key, so
// the call got it too), or p's seller cannot be resolved any more (any token issued
// expires unused); how says which. Otherwise err says why not.
func (s *Service) reissueAndRevoke(ctx context.Context, p *store.Purchase) (settled bool, how string, err error) {
	if !s.now().Before(p.TokenExpiresAt) {
		return true, "expired", nil // any token issued has expired
	}
	seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
	var co SellerCheckout
	if err == nil {
		co, err = s.cfg.Sellers.Checkout(ctx, seller)
	}
	if errors.Is(err, catalog.ErrNotFound) || errors.Is(err, ErrNotPurchasable) {
		// The seller is gone from the catalog (or no longer bought from): its profile,
		// which the request under p's key named, cannot be had again, so no token can
		// be asked for again. None reached a seller (p failed before its call handed
		// one over), and any issued expires unused: asking again every run until then
		// would only repeat this.
		// Said once: settled so, p is not listed again.
		s.cfg.Log.InfoContext(ctx, "payment token owed left to expire unused: its seller cannot be resolved", "purchase", p.ID, "err", err)
		return true, "expires unused", nil
	}
	if err != nil {
		return false, "", err
	}
	tok, err := retry(ctx, s, func() (Token, error) { return s.cfg.Tokens.Issue(ctx, issueRequest(p, co)) })
	switch {
	case errors.Is(err, ErrRejected) && !idempotencyConflict(err), errors.Is(err, ErrDeclined):
		// A refusal (a decline, 402, too) is stored by Stripe under the key: the
		// call got it too, and no token was issued.
		return true, "never issued", nil
	case err != nil:
		return false, "", redactedToken{err}
	case ctx.Err() != nil:
		// Stopped (Drain, StopPayments, the paying timeout) as Stripe answered:
		// nothing more can be journaled or revoked in ctx. The token is left to
		// the next recovery, which issues it again under the key and revokes it.
		return false, "", ctx.Err()
	}
	q := *p // the purchase's row keeps naming no token
	q.TokenID = tok.ID
	if err := s.revoke(ctx, &q); err != nil {
		return false, "", redactedToken{err}
	}
	return true, "revoked", nil
}

// idempotencyConflict says whether err is Stripe refusing a request because its
// idempotency key was used with other parameters (or is in use): that says nothing of
// whether a token was issued under the key.
func idempotencyConflict(err error) bool {
	var se *spt.Error
	return errors.As(err, &se) && (se.Type == "idempotency_error" || se.HTTPStatus == http.StatusConflict)
}

// sessionOrNone treats a session the seller does not know (such as one from before a
// seller restart) as not completed. That says nothing of whether the seller charged
// its token before it forgot the session: the callers ask Stripe (captured) before
// concluding anything. Any other refusal (a rejected API key, say) tells nothing
// about the session, so it stays an error.
func sessionOrNone(sess Session, err error) (Session, error) {
	if errors.Is(err, ErrNoSession) {
		return Session{}, nil
	}
	return sess, err
}
