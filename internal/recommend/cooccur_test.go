package recommend_test

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
)

// coVariant scores the products bought with a history from the purchase histories
// before the split: one well-known refinement of plain co-occurrence.
type coVariant struct {
	name  string
	score func(g *coGraph, history []int) map[int]float64
}

// coGraph is who bought what before the split of an evaluation world.
type coGraph struct {
	e      *evalSetup
	hist   [][]int       // per customer, the distinct products bought
	buyers [][]int       // per product, the customers who bought it
	after  []map[int]int // product a → product b → customers who bought b after a
}

func newCoGraph(e *evalSetup) *coGraph {
	g := &coGraph{e: e, hist: make([][]int, len(e.w.customers)), buyers: make([][]int, len(e.w.products))}
	for _, o := range e.w.orders {
		if o.at.Before(e.w.split) && !slices.Contains(g.hist[o.customer], o.product) {
			g.hist[o.customer] = append(g.hist[o.customer], o.product)
			g.buyers[o.product] = append(g.buyers[o.product], o.customer)
		}
	}
	return g
}

// cosine is item-kNN's own score with the pairs' strength n/(buyers(a)^from ·
// buyers(b)^alpha) · n/(n+shrink), counting only pairs at least minN customers bought.
func cosine(from, alpha, shrink float64, minN int) func(*coGraph, []int) map[int]float64 {
	return func(g *coGraph, history []int) map[int]float64 {
		e := g.e
		score := map[int]float64{}
		for _, a := range history {
			for b, nab := range e.co[a] {
				if nab < minN {
					continue
				}
				n := float64(nab)
				score[b] += n / (math.Pow(float64(e.buyers[a]), from) * math.Pow(float64(e.buyers[b]), alpha)) * n / (n + shrink)
			}
		}
		return score
	}
}

// after scores as cosine(0.9, 0.1, 1, 3) does, with a pair's n the customers who
// bought b after a (their first purchases of each) and, with both, plus those who
// bought it before, at half weight.
func after(both bool) func(*coGraph, []int) map[int]float64 {
	return func(g *coGraph, history []int) map[int]float64 {
		e := g.e
		if g.after == nil {
			g.after = make([]map[int]int, len(e.w.products))
			for _, h := range g.hist {
				for i, a := range h {
					for _, b := range h[i+1:] {
						if g.after[a] == nil {
							g.after[a] = map[int]int{}
						}
						g.after[a][b]++
					}
				}
			}
		}
		score := map[int]float64{}
		for _, a := range history {
			for b, nab := range e.co[a] {
				if nab < int(recommend.MinCoCustomers) {
					continue
				}
				n := float64(g.after[a][b])
				if both {
					n += 0.5 * float64(nab-g.after[a][b])
				}
				score[b] += n / (math.Pow(float64(e.buyers[a]), 0.9) * math.Pow(float64(e.buyers[b]), 0.1)) * n / (n + 1)
			}
		}
		return score
	}
}

// blend is a + k·b, each relative to its best product for the history.
func blend(a, b func(*coGraph, []int) map[int]float64, k float64) func(*coGraph, []int) map[int]float64 {
	return func(g *coGraph, history []int) map[int]float64 {
		sa, sb := a(g, history), b(g, history)
		ma, mb := 0.0, 0.0
		for _, v := range sa {
			ma = max(ma, v)
		}
		for _, v := range sb {
			mb = max(mb, v)
		}
		out := map[int]float64{}
		for p, v := range sa {
			out[p] += v / ma
		}
		for p, v := range sb {
			out[p] += k * v / mb
		}
		return out
	}
}

// iufCosine is the cosine in which each customer counts 1/log2(1+k), k the products
// they bought: a pair from a customer who bought everything says less.
func iufCosine(g *coGraph, history []int) map[int]float64 {
	w := func(u int) float64 { return 1 / math.Log2(1+float64(len(g.hist[u]))) }
	mass := func(p int) float64 {
		var s float64
		for _, u := range g.buyers[p] {
			s += w(u)
		}
		return s
	}
	score := map[int]float64{}
	for _, a := range history {
		pair := map[int]float64{}
		for _, u := range g.buyers[a] {
			for _, b := range g.hist[u] {
				if b != a {
					pair[b] += w(u)
				}
			}
		}
		ma := mass(a)
		for b, n := range pair {
			score[b] += n / math.Sqrt(ma*mass(b))
		}
	}
	return score
}

