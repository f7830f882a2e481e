package catalog

import "testing"

// TestQualityLike holds which words before a head read as a quality of the thing
// rather than the thing's name: a "what it is like" word never makes a two-word query
// ask for another kind of the head (otherKind).
func TestQualityLike(t *testing.T) {
	tests := []struct {
		name string
		word string
		want bool
	}{
		{"an adjective ending", "sturdy", true},
		{"an -ic quality", "electric", true},
		{"a -proof compound", "weatherproof", true},
		{"another -proof compound", "shockproof", true},
		{"a -tight compound", "airtight", true},
		{"the bare word proof", "proof", false},
		{"the bare word tight", "tight", false},
		{"a thing's name", "chair", false},
		{"a place a thing goes", "bath", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := qualityLike(tt.word); got != tt.want {
				t.Errorf("qualityLike(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}
