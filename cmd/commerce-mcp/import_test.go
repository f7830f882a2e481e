package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/feed"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestImportSellerChange checks that `import` refuses, row by row, to move a product
// to another seller unless --allow-seller-change is given.
func TestImportSellerChange(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	write := func(name, data string) string { return writeTestFile(t, dir, name, data) }
	const head = "item_id,title,price,seller_name\n"
	own := write("own.csv", head+"X,Lamp,10 USD,Acme\n")
	other := write("other.csv", head+"X,Lamp,1 USD,Mill Street\nZ,Jug,3 USD,Mill Street\n")
	tests := []struct {
		name   string
		args   []string
		stderr []string // substrings
	}{
		{name: "first import", args: []string{"import", "--db", db, own}, stderr: []string{"own.csv: 1 imported, 0 updated, 0 rejected"}},
		{name: "another seller's feed is refused for that row", args: []string{"import", "--db", db, other}, stderr: []string{
			`other.csv:2: product "X" is sold by seller "acme" in the catalog, not "mill-street"; pass --allow-seller-change to move it`,
			"other.csv: 1 imported, 0 updated, 1 rejected",
		}},
		{name: "the flag allows it", args: []string{"import", "--db", db, "--allow-seller-change", other}, stderr: []string{"other.csv: 0 imported, 2 updated, 0 rejected"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), tc.args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr); err != nil {
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr %q lacks %q", stderr.String(), want)
				}
			}
			// A catalog this small has no word common enough for a search head.
			if strings.Contains(stderr.String(), "search heads") {
				t.Errorf("stderr %q reports search heads of a catalog without common words", stderr.String())
			}
		})
	}
}

// TestImportDatabaseDirectory checks that `import` does not silently create the
// directory of a mistyped --db, and does with --create.
func TestImportDatabaseDirectory(t *testing.T) {
	dir := t.TempDir()
	feedPath := filepath.Join(dir, "f.csv")
	if err := os.WriteFile(feedPath, []byte("item_id,title,price,seller_name\nX,Lamp,10 USD,Acme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "no-such-dir", "c.db")
	env := func(string) string { return "" }
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"import", "--db", db, feedPath}, env, strings.NewReader(""), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "--create") {
		t.Fatalf("import into a missing directory: err %v, want a refusal naming --create", err)
	}
	if _, serr := os.Stat(filepath.Dir(db)); !os.IsNotExist(serr) {
		t.Fatalf("the refused import created %s (stat err %v)", filepath.Dir(db), serr)
	}
	if err := run(context.Background(), []string{"import", "--db", db, "--create", feedPath}, env, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("import --create: %v (stderr %q)", err, stderr.String())
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("import --create made no database: %v", err)
	}
}

// TestGenCatalogImports checks that a feed written by gen-catalog is imported whole,
// every product searchable, and that the same seed writes the same feed.
func TestGenCatalogImports(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	env := func(string) string { return "" }
	var feeds [2][]byte
	for i := range feeds {
		out := filepath.Join(dir, "feed"+string(rune('a'+i))+".jsonl")
		var stdout, stderr bytes.Buffer
		if err := run(ctx, []string{"gen-catalog", "--products", "300", "--seed", "7", "--out", out}, env, strings.NewReader(""), &stdout, &stderr); err != nil {
			t.Fatalf("gen-catalog: %v (stderr %q)", err, stderr.String())
		}
		var err error
		if feeds[i], err = os.ReadFile(out); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(feeds[0], feeds[1]) || bytes.Count(feeds[0], []byte("\n")) != 300 {
		t.Fatalf("two feeds of seed 7 differ or do not have 300 lines")
	}
	var stdout, stderr bytes.Buffer
	db := filepath.Join(dir, "c.db")
	if err := run(ctx, []string{"import", "--db", db, filepath.Join(dir, "feeda.jsonl")}, env, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("import: %v (stderr %q)", err, stderr.String())
	}
	if want := "feeda.jsonl: 300 imported, 0 updated, 0 rejected"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr.String(), want)
	}
}

