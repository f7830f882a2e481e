package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// standingNamedAsk is true for a row of order_cancellations c (joined with its order
// o) when o's purchase holds an ask made under c (AskCancel) that still stands.
const standingNamedAsk = `EXISTS (SELECT 1 FROM purchase_events a WHERE a.purchase_id = o.purchase_id
	AND a.step = 'cancel_asked' AND substr(a.detail, 1, length('ask_' || c.id || '_')) = 'ask_' || c.id || '_'
	AND NOT EXISTS (SELECT 1 FROM purchase_events w WHERE w.purchase_id = a.purchase_id AND w.step = 'cancel_withdrawn'
		AND w.detail = a.detail AND w.seq > a.seq))`

// WithdrawDeadAsks withdraws the asks to cancel (AskCancel) that no call will ever
// withdraw, each as the call that made it would have, and returns how many it
// withdrew:
//   - every ask a lapsed confirmation carries (a quoted request past its expiry,
//     lapsed after lapsedSince: older ones were settled by the runs since), as a
//     declined confirmation's: whatever became of the purchase;
//   - every ask made under a claimed request whose claim is stale (last kept fresh
//     before staleBefore: its call died) and whose purchase ended charged_no_order
//     (the seller has no order), as a refused cancel's (WithdrawCancelAsks with
//     keepIfCompleted): a completed purchase keeps them (true: the person asked
//     before the order), a failed one has nothing left they could change, and a
//     pending one is waited for (its seller may complete it still: recovery asks);
//   - every ask named for no request on a purchase that is still charged_no_order,
//     recorded before staleBefore, as a refused charged_no_order cancel's: its call
//     re-asks the seller for a bounded time, far shorter than the claim rule, and
//     then withdraws it or finds the purchase completed.
//
// Each is decided in its own transaction that reads again what it is decided on, so
// that servers racing record one withdrawal, and a call taking a request over
// (ClaimCancellation, which freshens the claim) is never undone by it.
func (s *Store) WithdrawDeadAsks(ctx context.Context, staleBefore, lapsedSince time.Time) (int, error) {
	now := encodeTime(s.now())
	type request struct{ orderID, id string }
	var lapsed, stale []request
	for _, q := range []struct {
		into  *[]request
		where string
		args  []any
	}{
		{&lapsed, `c.state = 'quoted' AND c.expires_at <= ? AND c.expires_at > ?`, []any{now, encodeTime(lapsedSince)}},
		{&stale, `c.state = 'requested' AND c.updated_at < ?`, []any{encodeTime(staleBefore)}},
	} {
		rows, err := s.db.QueryContext(ctx, `SELECT c.order_id, c.id FROM order_cancellations c JOIN orders o ON o.id = c.order_id
			WHERE `+q.where+` AND `+standingNamedAsk, q.args...)
		if err != nil {
			return 0, fmt.Errorf("dead cancel asks: %w", err)
		}
		for rows.Next() {
			var r request
			if err := rows.Scan(&r.orderID, &r.id); err != nil {
				rows.Close()
				return 0, fmt.Errorf("dead cancel asks: %w", err)
			}
			*q.into = append(*q.into, r)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return 0, fmt.Errorf("dead cancel asks: %w", err)
		}
	}
	type ask struct{ purchaseID, name string }
	var unnamed []ask
	rows, err := s.db.QueryContext(ctx, `SELECT a.purchase_id, a.detail FROM purchases p JOIN purchase_events a ON a.purchase_id = p.id
		WHERE p.state = 'charged_no_order' AND a.step = 'cancel_asked' AND a.at < ? AND a.detail NOT LIKE 'ask\_%\_%' ESCAPE '\'
		AND NOT EXISTS (SELECT 1 FROM purchase_events w WHERE w.purchase_id = a.purchase_id AND w.step = 'cancel_withdrawn'
			AND w.detail = a.detail AND w.seq > a.seq)`, encodeTime(staleBefore))
	if err != nil {
		return 0, fmt.Errorf("dead cancel asks: %w", err)
	}
	for rows.Next() {
		var a ask
		if err := rows.Scan(&a.purchaseID, &a.name); err != nil {
			rows.Close()
			return 0, fmt.Errorf("dead cancel asks: %w", err)
		}
		unnamed = append(unnamed, a)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return 0, fmt.Errorf("dead cancel asks: %w", err)
	}

	n := 0
	var errs []error
	withdraw := func(fn func(tx *sql.Tx) (int, error)) {
		k := 0
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			var err error
			k, err = fn(tx)
			return err
		})
		if err == nil {
			n += k
		}
		errs = append(errs, err)
	}
	for _, r := range lapsed {
		withdraw(func(tx *sql.Tx) (int, error) { return s.withdrawLapsedTx(ctx, tx, r.orderID, r.id) })
	}
	for _, r := range stale {
		withdraw(func(tx *sql.Tx) (int, error) {
			c, purchaseID, err := s.requestNow(ctx, tx, r.orderID, r.id)
			if err != nil || c.State != CancelRequested || !c.UpdatedAt.Before(staleBefore) {
				return 0, err
			}
			var state PurchaseState
			if err := tx.QueryRowContext(ctx, `SELECT state FROM purchases WHERE id = ?`, purchaseID).Scan(&state); err != nil {
				return 0, fmt.Errorf("dead cancel asks: %w", err)
			}
			if state != PurchaseChargedNoOrder {
				// Completed: the asks are true, kept. Failed: they can change
				// nothing. Pending: the seller was not asked yet whether it
				// completed (recovery asks only RecoverAfter on, and the seller may
				// complete it still); wait until it ends one of the three.
				return 0, nil
			}
			return s.withdrawAsksTx(ctx, tx, purchaseID, c.ID)
		})
	}
	for _, a := range unnamed {
		withdraw(func(tx *sql.Tx) (int, error) {
			var state PurchaseState
			if err := tx.QueryRowContext(ctx, `SELECT state FROM purchases WHERE id = ?`, a.purchaseID).Scan(&state); err != nil {
				return 0, fmt.Errorf("dead cancel asks: %w", err)
			}
			if state != PurchaseChargedNoOrder {
				return 0, nil
			}
			if stands, err := askStands(ctx, tx, a.purchaseID, a.name); err != nil || !stands {
				return 0, err
			}
			return 1, s.appendEvent(ctx, tx, a.purchaseID, StepCancelWithdrawn, a.name)
		})
	}
	return n, errors.Join(errs...)
}

