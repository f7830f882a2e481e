package catalog

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// mergeWords make the text of mergeProducts: enough distinct words that the index of
// a few thousand products spans many pages.
var mergeWords = strings.Fields(`lantern tent stove kettle jacket boot glove scarf lamp rope
	canvas nylon wool cotton steel brass copper ceramic bamboo leather waterproof compact
	folding portable insulated rugged classic vintage modern heavy light red navy green`)

// mergeProducts makes n products from the from-th on, with ids m<from+i>.
func mergeProducts(from, n int) []Product {
	ps := make([]Product, n)
	for i := range ps {
		k := from + i
		w := func(j int) string { return mergeWords[(k*7+j*13)%len(mergeWords)] }
		ps[i] = Product{ID: "m" + strconv.Itoa(k), SellerID: "s",
			Title:        w(0) + " " + w(1) + " " + w(2) + " model " + strconv.Itoa(k),
			Description:  "A " + w(3) + " " + w(4) + " for " + w(5) + " days, part " + strconv.Itoa(k*31) + " of set " + strconv.Itoa(k%97),
			Availability: InStock, Price: money.Money{Amount: int64(100 + k), Currency: "USD"}}
	}
	return ps
}

var mergeSellers = []Seller{{ID: "s", Name: "Shop"}}

// mergeCatalog opens a catalog at a new path with fo, bulk-loads n products into it
// (one segment on level 1, as an import leaves a big catalog) and returns it with its
// path.
func mergeCatalog(t *testing.T, n int, fo fillOptions) (*Catalog, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalog.db")
	c := openFilled(t, path, fo)
	l, err := c.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Several segments, merged into one on level 1 at the end, as at a million.
	l.hashSize = 32 << 10
	if _, err := l.Upsert(ctx, UpsertOptions{}, mergeSellers, mergeProducts(0, n)); err != nil {
		t.Fatal(err)
	}
	if err := l.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return c, path
}

