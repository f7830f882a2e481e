package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// Targets of issue 14 for stdio, printed beside the measured figures.
const (
	targetStdioSearch    = 0.40 // product search calls/s at least this share of the stub's
	targetPurchaseOverIn = 2.0  // stdio purchase server CPU at most this multiple of the in-process purchase's
)

// benchPurchaseID is the product `bench stdio` buys: one it adds to the catalog, with
// unknown stock (which never runs out) and a price below any confirmation threshold.
const benchPurchaseID = "bench-purchase-0001"

// benchStdioConfig is the settings of `bench stdio`, from its flags.
type benchStdioConfig struct {
	products int
	db       string
	duration time.Duration
	runs     int
	era      string
	query    string
	detail   string
	inflight int
	// words is how many rare words the rotating search phases cycle through (0: none),
	// drawn from the catalog's indexed terms in wordDocs products (see rareWords).
	words    int
	wordDocs docRange
	// fresh makes the product's rotating calls first searches: each searches a word the
	// product has not been asked in this invocation (see freshShares).
	fresh bool
	// server is the executable started as the product (`serve`); "" is this one. The
	// stub and the in-process floor are always this executable's.
	server string
}

// docRange is a range of products a term is in, MIN-MAX.
type docRange struct{ lo, hi int }

func (r *docRange) String() string { return fmt.Sprintf("%d-%d", r.lo, r.hi) }

func (r *docRange) Set(s string) error {
	lo, hi, ok := strings.Cut(s, "-")
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	if !ok || err1 != nil || err2 != nil || a < 1 || b < a {
		return fmt.Errorf("want MIN-MAX with 1 <= MIN <= MAX, got %q", s)
	}
	r.lo, r.hi = a, b
	return nil
}

func parseBenchStdio(args []string) (benchStdioConfig, error) {
	var c benchStdioConfig
	fs := flag.NewFlagSet("bench stdio", flag.ContinueOnError)
	fs.IntVar(&c.products, "products", 100_000, "size of the generated catalog the bench builds (demo.Generate, seed 1)")
	fs.StringVar(&c.db, "db", "", "use a copy of this database, not in use meanwhile, instead of a generated catalog (the copy gets the bench's product and customer rules)")
	fs.DurationVar(&c.duration, "duration", 5*time.Second, "how long each phase drives its server")
	fs.IntVar(&c.runs, "runs", 5, "paired runs; each measures the stub and the product for search and purchase, and an in-process purchase")
	fs.StringVar(&c.era, "era", "modern", "protocol era of the client: modern (2026-07-28) or legacy (the 2025-11-25 handshake)")
	fs.IntVar(&c.inflight, "inflight", 1, "calls in flight at once over the one stdio connection (and purchases at once in process); 1 measures latency, more measures how much work each server does per call")
	fs.StringVar(&c.detail, "detail", "standard", "the detail argument of every search (brief, standard or full)")
	fs.StringVar(&c.query, "query", demo.RareWord, "the search_products query every search of the repeated phases sends; it must find something")
	fs.IntVar(&c.words, "words", 200, "rare words the rotating search phases cycle through, one after another, so that few calls repeat the one before (0: no rotating phases)")
	c.wordDocs = docRange{1, 20}
	fs.Var(&c.wordDocs, "word-docs", "the products each rotating word is in, `MIN-MAX` (the catalog's indexed terms of 4 characters or more with a letter, spread evenly in term order)")
	fs.BoolVar(&c.fresh, "fresh", false, "the product's rotating calls each search a word it has not been asked before in this invocation (its first search of that word): the first "+strconv.Itoa(freshStubWords)+" of --words make the stub's answers, the rest are shared out among the runs, and a run's rotating phase ends early when its share runs out (raise --words or --word-docs)")
	fs.StringVar(&c.server, "server", "", "start this `executable` as the product (`serve --db`), e.g. another build for a paired comparison; the stub and the in-process purchase stay this one's")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, &usageError{Msg: fmt.Sprintf("bench stdio takes no arguments, got %q", fs.Args())}
	case c.runs < 1 || c.duration <= 0 || c.inflight < 1 || (c.db == "" && c.products < 1) || c.words < 0:
		return c, &usageError{Msg: "bench stdio: --runs, --duration, --inflight and --products must be positive, --words not negative"}
	case c.fresh && c.words <= freshStubWords:
		return c, &usageError{Msg: fmt.Sprintf("bench stdio: --fresh needs --words above %d (the stub's answers take the first %d)", freshStubWords, freshStubWords)}
	case c.era != "modern" && c.era != "legacy":
		return c, &usageError{Msg: fmt.Sprintf("bench stdio: --era %q: use modern or legacy", c.era)}
	case strings.TrimSpace(c.query) == "":
		return c, &usageError{Msg: "bench stdio: --query is empty"}
	case !slices.Contains(detailLevels, c.detail):
		return c, &usageError{Msg: fmt.Sprintf("bench stdio: --detail %q: use brief, standard or full", c.detail)}
	}
	return c, nil
}

