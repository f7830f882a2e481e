package searcheval

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

var crossDump = flag.String("crossset-features", "", "TestCrossSet: write every dev query's scores and reading features to this file (TSV)")

var crossAgainst = flag.String("crossset-against", "", "TestCrossSet: compare this run with the per-query scores an earlier run wrote (-crossset-features), set by set, paired")

var crossKind = flag.String("crossset-kind", "", "TestCrossSet: also list every dev query of this kind (\"sentence\", …): set, Search's and BM25's NDCG@10, how Search read it, and the first three products of each with their grades")

var crossSet = flag.Bool("crossset", false, "TestCrossSet: score Search and plain BM25 on every dev set (never a held-out set, an unseen probe or a check half) and print them side by side per set and kind")

// crossSetNames are the dev sets TestCrossSet scores, in the order it prints them:
// the judged catalog's dev half and dev probes, then the fresh catalog's dev sets
// (of freshcat-dev5, freshcat-dev6, freshcat-dev7 and freshcat-dev9 only the tune half), then the new user's shops'
// dev queries, each over its own catalog, and the tune halves of the pet and kitchen
// shops (shops3, shops4) of the cycling shop (shops8), the toy shop (shops9), the outdoor shop (shops11) and the family clothing shop (shops13) and the drugstore (shops14), and the tune halves of the shop sentence sets. Held-out sets, the unseen
// probes and the check halves are not among them, and never are.
var crossSetNames = []string{
	Dev, Probe, ProbeNoNeed, ProbeStory, ProbeGift,
	FreshCat, FreshDevSentences, FreshDev2, FreshDev3, FreshDev4, FreshDev5 + "/tune", FreshDev6 + "/tune", FreshDev7 + "/tune", FreshDev9 + "/tune",
	ShopsDev + "/music", ShopsDev + "/hardware", Shops3 + "/tune", Shops4 + "/tune", Shops8 + "/tune", Shops9 + "/tune", Shops11 + "/tune", Shops13 + "/tune", Shops14 + "/tune",
	ShopSentences + "/music/tune", ShopSentences + "/hardware/tune", ShopSentences + "/kitchen/tune",
}

// crossQuery is one query of a dev set with what Search and plain BM25 returned for it.
type crossQuery struct {
	set    string
	q      Query
	grades map[string]int
	search []string
	bm25   []string
	f      readingFeatures
	// titles are the titles of the products of search and bm25 (-crossset-kind only).
	titles map[string]string
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
	if base == ShopSentences {
		// A shop sentence set's tune half (never its check half).
		shop, h2, _ := strings.Cut(half, "/")
		i := slices.IndexFunc(shopSentenceSets, func(s shopSentenceSet) bool { return s.shop == shop })
		if i < 0 || h2 != "tune" {
			t.Fatalf("%s: no such set or half", name)
		}
		s := shopSentenceSets[i]
		e, h := loadShopSentenceSet(t, s.shop, s.file, s.kitchen)
		tune, _ := shopSentenceHalves(h.Queries)
		return e, h, tune
	}
	if s := heldOutShops[base]; s != nil {
		// A held-out shop's tune half (never its check half).
		if half != "tune" {
			t.Fatalf("%s: no such half", name)
		}
		e, h := s.tuneHalf(t)
		return e, h, h.Queries
	}
	if base == ShopsDev {
		// A shop's own catalog and its dev queries (never ShopsHeldOut's).
		e = loadShopEnv(t, half)
		qs, err := shopQueries(ShopsDev, half)
		if err == nil {
			h, err = judgeShop(name, qs, e.items)
		}
		if err != nil {
			t.Fatal(err)
		}
		return e, h, h.Queries
	}
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
			res, cut, err := e.searchResult(ctx, q.Text)
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
			got := make([]string, len(res.Hits))
			for i, h := range res.Hits {
				got[i] = h.ID
			}
			r := crossQuery{set: name, q: q, grades: h.Grades[q.ID], search: got, bm25: b, f: featuresOf(e, q.Text, res, b)}
			if *crossKind == q.Kind {
				r.titles = map[string]string{}
				for _, id := range append(slices.Clone(got), b...) {
					r.titles[id] = e.byID[id].Product.Title
				}
			}
			out = append(out, r)
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
	if *crossKind != "" {
		t.Log("\n" + kindQueries(rs, *crossKind))
	}
	if *crossAgainst != "" {
		t.Log("\n" + compareCross(t, rs, *crossAgainst))
	}
	if *crossDump != "" {
		dumpFeatures(t, rs, *crossDump)
	}
	if len(per) != len(crossSetNames) || slices.ContainsFunc(crossSetNames, Unseen) {
		t.Errorf("scored %d sets of %d", len(per), len(crossSetNames))
	}
}

