package catalog

import "testing"

// TestNothingNote: a search that finds nothing says so of its words, and when some of
// them are in products, that they match nothing together and which they are (not
// that no product has any of them).
func TestNothingNote(t *testing.T) {
	for _, tc := range []struct {
		name  string
		words []string
		have  []string
		want  string
	}{
		{"no word in any product", []string{"zorp", "quib"}, nil, `Nothing in the catalog matches "zorp", "quib".`},
		{"some words in products", []string{"dog", "scared", "fireworks"}, []string{"dog", "fireworks"},
			`Nothing in the catalog matches "dog", "scared", "fireworks" together (products have "dog", "fireworks").`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nothingNote(textQuery{words: tc.words}, tc.have); got != tc.want {
				t.Errorf("nothingNote = %q, want %q", got, tc.want)
			}
		})
	}
}
