package main

import (
	"fmt"
	"math"
	"os"
)

// What a hosted server needs in open files (file descriptors) besides its
// connections, and for each connection; measured on a running server (/proc/PID/fd
// while serving): before any database is opened (when fitFiles runs) it holds about
// 10 (stdio, the runtime's); the databases opened after
// add about 20 (their files, WALs and shared-memory files), the catalog's read pool 4
// per connection (kept open while idle); under load each busy connection holds its
// socket, the socket of an outbound call its request may make (to a seller or
// Stripe; counted one per connection) and, while its request runs, a connection of the store's SQLite pool
// (its file and WAL) unless --db-conns caps that pool (and the catalog's writing
// one), which then hold at most their cap.
const (
	// fdsPerConn is what --max-conns is multiplied by when --db-conns caps the SQLite
	// pools: the connection's socket and its request's outbound socket.
	fdsPerConn = 1 + 1
	// fdsPerConnUncapped is what --max-conns is multiplied by with --db-conns 0:
	// those, and the file and WAL of the store's connection its request holds.
	fdsPerConnUncapped = fdsPerConn + 2
	// fdsPerDBConn is what --db-conns is multiplied by: a connection of the store's
	// pool holds its file and WAL, one of the catalog's writing pool the catalog's
	// file and the sales file, each with its WAL.
	fdsPerDBConn = 2 + 4
	// fdsPerReadConn is what the catalog's read pool (catalog.ReadConns) is
	// multiplied by: the catalog's file and the sales file, each with its WAL.
	fdsPerReadConn = 4
	// fdsDatabases is what the databases opened after fitFiles hold besides their
	// pools' connections.
	fdsDatabases = 20
	// fdReserve is what the server may open besides, on top of what the process
	// holds when serve starts: the listener, idle kept-alive connections to the
	// sellers and Stripe, and a margin.
	fdReserve = 160
)

// fileCosts returns the open files each connection costs and those the rest of the
// server needs, open being what the process holds now and readConns the catalog's
// read pool.
func (h *httpFlags) fileCosts(open, readConns int) (perConn, rest int) {
	rest = open + fdsDatabases + fdsPerReadConn*readConns + fdReserve
	if h.dbConns == 0 {
		return fdsPerConnUncapped, rest
	}
	return fdsPerConn, rest + fdsPerDBConn*min(h.dbConns, 1<<30) // no overflow, whatever the flag
}

// fitFiles checks --max-conns against the open-file limit (RLIMIT_NOFILE's soft
// limit, which the Go runtime raises to the hard limit at start; 0: unknown or
// unlimited), open being the descriptors the process holds now and readConns the
// connections of the catalog's read pool, counting what each
// connection costs and what the SQLite pools --db-conns caps hold (fileCosts). When
// the connections allowed would need more than the limit:
//   - a --max-conns given explicitly is a usage error naming the numbers: the
//     operator asked for a capacity the process cannot have;
//   - the default is lowered to what fits, with one warning naming the numbers and
//     the flag; --max-streams-total, when not given either, is lowered with it in
//     the default proportion (1000 for 4096), so that streams still cannot hold
//     every connection; a limit leaving room for fewer than minFittedConns is an
//     error as well;
//   - --max-conns 0 (no cap) is warned about: past the limit, accepts wait.
func (h *httpFlags) fitFiles(limit uint64, open, readConns int) (warnings []string, err error) {
	if limit == 0 {
		return nil, nil
	}
	perConn, rest := h.fileCosts(open, readConns)
	// need saturates instead of wrapping: a huge --max-conns must not look small.
	need := func(conns int) uint64 {
		base := uint64(max(0, rest))
		if uint64(conns) > (math.MaxUint64-base)/uint64(perConn) {
			return math.MaxUint64
		}
		return base + uint64(perConn)*uint64(conns)
	}
	fit := 0
	if l := int64(limit) - int64(rest); l > 0 {
		fit = int(l / int64(perConn))
	}
	raise := "raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N)"
	// orLower is the other way out, when some cap fits at all (--max-conns 0 is no cap).
	orLower := ""
	if fit > 0 {
		orLower = fmt.Sprintf(", or set --max-conns %d or less", fit)
	}
	switch {
	case h.maxConns == 0:
		if fit >= defaultMaxConns {
			return nil, nil // room for the default: not worth a line at every start
		}
		if fit == 0 {
			return []string{fmt.Sprintf("--max-conns 0 (no cap) with an open-file limit (ulimit -n) of %d, which leaves no room for connections: requests may fail to open the database; %s to at least %d", limit, raise, need(minFittedConns))}, nil
		}
		return []string{fmt.Sprintf("--max-conns 0 (no cap) with an open-file limit (ulimit -n) of %d: past about %d connections new ones wait in the kernel's backlog and requests may fail to open the database; set --max-conns %d or less, or %s", limit, fit, fit, raise)}, nil
	case h.maxConns <= fit: // need(h.maxConns) <= limit, without the multiplication
		return nil, nil
	case h.maxConnsSet:
		return nil, &usageError{Msg: fmt.Sprintf("--max-conns %d needs about %d open files (%d per connection, and %d for the rest of the server) but the open-file limit (ulimit -n) is %d: %s%s",
			h.maxConns, need(h.maxConns), perConn, rest, limit, raise, orLower)}
	case fit < minFittedConns:
		return nil, &usageError{Msg: fmt.Sprintf("the open-file limit (ulimit -n) is %d: it leaves room for %d connections (%d open files each, and %d for the rest of the server); %s to at least %d",
			limit, fit, perConn, rest, raise, need(minFittedConns))}
	}
	w := fmt.Sprintf("the open-file limit (ulimit -n) is %d: --max-conns lowered from %d to %d (%d open files per connection, and %d for the rest of the server)",
		limit, h.maxConns, fit, perConn, rest)
	h.maxConns = fit
	if !h.maxStreamsAllSet && h.maxStreamsAll >= fit*defaultMaxStreamsAll/defaultMaxConns {
		h.maxStreamsAll = max(1, fit*defaultMaxStreamsAll/defaultMaxConns)
		w += fmt.Sprintf(", and --max-streams-total to %d", h.maxStreamsAll)
	}
	w += fmt.Sprintf("; %s to %d for the default, or set --max-conns", raise, need(defaultMaxConns))
	warnings = append(warnings, w)
	if h.maxStreamsAll == 0 || h.maxStreamsAll >= h.maxConns {
		warnings = append(warnings, streamsNotBelowConns(h.maxStreamsAll, h.maxConns))
	}
	return warnings, nil
}

// minFittedConns is the fewest connections fitFiles lowers the default to.
const minFittedConns = 16

// openFiles returns how many file descriptors this process holds, or fdsAtStart
// where /proc/self/fd cannot be read.
func openFiles() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return fdsAtStart
	}
	return len(ents) - 1 // the directory read
}

// fdsAtStart is about what serve holds when it starts (stdio and the runtime's).
const fdsAtStart = 8
