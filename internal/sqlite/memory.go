package sqlite

/*
#include <stdint.h>
extern int sqlite3_status64(int op, long long *pCurrent, long long *pHighwater, int resetFlag);
extern int sqlite3_config(int op, ...);
static void memory_used(long long *cur, long long *peak) {
	*cur = 0; *peak = 0;
	sqlite3_status64(0, cur, peak, 0); // SQLITE_STATUS_MEMORY_USED
}
static int memory_status_off(void) {
	return sqlite3_config(9, 0); // SQLITE_CONFIG_MEMSTATUS
}
*/
import "C"

import "fmt"

// MemoryUsed returns the bytes SQLite has allocated now, in all connections of this
// process, and the most it has had allocated at once (both 0 after StopMemoryCount).
func MemoryUsed() (current, peak int64) {
	var cur, hi C.longlong
	C.memory_used(&cur, &hi)
	return int64(cur), int64(hi)
}

// StopMemoryCount stops SQLite counting the memory it allocates, for a process that
// never asks (MemoryUsed reads 0 after it): counted, each allocation and each free
// takes a lock held by the whole process and asks the C allocator the size of the
// block. A bulk load (the writer of `commerce-mcp import`, FTS5 building the full-text
// index, the sorts of CREATE INDEX) allocates and frees a great deal: uncounted, the
// writer's CPU per product (BenchmarkBulkLoad) was 0.85–1.06× of counted, median 0.93×
// over 10 pairs; an import's as a whole changed within noise. It
// must be called before the process opens its first database: else ErrStarted, and
// SQLite counts as before.
func StopMemoryCount() error {
	switch rc := C.memory_status_off(); rc {
	case 0:
		return nil
	case 21: // SQLITE_MISUSE
		return ErrStarted
	default:
		return fmt.Errorf("sqlite: not counting memory: error %d", int(rc))
	}
}
