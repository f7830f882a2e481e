package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Line is one line of a purchase or order as its seller quoted it: amounts are minor
// units of the purchase's currency; Amount is UnitAmount × Quantity as the seller
// computed it. Title is seller text, cleaned. Condition is the product's condition
// when the catalog listed it as not new when it was quoted (used, refurbished, open
// box: catalog.Product.Condition), "" when new or for lines recorded before
// conditions were kept (the lines are JSON: no column needed).
//
// Choices are what the person chose for the line's product (a value of each of its
// options, a personalisation text): none for a product that asks for none, and for
// lines recorded before choices were kept. The personalisation is personal data: shown
// only to the customer, never logged.
type Line struct {
	ProductID  string `json:"product_id"`
	Title      string `json:"title"`
	Condition  string `json:"condition,omitempty"`
	Quantity   int    `json:"quantity"`
	UnitAmount int64  `json:"unit_amount"`
	Amount     int64  `json:"amount"`
	Choices
}

// Choices are the person's choices for one product: a value for each of its options,
// in the product's order, and a personalisation text ("" for none).
type Choices struct {
	Options         []Choice `json:"options,omitempty"`
	Personalization string   `json:"personalization,omitempty"`
}

// Choice is the value chosen for one option of a product (Name is the option,
// "ring_size"; Value the value as the product offers it, "7").
type Choice struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Empty reports whether c holds no choice.
func (c Choices) Empty() bool { return len(c.Options) == 0 && c.Personalization == "" }

// Equal reports whether c and d are the same choices, exactly.
func (c Choices) Equal(d Choices) bool {
	return c.Personalization == d.Personalization && slices.Equal(c.Options, d.Options)
}

// Key is c's stored form: "" when empty, else JSON. Equal choices have equal keys.
func (c Choices) Key() string {
	if c.Empty() {
		return ""
	}
	b, _ := json.Marshal(c) // strings always encode
	return string(b)
}

// ParseChoices reads choices stored with Key.
func ParseChoices(s string) (Choices, error) {
	var c Choices
	if s == "" {
		return c, nil
	}
	if err := json.Unmarshal([]byte(s), &c); err != nil {
		return Choices{}, fmt.Errorf("stored choices: %w", err)
	}
	return c, nil
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

// CartLine is a product in a customer's cart, the person's choices for it, and how
// many. The same product with other choices is another line.
type CartLine struct {
	ProductID string
	SellerID  string
	Quantity  int
	Choices   Choices
	AddedAt   time.Time
	UpdatedAt time.Time
}

// Cart is a customer's cart: its lines in the order they were added, and its
// revision, which every change of its lines increases.
type Cart struct {
	CustomerID string
	Revision   int64
	Lines      []CartLine
	// CheckoutID is the checkout holding the cart ("" for none): one being quoted,
	// awaiting confirmation, or being paid; a later one replaces it.
	CheckoutID string
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
	err := q.QueryRowContext(ctx, `SELECT revision, checkout_id FROM carts WHERE customer_id = ?`, customerID).Scan(&c.Revision, &c.CheckoutID)
	if errors.Is(err, sql.ErrNoRows) {
		err = customerExists(ctx, q, customerID)
	}
	if err != nil {
		return Cart{}, err
	}
	rows, err := q.QueryContext(ctx, `SELECT product_id, seller_id, quantity, choices, added_at, updated_at FROM cart_lines
		WHERE customer_id = ? ORDER BY position`, customerID)
	if err != nil {
		return Cart{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			l                   CartLine
			choices, added, upd string
		)
		if err := rows.Scan(&l.ProductID, &l.SellerID, &l.Quantity, &choices, &added, &upd); err != nil {
			return Cart{}, err
		}
		var err error
		if l.Choices, err = ParseChoices(choices); err != nil {
			return Cart{}, err
		}
		if err := decodeTimes([]string{added, upd}, &l.AddedAt, &l.UpdatedAt); err != nil {
			return Cart{}, err
		}
		c.Lines = append(c.Lines, l)
	}
	return c, rows.Err()
}

// CartChange changes one line of a cart: the product with Choices. With Add, Quantity
// more of it are added (a new line if it was not there); otherwise the line is set to
// Quantity, and 0 removes it.
type CartChange struct {
	ProductID string
	SellerID  string
	Quantity  int
	Add       bool
	Choices   Choices
}

// Emptied is what emptying a customer's cart (ClearCart, or ChangeCart removing its
// last line) did to the checkout holding it. Ended is a checkout of it not yet approved
// (its sellers being quoted, or its quote awaiting confirmation) that the emptying
// ended: canceled with CartEmptiedCode, with its seller orders, so that its quote can
// no longer be confirmed. Paying is a checkout already approved and being paid, which
// goes on. Each has an empty ID when there was none. Removed is how many lines the
// cart held.
type Emptied struct {
	Removed int
	Ended   Checkout
	Paying  Checkout
}

// ChangeCart applies ch to the customer's cart and returns the cart as it is now. The
// caller has checked that the product exists and can be bought. Errors: ErrNotFound
// for an unknown customer, or for setting the quantity of a product not in the cart; a
// *FieldError on "quantity" (OutOfRange between Min and Max: an added quantity must be
// at least 1 and keep the line at most MaxLineQuantity, a set one 0 to MaxLineQuantity) or on "product_id" (TooMany: the cart has MaxCartLines products).
// A change that removes the cart's last line empties it, as ClearCart does: emptied
// is then not nil, and says what that did to the checkout holding the cart.
func (s *Store) ChangeCart(ctx context.Context, customerID string, ch CartChange) (_ Cart, emptied *Emptied, _ error) {
	var out Cart
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		emptied = nil // a retried transaction starts again
		if err := customerExists(ctx, tx, customerID); err != nil {
			return err
		}
		key := ch.Choices.Key()
		var have, lines int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN product_id = ? AND choices = ? THEN quantity END), 0), count(*)
			FROM cart_lines WHERE customer_id = ?`, ch.ProductID, key, customerID).Scan(&have, &lines); err != nil {
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
			if _, err := tx.ExecContext(ctx, `DELETE FROM cart_lines WHERE customer_id = ? AND product_id = ? AND choices = ?`,
				customerID, ch.ProductID, key); err != nil {
				return err
			}
		default:
			if _, err := tx.ExecContext(ctx, `INSERT INTO cart_lines (customer_id, product_id, choices, seller_id, position, quantity, added_at, updated_at)
				VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM cart_lines WHERE customer_id = ?), ?, ?, ?)
				ON CONFLICT (customer_id, product_id, choices) DO UPDATE SET quantity = excluded.quantity,
				seller_id = excluded.seller_id, updated_at = excluded.updated_at`,
				customerID, ch.ProductID, key, ch.SellerID, customerID, qty, now, now); err != nil {
				return err
			}
		}
		if err := bumpCart(ctx, tx, customerID, now); err != nil {
			return err
		}
		var err error
		if out, err = readCart(ctx, tx, customerID); err != nil {
			return err
		}
		if qty == 0 && len(out.Lines) == 0 {
			e, err := s.emptied(ctx, tx, customerID)
			if err != nil {
				return err
			}
			e.Removed = 1
			emptied = &e
		}
		return nil
	})
	if err != nil {
		return Cart{}, nil, fmt.Errorf("change cart: %w", err)
	}
	return out, emptied, nil
}

// ClearCart empties the customer's cart: every line leaves it, and a checkout of it not
// yet approved ends (see Emptied).
func (s *Store) ClearCart(ctx context.Context, customerID string) (Emptied, error) {
	var e Emptied
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := customerExists(ctx, tx, customerID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM cart_lines WHERE customer_id = ?`, customerID)
		if err != nil {
			return err
		}
		if err := bumpCart(ctx, tx, customerID, encodeTime(s.now())); err != nil {
			return err
		}
		if e, err = s.emptied(ctx, tx, customerID); err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		e.Removed = int(n)
		return nil
	})
	if err != nil {
		return Emptied{}, fmt.Errorf("clear cart: %w", err)
	}
	return e, nil
}

