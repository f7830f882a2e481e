package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// TestLogFill checks what the operator hears of a catalog's background fill: that it
// runs, whether a filter may miss products meanwhile, and when it is done, for a
// catalog an upgrade left to fill; nothing for one that has none.
func TestLogFill(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pending string // SQL leaving fills to do, as migrations do
		want    []string
		never   []string // what the log must not say
	}{
		{"nothing to fill", "", nil, nil},
		{"codes and rank to fill", `INSERT INTO product_codes_pending (id) VALUES (1); INSERT INTO product_rank_pending (id) VALUES (1)`,
			[]string{"rewriting what an upgrade changed", "colour or size filter may miss", "background fill is done", "batches="}, nil},
		{"on_sale and gender to fill", `INSERT INTO product_flags_pending (id) VALUES (1)`,
			[]string{"rewriting what an upgrade changed", "searches are served meanwhile", "background fill is done", "batches="},
			[]string{"may miss"}}, // the filters read the attributes of products not yet filled
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := pendingCatalog(t, tc.pending)
			cat, err := catalog.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer cat.Close()
			var logs strings.Builder
			logger, _ := newLogger(&logs, "info")
			if err := logFill(ctx, cat, logger, fillLogEvery); err != nil {
				t.Fatal(err)
			}
			if st := cat.Fill(); st.Filling() || st.Err != nil {
				t.Errorf("after logFill: %+v", st)
			}
			for _, w := range tc.want {
				if !strings.Contains(logs.String(), w) {
					t.Errorf("the log lacks %q:\n%s", w, logs.String())
				}
			}
			for _, w := range tc.never {
				if strings.Contains(logs.String(), w) {
					t.Errorf("the log says %q:\n%s", w, logs.String())
				}
			}
			if tc.want == nil && logs.Len() > 0 {
				t.Errorf("logged with nothing to fill:\n%s", logs.String())
			}
		})
	}
}

// TestLogMergeFailures checks that the operator hears of a failing background merge of
// the search index, each failure once, and nothing while merges succeed. A trigger
// refusing to delete the index's pages makes every merge step fail while writes
// succeed (FTS5 only adds pages in a write).
func TestLogMergeFailures(t *testing.T) {
	for _, tc := range []struct {
		name   string
		refuse bool
	}{
		{"merges succeed", false},
		{"merges fail", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := pendingCatalog(t, "")
			if tc.refuse {
				refuseMerges(t, path)
			}
			cat, err := catalog.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer cat.Close()
			var logs syncbuf.Buffer
			logger, _ := newLogger(&logs, "info")
			lctx, stop := context.WithCancel(ctx)
			done := make(chan struct{})
			go func() { defer close(done); logMergeFailures(lctx, cat, logger, 5*time.Millisecond) }()
			// Writes of one product each, a segment each: four make a level to merge.
			for i, p := range demo.Products()[:6] {
				p.Title += fmt.Sprintf(" edition %d", i)
				if _, err := cat.Upsert(ctx, demo.Sellers(), []catalog.Product{p}); err != nil {
					t.Fatal(err)
				}
			}
			deadline := time.Now().Add(time.Minute)
			for tc.refuse && cat.Merge().Err == nil && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if !tc.refuse {
				for cat.Merge().Steps == 0 && time.Now().Before(deadline) {
					time.Sleep(10 * time.Millisecond)
				}
			}
			// Forty looks of the logger after the last failure, then forty more: a
			// failure is told, and told once.
			warnings := func() int {
				time.Sleep(200 * time.Millisecond)
				return strings.Count(logs.String(), "could not merge its search index")
			}
			first, again := warnings(), warnings()
			stop()
			<-done
			m := cat.Merge()
			if tc.refuse != (m.Err != nil) || !tc.refuse && m.Steps == 0 {
				t.Fatalf("merge state %+v, want it failed: %v", m, tc.refuse)
			}
			if tc.refuse != (first > 0) || again != first || tc.refuse && !strings.Contains(logs.String(), "merge the search index: constraint failed") {
				t.Errorf("%d warnings, then %d; want some: %v, and no more later:\n%s", first, again, tc.refuse, logs.String())
			}
		})
	}
}

