package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// The targets of issue 12 for hosted search, printed beside the measured figures.
const (
	targetRatio = 0.60                  // product calls/s at least this share of the floor's
	targetP99   = 50 * time.Millisecond // product p99 at most this
	targetRSS   = 200 << 20             // product peak RSS below this many bytes
)

const (
	callTimeout  = 30 * time.Second  // one call slower than this counts as an error
	startTimeout = 120 * time.Second // a server not healthy within this is a failure
	stopTimeout  = 10 * time.Second  // a server not gone this long after SIGINT is killed
	benchRate    = "100000"          // --rate, --burst, --request-rate and --request-burst for the product: see productArgs
	benchBurst   = "100000"          //
	benchCallCap = 4 << 20           // largest canned result accepted from the product
	floorFile    = "floor.json"      // the floorFixture handed to the floor
)

// benchQuery is the default query: a word in the titles of two products of the demo
// catalog, so a rare-word search that finds something. (demo.RareWord is rare in the
// generated 100,000-product catalogs and absent from the demo one.)
const benchQuery = "basecamp"

// benchHTTPConfig is the settings of `bench http`, from its flags.
type benchHTTPConfig struct {
	clients  int
	duration time.Duration
	runs     int
	era      string
	query    string
	tool     string // the tool every call calls: search_products with query, any other without arguments
	dbConns  int    // the product's --db-conns; -1 for serve's default
}

// benchCmd runs `bench http`, the hosted load benchmark, `bench stdio`, the stdio
// benchmark, and the hidden `bench floor-server` and `bench stub-stdio` that they start
// as their framework floors.
func benchCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &usageError{Msg: "bench needs a benchmark: http, stdio, scale or import (`commerce-mcp bench http -h`, …)"}
	}
	switch args[0] {
	case "http":
		return benchHTTP(ctx, args[1:], stdout, stderr)
	case "stdio":
		return benchStdio(ctx, args[1:], stdout, stderr)
	case "scale":
		return benchScale(ctx, args[1:], stdout, stderr)
	case "import":
		return benchImport(ctx, args[1:], stdout, stderr)
	case "upsert":
		return benchUpsert(ctx, args[1:], stdout)
	case "writes":
		return benchWrites(ctx, args[1:], stdout)
	case "floor-server":
		return floorServer(ctx, args[1:], stderr)
	case "stub-stdio":
		return stubStdio(ctx, args[1:], stdin, stdout)
	case "-h", "-help", "--help":
		return &helpShown{"Usage: commerce-mcp bench http|stdio|scale|import|upsert|writes [flags]; see `commerce-mcp bench http -h`, `commerce-mcp bench stdio -h`, `commerce-mcp bench scale -h`, `commerce-mcp bench import -h`, `commerce-mcp bench upsert -h` and `commerce-mcp bench writes -h`"}
	}
	return &usageError{Msg: fmt.Sprintf("unknown benchmark %q; the ones there are: bench http, bench stdio, bench scale, bench import, bench upsert, bench writes", args[0])}
}

func parseBenchHTTP(args []string) (benchHTTPConfig, error) {
	var c benchHTTPConfig
	fs := flag.NewFlagSet("bench http", flag.ContinueOnError)
	fs.IntVar(&c.clients, "clients", 32, "concurrent MCP clients, each with its own session")
	fs.DurationVar(&c.duration, "duration", 60*time.Second, "how long each phase (floor or product) drives its server")
	fs.IntVar(&c.runs, "runs", 5, "paired runs, each a floor phase and a product phase")
	fs.StringVar(&c.era, "era", "modern", "protocol era of the clients: modern (2026-07-28) or legacy (the 2025-11-25 handshake)")
	fs.StringVar(&c.query, "query", benchQuery, "the search_products query every call sends; it must find something")
	fs.StringVar(&c.tool, "tool", "search_products", "the `tool` every call calls: search_products (with --query), or another that takes no arguments (list_orders, get_preferences, view_cart: calls that read the store)")
	fs.IntVar(&c.dbConns, "db-conns", -1, "the product's serve --db-conns (0: no cap); -1 for serve's default")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, &usageError{Msg: fmt.Sprintf("bench http takes no arguments, got %q", fs.Args())}
	case c.dbConns < -1:
		return c, &usageError{Msg: "bench http: --db-conns must be -1 (serve's default), 0 (no cap) or more"}
	case c.clients < 1 || c.runs < 1 || c.duration <= 0:
		return c, &usageError{Msg: "bench http: --clients, --runs and --duration must be positive"}
	case c.era != "modern" && c.era != "legacy":
		return c, &usageError{Msg: fmt.Sprintf("bench http: --era %q: use modern or legacy", c.era)}
	case strings.TrimSpace(c.tool) == "":
		return c, &usageError{Msg: "bench http: --tool is empty"}
	case strings.TrimSpace(c.query) == "":
		return c, &usageError{Msg: "bench http: --query is empty"}
	}
	return c, nil
}

