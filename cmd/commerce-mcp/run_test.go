package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

func TestRunCommandLine(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.csv")
	if err := os.WriteFile(feed, []byte("id,title,price,seller_name,availability\nx1,Trail Shoe,19.99 USD,Shop,in_stock\nx2,,5 USD,Shop,in_stock\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	headerOnly := filepath.Join(dir, "header.csv")
	if err := os.WriteFile(headerOnly, []byte("id,title,price\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "c.db")
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if left, _ := os.ReadDir(sub); len(left) > 0 {
			t.Errorf("a --db naming a directory left %s in it", left[0].Name())
		}
	})
	tests := []struct {
		name     string
		args     []string
		wantCode int    // 0 for success
		stderr   string // substring expected in stderr or the error
	}{
		{name: "help", args: []string{"help"}},
		{name: "unknown command", args: []string{"frobnicate"}, wantCode: 2, stderr: "unknown command"},
		{name: "bad flag", args: []string{"serve", "--nope"}, wantCode: 2, stderr: "flag provided but not defined"},
		{name: "bad log level", args: []string{"serve", "--db", db, "--log-level", "loud"}, wantCode: 2, stderr: "--log-level"},
		{name: "import without db", args: []string{"import", feed}, wantCode: 2, stderr: "needs --db"},
		{name: "import without files", args: []string{"import", "--db", db}, wantCode: 2, stderr: "at least one feed file"},
		{name: "import reports bad rows", args: []string{"import", "--db", db, feed}, stderr: "1 imported, 0 updated, 1 rejected"},
		{name: "import again updates", args: []string{"import", "--db", db, feed}, stderr: "0 imported, 1 updated, 1 rejected"},
		{name: "import of nothing readable", args: []string{"import", "--db", db, filepath.Join(dir, "missing.csv")}, wantCode: 1, stderr: "missing.csv"},
		{name: "import of a header alone", args: []string{"import", "--db", db, headerOnly}, wantCode: 1, stderr: "0 imported, 0 updated, 0 rejected\nnothing could be read from the given files: each was refused (the reason is above) or has no rows after its header"},
		// A directory as --db: refused before anything is made (it left a "-sales" file
		// inside it, named from the directory's path).
		{name: "serve on a directory", args: []string{"serve", "--db", sub + "/"}, wantCode: 2, stderr: "is a directory; give the path of the catalog file, such as " + filepath.Join(sub, "commerce.db")},
		{name: "import into a directory", args: []string{"import", "--db", sub, feed}, wantCode: 2, stderr: "is a directory"},
		{name: "an operator command on a directory", args: []string{"customer", "list", "--db", sub}, wantCode: 2, stderr: "is a directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tc.args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			code := 0
			if err != nil {
				code = exitCode(err)
				stderr.WriteString(err.Error())
			}
			if code != tc.wantCode {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tc.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
		})
	}
}

// TestHelpHidesSecrets checks that flag help, which prints defaults, never shows the
// secrets taken from the environment.
func TestHelpHidesSecrets(t *testing.T) {
	env := map[string]string{"STRIPE_SECRET_KEY": "sk_test_DoNotPrint", "COMMERCE_CONFIRM_KEY": "c0ffee-DoNotPrint"}
	getenv := func(k string) string { return env[k] }
	for _, args := range [][]string{{"serve", "--help"}, {"customer", "add-payment-method", "--help"}} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, getenv, strings.NewReader(""), &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if err != nil {
			out += err.Error()
		}
		if !strings.Contains(out, "stripe-key") {
			t.Errorf("%v: no flag help in %q", args, out)
		}
		if strings.Contains(out, "DoNotPrint") {
			t.Errorf("%v: a secret from the environment is in the help: %q", args, out)
		}
	}
}

// TestServeMistypedDatabase checks how serve meets a --db that does not exist: the
// likely typos are refused with nothing created (beside another database, beside this
// one's own customers, or with a customer a new database cannot hold), and a database
// made at a given path is a warning naming its files, while the default location is
// made quietly.
func TestServeMistypedDatabase(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "shop.db")
	if r := runCLI(t, nil, "serve", "--db", real); r.code != 0 {
		t.Fatalf("making %s: %+v", real, r)
	}
	orphan := filepath.Join(dir, "lost", "shop.db") // its store without its catalog
	if r := runCLI(t, nil, "serve", "--db", orphan, "--create"); r.code != 0 {
		t.Fatalf("making %s: %+v", orphan, r)
	}
	if err := os.Remove(orphan); err != nil {
		t.Fatal(err)
	}
	alone, empty := filepath.Join(t.TempDir(), "new.db"), filepath.Join(t.TempDir(), "empty.db")
	typo, second, xdg := filepath.Join(dir, "shpo.db"), filepath.Join(dir, "second.db"), filepath.Join(dir, "xdg")
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		db       string // the database the case names (or the default one)
		wantCode int
		stderr   []string
		never    []string
		created  bool // whether db exists afterwards
	}{
		{name: "typo beside a database", args: []string{"--db", typo}, db: typo, wantCode: 2,
			stderr: []string{"the database " + typo + " does not exist, and its directory holds another database (" + real + "): check --db", "start the server with --create (commerce-mcp --db " + typo + " --create </dev/null)"}},
		{name: "typo from the environment", env: map[string]string{"COMMERCE_DB": typo}, db: typo, wantCode: 2,
			stderr: []string{"its directory holds another database (" + real + ")"}},
		{name: "a new database beside another, asked for", args: []string{"--db", second, "--create"}, db: second, created: true,
			stderr: []string{"created a new database with the demo catalog and customer, as no file was at " + second, `files="` + second + " "}},
		{name: "catalog gone, its store left", args: []string{"--db", orphan}, db: orphan, wantCode: 2, created: false,
			stderr: []string{"the catalog " + orphan + " does not exist, but files of the same database are beside it (" + store.FileBeside(orphan), "Restore " + orphan + " from your backup"}},
		{name: "a customer a new database cannot hold", args: []string{"--db", alone, "--customer", "ann@example.com"}, db: alone, wantCode: 2,
			stderr: []string{`no customer "ann@example.com": the database ` + alone + " does not exist"}},
		{name: "the same with --create", args: []string{"--db", alone, "--customer", "cus_ann", "--create"}, db: alone, wantCode: 2,
			stderr: []string{`no customer "cus_ann"`}},
		{name: "an unknown customer in an existing database", args: []string{"--db", real, "--customer", "cus_nobody"}, db: real, wantCode: 2, created: true,
			stderr: []string{`no customer "cus_nobody" in the database ` + real + "; `commerce-mcp customer list --db " + real + "`"}},
		{name: "the demo customer by email", args: []string{"--db", alone, "--customer", "DEMO@commerce-mcp.example"}, db: alone, created: true,
			stderr: []string{"created a new database with the demo catalog and customer, as no file was at " + alone}},
		{name: "a new empty database", args: []string{"--db", empty, "--no-demo"}, db: empty, created: true,
			stderr: []string{"created a new database with no products (--no-demo, or live mode)", "the catalog has no products"}},
		{name: "the default location, quietly", env: map[string]string{"XDG_DATA_HOME": xdg}, db: filepath.Join(xdg, "commerce-mcp", "commerce.db"), created: true,
			stderr: []string{"INF created database with the demo catalog"}, never: []string{"created a new database"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkServe(t, tc.env, tc.args, tc.wantCode, tc.stderr, tc.never)
			if _, err := os.Stat(tc.db); (err == nil) != tc.created {
				t.Errorf("%s exists: %v, want %v", tc.db, err == nil, tc.created)
			}
			if _, err := os.Stat(catalog.SalesFile(tc.db)); !tc.created && tc.db != orphan && err == nil {
				t.Errorf("the refusal left %s", catalog.SalesFile(tc.db))
			}
		})
	}
}

