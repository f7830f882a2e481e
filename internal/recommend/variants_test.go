package recommend_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestEvalVariants evaluates variants of the weights, for choosing them without the
// held-out part: on the validation part of the default worlds and on every customer
// of worlds drawn with other seeds. RECOMMEND_VARIANTS lists the variants, one per ";",
// each "name=value,name=value" (names as RankWith takes them; "" is the committed
// weights); RECOMMEND_VARIANTS_SEEDS lists the worlds' seeds ("15" by default, the
// default world's); RECOMMEND_VARIANTS_BARE=1 adds the bare worlds and
// RECOMMEND_VARIANTS_REORDER=1 the reorder evaluation. It prints item-kNN's HitRate@10
// on each world, then each variant's HitRate@10 / NDCG@10.
func TestEvalVariants(t *testing.T) {
	spec, ok := os.LookupEnv("RECOMMEND_VARIANTS")
	if !ok {
		t.Skip("set RECOMMEND_VARIANTS to compare variants of the weights")
	}
	type world struct {
		name  string
		e     *evalSetup
		cases func([]evalCase) []evalCase
	}
	var worlds []world
	seeds := os.Getenv("RECOMMEND_VARIANTS_SEEDS")
	if seeds == "" {
		seeds = strconv.Itoa(evalWorldSeed)
	}
	for _, f := range strings.Split(seeds, ",") {
		seed, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			t.Fatal(err)
		}
		pick := func(cs []evalCase) []evalCase { return cs }
		if seed == evalWorldSeed {
			pick = func(cs []evalCase) []evalCase { // never the held-out part
				var out []evalCase
				for _, c := range cs {
					if c.validation {
						out = append(out, c)
					}
				}
				return out
			}
		}
		for _, bare := range []bool{false, true} {
			if bare && os.Getenv("RECOMMEND_VARIANTS_BARE") == "" {
				continue
			}
			worlds = append(worlds, world{fmt.Sprintf("%s/%d", map[bool]string{false: "mixed", true: "bare"}[bare], seed), newEvalSetupSeed(t, bare, seed), pick})
		}
	}
	var ref []string
	for _, wd := range worlds {
		var m evalMetrics
		for _, c := range wd.cases(wd.e.cases) {
			m.add(wd.e.knn(c.history, 10), c.targets)
		}
		ref = append(ref, fmt.Sprintf("%s %.4f", wd.name, m.hitRate()))
	}
	t.Logf("item-kNN HitRate@10: %s", strings.Join(ref, "  "))
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
		var sum float64
		for _, wd := range worlds {
			cases := wd.cases(wd.e.cases)
			var m evalMetrics
			for i, l := range wd.e.recommendLists(t, cases, w) {
				m.add(l, cases[i].targets)
			}
			sum += m.hitRate()
			s := fmt.Sprintf("%s %.4f/%.4f", wd.name, m.hitRate(), m.ndcgAt())
			if os.Getenv("RECOMMEND_VARIANTS_REORDER") != "" {
				cs := wd.cases(wd.e.reorderCases)
				var ro evalMetrics
				for i, l := range wd.e.recommendListsFor(t, cs, w, recommendRequestKeep) {
					ro.add(l, cs[i].targets)
				}
				s += fmt.Sprintf(" reorder %.4f", ro.hitRate())
			}
			line = append(line, s)
		}
		t.Logf("%-32q mean %.4f  %s", v, sum/float64(len(worlds)), strings.Join(line, "  "))
	}
}
