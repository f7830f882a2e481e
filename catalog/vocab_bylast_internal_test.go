package catalog

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestVocabularyByLast holds byLast, which index keeps beside byTerm, equal to what
// the groups say: for every term of several words, its group under its last word,
// and nothing else; in the built-in vocabulary and in one a --synonyms file changed
// (With rebuilds the index when a group replaces others).
func TestVocabularyByLast(t *testing.T) {
	extra, err := ParseVocabulary("aquarium, fish tank, nano tank\ntank top, singlet\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		v    *Vocabulary
	}{
		{"built in", builtinVocabulary()},
		{"with a file's groups", builtinVocabulary().With(extra)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := map[string][]int{}
			for i, g := range tc.v.groups {
				for _, k := range g.terms {
					if j := strings.LastIndexByte(k, ' '); j >= 0 && !slices.Contains(want[k[j+1:]], i) {
						want[k[j+1:]] = append(want[k[j+1:]], i)
					}
				}
			}
			if !maps.EqualFunc(tc.v.byLast, want, slices.Equal) {
				t.Errorf("byLast has %d words, the groups %d: not the same", len(tc.v.byLast), len(want))
			}
			if gs := tc.v.byLast["tank"]; len(gs) == 0 {
				t.Errorf("byLast[tank] is empty; want the group of fish tank")
			}
		})
	}
}