// benchHTTP is `bench http`: it starts this executable twice as separate processes,
// the product (`serve --transport http` on a new demo database, with a token from
// `token create`) and the floor (`bench floor-server`, answering with one real result
// of the product to the same tool declaration), then drives each in turn with the configured clients calling
// search_products, and prints a table per run and a summary against issue 12's
// targets. The phases of a run alternate which server goes first.
func benchHTTP(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseBenchHTTP(args)
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
	productAddr, err := freeLoopbackAddr()
	if err != nil {
		return err
	}
	product, err := startBenchServer("product", exe, filepath.Join(dir, "product.log"), productAddr, productArgs(productAddr, db, c.dbConns)...)
	if err != nil {
		return err
	}
	defer product.stop()
	if err := product.waitHealthy(ctx); err != nil {
		return err
	}
	token, err := createBenchToken(ctx, exe, db)
	if err != nil {
		return err
	}
	fixture, size, protocol, err := fetchFixture(ctx, product.url, token, c)
	var nothing *foundNothing
	if errors.As(err, &nothing) {
		return err
	}
	if err != nil {
		return product.failed(fmt.Errorf("first search_products call: %w", err))
	}
	fixturePath := filepath.Join(dir, floorFile)
	if err := os.WriteFile(fixturePath, fixture, 0o600); err != nil {
		return err
	}
	floorAddr, err := freeLoopbackAddr()
	if err != nil {
		return err
	}
	floor, err := startBenchServer("floor", exe, filepath.Join(dir, "floor.log"), floorAddr, "bench", "floor-server", fixturePath, floorAddr)
	if err != nil {
		return err
	}
	defer floor.stop()
	if err := floor.waitHealthy(ctx); err != nil {
		return err
	}

	call := fmt.Sprintf("search_products query %q", c.query)
	if c.tool != "search_products" {
		call = c.tool + " without arguments"
	}
	fmt.Fprintf(stdout, "bench http: %d clients, %s per phase, %d paired runs, %s, era %s (protocol %s)\n",
		c.clients, c.duration, c.runs, call, c.era, protocol)
	fmt.Fprintf(stdout, "result: %d bytes, the same for both servers\n", size)
	fmt.Fprintf(stdout, "product: `%s` (limits far above the load, or off, so they do not throttle), pid %d\n", strings.Join(productArgs(productAddr, "DB", c.dbConns), " "), product.cmd.Process.Pid)
	fmt.Fprintf(stdout, "floor:   bare mcp-go Streamable HTTP server, the product's %s declaration, a canned result, pid %d\n\n", c.tool, floor.cmd.Process.Pid)

	var runs [][2]phaseResult // floor, product
	for i := range c.runs {
		order := []*benchServer{floor, product}
		if i%2 == 1 {
			order[0], order[1] = product, floor
		}
		var pair [2]phaseResult
		for _, srv := range order {
			r, err := runPhase(ctx, srv, token, c)
			if err != nil {
				return err
			}
			if srv == floor {
				pair[0] = r
			} else {
				pair[1] = r
			}
		}
		runs = append(runs, pair)
		printRun(stdout, i+1, c.runs, order[0].name, pair)
	}
	printSummary(stdout, runs, c)
	return nil
}

// productArgs is the command line that starts the product for the bench. The
// per-customer rate limits (tool calls and all requests) are set far above what the bench can reach, and the
// per-customer cap on requests in flight is off (every client uses one customer's token), so that it measures
// serving, not throttling. dbConns is its --db-conns, -1 for serve's default.
func productArgs(addr, db string, dbConns int) []string {
	args := []string{"serve", "--transport", "http", "--addr", addr, "--db", db, "--rate", benchRate, "--burst", benchBurst,
		"--request-rate", benchRate, "--request-burst", benchBurst, "--max-inflight", "0"}
	if dbConns >= 0 {
		args = append(args, "--db-conns", strconv.Itoa(dbConns))
	}
	return args
}

