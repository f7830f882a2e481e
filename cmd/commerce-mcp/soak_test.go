package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/internal/syncbuf"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The soak is a chaos trial across real processes, off unless soakEnv is set (it builds
// cmd/stripe-sandbox and cmd/demo-seller and runs for a while):
//
//	COMMERCE_SOAK=1 COMMERCE_SOAK_SEEDS=1-5 COMMERCE_SOAK_DURATION=40s \
//	  go test -tags sqlite_fts5 -run 'TestSoak$' -v -timeout 60m ./cmd/commerce-mcp
//
// Each seed starts the Stripe emulator and two reference sellers as processes, and
// three commerce-mcp servers on one database in test mode against them (one over
// stdio for the demo customer, two over HTTP with tokens for the demo customer and a
// second one). Seeded clients buy (at once, and by quote_id confirmed on another
// server), fill and check out carts, cancel orders, subscribe, pause, resume and
// cancel subscriptions and list orders, retrying calls cut off with the same key,
// while a killer SIGKILLs a random server at random moments and restarts it, and
// subscriptions are made due again so that renewals run among the kills. Then every
// server is restarted, recovery settles, and checkSoak judges what Stripe, the
// database and the servers' output show (TestSoakInvariants shows each check failing).
const (
	soakEnv         = "COMMERCE_SOAK"
	soakSeedsEnv    = "COMMERCE_SOAK_SEEDS"    // "7", "1-5" or "1,4,9"; default 1
	soakDurationEnv = "COMMERCE_SOAK_DURATION" // chaos time per seed; default 30s
)

// The soak's made-up secrets and personal data: none may reach a server's output.
const (
	soakAgentKey     = "sk_test_soak_agent_7f3a9c"
	soakAgentAccount = "acct_soakagent"
	soakConfirmKey   = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"
	soakSellerLine1  = "77 Chaoswood Lane"
)

// soakSeller is a reference seller process the soak starts.
type soakSeller struct{ id, account, profile, stripeKey, apiKey string }

var soakSellers = []soakSeller{
	{id: "northwind-outfitters", account: "acct_soaknorthwind", profile: "profile_test_northwind01",
		stripeKey: "sk_test_soak_northwind_41be", apiKey: "seller_key_soak_northwind_9d"},
	{id: "circuit-yard", account: "acct_soakcircuit", profile: "profile_test_circuityard03",
		stripeKey: "sk_test_soak_circuit_5c0d", apiKey: "seller_key_soak_circuit_e1"},
}

func TestSoak(t *testing.T) {
	if os.Getenv(soakEnv) == "" {
		t.Skipf("the cross-process soak runs only with %s=1 (see soak_test.go)", soakEnv)
	}
	seeds, err := parseSeeds(os.Getenv(soakSeedsEnv))
	if err != nil {
		t.Fatal(err)
	}
	dur := 30 * time.Second
	if v := os.Getenv(soakDurationEnv); v != "" {
		if dur, err = time.ParseDuration(v); err != nil {
			t.Fatal(err)
		}
	}
	bin := buildSoakTools(t)
	var total soakCounts
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			c := runSoak(t, bin, seed, dur)
			total.add(c)
		})
	}
	t.Logf("soak total over %d seeds: %s", len(seeds), total.String())
}

func parseSeeds(v string) ([]uint64, error) {
	if v == "" {
		return []uint64{1}, nil
	}
	var out []uint64
	for _, part := range strings.Split(v, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.ParseUint(lo, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a seed", soakSeedsEnv, part)
		}
		b := a
		if isRange {
			if b, err = strconv.ParseUint(hi, 10, 64); err != nil || b < a {
				return nil, fmt.Errorf("%s: %q is not a range of seeds", soakSeedsEnv, part)
			}
		}
		for s := a; s <= b; s++ {
			out = append(out, s)
		}
	}
	return out, nil
}

// buildSoakTools builds cmd/stripe-sandbox and cmd/demo-seller into a temporary
// directory and returns it.
func buildSoakTools(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", dir+string(os.PathSeparator),
		"github.com/commerce-mcp/commerce-mcp/cmd/stripe-sandbox", "github.com/commerce-mcp/commerce-mcp/cmd/demo-seller")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build the emulator and the seller: %v\n%s", err, out)
	}
	return dir
}

