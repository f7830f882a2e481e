package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// The sales outbox: the sales of completed orders, written in the transaction that
// completes the order (Complete), waiting to be counted in the catalog's sales
// statistics, which live in another database. checkout.Service.DrainSales moves them
// there; see migrations/0016 for why each is counted exactly once.

// MaxAlsoBought is how many of the customer's earlier products a pending sale keeps
// (catalog.MaxAlsoBought: the statistics pair no more).
const MaxAlsoBought = 100

// PendingSale is one order line waiting to be counted in the sales statistics.
type PendingSale struct {
	Seq       int64 // increasing in commit order, never reused by this store
	OrderID   string
	ProductID string
	Quantity  int
	// AlsoBought are the customer's distinct products of the orders completed before
	// this one, most recent first, read when it completed (at most MaxAlsoBought).
	AlsoBought []string
	At         time.Time // when the order completed
}

// StoreID returns the store's id: random, made by the first call (one for the file,
// whoever calls first).
func (s *Store) StoreID(ctx context.Context) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM store_identity`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO store_identity (id) SELECT lower(hex(randomblob(16)))
				WHERE NOT EXISTS (SELECT 1 FROM store_identity)`); err != nil {
				return err
			}
			return tx.QueryRowContext(ctx, `SELECT id FROM store_identity`).Scan(&id)
		})
	}
	if err != nil {
		return "", fmt.Errorf("store id: %w", err)
	}
	return id, nil
}

// SalesHighWater returns the highest outbox number this store has ever given a sale
// (0 before the first): the counter of the outbox, which forgetting sales does not
// lower. It is lower than what the statistics have counted for this store's id only if
// the counter went back: the file restored from a backup, or copied.
func (s *Store) SalesHighWater(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sales_outbox'), 0)`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sales high-water: %w", err)
	}
	return n, nil
}

// RenewStoreID gives the store a new random id if its id is still old, and returns
// its id: the new one, or the one a racing call gave it. The sales statistics know
// nothing of the new id, so every sale still pending counts under it from the first.
func (s *Store) RenewStoreID(ctx context.Context, old string) (string, error) {
	var id string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE store_identity SET id = lower(hex(randomblob(16))) WHERE id = ?`, old); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT id FROM store_identity`).Scan(&id)
	})
	if err != nil {
		return "", fmt.Errorf("renew store id: %w", err)
	}
	return id, nil
}

// PendingSales returns at most n sales waiting to be counted whose Seq is above after,
// in Seq order.
func (s *Store) PendingSales(ctx context.Context, after int64, n int) ([]PendingSale, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, order_id, product_id, quantity, also_bought, sold_at
		FROM sales_outbox WHERE seq > ? ORDER BY seq LIMIT ?`, after, n)
	if err != nil {
		return nil, fmt.Errorf("pending sales: %w", err)
	}
	defer rows.Close()
	var out []PendingSale
	for rows.Next() {
		var (
			ps         PendingSale
			also, sold string
		)
		if err := rows.Scan(&ps.Seq, &ps.OrderID, &ps.ProductID, &ps.Quantity, &also, &sold); err != nil {
			return nil, fmt.Errorf("pending sales: %w", err)
		}
		if err := json.Unmarshal([]byte(also), &ps.AlsoBought); err != nil {
			return nil, fmt.Errorf("pending sales: sale %d: %w", ps.Seq, err)
		}
		if ps.At, err = decodeTime(sold); err != nil {
			return nil, fmt.Errorf("pending sales: sale %d: %w", ps.Seq, err)
		}
		out = append(out, ps)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pending sales: %w", err)
	}
	return out, nil
}

// ForgetSales deletes the pending sales up to seq (inclusive): those the statistics
// have counted. It returns how many it deleted.
func (s *Store) ForgetSales(ctx context.Context, upTo int64) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sales_outbox WHERE seq <= ?`, upTo)
	if err != nil {
		return 0, fmt.Errorf("forget sales: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("forget sales: %w", err)
	}
	return n, nil
}

// addPendingSales puts the lines of p, whose order completes in tx, in the outbox.
func addPendingSales(ctx context.Context, tx *sql.Tx, p *Purchase, at time.Time) error {
	if p.OrderID == "" {
		return nil
	}
	also, err := boughtBefore(ctx, tx, p.CustomerID, p.OrderID, MaxAlsoBought)
	if err != nil {
		return err
	}
	if also == nil {
		also = []string{}
	}
	b, err := json.Marshal(also)
	if err != nil {
		return err
	}
	lines := p.Lines
	if len(lines) == 0 {
		lines = []Line{{ProductID: p.ProductID, Quantity: p.Quantity}}
	}
	for _, l := range lines {
		if l.Quantity < 1 || l.ProductID == "" {
			continue // nothing to count
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO sales_outbox (order_id, product_id, quantity, also_bought, sold_at) VALUES (?, ?, ?, ?, ?)`,
			p.OrderID, l.ProductID, l.Quantity, string(b), encodeTime(at)); err != nil {
			return err
		}
	}
	return nil
}
