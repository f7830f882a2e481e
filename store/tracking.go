package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// SellerStatus is what the seller says of an order after it was paid for. It only
// moves forward, in the order of the constants; canceled and refunded may follow any
// other status, and refunded may follow canceled.
type SellerStatus string

// Seller statuses. The empty status means the seller has said nothing yet.
const (
	SellerConfirmed  SellerStatus = "confirmed"
	SellerProcessing SellerStatus = "processing"
	SellerShipped    SellerStatus = "shipped"
	SellerDelivered  SellerStatus = "delivered"
	SellerCanceled   SellerStatus = "canceled"
	SellerRefunded   SellerStatus = "refunded"
)

// rank orders seller statuses; an update never lowers it.
func (s SellerStatus) rank() int {
	switch s {
	case SellerConfirmed:
		return 1
	case SellerProcessing:
		return 2
	case SellerShipped:
		return 3
	case SellerDelivered:
		return 4
	case SellerCanceled:
		return 5
	case SellerRefunded:
		return 6
	}
	return 0
}

// Valid reports whether s is one of the seller statuses.
func (s SellerStatus) Valid() bool { return s.rank() > 0 }

// Sources of order events.
const (
	SourceSeller = "seller"       // an order event from the seller (webhook)
	SourceCancel = "cancellation" // the seller's answer to the person's cancellation request
)

// Caps on seller text kept with an order; longer values are cut, since they come from
// sellers, not from the person.
const (
	maxCarrier  = 80
	maxTracking = 120
	maxURL      = 2048
)

// OrderUpdate is news about a paid order. Empty fields leave the order's value as it
// is; Refunded is the total refunded so far (a smaller value than the order's is
// ignored).
type OrderUpdate struct {
	Status         SellerStatus
	Carrier        string
	TrackingNumber string
	TrackingURL    string
	Refunded       int64
	PermalinkURL   string
	SupportURL     string
	Source         string // SourceSeller or SourceCancel
}

// OrderEvent is one change in an order's history.
type OrderEvent struct {
	Status         SellerStatus
	Carrier        string
	TrackingNumber string
	TrackingURL    string
	Refunded       int64
	Source         string
	At             time.Time
}

// UpdateOrder applies u to the order with id and reports whether it changed. A status
// that would move the order back (shipped after delivered, say) is ignored, so events
// that arrive late or twice change nothing. A change of status, tracking or refunded
// amount is appended to the order's history (OrderHistory); the links are kept
// without a history entry. ErrNotFound when there is no such order; a status that is
// not a SellerStatus is a *FieldError.
func (s *Store) UpdateOrder(ctx context.Context, id string, u OrderUpdate) (Order, bool, error) {
	return s.updateOrderWhere(ctx, u, Once{}, `id = ?`, id)
}

// UpdateSellerOrder is UpdateOrder for the order that seller sellerID made from its
// checkout session sessionID: how order events name an order.
func (s *Store) UpdateSellerOrder(ctx context.Context, sellerID, sessionID string, u OrderUpdate) (Order, bool, error) {
	return s.UpdateSellerOrderOnce(ctx, sellerID, sessionID, u, Once{})
}

// Once names a delivery that may be applied only once: a nonce of scope, remembered
// until ExpiresAt (as UseOnce). The zero Once is no such check.
type Once struct {
	Scope, Nonce string
	ExpiresAt    time.Time
}

// UpdateSellerOrderOnce is UpdateSellerOrder that also records once's nonce as used, in
// the same transaction: a nonce used before is ErrReplay and changes nothing, and an
// update that fails (no such order) leaves the nonce unused, so the delivery can be
// made again.
func (s *Store) UpdateSellerOrderOnce(ctx context.Context, sellerID, sessionID string, u OrderUpdate, once Once) (Order, bool, error) {
	if sellerID == "" || sessionID == "" {
		return Order{}, false, fmt.Errorf("update order: %w", ErrNotFound)
	}
	return s.updateOrderWhere(ctx, u, once, bySellerSession, sellerID, sessionID)
}

// bySellerSession finds an order by its seller's checkout session through the partial
// index orders_seller_session: repeating its condition (a session id not empty) lets
// SQLite use it for a bound session id (without it every order event read every order).
const bySellerSession = `seller_id = ? AND session_id = ? AND session_id != ''`

// orderWhereQuery reads the newest order matching where.
func orderWhereQuery(where string) string {
	return `SELECT ` + orderColumns + ` FROM orders WHERE ` + where + ` ORDER BY created_at DESC, id DESC LIMIT 1`
}

// useOnce records once's nonce in tx; ErrReplay when it was used.
func (s *Store) useOnce(ctx context.Context, tx *sql.Tx, once Once) error {
	switch {
	case once.Nonce == "":
		return nil
	case once.Scope == "" || len(once.Scope) > maxNonceLen || len(once.Nonce) > maxNonceLen || !once.ExpiresAt.After(s.now()):
		return fmt.Errorf("use nonce: %w", ErrInvalid)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM used_nonces WHERE expires_at <= ?`, encodeTime(s.now())); err != nil {
		return fmt.Errorf("use nonce: %w", err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO used_nonces (scope, nonce, expires_at) VALUES (?, ?, ?)`,
		once.Scope, once.Nonce, encodeTime(once.ExpiresAt))
	if isUniqueViolation(err) {
		return fmt.Errorf("use nonce: %w", ErrReplay)
	}
	if err != nil {
		return fmt.Errorf("use nonce: %w", err)
	}
	return nil
}