// emptied ends, in tx, the checkout holding the customer's cart, just emptied, when it
// is not yet approved (it lets go of the cart), and says what it did.
func (s *Store) emptied(ctx context.Context, tx *sql.Tx, customerID string) (Emptied, error) {
	var holder string
	err := tx.QueryRowContext(ctx, `SELECT checkout_id FROM carts WHERE customer_id = ?`, customerID).Scan(&holder)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && holder == "") {
		return Emptied{}, nil
	}
	if err != nil {
		return Emptied{}, err
	}
	h, err := s.checkoutWhere(ctx, tx, `id = ?`, holder)
	if err != nil {
		return Emptied{}, err
	}
	switch h.State {
	case CheckoutOpen, CheckoutQuoted:
		now := s.now()
		if err := supersede(ctx, tx, s, h, CartEmptiedCode, now); err != nil {
			return Emptied{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE carts SET checkout_id = '' WHERE customer_id = ? AND checkout_id = ?`,
			customerID, h.ID); err != nil {
			return Emptied{}, err
		}
		h.State, h.FailureCode, h.FailureParams, h.UpdatedAt = CheckoutCanceled, CartEmptiedCode, "{}", now
		return Emptied{Ended: h}, nil
	case CheckoutPaying:
		return Emptied{Paying: h}, nil
	}
	return Emptied{}, nil
}

// bumpCart counts a change of the customer's cart lines.
func bumpCart(ctx context.Context, tx *sql.Tx, customerID, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO carts (customer_id, revision, updated_at) VALUES (?, 1, ?)
		ON CONFLICT (customer_id) DO UPDATE SET revision = revision + 1, updated_at = excluded.updated_at`, customerID, now)
	return err
}

// takeFromCart removes bought lines from the customer's cart: each line's quantity (the
// product with the line's choices) goes down by what was bought, and a line that
// reaches 0 leaves.
func takeFromCart(ctx context.Context, tx *sql.Tx, customerID string, lines []Line, now time.Time) error {
	for _, l := range lines {
		key := l.Choices.Key()
		if _, err := tx.ExecContext(ctx, `DELETE FROM cart_lines WHERE customer_id = ? AND product_id = ? AND choices = ? AND quantity <= ?`,
			customerID, l.ProductID, key, l.Quantity); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cart_lines SET quantity = quantity - ?, updated_at = ?
			WHERE customer_id = ? AND product_id = ? AND choices = ?`, l.Quantity, encodeTime(now), customerID, l.ProductID, key); err != nil {
			return err
		}
	}
	return bumpCart(ctx, tx, customerID, encodeTime(now))
}
