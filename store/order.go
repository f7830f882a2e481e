package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
)

// OrderStatus is where an order stands. An order is pending from the moment its
// purchase is approved (its total then counts against the daily limit) until the
// seller's checkout completes or the purchase fails.
type OrderStatus string

// Order statuses.
const (
	OrderPending   OrderStatus = "pending"
	OrderCompleted OrderStatus = "completed"
	OrderFailed    OrderStatus = "failed"
	// OrderChargedNoOrder: the seller has no order, yet Stripe shows the payment token
	// charged (PurchaseChargedNoOrder). It counts against the spending limits as a
	// completed order does; FailureCode and FailureParams say what was charged.
	OrderChargedNoOrder OrderStatus = "charged_no_order"
	// OrderCanceled, OrderRefunded and OrderPartiallyRefunded are never stored: they
	// are how a completed order is shown once its seller says it canceled or refunded
	// it, or refunded part or all of its total while the order stands (Order.Shown).
	OrderCanceled          OrderStatus = "canceled"
	OrderRefunded          OrderStatus = "refunded"
	OrderPartiallyRefunded OrderStatus = "partially_refunded"
)

// OrderStatuses are every status an order is shown with (Order.Shown), for filters
// and their validation.
var OrderStatuses = []OrderStatus{OrderPending, OrderCompleted, OrderPartiallyRefunded, OrderCanceled, OrderRefunded, OrderFailed, OrderChargedNoOrder}

// Shown is the status the person reads: Status, except for a completed order: one its
// seller canceled or refunded (ACP's canceled with a refund) is OrderCanceled or
// OrderRefunded, whatever was refunded; one the seller refunded while the order
// stands (a shipped or delivered order, say) is OrderRefunded when all of its total
// came back and OrderPartiallyRefunded when part of it did. shownStatusSQL is the same
// rule for ListOrders' filter; TestOrderShownMatchesFilter holds them equal.
func (o Order) Shown() OrderStatus {
	switch {
	case o.Status != OrderCompleted:
		return o.Status
	case o.SellerStatus == SellerCanceled || o.SellerStatus == SellerRefunded:
		return OrderStatus(o.SellerStatus)
	case o.Refunded > 0 && o.Refunded >= o.Total:
		return OrderRefunded
	case o.Refunded > 0:
		return OrderPartiallyRefunded
	}
	return OrderCompleted
}

// StaysPaid is what of o's total the seller has not refunded (never below zero): what
// a cancellation of a completed order still asks to have refunded.
func (o Order) StaysPaid() int64 { return max(o.Total-o.Refunded, 0) }

// shownStatusSQL is Order.Shown over the orders table's columns.
const shownStatusSQL = `(CASE WHEN status <> 'completed' THEN status
	WHEN seller_status IN ('canceled', 'refunded') THEN seller_status
	WHEN refunded > 0 AND refunded >= total THEN 'refunded'
	WHEN refunded > 0 THEN 'partially_refunded'
	ELSE 'completed' END)`

// Known reports whether st is one of OrderStatuses.
func (st OrderStatus) Known() bool {
	for _, k := range OrderStatuses {
		if st == k {
			return true
		}
	}
	return false
}

// Order is a purchase as the customer sees it: a snapshot of the line as the seller
// quoted it, the totals, and the card used. Amounts are minor units of Currency.
type Order struct {
	ID            string
	CustomerID    string
	PurchaseID    string
	Status        OrderStatus
	Mode          string // sandbox, test or live
	SellerID      string
	SellerName    string
	SessionID     string // the seller's ACP checkout session
	SellerOrderID string
	ProductID     string
	Title         string
	Brand         string
	Category      string
	Quantity      int
	UnitAmount    int64
	Subtotal      int64
	Tax           int64
	Shipping      int64
	Total         int64
	Currency      string
	CardBrand     string
	CardLast4     string
	// FailureCode and FailureParams (JSON) say why a failed order failed, as the
	// checkout recorded it (Purchase.FailureCode and FailureParams); FailureReason is
	// the reason in words of orders recorded before codes had parameters.
	FailureCode   string
	FailureParams string
	FailureReason string
	// After payment: what the seller says of the order (see UpdateOrder). Refunded is
	// the amount refunded so far; PermalinkURL and SupportURL are the seller's pages.
	SellerStatus   SellerStatus
	Carrier        string
	TrackingNumber string
	TrackingURL    string
	Refunded       int64
	PermalinkURL   string
	SupportURL     string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Lines are every line of the order (ProductID … UnitAmount repeat the first);
	// empty for orders recorded before orders had lines. Fulfillment is the delivery
	// chosen, nil for those orders; AddressID the address it goes to, if any.
	Lines       []Line
	Fulfillment *Fulfillment
	AddressID   string
	// Digital is what the seller delivered digitally when it completed the order (a
	// download link, a license or API key); nil for goods it ships. Seller text.
	Digital *DigitalDelivery
}

