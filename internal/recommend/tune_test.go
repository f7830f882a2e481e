package recommend_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// TestTuneWeights chooses the weights of recommend's score on the validation parts
// of both evaluation worlds (never the held-out parts), by coordinate search: starting
// from the committed weights, each weight in turn is tried at 0, ½, 2 and 4 times its
// value (0.25, 0.5 and 1 when it is 0) with the others fixed, and the best kept; passes
// repeat until one changes nothing, at most three. The objective is the mean
// validation HitRate@10 of the two worlds, NDCG@10 breaking ties. It prints the
// weights to commit in weights() (score.go). It takes minutes, so it runs only with
// RECOMMEND_TUNE=1.
func TestTuneWeights(t *testing.T) {
	skipUnlessEnv(t, "RECOMMEND_TUNE", "to search the weights on the validation split")
	worlds := []*evalSetup{newEvalSetup(t, false), newEvalSetup(t, true)}
	type score struct{ hit, ndcg float64 }
	evaluate := func(w map[string]float64) score {
		var s score
		for _, e := range worlds {
			var cases []evalCase
			for _, c := range e.cases {
				if c.validation {
					cases = append(cases, c)
				}
			}
			var m evalMetrics
			for i, l := range e.recommendLists(t, cases, w) {
				m.add(l, cases[i].targets)
			}
			s.hit += m.hitRate() / float64(len(worlds))
			s.ndcg += m.ndcgAt() / float64(len(worlds))
		}
		return s
	}
	better := func(a, b score) bool { return a.hit > b.hit+1e-9 || a.hit > b.hit-1e-9 && a.ndcg > b.ndcg+1e-9 }
	w := recommend.DefaultWeights()
	best := evaluate(w)
	t.Logf("committed weights: HitRate@10 %.4f, NDCG@10 %.4f", best.hit, best.ndcg)
	for pass := range 3 {
		changed := false
		for _, name := range append(slices.Clone(recommend.WeightNames), "halfLifeDays", "coHalfLifeDays") {
			if name == "text" || name == "due" {
				// The evaluation asks without context, so text does nothing here; due
				// counts only when purchased products are kept, and is chosen on the
				// reorder evaluation's validation part (TestEvalVariants).
				continue
			}
			v := w[name]
			tries := []float64{0, v / 2, v * 2, v * 4}
			if v == 0 {
				tries = []float64{0.25, 0.5, 1}
			}
			for _, x := range tries {
				trial := maps.Clone(w)
				trial[name] = x
				if s := evaluate(trial); better(s, best) {
					best, w, changed = s, trial, true
					t.Logf("pass %d: %s = %g → HitRate@10 %.4f, NDCG@10 %.4f", pass+1, name, x, s.hit, s.ndcg)
				}
			}
		}
		if !changed {
			break
		}
	}
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(w)) {
		fmt.Fprintf(&b, "%s: %g, ", name, w[name])
	}
	t.Logf("chosen weights (validation HitRate@10 %.4f, NDCG@10 %.4f): %s", best.hit, best.ndcg, b.String())
}
