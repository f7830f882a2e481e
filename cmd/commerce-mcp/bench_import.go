package main

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/feed"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// The targets of issue 14 for importing a feed.
const (
	importTargetRate = 50000     // products per second, feed to searchable
	importTargetRSS  = 500 << 10 // kB
)

// importRun is one run of bench import: the import and its floors.
type importRun struct {
	products        int
	wall, cpu       time.Duration // the import process, start to exit
	rss             int64         // its peak RSS, kB
	written         int64         // bytes it wrote to storage (the database, its WAL), -1 when unknown
	prepWall, prep  time.Duration // reading the feed and preparing its products, alone
	indexWall, ftsC time.Duration // building the full-text index of the result, alone
	load            string        // the load average when the run began
}

// benchImport is `bench import --feed FILE`: it imports the feed into a new catalog
// with `commerce-mcp import` in a process of its own, --runs times, and prints per
// run its wall clock, CPU (and how many cores that is: CPU over wall clock), peak RSS
// and bytes written to storage per product beside, measured in the same run, the two
// halves an import overlaps, each alone: reading the feed and preparing its products
// (feed.Parse, catalog.Prepare; the goroutine beside the writer) and building the
// full-text index from the imported text (FTS5's own work, which no import can
// skip).
func benchImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench import", flag.ContinueOnError)
	feedPath := fs.String("feed", "", "feed `file` to import (see gen-catalog)")
	runs := fs.Int("runs", 5, "imports to run")
	dir := fs.String("dir", "", "`directory` for the catalogs imported (default: a new temporary one, removed at the end)")
	importer := fs.String("importer", "", "`program` whose import to measure, e.g. an older build (default: this one)")
	var opt feed.Options
	fs.StringVar(&opt.DefaultSeller, "seller", "", "seller `name` for rows that name none, as import's --seller (a shop's own export names none)")
	fs.StringVar(&opt.Currency, "currency", "", "currency `code` of bare prices, as import's --currency")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *feedPath == "" || *runs < 1 {
		return &usageError{Msg: "bench import needs --feed FILE (and --runs ≥ 1)"}
	}
	if _, err := os.Stat(*feedPath); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	if *importer != "" {
		exe = *importer
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "bench-import-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	db := filepath.Join(*dir, "bench-import.db")
	var results []importRun
	// A run at a million products takes minutes: each row is printed when its run ends,
	// in columns as wide as their headings.
	header := []string{"run", "load avg", "products", "wall s", "products/s", "CPU s", "products/CPU-s", "cores used",
		"peak RSS MB", "KB written/product", "read+prepare alone CPU s", "full-text index alone CPU s", "index alone products/CPU-s"}
	row := func(cells ...string) {
		for i, c := range cells {
			fmt.Fprintf(stdout, "%*s  ", len(header[i]), c)
		}
		fmt.Fprintln(stdout)
	}
	row(header...)
	for i := range *runs {
		r, err := importOnce(ctx, exe, *feedPath, db, opt)
		if err != nil {
			return fmt.Errorf("run %d: %w", i+1, err)
		}
		results = append(results, r)
		f := func(format string, v any) string { return fmt.Sprintf(format, v) }
		row(f("%d", i+1), r.load, f("%d", r.products), f("%.1f", r.wall.Seconds()), f("%.0f", rate(r.products, r.wall)),
			f("%.1f", r.cpu.Seconds()), f("%.0f", rate(r.products, r.cpu)), f("%.2f", r.cpu.Seconds()/r.wall.Seconds()),
			f("%d", r.rss>>10), f("%.2f", perProduct(r.written, r.products)/1024), f("%.1f", r.prep.Seconds()),
			f("%.1f", r.ftsC.Seconds()), f("%.0f", rate(r.products, r.ftsC)))
	}
	col := func(f func(importRun) float64) []float64 {
		out := make([]float64, len(results))
		for i, r := range results {
			out[i] = f(r)
		}
		return out
	}
	wallRate := col(func(r importRun) float64 { return rate(r.products, r.wall) })
	cpuRate := col(func(r importRun) float64 { return rate(r.products, r.cpu) })
	rss := col(func(r importRun) float64 { return float64(r.rss >> 10) })
	ftsRate := col(func(r importRun) float64 { return rate(r.products, r.ftsC) })
	prepRate := col(func(r importRun) float64 { return rate(r.products, r.prep) })
	fmt.Fprintf(stdout, "\n%d runs of %d products (max/min of each range in brackets: this machine's noise)\n", len(results), results[0].products)
	fmt.Fprintf(stdout, "feed → searchable: %s products/s wall clock [%.2f×] (target ≥ %d: %s); %s products per CPU-second [%.2f×]\n",
		floatRange(wallRate), spread(wallRate), importTargetRate, yes(slices.Min(wallRate) >= importTargetRate), floatRange(cpuRate), spread(cpuRate))
	cores := col(func(r importRun) float64 { return r.cpu.Seconds() / r.wall.Seconds() })
	written := col(func(r importRun) float64 { return perProduct(r.written, r.products) / 1024 })
	fmt.Fprintf(stdout, "cores used (CPU s over wall s; this machine has %d): %s\n", runtime.NumCPU(), floatRange2(cores))
	fmt.Fprintf(stdout, "importer peak RSS: %s MB (target ≤ %d MB: %s); written to storage: %s KB per product\n",
		floatRange(rss), importTargetRSS>>10, yes(slices.Max(rss) <= importTargetRSS>>10), floatRange2(written))
	fmt.Fprintf(stdout, "floors, each alone in the same runs: reading the feed and preparing its products %s products per CPU-second [%.2f×]; FTS5 building the full-text index %s products per CPU-second [%.2f×]\n",
		floatRange(prepRate), spread(prepRate), floatRange(ftsRate), spread(ftsRate))
	return nil
}

