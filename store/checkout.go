package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CheckoutState is where a checkout of a cart is; see migrations/0006_checkouts.sql.
type CheckoutState string

// Checkout states.
const (
	CheckoutOpen     CheckoutState = "open"     // sellers being quoted
	CheckoutQuoted   CheckoutState = "quoted"   // waiting for the person's confirmation
	CheckoutPaying   CheckoutState = "paying"   // approved: the seller orders are being paid
	CheckoutDone     CheckoutState = "done"     // every seller order completed or failed
	CheckoutCanceled CheckoutState = "canceled" // quote declined, expired or superseded; nothing charged
	CheckoutRefused  CheckoutState = "refused"  // nothing could be bought; FailureCode says why
)

// Checkout is one attempt to buy a customer's cart: one Purchase per seller (their
// CheckoutID is its ID) and what they share. Total and Currency are the sum of the
// seller orders that can be bought, as quoted.
type Checkout struct {
	ID                  string
	CustomerID          string
	IdemKey             string
	QuoteID             string
	ConfirmVia          string
	State               CheckoutState
	Mode                string
	CartRevision        int64
	AddressID           string
	FulfillmentOptionID string // what the caller asked for; each purchase says what it got
	Total               int64
	Currency            string
	FailureCode         string
	FailureParams       string
	ExpiresAt           time.Time
	CreatedAt           time.Time
	UpdatedAt           time.Time
	// Replaced, set by BeginCheckout only (not stored), is the checkout not yet
	// approved that it ended to begin this one: canceled as superseded (its seller
	// orders canceled, their recorded sessions the caller's to cancel), or refused as
	// interrupted (its seller orders stay open, with no session recorded: a session
	// of an open seller order is known only to the call quoting it, which cancels it
	// if still running, and recovery ends those orders).
	Replaced string
}

const checkoutColumns = `SELECT id, customer_id, idem_key, COALESCE(quote_id, ''), confirm_via, state, mode, cart_revision,
	address_id, fulfillment_option_id, total, currency, failure_code, failure_params, expires_at, created_at, updated_at FROM checkouts`

func scanCheckout(row scanner) (Checkout, error) {
	var (
		c                     Checkout
		exp, created, updated string
	)
	if err := row.Scan(&c.ID, &c.CustomerID, &c.IdemKey, &c.QuoteID, &c.ConfirmVia, &c.State, &c.Mode, &c.CartRevision,
		&c.AddressID, &c.FulfillmentOptionID, &c.Total, &c.Currency, &c.FailureCode, &c.FailureParams,
		&exp, &created, &updated); err != nil {
		return c, err
	}
	return c, decodeTimes([]string{exp, created, updated}, &c.ExpiresAt, &c.CreatedAt, &c.UpdatedAt)
}