// TestImportCPUProfile checks that `import --cpuprofile FILE` writes a CPU profile of
// the import (a gzipped pprof file), and that the import is done as without it.
func TestImportCPUProfile(t *testing.T) {
	dir := t.TempDir()
	feedPath := filepath.Join(dir, "f.csv")
	if err := os.WriteFile(feedPath, []byte("item_id,title,price,seller_name\nX,Lamp,10 USD,Acme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	prof := filepath.Join(dir, "import.prof")
	var stdout, stderr bytes.Buffer
	args := []string{"import", "--db", filepath.Join(dir, "c.db"), "--cpuprofile", prof, feedPath}
	if err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("import: %v (stderr %q)", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "f.csv: 1 imported") {
		t.Errorf("stderr %q does not report the import", stderr.String())
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("the profile (%d bytes) is not a gzipped pprof file", len(b))
	}
}

// TestImportCurrency checks `import --currency` on a Shopify export, whose prices
// carry no currency: it gives them one, without it the rows say to pass it, and a
// code that is not a currency is refused before anything is read.
func TestImportCurrency(t *testing.T) {
	shop := filepath.Join("..", "..", "testdata", "feeds", "shopify_products.csv")
	tests := []struct {
		name    string
		flags   []string
		wantErr string // substring of the error; "" for none
		stderr  string // substring of stderr
		absent  string // not in stderr
	}{
		{name: "with --currency", flags: []string{"--currency", "USD"}, stderr: "shopify_products.csv: 6 imported, 0 updated, 3 rejected, 1 skipped (1 × a row without a variant (a product's further image))",
			absent: "spending rules"},
		// A shop in pounds: customers' default spending rules are in dollars and
		// refuse its purchases, so the import says how to set them.
		{name: "another currency than the default rules'", flags: []string{"--currency", "gbp"},
			stderr: "prices in GBP: spending rules are in USD until set, and refuse purchases in GBP; set the defaults of every customer without rules of their own in GBP once (unless done already): commerce-mcp limits set --db "},
		{name: "without", stderr: `shopify_products.csv:4: Variant Price "24.00" has no currency and a Shopify export names none; give it with --currency`,
			wantErr: "no product was imported: all 9 rows read were rejected"},
		{name: "not a currency", flags: []string{"--currency", "dollars"}, wantErr: `--currency "dollars" is not a three-letter currency code`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			args := append(append([]string{"import", "--db", db, "--seller", "Corner Shop"}, tc.flags...), shop)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("import: err %v, want one containing %q", err, tc.wantErr)
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
			if tc.absent != "" && strings.Contains(stderr.String(), tc.absent) {
				t.Errorf("stderr %q has %q", stderr.String(), tc.absent)
			}
		})
	}
}

// TestImportNothingStored checks that an import whose every row was rejected fails
// (exit status 1), saying the first reason again after the summaries, so that a
// script does not go on as if the catalog had been loaded and a person whose terminal
// filled with one reason per row reads it where the output ends; a file of rows that
// hold no product (a shop export's image rows) is no failure.
func TestImportNothingStored(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string { return writeTestFile(t, dir, name, data) }
	const shopify = "Handle,Title,Vendor,Variant SKU,Variant Price,Image Src\n"
	bare := write("products_export.csv", shopify+"tee,Tee,Acme,T-1,12.00,https://cdn.shop.example/t.jpg\ntee,,,,,https://cdn.shop.example/t2.jpg\nmug,Mug,Acme,M-1,8.00,\n")
	images := write("images.csv", shopify+"tee,,,,,https://cdn.shop.example/t2.jpg\n")
	good := write("good.csv", "item_id,title,price,seller_name\nX,Lamp,10 USD,Acme\n")
	tests := []struct {
		name    string
		args    []string
		wantErr string // in the error; "" for none
		stderr  string // a substring
	}{
		{name: "every row rejected", args: []string{bare},
			wantErr: `no product was imported: all 2 rows read were rejected; the first: ` + bare + `:2: no seller: a Shopify export names none; pass --seller NAME, and --currency CODE for its bare prices`,
			stderr:  "products_export.csv: 0 imported, 0 updated, 2 rejected, 1 skipped"},
		{name: "the missing flag given", args: []string{"--currency", "USD", "--seller", "Corner Shop", bare},
			stderr: "products_export.csv: 2 imported, 0 updated, 0 rejected, 1 skipped"},
		{name: "only rows without a product", args: []string{"--currency", "USD", images},
			stderr: "images.csv: 0 imported, 0 updated, 0 rejected, 1 skipped"},
		{name: "another file stored products", args: []string{bare, good},
			stderr: "good.csv: 1 imported, 0 updated, 0 rejected"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"import", "--db", filepath.Join(t.TempDir(), "c.db")}, tc.args...)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			switch {
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want one with %q (stderr %q)", err, tc.wantErr, stderr.String())
			case tc.wantErr != "" && exitCode(err) != 1:
				t.Errorf("exit status %d, want 1", exitCode(err))
			case tc.wantErr == "" && err != nil:
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
		})
	}
}

