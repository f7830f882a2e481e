package seller

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// completeBody is a complete request as the Seller reads it.
type completeBody struct {
	PaymentData *acp.PaymentData `json:"payment_data"`
	Buyer       *acp.Buyer       `json:"buyer"`
}

// tokenParam is the JSONPath of the payment token in a complete request.
const tokenParam = "$.payment_data.instrument.credential.token"

func (s *Seller) handleComplete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var b completeBody
	if !decodeBody(w, r, &b, false) {
		return
	}
	token, perr := paymentToken(b.PaymentData)
	if perr != nil {
		writeError(w, http.StatusBadRequest, perr)
		return
	}
	// An earlier charge of the session whose outcome is unknown is settled first, by a
	// complete with that charge's token only: the repeat may be a fresh charge of it
	// (when the first send never reached Stripe), which a buyer who moved to another
	// token did not ask for now. Another token waits (503) until Tick settles it.
	if settled, err := s.settleHeld(r.Context(), id, token); err != nil || !settled {
		writeUnsettled(w, "complete")
		return
	}
	plan, v, status, perr := s.beginComplete(r.Context(), id, b.Buyer)
	switch {
	case perr != nil:
		writeError(w, status, perr)
		return
	case v != nil: // already completed
		writeJSON(w, http.StatusOK, v)
		return
	}
	// The charge outlives a caller that hangs up: its outcome must be recorded.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), s.cfg.ChargeTimeout)
	defer cancel()
	ended := false
	defer func() {
		if !ended { // pay panicked: release the session before the panic goes on
			s.endComplete(plan, payOutcome{err: errors.New("complete aborted")})
		}
	}()
	out := s.pay(ctx, plan, token)
	v, status, perr = s.endComplete(plan, out)
	ended = true
	if perr != nil {
		if out.retryAfter > 0 {
			w.Header().Set("Retry-After", retryAfterSeconds(out.retryAfter))
		}
		writeError(w, status, perr)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// paymentToken checks the payment data and returns the SPT.
func paymentToken(pd *acp.PaymentData) (string, *acp.Error) {
	bad := func(code, param, msg string) (string, *acp.Error) {
		return "", &acp.Error{Type: acp.ErrorInvalidRequest, Code: code, Param: param, Message: msg}
	}
	switch {
	case pd == nil:
		return bad(acp.CodeMissing, "$.payment_data", "payment_data is required")
	case pd.HandlerID != "" && pd.HandlerID != acp.HandlerID:
		return bad(acp.CodeInvalid, "$.payment_data.handler_id", fmt.Sprintf("the only payment handler is %q", acp.HandlerID))
	case pd.Instrument == nil:
		return bad(acp.CodeMissing, "$.payment_data.instrument", "payment_data.instrument is required")
	case pd.Instrument.Type != acp.InstrumentCard:
		return bad(acp.CodeInvalid, "$.payment_data.instrument.type", `the instrument type must be "card"`)
	case pd.Instrument.Credential.Type != acp.CredentialSPT:
		return bad(acp.CodeInvalid, "$.payment_data.instrument.credential.type",
			`the credential type must be "spt" (a Stripe Shared Payment Token)`)
	case pd.Instrument.Credential.Token == "":
		return bad(acp.CodeMissing, tokenParam, "the payment token is required")
	}
	return pd.Instrument.Credential.Token, nil
}

// chargePlan is what one complete charges, fixed when it starts.
type chargePlan struct {
	ss       *session
	lines    []line
	amount   int64
	currency string
	done     chan struct{}
}

// beginComplete waits for any complete already running on the session, then either
// answers (a completed session, or an error) or marks the session
// complete_in_progress and returns the plan of the charge.
func (s *Seller) beginComplete(ctx context.Context, id string, buyer *acp.Buyer) (*chargePlan, *acp.CheckoutSession, int, *acp.Error) {
	ss, err := s.lockSettled(ctx, id)
	if err != nil {
		return nil, nil, http.StatusServiceUnavailable, &acp.Error{Type: acp.ErrorServiceUnavailable, Code: "canceled",
			Message: "the request ended while another payment of this session was in progress"}
	}
	defer s.mu.Unlock()
	if ss == nil {
		return nil, nil, http.StatusNotFound, noSession(id)
	}
	ss.expire(s.cfg.Now())
	switch ss.status {
	case acp.StatusCompleted:
		return nil, s.view(ss), 0, nil
	case acp.StatusReadyForPayment:
	case acp.StatusNotReadyForPayment:
		return nil, nil, http.StatusConflict, &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalidState,
			Message: "the checkout session is not_ready_for_payment; resolve its error messages first"}
	default:
		perr, status := stateError(ss, "completed")
		return nil, nil, status, perr
	}
	if buyer != nil {
		ss.buyer = buyer
	}
	if ss.held != nil { // another complete left a charge of unknown outcome meanwhile
		return nil, nil, http.StatusServiceUnavailable, unsettled("complete")
	}
	plan := &chargePlan{ss: ss, lines: append([]line(nil), ss.lines...), amount: ss.total(), currency: ss.currency,
		done: make(chan struct{})}
	ss.charging, ss.status, ss.messages = plan.done, acp.StatusCompleteInProgress, nil
	return plan, nil, 0, nil
}

