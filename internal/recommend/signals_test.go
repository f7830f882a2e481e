package recommend_test

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// Signals a real store has that recommend's score does not read yet, tried as one more
// feature of the score before any is built (TestNewSignals): how much a product sells
// lately rather than over all time, the co-purchases of the co-purchases, and how far a
// customer's own history strays from what is popular. Each is computed here from what
// the store recorded before the split (the world's orders), never from how the world
// was drawn.

// sigWorld is what one purchase world recorded before its split, for the signals.
type sigWorld struct {
	pw *preparedWorld
	// recent[h][p] is product p's orders before the split, each weighing 1 when at the
	// split and halving every h days before it; recentNew counts a customer's first
	// order of p only (a new buyer, not a repeat).
	recent, recentNew map[float64][]float64
	orders            []float64 // all orders before the split, per product
	days              float64   // days of orders before the split
	pct               []float64 // per product: the share of products with fewer buyers
	nbrs              [][]sigNbr
	// llr[a] holds, for each neighbour b of a (pairs of MinCoCustomers or more
	// customers bought more often together than chance), the square root of the
	// log-likelihood ratio of the pair (Dunning's G²)
	llr [][]sigNbr
	// per case: the candidates (product indices) and what the catalog says of them
	cands [][]sigCand
	// lastDays[c][p] is the days from customer c's latest purchase of p to the split
	lastDays []map[int]float64
	// per case: the mean popularity percentile of the history (q), standardised over
	// the world's cases (z)
	q, z []float64
	// per case, standardised over the world's cases: how confident the customer's
	// neighbour list is (evidence, see neighbourConfidence) and how many customers
	// stand behind its strongest pair (strongest)
	confidence, strongest []float64
}

type sigNbr struct {
	p int
	s float64 // n / sqrt(buyers · buyers), the cosine
}

type sigCand struct {
	p        int
	id       string
	category int64
	head     string
	f        map[string]float64
	coN      int64 // customers of its strongest pair with the customer's purchases
}

// sigHalfLives are the half-lives of recent sales tried, in days.
var sigHalfLives = []float64{7, 14, 30, 60}

