package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestAttach checks that Open and OpenReader attach a second file to every
// connection: created private and in WAL mode by Open, readable through the reader
// pool, and that a commit to it alone leaves the main file's data version, which is
// what makes a connection drop its page cache of that file, unchanged.
func TestAttach(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path, side := filepath.Join(dir, "main.db"), filepath.Join(dir, "side.db")
	a := Attach{Name: "side", Path: side}
	if _, err := Open(ctx, path, Attach{Name: "side; DROP", Path: side}); err == nil {
		t.Fatal("Open took an attachment name that is not an identifier")
	}
	db, err := Open(ctx, path, a)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE main.m (x); INSERT INTO m VALUES (1); CREATE TABLE side.s (x)`); err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := db.QueryRow(`PRAGMA side.journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("side.journal_mode = %q, %v", mode, err)
	}
	if fi, err := os.Stat(side); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the attached file: %v, %v", fi.Mode(), err)
	}
	r, err := OpenReader(ctx, path, 1, 1024, a)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	conn, err := r.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	version := func(schema string) (v int) {
		if err := conn.QueryRowContext(ctx, `PRAGMA `+schema+`.data_version`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	m0, s0 := version("main"), version("side")
	if _, err := db.Exec(`INSERT INTO s VALUES (2)`); err != nil {
		t.Fatal(err)
	}
	if m1, s1 := version("main"), version("side"); m1 != m0 || s1 == s0 {
		t.Errorf("after a commit to the attached file: main %d → %d, side %d → %d", m0, m1, s0, s1)
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM m) + (SELECT count(*) FROM s)`).Scan(&n); err != nil || n != 2 {
		t.Errorf("rows read through the reader: %d, %v", n, err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO s VALUES (3)`); err == nil {
		t.Error("the reader wrote to the attached file")
	}
}

// TestLimitMallocArenas: an operator's MALLOC_ARENA_MAX is left alone; otherwise, on
// Linux with glibc, the limit is set.
func TestLimitMallocArenas(t *testing.T) {
	if LimitMallocArenas(func(k string) string { return map[string]string{"MALLOC_ARENA_MAX": "8"}[k] }) {
		t.Error("LimitMallocArenas overrode MALLOC_ARENA_MAX")
	}
	// Only glibc has M_ARENA_MAX; with musl (Alpine) or off Linux it reports false.
	if got, want := LimitMallocArenas(func(string) string { return "" }), glibc(t); got != want {
		t.Errorf("LimitMallocArenas = %v on %s (glibc %v)", got, runtime.GOOS, want)
	}
}

// glibc reports whether this process runs on glibc, which it has mapped as libc.so.6
// (musl is ld-musl-*.so.1); off Linux it is false.
func glibc(t *testing.T) bool {
	if runtime.GOOS != "linux" {
		return false
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Skipf("which C library: %v", err)
	}
	return strings.Contains(string(maps), "/libc.so.6")
}