// DigitalDelivery is a seller's digital delivery of an order. URL and LicenseKey are
// seller text, cleaned and capped when stored. The key is the person's to use: it is
// shown to them, never logged.
type DigitalDelivery struct {
	URL        string
	LicenseKey string
}

// OrderFilter selects orders for ListOrders. An empty CustomerID lists every customer's
// orders (for the operator); tools always set it.
type OrderFilter struct {
	CustomerID string
	Status     OrderStatus // as Order.Shown; empty for all
	Limit      int         // default 20, at most 100
	Cursor     string      // from a previous ListOrders
}

const orderColumns = `id, customer_id, purchase_id, status, mode, seller_id, seller_name, session_id,
	seller_order_id, product_id, title, brand, category, quantity, unit_amount, subtotal, tax,
	shipping, total, currency, card_brand, card_last4, failure_code, failure_params, failure_reason,
	seller_status, carrier, tracking_number, tracking_url, refunded, permalink_url, support_url,
	created_at, updated_at, lines, fulfillment, address_id, delivery_url, license_key`

func scanOrder(row scanner) (Order, error) {
	var (
		o              Order
		created, updat string
		lines, ful     string
		dl             DigitalDelivery
	)
	err := row.Scan(&o.ID, &o.CustomerID, &o.PurchaseID, &o.Status, &o.Mode, &o.SellerID,
		&o.SellerName, &o.SessionID, &o.SellerOrderID, &o.ProductID, &o.Title, &o.Brand,
		&o.Category, &o.Quantity, &o.UnitAmount, &o.Subtotal, &o.Tax, &o.Shipping, &o.Total,
		&o.Currency, &o.CardBrand, &o.CardLast4, &o.FailureCode, &o.FailureParams, &o.FailureReason,
		&o.SellerStatus, &o.Carrier, &o.TrackingNumber, &o.TrackingURL, &o.Refunded, &o.PermalinkURL, &o.SupportURL,
		&created, &updat, &lines, &ful, &o.AddressID, &dl.URL, &dl.LicenseKey)
	if dl != (DigitalDelivery{}) {
		o.Digital = &dl
	}
	if err != nil {
		return o, err
	}
	if o.Lines, o.Fulfillment, err = decodeDelivery(lines, ful); err != nil {
		return o, err
	}
	return o, decodeTimes([]string{created, updat}, &o.CreatedAt, &o.UpdatedAt)
}

// Order returns the customer's order with the given id. Another customer's order is
// ErrNotFound, exactly as a missing one.
func (s *Store) Order(ctx context.Context, customerID, id string) (Order, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = ? AND customer_id = ?`, id, customerID)
	o, err := scanOrder(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Order{}, fmt.Errorf("order %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return Order{}, fmt.Errorf("order %q: %w", id, err)
	}
	return o, nil
}

// OrderBySellerOrderID returns the customer's newest order that its seller numbered
// sellerOrderID; ErrNotFound when there is none.
func (s *Store) OrderBySellerOrderID(ctx context.Context, customerID, sellerOrderID string) (Order, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE customer_id = ? AND seller_order_id = ?
		AND seller_order_id != '' ORDER BY created_at DESC, id DESC LIMIT 1`, customerID, sellerOrderID)
	o, err := scanOrder(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Order{}, fmt.Errorf("order with seller order id %q: %w", sellerOrderID, ErrNotFound)
	}
	if err != nil {
		return Order{}, fmt.Errorf("order with seller order id %q: %w", sellerOrderID, err)
	}
	return o, nil
}

