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

// TakeStock removes qty units of a product from stock, atomically: of two concurrent
// calls competing for the last units, one succeeds and the other gets ErrOutOfStock.
//
// The product must be in stock (availability in_stock with a positive or unknown
// quantity). A known quantity is decremented and must not go below zero; when it
// reaches zero the product becomes out_of_stock. An unknown quantity stays unknown: the
// call succeeds without changing anything. TakeStock returns an error wrapping
// ErrInvalid when qty is not positive, ErrNotFound when no product has the id, and
// ErrOutOfStock when the product cannot supply qty units. It does not change the
// product's updated_at, which records when a feed last delivered the product.
func (c *Catalog) TakeStock(ctx context.Context, productID string, qty int) error {
	if qty < 1 {
		return fmt.Errorf("take stock %q: %w: quantity %d must be at least 1", productID, ErrInvalid, qty)
	}
	res, err := c.db.ExecContext(ctx, `
		UPDATE products SET
			stock = stock - ?1,
			availability = CASE WHEN stock IS NOT NULL AND stock = ?1 THEN 'out_of_stock' ELSE availability END
		WHERE id = ?2 AND in_stock AND (stock IS NULL OR stock >= ?1)`, qty, productID)
	if err != nil {
		return fmt.Errorf("take stock %q: %w", productID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("take stock %q: %w", productID, err)
	}
	if n == 1 {
		return nil
	}
	var one int
	err = c.db.QueryRowContext(ctx, `SELECT 1 FROM products WHERE id = ?`, productID).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("take stock %q: %w", productID, ErrNotFound)
	case err != nil:
		return fmt.Errorf("take stock %q: %w", productID, err)
	}
	return fmt.Errorf("take stock %q: %w", productID, ErrOutOfStock)
}
