// Package sqlite opens SQLite databases the way every package of this project needs them
// (WAL, busy timeout, foreign keys, FTS5 present) and applies embedded, versioned
// migrations. It knows nothing of the tables it migrates.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// driverName is the database/sql driver this package opens databases with:
// mattn/go-sqlite3 with the query planner stability guarantee turned on for every
// connection (see enableQPSG). A connection where that fails still works, only slower;
// TestQPSGEnabled makes sure it does not fail.
const driverName = "sqlite3_commerce"

func init() {
	setStmtJournalSpill()
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_ = enableQPSG(c)
		return nil
	}})
}

// Connection pool settings of Open. database/sql keeps only 2 idle connections by
// default, so under concurrent calls (a hosted server's clients) nearly every
// connection handed back was closed and a new one opened for the next call: opening
// runs the PRAGMAs of the DSN, re-reads the schema and re-prepares every cached
// statement. Keeping up to maxIdleConns open avoids that; connMaxIdleTime gives back
// the ones a burst left idle.
// BusyTimeout is how long a connection of Open or OpenReader waits for a lock another
// connection holds before it fails with a busy error (IsBusy).
const BusyTimeout = 5 * time.Second

const (
	maxIdleConns    = 32
	connMaxIdleTime = 5 * time.Minute
)