// TestImportEncoding checks the --encoding flag of `import` and the summary line of a
// feed read as Windows-1252.
func TestImportEncoding(t *testing.T) {
	dir := t.TempDir()
	feedPath := filepath.Join(dir, "excel.csv")
	if err := os.WriteFile(feedPath, []byte("item_id,title,price,seller_name\nCAF\xc9,Caf\xe9 cr\xe8me,10 USD,Acme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		flags   []string
		stderr  string // a substring; "" for a usage error
		wantErr string // in the error; "" for none
	}{
		{name: "auto", stderr: "excel.csv: 1 imported, 0 updated, 0 rejected (read as Windows-1252)"},
		{name: "windows-1252, any case", flags: []string{"--encoding", "Windows-1252"}, stderr: "excel.csv: 1 imported, 0 updated, 0 rejected (read as Windows-1252)"},
		{name: "utf-8 wins over the bytes", flags: []string{"--encoding", "utf-8"}, stderr: "excel.csv: 0 imported, 0 updated, 1 rejected\n",
			wantErr: "no product was imported: all 1 rows read were rejected"},
		{name: "an unknown encoding", flags: []string{"--encoding", "latin-9"}, wantErr: `--encoding "latin-9" is not auto, utf-8 or windows-1252`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"import", "--db", filepath.Join(t.TempDir(), "c.db")}, tc.flags...), feedPath)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			switch {
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want one with %q", err, tc.wantErr)
			case tc.wantErr == "" && err != nil:
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
		})
	}
}

