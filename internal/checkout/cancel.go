package checkout

import (
	"context"
	"errors"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// CancelRequest asks to cancel one of the customer's orders. ConfirmationID confirms
// an earlier confirmation_required answer (ViaQuoteID); ConfirmVia says how a
// confirmation asked by this call will be given, as for purchases.
type CancelRequest struct {
	CustomerID     string
	OrderID        string
	ConfirmationID string
	ConfirmVia     string
}

// CancelStatus is how a cancellation call ended, when it was not refused.
type CancelStatus string

// Cancel statuses.
const (
	// CancelStopped: the order was stopped before the seller completed it; the
	// payment token was revoked and nothing was charged.
	CancelStopped CancelStatus = "canceled"
	// CancelRefunded: the seller canceled the completed order and refunded it.
	CancelRefunded CancelStatus = "refunded"
	// CancelConfirmationRequired: a refund of this size needs the person's
	// confirmation first (the same threshold as purchases).
	CancelConfirmationRequired CancelStatus = "confirmation_required"
	// CancelAskSeller: the seller takes no cancellation requests through this server;
	// the person must ask the seller (SupportURL, when known).
	CancelAskSeller CancelStatus = "ask_seller"
	// CancelPending: another call is carrying out this cancellation.
	CancelPending CancelStatus = "pending"
)

// CancelOutcome is what a cancellation call ended with; refusals are *Refusal.
type CancelOutcome struct {
	Status       CancelStatus
	Order        store.Order
	Cancellation store.Cancellation
	SupportURL   string // for CancelAskSeller: the seller's support page, "" when unknown
	// Earlier means that this call did nothing: the order was canceled or refunded
	// before it was made (by an earlier call, or by its seller), last at At (when the
	// cancellation, or the order, last changed).
	Earlier bool
	At      time.Time
	// PausedSubscription is the id of the subscription whose renewal the order is,
	// when that subscription is paused: cancelling the order never resumes it.
	PausedSubscription string
	// ask is the person's ask to cancel (store.AskCancel) that this call recorded
	// and that stands while a CancelConfirmationRequired waits: declining the
	// confirmation withdraws it (SealCancel carries it).
	ask string
}

// staleCancel is how long a claimed cancellation may go without news before another
// call may carry it out again (its call died).
const staleCancel = 2 * time.Minute

// CancelOrder cancels the customer's order, or asks its seller to.
//
// Before the seller completed the checkout (the order is pending) the payment token
// is revoked, the seller's session canceled and the order fails as canceled by the
// person: nothing is charged. If the seller completed meanwhile, nothing is canceled
// and the refusal says so (a new call then asks for a refund).
//
// After completion, a seller that declares the order cancellation extension is asked
// to cancel and refund the order, once however often and however concurrently this is
// called (the request's id is the idempotency key); the refund is recorded with the
// order. Refunds above the customer's confirmation threshold need the person's
// confirmation first, exactly as purchases do. A seller without the extension gives
// CancelAskSeller.
func (s *Service) CancelOrder(ctx context.Context, r CancelRequest) (CancelOutcome, error) {
	out, err := s.cancelOrder(ctx, r)
	if err == nil && out.Order.ID != "" {
		out.PausedSubscription = s.pausedRenewalOf(ctx, out.Order)
	}
	return out, err
}

// CancelAskedBeforeOrder says whether the person asked cancel_order about completed
// order o while it was pending or charged_no_order (store.StepCancelAsked, not
// withdrawn) and it has not been canceled since: the seller showed it late, and a new
// cancel_order can now ask the seller to cancel and refund it. False when it cannot
// be read (the words then leave it out).
func (s *Service) CancelAskedBeforeOrder(ctx context.Context, o store.Order) bool {
	if o.Status != store.OrderCompleted || o.PurchaseID == "" {
		return false
	}
	if asked, err := s.cfg.Store.CancelAsked(ctx, o.PurchaseID); err != nil || !asked {
		return false
	}
	c, err := s.cfg.Store.Cancellation(ctx, o.CustomerID, o.ID)
	return errors.Is(err, store.ErrNotFound) || err == nil && c.State != store.CancelDone
}

// pausedRenewalOf returns the id of the subscription whose renewal o is, when it is
// paused; "" otherwise or when it cannot be read (the words then leave it out).
func (s *Service) pausedRenewalOf(ctx context.Context, o store.Order) string {
	p, err := s.cfg.Store.Purchase(ctx, o.PurchaseID)
	if err != nil {
		return ""
	}
	r, ok := store.ParseCycleKey(p.IdemKey)
	if !ok {
		return ""
	}
	u, err := s.cfg.Store.Subscription(ctx, p.CustomerID, r.SubscriptionID)
	if err != nil || !renewalOf(p, u) || u.State != store.SubscriptionPaused {
		return ""
	}
	return u.ID
}

func (s *Service) cancelOrder(ctx context.Context, r CancelRequest) (out CancelOutcome, _ error) {
	// The ask this call records, when it records one (a pending or charged_no_order
	// order): withdrawn by the call when refused without canceling; standing when it
	// waits for the person's confirmation, whose decline then withdraws it.
	var ask string
	defer func() {
		if out.Status == CancelConfirmationRequired {
			out.ask = ask
		}
	}()
	o, err := s.cfg.Store.Order(ctx, r.CustomerID, r.OrderID)
	if errors.Is(err, store.ErrNotFound) {
		return CancelOutcome{}, refuse(RefusalUnknownOrder, RefusalParams{OrderID: callerText(r.OrderID)})
	}
	if err != nil {
		return CancelOutcome{}, err
	}
	if done, ok := alreadyCanceled(o); ok {
		done.Earlier, done.At = true, o.UpdatedAt
		return done, nil
	}
	if o.Status == store.OrderFailed {
		return CancelOutcome{}, refuse(RefusalOrderFailed, RefusalParams{OrderID: o.ID})
	}
	if ref, err := s.orderOtherMode(ctx, o); err != nil || ref != nil {
		if err != nil {
			return CancelOutcome{}, err
		}
		return CancelOutcome{}, ref
	}
	if err := s.fault("cancel_order_read"); err != nil {
		return CancelOutcome{}, err
	}
	if o.Status == store.OrderChargedNoOrder {
		// The seller may show the order after all (it answered 404 for a moment).
		// The ask is recorded before: a renewal's order the seller shows late, to this
		// call's re-ask or to any other process meanwhile, then does not resume its
		// subscription (store.StepCancelAsked); withdrawn when the seller still shows
		// no order (nothing is canceled: the person's ask keeps nothing paused) —
		// this call's ask only, and not once the purchase completed: a cancel racing
		// this one keeps its own ask, and one whose re-ask found the order goes on.
		if ask, err = s.cfg.Store.AskCancel(ctx, o.PurchaseID, ""); err != nil {
			return CancelOutcome{}, err
		}
		if err := s.fault("cancel_asked"); err != nil {
			return CancelOutcome{}, err
		}
		// The re-ask is bounded (askTimeout): an ask named for no cancellation that
		// still stands on a charged_no_order purchase staleCancel after it was made is
		// one whose call died, and recovery withdraws it (store.WithdrawDeadAsks).
		reask, cancel := context.WithTimeout(ctx, askTimeout)
		o, err = s.recheckChargedNoOrder(reask, o)
		cancel()
		if err != nil {
			s.cfg.Log.WarnContext(ctx, "could not ask the seller again about a charged_no_order order", "order", o.ID, "err", err)
		}
		if o.Status == store.OrderChargedNoOrder {
			withdrawn, err := s.cfg.Store.WithdrawCancelAsk(ctx, o.PurchaseID, ask, true)
			if err != nil {
				return CancelOutcome{}, err
			}
			if err := s.fault("cancel_ask_withdrawn"); err != nil {
				return CancelOutcome{}, err
			}
			o = s.orderNow(ctx, o)
			switch {
			case withdrawn && o.Status == store.OrderCompleted:
				// Another process completed it right after the withdrawal: with no
				// ask standing then, its late renewal resumed its subscription. The
				// cancel does not go on (refunding an order whose subscription runs
				// on, with nothing saying so): nothing is canceled, and the refusal
				// says the order now exists (a new call refunds it).
				return CancelOutcome{}, refuse(RefusalCompletedMeanwhile, RefusalParams{Seller: o.SellerName, OrderID: o.ID})
			case withdrawn || o.Status == store.OrderChargedNoOrder:
				// The seller has no order to cancel or refund through this server.
				return CancelOutcome{}, orderRefusal(o)
			}
			// Not withdrawn: another process completed it between the re-ask and the
			// withdrawal, the ask still standing (so its renewal's subscription was
			// kept paused): the person's cancel goes on with the order as it now is.
		}
	}
	prev, err := s.cfg.Store.Cancellation(ctx, r.CustomerID, o.ID)
	hasPrev := err == nil
	switch {
	case hasPrev && prev.State == store.CancelDone:
		out, err := s.cancelOutcomeOf(ctx, o, prev)
		out.Earlier, out.At = err == nil, prev.UpdatedAt
		return out, err
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return CancelOutcome{}, err
	}
	if r.ConfirmationID == "" && o.Status == store.OrderCompleted {
		rules, err := s.cfg.Store.Rules(ctx, r.CustomerID)
		if err != nil {
			return CancelOutcome{}, err
		}
		// What is asked back is what stays paid: part of a partly refunded order
		// came back already.
		if rules.NeedsConfirmation(o.StaysPaid()) {
			via := r.ConfirmVia
			if via != ViaElicitation {
				via = ViaQuoteID
			}
			// The quote carries this call's ask, renamed for it: declined, or left to
			// lapse, it is withdrawn (store.WithdrawDeadAsks).
			q, quoted, err := s.cfg.Store.QuoteCancellation(ctx, store.Cancellation{OrderID: o.ID, CustomerID: r.CustomerID,
				ConfirmVia: via, ExpiresAt: s.now().Add(s.cfg.QuoteTTL), Ask: ask})
			if err != nil {
				return CancelOutcome{}, err
			}
			if quoted {
				ask = q.Ask
				return CancelOutcome{Status: CancelConfirmationRequired, Order: o, Cancellation: q}, nil
			}
			return s.settleCancel(ctx, o, q)
		}
	}
	if r.ConfirmationID != "" && hasPrev && prev.ID == r.ConfirmationID && prev.State == store.CancelQuoted && prev.ConfirmVia != r.ConfirmVia {
		return CancelOutcome{}, refuse(RefusalCancelConfirmMismatch, RefusalParams{})
	}
	c, err := s.cfg.Store.ClaimCancellation(ctx, r.CustomerID, o.ID, r.ConfirmationID, s.now().Add(-staleCancel))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return CancelOutcome{}, refuse(RefusalUnknownCancelConfirm, RefusalParams{QuoteID: callerText(r.ConfirmationID), OrderID: o.ID})
	case errors.Is(err, store.ErrExpired):
		return CancelOutcome{}, refuse(RefusalCancelConfirmExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second), OrderID: o.ID})
	case errors.Is(err, store.ErrStateChanged):
		return s.settleCancel(ctx, o, c)
	case err != nil:
		return CancelOutcome{}, err
	}
	// This call carries it out; the request outlives a caller that hangs up. Its claim
	// is kept fresh while it runs, so that neither another call nor recovery takes it
	// for dead (store.WithdrawDeadAsks) however long the seller or Stripe take.
	ctx = context.WithoutCancel(ctx)
	defer s.keepFresh(ctx, "cancel order "+c.OrderID, func(ctx context.Context) error {
		return s.cfg.Store.TouchCancellation(ctx, c.OrderID, c.ID)
	})()
	if o.Status == store.OrderPending {
		// Claimed: the person's cancel is recorded before anything is asked, so a
		// renewal's order the seller shows late (to this call or any other process)
		// no longer resumes its subscription (store.StepCancelAsked): the
		// subscription then says the person asked to cancel, and get_order that
		// cancel_order can now (CancelAskedBeforeOrder). The ask is named for
		// cancellation c, whose id an attempt taking a stale claim over keeps: a
		// refusal that cancels nothing (payment_held, payment_unknown, seller_busy,
		// ...) withdraws it first, with any an earlier attempt left (refuseStop).
		if _, err = s.cfg.Store.AskCancel(ctx, o.PurchaseID, c.ID); err != nil {
			return CancelOutcome{}, err
		}
		return s.stopBeforeCompletion(ctx, o, c)
	}
	return s.askSellerToCancel(ctx, o, c)
}