// soakCounts is what one soak did.
type soakCounts struct {
	calls, callErrors, kills, killsMidPurchase, restarts, renewalsForced int64
	charges, purchases, orders                                           int
}

func (c *soakCounts) add(o soakCounts) {
	c.calls += o.calls
	c.callErrors += o.callErrors
	c.kills += o.kills
	c.killsMidPurchase += o.killsMidPurchase
	c.restarts += o.restarts
	c.renewalsForced += o.renewalsForced
	c.charges += o.charges
	c.purchases += o.purchases
	c.orders += o.orders
}

func (c soakCounts) String() string {
	return fmt.Sprintf("calls=%d call_errors=%d kills=%d kills_mid_purchase=%d restarts=%d renewals_forced=%d purchases=%d orders=%d charges=%d",
		c.calls, c.callErrors, c.kills, c.killsMidPurchase, c.restarts, c.renewalsForced, c.purchases, c.orders, c.charges)
}

// auxProcess is a helper process (the emulator or a seller) that prints the URL it
// listens on to stdout.
type auxProcess struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncbuf.Buffer
}

func startAux(t *testing.T, exe string, env []string, args ...string) *auxProcess {
	t.Helper()
	p := &auxProcess{cmd: exec.Command(exe, args...), stderr: &syncbuf.Buffer{}}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stderr = p.stderr
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		p.cmd.Wait()
	})
	sc := bufio.NewScanner(out)
	if !sc.Scan() {
		t.Fatalf("%s printed no URL:\n%s", filepath.Base(exe), p.stderr.String())
	}
	_, p.url, _ = strings.Cut(sc.Text(), " listening on ")
	go io.Copy(io.Discard, out)
	return p
}

// soakWorld is one seed's processes and files.
type soakWorld struct {
	dir, db     string
	stripeState string
	mu          sync.Mutex
	adds        map[string]soakAdds // customer|product → units added to the cart
	stripe      *auxProcess
	sellers     []*auxProcess
	servers     []*soakServer
	tokens      map[string]string // customer id → bearer token
	customers   []string
	counts      soakCounts
	serverArgs  []string
	serverEnv   []string
}

// soakServer is one commerce-mcp server of the soak, over its incarnations.
type soakServer struct {
	name     string
	stdio    bool
	args     []string
	env      []string
	tokens   map[string]string
	mu       sync.Mutex
	cur      *soakProc   // nil while down
	procs    []*soakProc // every incarnation, for the final scans
	inflight atomic.Int64
}

// soakProc is one incarnation of a server.
type soakProc struct {
	cmd            *exec.Cmd
	exited         chan struct{}
	stdout, stderr syncbuf.Buffer
	url            string
	stdin          io.WriteCloser
	killed         bool
	mu             sync.Mutex
	clients        map[string]*client.Client
}

func (s *soakServer) start(ctx context.Context) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	p := &soakProc{cmd: exec.Command(exe, s.args...), exited: make(chan struct{}), clients: map[string]*client.Client{}}
	p.cmd.Env = append(append(os.Environ(), asMainEnv+"=1"), s.env...)
	p.cmd.Stderr = &p.stderr
	var stdoutR io.Reader
	if s.stdio {
		if p.stdin, err = p.cmd.StdinPipe(); err != nil {
			return err
		}
		r, err := p.cmd.StdoutPipe()
		if err != nil {
			return err
		}
		stdoutR = io.TeeReader(r, &p.stdout)
	} else {
		p.cmd.Stdout = &p.stdout
	}
	if err := p.cmd.Start(); err != nil {
		return err
	}
	go func() { p.cmd.Wait(); close(p.exited) }()
	s.mu.Lock()
	s.procs = append(s.procs, p)
	s.mu.Unlock()
	if s.stdio {
		c := client.NewClient(transport.NewIO(stdoutR, p.stdin, io.NopCloser(strings.NewReader(""))))
		if err := initClient(ctx, c); err != nil {
			return fmt.Errorf("%s: initialize: %w", s.name, err)
		}
		p.clients[""] = c
	} else {
		deadline := time.Now().Add(60 * time.Second)
		for {
			if m := servingURL.FindStringSubmatch(p.stderr.String()); m != nil {
				p.url = m[1]
				break
			}
			select {
			case <-p.exited:
				return fmt.Errorf("%s exited before listening:\n%s", s.name, p.stderr.String())
			case <-time.After(20 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("%s did not listen", s.name)
			}
		}
	}
	s.mu.Lock()
	s.cur = p
	s.mu.Unlock()
	return nil
}

