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
	"strings"
	"sync"
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
	fs.StringVar(&c.query, "query", demo.RareWord, "the search_products query every search sends; it must find something")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, &usageError{Msg: fmt.Sprintf("bench stdio takes no arguments, got %q", fs.Args())}
	case c.runs < 1 || c.duration <= 0 || c.inflight < 1 || (c.db == "" && c.products < 1):
		return c, &usageError{Msg: "bench stdio: --runs, --duration, --inflight and --products must be positive"}
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
	fmt.Fprintf(stderr, "bench: databases ready in %s\n", time.Since(start).Round(time.Second))

	product, err := startStdioServer(ctx, "product", exe, filepath.Join(dir, "product.log"), c.era, "serve", "--db", db)
	if err != nil {
		return err
	}
	defer product.stop()
	fx, err := stdioFixture(ctx, product, c)
	if err != nil {
		return product.failed(err)
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
	fmt.Fprintf(stdout, "product: `serve --db …` over stdio, pid %d; stub: bare mcp-go stdio server with the product's declarations and canned results, pid %d\n", product.cmd.Process.Pid, stub.cmd.Process.Pid)
	fmt.Fprintf(stdout, "in-process: the purchase saga called directly (checkout.Service.Purchase, sandbox) in the bench process, on a copy of the database\n\n")

	var runs []stdioBenchRun
	for i := range c.runs {
		var r stdioBenchRun
		order := []*stdioServer{stub, product}
		if i%2 == 1 {
			order[0], order[1] = product, stub
		}
		for _, tool := range []string{"search_products", "purchase"} {
			for _, srv := range order {
				res, err := srv.drive(ctx, tool, c)
				if err != nil {
					return srv.failed(err)
				}
				r.set(srv == stub, tool, res)
			}
		}
		if r.inproc, err = inproc.drive(ctx, c.duration, c.inflight); err != nil {
			return err
		}
		runs = append(runs, r)
		printStdioRun(stdout, i+1, c.runs, order[0].name, r)
	}
	printStdioSummary(stdout, runs)
	printDetailSizes(stdout, sizes)
	return nil
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

// benchArgs is the arguments every call of tool sends in the bench.
func benchArgs(tool string, c benchStdioConfig) map[string]any {
	if tool == "purchase" {
		return map[string]any{"product_id": benchPurchaseID}
	}
	return map[string]any{"query": c.query, "detail": c.detail}
}

// stdioPhase is what one phase measured: calls made one after another for a while.
type stdioPhase struct {
	calls   int
	elapsed time.Duration
	p50     time.Duration
	cpu     time.Duration // CPU time (user and system) the server used; -1 unknown
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

// drive calls tool back to back for d from inflight goroutines sharing the one client
// (and the one pipe), and measures the calls and the server's CPU time.
func (s *stdioServer) drive(ctx context.Context, tool string, c benchStdioConfig) (stdioPhase, error) {
	args := benchArgs(tool, c)
	return measure(c.duration, c.inflight, s.cpuTime, func() error {
		_, err := s.call(ctx, tool, args)
		return err
	})
}

// measure calls call back to back for d from inflight goroutines, and returns the
// number of calls, their p50 and the CPU time cpu counted meanwhile. The first error
// ends the phase.
func measure(d time.Duration, inflight int, cpu func() time.Duration, call func() error) (stdioPhase, error) {
	var (
		mu    sync.Mutex
		lats  []time.Duration
		first error
		wg    sync.WaitGroup
	)
	cpu0 := cpu()
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
	if first != nil {
		return stdioPhase{}, first
	}
	p := stdioPhase{calls: len(lats), elapsed: time.Since(t0), cpu: -1}
	if cpu0 >= 0 {
		if cpu1 := cpu(); cpu1 >= 0 {
			p.cpu = cpu1 - cpu0
		}
	}
	slices.Sort(lats)
	p.p50 = percentile(lats, 50)
	return p, nil
}

// stdioFixture asks the product for its declarations of search_products and purchase
// and one result of each, and returns them as the stub's fixture in JSON.
func stdioFixture(ctx context.Context, s *stdioServer, c benchStdioConfig) ([]byte, error) {
	cctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	list, err := s.client.ListTools(cctx, mcp.ListToolsRequest{})
	if err != nil {
		return nil, err
	}
	var fx []stubTool
	for _, name := range []string{"search_products", "purchase"} {
		i := slices.IndexFunc(list.Tools, func(t mcp.Tool) bool { return t.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("tools/list has no %s", name)
		}
		tool, err := json.Marshal(list.Tools[i])
		if err != nil {
			return nil, err
		}
		res, err := s.call(ctx, name, benchArgs(name, c))
		if err != nil {
			return nil, err
		}
		if name == "search_products" && countProducts(res) == 0 {
			return nil, &foundNothing{c.query}
		}
		b, err := json.Marshal(res)
		if err != nil {
			return nil, err
		}
		fx = append(fx, stubTool{Tool: tool, Result: b})
	}
	return json.Marshal(fx)
}

// stubTool is one tool of the stub: its declaration as tools/list gave it and the
// result it answers every call with.
type stubTool struct {
	Tool   json.RawMessage `json:"tool"`
	Result json.RawMessage `json:"result"`
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
		s.AddTool(tool, func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
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
	return measure(d, inflight, selfCPU, func() error {
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

// stdioBenchRun is one run's figures.
type stdioBenchRun struct {
	stubSearch, productSearch     stdioPhase
	stubPurchase, productPurchase stdioPhase
	inproc                        stdioPhase
}

func (r *stdioBenchRun) set(stub bool, tool string, p stdioPhase) {
	switch {
	case stub && tool == "search_products":
		r.stubSearch = p
	case tool == "search_products":
		r.productSearch = p
	case stub:
		r.stubPurchase = p
	default:
		r.productPurchase = p
	}
}

func (r stdioBenchRun) searchRatio() float64 {
	if f := r.stubSearch.rate(); f > 0 {
		return r.productSearch.rate() / f
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
	fmt.Fprintln(tw, "what\tcalls\tcalls/s\tp50\tserver CPU/call\t")
	for _, row := range []struct {
		name string
		p    stdioPhase
	}{
		{"stub search", r.stubSearch}, {"product search", r.productSearch},
		{"stub purchase", r.stubPurchase}, {"product purchase", r.productPurchase},
		{"in-process purchase", r.inproc},
	} {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t\n", row.name, row.p.calls, row.p.rate(), fmtCPU(row.p.p50), fmtCPU(row.p.cpuPerCall()))
	}
	tw.Flush()
	fmt.Fprintf(w, "product/stub search calls/s: %.1f%%; stdio purchase CPU / in-process purchase CPU: %.2f×\n\n", 100*r.searchRatio(), r.purchaseOverInProcess())
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
	p50 := func(p func(stdioBenchRun) stdioPhase) span {
		return spanOf(func(r stdioBenchRun) float64 { return float64(p(r).p50) })
	}
	ss := func(r stdioBenchRun) stdioPhase { return r.stubSearch }
	ps := func(r stdioBenchRun) stdioPhase { return r.productSearch }
	sp := func(r stdioBenchRun) stdioPhase { return r.stubPurchase }
	pp := func(r stdioBenchRun) stdioPhase { return r.productPurchase }
	ip := func(r stdioBenchRun) stdioPhase { return r.inproc }
	sr := spanOf(stdioBenchRun.searchRatio)
	pr := spanOf(stdioBenchRun.purchaseOverInProcess)
	fmt.Fprintf(tw, "search calls/s\t%s\t%s\t\t\n", rate(ss).format(num), rate(ps).format(num))
	fmt.Fprintf(tw, "search product/stub calls/s\t\t%s\t≥ %.0f%% %s\t\n", sr.format(func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }), 100*targetStdioSearch, mark(sr.lo >= targetStdioSearch))
	fmt.Fprintf(tw, "search p50\t%s\t%s\t\t\n", p50(ss).format(cpuf), p50(ps).format(cpuf))
	fmt.Fprintf(tw, "search server CPU/call\t%s\t%s\t\t\n", cpu(ss).format(cpuf), cpu(ps).format(cpuf))
	cr := spanOf(func(r stdioBenchRun) float64 {
		if p := r.productSearch.cpuPerCall(); p > 0 && r.stubSearch.cpuPerCall() >= 0 {
			return float64(r.stubSearch.cpuPerCall()) / float64(p)
		}
		return 0
	})
	fmt.Fprintf(tw, "search stub CPU / product CPU per call\t\t%s\t\t\n", cr.format(func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }))
	fmt.Fprintf(tw, "purchase calls/s (stub)\t%s\t\t\t\n", rate(sp).format(num))
	fmt.Fprintf(tw, "purchase calls/s (in-process / stdio)\t%s\t%s\t\t\n", rate(ip).format(num), rate(pp).format(num))
	fmt.Fprintf(tw, "purchase p50 (in-process / stdio)\t%s\t%s\t\t\n", p50(ip).format(cpuf), p50(pp).format(cpuf))
	fmt.Fprintf(tw, "purchase CPU/call (in-process / stdio server)\t%s\t%s\t\t\n", cpu(ip).format(cpuf), cpu(pp).format(cpuf))
	fmt.Fprintf(tw, "purchase stdio CPU / in-process CPU\t\t%s\t≤ %.0f× %s\t\n", pr.format(func(v float64) string { return fmt.Sprintf("%.2f×", v) }), targetPurchaseOverIn, mark(pr.hi > 0 && pr.hi <= targetPurchaseOverIn))
	tw.Flush()
	fmt.Fprintln(w, "stub purchase: the product's purchase result canned (no saga), the framework's floor for a call of that size")
	fmt.Fprintln(w, "in-process CPU/call is the bench process's own CPU over the phase (getrusage), which runs nothing else then")
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