// settleAfterAnswer settles the token that p, failed by a cancel with
// store.StepTokenOwed journaled, may have been issued (settleOwedToken) beside the
// cancel's answer, which does not wait for it: the outcome is decided. It is bounded
// as a payment is (paying: Config.PayingTimeout, ended by StopPayments at shutdown);
// what it leaves, the next recovery finishes (store.Unfinished lists p until its
// token is settled or expired). Drain waits for it at shutdown; once Drain has begun,
// none starts, and the token is left to recovery.
func (s *Service) settleAfterAnswer(ctx context.Context, orderID string, p store.Purchase) {
	s.settleMu.Lock()
	if s.draining {
		s.settleMu.Unlock()
		s.cfg.Log.InfoContext(ctx, "cancel during shutdown: payment token left for recovery to revoke", "order", orderID)
		return
	}
	s.settling.Add(1)
	s.settleMu.Unlock()
	ctx, done := s.paying(ctx)
	go func() {
		defer s.settling.Done()
		defer done()
		if err := s.settleOwedToken(ctx, &p); err != nil {
			s.cfg.Log.WarnContext(ctx, "cancel: payment token left for recovery to revoke", "order", orderID, "err", err)
		}
	}()
}

// Drain waits for what cancels left running after their answer (settleAfterAnswer)
// for at most wait, then stops it, as StopPayments does (recovery finishes what it
// leaves), and waits for it to end. From its start no new settling begins: a cancel
// answering later leaves its token to recovery. It is for shutdown only (a server
// calls it before closing the databases): what it stops and turns away is not undone.
func (s *Service) Drain(wait time.Duration) {
	s.settleMu.Lock()
	s.draining = true
	s.settleMu.Unlock()
	done := make(chan struct{})
	go func() {
		s.settling.Wait()
		close(done)
	}()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-done:
		return
	case <-t.C:
	}
	s.halt()
	<-done
}

