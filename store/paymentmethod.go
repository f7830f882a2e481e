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

// maxBrandLen caps a card brand ("visa", "mastercard", "eftpos_au", …).
const maxBrandLen = 32

// PaymentMethod is a Stripe payment method a customer keeps on file. It holds what
// Stripe shows about a card, never the card number.
type PaymentMethod struct {
	ID string // Stripe id, "pm_…": stays on the server
	// CardID is our id of the card ("card_…", random, made when it is first put on
	// file): the one tool results show and tool arguments take.
	CardID     string
	CustomerID string
	Brand      string // lower case, e.g. "visa"; may be empty
	Last4      string // exactly four digits, or empty
	ExpMonth   int    // 1–12, or 0 when unknown
	ExpYear    int    // four digits, or 0 when unknown
	Default    bool   // the method purchases use; one per customer
	// Mode is the mode (ModeSandbox, ModeTest or ModeLive) of whoever put the card on
	// file: a Stripe PaymentMethod exists in that mode only, so only a server of that
	// mode pays with it. Empty means ModeSandbox when adding. ModeUnknown, never
	// added, is that of a card put on file before modes were recorded that nothing
	// vouches for (migrations/0032): no server pays with it.
	Mode      string
	CreatedAt time.Time
}

// Card modes (and subscription modes): the Stripe world a card or subscription
// belongs to. ModeUnknown is stored only by migrations/0032, for a card or
// subscription from before modes were recorded that nothing vouches for; no server
// runs in it, so none pays with such a card or renews such a subscription.
const (
	ModeSandbox = "sandbox"
	ModeTest    = "test"
	ModeLive    = "live"
	ModeUnknown = "unknown"
)

// validMode says whether m is a mode a card can be put on file in, or a subscription
// made in: a server's mode, never ModeUnknown.
func validMode(m string) bool { return m == ModeSandbox || m == ModeTest || m == ModeLive }

// AddPaymentMethod puts pm on file for pm.CustomerID and returns it as stored. The
// customer's first method becomes the default whatever pm.Default says; pm.Default
// true makes pm the only default. Adding an id the customer already has updates its
// brand, last four, expiry and mode (and makes it the default when pm.Default is true;
// an existing default stays the default) and keeps its CreatedAt and CardID; pm.CardID
// is ignored (a new card gets a new one). Adding an id again in another mode moves a
// sandbox card to that mode (the sandbox vouches for nothing: whoever adds it has just
// had Stripe vouch for it there), as it moves a card of unknown mode to any mode, and
// is refused, changing nothing, for a test or live card (*CardModeError). Errors: ErrNotFound for an unknown customer; ErrInvalid naming
// the field when the id does not start with "pm_", last4 is not four digits, the
// expiry is out of range, the brand is not a plain word or the mode is not one of the
// modes; *CardModeError (ErrConflict) as said.
func (s *Store) AddPaymentMethod(ctx context.Context, pm PaymentMethod) (PaymentMethod, error) {
	pm, err := normalizePaymentMethod(pm)
	if err != nil {
		return PaymentMethod{}, fmt.Errorf("add payment method: %w", err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var e error
		pm, e = addPaymentMethod(ctx, tx, pm, s.now())
		return e
	})
	if err != nil {
		return PaymentMethod{}, fmt.Errorf("add payment method: %w", err)
	}
	return pm, nil
}

// CardModeError refuses to put a card on file again in another mode than the one it
// is on file in (Mode; Wanted is the refused one). It matches ErrConflict.
type CardModeError struct {
	CardID, Mode, Wanted string
}

// Error states the facts for logs.
func (e *CardModeError) Error() string {
	return fmt.Sprintf("%v: card %s is on file in %s mode, not put on file again in %s mode", ErrConflict, e.CardID, e.Mode, e.Wanted)
}

// Is makes it match ErrConflict.
func (e *CardModeError) Is(target error) bool { return target == ErrConflict }

