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

// TestMigrateConcurrentOpens opens one fresh database from many goroutines at once,
// each with its own *sql.DB as separate processes would, and checks that every open
// succeeds and every migration is applied exactly once.
func TestMigrateConcurrentOpens(t *testing.T) {
	ctx := context.Background()
	files := fstest.MapFS{
		"m/0001_a.sql": {Data: []byte("CREATE TABLE a (x INTEGER);")},
		"m/0002_b.sql": {Data: []byte("CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);")},
		"m/0003_c.sql": {Data: []byte("CREATE INDEX a_x ON a (x);")},
	}
	path := filepath.Join(t.TempDir(), "fresh.db")
	const n = 12
	errs := make(chan error, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			db, err := OpenMigrated(ctx, path, files, "m", "test_migrations")
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	close(start)
	for range n {
		if err := <-errs; err != nil {
			t.Errorf("concurrent open: %v", err)
		}
	}
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, applied int
	if err := db.QueryRow("SELECT count(*) FROM a").Scan(&rows); err != nil || rows != 1 {
		t.Errorf("rows in a = %d, %v; want 1 (0002 applied once)", rows, err)
	}
	if err := db.QueryRow("SELECT count(*) FROM test_migrations").Scan(&applied); err != nil || applied != 3 {
		t.Errorf("recorded migrations = %d, %v; want 3", applied, err)
	}
}

// TestOpenKeepsIdleConnections checks that connections handed back after concurrent
// use stay open for the next calls, up to maxIdleConns, instead of being closed and
// opened again (database/sql keeps 2 by default).
func TestOpenKeepsIdleConnections(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "pool.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for round := range 2 {
		conns := make([]*sql.Conn, 0, maxIdleConns)
		for range maxIdleConns {
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var one int
			if err := c.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			c.Close()
		}
		s := db.Stats()
		if s.OpenConnections != maxIdleConns || s.Idle != maxIdleConns || s.MaxIdleClosed != 0 {
			t.Fatalf("round %d: after %d connections used at once and handed back: open %d, idle %d, closed for exceeding the idle limit %d; want %d, %d, 0",
				round, maxIdleConns, s.OpenConnections, s.Idle, s.MaxIdleClosed, maxIdleConns, maxIdleConns)
		}
	}
}
