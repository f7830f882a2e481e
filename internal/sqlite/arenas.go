package sqlite

import "runtime"

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
// (not glibc 2.33 or later). Free bytes still count in the resident set, unless
// glibc gave their pages back.
func MallocHeld() (held, free int64, ok bool) { return mallocHeld() }
