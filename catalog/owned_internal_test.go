package catalog

import (
	"strings"
	"testing"
)

// TestOwned holds which words of a sentence name what the shopper has: the end of a
// phrase a possessive opens, up to maxOwnedWords words after it ("my rolling chair",
// whose need is for something else), not a thing after a stop word, a place word or
// more words than that, nor one no possessive comes before.
func TestOwned(t *testing.T) {
	v := builtinVocabulary()
	tests := []struct {
		name, sentence string
		i              int
		want           bool
	}{
		{"right after a possessive", "my chair is scratching the floor", 1, true},
		{"after a possessive and a modifier", "my rolling chair is scratching the floor", 2, true},
		{"after a possessive and two modifiers", "my old rolling chair squeaks", 3, true},
		{"too far from the possessive", "my big old rolling chair squeaks", 4, false},
		{"after a stop word", "my dog and the chair", 4, false},
		{"after an article", "a rolling chair for my desk", 2, false},
		{"what the shopper has, after a place word", "a mat under my rolling chair", 4, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &search{words: strings.Fields(tt.sentence)}
			if got := owned(s, v, tt.i); got != tt.want {
				t.Errorf("owned(%q, %d: %q) = %v, want %v", tt.sentence, tt.i, s.words[tt.i], got, tt.want)
			}
		})
	}
}