func initClient(ctx context.Context, c *client.Client) error {
	if err := c.Start(ctx); err != nil {
		return err
	}
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = "2025-11-25"
	init.Params.ClientInfo = mcp.Implementation{Name: "soak", Version: "1"}
	_, err := c.Initialize(ctx, init)
	return err
}

// client returns the running incarnation's client for customer, or nil while the
// server is down.
func (s *soakServer) client(ctx context.Context, customer string) (*client.Client, *soakProc) {
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	if p == nil {
		return nil, nil
	}
	if s.stdio {
		return p.clients[""], p
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if c := p.clients[customer]; c != nil {
		return c, p
	}
	tr, err := transport.NewStreamableHTTP(p.url, transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer " + s.tokens[customer]}))
	if err != nil {
		return nil, nil
	}
	c := client.NewClient(tr)
	ictx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := initClient(ictx, c); err != nil {
		c.Close()
		return nil, nil
	}
	p.clients[customer] = c
	return c, p
}

// kill SIGKILLs the running incarnation and waits for it to exit.
func (s *soakServer) kill() bool {
	s.mu.Lock()
	p := s.cur
	s.cur = nil
	s.mu.Unlock()
	if p == nil {
		return false
	}
	p.killed = true
	p.cmd.Process.Kill()
	<-p.exited
	p.closeClients()
	return true
}

// stop ends the running incarnation gracefully: stdin closed over stdio, SIGTERM over HTTP.
func (s *soakServer) stop() {
	s.mu.Lock()
	p := s.cur
	s.cur = nil
	s.mu.Unlock()
	if p == nil {
		return
	}
	if s.stdio {
		p.stdin.Close()
	} else {
		p.cmd.Process.Signal(os.Interrupt)
	}
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		<-p.exited
	}
	p.closeClients()
}

func (p *soakProc) closeClients() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.clients {
		go c.Close()
	}
}