// benchStdio is `bench stdio`: it builds a catalog (or copies --db), starts this
// executable as the product (`serve` over stdio, as a desktop client would) and as
// the stub (`bench stub-stdio`, a bare mcp-go stdio server declaring search_products
// and purchase as the product does and answering each with one real result of the
// product), and drives each in turn with one client calling the same tool back to
// back. It also runs the purchase saga in this process on a copy of the database, the
// floor for a purchase. It prints a table per run, a summary with ranges over the
// runs against issue 14's targets, and the size of search and recommend results per
// product at each detail level.
func benchStdio(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseBenchStdio(args)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: cannot find this executable to start the servers: %w", err)
	}
	dir, err := os.MkdirTemp("", "commerce-mcp-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, "bench.db")
	start := time.Now()
	if err := prepareBenchDB(ctx, c, db, stderr); err != nil {
		return err
	}
	inDB := filepath.Join(dir, "inprocess.db")
	if err := copyDB(db, inDB); err != nil {
		return err
	}
	words, err := rareWords(ctx, db, c.words, c.wordDocs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "bench: databases ready in %s\n", time.Since(start).Round(time.Second))

	server := exe
	if c.server != "" {
		server = c.server
	}
	product, err := startStdioServer(ctx, "product", server, filepath.Join(dir, "product.log"), c.era, "serve", "--db", db)
	if err != nil {
		return err
	}
	defer product.stop()
	drawn := len(words)
	var fresh [][]string // with --fresh, the words of each run's rotating phase of the product
	if c.fresh {
		if len(words) <= freshStubWords {
			return fmt.Errorf("bench stdio: --fresh: only %d indexed terms in %s products, need more than %d (--word-docs)", len(words), c.wordDocs.String(), freshStubWords)
		}
		words, fresh = words[:freshStubWords], freshShares(words[freshStubWords:], c.runs)
	}
	fx, words, err := stdioFixture(ctx, product, c, words)
	if err != nil {
		return product.failed(err)
	}
	if c.words > 0 && len(words) == 0 {
		return fmt.Errorf("bench stdio: no indexed term in %s products finds anything to rotate over (--word-docs)", c.wordDocs.String())
	}
	fxPath := filepath.Join(dir, "stub.json")
	if err := os.WriteFile(fxPath, fx, 0o600); err != nil {
		return err
	}
	stub, err := startStdioServer(ctx, "stub", exe, filepath.Join(dir, "stub.log"), c.era, "bench", "stub-stdio", fxPath)
	if err != nil {
		return err
	}
	defer stub.stop()
	inproc, err := newInProcessBuyer(ctx, inDB, filepath.Join(dir, "inprocess.log"))
	if err != nil {
		return err
	}
	defer inproc.close()

	sizes, err := detailSizes(ctx, product, c.query)
	if err != nil {
		return product.failed(err)
	}
	fmt.Fprintf(stdout, "bench stdio: %s per phase, %d runs, one client per server with %d calls in flight, era %s (protocol %s), search_products query %q detail %s\n",
		c.duration, c.runs, c.inflight, c.era, product.protocol, c.query, c.detail)
	if c.db != "" {
		fmt.Fprintf(stdout, "catalog: a copy of %s\n", c.db)
	} else {
		fmt.Fprintf(stdout, "catalog: demo.Generate(%d, 1)\n", c.products)
	}
	if len(words) > 0 {
		fmt.Fprintf(stdout, "rotating search phases: %d rare words (of %d indexed terms in %s products drawn, those that find something), cycled in order from the first in each phase, e.g. %s\n",
			len(words), drawn, c.wordDocs.String(), strings.Join(words[:min(5, len(words))], ", "))
	}
	if c.fresh {
		fmt.Fprintf(stdout, "--fresh: the product's rotating calls search %d other words, %d a run, each once (its first search of the word); the stub's cycle over the words above\n",
			drawn-freshStubWords, len(fresh[0]))
	}
	fmt.Fprintf(stdout, "product: `%s serve --db …` over stdio, pid %d; stub: bare mcp-go stdio server with the product's declarations and canned results (per query), pid %d\n", filepath.Base(server), product.cmd.Process.Pid, stub.cmd.Process.Pid)
	fmt.Fprintf(stdout, "in-process: the purchase saga called directly (checkout.Service.Purchase, sandbox) in the bench process, on a copy of the database\n\n")

	var runs []stdioBenchRun
	for i := range c.runs {
		var r stdioBenchRun
		resetPeakRSS(product.cmd.Process.Pid)
		order := []*stdioServer{stub, product}
		if i%2 == 1 {
			order[0], order[1] = product, stub
		}
		for _, ph := range phasesOf(words) {
			for _, srv := range order {
				ph := ph
				if fresh != nil && srv == product && len(ph.words) > 0 {
					ph.words, ph.once = fresh[i], true
				}
				res, err := srv.drive(ctx, ph, c)
				if err != nil {
					return srv.failed(err)
				}
				r.set(srv == stub, ph, res)
			}
		}
		r.productPeak = (&benchServer{cmd: product.cmd}).peakRSS()
		if r.inproc, err = inproc.drive(ctx, c.duration, c.inflight); err != nil {
			return err
		}
		runs = append(runs, r)
		printStdioRun(stdout, i+1, c.runs, order[0].name, r)
	}
	printStdioSummary(stdout, runs)
	if peak := (&benchServer{cmd: product.cmd}).peakRSS(); peak >= 0 {
		fmt.Fprintf(stdout, "product server peak RSS (VmHWM) in each run: %s MiB; the last run to the end: %d MiB\n",
			strings.Join(peaksOf(runs), ", "), peak>>20)
	}
	printDetailSizes(stdout, sizes)
	return nil
}