// orderOtherMode refuses to cancel order o when it was made in another mode than the
// server runs in and its payment token was issued (a pending order past approval, a
// completed or charged_no_order one): its token, Stripe account and seller are that
// mode's, which this server must neither revoke through its own Stripe nor ask, and
// nothing is recorded. A pending order whose token was never issued is stopped as
// any server stops it (recovery fails it from any mode). Nil when o is this mode's.
func (s *Service) orderOtherMode(ctx context.Context, o store.Order) (*Refusal, error) {
	if o.Mode == "" || Mode(o.Mode) == s.cfg.Mode {
		return nil, nil
	}
	if o.Status == store.OrderPending {
		p, err := s.cfg.Store.Purchase(ctx, o.PurchaseID)
		if err != nil {
			return nil, err
		}
		if p.State == store.PurchaseOpen || p.State == store.PurchaseApproved {
			return nil, nil
		}
	}
	return refuse(RefusalOrderOtherMode, RefusalParams{OrderID: o.ID, Mode: Mode(o.Mode), ServerMode: s.cfg.Mode}), nil
}

// keepFresh calls touch every Config.ClaimBeat until the function it returns is
// called, which waits for the last touch to end: how a live call keeps its claim on
// a cancellation, or its open checkout's hold on a cart, from being taken for a dead
// call's. what names the claim in the log line of a touch that failed.
func (s *Service) keepFresh(ctx context.Context, what string, touch func(context.Context) error) (stop func()) {
	done, ended := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(ended)
		t := time.NewTicker(s.cfg.ClaimBeat)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := touch(ctx); err != nil {
					s.cfg.Log.WarnContext(ctx, what+": could not keep the claim fresh", "err", err)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-ended
	}
}

