package main

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
)

// TestBenchStdio runs the stdio benchmark for real, briefly, on a small generated
// catalog: this test binary is started as the product and as the stub (see TestMain).
// Every row of the run's table must have calls, and the sizes table a row per tool
// and detail level with products in it. It asserts nothing about speed.
func TestBenchStdio(t *testing.T) {
	t.Parallel()
	r := runCLI(t, nil, "bench", "stdio", "--products", "2000", "--duration", "300ms", "--runs", "1", "--inflight", "2", "--query", demo.CommonWord, "--words", "20")
	if r.code != 0 {
		t.Fatalf("bench stdio: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, name := range []string{"stub search", "product search", "stub rotating search", "product rotating search", "stub purchase", "product purchase", "in-process purchase"} {
		row := benchRowNamed(r.stdout, name)
		// what… calls calls/s p50 CPU/call reads/call
		if len(row) < 5 {
			t.Fatalf("no %s row in:\n%s", name, r.stdout)
		}
		if calls, err := strconv.Atoi(row[len(row)-5]); err != nil || calls < 1 {
			t.Errorf("%s made %s calls, want at least one:\n%s", name, row[len(row)-5], r.stdout)
		}
		// Where /proc/PID/io can be read (Linux), every stdio server made read calls:
		// it reads its requests from stdin.
		if _, err := os.Stat("/proc/self/io"); err == nil && !strings.HasPrefix(name, "in-process") {
			if reads, err := strconv.ParseFloat(row[len(row)-1], 64); err != nil || reads <= 0 {
				t.Errorf("%s read %s times a call, want a count above 0:\n%s", name, row[len(row)-1], r.stdout)
			}
		}
	}
	for _, tool := range []string{"search_products", "recommend"} {
		for _, detail := range detailLevels {
			row := benchRowNamed(r.stdout, tool+" "+detail)
			if len(row) < 3 || row[2] == "0" {
				t.Errorf("sizes of %s %s: row %q, want products in it:\n%s", tool, detail, row, r.stdout)
			}
		}
	}
	for _, want := range []string{"product/stub search calls/s:", "; rotating: ", "rare words (of 20 indexed terms in 1-20 products drawn", "rotating search product/stub calls/s", "summary over 1 runs", "rotating search server reads/call", "≥ 40%", "≤ 2×"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// benchRowNamed returns the columns of the first table row of out that starts with
// the words of name.
func benchRowNamed(out, name string) []string {
	for line := range strings.SplitSeq(out, "\n") {
		if f := strings.Fields(line); strings.HasPrefix(strings.Join(f, " ")+" ", name+" ") {
			return f
		}
	}
	return nil
}

func TestWordPieces(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"short words", "a red tent", 3},
		{"long word in pieces", "waterproofing", 3},
		{"digits in threes", "12999", 2},
		{"punctuation", `{"id":"x"}`, 9},
		{"letters then digits", "US11", 2},
		{"non-Latin letters", "café «Tente»", 4},
		{"spaces are free", "  \n\t ", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wordPieces(tc.in); got != tc.want {
				t.Errorf("wordPieces(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

func TestEvenly(t *testing.T) {
	all := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	for _, tc := range []struct {
		name string
		n    int
		want []string
	}{
		{"all when fewer", 20, all},
		{"all when as many", 10, all},
		{"every second", 5, []string{"a", "c", "e", "g", "i"}},
		{"spread from the first", 3, []string{"a", "d", "g"}},
		{"one", 1, []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := evenly(all, tc.n); !slices.Equal(got, tc.want) {
				t.Errorf("evenly(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}

func TestDocRangeFlag(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     docRange
		bad      bool
	}{
		{"range", "1-20", docRange{1, 20}, false},
		{"one value", "27-27", docRange{27, 27}, false},
		{"reversed", "20-1", docRange{}, true},
		{"zero", "0-5", docRange{}, true},
		{"no dash", "20", docRange{}, true},
		{"not numbers", "a-b", docRange{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r docRange
			err := r.Set(tc.in)
			if (err != nil) != tc.bad || !tc.bad && r != tc.want {
				t.Errorf("Set(%q) = %v, %v; want %v, error %v", tc.in, r, err, tc.want, tc.bad)
			}
		})
	}
}