func newSoakWorld(t *testing.T, bin string) *soakWorld {
	t.Helper()
	ctx := context.Background()
	w := &soakWorld{dir: t.TempDir(), tokens: map[string]string{}, adds: map[string]soakAdds{}}
	w.db, w.stripeState = filepath.Join(w.dir, "shop.db"), filepath.Join(w.dir, "stripe-state.json")
	testshop.WriteDemo(t, w.db)
	// Plenty of stock, so that purchases go on to be paid rather than refused.
	cat, err := sqlite.Open(ctx, w.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ExecContext(ctx, `UPDATE products SET stock = 1000000 WHERE stock IS NOT NULL`); err != nil {
		t.Fatal(err)
	}
	cat.Close()

	// The store: the demo customer and a second one, both paying with Stripe's test
	// card, no daily limit, confirmation above $20 (so some purchases need a quote_id).
	st, err := store.Open(ctx, store.FileBeside(w.db))
	if err != nil {
		t.Fatal(err)
	}
	demoCust, err := st.SeedDemoIn(ctx, store.ModeTest)
	if err != nil {
		t.Fatal(err)
	}
	other, err := st.CreateCustomer(ctx, store.Customer{Email: "soak-b@example.com", Name: "Soak Bee"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddPaymentMethod(ctx, store.PaymentMethod{ID: store.DemoPaymentMethod, CustomerID: other.ID,
		Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030, Default: true, Mode: store.ModeTest}); err != nil {
		t.Fatal(err)
	}
	addr := store.DemoAddress
	addr.CustomerID, addr.Name, addr.Line1 = other.ID, "Soak Bee", soakSellerLine1
	if _, err := st.AddAddress(ctx, addr); err != nil {
		t.Fatal(err)
	}
	rules := store.DefaultRules()
	rules.DailyMax, rules.ConfirmAbove = store.NoLimit, 20_00
	for _, c := range []string{demoCust.ID, other.ID} {
		if err := st.SetRules(ctx, c, rules); err != nil {
			t.Fatal(err)
		}
		secret, _, err := st.CreateToken(ctx, c, "soak", time.Time{}, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		w.tokens[c] = secret
		w.customers = append(w.customers, c)
	}
	st.Close()

	accounts := []string{soakAgentKey + "=" + soakAgentAccount + ":profile_test_soakagent"}
	for _, s := range soakSellers {
		accounts = append(accounts, s.stripeKey+"="+s.account+":"+s.profile)
	}
	w.stripe = startAux(t, filepath.Join(bin, "stripe-sandbox"), []string{"STRIPE_SANDBOX_ACCOUNTS=" + strings.Join(accounts, " ")},
		"--addr", "127.0.0.1:0", "--log-level", "debug", "--state-file", w.stripeState)
	var sellers []map[string]string
	for _, s := range soakSellers {
		p := startAux(t, filepath.Join(bin, "demo-seller"), []string{"DEMO_SELLER_API_KEY=" + s.apiKey, "STRIPE_SECRET_KEY=" + s.stripeKey},
			"--db", w.db, "--seller", s.id, "--stripe-url", w.stripe.url, "--addr", "127.0.0.1:0", "--log-level", "debug")
		w.sellers = append(w.sellers, p)
		sellers = append(sellers, map[string]string{"id": s.id, "acp_base_url": p.url, "api_key": s.apiKey, "stripe_profile": s.profile})
	}
	sellersFile := filepath.Join(w.dir, "sellers.json")
	writeJSON(t, sellersFile, map[string]any{"sellers": sellers})

	common := []string{"serve", "--db", w.db, "--log-level", "debug", "--stripe-base-url", w.stripe.url, "--sellers", sellersFile,
		"--recover-after", "5s", "--recover-every", "1s"}
	env := []string{"STRIPE_SECRET_KEY=" + soakAgentKey, "COMMERCE_CONFIRM_KEY=" + soakConfirmKey}
	httpArgs := append(common[:len(common):len(common)], "--transport", "http", "--addr", "127.0.0.1:0",
		"--rate", "0", "--purchase-rate", "0", "--request-rate", "0")
	w.servers = []*soakServer{
		{name: "stdio", stdio: true, args: common, env: env},
		{name: "http-a", args: httpArgs, env: env, tokens: w.tokens},
		{name: "http-b", args: append(httpArgs[:len(httpArgs):len(httpArgs)], "--stateless"), env: env, tokens: w.tokens},
	}
	for _, s := range w.servers {
		if err := s.start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.kill() })
	}
	return w
}

// soakCall is one tool call's outcome as the soak reads it.
type soakCall struct {
	ok      bool // the call returned a result (an isError one included)
	isError bool
	out     map[string]any
}

func (o soakCall) str(key string) string {
	s, _ := o.out[key].(string)
	return s
}

// call runs a tool on server s for customer; a transport error or a server down is
// !ok (the call may or may not have run).
func (w *soakWorld) call(ctx context.Context, s *soakServer, customer, tool string, args map[string]any) soakCall {
	atomic.AddInt64(&w.counts.calls, 1)
	c, _ := s.client(ctx, customer)
	if c == nil {
		atomic.AddInt64(&w.counts.callErrors, 1)
		return soakCall{}
	}
	if tool == "purchase" || tool == "checkout" || tool == "subscribe" {
		s.inflight.Add(1)
		defer s.inflight.Add(-1)
	}
	cctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	req := mcp.CallToolRequest{}
	req.Params.Name, req.Params.Arguments = tool, args
	res, err := c.CallTool(cctx, req)
	if err != nil {
		atomic.AddInt64(&w.counts.callErrors, 1)
		return soakCall{}
	}
	out := map[string]any{}
	b, _ := json.Marshal(res.StructuredContent)
	_ = json.Unmarshal(b, &out)
	return soakCall{ok: true, isError: res.IsError, out: out}
}

// added records an add_to_cart of one unit: applied when it answered without error,
// perhaps applied when the call was cut off.
func (w *soakWorld) added(customer, product string, res soakCall) {
	w.mu.Lock()
	defer w.mu.Unlock()
	a := w.adds[customer+"|"+product]
	switch {
	case !res.ok:
		a.unknown++
	case !res.isError:
		a.ok++
	}
	w.adds[customer+"|"+product] = a
}

// soakClient is one seeded client acting for one customer.
type soakClient struct {
	w        *soakWorld
	rng      *rand.Rand
	customer string
	servers  []*soakServer // those that serve this customer
	cheap    []string      // products at most $20 (no confirmation)
	dear     []string      // products of $20–$60 (confirmation by quote_id)
	doubt    []func(ctx context.Context)
	n        int
}

func (c *soakClient) server() *soakServer { return c.servers[c.rng.IntN(len(c.servers))] }

func (c *soakClient) key(kind string) string {
	c.n++
	return fmt.Sprintf("soak-%s-%d-%d", kind, c.rng.Uint32(), c.n)
}

func (c *soakClient) pick(list []string) string { return list[c.rng.IntN(len(list))] }

// step does one random thing.
func (c *soakClient) step(ctx context.Context) {
	w := c.w
	switch r := c.rng.IntN(100); {
	case r < 10 && len(c.doubt) > 0: // retry a call cut off, with its key, elsewhere
		i := c.rng.IntN(len(c.doubt))
		f := c.doubt[i]
		c.doubt = append(c.doubt[:i], c.doubt[i+1:]...)
		f(ctx)
	case r < 35:
		args := map[string]any{"product_id": c.pick(c.cheap), "idempotency_key": c.key("buy")}
		c.withRetry(ctx, "purchase", args)
	case r < 50:
		res := w.call(ctx, c.server(), c.customer, "purchase", map[string]any{"product_id": c.pick(c.dear), "idempotency_key": c.key("quote")})
		if q := res.str("quote_id"); q != "" {
			c.withRetry(ctx, "purchase", map[string]any{"quote_id": q})
		}
	case r < 62:
		for range 1 + c.rng.IntN(2) {
			product := c.pick(append(c.cheap, c.dear...))
			res := w.call(ctx, c.server(), c.customer, "add_to_cart", map[string]any{"product_id": product, "quantity": 1})
			w.added(c.customer, product, res)
		}
		res := c.withRetry(ctx, "checkout", map[string]any{"idempotency_key": c.key("checkout")})
		if q := res.str("quote_id"); q != "" && res.str("status") == "confirmation_required" {
			c.withRetry(ctx, "checkout", map[string]any{"quote_id": q})
		}
	case r < 72:
		var orders struct {
			Orders []struct {
				ID     string `json:"order_id"`
				Status string
			}
		}
		res := w.call(ctx, c.server(), c.customer, "list_orders", map[string]any{})
		b, _ := json.Marshal(res.out)
		_ = json.Unmarshal(b, &orders)
		if len(orders.Orders) == 0 {
			return
		}
		id := orders.Orders[c.rng.IntN(len(orders.Orders))].ID
		res = c.withRetry(ctx, "cancel_order", map[string]any{"order_id": id})
		if cid := res.str("confirmation_id"); cid != "" {
			c.withRetry(ctx, "cancel_order", map[string]any{"order_id": id, "confirmation_id": cid})
		}
	case r < 80:
		res := w.call(ctx, c.server(), c.customer, "subscribe", map[string]any{"product_id": "cy-sub-0002"})
		if q := res.str("quote_id"); q != "" {
			c.withRetry(ctx, "subscribe", map[string]any{"quote_id": q})
		}
	case r < 90:
		var subs struct {
			Subscriptions []struct{ ID, Status string }
		}
		res := w.call(ctx, c.server(), c.customer, "list_subscriptions", map[string]any{})
		b, _ := json.Marshal(res.out)
		_ = json.Unmarshal(b, &subs)
		if len(subs.Subscriptions) == 0 {
			return
		}
		id := subs.Subscriptions[c.rng.IntN(len(subs.Subscriptions))].ID
		tool := []string{"pause_subscription", "resume_subscription", "cancel_subscription"}[c.rng.IntN(3)]
		if tool == "cancel_subscription" && c.rng.IntN(3) > 0 {
			tool = "pause_subscription" // keep most of them alive, to renew
		}
		c.withRetry(ctx, tool, map[string]any{"subscription_id": id})
	default:
		w.call(ctx, c.server(), c.customer, "list_orders", map[string]any{})
	}
}

// withRetry calls tool on a random server; a call cut off is kept to be retried later
// with the same arguments (its key or quote), as a client reconnecting would.
func (c *soakClient) withRetry(ctx context.Context, tool string, args map[string]any) soakCall {
	res := c.w.call(ctx, c.server(), c.customer, tool, args)
	if !res.ok {
		c.doubt = append(c.doubt, func(ctx context.Context) { c.withRetry(ctx, tool, args) })
	}
	return res
}

// runSoak runs one seed and checks what it left.
func runSoak(t *testing.T, bin string, seed uint64, dur time.Duration) soakCounts {
	w := newSoakWorld(t, bin)
	ctx, cancel := context.WithTimeout(context.Background(), dur+10*time.Minute)
	defer cancel()
	cheap, dear := soakProducts(t, ctx, w)

	chaosCtx, stopChaos := context.WithTimeout(ctx, dur)
	defer stopChaos()
	var wg sync.WaitGroup
	const perCustomer = 2
	for i, cust := range w.customers {
		servers := w.servers[1:]
		if cust == store.DemoCustomerID {
			servers = w.servers
		}
		for j := range perCustomer {
			cl := &soakClient{w: w, rng: rand.New(rand.NewPCG(seed, uint64(i*perCustomer+j+1))), customer: cust,
				servers: servers, cheap: cheap, dear: dear}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for chaosCtx.Err() == nil {
					cl.step(chaosCtx)
				}
				// What was cut off is retried once the chaos ends, as clients would.
				for _, f := range cl.doubt {
					f(ctx)
				}
			}()
		}
	}
	// The killer, and the clock: subscriptions made due again now and then.
	krng := rand.New(rand.NewPCG(seed, 0))
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-chaosCtx.Done():
				return
			case <-time.After(time.Duration(300+krng.IntN(2200)) * time.Millisecond):
			}
			if krng.IntN(4) == 0 {
				if n := makeSubscriptionsDue(w.db); n > 0 {
					atomic.AddInt64(&w.counts.renewalsForced, n)
				}
				continue
			}
			s := w.servers[krng.IntN(len(w.servers))]
			mid := s.inflight.Load() > 0
			if s.kill() {
				atomic.AddInt64(&w.counts.kills, 1)
				if mid {
					atomic.AddInt64(&w.counts.killsMidPurchase, 1)
				}
			}
			time.Sleep(time.Duration(krng.IntN(500)) * time.Millisecond)
			if err := s.start(ctx); err != nil {
				t.Errorf("restart %s: %v", s.name, err)
				return
			}
			atomic.AddInt64(&w.counts.restarts, 1)
		}
	}()
	wg.Wait()

	// Settle: every server up, recovery running, until nothing is left unfinished.
	for _, s := range w.servers {
		if s.cur == nil {
			if err := s.start(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	settleBy := time.Now().Add(3 * time.Minute)
	for time.Now().Before(settleBy) {
		snap := readSoakDB(t, w.db)
		if snap.unfinished() == 0 {
			break
		}
		time.Sleep(time.Second)
	}
	// A cart must still work after all that.
	for _, cust := range w.customers {
		res := w.call(ctx, w.servers[1], cust, "view_cart", map[string]any{})
		if !res.ok || res.isError {
			t.Errorf("view_cart for %s after the soak: %+v", cust, res)
		}
	}
	for _, s := range w.servers {
		s.stop()
	}

	snap := readSoakDB(t, w.db)
	snap.charges = stripeCharges(t, w.stripe.url)
	snap.tokens = w.stripeTokens(t)
	snap.adds = w.adds
	snap.secrets = []string{soakAgentKey, soakConfirmKey, "4242424242424242"}
	snap.personal = []string{soakSellerLine1, store.DemoAddress.Line1}
	for _, s := range soakSellers {
		snap.secrets = append(snap.secrets, s.stripeKey, s.apiKey)
	}
	for _, tok := range w.tokens {
		snap.secrets = append(snap.secrets, tok)
	}
	for _, s := range w.servers {
		for i, p := range s.procs {
			name := fmt.Sprintf("%s#%d", s.name, i+1)
			snap.outputs = append(snap.outputs, soakOutput{name: name, stdio: s.stdio, killed: p.killed, stdout: p.stdout.String(), stderr: p.stderr.String()})
		}
	}
	snap.outputs = append(snap.outputs, soakOutput{name: "stripe-sandbox", stderr: w.stripe.stderr.String()})
	for i, p := range w.sellers {
		snap.outputs = append(snap.outputs, soakOutput{name: soakSellers[i].id, stderr: p.stderr.String()})
	}
	w.counts.charges, w.counts.purchases, w.counts.orders = len(snap.charges), len(snap.purchases), len(snap.orders)
	problems := checkSoak(snap)
	t.Logf("seed %d: %s; load %s", seed, w.counts.String(), loadAvg())
	for _, p := range snap.purchases {
		if p.held && !store.Terminal(store.PurchaseState(p.state)) {
			t.Logf("seed %d: purchase %s (%s) waits as a possible hold (token_held): its token was revoked by an attempt whose own read came before a kill", seed, p.id, p.key)
		}
	}
	for _, p := range problems {
		t.Errorf("seed %d: %s", seed, p)
	}
	if len(problems) > 0 {
		dumpSoak(t, w)
	}
	return w.counts
}

func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return strings.TrimSpace(string(b))
}

// dumpSoak keeps the failing seed's database and logs for a look.
func dumpSoak(t *testing.T, w *soakWorld) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("commerce-soak-%d", time.Now().UnixNano()))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	files, _ := filepath.Glob(w.db[:len(w.db)-3] + "*")
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600)
		}
	}
	for _, s := range w.servers {
		for i, p := range s.procs {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.stderr", s.name, i+1)), []byte(p.stderr.String()), 0o600)
		}
	}
	os.WriteFile(filepath.Join(dir, "stripe.stderr"), []byte(w.stripe.stderr.String()), 0o600)
	if b, err := os.ReadFile(w.stripeState); err == nil {
		os.WriteFile(filepath.Join(dir, "stripe-state.json"), b, 0o600)
	}
	for i, p := range w.sellers {
		os.WriteFile(filepath.Join(dir, soakSellers[i].id+".stderr"), []byte(p.stderr.String()), 0o600)
	}
	t.Logf("the seed's files are kept in %s", dir)
}