// ConfirmCancelSealed acts on the person's answer to a cancellation dialog: state is
// the sealed confirmation it was sent with (SealCancel). AnswerYes cancels; anything
// else leaves the order as it is.
func (s *Service) ConfirmCancelSealed(ctx context.Context, customerID, state string, answer Answer) (CancelOutcome, error) {
	c, err := s.unsealCancel(state, customerID)
	if err != nil {
		if lapsed, err := s.openSealed(purposeCancel, state, customerID); err == nil && lapsed.OrderID != "" {
			return s.lapsedCancelAnswer(ctx, customerID, lapsed)
		}
		return CancelOutcome{}, refuse(RefusalConfirmationInvalid, RefusalParams{})
	}
	switch err := s.cfg.Store.UseOnce(ctx, "cancel", c.Nonce, time.Unix(c.ExpiresAt, 0)); {
	case errors.Is(err, store.ErrReplay):
		// The person's answer to this dialog was acted on already: a replay, whatever
		// it says, only reports what became of it.
		return s.answeredCancel(ctx, customerID, c)
	case err != nil:
		return CancelOutcome{}, err
	}
	if answer != AnswerYes {
		o, err := s.cfg.Store.Order(ctx, customerID, c.OrderID)
		if err != nil {
			return CancelOutcome{}, err
		}
		// The person keeps the order: the ask that led to this confirmation no
		// longer stands (the order was completed by then, so its renewal's
		// subscription, kept paused by it, stays as it is; get_order stops saying
		// the person asked).
		if _, err := s.cfg.Store.WithdrawCancelAsk(ctx, o.PurchaseID, c.Ask, false); err != nil {
			return CancelOutcome{}, err
		}
		return CancelOutcome{}, refuse(RefusalDeclinedByPerson, RefusalParams{OrderID: o.ID})
	}
	return s.CancelOrder(ctx, CancelRequest{CustomerID: customerID, OrderID: c.OrderID, ConfirmationID: c.QuoteID, ConfirmVia: ViaElicitation})
}

// lapsedCancelAnswer answers a genuine cancellation dialog c answered after it
// lapsed: the asks its quote carries end now as a declined confirmation's do, not at
// the next recovery (store.WithdrawDeadAsks), and the answer is refused as a lapsed
// confirmation (RefusalCancelConfirmExpired: nothing canceled or refunded by it) —
// unless the order was canceled meanwhile, or is being canceled, by another request,
// whose outcome is told.
func (s *Service) lapsedCancelAnswer(ctx context.Context, customerID string, c Confirmation) (CancelOutcome, error) {
	if _, err := s.cfg.Store.WithdrawLapsedAsks(ctx, customerID, c.OrderID, c.QuoteID); err != nil {
		s.cfg.Log.WarnContext(ctx, "cancel: the lapsed confirmation's ask is left to recovery", "order", c.OrderID, "err", err)
	}
	o, err := s.cfg.Store.Order(ctx, customerID, c.OrderID)
	if errors.Is(err, store.ErrNotFound) {
		return CancelOutcome{}, refuse(RefusalConfirmationInvalid, RefusalParams{})
	}
	if err != nil {
		return CancelOutcome{}, err
	}
	if done, ok := alreadyCanceled(o); ok {
		return done, nil
	}
	switch prev, err := s.cfg.Store.Cancellation(ctx, customerID, o.ID); {
	case err == nil && (prev.State == store.CancelDone || prev.State == store.CancelRequested):
		// Canceled, or being canceled, by another request: its outcome is told.
		return s.settleCancel(ctx, o, prev)
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return CancelOutcome{}, err
	}
	return CancelOutcome{}, refuse(RefusalCancelConfirmExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second), OrderID: o.ID})
}

