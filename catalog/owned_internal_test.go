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

// TestActedOn holds which words of a sentence are the object of a verb after "to"
// (past determiners and quantity words): what the shopper does something to, not
// what they ask for; and TestAfterFor which follow "for": what a thing is for.
func TestActedOn(t *testing.T) {
	tests := []struct {
		name, sentence string
		i              int
		acted, forIt   bool
	}{
		{"past a quantity word and an article", "i need to label all the cables behind my tv", 5, true, false},
		{"right after the verb", "i want to crush ice", 4, true, false},
		{"past a possessive", "something to protect my laptop", 3, true, false},
		{"the verb itself", "i need to label all the cables", 3, false, false},
		{"a thing asked for", "i need a label maker for the cables", 4, false, false},
		{"after for and an article", "paper for the printer", 3, false, true},
		{"right after for", "ink for printers", 2, false, true},
		{"after to and a place word", "a lamp to put on the desk", 6, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &search{words: strings.Fields(tt.sentence)}
			if got := actedOn(s, tt.i); got != tt.acted {
				t.Errorf("actedOn(%q, %d: %q) = %v, want %v", tt.sentence, tt.i, s.words[tt.i], got, tt.acted)
			}
			if got := afterFor(s, tt.i); got != tt.forIt {
				t.Errorf("afterFor(%q, %d: %q) = %v, want %v", tt.sentence, tt.i, s.words[tt.i], got, tt.forIt)
			}
		})
	}
}
