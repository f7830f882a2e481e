package catalog

import "testing"

func TestWordShaped(t *testing.T) {
	for _, tt := range []struct {
		name, w string
		want    bool
	}{
		{"a word", "descaler", true},
		{"a word with y for a vowel", "rhythm", true},
		{"a short trade word", "lipo", true},
		{"three letters", "jug", false},
		{"keys struck at random", "xqzvbnm", false},
		{"a key held down", "aaaargh", false},
		{"a row of the keyboard", "asdfgh", false},
		{"a code", "sw2700", false},
	} {
		if got := wordShaped(tt.w); got != tt.want {
			t.Errorf("%s: wordShaped(%q) = %v, want %v", tt.name, tt.w, got, tt.want)
		}
	}
}
