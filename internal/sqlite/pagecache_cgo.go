//go:build cgo

package sqlite

/*
#include <stdint.h>
#include <stdlib.h>
#ifdef __linux__
#include <sys/mman.h>
#endif
extern int sqlite3_config(int op, ...);
extern int sqlite3_status64(int op, long long *pCurrent, long long *pHighwater, int resetFlag);

// share_page_cache gives SQLite one buffer of page-cache slots for all connections
// (SQLITE_CONFIG_PAGECACHE), each slot a page of page_size bytes with its header
// (SQLITE_CONFIG_PCACHE_HDRSZ), as many as fit in bytes. It returns 0, or SQLite's
// error (SQLITE_MISUSE: SQLite was initialized already), or -1 when out of memory.
static int share_page_cache(long long bytes, int page_size) {
	int hdr = 0;
	int rc = sqlite3_config(24, &hdr); // SQLITE_CONFIG_PCACHE_HDRSZ
	if (rc != 0) return rc;
	int sz = (page_size + hdr + 7) & ~7;
	int n = (int)(bytes / sz);
	size_t size = (size_t)sz * (size_t)n;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	// SQLite writes into every slot when it starts: with 4 KiB pages that is a page
	// fault per slot. In huge pages (where the system allows them) it is one per 2 MiB.
	size_t huge = 2 << 20;
	char *m = mmap(NULL, size + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m != MAP_FAILED) {
		void *buf = (void *)(((uintptr_t)m + huge - 1) & ~(uintptr_t)(huge - 1));
		madvise(buf, size, MADV_HUGEPAGE);
		rc = sqlite3_config(7, buf, sz, n); // SQLITE_CONFIG_PAGECACHE
		if (rc != 0) munmap(m, size + huge);
		return rc;
	}
#endif
	void *buf = malloc(size);
	if (buf == NULL) return -1;
	rc = sqlite3_config(7, buf, sz, n); // SQLITE_CONFIG_PAGECACHE
	if (rc != 0) free(buf);
	return rc;
}

// page_cache_used sets *slots to the shared buffer's slots in use and *overflow to
// the bytes of page cache allocated outside it.
static void page_cache_used(long long *slots, long long *overflow) {
	long long hi;
	*slots = 0; *overflow = 0;
	sqlite3_status64(1, slots, &hi, 0);    // SQLITE_STATUS_PAGECACHE_USED
	sqlite3_status64(2, overflow, &hi, 0); // SQLITE_STATUS_PAGECACHE_OVERFLOW
}
*/
import "C"

import "fmt"

func sharePageCache(bytes int64, pageSize int) error {
	switch rc := C.share_page_cache(C.longlong(bytes), C.int(pageSize)); rc {
	case 0:
		return nil
	case 21: // SQLITE_MISUSE
		return ErrStarted
	default:
		return fmt.Errorf("sqlite: a shared page cache of %d MiB: error %d", bytes>>20, int(rc))
	}
}

// PageCacheUsed returns how many slots of the shared page cache (SharePageCache) are
// in use, and the bytes of page cache SQLite allocated outside it.
func PageCacheUsed() (slots, overflow int64) {
	var s, o C.longlong
	C.page_cache_used(&s, &o)
	return int64(s), int64(o)
}
