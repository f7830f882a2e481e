package searcheval

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
)

var crossSet = flag.Bool("crossset", false, "TestCrossSet: score Search and plain BM25 on every dev set (never a held-out set, an unseen probe or a check half) and print them side by side per set and kind")

// crossSetNames are the dev sets TestCrossSet scores, in the order it prints them:
// the judged catalog's dev half and dev probes, then the fresh catalog's dev sets
// (of freshcat-dev5 and freshcat-dev6 only the tune half). Held-out sets, the unseen
// probes and the check halves are not among them, and never are.
var crossSetNames = []string{
	Dev, Probe, ProbeNoNeed, ProbeStory, ProbeGift,
	FreshCat, FreshDevSentences, FreshDev2, FreshDev3, FreshDev4, FreshDev5 + "/tune", FreshDev6 + "/tune",
}

// crossQuery is one query of a dev set with what Search and plain BM25 returned for it.
type crossQuery struct {
	set    string
	q      Query
	grades map[string]int
	search []string
	bm25   []string
}

// loadCrossSet loads the dev set name of crossSetNames with its catalog.
func loadCrossSet(t *testing.T, name string) (*env, Half, []Query) {
	t.Helper()
	if Unseen(name) || strings.HasSuffix(name, "/check") || strings.HasPrefix(name, "freshcat-heldout") {
		t.Fatalf("%s is not a dev set", name)
	}
	var e *env
	var h Half
	var err error
	base, half, _ := strings.Cut(name, "/")
	switch {
	case base == Dev:
		e = loadEnv(t)
		h, err = LoadHalf(dir, base)
	case !strings.HasPrefix(base, FreshCat):
		e = loadEnv(t)
		h, err = LoadProbe(dir, base, e.items)
	default:
		e = loadFreshEnv(t)
		h, err = loadFreshSet(e.items, base)
	}
	if err != nil {
		t.Fatal(err)
	}
	qs := h.Queries
	if half != "" {
		tune, _, split := freshTuneCheck(base, h.Queries)
		if !split || half != "tune" {
			t.Fatalf("%s: no such half", name)
		}
		qs = tune
	}
	return e, h, qs
}

// runCrossSets runs every query of the dev sets through Search and plain BM25.
func runCrossSets(t *testing.T) []crossQuery {
	t.Helper()
	ctx := context.Background()
	var out []crossQuery
	for _, name := range crossSetNames {
		e, h, qs := loadCrossSet(t, name)
		for _, q := range qs {
			got, cut, err := e.search(ctx, q.Text)
			if err != nil {
				t.Fatalf("search %s: %v", q.ID, err)
			}
			if cut {
				t.Errorf("%s %s: every try ran out of Search's fallback time budget; the machine is too loaded to measure", name, q.ID)
			}
			b, err := e.bm25Search(ctx, q.Text)
			if err != nil {
				t.Fatalf("bm25 %s: %v", q.ID, err)
			}
			out = append(out, crossQuery{set: name, q: q, grades: h.Grades[q.ID], search: got, bm25: b})
		}
	}
	return out
}

// crossCell is one set × kind of the cross-set table.
type crossCell struct {
	set, kind    string
	n            int
	search, bm25 float64
}

// crossTable averages the scores of rs per set and kind, sets in crossSetNames'
// order and kinds in Kinds' order; score gives one query's Search score.
func crossTable(rs []crossQuery, score func(crossQuery) float64) []crossCell {
	type key struct{ set, kind string }
	s, b := map[key][]float64{}, map[key][]float64{}
	for _, r := range rs {
		k := key{r.set, r.q.Kind}
		s[k] = append(s[k], score(r))
		b[k] = append(b[k], Score(r.q, r.grades, r.bm25))
	}
	var out []crossCell
	for _, set := range crossSetNames {
		for _, kind := range Kinds {
			k := key{set, kind}
			if len(s[k]) > 0 {
				out = append(out, crossCell{set, kind, len(s[k]), mean(s[k]), mean(b[k])})
			}
		}
	}
	return out
}

// formatCrossTable prints cells as the cross-set table: one line a set and kind,
// then the cells where Search is below BM25 (how many, their summed deficit, and
// the deficit weighted by their queries), and the mean over sets of each set's
// overall score.
func formatCrossTable(cells []crossCell) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-28s %-11s %3s %7s %7s %7s\n", "set", "kind", "n", "Search", "BM25", "Δ")
	below, deficit, queries := 0, 0.0, 0.0
	var worst []string
	for _, c := range cells {
		mark := ""
		if c.search < c.bm25 {
			below++
			deficit += c.bm25 - c.search
			queries += float64(c.n) * (c.bm25 - c.search)
			mark = "  <"
			worst = append(worst, fmt.Sprintf("%s %s %+.3f", c.set, c.kind, c.search-c.bm25))
		}
		fmt.Fprintf(&b, "%-28s %-11s %3d %7.3f %7.3f %+7.3f%s\n", c.set, c.kind, c.n, c.search, c.bm25, c.search-c.bm25, mark)
	}
	fmt.Fprintf(&b, "cells where Search is below BM25: %d of %d, total deficit %.3f (%.1f queries' worth)\n", below, len(cells), deficit, queries)
	for _, w := range worst {
		fmt.Fprintf(&b, "  %s\n", w)
	}
	return b.String()
}