// freeLoopbackAddr returns a 127.0.0.1 address with a port that was free a moment ago.
func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// benchServer is a server process the bench started, with its output in a file.
type benchServer struct {
	name string
	url  string // of its MCP endpoint
	base string // http://addr
	cmd  *exec.Cmd
	log  string
	done chan struct{} // closed when the process has exited
	err  error         // its exit status, once done
}

// startBenchServer starts `exe args...`, which is to listen on addr, with its stdout
// and stderr in the file logPath.
func startBenchServer(name, exe, logPath, addr string, args ...string) (*benchServer, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	s := &benchServer{name: name, base: "http://" + addr, url: "http://" + addr + "/mcp", log: logPath, done: make(chan struct{})}
	s.cmd = exec.Command(exe, args...)
	s.cmd.Stdout, s.cmd.Stderr = f, f
	if err := s.cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s server: %w", name, err)
	}
	go func() {
		s.err = s.cmd.Wait()
		f.Close()
		close(s.done)
	}()
	return s, nil
}

// waitHealthy polls /healthz until it answers 200, the process exits or startTimeout.
func (s *benchServer) waitHealthy(ctx context.Context) error {
	deadline := time.Now().Add(startTimeout)
	hc := &http.Client{Timeout: 5 * time.Second}
	for {
		resp, err := hc.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return s.failed(fmt.Errorf("exited before it was healthy: %v", s.err))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return s.failed(fmt.Errorf("/healthz not 200 within %s", startTimeout))
		}
	}
}

// failed wraps err with the server's name and the end of its log.
func (s *benchServer) failed(err error) error {
	return fmt.Errorf("%s server: %w\n--- its output (last lines):\n%s", s.name, err, tail(s.log, 40))
}

// stop interrupts the server, as Ctrl-C would, and kills it after stopTimeout.
func (s *benchServer) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// peakRSS is the server's peak resident set (VmHWM) in bytes, or -1 when unknown
// (no /proc).
func (s *benchServer) peakRSS() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return -1
			}
			return kb << 10
		}
	}
	return -1
}

// peakFiles samples how many file descriptors the server holds (its /proc/PID/fd)
// every 10 ms until stop is closed, and returns the most seen, or -1 when unknown.
func (s *benchServer) peakFiles(stop <-chan struct{}) int {
	dir := fmt.Sprintf("/proc/%d/fd", s.cmd.Process.Pid)
	peak := -1
	tk := time.NewTicker(10 * time.Millisecond)
	defer tk.Stop()
	for {
		if ents, err := os.ReadDir(dir); err == nil {
			peak = max(peak, len(ents))
		}
		select {
		case <-stop:
			return peak
		case <-tk.C:
		}
	}
}

// cpuTime is the CPU time, user and system, that the server process has used so far
// (utime and stime of /proc/PID/stat, in USER_HZ ticks, which Linux fixes at 100 a
// second), or -1 when unknown.
func (s *benchServer) cpuTime() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return -1
	}
	// The command name, field 2, is in parentheses and may hold spaces: count from after it.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(string(b[i+1:])) // f[0] is field 3 (state); utime and stime are fields 14 and 15
	if len(f) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(utime+stime) * (time.Second / 100)
}

// tail returns the last n lines of the file at path.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// createBenchToken runs `token create` for the demo customer and returns the secret.
func createBenchToken(ctx context.Context, exe, db string) (string, error) {
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, exe, "token", "create", "--db", db, "--customer", store.DemoCustomerID, "--name", "bench")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("token create: %w: %s", err, strings.TrimSpace(errOut.String()))
	}
	token := strings.TrimSpace(out.String())
	if token == "" || strings.ContainsAny(token, " \n") {
		return "", errors.New("token create did not print a token alone on stdout")
	}
	return token, nil
}

