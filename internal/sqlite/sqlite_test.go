package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	sqlite3 "github.com/mattn/go-sqlite3"
)

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "sub", "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v1 := fstest.MapFS{"0001_a.sql": {Data: []byte("CREATE TABLE a (x INTEGER);")}}
	v2 := fstest.MapFS{"0001_a.sql": v1["0001_a.sql"], "0002_b.sql": {Data: []byte("INSERT INTO a VALUES (1);")}}
	for _, files := range []fstest.MapFS{v1, v1, v2, v2} { // re-running applies nothing twice
		if err := Migrate(ctx, db, files, "m"); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM a").Scan(&n); err != nil || n != 1 {
		t.Fatalf("rows in a = %d, %v; want 1 (0002 applied once)", n, err)
	}
	if err := Migrate(ctx, db, v1, "m"); err == nil || !strings.Contains(err.Error(), "newer version") {
		t.Fatalf("older program on newer database: err = %v", err)
	}
	bad := fstest.MapFS{"0001_a.sql": v1["0001_a.sql"], "0002_b.sql": v2["0002_b.sql"], "0003_c.sql": {Data: []byte("NOT SQL")}}
	if err := Migrate(ctx, db, bad, "m"); err == nil {
		t.Fatal("a broken migration must fail")
	}
}

func TestFTS5Available(t *testing.T) {
	if err := FTS5Available(context.Background()); err != nil {
		t.Fatalf("tests run with -tags sqlite_fts5: %v", err)
	}
}

func TestOpenMigrated(t *testing.T) {
	ctx := context.Background()
	files := fstest.MapFS{"m/0001_a.sql": {Data: []byte("CREATE TABLE a (x INTEGER);")}}
	path := filepath.Join(t.TempDir(), "x.db")
	db, err := OpenMigrated(ctx, path, files, "m", "test_migrations")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO a VALUES (1)"); err != nil {
		t.Errorf("migration not applied: %v", err)
	}
	db.Close()
	bad := fstest.MapFS{"m/0001_a.sql": {Data: []byte("CREATE TABLE oops (")}}
	if _, err := OpenMigrated(ctx, filepath.Join(t.TempDir(), "y.db"), bad, "m", "test_migrations"); err == nil {
		t.Error("a broken migration was accepted")
	}
}

// TestQPSGEnabled checks that every connection Open makes has the query planner
// stability guarantee on (see enableQPSG).
func TestQPSGEnabled(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Two connections held at once: the second is new, not the first reused.
	var conns []*sql.Conn
	for range 2 {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns {
		err := c.Raw(func(dc any) error {
			sc, ok := dc.(*sqlite3.SQLiteConn)
			if !ok {
				t.Fatalf("connection %d is a %T", i, dc)
			}
			on, err := qpsgEnabled(sc)
			if err == nil && !on {
				err = errors.New("off")
			}
			return err
		})
		if err != nil {
			t.Errorf("connection %d: query planner stability guarantee: %v", i, err)
		}
	}
}
