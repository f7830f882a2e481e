package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseCycleKey reads the attempt a renewal purchase's key (CycleKey) names; ok is
// false for a key that is not a renewal's.
func ParseCycleKey(key string) (r Renewing, ok bool) {
	rest, found := strings.CutPrefix(key, RenewalKeyPrefix)
	if !found {
		return Renewing{}, false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[0] == "" {
		return Renewing{}, false
	}
	cycle, err1 := strconv.Atoi(parts[1])
	attempt, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || cycle < 0 || attempt < 0 {
		return Renewing{}, false
	}
	return Renewing{SubscriptionID: parts[0], Cycle: cycle, Attempt: attempt}, true
}

// LateRenewal is a renewal attempt whose purchase ended charged_no_order and whose
// seller shows the order after all: the cycle was paid.
type LateRenewal struct {
	Renewing
	// NextDueAt is when cycle+1 falls due, as a paid renewal sets it (EndCycle).
	NextDueAt time.Time
	// PauseCode is the failure code with which the attempt's charged_no_order ended
	// its cycle and paused the subscription.
	PauseCode string
	// PaidPauseCode and PaidPauseParams replace PauseCode and its params on a
	// subscription this attempt paused that stays paused (not resumed): its cycle is
	// paid now, and the pause says so ("" leaves them).
	PaidPauseCode, PaidPauseParams string
	// KeptPauseParams replace PaidPauseParams when the subscription stays paused
	// because the person asked to cancel this renewal's order (LateKeptPaused).
	KeptPauseParams string
	// MayResume is false when what shows the order also says it is canceled or
	// refunded: the cycle is recorded paid (the seller did charge) but a subscription
	// this attempt paused stays paused.
	MayResume bool
	// PausedSince: a subscription this attempt paused is resumed only when the attempt
	// ended its cycle at or after it (a late order long after the pause leaves the
	// resuming to the person).
	PausedSince time.Time
}

// LateRenewalEnd is what completing a late renewal did to its subscription.
type LateRenewalEnd string

// Late renewal ends.
const (
	// LateResumed: the subscription was paused by this attempt's failure and nothing
	// else since: its cycle is paid, it is active again, next due at NextDueAt.
	LateResumed LateRenewalEnd = "resumed"
	// LateCyclePaid: the cycle is recorded paid and the subscription's next cycle
	// moved on (due at NextDueAt) as a paid renewal does, but its state (paused by
	// the person or for another reason, or canceled, or active) is left as it is.
	LateCyclePaid LateRenewalEnd = "cycle_paid"
	// LateCycleOnly: the cycle is recorded paid; the subscription had already moved
	// past it (a later cycle was claimed after a resume), so it is left as it is.
	LateCycleOnly LateRenewalEnd = "cycle_paid_subscription_moved_on"
	// LateKeptPaused: the cycle is recorded paid and the subscription's next cycle
	// moved on, as for LateResumed, but the subscription stays paused: the person had
	// asked to cancel this renewal's order (StepCancelAsked) before the seller showed
	// it.
	LateKeptPaused LateRenewalEnd = "cycle_paid_kept_paused_cancel_asked"
	// LateUntouched: the cycle is not this attempt's to record: it was paid (by this
	// attempt already, or by a later one) or a later attempt running after a resume
	// has been approved (it may charge). Only the purchase completes.
	LateUntouched LateRenewalEnd = "cycle_untouched"
)

// StepCancelAsked is the journal step recording that the person asked cancel_order
// about a purchase's order before its seller completed it or while it was
// charged_no_order. A renewal's purchase so marked never resumes its subscription when
// its seller shows the order late (LateKeptPaused): the person asking to cancel the
// renewal's order is no wish to renew. The mark is durable, so a late order shown to
// any process after it (recovery, get_order, an order event) sees it; one shown
// before it was recorded resumed the subscription before the person asked. Its detail
// names the ask (AskCancel), so that a withdrawal undoes that ask and no other.
const StepCancelAsked = "cancel_asked"

// StepCancelWithdrawn undoes the StepCancelAsked before it with the same detail: the
// cancel_order that recorded it was refused without canceling, or the person declined
// the refund it asked to confirm, so that ask no longer keeps a late renewal paused.
// Another ask, made by a cancel racing it, stands. (Journals from before asks were
// named hold an empty detail on both: the last of the two counts, as then.)
const StepCancelWithdrawn = "cancel_withdrawn"

// cancelAskedQuery is whether purchase ?'s journal holds an ask not withdrawn since:
// a StepCancelAsked line with no later StepCancelWithdrawn line of the same ask. The
// one reading of the mark: CancelAsked and the late renewal's completion
// (payLateCycle) both use it.
const cancelAskedQuery = `SELECT EXISTS (SELECT 1 FROM purchase_events a WHERE a.purchase_id = ? AND a.step = 'cancel_asked'
	AND NOT EXISTS (SELECT 1 FROM purchase_events w WHERE w.purchase_id = a.purchase_id AND w.step = 'cancel_withdrawn'
		AND w.detail = a.detail AND w.seq > a.seq))`

func cancelAsked(ctx context.Context, q querier, purchaseID string) (bool, error) {
	var asked bool
	if err := q.QueryRowContext(ctx, cancelAskedQuery, purchaseID).Scan(&asked); err != nil {
		return false, fmt.Errorf("cancel asked: %w", err)
	}
	return asked, nil
}

// CancelAsked says whether the person's ask to cancel purchase purchaseID's order
// (StepCancelAsked) stands: some ask was not withdrawn since.
func (s *Store) CancelAsked(ctx context.Context, purchaseID string) (bool, error) {
	return cancelAsked(ctx, s.db, purchaseID)
}

// AskCancel journals a new ask to cancel purchase purchaseID's order
// (StepCancelAsked) and returns its name, for WithdrawCancelAsk. An ask made under
// claimed cancellation cancellationID (the order_cancellations row, whose id stays
// the same when a stale claim is taken over) is named for it, so that
// WithdrawCancelAsks can withdraw the asks of every attempt at it, one that died
// included; with cancellationID "" the ask is named for nothing else.
func (s *Store) AskCancel(ctx context.Context, purchaseID, cancellationID string) (string, error) {
	ask := NewID("ask_")
	if cancellationID != "" {
		ask = NewID(askPrefix(cancellationID))
	}
	if err := s.appendEvent(ctx, s.db, purchaseID, StepCancelAsked, ask); err != nil {
		return "", err
	}
	return ask, nil
}

// askPrefix begins the name of every ask made under cancellation cancellationID.
// An ask named for no cancellation ("ask_" and random letters and digits, no "_")
// never begins with it.
func askPrefix(cancellationID string) string { return "ask_" + cancellationID + "_" }

// WithdrawCancelAsk journals the withdrawal of ask (StepCancelWithdrawn), an ask
// AskCancel made for purchase purchaseID, and reports whether it did. With
// keepIfCompleted it does not once the purchase has completed (checked in the same
// transaction): its seller showed the order meanwhile, so the ask may already have
// kept a late renewal paused, and it tells that the person asked before the order.
// An empty ask (none made) withdraws nothing.
func (s *Store) WithdrawCancelAsk(ctx context.Context, purchaseID, ask string, keepIfCompleted bool) (bool, error) {
	if ask == "" {
		return false, nil
	}
	withdrawn := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if kept, err := keptAsCompleted(ctx, tx, purchaseID, keepIfCompleted); err != nil || kept {
			return err
		}
		withdrawn = true
		return s.appendEvent(ctx, tx, purchaseID, StepCancelWithdrawn, ask)
	})
	if err != nil {
		return false, err
	}
	return withdrawn, nil
}

