package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// fillLogEvery is how often the progress of a catalog's background fill is logged.
const fillLogEvery = 10 * time.Second

// logFill tells the operator about the catalog's background fill (the rewrite of every
// product's codes, rank or on-sale and gender columns an upgrade asks for, see
// catalog.FillState; only the codes' leaves a filter short meanwhile): that it runs,
// its progress every `every`, and how it ended (when it ended before, only that it
// ran and how). It returns when the fill ends, or with nothing more said when ctx
// ends; it returns the error that stopped the fill.
func logFill(ctx context.Context, cat *catalog.Catalog, logger *slog.Logger, every time.Duration) error {
	if cat.Fill().Started.IsZero() {
		return nil
	}
	meanwhile := "searches are served meanwhile"
	if cat.Fill().Codes {
		meanwhile += ", a colour or size filter may miss products until it ends"
	}
	logger.Info("the catalog is rewriting what an upgrade changed for every product, in the background; " + meanwhile)
	ended := make(chan error, 1)
	go func() { ended <- cat.WaitFill(ctx) }()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case err := <-ended:
			st := cat.Fill()
			switch {
			case ctx.Err() != nil:
				return nil
			case err != nil:
				logger.Error("the catalog's background fill stopped; the next start goes on from where it stopped", "err", err)
				return err
			case st.Filling(): // closed meanwhile
				return nil
			}
			logger.Info("the catalog's background fill is done", "seconds", st.Took.Round(100*time.Millisecond).Seconds(), "batches", st.Batches,
				"longest_batch_ms", st.Longest.Milliseconds())
			return nil
		case <-tick.C:
			st := cat.Fill()
			if st.Last > 0 && st.Table != "" {
				logger.Info("the catalog's background fill", "table", st.Table, "percent", 100*st.Done/st.Last, "batches", st.Batches)
			}
		}
	}
}

// startFillLog runs logFill and logMergeFailures in the background; stop ends them
// and waits for them.
func startFillLog(ctx context.Context, cat *catalog.Catalog, logger *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { logFill(ctx, cat, logger, fillLogEvery) })
	wg.Go(func() { logMergeFailures(ctx, cat, logger, fillLogEvery) })
	return func() {
		cancel()
		wg.Wait()
	}
}

// startMergeLog runs logMergeFailures in the background, for a command that writes
// the catalog without serving it (import); stop ends it and waits for it, after which
// a failure not told yet has been told.
func startMergeLog(ctx context.Context, cat *catalog.Catalog, logger *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		logMergeFailures(ctx, cat, logger, fillLogEvery)
	}()
	return func() {
		cancel()
		<-done
	}
}

// logMergeFailures tells the operator, looking every `every` until ctx ends and once
// more then, of each failure of the catalog's background merging of its search index
// (catalog.MergeState.Err: not a busy database, which it waits out, but a disk that
// is full, an I/O error, a damaged index) not told yet. The catalog records it and
// merges again after the next write; meanwhile searches work, slower as writes add
// segments to the index. The last look tells a failure that came after the one
// before it, as an import's last batches may bring, before the command ends.
func logMergeFailures(ctx context.Context, cat *catalog.Catalog, logger *slog.Logger, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	var told error
	look := func() {
		if err := cat.Merge().Err; err != nil && err != told {
			told = err
			logger.Warn("the catalog could not merge its search index in the background; searches work, slower as writes go on, and the next write tries again", "err", err)
		}
	}
	defer look()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			look()
		}
	}
}

// benchWaitFill waits, before a benchmark measures a catalog, for the background fill
// an upgrade left to do (see catalog.FillState), saying so on w, so that no figure is
// taken while the fill writes; a benchmark that Closed the catalog mid-fill would leave
// it to the next process, the one measured.
func benchWaitFill(ctx context.Context, cat *catalog.Catalog, w io.Writer) error {
	if cat.Fill().Started.IsZero() {
		return nil
	}
	fmt.Fprintln(w, "bench: waiting for the catalog's background fill to end before measuring…")
	if err := cat.WaitFill(ctx); err != nil {
		return fmt.Errorf("the catalog's background fill: %w", err)
	}
	st := cat.Fill()
	fmt.Fprintf(w, "bench: the fill took %.1f s (%d batches)\n", st.Took.Seconds(), st.Batches)
	return nil
}

// benchSettle opens the catalog at path, waits for its background fill (benchWaitFill)
// and closes it.
func benchSettle(ctx context.Context, path string, w io.Writer) error {
	cat, err := catalog.Open(ctx, path)
	if err != nil {
		return err
	}
	defer cat.Close()
	return benchWaitFill(ctx, cat, w)
}
