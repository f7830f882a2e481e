package store_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/pooltest"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// sharedWithStore writes a database at path as versions before the move left it: a
// table of another package (products, with a row) beside the store, which holds the
// demo customer and one more. It returns the row counts of the store's tables.
func sharedWithStore(t *testing.T, path string) map[string]int {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE products (id TEXT PRIMARY KEY); INSERT INTO products VALUES ('p1')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := testshop.Store(t, path)
	if _, err := s.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCustomer(ctx, store.Customer{Email: "ada@example.com", Name: "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAddress(ctx, store.Address{CustomerID: c.ID, Name: "Ada", Line1: "1 Main St", City: "Springfield", Region: "IL", PostalCode: "12345", Country: "US"}); err != nil {
		t.Fatal(err)
	}
	return rowCounts(t, path)
}

// rowCounts returns the number of rows of every table of the database at path but
// products, the marker store_moved and SQLite's own.
func rowCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('products', 'store_moved')`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, n := range names {
		var c int
		if err := db.QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

// checkMoved checks that the store at path holds what want counts, with Ada, and that
// shared keeps its products, no store table, and the marker, which store.Open refuses.
func checkMoved(t *testing.T, shared, path string, want map[string]int) {
	t.Helper()
	got := rowCounts(t, path)
	if len(got) != len(want) {
		t.Fatalf("moved store has tables %v, want %v", got, want)
	}
	for n, c := range want {
		if got[n] != c {
			t.Errorf("table %s: %d rows after the move, %d before", n, got[n], c)
		}
	}
	if left := rowCounts(t, shared); len(left) != 0 {
		t.Errorf("the shared database still has %v", left)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	if err := db.QueryRow(`SELECT id FROM products`).Scan(&id); err != nil || id != "p1" {
		t.Errorf("the shared database's own table: %q, %v", id, err)
	}
	var marks int
	if err := db.QueryRow(`SELECT count(*) FROM store_moved`).Scan(&marks); err != nil || marks != 1 {
		t.Errorf("the marker in the shared database: %d rows, %v", marks, err)
	}
	if s, err := store.Open(ctx, shared); !errors.Is(err, store.ErrMovedOut) {
		if err == nil {
			s.Close()
		}
		t.Errorf("store.Open of the shared database = %v, want ErrMovedOut", err)
	}
	s := testshop.Store(t, path)
	if _, err := s.CustomerByEmail(ctx, "ada@example.com"); err != nil {
		t.Errorf("Ada after the move: %v", err)
	}
	if _, err := os.Stat(path + ".moving"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy %s.moving is left: %v", path, err)
	}
}

func TestFileBeside(t *testing.T) {
	for _, c := range []struct{ db, want string }{
		{"shop.db", "shop-store.db"},
		{"/a/b.c/commerce.db", "/a/b.c/commerce-store.db"},
		{"/a/b.c/commerce", "/a/b.c/commerce-store"},
	} {
		if got := store.FileBeside(c.db); got != c.want {
			t.Errorf("FileBeside(%q) = %q, want %q", c.db, got, c.want)
		}
	}
}

// TestMoveOut moves a store out of a shared database from each state a crash can
// leave, and checks what a second run and an older version's leftovers do.
func TestMoveOut(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		// before prepares shared and path, returning the counts the store must have.
		before    func(t *testing.T, shared, path string) map[string]int
		wantMoved bool
		wantErr   error
	}{
		{name: "shared store", wantMoved: true,
			before: func(t *testing.T, shared, _ string) map[string]int { return sharedWithStore(t, shared) }},
		{name: "a partial copy left by a crash before the drop", wantMoved: true,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := sharedWithStore(t, shared)
				if err := os.WriteFile(path+".moving", []byte("half a database"), 0o600); err != nil {
					t.Fatal(err)
				}
				return want
			}},
		{name: "a complete copy left by a crash before the rename", wantMoved: true,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := sharedWithStore(t, shared)
				other := filepath.Join(t.TempDir(), "done.db")
				if moved, err := store.MoveOut(ctx, shared, other); err != nil || !moved {
					t.Fatal(moved, err)
				}
				if err := os.Rename(other, path+".moving"); err != nil {
					t.Fatal(err)
				}
				return want
			}},
		{name: "moved already",
			before: func(t *testing.T, shared, path string) map[string]int {
				want := sharedWithStore(t, shared)
				if moved, err := store.MoveOut(ctx, shared, path); err != nil || !moved {
					t.Fatal(moved, err)
				}
				return want
			}},
		{name: "empty store tables beside a moved store are dropped",
			before: func(t *testing.T, shared, path string) map[string]int {
				want := sharedWithStore(t, shared)
				if _, err := store.MoveOut(ctx, shared, path); err != nil {
					t.Fatal(err)
				}
				s, err := store.OpenAsOlderVersion(ctx, shared) // an older version creates them again
				if err != nil {
					t.Fatal(err)
				}
				s.Close()
				return want
			}},
		{name: "customers in both files are refused", wantErr: store.ErrTwoStores,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := sharedWithStore(t, shared)
				if _, err := store.MoveOut(ctx, shared, path); err != nil {
					t.Fatal(err)
				}
				olderVersionSeeds(t, shared)
				return want
			}},
		{name: "a complete copy left by a crash after the drop, then empty store tables made again in shared", wantMoved: true,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := crashAfterDrop(t, shared, path)
				if err := store.CreateAsOlderVersion(ctx, shared); err != nil {
					t.Fatal(err)
				}
				return want
			}},
		{name: "a complete copy left by a crash after the drop, then customers written in shared", wantErr: store.ErrTwoStores,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := crashAfterDrop(t, shared, path)
				olderVersionSeeds(t, shared)
				return want
			}},
		{name: "the moved store lost: refused, not made anew", wantErr: store.ErrMovedOut,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := crashAfterDrop(t, shared, path)
				if err := os.Rename(path+".moving", filepath.Join(t.TempDir(), "elsewhere.db")); err != nil {
					t.Fatal(err)
				}
				return want
			}},
		{name: "an empty store file beside a shared store", wantErr: store.ErrTwoStores,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := sharedWithStore(t, shared)
				if err := os.WriteFile(path, nil, 0o600); err != nil {
					t.Fatal(err)
				}
				return want
			}},
		{name: "a partial store file beside a shared store", wantErr: store.ErrTwoStores,
			before: func(t *testing.T, shared, path string) map[string]int {
				want := sharedWithStore(t, shared)
				db, err := sqlite.Open(ctx, path)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Exec(`CREATE TABLE store_migrations (name TEXT PRIMARY KEY, applied_at TEXT)`); err != nil {
					t.Fatal(err)
				}
				return want
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			shared, path := filepath.Join(dir, "shop.db"), filepath.Join(dir, "shop-store.db")
			want := c.before(t, shared, path)
			var copied map[string]int
			if c.wantErr != nil {
				copied = rowCountsIf(t, path+".moving")
			}
			moved, err := store.MoveOut(ctx, shared, path)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("MoveOut = %v, want %v", err, c.wantErr)
				}
				if n := rowCounts(t, shared)["customers"]; n == 0 && errors.Is(err, store.ErrTwoStores) {
					t.Error("the refused move changed the shared database")
				}
				if _, serr := os.Stat(path); errors.Is(err, store.ErrMovedOut) && serr == nil {
					t.Errorf("the refused move made %s", path)
				}
				if copied != nil && !maps.Equal(rowCountsIf(t, path+".moving"), copied) {
					t.Errorf("the refused move changed the copy %s.moving", path)
				}
				return
			}
			if err != nil || moved != c.wantMoved {
				t.Fatalf("MoveOut = %v, %v; want %v", moved, err, c.wantMoved)
			}
			checkMoved(t, shared, path, want)
			if moved, err := store.MoveOut(ctx, shared, path); err != nil || moved {
				t.Fatalf("second MoveOut = %v, %v", moved, err)
			}
			checkMoved(t, shared, path, want)
		})
	}
}

// crashAfterDrop writes a shared store at shared and moves it as a process killed
// right after the drop's commit would: the complete copy at path+".moving", the
// store's tables gone from shared, the marker there. It returns the store's counts.
func crashAfterDrop(t *testing.T, shared, path string) map[string]int {
	t.Helper()
	want := sharedWithStore(t, shared)
	errCrash := errors.New("killed")
	defer store.SetMoveHooks(nil, func() error { return errCrash })()
	if _, err := store.MoveOut(context.Background(), shared, path); !errors.Is(err, errCrash) {
		t.Fatalf("MoveOut = %v, want the crash", err)
	}
	if _, err := os.Stat(path + ".moving"); err != nil {
		t.Fatal(err)
	}
	return want
}

// olderVersionSeeds opens the store at shared as a version before the move would,
// creating its tables again, and writes the demo customer there.
func olderVersionSeeds(t *testing.T, shared string) {
	t.Helper()
	ctx := context.Background()
	s, err := store.OpenAsOlderVersion(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	pooltest.Cap(t, s, "/store.(*Store).")
	if _, err := s.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
}

// rowCountsIf is rowCounts of the database at path, or nil when there is none.
func rowCountsIf(t *testing.T, path string) map[string]int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	return rowCounts(t, path)
}

// TestMoveOutNothing: a database without a store, or none at all, moves nothing and
// creates no store file (store.Open does that); a database without a store is marked.
func TestMoveOutNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shop-store.db")
	if moved, err := store.MoveOut(ctx, filepath.Join(dir, "none.db"), path); err != nil || moved {
		t.Fatalf("MoveOut of a missing database = %v, %v", moved, err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(dir, "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if moved, err := store.MoveOut(ctx, filepath.Join(dir, "shop.db"), path); err != nil || moved {
		t.Fatalf("MoveOut of a database without a store = %v, %v", moved, err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("MoveOut created %s: %v", path, err)
	}
	// The database is marked: no store is made in it by mistake, and none lost is
	// claimed when the store's own file is still to be made.
	if s, err := store.Open(ctx, filepath.Join(dir, "shop.db")); !errors.Is(err, store.ErrMovedOut) {
		if err == nil {
			s.Close()
		}
		t.Errorf("store.Open of the marked database = %v, want ErrMovedOut", err)
	}
	if moved, err := store.MoveOut(ctx, filepath.Join(dir, "shop.db"), path); err != nil || moved {
		t.Fatalf("second MoveOut of a database without a store = %v, %v", moved, err)
	}
}

// TestMoveOutKeepsTheSalesNumbering: the moved store numbers its next sale after the
// last one the shared store numbered, even when that sale was counted and forgotten
// (the sales its version left waiting are settled by those numbers: store migration
// 0017).
func TestMoveOutKeepsTheSalesNumbering(t *testing.T) {
	ctx := context.Background()
	const sale = `INSERT INTO sales_outbox (order_id, product_id, quantity, sold_at) VALUES ('o', 'p1', 1, '2026-12-03T00:00:00Z')`
	path := movedAfter(t, sale, sale, sale, `DELETE FROM sales_outbox`) // all counted and forgotten
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	moved, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	var got int64
	if err := moved.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'sales_outbox'`).Scan(&got); err != nil || got != 3 {
		t.Errorf("the sales outbox's counter after the move = %d, %v; want 3", got, err)
	}
}

// TestMoveOutKeepsMigrationTimes: the moved store's migrations keep the times they
// ran at in the shared file (migration 0032 dates cards and subscriptions by them).
func TestMoveOutKeepsMigrationTimes(t *testing.T) {
	ctx := context.Background()
	path := movedAfter(t, `UPDATE store_migrations SET applied_at = '2026-02-03 04:05:06'`)
	moved, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	var n, other int
	if err := moved.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE applied_at != '2026-02-03 04:05:06') FROM store_migrations`).Scan(&n, &other); err != nil || n == 0 || other != 0 {
		t.Errorf("after the move, %d of %d migrations have another time (%v); want none", other, n, err)
	}
}

// movedAfter makes a database with a store beside its catalog (sharedWithStore), runs
// queries on it, moves the store out and returns the store file's path.
func movedAfter(t *testing.T, queries ...string) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	shared, path := filepath.Join(dir, "shop.db"), filepath.Join(dir, "shop-store.db")
	sharedWithStore(t, shared)
	db, err := sqlite.Open(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if moved, err := store.MoveOut(ctx, shared, path); err != nil || !moved {
		t.Fatalf("MoveOut = %v, %v", moved, err)
	}
	return path
}