// soakProducts returns in-stock products of the soak's sellers at most $20, and of
// $20–$60.
func soakProducts(t *testing.T, ctx context.Context, w *soakWorld) (cheap, dear []string) {
	t.Helper()
	for _, s := range soakSellers {
		for _, band := range []struct {
			min, max float64
			to       *[]string
		}{{0, 19.5, &cheap}, {21, 60, &dear}} {
			res := w.call(ctx, w.servers[1], store.DemoCustomerID, "search_products",
				map[string]any{"seller": s.id, "min_price": band.min, "max_price": band.max, "in_stock": true, "limit": 4})
			var found struct{ Products []struct{ ID string } }
			b, _ := json.Marshal(res.out)
			_ = json.Unmarshal(b, &found)
			for _, p := range found.Products {
				*band.to = append(*band.to, p.ID)
			}
		}
	}
	if len(cheap) == 0 || len(dear) == 0 {
		t.Fatalf("products: cheap %v, dear %v", cheap, dear)
	}
	return cheap, dear
}

// makeSubscriptionsDue moves every active subscription's next renewal to now, as the
// clock passing would, and returns how many it moved.
func makeSubscriptionsDue(db string) int64 {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, store.FileBeside(db))
	if err != nil {
		return 0
	}
	defer st.Close()
	res, err := st.ExecContext(ctx, `UPDATE subscriptions SET next_due_at = ? WHERE state = 'active' AND open_cycle IS NULL`,
		time.Now().UTC().Add(-time.Second).Format("2006-01-02T15:04:05.000000000Z"))
	if err != nil {
		return 0
	}
	n, _ := res.RowsAffected()
	return n
}

