package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// Fills after an upgrade. A migration that changes what is derived from every product
// leaves a row in a pending table (product_codes_pending: migrations 0009, 0039, 0042;
// product_rank_pending: 0012, 0014; product_flags_pending: 0050 and 0051, for products.on_sale
// and products.gender of 0049 and products.age of 0051), and the catalog rewrites the derived rows of every
// product once. That used to happen inside Open, in one transaction: at a million
// products 11-12 s idle and minutes on a busy machine before the server could answer.
// Now Open returns at once and one goroutine of the Catalog, its only owner, rewrites
// them in the background by the same functions an import derives them with
// (productCodes, rankRowOf, Product.onSale and genderAttr), a batch of fillBatch products at a time in rowid order, each
// batch one short write transaction that also moves the pending row's filled_to
// (migration 0043) and deletes the row after the last product. Between batches it rests
// as long as the batch took, so that writers (purchases, imports) get the write lock.
//
// So a fill cut short anywhere (kill -9, Close) loses at most its open batch and goes
// on at the next Open; two processes that open the catalog both run the loop and share
// the batches, each reading filled_to under the write lock, so that no product is done
// twice. Until a fill ends, the products past filled_to keep the rows they had before
// the upgrade: found by their words and by every filter that was right before it; a
// colour or size filter (the keys of 0039 and 0042) may miss those whose attribute has
// the value, and searches say so (AppliedFilter.Incomplete); the type ranking of a
// catalog from before 0012 is partial (Result.RankFilling). The on_sale and gender
// filters lose nothing: while their fill runs, they read the attributes of the
// products past filled_to, in the same snapshot (flagColumn).

// The tables a fill rewrites (FillState.Table).
const (
	FillCodes = "product_codes"
	FillRank  = "product_rank"
	FillFlags = "products" // on_sale, gender and age (migrations 0049, 0050, 0051)
)

// fillBatch is how many products one transaction of a fill rewrites: at a million
// products a batch of the codes takes about 30-60 ms.
const fillBatch = 2000

// FillState is how far the background fills of a catalog have come.
type FillState struct {
	// Codes and Rank are true while product_codes or product_rank are left to fill,
	// Flags while products.on_sale and products.gender are.
	Codes, Rank, Flags bool
	// Table is the table being filled now (FillCodes, FillRank or FillFlags), "" when
	// none is.
	Table string
	// Done is the rowid of the last product of Table filled; Last is the last rowid
	// of the catalog when its fill began, so that Done/Last is about the part filled.
	Done, Last int64
	// Batches counts the batches this process has written; Longest is the longest
	// of their write transactions, as long as a writer may wait for one.
	Batches int
	Longest time.Duration
	// Started is when Open found fills to do and started them (zero when it found
	// none); Took, once they are complete, how long they took.
	Started time.Time
	Took    time.Duration
	// Err, when set, stopped the fills; what is left is done at the next Open.
	Err error
}

// Filling reports whether a fill is left.
func (s FillState) Filling() bool { return s.Codes || s.Rank || s.Flags }

// left reports whether fill table is left to do.
func (s FillState) left(table string) bool {
	switch table {
	case FillCodes:
		return s.Codes
	case FillRank:
		return s.Rank
	}
	return s.Flags
}

// done marks fill table as done.
func (s *FillState) done(table string) {
	switch table {
	case FillCodes:
		s.Codes = false
	case FillRank:
		s.Rank = false
	default:
		s.Flags = false
	}
}

// fills is the state of a Catalog's background fills.
type fills struct {
	mu     sync.Mutex
	state  FillState
	cancel context.CancelFunc // stops the background goroutine
	done   chan struct{}      // closed when the fills end, stop or were never started
	bg     chan struct{}      // closed when the background goroutine ends
}

// fillKind is one fill: its table, its pending table and how it rewrites a batch.
type fillKind struct {
	table, pending string
	// batch rewrites, in tx, the derived rows of the first n products whose rowid is
	// more than after, and returns the last rowid it rewrote: 0 when no product is
	// past after (the fill is complete).
	batch func(ctx context.Context, tx *sql.Tx, after int64, n int) (int64, error)
}

var fillKinds = []fillKind{
	{FillCodes, "product_codes_pending", fillCodesBatch},
	{FillRank, "product_rank_pending", fillRankBatch},
	{FillFlags, "product_flags_pending", fillFlagsBatch},
}

// fillOptions change how the fills run, for tests.
type fillOptions struct {
	batch int // products a batch; 0 means fillBatch
	// step, when set, hears of every batch once committed: its table and the rowids
	// it covered (after, to]; to is 0 for the batch that completed the fill.
	step func(table string, after, to int64)
	// noMerge keeps the background goroutine from merging the full-text index (see
	// ftsmerge.go), so that a test sees what write calls alone do to it; mergePages,
	// when not 0, replaces mergePages; mergeStep hears of every step that merged.
	noMerge    bool
	mergePages int
	mergeStep  func()
}

// Fill returns the state of the background fills.
func (c *Catalog) Fill() FillState {
	c.fill.mu.Lock()
	defer c.fill.mu.Unlock()
	return c.fill.state
}

