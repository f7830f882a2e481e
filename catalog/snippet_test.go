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
	for _, word := range []string{"waterproof", "obsidian"} {
		stems := snippetStems([]string{word})
		b.Run(word, func(b *testing.B) {
			for b.Loop() {
				snippet(text, stems)
			}
		})
	}
}

func TestIndexFoldASCII(t *testing.T) {
	tests := []struct {
		s, sub string
		want   int
	}{
		{"", "a", -1},
		{"abc", "abcd", -1},
		{"Hello World", "world", 6},
		{"HELLO", "hello", 0},
		{"xxWoRlD", "world", 2},
		{"wor wOrl world", "world", 9},
		{"ends with wor", "world", -1},
		{"Kelvin \u212a sign", "k", 0},
		{"no k here but \u212a", "q", -1},
		{"123-456", "456", 4},
		{"a bOBsidian", "obsid", 3},
		{"obsidiaN", "obsidian", 0},
		{"xobsidia", "obsidian", -1},
		{"ZZ", "zz", 0},
		{"the quick brown fox", "qui", 4},
		{"Quiz quit", "quit", 5},
	}
	for _, tt := range tests {
		if got := indexFoldASCII(tt.s, tt.sub); got != tt.want {
			t.Errorf("indexFoldASCII(%q, %q) = %d, want %d", tt.s, tt.sub, got, tt.want)
		}
	}
}

// TestIndexFoldASCIIAgrees compares indexFoldASCII with searching the lower-cased
// strings, over every substring of a few texts and some strings absent from them.
func TestIndexFoldASCIIAgrees(t *testing.T) {
	texts := []string{"Mississippi River", "aAaAbBbB", "The QUICK brown fox jumps over the lazy dog", "x-1 y_2 Z"}
	for _, s := range texts {
		var subs []string
		for i := range len(s) {
			for j := i + 1; j <= len(s); j++ {
				subs = append(subs, s[i:j], strings.ToUpper(s[i:j]))
			}
		}
		subs = append(subs, "zzz", "pix", "abba", "Q", "-")
		for _, sub := range subs {
			want := strings.Index(strings.ToLower(s), strings.ToLower(sub))
			if got := indexFoldASCII(s, sub); got != want {
				t.Errorf("indexFoldASCII(%q, %q) = %d, want %d", s, sub, got, want)
			}
		}
	}
}

// TestSnippetPrecheck checks that comparing only the words over a place where a stem
// occurs changes nothing: every case gives what comparing every word gives.
func TestSnippetPrecheck(t *testing.T) {
	texts := []string{"", "Plain words only.", "A CAFÉ and a café", "Sneakers: (SNEAKY) sneak", "\u212aelvin kelvin",
		strings.Repeat("filler ", 40) + "Target here " + strings.Repeat("tail ", 40), "ſtone stone",
		"untargeted words, then (target) " + strings.Repeat("tail ", 30), strings.Repeat("x ", 30) + "retarget target",
		"stone-target TARGETS targ"}
	words := [][]string{nil, {"target"}, {"café"}, {"sneaky", "zzz"}, {"kelvin"}, {"stone"}, {"plain"}, {"zzz", "target"}, {"tar", "stone"}}
	for _, text := range texts {
		for _, w := range words {
			stems := snippetStems(w)
			want := snippetWordByWord(text, stems)
			if got := snippet(text, stems); got != want {
				t.Errorf("snippet(%q, %q) = %q, want %q", text, stems, got, want)
			}
		}
	}
}

// snippetWordByWord is snippet without the precheck.
func snippetWordByWord(text string, stems []string) string {
	for _, s := range stems {
		if s == "" {
			return snippet(text, stems)
		}
	}
	// A non-ASCII stem disables the precheck; no text above has a word starting with é.
	return snippet(text, append(stems, "é"))
}
