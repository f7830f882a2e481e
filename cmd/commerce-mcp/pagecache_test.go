package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestPageCacheFor holds the shared page-cache buffer to the catalog's size: a small
// or new catalog does not keep a large one's cache resident.
func TestPageCacheFor(t *testing.T) {
	dir := t.TempDir()
	sized := func(name string, size int64) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(size); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		path string
		want int64
	}{
		{"no catalog yet", filepath.Join(dir, "missing.db"), 16 << 20},
		{"the demo catalog's size", sized("demo.db", 1<<20), 17 << 20},
		{"a mid-sized catalog", sized("mid.db", 40<<20), 56 << 20},
		{"a million products", sized("big.db", 1536<<20), 80 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pageCacheFor(tc.path, catalog.ReadPool{}); got != tc.want {
				t.Errorf("pageCacheFor = %d MiB, want %d MiB", got>>20, tc.want>>20)
			}
		})
	}
}

// TestReadPoolFor: over stdio a catalog file of oneReaderFrom or more reads on one
// connection with oneReaderCache, and the shared page-cache buffer holds that and 16
// MiB for the writers; a smaller catalog, and any catalog served over HTTP, keeps
// Open's pool and the buffer pageCacheFor gives it.
func TestReadPoolFor(t *testing.T) {
	dir := t.TempDir()
	sized := func(name string, size int64) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil { // sparse: no disk used
			t.Fatal(err)
		}
		return p
	}
	one := catalog.ReadPool{Conns: 1, CacheKiB: oneReaderCache >> 10}
	for _, tc := range []struct {
		name   string
		path   string
		hosted bool
		want   catalog.ReadPool
		buffer int64
	}{
		{"no catalog yet", filepath.Join(dir, "missing.db"), false, catalog.ReadPool{}, 16 << 20},
		{"the demo catalog", sized("demo.db", 1<<20), false, catalog.ReadPool{}, 17 << 20},
		{"just under the bound", sized("under.db", oneReaderFrom-1), false, catalog.ReadPool{}, 80 << 20},
		{"at the bound", sized("at.db", oneReaderFrom), false, one, 128 << 20},
		{"a million products", sized("big.db", 1536<<20), false, one, 128 << 20},
		{"a million products, hosted", filepath.Join(dir, "big.db"), true, catalog.ReadPool{}, 80 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rp := readPoolFor(tc.path, tc.hosted)
			if rp != tc.want {
				t.Errorf("readPoolFor = %+v, want %+v", rp, tc.want)
			}
			if got := pageCacheFor(tc.path, rp); got != tc.buffer {
				t.Errorf("pageCacheFor = %d MiB, want %d MiB", got>>20, tc.buffer>>20)
			}
		})
	}
}

// TestBenchPageCache: the benchmarks that open databases set up the largest shared
// page-cache buffer; the framework floors they start, which open none, do not (the
// buffer is resident once SQLite starts, and would be counted in the floor's memory);
// nor does any other command (serve sizes its own: pageCacheFor).
func TestBenchPageCache(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		args []string
		want bool
	}{
		{"bench", []string{"http"}, true},
		{"bench", []string{"stdio"}, true},
		{"bench", []string{"scale"}, true},
		{"bench", []string{"import"}, true},
		{"bench", nil, true},
		{"bench", []string{"floor-server", "fx.json", "127.0.0.1:0"}, false},
		{"bench", []string{"stub-stdio", "fx.json"}, false},
		{"serve", nil, false},
		{"import", []string{"feed.csv"}, false},
	} {
		t.Run(strings.Join(append([]string{tc.cmd}, tc.args...), " "), func(t *testing.T) {
			if got := benchPageCache(tc.cmd, tc.args); got != tc.want {
				t.Errorf("benchPageCache = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestUncountedMemory: import and bench import run with SQLite's memory uncounted (see
// uncountedMemory); the commands that report SQLite's memory (bench scale, bench
// memory's callers), serve and the rest count it.
func TestUncountedMemory(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		args []string
		want bool
	}{
		{"import", []string{"--db", "shop.db", "feed.csv"}, true},
		{"import", nil, true},
		{"bench", []string{"import", "--feed", "1m.jsonl"}, true},
		{"bench", []string{"scale"}, false},
		{"bench", []string{"stdio"}, false},
		{"bench", []string{"http"}, false},
		{"bench", nil, false},
		{"serve", nil, false},
		{"gen-catalog", []string{"--products", "10"}, false},
	} {
		t.Run(strings.Join(append([]string{tc.cmd}, tc.args...), " "), func(t *testing.T) {
			if got := uncountedMemory(tc.cmd, tc.args); got != tc.want {
				t.Errorf("uncountedMemory = %v, want %v", got, tc.want)
			}
		})
	}
}
