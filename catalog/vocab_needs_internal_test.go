package catalog

import (
	"slices"
	"strings"
	"testing"
)

// TestBuiltinNeedsNameNoOwnThing holds that no need: line of the built-in vocabulary
// is cued by exactly the words of one of its own things ("need: hamster cage =>
// hamster cage, cage, bedding"): a query that says the thing is a search for it, and
// such a need would only add the line's other things to it (a pet shop's "hamster
// cage" listing bedding).
func TestBuiltinNeedsNameNoOwnThing(t *testing.T) {
	v := BuiltinVocabulary()
	if len(v.needs) < 1000 {
		t.Fatalf("%d needs read, want the built-in vocabulary's (over 1,000)", len(v.needs))
	}
	for _, n := range v.needs {
		for _, term := range n.terms {
			f := strings.Fields(term)
			if len(f) == len(n.cues) && !slices.ContainsFunc(n.cues, func(c string) bool { return !slices.Contains(f, c) }) {
				t.Errorf("need: %s => … names its own cues as the thing %q", strings.Join(n.cues, " "), term)
			}
		}
	}
}
