package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

func openCatalog(t *testing.T) *catalog.Catalog { return testshop.Catalog(t, "", nil, nil) }

// counts is a Report without its errors, for comparison.
type counts struct {
	Imported, Updated, Rejected, Warned int
	Repeated                            int
	Err                                 bool
}

func countsOf(r Report) counts {
	return counts{Imported: r.Imported, Updated: r.Updated, Rejected: r.Rejected, Warned: r.Warned,
		Repeated: r.Repeated, Err: r.Err != nil}
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	cat := openCatalog(t)
	files := []string{
		fixture("flat_current.csv"), fixture("flat_legacy.tsv"), fixture("flat.jsonl"),
		fixture("acp_variants.jsonl"), fixture("bad_rows.csv"),
	}
	var streamed []RowError
	opt := Options{DefaultSeller: "Corner Shop", Now: may2026}
	reports, err := Import(ctx, cat, files, opt, func(e RowError) { streamed = append(streamed, e) })
	if err != nil {
		t.Fatal(err)
	}
	first := []counts{
		{Imported: 4}, {Imported: 2}, {Imported: 3},
		{Imported: 5, Rejected: 1},
		{Imported: 4, Updated: 1, Rejected: 11, Repeated: 1}, // OK-1 appears twice
	}
	again := []counts{
		{Updated: 4}, {Updated: 2}, {Updated: 3},
		{Updated: 5, Rejected: 1},
		{Updated: 5, Rejected: 11, Repeated: 1},
	}
	checkReports(t, "first import", reports, files, first)
	if n := len(streamed); n != 12 {
		t.Errorf("report func saw %d errors, want 12", n)
	}
	if got := reports[4].Errors[0].String(); got != fixture("bad_rows.csv")+`:3: price "abc" is not a price like "29.99 USD"` {
		t.Errorf("first bad_rows error = %s", got)
	}
	if got := reports[4].String(); got != fixture("bad_rows.csv")+": 4 imported, 1 updated, 11 rejected; 1 row repeats the id of an earlier row in this file (the last row wins)" {
		t.Errorf("Report.String() = %q", got)
	}
	n, err := cat.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 18 {
		t.Errorf("catalog has %d products, want 18", n)
	}

	reports, err = Import(ctx, cat, files, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkReports(t, "second import", reports, files, again)
	if n2, _ := cat.Count(ctx); n2 != n {
		t.Errorf("re-import changed the product count from %d to %d", n, n2)
	}

	checkStored(t, cat, []check{
		{"OK-1", "title", "Good Row One Again"}, // the later row wins
		{"OK-1", "price", "$11.00"},
		{"TR-100-GRN-43", "price", "$69.00"},
		{"TR-100-GRN-43", "attr:list_price", "$89.00"},
		{"TR-100-GRN-43", "stock", "3"},
		{"KT-220", "hidden", "true"},
		{"LN-7", "seller", "corner-shop"},
		{"tent-2p-sand", "group", "tent-2p"},
		{"tent-2p-sand", "gtin", "0614141000036"},
		{"sock-merino-m", "attr:size", "M"},
	})
	s, err := cat.Seller(ctx, "acme-outdoor-co")
	if err != nil || s.Name != "Acme Outdoor Co." {
		t.Errorf("Seller(acme-outdoor-co) = %+v, %v", s, err)
	}
}

func checkReports(t *testing.T, what string, got []Report, files []string, want []counts) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d reports, want %d", what, len(got), len(want))
	}
	for i := range want {
		if got[i].File != files[i] {
			t.Errorf("%s: report %d is for %q, want %q", what, i, got[i].File, files[i])
		}
		if c := countsOf(got[i]); c != want[i] {
			t.Errorf("%s of %s: %+v (err %v), want %+v", what, filepath.Base(files[i]), c, got[i].Err, want[i])
		}
		if len(got[i].Errors) != got[i].Rejected+got[i].Warned {
			t.Errorf("%s of %s: %d errors kept for %d rejected and %d warned", what, files[i], len(got[i].Errors), got[i].Rejected, got[i].Warned)
		}
	}
}

func TestImportFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	// big.csv: 2500 rows over three batches: P0–P2099, then 400 repeats of P100–P2095,
	// 20 of them in the same batch as the first row with that id.
	var big strings.Builder
	big.WriteString("item_id,title,price,seller_name\n")
	for i := range 2500 {
		id := i
		if i >= 2100 {
			id = (i-2100)*5 + 100
		}
		fmt.Fprintf(&big, "P%d,Product %d,%d.00 USD,Mill Street Goods\n", id, i, i+1)
	}
	tests := []struct {
		name  string
		files []string
		want  []counts
		check func(t *testing.T, cat *catalog.Catalog, reports []Report)
	}{
		{
			name:  "batches with repeated ids",
			files: []string{write("big.csv", big.String())},
			want:  []counts{{Imported: 2100, Updated: 400, Repeated: 400}},
			check: func(t *testing.T, cat *catalog.Catalog, _ []Report) {
				p, err := cat.Product(context.Background(), "P2095")
				if err != nil || p.Title != "Product 2499" {
					t.Errorf("P2095 = %q, %v; want the last row's title", p.Title, err)
				}
			},
		},
		{
			name: "a title cut is a warning; an id of an earlier file is not a repeat",
			files: []string{write("long.csv", "item_id,title,price,seller_name\n"+
				"A,"+strings.Repeat("x", 301)+",1 USD,M\nB,Short,1 USD,M\nC,"+strings.Repeat("\u200b", 200)+"Invisible,1 USD,M\n"),
				write("again.csv", "item_id,title,price,seller_name\nA,Again,1 USD,M\n")},
			want: []counts{{Imported: 3, Warned: 1}, {Updated: 1}},
			check: func(t *testing.T, _ *catalog.Catalog, reports []Report) {
				if got, want := reports[0].String(), filepath.Join(dir, "long.csv")+": 3 imported, 0 updated, 0 rejected, 1 warning"; got != want {
					t.Errorf("String() = %q, want %q", got, want)
				}
				if got, want := reports[0].Errors[0].String(), filepath.Join(dir, "long.csv")+":2: warning: title is longer than 300 bytes; it was cut to fit"; got != want {
					t.Errorf("warning = %q, want %q", got, want)
				}
			},
		},
		{
			name:  "an unreadable file does not stop the others",
			files: []string{filepath.Join(dir, "missing.csv"), write("bin.csv", "\x00\x01\x02"), dir, write("ok.jsonl", `{"id":"J","title":"Jar","price":"3 USD","seller_name":"Mill Street Goods"}`)},
			want:  []counts{{Err: true}, {Err: true}, {Err: true}, {Imported: 1}},
			check: func(t *testing.T, _ *catalog.Catalog, reports []Report) {
				for i, want := range []string{"missing.csv: cannot open the file: no such file or directory", "bin.csv: looks like a binary file", "is a directory"} {
					r := reports[i]
					if r.Err == nil || strings.Contains(r.Err.Error(), r.File) {
						t.Errorf("report %d error = %v, want the reason without the file name", i, r.Err)
						continue
					}
					if s := r.String(); s != r.File+": "+r.Err.Error() || !strings.Contains(s, want) {
						t.Errorf("String() of a failed file = %q, want the file, then the error containing %q", s, want)
					}
				}
			},
		},
		{
			name: "damaged spans are rejected rows and warnings are counted apart",
			files: []string{write("mixed.csv", "item_id,title,price,seller_name\n"+
				"A,Caf\xe9,1 USD,M\nB,\"Beta,1 USD,M\nC,G\xc3\xa4mma,1 USD,M\n")}, // UTF-8 beside the bad byte: read as UTF-8
			want: []counts{{Imported: 2, Rejected: 1, Warned: 1}},
			check: func(t *testing.T, _ *catalog.Catalog, reports []Report) {
				if got, want := reports[0].String(), filepath.Join(dir, "mixed.csv")+": 2 imported, 0 updated, 1 rejected, 1 warning"; got != want {
					t.Errorf("String() = %q, want %q", got, want)
				}
			},
		},
		{
			name: "a CSV saved by Excel in Windows-1252 is read as such, and the summary says so",
			files: []string{write("excel.csv", "item_id,title,description,price,seller_name\n"+
				"CAF\xc9-1,Caf\xe9 cr\xe8me,Na\xefve \x96 5 \x80 a cup,5.00 EUR,M\nB\x81,Bad,x,1 USD,M\n")},
			want: []counts{{Imported: 1, Rejected: 1}},
			check: func(t *testing.T, cat *catalog.Catalog, reports []Report) {
				want := filepath.Join(dir, "excel.csv") + ": 1 imported, 0 updated, 1 rejected (read as Windows-1252)"
				if got := reports[0].String(); got != want {
					t.Errorf("String() = %q, want %q", got, want)
				}
				p, err := cat.Product(context.Background(), "CAFÉ-1")
				if err != nil || p.Title != "Café crème" || p.Description != "Naïve – 5 € a cup" {
					t.Errorf("CAFÉ-1 = %q / %q, %v; want the Windows-1252 letters decoded", p.Title, p.Description, err)
				}
			},
		},
		{
			name:  "rows before a read error are kept",
			files: []string{write("cut.jsonl.gz", string(cut(gzipped(t, []byte(`{"id":"K","title":"Kite","price":"3 USD","seller_name":"M"}`+"\n"+strings.Repeat(`{"id":"L","title":"Long`, 20000))))))},
			want:  []counts{{Imported: 1, Err: true}},
			check: func(t *testing.T, _ *catalog.Catalog, reports []Report) {
				want := filepath.Join(dir, "cut.jsonl.gz") + ": 1 imported, 0 updated, 0 rejected; stopped: file is truncated or its compression is damaged"
				if got := reports[0].String(); got != want {
					t.Errorf("String() = %q, want %q", got, want)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat := openCatalog(t)
			reports, err := Import(context.Background(), cat, tt.files, Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkReports(t, "import", reports, tt.files, tt.want)
			if tt.check != nil {
				tt.check(t, cat, reports)
			}
		})
	}
}

// cut drops the end of a gzip stream.
func cut(b []byte) []byte { return b[:len(b)-10] }

func TestImportCanceled(t *testing.T) {
	cat := openCatalog(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	reports, err := Import(ctx, cat, []string{fixture("flat_current.csv")}, Options{}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Import with a canceled context = %v, want context.Canceled", err)
	}
	for _, r := range reports {
		if r.Imported != 0 {
			t.Errorf("reports = %+v", reports)
		}
	}
}

func TestBatchRejectsWhatTheCatalogRefuses(t *testing.T) {
	ctx := context.Background()
	cat := openCatalog(t)
	var rejected []RowError
	rep := Report{File: "x.csv"}
	l, err := cat.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Rollback()
	b := &batch{ctx: ctx, l: l, rep: &rep, reject: func(e RowError) { rejected = append(rejected, e) }}
	s := catalog.Seller{ID: "mill", Name: "Mill"}
	good := catalog.Product{ID: "G", SellerID: "mill", Title: "Good"}
	good.Price.Currency = "USD"
	refused := good
	refused.ID, refused.Price.Amount = "R", -1 // Parse never emits this; the catalog refuses it
	for i, p := range []catalog.Product{good, refused} {
		if err := b.add(i+2, i+2, s, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.flush(); err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 1 || len(rejected) != 1 || rejected[0].Line != 3 || rejected[0].Reason != "price must not be negative" {
		t.Errorf("imported %d, rejected %+v; want G imported and R rejected at line 3", rep.Imported, rejected)
	}
}

func TestImportSellerChange(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	const head = "item_id,title,price,seller_name\n"
	acme := write("acme.csv", head+"X,Lamp,10 USD,Acme\nY,Rug,20 USD,Acme\n")
	takeover := write("takeover.csv", head+"X,Lamp,1 USD,Mill Street\nZ,Jug,3 USD,Mill Street\n")
	within := write("within.csv", head+"W,Vase,5 USD,Acme\nW,Vase,4 USD,Mill Street\nW,Vase,6 USD,Acme\n")
	acp := write("takeover.jsonl", `{"id":"G","title":"Rug","seller":{"name":"Mill Street"},"variants":[{"id":"Y","price":{"amount":1,"currency":"USD"}}]}`+"\n")
	const reasonX = `product "X" is sold by seller "acme" in the catalog, not "mill-street"; pass --allow-seller-change to move it`

	cat := openCatalog(t)
	if _, err := Import(ctx, cat, []string{acme}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	reports, err := Import(ctx, cat, []string{takeover, within, acp}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkReports(t, "refused", reports, []string{takeover, within, acp}, []counts{
		{Imported: 1, Rejected: 1},
		{Imported: 1, Updated: 1, Rejected: 1, Repeated: 1},
		{Rejected: 1},
	})
	for i, want := range []string{
		takeover + ":2: " + reasonX,
		within + `:3: product "W" is sold by seller "acme" in this import, not "mill-street"; pass --allow-seller-change to move it`,
		acp + `:1: product "Y" is sold by seller "acme" in the catalog, not "mill-street"; pass --allow-seller-change to move it`,
	} {
		if got := reports[i].Errors[0].String(); got != want {
			t.Errorf("report %d: %s, want %s", i, got, want)
		}
	}
	for id, want := range map[string]string{"X": "acme", "Y": "acme", "Z": "mill-street", "W": "acme"} {
		if p, err := cat.Product(ctx, id); err != nil || p.SellerID != want {
			t.Errorf("product %s has seller %q (%v), want %q", id, p.SellerID, err, want)
		}
	}
	if p, _ := cat.Product(ctx, "X"); p.Price.Amount != 1000 {
		t.Errorf("refused row changed X's price to %v", p.Price)
	}

	reports, err = Import(ctx, cat, []string{takeover}, Options{AllowSellerChange: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkReports(t, "allowed", reports, []string{takeover}, []counts{{Updated: 2}})
	if p, _ := cat.Product(ctx, "X"); p.SellerID != "mill-street" {
		t.Errorf("with AllowSellerChange X has seller %q, want mill-street", p.SellerID)
	}
}

// waitWriter signals on seen when something is written to it.
type waitWriter struct{ seen chan string }

func (w waitWriter) Write(b []byte) (int, error) {
	select {
	case w.seen <- string(b):
	default:
	}
	return len(b), nil
}

// TestImportWaitsForAnotherLoad imports into an empty catalog while another handle
// (as another process would) holds it with a bulk load of its own, for longer than a
// lock is waited for: the import says it waits, and once the other load has committed
// it writes its products beside the other load's.
func TestImportWaitsForAnotherLoad(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	cat := testshop.Catalog(t, path, nil, nil)
	other := testshop.Catalog(t, path, nil, nil)
	l, err := other.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Bulk() {
		t.Fatal("the other load is not a bulk load")
	}
	seller := catalog.Seller{ID: "other", Name: "Other"}
	p := catalog.Product{ID: "OTHER-1", SellerID: "other", Title: "Other lamp", Price: money.Money{Amount: 1000, Currency: "USD"},
		Availability: catalog.InStock}
	if _, err := l.Upsert(ctx, catalog.UpsertOptions{}, []catalog.Seller{seller}, []catalog.Product{p}); err != nil {
		t.Fatal(err)
	}
	w := waitWriter{seen: make(chan string, 1)}
	type result struct {
		reports []Report
		err     error
	}
	done := make(chan result, 1)
	go func() {
		reports, err := Import(ctx, cat, []string{fixture("flat_current.csv")}, Options{DefaultSeller: "Corner Shop", Now: may2026, Progress: w}, nil)
		done <- result{reports, err}
	}()
	select {
	case msg := <-w.seen:
		if !strings.Contains(msg, "waiting") {
			t.Errorf("progress while the catalog is held: %q", msg)
		}
	case r := <-done:
		l.Rollback()
		t.Fatalf("import while another load holds the catalog ended: %v, %v", r.reports, r.err)
	}
	if err := l.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatalf("import after the other load: %v", r.err)
	}
	checkReports(t, "import after the other load", r.reports, []string{fixture("flat_current.csv")}, []counts{{Imported: 4}})
	if n, err := cat.Count(ctx); err != nil || n != 5 {
		t.Errorf("catalog holds %d products (%v), want 5", n, err)
	}
}