// ListOrders returns orders newest first, and a cursor for the next page (empty on the
// last page). A cursor is bound to the customer whose orders it pages: with a
// CustomerID, a cursor that ListOrders returned for another customer is refused
// exactly as one it never returned (a FieldError, FieldForeign).
func (s *Store) ListOrders(ctx context.Context, f OrderFilter) ([]Order, string, error) {
	if f.Limit <= 0 {
		f.Limit = 20
	}
	if f.Limit > 100 {
		return nil, "", &FieldError{Field: "limit", Problem: FieldOutOfRange, Min: 1, Max: 100}
	}
	if f.Status != "" && !f.Status.Known() {
		oneOf := make([]string, len(OrderStatuses))
		for i, st := range OrderStatuses {
			oneOf[i] = string(st)
		}
		return nil, "", &FieldError{Field: "status", Problem: FieldNotOneOf, OneOf: oneOf}
	}
	var (
		where []string
		args  []any
	)
	if f.CustomerID != "" {
		where, args = append(where, "customer_id = ?"), append(args, f.CustomerID)
	}
	if f.Status != "" {
		where, args = append(where, shownStatusSQL+" = ?"), append(args, f.Status)
	}
	if f.Cursor != "" {
		at, id, err := decodeOrderCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		if f.CustomerID != "" {
			if err := s.ownCursor(ctx, f.CustomerID, at, id); err != nil {
				return nil, "", err
			}
		}
		where = append(where, "(created_at < ? OR (created_at = ? AND id < ?))")
		args = append(args, at, at, id)
	}
	q := `SELECT ` + orderColumns + ` FROM orders`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, f.Limit+1)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, "", fmt.Errorf("list orders: %w", err)
	}
	defer rows.Close()
	var out []Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, "", fmt.Errorf("list orders: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("list orders: %w", err)
	}
	next := ""
	if len(out) > f.Limit {
		out = out[:f.Limit]
		last := out[len(out)-1]
		next = encodeOrderCursor(encodeTime(last.CreatedAt), last.ID)
	}
	return out, next, nil
}

// ownCursor checks that the order a cursor points after, id created at at, is the
// customer's: a cursor ends on an order of the listing it came from.
func (s *Store) ownCursor(ctx context.Context, customerID, at, id string) error {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM orders WHERE id = ? AND customer_id = ? AND created_at = ?`,
		id, customerID, at).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return &FieldError{Field: "cursor", Problem: FieldForeign}
	case err != nil:
		return fmt.Errorf("list orders: %w", err)
	}
	return nil
}

func encodeOrderCursor(at, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at + "|" + id))
}

func decodeOrderCursor(c string) (string, string, error) {
	bad := &FieldError{Field: "cursor", Problem: FieldForeign}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", bad
	}
	at, id, ok := strings.Cut(string(b), "|")
	if !ok || id == "" {
		return "", "", bad
	}
	if _, err := decodeTime(at); err != nil {
		return "", "", bad
	}
	return at, id, nil
}

// decodeTimes decodes stored times into dst, in order.
func decodeTimes(src []string, dst ...*time.Time) error {
	for i, s := range src {
		t, err := decodeTime(s)
		if err != nil {
			return err
		}
		*dst[i] = t
	}
	return nil
}

// CompleteOrderIDs returns the ids of the customer's own orders that start with
// prefix, newest first, at most limit of them, and how many there are. It reads the
// customer's entries of the index orders_customer (which holds the ids), never another
// customer's orders.
func (s *Store) CompleteOrderIDs(ctx context.Context, customerID, prefix string, limit int) (values []string, total int, err error) {
	// The prefix is compared with substr, not as a range of the index of ids: the
	// range of a prefix such as "ord_" holds every customer's orders.
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM orders WHERE customer_id = ?1
		AND substr(id, 1, length(?2)) = ?2 ORDER BY created_at DESC, id DESC`, customerID, prefix)
	if err != nil {
		return nil, 0, fmt.Errorf("complete order ids: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		total++
		if len(values) == limit {
			continue
		}
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, 0, fmt.Errorf("complete order ids: %w", err)
		}
		values = append(values, id)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("complete order ids: %w", err)
	}
	return values, total, nil
}