// addPaymentMethod is AddPaymentMethod inside a transaction, for a normalized pm.
func addPaymentMethod(ctx context.Context, tx *sql.Tx, pm PaymentMethod, now time.Time) (PaymentMethod, error) {
	if err := customerExists(ctx, tx, pm.CustomerID); err != nil {
		return PaymentMethod{}, err
	}
	// A card keeps the mode it is on file in: a Stripe payment method exists in one
	// mode, so the same id put on file in another (an operator fixing the brand without
	// the Stripe key, say, which means the sandbox) is a mistake that would leave the
	// card unable to pay where it can. Only a sandbox card moves (the sandbox vouches
	// for nothing: adding it again in test or live mode is how it gets its real one),
	// and one of unknown mode (migrations/0032), which takes the mode of whoever adds it.
	var card, mode string
	var removing bool
	switch err := tx.QueryRowContext(ctx, `SELECT card_id, mode, removing_since IS NOT NULL FROM payment_methods WHERE customer_id = ? AND id = ?`,
		pm.CustomerID, pm.ID).Scan(&card, &mode, &removing); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return PaymentMethod{}, err
	case removing:
		// Its removal cannot be taken back from here (Stripe may have detached it, and
		// a detached PaymentMethod is not attached again): putting it on file again
		// would report a card in use that is neither listed nor paying, and could make
		// it the default.
		return PaymentMethod{}, fmt.Errorf("card %s is being removed, not put on file again: %w", card, ErrConflict)
	case mode != pm.Mode && mode != ModeSandbox && mode != ModeUnknown:
		return PaymentMethod{}, &CardModeError{CardID: card, Mode: mode, Wanted: pm.Mode}
	}
	var hasDefault int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payment_methods WHERE customer_id = ? AND is_default = 1 AND id <> ?`,
		pm.CustomerID, pm.ID).Scan(&hasDefault); err != nil {
		return PaymentMethod{}, err
	}
	if hasDefault == 0 {
		pm.Default = true
	}
	if pm.Default {
		if _, err := tx.ExecContext(ctx, `UPDATE payment_methods SET is_default = 0 WHERE customer_id = ? AND is_default = 1 AND id <> ?`,
			pm.CustomerID, pm.ID); err != nil {
			return PaymentMethod{}, err
		}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO payment_methods (customer_id, id, card_id, brand, last4, exp_month, exp_year, is_default, mode, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (customer_id, id) DO UPDATE SET
			brand = excluded.brand, last4 = excluded.last4,
			exp_month = excluded.exp_month, exp_year = excluded.exp_year,
			is_default = max(is_default, excluded.is_default), mode = excluded.mode`,
		pm.CustomerID, pm.ID, NewID("card_"), pm.Brand, pm.Last4, pm.ExpMonth, pm.ExpYear, pm.Default, pm.Mode, encodeTime(now))
	if err != nil {
		return PaymentMethod{}, err
	}
	return scanPaymentMethod(tx.QueryRowContext(ctx, paymentMethodColumns+` WHERE customer_id = ? AND id = ?`, pm.CustomerID, pm.ID))
}

// normalizePaymentMethod validates pm and cleans its brand.
func normalizePaymentMethod(pm PaymentMethod) (PaymentMethod, error) {
	pm.ID = strings.TrimSpace(pm.ID)
	if !strings.HasPrefix(pm.ID, "pm_") || len(pm.ID) == len("pm_") || len(pm.ID) > 255 || !isIDText(pm.ID) {
		// Not echoed: a mistaken value may be a card number.
		return PaymentMethod{}, &FieldError{Field: "payment_method_id", Problem: FieldMalformed}
	}
	if pm.CustomerID == "" {
		return PaymentMethod{}, &FieldError{Field: "customer_id", Problem: FieldEmpty}
	}
	if pm.Mode == "" {
		pm.Mode = ModeSandbox
	}
	if !validMode(pm.Mode) {
		return PaymentMethod{}, &FieldError{Field: "mode", Problem: FieldMalformed, Value: pm.Mode}
	}
	pm.Brand = strings.ToLower(strings.TrimSpace(pm.Brand))
	if len(pm.Brand) > maxBrandLen || (pm.Brand != "" && !isIDText(pm.Brand)) {
		return PaymentMethod{}, &FieldError{Field: "brand", Problem: FieldMalformed, Value: pm.Brand}
	}
	pm.Last4 = strings.TrimSpace(pm.Last4)
	if pm.Last4 != "" && (len(pm.Last4) != 4 || strings.Trim(pm.Last4, "0123456789") != "") {
		// Not echoed: a mistaken value may be the whole card number.
		return PaymentMethod{}, &FieldError{Field: "last4", Problem: FieldMalformed}
	}
	if pm.ExpMonth < 0 || pm.ExpMonth > 12 {
		return PaymentMethod{}, &FieldError{Field: "exp_month", Problem: FieldOutOfRange, Value: strconv.Itoa(pm.ExpMonth), Min: 1, Max: 12}
	}
	if pm.ExpYear != 0 && (pm.ExpYear < 1000 || pm.ExpYear > 9999) {
		return PaymentMethod{}, &FieldError{Field: "exp_year", Problem: FieldOutOfRange, Value: strconv.Itoa(pm.ExpYear), Min: 1000, Max: 9999}
	}
	if (pm.ExpMonth == 0) != (pm.ExpYear == 0) {
		given, missing := "exp_month", "exp_year"
		if pm.ExpMonth == 0 {
			given, missing = missing, given
		}
		return PaymentMethod{}, &FieldError{Field: given, Problem: FieldNeeds, Needs: []string{missing}}
	}
	return pm, nil
}

