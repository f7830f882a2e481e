package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ChoicesChange is a change of a subscription's choices waiting for the person's
// confirmation (migrations/0037): the choices asked for and the seller's total per
// cycle for them, which becomes the subscription's agreed Amount once applied.
type ChoicesChange struct {
	QuoteID        string
	SubscriptionID string
	CustomerID     string
	Choices        Choices
	Amount         int64
	Currency       string
	// Subtotal, Shipping and Tax are Amount's parts as the seller quoted them.
	Subtotal, Shipping, Tax int64
	CreatedAt               time.Time
	ExpiresAt               time.Time
	AppliedAt               time.Time // zero until confirmed
	// ConfirmVia is how the person confirms it (migrations/0038): "elicitation" in
	// the client's dialog, else "quote_id" (the default) by its quote_id.
	ConfirmVia string
	DeclinedAt time.Time // when the person declined the dialog; zero otherwise
}

// CreateChoicesChange records change c of the customer's subscription, unconfirmed;
// another customer's subscription is ErrNotFound.
func (s *Store) CreateChoicesChange(ctx context.Context, c *ChoicesChange) error {
	if c.QuoteID == "" {
		c.QuoteID = NewID("qc_")
	}
	c.CreatedAt = s.now()
	if c.ConfirmVia == "" {
		c.ConfirmVia = viaQuoteID
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO subscription_changes (quote_id, subscription_id, customer_id, choices,
		amount, currency, subtotal, shipping, tax, created_at, expires_at, confirm_via)
		SELECT ?, id, customer_id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM subscriptions WHERE id = ? AND customer_id = ?`,
		c.QuoteID, c.Choices.Key(), c.Amount, c.Currency, c.Subtotal, c.Shipping, c.Tax, encodeTime(c.CreatedAt),
		encodeTime(c.ExpiresAt), c.ConfirmVia, c.SubscriptionID, c.CustomerID)
	if err != nil {
		return fmt.Errorf("create subscription change: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("create subscription change: %w", err)
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

// ChoicesChangeByQuote returns the customer's change quoteID; another
// customer's, or none, is ErrNotFound.
func (s *Store) ChoicesChangeByQuote(ctx context.Context, customerID, quoteID string) (ChoicesChange, error) {
	return choicesChangeIn(ctx, s.db, customerID, quoteID)
}

func choicesChangeIn(ctx context.Context, q querier, customerID, quoteID string) (ChoicesChange, error) {
	var (
		c                                 ChoicesChange
		choices, cr, exp, appld, declined string
	)
	err := q.QueryRowContext(ctx, `SELECT quote_id, subscription_id, customer_id, choices, amount, currency, subtotal,
		shipping, tax, created_at, expires_at, applied_at, confirm_via, declined_at FROM subscription_changes
		WHERE quote_id = ? AND customer_id = ?`,
		quoteID, customerID).Scan(&c.QuoteID, &c.SubscriptionID, &c.CustomerID, &choices, &c.Amount, &c.Currency,
		&c.Subtotal, &c.Shipping, &c.Tax, &cr, &exp, &appld, &c.ConfirmVia, &declined)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("subscription change: %w", err)
	}
	if c.Choices, err = ParseChoices(choices); err != nil {
		return c, err
	}
	return c, decodeTimes([]string{cr, exp, appld, declined}, &c.CreatedAt, &c.ExpiresAt, &c.AppliedAt, &c.DeclinedAt)
}

// viaQuoteID is checkout.ViaQuoteID, the way of confirming that rows written before
// migrations/0038 have.
const viaQuoteID = "quote_id"

// OfferChoicesChangeQuoteID lets the customer's change quoteID, waiting for a dialog's
// answer, be confirmed by its quote_id instead (the person left the dialog's box
// unticked, or no answer came). ErrNotFound for another customer's change or none;
// ErrStateChanged, with nothing changed, once it was applied or declined.
func (s *Store) OfferChoicesChangeQuoteID(ctx context.Context, customerID, quoteID string) error {
	return s.endChoicesChange(ctx, customerID, quoteID, `confirm_via = ?`, viaQuoteID)
}

// DeclineChoicesChange records that the person declined the customer's change
// quoteID: it never applies. ErrNotFound and ErrStateChanged as for
// OfferChoicesChangeQuoteID.
func (s *Store) DeclineChoicesChange(ctx context.Context, customerID, quoteID string) error {
	return s.endChoicesChange(ctx, customerID, quoteID, `declined_at = ?`, encodeTime(s.now()))
}

func (s *Store) endChoicesChange(ctx context.Context, customerID, quoteID, set string, arg any) error {
	res, err := s.db.ExecContext(ctx, `UPDATE subscription_changes SET `+set+`
		WHERE quote_id = ? AND customer_id = ? AND applied_at = '' AND declined_at = ''`, arg, quoteID, customerID)
	if err != nil {
		return fmt.Errorf("subscription change: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("subscription change: %w", err)
	} else if n == 1 {
		return nil
	}
	if _, err := s.ChoicesChangeByQuote(ctx, customerID, quoteID); err != nil {
		return err
	}
	return ErrStateChanged
}

// ApplyChoicesChange confirms the customer's change quoteID, in one transaction:
// its subscription takes its choices and its amount as the agreed price (what its
// last cycle charged is cleared when the price changes, as UpdateSubscription does),
// and the change is marked applied, so it applies once. It returns the change as it
// was read and, when a renewal attempt of the subscription was running as it applied,
// that attempt's cycle: it goes on with the terms it started with (Cycle.Terms), and
// the change is for the attempts that start after it. ErrNotFound for another
// customer's change or none; ErrStateChanged, with nothing changed, when the change
// was applied before or declined, or its subscription is no longer active or paused,
// or a renewal attempt of it started before its terms were recorded (migrations/0039)
// is running (its purchase is begun with the subscription's choices: changing them
// under it would make that renewal another's).
func (s *Store) ApplyChoicesChange(ctx context.Context, customerID, quoteID string) (ChoicesChange, *Cycle, error) {
	var (
		c       ChoicesChange
		running *Cycle
	)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = choicesChangeIn(ctx, tx, customerID, quoteID); err != nil {
			return err
		}
		if !c.AppliedAt.IsZero() || !c.DeclinedAt.IsZero() {
			return ErrStateChanged
		}
		var open sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT open_cycle FROM subscriptions WHERE id = ? AND customer_id = ?`,
			c.SubscriptionID, customerID).Scan(&open); err != nil {
			return err
		}
		if open.Valid {
			k, err := cycleIn(ctx, tx, c.SubscriptionID, int(open.Int64))
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if err == nil && k.State == CycleRunning {
				if k.Terms == nil {
					return ErrStateChanged
				}
				running = &k
			}
		}
		now := encodeTime(s.now())
		res, err := tx.ExecContext(ctx, `UPDATE subscriptions SET choices = ?,
			charged = CASE WHEN amount = ? AND currency = ? THEN charged ELSE 0 END,
			amount = ?, currency = ?, subtotal = ?, shipping = ?, tax = ?, updated_at = ?
			WHERE id = ? AND customer_id = ? AND state IN (?, ?) AND NOT EXISTS (SELECT 1 FROM subscription_cycles k
				WHERE k.subscription_id = subscriptions.id AND k.cycle = subscriptions.open_cycle AND k.state = ? AND k.amount IS NULL)`,
			c.Choices.Key(), c.Amount, c.Currency, c.Amount, c.Currency, c.Subtotal, c.Shipping, c.Tax, now,
			c.SubscriptionID, customerID, SubscriptionActive, SubscriptionPaused, CycleRunning)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrStateChanged
		}
		_, err = tx.ExecContext(ctx, `UPDATE subscription_changes SET applied_at = ? WHERE quote_id = ? AND declined_at = ''`, now, quoteID)
		return err
	})
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrStateChanged) {
		return c, nil, fmt.Errorf("apply subscription change: %w", err)
	}
	if err != nil {
		running = nil
	}
	return c, running, err
}
