package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
)

// TestFitFiles checks --max-conns against the open-file limit: an explicit cap that
// does not fit is a usage error naming the numbers, the default is lowered to fit
// with one warning (and --max-streams-total with it when not given), a limit too
// small for a useful default is an error, no cap is warned about, and an unknown
// limit or one with room changes nothing. The numbers are worked out by hand in the
// cases: without --db-conns (0) a connection costs 4 open files (its socket, an
// outbound socket, the store connection's file and WAL); with it 2, and the pools 6
// per --db-conns; the rest of the server is what it holds (20 here), 20 for the
// databases, 4 per read connection and 160.
func TestFitFiles(t *testing.T) {
	const open = 20 // the descriptors held
	for _, tc := range []struct {
		name        string
		limit       uint64
		flags       httpFlags
		readConns   int // the catalog's read pool; 0: 4
		wantConns   int
		wantStreams int
		wantErr     string   // in the usage error
		wantWarns   []string // in the warnings, one each
	}{
		// No --db-conns, 4 read connections: the rest is 20 + 20 + 4×4 + 160 = 216; 4 a connection.
		{name: "unknown or unlimited", limit: 0, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000}, wantConns: 4096, wantStreams: 1000},
		{name: "the default fits", limit: 16600, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000}, wantConns: 4096, wantStreams: 1000}, // 216 + 4×4096
		// (1024 − 216) / 4 = 202; streams 202 × 1000 / 4096 = 49.
		{name: "the default lowered, streams with it", limit: 1024, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000}, wantConns: 202, wantStreams: 49,
			wantWarns: []string{"the open-file limit (ulimit -n) is 1024: --max-conns lowered from 4096 to 202 (4 open files per connection, and 216 for the rest of the server), and --max-streams-total to 49; raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N) to 16600 for the default, or set --max-conns"}},
		{name: "the default lowered, streams given and below", limit: 1024, flags: httpFlags{maxConns: 4096, maxStreamsAll: 100, maxStreamsAllSet: true}, wantConns: 202, wantStreams: 100,
			wantWarns: []string{"--max-conns lowered from 4096 to 202 (4 open files per connection, and 216 for the rest of the server); raise"}},
		{name: "the default lowered, streams given and not below", limit: 1024, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000, maxStreamsAllSet: true}, wantConns: 202, wantStreams: 1000,
			wantWarns: []string{"--max-conns lowered from 4096 to 202", "--max-streams-total 1000 is not below --max-conns 202"}},
		// (240 − 216) / 4 = 6 connections; 216 + 4×16 = 280 for the fewest.
		{name: "the default, a limit too small", limit: 240, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000},
			wantErr: "the open-file limit (ulimit -n) is 240: it leaves room for 6 connections (4 open files each, and 216 for the rest of the server); raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N) to at least 280"},
		{name: "the default, a limit below what the server holds", limit: 64, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000}, wantErr: "leaves room for 0 connections"},
		{name: "explicit, fits exactly", limit: 1416, flags: httpFlags{maxConns: 300, maxConnsSet: true, maxStreamsAll: 1000}, wantConns: 300, wantStreams: 1000}, // 216 + 4×300
		{name: "explicit, one too many", limit: 1415, flags: httpFlags{maxConns: 300, maxConnsSet: true, maxStreamsAll: 1000},
			wantErr: "--max-conns 300 needs about 1416 open files (4 per connection, and 216 for the rest of the server) but the open-file limit (ulimit -n) is 1415: raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N), or set --max-conns 299 or less"},
		{name: "explicit default value is refused too", limit: 1024, flags: httpFlags{maxConns: 4096, maxConnsSet: true, maxStreamsAll: 1000}, wantErr: "--max-conns 4096 needs about 16600 open files"},
		{name: "explicit, too large to multiply", limit: 1024, flags: httpFlags{maxConns: 6148914691236517206, maxConnsSet: true, maxStreamsAll: 1000},
			wantErr: "--max-conns 6148914691236517206 needs about 18446744073709551615 open files"},
		{name: "explicit, no cap fits at all: no advice of --max-conns 0", limit: 150, flags: httpFlags{maxConns: 10, maxConnsSet: true, maxStreamsAll: 5},
			wantErr: "--max-conns 10 needs about 256 open files (4 per connection, and 216 for the rest of the server) but the open-file limit (ulimit -n) is 150: raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N)"},
		{name: "no cap, room for the default: no line", limit: 16600, flags: httpFlags{maxConns: 0, maxConnsSet: true, maxStreamsAll: 1000}, wantConns: 0, wantStreams: 1000},
		{name: "no cap, no room at all", limit: 150, flags: httpFlags{maxConns: 0, maxConnsSet: true, maxStreamsAll: 1000}, wantConns: 0, wantStreams: 1000,
			wantWarns: []string{"which leaves no room for connections: requests may fail to open the database; raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N) to at least 280"}},
		{name: "no cap", limit: 1024, flags: httpFlags{maxConns: 0, maxConnsSet: true, maxStreamsAll: 1000}, wantConns: 0, wantStreams: 1000,
			wantWarns: []string{"--max-conns 0 (no cap) with an open-file limit (ulimit -n) of 1024: past about 202 connections new ones wait in the kernel's backlog and requests may fail to open the database; set --max-conns 202 or less"}},
		// --db-conns 8: the rest is 216 + 6×8 = 264; 2 a connection. (1024 − 264) / 2 = 380; streams 380 × 1000 / 4096 = 92.
		{name: "pools capped: the default lowered", limit: 1024, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000, dbConns: 8}, wantConns: 380, wantStreams: 92,
			wantWarns: []string{"the open-file limit (ulimit -n) is 1024: --max-conns lowered from 4096 to 380 (2 open files per connection, and 264 for the rest of the server), and --max-streams-total to 92; raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N) to 8456 for the default, or set --max-conns"}},
		{name: "pools capped: the default fits", limit: 8456, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000, dbConns: 8}, wantConns: 4096, wantStreams: 1000}, // 264 + 2×4096
		{name: "pools capped: explicit, one too many", limit: 863, flags: httpFlags{maxConns: 300, maxConnsSet: true, maxStreamsAll: 100, dbConns: 8},
			wantErr: "--max-conns 300 needs about 864 open files (2 per connection, and 264 for the rest of the server) but the open-file limit (ulimit -n) is 863: raise the limit (ulimit -n, systemd LimitNOFILE=, docker run --ulimit nofile=N:N), or set --max-conns 299 or less"},
		{name: "pools capped: a huge cap leaves no room", limit: 1024, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000, dbConns: 1 << 40}, wantErr: "leaves room for 0 connections"},
		// 64 read connections (32 processors), --db-conns 8: the rest is 20 + 20 + 4×64 + 160 + 6×8 = 504;
		// (1024 − 504) / 2 = 260; streams 260 × 1000 / 4096 = 63.
		{name: "a larger read pool", limit: 1024, readConns: 64, flags: httpFlags{maxConns: 4096, maxStreamsAll: 1000, dbConns: 8}, wantConns: 260, wantStreams: 63,
			wantWarns: []string{"--max-conns lowered from 4096 to 260 (2 open files per connection, and 504 for the rest of the server), and --max-streams-total to 63"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.flags
			warns, err := h.fitFiles(tc.limit, open, cmp.Or(tc.readConns, 4))
			if tc.wantErr != "" {
				var ue *usageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want a usage error with %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "--max-conns 0 ") {
					t.Errorf("err = %v: --max-conns 0 is no cap, never the way to fit", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if h.maxConns != tc.wantConns || h.maxStreamsAll != tc.wantStreams {
				t.Errorf("--max-conns %d, --max-streams-total %d; want %d, %d", h.maxConns, h.maxStreamsAll, tc.wantConns, tc.wantStreams)
			}
			if len(warns) != len(tc.wantWarns) {
				t.Fatalf("warnings %q, want %d", warns, len(tc.wantWarns))
			}
			for i, w := range tc.wantWarns {
				if !strings.Contains(warns[i], w) {
					t.Errorf("warning %q, want %q in it", warns[i], w)
				}
			}
		})
	}
}

