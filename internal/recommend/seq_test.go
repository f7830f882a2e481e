package recommend_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// Signals from the order of purchases in time, tried as features of recommend's score
// before any is built into the catalog (TestSequenceSignals). A co-purchase count says
// that two products were bought by the same customers; it does not say which came
// first or how soon the second followed. What goes with a product (the sleeping bag
// after the tent) is bought after it and soon; two products of one taste are bought in
// either order, months apart.

// seqGraph is, for one evaluation world, who bought what before the split and when.
type seqGraph struct {
	e *evalSetup
	// pairs[a][b] holds one seqPair for each customer who first bought b after buying a
	pairs []map[int][]seqPair
	// last[c][p] is customer c's latest purchase of p before the split
	last []map[int]time.Time
}

// seqPair is one customer's purchase of b after a: the days from their latest purchase
// of a before it to their first purchase of b (the gap), and from that purchase to the
// split (its age).
type seqPair struct{ gap, age float32 }

func newSeqGraph(e *evalSetup) *seqGraph {
	g := &seqGraph{e: e, pairs: make([]map[int][]seqPair, len(e.w.products)), last: make([]map[int]time.Time, len(e.w.customers))}
	for _, o := range e.w.orders {
		if !o.at.Before(e.w.split) {
			break
		}
		seen := g.last[o.customer]
		if seen == nil {
			seen = map[int]time.Time{}
			g.last[o.customer] = seen
		}
		if _, ok := seen[o.product]; !ok {
			for a, at := range seen {
				if g.pairs[a] == nil {
					g.pairs[a] = map[int][]seqPair{}
				}
				g.pairs[a][o.product] = append(g.pairs[a][o.product], seqPair{gap: float32(o.at.Sub(at).Hours() / 24),
					age: float32(e.w.split.Sub(o.at).Hours() / 24)})
			}
		}
		seen[o.product] = o.at
	}
	return g
}

// seqKernel weighs one customer's pair by the days between the two purchases (gap)
// and from the second to the split (age).
type seqKernel struct {
	name string
	g    func(gap, age float64) float64
	// before counts the customers who bought the candidate before the purchase instead;
	// both counts those who bought them in either order
	before, both bool
	// latest counts the pairs of the customer's latest purchase only
	latest bool
}

var seqKernels = []seqKernel{
	{name: "after (any gap)", g: func(_, _ float64) float64 { return 1 }},
	{name: "within 60 days", g: func(d, _ float64) float64 { return b2f(d <= 60) }},
	{name: "within 14 days", g: func(d, _ float64) float64 { return b2f(d <= 14) }},
	{name: "same day (the basket)", g: func(d, _ float64) float64 { return b2f(d < 1) }},
	{name: "halving every 30 days", g: func(d, _ float64) float64 { return math.Exp2(-d / 30) }},
}

// seqBefore counts, whatever the gap, the customers who bought the candidate before
// the customer's purchase.
var seqBefore = seqKernel{name: "before (any gap)", g: func(_, _ float64) float64 { return 1 }, before: true}

// seqAged are time-decayed co-purchase counts: in either order, each customer's pair
// weighing less the longer ago it was bought (halving every 90 or 180 days).
var seqAged = []seqKernel{
	{name: "either order, halving every 90 days since", g: func(_, age float64) float64 { return math.Exp2(-age / 90) }, both: true},
	{name: "either order, halving every 180 days since", g: func(_, age float64) float64 { return math.Exp2(-age / 180) }, both: true},
}

// seqLatest is the co-purchase count (either order) of the customer's latest purchase
// alone: the latest order weighed above the others, which co weighs by their age.
var seqLatest = seqKernel{name: "either order, the latest purchase only", g: func(_, _ float64) float64 { return 1 }, both: true, latest: true}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// score is the sequence signal of each of cands for customer c: over the customer's
// maxSources latest distinct products a, each weighted by the recency of its latest
// purchase (halving every coHalfLife days), the kernel-weighted count of customers who
// bought the candidate after a, over buyers(a)^0.9 · buyers(b)^0.1 (recommend's pair
// strength), only for pairs at least MinCoCustomers customers bought in that order.
// Each is relative to the best candidate's.
func (g *seqGraph) score(c int, cands []int, k seqKernel) map[int]float64 {
	const maxSources, coHalfLife = 20, 30.0
	e := g.e
	type src struct {
		p  int
		at time.Time
	}
	var srcs []src
	for p, at := range g.last[c] {
		srcs = append(srcs, src{p, at})
	}
	slices.SortFunc(srcs, func(x, y src) int { return y.at.Compare(x.at) })
	srcs = srcs[:min(len(srcs), maxSources)]
	if k.latest {
		srcs = srcs[:min(len(srcs), 1)]
	}
	out := map[int]float64{}
	best := 0.0
	for _, b := range cands {
		var s float64
		for _, a := range srcs {
			pairs := g.pairs[a.p][b]
			switch {
			case k.before:
				pairs = g.pairs[b][a.p]
			case k.both:
				pairs = append(slices.Clone(pairs), g.pairs[b][a.p]...)
			}
			if len(pairs) < int(recommend.MinCoCustomers) {
				continue
			}
			var n float64
			for _, d := range pairs {
				n += k.g(float64(d.gap), float64(d.age))
			}
			rw := math.Exp2(-e.w.split.Sub(a.at).Hours() / 24 / coHalfLife)
			s += rw * n / (math.Pow(float64(e.buyers[a.p]), 0.9) * math.Pow(float64(e.buyers[b]), 0.1))
		}
		if s > 0 {
			out[b] = s
			best = max(best, s)
		}
	}
	for b := range out {
		out[b] /= best
	}
	return out
}