// payOutcome is the result of the payment step of a complete.
type payOutcome struct {
	stock      []line // refreshed lines when stock ran short (no charge made)
	result     ChargeResult
	err        error         // from Payments.Charge
	held       []line        // stock kept for the session: the charge's outcome is unknown
	charge     ChargeRequest // that charge, repeated to settle it
	sent       time.Time     // when that charge was first sent
	retryAfter time.Duration
}

// pay re-checks stock, takes it, and charges. The stock is taken before the charge,
// so that of sessions competing for the last units (in this process or another one
// selling from the same catalog) only those that got them are charged. A charge that
// surely failed (declined, token rejected) gives the stock back; one whose outcome is
// unknown (Stripe unreachable, 5xx, unexpected) keeps it for the session with the
// charge (payOutcome.held and charge), since the charge may have gone through. Such a
// charge is settled (settleHeld) before anything else happens to the session: a
// complete with any token, a cancel, or Tick. So a session is never paid twice, even
// by another token.
func (s *Seller) pay(ctx context.Context, plan *chargePlan, token string) payOutcome {
	if out := s.takeStock(ctx, plan); out != nil {
		return *out
	}
	req := ChargeRequest{
		Token:          token,
		Amount:         plan.amount,
		Currency:       plan.currency,
		IdempotencyKey: chargeKey(plan.ss.id, token, plan.amount, plan.currency),
		Metadata:       map[string]string{"checkout_session_id": plan.ss.id},
	}
	sent := s.cfg.Now()
	res, err := s.cfg.Payments.Charge(ctx, req)
	switch {
	case err == nil:
		return payOutcome{result: res}
	case notCharged(err):
		s.giveBack(ctx, plan.ss.id, plan.lines)
		return payOutcome{err: err}
	}
	out := payOutcome{err: err, held: plan.lines, charge: req, sent: sent}
	if errors.Is(err, ErrPaymentUnavailable) {
		out.retryAfter = 2 * time.Second
	}
	return out
}

// notCharged reports whether a charge's error says that surely nothing was charged.
func notCharged(err error) bool {
	return errors.Is(err, ErrDeclined) || errors.Is(err, ErrTokenRejected)
}

// repeat sends charge r again, unchanged, to learn its outcome.
func (s *Seller) repeat(ctx context.Context, r ChargeRequest) (ChargeResult, error) {
	r.Repeat = true
	return s.cfg.Payments.Charge(ctx, r)
}

// takeStock re-checks the stock of the plan's lines and takes it. It returns nil when
// all was taken, else the outcome to answer with (nothing taken).
func (s *Seller) takeStock(ctx context.Context, plan *chargePlan) *payOutcome {
	if fresh := s.freshLines(ctx, plan.lines); len(stockMessages(fresh)) > 0 {
		return &payOutcome{stock: fresh}
	}
	for i, l := range plan.lines {
		stamp, err := s.cfg.Inventory.Take(ctx, l.item.ID, l.qty)
		if err == nil {
			plan.lines[i].stamp = stamp
			continue
		}
		s.giveBack(ctx, plan.ss.id, plan.lines[:i])
		if !errors.Is(err, ErrOutOfStock) && !errors.Is(err, ErrUnknownItem) {
			return &payOutcome{err: err}
		}
		fresh := s.freshLines(ctx, plan.lines)
		if len(stockMessages(fresh)) == 0 { // back in stock since: still short for this session
			fresh[i].item.Purchasable = false
		}
		return &payOutcome{stock: fresh}
	}
	return nil
}