func (s *Store) checkoutWhere(ctx context.Context, q querier, where string, args ...any) (Checkout, error) {
	c, err := scanCheckout(q.QueryRowContext(ctx, checkoutColumns+` WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return Checkout{}, fmt.Errorf("checkout: %w", ErrNotFound)
	}
	if err != nil {
		return Checkout{}, fmt.Errorf("checkout: %w", err)
	}
	return c, nil
}

// CheckoutByID returns checkout id.
func (s *Store) CheckoutByID(ctx context.Context, id string) (Checkout, error) {
	return s.checkoutWhere(ctx, s.db, `id = ?`, id)
}

// CheckoutByKey returns the customer's checkout recorded under idempotency key key;
// another customer's is ErrNotFound.
func (s *Store) CheckoutByKey(ctx context.Context, customerID, key string) (Checkout, error) {
	return s.checkoutWhere(ctx, s.db, `customer_id = ? AND idem_key = ?`, customerID, key)
}

// CheckoutByQuote returns the customer's checkout with quoteID; another customer's is
// ErrNotFound.
func (s *Store) CheckoutByQuote(ctx context.Context, customerID, quoteID string) (Checkout, error) {
	return s.checkoutWhere(ctx, s.db, `quote_id = ? AND customer_id = ?`, quoteID, customerID)
}

// ErrCartEmpty is BeginCheckout's answer for a cart without lines. It matches
// ErrInvalid.
var ErrCartEmpty = &FieldError{Field: "cart", Problem: FieldEmpty}

// CartBoughtError is BeginCheckout's answer for a cart emptied by a checkout's
// purchase: its last change took out the lines that CheckoutID bought, at At. It
// matches ErrCartEmpty.
type CartBoughtError struct {
	CheckoutID string
	At         time.Time
}

func (e *CartBoughtError) Error() string {
	return "cart emptied by checkout " + e.CheckoutID + "'s purchase"
}

func (e *CartBoughtError) Unwrap() error { return ErrCartEmpty }

// emptiedBy returns, for a customer's empty cart, the checkout whose purchase made its
// last change (taking the lines it bought out of the cart, at the purchase's
// completion); ErrCartEmpty when the cart changed since (or never held one).
func emptiedBy(ctx context.Context, tx *sql.Tx, customerID string) error {
	var id, at string
	err := tx.QueryRowContext(ctx, `SELECT p.checkout_id, p.updated_at FROM purchases p JOIN carts c ON c.customer_id = p.customer_id
		WHERE p.customer_id = ? AND p.checkout_id != '' AND p.state = 'completed' AND p.updated_at = c.updated_at
		ORDER BY p.rowid DESC LIMIT 1`, customerID).Scan(&id, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrCartEmpty
	}
	if err != nil {
		return err
	}
	e := &CartBoughtError{CheckoutID: id}
	if err := decodeTimes([]string{at}, &e.At); err != nil {
		return err
	}
	return e
}

// BeginCheckout starts checkout c of the customer's cart, or joins the one already
// under way, atomically, so that racing calls buy a cart once:
//   - a checkout with the same IdemKey is returned as it is (created false);
//   - otherwise, while the cart is held by a checkout that is open (for less than
//     OpenCheckoutTTL), paying with a seller order not yet settled, or quoted
//     (unexpired) from the cart as it is now, that one is returned (created false),
//     with, for a paying one, the lines of the cart it is not buying (added since it
//     was quoted; see notHeld), which stay in the cart for a checkout once it ends
//     (no lines for an open or quoted one);
//   - otherwise a quoted checkout holding the cart is canceled (superseded: the cart
//     changed or its quote lapsed), an open one refused (interrupted), and c is
//     recorded, holding the cart, with the cart's revision; its lines are returned.
//
// An empty cart is ErrCartEmpty (nothing recorded), a *CartBoughtError when a
// checkout's purchase emptied it.
func (s *Store) BeginCheckout(ctx context.Context, c Checkout) (_ Checkout, _ Cart, created bool, err error) {
	if c.CustomerID == "" || c.IdemKey == "" {
		return Checkout{}, Cart{}, false, fmt.Errorf("%w: checkout needs a customer and a key", ErrInvalid)
	}
	var cart Cart
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		existing, err := s.checkoutWhere(ctx, tx, `customer_id = ? AND idem_key = ?`, c.CustomerID, c.IdemKey)
		if err == nil {
			c, created = existing, false
			return nil
		}
		if !errors.Is(err, ErrNotFound) {
			return err
		}
		if cart, err = readCart(ctx, tx, c.CustomerID); err != nil {
			return err
		}
		var holder string
		if err := tx.QueryRowContext(ctx, `SELECT checkout_id FROM carts WHERE customer_id = ?`, c.CustomerID).Scan(&holder); err != nil &&
			!errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if holder != "" {
			h, err := s.checkoutWhere(ctx, tx, `id = ?`, holder)
			if err != nil {
				return err
			}
			active, err := holds(ctx, tx, h, c, cart.Revision, now)
			if err != nil {
				return err
			}
			if active {
				c, created = h, false
				lines := cart.Lines
				cart.Lines = nil
				if h.State == CheckoutPaying {
					cart.Lines, err = notHeld(ctx, tx, h.ID, lines)
				}
				return err
			}
			switch h.State {
			case CheckoutQuoted:
				if err := supersede(ctx, tx, s, h, SupersededCode, now); err != nil {
					return err
				}
				c.Replaced = h.ID
			case CheckoutOpen:
				// Its call died while quoting (nothing is approved while a checkout is
				// open): refused, so that if it is still running it cannot approve.
				if _, err := tx.ExecContext(ctx, `UPDATE checkouts SET state = ?, failure_code = ?, failure_params = '{}', updated_at = ?
					WHERE id = ? AND state = ?`, CheckoutRefused, InterruptedCode, encodeTime(now), h.ID, CheckoutOpen); err != nil {
					return err
				}
				c.Replaced = h.ID
			}
		}
		if len(cart.Lines) == 0 {
			return emptiedBy(ctx, tx, c.CustomerID)
		}
		if c.ID == "" {
			c.ID = NewID("chk_")
		}
		c.State, c.CartRevision, c.CreatedAt, c.UpdatedAt = CheckoutOpen, cart.Revision, now, now
		if _, err := tx.ExecContext(ctx, `INSERT INTO checkouts (id, customer_id, idem_key, state, mode, cart_revision,
			address_id, fulfillment_option_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
			c.ID, c.CustomerID, c.IdemKey, c.State, c.Mode, c.CartRevision, c.AddressID, c.FulfillmentOptionID,
			encodeTime(now), encodeTime(now)); err != nil {
			return err
		}
		created = true
		_, err = tx.ExecContext(ctx, `INSERT INTO carts (customer_id, checkout_id, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (customer_id) DO UPDATE SET checkout_id = excluded.checkout_id`, c.CustomerID, c.ID, encodeTime(now))
		return err
	})
	if err != nil {
		return Checkout{}, Cart{}, false, fmt.Errorf("begin checkout: %w", err)
	}
	return c, cart, created, nil
}

