package catalog

import (
	"slices"
	"testing"
)

// TestCodesOfTheTextWithoutPhrases checks that the codes a query names are read from
// its text without its constraint phrases: "less than $40" names no code "than40",
// and a code beside a phrase is still read, in any spelling.
func TestCodesOfTheTextWithoutPhrases(t *testing.T) {
	v := BuiltinVocabulary()
	tests := []struct {
		name, text string
		without    string // the text without its phrases: the codes are queryCodes(without)
	}{
		{"less than", "headphones less than $40", "headphones"},
		{"under dollars", "tv under 500 dollars", "tv"},
		{"range", "between $20 and $50 lamp", "lamp"},
		{"rated", "rated 4+ drill", "drill"},
		{"around", "desk lamp around $30", "desk lamp"},
		{"code and a bound", "wh-1000xm4 under $300", "wh-1000xm4"},
		{"spaced code and stars", "wh 1000 xm4 4 stars and up", "wh 1000 xm4"},
		{"bound before a code", "under $300 WH-1000XM4", "WH-1000XM4"},
		{"pack and a bound", "usb c cable 2 pack under $15", "usb c cable 2 pack"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := understand(tt.text, v)
			if len(u.filters) == 0 {
				t.Fatalf("%q: no constraint phrase read: the case tests nothing", tt.text)
			}
			want := queryCodes(tt.without)
			if got := queryCodes(u.codeText); !slices.Equal(got, want) {
				t.Errorf("codes of %q (%q) = %q, want %q", tt.text, u.codeText, got, want)
			}
			if raw := queryCodes(tt.text); slices.Equal(raw, want) {
				t.Errorf("%q: the whole text names the same codes: the case tests nothing", tt.text)
			}
		})
	}
}
