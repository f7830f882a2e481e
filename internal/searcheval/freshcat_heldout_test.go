package searcheval

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// FreshHeldOut is the directory of the fresh catalog's held-out queries (lane
// freshacc): 60 queries over the fresh catalog — accessories asked for (several by
// a word their titles lack), products whose accessories abound, regional words and
// types named by another word, two-word things, nonsense sharing one word — written
// from the generator's types alone and committed before any search ran on them.
const FreshHeldOut = "freshcat-heldout"

// freshHeldOutFrozen is the SHA-256 of freshcat-heldout/queries.jsonl as committed.
const freshHeldOutFrozen = "5f2830b1cb635db6f993aff0f071ef44827133dff4c097767f46ad59f66d14a0"

var scoreFreshHeldOut = flag.Bool("fresh-heldout", false, "score the fresh catalog's held-out queries (totals per kind only; run it rarely: it measures whether fixes tuned on freshcat generalise)")

// TestFreshHeldOut holds the fresh held-out set frozen and judged (every query
// that wants something has an exact answer, nonsense none, known kinds and types);
// with -fresh-heldout it scores Search and plain BM25 on it and prints NDCG@10 per
// kind. It never prints a query's results, and no baseline holds it: it is read
// once per change of search, to see whether what was tuned on freshcat carries over.
//
//	go test -tags sqlite_fts5 -run TestFreshHeldOut -v ./internal/searcheval -fresh-heldout
func TestFreshHeldOut(t *testing.T) {
	probeFrozen(t, FreshHeldOut, freshHeldOutFrozen)
	_, items := freshGenerated()
	h, err := loadFreshSet(items, FreshHeldOut)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := loadFresh(items)
	if err != nil {
		t.Fatal(err)
	}
	dev2, err := loadFreshSet(items, FreshDev2)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range h.Queries {
		checkFreshJudged(t, h, q)
		if _, seen := dev.Grades[q.ID]; seen {
			t.Errorf("%q is a freshcat dev query too", q.Text)
		}
		if _, seen := dev2.Grades[q.ID]; seen {
			q := dev2Query(dev2, q.ID)
			t.Errorf("%s query %q is a held-out query too: drop it from %s", FreshDev2, q.Text, FreshDev2)
		}
	}
	if n := len(h.Queries); n < 40 || n > 60 {
		t.Errorf("%d queries, want 40 to 60", n)
	}
	if !*scoreFreshHeldOut {
		return
	}
	e := loadFreshEnv(t)
	ctx := context.Background()
	search, bm := kindScores{}, kindScores{}
	for _, q := range h.Queries {
		got, cut, err := e.search(ctx, q.Text)
		if err != nil {
			t.Fatalf("search %s: %v", q.ID, err)
		}
		if cut {
			t.Errorf("%s: every try ran out of Search's fallback time budget; the machine is too loaded to measure", q.ID)
		}
		b, err := e.bm25Search(ctx, q.Text)
		if err != nil {
			t.Fatalf("bm25 %s: %v", q.ID, err)
		}
		search[q.Kind] = append(search[q.Kind], Score(q, h.Grades[q.ID], got))
		bm[q.Kind] = append(bm[q.Kind], Score(q, h.Grades[q.ID], b))
	}
	var table strings.Builder
	fmt.Fprintf(&table, "fresh held-out (%d queries): NDCG@10 of Search and plain FTS5 BM25\n", len(h.Queries))
	fmt.Fprintf(&table, "%-11s %3s %7s %7s %7s\n", "kind", "n", "Search", "BM25", "Δ")
	for _, k := range append(slices.Clone(Kinds), "overall") {
		s, b, n := mean(search[k]), mean(bm[k]), len(search[k])
		if k == "overall" {
			s, b, n = search.overall(), bm.overall(), len(h.Queries)
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(&table, "%-11s %3d %7.3f %7.3f %+7.3f\n", k, n, s, b, s-b)
	}
	t.Log("\n" + table.String())
}

// dev2Query is the query of h with id (its text is a dev set's, safe to print).
func dev2Query(h Half, id string) Query {
	for _, q := range h.Queries {
		if q.ID == id {
			return q
		}
	}
	return Query{}
}