func shapeOf(t *testing.T, c *Catalog) IndexShape {
	t.Helper()
	s, err := c.IndexShape(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mergeAll runs merge steps of pages until one finds nothing to merge.
func mergeAll(t *testing.T, c *Catalog, pages int) int {
	t.Helper()
	steps := 0
	for {
		worked, err := c.MergeIndex(context.Background(), pages)
		if err != nil {
			t.Fatal(err)
		}
		if !worked {
			return steps
		}
		steps++
	}
}

// upsertOne upserts the k-th merge product, alone.
func upsertOne(t *testing.T, c *Catalog, k int) {
	t.Helper()
	if _, err := c.Upsert(context.Background(), mergeSellers, mergeProducts(k, 1)); err != nil {
		t.Fatal(err)
	}
}

// TestNoWriteCarriesAMerge counts what a write call does to the full-text index: it
// adds its one segment to level 0 and leaves every other level as it was, also while
// a merge of the big segment is unfinished, which FTS5's automerge would go on with
// inside the write (at a million products, 7-14 s in one upsert of ten).
func TestNoWriteCarriesAMerge(t *testing.T) {
	const bulk, writes = 1500, 40
	tests := []struct {
		name string
		// prepare leaves the index in the state the writes start from.
		prepare func(t *testing.T, c *Catalog, next *int)
	}{
		{"after a bulk load", func(*testing.T, *Catalog, *int) {}},
		{"while the big segment's merge is unfinished", func(t *testing.T, c *Catalog, next *int) {
			big := shapeOf(t, c).Levels[1].Segments[0]
			for range 3 {
				upsertOne(t, c, *next)
				*next++
			}
			// A negative budget merges every segment, the big one too (FTS5's
			// incremental optimize); 2 pages leave that merge unfinished.
			if _, err := c.MergeIndex(context.Background(), -2); err != nil {
				t.Fatal(err)
			}
			s := shapeOf(t, c)
			merging := false // by id: a merge under way trims the pages it has read
			for _, l := range s.Levels {
				merging = merging || slices.ContainsFunc(l.Segments[:l.Merging], func(g IndexSegment) bool { return g.ID == big.ID })
			}
			if !merging {
				t.Fatalf("the big segment %+v is not in an unfinished merge: %s", big, s)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := mergeCatalog(t, bulk, fillOptions{noMerge: true})
			next := bulk
			tc.prepare(t, c, &next)
			for i := range writes {
				before := shapeOf(t, c)
				upsertOne(t, c, next)
				next++
				after := shapeOf(t, c)
				// FTS5 may move whole segments between levels (its promotion of
				// small ones), which copies nothing; a merge makes segments or
				// grows the output of an unfinished one.
				if added, gone := segmentChange(before, after); len(added) != 1 || len(gone) != 0 || merges(before) != merges(after) {
					t.Fatalf("write %d merged inside the call: %s -> %s (segments added %v, gone or changed %v)", i, before, after, added, gone)
				}
			}
		})
	}
}

// segmentChange returns the segments of after that before has not (by id and pages)
// and those of before that after has not.
func segmentChange(before, after IndexShape) (added, gone []IndexSegment) {
	all := func(s IndexShape) []IndexSegment {
		var out []IndexSegment
		for _, l := range s.Levels {
			out = append(out, l.Segments...)
		}
		return out
	}
	b, a := all(before), all(after)
	for _, g := range a {
		if !slices.Contains(b, g) {
			added = append(added, g)
		}
	}
	for _, g := range b {
		if !slices.Contains(a, g) {
			gone = append(gone, g)
		}
	}
	return added, gone
}

// merges lists the unfinished merges of s: per level, how many segments one reads.
func merges(s IndexShape) string {
	out := ""
	for i, l := range s.Levels {
		if l.Merging > 0 {
			out += fmt.Sprintf("L%d:%d ", i, l.Merging)
		}
	}
	return out
}

// TestMergeBoundsLevel0 counts the level-0 segments after every one of many small
// writes: without merge steps the crisis merge keeps them under crisisSegments (and
// merges level 0 alone); with the background goroutine stepping (in one catalog, or
// in two catalogs on the same file, as two processes), fewer than FTS5's usermerge (4)
// are left once it has caught up, no merge is left unfinished, and the index is sound.
func TestMergeBoundsLevel0(t *testing.T) {
	const bulk, writes = 600, 150
	tests := []struct {
		name      string
		stepping  bool
		catalogs  int
		wantMost  int // the most level-0 segments after a write, when no steps run
		wantSteps bool
	}{
		{name: "no steps: the crisis merge bounds level 0", catalogs: 1, wantMost: crisisSegments - 1},
		{name: "background steps", stepping: true, catalogs: 1, wantSteps: true},
		{name: "background steps in two catalogs on one file", stepping: true, catalogs: 2, wantSteps: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fo := fillOptions{noMerge: !tc.stepping, mergePages: 20}
			c, path := mergeCatalog(t, bulk, fo)
			cs := []*Catalog{c}
			for len(cs) < tc.catalogs {
				cs = append(cs, openFilled(t, path, fo))
			}
			most, big := 0, shapeOf(t, c).Levels[1].Segments[0]
			for i := range writes {
				upsertOne(t, cs[i%len(cs)], bulk+i)
				s := shapeOf(t, c)
				most = max(most, s.Level0())
				if s.Level0() >= crisisSegments {
					t.Fatalf("write %d: %d level-0 segments (%s)", i, s.Level0(), s)
				}
				if _, gone := segmentChange(IndexShape{Levels: []IndexLevel{{Segments: []IndexSegment{big}}}}, s); !tc.stepping && len(gone) > 0 {
					t.Fatalf("write %d: a crisis merge reached the big segment: %s", i, s)
				}
			}
			if !tc.stepping {
				if most != tc.wantMost {
					t.Errorf("most level-0 segments after a write: %d, want %d", most, tc.wantMost)
				}
				return
			}
			s := waitMerged(t, c)
			if s.Level0() >= 4 || s.Merging() {
				t.Errorf("after the background steps: %s, want fewer than 4 level-0 segments and no unfinished merge", s)
			}
			steps := 0
			for _, c := range cs {
				steps += c.Merge().Steps
				if err := c.Merge().Err; err != nil {
					t.Errorf("a merge step failed: %v", err)
				}
			}
			if steps == 0 {
				t.Error("the background goroutine took no merge step")
			}
			ftsSound(t, c)
		})
	}
}

// waitMerged waits (a minute at most) for the background merging to leave fewer than 4
// level-0 segments and no unfinished merge, and returns the shape then.
func waitMerged(t *testing.T, c *Catalog) IndexShape {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		s := shapeOf(t, c)
		if s.Level0() < 4 && !s.Merging() || time.Now().After(deadline) {
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ftsSound runs FTS5's integrity check of the index against product_text.
func ftsSound(t *testing.T, c *Catalog) {
	t.Helper()
	if _, err := c.db.ExecContext(context.Background(), `INSERT INTO products_fts (products_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Errorf("integrity check: %v", err)
	}
}

// TestMergeKeepsResults holds the results of searches equal before and after merging
// an index of many segments to the end, each read by a catalog opened afresh (so that
// nothing a search kept in memory answers the second time).
func TestMergeKeepsResults(t *testing.T) {
	const bulk, writes = 800, 30
	c, path := mergeCatalog(t, bulk, fillOptions{noMerge: true})
	mergeWrites(t, c, bulk, writes)
	search := func() []string { return mergeSearches(t, path) }
	before, shape := search(), shapeOf(t, c)
	if shape.Level0() < 4 {
		t.Fatalf("too few segments to merge: %s", shape)
	}
	check := func(when string) {
		t.Helper()
		ftsSound(t, c)
		if got := search(); !slices.Equal(before, got) {
			t.Errorf("results changed by merging (%s, %s -> %s):\nbefore %q\n after %q", when, shape, shapeOf(t, c), before, got)
		}
	}
	// The background goroutine's steps (a positive budget): level 0 into level 1.
	if steps := mergeAll(t, c, 1); steps == 0 {
		t.Fatalf("nothing merged (%s)", shape)
	}
	if s := shapeOf(t, c); s.Level0() >= 4 || s.Segments() >= shape.Segments() {
		t.Fatalf("merging left %s from %s", s, shape)
	}
	check("level 0 merged")
	// Then everything, big segment included, a page a step (FTS5's incremental
	// optimize), searched also while that merge is unfinished.
	steps := 0
	for {
		worked, err := c.MergeIndex(context.Background(), -1)
		if err != nil {
			t.Fatal(err)
		}
		if !worked {
			break
		}
		if steps++; steps == 3 {
			if s := shapeOf(t, c); !s.Merging() {
				t.Fatalf("no merge unfinished after 3 steps of a page: %s", s)
			}
			check("a merge unfinished")
		}
	}
	if s := shapeOf(t, c); steps < 3 || s.Segments() != 1 {
		t.Fatalf("merged in %d steps into %s", steps, s)
	}
	check("merged into one segment")
}

// mergeSearches returns the results of a few searches of the merge products, read by a
// catalog opened afresh at path that merges nothing (so that nothing a search kept in
// memory answers).
func mergeSearches(t *testing.T, path string) []string {
	t.Helper()
	queries := []Query{{Text: "lantern"}, {Text: "waterproof jacket"}, {Text: "refreshed"}, {Text: "model 805"},
		{Text: "copper", Sort: SortPriceAsc}, {Text: "insul"}, {Text: "navy wool scarf", Limit: 50}}
	c, err := open(context.Background(), path, ReadPool{}, fillOptions{noMerge: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// "navy wool scarf" is answered by the fallback; under load its default budget
	// can cut it short (nothing found, with a note), which is not what is compared.
	c.SetFallbackBudget(time.Minute)
	var out []string
	for _, q := range queries {
		res, err := c.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{q.Text, strconv.Itoa(res.Total)}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		out = append(out, strings.Join(ids, " "))
	}
	return out
}

// mergeWrites upserts writes products one at a time into c, a catalog of bulk merge
// products, one upsert each: changes as well as additions (an update leaves its
// old text to delete), every title gaining "refreshed".
func mergeWrites(t *testing.T, c *Catalog, bulk, writes int) {
	t.Helper()
	for i := range writes {
		k := bulk + i
		if i%3 == 0 {
			k = i * 7
		}
		p := mergeProducts(k, 1)
		p[0].Title += " refreshed"
		if _, err := c.Upsert(context.Background(), mergeSellers, p); err != nil {
			t.Fatal(err)
		}
	}
}

// mergeChildEnv names, for the child processes of TestMergeKilledAndShared, the
// catalog they merge; mergePacedEnv makes a child wait for a line on its stdin after
// each step, so that the one killed part-way cannot finish the merge before its kill
// lands (on a loaded machine it could run many steps between printing its third and
// the kill).
const (
	mergeChildEnv = "CATALOG_MERGE_CHILD"
	mergePacedEnv = "CATALOG_MERGE_PACED"
)

// TestMergeKilledAndShared has a process merge an index into one segment a page a
// step and kills it with SIGKILL part-way (its unfinished merge left in the index's
// structure record); two more processes, at once, go on with it: the index stays
// sound, every search answers as before merging, and nothing is left to merge.
func TestMergeKilledAndShared(t *testing.T) {
	if path := os.Getenv(mergeChildEnv); path != "" {
		mergeChild(path, os.Getenv(mergePacedEnv) != "")
		return
	}
	const bulk, writes = 800, 30
	c, path := mergeCatalog(t, bulk, fillOptions{noMerge: true})
	mergeWrites(t, c, bulk, writes)
	before, shape := mergeSearches(t, path), shapeOf(t, c)
	if shape.Level0() < 4 {
		t.Fatalf("too few segments to merge: %s", shape)
	}
	// The first is killed after its third step, waiting to be let take a fourth: its
	// merge unfinished.
	cmd, out, in := startChild(t, "^TestMergeKilledAndShared$", mergeChildEnv+"="+path, mergePacedEnv+"=1")
	sc := bufio.NewScanner(out)
	for n := 0; n < 3; {
		if !sc.Scan() {
			t.Fatalf("the first child ended before its third step: %v", sc.Err())
		}
		if sc.Text() == "step" {
			if n++; n < 3 {
				fmt.Fprintln(in, "go on")
			}
		}
	}
	cmd.Process.Kill()
	cmd.Wait()
	if s := shapeOf(t, c); !s.Merging() {
		t.Fatalf("no merge unfinished after the kill: %s", s)
	}
	// Two more, started at once, go on with it to the end.
	var cmds [2]*exec.Cmd
	var scs [2]*bufio.Scanner
	for i := range cmds {
		cmd, out, _ := startChild(t, "^TestMergeKilledAndShared$", mergeChildEnv+"="+path)
		cmds[i], scs[i] = cmd, bufio.NewScanner(out)
	}
	for i, sc := range scs {
		last := ""
		for sc.Scan() {
			if last = sc.Text(); last == "done" || strings.HasPrefix(last, "error") {
				break
			}
		}
		if last != "done" {
			t.Fatalf("child %d: %q, want done", i+2, last)
		}
		cmds[i].Process.Kill()
		cmds[i].Wait()
	}
	ftsSound(t, c)
	if got := mergeSearches(t, path); !slices.Equal(before, got) {
		t.Errorf("results changed by merging (%s -> %s):\nbefore %q\n after %q", shape, shapeOf(t, c), before, got)
	}
	if s := shapeOf(t, c); s.Merging() || s.Segments() != 1 {
		t.Errorf("the processes left %s (from %s)", s, shape)
	}
	if worked, err := c.MergeIndex(context.Background(), -1); err != nil || worked {
		t.Errorf("a step after both: worked %v, %v; want nothing left to merge", worked, err)
	}
}

// mergeChild opens the catalog at path and steps the whole index into one segment a
// page at a time (FTS5's incremental optimize), printing "step" after each step that
// merged (and, paced, waiting for a line on stdin before the next), until one finds
// nothing, then prints "done" and waits to be killed.
func mergeChild(path string, paced bool) {
	ctx := context.Background()
	stdin := bufio.NewReader(os.Stdin)
	c, err := open(ctx, path, ReadPool{}, fillOptions{noMerge: true})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	for {
		worked, err := c.MergeIndex(ctx, -1)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		if !worked {
			break
		}
		fmt.Println("step")
		if paced {
			stdin.ReadString('\n')
		}
	}
	fmt.Println("done")
	time.Sleep(time.Minute) // killed before this ends
}