// WithdrawCancelAsks withdraws, in one transaction, every ask made under cancellation
// cancellationID of purchase purchaseID (AskCancel) that still stands: this attempt's,
// and one an earlier attempt at the same cancellation recorded before it died or
// failed. It reports false, withdrawing none, when keepIfCompleted and the purchase
// has completed (as WithdrawCancelAsk); true otherwise, also when none stood. Asks
// named for no cancellation, or another, are left as they are.
func (s *Store) WithdrawCancelAsks(ctx context.Context, purchaseID, cancellationID string, keepIfCompleted bool) (bool, error) {
	if cancellationID == "" {
		return false, fmt.Errorf("%w: withdraw cancel asks needs a cancellation", ErrInvalid)
	}
	withdrawn := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if kept, err := keptAsCompleted(ctx, tx, purchaseID, keepIfCompleted); err != nil || kept {
			return err
		}
		withdrawn = true
		_, err := s.withdrawAsksTx(ctx, tx, purchaseID, cancellationID)
		return err
	})
	if err != nil {
		return false, err
	}
	return withdrawn, nil
}

// withdrawAsksTx withdraws, in tx, every ask of purchase purchaseID made under
// cancellation cancellationID that still stands, and returns how many it withdrew.
func (s *Store) withdrawAsksTx(ctx context.Context, tx *sql.Tx, purchaseID, cancellationID string) (int, error) {
	prefix := askPrefix(cancellationID)
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT a.detail FROM purchase_events a WHERE a.purchase_id = ?
		AND a.step = 'cancel_asked' AND substr(a.detail, 1, length(?)) = ?
		AND NOT EXISTS (SELECT 1 FROM purchase_events w WHERE w.purchase_id = a.purchase_id AND w.step = 'cancel_withdrawn'
			AND w.detail = a.detail AND w.seq > a.seq)`, purchaseID, prefix, prefix)
	if err != nil {
		return 0, fmt.Errorf("withdraw cancel asks: %w", err)
	}
	asks, err := scanStrings(rows)
	if err != nil {
		return 0, fmt.Errorf("withdraw cancel asks: %w", err)
	}
	for _, ask := range asks {
		if err := s.appendEvent(ctx, tx, purchaseID, StepCancelWithdrawn, ask); err != nil {
			return 0, err
		}
	}
	return len(asks), nil
}

// scanStrings reads rows of one text column, and closes them.
func scanStrings(rows *sql.Rows) ([]string, error) {
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, v)
	}
	return out, errors.Join(rows.Err(), rows.Close())
}

// askStands says whether ask (AskCancel) of purchase purchaseID stands: recorded and
// not withdrawn since.
func askStands(ctx context.Context, q querier, purchaseID, ask string) (bool, error) {
	var stands bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM purchase_events a WHERE a.purchase_id = ? AND a.step = 'cancel_asked'
		AND a.detail = ? AND NOT EXISTS (SELECT 1 FROM purchase_events w WHERE w.purchase_id = a.purchase_id
			AND w.step = 'cancel_withdrawn' AND w.detail = a.detail AND w.seq > a.seq))`, purchaseID, ask).Scan(&stands)
	if err != nil {
		return false, fmt.Errorf("cancel ask: %w", err)
	}
	return stands, nil
}

