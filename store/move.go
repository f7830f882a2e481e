package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// FileBeside returns where the store of the database at db lives: beside it, with
// "-store" before its extension ("shop.db" → "shop-store.db").
//
// The store is a file of its own so that its many small commits (every step of a
// purchase is journaled) leave the other database's file alone: SQLite drops a
// connection's whole page cache of a file when another connection has committed to
// that file, so each order would otherwise make every search re-read its pages.
func FileBeside(db string) string {
	ext := filepath.Ext(db)
	return strings.TrimSuffix(db, ext) + "-store" + ext
}

// ErrTwoStores means the store's tables hold data both in its own file and in the
// database that versions before it shared with the catalog (an older version ran on
// the shared database after the store had been moved out), or that two copies of the
// moved store exist. Nothing is changed; the operator decides which to keep.
var ErrTwoStores = errors.New("the store is in two files")

// ErrMovedOut means store.Open was asked to open a database whose store was moved into
// a file of its own (FileBeside): a store created there again would be one nobody
// reads, and its empty tables would hide where the customers are.
var ErrMovedOut = errors.New("the store of this database was moved to a file of its own")

// markerTable is the table that MoveOut creates in the shared database, in the same
// transaction as the one that drops the store's tables from it (moved = 1), or the
// first time it finds a database that never had a store (moved = 0). Its presence says
// that the store's authoritative copy is outside: at path, or at path+".moving" before
// the rename, and store.Open refuses the database. It is never removed.
const markerTable = "store_moved"

// hooks lets tests stop MoveOut at its steps: locked runs once the shared database's
// write lock is held, dropped once the drop has committed and before the rename. An
// error from either is returned as MoveOut's, as a crash would leave things.
var hooks struct{ locked, dropped func() error }

// MoveOut moves the store out of the database at shared, where versions before this
// one kept it beside the catalog, into a database of its own at path, and reports
// whether it did. It does nothing when shared does not exist or holds no store tables.
//
// When path exists, no copy is under way (no path+".moving") and shared has no store
// table, which one plain read of shared decides, MoveOut takes no lock: that is every
// start after the move. Otherwise everything happens under shared's write lock, and
// nothing is written to shared outside it:
//
//   - The store is copied whole into path+".moving", created with the migrations
//     shared records, then brought up to date, then closed with its log folded in.
//   - Its tables are dropped from shared in one transaction that also creates the
//     marker table store_moved, committed with synchronous FULL so that the drop is
//     on disk before the rename to path that follows.
//   - With the marker, the copy outside is authoritative: a .moving file is never
//     deleted but renamed; store tables found again in shared (an older version
//     created them) are dropped when empty, and refused with ErrTwoStores when they
//     hold rows. Without it, shared is authoritative and a .moving file is an
//     incomplete copy, made again.
//
// A database that never had a store is marked too (once, under the lock), so that
// store.Open refuses it: no store is made beside the catalog by mistake.
//
// When path exists and shared still has store tables, they are dropped if they hold no
// row, and otherwise MoveOut returns an error wrapping ErrTwoStores and changes
// nothing; an empty or partial file at path does not make shared's rows disposable.
// The store's tables are named by this binary's migrations, never by either file.
func MoveOut(ctx context.Context, shared, path string) (bool, error) {
	if _, err := os.Stat(shared); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err // "stat FILE: why"
	}
	m := mover{shared: shared, path: path, tmp: path + ".moving"}
	if exists(path) && !exists(m.tmp) {
		has, err := m.hasStoreRead(ctx)
		if err != nil || !has {
			return false, err
		}
	}
	return m.moveLocked(ctx)
}

