package main

import (
	"os"
	"path/filepath"
	"testing"
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
			if got := pageCacheFor(tc.path); got != tc.want {
				t.Errorf("pageCacheFor = %d MiB, want %d MiB", got>>20, tc.want>>20)
			}
		})
	}
}
