package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// The targets of issue 14 for the catalog at a million products.
const (
	scaleTargetP50   = 10 * time.Millisecond
	scaleTargetP99   = 50 * time.Millisecond
	scaleTargetFirst = 300 * time.Millisecond
	scaleTargetRSS   = 250 << 20
)

// scaleShape is one kind of search the scale benchmark times, with the bare SQL it is
// paired with: the least any search of that shape must do.
type scaleShape struct {
	name string
	q    catalog.Query
	bare string // SQL with one parameter, the full-text expression (or none)
	arg  []any
}

// scaleShapes are the search shapes of issue 14, with words of the generated catalog
// (demo.Generate) at the document frequencies the issue names: a rare word (~0.03%
// of products), an uncommon one (~0.3%), two words with a price cap, a word in about a
// fifth of products, a three-letter prefix of words in ~13%, browsing a department of
// ~19%, and a word in ~5% sorted by price.
func scaleShapes() []scaleShape {
	hundred := 100.0
	const ranked = `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 10`
	expr := func(text string) []any { return []any{ftsExpr(catalog.Words(text))} }
	return []scaleShape{
		{"rare word", catalog.Query{Text: demo.RareWord, InStock: true}, ranked, expr(demo.RareWord)},
		{"uncommon word", catalog.Query{Text: demo.UncommonWord, InStock: true}, ranked, expr(demo.UncommonWord)},
		{"two words + price", catalog.Query{Text: demo.TwoWords, InStock: true, MaxPrice: &hundred}, ranked, expr(demo.TwoWords)},
		{"word in ~20%", catalog.Query{Text: demo.CommonWord, InStock: true}, ranked, expr(demo.CommonWord)},
		{"3-letter prefix", catalog.Query{Text: demo.PrefixWord, InStock: true}, ranked, expr(demo.PrefixWord)},
		{"browse a category", catalog.Query{Category: demo.BrowseCategory, InStock: true},
			`SELECT k.rowid FROM product_keys k JOIN categories c ON c.id = k.category_id WHERE c.key LIKE ? AND k.hidden = 0 AND k.in_stock = 1 ORDER BY (k.rating * k.review_count + 40.0) / (k.review_count + 10) DESC LIMIT 10`,
			[]any{strings.ToLower(demo.BrowseCategory) + "%"}},
		{"sort by price", catalog.Query{Text: demo.SortWord, InStock: true, Sort: catalog.SortPriceAsc},
			`SELECT k.rowid FROM products_fts f JOIN product_keys k ON k.rowid = f.rowid WHERE products_fts MATCH ? AND k.hidden = 0 AND k.in_stock = 1 ORDER BY k.price_amount LIMIT 10`, expr(demo.SortWord)},
		// The filters a phrase asks for, with the word in ~20%: their floor ranks the
		// word's matches that pass the filter's column (migrations 0049, 0051) as the
		// bare ranked query does.
		{"~20% + on sale", catalog.Query{Text: demo.CommonWord + " on sale", InStock: true}, flagged("p.on_sale = 1"), expr(demo.CommonWord)},
		{"womens + ~20%", catalog.Query{Text: "womens " + demo.CommonWord, InStock: true}, flagged("p.gender NOT IN ('male', 'men', 'mens', 'man', 'gents')"), expr(demo.CommonWord)},
		{"kids + ~20%", catalog.Query{Text: "kids " + demo.CommonWord, InStock: true}, flagged("p.age NOT IN ('adult')"), expr(demo.CommonWord)},
	}
}

