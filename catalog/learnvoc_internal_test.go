package catalog

import (
	"slices"
	"testing"
)

// TestModifiersOf holds when the words before a head make it a compound head: a few
// words covering most of its products' titles, and enough products to say so.
func TestModifiersOf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before map[string]int
		total  int
		want   []string
	}{
		{"one word before every title", map[string]int{"coffe": 12}, 12, []string{"coffe"}},
		{"two words, most first", map[string]int{"label": 5, "coffe": 9}, 14, []string{"coffe", "label"}},
		{"a few titles say none", map[string]int{"coffe": 9}, 10, []string{"coffe"}},
		{"too many titles say none", map[string]int{"coffe": 7}, 10, nil},
		{"many words: a thing of its own", map[string]int{"stand": 3, "writi": 3, "compu": 3, "gamin": 3}, 12, nil},
		{"too few products to tell", map[string]int{"coffe": 2}, 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := modifiersOf(tc.before, tc.total); !slices.Equal(got, tc.want) {
				t.Errorf("modifiersOf(%v, %d) = %q, want %q", tc.before, tc.total, got, tc.want)
			}
		})
	}
}
