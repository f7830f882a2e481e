package keep

import (
	"maps"
	"slices"
	"testing"
)

func TestTrim(t *testing.T) {
	// m(n) is a map of n entries, key i made at time i.
	m := func(n int) map[int]int {
		out := map[int]int{}
		for i := range n {
			out[i] = i
		}
		return out
	}
	at := func(v int) int64 { return int64(v) }
	for _, tc := range []struct {
		name   string
		in     map[int]int
		n      int
		pinned func(int) bool
		kept   []int
		gone   int
	}{
		{"no bound", m(10), 0, nil, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 0},
		{"within a quarter over", m(5), 4, nil, []int{0, 1, 2, 3, 4}, 0},
		{"over: the newest n stay", m(10), 4, nil, []int{6, 7, 8, 9}, 6},
		{"pinned stay however old", m(10), 4, func(v int) bool { return v == 0 || v == 1 }, []int{0, 1, 8, 9}, 6},
		{"more pinned than n", m(10), 4, func(v int) bool { return v < 8 }, []int{0, 1, 2, 3, 4, 5, 6, 7}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gone := Trim(tc.in, tc.n, at, tc.pinned)
			if got := slices.Sorted(maps.Keys(tc.in)); !slices.Equal(got, tc.kept) || len(gone) != tc.gone {
				t.Fatalf("kept %v, %d forgotten; want %v, %d", got, len(gone), tc.kept, tc.gone)
			}
		})
	}
}
