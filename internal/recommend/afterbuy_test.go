package recommend_test

import (
	"encoding/json"
	"os"
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
}
