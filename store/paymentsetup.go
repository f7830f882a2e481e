package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// PaymentSetup is a person adding a payment method on a Stripe-hosted page (a Checkout
// Session in setup mode). The card never passes through the server: when the session
// completes, only the resulting payment method is put on file.
type PaymentSetup struct {
	ID              string // "pset_…"; the model's setup_id
	CustomerID      string
	SessionID       string // Stripe's Checkout Session id, cs_…
	URL             string // the page the person opens; whoever holds it can add a card, so never log it
	Status          SetupStatus
	PaymentMethodID string // the method put on file, once complete
	CreatedAt       time.Time
	ExpiresAt       time.Time // when Stripe expires the session
	CompletedAt     time.Time // zero until complete
	// Refused says why a card saved on the page was not added, once Status is
	// SetupRefused: the card (CardID, ours) is on file in Mode already, and the page
	// (Wanted) saved it in another. Nil otherwise.
	Refused *CardModeError
}

// SetupStatus is where a payment setup is.
type SetupStatus string

// Payment setup statuses. A setup moves from open to complete, expired or refused,
// never back (an expired one can still complete: see CompletePaymentSetup).
const (
	SetupOpen     SetupStatus = "open"
	SetupComplete SetupStatus = "complete"
	SetupExpired  SetupStatus = "expired"
	// SetupRefused: the person saved a card on the page, but it is on file already in
	// another mode, so it was not added (PaymentSetup.Refused says which and why).
	SetupRefused SetupStatus = "refused"
)

