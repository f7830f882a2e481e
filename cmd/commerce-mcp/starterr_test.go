//go:build unix

package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// leakedSteps are internal step names that once began start-up errors ("move the
// store: open database …" for a person who moves nothing): none may reach a person.
var leakedSteps = []string{"move the store", "seed demo catalog", "bind sales statistics", "open store:"}

// TestStartErrorWords checks the words of the errors that stop a command at start on
// database files it cannot use: each says what happened to which file and what to
// do, and none begins with an internal step's name.
func TestStartErrorWords(t *testing.T) {
	ctx := context.Background()
	// made makes a database with the demo data in a directory of its own, then lets
	// spoil change its files; it returns the catalog's path.
	made := func(t *testing.T, spoil func(db string)) string {
		db := filepath.Join(t.TempDir(), "shop.db")
		var out, errOut bytes.Buffer
		if err := run(ctx, []string{"--db", db}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut); err != nil {
			t.Fatalf("create %s: %v", db, err)
		}
		spoil(db)
		return db
	}
	notDB := func(path string) func(string) {
		return func(db string) {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(path + suffix)
			}
			if err := os.WriteFile(path, []byte("these are not the pages of a database\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	const damaged = ": that file is not an SQLite database, or is damaged; check that --db names a commerce-mcp catalog"
	tests := []struct {
		name  string
		cmd   string // the command before --db
		spoil func(db string)
		lock  bool     // another process holds the catalog's write lock
		want  []string // substrings of the error, "DB" for the catalog's path, "DIR" for its directory
	}{
		{name: "catalog not a database, operator command", cmd: "customer list", spoil: func(db string) { notDB(db)(db) },
			want: []string{"open database DB for reading: file is not a database" + damaged}},
		{name: "catalog not a database, serve", cmd: "serve", spoil: func(db string) { notDB(db)(db) },
			want: []string{"open database DB: file is not a database" + damaged}},
		{name: "store not a database", cmd: "customer list", spoil: func(db string) { notDB(store.FileBeside(db))(db) },
			want: []string{"open database DIR/shop-store.db: file is not a database" + damaged}},
		{name: "sales file not a database", cmd: "serve", spoil: func(db string) { notDB(catalog.SalesFile(db))(db) },
			want: []string{"DIR/shop-sales.db: file is not a database" + damaged, "a sales statistics file may be deleted instead"}},
		{name: "the store moved out and missing", cmd: "token list", spoil: func(db string) {
			sqldb, err := sql.Open("sqlite3", db)
			if err == nil {
				_, err = sqldb.Exec(`UPDATE store_moved SET moved = 1`)
				sqldb.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(store.FileBeside(db) + suffix)
			}
		}, want: []string{"the store of this database was moved to a file of its own: DB records that its customers and orders were moved to DIR/shop-store.db, which is missing; restore it (with DB) from a backup"}},
		{name: "the catalog locked while the store is looked for", cmd: "customer list", lock: true, spoil: func(db string) {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(store.FileBeside(db) + suffix)
			}
		}, want: []string{"check DB for customers and orders a version before 2026-12-03 kept in it (to move them to DIR/shop-store.db): database is locked",
			"another process held the database's write lock for over 5s"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := made(t, tc.spoil)
			if tc.lock {
				defer testshop.HoldWriteLock(t, db)()
			}
			args := append(strings.Fields(tc.cmd), "--db", db)
			var out, errOut bytes.Buffer
			err := run(ctx, args, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
			if err == nil {
				t.Fatalf("%s on a spoilt database: no error (stderr %q)", tc.cmd, errOut.String())
			}
			checkStartWords(t, err.Error(), db, tc.want)
		})
	}
	// The case a new user met: a directory the user running the command cannot write.
	// Root writes any directory, so as root the command runs as nobody in a child.
	t.Run("read-only directory", func(t *testing.T) {
		db := made(t, func(string) {})
		dir := filepath.Dir(db)
		for _, cmd := range []string{"customer list", "token list", "serve", "import"} {
			args := append(strings.Fields(cmd), "--db", db)
			if cmd == "import" {
				args = append(args, writeTestFile(t, t.TempDir(), "f.csv", "item_id,title,price,seller_name\nX,Lamp,10 USD,Acme\n"))
			}
			got := runInReadOnlyDir(t, dir, args)
			checkStartWords(t, got, db, []string{"DB", "(its directory DIR cannot be written: permission denied; SQLite keeps a database's -wal and -shm files beside it"})
		}
	})
}

func checkStartWords(t *testing.T, got, db string, want []string) {
	t.Helper()
	for _, w := range want {
		w = strings.ReplaceAll(strings.ReplaceAll(w, "DB", db), "DIR", filepath.Dir(db))
		if !strings.Contains(got, w) {
			t.Errorf("error %q lacks %q", got, w)
		}
	}
	for _, step := range leakedSteps {
		if strings.Contains(got, step) {
			t.Errorf("error %q names the internal step %q", got, step)
		}
	}
}

// runInReadOnlyDir runs the command args with dir made read-only for the user running
// it, and returns its error's words ("" for none). As root, whom no directory mode
// stops, a copy of this test binary runs it as nobody.
func runInReadOnlyDir(t *testing.T, dir string, args []string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o700)
		err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), io.Discard, io.Discard)
		if err == nil {
			return ""
		}
		return err.Error()
	}
	// nobody must reach the files and the binary: the temporary directories are
	// made 0700, and go test's own work directory too.
	bin := filepath.Join(t.TempDir(), "self.test")
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{filepath.Dir(bin), filepath.Dir(filepath.Dir(bin)), filepath.Dir(filepath.Dir(dir))} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && !fi.IsDir() {
			os.Chmod(a, 0o644)
			os.Chmod(filepath.Dir(a), 0o755)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		os.Chmod(f, 0o644)
	}
	cmd := exec.Command(bin, args...) // as the program (TestMain, asMainEnv)
	cmd.Env = append(os.Environ(), asMainEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err == nil {
		return ""
	}
	return stderr.String()
}
