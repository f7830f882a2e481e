package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// reportMerge prints what the catalog's background merge did during bench upsert's
// calls, then waits up to settle for it to finish what they left and prints the
// index's shape then.
func reportMerge(ctx context.Context, cat *catalog.Catalog, settle time.Duration, stdout io.Writer) error {
	m := cat.Merge()
	if m.Steps == 0 {
		fmt.Fprintln(stdout, "merge steps during the calls: none")
	} else {
		fmt.Fprintf(stdout, "merge steps during the calls: %d, %v in all; p50 %.1f ms  p99 %.1f ms  max %.1f ms (of the last %d)\n",
			m.Steps, m.Total.Round(time.Millisecond), float64(pct(m.Recent, 50))/1e6, float64(pct(m.Recent, 99))/1e6,
			float64(slices.Max(m.Recent))/1e6, len(m.Recent))
	}
	if m.Err != nil {
		fmt.Fprintf(stdout, "a merge step failed: %v\n", m.Err)
	}
	start := time.Now()
	var sh catalog.IndexShape
	for {
		var err error
		if sh, err = cat.IndexShape(ctx); err != nil {
			return err
		}
		if !sh.Merging() && sh.Level0() < 4 || time.Since(start) > settle {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	m2 := cat.Merge()
	fmt.Fprintf(stdout, "after %v more (%d steps): index %s\n", time.Since(start).Round(time.Millisecond), m2.Steps-m.Steps, sh)
	return nil
}