func newSigWorld(pw *preparedWorld) *sigWorld {
	e := pw.e
	n := len(e.w.products)
	sw := &sigWorld{pw: pw, recent: map[float64][]float64{}, recentNew: map[float64][]float64{}, orders: make([]float64, n)}
	for _, h := range sigHalfLives {
		sw.recent[h], sw.recentNew[h] = make([]float64, n), make([]float64, n)
	}
	bought := make([]map[int]bool, len(e.w.customers))
	sw.lastDays = make([]map[int]float64, len(e.w.customers))
	for c := range sw.lastDays {
		sw.lastDays[c] = map[int]float64{}
	}
	first := e.w.split
	if len(e.w.orders) > 0 {
		first = e.w.orders[0].at // the orders are in time order
	}
	for _, o := range e.w.orders {
		if !o.at.Before(e.w.split) {
			break
		}
		age := e.w.split.Sub(o.at).Hours() / 24
		isNew := !bought[o.customer][o.product]
		if bought[o.customer] == nil {
			bought[o.customer] = map[int]bool{}
		}
		bought[o.customer][o.product] = true
		sw.orders[o.product]++
		sw.lastDays[o.customer][o.product] = age
		for _, h := range sigHalfLives {
			d := math.Exp2(-age / h)
			sw.recent[h][o.product] += d
			if isNew {
				sw.recentNew[h][o.product] += d
			}
		}
	}
	sw.days = max(1, e.w.split.Sub(first).Hours()/24)
	byBuyers := make([]int, n)
	for i := range byBuyers {
		byBuyers[i] = i
	}
	sort.SliceStable(byBuyers, func(a, b int) bool { return e.buyers[byBuyers[a]] < e.buyers[byBuyers[b]] })
	sw.pct = make([]float64, n)
	for rank, p := range byBuyers {
		sw.pct[p] = float64(rank) / float64(n)
	}
	// Ties share the lowest rank's percentile.
	for k := 1; k < n; k++ {
		if e.buyers[byBuyers[k]] == e.buyers[byBuyers[k-1]] {
			sw.pct[byBuyers[k]] = sw.pct[byBuyers[k-1]]
		}
	}
	sw.nbrs = make([][]sigNbr, n)
	for a, m := range e.co {
		for b, k := range m {
			if k >= int(recommend.MinCoCustomers) {
				sw.nbrs[a] = append(sw.nbrs[a], sigNbr{p: b, s: float64(k) / math.Sqrt(float64(e.buyers[a])*float64(e.buyers[b]))})
			}
		}
		slices.SortFunc(sw.nbrs[a], func(x, y sigNbr) int {
			if x.s != y.s {
				if x.s > y.s {
					return -1
				}
				return 1
			}
			return x.p - y.p
		})
	}
	customers := 0 // customers with a purchase before the split
	for _, m := range bought {
		if len(m) > 0 {
			customers++
		}
	}
	sw.llr = make([][]sigNbr, n)
	for a, m := range e.co {
		for b, k := range m {
			if k < int(recommend.MinCoCustomers) {
				continue
			}
			if g := rootLLR(k, e.buyers[a], e.buyers[b], customers); g > 0 {
				sw.llr[a] = append(sw.llr[a], sigNbr{p: b, s: g})
			}
		}
	}
	sw.cands = make([][]sigCand, len(pw.cases))
	sw.q, sw.z = make([]float64, len(pw.cases)), make([]float64, len(pw.cases))
	var sum, sq float64
	for j, c := range pw.cases {
		for _, h := range c.history {
			sw.q[j] += sw.pct[h] / float64(len(c.history))
		}
		sum, sq = sum+sw.q[j], sq+sw.q[j]*sw.q[j]
		if pw.prep[j] == nil {
			continue
		}
		for _, cf := range pw.prep[j].Candidates() {
			sw.cands[j] = append(sw.cands[j], sigCand{p: pw.index[cf.ID], id: cf.ID, category: cf.Category, head: cf.Head, f: cf.Features, coN: cf.CoN})
		}
	}
	mean := sum / float64(len(pw.cases))
	sd := math.Sqrt(max(1e-12, sq/float64(len(pw.cases))-mean*mean))
	for j := range sw.z {
		sw.z[j] = (sw.q[j] - mean) / sd
	}
	sw.confidence, sw.strongest = make([]float64, len(pw.cases)), make([]float64, len(pw.cases))
	for j := range pw.cases {
		sw.confidence[j] = neighbourConfidence(sw.cands[j])
		for _, c := range sw.cands[j] {
			sw.strongest[j] = max(sw.strongest[j], math.Log1p(float64(c.coN)))
		}
	}
	standardise(sw.confidence)
	standardise(sw.strongest)
	return sw
}

// neighbourConfidence is how much the best item-kNN candidate stands out from the
// next nine: 1 − the mean of their knn features (each relative to the best, so the
// best's is 1; a missing one counts 0). 0 when no candidate has a knn score: a flat
// list says the neighbours do not agree on what comes next.
func neighbourConfidence(cands []sigCand) float64 {
	var ks []float64
	for _, c := range cands {
		if k := c.f["knn"]; k > 0 {
			ks = append(ks, k)
		}
	}
	if len(ks) == 0 {
		return 0
	}
	slices.SortFunc(ks, func(a, b float64) int { return cmp.Compare(b, a) })
	var sum float64
	for _, k := range ks[1:min(len(ks), 10)] {
		sum += k
	}
	return 1 - sum/9
}

// standardise turns xs into their z-scores over xs (all 0 when they do not vary).
func standardise(xs []float64) {
	var sum, sq float64
	for _, x := range xs {
		sum, sq = sum+x, sq+x*x
	}
	n := float64(len(xs))
	mean := sum / n
	sd := math.Sqrt(max(0, sq/n-mean*mean))
	for i := range xs {
		if sd < 1e-12 {
			xs[i] = 0
		} else {
			xs[i] = (xs[i] - mean) / sd
		}
	}
}