// WithdrawLapsedAsks withdraws the asks that the customer's request id to cancel
// order orderID carries once it is a quote that lapsed unconfirmed, as
// WithdrawDeadAsks does for every such request, and returns how many it withdrew: for
// a call that meets the quote lapsed (a dialog answered too late). A request that is
// not the customer's, not that quote any more, or not lapsed yet is left as it is.
func (s *Store) WithdrawLapsedAsks(ctx context.Context, customerID, orderID, id string) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.cancellationWhere(ctx, tx, `order_id = ? AND id = ? AND customer_id = ?`, orderID, id, customerID); err != nil {
			if errors.Is(err, ErrNotFound) {
				return nil
			}
			return err
		}
		var err error
		n, err = s.withdrawLapsedTx(ctx, tx, orderID, id)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// withdrawLapsedTx withdraws, in tx, the asks made under request id of order orderID
// when it is still a quote past its expiry.
func (s *Store) withdrawLapsedTx(ctx context.Context, tx *sql.Tx, orderID, id string) (int, error) {
	c, purchaseID, err := s.requestNow(ctx, tx, orderID, id)
	if err != nil || c.State != CancelQuoted || s.now().Before(c.ExpiresAt) {
		return 0, err
	}
	return s.withdrawAsksTx(ctx, tx, purchaseID, c.ID)
}

// requestNow reads, in tx, order orderID's request to cancel as it is now, and the
// order's purchase; a zero Cancellation when the request is no longer request id
// (replaced by a new quote).
func (s *Store) requestNow(ctx context.Context, tx *sql.Tx, orderID, id string) (Cancellation, string, error) {
	c, err := s.cancellationWhere(ctx, tx, `order_id = ? AND id = ?`, orderID, id)
	if errors.Is(err, ErrNotFound) {
		return Cancellation{}, "", nil
	}
	if err != nil {
		return Cancellation{}, "", err
	}
	purchaseID, err := orderPurchase(ctx, tx, orderID)
	return c, purchaseID, err
}
