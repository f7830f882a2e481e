package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestBenchWrites runs bench writes for real, briefly, on a small generated and
// imported catalog with a tenth of it put on sale: it must print a row for every kind
// of write and search shape, with the word's matches found and numbers in every time
// column, and say that pools were carried across each kind of write (text, and
// products put on or off sale ranked in). It asserts nothing about speed.
func TestBenchWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and imports 20,000 products")
	}
	t.Parallel()
	dir := t.TempDir()
	feed, db := filepath.Join(dir, "feed.jsonl"), filepath.Join(dir, "catalog.db")
	if r := runCLI(t, nil, "gen-catalog", "--products", "20000", "--seed", "1", "--out", feed); r.code != 0 {
		t.Fatalf("gen-catalog: exit %d: %s", r.code, r.stderr)
	}
	if r := runCLI(t, nil, "import", "--db", db, feed); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	if err := os.Remove(feed); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "bench", "writes", "--db", db, "--rounds", "2", "--words", "ceramic,steel", "--on-sale", "10")
	if r.code != 0 {
		t.Fatalf("bench writes: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "(10.00% on sale)") {
		t.Errorf("no tenth on sale said:\n%s", r.stdout)
	}
	for _, kind := range []string{"10 descriptions", "10 prices", "3 on/off sale"} {
		for _, shape := range []string{`"ceramic on sale"`, `"ceramic"`, `"steel"`} {
			row := benchRowNamed(r.stdout, kind+" "+shape)
			// kind, shape, matches, 8 times, "N of 2"
			i := len(strings.Fields(kind)) + len(strings.Fields(shape))
			if len(row) != i+1+8+3 {
				t.Fatalf("no row for %s %s in:\n%s", kind, shape, r.stdout)
			}
			if n, err := strconv.Atoi(row[i]); err != nil || n < 1000 {
				t.Errorf("%s %s: %s matches, want over 1,000 (a pool's):\n%s", kind, shape, row[i], r.stdout)
			}
			for _, col := range row[i+1 : i+9] {
				if v, err := strconv.ParseFloat(col, 64); err != nil || v < 0 {
					t.Errorf("%s %s: %q is not a time:\n%s", kind, shape, col, r.stdout)
				}
			}
		}
	}
	m := regexp.MustCompile(`(\d+) carried \((\d+) across text, \d+ of them placed, in (\d+) walks of the matches\), \d+ of matches on sale built, (\d+) carried with products ranked in`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("no pools line in:\n%s", r.stdout)
	}
	for i, what := range []string{"carried", "carried across text", "placed by a walk", "carried with products ranked in"} {
		if m[i+1] == "0" {
			t.Errorf("no pool %s: %s", what, fmt.Sprint(m[0]))
		}
	}
}
