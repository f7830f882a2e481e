package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/catalog/demo"
	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// benchUpsert is `bench upsert --db PATH`: --calls upserts of --size generated products
// each (demo.Generate with --seed) into the catalog, one after another as a feed's
// updates arrive, each followed by a rare-word and a common-word search and by the bare
// ranked FTS5 query of the rare word (the search's floor, which reads every segment of
// the index), so that what the writes do to searches shows in the same run. It prints
// p50, p99 and max of each, the shape of the full-text index before and after (see
// catalog.IndexShape), the most level-0 segments seen after a call, and the background
// merge steps (catalog.MergeState). It writes to the catalog: run it on a copy.
func benchUpsert(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench upsert", flag.ContinueOnError)
	db := fs.String("db", "", "catalog database `path` to write to (a copy: the benchmark adds and changes products)")
	calls := fs.Int("calls", 500, "upsert calls")
	size := fs.Int("size", 10, "products per call")
	seed := fs.Uint64("seed", 777, "seed of the generated products (demo.Generate)")
	settle := fs.Duration("settle", time.Minute, "after the calls, how long to wait at most for the background merge to finish")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *db == "" || *calls < 1 || *size < 1 {
		return &usageError{Msg: "bench upsert needs --db PATH (and --calls, --size ≥ 1)"}
	}
	if _, err := os.Stat(*db); err != nil {
		return err
	}
	cat, err := catalog.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer cat.Close()
	if err := benchWaitFill(ctx, cat, stdout); err != nil {
		return err
	}
	bare, err := sqlite.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer bare.Close()
	shapes := scaleShapes()
	rare, common := shapes[0], shapes[3]
	st, err := bare.PrepareContext(ctx, rare.bare)
	if err != nil {
		return err
	}
	defer st.Close()
	sellers, products := demo.Generate(*calls**size, *seed)
	before, err := cat.IndexShape(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "bench upsert: %d calls of %d products into %s; load average %s\nindex before: %s\n",
		*calls, *size, *db, loadAverage(), before)
	var ups, rs, cs, bs []time.Duration
	level0 := 0
	start := time.Now()
	for i := range *calls {
		t := time.Now()
		if _, err := cat.Upsert(ctx, sellers, products[i**size:(i+1)**size]); err != nil {
			return fmt.Errorf("upsert %d: %w", i, err)
		}
		ups = append(ups, time.Since(t))
		t = time.Now()
		if _, err := cat.Search(ctx, rare.q); err != nil {
			return err
		}
		rs = append(rs, time.Since(t))
		t = time.Now()
		if _, err := cat.Search(ctx, common.q); err != nil {
			return err
		}
		cs = append(cs, time.Since(t))
		t = time.Now()
		if err := bareRows(ctx, st, rare.arg); err != nil {
			return err
		}
		bs = append(bs, time.Since(t))
		sh, err := cat.IndexShape(ctx)
		if err != nil {
			return err
		}
		level0 = max(level0, sh.Level0())
	}
	took := time.Since(start)
	row := func(name string, ds []time.Duration) {
		fmt.Fprintf(stdout, "%-34s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms\n", name,
			float64(pct(ds, 50))/1e6, float64(pct(ds, 99))/1e6, float64(slices.Max(ds))/1e6)
	}
	fmt.Fprintf(stdout, "%d calls in %v; load average %s\n", *calls, took.Round(time.Millisecond), loadAverage())
	row(fmt.Sprintf("upsert of %d", *size), ups)
	row("search, rare word "+shapeText(rare), rs)
	row("search, common word "+shapeText(common), cs)
	row("bare FTS5, rare word (floor)", bs)
	slow := 0
	for _, d := range ups {
		if d > time.Second {
			slow++
		}
	}
	after, err := cat.IndexShape(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "upserts over 1 s: %d; most level-0 segments after a call: %d\nindex after the calls: %s\n", slow, level0, after)
	return reportMerge(ctx, cat, *settle, stdout)
}