// TestHelpAndVersion checks that help, asked for in any way and of any command, goes
// to stdout and exits 0, and that --version prints the version.
func TestHelpAndVersion(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdout []string
	}{
		{name: "--help", args: []string{"--help"}, stdout: []string{"Usage:", "customer create", "limits set", "orders list", "token create", "token list", "token revoke", "Getting started"}},
		// The flags a shop export needs, and the formats the README says import reads.
		{name: "--help on import", args: []string{"--help"}, stdout: []string{"[--seller NAME] [--currency CODE]", "Merchant Center XML; Shopify,"}},
		{name: "-h", args: []string{"-h"}, stdout: []string{"Usage:", "customer create"}},
		{name: "help", args: []string{"help"}, stdout: []string{"Usage:", "customer create"}},
		{name: "--version", args: []string{"--version"}, stdout: []string{"commerce-mcp " + version}},
		{name: "version", args: []string{"version"}, stdout: []string{"commerce-mcp " + version}},
		{name: "serve -h", args: []string{"serve", "-h"}, stdout: []string{"Usage: commerce-mcp serve", "-db", "-stripe-key-file", "-create"}},
		{name: "import -h", args: []string{"import", "-h"}, stdout: []string{"Usage: commerce-mcp import", "-seller"}},
		{name: "customer -h", args: []string{"customer", "-h"}, stdout: []string{"Usage: commerce-mcp customer", "create", "list", "add-payment-method"}},
		{name: "customer create -h", args: []string{"customer", "create", "--help"}, stdout: []string{"Usage: commerce-mcp customer create", "-email"}},
		{name: "customer list -h", args: []string{"customer", "list", "-h"}, stdout: []string{"Usage: commerce-mcp customer list", "-db"}},
		{name: "customer add-payment-method -h", args: []string{"customer", "add-payment-method", "-h"}, stdout: []string{"Usage: commerce-mcp customer add-payment-method", "-payment-method", "-stripe-key-file"}},
		{name: "limits -h", args: []string{"limits", "-h"}, stdout: []string{"Usage: commerce-mcp limits", "set", "show"}},
		{name: "limits set -h", args: []string{"limits", "set", "-h"}, stdout: []string{"Usage: commerce-mcp limits set", "-per-order"}},
		{name: "limits show -h", args: []string{"limits", "show", "-h"}, stdout: []string{"Usage: commerce-mcp limits show", "-customer"}},
		{name: "orders -h", args: []string{"orders", "-h"}, stdout: []string{"Usage: commerce-mcp orders", "list"}},
		{name: "orders list -h", args: []string{"orders", "list", "-h"}, stdout: []string{"Usage: commerce-mcp orders list", "-status"}},
		{name: "token -h", args: []string{"token", "-h"}, stdout: []string{"Usage: commerce-mcp token", "create|list|revoke"}},
		{name: "token create -h", args: []string{"token", "create", "-h"}, stdout: []string{"Usage: commerce-mcp token create", "-customer", "-name", "-expires", `(default "720h")`, "0 for never"}},
		{name: "token list -h", args: []string{"token", "list", "-h"}, stdout: []string{"Usage: commerce-mcp token list", "-customer"}},
		{name: "token revoke -h", args: []string{"token", "revoke", "-h"}, stdout: []string{"Usage: commerce-mcp token revoke [flags] ID|LABEL", "-db"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, tc.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", r.code, r.stderr)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
				}
			}
		})
	}
}

