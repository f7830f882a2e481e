package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CancelState is where a request to cancel an order stands; see
// migrations/0008_order_cancellations.sql.
type CancelState string

// Cancellation states.
const (
	CancelQuoted    CancelState = "quoted"    // waiting for the person's confirmation
	CancelRequested CancelState = "requested" // one call is carrying it out
	CancelDone      CancelState = "done"      // Outcome says how it ended
	CancelFailed    CancelState = "failed"    // FailureCode says why; it may be requested again
)

// Cancellation outcomes.
const (
	OutcomeCanceled    = "canceled"    // stopped before the seller completed: nothing was charged
	OutcomeRefunded    = "refunded"    // the seller canceled the order and refunded it
	OutcomeUnsupported = "unsupported" // the seller takes no cancellation requests
)

// Cancellation is the person's request to cancel one order. ID is its confirmation id
// and the idempotency key of the request to the seller.
type Cancellation struct {
	ID          string
	OrderID     string
	CustomerID  string
	State       CancelState
	ConfirmVia  string
	Outcome     string
	FailureCode string
	RefundID    string
	Refunded    int64
	ExpiresAt   time.Time // when a quoted request lapses
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// Ask is, for QuoteCancellation, the person's ask to cancel (AskCancel) that the
	// call quoting recorded and that the quote carries; QuoteCancellation returns its
	// name for the quote, "" when it carries none. Not stored with the request: the
	// journal holds it (an ask named for the quote's id).
	Ask string
}

const cancellationColumns = `id, order_id, customer_id, state, confirm_via, outcome, failure_code, refund_id,
	refunded, expires_at, created_at, updated_at`

func scanCancellation(row scanner) (Cancellation, error) {
	var (
		c                   Cancellation
		exp, created, updat string
	)
	err := row.Scan(&c.ID, &c.OrderID, &c.CustomerID, &c.State, &c.ConfirmVia, &c.Outcome, &c.FailureCode,
		&c.RefundID, &c.Refunded, &exp, &created, &updat)
	if err != nil {
		return c, err
	}
	return c, decodeTimes([]string{exp, created, updat}, &c.ExpiresAt, &c.CreatedAt, &c.UpdatedAt)
}

// Cancellation returns the customer's request to cancel order orderID; ErrNotFound
// when there is none (or the order is another customer's).
func (s *Store) Cancellation(ctx context.Context, customerID, orderID string) (Cancellation, error) {
	return s.cancellationWhere(ctx, s.db, `order_id = ? AND customer_id = ?`, orderID, customerID)
}

func (s *Store) cancellationWhere(ctx context.Context, q querier, where string, args ...any) (Cancellation, error) {
	c, err := scanCancellation(q.QueryRowContext(ctx, `SELECT `+cancellationColumns+` FROM order_cancellations WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Cancellation{}, fmt.Errorf("cancellation: %w", ErrNotFound)
	}
	if err != nil {
		return Cancellation{}, fmt.Errorf("cancellation: %w", err)
	}
	return c, nil
}

// QuoteCancellation records a request to cancel c.OrderID that waits for the person's
// confirmation until c.ExpiresAt, and returns it. An earlier quote that has not
// lapsed is returned as it is (its id still confirms it); a lapsed quote or a failed
// request is replaced by the new quote, with a new id. A request in any other state
// is returned as it is, and quoted is false.
func (s *Store) QuoteCancellation(ctx context.Context, c Cancellation) (_ Cancellation, quoted bool, err error) {
	if c.OrderID == "" || c.CustomerID == "" || c.ExpiresAt.IsZero() {
		return Cancellation{}, false, fmt.Errorf("%w: a cancellation quote needs an order, a customer and an expiry", ErrInvalid)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		purchaseID, err := orderPurchase(ctx, tx, c.OrderID)
		if err != nil {
			return err
		}
		ask := c.Ask
		old, err := s.cancellationWhere(ctx, tx, `order_id = ?`, c.OrderID)
		switch {
		case err == nil && old.State == CancelQuoted && now.Before(old.ExpiresAt):
			c, quoted = old, true
			c.Ask, err = s.moveAskTx(ctx, tx, purchaseID, ask, c.ID)
			return err
		case err == nil && old.State != CancelQuoted && old.State != CancelFailed:
			c = old
			return nil
		case err == nil && old.State == CancelQuoted:
			// The quote it replaces lapsed unconfirmed: its asks end as a declined
			// confirmation's do.
			if _, err := s.withdrawAsksTx(ctx, tx, purchaseID, old.ID); err != nil {
				return err
			}
		case err != nil && !errors.Is(err, ErrNotFound):
			return err
		}
		c.ID, c.State, c.Outcome, c.FailureCode = NewID("ocx_"), CancelQuoted, "", ""
		c.CreatedAt, c.UpdatedAt = now, now
		if _, err := tx.ExecContext(ctx, `INSERT INTO order_cancellations (id, order_id, customer_id, state, confirm_via,
			expires_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)
			ON CONFLICT (order_id) DO UPDATE SET id = excluded.id, state = excluded.state, confirm_via = excluded.confirm_via,
			outcome = '', failure_code = '', expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
			c.ID, c.OrderID, c.CustomerID, c.State, c.ConfirmVia, encodeTime(c.ExpiresAt), encodeTime(now), encodeTime(now)); err != nil {
			return fmt.Errorf("quote cancellation: %w", err)
		}
		quoted = true
		c.Ask, err = s.moveAskTx(ctx, tx, purchaseID, ask, c.ID)
		return err
	})
	if err != nil {
		return Cancellation{}, false, err
	}
	return c, quoted, nil
}

