//go:build unix

package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestOpenCreatesPrivateFiles checks that a new database, its WAL and shared-memory
// files and the directory made for them are readable by their owner only, whatever
// the umask (here none at all).
func TestOpenCreatesPrivateFiles(t *testing.T) {
	defer syscall.Umask(syscall.Umask(0))
	dir := filepath.Join(t.TempDir(), "data")
	path := filepath.Join(dir, "c.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('ada@example.com')"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want fs.FileMode
	}{
		{dir, 0o700}, {path, 0o600}, {path + "-wal", 0o600}, {path + "-shm", 0o600},
	} {
		fi, err := os.Stat(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != tc.want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(tc.name), got, tc.want)
		}
	}
	if open := OpenToOthers(path); len(open) != 0 {
		t.Errorf("OpenToOthers = %v for private files", open)
	}
}

// TestOpenToOthers checks that database files other users can read are reported.
func TestOpenToOthers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		if err := os.Chmod(f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := OpenToOthers(path), []string{path, path + "-wal"}; !slices.Equal(got, want) {
		t.Errorf("OpenToOthers = %v, want %v", got, want)
	}
}

// TestOpenUncreatableDatabase checks that a database that cannot be created says where
// and why, not SQLite's "no such file or directory".
func TestOpenUncreatableDatabase(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	if os.Geteuid() == 0 { // no directory mode stops root; sysfs refuses everyone
		if runtime.GOOS != "linux" {
			t.Skip("running as root, and no directory refuses root here")
		}
		dir = "/sys"
	}
	_, err := Open(context.Background(), filepath.Join(dir, "c.db"))
	if err == nil || !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "cannot create the database in "+dir+": permission denied") {
		t.Errorf("err = %v, want: cannot create the database in %s: permission denied", err, dir)
	}
}
