package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// MaxAlsoBought is how many of a sale's AlsoBought products are paired with it; the
// rest are ignored, so one sale costs a bounded number of writes.
const MaxAlsoBought = 100

// Sale is one order line, as the sales statistics count it.
type Sale struct {
	ProductID string
	Quantity  int // units; at least 1
	// AlsoBought are the distinct products the same customer bought before, most recent
	// first. Each becomes a co-purchase pair with ProductID, unless ProductID is among
	// them: a repeat purchase adds no pairs, since the customer's pairs with the product
	// were counted at their first purchase of it. A pair's count is thus the number of
	// customers who bought both. Ids the catalog does not know and repeats are ignored,
	// as is everything after the first MaxAlsoBought.
	AlsoBought []string
	At         time.Time // when it was sold; zero means now
}

// RecordSale adds one sale of qty units of productID to the sales statistics that
// BestSellers, SalesOf and CoPurchased read: the product's sales count, its buyer count
// unless the sale is a repeat purchase, and one co-purchase for each of alsoBought (the customer's earlier distinct products, most
// recent first) unless it holds productID itself (see Sale.AlsoBought). The
// statistics are updated in place; nothing is recomputed from past orders. An unknown
// product is an error wrapping ErrNotFound; a missing id or a quantity below 1 wraps
// ErrInvalid.
func (c *Catalog) RecordSale(ctx context.Context, productID string, qty int, alsoBought []string, at time.Time) error {
	return c.RecordSales(ctx, []Sale{{ProductID: productID, Quantity: qty, AlsoBought: alsoBought, At: at}})
}

// RecordSales records sales as RecordSale does, all in one transaction: either every
// sale is counted or, when one is refused, none is. Use it to load order history in
// bulk.
func (c *Catalog) RecordSales(ctx context.Context, sales []Sale) error {
	if len(sales) == 0 {
		return nil
	}
	for i := range sales {
		if err := sales[i].validate(); err != nil {
			return err
		}
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record sales: %w", err)
	}
	defer tx.Rollback()
	r := recorder{tx: tx, rowids: map[string]int64{}}
	if err := r.prepare(ctx); err != nil {
		return err
	}
	defer r.close()
	now := c.now()
	for i := range sales {
		if err := r.record(ctx, &sales[i], now); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record sales: %w", err)
	}
	return nil
}

func (s *Sale) validate() error {
	switch {
	case strings.TrimSpace(s.ProductID) == "":
		return fmt.Errorf("record sale: %w: product id is required", ErrInvalid)
	case s.Quantity < 1:
		return fmt.Errorf("record sale of %q: %w: quantity must be at least 1", s.ProductID, ErrInvalid)
	}
	return nil
}

// recorder holds the prepared statements of one RecordSales transaction.
type recorder struct {
	tx                 *sql.Tx
	rowids             map[string]int64 // product id → rowid; 0 for unknown ids
	lookup, sale, pair *sql.Stmt
}

func (r *recorder) prepare(ctx context.Context) error {
	var err error
	if r.lookup, err = r.tx.PrepareContext(ctx, `SELECT rowid FROM products WHERE id = ?`); err != nil {
		return fmt.Errorf("record sales: %w", err)
	}
	r.sale, err = r.tx.PrepareContext(ctx, `
		INSERT INTO product_sales (product, orders, units, last_sold_at, buyers) VALUES (?1, 1, ?2, ?3, ?4)
		ON CONFLICT (product) DO UPDATE SET orders = orders + 1, units = units + excluded.units,
			last_sold_at = max(last_sold_at, excluded.last_sold_at), buyers = buyers + ?4`)
	if err != nil {
		return fmt.Errorf("record sales: %w", err)
	}
	r.pair, err = r.tx.PrepareContext(ctx, `
		INSERT INTO copurchases (a, b, n) VALUES (?1, ?2, 1), (?2, ?1, 1)
		ON CONFLICT (a, b) DO UPDATE SET n = n + 1`)
	if err != nil {
		return fmt.Errorf("record sales: %w", err)
	}
	return nil
}

func (r *recorder) close() {
	for _, s := range []*sql.Stmt{r.lookup, r.sale, r.pair} {
		if s != nil {
			s.Close()
		}
	}
}

// rowid returns the rowid of product id, or 0 when the catalog does not have it.
func (r *recorder) rowid(ctx context.Context, id string) (int64, error) {
	if v, ok := r.rowids[id]; ok {
		return v, nil
	}
	var v int64
	err := r.lookup.QueryRowContext(ctx, id).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("record sales: %w", err)
	}
	r.rowids[id] = v
	return v, nil
}

func (r *recorder) record(ctx context.Context, s *Sale, now time.Time) error {
	id := strings.TrimSpace(s.ProductID)
	p, err := r.rowid(ctx, id)
	if err != nil {
		return err
	}
	if p == 0 {
		return fmt.Errorf("record sale: product %q: %w", id, ErrNotFound)
	}
	at := s.At
	if at.IsZero() {
		at = now
	}
	repeat := slices.ContainsFunc(s.AlsoBought, func(o string) bool { return strings.TrimSpace(o) == id })
	newBuyer := 1
	if repeat {
		newBuyer = 0
	}
	if _, err := r.sale.ExecContext(ctx, p, s.Quantity, at.UTC().Format(time.RFC3339), newBuyer); err != nil {
		return fmt.Errorf("record sale of %q: %w", id, err)
	}
	if repeat {
		return nil // a repeat purchase: its buyer and pairs were counted the first time
	}
	seen := map[int64]bool{p: true}
	for i, other := range s.AlsoBought {
		if i == MaxAlsoBought {
			break
		}
		o, err := r.rowid(ctx, strings.TrimSpace(other))
		if err != nil {
			return err
		}
		if o == 0 || seen[o] {
			continue
		}
		seen[o] = true
		if _, err := r.pair.ExecContext(ctx, o, p); err != nil {
			return fmt.Errorf("record sale of %q: %w", id, err)
		}
	}
	return nil
}
