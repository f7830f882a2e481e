package sqlite

import "runtime"

// LimitMallocArenas caps the C allocator's arenas (glibc's M_ARENA_MAX) at one per
// processor Go uses, at least 2, unless MALLOC_ARENA_MAX is set in env, and reports
// whether it did. Call it once, early, in a process that serves.
//
// SQLite allocates its page caches and statements with the C allocator, from
// whichever threads cgo calls run on. glibc gives threads up to eight arenas per
// core and keeps what a freed cache leaves in each, so a server whose connections drop
// and refill their caches (every commit to a file empties the others' caches of it)
// grew to twice the memory its caches are allowed: at a million products, the serving
// process peaked at 206–257 MB with glibc's default and 124 MB with 2 arenas (Go held
// 21 MB of either). Where the allocator is not glibc, this does nothing.
func LimitMallocArenas(getenv func(string) string) bool {
	if getenv("MALLOC_ARENA_MAX") != "" {
		return false
	}
	return limitArenas(max(2, runtime.GOMAXPROCS(0)))
}
