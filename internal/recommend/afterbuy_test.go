package recommend_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestDumpWorldHits writes, for every case of TestLearnWeights's tuning worlds, whether
// the committed ranking hit a target, to the file RECOMMEND_DUMP_HITS names: run on two
// commits, the files give each world's change with its paired noise (the same cases,
// drawn the same way). It never prepares a held-out part (see learnWorlds).
func TestDumpWorldHits(t *testing.T) {
	worlds := learnWorldsIf(t, "RECOMMEND_DUMP_HITS", "to write each tuning world's hits to that file")
	if worlds == nil {
		return
	}
	s, line := evaluateWorlds(worlds, nil)
	t.Logf("HitRate@10 %.4f, NDCG@10 %.4f  %s", s.hit, s.ndcg, line)
	out := map[string][]bool{}
	for i, pw := range worlds {
		out[pw.name] = s.hits[i]
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(os.Getenv("RECOMMEND_DUMP_HITS"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	// RECOMMEND_DUMP_TRY ("fitSlots=0.2;fitDemote=0") writes each weighting's hits too,
	// to the file's name and ".1", ".2", ….
	for i, spec := range strings.Split(os.Getenv("RECOMMEND_DUMP_TRY"), ";") {
		if strings.TrimSpace(spec) == "" {
			continue
		}
		w := map[string]float64{}
		for _, kv := range strings.Split(spec, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			w[k] = x
		}
		s, line := evaluateWorlds(worlds, w)
		t.Logf("%s: HitRate@10 %.4f  %s", spec, s.hit, line)
		out := map[string][]bool{}
		for k, pw := range worlds {
			out[pw.name] = s.hits[k]
		}
		b, _ := json.Marshal(out)
		if err := os.WriteFile(fmt.Sprintf("%s.%d", os.Getenv("RECOMMEND_DUMP_HITS"), i+1), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}
