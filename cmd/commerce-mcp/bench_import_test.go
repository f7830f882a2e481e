package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/feed"
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

// BenchmarkParsePrepare measures what the import's second goroutine does for each
// product of a generated feed (gen-catalog, 10,000 products): feed.Parse and
// catalog.Prepare in batches of 1,000, as bench import's floor does. It reports the
// allocations per product and the process's CPU time per product (cpu-ns/product,
// from getrusage, GC workers included), which a loaded machine disturbs less than
// the wall clock.
func BenchmarkParsePrepare(b *testing.B) {
	const products = 10000
	path := filepath.Join(b.TempDir(), "feed.jsonl")
	if r := runCLI(b, nil, "gen-catalog", "--products", strconv.Itoa(products), "--seed", "1", "--out", path); r.code != 0 {
		b.Fatalf("gen-catalog: exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	c0 := cpuTimeSelf()
	for b.Loop() {
		var batch []catalog.Product
		n := 0
		err := feed.Parse(bytes.NewReader(data), path, feed.Options{}, func(_, _ int, _ catalog.Seller, p catalog.Product) error {
			n++
			if batch = append(batch, p); len(batch) == 1000 {
				catalog.Prepare(batch)
				batch = batch[:0]
			}
			return nil
		}, nil)
		catalog.Prepare(batch)
		if err != nil || n != products {
			b.Fatalf("parsed %d products of %d: %v", n, products, err)
		}
	}
	b.ReportMetric(float64((cpuTimeSelf()-c0).Nanoseconds())/float64(b.N*products), "cpu-ns/product")
}