// StartPaymentSetup records a new open setup for ps.CustomerID and returns it as
// stored: an empty ID is generated and CreatedAt set. ErrNotFound for an unknown
// customer; ErrConflict when the session already belongs to a setup.
func (s *Store) StartPaymentSetup(ctx context.Context, ps PaymentSetup) (PaymentSetup, error) {
	switch {
	case !strings.HasPrefix(ps.SessionID, "cs_") || !isIDText(ps.SessionID) || len(ps.SessionID) > 255:
		return PaymentSetup{}, fmt.Errorf("start payment setup: %w", &FieldError{Field: "session_id", Problem: FieldMalformed})
	case ps.URL == "" || len(ps.URL) > 4096:
		return PaymentSetup{}, fmt.Errorf("start payment setup: %w", &FieldError{Field: "url", Problem: FieldMalformed})
	case ps.ExpiresAt.IsZero():
		return PaymentSetup{}, fmt.Errorf("start payment setup: %w", &FieldError{Field: "expires_at", Problem: FieldEmpty})
	}
	if ps.ID == "" {
		ps.ID = NewID("pset_")
	}
	ps.Status, ps.PaymentMethodID, ps.CreatedAt, ps.CompletedAt = SetupOpen, "", s.now(), time.Time{}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, ps.CustomerID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO payment_setups (id, customer_id, session_id, url, status, created_at, expires_at)
			VALUES (?, ?, ?, ?, 'open', ?, ?)`, ps.ID, ps.CustomerID, ps.SessionID, ps.URL, encodeTime(ps.CreatedAt), encodeTime(ps.ExpiresAt))
		if isUniqueViolation(err) {
			return &ConflictError{Kind: "payment setup", Field: "session_id", Value: ps.SessionID}
		}
		return err
	})
	if err != nil {
		return PaymentSetup{}, fmt.Errorf("start payment setup: %w", err)
	}
	return ps, nil
}

// PaymentSetup returns the customer's setup id. A setup of another customer is
// ErrNotFound, as an unknown one is.
func (s *Store) PaymentSetup(ctx context.Context, customerID, id string) (PaymentSetup, error) {
	ps, err := scanPaymentSetup(s.db.QueryRowContext(ctx, paymentSetupColumns+` WHERE id = ? AND customer_id = ?`, id, customerID))
	if errors.Is(err, sql.ErrNoRows) {
		return PaymentSetup{}, fmt.Errorf("payment setup %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return PaymentSetup{}, fmt.Errorf("payment setup: %w", err)
	}
	return ps, nil
}

// PaymentSetupBySession returns the setup of Stripe Checkout Session sessionID, or
// ErrNotFound.
func (s *Store) PaymentSetupBySession(ctx context.Context, sessionID string) (PaymentSetup, error) {
	ps, err := scanPaymentSetup(s.db.QueryRowContext(ctx, paymentSetupColumns+` WHERE session_id = ?`, sessionID))
	if errors.Is(err, sql.ErrNoRows) {
		return PaymentSetup{}, fmt.Errorf("payment setup of a session: %w", ErrNotFound)
	}
	if err != nil {
		return PaymentSetup{}, fmt.Errorf("payment setup of a session: %w", err)
	}
	return ps, nil
}

// OpenPaymentSetups returns the customer's open setups, newest first.
func (s *Store) OpenPaymentSetups(ctx context.Context, customerID string) ([]PaymentSetup, error) {
	rows, err := s.db.QueryContext(ctx, paymentSetupColumns+` WHERE customer_id = ? AND status = 'open' ORDER BY created_at DESC, rowid DESC`, customerID)
	if err != nil {
		return nil, fmt.Errorf("open payment setups: %w", err)
	}
	defer rows.Close()
	var out []PaymentSetup
	for rows.Next() {
		ps, err := scanPaymentSetup(rows)
		if err != nil {
			return nil, fmt.Errorf("open payment setups: %w", err)
		}
		out = append(out, ps)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("open payment setups: %w", err)
	}
	return out, nil
}

// CompletePaymentSetup puts pm on file for the setup's customer (as AddPaymentMethod
// does; pm.CustomerID is the setup's) and marks the setup complete, in one
// transaction. Completing a setup that is already complete changes nothing and returns
// it as it is, so a webhook and a poller racing on one session add the method once.
// A setup expired here can still be completed: Stripe says the card was saved (the
// person submitted the page at the last moment, after a poll gave up on it), and
// Stripe is the authority on that. A card that is on file already in another mode
// (*CardModeError from AddPaymentMethod) is not added: the setup is marked refused
// instead, with the reason (PaymentSetup.Refused), in the same transaction, and
// returned with no error, so that every later look at the setup finds why. A setup
// already refused stays so.
func (s *Store) CompletePaymentSetup(ctx context.Context, id string, pm PaymentMethod) (PaymentSetup, error) {
	var ps PaymentSetup
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		ps, err = scanPaymentSetup(tx.QueryRowContext(ctx, paymentSetupColumns+` WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("payment setup %q: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if ps.Status == SetupComplete || ps.Status == SetupRefused {
			return nil
		}
		pm.CustomerID = ps.CustomerID
		if pm, err = normalizePaymentMethod(pm); err != nil {
			return err
		}
		_, err = addPaymentMethod(ctx, tx, pm, s.now())
		if me := (*CardModeError)(nil); errors.As(err, &me) {
			ps.Status, ps.Refused = SetupRefused, me
			_, err = tx.ExecContext(ctx, `UPDATE payment_setups SET status = 'refused', card_id = ?, card_mode = ?, page_mode = ? WHERE id = ? AND status IN ('open', 'expired')`,
				me.CardID, me.Mode, me.Wanted, id)
			return err
		}
		if err != nil {
			return err
		}
		ps.Status, ps.PaymentMethodID, ps.CompletedAt = SetupComplete, pm.ID, s.now()
		_, err = tx.ExecContext(ctx, `UPDATE payment_setups SET status = 'complete', payment_method_id = ?, completed_at = ? WHERE id = ? AND status IN ('open', 'expired')`,
			pm.ID, encodeTime(ps.CompletedAt), id)
		return err
	})
	if err != nil {
		return PaymentSetup{}, fmt.Errorf("complete payment setup: %w", err)
	}
	return ps, nil
}