// answeredCancel reports what became of the cancellation confirmed by c, whose dialog
// was answered already: its outcome once done, else that the confirmation is spent.
func (s *Service) answeredCancel(ctx context.Context, customerID string, c Confirmation) (CancelOutcome, error) {
	o, err := s.cfg.Store.Order(ctx, customerID, c.OrderID)
	if err != nil {
		return CancelOutcome{}, err
	}
	if done, ok := alreadyCanceled(o); ok {
		return done, nil
	}
	prev, err := s.cfg.Store.Cancellation(ctx, customerID, o.ID)
	if err == nil && prev.ID == c.QuoteID && prev.State == store.CancelDone {
		return s.cancelOutcomeOf(ctx, o, prev)
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return CancelOutcome{}, err
	}
	return CancelOutcome{}, refuse(RefusalConfirmationInvalid, RefusalParams{})
}

// OfferCancelByID makes the customer's cancellation of order orderID, offered for
// confirmation in a dialog that could not be shown or was not answered, one to confirm
// by its confirmation id instead, and returns it (CancelConfirmationRequired), or the
// outcome when it was settled meanwhile.
func (s *Service) OfferCancelByID(ctx context.Context, customerID, orderID string) (CancelOutcome, error) {
	c, err := s.cfg.Store.OfferCancellationByID(ctx, customerID, orderID, ViaQuoteID)
	if err != nil {
		return CancelOutcome{}, err
	}
	o, err := s.cfg.Store.Order(ctx, customerID, orderID)
	if err != nil {
		return CancelOutcome{}, err
	}
	return s.settleCancel(ctx, o, c)
}

// alreadyCanceled is the outcome of an order the seller has canceled or refunded
// already: one shown refunded (store.Order.Shown: the seller says so, or all of the
// total came back, by a return say), or canceled with something refunded.
func alreadyCanceled(o store.Order) (CancelOutcome, bool) {
	switch {
	case o.SellerStatus == store.SellerRefunded || o.Shown() == store.OrderRefunded:
		return CancelOutcome{Status: CancelRefunded, Order: o}, true
	case o.SellerStatus == store.SellerCanceled:
		return CancelOutcome{Status: CancelRefunded, Order: o}, o.Refunded > 0
	}
	if o.Status == store.OrderFailed && o.FailureCode == string(RefusalCanceledByPerson) {
		return CancelOutcome{Status: CancelStopped, Order: o}, true
	}
	return CancelOutcome{}, false
}

