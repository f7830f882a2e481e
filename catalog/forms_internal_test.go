package catalog

import (
	"fmt"
	"testing"
)

// TestFormOf holds which head a word no product has is taken for: a form of one head
// by an ending the stemmer does not join, or a clip of one head; and none when two
// heads share the form or clip, or when nothing relates.
func TestFormOf(t *testing.T) {
	heads := map[string]int{"laminator": 5, "grater": 4, "trampoline": 6, "projector": 3, "protector": 3,
		"copy": 3, "dehumidifier": 4, "whisk": 3, "whisker": 3, "mug": 9, "plane": 3, "planer": 3, "cardholder": 3, "cardigan": 4}
	for _, tc := range []struct {
		name, word string
		sentence   bool
		want       string
	}{
		{"-ing of the tool's -or head", "laminating", false, "laminator"},
		{"-ion of the tool's -or head", "lamination", false, "laminator"},
		{"-ing of a head with and without -er", "whisking", false, ""},
		{"-ing of the tool's -er head, e dropped", "grating", false, "grater"},
		{"-ier of a -y head", "copier", false, "copy"},
		{"-ier plural", "copiers", false, "copy"},
		{"clip of one head", "tramp", false, "trampoline"},
		{"clip of one head, longer", "dehumid", false, "dehumidifier"},
		{"clip shared by two heads", "card", false, ""},
		{"clip of three letters", "tra", false, ""},
		{"two letters left off: a slip, not a clip", "trampoli", false, ""},
		{"form shared by two heads", "planing", false, ""},
		{"clip in a sentence is the sentence's word", "tramp", true, ""},
		{"form in a sentence", "grating", true, "grater"},
		{"a head itself", "mug", false, ""},
		{"clip of two letters", "mu", false, ""},
		{"nonsense", "zorblax", false, ""},
		{"nonsense with a known ending", "florping", false, ""},
		{"short -er word", "muger", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := formOf(heads, tc.word, tc.sentence); got != tc.want {
				t.Errorf("formOf(%q, sentence %v) = %q, want %q", tc.word, tc.sentence, got, tc.want)
			}
		})
	}
}

// BenchmarkFormOf is what the first look-up of a word costs (formOf reads every learned
// head; the learned view keeps the answer per indexed version), with 5,000 heads;
// "floor" is one pass over the heads that reads each one's length.
func BenchmarkFormOf(b *testing.B) {
	heads := map[string]int{"trampoline": 5, "grater": 5}
	for i := range 5000 {
		heads[fmt.Sprintf("head%dword", i)] = 3
	}
	b.Run("floor", func(b *testing.B) {
		n := 0
		for b.Loop() {
			for h := range heads {
				n += len(h)
			}
		}
		_ = n
	})
	for _, w := range []string{"tramp", "grating", "zorblax"} {
		b.Run(w, func(b *testing.B) {
			for b.Loop() {
				formOf(heads, w, false)
			}
		})
	}
}
