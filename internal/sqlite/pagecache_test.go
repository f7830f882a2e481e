package sqlite

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// sharedCacheEnv makes TestMain give SQLite a shared page cache before any test opens
// a database: SharePageCache must come first in a process, so TestSharePageCache runs
// this test binary again with it set.
const sharedCacheEnv = "COMMERCE_TEST_SHARED_PAGE_CACHE"

func TestMain(m *testing.M) {
	if os.Getenv(sharedCacheEnv) != "" {
		if err := SharePageCache(4 << 20); err != nil {
			println("SharePageCache:", err.Error())
			os.Exit(3)
		}
	}
	os.Exit(m.Run())
}

// TestSharePageCache: pages read go to the shared buffer, and once it is full a
// connection reuses its own cached pages rather than allocating more (SQLite treats a
// nearly full buffer as memory pressure), so the buffer bounds the page caches; reads
// are right either way; and the buffer cannot be given once SQLite has started.
func TestSharePageCache(t *testing.T) {
	if os.Getenv(sharedCacheEnv) == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSharePageCache$", "-test.count=1")
		cmd.Env = append(os.Environ(), sharedCacheEnv+"=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("with a shared page cache: %v\n%s", err, out)
		}
		if slots, _ := PageCacheUsed(); slots != 0 {
			t.Errorf("%d pages in a shared page cache this process does not have", slots)
		}
		return
	}
	path := bigTable(t, 8) // 8 MiB: twice the buffer
	r, err := OpenReader(context.Background(), path, 1, 16<<10)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var n int64
	if err := r.QueryRow(`SELECT sum(length(substr(b, 2))) + count(*) FROM big`).Scan(&n); err != nil || n != 8*256*4000 {
		t.Fatalf("read %d bytes, %v", n, err)
	}
	slots, overflow := PageCacheUsed()
	if full := int64(4<<20) / (pageSize + 512); slots < full {
		t.Errorf("%d pages in the shared page cache of 4 MiB after reading 8 MiB; want it full (at least %d)", slots, full)
	}
	if overflow > 1<<20 {
		t.Errorf("%d KiB of pages outside the shared page cache after reading twice its size; want the cache to reuse its pages once the buffer is full", overflow>>10)
	}
	if err := SharePageCache(4 << 20); !errors.Is(err, ErrStarted) {
		t.Errorf("SharePageCache after SQLite started: %v, want ErrStarted", err)
	}
}

// bigTable creates a database with a table of about mb MiB.
func bigTable(t *testing.T, mb int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec(`CREATE TABLE big (id INTEGER PRIMARY KEY, b BLOB);
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ` + strconv.Itoa(mb*256) + `)
		INSERT INTO big (b) SELECT randomblob(4000) FROM n`)
	if err != nil {
		t.Fatal(err)
	}
	return path
}
