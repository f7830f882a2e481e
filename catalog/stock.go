package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrOutOfStock means a product cannot supply the quantity asked for: it is not in
// stock, or its known stock is smaller than the quantity.
var ErrOutOfStock = errors.New("out of stock")

// StockVersion identifies the count of a product's stock that TakeStock took from: a
// feed import that writes the product's stock moves it (TakeStock and ReturnStock do
// not). ReturnStock needs it.
type StockVersion int64

// TakeStock removes qty units of a product from stock, atomically: of two concurrent
// calls competing for the last units, one succeeds and the other gets ErrOutOfStock.
//
// The product must be in stock (availability in_stock with a positive or unknown
// quantity). A known quantity is decremented and must not go below zero; when it
// reaches zero the product becomes out_of_stock. An unknown quantity stays unknown: the
// call succeeds without changing anything. TakeStock returns an error wrapping
// ErrInvalid when qty is not positive, ErrNotFound when no product has the id, and
// ErrOutOfStock when the product cannot supply qty units. It does not change the
// product's updated_at, which records when a feed last delivered the product. It
// returns the version of the stock taken from, for ReturnStock.
func (c *Catalog) TakeStock(ctx context.Context, productID string, qty int) (StockVersion, error) {
	if qty < 1 {
		return 0, fmt.Errorf("take stock %q: %w: quantity %d must be at least 1", productID, ErrInvalid, qty)
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("take stock %q: %w", productID, err)
	}
	defer tx.Rollback()
	var (
		rowid int64
		v     StockVersion
	)
	err = tx.QueryRowContext(ctx, `
		UPDATE products SET
			stock = stock - ?1,
			availability = CASE WHEN stock IS NOT NULL AND stock = ?1 THEN 'out_of_stock' ELSE availability END
		WHERE id = ?2 AND in_stock AND (stock IS NULL OR stock >= ?1) RETURNING rowid, stock_version`, qty, productID).Scan(&rowid, &v)
	if err == nil {
		if err := rederive(ctx, tx, rowid); err != nil {
			return 0, fmt.Errorf("take stock %q: %w", productID, err)
		}
		if err := tx.Commit(); err != nil {
			return 0, fmt.Errorf("take stock %q: %w", productID, err)
		}
		return v, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("take stock %q: %w", productID, err)
	}
	tx.Rollback()
	var one int
	err = c.db.QueryRowContext(ctx, `SELECT 1 FROM products WHERE id = ?`, productID).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, fmt.Errorf("take stock %q: %w", productID, ErrNotFound)
	case err != nil:
		return 0, fmt.Errorf("take stock %q: %w", productID, err)
	}
	return 0, fmt.Errorf("take stock %q: %w", productID, ErrOutOfStock)
}

// ReturnStock puts back qty units that TakeStock removed, from the stock of version v,
// for a sale that did not happen. A known quantity grows by qty, and a product that
// the take sold out (out of stock at quantity 0) is in stock again; an unknown quantity
// stays unknown. When a feed import has written the product's stock since the take
// (its version is not v), nothing is given back: the count the feed sent stands. Like
// TakeStock it leaves updated_at alone, and returns an error wrapping ErrInvalid when
// qty is not positive and ErrNotFound when no product has the id.
func (c *Catalog) ReturnStock(ctx context.Context, productID string, qty int, v StockVersion) error {
	if qty < 1 {
		return fmt.Errorf("return stock %q: %w: quantity %d must be at least 1", productID, ErrInvalid, qty)
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("return stock %q: %w", productID, err)
	}
	defer tx.Rollback()
	var rowid int64
	err = tx.QueryRowContext(ctx, `
		UPDATE products SET
			stock = stock + ?1,
			availability = CASE WHEN stock = 0 AND availability = 'out_of_stock' THEN 'in_stock' ELSE availability END
		WHERE id = ?2 AND stock_version = ?3 RETURNING rowid`, qty, productID, v).Scan(&rowid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		tx.Rollback()
		var one int
		err = c.db.QueryRowContext(ctx, `SELECT 1 FROM products WHERE id = ?`, productID).Scan(&one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("return stock %q: %w", productID, ErrNotFound)
		case err != nil:
			return fmt.Errorf("return stock %q: %w", productID, err)
		}
		return nil // the feed's count since the take stands
	case err != nil:
		return fmt.Errorf("return stock %q: %w", productID, err)
	}
	if err := rederive(ctx, tx, rowid); err != nil {
		return fmt.Errorf("return stock %q: %w", productID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("return stock %q: %w", productID, err)
	}
	return nil
}

// rederive rewrites what searches derive from the stored product at rowid (its card
// and its row of product_keys) after a change made in place, with the same functions
// an upsert uses.
func rederive(ctx context.Context, tx *sql.Tx, rowid int64) error {
	var (
		catID   sql.NullInt64
		brandID int64
	)
	p, err := scanProduct(tx.QueryRowContext(ctx, `SELECT `+productColumns+`, p.category_id,
		coalesce((SELECT id FROM brands WHERE key = p.brand_key AND p.brand_key != ''), 0)
		FROM products p `+productJoins+` WHERE p.rowid = ?`, rowid), &catID, &brandID)
	if err != nil {
		return err
	}
	var cat any
	if catID.Valid {
		cat = catID.Int64
	}
	k := keysOf(&p, cat, brandID)
	if _, err := tx.ExecContext(ctx, `UPDATE product_text SET card = ? WHERE rowid = ?`, cardOf(&p), rowid); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, upsertKeysSQL, rowid, k.hidden, k.inStock, k.category, k.brand, k.amount, k.exp, k.rating, k.reviews)
	return err
}