// ClaimCancellation makes the caller the one that carries out the request to cancel
// order orderID, moving it to requested, and returns it. id, when not empty, must be
// the quoted request's id (the person confirmed that quote); with an empty id a new
// request is made when there is none, and a failed one is requested again. A request
// in state requested that was last updated before staleBefore (its call died) is
// claimed again. A quote past its expiry met with an empty id (the call needs no
// confirmation any more: the threshold was raised since) ends as a declined one — its
// asks withdrawn — and is replaced by a new request, with a new id, claimed by the
// caller. Otherwise the request is returned as it is with ErrStateChanged: another
// call has it, it waits for its confirmation, or it is done. ErrNotFound when id
// names no request of the order; a quote past its expiry confirmed by its id is
// ErrExpired.
func (s *Store) ClaimCancellation(ctx context.Context, customerID, orderID, id string, staleBefore time.Time) (Cancellation, error) {
	var c Cancellation
	expired := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var err error
		c, err = s.cancellationWhere(ctx, tx, `order_id = ? AND customer_id = ?`, orderID, customerID)
		switch {
		case errors.Is(err, ErrNotFound) && id == "":
			c = Cancellation{ID: NewID("ocx_"), OrderID: orderID, CustomerID: customerID, State: CancelRequested,
				CreatedAt: now, UpdatedAt: now}
			if _, err := tx.ExecContext(ctx, `INSERT INTO order_cancellations (id, order_id, customer_id, state,
				created_at, updated_at) VALUES (?,?,?,?,?,?)`, c.ID, orderID, customerID, c.State, encodeTime(now), encodeTime(now)); err != nil {
				return fmt.Errorf("claim cancellation: %w", err)
			}
			return nil
		case err != nil:
			return err
		case id != "" && id != c.ID:
			return fmt.Errorf("cancellation %q: %w", id, ErrNotFound)
		}
		switch {
		case c.State == CancelQuoted && id == "" && !now.Before(c.ExpiresAt):
			// Lapsed unconfirmed, met by a call that needs no confirmation: its asks
			// end as a declined confirmation's do, and a new request replaces it.
			purchaseID, err := orderPurchase(ctx, tx, orderID)
			if err != nil {
				return err
			}
			if _, err := s.withdrawAsksTx(ctx, tx, purchaseID, c.ID); err != nil {
				return err
			}
			c.ID, c.ConfirmVia, c.ExpiresAt, c.CreatedAt = NewID("ocx_"), "", time.Time{}, now
		case c.State == CancelQuoted && id == "":
			// Not confirmed: the caller must confirm the quote first.
			return ErrStateChanged
		case c.State == CancelQuoted && !now.Before(c.ExpiresAt):
			// Lapsed unconfirmed: refused, and its asks end as a declined
			// confirmation's do (committed with this transaction).
			expired = true
			purchaseID, err := orderPurchase(ctx, tx, orderID)
			if err != nil {
				return err
			}
			_, err = s.withdrawAsksTx(ctx, tx, purchaseID, c.ID)
			return err
		case c.State == CancelQuoted, c.State == CancelFailed:
		case c.State == CancelRequested && c.UpdatedAt.Before(staleBefore):
		default:
			return ErrStateChanged
		}
		c.State, c.FailureCode, c.UpdatedAt = CancelRequested, "", now
		if _, err := tx.ExecContext(ctx, `UPDATE order_cancellations SET id = ?, state = ?, confirm_via = ?, failure_code = '',
			expires_at = ?, created_at = ?, updated_at = ? WHERE order_id = ?`, c.ID, c.State, c.ConfirmVia,
			encodeTimeOrEmpty(c.ExpiresAt), encodeTime(c.CreatedAt), encodeTime(now), orderID); err != nil {
			return fmt.Errorf("claim cancellation: %w", err)
		}
		return nil
	})
	if err == nil && expired {
		err = ErrExpired
	}
	return c, err
}

