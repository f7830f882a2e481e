package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/cli"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/mattn/go-sqlite3"
)

// version is the server version reported to MCP clients.
const version = "0.1.0"

// usageError is a mistake on the command line; main exits 2 for it.
type usageError = cli.UsageError

func exitCode(err error) int { return cli.ExitCode(err) }

const usage = `commerce-mcp: an MCP server for agentic shopping.

Usage:
  commerce-mcp [serve] [--db PATH] [--customer ID] [--read-only] [--log-level LEVEL]
        [--image-hosts HOST,...|demo|any|none]
      serve MCP over stdio (default). --image-hosts names the hosts whose product
      images the MCP Apps views may load (default demo: the demo catalog's only).
      Purchases run in the sandbox unless a Stripe key is set (STRIPE_SECRET_KEY or
      --stripe-key-file); then --sellers FILE names each seller's ACP checkout URL,
      API key and Stripe profile. --read-only (or
      COMMERCE_READ_ONLY=1) serves only the tools that change nothing.
      --recover-after 3m and --recover-every 1m: when and how often interrupted
      purchases are settled.
  commerce-mcp serve --transport http|sse [--addr 127.0.0.1:8080] [--stateless]
        [--public-url URL] [--allowed-origins ORIGIN,...] [--tls-cert F --tls-key F]
        [--rate 10 --burst 20 --purchase-rate 10] [--request-rate 50 --request-burst 100]
        [--max-streams 16 --max-streams-total 1000] [--max-inflight 32]
        [--auth-fail-rate 5 --auth-fail-burst 20] [--max-conns 4096]
        [--max-conns-per-addr 0] [--trusted-proxies CIDR,...]
        [--authorization-server URL]
      serve many customers over HTTP: Streamable HTTP at /mcp (sse: /sse and
      /message), health at /healthz. Every request needs Authorization: Bearer TOKEN
      and acts for that token's customer (see token create); --customer is refused.
      --stateless for replicas behind a load balancer (share COMMERCE_CONFIRM_KEY).
  commerce-mcp import --db PATH [--seller NAME] [--currency CODE] [--allow-seller-change] [--create]
        [--shop-url URL] [--encoding auto|utf-8|windows-1252] [--image-hosts HOST,...] [--rejects FILE] FILE...
      load product feeds (CSV, TSV, JSON, JSON Lines, ACP, Merchant Center XML; Shopify,
      WooCommerce, BigCommerce, Magento, Amazon and Etsy exports) into a catalog. --seller names
      the seller of rows that name none, --currency the currency of prices written
      without one (as shop exports write them), --shop-url the shop's address that
      product links written as a path are on. Lists the first rows rejected for each
      reason and counts the rest (--rejects FILE keeps every one), and the image hosts
      the feeds bring that --image-hosts will not show; see import -h
  commerce-mcp help | --help | -h                         show this help
  commerce-mcp version | --version                        print the version

Operator commands (never exposed to the model; --customer takes an id or an email):
  commerce-mcp customer create --email ADDRESS [--name NAME]   add a customer; prints its id
  commerce-mcp customer list                                  customers and their default cards
  commerce-mcp customer add-payment-method --customer ID --payment-method pm_... [--default]
        [--brand visa --last4 4242 --exp-month 12 --exp-year 2030]
      put a card on file. With a Stripe key Stripe is asked about it; otherwise it must
      be a Stripe test method (pm_card_visa, pm_card_mastercard, ...) or come with
      --brand and --last4.
  commerce-mcp customer add-address --customer ID --name NAME --line1 STREET [--line2 ...]
        --city CITY [--region ST] [--postal-code CODE] --country CC [--phone ...] [--default]
      save a delivery address (checked field by field; the first one is the default).
  commerce-mcp limits show --customer ID|--default            spending limits
  commerce-mcp limits set --customer ID|--default [--per-order 100.00] [--daily 300.00]
        [--confirm-above 50.00] [--currency USD] [--allowed-sellers ID,...]
        [--allowed-categories "PATH,..."]
      change only the given limits (--default: of every customer without rules of
      their own, in USD until set). An amount of none means no limit;
      --confirm-above 0 asks for confirmation of every purchase.
  commerce-mcp orders list [--customer ID] [--status S] [--limit N]   orders, newest first
  commerce-mcp token create --customer ID [--name LABEL] [--expires 720h]
      a bearer token for hosted mode (serve over HTTP), acting for that customer. It
      is printed once, alone on stdout (TOKEN=$(commerce-mcp token create ...)); only
      its hash is kept. --expires takes hours (720h) or days (90d), 0 for never; the
      default is 30 days.
  commerce-mcp token list [--customer ID]                     tokens, newest first (never the secret)
  commerce-mcp token revoke ID|LABEL                          refuse a token from now on
  commerce-mcp bench http [--clients 32] [--duration 60s] [--runs 5] [--era modern|legacy]
        [--query WORD]
      load benchmark: serve --transport http against a bare mcp-go server, side by side;
      prints calls/s, p50, p99, errors and peak RSS of each, with issue 12's targets
  commerce-mcp bench stdio [--products 100000 | --db PATH] [--duration 5s] [--runs 5]
        [--inflight 1] [--era modern|legacy] [--query WORD] [--detail standard]
        [--words 200] [--word-docs 1-20] [--fresh] [--server EXECUTABLE]
      stdio benchmark: search_products and purchase over stdio against a bare mcp-go
      stub with the same declarations and results, and the purchase saga in process;
      searches repeat one word, then rotate over rare words of the catalog (--fresh:
      each searched once, the product's first search of it); prints calls/s, p50 and
      server CPU per call of each, with issue 14's targets, the product's peak RSS
      per run, and the bytes and tokens per product of each detail level
  commerce-mcp gen-catalog [--products 100000] [--seed 1] --out FILE
      write a generated catalog feed (JSON Lines) of that many products, for imports
      and benchmarks at scale
  commerce-mcp bench scale --db PATH [--calls 200] [--runs 5] [--no-mixed]
      search shapes on a large catalog next to the bare FTS5 query, first search after
      start, peak RSS, and a mixed phase with purchase writes
  commerce-mcp bench import --feed FILE [--runs 5] [--importer PROGRAM] [--dir DIR]
      import a feed into new catalogs, each in a process of its own: products/s, CPU
      and peak RSS per run next to the floors (reading the feed, FTS5's own build)
  commerce-mcp bench writes --db COPY [--rounds 5] [--kinds text,prices,sale]
        [--words ceramic,steel,cotton] [--on-sale PERCENT]
      the first search of common words (and one on sale) after each upsert of
      descriptions, prices or products put on or off sale, CPU and wall p50/max
      beside the bare FTS5 ranking of their matches (writes: use a copy)
Every command takes -h for its flags.

Getting started:
  1. go build -tags sqlite_fts5 -o commerce-mcp ./cmd/commerce-mcp
     (the first build compiles SQLite, which takes a few minutes)
  2. ./commerce-mcp --db shop.db </dev/null
     creates shop.db with the demo catalog and customer (sandbox: no money moves)
  3. point an MCP client at the binary: command /absolute/path/to/commerce-mcp,
     args ["--db", "/absolute/path/to/shop.db"]

The database defaults to $XDG_DATA_HOME/commerce-mcp/commerce.db (or the OS equivalent);
--db or COMMERCE_DB choose another, in a directory that exists (--create makes it);
a new one beside another database is made only with --create (a mistyped name is refused).
Its files are created readable by you only. Secrets belong in the environment or a
file (STRIPE_SECRET_KEY or --stripe-key-file, COMMERCE_CONFIRM_KEY or
--confirm-key-file), not in flags, which other users can see in the process list.`

