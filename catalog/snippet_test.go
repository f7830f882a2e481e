package catalog

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("alpha ", 40) + "Obsidian stone " + strings.Repeat("omega ", 40)
	tests := []struct {
		name, text string
		words      []string
		want       string
	}{
		{"empty", "", []string{"x"}, ""},
		{"short, no match", "A small red cup.", []string{"zebra"}, "A small red cup."},
		{"short, match", "  A small\tred\ncup.  ", []string{"red"}, "A small red cup."},
		{"long, no words", long, nil, strings.TrimSpace(strings.Repeat("alpha ", 24)) + "…"},
		{"long, match in the middle", long, []string{"obsidian"}, "…" + strings.TrimSpace(strings.Repeat("alpha ", 8)) + " Obsidian stone " + strings.TrimSpace(strings.Repeat("omega ", 14)) + "…"},
		{"stem of five letters", "Sneakers for everyone", []string{"sneaky"}, "Sneakers for everyone"},
		{"case and punctuation", "Hello, (WORLD)!", []string{"world"}, "Hello, (WORLD)!"},
		{"match near the end", strings.Repeat("x ", 30) + "target", []string{"target"}, "…" + strings.TrimSpace(strings.Repeat("x ", 23)) + " target"},
		{"non-ASCII stem", "Ein schöner Café am See", []string{"café"}, "Ein schöner Café am See"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippet(tt.text, snippetStems(tt.words)); got != tt.want {
				t.Errorf("snippet = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func BenchmarkSnippet(b *testing.B) {
	text := strings.Repeat("A sturdy everyday jacket with taped seams, a packable hood and two zipped pockets. ", 8) +
		"Waterproof to ten thousand millimetres. " + strings.Repeat("Machine washable at thirty degrees. ", 4)
	stems := snippetStems([]string{"waterproof"})
	for b.Loop() {
		snippet(text, stems)
	}
}