// WaitFill waits for the background fills to end, or ctx, and returns the error that
// stopped them, if any.
func (c *Catalog) WaitFill(ctx context.Context) error {
	select {
	case <-c.fill.done:
		return c.Fill().Err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startFills starts the Catalog's background goroutine: the fills the pending tables
// ask for, if any, and then the merging of the full-text index after writes (see
// ftsmerge.go), which it is woken for once at the start, in case a merge was left
// unfinished.
func (c *Catalog) startFills(ctx context.Context, o fillOptions) error {
	c.fill.done, c.fill.bg = make(chan struct{}), make(chan struct{})
	c.merge.wake = make(chan struct{}, 1)
	st := &c.fill.state
	if err := c.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM product_codes_pending),
		EXISTS (SELECT 1 FROM product_rank_pending), EXISTS (SELECT 1 FROM product_flags_pending)`).Scan(&st.Codes, &st.Rank, &st.Flags); err != nil {
		close(c.fill.done)
		close(c.fill.bg)
		return fmt.Errorf("open catalog: fills: %w", err)
	}
	if st.Filling() {
		st.Started = time.Now()
	}
	c.wakeMerge()
	// Not ctx: the goroutine outlives Open's context; Close stops it.
	bctx, cancel := context.WithCancel(context.Background())
	c.fill.cancel = cancel
	go c.background(bctx, o)
	return nil
}

// background is the Catalog's background goroutine: the fills, then merging.
func (c *Catalog) background(ctx context.Context, o fillOptions) {
	defer close(c.fill.bg)
	if c.Fill().Filling() {
		c.runFills(ctx, o)
	} else {
		close(c.fill.done)
	}
	c.runMerges(ctx, o)
}

// stopFills stops the background goroutine and waits for it (Close).
func (c *Catalog) stopFills() {
	if c.fill.cancel != nil {
		c.fill.cancel()
	}
	if c.fill.bg != nil {
		<-c.fill.bg
	}
}

// runFills runs the fills left, one batch at a time, until they are complete, ctx
// ends or an error other than a busy database stops them.
func (c *Catalog) runFills(ctx context.Context, o fillOptions) {
	defer close(c.fill.done)
	n := o.batch
	if n == 0 {
		n = fillBatch
	}
	for _, f := range fillKinds {
		if !c.Fill().left(f.table) {
			continue
		}
		var last int64
		if err := c.db.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM product_text`).Scan(&last); err != nil {
			c.fillFailed(ctx, f, err)
			return
		}
		c.setFill(func(s *FillState) { s.Table, s.Done, s.Last = f.table, 0, last })
		busy := 0
		for {
			start := time.Now()
			after, to, took, err := c.fillStep(ctx, f, n)
			if err != nil && sqlite.IsBusy(err) && ctx.Err() == nil {
				// A writer held the lock longer than the busy timeout (an import's
				// bulk load): try again, later each time, up to 10 s apart.
				busy++
				if !rest(ctx, min(time.Duration(busy)*time.Second, 10*time.Second)) {
					return
				}
				continue
			}
			if err != nil {
				c.fillFailed(ctx, f, err)
				return
			}
			busy = 0
			if o.step != nil {
				o.step(f.table, after, to)
			}
			if f.table == FillRank {
				c.forgetLearned() // learned_types moved with product_rank
			}
			if to == 0 {
				c.setFill(func(s *FillState) {
					s.Table, s.Batches, s.Longest = "", s.Batches+1, max(s.Longest, took)
					s.done(f.table)
				})
				break
			}
			c.setFill(func(s *FillState) { s.Done, s.Batches, s.Longest = to, s.Batches+1, max(s.Longest, took) })
			if !rest(ctx, time.Since(start)) {
				return
			}
			// Writes go on during a fill: a step of merging between batches.
			if !c.mergeTurn(ctx, o) {
				return
			}
		}
	}
	c.setFill(func(s *FillState) { s.Took = time.Since(s.Started) })
}

// fillFailed records err as what stopped the fills, unless ctx ended (Close).
func (c *Catalog) fillFailed(ctx context.Context, f fillKind, err error) {
	if ctx.Err() != nil {
		return
	}
	c.setFill(func(s *FillState) { s.Err = fmt.Errorf("fill %s: %w", f.table, err) })
}

func (c *Catalog) setFill(change func(*FillState)) {
	c.fill.mu.Lock()
	defer c.fill.mu.Unlock()
	change(&c.fill.state)
}

// forgetLearned drops the learned view this process keeps, so that the next search
// reads learned_types again: a rank fill changes them without moving the version the
// view is kept by.
func (c *Catalog) forgetLearned() {
	c.learnedMu.Lock()
	defer c.learnedMu.Unlock()
	c.learned = nil
}

// rest waits d, or until ctx ends; it reports whether ctx is still live.
func rest(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// fillStep writes one batch of fill f in one transaction: the n products after the
// pending row's filled_to, read under the write lock, which it then moves to the last
// of them, or deletes when none was left. It returns the batch's rowids (after, to],
// to 0 when the fill is complete (or another process completed it), and how long it
// held the write lock.
func (c *Catalog) fillStep(ctx context.Context, f fillKind, n int) (after, to int64, took time.Duration, err error) {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	defer tx.Rollback()
	start := time.Now()
	err = tx.QueryRowContext(ctx, `SELECT filled_to FROM `+f.pending).Scan(&after)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, 0, nil
	}
	if err != nil {
		return 0, 0, 0, err
	}
	if to, err = f.batch(ctx, tx, after, n); err != nil {
		return 0, 0, 0, err
	}
	if to == 0 {
		_, err = tx.ExecContext(ctx, `DELETE FROM `+f.pending)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE `+f.pending+` SET filled_to = ?`, to)
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, 0, 0, err
	}
	return after, to, time.Since(start), nil
}
