//go:build linux && cgo

package sqlite

/*
#include <malloc.h>

static int limit_arenas(int n) {
#ifdef M_ARENA_MAX
	return mallopt(M_ARENA_MAX, n);
#else
	return 0;
#endif
}

// malloc_held sets *held to the bytes glibc's arenas and mmapped chunks hold from the
// system and *free to the free bytes among them, and returns 1; 0 where the C library
// has no mallinfo2 (glibc before 2.33, musl).
static int malloc_held(long long *held, long long *free_) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	struct mallinfo2 m = mallinfo2();
	*held = (long long)(m.arena + m.hblkhd);
	*free_ = (long long)m.fordblks;
	return 1;
#else
	*held = 0; *free_ = 0;
	return 0;
#endif
}

*/
import "C"

// limitArenas sets glibc's M_ARENA_MAX to n and reports whether it could.
func limitArenas(n int) bool { return C.limit_arenas(C.int(n)) == 1 }

func mallocHeld() (held, free int64, ok bool) {
	var h, f C.longlong
	ok = C.malloc_held(&h, &f) == 1
	return int64(h), int64(f), ok
}