// TestImportStoppedBeforeAnyProduct checks that an import stopped before it stored a
// product (here, while it waits for another load to finish) does not claim that rows
// counted above were stored.
func TestImportStoppedBeforeAnyProduct(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	feedPath := filepath.Join(dir, "f.csv")
	if err := os.WriteFile(feedPath, []byte("item_id,title,price,seller_name\nX,Lamp,10 USD,Acme\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := testshop.Catalog(t, db, nil, nil)
	l, err := other.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err = run(ctx, []string{"import", "--db", db, feedPath}, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
	if err == nil || err.Error() != "import stopped before any product was stored" {
		t.Errorf("import while another load holds the catalog: err %v, want that no product was stored (stderr %q)", err, stderr.String())
	}
}

// writeTestFile writes data to dir/name, readable by its owner only, and returns the
// path: the feeds, keys and secrets the command tests give the commands.
func writeTestFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportRejectsGrouped checks that rows rejected for one reason do not flood
// stderr: the first few of each reason are listed, the rest counted after the file's
// summary with the lines they are on, and --rejects FILE keeps every row; rows whose
// quoted values differ (each its own price) are one reason.
func TestImportRejectsGrouped(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("item_id,title,price,seller_name\n")
	for line := 2; line <= 41; line++ { // 39 prices without a currency, line 22 a good row
		if line == 22 {
			b.WriteString("OK,Lamp,10 USD,Acme\n")
			continue
		}
		fmt.Fprintf(&b, "P%d,Lamp %d,12.%02d,Acme\n", line, line, line)
	}
	b.WriteString("T1,,5 USD,Acme\nT2,,6 USD,Acme\n") // lines 42 and 43: no title
	feedPath := writeTestFile(t, dir, "f.csv", b.String())
	b.Reset()
	b.WriteString("item_id,title,price,seller_name\n")
	for line := 2; line <= 49; line++ { // every other row bad: 24 rows in 24 spans
		if line%2 == 0 {
			fmt.Fprintf(&b, "P%d,Lamp,3,Acme\n", line)
		} else {
			fmt.Fprintf(&b, "G%d,Lamp,3 USD,Acme\n", line)
		}
	}
	spread := writeTestFile(t, dir, "spread.csv", b.String())
	noCurrency := func(file string, line int) string {
		return fmt.Sprintf(`%s:%d: price "12.%02d" has no currency`, file, line, line)
	}
	rejects := filepath.Join(dir, "rejects.txt")
	tests := []struct {
		name    string
		args    []string
		listed  int      // rows of the price reason listed in full on stderr
		stderr  []string // substrings
		absent  []string
		file    int    // lines of the --rejects file; 0 for none
		wantErr string // "" for none
	}{
		{name: "first rows listed, the rest counted", args: []string{feedPath}, listed: 5, stderr: []string{
			noCurrency(feedPath, 6),
			feedPath + ":42: title is missing", feedPath + ":43: title is missing",
			"f.csv: 1 imported, 0 updated, 41 rejected\n  34 more rows (lines 7-21, 23-41; 39 in all) like " + noCurrency(feedPath, 2),
			"only the first 5 rows of each reason are listed; --rejects FILE writes every one with its reason",
		}, absent: []string{noCurrency(feedPath, 7), "more rows (lines 43"}},
		{name: "every row in --rejects", args: []string{"--rejects", rejects, feedPath}, listed: 5, file: 41, stderr: []string{
			"34 more rows (lines 7-21, 23-41; 39 in all)", "every row and its reason is in " + rejects,
		}},
		{name: "spans past the bound", args: []string{spread}, stderr: []string{
			"19 more rows (lines 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, …; 24 in all) like " + spread + `:2: price "3" has no currency`,
		}},
		{name: "--rejects naming a feed", args: []string{"--rejects", feedPath, feedPath}, wantErr: "--rejects " + feedPath + " names " + feedPath},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"import", "--db", filepath.Join(t.TempDir(), "c.db")}, tc.args...)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || exitCode(err) != 2 {
					t.Fatalf("err = %v (exit %d), want a usage error with %q", err, exitCode(err), tc.wantErr)
				}
				if got, _ := os.ReadFile(feedPath); !strings.HasPrefix(string(got), "item_id,title,price,seller_name\nP2,") {
					t.Errorf("the feed named by --rejects was changed: %q", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			}
			if tc.listed > 0 {
				if n := strings.Count(stderr.String(), "\n"+feedPath+":"); n != tc.listed+2 {
					t.Errorf("stderr lists %d rows, want %d of the price reason and 2 without a title:\n%s", n, tc.listed+2, stderr.String())
				}
			}
			for _, want := range tc.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			for _, not := range tc.absent {
				if strings.Contains(stderr.String(), not) {
					t.Errorf("stderr has %q:\n%s", not, stderr.String())
				}
			}
			if tc.file > 0 {
				got, err := os.ReadFile(rejects)
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
				if len(lines) != tc.file || !strings.HasPrefix(lines[0], noCurrency(feedPath, 2)) ||
					!strings.HasPrefix(lines[38], noCurrency(feedPath, 41)) || lines[40] != feedPath+":43: title is missing" {
					t.Errorf("--rejects holds %d lines, want %d, every row in order:\n%s", len(lines), tc.file, got)
				}
			}
		})
	}
}