// resetPeakRSS makes the peak resident set (VmHWM) of process pid start again from
// its resident set now (Linux: /proc/PID/clear_refs), so that each run's peak is its
// own; where it cannot, the peaks read are since the process started.
func resetPeakRSS(pid int) {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// peaksOf is each run's productPeak in MiB, "-" when unknown.
func peaksOf(runs []stdioBenchRun) []string {
	out := make([]string, len(runs))
	for i, r := range runs {
		out[i] = "-"
		if r.productPeak >= 0 {
			out[i] = strconv.FormatInt(r.productPeak>>20, 10)
		}
	}
	return out
}

// freshStubWords is how many of the rare words make the stub's answers with --fresh;
// the product searches them to make those answers, so its first searches take the
// others.
const freshStubWords = 200

// freshShares shares words out among runs in order, as evenly as they go, so that no
// word is searched in two runs.
func freshShares(words []string, runs int) [][]string {
	out := make([][]string, runs)
	for i := range out {
		out[i] = words[i*len(words)/runs : (i+1)*len(words)/runs]
	}
	return out
}

// prepareBenchDB writes the bench's database at path: a generated catalog (or a copy
// of --db) with the demo customer, the bench's product to buy, and the customer's
// rules opened so that every purchase completes without a confirmation.
func prepareBenchDB(ctx context.Context, c benchStdioConfig, path string, stderr io.Writer) error {
	if c.db != "" {
		if err := copyDB(c.db, path); err != nil {
			return err
		}
	}
	cat, err := catalog.Open(ctx, path)
	if err != nil {
		return err
	}
	defer cat.Close()
	if err := benchWaitFill(ctx, cat, stderr); err != nil {
		return err
	}
	if c.db == "" {
		fmt.Fprintf(stderr, "bench: generating and loading %d products…\n", c.products)
		sellers, products := demo.Generate(c.products, 1)
		const batch = 5000
		for i := 0; i < len(products); i += batch {
			if _, err := cat.Upsert(ctx, sellers, products[i:min(i+batch, len(products))]); err != nil {
				return err
			}
		}
		if err := cat.OptimizeIndex(ctx); err != nil {
			return err
		}
	}
	sellers, err := cat.Sellers(ctx)
	if err != nil {
		return err
	}
	if len(sellers) == 0 {
		return errors.New("bench: the catalog has no sellers")
	}
	p := catalog.Product{
		ID: benchPurchaseID, SellerID: sellers[0].ID, Title: "Bench Purchase Widget",
		Description: "A product the stdio bench buys over and over.", Price: money.Money{Amount: 1000, Currency: "USD"},
		Availability: catalog.InStock,
	}
	if _, err := cat.Upsert(ctx, nil, []catalog.Product{p}); err != nil {
		return err
	}
	st, err := openStore(ctx, path, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := st.SeedDemo(ctx); err != nil {
		return err
	}
	return st.SetRules(ctx, store.DemoCustomerID, store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit})
}

// copyDB copies the SQLite database at src, and its write-ahead log when it has one,
// to dst, a file at a time. The source must not be written meanwhile.
func copyDB(src, dst string) error {
	for _, suffix := range []string{"", "-wal"} {
		err := copyFile(src+suffix, dst+suffix)
		if suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
	}
	// and the files beside it: its sales statistics and its store
	for _, beside := range []func(string) string{catalog.SalesFile, store.FileBeside} {
		for _, suffix := range []string{"", "-wal"} {
			err := copyFile(beside(src)+suffix, beside(dst)+suffix)
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// stdioServer is a server process the bench started and talks to over its stdin and
// stdout, with one MCP client.
type stdioServer struct {
	name     string
	cmd      *exec.Cmd
	log      string
	client   *client.Client
	protocol string
	done     chan struct{}
	err      error
}

// startStdioServer starts `exe args...` with its stderr in logPath, and connects and
// initializes a client over its stdin and stdout in the given era.
func startStdioServer(ctx context.Context, name, exe, logPath, era string, args ...string) (*stdioServer, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	s := &stdioServer{name: name, log: logPath, done: make(chan struct{})}
	s.cmd = exec.Command(exe, args...)
	s.cmd.Stderr = f
	in, err := s.cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s server: %w", name, err)
	}
	go func() {
		s.err = s.cmd.Wait()
		f.Close()
		close(s.done)
	}()
	var opts []client.ClientOption
	if era == "legacy" {
		opts = append(opts, client.WithLegacyProtocolOnly())
	}
	s.client = client.NewClient(transport.NewIO(out, in, nil), opts...)
	if err := s.client.Start(ctx); err != nil {
		s.stop()
		return nil, s.failed(err)
	}
	req := mcp.InitializeRequest{}
	req.Params.ClientInfo = mcp.Implementation{Name: "commerce-mcp-bench", Version: version}
	ictx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	res, err := s.client.Initialize(ictx, req)
	if err != nil {
		s.stop()
		return nil, s.failed(fmt.Errorf("initialize: %w", err))
	}
	s.protocol = res.ProtocolVersion
	return s, nil
}

// stop closes the server's stdin, which ends a stdio server, and kills it after
// stopTimeout.
func (s *stdioServer) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.client.Close()
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// failed wraps err with the server's name and the end of its log.
func (s *stdioServer) failed(err error) error {
	return fmt.Errorf("%s server: %w\n--- its stderr (last lines):\n%s", s.name, err, tail(s.log, 40))
}

func (s *stdioServer) cpuTime() time.Duration {
	return (&benchServer{cmd: s.cmd}).cpuTime()
}

// call makes one call of tool with args and returns its result, failing on an error
// result.
func (s *stdioServer) call(ctx context.Context, tool string, args map[string]any) (*mcp.CallToolResult, error) {
	var req mcp.CallToolRequest
	req.Params.Name, req.Params.Arguments = tool, args
	cctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	res, err := s.client.CallTool(cctx, req)
	if err != nil {
		return nil, err
	}
	if res.IsError {
		return nil, fmt.Errorf("%s answered with an error: %s", tool, resultText(res))
	}
	return res, nil
}

// benchArgs is the arguments every call of tool sends in the repeated phases.
func benchArgs(tool string, c benchStdioConfig) map[string]any {
	if tool == "purchase" {
		return map[string]any{"product_id": benchPurchaseID}
	}
	return searchArgs(c.query, c)
}

func searchArgs(query string, c benchStdioConfig) map[string]any {
	return map[string]any{"query": query, "detail": c.detail}
}

// stdioBenchPhase is what one phase calls: tool with the same arguments every call,
// or, for a rotating search, with words[i % len(words)] as the i-th call's query; with
// once, words[i], the phase ending early when they run out.
type stdioBenchPhase struct {
	tool  string
	words []string
	once  bool
}

// phasesOf is a run's phases in order: search repeated, search rotating over words
// (when there are any), purchase.
func phasesOf(words []string) []stdioBenchPhase {
	out := []stdioBenchPhase{{tool: "search_products"}}
	if len(words) > 0 {
		out = append(out, stdioBenchPhase{tool: "search_products", words: words})
	}
	return append(out, stdioBenchPhase{tool: "purchase"})
}

// stdioPhase is what one phase measured: calls made one after another for a while.
type stdioPhase struct {
	calls   int
	elapsed time.Duration
	p50     time.Duration
	cpu     time.Duration // CPU time (user and system) the server used; -1 unknown
	reads   int64         // read system calls the server made (readCalls); -1 unknown
}

func (p stdioPhase) rate() float64 {
	if p.elapsed <= 0 {
		return 0
	}
	return float64(p.calls) / p.elapsed.Seconds()
}

func (p stdioPhase) cpuPerCall() time.Duration {
	if p.cpu < 0 || p.calls == 0 {
		return -1
	}
	return p.cpu / time.Duration(p.calls)
}

// readsPerCall is the server's read system calls per call, or -1 when unknown.
func (p stdioPhase) readsPerCall() float64 {
	if p.reads < 0 || p.calls == 0 {
		return -1
	}
	return float64(p.reads) / float64(p.calls)
}

// readCalls is how many read system calls the process pid ("self" for this one) has
// made so far (syscr of /proc/PID/io, Linux), or -1 where that cannot be read. A
// search reads the catalog a page at a time (a pread each) for every page missing
// from SQLite's own cache, so per call it counts the pages a search copied from the
// system's file cache, plus the reads of requests from stdin.
func readCalls(pid string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/io")
	if err != nil {
		return -1
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "syscr:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}

func (s *stdioServer) readCalls() int64 { return readCalls(strconv.Itoa(s.cmd.Process.Pid)) }

func selfReads() int64 { return readCalls("self") }

// drive makes the phase's calls back to back for d from inflight goroutines sharing
// the one client (and the one pipe), and measures the calls and the server's CPU time.
// A rotating phase's calls take the next word each, in order, from the first.
func (s *stdioServer) drive(ctx context.Context, ph stdioBenchPhase, c benchStdioConfig) (stdioPhase, error) {
	args := benchArgs(ph.tool, c)
	var next atomic.Int64
	return measure(c.duration, c.inflight, s.cpuTime, s.readCalls, func() error {
		a := args
		if len(ph.words) > 0 {
			i := int(next.Add(1) - 1)
			if ph.once && i >= len(ph.words) {
				return errPhaseDone
			}
			a = searchArgs(ph.words[i%len(ph.words)], c)
		}
		_, err := s.call(ctx, ph.tool, a)
		return err
	})
}

// errPhaseDone is what a call returns to end its phase early, without failing it.
var errPhaseDone = errors.New("the phase has no more calls to make")

// measure calls call back to back for d from inflight goroutines, and returns the
// number of calls, their p50, and the CPU time cpu and the read system calls reads
// counted meanwhile. The first error ends the phase (errPhaseDone: without failing).
func measure(d time.Duration, inflight int, cpu func() time.Duration, reads func() int64, call func() error) (stdioPhase, error) {
	var (
		mu    sync.Mutex
		lats  []time.Duration
		first error
		wg    sync.WaitGroup
	)
	cpu0, reads0 := cpu(), reads()
	t0 := time.Now()
	for range inflight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, 4096)
			var err error
			for time.Since(t0) < d {
				t := time.Now()
				if err = call(); err != nil {
					break
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			defer mu.Unlock()
			lats = append(lats, mine...)
			if first == nil {
				first = err
			}
		}()
	}
	wg.Wait()
	if first != nil && !errors.Is(first, errPhaseDone) {
		return stdioPhase{}, first
	}
	p := stdioPhase{calls: len(lats), elapsed: time.Since(t0), cpu: -1, reads: -1}
	if cpu0 >= 0 {
		if cpu1 := cpu(); cpu1 >= 0 {
			p.cpu = cpu1 - cpu0
		}
	}
	if reads0 >= 0 {
		if reads1 := reads(); reads1 >= 0 {
			p.reads = reads1 - reads0
		}
	}
	slices.Sort(lats)
	p.p50 = percentile(lats, 50)
	return p, nil
}

// stdioFixture asks the product for its declarations of search_products and purchase
// and one result of each, and one search result of each of words, and returns them as
// the stub's fixture in JSON, with the words that found something, in their order.
func stdioFixture(ctx context.Context, s *stdioServer, c benchStdioConfig, words []string) ([]byte, []string, error) {
	cctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	list, err := s.client.ListTools(cctx, mcp.ListToolsRequest{})
	if err != nil {
		return nil, nil, err
	}
	var fx []stubTool
	var found []string
	for _, name := range []string{"search_products", "purchase"} {
		i := slices.IndexFunc(list.Tools, func(t mcp.Tool) bool { return t.Name == name })
		if i < 0 {
			return nil, nil, fmt.Errorf("tools/list has no %s", name)
		}
		tool, err := json.Marshal(list.Tools[i])
		if err != nil {
			return nil, nil, err
		}
		res, err := s.call(ctx, name, benchArgs(name, c))
		if err != nil {
			return nil, nil, err
		}
		if name == "search_products" && countProducts(res) == 0 {
			return nil, nil, &foundNothing{c.query}
		}
		b, err := json.Marshal(res)
		if err != nil {
			return nil, nil, err
		}
		st := stubTool{Tool: tool, Result: b}
		if name == "search_products" && len(words) > 0 {
			st.ByQuery = map[string]json.RawMessage{}
			for _, w := range words {
				res, err := s.call(ctx, name, searchArgs(w, c))
				if err != nil {
					return nil, nil, err
				}
				if countProducts(res) == 0 {
					continue
				}
				if st.ByQuery[w], err = json.Marshal(res); err != nil {
					return nil, nil, err
				}
				found = append(found, w)
			}
		}
		fx = append(fx, st)
	}
	b, err := json.Marshal(fx)
	return b, found, err
}

// stubTool is one tool of the stub: its declaration as tools/list gave it, the
// result it answers every call with, and the results it answers a call whose query
// argument is one of ByQuery's keys with instead.
type stubTool struct {
	Tool    json.RawMessage            `json:"tool"`
	Result  json.RawMessage            `json:"result"`
	ByQuery map[string]json.RawMessage `json:"by_query,omitempty"`
}

// rareWords returns n of the indexed terms of the catalog at db that are in docs.lo to
// docs.hi products, have 4 characters or more and a letter, spread evenly over them in
// term order (so the same catalog always gives the same words), or none when n is 0.
func rareWords(ctx context.Context, db string, n int, docs docRange) ([]string, error) {
	if n == 0 {
		return nil, nil
	}
	d, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	rows, err := d.QueryContext(ctx, `SELECT term FROM index_words WHERE docs BETWEEN ? AND ?
		AND length(term) >= 4 AND term GLOB '*[a-z]*' ORDER BY term`, docs.lo, docs.hi)
	if err != nil {
		return nil, fmt.Errorf("bench stdio: rare words: %w", err)
	}
	var all []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return evenly(all, n), nil
}

// evenly returns n of all, evenly spaced from the first, or all when it has no more.
func evenly(all []string, n int) []string {
	if len(all) <= n {
		return all
	}
	out := make([]string, n)
	for i := range out {
		out[i] = all[i*len(all)/n]
	}
	return out
}

// stubStdio is the hidden `bench stub-stdio FILE`: the framework floor of `bench
// stdio`. It is a bare mcp-go stdio server on stdin and stdout serving the tools in
// FILE (a list of stubTool), each declared exactly as the product declares it and
// answering every call with its stored result. It opens no database and logs
// nothing. It stops at the end of stdin or when ctx ends.
func stubStdio(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) != 1 {
		return &usageError{Msg: "usage: commerce-mcp bench stub-stdio FIXTURE_FILE"}
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	var fx []stubTool
	if err := json.Unmarshal(raw, &fx); err != nil {
		return fmt.Errorf("stub: %s: %w", args[0], err)
	}
	s := server.NewMCPServer("commerce-mcp-stub", version, server.WithToolCapabilities(false))
	for _, st := range fx {
		var ff floorFixture
		ff.Result = st.Result
		if err := json.Unmarshal(st.Tool, &ff.Tool); err != nil {
			return fmt.Errorf("stub: %s: %w", args[0], err)
		}
		tool, canned, err := ff.parse()
		if err != nil {
			return fmt.Errorf("stub: %s: %w", args[0], err)
		}
		byQuery := map[string]*mcp.CallToolResult{}
		for q, raw := range st.ByQuery {
			if byQuery[q], err = mcp.ParseCallToolResult(&raw); err != nil {
				return fmt.Errorf("stub: %s: result of %q: %w", args[0], q, err)
			}
		}
		s.AddTool(tool, func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			if res, ok := byQuery[req.GetString("query", "")]; ok {
				return res, nil
			}
			return canned, nil
		})
	}
	err = server.NewStdioServer(s).Listen(ctx, stdin, stdout)
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// inProcessBuyer runs the purchase saga in the bench process, wired as serve wires it
// in the sandbox, on its own database.
type inProcessBuyer struct {
	cat  *catalog.Catalog
	st   *store.Store
	svc  *checkout.Service
	logf *os.File
}

func newInProcessBuyer(ctx context.Context, db, logPath string) (*inProcessBuyer, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	logger, err := newLogger(f, "info")
	if err != nil {
		f.Close()
		return nil, err
	}
	b := &inProcessBuyer{logf: f}
	if b.cat, err = catalog.Open(ctx, db); err != nil {
		b.close()
		return nil, err
	}
	if b.st, err = openStore(ctx, db, nil); err != nil {
		b.close()
		return nil, err
	}
	if b.svc, err = newCheckout(payFlags{}, b.cat, b.st, logger); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

func (b *inProcessBuyer) close() {
	if b.st != nil {
		b.st.Close()
	}
	if b.cat != nil {
		b.cat.Close()
	}
	b.logf.Close()
}

// drive buys the bench product, one purchase after another from each of inflight
// goroutines, for d. Its CPU time is the whole bench process's (getrusage), which does
// nothing else meanwhile.
func (b *inProcessBuyer) drive(ctx context.Context, d time.Duration, inflight int) (stdioPhase, error) {
	return measure(d, inflight, selfCPU, selfReads, func() error {
		out, err := b.svc.Purchase(ctx, checkout.Request{CustomerID: store.DemoCustomerID, ProductID: benchPurchaseID, Quantity: 1})
		if err != nil {
			return fmt.Errorf("in-process purchase: %w", err)
		}
		if out.Status != checkout.StatusCompleted {
			return fmt.Errorf("in-process purchase: status %s", out.Status)
		}
		return nil
	})
}

// selfCPU is the CPU time, user and system, this process has used, or -1.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fmtReads formats a number of reads per call, or - when it is unknown (negative).
func fmtReads(v float64) string {
	if v < 0 {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// stdioBenchRun is one run's figures.
type stdioBenchRun struct {
	stubSearch, productSearch     stdioPhase
	stubRotating, productRotating stdioPhase // calls == 0: no rotating phases
	stubPurchase, productPurchase stdioPhase
	inproc                        stdioPhase
	// productPeak is the product server's peak resident set (VmHWM) during the run, in
	// bytes, or -1 when unknown; from the first run's start where it cannot be reset.
	productPeak int64
}

func (r *stdioBenchRun) set(stub bool, ph stdioBenchPhase, p stdioPhase) {
	switch {
	case ph.tool == "search_products" && len(ph.words) > 0 && stub:
		r.stubRotating = p
	case ph.tool == "search_products" && len(ph.words) > 0:
		r.productRotating = p
	case stub && ph.tool == "search_products":
		r.stubSearch = p
	case ph.tool == "search_products":
		r.productSearch = p
	case stub:
		r.stubPurchase = p
	default:
		r.productPurchase = p
	}
}

func (r stdioBenchRun) searchRatio() float64 { return rateRatio(r.productSearch, r.stubSearch) }

func (r stdioBenchRun) rotatingRatio() float64 { return rateRatio(r.productRotating, r.stubRotating) }

// rateRatio is product's calls/s over stub's, or 0 when stub made none.
func rateRatio(product, stub stdioPhase) float64 {
	if f := stub.rate(); f > 0 {
		return product.rate() / f
	}
	return 0
}

// cpuRatio is stub's server CPU per call over product's, or 0 when unknown.
func cpuRatio(product, stub stdioPhase) float64 {
	if p := product.cpuPerCall(); p > 0 && stub.cpuPerCall() >= 0 {
		return float64(stub.cpuPerCall()) / float64(p)
	}
	return 0
}

// purchaseOverInProcess is the stdio purchase's server CPU per call over the
// in-process purchase's CPU per call.
func (r stdioBenchRun) purchaseOverInProcess() float64 {
	in, out := r.inproc.cpuPerCall(), r.productPurchase.cpuPerCall()
	if in <= 0 || out < 0 {
		return 0
	}
	return float64(out) / float64(in)
}

func printStdioRun(w io.Writer, i, n int, first string, r stdioBenchRun) {
	fmt.Fprintf(w, "run %d/%d (%s first)\n", i, n, first)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "what\tcalls\tcalls/s\tp50\tserver CPU/call\tserver reads/call\t")
	for _, row := range []struct {
		name string
		p    stdioPhase
	}{
		{"stub search", r.stubSearch}, {"product search", r.productSearch},
		{"stub rotating search", r.stubRotating}, {"product rotating search", r.productRotating},
		{"stub purchase", r.stubPurchase}, {"product purchase", r.productPurchase},
		{"in-process purchase", r.inproc},
	} {
		if row.p.calls == 0 && strings.Contains(row.name, "rotating") {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%s\t\n", row.name, row.p.calls, row.p.rate(), fmtCPU(row.p.p50), fmtCPU(row.p.cpuPerCall()), fmtReads(row.p.readsPerCall()))
	}
	tw.Flush()
	fmt.Fprintf(w, "product/stub search calls/s: %.1f%%", 100*r.searchRatio())
	if r.stubRotating.calls > 0 {
		fmt.Fprintf(w, "; rotating: %.1f%%", 100*r.rotatingRatio())
	}
	fmt.Fprintf(w, "; stdio purchase CPU / in-process purchase CPU: %.2f×\n\n", r.purchaseOverInProcess())
}

func printStdioSummary(w io.Writer, runs []stdioBenchRun) {
	fmt.Fprintf(w, "summary over %d runs (min – max); a target is ✓ when the worst run meets it\n", len(runs))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tstub / in-process\tproduct\ttarget\t")
	spanOf := func(f func(stdioBenchRun) float64) span {
		s := span{f(runs[0]), f(runs[0])}
		for _, r := range runs[1:] {
			s.lo, s.hi = min(s.lo, f(r)), max(s.hi, f(r))
		}
		return s
	}
	num := func(v float64) string { return fmt.Sprintf("%.0f", v) }
	cpuf := func(v float64) string { return fmtCPU(time.Duration(v)) }
	rate := func(p func(stdioBenchRun) stdioPhase) span {
		return spanOf(func(r stdioBenchRun) float64 { return p(r).rate() })
	}
	cpu := func(p func(stdioBenchRun) stdioPhase) span {
		return spanOf(func(r stdioBenchRun) float64 { return float64(p(r).cpuPerCall()) })
	}
	reads := func(p func(stdioBenchRun) stdioPhase) span {
		return spanOf(func(r stdioBenchRun) float64 { return p(r).readsPerCall() })
	}
	p50 := func(p func(stdioBenchRun) stdioPhase) span {
		return spanOf(func(r stdioBenchRun) float64 { return float64(p(r).p50) })
	}
	ss := func(r stdioBenchRun) stdioPhase { return r.stubSearch }
	ps := func(r stdioBenchRun) stdioPhase { return r.productSearch }
	sp := func(r stdioBenchRun) stdioPhase { return r.stubPurchase }
	pp := func(r stdioBenchRun) stdioPhase { return r.productPurchase }
	ip := func(r stdioBenchRun) stdioPhase { return r.inproc }
	pr := spanOf(stdioBenchRun.purchaseOverInProcess)
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	searchRows := func(name string, stub, product func(stdioBenchRun) stdioPhase) {
		sr := spanOf(func(r stdioBenchRun) float64 { return rateRatio(product(r), stub(r)) })
		fmt.Fprintf(tw, "%s calls/s\t%s\t%s\t\t\n", name, rate(stub).format(num), rate(product).format(num))
		fmt.Fprintf(tw, "%s product/stub calls/s\t\t%s (median %s, ≥ %.0f%% in %d of %d)\t≥ %.0f%% %s\t\n", name, sr.format(pct),
			pct(medianOf(runs, func(r stdioBenchRun) float64 { return rateRatio(product(r), stub(r)) })),
			100*targetStdioSearch, countOf(runs, func(r stdioBenchRun) bool { return rateRatio(product(r), stub(r)) >= targetStdioSearch }), len(runs),
			100*targetStdioSearch, mark(sr.lo >= targetStdioSearch))
		fmt.Fprintf(tw, "%s p50\t%s\t%s\t\t\n", name, p50(stub).format(cpuf), p50(product).format(cpuf))
		fmt.Fprintf(tw, "%s server CPU/call\t%s\t%s\t\t\n", name, cpu(stub).format(cpuf), cpu(product).format(cpuf))
		fmt.Fprintf(tw, "%s server reads/call\t%s\t%s\t\t\n", name, reads(stub).format(fmtReads), reads(product).format(fmtReads))
		cr := spanOf(func(r stdioBenchRun) float64 { return cpuRatio(product(r), stub(r)) })
		fmt.Fprintf(tw, "%s stub CPU / product CPU per call\t\t%s\t\t\n", name, cr.format(pct))
	}
	searchRows("search", ss, ps)
	if runs[0].stubRotating.calls > 0 {
		searchRows("rotating search", func(r stdioBenchRun) stdioPhase { return r.stubRotating }, func(r stdioBenchRun) stdioPhase { return r.productRotating })
	}
	fmt.Fprintf(tw, "purchase calls/s (stub)\t%s\t\t\t\n", rate(sp).format(num))
	fmt.Fprintf(tw, "purchase calls/s (in-process / stdio)\t%s\t%s\t\t\n", rate(ip).format(num), rate(pp).format(num))
	fmt.Fprintf(tw, "purchase p50 (in-process / stdio)\t%s\t%s\t\t\n", p50(ip).format(cpuf), p50(pp).format(cpuf))
	fmt.Fprintf(tw, "purchase CPU/call (in-process / stdio server)\t%s\t%s\t\t\n", cpu(ip).format(cpuf), cpu(pp).format(cpuf))
	fmt.Fprintf(tw, "purchase stdio CPU / in-process CPU\t\t%s\t≤ %.0f× %s\t\n", pr.format(func(v float64) string { return fmt.Sprintf("%.2f×", v) }), targetPurchaseOverIn, mark(pr.hi > 0 && pr.hi <= targetPurchaseOverIn))
	tw.Flush()
	fmt.Fprintln(w, "search: the one --query repeated, every call; rotating search: the next of the rare words each call (the stub answers each with the product's result for it)")
	fmt.Fprintln(w, "stub purchase: the product's purchase result canned (no saga), the framework's floor for a call of that size")
	fmt.Fprintln(w, "in-process CPU/call is the bench process's own CPU over the phase (getrusage), which runs nothing else then")
	fmt.Fprintln(w, "server reads/call: the server's read system calls per call (/proc/PID/io syscr; - where unknown): a request read, and a pread for each catalog page missing from SQLite's cache")
	fmt.Fprintln(w)
}

// detailSize is the size of one result as a model reads it.
type detailSize struct {
	tool, detail     string
	products         int
	textBytes        int
	structuredBytes  int
	textTokens       int // wordPieces of the text
	structuredTokens int // wordPieces of structuredContent's JSON
}

// detailLevels are the values of search_products' and recommend's detail argument.
var detailLevels = []string{"brief", "standard", "full"}

// detailSizes calls search_products (with the bench query) and recommend at each
// detail level and measures what a model reads of each result.
func detailSizes(ctx context.Context, s *stdioServer, query string) ([]detailSize, error) {
	var out []detailSize
	for _, tool := range []string{"search_products", "recommend"} {
		for _, detail := range detailLevels {
			args := map[string]any{"detail": detail, "limit": 10}
			if tool == "search_products" {
				args["query"] = query
			}
			res, err := s.call(ctx, tool, args)
			if err != nil {
				return nil, err
			}
			sc, err := json.Marshal(res.StructuredContent)
			if err != nil {
				return nil, err
			}
			text := resultFullText(res)
			out = append(out, detailSize{
				tool: tool, detail: detail, products: countProducts(res),
				textBytes: len(text), structuredBytes: len(sc),
				textTokens: wordPieces(text), structuredTokens: wordPieces(string(sc)),
			})
		}
	}
	return out, nil
}

func printDetailSizes(w io.Writer, sizes []detailSize) {
	fmt.Fprintln(w, "what a model reads, per product (limit 10); tokens ≈ word pieces (see wordPieces), bytes/4 beside them")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "tool\tdetail\tproducts\ttext B\ttext B/product\ttext tokens/product (bytes/4)\tstructured B\tstructured B/product\tstructured tokens/product (bytes/4)\t")
	for _, s := range sizes {
		n := max(s.products, 1)
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d (%d)\t%d\t%d\t%d (%d)\t\n", s.tool, s.detail, s.products,
			s.textBytes, s.textBytes/n, s.textTokens/n, s.textBytes/4/n,
			s.structuredBytes, s.structuredBytes/n, s.structuredTokens/n, s.structuredBytes/4/n)
	}
	tw.Flush()
	fmt.Fprintln(w, "per product = the whole result (with its facets, notes and framing) divided by the products in it")
}

// resultFullText is all the text content of a result, joined by line ends.
func resultFullText(res *mcp.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if t, ok := c.(mcp.TextContent); ok {
			parts = append(parts, t.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// countProducts is the number of products in a search_products or recommend result's
// structuredContent.
func countProducts(res *mcp.CallToolResult) int {
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		return 0
	}
	var v struct {
		Products        []json.RawMessage `json:"products"`
		Recommendations []json.RawMessage `json:"recommendations"`
	}
	if json.Unmarshal(b, &v) != nil {
		return 0
	}
	return len(v.Products) + len(v.Recommendations)
}

// wordPieces estimates the tokens a model's tokenizer makes of s, without one: a run
// of letters is one token per started 6 letters, a run of digits one per started 3
// digits, and every other visible character (punctuation, a quote, a brace, a symbol)
// one token; spaces are free. Byte-pair tokenizers of current models land between
// this and bytes/4 on English prose and JSON (they merge common punctuation runs such
// as `":"`, which this counts as three), so both are printed.
func wordPieces(s string) int {
	n, run, kind := 0, 0, 0 // kind: 1 letters, 2 digits
	flush := func() {
		switch kind {
		case 1:
			n += (run + 5) / 6
		case 2:
			n += (run + 2) / 3
		}
		run, kind = 0, 0
	}
	for _, r := range s {
		k := 0
		switch {
		case unicode.IsLetter(r):
			k = 1
		case unicode.IsDigit(r):
			k = 2
		}
		if k != kind {
			flush()
		}
		switch {
		case k != 0:
			kind = k
			run++
		case !unicode.IsSpace(r):
			n++
		}
	}
	flush()
	return n
}

// medianOf is the median of f over runs.
func medianOf(runs []stdioBenchRun, f func(stdioBenchRun) float64) float64 {
	v := make([]float64, len(runs))
	for i, r := range runs {
		v[i] = f(r)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// countOf is how many of runs f holds for.
func countOf(runs []stdioBenchRun, f func(stdioBenchRun) bool) int {
	n := 0
	for _, r := range runs {
		if f(r) {
			n++
		}
	}
	return n
}