// TestServeDatabaseLocation checks that a --db in a directory that does not exist is
// refused unless --create is given, while the default location is created.
func TestServeDatabaseLocation(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		stderr   string
		created  string // a file that must exist afterwards
	}{
		{name: "mistyped directory", args: []string{"--db", filepath.Join(dir, "typo", "c.db")}, wantCode: 2, stderr: "does not exist"},
		{name: "mistyped directory from the environment", env: map[string]string{"COMMERCE_DB": filepath.Join(dir, "typo", "c.db")}, wantCode: 2, stderr: "--create"},
		{name: "with --create", args: []string{"--db", filepath.Join(dir, "new", "c.db"), "--create"}, created: filepath.Join(dir, "new", "c.db")},
		{name: "existing directory", args: []string{"--db", filepath.Join(dir, "c.db")}, created: filepath.Join(dir, "c.db")},
		{name: "default location", env: map[string]string{"XDG_DATA_HOME": filepath.Join(dir, "xdg")}, created: filepath.Join(dir, "xdg", "commerce-mcp", "commerce.db")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.env, append([]string{"serve"}, tc.args...)...)
			if r.code != tc.wantCode || !strings.Contains(r.stderr, tc.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, tc.wantCode, tc.stderr)
			}
			if tc.created != "" {
				if _, err := os.Stat(tc.created); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// TestServeUncreatableDatabase checks that a database that cannot be created says so
// and what to do, rather than "no such file or directory".
func TestServeUncreatableDatabase(t *testing.T) {
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
	r := runCLI(t, nil, "serve", "--db", filepath.Join(dir, "c.db"))
	if want := "cannot create the database in " + dir + ": permission denied; choose another --db"; r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", r.code, r.stderr, want)
	}
}

