package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestOpenReader checks the read pool's settings: writes are refused, a transaction
// takes no lock (a writer commits while it is open) and reads one snapshot (it does
// not see that commit), the page cache and the number of connections are as asked,
// and a file that does not exist is not created.
func TestOpenReader(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	if _, err := OpenReader(ctx, path, 2, 1024); err == nil {
		t.Fatal("OpenReader opened a database that does not exist")
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader(ctx, path, 2, 1024)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Exec(`INSERT INTO a VALUES (2)`); err == nil {
		t.Error("the read pool wrote")
	}
	var cache int
	if err := r.QueryRow(`PRAGMA cache_size`).Scan(&cache); err != nil || cache != -1024 {
		t.Errorf("cache_size = %d, %v; want -1024", cache, err)
	}
	if got := r.Stats().MaxOpenConnections; got != 2 {
		t.Errorf("MaxOpenConnections = %d, want 2", got)
	}
	tx, err := r.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	count := func() int {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM a`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	if _, err := db.Exec(`INSERT INTO a VALUES (3)`); err != nil {
		t.Fatalf("a write while a read transaction is open: %v", err)
	}
	if after := count(); before != 1 || after != 1 {
		t.Errorf("the read transaction counted %d, then %d after a commit; want 1 and 1", before, after)
	}
}

// TestOpenMappedReader checks that every connection of a read pool maps the main
// database as asked (PRAGMA main.mmap_size), with and without attached files, and
// that OpenReader maps nothing: it holds all the pool's connections at once, so each
// is a connection of its own.
func TestOpenMappedReader(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	side := Attach{Name: "side", Path: filepath.Join(dir, "side.db")}
	db, err := Open(ctx, path, side)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		open   func() (*sql.DB, error)
		conns  int
		want   int64
		attach bool
	}{
		{"OpenReader maps nothing", func() (*sql.DB, error) { return OpenReader(ctx, path, 3, 1024) }, 3, 0, false},
		{"mapped, nothing attached", func() (*sql.DB, error) { return OpenMappedReader(ctx, path, 3, 1024, 64<<20) }, 3, 64 << 20, false},
		{"mapped, a file attached", func() (*sql.DB, error) { return OpenMappedReader(ctx, path, 4, 1024, 1<<30, side) }, 4, 1 << 30, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			held := make([]*sql.Conn, 0, tc.conns)
			defer func() {
				for _, c := range held {
					c.Close()
				}
			}()
			for i := range tc.conns {
				c, err := r.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				held = append(held, c)
				var got int64
				if err := c.QueryRowContext(ctx, `PRAGMA main.mmap_size`).Scan(&got); err != nil || got != tc.want {
					t.Errorf("connection %d: mmap_size = %d, %v; want %d", i, got, err, tc.want)
				}
				var n int
				q := `SELECT count(*) FROM a`
				if tc.attach {
					q = `SELECT count(*) FROM a, side.sqlite_schema`
				}
				if err := c.QueryRowContext(ctx, q).Scan(&n); err != nil {
					t.Errorf("connection %d: %s: %v", i, q, err)
				}
			}
			if st := r.Stats(); st.OpenConnections != tc.conns {
				t.Errorf("%d connections open, want %d", st.OpenConnections, tc.conns)
			}
		})
	}
	if _, err := OpenMappedReader(ctx, path, 1, 1024, -1); err == nil {
		t.Error("OpenMappedReader took a negative size")
	}
}
