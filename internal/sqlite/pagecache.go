package sqlite

import "errors"

// pageSize is the page size this project's databases have (SQLite's default).
const pageSize = 4096

// ErrStarted is the error of SharePageCache and StopMemoryCount when SQLite has
// started in this process already: its process-wide settings stay as they are.
var ErrStarted = errors.New("sqlite: started already; its process-wide settings (a shared page cache, counting memory) cannot change any more")

// SharePageCache gives the page caches of all connections of this process one buffer
// of bytes, allocated once, and reports why not when it cannot (it must be called
// before the process opens its first database: else ErrStarted). A page a connection
// caches takes a free slot of the buffer; once the buffer is nearly full SQLite counts
// that as memory pressure, and a connection reuses its own least recently used pages
// rather than taking more, so the buffer bounds the page caches of all connections
// together. Only a connection with no page it can reuse, or a database with pages
// larger than pageSize, takes memory from the C allocator as without the buffer. Call
// it once, early, in a process that serves.
//
// Without it every cached page is an allocation of its own (4 KiB and a header), and
// connections empty their caches whenever another connection commits to a file they
// read, so a server with orders flowing frees and reallocates its caches many times a
// second; glibc keeps the freed pieces resident, scattered through its arenas, and
// giving them back (malloc_trim) walks every piece, holding the arena's lock. At a
// million products with orders flowing (bench scale's mixed phases, 2 cores) the
// serving process peaked at 207–261 MB with SQLite using at most 75 MB; trimming
// every second cut that to 127–143 MB but doubled the CPU of a purchase; with an
// 80 MiB buffer it peaked at 139–143 MB, and nothing else changed measurably. The
// buffer is resident from the first open (SQLite writes into every slot when it
// starts), and stays: it is mapped in huge pages where the system allows, so that
// this costs a few faults rather than one per slot.
func SharePageCache(bytes int64) error {
	return sharePageCache(bytes, pageSize)
}
