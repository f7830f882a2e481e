package catalog

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
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
// deletes products; rows of a product deleted by hand stay, unread by the joins. Rowids
// mean other products in another catalog, so the file records which catalog it belongs
// to (sales_identity, see bindSales).
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

-- The id of the catalog (main.catalog_identity) these statistics belong to: one row.
CREATE TABLE IF NOT EXISTS sales.sales_identity (catalog TEXT NOT NULL);

-- The token of every sale counted (a store's sales outbox gives each sale a random
-- one), added in the transaction that counts it (CountSales): a sale is counted only if
-- its token is not here yet.
CREATE TABLE IF NOT EXISTS sales.counted_sales (token INTEGER PRIMARY KEY);

-- Per store id, the highest outbox number counted by versions before the tokens (store
-- migration 0017), which counted by number: read once per store, to settle the sales
-- it had waiting then (OldSalesMark). Nothing writes it any more.
CREATE TABLE IF NOT EXISTS sales.sales_counted (
    source TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL
) WITHOUT ROWID;
`

// bindSales makes the sales file belong to the catalog (see migration 0021) and reports
// whether it emptied statistics that belonged to another catalog: a sales file left
// beside a catalog file that was deleted and made again, or restored or copied
// without it. A sales file that records no catalog (made by a version before 0021) is
// emptied too unless it is empty already. When the two ids agree, which one read
// decides, it takes no lock; otherwise it checks again and repairs in one IMMEDIATE
// transaction, which write-locks both files, so that Opens racing each other repair
// once.
//
// It also reports whether the sales file started empty beside a catalog that has
// products: it was missing (deleted, or never copied with the catalog) or empty (a
// file truncated to nothing), so the statistics start from nothing.
func bindSales(ctx context.Context, db *sql.DB) (discarded, startedEmpty bool, err error) {
	const ids = `SELECT (SELECT id FROM main.catalog_identity), (SELECT catalog FROM sales.sales_identity)`
	var cat, sales sql.NullString
	if err := db.QueryRowContext(ctx, ids).Scan(&cat, &sales); err != nil {
		return false, false, fmt.Errorf("bind sales statistics: %w", err)
	}
	if cat.Valid && cat == sales {
		return false, false, nil
	}
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (the pool's _txlock)
	if err != nil {
		return false, false, fmt.Errorf("bind sales statistics: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO main.catalog_identity (id) SELECT lower(hex(randomblob(16)))
		WHERE NOT EXISTS (SELECT 1 FROM main.catalog_identity)`); err != nil {
		return false, false, fmt.Errorf("bind sales statistics: %w", err)
	}
	var rows int
	if err := tx.QueryRowContext(ctx, ids).Scan(&cat, &sales); err != nil {
		return false, false, fmt.Errorf("bind sales statistics: %w", err)
	}
	if cat == sales {
		return false, false, tx.Commit()
	}
	if !sales.Valid {
		var products int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM main.products LIMIT 1)`).Scan(&products); err != nil {
			return false, false, fmt.Errorf("bind sales statistics: %w", err)
		}
		startedEmpty = products > 0
	}
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sales.product_sales) + (SELECT count(*) FROM sales.copurchases)`).Scan(&rows); err != nil {
		return false, false, fmt.Errorf("bind sales statistics: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sales.product_sales; DELETE FROM sales.copurchases;
		DELETE FROM sales.sales_counted; DELETE FROM sales.counted_sales; DELETE FROM sales.sales_identity; INSERT INTO sales.sales_identity (catalog) VALUES (?)`, cat.String); err != nil {
		return false, false, fmt.Errorf("bind sales statistics: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, false, fmt.Errorf("bind sales statistics: %w", err)
	}
	return rows > 0, startedEmpty && rows == 0, nil
}

// moveSales finishes migration 0016 on a catalog whose statistics were in its own
// file: in one IMMEDIATE transaction, which write-locks both files, it checks that the
// renamed tables are still there, copies their rows into the sales file and drops
// them, so that Opens racing each other move them once. One plain read decides that
// there is nothing to do, without a lock. The transaction is not atomic across the two
// files: a crash between their commits leaves the rows copied and the old tables in
// place, and the next Open copies again (the rows replace themselves) before anything
// else has written statistics.
func moveSales(ctx context.Context, db *sql.DB) error {
	const left = `SELECT count(*) FROM main.sqlite_master WHERE type = 'table'
		AND name IN ('product_sales_moving', 'copurchases_moving')`
	var n int
	if err := db.QueryRowContext(ctx, left).Scan(&n); err != nil {
		return fmt.Errorf("move sales statistics: %w", err)
	}
	if n == 0 {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE (the pool's _txlock)
	if err != nil {
		return fmt.Errorf("move sales statistics: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, left).Scan(&n); err != nil {
		return fmt.Errorf("move sales statistics: %w", err)
	}
	switch n {
	case 0: // another process moved them meanwhile
		return tx.Commit()
	case 2:
	default:
		return fmt.Errorf("move sales statistics: %d of the 2 old tables are left", n)
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO sales.product_sales (product, orders, units, last_sold_at, buyers)
			SELECT product, orders, units, last_sold_at, buyers FROM main.product_sales_moving;
		INSERT OR REPLACE INTO sales.copurchases (a, b, n) SELECT a, b, n FROM main.copurchases_moving;
		DROP TABLE main.copurchases_moving; DROP TABLE main.product_sales_moving`); err != nil {
		return fmt.Errorf("move sales statistics: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("move sales statistics: %w", err)
	}
	return nil
}

// CountedSale is a sale with the token its source gave it (a store's sales outbox):
// random, the same however often the sale is given, different for every other sale.
type CountedSale struct {
	Token int64
	Sale
}

// OldSalesMark returns the highest outbox number of the store with id source that
// versions before the tokens counted (they counted by number), 0 for none.
func (c *Catalog) OldSalesMark(ctx context.Context, source string) (int64, error) {
	var seq int64
	err := c.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sales.sales_counted WHERE source = ?`, source).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("old sales mark: %w", err)
	}
	return seq, nil
}

// CountSales records the sales whose token it has not counted before, as RecordSales
// does, and keeps their tokens, all in one transaction of the sales file: a sale is
// counted once however often, and by whichever copy of its store, it is given (two
// drains racing, a drain repeated after a crash before the store forgot the sale, a
// store file restored from a backup or copied). A sale of a product the catalog no
// longer has, or with a quantity below 1, counts nothing but is passed over (its token
// kept), so that one bad sale never holds up the others. It returns how many sales it
// counted.
func (c *Catalog) CountSales(ctx context.Context, sales []CountedSale) (int, error) {
	return c.countSales(ctx, c.db, sales)
}

// ErrBusy is TryCountSales's refusal to wait for the sales file: another writer (a
// bulk load, another count) holds its write lock.
var ErrBusy = errors.New("the sales file is busy with another writer")

// TryCountSales is CountSales without waiting for the sales file's write lock: when
// another writer holds it, it counts nothing and fails at once with ErrBusy, so that a
// purchase does not wait out a bulk load to count its sale (its source counts it later
// with CountSales).
func (c *Catalog) TryCountSales(ctx context.Context, sales []CountedSale) (int, error) {
	if len(sales) == 0 {
		return 0, nil
	}
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("count sales: %w", err)
	}
	defer conn.Close()
	restore, err := noBusyWait(ctx, conn)
	if err != nil {
		return 0, fmt.Errorf("count sales: %w", err)
	}
	defer restore()
	n, err := c.countSales(ctx, conn, sales)
	if sqlite.IsBusy(err) {
		return 0, fmt.Errorf("count sales: %w", ErrBusy)
	}
	return n, err
}

// countSales is CountSales in a transaction that b begins.
func (c *Catalog) countSales(ctx context.Context, b interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}, sales []CountedSale) (int, error) {
	if len(sales) == 0 {
		return 0, nil
	}
	tx, err := b.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("count sales: %w", err)
	}
	defer tx.Rollback()
	claim, err := tx.PrepareContext(ctx, `INSERT INTO sales.counted_sales (token) VALUES (?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return 0, fmt.Errorf("count sales: %w", err)
	}
	defer claim.Close()
	r := recorder{tx: tx, rowids: map[string]int64{}}
	if err := r.prepare(ctx); err != nil {
		return 0, err
	}
	defer r.close()
	now, n := c.now(), 0
	for i := range sales {
		s := &sales[i]
		res, err := claim.ExecContext(ctx, s.Token)
		if err != nil {
			return 0, fmt.Errorf("count sales: %w", err)
		}
		if fresh, err := res.RowsAffected(); err != nil {
			return 0, fmt.Errorf("count sales: %w", err)
		} else if fresh == 0 || s.validate() != nil {
			continue // counted before, or nothing to count
		}
		switch err := r.record(ctx, &s.Sale, now); {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return 0, err
		default:
			n++
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("count sales: %w", err)
	}
	return n, nil
}

// noBusyWait makes conn fail at once with a busy error instead of waiting for another
// writer's lock; restore gives it the pool's busy timeout back, or, failing that,
// drops the connection from the pool.
func noBusyWait(ctx context.Context, conn *sql.Conn) (restore func(), err error) {
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return nil, err
	}
	return func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA busy_timeout = %d`, sqlite.BusyTimeout.Milliseconds())); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) //nolint:errcheck
		}
	}, nil
}