// moveAskTx names ask (AskCancel) of purchase purchaseID for cancellation
// cancellationID, in tx: a new ask so named is recorded and ask withdrawn, so that one
// ask stands throughout, and the new name is returned. An ask that no longer stands
// (or none) moves nowhere: "".
func (s *Store) moveAskTx(ctx context.Context, tx *sql.Tx, purchaseID, ask, cancellationID string) (string, error) {
	if ask == "" {
		return "", nil
	}
	if stands, err := askStands(ctx, tx, purchaseID, ask); err != nil || !stands {
		return "", err
	}
	named := NewID(askPrefix(cancellationID))
	if err := s.appendEvent(ctx, tx, purchaseID, StepCancelAsked, named); err != nil {
		return "", err
	}
	if err := s.appendEvent(ctx, tx, purchaseID, StepCancelWithdrawn, ask); err != nil {
		return "", err
	}
	return named, nil
}

// keptAsCompleted says whether, with keepIfCompleted, an ask is kept: purchase
// purchaseID has completed (read in tx, with the withdrawal).
func keptAsCompleted(ctx context.Context, tx *sql.Tx, purchaseID string, keepIfCompleted bool) (bool, error) {
	if !keepIfCompleted {
		return false, nil
	}
	var state PurchaseState
	if err := tx.QueryRowContext(ctx, `SELECT state FROM purchases WHERE id = ?`, purchaseID).Scan(&state); err != nil {
		return false, fmt.Errorf("withdraw cancel ask: %w", err)
	}
	return state == PurchaseCompleted, nil
}

// CompleteChargedNoOrderRenewal is CompleteChargedNoOrder for a renewal's purchase p
// (attempt r): in the same transaction the cycle is recorded paid with p's order and
// the subscription put back as if the renewal had succeeded (see LateRenewalEnd),
// and the journal says which. Whether the renewal recorded the attempt's end before
// this (cycle failed, subscription paused) or not yet (cycle running: the renewal's
// own EndCycle then finds it recorded), the result is the same. ErrStateChanged when
// p is no longer charged_no_order: another call completed it, with its cycle.
func (s *Store) CompleteChargedNoOrderRenewal(ctx context.Context, p *Purchase, r LateRenewal) (LateRenewalEnd, error) {
	var end LateRenewalEnd
	err := s.complete(ctx, p, PurchaseChargedNoOrder, chargedNoOrderCompleted, func(tx *sql.Tx) error {
		var err error
		if end, err = s.payLateCycle(ctx, tx, p, r); err != nil {
			return fmt.Errorf("complete late renewal: %w", err)
		}
		return s.appendEvent(ctx, tx, p.ID, "renewal_paid", fmt.Sprintf("subscription %s cycle %d attempt %d: %s",
			r.SubscriptionID, r.Cycle, r.Attempt, end))
	})
	return end, err
}

