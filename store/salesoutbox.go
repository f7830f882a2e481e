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
// there; each carries a random token, which the statistics keep once they have counted
// it, so that each is counted exactly once (see migrations/0017).

// MaxAlsoBought is how many of the customer's earlier products a pending sale keeps
// (catalog.MaxAlsoBought: the statistics pair no more).
const MaxAlsoBought = 100

// PendingSale is one order line waiting to be counted in the sales statistics.
type PendingSale struct {
	Seq int64 // increasing in commit order: the outbox's order
	// Token is random, made when the sale went into the outbox: copies of the store
	// file share the tokens of the sales made before the copy and no other.
	Token     int64
	OrderID   string
	ProductID string
	Quantity  int
	// AlsoBought are the customer's distinct products of the orders completed before
	// this one, most recent first, read when it completed (at most MaxAlsoBought).
	AlsoBought []string
	At         time.Time // when the order completed
}

// OldSales says whether the outbox holds sales from before migration 0017, which the
// statistics may have counted by number rather than by token: the store's old id (the
// statistics' marks were per id) and the outbox's highest number at the migration, or
// "" when there is nothing to settle (SettleOldSales has, or the store never counted
// a sale by number).
func (s *Store) OldSales(ctx context.Context) (id string, top int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT id, sales_top FROM store_identity`).Scan(&id, &top)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("old sales: %w", err)
	}
	return id, top, nil
}

// SettleOldSales settles the sales from before migration 0017 once, given the highest
// number that the statistics counted for the store's old id (OldSales) by then: it
// forgets those at or below counted, gives the others a token (they are counted as any
// other), and forgets the old id, all in one transaction. A second call (a racing
// drain) finds nothing left to do.
func (s *Store) SettleOldSales(ctx context.Context, id string, counted int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM store_identity WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // settled by another drain
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sales_outbox WHERE token IS NULL AND seq <= ?`, counted); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE sales_outbox SET token = random() WHERE token IS NULL`)
		return err
	})
	if err != nil {
		return fmt.Errorf("settle old sales: %w", err)
	}
	return nil
}

// PendingSales returns the first n sales waiting to be counted, in Seq order. Sales
// from before migration 0017 are left out until SettleOldSales has given them a token.
func (s *Store) PendingSales(ctx context.Context, n int) ([]PendingSale, error) {
	return s.pendingSales(ctx, `token IS NOT NULL ORDER BY seq LIMIT ?`, n)
}

// PendingSalesOf returns the sales of order orderID waiting to be counted, in Seq order.
func (s *Store) PendingSalesOf(ctx context.Context, orderID string) ([]PendingSale, error) {
	return s.pendingSales(ctx, `order_id = ? AND token IS NOT NULL ORDER BY seq`, orderID)
}

// pendingSales returns the pending sales that where (an SQL condition and order, with
// args) selects.
func (s *Store) pendingSales(ctx context.Context, where string, args ...any) ([]PendingSale, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, token, order_id, product_id, quantity, also_bought, sold_at
		FROM sales_outbox WHERE `+where, args...)
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
		if err := rows.Scan(&ps.Seq, &ps.Token, &ps.OrderID, &ps.ProductID, &ps.Quantity, &also, &sold); err != nil {
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

// ForgetSales deletes the given sales from the outbox: those the statistics have
// counted. It returns how many it deleted (fewer when another drain deleted some).
func (s *Store) ForgetSales(ctx context.Context, sales []PendingSale) (int64, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		n = 0
		stmt, err := tx.PrepareContext(ctx, `DELETE FROM sales_outbox WHERE seq = ? AND token = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, ps := range sales {
			res, err := stmt.ExecContext(ctx, ps.Seq, ps.Token)
			if err != nil {
				return err
			}
			d, err := res.RowsAffected()
			if err != nil {
				return err
			}
			n += d
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("forget sales: %w", err)
	}
	return n, nil
}

// addPendingSales puts the lines of p, whose order completes in tx, in the outbox,
// then notes the order in bought_last (noteBought): its also-bought list is read
// before, so that it leaves the order itself out.
func addPendingSales(ctx context.Context, tx *sql.Tx, p *Purchase, at time.Time) error {
	if p.OrderID == "" {
		return nil
	}
	also, err := boughtLast(ctx, tx, p.CustomerID, MaxAlsoBought)
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO sales_outbox (token, order_id, product_id, quantity, also_bought, sold_at) VALUES (random(), ?, ?, ?, ?, ?)`,
			p.OrderID, l.ProductID, l.Quantity, string(b), encodeTime(at)); err != nil {
			return err
		}
	}
	return noteBought(ctx, tx, p.OrderID)
}
