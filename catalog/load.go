package catalog

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// Loader writes a feed import: many batches of products.
//
// Into an empty catalog it is a bulk load: every batch goes into one transaction, on a
// connection of its own that is closed when the load ends (see drop), without the
// full-text index, the secondary indexes or the learned types following each row (see
// suspend); each is built once when the load commits, which costs a fraction of
// following row by row. Other connections see nothing of it until it commits, and then all of it; it
// holds the database's write lock from Load to Commit or Rollback, so other writers
// wait (up to their busy timeout) or fail meanwhile, and Rollback stores nothing.
//
// Into a catalog that has products each batch is an Upsert of its own, committed at
// once, so that a serving process's writes (purchases taking stock) are never held up
// for long; Rollback then keeps the batches already written.
//
// Either way every other derived structure is written as Upsert writes it (see
// writer), by the same functions.
type Loader struct {
	c    *Catalog
	conn *sql.Conn // the connection of a bulk load, discarded when it ends (see drop)
	tx   *sql.Tx   // nil when each batch commits on its own
	w    *writer
	// suspended holds the SQL of the triggers and indexes a bulk load dropped (see
	// suspend); Commit builds what they would have written and restores them.
	suspended []string
	done      bool
	hashSize  int64 // RebuildHashSize; smaller in tests, to make several segments
}

