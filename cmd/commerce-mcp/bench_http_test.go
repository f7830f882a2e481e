package main

import (
	"strconv"
	"strings"
	"testing"
)

// TestBenchHTTP runs the load benchmark for real, briefly: this test binary is
// started as the product and as the floor (see TestMain), and two clients drive each
// for a second. The table must have a row for each server with calls made and no
// errors. It asserts nothing about speed.
func TestBenchHTTP(t *testing.T) {
	t.Setenv(asMainEnv, "1") // the processes the bench starts run as the program
	r := runCLI(t, nil, "bench", "http", "--clients", "2", "--duration", "1s", "--runs", "1")
	if r.code != 0 {
		t.Fatalf("bench http: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, name := range []string{"floor", "product"} {
		row := benchRow(r.stdout, name)
		if row == nil {
			t.Fatalf("no %s row in:\n%s", name, r.stdout)
		}
		// server calls calls/s p50 p99 errors peak-RSS
		if len(row) != 7 {
			t.Fatalf("%s row %q: want 7 columns", name, row)
		}
		if calls, err := strconv.Atoi(row[1]); err != nil || calls < 1 {
			t.Errorf("%s made %s calls, want at least one:\n%s", name, row[1], r.stdout)
		}
		if row[5] != "0" {
			t.Errorf("%s had %s errors, want 0:\n%s", name, row[5], r.stdout)
		}
	}
	for _, want := range []string{"product/floor calls/s:", "summary over 1 runs", "≥ 60%", "≤ 50.0ms", "< 200.0MB"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// benchRow returns the columns of the first table row of out for server name.
func benchRow(out, name string) []string {
	for line := range strings.SplitSeq(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == name {
			return f
		}
	}
	return nil
}

func TestBenchHTTPFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no benchmark", []string{"bench"}, "bench needs a benchmark"},
		{"unknown benchmark", []string{"bench", "tcp"}, "unknown benchmark"},
		{"zero clients", []string{"bench", "http", "--clients", "0"}, "must be positive"},
		{"negative duration", []string{"bench", "http", "--duration", "-1s"}, "must be positive"},
		{"unknown era", []string{"bench", "http", "--era", "2024"}, "use modern or legacy"},
		{"empty query", []string{"bench", "http", "--query", " "}, "--query is empty"},
		{"argument", []string{"bench", "http", "extra"}, "takes no arguments"},
		{"floor without its arguments", []string{"bench", "floor-server"}, "usage: commerce-mcp bench floor-server"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, tc.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tc.want)
			}
		})
	}
}

// TestBenchHTTPQueryFindsNothing: a query without results would measure the cheapest
// search there is, so the bench refuses it before measuring anything.
func TestBenchHTTPQueryFindsNothing(t *testing.T) {
	t.Setenv(asMainEnv, "1")
	r := runCLI(t, nil, "bench", "http", "--clients", "1", "--duration", "1s", "--runs", "1", "--query", "zzxqv")
	if r.code != 1 || !strings.Contains(r.stderr, `"zzxqv" found nothing`) || strings.Contains(r.stdout, "run 1/1") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