func (m *mover) moveLocked(ctx context.Context) (moved bool, err error) {
	db, err := sqlite.Open(ctx, m.shared)
	if err != nil {
		return false, err // "open database FILE: why"
	}
	defer db.Close()
	// Most starts look and find nothing to move, so what failed is said as what was
	// being done, for a person who never moved anything: the sentinels say it already.
	defer func() {
		if err != nil && !errors.Is(err, ErrTwoStores) && !errors.Is(err, ErrMovedOut) {
			err = fmt.Errorf("check %s for customers and orders a version before 2026-12-03 kept in it (to move them to %s): %w", m.shared, m.path, err)
		}
	}()
	lock, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer lock.Close()
	// The commit that drops the store must reach the disk before the rename does.
	if _, err := lock.ExecContext(ctx, "PRAGMA synchronous = FULL"); err != nil {
		return false, err
	}
	if _, err := lock.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return false, err
	}
	defer lock.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") //nolint:errcheck // after COMMIT it fails, harmlessly
	// Held: nobody else moves, and nobody writes store tables into shared, until the end.
	if hooks.locked != nil {
		if err := hooks.locked(); err != nil {
			return false, err
		}
	}
	marked, err := tableExists(ctx, lock, markerTable)
	if err != nil {
		return false, err
	}
	wasMoved := false // the marker says a store was moved out, not only that none may be made here
	if marked {
		if err := lock.QueryRowContext(ctx, `SELECT coalesce(max(moved), 0) FROM main.`+markerTable).Scan(&wasMoved); err != nil {
			return false, err
		}
	}
	applied, err := appliedMigrations(ctx, lock)
	if err != nil {
		return false, err
	}
	has := applied != nil
	pathExists, tmpExists := exists(m.path), exists(m.tmp)
	commit := func() error {
		if _, err := lock.ExecContext(ctx, "COMMIT"); err != nil {
			return err
		}
		return nil
	}
	if wasMoved {
		if pathExists && tmpExists {
			return false, fmt.Errorf("%w: both %s and %s exist; keep one (move the other away) and start again", ErrTwoStores, m.path, m.tmp)
		}
		if !pathExists && !tmpExists {
			return false, fmt.Errorf("%w: %s records that its customers and orders were moved to %s, which is missing; restore it (with %s) from a backup", ErrMovedOut, m.shared, m.path, m.shared)
		}
		if has {
			if err := m.dropEmpty(ctx, lock); err != nil {
				return false, err
			}
			if err := commit(); err != nil {
				return false, err
			}
		}
		if pathExists {
			return false, nil
		}
		return true, m.rename()
	}
	// No store was moved out: shared is authoritative.
	if !has {
		if !pathExists && tmpExists {
			// A copy whose drop a version before the marker committed: the only copy.
			return true, m.rename()
		}
		// A database that never had a store: marked, so that no store is made in it.
		if err := mark(ctx, lock, false); err != nil {
			return false, err
		}
		return false, commit()
	}
	removeDB(m.tmp) // no marker: an incomplete copy, from a crash before the drop
	if pathExists {
		if err := m.dropEmpty(ctx, lock); err != nil {
			return false, err
		}
		return false, commit()
	}
	if err := m.copyTo(ctx, applied); err != nil {
		removeDB(m.tmp)
		return false, err
	}
	syncDir(m.tmp) // the copy's name on disk before the drop
	if err := m.drop(ctx, lock); err != nil {
		return false, err
	}
	if err := commit(); err != nil {
		return false, err
	}
	if hooks.dropped != nil {
		if err := hooks.dropped(); err != nil {
			return false, err
		}
	}
	return true, m.rename()
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

