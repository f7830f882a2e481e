package recommend_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestEvalVariants evaluates variants of the weights on the validation parts only.
// RECOMMEND_VARIANTS="name=v,name=v;name=v" (one variant per ;, empty for the committed).
func TestEvalVariants(t *testing.T) {
	spec, ok := os.LookupEnv("RECOMMEND_VARIANTS")
	if !ok {
		t.Skip("set RECOMMEND_VARIANTS")
	}
	worlds := []*evalSetup{newEvalSetup(t, false), newEvalSetup(t, true)}
	for _, v := range strings.Split(spec, ";") {
		w := map[string]float64{}
		for _, kv := range strings.Split(v, ",") {
			if kv = strings.TrimSpace(kv); kv == "" {
				continue
			}
			k, val, _ := strings.Cut(kv, "=")
			x, err := strconv.ParseFloat(val, 64)
			if err != nil {
				t.Fatal(err)
			}
			w[k] = x
		}
		var line []string
		for i, e := range worlds {
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
			line = append(line, []string{"mixed", "bare"}[i]+" "+strconv.FormatFloat(m.hitRate(), 'f', 4, 64)+" / "+strconv.FormatFloat(m.ndcgAt(), 'f', 4, 64))
			if os.Getenv("RECOMMEND_VARIANTS_REORDER") != "" {
				ro := e.runReorder(t, true, w).Methods
				line = append(line, "reorder "+strconv.FormatFloat(ro["recommend"].HitRate, 'f', 3, 64)+" (buy-again "+strconv.FormatFloat(ro["buy-again+kNN"].HitRate, 'f', 3, 64)+")")
			}
		}
		t.Logf("%-40q %s", v, strings.Join(line, "   "))
	}
}

func TestEvalDiagnose(t *testing.T) {
	if os.Getenv("RECOMMEND_DIAG") == "" {
		t.Skip()
	}
	e := newEvalSetup(t, false)
	var cases []evalCase
	for _, c := range e.cases {
		if c.validation {
			cases = append(cases, c)
		}
	}
	lists := e.recommendLists(t, cases, nil)
	both, recOnly, knnOnly, none := 0, 0, 0, 0
	blocked, catKnown := 0, 0
	for i, c := range cases {
		knn := e.knn(c.history, 10)
		rh, kh := false, false
		for _, p := range lists[i] {
			rh = rh || c.targets[p]
		}
		var khits []int
		for _, p := range knn {
			if c.targets[p] {
				kh = true
				khits = append(khits, p)
			}
		}
		switch {
		case rh && kh:
			both++
		case rh:
			recOnly++
		case kh:
			knnOnly++
			best := 0
			for _, p := range khits {
				for _, a := range c.history {
					best = max(best, e.co[a][p])
				}
			}
			if best < 3 {
				blocked++
			}
			if e.w.products[khits[0]].Category != "" {
				catKnown++
			}
		default:
			none++
		}
	}
	t.Logf("both %d, recommend only %d, kNN only %d (of which best pair < 3 customers: %d; with category %d), neither %d", both, recOnly, knnOnly, blocked, catKnown, none)
}