// TestReasonKey checks which rejected rows count as one reason: those whose reasons
// differ only in quoted values and numbers.
func TestReasonKey(t *testing.T) {
	tests := []struct {
		name string
		a, b feed.RowError
		same bool
	}{
		{name: "quoted values differ", same: true,
			a: feed.RowError{Reason: `price "12.00" has no currency; write it like "29.99 USD"`},
			b: feed.RowError{Reason: `price "8.5" has no currency; write it like "29.99 USD"`}},
		{name: "numbers differ", same: true,
			a: feed.RowError{Reason: "the price rule on line 17 leaves a negative price"},
			b: feed.RowError{Reason: "the price rule on line 2041 leaves a negative price"}},
		{name: "an escaped quote inside a value", same: true,
			a: feed.RowError{Reason: `title "a \"big\" lamp" is too long`},
			b: feed.RowError{Reason: `title "x" is too long`}},
		{name: "other words", same: false,
			a: feed.RowError{Reason: `price "12.00" has no currency`},
			b: feed.RowError{Reason: `price "12.00" is not a price`}},
		{name: "a quote never closed is kept", same: false,
			a: feed.RowError{Reason: `price "12.00 has no currency`},
			b: feed.RowError{Reason: `price "13.00 has no currency`}},
		{name: "a warning is not a rejection", same: false,
			a: feed.RowError{Reason: "title is longer than 300 bytes; it was cut to fit", Warning: true},
			b: feed.RowError{Reason: "title is longer than 300 bytes; it was cut to fit"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ka, kb := string(appendReasonKey(nil, tc.a)), string(appendReasonKey(nil, tc.b))
			if (ka == kb) != tc.same {
				t.Errorf("keys %q and %q: same %v, want %v", ka, kb, ka == kb, tc.same)
			}
		})
	}
}

// TestImportAvailability: a feed whose rows say no availability and give no stock
// count stores its products as unknown, and the summary says what that means and
// which flag helps; --availability gives such rows the availability named (never over
// a row's own, nor over a stock count), and an unknown value is refused.
func TestImportAvailability(t *testing.T) {
	dir := t.TempDir()
	feedFile := writeTestFile(t, dir, "products.json", `[{"id": "A", "title": "Lamp", "price": 10},
{"id": "B", "title": "Rug", "price": 20, "availability": "out of stock"},
{"id": "C", "title": "Vase", "price": 30, "stock": 0},
{"id": "D", "title": "Bowl", "price": 40}]`+"\n")
	const warning = "2 of the products stored say neither availability nor a stock count"
	tests := []struct {
		name    string
		flags   []string
		wantErr string
		warned  bool
		want    map[string]catalog.Availability
	}{
		{name: "no flag: unknown, and said", warned: true,
			want: map[string]catalog.Availability{"A": catalog.Unknown, "B": catalog.OutOfStock, "C": catalog.OutOfStock, "D": catalog.Unknown}},
		{name: "in stock given", flags: []string{"--availability", "in_stock"},
			want: map[string]catalog.Availability{"A": catalog.InStock, "B": catalog.OutOfStock, "C": catalog.OutOfStock, "D": catalog.InStock}},
		{name: "a feed's spelling", flags: []string{"--availability", "Pre-order"},
			want: map[string]catalog.Availability{"A": catalog.Preorder, "B": catalog.OutOfStock, "C": catalog.OutOfStock, "D": catalog.Preorder}},
		{name: "unknown is not a choice", flags: []string{"--availability", "unknown"}, wantErr: `--availability "unknown" is not in_stock`},
		{name: "nonsense", flags: []string{"--availability", "plenty"}, wantErr: `--availability "plenty" is not in_stock`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			args := append([]string{"import", "--db", db, "--seller", "Corner Shop", "--currency", "USD"}, tc.flags...)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append(args, feedFile), func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			}
			if got := strings.Contains(stderr.String(), warning); got != tc.warned {
				t.Errorf("summary says %q: %v, want %v (stderr %q)", warning, got, tc.warned, stderr.String())
			}
			cat, err := catalog.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer cat.Close()
			for id, want := range tc.want {
				p, err := cat.Product(context.Background(), id)
				if err != nil {
					t.Fatal(err)
				}
				if p.Availability != want {
					t.Errorf("%s: availability %q, want %q", id, p.Availability, want)
				}
			}
		})
	}
}