// Load starts a load. The caller must end it with Commit or Rollback.
func (c *Catalog) Load(ctx context.Context) (*Loader, error) {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	l := &Loader{c: c, conn: conn, hashSize: RebuildHashSize}
	// Statement journals and sorts in memory (see bulkTempStore); set before the
	// transaction begins, which SQLite requires.
	if _, err := conn.ExecContext(ctx, bulkTempStore); err != nil {
		l.drop()
		return nil, fmt.Errorf("load: %w", err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		l.drop()
		return nil, fmt.Errorf("load: %w", err)
	}
	l.tx, l.w = tx, newWriter(nil, tx, c.now())
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		l.Rollback()
		return nil, fmt.Errorf("load: %w", err)
	}
	var n int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM products LIMIT 1)`).Scan(&n)
	if err == nil && n == 0 {
		err = l.suspend(ctx)
		l.w.learn = newLearning()
	}
	if err != nil {
		l.Rollback()
		return nil, fmt.Errorf("load: %w", err)
	}
	if n > 0 { // batch by batch
		l.w.close()
		tx.Rollback()
		l.drop() // not back to the pool with bulkTempStore set
		l.conn, l.tx, l.w = nil, nil, nil
	}
	return l, nil
}

// bulkTempStore keeps a bulk load's temporary data in memory: the statement journal
// SQLite writes for each multi-row INSERT (the original of every page the statement
// changes that an earlier statement of the transaction wrote: at 100,000 products
// 101 MB in 51,000 writes to a temporary file, as much again as the catalog itself)
// and the sorts of Commit's CREATE INDEX. Each statement's journal is dropped when the
// statement ends, so it holds at most the pages one statement touches; the sorts cost
// more (an import of 1,000,000 products peaked at 381 MB instead of 263 MB).
const bulkTempStore = `PRAGMA temp_store = MEMORY`

// drop closes the connection of a bulk load for good instead of returning it to the
// pool. Building the full-text index left FTS5's term table on that connection with
// as many slots as the whole catalog has terms, and FTS5 walks every slot each time
// it writes out terms (every later write of product text on that connection, a few
// products or one), which made an upsert of ten products into 100,000 cost several
// milliseconds of CPU more than on a fresh connection.
func (l *Loader) drop() {
	l.conn.Raw(func(any) error { return driver.ErrBadConn }) // database/sql closes a bad connection
	l.conn.Close()
}

// Bulk reports whether the load is a bulk load (see Loader).
func (l *Loader) Bulk() bool { return l.tx != nil }

// suspend drops, for a bulk load, what would otherwise follow every row written and
// is cheaper to build once at the end: the full-text index's triggers on product_text
// (migration 0001; Commit rebuilds the index), the triggers on product_rank that keep
// the learned tables (migration 0014; the writer counts what they would have added,
// see learning, and Commit writes it), and the secondary indexes of products and
// product_keys (Commit creates them again, sorting once instead of inserting into each
// index row by row). Their SQL is kept for Commit. product_codes keeps its index on
// rowid: a product updated during the load deletes its codes by rowid, and without the
// index each such delete would scan the table (a load's time would grow with the
// square of its size).
func (l *Loader) suspend(ctx context.Context) error {
	rows, err := l.tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
		WHERE (type = 'trigger' AND tbl_name IN ('product_text', 'product_rank'))
		OR (type = 'index' AND tbl_name IN ('products', 'product_keys') AND sql IS NOT NULL)
		ORDER BY type, name`)
	if err != nil {
		return err
	}
	var drops []string
	for rows.Next() {
		var typ, name, sql string
		if err := rows.Scan(&typ, &name, &sql); err != nil {
			rows.Close()
			return err
		}
		drops, l.suspended = append(drops, `DROP `+strings.ToUpper(typ)+` "`+name+`"`), append(l.suspended, sql)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(drops) == 0 {
		return errors.New("the full-text index has no triggers to suspend")
	}
	for _, d := range drops {
		if _, err := l.tx.ExecContext(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// Upsert writes sellers and products as Catalog.UpsertWith does, within the load. A
// refused product (an ErrInvalid error) leaves the load as it was, so the caller may
// go on with other products.
func (l *Loader) Upsert(ctx context.Context, opt UpsertOptions, sellers []Seller, products []Product) (UpsertStats, error) {
	return l.UpsertPrepared(ctx, opt, sellers, Prepare(products))
}

// UpsertPrepared is Upsert of products made ready by Prepare.
func (l *Loader) UpsertPrepared(ctx context.Context, opt UpsertOptions, sellers []Seller, b *Prepared) (UpsertStats, error) {
	if l.done {
		return UpsertStats{}, errors.New("load: already ended")
	}
	if l.tx == nil {
		return l.c.upsertPrepared(ctx, opt, sellers, b)
	}
	if b.err != nil {
		return UpsertStats{}, b.err
	}
	return l.w.write(ctx, opt, sellers, b.ds)
}

// Commit builds the full-text index if the load suspended it, and commits everything.
func (l *Loader) Commit(ctx context.Context) error {
	if l.done {
		return errors.New("load: already ended")
	}
	if l.tx == nil {
		l.done = true
		return nil
	}
	defer l.Rollback()
	if err := rebuildIndex(ctx, l.tx, l.hashSize); err != nil {
		return fmt.Errorf("load: building the full-text index: %w", err)
	}
	if err := fillWords(ctx, l.tx); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	if err := l.w.learn.write(ctx, l.tx); err != nil {
		return fmt.Errorf("load: summing the learned types: %w", err)
	}
	for _, sql := range l.suspended {
		if _, err := l.tx.ExecContext(ctx, sql); err != nil {
			return fmt.Errorf("load: restoring what the load suspended: %w", err)
		}
	}
	if err := rebuildImageOrigins(ctx, l.tx); err != nil { // its triggers were suspended too
		return fmt.Errorf("load: counting the image origins: %w", err)
	}
	l.w.close()
	err := l.tx.Commit()
	l.done = true
	l.drop()
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	return nil
}

// Rollback ends the load, discarding a bulk load; after Commit it does nothing.
func (l *Loader) Rollback() {
	if l.done {
		return
	}
	l.done = true
	if l.tx != nil {
		l.w.close()
		l.tx.Rollback()
		l.drop()
	}
}

// RebuildHashSize is the memory (bytes) FTS5 gathers terms in while a bulk load
// rebuilds the full-text index, before it writes them out as a segment; FTS5's default
// is 1 MiB, which writes a segment for every MiB of terms.
const RebuildHashSize = 64 << 20

// indexSetting is one of FTS5's settings of the full-text index that a bulk load's
// build changes while it runs (see RebuildIndex).
type indexSetting struct {
	key          string
	during, fts5 int64 // its value during the build; FTS5's default
}

// rebuildSettings are what RebuildIndex sets while it builds the index with a hash of
// hashSize bytes: no merging of segments as they are written (automerge 0, and no
// crisis merge before FTS5's most segments per level), since the build ends with one
// merge of them all.
func rebuildSettings(hashSize int64) []indexSetting {
	return []indexSetting{
		{key: "hashsize", during: hashSize, fts5: 1 << 20},
		{key: "automerge", during: 0, fts5: 4},
		{key: "crisismerge", during: 1999, fts5: 16},
	}
}

// RebuildIndex builds the full-text index from product_text within tx, as a bulk load's
// Commit does: FTS5 gathers terms in RebuildHashSize bytes and writes a segment each
// time they fill it, merging none of them meanwhile, and then merges them all into one
// ('optimize'), the one segment a search then reads, inside the load's own
// transaction (before, the import merged them in a transaction of its own after the
// load had committed, which wrote the merged index through the WAL a second time).
// FTS5's settings are left as they were.
func RebuildIndex(ctx context.Context, tx *sql.Tx) error {
	return rebuildIndex(ctx, tx, RebuildHashSize)
}

func rebuildIndex(ctx context.Context, tx *sql.Tx, hashSize int64) error {
	settings := rebuildSettings(hashSize)
	was := make([]int64, len(settings))
	for i, s := range settings {
		was[i] = s.fts5
		err := tx.QueryRowContext(ctx, `SELECT v FROM products_fts_config WHERE k = ?`, s.key).Scan(&was[i])
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := setIndex(ctx, tx, s.key, s.during); err != nil {
			return err
		}
	}
	for _, cmd := range []string{"rebuild", "optimize"} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO products_fts (products_fts) VALUES (?)`, cmd); err != nil {
			return err
		}
	}
	for i, s := range settings {
		if err := setIndex(ctx, tx, s.key, was[i]); err != nil {
			return err
		}
	}
	return nil
}

// setIndex sets one of FTS5's settings of the full-text index, through FTS5, which
// tells every connection to read its settings again.
func setIndex(ctx context.Context, tx *sql.Tx, key string, v int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO products_fts (products_fts, rank) VALUES (?, ?)`, key, v)
	return err
}
