package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// feedLines reads the lines of a JSON Lines feed.
func feedLines(t *testing.T, feed string) []string {
	t.Helper()
	f, err := os.Open(feed)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// splitFeed writes the first half of the feed's lines and the rest to two new files.
func splitFeed(t *testing.T, feed string) (first, rest string) {
	t.Helper()
	lines := feedLines(t, feed)
	dir := t.TempDir()
	first, rest = filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "rest.jsonl")
	for path, part := range map[string][]string{first: lines[:len(lines)/2], rest: lines[len(lines)/2:]} {
		if err := os.WriteFile(path, []byte(strings.Join(part, "\n")+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return first, rest
}

// feedTitles maps the id of every product of a gen-catalog feed to its title.
func feedTitles(t *testing.T, feed string) map[string]string {
	t.Helper()
	titles := map[string]string{}
	for _, line := range feedLines(t, feed) {
		var p struct {
			ID    string `json:"item_id"`
			Title string `json:"title"`
		}
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatal(err)
		}
		titles[p.ID] = p.Title
	}
	return titles
}

var importSummary = regexp.MustCompile(`: (\d+) imported, (\d+) updated, (\d+) rejected`)

// importCounts reads an import's summary line: products imported, updated and rejected.
func importCounts(t *testing.T, said string) (imported, updated, rejected int) {
	t.Helper()
	m := importSummary.FindStringSubmatch(said)
	if m == nil {
		t.Fatalf("no summary in:\n%s", said)
	}
	imported, _ = strconv.Atoi(m[1])
	updated, _ = strconv.Atoi(m[2])
	rejected, _ = strconv.Atoi(m[3])
	return imported, updated, rejected
}

// holdsFeed fails t unless every product of titles is in the catalog at db with its
// title, its keys and its text, and the full-text index follows the text.
func holdsFeed(t *testing.T, db string, titles map[string]string) {
	t.Helper()
	c, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	missing := 0
	for id, title := range titles {
		var got string
		err := c.QueryRow(`SELECT t.title FROM products p JOIN product_text t ON t.rowid = p.rowid
			JOIN product_keys k ON k.rowid = p.rowid JOIN product_rank r ON r.rowid = p.rowid WHERE p.id = ?`, id).Scan(&got)
		if err != nil || got != title {
			if missing++; missing <= 3 {
				t.Errorf("product %s: title %q (%v), want %q", id, got, err, title)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d products missing or unlike the feed", missing, len(titles))
	}
	if _, err := c.Exec(`INSERT INTO products_fts (products_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("the full-text index differs from product_text: %v", err)
	}
}

// TestTwoImportsAtOnce runs two `commerce-mcp import` processes on one catalog at the
// same time, as two operators (or a cron job and a person) would: both succeed, each
// one's summary counts the rows of its own feed, nothing is lost, and where the order
// of their writes is decided (into a new catalog the first one's bulk load holds the
// catalog and the second one writes after it) the catalog is what the two imports
// one after the other write (testshop.SameCatalog). Into a catalog with products their
// batches interleave, so the rowids differ from any clean import's; there every
// product of both feeds is held as the feed says, with its derived rows.
func TestTwoImportsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	feed := genFeed(t, 6000, 21)
	first, rest := splitFeed(t, feed)
	titles := feedTitles(t, feed)
	// clean is what importing a then b, one after the other, into start writes.
	clean := func(start, a, b string) string {
		db := filepath.Join(t.TempDir(), "shop.db")
		if start != "" {
			db = copyCatalog(t, start)
		}
		importAll(t, db, a)
		importAll(t, db, b)
		return db
	}
	demo := filepath.Join(t.TempDir(), "shop.db")
	testshop.WriteDemo(t, demo)
	for _, tc := range []struct {
		name        string
		start       string // "" for a new catalog
		a, b        string
		interleaved bool // their batches may interleave: no clean import to compare with
	}{
		{"the same feed twice, into a new catalog", "", feed, feed, false},
		{"two halves of a feed, into a new catalog", "", first, rest, false},
		{"two halves of a feed, into a catalog with products", demo, first, rest, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "shop.db")
			if tc.start != "" {
				db = copyCatalog(t, tc.start)
			}
			ra, rb := startImport(t, db, tc.a), startImport(t, db, tc.b)
			errA, errB := <-ra.done, <-rb.done
			saidA, saidB := ra.stderr.String(), rb.stderr.String()
			for _, r := range []struct {
				err  error
				said string
			}{{errA, saidA}, {errB, saidB}} {
				if r.err != nil {
					t.Fatalf("import: %v\n%s", r.err, r.said)
				}
			}
			t.Logf("one said:\n%s\nthe other:\n%s", saidA, saidB)
			for _, s := range []struct{ said, feed string }{{saidA, tc.a}, {saidB, tc.b}} {
				imported, updated, rejected := importCounts(t, s.said)
				if rows := len(feedLines(t, s.feed)); imported+updated != rows || rejected != 0 {
					t.Errorf("an import of %d rows said %d imported, %d updated, %d rejected", rows, imported, updated, rejected)
				}
			}
			ia, _, _ := importCounts(t, saidA)
			ib, _, _ := importCounts(t, saidB)
			if ia+ib != len(titles) {
				t.Errorf("the two imports say %d and %d products were new, want %d in all", ia, ib, len(titles))
			}
			holdsFeed(t, db, titles)
			if tc.interleaved {
				return
			}
			// The import that wrote first is the one whose first product has the
			// lower rowid.
			aFirst := firstRowid(t, db, tc.a) <= firstRowid(t, db, tc.b)
			if aFirst {
				testshop.SameCatalog(t, db, clean(tc.start, tc.a, tc.b))
			} else {
				testshop.SameCatalog(t, db, clean(tc.start, tc.b, tc.a))
			}
		})
	}
}

// firstRowid is the rowid of the catalog at db of the first product of feed.
func firstRowid(t *testing.T, db, feed string) int64 {
	t.Helper()
	var p struct {
		ID string `json:"item_id"`
	}
	if err := json.Unmarshal([]byte(feedLines(t, feed)[0]), &p); err != nil {
		t.Fatal(err)
	}
	c, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var rowid int64
	if err := c.QueryRow(`SELECT rowid FROM products WHERE id = ?`, p.ID).Scan(&rowid); err != nil {
		t.Fatal(err)
	}
	return rowid
}

// call calls tool on the server process and decodes its structured result into out;
// it returns the result's text and whether it is an error.
func (p *stdioProcess) call(t *testing.T, id int, tool string, args map[string]any, out any) (string, bool) {
	t.Helper()
	p.send(callLine(id, tool, args))
	r, ok := p.reply(strconv.Itoa(id))
	if !ok {
		t.Fatalf("%s: the server ended without answering:\n%s", tool, p.stderr.String())
	}
	text, isError := toolText(t, r)
	var res struct {
		StructuredContent json.RawMessage `json:"structuredContent"`
	}
	if err := json.Unmarshal(r.Result, &res); err != nil {
		t.Fatal(err)
	}
	if out != nil && !isError {
		if err := json.Unmarshal(res.StructuredContent, out); err != nil {
			t.Fatalf("%s: %v", tool, err)
		}
	}
	return text, isError
}

// TestImportWhileServing imports new products into a catalog while a server over
// stdio (a process of its own, as a desktop client starts it) serves searches and
// purchases on the same files. Every product a search returns meanwhile is whole:
// get_product gives it with the feed's title; every purchase completes; after the
// import the server finds the new products, and every product of the feed is held
// with its derived rows.
func TestImportWhileServing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	exe := testProgram(t)
	db := filepath.Join(t.TempDir(), "shop.db")
	testshop.WriteDemo(t, db)
	feed := genFeed(t, 8000, 31)
	titles := feedTitles(t, feed)
	srv := startStdio(t, exe, db)
	id := 0
	next := func() int { id++; return id }
	var cheap struct {
		Products []struct{ ID string } `json:"products"`
	}
	srv.call(t, next(), "search_products", map[string]any{"max_price": 40, "limit": 1}, &cheap)
	if len(cheap.Products) != 1 {
		t.Fatalf("no cheap demo product: %+v", cheap)
	}
	// A word of the feed's titles that the demo catalog's do not all have.
	word := strings.Fields(titles["gen-000001"])[len(strings.Fields(titles["gen-000001"]))-1]

	imp := startImport(t, db, feed)
	searches, seen, bought := 0, 0, 0
	for running := true; running; {
		select {
		case err := <-imp.done:
			if err != nil {
				t.Fatalf("import: %v\n%s", err, imp.stderr.String())
			}
			running = false
		default:
		}
		var found struct {
			Products []struct{ ID, Title string } `json:"products"`
		}
		if text, isErr := srv.call(t, next(), "search_products", map[string]any{"query": word, "limit": 10}, &found); isErr {
			t.Fatalf("search during the import: %s", text)
		}
		searches++
		for _, p := range found.Products {
			want, ok := titles[p.ID]
			if !ok {
				continue // a demo product
			}
			seen++
			var got struct{ ID, Title string }
			if text, isErr := srv.call(t, next(), "get_product", map[string]any{"product_id": p.ID}, &got); isErr || got.Title != want || p.Title != want {
				t.Errorf("product %s during the import: found as %q, get_product %q (%s), want %q", p.ID, p.Title, got.Title, text, want)
			}
		}
		if searches%10 == 1 && bought < 5 { // the product's stock lasts
			var order struct {
				Status string `json:"status"`
			}
			if text, isErr := srv.call(t, next(), "purchase", map[string]any{"product_id": cheap.Products[0].ID}, &order); isErr || order.Status != "completed" {
				t.Errorf("purchase during the import: %s (%+v)", text, order)
			}
			bought++
		}
	}
	t.Logf("%d searches and %d purchases during the import; %d imported products found meanwhile\n%s", searches, bought, seen, imp.stderr.String())
	var after struct {
		Total int `json:"total"`
	}
	srv.call(t, next(), "search_products", map[string]any{"query": word}, &after)
	if after.Total == 0 {
		t.Errorf("after the import the server finds nothing for %q", word)
	}
	if r := runCLI(t, nil, "orders", "list", "--db", db, "--status", "completed"); strings.Count(r.stdout, "  completed  ") != bought {
		t.Errorf("%d purchases, the orders listed:\n%s", bought, r.stdout)
	}
	holdsFeed(t, db, titles)
}