// rp3beta is the two-step random walk product → customer → product, each step
// uniform over the edges, the end product's probability divided by its buyers^beta.
func rp3beta(beta float64) func(*coGraph, []int) map[int]float64 {
	return func(g *coGraph, history []int) map[int]float64 {
		score := map[int]float64{}
		for _, a := range history {
			pa := 1 / float64(len(g.buyers[a]))
			for _, u := range g.buyers[a] {
				pu := pa / float64(len(g.hist[u]))
				for _, b := range g.hist[u] {
					if b != a {
						score[b] += pu
					}
				}
			}
		}
		for b := range score {
			score[b] /= math.Pow(float64(len(g.buyers[b])), beta)
		}
		return score
	}
}

// TestCoOccurrenceVariants measures well-known refinements of item-kNN's co-occurrence
// on the tuning worlds (the validation part of the default world, every customer of
// seeds 3 and 4; never a held-out part), each against the plain cosine with the paired
// noise of the difference, and each variant after recommend's own pair strength also
// against that: whether any of them beats it here, which would make it worth building
// into recommend's co-purchase features (see the catalog's copurchases). Purchases only: brands and categories play no part, so the mixed
// worlds are used. RECOMMEND_DIAGNOSE=1 runs it.
func TestCoOccurrenceVariants(t *testing.T) {
	if os.Getenv("RECOMMEND_DIAGNOSE") == "" {
		t.Skip("set RECOMMEND_DIAGNOSE=1 to compare co-occurrence variants on the tuning worlds")
	}
	variants := []coVariant{
		{"cosine (item-kNN)", cosine(0.5, 0.5, 0, 1)},
		{"cosine, pairs of 3+ customers (recommend's privacy threshold)", cosine(0.5, 0.5, 0, int(recommend.MinCoCustomers))},
		{"recommend's strength without recency (from 0.9, alpha 0.1, n/(n+1), 3+)", cosine(0.9, 0.1, 1, int(recommend.MinCoCustomers))},
		{"cosine shrunk n/(n+5)", cosine(0.5, 0.5, 5, 1)},
		{"cosine shrunk n/(n+20)", cosine(0.5, 0.5, 20, 1)},
		{"asymmetric cosine from 0.9, alpha 0.1", cosine(0.9, 0.1, 0, 1)},
		{"inverse user frequency cosine", iufCosine},
		{"RP3beta 0", rp3beta(0)},
		{"RP3beta 0.3", rp3beta(0.3)},
		{"RP3beta 0.5", rp3beta(0.5)},
		{"RP3beta 0.7", rp3beta(0.7)},
		{"recommend's strength + ½ RP3beta 0 (each relative to its best)", blend(cosine(0.9, 0.1, 1, int(recommend.MinCoCustomers)), rp3beta(0), 0.5)},
		{"recommend's strength + RP3beta 0 (each relative to its best)", blend(cosine(0.9, 0.1, 1, int(recommend.MinCoCustomers)), rp3beta(0), 1)},
		{"recommend's strength, n the customers who bought it after", after(false)},
		{"recommend's strength, n after + ½ before", after(true)},
	}
	const ownStrength = 2 // the variant that is recommend's own pair strength
	for _, seed := range []int{evalWorldSeed, 3, 4} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			e := newEvalSetupSeed(t, false, seed)
			g := newCoGraph(e)
			var cases []evalCase
			for _, c := range e.cases {
				if c.validation || seed != evalWorldSeed {
					cases = append(cases, c)
				}
			}
			hit := make([][]bool, len(variants))
			var b strings.Builder
			fmt.Fprintf(&b, "seed %d, %d customers:\n| variant | HitRate@10 | NDCG@10 | ÷ cosine | gain ± paired noise | against recommend's strength |\n|---|---:|---:|---:|---:|---:|\n", seed, len(cases))
			var base, own float64
			for k, v := range variants {
				var m evalMetrics
				hit[k] = make([]bool, len(cases))
				for i, c := range cases {
					l := e.top(v.score(g, c.history), c.history, evalLimit)
					m.add(l, c.targets)
					hit[k][i] = hits(l, c.targets) > 0
				}
				if k == 0 {
					base = m.hitRate()
				}
				if k == ownStrength {
					own = m.hitRate()
				}
				vsOwn := ""
				if k > ownStrength {
					vsOwn = fmt.Sprintf("%+.4f ± %.4f", m.hitRate()-own, pairedNoise([][]bool{hit[k]}, [][]bool{hit[ownStrength]}))
				}
				fmt.Fprintf(&b, "| %s | %.4f | %.4f | %.3f | %+.4f ± %.4f | %s |\n", v.name, m.hitRate(), m.ndcgAt(), m.hitRate()/base,
					m.hitRate()-base, pairedNoise([][]bool{hit[k]}, [][]bool{hit[0]}), vsOwn)
			}
			t.Log(b.String())
		})
	}
}
