package sqlite

import (
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// LimitMallocArenas caps the C allocator's arenas (glibc's M_ARENA_MAX) at one per
// processor Go uses, at least 2, unless MALLOC_ARENA_MAX is set in env, and reports
// whether it did. Call it once, early, in a process that serves.
//
// SQLite allocates its page caches and statements with the C allocator, from
// whichever threads cgo calls run on. glibc gives threads up to eight arenas per
// core and keeps in each what freed caches leave, so a server whose connections drop
// and refill their caches (every commit to a file empties the others' caches of it)
// holds much more than its caches: at a million products with orders flowing
// (bench scale's mixed phases, 2 cores) SQLite had at most 75 MB allocated and Go
// about 30 MB, and the serving process peaked at 206–282 MB with glibc's default
// (5 processes) and 174–253 MB with the cap (4 processes; 124–154 MB in short runs).
// Where the allocator is not glibc, this does nothing.
func LimitMallocArenas(getenv func(string) string) bool {
	if getenv("MALLOC_ARENA_MAX") != "" {
		return false
	}
	return limitArenas(max(2, runtime.GOMAXPROCS(0)))
}

// MallocHeld returns the bytes the C allocator holds from the system (its arenas and
// mmapped chunks: SQLite's allocations, what freed ones left, and the rest of the C
// code's) and how many of them are free, and false where the C library cannot say
// (not glibc 2.33 or later). Free bytes still count in the resident set unless
// ReturnFreeMemory gave their pages back.
func MallocHeld() (held, free int64, ok bool) { return mallocHeld() }

// ReturnFreeMemory gives the pages of the C allocator's free memory back to the
// system (glibc's malloc_trim(0)), and reports whether it could (false where the
// allocator is not glibc). The memory stays the allocator's: the next allocations
// there fault fresh pages in.
func ReturnFreeMemory() bool { return trimMalloc() }

// Trims is what ReturnFreeMemoryOver did: how many times it gave free memory back,
// the time that took in all, and the longest once.
type Trims struct {
	N          int
	Total, Max time.Duration
}

// ReturnFreeMemoryOver checks every interval how much of this process's anonymous
// resident memory neither Go nor SQLite is using (RetainedMemory: mostly what the C
// allocator keeps of freed memory), and calls ReturnFreeMemory when that is more than
// limit bytes, until ctx is done; it returns what the calls did. A serving process
// runs it in a goroutine of its own (see LimitMallocArenas for why glibc keeps what
// SQLite frees). Where the allocator is not glibc, or the resident memory cannot be
// read, it returns at once.
//
// It trims only past a limit because a trim costs time in proportion to the free
// memory's pieces, not to what it gives back: glibc walks every free chunk of every
// arena and advises the system of each, holding the arena's lock, which every
// allocation in that arena waits for. At a million products with orders flowing, with
// 150 MB free in SQLite's page-sized pieces, a trim took 184 ms on average at a load
// of 30 on 2 cores, and trimming every second made purchases cost twice the CPU.
func ReturnFreeMemoryOver(ctx context.Context, interval time.Duration, limit int64) Trims {
	var tr Trims
	if _, ok := RetainedMemory(); !ok {
		return tr
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return tr
		case <-t.C:
			if kept, ok := RetainedMemory(); !ok || kept <= limit {
				continue
			}
			start := time.Now()
			if !ReturnFreeMemory() {
				return tr
			}
			d := time.Since(start)
			tr.N, tr.Total, tr.Max = tr.N+1, tr.Total+d, max(tr.Max, d)
		}
	}
}

// RetainedMemory returns how many bytes of this process's anonymous resident memory
// neither Go's runtime nor SQLite is using: what the C allocator keeps resident of
// freed memory, and any other C code's. It reads /proc/self/status (no lock of the C
// allocator's), and reports false where it cannot.
func RetainedMemory() (int64, bool) {
	anon, ok := rssAnon()
	if !ok {
		return 0, false
	}
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(sample)
	goHeld := int64(sample[0].Value.Uint64() - sample[1].Value.Uint64())
	inUse, _ := MemoryUsed()
	return max(0, anon-goHeld-inUse), true
}

// rssAnon returns this process's anonymous resident memory in bytes.
func rssAnon() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}
