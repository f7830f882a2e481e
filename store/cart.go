package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Line is one line of a purchase or order as its seller quoted it: amounts are minor
// units of the purchase's currency; Amount is UnitAmount × Quantity as the seller
// computed it. Title is seller text, cleaned.
type Line struct {
	ProductID  string `json:"product_id"`
	Title      string `json:"title"`
	Quantity   int    `json:"quantity"`
	UnitAmount int64  `json:"unit_amount"`
	Amount     int64  `json:"amount"`
}

// Fulfillment is how a purchase is delivered: the option chosen (ID, Type, Title,
// Amount, the delivery window) and every option the seller offered with it.
type Fulfillment struct {
	FulfillmentOption
	Options []FulfillmentOption `json:"options,omitempty"`
}

// FulfillmentOption is one way a seller offered to deliver: Type is shipping, digital,
// pickup or local_delivery; Title is seller text, cleaned; Amount is its cost in minor
// units; Earliest and Latest bound the delivery (zero when the seller did not say).
type FulfillmentOption struct {
	ID       string    `json:"id"`
	Type     string    `json:"type"`
	Title    string    `json:"title"`
	Amount   int64     `json:"amount"`
	Earliest time.Time `json:"earliest,omitzero"`
	Latest   time.Time `json:"latest,omitzero"`
}

func encodeDelivery(lines []Line, f *Fulfillment) (string, string) {
	var l, ff string
	if len(lines) > 0 {
		b, _ := json.Marshal(lines) // strings, integers and times always encode
		l = string(b)
	}
	if f != nil {
		b, _ := json.Marshal(f)
		ff = string(b)
	}
	return l, ff
}

func decodeDelivery(lines, fulfillment string) ([]Line, *Fulfillment, error) {
	var (
		ls []Line
		f  *Fulfillment
	)
	if lines != "" {
		if err := json.Unmarshal([]byte(lines), &ls); err != nil {
			return nil, nil, fmt.Errorf("stored lines: %w", err)
		}
	}
	if fulfillment != "" {
		f = &Fulfillment{}
		if err := json.Unmarshal([]byte(fulfillment), f); err != nil {
			return nil, nil, fmt.Errorf("stored fulfillment: %w", err)
		}
	}
	return ls, f, nil
}

// Cart limits.
const (
	MaxCartLines    = 50 // different products in one cart
	MaxLineQuantity = 99 // of one product, as purchase allows
)

// CartLine is a product in a customer's cart and how many.
type CartLine struct {
	ProductID string
	SellerID  string
	Quantity  int
	AddedAt   time.Time
	UpdatedAt time.Time
}

// Cart is a customer's cart: its lines in the order they were added, and its
// revision, which every change of its lines increases.
type Cart struct {
	CustomerID string
	Revision   int64
	Lines      []CartLine
}

// Cart returns the customer's cart (empty, revision 0, when they never had one).
// Errors: ErrNotFound for an unknown customer.
func (s *Store) Cart(ctx context.Context, customerID string) (Cart, error) {
	c, err := readCart(ctx, s.db, customerID)
	if err != nil {
		return Cart{}, fmt.Errorf("cart: %w", err)
	}
	return c, nil
}

func readCart(ctx context.Context, q querier, customerID string) (Cart, error) {
	c := Cart{CustomerID: customerID}
	err := q.QueryRowContext(ctx, `SELECT revision FROM carts WHERE customer_id = ?`, customerID).Scan(&c.Revision)
	if errors.Is(err, sql.ErrNoRows) {
		err = customerExists(ctx, q, customerID)
	}
	if err != nil {
		return Cart{}, err
	}
	rows, err := q.QueryContext(ctx, `SELECT product_id, seller_id, quantity, added_at, updated_at FROM cart_lines
		WHERE customer_id = ? ORDER BY position`, customerID)
	if err != nil {
		return Cart{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			l          CartLine
			added, upd string
		)
		if err := rows.Scan(&l.ProductID, &l.SellerID, &l.Quantity, &added, &upd); err != nil {
			return Cart{}, err
		}
		if err := decodeTimes([]string{added, upd}, &l.AddedAt, &l.UpdatedAt); err != nil {
			return Cart{}, err
		}
		c.Lines = append(c.Lines, l)
	}
	return c, rows.Err()
}

