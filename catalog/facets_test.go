package catalog

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestTallyNamesIsSortedTop holds tallyNames, which keeps only the best values while
// it reads them, equal to sorting every named value and keeping the first
// maxFacetValues.
func TestTallyNamesIsSortedTop(t *testing.T) {
	for _, tc := range []struct {
		name     string
		values   int // distinct ids counted
		maxCount int // counts are 1..maxCount
		unnamed  int // one id in unnamed has no name (0: all named)
	}{
		{"none", 0, 1, 0},
		{"fewer than shown", 7, 5, 0},
		{"as many as shown", maxFacetValues, 3, 0},
		{"many, all once", 300, 1, 0},
		{"many, few counts", 300, 3, 0},
		{"many, spread counts", 500, 40, 0},
		{"some without a name", 200, 4, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(tc.values), uint64(tc.maxCount)))
			counts := make([]idCount, tc.values)
			names := map[int64]string{}
			for i := range counts {
				id := int64(10 + 3*i)
				counts[i] = idCount{id: id, n: 1 + r.IntN(tc.maxCount)}
				if tc.unnamed == 0 || i%tc.unnamed != 0 {
					names[id] = fmt.Sprintf("value %03d", r.IntN(1000)*1000+i) // unique, in no id order
				}
			}
			want := make([]Facet, 0, len(counts))
			for _, c := range counts {
				if names[c.id] != "" {
					want = append(want, Facet{Value: names[c.id], Count: c.n})
				}
			}
			slices.SortFunc(want, facetOrder)
			want = want[:min(len(want), maxFacetValues)]
			if got := tallyNames(counts, names); !reflect.DeepEqual(got, want) {
				t.Errorf("tallyNames:\n%v\nwant\n%v", got, want)
			}
		})
	}
}
