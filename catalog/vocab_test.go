package catalog

import (
	"errors"
	"slices"
	"testing"
)

func TestParseVocabularyErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
	}{
		{"one term", "tent, shelter\nlonely\n", 2},
		{"unknown list", "# c\ncolour: red\n", 2},
		{"need without things", "need: keep cold =>\n", 1},
		{"long term", "a b c d e, f\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseVocabulary(tt.text)
			var ve *VocabularyError
			if !errors.As(err, &ve) || ve.Line != tt.line {
				t.Errorf("err = %v, want a *VocabularyError for line %d", err, tt.line)
			}
		})
	}
}

func TestVocabularyWith(t *testing.T) {
	base, err := ParseVocabulary("vacuum, hoover\ntv, telly\naccessory: case\n")
	if err != nil {
		t.Fatal(err)
	}
	add, err := ParseVocabulary("hoover, vacuum cleaner, henry\nsofa, couch\naccessory: strap\nneed: keep cold => fridge, cooler\n")
	if err != nil {
		t.Fatal(err)
	}
	v := base.With(add)
	want := [][]string{{"tv", "telly"}, {"hoover", "vacuum cleaner", "henry"}, {"sofa", "couch"}}
	if got := v.Groups(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %q, want %q (a group sharing a term replaces the built-in one)", got, want)
	}
	if !v.isAccessory("cases") || !v.isAccessory("strap") {
		t.Error("accessory lists do not add up")
	}
	if terms, ok := v.need([]string{"keep", "groceries", "cold"}, false); !ok || !slices.Equal(terms, []string{"fridge", "cooler"}) {
		t.Errorf("need = %q, %v", terms, ok)
	}
	if len(base.Groups()) != 2 {
		t.Error("With changed its receiver")
	}
}

// TestBuiltinVocabulary checks that the embedded vocabulary.txt parses and holds the
// words the issue names.
func TestBuiltinVocabulary(t *testing.T) {
	v := BuiltinVocabulary()
	for _, term := range [][]string{{"hoover"}, {"fridge"}, {"tee"}, {"trainer"}, {"couch"}, {"telly"}, {"cellphone"}, {"hairdryer"}, {"ear", "bud"}} {
		if _, ok := v.synonyms(term); !ok {
			t.Errorf("no synonym group has %q", term)
		}
	}
}
