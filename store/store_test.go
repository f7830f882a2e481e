package store_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/commerce-mcp/commerce-mcp/store"

	"github.com/commerce-mcp/commerce-mcp/internal/clocktest"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// openTestStore opens a store in a new temporary directory, on a clock that starts
// at 2026-03-01 12:00 UTC.
func openTestStore(t *testing.T) (*store.Store, *clocktest.Clock) {
	t.Helper()
	s := testshop.Store(t, "")
	clock := clocktest.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	s.Now = clock.Now
	return s, clock
}

// mustCreateCustomer creates a customer with the given email or fails the test.
func mustCreateCustomer(t *testing.T, s *store.Store, email string) store.Customer {
	t.Helper()
	c, err := s.CreateCustomer(context.Background(), store.Customer{Email: email})
	if err != nil {
		t.Fatalf("CreateCustomer(%q): %v", email, err)
	}
	return c
}

// wantErr fails the test unless err matches want (nil means no error).
func wantErr(t *testing.T, err, want error) {
	t.Helper()
	switch {
	case want == nil && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != nil && !errors.Is(err, want):
		t.Fatalf("error %v, want one wrapping %v", err, want)
	}
}

// wantTyped checks that err holds the typed error want, a *store.FieldError or a
// *store.ConflictError, with exactly its facts; a nil want checks nothing.
func wantTyped(t *testing.T, err error, want error) {
	t.Helper()
	switch w := want.(type) {
	case nil:
	case *store.FieldError:
		var got *store.FieldError
		if !errors.As(err, &got) {
			t.Fatalf("error %v is not a *store.FieldError, want %+v", err, *w)
		}
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("FieldError %+v, want %+v", *got, *w)
		}
	case *store.ConflictError:
		var got *store.ConflictError
		if !errors.As(err, &got) {
			t.Fatalf("error %v is not a *store.ConflictError, want %+v", err, *w)
		}
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("ConflictError %+v, want %+v", *got, *w)
		}
	default:
		t.Fatalf("wantTyped cannot check a %T", want)
	}
}

func TestOpenTwiceAppliesMigrationsOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nested", "commerce.db")
	s := testshop.Store(t, path)
	c, err := s.CreateCustomer(ctx, store.Customer{Email: "a@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s = testshop.Store(t, path)
	if _, err := s.Customer(ctx, c.ID); err != nil {
		t.Fatalf("customer lost after reopening: %v", err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM store_migrations WHERE name = '0001_customers.sql'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("0001_customers.sql recorded %d times, want 1", n)
	}
}

func TestErrorsCarryNoSQL(t *testing.T) {
	s, _ := openTestStore(t)
	ctx := context.Background()
	mustCreateCustomer(t, s, "dup@example.com")
	_, err := s.CreateCustomer(ctx, store.Customer{Email: "DUP@example.com"})
	wantErr(t, err, store.ErrConflict)
	for _, bad := range []string{"UNIQUE", "constraint", "INSERT", "sqlite"} {
		if containsFold(err.Error(), bad) {
			t.Errorf("error %q shows driver text %q", err, bad)
		}
	}
}