// maxPageCache is the largest buffer that the SQLite page caches of a serving process
// share (sqlite.SharePageCache): the catalog's read pool's budget (64 MiB) and 16 MiB
// for the writing connections' pages. SQLite writes through the whole buffer when it
// sets it up, so it is resident from the first database opened: pageCacheFor sizes it
// from the catalog file, so that a small catalog does not pay for a large one's cache.
const (
	maxPageCache = 80 << 20
	minPageCache = 16 << 20
)

// pageCacheFor is the shared page-cache buffer for a server of the catalog at path
// whose reads run on rp: rp's budget and 16 MiB for the writers when rp sets one (see
// readPoolFor); else the file's size and 16 MiB, between 16 and 80 MiB. A catalog that
// grows past it while served is still cached: pages beyond the buffer come from
// malloc, as they would without one.
func pageCacheFor(path string, rp catalog.ReadPool) int64 {
	if rp.CacheKiB > 0 {
		return int64(rp.CacheKiB)<<10 + minPageCache
	}
	return min(max(fileSize(path)+minPageCache, minPageCache), maxPageCache)
}

// fileSize is the size of the file at path, 0 when it cannot be read.
func fileSize(path string) int64 {
	if fi, err := os.Stat(path); err == nil {
		return fi.Size()
	}
	return 0
}