// holds reports whether checkout h still holds its customer's cart (revision rev)
// against new checkout c of the same cart.
func holds(ctx context.Context, tx *sql.Tx, h, c Checkout, rev int64, now time.Time) (bool, error) {
	switch h.State {
	case CheckoutOpen:
		return now.Sub(h.UpdatedAt) < OpenCheckoutTTL, nil
	case CheckoutQuoted:
		// A quote answers one request: the same cart, delivered the same way. A call
		// that asks for another delivery option or address gets a new quote.
		return h.CartRevision == rev && now.Before(h.ExpiresAt) &&
			h.FulfillmentOptionID == c.FulfillmentOptionID && h.AddressID == c.AddressID, nil
	case CheckoutPaying:
		if h.Mode != c.Mode {
			// Made in another mode (a sandbox tried before a Stripe key was set, say):
			// its seller orders are left to a server of that mode, which may never
			// run again. They do not keep the person's cart from this mode's checkout.
			return false, nil
		}
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM purchases WHERE checkout_id = ?
			AND state NOT IN (?, ?, ?, ?)`, h.ID, PurchaseCompleted, PurchaseFailed, PurchaseCanceled, PurchaseChargedNoOrder).Scan(&n)
		return n > 0, err
	}
	return false, nil
}

// notHeld returns the lines of cart that paying checkout id does not account for: the
// product added to the cart since it was quoted, or more of one than it bought or
// tried to buy. The lines of its seller orders are in the cart until they settle, and
// after, unless bought: a completed (or charged_no_order) one takes its lines out, a
// refused one leaves them as lines it tried and failed to buy, which are no news to
// its caller. So what is left over is the cart less the lines of every seller order
// of it not bought.
func notHeld(ctx context.Context, tx *sql.Tx, id string, cart []CartLine) ([]CartLine, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+purchaseColumns+` FROM purchases WHERE checkout_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	held := map[string]int{}
	for rows.Next() {
		p, err := scanPurchase(rows)
		if err != nil {
			return nil, err
		}
		if p.State == PurchaseCompleted || p.State == PurchaseChargedNoOrder { // its lines left the cart
			continue
		}
		for _, l := range p.Lines {
			held[l.ProductID+"\x00"+l.Choices.Key()] += l.Quantity
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var rest []CartLine
	for _, l := range cart {
		if n := l.Quantity - held[l.ProductID+"\x00"+l.Choices.Key()]; n > 0 {
			l.Quantity = n
			rest = append(rest, l)
		}
	}
	return rest, nil
}

// OpenCheckoutTTL is how long a checkout may stay open (its sellers being quoted)
// without news before a new checkout of the cart takes over from it: its call has
// died. A live call refreshes it (TouchCheckout) every checkout.Config.ClaimBeat, at
// most a third of this.
const OpenCheckoutTTL = 90 * time.Second

// TouchCheckout refreshes open checkout id, whose call is alive: its hold on the cart
// lasts OpenCheckoutTTL from now. A checkout no longer open is left as it is.
func (s *Store) TouchCheckout(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE checkouts SET updated_at = ? WHERE id = ? AND state = ?`,
		encodeTime(s.now()), id, CheckoutOpen); err != nil {
		return fmt.Errorf("touch checkout: %w", err)
	}
	return nil
}

// InterruptedCode is the failure code of an open checkout whose call died.
const InterruptedCode = "interrupted"

// SupersededCode is the failure code of a quoted checkout (and its purchases) that a
// new checkout of a changed cart replaced.
const SupersededCode = "superseded"

// CartEmptiedCode is the failure code of a checkout not yet approved (its sellers
// being quoted, or its quote awaiting confirmation), and of its seller orders, that
// emptying its cart ended.
const CartEmptiedCode = "cart_emptied"

// supersede cancels checkout h, quoted (or open: being quoted), and its quoted (or
// open) purchases, with failure code code; nothing of it was approved.
func supersede(ctx context.Context, tx *sql.Tx, s *Store, h Checkout, code string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE checkouts SET state = ?, failure_code = ?, failure_params = '{}', updated_at = ?
		WHERE id = ? AND state IN (?, ?)`, CheckoutCanceled, code, encodeTime(now), h.ID, CheckoutQuoted, CheckoutOpen); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM purchases WHERE checkout_id = ? AND state IN (?, ?)`, h.ID, PurchaseQuoted, PurchaseOpen)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE purchases SET state = ?, failure_code = ?, failure_params = '{}', updated_at = ?
			WHERE id = ?`, PurchaseCanceled, code, encodeTime(now), id); err != nil {
			return err
		}
		if err := s.appendEvent(ctx, tx, id, "canceled", code); err != nil {
			return err
		}
	}
	return nil
}