// kindQueries lists every query of kind in rs: its set, Search's and BM25's NDCG@10,
// the path Search read it by, and the first three products of each ranking with
// their grades; a query where Search is below BM25 is marked "<".
func kindQueries(rs []crossQuery, kind string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s queries of every dev set (Search, BM25, how Search read it; first three of each [grade])\n", kind)
	for _, r := range rs {
		if r.q.Kind != kind {
			continue
		}
		s, bm := Score(r.q, r.grades, r.search), Score(r.q, r.grades, r.bm25)
		mark := ""
		if s < bm {
			mark = " <"
		}
		path := r.f.path
		if r.f.empty {
			path = "nothing"
		}
		fmt.Fprintf(&b, "%-24s %.3f %.3f%s %q [%s]\n", r.set, s, bm, mark, r.q.Text, path)
		for _, part := range []struct {
			name string
			ids  []string
		}{{"S", r.search}, {"B", r.bm25}} {
			var ts []string
			for _, id := range part.ids[:min(3, len(part.ids))] {
				ts = append(ts, fmt.Sprintf("[%d] %.50s", r.grades[id], r.titles[id]))
			}
			fmt.Fprintf(&b, "    %s: %s\n", part.name, strings.Join(ts, " | "))
		}
	}
	return b.String()
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

// readingFeatures are general features of what Search returned for a query, beside
// plain BM25's ranking of the same words: what a reading confidence can be built of.
type readingFeatures struct {
	empty     bool
	total     int
	corrected bool
	relaxed   bool
	// overlap is the share of Search's first K products that plain BM25's first K has.
	overlap float64
	// worded is the share of Search's first K products whose title or description
	// has a word of the query (a word of three letters or more).
	worded float64
	// nwords is how many words the query has.
	nwords int
	// bmMeet is the most words of the query (of four letters or more) one of plain
	// BM25's first K products has; bmSupport how many of them have two or more.
	bmMeet, bmSupport int
	// covered is the share of the IDF mass of the query's words that products have
	// (three letters or more) which Search's first product has; dropIDF is the highest
	// IDF of such a word it lacks (0 when it lacks none).
	covered, dropIDF float64
	// path is how Search read the query, from the notes it wrote ("Read as …"), with
	// the words of the query left out: "" for a query read as typed.
	path string
}

func queryWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

func featuresOf(e *env, text string, res catalog.Result, bm []string) readingFeatures {
	f := readingFeatures{empty: len(res.Hits) == 0, total: res.Total, corrected: res.Corrected != "", relaxed: res.Relaxed, path: readPath(res.Notes)}
	ws := queryWords(text)
	f.nwords = len(ws)
	for _, id := range bm {
		p := e.byID[id].Product
		words := map[string]bool{}
		for _, w := range queryWords(p.Title + " " + p.Description) {
			words[w] = true
		}
		n := 0
		for _, w := range uniq(ws) {
			if len(w) >= 4 && words[w] {
				n++
			}
		}
		f.bmMeet = max(f.bmMeet, n)
		if n >= 2 {
			f.bmSupport++
		}
	}
	if f.empty {
		return f
	}
	top := res.Hits[:min(len(res.Hits), K)]
	first := map[string]bool{}
	for _, w := range queryWords(top[0].Title + " " + top[0].Description) {
		first[w] = true
	}
	var mass, has float64
	for _, w := range uniq(ws) {
		idf := e.idf(w)
		if len(w) < 3 || idf == 0 {
			continue
		}
		mass += idf
		if first[w] {
			has += idf
		} else {
			f.dropIDF = max(f.dropIDF, idf)
		}
	}
	if mass > 0 {
		f.covered = has / mass
	}
	inBM := map[string]bool{}
	for _, id := range bm {
		inBM[id] = true
	}
	for _, h := range top {
		if inBM[h.ID] {
			f.overlap++
		}
		words := map[string]bool{}
		for _, w := range queryWords(h.Title + " " + h.Description) {
			words[w] = true
		}
		if slices.ContainsFunc(ws, func(w string) bool { return len(w) >= 3 && words[w] }) {
			f.worded++
		}
	}
	f.overlap /= float64(len(top))
	f.worded /= float64(len(top))
	return f
}

func dumpFeatures(t *testing.T, rs []crossQuery, path string) {
	var b strings.Builder
	fmt.Fprintf(&b, "set\tkind\tsearch\tbm25\tempty\ttotal\tcorrected\trelaxed\toverlap\tworded\tnwords\tbmmeet\tbmsupport\tcovered\tdropidf\tpath\ttext\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "%s\t%s\t%.4f\t%.4f\t%v\t%d\t%v\t%v\t%.2f\t%.2f\t%d\t%d\t%d\t%.2f\t%.2f\t%s\t%s\n", r.set, r.q.Kind, Score(r.q, r.grades, r.search), Score(r.q, r.grades, r.bm25),
			r.f.empty, r.f.total, r.f.corrected, r.f.relaxed, r.f.overlap, r.f.worded, r.f.nwords, r.f.bmMeet, r.f.bmSupport, r.f.covered, r.f.dropIDF, r.f.path, r.q.Text)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readingDecision is a decision on Search's reading of a query, made from its
// readingFeatures, with few parameters: keep the reading; when it is weak (relaxed
// or not, as weakRelaxedOnly says, and sharing at most weakAt of its first K
// products with plain BM25's), blend it with plain BM25 by reciprocal-rank fusion
// (constant rrfK) or answer nothing; when it answers nothing, answer plain BM25
// when one of BM25's products has emptyMeet words of the query or more (0: never).
type readingDecision struct {
	// weakBy is the feature that says a reading is weak, at or below weakAt:
	// "overlap" (with plain BM25's first K) or "covered" (the query's IDF mass its
	// first product has); or "relaxed-words": the reading is the plain relaxed one
	// (some of the words, no other reading) of a query of weakAt words or more.
	weakBy          string
	weakAt          float64 // < 0: no reading is weak
	weakRelaxedOnly bool
	weakNothing     bool // a weak reading answers nothing, not a blend
	rrfK            float64
	emptyMeet       int
}

func (d readingDecision) String() string {
	if d.weakAt < 0 && d.emptyMeet == 0 {
		return "keep every reading (today's search)"
	}
	var parts []string
	if d.weakAt >= 0 {
		which := "a reading"
		if d.weakRelaxedOnly {
			which = "a relaxed reading"
		}
		act := fmt.Sprintf("blended with BM25 (RRF k=%g)", d.rrfK)
		if d.weakNothing {
			act = "answers nothing"
		}
		what := fmt.Sprintf("sharing ≤%.1f of its first %d with BM25", d.weakAt, K)
		if d.weakBy == "relaxed-words" {
			which, what = "the plain relaxed reading", fmt.Sprintf("of a query of ≥%g words", d.weakAt)
		}
		if d.weakBy == "covered" {
			what = fmt.Sprintf("whose first product has ≤%.1f of the query's IDF mass", d.weakAt)
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", which, what, act))
	}
	if d.emptyMeet > 0 {
		parts = append(parts, fmt.Sprintf("nothing becomes BM25 when a BM25 product has ≥%d query words", d.emptyMeet))
	}
	return strings.Join(parts, "; ")
}

// apply returns the ranking d makes of r's query.
func (d readingDecision) apply(r crossQuery) []string {
	f := r.f
	switch {
	case f.empty:
		if d.emptyMeet > 0 && f.bmMeet >= d.emptyMeet {
			return r.bm25
		}
		return r.search
	case d.weakBy == "relaxed-words" && d.weakAt >= 0 && f.path == "relaxed" && float64(f.nwords) >= d.weakAt,
		d.weakBy != "relaxed-words" && d.weakAt >= 0 && map[string]float64{"overlap": f.overlap, "covered": f.covered}[d.weakBy] <= d.weakAt && (f.relaxed || !d.weakRelaxedOnly):
		if d.weakNothing {
			return nil
		}
		return rrf(d.rrfK, r.search, r.bm25)
	}
	return r.search
}

// rrf fuses rankings by reciprocal rank: each product scores the sum over rankings
// of 1/(k + rank), ties in the first ranking's order, then the next's.
func rrf(k float64, rankings ...[]string) []string {
	score := map[string]float64{}
	var order []string
	for _, ids := range rankings {
		for i, id := range ids {
			if _, ok := score[id]; !ok {
				order = append(order, id)
			}
			score[id] += 1 / (k + float64(i+1))
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmpFloat(score[b], score[a]) })
	return order[:min(len(order), K)]
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// decisionGrid is every decision fitted over: today's search among them.
func decisionGrid() []readingDecision {
	var out []readingDecision
	for _, em := range []int{0, 2, 3} {
		out = append(out, readingDecision{weakAt: -1, emptyMeet: em})
		for _, n := range []float64{3, 4, 5, 6} {
			out = append(out, readingDecision{weakBy: "relaxed-words", weakAt: n, weakNothing: true, emptyMeet: em})
			for _, k := range []float64{1, 10, 60} {
				out = append(out, readingDecision{weakBy: "relaxed-words", weakAt: n, rrfK: k, emptyMeet: em})
			}
		}
		for _, by := range []string{"overlap", "covered"} {
			for _, wo := range []float64{0, 0.1, 0.2, 0.3, 0.5} {
				for _, ro := range []bool{true, false} {
					out = append(out, readingDecision{weakBy: by, weakAt: wo, weakRelaxedOnly: ro, weakNothing: true, emptyMeet: em})
					for _, k := range []float64{1, 10, 60} {
						out = append(out, readingDecision{weakBy: by, weakAt: wo, weakRelaxedOnly: ro, rrfK: k, emptyMeet: em})
					}
				}
			}
		}
	}
	return out
}

// perSetScore is the overall NDCG@10 of each dev set under decision d.
func perSetScore(rs []crossQuery, d readingDecision) map[string]float64 {
	_, _, per := setMeans(crossTable(rs, func(r crossQuery) float64 { return Score(r.q, r.grades, d.apply(r)) }))
	out := map[string]float64{}
	for set, v := range per {
		out[set] = v[0]
	}
	return out
}

// TestReadingDecision fits readingDecision leave-one-set-out over the dev sets: for
// each set, the decision with the best mean over the other sets' overall scores
// (today's search on a tie) scores the set left out. It prints the mean over the
// left-out sets beside today's search and BM25, and the decision fitted on all the
// sets with what it does to every set and kind. It checks nothing.
//
//	go test -tags sqlite_fts5 -count=1 -run TestReadingDecision -v ./internal/searcheval -crossset
func TestReadingDecision(t *testing.T) {
	if !*crossSet {
		t.Skip("the cross-set fit runs with -crossset")
	}
	rs := runCrossSets(t)
	grid := decisionGrid()
	scores := make([]map[string]float64, len(grid))
	for i, d := range grid {
		scores[i] = perSetScore(rs, d)
	}
	today := scores[0]
	_, bmMean, bmPer := setMeans(crossTable(rs, func(r crossQuery) float64 { return Score(r.q, r.grades, r.search) }))
	best := func(skip string) int {
		bi, bv := 0, -1.0
		for i := range grid {
			v := 0.0
			for set, s := range scores[i] {
				if set != skip {
					v += s
				}
			}
			if v > bv+1e-9 {
				bi, bv = i, v
			}
		}
		return bi
	}
	var b strings.Builder
	fmt.Fprintf(&b, "leave-one-set-out over %d decisions: set, decision fitted on the others, its score on the set, today's, BM25's\n", len(grid))
	var lo, td, variance float64
	for _, set := range crossSetNames {
		i := best(set)
		lo += scores[i][set]
		td += today[set]
		var d []float64
		for _, r := range rs {
			if r.set == set {
				d = append(d, Score(r.q, r.grades, grid[i].apply(r))-Score(r.q, r.grades, r.search))
			}
		}
		_, se := pairedChange(d)
		variance += se * se
		fmt.Fprintf(&b, "  %-24s %.3f today %.3f (± %.3f paired) BM25 %.3f  [%s]\n", set, scores[i][set], today[set], se, bmPer[set][1], grid[i])
	}
	n := float64(len(crossSetNames))
	fmt.Fprintf(&b, "mean over left-out sets: fitted %.4f, today %.4f (change %+.4f ± %.4f, paired), BM25 %.4f\n", lo/n, td/n, (lo-td)/n, math.Sqrt(variance)/n, bmMean)
	all := grid[best("")]
	fmt.Fprintf(&b, "fitted on every dev set: %s\n", all)
	cells := crossTable(rs, func(r crossQuery) float64 { return Score(r.q, r.grades, all.apply(r)) })
	was := crossTable(rs, func(r crossQuery) float64 { return Score(r.q, r.grades, r.search) })
	for i, c := range cells {
		if d := c.search - was[i].search; d != 0 {
			fmt.Fprintf(&b, "  %-24s %-11s %.3f -> %.3f (%+.3f)\n", c.set, c.kind, was[i].search, c.search, d)
		}
	}
	// The runners-up: how far the best blend and the best "nothing" are from today.
	for _, want := range []string{"blend", "nothing", "empty", "relaxed"} {
		bi, bv := -1, -1.0
		for i, d := range grid {
			ok := want == "blend" && d.weakAt >= 0 && !d.weakNothing && d.emptyMeet == 0 ||
				want == "nothing" && d.weakAt >= 0 && d.weakNothing && d.emptyMeet == 0 ||
				want == "empty" && d.weakAt < 0 && d.emptyMeet > 0 ||
				want == "relaxed" && d.weakBy == "relaxed-words" && d.weakNothing && d.emptyMeet == 0
			if !ok {
				continue
			}
			v := 0.0
			for _, s := range scores[i] {
				v += s
			}
			if v > bv {
				bi, bv = i, v
			}
		}
		fmt.Fprintf(&b, "best %-7s decision on every set: mean %.4f (today %.4f)  [%s]\n", want, bv/n, td/n, grid[bi])
	}
	// What a perfect confidence could reach: each query taking the best of keeping
	// the reading, blending it (RRF k=10) and answering nothing.
	for _, o := range []struct {
		name string
		pick func(r crossQuery) []([]string)
	}{
		{"keep or blend", func(r crossQuery) [][]string { return [][]string{r.search, rrf(10, r.search, r.bm25)} }},
		{"keep, blend or nothing", func(r crossQuery) [][]string { return [][]string{r.search, rrf(10, r.search, r.bm25), nil} }},
		{"keep, blend, nothing or BM25", func(r crossQuery) [][]string {
			return [][]string{r.search, rrf(10, r.search, r.bm25), nil, r.bm25}
		}},
	} {
		m, _, _ := setMeans(crossTable(rs, func(r crossQuery) float64 {
			bestScore := 0.0
			for _, ids := range o.pick(r) {
				bestScore = max(bestScore, Score(r.q, r.grades, ids))
			}
			return bestScore
		}))
		fmt.Fprintf(&b, "an oracle choosing per query (%s): mean %.4f (today %.4f)\n", o.name, m, td/n)
	}
	t.Log("\n" + b.String())
}

// idf is log(N/df) of word w over the plain BM25 table's products (0 when none has it).
func (e *env) idf(w string) float64 {
	if v, ok := e.idfs.Load(w); ok {
		return v.(float64)
	}
	var df int
	if err := e.bm25.QueryRow(`SELECT count(*) FROM bm WHERE bm MATCH ?`, `"`+w+`"`).Scan(&df); err != nil || df == 0 {
		e.idfs.Store(w, 0.0)
		return 0
	}
	v := math.Log(float64(len(e.items)) / float64(df))
	e.idfs.Store(w, v)
	return v
}

// TestRRF holds reciprocal-rank fusion: a product in both rankings before one in
// either alone, equal scores in the first ranking's order, at most K products.
func TestRRF(t *testing.T) {
	long := make([]string, 2*K)
	for i := range long {
		long[i] = fmt.Sprintf("p%02d", i)
	}
	for _, tc := range []struct {
		name     string
		a, b     []string
		k        float64
		want     []string
		wantLen  int
		wantHead string
	}{
		{name: "shared product first", a: []string{"x", "s"}, b: []string{"y", "s"}, k: 10, want: []string{"s", "x", "y"}},
		{name: "ties keep the first ranking's order", a: []string{"x"}, b: []string{"y"}, k: 10, want: []string{"x", "y"}},
		{name: "one ranking empty", a: nil, b: []string{"y", "z"}, k: 60, want: []string{"y", "z"}},
		{name: "both empty", k: 1, want: []string{}},
		{name: "cut to K", a: long, b: long, k: 1, wantLen: K, wantHead: "p00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := rrf(tc.k, tc.a, tc.b)
			if tc.want != nil && !slices.Equal(got, tc.want) {
				t.Errorf("rrf(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
			if tc.wantLen > 0 && (len(got) != tc.wantLen || got[0] != tc.wantHead) {
				t.Errorf("rrf of two long rankings = %v, want %d starting %s", got, tc.wantLen, tc.wantHead)
			}
		})
	}
}

// TestReadingDecisionApply holds what each decision does with a query's rankings.
func TestReadingDecisionApply(t *testing.T) {
	search, bm := []string{"a", "b"}, []string{"c", "b"}
	weak := readingFeatures{relaxed: true, overlap: 0.5, covered: 0.2}
	sure := readingFeatures{overlap: 0.9, covered: 1}
	empty := readingFeatures{empty: true, bmMeet: 3}
	for _, tc := range []struct {
		name string
		d    readingDecision
		f    readingFeatures
		srch []string
		want []string
	}{
		{"today keeps a weak reading", readingDecision{weakAt: -1}, weak, search, search},
		{"today keeps nothing", readingDecision{weakAt: -1}, empty, nil, nil},
		{"a weak reading blended", readingDecision{weakBy: "overlap", weakAt: 0.5, rrfK: 10}, weak, search, []string{"b", "a", "c"}},
		{"a weak reading answers nothing", readingDecision{weakBy: "covered", weakAt: 0.3, weakNothing: true}, weak, search, nil},
		{"a sure reading kept", readingDecision{weakBy: "overlap", weakAt: 0.5, rrfK: 10}, sure, search, search},
		{"relaxed only: a reading that matched every word kept", readingDecision{weakBy: "overlap", weakAt: 1, weakRelaxedOnly: true, rrfK: 10}, sure, search, search},
		{"nothing becomes BM25 when its products meet", readingDecision{weakAt: -1, emptyMeet: 3}, empty, nil, bm},
		{"nothing stays when they meet less", readingDecision{weakAt: -1, emptyMeet: 4}, empty, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.d.apply(crossQuery{search: tc.srch, bm25: bm, f: tc.f})
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.d, got, tc.want)
			}
		})
	}
}

// compareCross compares rs with the per-query Search scores of an earlier run, read
// from the file dumpFeatures wrote: per set, the mean change and its standard error
// (queries paired), and over the sets the mean change with its standard error, so
// that a change is read on every set at once and beside its noise.
func compareCross(t *testing.T, rs []crossQuery, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before := map[[2]string]float64{}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 || len(f) < 4 {
			continue
		}
		var v float64
		if _, err := fmt.Sscan(f[2], &v); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		before[[2]string{f[0], f[len(f)-1]}] = v
	}
	diffs := map[string][]float64{}
	missing := 0
	for _, r := range rs {
		was, ok := before[[2]string{r.set, r.q.Text}]
		if !ok {
			missing++
			continue
		}
		diffs[r.set] = append(diffs[r.set], Score(r.q, r.grades, r.search)-was)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "against %s: Search's overall per set, change and its standard error (queries paired)\n", path)
	var sum, variance float64
	sets := 0
	for _, set := range crossSetNames {
		d := diffs[set]
		if len(d) == 0 {
			continue
		}
		m, se := pairedChange(d)
		changed := 0
		for _, x := range d {
			if math.Abs(x) >= 0.001 {
				changed++
			}
		}
		fmt.Fprintf(&out, "  %-28s %3d queries, %3d changed: %+.4f ± %.4f\n", set, len(d), changed, m, se)
		sum += m
		variance += se * se
		sets++
	}
	if sets > 0 {
		fmt.Fprintf(&out, "mean over %d sets: %+.4f ± %.4f", sets, sum/float64(sets), math.Sqrt(variance)/float64(sets))
	}
	if missing > 0 {
		fmt.Fprintf(&out, " (%d queries not in the earlier run)", missing)
	}
	return out.String() + "\n"
}

// readPath is the shape of the last "Read as …" note of a result: its text up to the
// first colon, with what it is about left out ("Read as a sentence about _").
func readPath(notes []string) string {
	path := ""
	for _, n := range notes {
		if !strings.HasPrefix(n, "Read as") {
			continue
		}
		head, rest, _ := strings.Cut(n, ":")
		if i := strings.Index(head, " about "); i >= 0 {
			head = head[:i] + " about _"
		}
		if i := strings.Index(head, " search for "); i >= 0 {
			head = head[:i] + " search for _"
		}
		if r := strings.Fields(rest); len(r) > 4 {
			head += ": " + strings.Join(r[:5], " ")
		}
		path = head
	}
	if path == "" && slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, "No product matches every word") }) {
		path = "relaxed"
	}
	return path
}