// PaymentMethods returns the customer's payment methods, the default first and then
// oldest first; none is an empty list. A card being removed (StartRemovingPaymentMethod)
// is not among them: it pays for nothing more. An unknown customer is ErrNotFound.
func (s *Store) PaymentMethods(ctx context.Context, customerID string) ([]PaymentMethod, error) {
	if err := customerExists(ctx, s.db, customerID); err != nil {
		return nil, fmt.Errorf("payment methods: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, paymentMethodColumns+` WHERE customer_id = ? AND removing_since IS NULL
		ORDER BY is_default DESC, created_at, rowid`, customerID)
	if err != nil {
		return nil, fmt.Errorf("payment methods: %w", err)
	}
	defer rows.Close()
	out := []PaymentMethod{}
	for rows.Next() {
		pm, err := scanPaymentMethod(rows)
		if err != nil {
			return nil, fmt.Errorf("payment methods: %w", err)
		}
		out = append(out, pm)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("payment methods: %w", err)
	}
	return out, nil
}

// DefaultPaymentMethod returns the method the customer's purchases use. It is
// ErrNotFound when the customer is unknown or has no payment method on file. A default
// being removed (StartRemovingPaymentMethod) is still returned until its removal ends
// (the default moves then), so that what is paid with it is refused as a removed card
// (the approvals' ErrCardRemoved) rather than as no card at all.
func (s *Store) DefaultPaymentMethod(ctx context.Context, customerID string) (PaymentMethod, error) {
	pm, err := scanPaymentMethod(s.db.QueryRowContext(ctx, paymentMethodColumns+` WHERE customer_id = ? AND is_default = 1`, customerID))
	if errors.Is(err, sql.ErrNoRows) {
		if err := customerExists(ctx, s.db, customerID); err != nil {
			return PaymentMethod{}, fmt.Errorf("default payment method: %w", err)
		}
		return PaymentMethod{}, fmt.Errorf("customer %q has no payment method on file: %w", customerID, ErrNotFound)
	}
	if err != nil {
		return PaymentMethod{}, fmt.Errorf("default payment method: %w", err)
	}
	return pm, nil
}

// SetDefaultPaymentMethod makes the customer's method pmID the default and every other
// one not. It is ErrNotFound when the customer does not have that method on file, or
// it is being removed (StartRemovingPaymentMethod).
func (s *Store) SetDefaultPaymentMethod(ctx context.Context, customerID, pmID string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := paymentMethodExists(ctx, tx, customerID, pmID); err != nil {
			return err
		}
		if removing, err := cardRemoving(ctx, tx, customerID, pmID); err != nil {
			return err
		} else if removing {
			return fmt.Errorf("payment method %q of customer %q is being removed: %w", pmID, customerID, ErrNotFound)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE payment_methods SET is_default = 0 WHERE customer_id = ? AND is_default = 1 AND id <> ?`, customerID, pmID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE payment_methods SET is_default = 1 WHERE customer_id = ? AND id = ?`, customerID, pmID)
		return err
	})
	if err != nil {
		return fmt.Errorf("set default payment method: %w", err)
	}
	return nil
}

// ErrCardPaying is RemovePaymentMethod's answer while a purchase approved with the
// method is still being paid (approved or token issued, neither completed nor failed):
// removing it could no longer stop that payment, so it is not removed.
var ErrCardPaying = errors.New("a payment with the card is under way")

// CardPaying reports whether a purchase of the customer approved with method pmID is
// still being paid (what makes RemovePaymentMethod ErrCardPaying).
func (s *Store) CardPaying(ctx context.Context, customerID, pmID string) (bool, error) {
	paying, err := cardPaying(ctx, s.db, customerID, pmID)
	if err != nil {
		return false, fmt.Errorf("card paying: %w", err)
	}
	return paying, nil
}

func cardPaying(ctx context.Context, q querier, customerID, pmID string) (bool, error) {
	var paying bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM purchases
		WHERE state IN ('approved', 'token_issued') AND customer_id = ? AND payment_method = ?)`,
		customerID, pmID).Scan(&paying)
	return paying, err
}

// StartRemovingPaymentMethod marks the customer's method pmID as being removed, the
// first step of a removal (migrations/0020): from then on no purchase is approved with
// it (the approvals answer ErrCardRemoved), PaymentMethods no longer lists it, and it
// cannot be made the default. It is ErrNotFound when the customer does not have that
// method on file, and ErrCardPaying, marking nothing, while a purchase approved with
// it is being paid. With the approvals' check, in one write transaction each, a card
// is either marked before a purchase with it is approved, or not marked until that
// purchase is paid: what follows the mark (Stripe's detach) never meets a payment
// with the card under way. A card being removed already is ErrNotFound: the mark
// belongs to the removal that set it, the only one that may take it back
// (StopRemovingPaymentMethod, with the mark returned), until recovery takes it over
// (TakeOverRemovals).
func (s *Store) StartRemovingPaymentMethod(ctx context.Context, customerID, pmID string) (time.Time, error) {
	mark := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := paymentMethodExists(ctx, tx, customerID, pmID); err != nil {
			return err
		}
		// One removal owns the mark: a second one joining it could take it back
		// (StopRemovingPaymentMethod) while the first one's detach is in flight, or
		// after its outcome was lost, putting a card perhaps detached back in use.
		if removing, err := cardRemoving(ctx, tx, customerID, pmID); err != nil {
			return err
		} else if removing {
			return fmt.Errorf("payment method %q of customer %q is being removed already: %w", pmID, customerID, ErrNotFound)
		}
		if paying, err := cardPaying(ctx, tx, customerID, pmID); err != nil {
			return err
		} else if paying {
			return ErrCardPaying
		}
		_, err := tx.ExecContext(ctx, `UPDATE payment_methods SET removing_since = ?
			WHERE customer_id = ? AND id = ?`, encodeTime(mark), customerID, pmID)
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("start removing payment method: %w", err)
	}
	return decodeTime(encodeTime(mark))
}

