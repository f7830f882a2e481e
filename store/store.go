// Package store keeps what the server knows about the people it shops for: customers,
// the payment methods they keep on file (Stripe pm_ ids with brand and last four
// digits, never card numbers), their spending rules, their stated preferences, the
// single-use nonces of purchase confirmations, and their orders. It is backed by SQLite
// (a file of its own beside the catalog's, FileBeside, which earlier versions shared
// with the catalog: see MoveOut) and knows nothing of MCP, Stripe or the catalog; it
// returns errors and never logs.
//
// Contract for every method:
//
//   - Errors wrap ErrNotFound, ErrInvalid, ErrConflict or ErrReplay when the cause is
//     the caller's input or the stored state; match them with errors.Is. Invalid input
//     is a *FieldError and a conflict a *ConflictError, carrying the field, the problem
//     and its facts, from which callers write their own words (errors.As), never from
//     the message. No error carries SQL or driver text. Any other error is internal
//     and is for the log.
//   - Text that callers give is cleaned before it is stored: control and invisible
//     characters are removed and lengths are capped (over-long values are rejected,
//     not cut).
//   - Times are stored in UTC and come back in UTC.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// Errors returned by the store, matched with errors.Is.
var (
	// ErrNotFound means no record has the requested id (customer, payment method, …).
	ErrNotFound = errors.New("not found")
	// ErrInvalid means an argument cannot be accepted. Input from outside is refused
	// with a *FieldError naming the field and the problem; a bare ErrInvalid means a
	// caller broke a contract it should have checked (n < 1, a missing key).
	ErrInvalid = errors.New("invalid")
	// ErrConflict means the write would break a uniqueness rule, such as a second
	// customer with the same email, or a label names several records; the error is a
	// *ConflictError.
	ErrConflict = errors.New("conflict")
	// ErrReplay means a single-use nonce was presented a second time.
	ErrReplay = errors.New("already used")
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a handle on the store tables of a SQLite database. It is safe for
// concurrent use.
type Store struct {
	db *sql.DB
	// authStmt is Authenticate's query, prepared once: it runs on every hosted request.
	authStmt *sql.Stmt
	// Now returns the current time; nil means time.Now. Tests set it to a fixed clock.
	Now func() time.Time
}

// Open opens the database file at path (creating it if needed) and brings the store
// schema up to date; applying the migrations again is harmless. It returns
// sqlite.ErrNoFTS5 when built without the sqlite_fts5 tag, and an error wrapping
// ErrMovedOut, changing nothing, when MoveOut moved the store out of that file.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, true)
}

// open is Open; only tests pass refuseMoved false, to act as versions before MoveOut.
func open(ctx context.Context, path string, refuseMoved bool) (*Store, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	moved, err := tableExists(ctx, db, markerTable)
	if err == nil && moved && refuseMoved {
		err = fmt.Errorf("open store %s: %w (%s)", path, ErrMovedOut, FileBeside(path))
	}
	if err == nil {
		err = migrate(ctx, db)
	}
	if err == nil {
		err = stripStoredUserInfo(ctx, db)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	auth, err := db.PrepareContext(ctx, authQuery)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &Store{db: db, authStmt: auth}, nil
}

// migrate applies the store's migrations to db.
func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	return sqlite.Migrate(ctx, db, sub, "store_migrations")
}

// Close closes the database.
func (s *Store) Close() error {
	s.authStmt.Close()
	return s.db.Close()
}

// now is the store's clock, in UTC.
func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// timeLayout is how times are written to the database: UTC with a fixed width, so
// that text order is time order and SQL can compare them as strings.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// encodeTime formats t for a TEXT column.
func encodeTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// decodeTime parses a TEXT column written by encodeTime. An empty string is the zero
// time.
func decodeTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inTx runs fn in a write transaction and commits it when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// isUniqueViolation reports whether err is SQLite refusing a duplicate key. It is the
// one place where a driver error is read.
func isUniqueViolation(err error) bool {
	var e sqlite3.Error
	return errors.As(err, &e) && e.Code == sqlite3.ErrConstraint &&
		(e.ExtendedCode == sqlite3.ErrConstraintUnique || e.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}
