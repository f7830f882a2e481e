package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
)

// SalesFile returns the file of the sales statistics of the catalog at path: beside
// it, with "-sales" before its extension ("shop.db" → "shop-sales.db"). Orders write
// there (RecordSales), not to the catalog's own file, whose pages searches keep in
// their caches; recommendations read both through one connection.
func SalesFile(path string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "-sales" + ext
}

// salesSchema is the sales statistics' tables, in the attached file "sales". They are
// created whenever missing, so a catalog file opened without its sales file (a copy,
// a lost file) starts with no statistics instead of failing.
//
// A product is referenced by its rowid, which an upsert by id keeps. The catalog never
// deletes products; rows of a product deleted by hand stay, unread by the joins.
const salesSchema = `
-- One row per product that has sold: how many sales (order lines) and units, and how
-- many distinct customers bought it (RecordSales adds one for each sale that is not a
-- repeat purchase).
CREATE TABLE IF NOT EXISTS sales.product_sales (
    product      INTEGER PRIMARY KEY,
    orders       INTEGER NOT NULL DEFAULT 0,
    units        INTEGER NOT NULL DEFAULT 0,
    last_sold_at TEXT NOT NULL,
    buyers       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sales.product_sales_orders ON product_sales (orders DESC);

-- Item-to-item co-purchases: n is how many customers bought both a and b. Both
-- directions are stored, so that the products bought with a are one index range.
CREATE TABLE IF NOT EXISTS sales.copurchases (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sales.copurchases_top ON copurchases (a, n DESC);
CREATE INDEX IF NOT EXISTS sales.copurchases_b ON copurchases (b);
`

// moveSales finishes migration 0016 on a catalog whose statistics were in its own
// file: it copies the renamed tables' rows into the sales file in one transaction,
// then drops them in another. A crash after the copy repeats it (the rows replace
// themselves) at the next Open, before anything else has written statistics.
func moveSales(ctx context.Context, db *sql.DB) error {
	// Each step checks for the old tables inside its own write transaction, so that
	// processes opening the catalog at once (replicas, a demo seller) take turns, and
	// the second finds nothing left to do or repeats a copy harmlessly.
	for _, step := range []string{
		`INSERT OR REPLACE INTO sales.product_sales (product, orders, units, last_sold_at, buyers)
			SELECT product, orders, units, last_sold_at, buyers FROM main.product_sales_moving;
		INSERT OR REPLACE INTO sales.copurchases (a, b, n) SELECT a, b, n FROM main.copurchases_moving`,
		`DROP TABLE IF EXISTS main.copurchases_moving; DROP TABLE IF EXISTS main.product_sales_moving`,
	} {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("move sales statistics: %w", err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM main.sqlite_master WHERE type = 'table'
			AND name IN ('product_sales_moving', 'copurchases_moving')`).Scan(&n); err != nil {
			tx.Rollback()
			return fmt.Errorf("move sales statistics: %w", err)
		}
		if n == 0 {
			tx.Rollback()
			return nil
		}
		if n != 2 {
			tx.Rollback()
			return fmt.Errorf("move sales statistics: %d of the 2 old tables are left", n)
		}
		if _, err := tx.ExecContext(ctx, step); err != nil {
			tx.Rollback()
			return fmt.Errorf("move sales statistics: %w", err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("move sales statistics: %w", err)
		}
	}
	return nil
}