// TestServeWarnsOfOpenFiles checks that the start names the three database files, and
// that a database other users can read is reported.
func TestServeWarnsOfOpenFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	r := runCLI(t, nil, "serve", "--db", db)
	if r.code != 0 || strings.Contains(r.stderr, "other users") {
		t.Fatalf("new database: %+v", r)
	}
	for _, f := range []string{db, filepath.Join(filepath.Dir(db), "c-sales.db"), filepath.Join(filepath.Dir(db), "c-store.db")} {
		if !strings.Contains(r.stderr, f) {
			t.Errorf("the start does not name the database file %s:\n%s", f, r.stderr)
		}
	}
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, nil, "serve", "--db", db); r.code != 0 || !strings.Contains(r.stderr, "other users can read") || !strings.Contains(r.stderr, "chmod 600") {
		t.Errorf("0644 database: %+v", r)
	}
}

// TestServeSecretsAndMode checks where the Stripe key and confirmation key come from
// (flag, file or environment), that a secret given as a flag draws a warning, that the
// mode and its reason are logged, and that live mode refuses a database with demo data.
func TestServeSecretsAndMode(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, data string) string { return writeTestFile(t, dir, name, data) }
	testKey := write("stripe-test", "sk_test_fromfile\n")
	liveKey := write("stripe-live", "sk_live_fromfile\n")
	confirm := write("confirm", strings.Repeat("ab", 32)+"\n")
	empty := write("empty", "\n")
	demoDB := filepath.Join(dir, "demo.db")
	if r := runCLI(t, nil, "serve", "--db", demoDB); r.code != 0 {
		t.Fatalf("create the demo database: %+v", r)
	}
	// A database whose only customer has a Stripe test card.
	cardDB := filepath.Join(dir, "card.db")
	if r := runCLI(t, nil, "serve", "--db", cardDB, "--no-demo", "--create"); r.code != 0 { // --create: beside demo.db
		t.Fatalf("create an empty database: %+v", r)
	}
	runCLI(t, nil, "customer", "create", "--db", cardDB, "--email", "ada@example.com")
	if r := runCLI(t, nil, "customer", "add-payment-method", "--db", cardDB, "--customer", "ada@example.com", "--payment-method", "pm_card_mastercard"); r.code != 0 {
		t.Fatalf("add a test card: %+v", r)
	}
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		stderr   []string
		not      []string
	}{
		{name: "sandbox", args: []string{"--db", demoDB}, stderr: []string{"sandbox", "because no Stripe key is set"}, not: []string{"WRN"}},
		{name: "key from the environment", env: map[string]string{"STRIPE_SECRET_KEY": "sk_test_fromenv"}, args: []string{"--db", demoDB},
			stderr: []string{"test mode because STRIPE_SECRET_KEY is set", "mode=test"}, not: []string{"WRN", "fromenv"}},
		{name: "key from a file", args: []string{"--db", demoDB, "--stripe-key-file", testKey}, stderr: []string{"test mode because --stripe-key-file is set"}, not: []string{"WRN", "fromfile"}},
		{name: "key as a flag", args: []string{"--db", demoDB, "--stripe-key", "sk_test_fromflag"},
			stderr: []string{"test mode because --stripe-key is set", "--stripe-key is visible to other users", "STRIPE_SECRET_KEY or --stripe-key-file"}, not: []string{"fromflag"}},
		{name: "confirm key from a file", args: []string{"--db", demoDB, "--confirm-key-file", confirm}, not: []string{"WRN"}},
		{name: "confirm key as a flag", args: []string{"--db", demoDB, "--confirm-key", strings.Repeat("ab", 32)}, stderr: []string{"--confirm-key is visible to other users"}},
		{name: "flag and file", args: []string{"--db", demoDB, "--stripe-key", "sk_test_x", "--stripe-key-file", testKey}, wantCode: 2, stderr: []string{"either --stripe-key or --stripe-key-file"}},
		{name: "empty key file", args: []string{"--db", demoDB, "--stripe-key-file", empty}, wantCode: 2, stderr: []string{"is empty"}},
		{name: "missing key file", args: []string{"--db", demoDB, "--stripe-key-file", filepath.Join(dir, "nope")}, wantCode: 2, stderr: []string{"--stripe-key-file"}},
		{name: "live on the demo database", args: []string{"--db", demoDB, "--stripe-key-file", liveKey}, wantCode: 1,
			stderr: []string{"refusing to start in live mode", "cus_demo"}, not: []string{"fromfile"}},
		{name: "live on a database with a test card", args: []string{"--db", cardDB, "--stripe-key-file", liveKey}, wantCode: 1,
			stderr: []string{"refusing to start in live mode", "pm_card_mastercard"}},
		{name: "live on a new database", args: []string{"--db", filepath.Join(t.TempDir(), "live.db"), "--stripe-key-file", liveKey},
			stderr: []string{"live mode because --stripe-key-file is set", "not seeded"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkServe(t, tc.env, tc.args, tc.wantCode, tc.stderr, tc.not) })
	}
}

