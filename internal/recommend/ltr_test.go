package recommend_test

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// ltrCase is one case's candidates for a listwise fit: feature rows and which rows
// are targets; weight is the case's share of the objective (each world counts once).
type ltrCase struct {
	rows   [][]float64
	target []bool
	weight float64
}

// ltrCases collects, from every case of the worlds for which keep(world, case) holds,
// the top best candidates under w (and every target further down), with the terms
// over the features named in names. Cases with no target among their candidates teach nothing and are
// left out.
func ltrCases(worlds []*preparedWorld, w map[string]float64, names []string, terms []ltrTerm, top int, keep func(k, i int) bool) []ltrCase {
	var out []ltrCase
	for k, pw := range worlds {
		per := make([]*ltrCase, len(pw.cases))
		_ = forEachParallel(len(pw.cases), func(i int) error {
			if pw.prep[i] == nil || !keep(k, i) {
				return nil
			}
			pw.prep[i].Rank(w)
			ids, rows := pw.prep[i].Rows(names)
			var c ltrCase
			for j, id := range ids {
				target := pw.cases[i].targets[pw.index[id]]
				if j < top || target {
					c.rows = append(c.rows, expand(terms, rows[j]))
					c.target = append(c.target, target)
				}
			}
			if slices.Contains(c.target, true) {
				per[i] = &c
			}
			return nil
		})
		var n int
		for _, c := range per {
			if c != nil {
				n++
			}
		}
		for _, c := range per {
			if c != nil {
				c.weight = 1 / float64(n) / float64(len(worlds))
				out = append(out, *c)
			}
		}
	}
	return out
}

// fitListwise fits linear weights over the cases' features by the listwise logistic
// (softmax) loss — minus the log of the targets' share of exp(score) over the case's
// candidates — plus l2·|w|² over the free weights, by Adam from start; a weight k with
// free[k] false (nil: all free) keeps its start. It returns the weights and the loss.
func fitListwise(cases []ltrCase, start []float64, free []bool, l2 float64, steps int) ([]float64, float64) {
	d := len(start)
	w := slices.Clone(start)
	m, v := make([]float64, d), make([]float64, d)
	const lr, b1, b2 = 0.05, 0.9, 0.999
	// Each round computes the loss and its gradient at w, then (but for the last) steps.
	for step := 1; ; step++ {
		grad := make([]float64, d)
		var loss float64
		for _, c := range cases {
			scores := make([]float64, len(c.rows))
			top := math.Inf(-1)
			for j, r := range c.rows {
				for k, x := range r {
					scores[j] += w[k] * x
				}
				top = max(top, scores[j])
			}
			var z float64
			for j := range scores {
				scores[j] = math.Exp(scores[j] - top)
				z += scores[j]
			}
			var npos float64
			for _, t := range c.target {
				if t {
					npos++
				}
			}
			// Each target's loss is −log p(target); their mean is the case's loss.
			for j, r := range c.rows {
				p := scores[j] / z
				g := p
				if c.target[j] {
					g -= 1 / npos
					loss -= c.weight * math.Log(max(p, 1e-300)) / npos
				}
				for k, x := range r {
					grad[k] += c.weight * g * x
				}
			}
		}
		for k := range w {
			if free == nil || free[k] {
				loss += l2 * w[k] * w[k]
			}
		}
		if step > steps {
			return w, loss
		}
		for k := range w {
			if free != nil && !free[k] {
				continue
			}
			grad[k] += 2 * l2 * w[k]
			m[k] = b1*m[k] + (1-b1)*grad[k]
			v[k] = b2*v[k] + (1-b2)*grad[k]*grad[k]
			mh := m[k] / (1 - math.Pow(b1, float64(step)))
			vh := v[k] / (1 - math.Pow(b2, float64(step)))
			w[k] -= lr * mh / (math.Sqrt(vh) + 1e-8)
		}
	}
}

