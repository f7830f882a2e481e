package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBenchImport runs the import benchmark for real, briefly, on a small generated
// feed: this test binary is started as the importing program (see TestMain). Every
// run's row must count every product of the feed, with a CPU time, the cores it used,
// a peak RSS, the bytes written per product and both floors measured. It asserts
// nothing about speed.
func TestBenchImport(t *testing.T) {
	t.Parallel()
	feed := filepath.Join(t.TempDir(), "feed.jsonl")
	if r := runCLI(t, nil, "gen-catalog", "--products", "1500", "--seed", "3", "--out", feed); r.code != 0 {
		t.Fatalf("gen-catalog: exit %d: %s", r.code, r.stderr)
	}
	r := runCLI(t, nil, "bench", "import", "--feed", feed, "--runs", "2", "--dir", t.TempDir())
	if r.code != 0 {
		t.Fatalf("bench import: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for run := 1; run <= 2; run++ {
		// run, load avg, products, wall s, products/s, CPU s, products/CPU-s, cores used,
		// peak RSS MB, KB written/product, read+prepare CPU s, index CPU s, index products/CPU-s
		row := benchRowNamed(r.stdout, strconv.Itoa(run))
		if len(row) != 13 {
			t.Fatalf("no row for run %d in:\n%s", run, r.stdout)
		}
		if row[2] != "1500" {
			t.Errorf("run %d imported %s products, want 1500", run, row[2])
		}
		for _, col := range []int{5, 7, 8, 9} {
			if v, err := strconv.ParseFloat(row[col], 64); err != nil || v <= 0 {
				t.Errorf("run %d: column %d is %q, want a measurement:\n%s", run, col+1, row[col], r.stdout)
			}
		}
	}
	for _, want := range []string{"feed → searchable:", "cores used", "importer peak RSS:", "KB per product", "floors, each alone in the same runs:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}
