package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
// database that versions before it shared with the catalog: an older version ran on
// the shared database after the store had been moved out. Nothing is changed; the
// operator decides which to keep.
var ErrTwoStores = errors.New("the store is in two files")

// MoveOut moves the store out of the database at shared, where versions before this
// one kept it beside the catalog, into a database of its own at path, and reports
// whether it did. It does nothing when shared does not exist or holds no store tables.
// The store at shared is first brought up to date with the migrations, then copied
// whole into path+".moving", which is completed and closed before the store's tables
// are dropped from shared in one transaction, after which the new file is renamed to
// path. Every crash leaves a state MoveOut finishes: a partial copy (the store still
// in shared) is made again, and a complete copy whose tables are gone from shared is
// renamed. Two processes moving at once are ordered by shared's write lock, held from
// the copy to the drop.
//
// When path exists and shared still has store tables (an older version wrote them
// there after the move), they are dropped if they hold no row, and otherwise MoveOut
// returns an error wrapping ErrTwoStores and changes nothing.
func MoveOut(ctx context.Context, shared, path string) (bool, error) {
	if _, err := os.Stat(shared); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("move the store: %w", err)
	}
	db, err := sqlite.Open(ctx, shared)
	if err != nil {
		return false, err
	}
	defer db.Close()
	m := mover{db: db, shared: shared, path: path, tmp: path + ".moving"}
	has, err := m.hasStore(ctx, db)
	if err != nil {
		return false, err
	}
	if has {
		// Bring the old tables to this version's schema, so that they copy column by
		// column into the new file.
		sub, err := fs.Sub(migrations, "migrations")
		if err != nil {
			return false, err
		}
		if err := sqlite.Migrate(ctx, db, sub, "store_migrations"); err != nil {
			return false, fmt.Errorf("move the store: %w", err)
		}
	}
	lock, err := db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("move the store: %w", err)
	}
	defer lock.Close()
	if _, err := lock.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return false, fmt.Errorf("move the store: %w", err)
	}
	defer lock.ExecContext(context.WithoutCancel(ctx), "ROLLBACK") //nolint:errcheck // after COMMIT it fails, harmlessly
	// Held: nobody else moves, and nobody writes store tables into shared, until the end.
	if has, err = m.hasStore(ctx, lock); err != nil {
		return false, err
	}
	_, statErr := os.Stat(path)
	exists := statErr == nil
	switch {
	case exists && has:
		return false, m.dropLeftovers(ctx, lock)
	case exists:
		removeDB(m.tmp)
		return false, nil
	case !has:
		// Either nothing was ever stored (a new database), or a crash came between
		// the drop and the rename: the copy is complete.
		if _, err := os.Stat(m.tmp); err != nil {
			return false, nil
		}
		return true, m.rename()
	}
	removeDB(m.tmp) // an incomplete copy: a crash before the drop
	tables, err := m.copyTo(ctx, m.tmp)
	if err != nil {
		removeDB(m.tmp)
		return false, err
	}
	if err := m.drop(ctx, lock, tables); err != nil {
		return false, err
	}
	if _, err := lock.ExecContext(ctx, "COMMIT"); err != nil {
		return false, fmt.Errorf("move the store: %w", err)
	}
	return true, m.rename()
}

type mover struct {
	db                *sql.DB
	shared, path, tmp string
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (m *mover) hasStore(ctx context.Context, q queryer) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'store_migrations'`).Scan(&n); err != nil {
		return false, fmt.Errorf("move the store: %w", err)
	}
	return n > 0, nil
}

// storeTables returns the store's tables in db, a migrated store, in the order they
// were created (parents before the tables that reference them), store_migrations last.
func storeTables(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'
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
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return append(names, "store_migrations"), nil
}

// copyTo creates the store at tmp with this version's migrations and copies every row
// of shared's store tables into it, in one transaction, then closes it with its
// write-ahead log folded in. It returns the store's tables.
func (m *mover) copyTo(ctx context.Context, tmp string) ([]string, error) {
	db, err := sqlite.OpenMigrated(ctx, tmp, migrations, "migrations", "store_migrations")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	fail := func(err error) ([]string, error) { return nil, fmt.Errorf("move the store: copy: %w", err) }
	conn, err := db.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	tables, err := storeTables(ctx, conn)
	if err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS old`, m.shared); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED; PRAGMA defer_foreign_keys = ON"); err != nil {
		return fail(err)
	}
	for _, t := range tables[:len(tables)-1] {
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
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		conn.ExecContext(ctx, "ROLLBACK") //nolint:errcheck
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "DETACH DATABASE old"); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fail(err)
	}
	return tables, nil
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

// drop drops tables from shared within lock's transaction, those that others
// reference last.
func (m *mover) drop(ctx context.Context, lock *sql.Conn, tables []string) error {
	if _, err := lock.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return fmt.Errorf("move the store: %w", err)
	}
	for _, t := range slices.Backward(tables) {
		if _, err := lock.ExecContext(ctx, `DROP TABLE IF EXISTS main.`+quote(t)); err != nil {
			return fmt.Errorf("move the store: drop %s: %w", t, err)
		}
	}
	return nil
}

// dropLeftovers drops shared's store tables when none holds a row, within lock's
// transaction, and commits; otherwise it returns an error wrapping ErrTwoStores.
func (m *mover) dropLeftovers(ctx context.Context, lock *sql.Conn) error {
	// The store's tables are named by its own file; shared has other tables too.
	own, err := sqlite.Open(ctx, m.path)
	if err != nil {
		return err
	}
	tables, err := storeTables(ctx, own)
	own.Close()
	if err != nil {
		return fmt.Errorf("move the store: %w", err)
	}
	for _, t := range tables[:len(tables)-1] {
		var any int
		err := lock.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)`, t).Scan(&any)
		if err == nil && any != 0 {
			err = lock.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM main.`+quote(t)+`)`).Scan(&any)
		}
		if err != nil {
			return fmt.Errorf("move the store: %w", err)
		}
		if any != 0 {
			return fmt.Errorf("%w: %s has customers or orders in its own file and %s has them too (table %s), written by an older version after the move; keep one (move the other away) and start again", ErrTwoStores, m.path, m.shared, t)
		}
	}
	if err := m.drop(ctx, lock, tables); err != nil {
		return err
	}
	if _, err := lock.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("move the store: %w", err)
	}
	return nil
}

// rename puts the complete copy in its place. Of two processes renaming at once, the
// second finds the copy gone and the store in place.
func (m *mover) rename() error {
	if err := os.Rename(m.tmp, m.path); err != nil {
		if _, serr := os.Stat(m.path); serr == nil {
			return nil
		}
		return fmt.Errorf("move the store: %w", err)
	}
	if d, err := os.Open(filepath.Dir(m.path)); err == nil {
		_ = d.Sync() // make the rename durable where the system allows it
		d.Close()
	}
	return nil
}

// removeDB removes the database at path and its -wal and -shm files.
func removeDB(path string) {
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		_ = os.Remove(f)
	}
}