// orderPurchase returns the id of order orderID's purchase.
func orderPurchase(ctx context.Context, q querier, orderID string) (string, error) {
	var id string
	if err := q.QueryRowContext(ctx, `SELECT purchase_id FROM orders WHERE id = ?`, orderID).Scan(&id); err != nil {
		return "", fmt.Errorf("order %s purchase: %w", orderID, err)
	}
	return id, nil
}

// TouchCancellation keeps the claim on request id (of order orderID) fresh: its call
// is alive, so neither a new call (ClaimCancellation) nor recovery (WithdrawDeadAsks)
// may take it for dead. A request no longer requested is left as it is.
func (s *Store) TouchCancellation(ctx context.Context, orderID, id string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE order_cancellations SET updated_at = ? WHERE order_id = ? AND id = ? AND state = ?`,
		encodeTime(s.now()), orderID, id, CancelRequested); err != nil {
		return fmt.Errorf("touch cancellation: %w", err)
	}
	return nil
}

// ErrExpired means a quote was confirmed after it lapsed.
var ErrExpired = errors.New("expired")

// FinishCancellation records how the request c, which the caller claimed, ended:
// c.State (done or failed) with c.Outcome or c.FailureCode, and the refund.
func (s *Store) FinishCancellation(ctx context.Context, c *Cancellation) error {
	if c.State != CancelDone && c.State != CancelFailed {
		return fmt.Errorf("%w: a cancellation finishes done or failed", ErrInvalid)
	}
	c.UpdatedAt = s.now()
	res, err := s.db.ExecContext(ctx, `UPDATE order_cancellations SET state = ?, outcome = ?, failure_code = ?,
		refund_id = ?, refunded = ?, updated_at = ? WHERE order_id = ? AND id = ? AND state = ?`,
		c.State, c.Outcome, c.FailureCode, c.RefundID, c.Refunded, encodeTime(c.UpdatedAt), c.OrderID, c.ID, CancelRequested)
	if err != nil {
		return fmt.Errorf("finish cancellation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrStateChanged
	}
	return nil
}

// OfferCancellationByID makes the quoted request to cancel order orderID one to confirm
// by its id (quote_id) instead of in a dialog, keeping its id and expiry, and returns
// it; a request no longer quoted is returned as it is.
func (s *Store) OfferCancellationByID(ctx context.Context, customerID, orderID, via string) (Cancellation, error) {
	var c Cancellation
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = s.cancellationWhere(ctx, tx, `order_id = ? AND customer_id = ?`, orderID, customerID); err != nil {
			return err
		}
		if c.State != CancelQuoted || c.ConfirmVia == via {
			return nil
		}
		c.ConfirmVia, c.UpdatedAt = via, s.now()
		_, err = tx.ExecContext(ctx, `UPDATE order_cancellations SET confirm_via = ?, updated_at = ? WHERE order_id = ?`,
			via, encodeTime(c.UpdatedAt), orderID)
		return err
	})
	return c, err
}
