package sqlite

/*
#include <stdint.h>
extern int sqlite3_status64(int op, long long *pCurrent, long long *pHighwater, int resetFlag);
static void memory_used(long long *cur, long long *peak) {
	*cur = 0; *peak = 0;
	sqlite3_status64(0, cur, peak, 0); // SQLITE_STATUS_MEMORY_USED
}
*/
import "C"

// MemoryUsed returns the bytes SQLite has allocated now, in all connections of this
// process, and the most it has had allocated at once.
func MemoryUsed() (current, peak int64) {
	var cur, hi C.longlong
	C.memory_used(&cur, &hi)
	return int64(cur), int64(hi)
}