// feature is one of the committed score's features of the candidates, as a signal.
func feature(name string) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		out := map[string]float64{}
		for _, c := range sw.cands[j] {
			if x := c.f[name]; x != 0 {
				out[c.id] = x
			}
		}
		return out
	}
}

// byEvidence scales a signal by a per-customer measure of the neighbour evidence
// (sw.confidence or sw.strongest, standardised): with weight w the feature's weight
// becomes its own plus w·z for the customer, a blend that leans on it more where the
// neighbours are surer and less where they are not.
func byEvidence(f sigFunc, strongest bool) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		z := sw.confidence[j]
		if strongest {
			z = sw.strongest[j]
		}
		out := f(sw, j)
		for k := range out {
			out[k] *= z
		}
		return out
	}
}

// sigFunc computes one signal for case j of a world: a value per candidate id.
type sigFunc func(sw *sigWorld, j int) map[string]float64

// relLog is log1p(x[p]) over log1p of the largest x among the candidates (like the
// score's pop feature).
func relLog(sw *sigWorld, j int, x []float64) map[string]float64 {
	best := 0.0
	for _, c := range sw.cands[j] {
		best = max(best, x[c.p])
	}
	out := map[string]float64{}
	if best <= 0 {
		return out
	}
	for _, c := range sw.cands[j] {
		if x[c.p] > 0 {
			out[c.id] = math.Log1p(x[c.p]) / math.Log1p(best)
		}
	}
	return out
}

// trend is recent sales (halving every h days), relative to the candidates' best.
func trend(h float64, newOnly bool) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		if newOnly {
			return relLog(sw, j, sw.recentNew[h])
		}
		return relLog(sw, j, sw.recent[h])
	}
}

// rising is how much more a product sells lately than over the whole history: the
// log of its recent sales (halving every h days) over what its all-time rate would
// give, positive part, relative to the candidates' best.
func rising(h float64) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		out := map[string]float64{}
		best := 0.0
		for _, c := range sw.cands[j] {
			expect := sw.orders[c.p] / sw.days * h / math.Ln2
			if r := math.Log((sw.recent[h][c.p] + 1) / (expect + 1)); r > 0 {
				out[c.id] = r
				best = max(best, r)
			}
		}
		for k := range out {
			out[k] /= best
		}
		return out
	}
}

// groupTrend is recent sales relative to the best of the candidates of the same
// category (or, without one, the same type), for the groups the customer shops in:
// catPop's popularity within the category, but recent, and also for types.
func groupTrend(h float64) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		x := sw.recent[h]
		key := func(c sigCand) string {
			if c.category != 0 {
				return fmt.Sprint(c.category)
			}
			if c.head != "" {
				return "type " + c.head
			}
			return ""
		}
		best := map[string]float64{}
		for _, c := range sw.cands[j] {
			if k := key(c); k != "" {
				best[k] = max(best[k], x[c.p])
			}
		}
		out := map[string]float64{}
		for _, c := range sw.cands[j] {
			k := key(c)
			if k == "" || best[k] <= 0 || x[c.p] <= 0 {
				continue
			}
			share := c.f["histCat"]/0.2 + c.f["statedCat"]
			if c.category == 0 {
				share = c.f["histType"] / 0.2
			}
			if v := math.Log1p(x[c.p]) / math.Log1p(best[k]) * min(1, share); v > 0 {
				out[c.id] = v
			}
		}
		return out
	}
}

// cosineSum is the summed cosine of the candidate with the customer's purchases (pairs of
// MinCoCustomers or more customers), relative to the best candidate's.
func cosineSum(sw *sigWorld, j int) map[string]float64 {
	return sumOver(sw, j, sw.nbrs, 0)
}