// settleCancel waits (bounded) for the call that carries out cancellation c to end,
// and returns its outcome.
func (s *Service) settleCancel(ctx context.Context, o store.Order, c store.Cancellation) (CancelOutcome, error) {
	wait := 5 * time.Millisecond
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for c.State == store.CancelRequested {
		select {
		case <-ctx.Done():
			return CancelOutcome{}, ctx.Err()
		case <-deadline.C:
			return CancelOutcome{Status: CancelPending, Order: o, Cancellation: c}, nil
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
		var err error
		if c, err = s.cfg.Store.Cancellation(ctx, o.CustomerID, o.ID); err != nil {
			return CancelOutcome{}, err
		}
	}
	switch c.State {
	case store.CancelQuoted:
		if !s.now().Before(c.ExpiresAt) {
			// Lapsed (a dialog left unanswered past it, say): never offered again. Its
			// asks end as a declined confirmation's do; a new call asks anew.
			if _, err := s.cfg.Store.WithdrawLapsedAsks(ctx, o.CustomerID, o.ID, c.ID); err != nil {
				return CancelOutcome{}, err
			}
			return CancelOutcome{}, refuse(RefusalCancelConfirmExpired, RefusalParams{QuoteTTLSecs: int64(s.cfg.QuoteTTL / time.Second), OrderID: o.ID})
		}
		return CancelOutcome{Status: CancelConfirmationRequired, Order: o, Cancellation: c}, nil
	case store.CancelFailed:
		if c.FailureCode == string(RefusalChargedNoOrder) {
			if o, err := s.cfg.Store.Order(ctx, o.CustomerID, o.ID); err == nil && o.Status == store.OrderChargedNoOrder {
				return CancelOutcome{}, orderRefusal(o) // with what Stripe shows charged
			}
		}
		return CancelOutcome{}, RecordedRefusal(c.FailureCode, "", "", o.ID)
	}
	return s.cancelOutcomeOf(ctx, o, c)
}

// orderRefusal is the refusal recorded with order o.
func orderRefusal(o store.Order) *Refusal {
	return RecordedRefusal(o.FailureCode, o.FailureParams, o.FailureReason, o.ID)
}

// cancelOutcomeOf is the outcome of a done cancellation.
func (s *Service) cancelOutcomeOf(ctx context.Context, o store.Order, c store.Cancellation) (CancelOutcome, error) {
	o, err := s.cfg.Store.Order(ctx, o.CustomerID, o.ID)
	if err != nil {
		return CancelOutcome{}, err
	}
	out := CancelOutcome{Order: o, Cancellation: c}
	switch c.Outcome {
	case store.OutcomeCanceled:
		out.Status = CancelStopped
	case store.OutcomeUnsupported:
		out.Status, out.SupportURL = CancelAskSeller, s.supportURL(ctx, o)
	default:
		out.Status = CancelRefunded
	}
	return out, nil
}

// finishCancel records how c ended and returns the outcome or the refusal.
func (s *Service) finishCancel(ctx context.Context, o store.Order, c store.Cancellation, outcome string, ref *Refusal) (CancelOutcome, error) {
	c.State, c.Outcome = store.CancelDone, outcome
	if ref != nil {
		c.State, c.Outcome, c.FailureCode = store.CancelFailed, "", string(ref.Code)
	}
	if err := s.cfg.Store.FinishCancellation(ctx, &c); err != nil {
		if errors.Is(err, store.ErrStateChanged) {
			return s.settleCancel(ctx, o, c)
		}
		return CancelOutcome{}, err
	}
	if ref != nil {
		ref.OrderID = o.ID
		return CancelOutcome{}, ref
	}
	return s.cancelOutcomeOf(ctx, o, c)
}

// stopBeforeCompletion cancels a purchase that the seller has not completed. Its own
// call (or recovery) may be moving it on at the same time, so every step acts only on
// the state it read:
//   - approved (no token journaled): the purchase is claimed as failed (a call still
//     running then loses its race when it journals its token, and revokes it), the
//     token owed journaled just before; then a token the call may have been issued
//     and died with is asked for again and revoked (settleOwedToken) beside the
//     answer, which does not wait for Stripe (settleAfterAnswer), or left to
//     recovery, which finishes it (store.Unfinished lists the purchase until then);
//   - token_issued: the token is revoked first (so no charge can happen from then on; if
//     that fails, nothing is changed), then the seller says whether it completed before,
//     and for a session it did not complete (or no longer knows) Stripe says whether the
//     token was charged: only nothing charged lets the purchase fail as canceled; a
//     charge ends it charged_no_order; Stripe not telling changes nothing.
//
// A refusal that cancels nothing withdraws the person's asks made under c
// (refuseStop); a Go error leaves them (the state is not known).
func (s *Service) stopBeforeCompletion(ctx context.Context, o store.Order, c store.Cancellation) (CancelOutcome, error) {
	p, err := s.cfg.Store.Purchase(ctx, o.PurchaseID)
	if err != nil {
		return CancelOutcome{}, err
	}
	if err := s.fault("cancel_read"); err != nil {
		return CancelOutcome{}, err
	}
	if p.State == store.PurchaseApproved {
		ownMode := Mode(p.Mode) == s.cfg.Mode
		if ownMode {
			// The purchase's call may have been issued its token and died before
			// journaling it. The token owed is journaled before the claim, so that a
			// cancel killed after it, or one that cannot reach Stripe, leaves the
			// failed purchase to recovery to ask for it again and revoke it.
			if err := s.cfg.Store.Journal(ctx, p.ID, store.StepTokenOwed, "cancel"); err != nil {
				return CancelOutcome{}, err
			}
		}
		claimed, err := s.failAsCanceled(ctx, &p, store.PurchaseApproved)
		if err != nil {
			return CancelOutcome{}, err
		}
		if claimed {
			if err := s.fault("cancel_claimed"); err != nil {
				return CancelOutcome{}, err
			}
			if ownMode {
				// No call of the purchase can hand a token to the seller any more
				// (one still running loses its race and revokes its own): stopped is
				// the answer, whether or not Stripe answers now, so the person is not
				// kept waiting on Stripe for it.
				s.settleAfterAnswer(ctx, o.ID, p)
			}
			return s.stopped(ctx, o, c, &p)
		}
	}
	completedMeanwhile := refuse(RefusalCompletedMeanwhile, RefusalParams{Seller: o.SellerName, OrderID: o.ID})
	switch p.State {
	case store.PurchaseTokenIssued:
		if Mode(p.Mode) != s.cfg.Mode {
			// Its token was issued since orderOtherMode read it approved (by the
			// server of its mode, which is running): revoking it, asking its seller
			// and Stripe are that server's, not this one's. Nothing is canceled.
			return s.refuseStop(ctx, o, c, refuse(RefusalOrderOtherMode, RefusalParams{OrderID: o.ID, Mode: Mode(p.Mode), ServerMode: s.cfg.Mode}))
		}
	case store.PurchaseCompleted:
		return s.finishCancel(ctx, o, c, "", completedMeanwhile)
	case store.PurchaseChargedNoOrder:
		return s.refuseStop(ctx, o, c, RecordedRefusal(p.FailureCode, p.FailureParams, p.FailureMessage, o.ID))
	default: // failed meanwhile: nothing was charged, and nothing is left to stop
		return s.finishCancel(ctx, o, c, "", refuse(RefusalOrderFailed, RefusalParams{OrderID: o.ID}))
	}
	busy := refuse(RefusalSellerBusy, RefusalParams{Seller: o.SellerName})
	if err := s.revoke(ctx, &p); err != nil {
		// Stripe did not revoke the token: the seller may yet charge it, so whether
		// the card is charged is not known, and nothing is canceled.
		return s.refuseStop(ctx, o, c, refuse(RefusalPaymentUnknown, RefusalParams{Seller: o.SellerName, OrderID: o.ID}))
	}
	seller, err := s.cfg.Catalog.Seller(ctx, p.SellerID)
	if err != nil {
		return CancelOutcome{}, err
	}
	var sess Session
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if err == nil {
		sess, err = sessionOrNone(s.settledSession(ctx, &p, co))
	}
	switch {
	case err != nil:
		s.cfg.Log.WarnContext(ctx, "cancel: seller session unknown", "order", o.ID, "err", err)
		return s.refuseStop(ctx, o, c, refuse(RefusalSellerUnavailable, RefusalParams{Seller: o.SellerName, Step: StepCancel}))
	case sess.Status == StatusSessionCompleted:
		// It was charged before the token was revoked: record the order as the saga
		// would, and say so.
		p.SellerOrderID, p.Digital = sess.OrderID, sess.Digital
		if err := s.cfg.Store.Complete(ctx, &p); err == nil {
			s.afterSale(ctx, p.ID, p.OrderID)
		} else if !errors.Is(err, store.ErrStateChanged) {
			return CancelOutcome{}, err
		}
		return s.finishCancel(ctx, o, c, "", completedMeanwhile)
	case sess.Status == StatusCompleteInProgress:
		return s.refuseStop(ctx, o, c, busy)
	}
	// The seller has no completed order: Stripe tells whether it charged the token.
	var held *errHeld
	switch charged, err := s.witnessCharge(ctx, &p); {
	case errors.As(err, &held):
		s.cfg.Log.WarnContext(ctx, "cancel: Stripe shows the payment token used with nothing captured yet (a hold)", "order", o.ID, "until", held.Until)
		return s.refuseStop(ctx, o, c, held.refusal(o.SellerName, o.ID))
	case errors.Is(err, errNoWitness):
		s.cfg.Log.WarnContext(ctx, "cancel: whether the payment token was charged is unknown", "order", o.ID, "err", err)
		return s.refuseStop(ctx, o, c, refuse(RefusalPaymentUnknown, RefusalParams{Seller: o.SellerName, OrderID: o.ID}))
	case errors.As(err, new(lostRace)):
		return s.refuseStop(ctx, o, c, busy)
	case err != nil:
		return CancelOutcome{}, err
	case charged != nil:
		return s.refuseStop(ctx, o, c, charged)
	}
	claimed, err := s.failAsCanceled(ctx, &p, store.PurchaseTokenIssued)
	switch {
	case err != nil:
		return CancelOutcome{}, err
	case !claimed && p.State == store.PurchaseCompleted:
		return s.finishCancel(ctx, o, c, "", completedMeanwhile)
	case !claimed && p.State != store.PurchaseFailed:
		return s.refuseStop(ctx, o, c, busy)
	}
	return s.stopped(ctx, o, c, &p)
}

// refuseStop ends cancellation c of pending order o refused with ref, which cancels
// nothing (the seller is busy or unreachable, Stripe shows a hold, cannot tell, or
// shows the token charged with no order): the person's asks made under c are
// withdrawn first — this call's, and any an earlier attempt at c left when it died or
// ended in an error — so a renewal's order its seller shows late resumes its
// subscription as if nobody had asked. Withdrawn before the cancellation is
// finished: a crash between the two leaves the cancellation claimed, and the call
// that takes it over once stale withdraws them when it is refused in turn. An older
// attempt still running after such a takeover ends failed (its ask no longer
// matters), completed (asks kept, below) or refused (withdrawing them too).
//
// The asks stay when the purchase completed after the refusal was decided (checked
// with the withdrawal): the seller showed the order, a late renewal may already have
// been kept paused by them, and they tell truly that the person asked before the
// order. The refusal then says that the order was completed meanwhile (a new call
// asks the seller to refund it), as when it is read before deciding.
func (s *Service) refuseStop(ctx context.Context, o store.Order, c store.Cancellation, ref *Refusal) (CancelOutcome, error) {
	if err := s.fault("cancel_refused"); err != nil {
		return CancelOutcome{}, err
	}
	withdrawn, err := s.cfg.Store.WithdrawCancelAsks(ctx, o.PurchaseID, c.ID, true)
	if err != nil {
		return CancelOutcome{}, err
	}
	if !withdrawn {
		ref = refuse(RefusalCompletedMeanwhile, RefusalParams{Seller: o.SellerName, OrderID: o.ID})
	}
	return s.finishCancel(ctx, o, c, "", ref)
}

// failAsCanceled ends p, which must still be in state from, as canceled by the person.
// It reports false, with p reloaded, when another call moved p first.
func (s *Service) failAsCanceled(ctx context.Context, p *store.Purchase, from store.PurchaseState) (bool, error) {
	next := *p
	// From token_issued, Stripe's word on the token (witnessCharge) came first.
	refuse(RefusalCanceledByPerson, RefusalParams{Witnessed: from == store.PurchaseTokenIssued && p.TokenID != ""}).record(&next, store.PurchaseFailed)
	err := s.cfg.Store.Advance(ctx, &next, "canceled_by_person", "", from)
	if err == nil {
		*p = next
		return true, nil
	}
	if !errors.Is(err, store.ErrStateChanged) {
		return false, err
	}
	fresh, err := s.cfg.Store.Purchase(ctx, p.ID)
	if err != nil {
		return false, err
	}
	*p = fresh
	return false, nil
}

// stopped finishes the cancellation of p, which failed as canceled by the person:
// its seller session is canceled and the order's change is told.
func (s *Service) stopped(ctx context.Context, o store.Order, c store.Cancellation, p *store.Purchase) (CancelOutcome, error) {
	s.cancelSession(ctx, p)
	o, err := s.cfg.Store.Order(ctx, o.CustomerID, o.ID)
	if err != nil {
		return CancelOutcome{}, err
	}
	s.orderChanged(o)
	return s.finishCancel(ctx, o, c, store.OutcomeCanceled, nil)
}

// askSellerToCancel asks the seller of a completed order to cancel and refund it.
func (s *Service) askSellerToCancel(ctx context.Context, o store.Order, c store.Cancellation) (CancelOutcome, error) {
	seller, err := s.cfg.Catalog.Seller(ctx, o.SellerID)
	if err != nil {
		return CancelOutcome{}, err
	}
	co, err := s.cfg.Sellers.Checkout(ctx, seller)
	if err != nil {
		return s.finishCancel(ctx, o, c, store.OutcomeUnsupported, nil)
	}
	canceler, ok := co.(OrderCanceler)
	if !ok {
		return s.finishCancel(ctx, o, c, store.OutcomeUnsupported, nil)
	}
	declares, err := retry(ctx, s, func() (bool, error) { return canceler.CancelsOrders(ctx) })
	switch {
	case err != nil:
		s.cfg.Log.WarnContext(ctx, "cancel: seller discovery failed", "order", o.ID, "err", err)
		return s.finishCancel(ctx, o, c, "", refuse(RefusalSellerUnavailable, RefusalParams{Seller: o.SellerName, Step: StepCancel}))
	case !declares:
		return s.finishCancel(ctx, o, c, store.OutcomeUnsupported, nil)
	}
	// One idempotency key per order, not per request: a request whose outcome was
	// unknown (a timeout) and that is made again must not refund twice at a seller that
	// did refund. A seller's refusal is then final through this server (support_url).
	got, err := retry(ctx, s, func() (CanceledOrder, error) { return canceler.CancelOrder(ctx, o.SellerOrderID, "cancel/"+o.ID) })
	if err != nil {
		s.cfg.Log.WarnContext(ctx, "cancel: seller refused or failed", "order", o.ID, "err", err)
		ref := refuse(RefusalSellerUnavailable, RefusalParams{Seller: o.SellerName, Step: StepCancel})
		switch {
		case errors.Is(err, ErrNoSession):
			// The seller has no such order: not a refusal to cancel it.
			ref = refuse(RefusalOrderUnknownToSeller, RefusalParams{Seller: o.SellerName, SupportURL: s.supportURL(ctx, o), Mode: Mode(o.Mode)})
		case errors.Is(err, ErrRejected):
			ref = refuse(RefusalNotCancelable, RefusalParams{Seller: o.SellerName, SupportURL: s.supportURL(ctx, o)})
		}
		return s.finishCancel(ctx, o, c, "", ref)
	}
	u := updateOf(got.Order, store.SourceCancel)
	updated, changed, err := s.cfg.Store.UpdateOrder(ctx, o.ID, u)
	if err != nil {
		return CancelOutcome{}, err
	}
	if changed {
		s.orderChanged(updated)
	}
	c.Refunded = got.Order.Refunded()
	for _, a := range got.Order.Adjustments {
		if a.Type == "refund" {
			c.RefundID = a.ID
		}
	}
	return s.finishCancel(ctx, updated, c, store.OutcomeRefunded, nil)
}

// supportURL is where the person reaches o's seller: the operator's configured page,
// else the seller's page of the order.
func (s *Service) supportURL(ctx context.Context, o store.Order) string {
	return firstOf(s.sellerSupportURL(ctx, o.SellerID), o.SupportURL, o.PermalinkURL)
}

// sellerSupportURL is the operator's configured support page of seller sellerID, ""
// when none is known.
func (s *Service) sellerSupportURL(ctx context.Context, sellerID string) string {
	if l, ok := s.cfg.Sellers.(SupportLinks); ok {
		if seller, err := s.cfg.Catalog.Seller(ctx, sellerID); err == nil {
			return l.SupportURL(seller)
		}
	}
	return ""
}
