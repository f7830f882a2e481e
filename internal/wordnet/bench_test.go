package wordnet

import (
	"flag"
	"runtime"
	"testing"
)

var benchDir = flag.String("wordnet", "", "BenchmarkRead: the directory of an installed WordNet 3.0 (e.g. /usr/share/wordnet)")

// BenchmarkRead times reading an installed WordNet's nouns and reports the heap they
// keep: what --lexicon costs at start-up. It needs -wordnet DIR.
func BenchmarkRead(b *testing.B) {
	if *benchDir == "" {
		b.Skip("needs -wordnet DIR")
	}
	var keep *Nouns
	var before, after runtime.MemStats
	for i := 0; i < b.N; i++ {
		keep = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		n, err := Read(*benchDir)
		if err != nil {
			b.Fatal(err)
		}
		keep = n
		runtime.GC()
		runtime.ReadMemStats(&after)
	}
	nouns, synsets := keep.Size()
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-kept")
	b.ReportMetric(float64(nouns), "nouns")
	b.ReportMetric(float64(synsets), "synsets")
}