// pairedChange is the mean of per-query changes d and its standard error.
func pairedChange(d []float64) (m, se float64) {
	m = mean(d)
	if len(d) < 2 {
		return m, 0
	}
	var ss float64
	for _, x := range d {
		ss += (x - m) * (x - m)
	}
	return m, math.Sqrt(ss / float64(len(d)-1) / float64(len(d)))
}

// TestCrossSetNames holds the cross-set check to dev sets: no held-out set, unseen
// probe or check half among crossSetNames, and every fresh dev set with a split
// scored by its tune half only.
func TestCrossSetNames(t *testing.T) {
	for _, name := range crossSetNames {
		base, half, _ := strings.Cut(name, "/")
		if Unseen(base) || strings.HasPrefix(base, "freshcat-heldout") || half == "check" || strings.HasSuffix(name, "/check") {
			t.Errorf("%s is not a dev set", name)
		}
		if base == ShopSentences {
			if !strings.HasSuffix(name, "/tune") {
				t.Errorf("%s: a shop sentence set is scored by its tune half alone", name)
			}
			continue
		}
		_, _, split := freshTuneCheck(base, nil)
		split = split || heldOutShops[base] != nil
		if base != ShopsDev && split != (half == "tune") {
			t.Errorf("%s: a set with halves is scored by its tune half alone", name)
		}
	}
}