// setMeans is the mean over the sets of cells of each set's overall scores (every
// query of the set counting once): Search's and BM25's.
func setMeans(cells []crossCell) (search, bm25 float64, perSet map[string][2]float64) {
	type acc struct{ n, s, b float64 }
	by := map[string]*acc{}
	for _, c := range cells {
		a := by[c.set]
		if a == nil {
			a = &acc{}
			by[c.set] = a
		}
		a.n += float64(c.n)
		a.s += float64(c.n) * c.search
		a.b += float64(c.n) * c.bm25
	}
	perSet = map[string][2]float64{}
	for set, a := range by {
		perSet[set] = [2]float64{a.s / a.n, a.b / a.n}
		search += a.s / a.n
		bm25 += a.b / a.n
	}
	return search / float64(len(by)), bm25 / float64(len(by)), perSet
}

// TestCrossSet prints, for every dev set and kind, NDCG@10 of Search beside plain
// BM25, the cells where Search is below it, and each set's overall with their mean:
// what a change does on every set at once, not on the one it was tuned on. It checks
// nothing (TestSearchQuality and TestFreshSearch hold the baselines); -no-groups and
// -no-needs work here too.
//
//	go test -tags sqlite_fts5 -count=1 -run TestCrossSet -crossset -v ./internal/searcheval
func TestCrossSet(t *testing.T) {
	if !*crossSet {
		t.Skip("the cross-set table runs with -crossset")
	}
	rs := runCrossSets(t)
	cells := crossTable(rs, func(r crossQuery) float64 { return Score(r.q, r.grades, r.search) })
	var b strings.Builder
	fmt.Fprintf(&b, "NDCG@10 of Search and plain FTS5 BM25 on every dev set, per kind")
	if partial() {
		fmt.Fprintf(&b, " (vocabulary less:%s%s)", map[bool]string{true: " needs"}[*noNeeds], map[bool]string{true: " groups"}[*noGroups])
	}
	fmt.Fprintf(&b, "\n%s", formatCrossTable(cells))
	fmt.Fprintf(&b, "%s", crossQueries(rs))
	s, bm, per := setMeans(cells)
	fmt.Fprintf(&b, "overall per set (Search / BM25):\n")
	for _, set := range crossSetNames {
		if v, ok := per[set]; ok {
			fmt.Fprintf(&b, "  %-28s %.3f / %.3f\n", set, v[0], v[1])
		}
	}
	fmt.Fprintf(&b, "mean over %d sets: Search %.3f, BM25 %.3f\n", len(per), s, bm)
	t.Log("\n" + b.String())
	if len(per) != len(crossSetNames) || slices.ContainsFunc(crossSetNames, Unseen) {
		t.Errorf("scored %d sets of %d", len(per), len(crossSetNames))
	}
}

// crossQueries counts, per kind over every dev set, the queries that go wrong in
// the ways a reading can: a query that wants something scored below plain BM25, one
// that wants something answered with nothing, and a nonsense query answered with
// products.
func crossQueries(rs []crossQuery) string {
	type count struct {
		n, below, empty, answered int
		belowLost, emptyLost      float64 // BM25's score less Search's, summed
	}
	by := map[string]*count{}
	for _, r := range rs {
		c := by[r.q.Kind]
		if c == nil {
			c = &count{}
			by[r.q.Kind] = c
		}
		c.n++
		switch {
		case r.q.Intent.Nothing:
			if len(r.search) > 0 {
				c.answered++
			}
		case len(r.search) == 0:
			c.empty++
			c.emptyLost += Score(r.q, r.grades, r.bm25)
		case Score(r.q, r.grades, r.search) < Score(r.q, r.grades, r.bm25):
			c.below++
			c.belowLost += Score(r.q, r.grades, r.bm25) - Score(r.q, r.grades, r.search)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "queries per kind over the dev sets: below BM25 (with results) / nothing for a request / nonsense answered;\n  lost: BM25's NDCG@10 less Search's, summed over those queries\n")
	for _, k := range Kinds {
		if c := by[k]; c != nil {
			fmt.Fprintf(&b, "  %-11s %4d: %3d below (lost %5.2f), %3d nothing (lost %5.2f), %3d answered\n", k, c.n, c.below, c.belowLost, c.empty, c.emptyLost, c.answered)
		}
	}
	return b.String()
}