// newBenchClient connects one MCP client with its own session to url, in the
// configured era, over hc.
func newBenchClient(ctx context.Context, url, token string, hc *http.Client, era string) (*client.Client, string, error) {
	tr, err := transport.NewStreamableHTTP(url,
		transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer " + token}),
		transport.WithHTTPBasicClient(hc))
	if err != nil {
		return nil, "", err
	}
	var opts []client.ClientOption
	if era == "legacy" {
		opts = append(opts, client.WithLegacyProtocolOnly())
	}
	c := client.NewClient(tr, opts...)
	if err := c.Start(ctx); err != nil {
		return nil, "", err
	}
	req := mcp.InitializeRequest{}
	req.Params.ClientInfo = mcp.Implementation{Name: "commerce-mcp-bench", Version: version}
	ictx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	res, err := c.Initialize(ictx, req)
	if err != nil {
		c.Close()
		return nil, "", err
	}
	return c, res.ProtocolVersion, nil
}

func searchRequest(query string) mcp.CallToolRequest {
	var req mcp.CallToolRequest
	req.Params.Name = "search_products"
	req.Params.Arguments = map[string]any{"query": query}
	return req
}

// toolRequest is the call the bench makes: search_products with c.query, or c.tool
// without arguments.
func toolRequest(c benchHTTPConfig) mcp.CallToolRequest {
	if c.tool == "search_products" {
		return searchRequest(c.query)
	}
	var req mcp.CallToolRequest
	req.Params.Name = c.tool
	req.Params.Arguments = map[string]any{}
	return req
}

// fetchFixture asks the product for its declaration of search_products and makes one
// call of it, and returns both as a floorFixture in JSON, the size of the result, and
// the protocol version the client negotiated.
func fetchFixture(ctx context.Context, url, token string, c benchHTTPConfig) ([]byte, int, string, error) {
	cl, protocol, err := newBenchClient(ctx, url, token, &http.Client{}, c.era)
	if err != nil {
		return nil, 0, "", err
	}
	defer cl.Close()
	cctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	tools, err := cl.ListTools(cctx, mcp.ListToolsRequest{})
	if err != nil {
		return nil, 0, "", err
	}
	var tool []byte
	for _, t := range tools.Tools {
		if t.Name == c.tool {
			if tool, err = json.Marshal(t); err != nil {
				return nil, 0, "", err
			}
		}
	}
	if tool == nil {
		return nil, 0, "", fmt.Errorf("tools/list has no %s", c.tool)
	}
	res, err := cl.CallTool(cctx, toolRequest(c))
	if err != nil {
		return nil, 0, "", err
	}
	b, err := json.Marshal(res)
	if err != nil {
		return nil, 0, "", err
	}
	if res.IsError {
		return nil, 0, "", fmt.Errorf("the tool answered with an error: %.300s", b)
	}
	var found struct {
		Total int `json:"total"`
	}
	if sc, err := json.Marshal(res.StructuredContent); c.tool == "search_products" && (err != nil || json.Unmarshal(sc, &found) != nil || found.Total == 0) {
		return nil, 0, "", &foundNothing{c.query}
	}
	if len(b) > benchCallCap {
		return nil, 0, "", fmt.Errorf("result of %d bytes is larger than the bench accepts", len(b))
	}
	fx, err := json.Marshal(map[string]json.RawMessage{"tool": tool, "result": b})
	return fx, len(b), protocol, err
}

// foundNothing is fetchFixture's error for a query without results.
type foundNothing struct{ query string }

func (e *foundNothing) Error() string {
	return fmt.Sprintf("search_products %q found nothing in the demo catalog; the bench measures a search that finds products: choose another --query", e.query)
}

// phaseResult is what one phase measured on one server.
type phaseResult struct {
	calls    int
	errors   int
	elapsed  time.Duration
	p50, p99 time.Duration
	rss      int64         // peak RSS of the server process so far, bytes; -1 unknown
	fds      int           // most file descriptors the server held at once in the phase (sampled); -1 unknown
	cpu      time.Duration // CPU time (user and system) the server used in the phase; -1 unknown
	firstErr string        // the first error seen, for the report
}

// cpuPerCall is the server's CPU time per call, or -1 when unknown.
func (r phaseResult) cpuPerCall() time.Duration {
	if r.cpu < 0 || r.calls == 0 {
		return -1
	}
	return r.cpu / time.Duration(r.calls)
}

func (r phaseResult) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.calls) / r.elapsed.Seconds()
}