// TestSequenceSignals tries the order of purchases in time as one more feature of
// recommend's score, on the purchase worlds TestLearnWeights tunes on (the validation
// part of the default world, every customer of seeds 3 and 4, mixed and bare; the
// worlds of RECOMMEND_LEARN_* as there): for each kernel (the pair counted when the
// candidate was bought after the purchase, within 60 or 14 days, the same day, or
// weighted by the gap; before it; in either order, weighted by how long ago), each
// weight, added to the score alone or also ordering the co-purchase places (seqTrials),
// the change of the mean HitRate@10 against the committed weights with its paired
// noise, and each world's change. Never a held-out part. RECOMMEND_SEQ=1 runs it;
// RECOMMEND_SEQ_ONLY (a regular expression) runs only the trials whose names match.
func TestSequenceSignals(t *testing.T) {
	worlds := learnWorldsIf(t, "RECOMMEND_SEQ", "to try sequence signals on the tuning worlds")
	if worlds == nil {
		return
	}
	graphs := make([]*seqGraph, len(worlds))
	for i, pw := range worlds {
		if pw.e != nil {
			graphs[i] = newSeqGraph(pw.e)
		}
	}
	caseOf := make([]map[*recommend.Prepared]int, len(worlds))
	for i, pw := range worlds {
		caseOf[i] = map[*recommend.Prepared]int{}
		for j, p := range pw.prep {
			caseOf[i][p] = j
		}
	}
	base, line := evaluateWorlds(worlds, nil)
	t.Logf("committed weights: HitRate@10 %.4f  %s", base.hit, line)
	extras := map[string][][]map[string]float64{} // kernel → world → case → candidate id → signal
	signal := func(k seqKernel) [][]map[string]float64 {
		if x, ok := extras[k.name]; ok {
			return x
		}
		x := make([][]map[string]float64, len(worlds))
		for i, pw := range worlds {
			x[i] = make([]map[string]float64, len(pw.cases))
			if graphs[i] == nil {
				continue
			}
			_ = forEachParallel(len(pw.cases), func(j int) error {
				if pw.prep[j] == nil {
					return nil
				}
				var cands []int
				for _, cf := range pw.prep[j].Candidates() {
					cands = append(cands, pw.index[cf.ID])
				}
				s := graphs[i].score(pw.cases[j].customer, cands, k)
				m := make(map[string]float64, len(s))
				for p, v := range s {
					m[pw.e.w.products[p].ID] = v
				}
				x[i][j] = m
				return nil
			})
		}
		extras[k.name] = x
		return x
	}
	only, err := regexp.Compile(os.Getenv("RECOMMEND_SEQ_ONLY"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range seqTrials() {
		if !only.MatchString(tr.name()) {
			continue
		}
		x := signal(tr.k)
		var s learnScore
		var worldLine []string
		for i, pw := range worlds {
			m, hit := pw.metricsBy(func(p *recommend.Prepared) []string {
				return p.RankPlus(tr.w, x[i][caseOf[i][p]], tr.weight, tr.coPlaces)
			})
			s.hit += m.hitRate() / float64(len(worlds))
			s.hits = append(s.hits, hit)
			worldLine = append(worldLine, fmt.Sprintf("%s %+.4f", pw.name, m.hitRate()-hitRateOf(base.hits[i])))
		}
		t.Logf("%s: %+.4f ± %.4f  (%s)", tr.name(), s.hit-base.hit, pairedNoise(s.hits, base.hits), strings.Join(worldLine, ", "))
	}
}

// seqTrial is one way of adding a sequence signal to the score.
type seqTrial struct {
	k        seqKernel
	weight   float64
	coPlaces bool               // the signal also orders the co-purchase places
	w        map[string]float64 // the other weights, as RankWith takes them (nil: the committed ones)
}

func (tr seqTrial) name() string {
	s := fmt.Sprintf("%s, weight %g, co-purchase places %v", tr.k.name, tr.weight, tr.coPlaces)
	if tr.w != nil {
		s += fmt.Sprintf(", with %v", tr.w)
	}
	return s
}

// seqTrials are the trials of TestSequenceSignals: every kernel added to the committed
// score at four weights, with and without the co-purchase places; the co-purchase
// feature (co) replaced by a directed one; a penalty for candidates people buy before
// the customer's purchases rather than after (the tent for the owner of a sleeping
// bag); the latest purchase's co-purchases; and time-decayed co-purchase counts, added
// or in place of co.
func seqTrials() []seqTrial {
	var out []seqTrial
	for _, k := range seqKernels {
		for _, coPlaces := range []bool{false, true} {
			for _, weight := range []float64{0.25, 0.5, 1, 2} {
				out = append(out, seqTrial{k: k, weight: weight, coPlaces: coPlaces})
			}
		}
	}
	for _, k := range seqKernels[:3] {
		for _, weight := range []float64{0.25, 0.5, 1} {
			out = append(out, seqTrial{k: k, weight: weight, coPlaces: true, w: map[string]float64{"co": 0}})
		}
	}
	for _, coPlaces := range []bool{false, true} {
		for _, weight := range []float64{-0.1, -0.25, -0.5, -1} {
			out = append(out, seqTrial{k: seqBefore, weight: weight, coPlaces: coPlaces})
		}
	}
	for _, coPlaces := range []bool{false, true} {
		for _, weight := range []float64{0.1, 0.25, 0.5} {
			out = append(out, seqTrial{k: seqLatest, weight: weight, coPlaces: coPlaces})
		}
	}
	for _, k := range seqAged {
		for _, weight := range []float64{0.25, 0.5} {
			out = append(out, seqTrial{k: k, weight: weight, coPlaces: true})
			out = append(out, seqTrial{k: k, weight: weight, coPlaces: true, w: map[string]float64{"co": 0}})
		}
	}
	return out
}

// hitRateOf is the share of true in hit.
func hitRateOf(hit []bool) float64 {
	n := 0
	for _, h := range hit {
		if h {
			n++
		}
	}
	return float64(n) / float64(max(len(hit), 1))
}

// TestSeqGraphScore checks the sequence signal on a hand-made history: which pairs
// count under each kernel, and that a pair bought by fewer than MinCoCustomers
// customers in that order counts for nothing.
func TestSeqGraphScore(t *testing.T) {
	day := func(d int) time.Time { return worldStart.AddDate(0, 0, d) }
	// Products 0–3. Customers 0–2 bought 0, then 1 ten days later and 2 ninety days
	// later; customers 0 and 1 also bought 3 before 0. Customer 3, the one asked for,
	// bought 0 only.
	var orders []worldOrder
	for c := range 3 {
		if c < 2 {
			orders = append(orders, worldOrder{customer: c, product: 3, at: day(c)})
		}
		orders = append(orders, worldOrder{customer: c, product: 0, at: day(10 + c)},
			worldOrder{customer: c, product: 1, at: day(20 + c)}, worldOrder{customer: c, product: 2, at: day(100 + c)})
	}
	orders = append(orders, worldOrder{customer: 3, product: 0, at: day(150)})
	e := &evalSetup{w: &world{products: make([]catalog.Product, 4), customers: make([]worldCustomer, 4), orders: orders, split: day(200)},
		buyers: []int{4, 3, 3, 2}}
	g := newSeqGraph(e)
	for _, tc := range []struct {
		name string
		k    seqKernel
		want map[int]float64
	}{
		{"after: both followers, equally", seqKernels[0], map[int]float64{1: 1, 2: 1}},
		{"within 60 days: the one bought 10 days after", seqKernels[1], map[int]float64{1: 1}},
		{"before: 3 was bought before 0 by two customers only", seqBefore, map[int]float64{}},
		{"either order: as after here", seqLatest, map[int]float64{1: 1, 2: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := g.score(3, []int{1, 2, 3}, tc.k)
			if len(got) != len(tc.want) {
				t.Fatalf("score = %v, want %v", got, tc.want)
			}
			for p, v := range tc.want {
				if math.Abs(got[p]-v) > 1e-9 {
					t.Errorf("score = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestRankPlus checks the hook the sequence signals are tried through: with weight 0
// it ranks as Rank does, a large signal on one candidate puts it first (for customers
// nothing is made for the last purchase of: made-for products lead whatever the
// score), and the prepared candidates rank as before afterwards.
func TestRankPlus(t *testing.T) {
	w := genWorld(worldShape{products: 300, customers: 80, seed: 3})
	cat, facts := replayFast(t, w)
	compared := 0
	for i := range w.customers {
		p, err := recommend.Prepare(context.Background(), cat, facts[i].Input(recommend.Request{Limit: 10}, w.split), nil)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			continue
		}
		want := p.Rank(nil)
		cands := p.Candidates()
		if len(want) < 10 || len(cands) < 20 || p.MadeFor() > 0 {
			continue
		}
		last := cands[len(cands)-1].ID // the lowest score
		extra := map[string]float64{last: 1}
		for _, coPlaces := range []bool{false, true} {
			if got := p.RankPlus(nil, extra, 0, coPlaces); !slices.Equal(got, want) {
				t.Fatalf("customer %d, weight 0: %v, want %v", i, got, want)
			}
			if got := p.RankPlus(nil, extra, 100, coPlaces); got[0] != last {
				t.Fatalf("customer %d, weight 100 on %s: %v", i, last, got)
			}
			if got := p.Rank(nil); !slices.Equal(got, want) {
				t.Fatalf("customer %d: Rank after RankPlus %v, want %v", i, got, want)
			}
		}
		compared++
	}
	if compared < 10 {
		t.Fatalf("only %d customers compared", compared)
	}
}