type mover struct {
	shared, path, tmp string
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// hasStoreRead reports whether shared has store tables, reading it without taking
// any lock.
func (m *mover) hasStoreRead(ctx context.Context) (bool, error) {
	db, err := sqlite.OpenReader(ctx, m.shared, 1, 256)
	if err != nil {
		return false, err // "open database FILE for reading: why"
	}
	defer db.Close()
	has, err := tableExists(ctx, db, "store_migrations")
	if err != nil {
		return false, fmt.Errorf("read %s: %w", m.shared, err)
	}
	return has, nil
}

func tableExists(ctx context.Context, q queryer, name string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = ?`, name).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// appliedMigrations returns the store migrations that q's main database records, or
// nil when it has no store.
func appliedMigrations(ctx context.Context, q queryer) ([]string, error) {
	if has, err := tableExists(ctx, q, "store_migrations"); err != nil || !has {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT name FROM main.store_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := []string{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// storeTables returns the store's tables as this binary's migrations create them, in
// the order they are created (parents before the tables that reference them), without
// store_migrations. No migration drops a table for good (0018 rebuilds payment_setups
// under its own name), so every older version's tables are among them.
var storeTables = sync.OnceValues(func() ([]string, error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	db.SetConnMaxLifetime(0)
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	if err := sqlite.Migrate(ctx, db, sub, "store_migrations"); err != nil {
		return nil, err
	}
	return tableNames(ctx, db)
})

// tableNames returns the tables of q's main database in the order they were created,
// without SQLite's own and store_migrations.
func tableNames(ctx context.Context, q queryer) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM main.sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name != 'store_migrations' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// onlyFS is the migrations of FS named in names.
type onlyFS struct {
	fs.FS
	names []string
}

func (o onlyFS) Glob(pattern string) ([]string, error) {
	all, err := fs.Glob(o.FS, pattern)
	return slices.DeleteFunc(all, func(n string) bool { return !slices.Contains(o.names, n) }), err
}

// copyTo creates the store at m.tmp with the migrations applied (those shared
// records), copies every row of shared's store tables into it in one transaction,
// applies this version's remaining migrations, and closes it with its write-ahead log
// folded in.
func (m *mover) copyTo(ctx context.Context, applied []string) error {
	fail := func(err error) error { return fmt.Errorf("copy the customers and orders into %s: %w", m.tmp, err) }
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fail(err)
	}
	db, err := sqlite.Open(ctx, m.tmp)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := sqlite.Migrate(ctx, db, onlyFS{sub, applied}, "store_migrations"); err != nil {
		return fail(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	tables, err := tableNames(ctx, conn)
	if err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS old`, m.shared); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED; PRAGMA defer_foreign_keys = ON"); err != nil {
		return fail(err)
	}
	for _, t := range tables {
		cols, err := columns(ctx, conn, t)
		if err != nil {
			return fail(err)
		}
		list := strings.Join(cols, ", ")
		if _, err := conn.ExecContext(ctx, `INSERT INTO main.`+quote(t)+` (`+list+`) SELECT `+list+` FROM old.`+quote(t)); err != nil {
			conn.ExecContext(ctx, "ROLLBACK") //nolint:errcheck
			return fail(fmt.Errorf("table %s: %w", t, err))
		}
	}
	if err := copyCounters(ctx, conn, tables); err != nil {
		conn.ExecContext(ctx, "ROLLBACK") //nolint:errcheck
		return fail(err)
	}
	// The migrations keep the times they first ran at, not the copy's: migration 0032
	// tells cards and subscriptions from before 0014 and 0016 by those times.
	if _, err := conn.ExecContext(ctx, `UPDATE main.store_migrations SET applied_at =
		(SELECT o.applied_at FROM old.store_migrations o WHERE o.name = store_migrations.name)
		WHERE name IN (SELECT name FROM old.store_migrations)`); err != nil {
		conn.ExecContext(ctx, "ROLLBACK") //nolint:errcheck
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		conn.ExecContext(ctx, "ROLLBACK") //nolint:errcheck
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "DETACH DATABASE old"); err != nil {
		return fail(err)
	}
	if err := sqlite.Migrate(ctx, db, sub, "store_migrations"); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fail(err)
	}
	return nil
}

