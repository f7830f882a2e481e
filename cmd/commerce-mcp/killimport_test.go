package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// importProcess is a `commerce-mcp import` process: this test binary run as the program.
type importProcess struct {
	cmd    *exec.Cmd
	stderr *syncbuf.Buffer
	done   chan error
}

// testProgram is this test binary, which runs as the program in processes it starts
// (TestMain); t is skipped when it cannot be found.
func testProgram(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary to run it as the program:", err)
	}
	return exe
}

// startImport starts `import --db db feeds...` as a process of its own.
func startImport(t *testing.T, db string, feeds ...string) *importProcess {
	t.Helper()
	r := &importProcess{stderr: &syncbuf.Buffer{}, done: make(chan error, 1)}
	r.cmd = exec.Command(testProgram(t), append([]string{"import", "--db", db, "--create"}, feeds...)...)
	r.cmd.Env = append(os.Environ(), asMainEnv+"=1")
	r.cmd.Stderr = r.stderr
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	return r
}

// wait waits for the import to end by itself and fails t unless it succeeded.
func (r *importProcess) wait(t *testing.T) string {
	t.Helper()
	if err := <-r.done; err != nil {
		t.Fatalf("import: %v\n%s", err, r.stderr.String())
	}
	return r.stderr.String()
}

// importAll imports feeds into db in a process of its own, to the end.
func importAll(t *testing.T, db string, feeds ...string) string {
	t.Helper()
	return startImport(t, db, feeds...).wait(t)
}

// genFeed writes gen-catalog's feed of n products from seed to a new file.
func genFeed(t *testing.T, n, seed int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "feed-"+strconv.Itoa(seed)+".jsonl")
	r := runCLI(t, nil, "gen-catalog", "--products", strconv.Itoa(n), "--seed", strconv.Itoa(seed), "--out", path)
	if r.code != 0 {
		t.Fatalf("gen-catalog: %+v", r)
	}
	return path
}