// TestImportShopURL: --shop-url links a shop export's products (a Shopify handle under
// /products/), and a value that is not a shop's address is a usage error that does not
// repeat it (it may hold a password).
func TestImportShopURL(t *testing.T) {
	dir := t.TempDir()
	shop := writeTestFile(t, dir, "products_export.csv", "Handle,Title,Vendor,Variant SKU,Variant Price\nblue-mug,Blue Mug,Acme,M-1,8.00\n")
	tests := []struct {
		name, url, wantErr string
		link               string
	}{
		{name: "a shop", url: "https://shop.example/", link: "https://shop.example/products/blue-mug"},
		{name: "user info", url: "https://me:secret@shop.example", wantErr: "--shop-url holds user info"},
		{name: "no scheme", url: "shop.example", wantErr: "--shop-url is not the shop's address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), []string{"import", "--db", db, "--seller", "Acme", "--currency", "USD", "--shop-url", tc.url, shop},
				func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "secret") {
					t.Fatalf("import: %v, want a usage error with %q that does not repeat the value", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("import: %v (stderr %q)", err, stderr.String())
			}
			cat, err := catalog.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer cat.Close()
			p, err := cat.Product(context.Background(), "M-1")
			if err != nil || p.URL != tc.link {
				t.Errorf("product M-1: url %q (%v), want %q", p.URL, err, tc.link)
			}
		})
	}
}

// TestImportPerOrderLimit checks that an import whose products cost more than the
// per-order limit of customers without rules of their own says how many and how to
// raise it (a camera shop's bodies cost more than the built-in $500.00, and every
// purchase of one was refused), reading the defaults the operator set when the store
// beside the catalog has them, and says nothing when every product fits.
func TestImportPerOrderLimit(t *testing.T) {
	dir := t.TempDir()
	feedFile := func(name string, prices ...string) string {
		var b strings.Builder
		b.WriteString("item_id,title,price,seller_name\n")
		for i, p := range prices {
			fmt.Fprintf(&b, "P%d,Thing %d,%s,Harbor\n", i, i, p)
		}
		return writeTestFile(t, dir, name, b.String())
	}
	dear := feedFile("dear.csv", "2498.00 USD", "899.00 USD", "12.95 USD", "500.00 USD")
	cheap := feedFile("cheap.csv", "12.95 USD", "499.99 USD")
	euros := feedFile("euros.csv", "2498.00 EUR")
	const note = "more than the per-order limit of customers without spending rules of their own"
	runIt := func(t *testing.T, args ...string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr); err != nil {
			t.Fatalf("%v: %v (stderr %q)", args, err, stderr.String())
		}
		return stderr.String()
	}
	for _, tc := range []struct {
		name     string
		defaults []string // limits set --default flags run before the import; none for the built-in rules
		file     string
		want     string // in stderr; "" for no note
	}{
		{name: "products over the built-in limit", file: dear,
			want: "2 products cost more than the per-order limit of customers without spending rules of their own ($500.00; the dearest $2,498.00): their purchases are refused until it is raised; raise it once for all such customers: commerce-mcp limits set --db "},
		{name: "every product within it", file: cheap},
		{name: "the operator's defaults raised", defaults: []string{"--per-order", "3000"}, file: dear},
		{name: "the operator's defaults lowered", defaults: []string{"--per-order", "100"}, file: dear,
			want: "3 products cost more than the per-order limit of customers without spending rules of their own ($100.00; the dearest $2,498.00)"},
		{name: "no per-order limit", defaults: []string{"--per-order", "none"}, file: dear},
		{name: "prices in another currency than the rules'", file: euros},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "c.db")
			if tc.defaults != nil {
				runIt(t, "--db", db, "--no-demo")
				runIt(t, append([]string{"limits", "set", "--db", db, "--default"}, tc.defaults...)...)
			}
			got := runIt(t, "import", "--db", db, tc.file)
			if tc.want == "" && strings.Contains(got, note) || tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("stderr %q, want %q", got, tc.want)
			}
		})
	}
}