// LimitConns caps the connections of db, a pool of Open, at n, idle ones included: a
// call beyond n waits for one, for as long as its context allows. n < 1 means no cap,
// with Open's idle connections back.
func LimitConns(db *sql.DB, n int) {
	if n < 1 {
		db.SetMaxOpenConns(0)
		db.SetMaxIdleConns(maxIdleConns)
		return
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
}

// ErrNoFTS5 is returned by Open when the SQLite library was built without FTS5, which
// happens when the program is built without the sqlite_fts5 build tag.
var ErrNoFTS5 = errors.New("SQLite was built without FTS5: rebuild with `go build -tags sqlite_fts5`")

// Open opens (creating if needed) the database file at path, with WAL journaling, a
// 5 s busy timeout and foreign keys on, and checks that FTS5 is available. The pool
// keeps up to maxIdleConns idle connections, each for up to connMaxIdleTime; the
// number open at once is not limited here (its owner may cap it with
// SetMaxOpenConns, which is safe only where nothing holding a connection of the pool
// asks it for another). Each connection keeps the last stmtCacheSize statements it
// prepared.
//
// The files hold personal data, so a new database is created readable and writable by
// its owner only (0600, whatever the umask; SQLite gives its -wal and -shm files the
// database's permissions), in a directory made for the owner only (0700) when it does
// not exist. A database that cannot be created fails with "cannot create the database
// in DIR: REASON", wrapping the system's error (errors.Is(err, fs.ErrPermission), …).
//
// Each of attach is attached to every connection under its name (created like path
// when missing, in WAL mode): tables there are read and written as if in path, but a
// commit that changes only them leaves the page caches of path alone (see OpenReader).
func Open(ctx context.Context, path string, attach ...Attach) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("open database: empty path")
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	for _, a := range attach {
		if err := createPrivate(a.Path); err != nil {
			return nil, err
		}
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", fmt.Sprint(BusyTimeout.Milliseconds()))
	q.Set("_foreign_keys", "on")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	q.Set("_cache_size", "-65536")
	q.Set("_stmt_cache_size", fmt.Sprint(stmtCacheSize))
	db, err := openDB("file:"+escapePath(path)+"?"+q.Encode(), attach, true)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.SetMaxIdleConns(maxIdleConns)
	db.SetConnMaxIdleTime(connMaxIdleTime)
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, openError(path, "", err)
	}
	if err := CheckFTS5(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// stmtCacheSize is how many prepared statements each connection of Open and
// OpenReader keeps (the driver's statement cache): a query run as SQL text, or
// prepared and closed again, is parsed and planned once per connection.
const stmtCacheSize = 256

// OpenReader opens a second pool of connections to the database at path, which Open
// has created (and whoever owns it migrated), for reads only: at most conns
// connections, each with a page cache of at most cacheKiB KiB, so that the pool's
// memory has a bound whatever the number of concurrent callers (they wait for a
// connection instead); writes are refused (query_only); and BeginTx begins a plain,
// deferred transaction, which takes no lock and reads one snapshot of the database,
// where Open's connections begin IMMEDIATE ones, which take the write lock.
//
// Every commit to the file (an order, a sale, stock taken) makes every other
// connection drop its whole page cache when its next read transaction begins (SQLite
// knows only that the file changed, not which pages), so a large cache per
// connection buys little while orders flow; a read that runs its statements in one
// transaction drops it at most once.
//
// Each connection keeps the last stmtCacheSize statements it prepared (the driver's
// statement cache), so that a query run as SQL text is parsed and planned once per
// connection, as a prepared statement would be. The databases of attach are attached
// to every connection, as Open does.
func OpenReader(ctx context.Context, path string, conns, cacheKiB int, attach ...Attach) (*sql.DB, error) {
	if conns < 1 || cacheKiB < 1 {
		return nil, fmt.Errorf("open database %s for reading: %d connections of %d KiB", path, conns, cacheKiB)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database for reading: %w", err)
	}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(BusyTimeout.Milliseconds()))
	q.Set("_query_only", "1")
	q.Set("_txlock", "deferred")
	q.Set("_cache_size", fmt.Sprint(-cacheKiB))
	q.Set("_stmt_cache_size", fmt.Sprint(stmtCacheSize))
	db, err := openDB("file:"+escapePath(path)+"?"+q.Encode(), attach, false)
	if err != nil {
		return nil, fmt.Errorf("open database for reading: %w", err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(connMaxIdleTime)
	if err := ping(ctx, db); err != nil {
		db.Close()
		return nil, openError(path, " for reading", err)
	}
	return db, nil
}

// Attach names a database file that Open and OpenReader attach to every connection.
// Name is an SQL identifier (letters, digits, underscore).
type Attach struct {
	Name, Path string
}

// openDB opens a pool on dsn whose connections attach the databases of attach, each
// switched to WAL with synchronous NORMAL when writable.
func openDB(dsn string, attach []Attach, writable bool) (*sql.DB, error) {
	if len(attach) == 0 {
		return sql.Open(driverName, dsn)
	}
	for _, a := range attach {
		if a.Name == "" || strings.Trim(a.Name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			return nil, fmt.Errorf("attach %q: the name must be lower-case letters, digits and _", a.Name)
		}
	}
	drv := &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_ = enableQPSG(c)
		for _, a := range attach {
			if _, err := c.Exec(`ATTACH DATABASE ? AS `+a.Name, []driver.Value{a.Path}); err != nil {
				return fmt.Errorf("attach %s: %w", a.Path, err)
			}
			if !writable {
				continue
			}
			if _, err := c.Exec(`PRAGMA `+a.Name+`.journal_mode = WAL; PRAGMA `+a.Name+`.synchronous = NORMAL`, nil); err != nil {
				return fmt.Errorf("attach %s: %w", a.Path, err)
			}
		}
		return nil
	}}
	return sql.OpenDB(connector{dsn: dsn, drv: drv}), nil
}

// connector opens connections of one pool with its own driver (and so its own
// ConnectHook).
type connector struct {
	dsn string
	drv *sqlite3.SQLiteDriver
}

func (c connector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c connector) Driver() driver.Driver                        { return c.drv }

// createPrivate creates the file at path, empty and with mode 0600, and its directory
// with mode 0700, unless they exist.
func createPrivate(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the database in %s: %w", dir, bareError(err))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case errors.Is(err, fs.ErrExist):
		return nil
	case err != nil:
		return fmt.Errorf("cannot create the database in %s: %w", dir, bareError(err))
	}
	err = f.Chmod(0o600) // the umask may have taken bits off, never added any
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	return nil
}

// openError is the error of a database at path that could not be opened (what: ""
// or " for reading"). When the file's directory cannot be written (a read-only file
// system, a directory of another user), it says so: SQLite keeps a database's -wal
// and -shm files beside it and must create them even to read it, and its own words
// for that ("unable to open database file: no such file or directory") send people
// looking for a file that is there.
func openError(path, what string, err error) error {
	if derr := dirWritable(filepath.Dir(path)); derr != nil {
		return fmt.Errorf("open database %s%s: %w (its directory %s cannot be written: %v; SQLite keeps a database's -wal and -shm files beside it and must create them, even to read it, so the database files need a directory that can be written)",
			path, what, err, filepath.Dir(path), derr)
	}
	return fmt.Errorf("open database %s%s: %w", path, what, err)
}

