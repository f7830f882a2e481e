package sqlite

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fillFreedCache makes SQLite allocate about mb MiB of page cache and free it below
// memory still in use, as a server's connections do when one empties its cache while
// others hold theirs: it reads a table of that size through a connection with a cache
// big enough for all of it, then reads a little through a second connection, which it
// keeps open (its allocations lie above the first one's), then closes the first. The
// caller locks its OS thread, so that all of it happens in one of glibc's arenas.
func fillFreedCache(t *testing.T, path string, mb int) (keep io.Closer) {
	t.Helper()
	ctx := context.Background()
	r, err := OpenReader(ctx, path, 1, (mb+16)<<10)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := r.QueryRow(`SELECT sum(length(substr(b, 2))) + count(*) FROM big`).Scan(&n); err != nil || n != int64(mb)*256*4000 {
		t.Fatalf("read %d bytes, %v", n, err)
	}
	above, err := OpenReader(ctx, path, 1, 1024)
	if err != nil {
		t.Fatal(err)
	}
	if err := above.QueryRow(`SELECT sum(length(substr(b, 2))) FROM big WHERE id < 100`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	return above
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

// anonKiB is this process's anonymous resident memory in KiB.
func anonKiB(t *testing.T) int64 {
	t.Helper()
	n, ok := rssAnon()
	if !ok {
		t.Skip("no /proc/self/status")
	}
	return n >> 10
}

// TestReturnFreeMemory: the page cache a closed connection freed stays resident in
// glibc's arenas until ReturnFreeMemory gives it back; elsewhere the call reports false.
func TestReturnFreeMemory(t *testing.T) {
	if !glibc(t) {
		if ReturnFreeMemory() {
			t.Error("ReturnFreeMemory reported a trim without glibc")
		}
		return
	}
	const mb = 48
	path := bigTable(t, mb)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer fillFreedCache(t, path, mb).Close()
	held, free, ok := MallocHeld()
	if !ok {
		t.Fatal("MallocHeld cannot read glibc's figures")
	}
	if free < mb<<20/2 {
		t.Fatalf("glibc holds %d MiB, of which %d MiB free, after %d MiB of page cache was freed; want at least half of it free", held>>20, free>>20, mb)
	}
	before, kept := anonKiB(t), retained(t)
	if kept < mb<<20/2 {
		t.Errorf("RetainedMemory = %d MiB with %d MiB of page cache freed; want at least half of it", kept>>20, mb)
	}
	if !ReturnFreeMemory() {
		t.Fatal("ReturnFreeMemory = false with glibc")
	}
	after, keptAfter := anonKiB(t), retained(t)
	if before-after < mb<<10/2 {
		t.Errorf("anonymous RSS %d → %d MiB: the trim gave back less than half of the %d MiB freed", before>>10, after>>10, mb)
	}
	if kept-keptAfter < mb<<20/2 {
		t.Errorf("RetainedMemory %d → %d MiB: it saw less than half of the %d MiB given back go", kept>>20, keptAfter>>20, mb)
	}
}

func retained(t *testing.T) int64 {
	t.Helper()
	n, ok := RetainedMemory()
	if !ok {
		t.Fatal("RetainedMemory cannot read /proc/self/status")
	}
	return n
}

// TestReturnFreeMemoryOverHarmless: connections keep reading right answers while a
// goroutine trims every millisecond (a limit of 0 bytes kept), and the loop trims
// until its context ends.
func TestReturnFreeMemoryOverHarmless(t *testing.T) {
	path := bigTable(t, 4)
	ctx, cancel := context.WithCancel(context.Background())
	trims := make(chan Trims)
	go func() { trims <- ReturnFreeMemoryOver(ctx, time.Millisecond, 0) }()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			for range 10 {
				r, err := OpenReader(context.Background(), path, 1, 8<<10)
				if err != nil {
					errs <- err
					return
				}
				var n, rows int64
				err = r.QueryRow(`SELECT sum(length(substr(b, 2))) + count(*), count(*) FROM big`).Scan(&n, &rows)
				r.Close()
				if err == nil && (rows != 4*256 || n != rows*4000) {
					err = fmt.Errorf("read %d rows of %d bytes in all, want %d of 4000 each", rows, n, 4*256)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	time.Sleep(5 * time.Millisecond)
	cancel()
	n := <-trims
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if want := glibc(t); (n.N > 0) != want || n.N > 0 && (n.Total <= 0 || n.Max <= 0 || n.Max > n.Total) {
		t.Errorf("ReturnFreeMemoryOver trimmed %d times in %v, at most %v at once (glibc %v)", n.N, n.Total, n.Max, want)
	}
}

// TestReturnFreeMemoryOverLimit: under its limit the loop does not trim.
func TestReturnFreeMemoryOverLimit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if tr := ReturnFreeMemoryOver(ctx, time.Millisecond, 1<<50); tr.N != 0 {
		t.Errorf("trimmed %d times with a limit of a petabyte", tr.N)
	}
}
