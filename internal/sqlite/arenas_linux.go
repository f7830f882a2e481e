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
*/
import "C"

// limitArenas sets glibc's M_ARENA_MAX to n and reports whether it could.
func limitArenas(n int) bool { return C.limit_arenas(C.int(n)) == 1 }