// shapeChosen reports whether --shapes (comma-separated words, empty for all) names
// the shape called name.
func shapeChosen(name, shapes string) bool {
	if strings.TrimSpace(shapes) == "" {
		return true
	}
	for w := range strings.SplitSeq(shapes, ",") {
		if w = strings.TrimSpace(w); w != "" && strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// flagged is the bare ranked query of a full-text expression keeping the matches
// whose products row passes cond.
func flagged(cond string) string {
	return `SELECT f.rowid FROM products_fts f JOIN products p ON p.rowid = f.rowid WHERE products_fts MATCH ? AND p.hidden = 0 AND p.in_stock = 1 AND ` + cond + ` ORDER BY f.rank LIMIT 10`
}

// shapeText is what a shape searches for, as the table shows it.
func shapeText(sh scaleShape) string {
	if sh.q.Text == "" {
		return "category " + sh.q.Category
	}
	return strconv.Quote(sh.q.Text)
}

// ftsMatches is how many products the shape's full-text expression matches, hidden
// and out of stock included (for browse, how many are filed under the category).
func ftsMatches(ctx context.Context, db *sql.DB, sh scaleShape) (int, error) {
	var n int
	var err error
	if sh.q.Text == "" {
		err = db.QueryRowContext(ctx, `SELECT count(*) FROM product_keys k JOIN categories c ON c.id = k.category_id WHERE c.key LIKE ?`, sh.arg...).Scan(&n)
	} else {
		err = db.QueryRowContext(ctx, `SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`, sh.arg...).Scan(&n)
	}
	return n, err
}

type benchScaleConfig struct {
	db          string
	runs, calls int
	workers     int
	purchases   float64
	mixedFor    time.Duration
	quality     int
	firstWords  int
	firstOnly   bool
	skipMixed   bool
	mixedOnly   bool
	store       string
	cpuProfile  string
	shapes      string
}

// benchScale is `bench scale --db PATH`: on a large catalog (see gen-catalog and
// import) it prints, over --runs runs, the time of the first search after opening the
// catalog (each in a fresh process), p50 and p99 of each search shape next to its bare
// SQL measured call by call in turn, this process's memory, searches with and without
// purchases' writes from --workers goroutines, and the top-10 agreement of searches
// with ranking every match.
func benchScale(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c benchScaleConfig
	fs := flag.NewFlagSet("bench scale", flag.ContinueOnError)
	fs.StringVar(&c.db, "db", "", "catalog database `path` (built with gen-catalog and import)")
	fs.IntVar(&c.runs, "runs", 5, "runs of every measurement")
	fs.IntVar(&c.calls, "calls", 200, "calls per shape per run")
	fs.IntVar(&c.workers, "workers", 8, "concurrent searchers in the mixed phase")
	fs.Float64Var(&c.purchases, "purchase-share", 0.2, "share of the mixed phase's calls that write as a purchase does")
	fs.DurationVar(&c.mixedFor, "mixed-duration", 10*time.Second, "length of each mixed phase")
	fs.IntVar(&c.quality, "quality", 300, "queries compared with full ranking (0: none)")
	fs.IntVar(&c.firstWords, "first-words", 10, "common words searched for the first time per run, after the shapes (0: none)")
	fs.BoolVar(&c.firstOnly, "first-only", false, "only open the catalog, search once and print the time (used by the benchmark itself)")
	fs.BoolVar(&c.skipMixed, "no-mixed", false, "skip the mixed phase")
	fs.StringVar(&c.store, "store", "", "the store's database `path` the mixed phases' purchases write to (default: beside --db, as serve keeps it; the --db path itself measures a store sharing the catalog's file)")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "with --mixed-only, write a CPU profile of the mixed phases to `file`")
	fs.StringVar(&c.shapes, "shapes", "", "only the search shapes whose names contain one of these comma-separated `words` (default: all)")
	fs.BoolVar(&c.mixedOnly, "mixed-only", false, "only run the mixed phases, in this process as the server would (used by the benchmark itself)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if c.db == "" {
		return &usageError{Msg: "bench scale needs --db PATH"}
	}
	if _, err := os.Stat(c.db); err != nil {
		return err
	}
	if c.firstOnly {
		return firstSearch(ctx, c.db, stdout)
	}
	if c.mixedOnly {
		return mixedServer(ctx, c, stdout)
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if err := benchSettle(ctx, c.db, stderr); err != nil {
		return err
	}
	// First search after start, each in a process of its own.
	var first []time.Duration
	for range c.runs {
		out, err := exec.CommandContext(ctx, exe, "bench", "scale", "--db", c.db, "--first-only").Output()
		if err != nil {
			return fmt.Errorf("first search: %w", err)
		}
		d, err := time.ParseDuration(strings.TrimSpace(string(out)))
		if err != nil {
			return fmt.Errorf("first search printed %q", out)
		}
		first = append(first, d)
	}
	cat, err := catalog.Open(ctx, c.db)
	if err != nil {
		return err
	}
	defer cat.Close()
	bare, err := sqlite.Open(ctx, c.db)
	if err != nil {
		return err
	}
	defer bare.Close()
	n, err := cat.Count(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "catalog: %d products (%s)\n\n", n, c.db)
	fmt.Fprintf(stdout, "first search after start (fresh process, open + one rare-word search), %d runs: %s (target ≤ %v)\n\n",
		c.runs, durRange(first), scaleTargetFirst)

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "shape\twhat\tfull-text matches\tmatches\tfirst ms\tp50 ms\tp99 ms\tCPU ms/call\tbare p50 ms\tbare p99 ms\tbare CPU ms/call\tp50 ≤10 ms\tp99 ≤50 ms\t")
	for _, sh := range scaleShapes() {
		if !shapeChosen(sh.name, c.shapes) {
			continue
		}
		st, err := bare.PrepareContext(ctx, sh.bare)
		if err != nil {
			return fmt.Errorf("%s: %w", sh.name, err)
		}
		all, err := ftsMatches(ctx, bare, sh)
		if err != nil {
			return fmt.Errorf("%s: %w", sh.name, err)
		}
		// The first search of a shape is timed on its own: for a common word it orders
		// every match once (see catalog/search_pool.go), which the runs then reuse.
		start := time.Now()
		if _, err := cat.Search(ctx, sh.q); err != nil {
			return err
		}
		first := time.Since(start)
		var p50s, p99s, b50s, b99s, cpus, bcpus []time.Duration
		var total string
		for range c.runs {
			var ts, bs []time.Duration
			var cpu, bcpu time.Duration
			for range c.calls {
				start, c0 := time.Now(), cpuTimeSelf()
				if err := bareRows(ctx, st, sh.arg); err != nil {
					return err
				}
				bs = append(bs, time.Since(start))
				start, c1 := time.Now(), cpuTimeSelf()
				bcpu += c1 - c0
				res, err := cat.Search(ctx, sh.q)
				if err != nil {
					return err
				}
				ts = append(ts, time.Since(start))
				cpu += cpuTimeSelf() - c1
				total = strconv.Itoa(res.Total)
				if res.TotalEstimated {
					total = "~" + total
				}
			}
			p50s, p99s = append(p50s, pct(ts, 50)), append(p99s, pct(ts, 99))
			b50s, b99s = append(b50s, pct(bs, 50)), append(b99s, pct(bs, 99))
			cpus, bcpus = append(cpus, cpu/time.Duration(c.calls)), append(bcpus, bcpu/time.Duration(c.calls))
		}
		st.Close()
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", sh.name, shapeText(sh), all, total, float64(first)/1e6, msRange(p50s), msRange(p99s), msRange(cpus),
			msRange(b50s), msRange(b99s), msRange(bcpus),
			yes(slices.Max(p50s) <= scaleTargetP50), yes(slices.Max(p99s) <= scaleTargetP99))
	}
	tw.Flush()
	mem := memStatus()
	fmt.Fprintf(stdout, "\nthis process after the searches: peak RSS %s (target ≤ %d MB), now %s anonymous + %s file-backed\n\n",
		mb(mem["VmHWM"]), scaleTargetRSS>>20, mb(mem["RssAnon"]), mb(mem["RssFile"]))

	if c.firstWords > 0 {
		if err := firstWords(ctx, cat, bare, c.runs, c.firstWords, stdout); err != nil {
			return err
		}
	}
	if !c.skipMixed {
		// The mixed phases run in a process of their own, wired as serve wires the
		// catalog, the store and the sandbox's purchases, so that its memory is the
		// server's alone (this process holds the bare queries' connection).
		args := []string{"bench", "scale", "--db", c.db, "--mixed-only", "--runs", strconv.Itoa(c.runs), "--workers", strconv.Itoa(c.workers),
			"--purchase-share", strconv.FormatFloat(c.purchases, 'g', -1, 64), "--mixed-duration", c.mixedFor.String(), "--store", c.store}
		cmd := exec.CommandContext(ctx, exe, args...)
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("mixed phases: %w", err)
		}
	}
	if c.quality > 0 {
		if err := quality(ctx, cat, bare, c.db, c.quality, stdout); err != nil {
			return err
		}
	}
	return nil
}