// freshLines returns lines with their items' stock and purchasability as the
// inventory has them now.
func (s *Seller) freshLines(ctx context.Context, lines []line) []line {
	fresh := make([]line, len(lines))
	for i, l := range lines {
		it, err := s.cfg.Inventory.Item(ctx, l.item.ID)
		switch {
		case errors.Is(err, ErrUnknownItem): // no longer sold
			it = l.item
			it.Purchasable = false
		case err != nil: // keep what the session saw; Take reports a shortage later
			it = l.item
		}
		l.item.Stock, l.item.Purchasable = it.Stock, it.Purchasable
		fresh[i] = l
	}
	return fresh
}

// giveBack returns the stock taken for lines whose charge did not happen. A return
// that fails (the database busy) is tried again with a growing pause, at most
// giveBackTries times in all; the request ending does not stop it.
func (s *Seller) giveBack(ctx context.Context, sessionID string, lines []line) {
	ctx = context.WithoutCancel(ctx)
	for _, l := range lines {
		var err error
		pause := giveBackPause
		for try := 1; ; try++ {
			if err = s.cfg.Inventory.Return(ctx, l.item.ID, l.qty, l.stamp); err == nil || errors.Is(err, ErrUnknownItem) || try == giveBackTries {
				break
			}
			time.Sleep(pause)
			pause *= 2
		}
		if err != nil { // the error is not logged: ids and quantities are enough
			reason := "inventory_error"
			if errors.Is(err, ErrUnknownItem) {
				reason = "unknown_item"
			}
			s.log.Warn("stock taken for a payment that did not happen could not be given back", "session", sessionID,
				"item", l.item.ID, "quantity", l.qty, "reason", reason)
		}
	}
}

// giveBackTries and giveBackPause bound the retries of a give-back: 100 ms doubling,
// about 3 s in all (a busy SQLite database waits BusyTimeout on each try).
const (
	giveBackTries = 6
	giveBackPause = 100 * time.Millisecond
)

// releaseHeld settles the charges of unknown outcome that hold stock (settleHeld), so
// that a session whose buyer does not come back, or that ended meanwhile (canceled,
// expired), neither keeps its units nor loses a payment made. A charge still unknown
// is tried again at the next call (Tick calls it).
func (s *Seller) releaseHeld(ctx context.Context) {
	var ids []string
	s.mu.Lock()
	for _, ss := range s.sessions {
		if ss.held != nil && ss.charging == nil {
			ids = append(ids, ss.id)
		}
	}
	s.mu.Unlock()
	for _, id := range ids {
		s.settleHeld(ctx, id, "")
	}
}

// settleWindow is how long after its first send a held charge is settled by
// repeating it. Stripe keeps an idempotency key at least 24 hours and replays what the
// first send stored (a charge made, or a 500 when that send failed while executing);
// within this window a repeat therefore either replays the first send or, when that
// send never started executing, is the first execution, so a rejection of the repeat
// proves that nothing was charged. After the window the key may be gone: a repeat
// could charge a second time, and a rejection (the token used up by the first send)
// proves nothing, so the charge is looked up instead (Payments.Find). The hour below
// 24 covers clock skew and a slow repeat.
const settleWindow = 23 * time.Hour

// findMargin widens the look-up's window [first send, last send + ChargeTimeout] on
// both sides, for a send that Stripe executed after the seller gave up on it and for
// the clocks of the seller and Stripe (they must agree within minutes). The look-up is
// made only once that window has closed (lookUpAt), so nothing can be created in it
// afterwards: a look-up finding nothing proves that nothing was charged, and one that
// stopped can go on where it stopped.
const findMargin = time.Hour

// lookUpPause is the least time between two look-ups of a held charge: a look-up can
// read pages for ChargeTimeout, during which Tick waits.
const lookUpPause = 10 * time.Minute

// lookUpAt is when the held charge of session ss may be looked up, at now: once its
// look-up window has closed and lookUpPause after the last look-up. It is zero within
// settleWindow, when the charge is repeated instead.
func (s *Seller) lookUpAt(ss *session, now time.Time) time.Time {
	if now.Sub(ss.heldSent) < settleWindow {
		return time.Time{}
	}
	at := ss.heldLast.Add(s.cfg.ChargeTimeout + findMargin)
	if ss.heldNext.After(at) {
		at = ss.heldNext
	}
	return at
}