// checkServe runs serve with args and env, and checks its exit code, that stderr says
// each of says and none of never.
func checkServe(t *testing.T, env map[string]string, args []string, wantCode int, says, never []string) {
	t.Helper()
	r := runCLI(t, env, append([]string{"serve"}, args...)...)
	if r.code != wantCode {
		t.Fatalf("exit %d, want %d; stderr:\n%s", r.code, wantCode, r.stderr)
	}
	for _, want := range says {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	for _, not := range never {
		if strings.Contains(r.stderr, not) {
			t.Errorf("stderr has %q:\n%s", not, r.stderr)
		}
	}
}

// TestServeCPUProfile checks that `serve --cpuprofile FILE` writes a CPU profile of the
// server (a gzipped pprof file) once it stops, here at the end of its stdin.
func TestServeCPUProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "serve.prof")
	r := runCLI(t, nil, "serve", "--db", filepath.Join(dir, "c.db"), "--cpuprofile", prof)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("the profile (%d bytes) is not a gzipped pprof file", len(b))
	}
}

// TestServeSaysCatalogIsEmpty checks that serve warns when its catalog has no
// products — left by an import that stored nothing, or made with --no-demo — where it
// said nothing and every search found nothing; a seeded or imported catalog is not
// warned about.
func TestServeSaysCatalogIsEmpty(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "feed.csv")
	if err := os.WriteFile(feed, []byte("id,title,price,seller_name\nx1,Trail Shoe,19.99 USD,Shop\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const warning = "the catalog has no products, so every search finds nothing"
	tests := []struct {
		name   string
		before [][]string // commands run first, on the test's --db
		serve  []string   // serve's flags besides --db
		warned bool
	}{
		{name: "a failed import made it", before: [][]string{{"import", filepath.Join(dir, "missing.csv")}}, warned: true},
		{name: "--no-demo", serve: []string{"--no-demo"}, warned: true},
		{name: "the demo catalog", warned: false},
		{name: "an imported catalog", before: [][]string{{"import", feed}}, warned: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "shop.db") // a directory of its own: serve refuses a new one beside another
			for _, b := range tc.before {
				var out, errOut bytes.Buffer
				_ = run(context.Background(), append([]string{b[0], "--db", db}, b[1:]...), func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
			}
			var stdout, stderr bytes.Buffer
			args := append([]string{"serve", "--db", db}, tc.serve...)
			if err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr); err != nil {
				t.Fatalf("serve: %v (stderr %q)", err, stderr.String())
			}
			if got := strings.Contains(stderr.String(), warning); got != tc.warned {
				t.Errorf("warned = %v, want %v; stderr:\n%s", got, tc.warned, stderr.String())
			}
		})
	}
}

// TestOperatorCommandWhileLocked checks what an operator reads when another process
// holds the store's write lock past the busy timeout (an sqlite3 session left in a
// transaction): the cause and what to do, not SQLite's bare "database is locked".
func TestOperatorCommandWhileLocked(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "shop.db")
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"serve", "--db", db}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("serve: %v", err)
	}
	testshop.HoldWriteLock(t, store.FileBeside(db))
	err := run(ctx, []string{"customer", "create", "--db", db, "--email", "ann@example.com"}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "another process held the database's write lock for over 5s") {
		t.Fatalf("customer create while another process holds the lock: %v", err)
	}
}

// TestServeAddressInUse checks what a second server on a taken address says: who may
// hold it and what to do, not only the kernel's "address already in use".
func TestServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "shop.db")
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"serve", "--db", db, "--transport", "http", "--addr", ln.Addr().String()}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "another process (a second commerce-mcp?) is listening on "+ln.Addr().String()+"; stop it, or choose another --addr") {
		t.Fatalf("serve on a taken address: %v", err)
	}
}