// Over stdio, a catalog file of at least oneReaderFrom runs its reads on one connection
// with a page cache of oneReaderCache (catalog.ReadPool), instead of four with 16 MiB
// each. A search for a rare name at a million products (a 1.5 GB file) reads rows of
// product_keys, product_rank and FTS5's document sizes, one page each, scattered over
// up to 110 MiB of them: four caches of 16 MiB miss most of them (about 245 pages
// copied from the system's file cache a call), one of 112 MiB holds them once (under
// one a call for 200 names searched in turn; 64 MiB still missed 115–130). The buffer
// all caches share then holds 128 MiB, resident from the start, which keeps the
// server's peak RSS near 215 MB where 128 MiB took it to 230–247 MB. One connection runs
// the catalog's reads one at a time: right for stdio's one client, not for hosted
// mode's many, which keeps Open's pool. The bound of 512 MiB is where those rows
// (about 7% of the file) outgrow a quarter of the 64 MiB budget twice over.
const (
	oneReaderFrom  = 512 << 20
	oneReaderCache = 112 << 20
)

// readPoolFor is the catalog's read pool for a server of the catalog at path, hosted
// or over stdio: Open's, or one connection with oneReaderCache (see oneReaderFrom).
func readPoolFor(path string, hosted bool) catalog.ReadPool {
	if hosted || fileSize(path) < oneReaderFrom {
		return catalog.ReadPool{}
	}
	return catalog.ReadPool{Conns: 1, CacheKiB: oneReaderCache >> 10}
}

// benchPageCache reports whether the command cmd with args is a benchmark that sets up
// the largest shared page-cache buffer, as a server of a large catalog has it: every one
// but the framework floors that bench http and bench stdio start (floor-server,
// stub-stdio), which open no database. SQLite makes the whole buffer resident when it
// starts (the FTS5 check starts it), so a floor given one would measure 80 MiB it never
// uses.
func benchPageCache(cmd string, args []string) bool {
	return cmd == "bench" && (len(args) == 0 || (args[0] != "floor-server" && args[0] != "stub-stdio"))
}

// uncountedMemory reports whether the command cmd with args runs with SQLite not
// counting the memory it allocates (sqlite.StopMemoryCount, before anything opens a
// database; a process that opened one already keeps counting): import, whose writer
// takes a few percent less CPU so, and bench import, whose floor of building the
// full-text index must run as the import does. Every other command counts
// (bench scale and bench memory report SQLite's memory, sqlite.MemoryUsed).
func uncountedMemory(cmd string, args []string) bool {
	return cmd == "import" || (cmd == "bench" && len(args) > 0 && args[0] == "import")
}

// sharePageCache sets up the shared page-cache buffer, before anything opens a
// database; a process that opened one already (tests calling run again) keeps the page
// caches it started with.
func sharePageCache(bytes int64) error {
	if err := sqlite.SharePageCache(bytes); err != nil && !errors.Is(err, sqlite.ErrStarted) {
		return err
	}
	return nil
}