// ExpirePaymentSetup marks an open setup expired (Stripe expired its session, or it
// was abandoned). A setup that is already complete or expired is left as it is; either
// way the setup is returned as it now is.
func (s *Store) ExpirePaymentSetup(ctx context.Context, id string) (PaymentSetup, error) {
	if _, err := s.db.ExecContext(ctx, `UPDATE payment_setups SET status = 'expired' WHERE id = ? AND status = 'open'`, id); err != nil {
		return PaymentSetup{}, fmt.Errorf("expire payment setup: %w", err)
	}
	ps, err := scanPaymentSetup(s.db.QueryRowContext(ctx, paymentSetupColumns+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return PaymentSetup{}, fmt.Errorf("payment setup %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return PaymentSetup{}, fmt.Errorf("expire payment setup: %w", err)
	}
	return ps, nil
}

// SetStripeCustomerID records the customer's Stripe Customer (cus_…) unless one is
// already recorded, and returns the one recorded: when two processes create one at
// once, both end up using the first written.
func (s *Store) SetStripeCustomerID(ctx context.Context, customerID, stripeID string) (string, error) {
	stripeID = strings.TrimSpace(stripeID)
	if !strings.HasPrefix(stripeID, "cus_") || !isIDText(stripeID) || len(stripeID) > 255 {
		return "", fmt.Errorf("set stripe customer: %w", &FieldError{Field: "stripe_customer_id", Problem: FieldMalformed, Value: stripeID})
	}
	var got string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, customerID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET stripe_customer_id = ? WHERE id = ? AND stripe_customer_id = ''`, stripeID, customerID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT stripe_customer_id FROM customers WHERE id = ?`, customerID).Scan(&got)
	})
	if err != nil {
		return "", fmt.Errorf("set stripe customer: %w", err)
	}
	return got, nil
}

// ReplaceStripeCustomerID replaces the customer's Stripe Customer old by new, for when
// Stripe no longer has old (deleted in the dashboard, or a sandbox that restarted). It
// returns the one recorded afterwards: new, or whatever another process put in place
// of old first.
func (s *Store) ReplaceStripeCustomerID(ctx context.Context, customerID, old, new string) (string, error) {
	if !strings.HasPrefix(new, "cus_") || !isIDText(new) || len(new) > 255 {
		return "", fmt.Errorf("replace stripe customer: %w", &FieldError{Field: "stripe_customer_id", Problem: FieldMalformed, Value: new})
	}
	var got string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE customers SET stripe_customer_id = ? WHERE id = ? AND stripe_customer_id = ?`, new, customerID, old); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT stripe_customer_id FROM customers WHERE id = ?`, customerID).Scan(&got)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("customer %q: %w", customerID, ErrNotFound)
		}
		return err
	})
	if err != nil {
		return "", fmt.Errorf("replace stripe customer: %w", err)
	}
	return got, nil
}

const paymentSetupColumns = `SELECT id, customer_id, session_id, url, status, payment_method_id, created_at, expires_at, completed_at,
	card_id, card_mode, page_mode FROM payment_setups`

func scanPaymentSetup(r scanner) (PaymentSetup, error) {
	var (
		ps                          PaymentSetup
		status, created, exp, compl string
		refused                     CardModeError
	)
	if err := r.Scan(&ps.ID, &ps.CustomerID, &ps.SessionID, &ps.URL, &status, &ps.PaymentMethodID, &created, &exp, &compl,
		&refused.CardID, &refused.Mode, &refused.Wanted); err != nil {
		return PaymentSetup{}, err
	}
	ps.Status = SetupStatus(status)
	if ps.Status == SetupRefused {
		ps.Refused = &refused
	}
	var err error
	if ps.CreatedAt, err = decodeTime(created); err != nil {
		return PaymentSetup{}, err
	}
	if ps.ExpiresAt, err = decodeTime(exp); err != nil {
		return PaymentSetup{}, err
	}
	if compl != "" {
		if ps.CompletedAt, err = decodeTime(compl); err != nil {
			return PaymentSetup{}, err
		}
	}
	return ps, nil
}
