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
