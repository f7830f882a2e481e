package searcheval

import (
	"flag"
	"fmt"
	"path/filepath"
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

// FreshHeldOut2 is the directory of the fresh catalog's second held-out set (lane
// heldout2): 60 queries — 25 accessories (several by a word their titles lack), 10
// types named by another word, a regional word or an abbreviation, 10 nonsense
// (several sharing one catalog word), 10 sentences of a need, 5 typos — written
// from the generator's types alone, without reading the first held-out set, and
// committed before any search ran on them.
const FreshHeldOut2 = "freshcat-heldout2"

// freshHeldOut2Frozen is the SHA-256 of freshcat-heldout2/queries.jsonl as committed.
const freshHeldOut2Frozen = "f251c5aac3e784fa836b40ff71dbf61bf0f0714424cc0f3e55bb4f81e451cf95"

// FreshHeldOut3 is the directory of the fresh catalog's third held-out set (lane
// dev3): 60 queries — 25 accessories (most by a word their titles lack), 10 types
// named by another word, a regional word or a brand used as a generic word, 10
// nonsense (most sharing one catalog word), 10 sentences of a need, 5 typos —
// written from the generator's types alone, without reading the other held-out
// sets, before freshcat-dev3 was written, and committed before any search ran on
// them.
const FreshHeldOut3 = "freshcat-heldout3"

// freshHeldOut3Frozen is the SHA-256 of freshcat-heldout3/queries.jsonl as committed.
const freshHeldOut3Frozen = "81b1917572774910bfa1dcaf7559d608daaca2aff9f7a7ac59ddc66d77c9340c"

// FreshHeldOut4 is the directory of the fresh catalog's fourth held-out set (lane
// dev4): 60 queries — 20 accessories (most by a word their titles lack), 12 types
// named by another word (a regional word, an abbreviation, a brand used as a
// generic word, a split or joined compound), 12 nonsense (most sharing one catalog
// word), 12 shopper sentences, 4 typos — written from the generator's types alone,
// without reading the other held-out sets, before freshcat-dev4 was written, and
// committed before any search ran on them.
const FreshHeldOut4 = "freshcat-heldout4"

// freshHeldOut4Frozen is the SHA-256 of freshcat-heldout4/queries.jsonl as committed.
const freshHeldOut4Frozen = "ce06fea36729607ecff55aed40d80132dd3cbe207713219e1c1e2f6f30e6cc2b"

var (
	scoreFreshHeldOut  = flag.Bool("fresh-heldout", false, "score the fresh catalog's held-out queries (totals per kind only; run it rarely: it measures whether fixes tuned on freshcat generalise)")
	scoreFreshHeldOut2 = flag.Bool("fresh-heldout2", false, "score the fresh catalog's second held-out queries (totals per kind only; run it rarely, like -fresh-heldout)")
	scoreFreshHeldOut3 = flag.Bool("fresh-heldout3", false, "score the fresh catalog's third held-out queries (totals per kind only; run it rarely, like -fresh-heldout)")
	dev6Check          = flag.Bool("dev6-check", false, "print the figures and results of freshcat-dev6's check half (read it once, at the end of a change tuned on its other half)")
	scoreFreshHeldOut4 = flag.Bool("fresh-heldout4", false, "score the fresh catalog's fourth held-out queries (totals per kind only; run it rarely, like -fresh-heldout)")
)

// freshSets are the fresh catalog's query sets; no query text is in two of them.
var freshSets = []string{FreshCat, FreshDev2, FreshDev3, FreshDev4, FreshDev5, FreshDevSentences, FreshDev6, FreshDev7, FreshDev9, FreshHeldOut, FreshHeldOut2, FreshHeldOut3, FreshHeldOut4}

// TestFreshHeldOut holds the fresh held-out set frozen and judged; with
// -fresh-heldout it scores it (see testFreshHeldOut).
//
//	go test -tags sqlite_fts5 -run 'TestFreshHeldOut$' -v ./internal/searcheval -fresh-heldout
func TestFreshHeldOut(t *testing.T) {
	testFreshHeldOut(t, FreshHeldOut, freshHeldOutFrozen, *scoreFreshHeldOut)
}

// TestFreshHeldOut2 holds the second fresh held-out set frozen and judged; with
// -fresh-heldout2 it scores it (see testFreshHeldOut).
//
//	go test -tags sqlite_fts5 -run 'TestFreshHeldOut2$' -v ./internal/searcheval -fresh-heldout2
func TestFreshHeldOut2(t *testing.T) {
	testFreshHeldOut(t, FreshHeldOut2, freshHeldOut2Frozen, *scoreFreshHeldOut2)
}

// TestFreshHeldOut3 holds the third fresh held-out set frozen and judged; with
// -fresh-heldout3 it scores it (see testFreshHeldOut).
//
//	go test -tags sqlite_fts5 -run 'TestFreshHeldOut3$' -v ./internal/searcheval -fresh-heldout3
func TestFreshHeldOut3(t *testing.T) {
	testFreshHeldOut(t, FreshHeldOut3, freshHeldOut3Frozen, *scoreFreshHeldOut3)
}

// TestFreshHeldOut4 holds the fourth fresh held-out set frozen and judged; with
// -fresh-heldout4 it scores it (see testFreshHeldOut).
//
//	go test -tags sqlite_fts5 -run 'TestFreshHeldOut4$' -v ./internal/searcheval -fresh-heldout4
func TestFreshHeldOut4(t *testing.T) {
	testFreshHeldOut(t, FreshHeldOut4, freshHeldOut4Frozen, *scoreFreshHeldOut4)
}

// testFreshHeldOut holds the held-out set name as checkFreshSet does, with 40 to 60
// queries; when score is set it scores Search and plain BM25 on it and prints NDCG@10
// per kind. It never prints a query's results, and no baseline holds it: it is read
// once per change of search, to see whether what was tuned on freshcat carries over.
func testFreshHeldOut(t *testing.T, name, frozen string, score bool) {
	h := checkFreshSet(t, name, frozen)
	if n := len(h.Queries); n < 40 || n > 60 {
		t.Errorf("%d queries, want 40 to 60", n)
	}
	if !score {
		return
	}
	e := loadFreshEnv(t)
	search, bm := scoreBoth(t, e, h.Queries, h.Grades)
	var table strings.Builder
	fmt.Fprintf(&table, "%s (%d queries): NDCG@10 of Search and plain FTS5 BM25\n", name, len(h.Queries))
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

// checkFreshSet holds the fresh set name frozen by SHA-256 and judged (every query
// that wants something has an exact answer, nonsense none, known kinds and types;
// checkFreshJudged), with none of its texts in another of freshSets, and returns it
// judged over the fresh catalog. It runs no search.
func checkFreshSet(t *testing.T, name, frozen string) Half {
	t.Helper()
	probeFrozen(t, name, frozen)
	_, items := freshGenerated()
	h, err := loadFreshSet(items, name)
	if err != nil {
		t.Fatal(err)
	}
	others := map[string]string{} // query text → the other set holding it
	for _, o := range freshSets {
		if o == name {
			continue
		}
		qs, err := ReadQueries(filepath.Join(dir, o, "queries.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			others[sameText(q.Text)] = o
		}
	}
	for _, q := range h.Queries {
		checkFreshJudged(t, h, q)
		if o, seen := others[sameText(q.Text)]; seen {
			t.Errorf("%q is a %s query too", q.Text, o)
		}
	}
	return h
}

// sameText is a query's text as compared across sets: lower case, words single-spaced.
func sameText(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