// AdvanceCheckout saves c's mutable fields (quote, confirmation, state, total,
// failure, expiry) and moves it to c.State, but only if it is still in one of the
// states from; otherwise ErrStateChanged. A checkout that ends (done, canceled,
// refused) lets go of the cart.
func (s *Store) AdvanceCheckout(ctx context.Context, c *Checkout, from ...CheckoutState) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.advanceCheckout(ctx, tx, c, from) })
}

func (s *Store) advanceCheckout(ctx context.Context, tx *sql.Tx, c *Checkout, from []CheckoutState) error {
	if len(from) == 0 {
		return fmt.Errorf("advance checkout: no from state")
	}
	c.UpdatedAt = s.now()
	var quote any
	if c.QuoteID != "" {
		quote = c.QuoteID
	}
	args := []any{quote, c.ConfirmVia, c.State, c.Total, c.Currency, c.FailureCode, c.FailureParams,
		encodeTime(c.ExpiresAt), encodeTime(c.UpdatedAt), c.ID}
	for _, f := range from {
		args = append(args, f)
	}
	res, err := tx.ExecContext(ctx, `UPDATE checkouts SET quote_id = ?, confirm_via = ?, state = ?, total = ?, currency = ?,
		failure_code = ?, failure_params = ?, expires_at = ?, updated_at = ? WHERE id = ? AND state IN (`+marks(len(from))+`)`, args...)
	if err != nil {
		return fmt.Errorf("advance checkout: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrStateChanged
	}
	switch c.State {
	case CheckoutDone, CheckoutCanceled, CheckoutRefused:
		if _, err := tx.ExecContext(ctx, `UPDATE carts SET checkout_id = '' WHERE customer_id = ? AND checkout_id = ?`,
			c.CustomerID, c.ID); err != nil {
			return fmt.Errorf("advance checkout: %w", err)
		}
	}
	return nil
}

// CheckoutPurchases returns the purchases (seller orders) of checkout id, in the order
// they were begun (rowid order: begun one after the other, they may share a time).
func (s *Store) CheckoutPurchases(ctx context.Context, id string) ([]Purchase, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+purchaseColumns+` FROM purchases WHERE checkout_id = ? ORDER BY rowid`, id)
	if err != nil {
		return nil, fmt.Errorf("checkout purchases: %w", err)
	}
	defer rows.Close()
	var out []Purchase
	for rows.Next() {
		p, err := scanPurchase(rows)
		if err != nil {
			return nil, fmt.Errorf("checkout purchases: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ApproveCheckout approves checkout c (which must be in state from) and the purchases
// ps (each in state pfrom) in one transaction: it checks the rolling daily limit
// and the other rolling limits against the sum of their totals (one *LimitError for
// the basket, nothing approved),
// moves each purchase to approved with its pending order, and c to paying. A checkout
// or purchase moved on meanwhile is ErrStateChanged, a purchase whose card is no longer
// on file ErrCardRemoved, and nothing is approved.
func (s *Store) ApproveCheckout(ctx context.Context, c *Checkout, from CheckoutState, ps []*Purchase, pfrom PurchaseState,
	limits ...Limit) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var state CheckoutState
		if err := tx.QueryRowContext(ctx, `SELECT state FROM checkouts WHERE id = ?`, c.ID).Scan(&state); err != nil {
			return fmt.Errorf("approve checkout: %w", err)
		}
		if state != from {
			return ErrStateChanged
		}
		var sum int64
		for _, p := range ps {
			sum += p.Total
		}
		if len(ps) > 0 {
			if err := underLimits(ctx, tx, c.CustomerID, ps[0].Currency, sum, limits, now); err != nil {
				return err
			}
		}
		for _, p := range ps {
			if err := s.approve(ctx, tx, p, pfrom, now); err != nil {
				return err
			}
		}
		c.State = CheckoutPaying
		return s.advanceCheckout(ctx, tx, c, []CheckoutState{from})
	})
}

// UnfinishedCheckouts returns checkouts left open or paying, last updated before
// before: what recovery settles once their purchases are settled.
func (s *Store) UnfinishedCheckouts(ctx context.Context, before time.Time) ([]Checkout, error) {
	rows, err := s.db.QueryContext(ctx, checkoutColumns+` WHERE state IN ('open', 'paying') AND updated_at <= ? ORDER BY created_at`,
		encodeTime(before))
	if err != nil {
		return nil, fmt.Errorf("unfinished checkouts: %w", err)
	}
	defer rows.Close()
	var out []Checkout
	for rows.Next() {
		c, err := scanCheckout(rows)
		if err != nil {
			return nil, fmt.Errorf("unfinished checkouts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// QuoteCheckout moves open checkout c and its open purchases ps to quoted, in one
// transaction, so that a crash never leaves some quoted and others not. The caller
// has set c's quote fields; each purchase gets c's ConfirmVia and ExpiresAt.
func (s *Store) QuoteCheckout(ctx context.Context, c *Checkout, ps []*Purchase) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		c.State = CheckoutQuoted
		if err := s.advanceCheckout(ctx, tx, c, []CheckoutState{CheckoutOpen}); err != nil {
			return err
		}
		for _, p := range ps {
			p.State, p.ConfirmVia, p.ExpiresAt = PurchaseQuoted, c.ConfirmVia, c.ExpiresAt
			if err := s.advance(ctx, tx, p, []PurchaseState{PurchaseOpen}); err != nil {
				return err
			}
			if err := s.appendEvent(ctx, tx, p.ID, "quoted", c.ConfirmVia); err != nil {
				return err
			}
		}
		return nil
	})
}
