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

// noMemoryCountEnv makes TestMain stop SQLite counting memory (StopMemoryCount) before
// any test opens a database, for TestStopMemoryCount.
const noMemoryCountEnv = "COMMERCE_TEST_NO_MEMORY_COUNT"

func TestMain(m *testing.M) {
	if os.Getenv(sharedCacheEnv) != "" {
		if err := SharePageCache(4 << 20); err != nil {
			println("SharePageCache:", err.Error())
			os.Exit(3)
		}
	}
	if os.Getenv(noMemoryCountEnv) != "" {
		if err := StopMemoryCount(); err != nil {
			println("StopMemoryCount:", err.Error())
			os.Exit(3)
		}
	}
	os.Exit(m.Run())
}

// runAgain runs the test named test of this binary again in a process of its own with
// env set to 1, failing t with its output if it fails.
func runAgain(t *testing.T, test, env string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("with %s set: %v\n%s", env, err, out)
	}
}

// TestSharePageCache: pages read go to the shared buffer, and once it is full a
// connection reuses its own cached pages rather than allocating more (SQLite treats a
// nearly full buffer as memory pressure), so the buffer bounds the page caches; reads
// are right either way; and the buffer cannot be given once SQLite has started.
func TestSharePageCache(t *testing.T) {
	if os.Getenv(sharedCacheEnv) == "" {
		runAgain(t, "TestSharePageCache", sharedCacheEnv)
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

// TestStopMemoryCount: with SQLite's counting of memory stopped before it starts, a
// database is read and written as before and MemoryUsed reads nothing; counted (this
// process), the same work reads as memory used; and counting cannot be stopped once
// SQLite has started.
func TestStopMemoryCount(t *testing.T) {
	counted := os.Getenv(noMemoryCountEnv) == ""
	if counted {
		runAgain(t, "TestStopMemoryCount", noMemoryCountEnv)
	}
	path := bigTable(t, 1)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	if err := db.QueryRow(`SELECT sum(length(b)) FROM big`).Scan(&n); err != nil || n != 256*4000 {
		t.Fatalf("read %d bytes, %v", n, err)
	}
	cur, peak := MemoryUsed()
	if counted && (cur == 0 || peak == 0) {
		t.Errorf("memory counted: MemoryUsed = %d, %d with a database open; want more than 0", cur, peak)
	}
	if !counted && (cur != 0 || peak != 0) {
		t.Errorf("memory not counted: MemoryUsed = %d, %d; want 0, 0", cur, peak)
	}
	if err := StopMemoryCount(); !errors.Is(err, ErrStarted) {
		t.Errorf("StopMemoryCount after SQLite started: %v, want ErrStarted", err)
	}
}