// rootLLR is the signed square root of the log-likelihood ratio (G²) that n of the
// customers bought both of two products that a and b customers bought, out of total,
// against their being bought independently; 0 when bought together no more often than
// chance would have it.
func rootLLR(n, a, b, total int) float64 {
	k11, k12, k21 := float64(n), float64(a-n), float64(b-n)
	k22 := float64(total) - k11 - k12 - k21
	if k22 < 0 || k11*float64(total) <= float64(a)*float64(b) {
		return 0
	}
	xlogx := func(x float64) float64 {
		if x <= 0 {
			return 0
		}
		return x * math.Log(x)
	}
	ent := func(xs ...float64) float64 {
		var sum, parts float64
		for _, x := range xs {
			sum += x
			parts += xlogx(x)
		}
		return xlogx(sum) - parts
	}
	g := 2 * (ent(k11+k12, k21+k22) + ent(k11+k21, k12+k22) - ent(k11, k12, k21, k22))
	return math.Sqrt(max(0, g))
}

// llrSum is the summed root LLR of the candidate with the customer's purchases,
// relative to the best candidate's; with halfLife > 0, each purchase weighs by its
// recency (halving every halfLife days), as co's do.
func llrSum(halfLife float64) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		return sumOver(sw, j, sw.llr, halfLife)
	}
}

// sumOver sums the pair strengths nbrs of the customer's purchases with each
// candidate, relative to the best candidate's; with halfLife > 0, each purchase weighs
// by its recency (halving every halfLife days).
func sumOver(sw *sigWorld, j int, nbrs [][]sigNbr, halfLife float64) map[string]float64 {
	in := map[int]string{}
	for _, c := range sw.cands[j] {
		in[c.p] = c.id
	}
	out := map[string]float64{}
	best := 0.0
	last := sw.lastDays[sw.pw.cases[j].customer]
	for _, h := range sw.pw.cases[j].history {
		w := 1.0
		if halfLife > 0 {
			w = math.Exp2(-last[h] / halfLife)
		}
		for _, nb := range nbrs[h] {
			if id, ok := in[nb.p]; ok {
				out[id] += w * nb.s
				best = max(best, out[id])
			}
		}
	}
	for k := range out {
		out[k] /= best
	}
	return out
}

// twoHop is the co-purchases of the co-purchases: over each purchase h, its 30
// strongest neighbours m and theirs, cos(h,m)·cos(m,c), for candidates c that are not
// direct neighbours of any purchase; relative to the best. With thin > 0 it counts only
// for customers with fewer than thin candidates bought with their purchases, fading
// as they near it.
func twoHop(thin int) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		in := map[int]string{}
		direct := 0
		for _, c := range sw.cands[j] {
			in[c.p] = c.id
		}
		hist := sw.pw.cases[j].history
		near := map[int]bool{}
		for _, h := range hist {
			near[h] = true
			for _, nb := range sw.nbrs[h] {
				if _, ok := in[nb.p]; ok && !near[nb.p] {
					near[nb.p] = true
					direct++
				}
			}
		}
		fade := 1.0
		if thin > 0 {
			fade = max(0, 1-float64(direct)/float64(thin))
		}
		out := map[string]float64{}
		if fade == 0 {
			return out
		}
		best := 0.0
		for _, h := range hist {
			for _, m := range sw.nbrs[h][:min(30, len(sw.nbrs[h]))] {
				for _, nb := range sw.nbrs[m.p][:min(30, len(sw.nbrs[m.p]))] {
					if id, ok := in[nb.p]; ok && !near[nb.p] {
						out[id] += m.s * nb.s
						best = max(best, out[id])
					}
				}
			}
		}
		for k := range out {
			out[k] = out[k] / best * fade
		}
		return out
	}
}

// strays scales a signal by how far the customer's history strays from popular
// products: by -z (the standardised mean popularity percentile of the history, so
// positive for customers who buy less popular products than most and negative for
// the others), or by 1 when constant (the control: the same signal for everyone).
func strays(f sigFunc, constant bool) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		out := f(sw, j)
		if constant {
			return out
		}
		for k := range out {
			out[k] *= -sw.z[j]
		}
		return out
	}
}