// TestImportWaitsForAnotherWriter checks that an import waits, saying so once, while
// another process holds the catalog's write lock past the busy timeout (here the test,
// in a transaction begun with BEGIN IMMEDIATE and held until the import has said that
// it waits): while catalog.Open applies the migrations of a new catalog, and at a batch
// into a catalog with products (the lock taken once the import has begun its load and
// is about to write the batch: when it lists the batch's rejected row, which the writer
// does just before writing the batch). Once the lock is let go the import writes every
// product of its feed, counted as new (nothing of the failed attempt was kept); an
// import whose context ends while it waits (Ctrl-C) stops, with nothing stored.
func TestImportWaitsForAnotherWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the busy timeout")
	}
	t.Parallel()
	const waiting = "the catalog is being written by another process (an import?); waiting for it to finish…"
	newFile := func(t *testing.T, db string) { // an empty database, as another import's first moment makes it
		t.Helper()
		sdb, err := sqlite.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		sdb.Close()
	}
	withProducts := func(t *testing.T, db string) { // opened once, so that Open has nothing left to write
		t.Helper()
		testshop.WriteDemo(t, db)
		c, err := catalog.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.WaitFill(context.Background()); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	for _, tc := range []struct {
		name   string
		start  func(t *testing.T, db string)
		lockAt string // take the lock when stderr gets a line holding this; "": before the import starts
		stop   bool   // the import's context ends while it waits
	}{
		{"a new catalog: Open's migrations wait", newFile, "", false},
		{"a new catalog: stopped while the migrations wait", newFile, "", true},
		{"a catalog with products: a batch waits", withProducts, "f.csv:2: title is missing", false},
		{"a catalog with products: stopped while a batch waits", withProducts, "f.csv:2: title is missing", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			db := filepath.Join(dir, "c.db")
			feedPath := writeTestFile(t, dir, "f.csv", "item_id,title,price,seller_name\nZ,,5 USD,Acme\nX,Lamp,10 USD,Acme\nY,Jug,3 USD,Acme\n")
			tc.start(t, db)
			var mu sync.Mutex
			release := func() {}
			hold := func() {
				mu.Lock()
				defer mu.Unlock()
				release = testshop.HoldWriteLock(t, db)
			}
			letGo := func() {
				mu.Lock()
				defer mu.Unlock()
				release()
			}
			defer letGo()
			stderr := &lockedBuffer{}
			if tc.lockAt == "" {
				hold()
			} else {
				var once sync.Once
				stderr.onWrite = func(p string) {
					if strings.Contains(p, tc.lockAt) {
						once.Do(hold)
					}
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout bytes.Buffer
			done := make(chan error, 1)
			go func() {
				done <- run(ctx, []string{"import", "--db", db, feedPath}, func(string) string { return "" }, strings.NewReader(""), &stdout, stderr)
			}()
			for deadline := time.Now().Add(60 * time.Second); !strings.Contains(stderr.String(), waiting); time.Sleep(20 * time.Millisecond) {
				select {
				case err := <-done:
					t.Fatalf("the import ended before saying it waits: %v\n%s", err, stderr.String())
				default:
				}
				if time.Now().After(deadline) {
					t.Fatalf("the import did not say it waits in 60 s:\n%s", stderr.String())
				}
			}
			if tc.stop {
				cancel()
			} else {
				letGo()
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(60 * time.Second):
				t.Fatalf("the import did not end in 60 s after the lock was let go or its context ended:\n%s", stderr.String())
			}
			letGo()
			said := stderr.String()
			if n := strings.Count(said, waiting); n != 1 {
				t.Errorf("said %d times that it waits, want once:\n%s", n, said)
			}
			c := testshop.Catalog(t, db, nil, nil)
			ctx = context.Background()
			if tc.stop {
				if err == nil || err.Error() != "import stopped before any product was stored" {
					t.Errorf("import stopped while waiting: err %v, want that no product was stored\n%s", err, said)
				}
				if _, err := c.Product(ctx, "X"); err == nil {
					t.Errorf("product X was stored by an import stopped before writing it")
				}
				return
			}
			if err != nil {
				t.Fatalf("import: %v\n%s", err, said)
			}
			if !strings.Contains(said, "f.csv: 2 imported, 0 updated, 1 rejected") {
				t.Errorf("the summary does not count both products as new:\n%s", said)
			}
			for _, id := range []string{"X", "Y"} {
				if _, err := c.Product(ctx, id); err != nil {
					t.Errorf("product %s: %v", id, err)
				}
			}
		})
	}
}

// lockedBuffer is a bytes.Buffer safe for a command writing it while the test reads it.
// onWrite, when set, is called with each write, in the writer's goroutine, after it.
type lockedBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	onWrite func(p string)
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	n, err := l.b.Write(p)
	l.mu.Unlock()
	if l.onWrite != nil {
		l.onWrite(string(p))
	}
	return n, err
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