// settleHeld settles the charge of unknown outcome that session id holds stock for,
// if any, by repeating it as it was (its token and idempotency key), so that Stripe
// replays it if it was made: made, it completes the session with its order (even a
// session that expired meanwhile: it is paid); surely not made, the stock is given
// back. It reports whether the session holds no such charge any more; false with a
// nil error means that the outcome is still unknown. A token other than "" settles
// only a charge of that token: another one is left held (unknown). A charge first sent
// settleWindow ago or more is never repeated (see settleWindow) but looked up by its
// session (Payments.Find, see findMargin), with the same outcomes; until lookUpAt it
// stays unknown.
func (s *Seller) settleHeld(ctx context.Context, id, token string) (bool, error) {
	ss, err := s.lockSettled(ctx, id)
	if err != nil {
		return false, err
	}
	if ss == nil || ss.held == nil {
		s.mu.Unlock()
		return true, nil
	}
	if token != "" && token != ss.heldCharge.Token {
		s.mu.Unlock()
		return false, nil
	}
	now := s.cfg.Now()
	at := s.lookUpAt(ss, now)
	lookUp := !at.IsZero()
	if lookUp && now.Before(at) {
		s.mu.Unlock()
		return false, nil
	}
	r := ss.heldCharge
	q := FindQuery{SessionID: id, From: ss.heldSent.Add(-findMargin),
		To: ss.heldLast.Add(s.cfg.ChargeTimeout + findMargin), After: ss.heldAfter}
	plan := &chargePlan{ss: ss, lines: ss.held, amount: r.Amount, currency: r.Currency, done: make(chan struct{})}
	ss.charging = plan.done
	s.mu.Unlock()
	ended := false
	defer func() {
		if !ended { // the repeat panicked: release the session (still holding) first
			s.mu.Lock()
			close(plan.done)
			ss.charging = nil
			s.mu.Unlock()
		}
	}()
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ChargeTimeout)
	defer cancel()
	var res ChargeResult
	var made bool
	var found FindResult
	if lookUp {
		found, err = s.cfg.Payments.Find(cctx, q)
		res, made = found.Charge, found.Made
	} else {
		res, err = s.repeat(cctx, r)
		made = err == nil
	}
	s.mu.Lock()
	ended = true
	// A failed look-up proves nothing; a repeat rejected within the window does.
	settled := err == nil || !lookUp && notCharged(err)
	switch {
	case settled:
		ss.held, ss.heldCharge = nil, ChargeRequest{}
		ss.heldSent, ss.heldLast, ss.heldNext, ss.heldAfter = time.Time{}, time.Time{}, time.Time{}, ""
	case lookUp:
		ss.heldNext, ss.heldAfter = s.cfg.Now().Add(lookUpPause), found.After
	default: // Stripe may still execute this repeat: the look-up waits for it
		ss.heldLast = now
	}
	if made {
		s.completePaid(plan, res, s.cfg.Now())
	}
	close(plan.done)
	ss.charging = nil
	s.mu.Unlock()
	if settled && !made {
		s.giveBack(ctx, id, plan.lines)
	}
	return settled, nil
}

// chargeKey is the Stripe Idempotency-Key of a charge: the same complete retried gives
// the same key, another token or amount a new one. The token is hashed, never sent.
func chargeKey(sessionID, token string, amount int64, currency string) string {
	h := sha256.Sum256([]byte(token + "\x00" + strconv.FormatInt(amount, 10) + "\x00" + currency))
	return "acp_" + sessionID + "_" + hex.EncodeToString(h[:12])
}

// writeUnsettled answers a request (what) that must wait for the outcome of an earlier
// charge of the session.
func writeUnsettled(w http.ResponseWriter, what string) {
	w.Header().Set("Retry-After", "2")
	writeError(w, http.StatusServiceUnavailable, unsettled(what))
}

// unsettled is the error of a request (what) that must wait for the outcome of an
// earlier charge of the session.
func unsettled(what string) *acp.Error {
	return &acp.Error{Type: acp.ErrorServiceUnavailable, Code: acp.CodePaymentUnavailable,
		Message: "the outcome of an earlier payment of this checkout session is not known yet; retry the " + what +
			" request later (it will not charge twice)"}
}

