package catalog

import "testing"

// TestSpellFractions holds how sizes in inches said in words are written as fractions,
// and what is left as written.
func TestSpellFractions(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"quarter", "quarter inch drill bit", "1/4 inch drill bit"},
		{"capitals and a hyphen", "Half-Inch Impact Socket", "1/2 Inch Impact Socket"},
		{"a numerator", "three-eighths inch spade bit", "3/8 inch spade bit"},
		{"a or one is 1", "a quarter inch and one eighth inches", "1/4 inch and 1/8 inches"},
		{"a plural wants a numerator", "quarters inch", "quarters inch"},
		{"sixteenths", "fifteen sixteenths inch socket", "15/16 inch socket"},
		{"singular after a numerator", "three quarter inch plywood", "3/4 inch plywood"},
		{"not below one", "three halves inch", "three halves inch"},
		{"not in lowest terms", "two quarters inch", "two quarters inch"},
		{"no inch: as written", "quarter sheet sander", "quarter sheet sander"},
		{"half price is no size", "half price drills, 1 inch bits", "half price drills, 1 inch bits"},
		{"inside a word: as written", "quarterinch", "quarterinch"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := spellFractions(tc.in); got != tc.want {
				t.Errorf("spellFractions(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