// TestFitListwise checks the loss of equal scores (log of the candidates) and the fit on
// cases a single feature separates: its weight must grow and the noise's stay small.
func TestFitListwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var cases []ltrCase
	for i := range 50 {
		c := ltrCase{weight: 1.0 / 50}
		for j := range 20 {
			noise := rng.Float64()
			x := 0.1
			if j == i%20 {
				x = 0.9
			}
			c.rows = append(c.rows, []float64{x, noise})
			c.target = append(c.target, j == i%20)
		}
		cases = append(cases, c)
	}
	if _, loss := fitListwise(cases, []float64{0, 0}, nil, 0.01, 0); math.Abs(loss-math.Log(20)) > 1e-9 {
		t.Errorf("loss of equal scores over 20 candidates %.6f, want log 20 = %.6f", loss, math.Log(20))
	}
	w, loss := fitListwise(cases, []float64{0, 0}, nil, 0.01, 300)
	if w[0] < 2 || math.Abs(w[1]) > w[0]/4 || loss > math.Log(20)/2 {
		t.Errorf("fit: weights %v, loss %.3f (uniform %.3f)", w, loss, math.Log(20))
	}
}

// ltrTerm is a term of a fitted score: feature a, times feature b unless b < 0.
type ltrTerm struct{ a, b int }

// expand returns the terms' values for the features x.
func expand(terms []ltrTerm, x []float64) []float64 {
	out := make([]float64, len(terms))
	for k, t := range terms {
		out[k] = x[t.a]
		if t.b >= 0 {
			out[k] *= x[t.b]
		}
	}
	return out
}