// endComplete records the outcome of a complete and returns the response.
func (s *Seller) endComplete(plan *chargePlan, out payOutcome) (*acp.CheckoutSession, int, *acp.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := plan.ss
	defer func() {
		close(plan.done)
		ss.charging = nil
	}()
	now := s.cfg.Now()
	ss.updated = now
	ss.status = acp.StatusReadyForPayment
	ss.held, ss.heldCharge, ss.heldSent, ss.heldLast = out.held, out.charge, out.sent, out.sent
	switch {
	case out.stock != nil:
		ss.setLines(out.stock, ss.currency)
		s.log.Info("checkout complete refused: stock ran short", "session", ss.id)
		return s.view(ss), 0, nil
	case out.err == nil:
		return s.completePaid(plan, out.result, now), 0, nil
	}
	var ce *ChargeError
	errors.As(out.err, &ce)
	switch {
	case errors.Is(out.err, ErrDeclined):
		ss.messages = []acp.Message{{Type: acp.MessageError, Code: acp.CodePaymentDeclined, Param: "$.payment_data",
			Resolution: acp.ResolutionRequiresBuyerInput, ContentType: "plain",
			Content: "The payment was declined" + declineDetail(ce) + ". Nothing was charged; pay with another payment method."}}
		s.log.Info("checkout payment declined", "session", ss.id, "err", out.err)
		return s.view(ss), 0, nil
	case errors.Is(out.err, ErrTokenRejected):
		ss.messages = []acp.Message{{Type: acp.MessageError, Code: acp.CodeInvalid, Param: tokenParam,
			Resolution: acp.ResolutionRecoverable, ContentType: "plain",
			Content: "The payment token cannot pay this checkout" + rejectDetail(ce) + ". Nothing was charged; issue a new token for the session total."}}
		s.log.Info("checkout payment token rejected", "session", ss.id, "err", out.err)
		return s.view(ss), 0, nil
	case errors.Is(out.err, ErrPaymentUnavailable):
		s.log.Warn("checkout payment unavailable", "session", ss.id, "err", out.err)
		return nil, http.StatusServiceUnavailable, &acp.Error{Type: acp.ErrorServiceUnavailable, Code: acp.CodePaymentUnavailable,
			Message: "the payment provider is unavailable; retry the complete request later (it will not charge twice)"}
	}
	s.log.Error("checkout payment failed", "session", ss.id, "err", out.err)
	return nil, http.StatusInternalServerError, &acp.Error{Type: acp.ErrorProcessing, Code: acp.CodePaymentFailed,
		Message: "the payment failed unexpectedly; retrying the complete request will not charge twice"}
}

// completePaid completes the session of plan, paid by the charge res of plan.amount, with its
// order, and returns the session's view; s.mu is held. The lines are those the charge
// paid for (an update is refused while a charge of unknown outcome is held).
func (s *Seller) completePaid(plan *chargePlan, res ChargeResult, now time.Time) *acp.CheckoutSession {
	ss := plan.ss
	ss.lines, ss.messages, ss.updated = plan.lines, nil, now
	o := &acp.Order{Type: "order", ID: newID("ord_"), CheckoutSessionID: ss.id, Status: acp.OrderStatusConfirmed}
	o.PermalinkURL = s.cfg.BaseURL + "/orders/" + o.ID
	ss.status, ss.order = acp.StatusCompleted, o
	o.Totals = s.view(ss).Totals
	deliverDigital(o, ss.lines, s.cfg.BaseURL)
	s.recordPaid(o, res.PaymentIntentID, plan.amount, plan.currency, now)
	s.log.Info("checkout session completed", "session", ss.id, "order", o.ID, "amount", plan.amount,
		"currency", plan.currency, "payment_intent", res.PaymentIntentID)
	return s.view(ss)
}

func declineDetail(ce *ChargeError) string {
	switch {
	case ce == nil:
		return ""
	case ce.DeclineCode != "":
		return " (" + ce.DeclineCode + ")"
	case ce.Code != "":
		return " (" + ce.Code + ")"
	}
	return ""
}

func rejectDetail(ce *ChargeError) string {
	if ce == nil || ce.Reason == "" {
		return ""
	}
	return ": " + ce.Reason
}

// deliverDigital gives order o its digital delivery when lines has digital items: a
// download link under baseURL (a placeholder: the sandbox seller serves no downloads)
// and a random license key, made once when the order is (a replayed complete returns
// the stored order, so the same ones): nothing a person who only knows the order id
// could work out. The order then goes through the seller's
// schedule like any other (its shipped and delivered events keep this delivery after
// the shipment).
func deliverDigital(o *acp.Order, lines []line, baseURL string) {
	digital := false
	for _, l := range lines {
		digital = digital || l.item.Digital
	}
	if !digital {
		return
	}
	var h [10]byte
	rand.Read(h[:]) // never fails (crypto/rand)
	k := strings.ToUpper(hex.EncodeToString(h[:]))
	key := k[0:5] + "-" + k[5:10] + "-" + k[10:15] + "-" + k[15:20]
	o.Fulfillments = append(o.Fulfillments, acp.Fulfillment{ID: "ful_digital", Type: acp.FulfillmentDigital, Status: acp.OrderStatusDelivered,
		DeliveryURL: baseURL + "/downloads/" + o.ID, LicenseKey: key})
}