// selfCheck asks the customer's own history which damping suits them: among the
// products bought with their earlier products (pairs of MinCoCustomers or more
// customers), is their latest new product ranked higher by the cosine (+1) or by
// recommend's light damping, n / (buyers(a)^0.9 · buyers(b)^0.1) (-1)? 0 when neither,
// or when there is no earlier product or the latest is not among those bought with them.
func selfCheck(sw *sigWorld, j int) float64 {
	e := sw.pw.e
	last := sw.lastDays[sw.pw.cases[j].customer]
	hist := slices.Clone(sw.pw.cases[j].history)
	if len(hist) < 2 {
		return 0
	}
	slices.SortStableFunc(hist, func(a, b int) int {
		switch {
		case last[a] < last[b]:
			return -1
		case last[a] > last[b]:
			return 1
		}
		return 0
	})
	latest, earlier := hist[0], hist[1:]
	light, cos := map[int]float64{}, map[int]float64{}
	for _, a := range earlier {
		for _, nb := range sw.nbrs[a] {
			if slices.Contains(earlier, nb.p) {
				continue
			}
			n := float64(e.co[a][nb.p])
			light[nb.p] += n / (math.Pow(float64(e.buyers[a]), 0.9) * math.Pow(float64(e.buyers[nb.p]), 0.1))
			cos[nb.p] += nb.s
		}
	}
	if _, ok := light[latest]; !ok {
		return 0
	}
	rank := func(m map[int]float64) int {
		r := 0
		for _, v := range m {
			if v > m[latest] {
				r++
			}
		}
		return r
	}
	switch rl, rc := rank(light), rank(cos); {
	case rc < rl:
		return 1
	case rl < rc:
		return -1
	}
	return 0
}

// bySelfCheck scales a signal by selfCheck.
func bySelfCheck(f sigFunc) sigFunc {
	return func(sw *sigWorld, j int) map[string]float64 {
		s := selfCheck(sw, j)
		out := f(sw, j)
		for k := range out {
			out[k] *= s
		}
		return out
	}
}

// popularity is the candidate's buyers before the split, relative to the best (log).
func popularity(sw *sigWorld, j int) map[string]float64 {
	x := make([]float64, len(sw.pct))
	for p, b := range sw.pw.e.buyers {
		x[p] = float64(b)
	}
	return relLog(sw, j, x)
}

// sigTrial is one signal added to the committed score at some weights.
type sigTrial struct {
	name     string
	f        sigFunc
	weights  []float64
	coPlaces bool // the signal also orders the co-purchase places
}

