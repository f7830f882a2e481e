//go:build unix

package sqlite

import (
	"context"
	"database/sql"
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

// TestOpenInUnwritableDirectory checks that a database that exists in a directory that
// cannot be written (a read-only file system) says that the directory is the problem,
// not SQLite's "no such file or directory" about a file that is there.
func TestOpenInUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: no directory mode stops root, and no read-only file system holds a database here (TestOpenError covers the words)")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close() // the last connection checkpoints and removes the -wal and -shm files
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	for _, open := range []func() error{
		func() error { db, err := Open(context.Background(), path); closeIf(db); return err },
		func() error { db, err := OpenReader(context.Background(), path, 1, 1024); closeIf(db); return err },
	} {
		if err := open(); err == nil || !strings.Contains(err.Error(), "its directory "+dir+" cannot be written: permission denied") {
			t.Errorf("err = %v, want one saying that %s cannot be written", err, dir)
		}
	}
}

// TestOpenError: the words of a database that could not be opened name its directory
// when that cannot be written, and only then.
func TestOpenError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cause := errors.New("unable to open database file: no such file or directory")
	tests := []struct {
		name, dir, what, want string
	}{
		{"writable directory", t.TempDir(), "", "open database DIR/c.db: unable to open database file: no such file or directory"},
		{"unwritable directory", file, " for reading", "open database DIR/c.db for reading: unable to open database file: no such file or directory " +
			"(its directory DIR cannot be written: not a directory; SQLite keeps a database's -wal and -shm files beside it and must create them, even to read it, " +
			"so the database files need a directory that can be written)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := openError(filepath.Join(tt.dir, "c.db"), tt.what, cause)
			if want := strings.ReplaceAll(tt.want, "DIR", tt.dir); err.Error() != want {
				t.Errorf("openError:\n got %s\nwant %s", err, want)
			}
			if !errors.Is(err, cause) {
				t.Errorf("openError does not wrap its cause")
			}
		})
	}
}

func closeIf(db *sql.DB) {
	if db != nil {
		db.Close()
	}
}