func (s *Store) payLateCycle(ctx context.Context, tx *sql.Tx, p *Purchase, r LateRenewal) (LateRenewalEnd, error) {
	c, err := cycleIn(ctx, tx, r.SubscriptionID, r.Cycle)
	if errors.Is(err, sql.ErrNoRows) {
		return LateUntouched, nil
	}
	if err != nil {
		return "", err
	}
	switch {
	case c.State == CycleFailed || c.State == CycleRetry:
		// Failed (paused) or waiting for a retry after a resume: the retry must not
		// charge the cycle again.
	case c.State == CycleRunning && c.Attempt == r.Attempt:
	case c.State == CycleRunning:
		// A later attempt after a resume: recorded paid here only while that attempt
		// has not been approved (ApproveRenewal then refuses it: renewal_stopped,
		// nothing charged); once approved it may charge, and its end is its own.
		approved, err := attemptApproved(ctx, tx, p.CustomerID, CycleKey(r.SubscriptionID, r.Cycle, c.Attempt))
		if err != nil || approved {
			return LateUntouched, err
		}
	default:
		return LateUntouched, nil
	}
	u, err := s.subscriptionWhere(ctx, tx, `id = ? AND customer_id = ?`, r.SubscriptionID, p.CustomerID)
	if err != nil {
		return "", err
	}
	now := encodeTime(s.now())
	if _, err := tx.ExecContext(ctx, `UPDATE subscription_cycles SET state = 'paid', order_id = ?, failure_code = '',
		retry_at = '', updated_at = ? WHERE subscription_id = ? AND cycle = ?`, p.OrderID, now, r.SubscriptionID, r.Cycle); err != nil {
		return "", err
	}
	// A renewal that stepped over missed cycles claimed a cycle past next_cycle: paid,
	// the subscription's next cycle is the one after it.
	if u.NextCycle > r.Cycle || u.OpenCycle >= 0 && u.OpenCycle != r.Cycle {
		return LateCycleOnly, nil
	}
	// This attempt's failure paused the subscription, and nothing has changed it since
	// (a resume reopens the cycle at a later attempt; a person's pause or a cancel
	// changes its state or code) — and what shows the order does not say it is
	// canceled, and it came soon enough after the pause.
	resume := r.MayResume && c.State == CycleFailed && c.Attempt == r.Attempt && c.FailureCode == r.PauseCode &&
		!c.UpdatedAt.Before(r.PausedSince) && u.State == SubscriptionPaused && u.PauseCode == r.PauseCode
	keptPaused := false
	if resume {
		// Read in the same transaction as the resume: a cancel_order recorded before
		// it is seen.
		asked, err := cancelAsked(ctx, tx, p.ID)
		if err != nil {
			return "", err
		}
		keptPaused = asked
		resume = !keptPaused
	}
	// Kept paused by this charged_no_order: the pause now says the cycle was paid.
	repaint := !resume && r.PaidPauseCode != "" && u.State == SubscriptionPaused && u.PauseCode == r.PauseCode
	paidParams := r.PaidPauseParams
	if keptPaused && r.KeptPauseParams != "" {
		paidParams = r.KeptPauseParams
	}
	if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET open_cycle = NULL, next_cycle = ?, next_due_at = ?,
		state = CASE WHEN ? THEN 'active' ELSE state END,
		pause_code = CASE WHEN ? THEN '' WHEN ? THEN ? ELSE pause_code END,
		pause_params = CASE WHEN ? THEN '{}' WHEN ? THEN ? ELSE pause_params END,
		charged = CASE WHEN currency = ? AND ? <= amount THEN ? ELSE charged END,
		updated_at = ? WHERE id = ?`,
		r.Cycle+1, encodeTime(r.NextDueAt), resume, resume, repaint, r.PaidPauseCode, resume, repaint, paidParams,
		p.Currency, p.Total, p.Total, now, r.SubscriptionID); err != nil {
		return "", err
	}
	switch {
	case resume:
		return LateResumed, nil
	case keptPaused:
		return LateKeptPaused, nil
	}
	return LateCyclePaid, nil
}

// attemptApproved says whether the purchase under renewal key key has been approved
// (it may have been charged): false while it does not exist or is still open or
// quoted.
func attemptApproved(ctx context.Context, tx *sql.Tx, customerID, key string) (bool, error) {
	var state PurchaseState
	err := tx.QueryRowContext(ctx, `SELECT state FROM purchases WHERE customer_id = ? AND idem_key = ?`, customerID, key).Scan(&state)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	return state != PurchaseOpen && state != PurchaseQuoted, nil
}