// StopRemovingPaymentMethod puts the customer's method pmID, marked as being removed,
// back in use: its removal did not happen (Stripe could not be reached). mark is what
// StartRemovingPaymentMethod returned: only the removal that set the mark takes it
// back, and only while recovery has not taken it over (TakeOverRemovals, whose detach
// may have happened). Otherwise, or when the method is not on file or not being
// removed, nothing changes and the answer is ErrNotFound. When the customer has no
// default (every other card was removed, or is being removed, in the meantime), the
// most recently added method in use, this one perhaps, becomes it.
func (s *Store) StopRemovingPaymentMethod(ctx context.Context, customerID, pmID string, mark time.Time) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE payment_methods SET removing_since = NULL
			WHERE customer_id = ? AND id = ? AND removing_since = ?`, customerID, pmID, encodeTime(mark))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("payment method %q of customer %q is not being removed by this removal: %w", pmID, customerID, ErrNotFound)
		}
		return pickDefault(ctx, tx, customerID)
	})
	if err != nil {
		return fmt.Errorf("stop removing payment method: %w", err)
	}
	return nil
}

// PaymentMethodsBeingRemoved returns the methods of every customer marked as being
// removed (StartRemovingPaymentMethod) before before: removals that a crash, or a
// failure to take the card off file, left unfinished, for recovery to finish.
func (s *Store) PaymentMethodsBeingRemoved(ctx context.Context, before time.Time) ([]PaymentMethod, error) {
	rows, err := s.db.QueryContext(ctx, paymentMethodColumns+` WHERE removing_since IS NOT NULL AND removing_since <= ?
		ORDER BY removing_since, rowid`, encodeTime(before))
	if err != nil {
		return nil, fmt.Errorf("payment methods being removed: %w", err)
	}
	defer rows.Close()
	var out []PaymentMethod
	for rows.Next() {
		pm, err := scanPaymentMethod(rows)
		if err != nil {
			return nil, fmt.Errorf("payment methods being removed: %w", err)
		}
		out = append(out, pm)
	}
	return out, rows.Err()
}

// TakeOverRemovals returns the methods of every customer marked as being removed
// before before (PaymentMethodsBeingRemoved), for recovery to finish their removals,
// and makes each mark recovery's own in the same transaction (it is set to now): the
// call that set the mark can no longer take it back (StopRemovingPaymentMethod is
// then ErrNotFound), so a card whose detach recovery may make is never put back in
// use, and another recovery running at once finds none of them.
func (s *Store) TakeOverRemovals(ctx context.Context, before time.Time) ([]PaymentMethod, error) {
	var out []PaymentMethod
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, paymentMethodColumns+` WHERE removing_since IS NOT NULL AND removing_since <= ?
			ORDER BY removing_since, rowid`, encodeTime(before))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			pm, err := scanPaymentMethod(rows)
			if err != nil {
				return err
			}
			out = append(out, pm)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// Later than every mark taken over, so that no removal's own mark matches.
		now := s.now()
		if !now.After(before) {
			now = before.Add(time.Nanosecond)
		}
		_, err = tx.ExecContext(ctx, `UPDATE payment_methods SET removing_since = ?
			WHERE removing_since IS NOT NULL AND removing_since <= ?`, encodeTime(now), encodeTime(before))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("take over removals: %w", err)
	}
	return out, nil
}

// MoveDefaultOffRemoving makes, when the customer's method pmID is the default and
// being removed (StartRemovingPaymentMethod), the most recently added method not being
// removed the default, as RemovePaymentMethod would: for a removal that will not be
// taken back but cannot end yet. Otherwise it changes nothing.
func (s *Store) MoveDefaultOffRemoving(ctx context.Context, customerID, pmID string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE payment_methods SET is_default = 0
			WHERE customer_id = ? AND id = ? AND is_default = 1 AND removing_since IS NOT NULL`, customerID, pmID); err != nil {
			return err
		}
		return pickDefault(ctx, tx, customerID)
	})
	if err != nil {
		return fmt.Errorf("move default off a card being removed: %w", err)
	}
	return nil
}