func sigTrials() []sigTrial {
	var out []sigTrial
	ws := []float64{0.1, 0.25, 0.5, 1}
	for _, h := range sigHalfLives {
		out = append(out,
			sigTrial{name: fmt.Sprintf("trend, halving every %g days", h), f: trend(h, false), weights: ws},
			sigTrial{name: fmt.Sprintf("trend of new buyers, halving every %g days", h), f: trend(h, true), weights: ws},
			sigTrial{name: fmt.Sprintf("rising, halving every %g days", h), f: rising(h), weights: ws},
			sigTrial{name: fmt.Sprintf("trend within category or type, halving every %g days", h), f: groupTrend(h), weights: []float64{0.25, 0.5, 1, 2}},
		)
	}
	out = append(out,
		sigTrial{name: "popularity, all-time buyers (the control of recent sales)", f: popularity, weights: ws},
		sigTrial{name: "two-hop co-purchases", f: twoHop(0), weights: []float64{0.05, 0.1, 0.25, 0.5}},
		sigTrial{name: "two-hop co-purchases, under 50 direct", f: twoHop(50), weights: []float64{0.1, 0.25, 0.5, 1}},
		sigTrial{name: "two-hop co-purchases, under 200 direct", f: twoHop(200), weights: []float64{0.1, 0.25, 0.5, 1}},
		sigTrial{name: "cosine, constant (control)", f: strays(cosineSum, true), weights: []float64{0.1, 0.25, 0.5, 1}},
		sigTrial{name: "cosine × strayness", f: strays(cosineSum, false), weights: []float64{0.05, 0.1, 0.25, 0.5}},
		sigTrial{name: "cosine × strayness, co-purchase places", f: strays(cosineSum, false), weights: []float64{0.05, 0.1, 0.25, 0.5}, coPlaces: true},
		sigTrial{name: "root LLR", f: llrSum(0), weights: []float64{0.1, 0.25, 0.5, 1}},
		sigTrial{name: "root LLR, co-purchase places", f: llrSum(0), weights: []float64{0.1, 0.25, 0.5, 1}, coPlaces: true},
		sigTrial{name: "root LLR, recent purchases (30 days)", f: llrSum(30), weights: []float64{0.1, 0.25, 0.5, 1}},
		sigTrial{name: "root LLR × strayness", f: strays(llrSum(0), false), weights: []float64{0.05, 0.1, 0.25, 0.5}},
		sigTrial{name: "cosine × self-check", f: bySelfCheck(cosineSum), weights: []float64{0.05, 0.1, 0.25, 0.5}},
		sigTrial{name: "cosine × self-check, co-purchase places", f: bySelfCheck(cosineSum), weights: []float64{0.05, 0.1, 0.25, 0.5}, coPlaces: true},
		sigTrial{name: "popularity × self-check", f: bySelfCheck(popularity), weights: []float64{-0.05, -0.1, -0.25, -0.5}},
		sigTrial{name: "popularity × strayness", f: strays(popularity, false), weights: []float64{-0.05, -0.1, -0.25, -0.5, 0.1}},
	)
	// recbuy2: a per-customer blend from the strength of the neighbour evidence.
	ev := []float64{-0.5, -0.2, 0.2, 0.5}
	out = append(out,
		sigTrial{name: "knn × neighbour confidence", f: byEvidence(feature("knn"), false), weights: ev},
		sigTrial{name: "knn × neighbour confidence, co-purchase places", f: byEvidence(feature("knn"), false), weights: ev, coPlaces: true},
		sigTrial{name: "cosine × neighbour confidence", f: byEvidence(cosineSum, false), weights: ev},
		sigTrial{name: "catPop × neighbour confidence", f: byEvidence(feature("catPop"), false), weights: ev},
		sigTrial{name: "pop × neighbour confidence", f: byEvidence(feature("pop"), false), weights: ev},
		sigTrial{name: "knn × strongest pair", f: byEvidence(feature("knn"), true), weights: ev},
		sigTrial{name: "cosine × strongest pair", f: byEvidence(cosineSum, true), weights: ev},
		sigTrial{name: "catPop × strongest pair", f: byEvidence(feature("catPop"), true), weights: ev},
	)
	return out
}

