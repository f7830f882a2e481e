package catalog

import (
	"slices"
	"testing"
)

// TestUsedUpThing: the words of the thing a sentence says is used up, by each shape
// it is said in, and none where nothing is used up.
func TestUsedUpThing(t *testing.T) {
	for _, tc := range []struct {
		name, q string
		want    []string
	}{
		{"before ran out", "my wife's favorite perfume ran out", []string{"favorite", "perfume"}},
		{"before has run out, past the helper verb", "the printer ink has run out", []string{"printer", "ink"}},
		{"after ran out of", "we ran out of coffee filters this morning", []string{"coffee", "filters"}},
		{"after running low on", "running low on dish soap", []string{"dish", "soap"}},
		{"after go through, past how many", "we go through so many nappies every week", []string{"nappies"}},
		{"after used up", "the kids used up all the glue", []string{"glue"}},
		{"before is used up", "the glue is used up", []string{"glue"}},
		{"after out of", "i'm out of beans for the grinder", []string{"beans"}},
		{"out of a place is no thing used up", "i get out of the shower", nil},
		{"through a place is no thing used up", "we drove through the park", nil},
		{"nothing used up", "my kids love socks", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := usedUpThing(splitWords(tc.q)); !slices.Equal(got, tc.want) {
				t.Errorf("usedUpThing(%q) = %q, want %q", tc.q, got, tc.want)
			}
		})
	}
}