// TestLearnToRank fits the score by a listwise logistic regression over the candidates'
// features (learning to rank, instead of TestLearnWeights' coordinate search on
// HitRate@10) on TestLearnWeights' tuning worlds — never a held-out part. The score is
// the committed weighted sum (every weight but text's and due's fitted; the evaluation
// has no context and leaves out what was bought) and, with RECOMMEND_LTR_PAIRS (features
// separated by commas), the products of every two of those features, squares included,
// starting at 0. It first cross-fits (fitted on the even cases of every world, judged on
// the odd ones, and the other way round), then fits on every case and judges the fit and
// blends of it with the committed weights by the mean HitRate@10 of the worlds, each
// against the committed weights with its paired noise (TestLearnWeights' rule: kept
// only above it). The fit sees each case's best candidates under the committed weights,
// as many as each number in RECOMMEND_LTR_TOPS (default "200"; 10 makes it a contest of
// the targets against the list they are missing from), and every target among its
// candidates. RECOMMEND_LTR=1 runs it; RECOMMEND_LTR_L2 sets the penalty (default 1e-4),
// RECOMMEND_LTR_STEPS the steps (300); RECOMMEND_LTR_CROSS=0 leaves out the cross-fit.
func TestLearnToRank(t *testing.T) {
	if os.Getenv("RECOMMEND_LTR") == "" {
		t.Skip("set RECOMMEND_LTR=1 to fit the weights by learning to rank on the tuning worlds")
	}
	names := recommend.WeightNames
	var linear []ltrTerm
	for k := range names {
		linear = append(linear, ltrTerm{k, -1})
	}
	termSets := [][]ltrTerm{linear}
	if spec := os.Getenv("RECOMMEND_LTR_PAIRS"); spec != "" {
		var pairs []int
		for _, n := range strings.Split(spec, ",") {
			k := slices.Index(names, strings.TrimSpace(n))
			if k < 0 {
				t.Fatalf("no feature %q", n)
			}
			pairs = append(pairs, k)
		}
		withPairs := slices.Clone(linear)
		for i, a := range pairs {
			for _, b := range pairs[i:] {
				withPairs = append(withPairs, ltrTerm{a, b})
			}
		}
		termSets = append(termSets, withPairs)
	}
	var tops []int
	for _, f := range strings.Split(cmp.Or(os.Getenv("RECOMMEND_LTR_TOPS"), "200"), ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			t.Fatal(err)
		}
		tops = append(tops, n)
	}
	worlds := learnWorlds(t)
	if t.Failed() {
		return
	}
	l2 := 1e-4
	if v := os.Getenv("RECOMMEND_LTR_L2"); v != "" {
		if _, err := fmt.Sscan(v, &l2); err != nil {
			t.Fatal(err)
		}
	}
	steps := envInt(t, "RECOMMEND_LTR_STEPS", 300)
	base := recommend.DefaultWeights()
	base["coSlots"], base["catCap"], base["coAlpha"] = recommend.CoSlotShare, recommend.CatCapShare, recommend.CoAlpha
	ref, line := evaluateWorlds(worlds, base)
	t.Logf("committed: HitRate@10 %.4f, NDCG@10 %.4f  %s", ref.hit, ref.ndcg, line)
	for _, terms := range termSets {
		for _, top := range tops {
			t.Logf("%d terms, the %d best candidates and every target:", len(terms), top)
			start := make([]float64, len(terms))
			free := make([]bool, len(terms))
			for k, tm := range terms {
				if tm.b < 0 {
					start[k] = base[names[tm.a]]
				}
				free[k] = names[tm.a] != "text" && names[tm.a] != "due"
			}
			by := func(coef []float64) func(*recommend.Prepared) []string {
				return func(p *recommend.Prepared) []string {
					return p.RankBy(base, names, func(x []float64) float64 {
						var s float64
						for k, v := range expand(terms, x) {
							s += coef[k] * v
						}
						return s
					})
				}
			}
			format := func(coef []float64) string {
				var b strings.Builder
				for k, tm := range terms {
					if !free[k] || coef[k] == 0 {
						continue
					}
					n := names[tm.a]
					if tm.b >= 0 {
						n += "*" + names[tm.b]
					}
					fmt.Fprintf(&b, "%s=%.3g,", n, coef[k])
				}
				return b.String()
			}
			// The fitted score's ranking is Rank's when it is the committed weighted sum.
			if same, _ := evaluateWorldsBy(worlds, by(start)); !slices.EqualFunc(same.hits, ref.hits, slices.Equal) {
				t.Fatalf("RankBy with the committed weights: HitRate@10 %.4f, Rank %.4f", same.hit, ref.hit)
			}
			// Cross-fit: fitted on one half of every world's cases, judged on the other.
			for fold := range 2 {
				if os.Getenv("RECOMMEND_LTR_CROSS") == "0" {
					break
				}
				train := ltrCases(worlds, base, names, terms, top, func(_, i int) bool { return i%2 == fold })
				coef, loss := fitListwise(train, start, free, l2, steps)
				var held []*preparedWorld
				for _, pw := range worlds {
					held = append(held, pw.subset(func(i int) bool { return i%2 != fold }))
				}
				a, _ := evaluateWorlds(held, base)
				b, l := evaluateWorldsBy(held, by(coef))
				t.Logf("fold %d (%d cases, loss %.4f): on the other half %+.4f ±%.4f (committed %.4f)  %s  %s",
					fold, len(train), loss, b.hit-a.hit, pairedNoise(b.hits, a.hits), a.hit, format(coef), l)
			}

			all := ltrCases(worlds, base, names, terms, top, func(int, int) bool { return true })
			_, startLoss := fitListwise(all, start, free, l2, 0)
			coef, loss := fitListwise(all, start, free, l2, steps)
			t.Logf("fitted on %d cases: loss %.4f (committed weights %.4f): %s", len(all), loss, startLoss, format(coef))
			// Blends with the committed weights, the fit scaled to their size.
			var n0, n1 float64
			for k := range coef {
				if free[k] {
					n0, n1 = n0+start[k]*start[k], n1+coef[k]*coef[k]
				}
			}
			scale := math.Sqrt(n0 / n1)
			for _, a := range []float64{0.25, 0.5, 0.75, 1} {
				y := slices.Clone(start)
				for k := range coef {
					if free[k] {
						y[k] = (1-a)*start[k] + a*scale*coef[k]
					}
				}
				s, l := evaluateWorldsBy(worlds, by(y))
				t.Logf("blend %.2f: HitRate@10 %.4f (%+.4f ±%.4f), NDCG@10 %.4f  %s  %s",
					a, s.hit, s.hit-ref.hit, pairedNoise(s.hits, ref.hits), s.ndcg, format(y), l)
			}
		}
	}
}