// firstWords times the first search in this process of runs×n distinct common words
// (indexed words in 20,000–400,000 products, the most common first, searched as
// indexed, as the quality phase searches them), n per run, each followed by the
// same search again (the word's pool kept) and by the bare ranked FTS5 query, which
// computes bm25 for every match: what a first search did before heads. It counts the
// first searches that ordered every match (catalog.FullOrders).
func firstWords(ctx context.Context, cat *catalog.Catalog, bare *sql.DB, runs, n int, stdout io.Writer) error {
	rows, err := bare.QueryContext(ctx, `SELECT term FROM products_vocab WHERE doc BETWEEN 20000 AND 400000 AND length(term) >= 4 AND term GLOB '[a-z]*' ORDER BY doc DESC`)
	if err != nil {
		return err
	}
	var words []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		if t != demo.CommonWord && !strings.HasPrefix(t, demo.PrefixWord) { // searched by the shapes
			words = append(words, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ranked, err := bare.PrepareContext(ctx, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 10`)
	if err != nil {
		return err
	}
	defer ranked.Close()
	var p50s, maxes, cpus, again, bare50s, bareCPUs []time.Duration
	full, searched := cat.FullOrders(), 0
	for run := range runs {
		var ts, as, bs []time.Duration
		var cpu, bcpu time.Duration
		for _, w := range words[min(len(words), run*n):min(len(words), (run+1)*n)] {
			q := catalog.Query{Text: w, InStock: true}
			start, c0 := time.Now(), cpuTimeSelf()
			if _, err := cat.Search(ctx, q); err != nil {
				return err
			}
			ts = append(ts, time.Since(start))
			c1 := cpuTimeSelf()
			cpu += c1 - c0
			start = time.Now()
			if _, err := cat.Search(ctx, q); err != nil {
				return err
			}
			as = append(as, time.Since(start))
			start, c2 := time.Now(), cpuTimeSelf()
			if err := bareRows(ctx, ranked, []any{ftsExpr([]string{w})}); err != nil {
				return err
			}
			bs = append(bs, time.Since(start))
			bcpu += cpuTimeSelf() - c2
			searched++
		}
		if len(ts) == 0 {
			break
		}
		p50s, maxes, again = append(p50s, pct(ts, 50)), append(maxes, slices.Max(ts)), append(again, pct(as, 50))
		cpus, bare50s = append(cpus, cpu/time.Duration(len(ts))), append(bare50s, pct(bs, 50))
		bareCPUs = append(bareCPUs, bcpu/time.Duration(len(ts)))
	}
	if searched == 0 {
		return errors.New("first words: the catalog has no word in 20,000–400,000 products")
	}
	fmt.Fprintf(stdout, "first search of a common word in this process (%d words in 20,000–400,000 products, %d per run, %d runs):\n", searched, n, len(p50s))
	fmt.Fprintf(stdout, "  p50 %s ms, slowest %s ms, CPU %s ms per search; the same search again p50 %s ms; ordered every match: %d of %d\n",
		msRange(p50s), msRange(maxes), msRange(cpus), msRange(again), cat.FullOrders()-full, searched)
	fmt.Fprintf(stdout, "  floor, bare FTS5 ranking every match (ORDER BY rank LIMIT 10): p50 %s ms, CPU %s ms per query\n\n", msRange(bare50s), msRange(bareCPUs))
	return nil
}

// firstSearch opens the catalog, runs one rare-word search and prints how long both took.
func firstSearch(ctx context.Context, db string, stdout io.Writer) error {
	start := time.Now()
	cat, err := catalog.Open(ctx, db)
	if err != nil {
		return err
	}
	defer cat.Close()
	if _, err := cat.Search(ctx, catalog.Query{Text: demo.RareWord, InStock: true}); err != nil {
		return err
	}
	fmt.Fprintln(stdout, time.Since(start))
	return nil
}

func bareRows(ctx context.Context, st *sql.Stmt, args []any) error {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// mixedServer is `bench scale --mixed-only`: it opens the catalog and its store as
// serve does, with the sandbox's purchases, and runs mixedPhases, then prints this
// process's peak RSS over the whole run.
func mixedServer(ctx context.Context, c benchScaleConfig, stdout io.Writer) error {
	cat, err := catalog.Open(ctx, c.db)
	if err != nil {
		return err
	}
	defer cat.Close()
	if c.store == "" {
		c.store = store.FileBeside(c.db)
	}
	var st *store.Store
	if c.store == store.FileBeside(c.db) {
		st, err = openStore(ctx, c.db, nil) // as serve does: a store left in --db is moved first
	} else {
		st, err = store.Open(ctx, c.store)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	customers, err := benchCustomers(ctx, st, 1000)
	if err != nil {
		return err
	}
	svc, err := newCheckout(payFlags{}, cat, st, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	buy := func(ctx context.Context, r *rand.Rand, id string) error {
		out, err := svc.Purchase(ctx, checkout.Request{CustomerID: customers[r.IntN(len(customers))], ProductID: id, Quantity: 1})
		if err != nil {
			return fmt.Errorf("purchase %s: %w", id, err)
		}
		if out.Status != checkout.StatusCompleted {
			return fmt.Errorf("purchase %s: status %s", id, out.Status)
		}
		return nil
	}
	fmt.Fprintf(stdout, "mixed phases: the store in %s\n", c.store)
	stopProfile, err := startCPUProfile(c.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	watch := watchMemory(ctx, 100*time.Millisecond)
	err = mixedPhases(ctx, cat, buy, c, stdout)
	atPeak, median := watch.end()
	if err != nil {
		return err
	}
	mem := memStatus()
	_, peak := sqlite.MemoryUsed()
	fmt.Fprintf(stdout, "the serving process alone (catalog, store, sandbox purchases; %d workers), over all its phases: peak RSS %s (target ≤ %d MB), median of 10 samples a second %s; SQLite had at most %d MB allocated at once\n",
		c.workers, mb(mem["VmHWM"]), scaleTargetRSS>>20, mb(median), peak>>20)
	fmt.Fprintf(stdout, "  at the largest sample: %s\n  now: %s\n\n", atPeak, sampleMemory())
	return nil
}

// benchCustomers makes sure the store has n customers who buy without confirmation
// (the sandbox's test card, an address, no spending limit), so that the mixed phases'
// purchases spread over many customers' histories as a shop's do, and returns their ids.
func benchCustomers(ctx context.Context, st *store.Store, n int) ([]string, error) {
	ids := make([]string, n)
	for i := range n {
		email := fmt.Sprintf("bench-%04d@commerce-mcp.example", i)
		c, err := st.CustomerByEmail(ctx, email)
		if errors.Is(err, store.ErrNotFound) {
			if c, err = st.CreateCustomer(ctx, store.Customer{Email: email}); err != nil {
				return nil, err
			}
			if _, err = st.AddPaymentMethod(ctx, store.PaymentMethod{ID: store.DemoPaymentMethod, CustomerID: c.ID, Brand: "visa", Last4: "4242", ExpMonth: 12, ExpYear: 2030, Default: true}); err != nil {
				return nil, err
			}
			a := store.DemoAddress
			a.CustomerID = c.ID
			if _, err = st.AddAddress(ctx, a); err != nil {
				return nil, err
			}
			err = st.SetRules(ctx, c.ID, store.Rules{Currency: "USD", PerOrderMax: store.NoLimit, DailyMax: store.NoLimit, MonthlyMax: store.NoLimit, ConfirmAbove: store.NoLimit})
		}
		if err != nil {
			return nil, err
		}
		ids[i] = c.ID
	}
	return ids, nil
}

// mixedPhases runs the shapes' searches from c.workers goroutines for c.mixedFor,
// with searches only and with c.purchases of the calls buying a product in
// stock (a whole sandbox purchase: the saga's journal in the store, the sale recorded
// and the stock taken in the catalog), c.runs times each, and prints calls/s, search
// p99, and the read syscalls and bytes read per call of both, and what each purchase
// wrote. The two kinds alternate every few seconds within each run.
func mixedPhases(ctx context.Context, cat *catalog.Catalog, buy func(context.Context, *rand.Rand, string) error, c benchScaleConfig, stdout io.Writer) error {
	shapes := scaleShapes()
	ids, err := inStockIDs(ctx, c.db, 5000)
	if err != nil {
		return err
	}
	type phaseResult struct {
		rate                float64
		p99, cpu            time.Duration
		readsPerCall        float64 // read syscalls
		readPerCall         float64 // bytes read, page cache included
		faultsPerCall       float64 // minor page faults
		writesPerBuy, wrote float64 // write syscalls and bytes written per purchase
	}
	// raw is what one or more slices of a phase measured.
	type raw struct {
		calls, bought int64
		wall, cpu     time.Duration
		faults        int64
		io            map[string]int64 // deltas of ioStatus
		searches      []time.Duration
	}
	add := func(a *raw, b raw) {
		a.calls, a.bought, a.wall, a.cpu = a.calls+b.calls, a.bought+b.bought, a.wall+b.wall, a.cpu+b.cpu
		a.faults += b.faults
		if a.io == nil {
			a.io = map[string]int64{}
		}
		for k, v := range b.io {
			a.io[k] += v
		}
		a.searches = append(a.searches, b.searches...)
	}
	result := func(r raw) phaseResult {
		n := float64(max(r.calls, 1))
		b := float64(max(r.bought, 1))
		return phaseResult{
			rate: float64(r.calls) / r.wall.Seconds(), p99: pct(r.searches, 99),
			cpu:          r.cpu / time.Duration(n),
			readsPerCall: float64(r.io["syscr"]) / n, readPerCall: float64(r.io["rchar"]) / n,
			faultsPerCall: float64(r.faults) / n,
			writesPerBuy:  float64(r.io["syscw"]) / b, wrote: float64(r.io["wchar"]) / b,
		}
	}
	phase := func(share float64, d time.Duration) (raw, error) {
		start, cpu0, io0, f0 := time.Now(), cpuTimeSelf(), ioStatus(), minorFaultsSelf()
		var (
			mu       sync.Mutex
			searches []time.Duration
			calls    atomic.Int64
			bought   atomic.Int64
			firstErr error
		)
		stop := start.Add(d)
		var wg sync.WaitGroup
		for w := range c.workers {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(w), uint64(start.UnixNano())))
				var mine []time.Duration
				for time.Now().Before(stop) {
					if r.Float64() < share {
						if err := buy(ctx, r, ids[r.IntN(len(ids))]); err != nil {
							mu.Lock()
							firstErr = err
							mu.Unlock()
							return
						}
						bought.Add(1)
					} else {
						start := time.Now()
						if _, err := cat.Search(ctx, shapes[r.IntN(len(shapes))].q); err != nil {
							mu.Lock()
							firstErr = err
							mu.Unlock()
							return
						}
						mine = append(mine, time.Since(start))
					}
					calls.Add(1)
				}
				mu.Lock()
				searches = append(searches, mine...)
				mu.Unlock()
			})
		}
		wg.Wait()
		io1 := ioStatus()
		delta := map[string]int64{}
		for k, v := range io1 {
			delta[k] = v - io0[k]
		}
		return raw{calls: calls.Load(), bought: bought.Load(), wall: time.Since(start), cpu: cpuTimeSelf() - cpu0, faults: minorFaultsSelf() - f0, io: delta, searches: searches}, firstErr
	}
	// One phase of searches, not counted, so that the first run's searches do not
	// find the operating system's cache colder than the later runs' do.
	if _, err := phase(0, c.mixedFor); err != nil {
		return err
	}
	// Each run alternates two-second slices of both kinds, so that the machine's
	// other work weighs on both alike; each slice follows one second of the same kind,
	// not counted, so that what the other kind left (emptied caches, a checkpoint due)
	// is not counted against it.
	const slice, settle = 2 * time.Second, time.Second
	parts := max(1, int(c.mixedFor/slice))
	var ro, rw []phaseResult
	for range c.runs {
		var a, b raw
		for range parts {
			for _, k := range []struct {
				share float64
				into  *raw
			}{{0, &a}, {c.purchases, &b}} {
				if _, err := phase(k.share, settle); err != nil {
					return err
				}
				r, err := phase(k.share, c.mixedFor/time.Duration(parts))
				if err != nil {
					return err
				}
				add(k.into, r)
			}
		}
		ro, rw = append(ro, result(a)), append(rw, result(b))
	}
	row := func(rs []phaseResult) string {
		var rate, reads, read, faults []float64
		var p99, cpu []time.Duration
		for _, r := range rs {
			rate, p99, cpu = append(rate, r.rate), append(p99, r.p99), append(cpu, r.cpu)
			reads, read = append(reads, r.readsPerCall), append(read, r.readPerCall/1024)
			faults = append(faults, r.faultsPerCall)
		}
		return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%s\t", floatRange(rate), msRange(p99), msRange(cpu), floatRange(reads), floatRange(read), floatRange(faults))
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%d workers, %v a phase\tcalls/s\tsearch p99 ms\tCPU ms/call\tread syscalls/call\tKB read/call\tminor faults/call\t\n", c.workers, c.mixedFor)
	fmt.Fprintf(tw, "searches only\t%s\n", row(ro))
	fmt.Fprintf(tw, "%.0f%% purchases\t%s\n", 100*c.purchases, row(rw))
	tw.Flush()
	var rates, p99s, cpus, reads, writes, wrote []float64
	for i := range ro {
		rates = append(rates, ro[i].rate/rw[i].rate)
		p99s = append(p99s, float64(rw[i].p99)/float64(ro[i].p99))
		cpus = append(cpus, float64(rw[i].cpu)/float64(ro[i].cpu))
		reads = append(reads, rw[i].readsPerCall/ro[i].readsPerCall)
		writes, wrote = append(writes, rw[i].writesPerBuy), append(wrote, rw[i].wrote/1024)
	}
	ratios := func(fs []float64) string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = fmt.Sprintf("%.2f", f)
		}
		return strings.Join(out, " ")
	}
	fmt.Fprintf(stdout, "per run, with purchases against searches only: fewer calls/s × %s; search p99 × %s; CPU per call × %s; read syscalls per call × %s\n",
		ratios(rates), ratios(p99s), ratios(cpus), ratios(reads))
	fmt.Fprintf(stdout, "worst run: read-only/with-purchases calls/s %.2f×, p99 with purchases/read-only %.2f× (target ≤ 1.5× both); CPU per call with purchases/read-only %.2f×\n", slices.Max(rates), slices.Max(p99s), slices.Max(cpus))
	fmt.Fprintf(stdout, "each purchase: %s write syscalls, %s KB written (all files)\n\n", floatRange(writes), floatRange(wrote))
	return nil
}

// ioStatus returns the fields of /proc/self/io: syscr and rchar (read syscalls and
// bytes, whether or not from the page cache), syscw and wchar.
func ioStatus() map[string]int64 { return procFields("/proc/self/io") }

// inStockIDs returns up to n ids of products that can be bought, for the purchase writes.
func inStockIDs(ctx context.Context, db string, n int) ([]string, error) {
	d, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	rows, err := d.QueryContext(ctx, `SELECT p.id FROM products p JOIN product_keys k ON k.rowid = p.rowid
		WHERE k.in_stock = 1 AND (p.stock > 1000 OR p.stock IS NULL) LIMIT ?`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		rows.Close()
		// No product with stock to spare: take from the best stocked.
		r2, err := d.QueryContext(ctx, `SELECT id FROM products WHERE in_stock ORDER BY stock DESC LIMIT ?`, n)
		if err != nil {
			return nil, err
		}
		defer r2.Close()
		for r2.Next() {
			var id string
			if err := r2.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no product in stock to buy")
	}
	return ids, nil
}

// quality compares the first page of n queries (single words, two words, three-letter
// prefixes, drawn from the catalog's own words with large match sets) with first
// pages that ordered every match, and prints the mean top-10 overlap and NDCG@10 (a
// product's gain is 1 when it is in the exhaustive top 10, discounted by position as
// usual) of three comparisons, so that what the bounded plan loses shows apart from
// what reranking by product type changes on purpose:
//
//   - the search against plain bm25 ordering of every match in SQL (both together);
//   - the search against the same search ordering every match (Catalog.SetExhaustive):
//     the bounded plan's own loss, reranking included on both sides;
//   - the exhaustive search against plain bm25: what reranking (and query
//     understanding: synonyms, brands read as filters) changes on purpose;
//
// and, with no reranking at all, the same queries sorted by price, bounded against
// exhaustive: the bounded plan's own loss without reranking.
func quality(ctx context.Context, cat *catalog.Catalog, bare *sql.DB, db string, n int, stdout io.Writer) error {
	rows, err := bare.QueryContext(ctx, `SELECT term FROM products_vocab WHERE doc BETWEEN 2000 AND 400000 AND length(term) >= 4 AND term GLOB '[a-z]*' ORDER BY doc DESC LIMIT 200`)
	if err != nil {
		return err
	}
	var terms []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		terms = append(terms, t)
	}
	rows.Close()
	if len(terms) < 2 {
		return fmt.Errorf("quality: the catalog has too few common words")
	}
	exhaustive, err := catalog.Open(ctx, db)
	if err != nil {
		return err
	}
	defer exhaustive.Close()
	exhaustive.SetExhaustive()
	full, err := bare.PrepareContext(ctx, `SELECT p.id FROM products_fts f JOIN product_keys k ON k.rowid = f.rowid
		JOIN products p ON p.rowid = k.rowid WHERE products_fts MATCH ? AND k.hidden = 0 AND k.in_stock = 1
		ORDER BY f.rank, k.rating DESC, k.rowid LIMIT 10`)
	if err != nil {
		return err
	}
	defer full.Close()
	ids := func(res catalog.Result) []string {
		out := make([]string, len(res.Hits))
		for j, h := range res.Hits {
			out[j] = h.ID
		}
		return out
	}
	var vsBM25, vsExhaustive, rerank, price, filtered agreement
	totalsDiffer := 0
	r := rand.New(rand.NewPCG(14, 1))
	pooled := 0
	for i := range n {
		var text string
		switch i % 3 {
		case 0:
			text = terms[r.IntN(len(terms))]
		case 1:
			text = terms[r.IntN(len(terms))] + " " + terms[r.IntN(len(terms))]
		default:
			text = terms[r.IntN(len(terms))][:3]
		}
		q := catalog.Query{Text: text, InStock: true}
		res, err := cat.Search(ctx, q)
		if err != nil {
			return err
		}
		if res.Relaxed || res.Corrected != "" || len(res.Hits) == 0 {
			continue
		}
		if res.TotalEstimated {
			pooled++
		}
		ex, err := exhaustive.Search(ctx, q)
		if err != nil {
			return err
		}
		if ex.TotalEstimated {
			return fmt.Errorf("quality: %q: the exhaustive search estimated its total, so it did not order every match", text)
		}
		expr := ftsExpr(catalog.Words(text))
		want, err := queryIDs(ctx, full, expr)
		if err != nil {
			return err
		}
		got, exIDs := ids(res), ids(ex)
		vsBM25.add(got, want)
		vsExhaustive.add(got, exIDs)
		rerank.add(exIDs, want)

		q.Sort = catalog.SortPriceAsc
		if res, err = cat.Search(ctx, q); err != nil {
			return err
		}
		if ex, err = exhaustive.Search(ctx, q); err != nil {
			return err
		}
		if ex.TotalEstimated {
			return fmt.Errorf("quality: %q by price: the exhaustive search estimated its total, so it did not order every match", text)
		}
		price.add(ids(res), ids(ex))

		// The same word with a filter phrase (on sale, a gender, a kids' word), as
		// the filter shapes search: against the exhaustive search of the same text,
		// whose filters and lifting are the same.
		q = catalog.Query{Text: fmt.Sprintf(filterPhrases[i%len(filterPhrases)], text), InStock: true}
		if res, err = cat.Search(ctx, q); err != nil {
			return err
		}
		if ex, err = exhaustive.Search(ctx, q); err != nil {
			return err
		}
		if ex.TotalEstimated {
			return fmt.Errorf("quality: %q: the exhaustive search estimated its total, so it did not order every match", q.Text)
		}
		filtered.add(ids(res), ids(ex))
		if !res.TotalEstimated && res.Total != ex.Total {
			totalsDiffer++
		}
	}
	if vsBM25.n == 0 {
		return fmt.Errorf("quality: no query found anything")
	}
	fmt.Fprintf(stdout, "ranking quality, %d queries (%d served from a pool of best matches), top-10 overlap / NDCG@10 (target overlap ≥ 0.98):\n", vsBM25.n, pooled)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "search\tagainst\toverlap\tNDCG@10\t")
	fmt.Fprintf(tw, "bounded, reranked\tbm25 of every match (SQL)\t%.4f\t%.4f\t\n", vsBM25.overlap(), vsBM25.ndcg())
	fmt.Fprintf(tw, "bounded, reranked\tevery match ordered, reranked\t%.4f\t%.4f\t\n", vsExhaustive.overlap(), vsExhaustive.ndcg())
	fmt.Fprintf(tw, "every match ordered, reranked\tbm25 of every match (SQL)\t%.4f\t%.4f\t\n", rerank.overlap(), rerank.ndcg())
	fmt.Fprintf(tw, "bounded, by price (no rerank)\tevery match ordered by price\t%.4f\t%.4f\t\n", price.overlap(), price.ndcg())
	fmt.Fprintf(tw, "bounded, with a filter phrase\tevery match ordered, same phrase\t%.4f\t%.4f\t\n", filtered.overlap(), filtered.ndcg())
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "with a filter phrase (%d queries: %s): exact totals differing from the exhaustive search's: %d\n", filtered.n, strings.Join(filterPhrases, ", "), totalsDiffer)
	return nil
}

// filterPhrases are the filter phrases the quality comparison adds to its words.
var filterPhrases = []string{"%s on sale", "womens %s", "kids %s", "mens %s"}

// agreement sums topOverlap over queries.
type agreement struct {
	n          int
	sumO, sumG float64
}

func (a *agreement) add(got, want []string) {
	o, g := topOverlap(got, want)
	a.n++
	a.sumO += o
	a.sumG += g
}

func (a *agreement) overlap() float64 { return a.sumO / float64(max(a.n, 1)) }
func (a *agreement) ndcg() float64    { return a.sumG / float64(max(a.n, 1)) }

// ftsExpr writes words as the full-text expression a search uses for them: each
// quoted, all required, the last also a prefix when it has three letters or more.
func ftsExpr(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		if i == len(words)-1 && len([]rune(w)) >= 3 {
			out[i] += "*"
		}
	}
	return strings.Join(out, " AND ")
}

func queryIDs(ctx context.Context, st *sql.Stmt, expr string) ([]string, error) {
	rows, err := st.QueryContext(ctx, expr)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// topOverlap returns the share of want's products that got has, and got's NDCG with
// a gain of 1 for each product of want.
func topOverlap(got, want []string) (float64, float64) {
	if len(want) == 0 {
		return 1, 1
	}
	in := map[string]bool{}
	for _, id := range want {
		in[id] = true
	}
	hits := 0
	var dcg, ideal float64
	for i, id := range got {
		if in[id] {
			hits++
			dcg += 1 / math.Log2(float64(i)+2)
		}
	}
	for i := range want {
		ideal += 1 / math.Log2(float64(i)+2)
	}
	return float64(hits) / float64(len(want)), dcg / ideal
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}

func durRange(ds []time.Duration) string {
	return fmt.Sprintf("%v–%v", slices.Min(ds).Round(time.Millisecond), slices.Max(ds).Round(time.Millisecond))
}

func msRange(ds []time.Duration) string {
	f := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) }
	return f(slices.Min(ds)) + "–" + f(slices.Max(ds))
}

func floatRange(fs []float64) string {
	return fmt.Sprintf("%.0f–%.0f", slices.Min(fs), slices.Max(fs))
}

func yes(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}

func mb(kb int64) string { return fmt.Sprintf("%d MB", kb>>10) }

// memStatus returns the kB fields of /proc/self/status (VmHWM, RssAnon, RssFile, …).
func memStatus() map[string]int64 { return procFields("/proc/self/status") }

// procFields returns the numeric "name: value" fields of a /proc file (a "kB" unit
// dropped), or none when it cannot be read.
func procFields(path string) map[string]int64 {
	out := map[string]int64{}
	b, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64); err == nil {
			out[k] = n
		}
	}
	return out
}