// copyCounters gives the copied tables of conn's main database the AUTOINCREMENT
// counters they have in old (sqlite_sequence, which copying the rows raises only to
// the highest row left): an id the old store gave, to a row since deleted, is never
// given again (the sales outbox's numbers are what the sales statistics count by).
func copyCounters(ctx context.Context, conn *sql.Conn, tables []string) error {
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM old.sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`).Scan(&n); err != nil || n == 0 {
		return err
	}
	names, err := json.Marshal(tables)
	if err != nil {
		return err
	}
	const ours = `name IN (SELECT name FROM old.sqlite_sequence) AND name IN (SELECT value FROM json_each(?))`
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM old.sqlite_sequence WHERE `+ours, string(names)).Scan(&n); err != nil || n == 0 {
		return err // none: main has no sqlite_sequence to write either
	}
	if _, err := conn.ExecContext(ctx, `DELETE FROM main.sqlite_sequence WHERE `+ours, string(names)); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM old.sqlite_sequence WHERE `+ours, string(names))
	return err
}

func columns(ctx context.Context, conn *sql.Conn, table string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT name FROM pragma_table_info(?, 'main')`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cols = append(cols, quote(c))
	}
	return cols, rows.Err()
}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// drop drops the store's tables from shared within lock's transaction, those that
// others reference last, and creates the marker.
func (m *mover) drop(ctx context.Context, lock *sql.Conn) error {
	tables, err := storeTables()
	if err != nil {
		return err
	}
	if _, err := lock.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	for _, t := range slices.Backward(append(slices.Clip(tables), "store_migrations")) {
		if _, err := lock.ExecContext(ctx, `DROP TABLE IF EXISTS main.`+quote(t)); err != nil {
			return fmt.Errorf("drop %s: %w", t, err)
		}
	}
	return mark(ctx, lock, true)
}

// mark creates the marker in shared within lock's transaction, unless it is there:
// moved says whether a store was moved out, or only that none may be made there.
func mark(ctx context.Context, lock *sql.Conn, moved bool) error {
	at := time.Now().UTC().Format(timeLayout)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`CREATE TABLE IF NOT EXISTS main.` + markerTable + ` (at TEXT NOT NULL, moved INTEGER NOT NULL)`, nil},
		{`INSERT INTO main.` + markerTable + ` (at, moved) SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM main.` + markerTable + `)`, []any{at}},
		{`UPDATE main.` + markerTable + ` SET at = ?, moved = 1 WHERE ? AND NOT moved`, []any{at, moved}},
	} {
		if _, err := lock.ExecContext(ctx, q.sql, q.args...); err != nil {
			return err
		}
	}
	return nil
}

// dropEmpty drops shared's store tables within lock's transaction when none holds a
// row; otherwise it returns an error wrapping ErrTwoStores.
func (m *mover) dropEmpty(ctx context.Context, lock *sql.Conn) error {
	tables, err := storeTables()
	if err != nil {
		return err
	}
	for _, t := range tables {
		any, err := tableExists(ctx, lock, t)
		if err == nil && any {
			err = lock.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM main.`+quote(t)+`)`).Scan(&any)
		}
		if err != nil {
			return err
		}
		if any {
			return fmt.Errorf("%w: the store's own file %s exists and %s has customers or orders too (table %s), written by an older version after the move or before %s was complete; keep one (move the other away) and start again", ErrTwoStores, m.path, m.shared, t, m.path)
		}
	}
	return m.drop(ctx, lock)
}

// rename puts the complete copy in its place. Of two processes renaming at once, the
// second finds the copy gone and the store in place.
func (m *mover) rename() error {
	if err := os.Rename(m.tmp, m.path); err != nil {
		if _, serr := os.Stat(m.path); serr == nil {
			return nil
		}
		return err // "rename FROM TO: why"
	}
	syncDir(m.path)
	return nil
}

// syncDir makes the name of the file at path durable, where the system allows it.
func syncDir(path string) {
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// removeDB removes the database at path and its -wal and -shm files.
func removeDB(path string) {
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		_ = os.Remove(f)
	}
}