// copyCatalog copies the catalog at src (closed: no -wal left) and its sales file to a
// new directory and returns the copy's path.
func copyCatalog(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	for from, to := range map[string]string{src: dst, catalog.SalesFile(src): catalog.SalesFile(dst)} {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// feedRead is how far the process pid has read the file at path (its offset in it),
// and whether it has it open. Linux only.
func feedRead(pid int, path string) (int64, bool) {
	fds, _ := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/fd")
	for _, fd := range fds {
		if target, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/fd/" + fd.Name()); err != nil || target != path {
			continue
		}
		info, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/fdinfo/" + fd.Name())
		if err != nil {
			continue
		}
		for line := range strings.Lines(string(info)) {
			if v, ok := strings.CutPrefix(line, "pos:"); ok {
				n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				return n, err == nil
			}
		}
	}
	return 0, false
}

// serveSearches starts the server on db, as a client would after the kill, and fails
// t unless it answers a search.
func serveSearches(t *testing.T, db string) {
	t.Helper()
	in := strings.Join([]string{initLine, initializedLine, callLine(1, "search_products", map[string]any{"query": "lamp"})}, "\n")
	r := serveStdin(t, db, strings.NewReader(in))
	reply, ok := r.replies["1"]
	var res struct {
		IsError bool `json:"isError"`
	}
	if !ok || reply.Error != nil || json.Unmarshal(reply.Result, &res) != nil || res.IsError {
		t.Fatalf("the server started after the kill did not answer a search: %+v\n%s", reply, r.stderr)
	}
}

// TestImportKilledThenAgain kills (SIGKILL) `commerce-mcp import` processes at several
// points of an import, starts the server on what they left, and imports the same feed
// again to the end: the catalog must then hold exactly what a clean import writes
// (testshop.SameCatalog: every product, the full-text index and every table derived
// from them), and the server must serve searches in between. The kill points are found
// by watching the process (how far it has read its feed, what it has said, what it has
// written), so the test holds wherever the kill lands; each case logs what the import
// had said before it.
func TestImportKilledThenAgain(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("finds the kill points in /proc")
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	const n = 10000
	feed := genFeed(t, n, 11)
	size := func() int64 {
		st, err := os.Stat(feed)
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}()
	// What clean imports write: the feed into an empty catalog, and into the demo
	// catalog.
	cleanEmpty := filepath.Join(t.TempDir(), "shop.db")
	importAll(t, cleanEmpty, feed)
	seeded := filepath.Join(t.TempDir(), "shop.db")
	testshop.WriteDemo(t, seeded)
	cleanSeeded := copyCatalog(t, seeded)
	importAll(t, cleanSeeded, feed)

	// upgraded is the clean catalog as an upgrade leaves it: every product's rank and
	// codes to be rewritten by the background fill (as migrations 0012 and 0039 ask),
	// the rows there now wrong.
	upgraded := copyCatalog(t, cleanEmpty)
	func() {
		db, err := sqlite.Open(context.Background(), upgraded)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, q := range []string{
			`UPDATE product_rank SET head = '', title_keys = '[]'`,
			`INSERT OR REPLACE INTO product_rank_pending (id, filled_to) VALUES (1, 0)`,
			`DELETE FROM product_codes WHERE rowid % 2 = 0`,
			`INSERT OR REPLACE INTO product_codes_pending (id, filled_to) VALUES (1, 0)`,
		} {
			if _, err := db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}()
	filled := func(db string) bool { // the fill has written a batch
		c, err := sqlite.Open(context.Background(), db)
		if err != nil {
			return false
		}
		defer c.Close()
		var to int64
		c.QueryRow(`SELECT coalesce((SELECT filled_to FROM product_rank_pending), 1 << 62)`).Scan(&to)
		return to > 0
	}

	for _, tc := range []struct {
		name  string
		start string // the catalog before the import: "" for none
		want  string // what a clean import leaves
		kill  func(r *importProcess, db string) bool
	}{
		{"into a new catalog, once it has read the first rows", "", cleanEmpty, func(r *importProcess, _ string) bool {
			pos, _ := feedRead(r.cmd.Process.Pid, feed)
			return pos > 0
		}},
		{"into a new catalog, half of the feed read", "", cleanEmpty, func(r *importProcess, _ string) bool {
			pos, _ := feedRead(r.cmd.Process.Pid, feed)
			return pos >= size/2
		}},
		{"into a new catalog, the whole feed read (committing: the index and the derived tables built)", "", cleanEmpty, func(r *importProcess, _ string) bool {
			pos, _ := feedRead(r.cmd.Process.Pid, feed)
			return pos >= size
		}},
		{"into a new catalog, after its summary (merging the index, building the search heads)", "", cleanEmpty, func(r *importProcess, _ string) bool {
			return strings.Contains(r.stderr.String(), " imported, ")
		}},
		{"into a catalog with products, half of the feed read", seeded, cleanSeeded, func(r *importProcess, _ string) bool {
			pos, _ := feedRead(r.cmd.Process.Pid, feed)
			return pos >= size/2
		}},
		{"into an upgraded catalog, while the upgrade's background fill writes", upgraded, cleanEmpty, func(_ *importProcess, db string) bool {
			return filled(db)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "shop.db")
			if tc.start != "" {
				db = copyCatalog(t, tc.start)
			}
			r := startImport(t, db, feed)
			// Watch until the kill point, then kill. An import that ends by itself
			// just past its point (the summary is printed shortly before the end) was
			// not killed: logged, and the rest of the case holds all the same.
			for !tc.kill(r, db) {
				select {
				case err := <-r.done:
					r.done <- err // for the wait below
					if !tc.kill(r, db) {
						t.Fatalf("the import ended (%v) before its kill point:\n%s", err, r.stderr.String())
					}
					t.Logf("the import ended (%v) before the kill landed", err)
				case <-time.After(2 * time.Millisecond):
				}
			}
			r.cmd.Process.Kill()
			<-r.done
			t.Logf("killed; the import had said:\n%s", r.stderr.String())
			serveSearches(t, db)
			again := importAll(t, db, feed)
			t.Logf("imported again:\n%s", again)
			testshop.SameCatalog(t, db, tc.want)
		})
	}
}
