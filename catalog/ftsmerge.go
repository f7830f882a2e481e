package catalog

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/sqlite"
)

// Merging the full-text index out of write calls. FTS5 keeps its index in segments
// on levels: every transaction that writes product text adds one small segment to
// level 0, and merging a level's segments makes one segment on the next. Left to
// itself (automerge, crisismerge) FTS5 merges inside the write that crosses a
// threshold, and at a million products that write pays for the import's one big
// segment (51,443 pages): about one upsert of ten in 240 took 7-14 s.
//
// Migration 0044 turns FTS5's own merging off (automerge 0) and raises its crisis
// merge to crisisSegments segments on a level. The Catalog's background goroutine, the
// one that runs the fills (fill.go), merges instead: a write of product text (an
// upsert, a batch of an import) wakes it once committed, and it then runs FTS5's
// 'merge' command, mergePages leaf pages at a time, each step a short write
// transaction of its own, resting as long as the step took between steps so that
// writers get the write lock, until a step finds nothing to merge (no level has
// FTS5's usermerge, 4, segments and no merge is unfinished). A step is SQLite's own
// transaction: a kill -9 loses at most the step under way, and the unfinished merge
// it belongs to is in the index's structure record, so the next Open (which wakes the
// goroutine once) or any other process goes on with it; two processes stepping the
// same index take turns at the write lock, each reading the structure FTS5 left.
//
// What bounds level 0 when writes come faster than steps: FTS5 goes on with an
// unfinished merge before anything else, so while the big segment is being merged
// (257 steps at a million products) steps leave level 0 alone and it gains one
// segment per write. The crisis merge bounds it: the write that brings a level to
// crisisSegments merges that level's segments, and only those, inside the write; on
// level 0 that is the text of the last crisisSegments writes (a few hundred pages),
// not the big segment. It adds one segment to level 1, so for a crisis merge to reach
// the big segment on its level, crisisSegments² writes would have to come while one
// merge is unfinished: at a million products 4,096 writes against 257 steps. So a
// search reads at most crisisSegments-1 level-0 segments, and fewer than 4 once the
// goroutine has caught up (TestMergeBoundsLevel0).
const (
	mergePages     = 200 // leaf pages one merge step writes, at most (about 16 ms, 451 ms at worst, loaded, at 1M)
	crisisSegments = 64  // migration 0044's crisismerge
)

// MergeState is what the background merging of the full-text index has done in this
// process.
type MergeState struct {
	Steps   int           // merge steps that merged something
	Total   time.Duration // their time together
	Longest time.Duration // the longest, as long as a writer may wait for one
	// Recent holds the times of the last mergeKeep steps, oldest first.
	Recent []time.Duration
	// Err is the last error a step failed with (other than a busy database, which it
	// tries again); the next write wakes the merging again.
	Err error
}

// mergeKeep is how many step times MergeState.Recent keeps.
const mergeKeep = 4096

// merger is the state of a Catalog's background merging.
type merger struct {
	wake    chan struct{} // a write of product text committed (capacity 1)
	pending bool          // the background goroutine's alone: a step may find work
	mu      sync.Mutex
	state   MergeState
}

// wakeMerge tells the background goroutine that a write of product text committed.
func (c *Catalog) wakeMerge() {
	select {
	case c.merge.wake <- struct{}{}:
	default: // woken already
	}
}

// Merge returns what the background merging has done.
func (c *Catalog) Merge() MergeState {
	c.merge.mu.Lock()
	defer c.merge.mu.Unlock()
	s := c.merge.state
	s.Recent = append([]time.Duration(nil), s.Recent...)
	return s
}

// MergeIndex runs one step of merging the full-text index, writing at most pages
// leaf pages, in a transaction of its own, and reports whether there was anything to
// merge. The background goroutine runs it after writes; bench and tests call it to
// finish merging.
func (c *Catalog) MergeIndex(ctx context.Context, pages int) (bool, error) {
	return c.mergeIndex(ctx, pages, true)
}

// mergeIndex is MergeIndex; unless wait, it fails at once with a busy error while
// another writer holds the lock, so that the background goroutine never holds one of
// the writers' connections while it waits (it rests and tries again instead).
func (c *Catalog) mergeIndex(ctx context.Context, pages int, wait bool) (bool, error) {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("merge the search index: %w", err)
	}
	defer conn.Close()
	if !wait {
		restore, err := noBusyWait(ctx, conn)
		if err != nil {
			return false, fmt.Errorf("merge the search index: %w", err)
		}
		defer restore()
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("merge the search index: %w", err)
	}
	defer tx.Rollback()
	// FTS5's way of telling whether 'merge' did anything: it changes at least two
	// rows (the structure record and a page) when it does.
	var before, after int64
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
		return false, fmt.Errorf("merge the search index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO products_fts (products_fts, rank) VALUES ('merge', ?)`, pages); err != nil {
		return false, fmt.Errorf("merge the search index: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
		return false, fmt.Errorf("merge the search index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("merge the search index: %w", err)
	}
	return after-before >= 2, nil
}

// mergeTurn takes one turn of the background merging, if a write woke it or the last
// step found work: one step, then a rest as long as it took. It returns false when ctx
// ended.
func (c *Catalog) mergeTurn(ctx context.Context, o fillOptions) bool {
	select {
	case <-c.merge.wake:
		c.merge.pending = true
	default:
	}
	if !c.merge.pending || o.noMerge {
		return ctx.Err() == nil
	}
	pages := o.mergePages
	if pages == 0 {
		pages = mergePages
	}
	// Nothing to merge (no level of FTS5's usermerge, 4, segments, no merge unfinished):
	// read so, without taking the write lock.
	if sh, err := c.IndexShape(ctx); err == nil && !sh.Merging() && !slices.ContainsFunc(sh.Levels, func(l IndexLevel) bool { return len(l.Segments) >= 4 }) {
		c.merge.pending = false
		return ctx.Err() == nil
	}
	start := time.Now()
	worked, err := c.mergeIndex(ctx, pages, false)
	took := time.Since(start)
	switch {
	case err != nil && sqlite.IsBusy(err):
		// A writer holds the lock: it goes first; try again after a rest.
		return rest(ctx, 50*time.Millisecond)
	case err != nil:
		if ctx.Err() != nil {
			return false
		}
		c.merge.pending = false
		c.merge.mu.Lock()
		c.merge.state.Err = err
		c.merge.mu.Unlock()
		return true
	}
	c.merge.pending = worked
	if worked {
		c.merge.mu.Lock()
		s := &c.merge.state
		s.Steps, s.Total, s.Longest = s.Steps+1, s.Total+took, max(s.Longest, took)
		if len(s.Recent) == mergeKeep {
			s.Recent = s.Recent[1:]
		}
		s.Recent = append(s.Recent, took)
		c.merge.mu.Unlock()
		if o.mergeStep != nil {
			o.mergeStep()
		}
	}
	return rest(ctx, took)
}

// runMerges merges the full-text index after writes until ctx ends (Close).
func (c *Catalog) runMerges(ctx context.Context, o fillOptions) {
	if o.noMerge {
		<-ctx.Done()
		return
	}
	for {
		if !c.merge.pending {
			select {
			case <-ctx.Done():
				return
			case <-c.merge.wake:
				c.merge.pending = true
			}
		}
		if !c.mergeTurn(ctx, o) {
			return
		}
	}
}