// run is the whole program: main only adds signals and the exit code. Tests call it
// with pipes in place of the standard streams. Help, asked for in any way, is printed
// to stdout and is not an error.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, getenv, stdin, stdout, stderr)
	var h *helpShown
	if errors.As(err, &h) {
		fmt.Fprintln(stdout, h.text)
		return nil
	}
	if sqlite.IsBusy(err) {
		// SQLite's own words name no cause and no way out.
		return fmt.Errorf("%w: another process held the database's write lock for over %v (an sqlite3 session left in a transaction, an import, a long write); try again once it has finished", err, sqlite.BusyTimeout)
	}
	if notDatabase(err) {
		// "file is not a database" names the file but not what to do about it.
		return fmt.Errorf("%w: that file is not an SQLite database, or is damaged; check that --db names a commerce-mcp catalog, and restore a damaged file from a backup taken with the other two files of its database (a sales statistics file may be deleted instead, with its -wal and -shm: the statistics then start empty)", err)
	}
	return err
}

// notDatabase reports whether err is SQLite's refusal of a file that is not a
// database or is damaged.
func notDatabase(err error) bool {
	var e sqlite3.Error
	return errors.As(err, &e) && (e.Code == sqlite3.ErrNotADB || e.Code == sqlite3.ErrCorrupt)
}

func dispatch(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || isHelp(args[0]) || args[0] == "--version") {
		cmd, args = args[0], args[1:]
	}
	if benchPageCache(cmd, args) {
		if err := sharePageCache(maxPageCache); err != nil {
			return err
		}
	}
	if uncountedMemory(cmd, args) {
		if err := sqlite.StopMemoryCount(); err != nil && !errors.Is(err, sqlite.ErrStarted) {
			return err
		}
	}
	if cmd != "serve" { // serve checks once it knows its catalog (see pageCacheFor)
		if err := sqlite.FTS5Available(ctx); err != nil {
			return err
		}
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stdin, stdout, stderr)
	case "import":
		return importFeeds(ctx, args, getenv, stderr)
	case "customer":
		return customerCmd(ctx, args, getenv, stdout, stderr)
	case "limits":
		return limitsCmd(ctx, args, getenv, stdout, stderr)
	case "orders":
		return ordersCmd(ctx, args, getenv, stdout, stderr)
	case "token":
		return tokenCmd(ctx, args, getenv, stdout, stderr)
	case "bench":
		return benchCmd(ctx, args, stdin, stdout, stderr)
	case "gen-catalog":
		return genCatalog(ctx, args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return &helpShown{usage}
	case "version", "--version":
		fmt.Fprintln(stdout, "commerce-mcp", version)
		return nil
	}
	return &usageError{Msg: fmt.Sprintf("unknown command %q; run `commerce-mcp help`", cmd)}
}

// helpShown carries the help a command was asked for; run prints it to stdout.
type helpShown struct{ text string }

func (h *helpShown) Error() string { return h.text }

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help":
		return true
	}
	return false
}

// common holds the flags every command takes.
type common struct {
	db       string
	logLevel string
}

func (c *common) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.db, "db", getenv("COMMERCE_DB"), "SQLite database `path` (env COMMERCE_DB)")
	fs.StringVar(&c.logLevel, "log-level", envOr(getenv, "COMMERCE_LOG_LEVEL", "info"), "log `level`: debug, info, warn or error")
}

// parse parses args into fs. -h or --help returns the command's usage (a helpShown).
func parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		return &helpShown{fmt.Sprintf("Usage: commerce-mcp %s [flags]\n\nFlags:\n%s", fs.Name(), strings.TrimRight(b.String(), "\n"))}
	}
	if err != nil {
		return &usageError{Msg: fmt.Sprintf("%v; run `commerce-mcp %s -h`", err, fs.Name())}
	}
	return nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// newLogger logs to stderr through tint, in colour only when stderr is a terminal.
func newLogger(stderr io.Writer, level string) (*slog.Logger, error) {
	return cli.NewLogger(stderr, level)
}

// defaultDBPath is where the database lives when neither --db nor COMMERCE_DB is set.
func defaultDBPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "commerce-mcp", "commerce.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a home directory for the database; pass --db PATH: %w", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "commerce-mcp", "commerce.db"), nil
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "commerce-mcp", "commerce.db"), nil
		}
	}
	return filepath.Join(home, ".local", "share", "commerce-mcp", "commerce.db"), nil
}

// startCPUProfile writes a CPU profile of the process to path until stop is called
// (serve, import and bench's --cpuprofile); with path "" it does nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