// importOnce imports feedPath into a new catalog at db in a child process, then
// measures the floors on the same feed and catalog, both reading it with opt's seller
// and currency.
func importOnce(ctx context.Context, exe, feedPath, db string, opt feed.Options) (importRun, error) {
	var r importRun
	r.load = loadAverage()
	for _, f := range []string{db, db + "-wal", db + "-shm"} {
		if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
			return r, err
		}
	}
	var errOut bytes.Buffer
	args := []string{"import", "--db", db}
	if opt.DefaultSeller != "" {
		args = append(args, "--seller", opt.DefaultSeller)
	}
	if opt.Currency != "" {
		args = append(args, "--currency", opt.Currency)
	}
	cmd := exec.CommandContext(ctx, exe, append(args, feedPath)...)
	cmd.Stderr = &errOut
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return r, fmt.Errorf("import: %w: %s", err, lastLine(errOut.String()))
	}
	r.wall = time.Since(start)
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	r.rss = peakRSSOf(cmd.ProcessState)
	r.written = writtenOf(cmd.ProcessState)

	cat, err := catalog.Open(ctx, db)
	if err != nil {
		return r, err
	}
	r.products, err = cat.Count(ctx)
	if err == nil {
		var res catalog.Result
		res, err = cat.Search(ctx, catalog.Query{Text: "jacket"})
		if err == nil && res.Total == 0 && r.products > 0 {
			err = fmt.Errorf("the imported catalog finds nothing for %q", "jacket")
		}
	}
	cat.Close()
	if err != nil {
		return r, err
	}

	// Reading and preparing, alone: what the import's second goroutine does.
	f, err := os.Open(feedPath)
	if err != nil {
		return r, err
	}
	start, c0 := time.Now(), cpuTimeSelf()
	var batch []catalog.Product
	_ = feed.Parse(f, feedPath, opt, func(_, _ int, _ catalog.Seller, p catalog.Product) error {
		if batch = append(batch, p); len(batch) == 1000 {
			catalog.Prepare(batch)
			batch = batch[:0]
		}
		return nil
	}, nil)
	catalog.Prepare(batch)
	r.prepWall, r.prep = time.Since(start), cpuTimeSelf()-c0
	f.Close()

	// The full-text index alone, as a bulk load builds it, rolled back.
	bare, err := sqlite.Open(ctx, db)
	if err != nil {
		return r, err
	}
	defer bare.Close()
	r.indexWall, r.ftsC, err = rebuildAlone(ctx, bare)
	return r, err
}

// rebuildAlone builds the full-text index of db again as a bulk load does
// (catalog.RebuildIndex), in a transaction it rolls back, and returns the wall clock
// and CPU it took.
func rebuildAlone(ctx context.Context, db *sql.DB) (wall, cpu time.Duration, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	start, c0 := time.Now(), cpuTimeSelf()
	if err := catalog.RebuildIndex(ctx, tx); err != nil {
		return 0, 0, err
	}
	return time.Since(start), cpuTimeSelf() - c0, nil
}

// perProduct is bytes per product, -1 when bytes is unknown (-1).
func perProduct(bytes int64, n int) float64 {
	if bytes < 0 || n == 0 {
		return -1
	}
	return float64(bytes) / float64(n)
}

// floatRange2 is "min–max" of fs with two decimals.
func floatRange2(fs []float64) string {
	return fmt.Sprintf("%.2f–%.2f", slices.Min(fs), slices.Max(fs))
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// spread is max/min of fs.
func spread(fs []float64) float64 {
	if slices.Min(fs) <= 0 {
		return 0
	}
	return slices.Max(fs) / slices.Min(fs)
}

// loadAverage is the 1-minute load average ("?" where /proc is missing).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
