package searcheval

import (
	"math"
	"sort"
)

// K is the cut-off of NDCG@K: the first page a search shows.
const K = 10

// Score is the score of one ranked result (product ids, best first) for query q with
// grades (product id → grade, missing meaning 0).
//
// For a query that wants something it is NDCG@K with gain 2^grade − 1 and discount
// log2(rank + 1), divided by the DCG of the best possible ranking of all judged
// products. For a nonsense query (Intent.Nothing) it is 1 when the result is empty and
// 0 otherwise: any product shown for it is junk.
func Score(q Query, grades map[string]int, ranked []string) float64 {
	if q.Intent.Nothing {
		if len(ranked) == 0 {
			return 1
		}
		return 0
	}
	var dcg float64
	for i, id := range ranked[:min(len(ranked), K)] {
		dcg += gain(grades[id]) / math.Log2(float64(i)+2)
	}
	best := make([]int, 0, len(grades))
	for _, g := range grades {
		best = append(best, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(best)))
	var idcg float64
	for i, g := range best[:min(len(best), K)] {
		idcg += gain(g) / math.Log2(float64(i)+2)
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

func gain(g int) float64 { return math.Exp2(float64(g)) - 1 }