// pendingCatalog makes a catalog of the demo products in a new directory, runs pending
// (SQL leaving fills to do, as migrations do, or "") on it, and returns its path.
func pendingCatalog(t *testing.T, pending string) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	cat, err := catalog.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.Upsert(ctx, demo.Sellers(), demo.Products()); err != nil {
		t.Fatal(err)
	}
	cat.Close()
	if pending != "" {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.ExecContext(ctx, pending)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestBenchSettle checks that a benchmark's settling leaves no fill to the process it
// measures: the pending tables are empty after it, and it says that it waited.
func TestBenchSettle(t *testing.T) {
	for _, tc := range []struct {
		name, pending, want string
	}{
		{"nothing to fill", "", ""},
		{"codes and rank to fill", `INSERT INTO product_codes_pending (id) VALUES (1); INSERT INTO product_rank_pending (id) VALUES (1)`, "the fill took"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := pendingCatalog(t, tc.pending)
			var out strings.Builder
			if err := benchSettle(ctx, path, &out); err != nil {
				t.Fatal(err)
			}
			if tc.want == "" && out.Len() > 0 || !strings.Contains(out.String(), tc.want) {
				t.Errorf("said %q, want %q", out.String(), tc.want)
			}
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var left int
			if err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM product_codes_pending) + (SELECT count(*) FROM product_rank_pending)`).Scan(&left); err != nil {
				t.Fatal(err)
			}
			if left != 0 {
				t.Errorf("%d fills left after settling", left)
			}
		})
	}
}

// An import whose every merge of the search index fails still imports, and tells the
// failure of its own merge at the end. Whether a background merge step also runs (and
// fails) while the import writes depends on timing — the step waits while the import
// holds the write lock, so a quick import may end first — which TestMergeLogTells
// holds without timing: the import starts that logger (startMergeLog), as serve does.
func TestImportLogsMergeFailure(t *testing.T) {
	ctx := context.Background()
	path := pendingCatalog(t, "")
	refuseMerges(t, path)
	env := func(string) string { return "" }
	feedPath := filepath.Join(t.TempDir(), "feed.jsonl")
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"gen-catalog", "--products", "5000", "--seed", "3", "--out", feedPath}, env, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("gen-catalog: %v (stderr %q)", err, stderr.String())
	}
	// Written by the import and by its merge logger at once.
	var logs syncbuf.Buffer
	if err := run(ctx, []string{"import", "--db", path, feedPath}, env, strings.NewReader(""), &stdout, &logs); err != nil {
		t.Fatalf("import: %v (stderr %q)", err, logs.String())
	}
	if !strings.Contains(logs.String(), "5000 imported") || !strings.Contains(logs.String(), "the search index could not be merged after the import") {
		t.Errorf("import into a catalog whose merges fail: want 5000 imported and its merge's failure told:\n%s", logs.String())
	}
}

// TestMergeLogTells: the logger an import or a server runs (startMergeLog,
// logMergeFailures) tells a failure of the catalog's background merging once, at its
// last look when it stops. The catalog's writes make segments to merge; refusing to
// delete the index's pages makes the merge fail; the test waits for that failure
// before it starts the logger, so no timing decides what is told.
func TestMergeLogTells(t *testing.T) {
	ctx := context.Background()
	path := pendingCatalog(t, "")
	refuseMerges(t, path)
	cat, err := catalog.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	ps := demo.Products()
	for i := 0; cat.Merge().Err == nil; i++ {
		if i == 600 { // 60 s
			t.Fatal("no merge step failed in 60 s")
		}
		if i < 8 { // each write of new products a segment: enough for a merge to be due
			batch := slices.Clone(ps[i*10 : i*10+10])
			for j := range batch {
				batch[j].ID += "-again"
			}
			if _, err := cat.Upsert(ctx, demo.Sellers(), batch); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	var logs syncbuf.Buffer
	stop := startMergeLog(ctx, cat, slog.New(slog.NewTextHandler(&logs, nil)))
	stop()
	if n := strings.Count(logs.String(), "could not merge its search index in the background"); n != 1 || !strings.Contains(logs.String(), `err="merge the search index: constraint failed"`) {
		t.Errorf("the background merge's failure told %d times, want once, with its error:\n%s", n, logs.String())
	}
}

// refuseMerges makes every FTS5 merge of the catalog at path fail (a merge deletes the
// index's pages; a trigger refuses that) while writes still succeed.
func refuseMerges(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TRIGGER refuse_merge BEFORE DELETE ON products_fts_data BEGIN SELECT RAISE(ABORT, 'merge refused'); END`); err != nil {
		t.Fatal(err)
	}
}