func (s *Store) updateOrderWhere(ctx context.Context, u OrderUpdate, once Once, where string, args ...any) (Order, bool, error) {
	if u.Status != "" && !u.Status.Valid() {
		return Order{}, false, &FieldError{Field: "status", Problem: FieldNotOneOf, OneOf: []string{string(SellerConfirmed),
			string(SellerProcessing), string(SellerShipped), string(SellerDelivered), string(SellerCanceled), string(SellerRefunded)}}
	}
	if u.Refunded < 0 {
		return Order{}, false, &FieldError{Field: "refunded", Problem: FieldNegative}
	}
	u.Carrier = text.Clean(u.Carrier, maxCarrier)
	u.TrackingNumber = text.Clean(u.TrackingNumber, maxTracking)
	u.TrackingURL = cleanURL(u.TrackingURL, maxURL)
	u.PermalinkURL = cleanURL(u.PermalinkURL, maxURL)
	u.SupportURL = cleanURL(u.SupportURL, maxURL)
	var (
		o       Order
		changed bool
	)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.useOnce(ctx, tx, once); err != nil {
			return err
		}
		var err error
		o, err = scanOrder(tx.QueryRowContext(ctx, orderWhereQuery(where), args...))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("update order: %w", ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("update order: %w", err)
		}
		next := o
		if u.Status.rank() > o.SellerStatus.rank() {
			next.SellerStatus = u.Status
		}
		next.Carrier = firstNonEmpty(u.Carrier, o.Carrier)
		next.TrackingNumber = firstNonEmpty(u.TrackingNumber, o.TrackingNumber)
		next.TrackingURL = firstNonEmpty(u.TrackingURL, o.TrackingURL)
		next.Refunded = max(o.Refunded, min(u.Refunded, o.Total))
		next.PermalinkURL = firstNonEmpty(u.PermalinkURL, o.PermalinkURL)
		next.SupportURL = firstNonEmpty(u.SupportURL, o.SupportURL)
		history := next.SellerStatus != o.SellerStatus || next.Carrier != o.Carrier ||
			next.TrackingNumber != o.TrackingNumber || next.TrackingURL != o.TrackingURL || next.Refunded != o.Refunded
		if !history && next.PermalinkURL == o.PermalinkURL && next.SupportURL == o.SupportURL {
			return nil
		}
		now := s.now()
		next.UpdatedAt = now
		if _, err := tx.ExecContext(ctx, `UPDATE orders SET seller_status = ?, carrier = ?, tracking_number = ?,
			tracking_url = ?, refunded = ?, permalink_url = ?, support_url = ?, updated_at = ? WHERE id = ?`,
			next.SellerStatus, next.Carrier, next.TrackingNumber, next.TrackingURL, next.Refunded, next.PermalinkURL,
			next.SupportURL, encodeTime(now), o.ID); err != nil {
			return fmt.Errorf("update order: %w", err)
		}
		if history {
			source := u.Source
			if source == "" {
				source = SourceSeller
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO order_events (order_id, seq, status, carrier, tracking_number,
				tracking_url, refunded, source, at) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM order_events
				WHERE order_id = ?), ?, ?, ?, ?, ?, ?, ?)`, o.ID, o.ID, next.SellerStatus, next.Carrier, next.TrackingNumber,
				next.TrackingURL, next.Refunded, source, encodeTime(now)); err != nil {
				return fmt.Errorf("update order: %w", err)
			}
		}
		o, changed = next, history
		return nil
	})
	if err != nil {
		return Order{}, false, err
	}
	return o, changed, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// OrderHistory returns the changes of the order with id, oldest first (empty when the
// seller has said nothing yet). The caller has checked that the order is its
// customer's.
func (s *Store) OrderHistory(ctx context.Context, id string) ([]OrderEvent, error) {
	h, err := s.OrderHistories(ctx, []string{id})
	return h[id], err
}

// OrderHistories returns the histories of the orders with the given ids, by id.
func (s *Store) OrderHistories(ctx context.Context, ids []string) (map[string][]OrderEvent, error) {
	out := make(map[string][]OrderEvent, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, `SELECT order_id, status, carrier, tracking_number, tracking_url, refunded, source, at
		FROM order_events WHERE order_id IN (`+marks(len(ids))+`) ORDER BY order_id, seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("order history: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, at string
			e      OrderEvent
		)
		if err := rows.Scan(&id, &e.Status, &e.Carrier, &e.TrackingNumber, &e.TrackingURL, &e.Refunded, &e.Source, &at); err != nil {
			return nil, fmt.Errorf("order history: %w", err)
		}
		if e.At, err = decodeTime(at); err != nil {
			return nil, err
		}
		out[id] = append(out[id], e)
	}
	return out, rows.Err()
}