// TestNewSignals tries each new signal (sigTrials) as one more feature of the
// committed score on the tuning worlds of TestLearnWeights (RECOMMEND_LEARN_* as
// there; the quality world has no dated orders, so it ranks as committed): the change
// of the mean HitRate@10 with its paired noise, and each world's change. Never a
// held-out part. RECOMMEND_SIGNALS=1 runs it; RECOMMEND_SIGNALS_ONLY (a regular
// expression) runs only the trials whose names match.
func TestNewSignals(t *testing.T) {
	worlds := learnWorldsIf(t, "RECOMMEND_SIGNALS", "to try new signals on the tuning worlds")
	if worlds == nil {
		return
	}
	only, err := regexp.Compile(os.Getenv("RECOMMEND_SIGNALS_ONLY"))
	if err != nil {
		t.Fatal(err)
	}
	// The committed ranking first: the candidates' features are computed then.
	base, line := evaluateWorlds(worlds, nil)
	t.Logf("committed weights: HitRate@10 %.4f  %s", base.hit, line)
	sws := make([]*sigWorld, len(worlds))
	caseOf := make([]map[*recommend.Prepared]int, len(worlds))
	for i, pw := range worlds {
		if pw.e != nil {
			sws[i] = newSigWorld(pw)
		}
		caseOf[i] = map[*recommend.Prepared]int{}
		for j, p := range pw.prep {
			caseOf[i][p] = j
		}
	}
	for _, tr := range sigTrials() {
		if !only.MatchString(tr.name) {
			continue
		}
		x := make([][]map[string]float64, len(worlds))
		for i, pw := range worlds {
			x[i] = make([]map[string]float64, len(pw.cases))
			if sws[i] == nil {
				continue
			}
			_ = forEachParallel(len(pw.cases), func(j int) error {
				if pw.prep[j] != nil {
					x[i][j] = tr.f(sws[i], j)
				}
				return nil
			})
		}
		for _, weight := range tr.weights {
			var s learnScore
			var worldLine []string
			for i, pw := range worlds {
				m, hit := pw.metricsBy(func(p *recommend.Prepared) []string {
					return p.RankPlus(nil, x[i][caseOf[i][p]], weight, tr.coPlaces)
				})
				s.hit += m.hitRate() / float64(len(worlds))
				s.hits = append(s.hits, hit)
				worldLine = append(worldLine, fmt.Sprintf("%s %+.4f", pw.name, m.hitRate()-hitRateOf(base.hits[i])))
			}
			t.Logf("%s, weight %g: %+.4f ± %.4f  (%s)", tr.name, weight, s.hit-base.hit, pairedNoise(s.hits, base.hits), strings.Join(worldLine, ", "))
		}
	}
}

// TestRootLLR checks rootLLR against G² = 2 Σ O ln(O/E) over the four cells of the
// table, worked independently, and that pairs bought together no more often than
// chance count for nothing.
func TestRootLLR(t *testing.T) {
	g2 := func(n, a, b, total float64) float64 {
		obs := []float64{n, a - n, b - n, total - a - b + n}
		exp := []float64{a * b / total, a * (total - b) / total, (total - a) * b / total, (total - a) * (total - b) / total}
		var g float64
		for i := range obs {
			if obs[i] > 0 {
				g += 2 * obs[i] * math.Log(obs[i]/exp[i])
			}
		}
		return math.Sqrt(g)
	}
	for _, tc := range []struct {
		name           string
		n, a, b, total int
		want           float64 // -1: as g2 gives it
	}{
		{"10 of 20 and 20 out of 100 (by hand: √12.071)", 10, 20, 20, 100, 3.4744},
		{"a strong rare pair", 3, 3, 4, 5000, -1},
		{"a popular pair", 400, 1000, 1200, 5000, -1},
		{"exactly as chance would have it", 4, 20, 20, 100, 0},
		{"less often than chance", 2, 20, 20, 100, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want < 0 {
				want = g2(float64(tc.n), float64(tc.a), float64(tc.b), float64(tc.total))
			}
			if got := rootLLR(tc.n, tc.a, tc.b, tc.total); math.Abs(got-want) > 1e-4 {
				t.Errorf("rootLLR(%d, %d, %d, %d) = %.5f, want %.5f", tc.n, tc.a, tc.b, tc.total, got, want)
			}
		})
	}
}

