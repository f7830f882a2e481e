package sqlite

import (
	"context"
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