// pickDefault makes, when the customer has no default, the most recently added method
// not being removed the default.
func pickDefault(ctx context.Context, tx *sql.Tx, customerID string) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE payment_methods SET is_default = 1
		WHERE customer_id = ?1
		  AND NOT EXISTS (SELECT 1 FROM payment_methods WHERE customer_id = ?1 AND is_default = 1)
		  AND rowid = (SELECT rowid FROM payment_methods WHERE customer_id = ?1 AND removing_since IS NULL
		               ORDER BY created_at DESC, rowid DESC LIMIT 1)`,
		customerID)
	return err
}

// cardRemoving reports whether the customer's method pmID is marked as being removed.
func cardRemoving(ctx context.Context, q querier, customerID, pmID string) (bool, error) {
	var removing bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM payment_methods
		WHERE customer_id = ? AND id = ? AND removing_since IS NOT NULL)`, customerID, pmID).Scan(&removing)
	return removing, err
}

// RemovePaymentMethod takes the customer's method pmID off file. When it was the
// default, the most recently added remaining method not being removed becomes the
// default. It is ErrNotFound when the customer does not have that method on file, and
// ErrCardPaying while a purchase approved with it is being paid. With the approvals'
// check that the card is on file (ErrCardRemoved), in one write transaction each, a
// card is either removed before a purchase with it is approved, or after that purchase
// is paid. A removal that calls Stripe first marks the card (StartRemovingPaymentMethod).
func (s *Store) RemovePaymentMethod(ctx context.Context, customerID, pmID string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := paymentMethodExists(ctx, tx, customerID, pmID); err != nil {
			return err
		}
		if paying, err := cardPaying(ctx, tx, customerID, pmID); err != nil {
			return err
		} else if paying {
			return ErrCardPaying
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM payment_methods WHERE customer_id = ? AND id = ?`, customerID, pmID); err != nil {
			return err
		}
		return pickDefault(ctx, tx, customerID)
	})
	if err != nil {
		return fmt.Errorf("remove payment method: %w", err)
	}
	return nil
}

// paymentMethodExists returns ErrNotFound unless the customer has the method on file.
func paymentMethodExists(ctx context.Context, q querier, customerID, pmID string) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM payment_methods WHERE customer_id = ? AND id = ?`, customerID, pmID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if err := customerExists(ctx, q, customerID); err != nil {
		return err
	}
	return fmt.Errorf("payment method %q of customer %q: %w", pmID, customerID, ErrNotFound)
}

const paymentMethodColumns = `SELECT id, card_id, customer_id, brand, last4, exp_month, exp_year, is_default, mode, created_at FROM payment_methods`

func scanPaymentMethod(r scanner) (PaymentMethod, error) {
	var (
		pm      PaymentMethod
		created string
	)
	if err := r.Scan(&pm.ID, &pm.CardID, &pm.CustomerID, &pm.Brand, &pm.Last4, &pm.ExpMonth, &pm.ExpYear, &pm.Default, &pm.Mode, &created); err != nil {
		return PaymentMethod{}, err
	}
	t, err := decodeTime(created)
	if err != nil {
		return PaymentMethod{}, err
	}
	pm.CreatedAt = t
	return pm, nil
}