// TestSigWorld checks the signals' inputs on a hand-made history: recent sales halve
// every half-life before the split, a repeat order is not a new buyer, and the
// two-hop signal reaches a product through a neighbour, not a direct one.
func TestSigWorld(t *testing.T) {
	day := func(d int) time.Time { return worldStart.AddDate(0, 0, d) }
	// Customers 0–2 bought 0 and 1; customers 3–5 bought 1 and 2; customer 0 bought 1
	// again on day 170. Customer 6, the one asked for, bought 0 only. The split is day 200.
	var orders []worldOrder
	for c := range 3 {
		orders = append(orders, worldOrder{customer: c, product: 0, at: day(10 + c)}, worldOrder{customer: c, product: 1, at: day(20 + c)})
		orders = append(orders, worldOrder{customer: 3 + c, product: 1, at: day(30 + c)}, worldOrder{customer: 3 + c, product: 2, at: day(40 + c)})
	}
	orders = append(orders, worldOrder{customer: 0, product: 1, at: day(170)}, worldOrder{customer: 6, product: 0, at: day(180)})
	slices.SortStableFunc(orders, func(a, b worldOrder) int { return a.at.Compare(b.at) })
	w := &world{products: make([]catalog.Product, 3), customers: make([]worldCustomer, 7), orders: orders, split: day(200)}
	e := &evalSetup{w: w, buyers: []int{4, 6, 3}, co: []map[int]int{{1: 3}, {0: 3, 2: 3}, {1: 3}}}
	for i := range w.products {
		w.products[i].ID = fmt.Sprint("p", i)
	}
	pw := &preparedWorld{e: e, cases: []evalCase{{customer: 6, history: []int{0}}}, prep: []*recommend.Prepared{nil},
		index: map[string]int{"p0": 0, "p1": 1, "p2": 2}}
	sw := newSigWorld(pw)
	// Product 1's orders: days 20–22, 30–32 and the repeat on day 170.
	var want1, wantNew1 float64
	for _, d := range []float64{20, 21, 22, 30, 31, 32} {
		want1 += math.Exp2(-(200 - d) / 30)
	}
	wantNew1 = want1
	want1 += 0.5
	if got := sw.recent[30][1]; math.Abs(got-want1) > 1e-9 {
		t.Errorf("recent[30][1] = %.6f, want %.6f", got, want1)
	}
	if got := sw.recentNew[30][1]; math.Abs(got-wantNew1) > 1e-9 {
		t.Errorf("recentNew[30][1] = %.6f, want %.6f (the repeat is no new buyer)", got, wantNew1)
	}
	sw.cands[0] = []sigCand{{p: 1, id: "p1"}, {p: 2, id: "p2"}}
	if got := twoHop(0)(sw, 0); len(got) != 1 || got["p2"] != 1 {
		t.Errorf("twoHop = %v, want p2 alone (p1 is a direct neighbour of p0)", got)
	}
	if got := cosineSum(sw, 0); len(got) != 1 || got["p1"] != 1 {
		t.Errorf("cosineSum = %v, want p1 alone", got)
	}
}

// TestSelfCheck checks selfCheck on a hand-made history: product 0 was bought with a
// popular product 1 (6 of its 100 buyers) and a rare product 2 (4 of its 5). The light
// damping ranks 1 first, the cosine 2; a customer whose latest product after 0 was 2
// is a cosine customer (+1), one whose latest was 1 is not (-1), and one with a
// single product cannot tell (0).
func TestSelfCheck(t *testing.T) {
	day := func(d int) time.Time { return worldStart.AddDate(0, 0, d) }
	orders := []worldOrder{
		{customer: 0, product: 0, at: day(10)}, {customer: 1, product: 0, at: day(11)}, {customer: 2, product: 0, at: day(12)},
		{customer: 0, product: 2, at: day(20)}, {customer: 1, product: 1, at: day(21)},
	}
	w := &world{products: make([]catalog.Product, 3), customers: make([]worldCustomer, 3), orders: orders, split: day(200)}
	e := &evalSetup{w: w, buyers: []int{10, 100, 5}, co: []map[int]int{{1: 6, 2: 4}, {0: 6}, {0: 4}}}
	pw := &preparedWorld{e: e, cases: []evalCase{{customer: 0, history: []int{0, 2}}, {customer: 1, history: []int{0, 1}}, {customer: 2, history: []int{0}}},
		prep: make([]*recommend.Prepared, 3), index: map[string]int{}}
	sw := newSigWorld(pw)
	for j, want := range []float64{1, -1, 0} {
		if got := selfCheck(sw, j); got != want {
			t.Errorf("case %d: selfCheck = %g, want %g", j, got, want)
		}
	}
}