// runPhase connects the configured number of clients to srv, then has every one call
// search_products back to back for the configured duration. Connecting is not timed;
// a client that cannot connect counts as one error. A call that fails, times out or
// answers with isError is an error; its latency still counts.
func runPhase(ctx context.Context, srv *benchServer, token string, c benchHTTPConfig) (phaseResult, error) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 2 * c.clients
	tr.MaxIdleConns = 2 * c.clients
	hc := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()

	var (
		r       phaseResult
		mu      sync.Mutex
		lats    []time.Duration
		wg      sync.WaitGroup
		ready   sync.WaitGroup
		start   = make(chan struct{}) // closed when every client is connected
		t0      time.Time             // set before start is closed
		noteErr = func(n int, msg string) {
			mu.Lock()
			defer mu.Unlock()
			r.errors += n
			if r.firstErr == "" && msg != "" {
				r.firstErr = msg
			}
		}
	)
	ready.Add(c.clients)
	for range c.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl, _, err := newBenchClient(ctx, srv.url, token, hc, c.era)
			ready.Done()
			if err != nil {
				noteErr(1, "connect: "+err.Error())
				return
			}
			defer cl.Close()
			<-start
			deadline := t0.Add(c.duration)
			req := toolRequest(c)
			mine := make([]time.Duration, 0, 4096)
			errs, first := 0, ""
			for time.Now().Before(deadline) && ctx.Err() == nil {
				cctx, cancel := context.WithTimeout(ctx, callTimeout)
				t := time.Now()
				res, err := cl.CallTool(cctx, req)
				mine = append(mine, time.Since(t))
				cancel()
				switch {
				case err != nil:
					errs++
					if first == "" {
						first = err.Error()
					}
				case res.IsError:
					errs++
					if first == "" {
						first = "isError: " + resultText(res)
					}
				}
			}
			noteErr(errs, first)
			mu.Lock()
			lats = append(lats, mine...)
			mu.Unlock()
		}()
	}
	ready.Wait()
	cpu0 := srv.cpuTime()
	fdsDone := make(chan int)
	stopFds := make(chan struct{})
	go func() { fdsDone <- srv.peakFiles(stopFds) }()
	t0 = time.Now()
	close(start)
	wg.Wait()
	r.elapsed = time.Since(t0)
	close(stopFds)
	r.fds = <-fdsDone
	if err := ctx.Err(); err != nil {
		return r, err
	}
	select {
	case <-srv.done:
		return r, srv.failed(fmt.Errorf("exited during the bench: %v", srv.err))
	default:
	}
	r.calls = len(lats)
	slices.Sort(lats)
	r.p50, r.p99 = percentile(lats, 50), percentile(lats, 99)
	r.rss = srv.peakRSS()
	r.cpu = -1
	if cpu1 := srv.cpuTime(); cpu0 >= 0 && cpu1 >= 0 {
		r.cpu = cpu1 - cpu0
	}
	return r, nil
}

// percentile is the nearest-rank p-th percentile of sorted, or 0 when it is empty.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := (len(sorted)*p + 99) / 100 // ceil(n·p/100), 1-based
	return sorted[max(k, 1)-1]
}

// resultText is the start of a tool result's first text content, for an error report.
func resultText(res *mcp.CallToolResult) string {
	for _, c := range res.Content {
		if t, ok := c.(mcp.TextContent); ok {
			return truncate(t.Text, 200)
		}
	}
	return "(no text)"
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func fmtMs(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

func fmtCPU(d time.Duration) string {
	if d < 0 {
		return "?"
	}
	return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000)
}

func fmtMB(b int64) string {
	if b < 0 {
		return "?"
	}
	return fmt.Sprintf("%.1fMB", float64(b)/(1<<20))
}

func fmtCount(n int) string {
	if n < 0 {
		return "?"
	}
	return strconv.Itoa(n)
}

func mark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// printRun prints one paired run: a row per server and the product/floor ratio.
func printRun(w io.Writer, i, n int, first string, pair [2]phaseResult) {
	fmt.Fprintf(w, "run %d/%d (%s first)\n", i, n, first)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "server\tcalls\tcalls/s\tp50\tp99\terrors\tpeak RSS\tCPU/call\tpeak fds\t")
	for k, name := range []string{"floor", "product"} {
		r := pair[k]
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%d\t%s\t%s\t%s\t\n", name, r.calls, r.rate(), fmtMs(r.p50), fmtMs(r.p99), r.errors, fmtMB(r.rss), fmtCPU(r.cpuPerCall()), fmtCount(r.fds))
	}
	tw.Flush()
	fmt.Fprintf(w, "product/floor calls/s: %.1f%%\n", 100*ratio(pair))
	for k, name := range []string{"floor", "product"} {
		if e := pair[k].firstErr; e != "" {
			fmt.Fprintf(w, "%s: first error: %s\n", name, truncate(e, 300))
		}
	}
	fmt.Fprintln(w)
}