// stripeGet reads a Stripe object or list from the emulator with key into out.
func stripeGet(t *testing.T, url, key string, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(key, "")
	req.Header.Set("Stripe-Version", "2026-04-22.preview")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s %s", url, resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}

// stripeCharges lists every PaymentIntent of the soak's sellers' accounts.
func stripeCharges(t *testing.T, base string) []soakCharge {
	t.Helper()
	var out []soakCharge
	for _, s := range soakSellers {
		after := ""
		for {
			var page struct {
				Data []struct {
					ID             string
					Status         string
					Amount         int64
					AmountReceived int64 `json:"amount_received"`
					Metadata       map[string]string
				}
				HasMore bool `json:"has_more"`
			}
			u := base + "/v1/payment_intents?limit=100"
			if after != "" {
				u += "&starting_after=" + after
			}
			stripeGet(t, u, s.stripeKey, &page)
			for _, pi := range page.Data {
				out = append(out, soakCharge{id: pi.ID, seller: s.id, status: pi.Status, amount: pi.Amount, received: pi.AmountReceived,
					session: pi.Metadata["checkout_session_id"]})
				after = pi.ID
			}
			if !page.HasMore {
				break
			}
		}
	}
	return out
}

// stripeTokens stops the emulator and reads every token it issued from its state
// file (Stripe has no API listing them).
func (w *soakWorld) stripeTokens(t *testing.T) map[string]soakToken {
	t.Helper()
	w.stripe.cmd.Process.Signal(os.Interrupt)
	w.stripe.cmd.Wait()
	b, err := os.ReadFile(w.stripeState)
	if err != nil {
		t.Fatalf("the emulator's state: %v\n%s", err, w.stripe.stderr.String())
	}
	var st struct {
		Tokens []struct {
			ID, Issuer, Status, DeactivatedReason string
			MaxAmount                             int64
			ExpiresAt                             time.Time
		}
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	out := map[string]soakToken{}
	for _, tok := range st.Tokens {
		if tok.Issuer == soakAgentAccount {
			out[tok.ID] = soakToken{status: tok.Status, reason: tok.DeactivatedReason, max: tok.MaxAmount, expires: tok.ExpiresAt.Unix()}
		}
	}
	return out
}

// readSoakDB reads the store's purchases, orders and subscription cycles.
func readSoakDB(t *testing.T, db string) *soakSnapshot {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, store.FileBeside(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q := func(query string, scan func(rows interface{ Scan(...any) error }) error) {
		rows, err := st.QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	s := &soakSnapshot{}
	q(`SELECT id, customer_id, idem_key, state, session_id, token_id, total, failure_code, charged, checkout_id, lines, token_expires_at,
		EXISTS (SELECT 1 FROM purchase_events e WHERE e.purchase_id = purchases.id AND e.step = 'token_held') FROM purchases`,
		func(r interface{ Scan(...any) error }) error {
			var p soakPurchase
			var lines, expires string
			if err := r.Scan(&p.id, &p.customer, &p.key, &p.state, &p.session, &p.token, &p.total, &p.failure, &p.charged, &p.checkout, &lines, &expires, &p.held); err != nil {
				return err
			}
			if at, err := time.Parse(time.RFC3339Nano, expires); err == nil {
				p.tokenExpires = at.Unix()
			}
			if lines != "" {
				if err := json.Unmarshal([]byte(lines), &p.lines); err != nil {
					return fmt.Errorf("purchase %s lines: %w", p.id, err)
				}
			}
			s.purchases = append(s.purchases, p)
			return nil
		})
	s.cartLines = map[string]int{}
	q(`SELECT customer_id, product_id, quantity FROM cart_lines`, func(r interface{ Scan(...any) error }) error {
		var c, p string
		var n int
		err := r.Scan(&c, &p, &n)
		s.cartLines[c+"|"+p] = n
		return err
	})
	q(`SELECT id, purchase_id, status, total FROM orders`, func(r interface{ Scan(...any) error }) error {
		var o soakOrder
		err := r.Scan(&o.id, &o.purchase, &o.status, &o.total)
		s.orders = append(s.orders, o)
		return err
	})
	q(`SELECT subscription_id, cycle, state, order_id FROM subscription_cycles`, func(r interface{ Scan(...any) error }) error {
		var c soakCycle
		err := r.Scan(&c.subscription, &c.cycle, &c.state, &c.order)
		s.cycles = append(s.cycles, c)
		return err
	})
	q(`SELECT c.customer_id, c.checkout_id, coalesce(k.state, '') FROM carts c LEFT JOIN checkouts k ON k.id = c.checkout_id`,
		func(r interface{ Scan(...any) error }) error {
			var c soakCart
			err := r.Scan(&c.customer, &c.checkout, &c.checkoutState)
			s.carts = append(s.carts, c)
			return err
		})
	return s
}