// CartChange changes one line of a cart. With Add, Quantity more of the product are
// added (a new line if it was not there); otherwise the line is set to Quantity, and 0
// removes it.
type CartChange struct {
	ProductID string
	SellerID  string
	Quantity  int
	Add       bool
}

// ChangeCart applies ch to the customer's cart and returns the cart as it is now. The
// caller has checked that the product exists and can be bought. Errors: ErrNotFound
// for an unknown customer, or for setting the quantity of a product not in the cart; a
// *FieldError on "quantity" (OutOfRange between Min and Max: an added quantity must be
// at least 1 and keep the line at most MaxLineQuantity, a set one 0 to MaxLineQuantity) or on "product_id" (TooMany: the cart has MaxCartLines products).
func (s *Store) ChangeCart(ctx context.Context, customerID string, ch CartChange) (Cart, error) {
	var out Cart
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, customerID); err != nil {
			return err
		}
		var have, lines int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN product_id = ? THEN quantity END), 0), count(*)
			FROM cart_lines WHERE customer_id = ?`, ch.ProductID, customerID).Scan(&have, &lines); err != nil {
			return err
		}
		qty, lo, hi := ch.Quantity, 0, MaxLineQuantity
		if ch.Add {
			qty, lo, hi = have+ch.Quantity, 1, MaxLineQuantity-have
		}
		now := encodeTime(s.now())
		switch {
		case ch.Quantity < lo, ch.Quantity > hi:
			return &FieldError{Field: "quantity", Problem: FieldOutOfRange, Value: fmt.Sprint(ch.Quantity), Min: float64(lo), Max: float64(hi)}
		case have == 0 && !ch.Add:
			return fmt.Errorf("product %q in cart: %w", ch.ProductID, ErrNotFound)
		case have == 0 && lines >= MaxCartLines:
			return &FieldError{Field: "product_id", Problem: FieldTooMany, Max: MaxCartLines}
		case qty == 0:
			if _, err := tx.ExecContext(ctx, `DELETE FROM cart_lines WHERE customer_id = ? AND product_id = ?`, customerID, ch.ProductID); err != nil {
				return err
			}
		default:
			if _, err := tx.ExecContext(ctx, `INSERT INTO cart_lines (customer_id, product_id, seller_id, position, quantity, added_at, updated_at)
				VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM cart_lines WHERE customer_id = ?), ?, ?, ?)
				ON CONFLICT (customer_id, product_id) DO UPDATE SET quantity = excluded.quantity,
				seller_id = excluded.seller_id, updated_at = excluded.updated_at`,
				customerID, ch.ProductID, ch.SellerID, customerID, qty, now, now); err != nil {
				return err
			}
		}
		if err := bumpCart(ctx, tx, customerID, now); err != nil {
			return err
		}
		var err error
		out, err = readCart(ctx, tx, customerID)
		return err
	})
	if err != nil {
		return Cart{}, fmt.Errorf("change cart: %w", err)
	}
	return out, nil
}

// ClearCart empties the customer's cart and returns how many lines it held.
func (s *Store) ClearCart(ctx context.Context, customerID string) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, customerID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM cart_lines WHERE customer_id = ?`, customerID)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return bumpCart(ctx, tx, customerID, encodeTime(s.now()))
	})
	if err != nil {
		return 0, fmt.Errorf("clear cart: %w", err)
	}
	return int(n), nil
}

// bumpCart counts a change of the customer's cart lines.
func bumpCart(ctx context.Context, tx *sql.Tx, customerID, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO carts (customer_id, revision, updated_at) VALUES (?, 1, ?)
		ON CONFLICT (customer_id) DO UPDATE SET revision = revision + 1, updated_at = excluded.updated_at`, customerID, now)
	return err
}

// takeFromCart removes bought lines from the customer's cart: each product's quantity
// goes down by what was bought, and a line that reaches 0 leaves.
func takeFromCart(ctx context.Context, tx *sql.Tx, customerID string, lines []Line, now time.Time) error {
	for _, l := range lines {
		if _, err := tx.ExecContext(ctx, `DELETE FROM cart_lines WHERE customer_id = ? AND product_id = ? AND quantity <= ?`,
			customerID, l.ProductID, l.Quantity); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cart_lines SET quantity = quantity - ?, updated_at = ?
			WHERE customer_id = ? AND product_id = ?`, l.Quantity, encodeTime(now), customerID, l.ProductID); err != nil {
			return err
		}
	}
	return bumpCart(ctx, tx, customerID, encodeTime(now))
}
