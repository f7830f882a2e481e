package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBenchScale runs the scale benchmark for real, briefly, on a small generated and
// imported catalog: every shape's words must match products of the generated catalog,
// and the quality table must have its four comparisons. It asserts nothing about speed,
// and nothing about the quality figures but that they are shares.
func TestBenchScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and imports 30,000 products")
	}
	t.Parallel()
	dir := t.TempDir()
	feed, db := filepath.Join(dir, "feed.jsonl"), filepath.Join(dir, "catalog.db")
	if r := runCLI(t, nil, "gen-catalog", "--products", "30000", "--seed", "1", "--out", feed); r.code != 0 {
		t.Fatalf("gen-catalog: exit %d: %s", r.code, r.stderr)
	}
	if r := runCLI(t, nil, "import", "--db", db, feed); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	r := runCLI(t, nil, "bench", "scale", "--db", db, "--runs", "1", "--calls", "2", "--no-mixed", "--quality", "12")
	if r.code != 0 {
		t.Fatalf("bench scale: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, sh := range scaleShapes() {
		row := benchRowNamed(r.stdout, sh.name)
		// shape… what… full-text matches, matches, first ms, then ranges and yes/NO
		i := len(strings.Fields(sh.name)) + len(strings.Fields(shapeText(sh)))
		if len(row) < i+1 {
			t.Fatalf("no row for %s in:\n%s", sh.name, r.stdout)
		}
		if n, err := strconv.Atoi(row[i]); err != nil || n < 1 {
			t.Errorf("%s: %s full-text matches, want some:\n%s", sh.name, row[i], r.stdout)
		}
	}
	for _, name := range []string{"bounded, reranked bm25", "bounded, reranked every", "every match ordered, reranked", "bounded, by price", "bounded, with a filter"} {
		row := benchRowNamed(r.stdout, name)
		if len(row) < 2 {
			t.Fatalf("no quality row %q in:\n%s", name, r.stdout)
		}
		for _, col := range row[len(row)-2:] {
			if v, err := strconv.ParseFloat(col, 64); err != nil || v < 0 || v > 1 {
				t.Errorf("%s: %q is not a share:\n%s", name, col, r.stdout)
			}
		}
	}
}

// TestShapeChosen checks --shapes: empty chooses every shape, a word chooses the
// shapes whose names contain it, and a list any of them.
func TestShapeChosen(t *testing.T) {
	for _, tc := range []struct {
		name, shapes string
		want         bool
	}{
		{"rare word", "", true},
		{"rare word", " ", true},
		{"~20% + on sale", "on sale", true},
		{"word in ~20%", "on sale", false},
		{"word in ~20%", "on sale, word in", true},
		{"kids + ~20%", "womens,,kids", true},
		{"browse a category", "price", false},
	} {
		if got := shapeChosen(tc.name, tc.shapes); got != tc.want {
			t.Errorf("shapeChosen(%q, %q) = %v, want %v", tc.name, tc.shapes, got, tc.want)
		}
	}
}