// TestServeOpenFileLimit runs serve under a real open-file limit of 400 (prlimit):
// the default --max-conns is lowered with one warning and the server serves with
// it; an explicit --max-conns that does not fit makes serve exit 2 before opening
// anything; one that fits starts without a warning.
func TestServeOpenFileLimit(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit to run the server under a low open-file limit")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary to run it as the program:", err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shop.db")
	under := func(args ...string) *exec.Cmd {
		cmd := exec.Command(prlimit, append([]string{"--nofile=400:400", exe, "serve", "--db", db, "--addr", "127.0.0.1:0", "--transport", "http", "--db-conns", "8"}, args...)...)
		cmd.Env = append(os.Environ(), asMainEnv+"=1", "GOMAXPROCS=2") // a read pool of 4, whatever the machine
		return cmd
	}
	t.Run("explicit, too many", func(t *testing.T) {
		out, err := under("--max-conns", "1000").CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 || !strings.Contains(string(out), "--max-conns 1000 needs about") || !strings.Contains(string(out), "the open-file limit (ulimit -n) is 400") {
			t.Errorf("exit %v, want 2 naming the numbers:\n%s", err, out)
		}
		if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the database was created before the refusal: %v", err)
		}
	})
	for _, tc := range []struct {
		name     string
		args     []string
		warns    int
		notBelow int // warnings that --max-streams-total is not below --max-conns
		conns    func(int) bool
	}{
		// 400 open files less what serve holds at start (about 10), 20 for the databases, 4 × 4 for the read pool,
		// 160, and 6 × 8 for the pools: about 73 connections of 2 files.
		{name: "default lowered", warns: 1, conns: func(n int) bool { return n >= minFittedConns && n < 100 }},
		{name: "default lowered, no stream cap: warned once, with the lowered cap", args: []string{"--max-streams-total", "0"}, warns: 1, notBelow: 1,
			conns: func(n int) bool { return n >= minFittedConns && n < 100 }},
		{name: "explicit, fits", args: []string{"--max-conns", "20", "--max-streams-total", "10"}, conns: func(n int) bool { return n == 20 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := under(tc.args...)
			var stderr syncbuf.Buffer
			cmd.Stderr = &stderr
			p := &hostedProcess{cmd: cmd, stderr: &stderr, exited: make(chan error, 1)}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			go func() { p.exited <- cmd.Wait() }()
			waitServing(t, p)
			m := regexp.MustCompile(`serving MCP over HTTP .* max_conns=(\d+)`).FindStringSubmatch(stderr.String())
			n := -1
			if m != nil {
				n, _ = strconv.Atoi(m[1])
			}
			if !tc.conns(n) || strings.Count(stderr.String(), "open-file limit") != tc.warns {
				t.Errorf("max_conns=%d, %d warnings about the limit; want %d:\n%s", n, strings.Count(stderr.String(), "open-file limit"), tc.warns, stderr.String())
			}
			if got := strings.Count(stderr.String(), "is not below --max-conns"); got != tc.notBelow ||
				(got > 0 && !strings.Contains(stderr.String(), fmt.Sprintf("is not below --max-conns %d", n))) {
				t.Errorf("%d warnings that streams are not below the cap, want %d naming %d:\n%s", got, tc.notBelow, n, stderr.String())
			}
			if tc.warns > 0 && !strings.Contains(stderr.String(), fmt.Sprintf("--max-conns lowered from %d to %d", defaultMaxConns, n)) {
				t.Errorf("the warning does not say what was lowered to what:\n%s", stderr.String())
			}
			if err := p.terminate(t); err != nil {
				t.Errorf("exit: %v\n%s", err, stderr.String())
			}
		})
	}
}
