package catalog

import (
	"slices"
	"strings"
)

// Needs read from a word that only says which kind of a thing the sentence is about.

// modifiedNeeds returns needs less those sentence s says only by a cue that modifies
// the thing it names next (cueModifies).
func modifiedNeeds(s *search, v *Vocabulary, needs []int) []int {
	out := needs[:0:0]
	for _, n := range needs {
		if !cueModifies(s, v.needs[n]) {
			out = append(out, n)
		}
	}
	return out
}

// cueModifies reports whether need nd, of one cue, is said in sentence s only where
// its cue comes right before a word that names a type in the catalog's titles and no
// thing of the need: there the cue says which kind of that thing is meant ("my gaming
// laptop charger frayed": a charger of a laptop for gaming, no game console; "cycling
// shorts"), not what the shopper wants to do. Before a thing of the need ("a gaming
// headset", "my yoga mat") the need stands.
func cueModifies(s *search, nd need) bool {
	if len(nd.cues) != 1 {
		return false
	}
	cue, said := nd.cues[0], false
	for i, w := range s.words {
		if !cueMatches(cue, wordKey(w)) {
			continue
		}
		said = true
		if i+1 == len(s.words) {
			return false
		}
		next := wordKey(s.words[i+1])
		if !s.learned.isType(next) || slices.ContainsFunc(nd.terms, func(t string) bool { return slices.Contains(strings.Fields(t), next) }) {
			return false
		}
	}
	return said
}