// dirWritable returns why a file cannot be created in dir (nil when one can), by
// creating one and removing it again.
func dirWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".commerce-mcp-probe-*")
	if err != nil {
		return bareError(err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// bareError returns the system's reason inside a *fs.PathError ("permission denied"),
// since the message around it names the directory already.
func bareError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ping opens db's first connection. Setting up a connection switches a new file to
// WAL, and SQLite answers "database is locked" at once, without waiting, when another
// process is switching it at the same moment; such a failure is retried for up to
// about the busy timeout.
func ping(ctx context.Context, db *sql.DB) error {
	wait := 5 * time.Millisecond
	for deadline := time.Now().Add(5 * time.Second); ; wait = min(2*wait, 200*time.Millisecond) {
		err := db.PingContext(ctx)
		if err == nil || !IsBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

func escapePath(p string) string {
	return strings.NewReplacer("?", "%3F", "#", "%23", "%", "%25").Replace(p)
}

// CheckFTS5 returns ErrNoFTS5 unless the linked SQLite has the FTS5 extension.
func CheckFTS5(ctx context.Context, db *sql.DB) error {
	var ok int
	err := db.QueryRowContext(ctx, "SELECT sqlite_compileoption_used('ENABLE_FTS5')").Scan(&ok)
	if err != nil {
		return fmt.Errorf("check fts5: %w", err)
	}
	if ok != 1 {
		return ErrNoFTS5
	}
	return nil
}

// Migrate applies, in lexical order and each in its own transaction, every *.sql file in
// files that is not yet recorded in the table named table (created if missing). A
// database written by a newer version of the program (a recorded migration this binary
// does not have) is refused rather than modified.
//
// Several processes may migrate the same database at once (two commands started
// together on a fresh file): each migration runs in a BEGIN IMMEDIATE transaction, which
// takes the write lock before reading, and applies the file only if it is still not
// recorded once the lock is held; whoever comes second finds it applied and skips it.
func Migrate(ctx context.Context, db *sql.DB, files fs.FS, table string) error {
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+table+` (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	done := map[string]bool{}
	rows, err := db.QueryContext(ctx, `SELECT name FROM `+table)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return fmt.Errorf("migrate: %w", err)
		}
		done[n] = true
	}
	rows.Close()
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	for n := range done {
		if !known[n] {
			return fmt.Errorf("migrate: the database has migration %s, which this program does not know; it was written by a newer version", n)
		}
	}
	for _, n := range names {
		if done[n] {
			continue
		}
		body, err := fs.ReadFile(files, n)
		if err != nil {
			return err
		}
		if err := apply(ctx, db, table, n, string(body)); err != nil {
			return err
		}
	}
	return nil
}

// apply runs migration name in a BEGIN IMMEDIATE transaction unless, once the write
// lock is held, table records it as applied already.
func apply(ctx context.Context, db *sql.DB, table, name, body string) (err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("migrate %s: %w", name, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("migrate %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	var applied int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE name = ?`, name).Scan(&applied); err != nil {
		return fmt.Errorf("migrate %s: %w", name, err)
	}
	if applied == 0 {
		if _, err := conn.ExecContext(ctx, body); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO `+table+` (name) VALUES (?)`, name); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("migrate %s: %w", name, err)
	}
	return nil
}

// IsBusy reports whether err is SQLite's "database is locked/busy" error.
func IsBusy(err error) bool {
	var e sqlite3.Error
	return errors.As(err, &e) && (e.Code == sqlite3.ErrBusy || e.Code == sqlite3.ErrLocked)
}

// FTS5Available returns ErrNoFTS5 unless the SQLite linked into this binary has FTS5.
// It opens no file.
func FTS5Available(ctx context.Context) error {
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return fmt.Errorf("check fts5: %w", err)
	}
	defer db.Close()
	return CheckFTS5(ctx, db)
}

// OpenMigrated opens the database at path as Open does and applies the migrations in
// directory dir of files, recorded in table, closing the database again on failure.
func OpenMigrated(ctx context.Context, path string, files fs.FS, dir, table string) (*sql.DB, error) {
	db, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(files, dir)
	if err == nil {
		err = Migrate(ctx, db, sub, table)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenToOthers returns those of the database files at path (the database, its -wal and
// -shm files) that exist and whose permissions let users other than the owner read or
// write them. They hold personal data, so Open creates them for the owner only; a file
// made by an older version, or copied, may be more open. On Windows it returns nothing:
// there, access is not described by permission bits.
func OpenToOthers(path string) []string {
	if runtime.GOOS == "windows" {
		return nil
	}
	var open []string
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(f); err == nil && fi.Mode().Perm()&0o077 != 0 {
			open = append(open, f)
		}
	}
	return open
}
