package catalog

import "testing"

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kettle", "kettle", 2, 0},
		{"kettel", "kettle", 2, 1}, // swap
		{"sneekers", "sneaker", 2, 2},
		{"abc", "abcdef", 2, 3}, // over the limit
		{"café", "cafe", 1, 1},
		{"", "ab", 2, 2},
		{"xqzvbnm", "kettle", 2, 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit, 1); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestSlipOf holds which spelling corrections are slips of typing and which turn a
// word into another word.
func TestSlipOf(t *testing.T) {
	tests := []struct {
		typed, correction string
		want              bool
	}{
		{"vaccum", "vacuum", true},
		{"nosie", "noise", true},          // a swap
		{"cancelng", "cancelling", true},  // the first letters kept
		{"headphnes", "headphones", true}, //
		{"weather", "water", false},
		{"paris", "pair", false},
		{"calories", "color", false},
		{"taxes", "taped", false},
	}
	for _, tt := range tests {
		if got := slipOf(tt.typed, tt.correction); got != tt.want {
			t.Errorf("slipOf(%q, %q) = %v, want %v", tt.typed, tt.correction, got, tt.want)
		}
	}
}

// TestTypeLike holds which learned title heads may name a product type.
func TestTypeLike(t *testing.T) {
	for head, want := range map[string]bool{
		"feeder": true, "mug": true, "tv": false, "vx": false, "large": false, "queen": false, "men": false,
		"class": false, "4k": false, "black": false,
	} {
		if got := typeLike(head); got != want {
			t.Errorf("typeLike(%q) = %v, want %v", head, got, want)
		}
	}
}
