package catalog

import (
	"slices"
	"strings"
	"testing"
)

// TestWaistLengthWords: the ways shoppers write a waist and a leg length become "w32"
// and "l30"; numbers out of trouser sizes, and words that are no waist, stay.
func TestWaistLengthWords(t *testing.T) {
	tests := []struct {
		name, in, want string
		changed        bool
	}{
		{"by", "jeans 32x30", "jeans w32 l30", true},
		{"by, spaced", "jeans 32 x 30", "jeans w32 l30", true},
		{"run together", "w32l30", "w32 l30", true},
		{"as shops write it", "w32 l30", "w32 l30", true},
		{"letters after", "32w 30l chinos", "w32 l30 chinos", true},
		{"waist and leg words after", "32 waist 30 leg", "w32 l30", true},
		{"waist and length words before", "waist 32 length 30", "w32 l30", true},
		{"inside leg", "chinos 34 waist 32 inside leg", "chinos w34 l32", true},
		{"a waist alone", "levis 501 32 waist", "levis 501 w32", true},
		{"a timber size is no waist", "2x4 timber", "2x4 timber", false},
		{"a screen size is no waist", "1920x1080 monitor", "1920x1080 monitor", false},
		{"a shoe size", "trainers size 10", "trainers size 10", false},
		{"high waisted is no waist", "high waisted leggings", "high waisted leggings", false},
		{"a number with no waist word", "levis 501 32", "levis 501 32", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changed := waistLengthWords(strings.Fields(tt.in))
			if !slices.Equal(got, strings.Fields(tt.want)) || changed != tt.changed {
				t.Errorf("waistLengthWords(%q) = %q, %v; want %q, %v", tt.in, got, changed, tt.want, tt.changed)
			}
		})
	}
}
