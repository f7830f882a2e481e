package catalog

import (
	"slices"
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

// TestTheirsLast holds how a sentence's type votes are reordered: the types the
// shopper says they have come after the first other type a word they do not say they
// have points to; when every voting word is the shopper's, or no type they have comes
// first, the votes keep their order.
func TestTheirsLast(t *testing.T) {
	tests := []struct {
		name, sentence string
		votes          []typeVote // words index the sentence's words
		want           []string   // the heads in order
	}{
		{"the shopper's thing after what is asked", "new brush heads for my sonic toothbrush",
			[]typeVote{{head: "toothbrush", words: []int{1, 5, 6}}, {head: "head", words: []int{1, 2, 6}}}, []string{"head", "toothbrush"}},
		{"every voting word the shopper's", "my cats litter box stinks",
			[]typeVote{{head: "box", words: []int{1, 2, 3}}, {head: "pan", words: []int{1, 2}}}, []string{"box", "pan"}},
		{"what is asked already first", "tape for my label printer",
			[]typeVote{{head: "tape", words: []int{0, 3}}, {head: "printer", words: []int{3, 4}}}, []string{"tape", "printer"}},
		{"nothing the shopper has", "a printer and some tape",
			[]typeVote{{head: "printer", words: []int{1}}, {head: "tape", words: []int{4}}}, []string{"printer", "tape"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words := strings.Fields(tt.sentence)
			s := &search{c: &Catalog{}, words: words, text: textQuery{words: words}}
			var got []string
			for _, vt := range theirsLast(s, tt.votes) {
				got = append(got, vt.head)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("theirsLast(%q) = %q, want %q", tt.sentence, got, tt.want)
			}
		})
	}
}

// TestOwnAlternatives holds which of the vocabulary's other names a sentence's words
// are searched with: none for a word that names a type in titles, and not those that
// are the word's own beginning or say another word of the sentence; a word no title
// heads keeps the others ("strap": "band").
func TestOwnAlternatives(t *testing.T) {
	types := map[string]bool{"camera": true}
	isType := func(w string) bool { return types[w] }
	tests := []struct {
		name  string
		words []string
		alts  [][]string
		want  [][]string
	}{
		{"a type's word, and a word whose other names say it again or another word",
			[]string{"carry", "camera", "lenses"},
			[][]string{nil, {"digital camera", "point and shoot"}, {"camera len", "len", "camera lense"}},
			[][]string{nil, nil, nil}},
		{"a word no title heads keeps its other names",
			[]string{"replacement", "strap", "smartwatch"},
			[][]string{nil, {"band", "wristband", "replacement band"}, nil},
			[][]string{nil, {"band", "wristband"}, nil}},
		{"no alternatives", []string{"carry", "camera"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ownAlternatives(textQuery{words: tt.words, alts: tt.alts}, isType)
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if !slices.Equal(got[i], tt.want[i]) {
					t.Errorf("word %q: got %q, want %q", tt.words[i], got[i], tt.want[i])
				}
			}
		})
	}
}