func ratio(pair [2]phaseResult) float64 {
	if f := pair[0].rate(); f > 0 {
		return pair[1].rate() / f
	}
	return 0
}

// span is the range of a figure over runs.
type span struct{ lo, hi float64 }

func spanOf(runs [][2]phaseResult, f func([2]phaseResult) float64) span {
	s := span{f(runs[0]), f(runs[0])}
	for _, r := range runs[1:] {
		v := f(r)
		s.lo, s.hi = min(s.lo, v), max(s.hi, v)
	}
	return s
}

func (s span) format(f func(float64) string) string {
	if f(s.lo) == f(s.hi) {
		return f(s.lo)
	}
	return f(s.lo) + " – " + f(s.hi)
}

// printSummary prints the range of every figure over the runs and, for the product,
// issue 12's target beside it: ✓ when every run met it (the worst run decides).
func printSummary(w io.Writer, runs [][2]phaseResult, c benchHTTPConfig) {
	fmt.Fprintf(w, "summary over %d runs (min – max); a target is ✓ when the worst run meets it\n", len(runs))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tfloor\tproduct\ttarget\t")
	num := func(v float64) string { return fmt.Sprintf("%.0f", v) }
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	ms := func(v float64) string { return fmtMs(time.Duration(v)) }
	mb := func(v float64) string { return fmtMB(int64(v)) }
	cpuf := func(v float64) string { return fmtCPU(time.Duration(v)) }
	side := func(k int, f func(phaseResult) float64) span {
		return spanOf(runs, func(p [2]phaseResult) float64 { return f(p[k]) })
	}
	rate := func(r phaseResult) float64 { return r.rate() }
	p50 := func(r phaseResult) float64 { return float64(r.p50) }
	p99 := func(r phaseResult) float64 { return float64(r.p99) }
	rss := func(r phaseResult) float64 { return float64(r.rss) }
	cpu := func(r phaseResult) float64 { return float64(r.cpuPerCall()) }
	fds := func(r phaseResult) float64 { return float64(r.fds) }
	count := func(v float64) string { return fmtCount(int(v)) }
	errs := func(k int) int {
		n := 0
		for _, p := range runs {
			n += p[k].errors
		}
		return n
	}
	rt := spanOf(runs, ratio)
	pp99 := side(1, p99)
	prss := side(1, rss)
	fmt.Fprintf(tw, "calls/s\t%s\t%s\t\t\n", side(0, rate).format(num), side(1, rate).format(num))
	fmt.Fprintf(tw, "product/floor calls/s\t\t%s\t≥ %.0f%% %s\t\n", rt.format(pct), 100*targetRatio, mark(rt.lo >= targetRatio))
	fmt.Fprintf(tw, "p50\t%s\t%s\t\t\n", side(0, p50).format(ms), side(1, p50).format(ms))
	fmt.Fprintf(tw, "p99\t%s\t%s\t≤ %s %s\t\n", side(0, p99).format(ms), pp99.format(ms), fmtMs(targetP99), mark(pp99.hi <= float64(targetP99)))
	fmt.Fprintf(tw, "errors (all runs)\t%d\t%d\t0 %s\t\n", errs(0), errs(1), mark(errs(1) == 0))
	fmt.Fprintf(tw, "server CPU per call\t%s\t%s\t\t\n", side(0, cpu).format(cpuf), side(1, cpu).format(cpuf))
	fmt.Fprintf(tw, "peak RSS\t%s\t%s\t< %s %s\t\n", side(0, rss).format(mb), prss.format(mb), fmtMB(targetRSS), mark(prss.hi >= 0 && prss.hi < targetRSS))
	fmt.Fprintf(tw, "peak file descriptors\t%s\t%s\t\t\n", side(0, fds).format(count), side(1, fds).format(count))
	tw.Flush()
	if c.duration < time.Minute {
		fmt.Fprintf(w, "note: issue 12 asks for zero errors over 60 s phases; these were %s\n", c.duration)
	}
}
