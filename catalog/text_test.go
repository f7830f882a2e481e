package catalog

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseText(t *testing.T) {
	many := func(n int) string { // "w1 w2 … wn"
		var b strings.Builder
		for i := 1; i <= n; i++ {
			b.WriteString(" w")
			b.WriteString(strings.Repeat("x", i))
		}
		return b.String()
	}
	tests := []struct {
		name  string
		in    string
		words []string
		cut   bool
		all   string // match(false)
		any   string // match(true)
	}{
		{name: "empty", in: "", words: nil, all: "", any: ""},
		{name: "blank", in: " \t\n ", words: nil, all: "", any: ""},
		{name: "one word", in: "Shoes", words: []string{"shoes"}, all: `"shoes"*`, any: `"shoes"*`},
		{name: "two words", in: "running SHOES", words: []string{"running", "shoes"},
			all: `"running" AND "shoes"*`, any: `"running" OR "shoes"*`},

		// Quoting: nothing the user types is FTS5 syntax.
		{name: "quotes", in: `"red" shoes"`, words: []string{"red", "shoes"}, all: `"red" AND "shoes"*`},
		{name: "operators", in: "shoe AND sock OR NOT boot", words: []string{"shoe", "sock", "boot"},
			all: `"shoe" AND "sock" AND "boot"*`},
		{name: "near and column filter", in: "NEAR(title:shoe sock)", words: []string{"title", "shoe", "sock"},
			all: `"title" AND "shoe" AND "sock"*`},
		{name: "star, caret, minus, plus", in: "*shoe* ^boot -sock +hat", words: []string{"shoe", "boot", "sock", "hat"},
			all: `"shoe" AND "boot" AND "sock" AND "hat"*`},
		{name: "braces and colons", in: "{title}: x", words: []string{"title", "x"}, all: `"title" AND "x"`},
		{name: "sql", in: "'; DROP TABLE products; --", words: []string{"drop", "table", "products"},
			all: `"drop" AND "table" AND "products"*`},
		{name: "punctuation only", in: `"()*:^-+{}%_\`, words: nil, all: ""},
		{name: "apostrophe splits like the tokenizer", in: "kid's", words: []string{"kid", "s"}, all: `"kid" AND "s"`},
		{name: "hyphen and digits", in: "USB-C 65W", words: []string{"usb", "c", "65w"}, all: `"usb" AND "c" AND "65w"*`},

		// Stop words.
		{name: "stop words dropped", in: "the shoes for a run", words: []string{"shoes", "run"}, all: `"shoes" AND "run"*`},
		{name: "only stop words: the first is kept", in: "The AND or", words: []string{"the"}, all: `"the"*`},
		{name: "NOT and NEAR are stop words", in: "not near", words: []string{"not"}, all: `"not"*`},
		{name: "duplicates dropped", in: "shoe Shoe SHOE sock shoe", words: []string{"shoe", "sock"}, all: `"shoe" AND "sock"*`},

		// Prefix: only the last word, only with at least minPrefixLen runes.
		{name: "last word of two runes", in: "running tv", words: []string{"running", "tv"}, all: `"running" AND "tv"`},
		{name: "last word of three runes", in: "tv hat", words: []string{"tv", "hat"}, all: `"tv" AND "hat"*`},
		{name: "runes, not bytes", in: "été", words: []string{"été"}, all: `"été"*`},
		{name: "two runes of many bytes", in: "日本", words: []string{"日本"}, all: `"日本"`},
		{name: "single letter", in: "x", words: []string{"x"}, all: `"x"`},

		// Unicode.
		{name: "case folded", in: "ÉTÉ CAFÉ", words: []string{"été", "café"}, all: `"été" AND "café"*`},
		{name: "combining mark kept inside a word", in: "cafe\u0301", words: []string{"cafe\u0301"}, all: "\"cafe\u0301\"*"},
		{name: "leading combining mark dropped", in: "\u0301cafe", words: []string{"cafe"}, all: `"cafe"*`},
		{name: "emoji separate", in: "👟run🏃‍♀️fast", words: []string{"run", "fast"}, all: `"run" AND "fast"*`},
		{name: "numbers other than digits", in: "2m² ½ Ⅻ", words: []string{"2m²", "½", "ⅻ"}, all: `"2m²" AND "½" AND "ⅻ"`},
		{name: "zero-width space deleted", in: "sh\u200boe", words: []string{"shoe"}, all: `"shoe"*`},
		{name: "soft hyphen deleted", in: "head\u00adphones", words: []string{"headphones"}, all: `"headphones"*`},
		{name: "bidi controls deleted", in: "\u202eshoe\u202c \u2066sock\u2069", words: []string{"shoe", "sock"}, all: `"shoe" AND "sock"*`},
		{name: "invalid UTF-8 deleted", in: "sh\xffoe \xc3", words: []string{"shoe"}, all: `"shoe"*`},
		{name: "NUL separates", in: "shoe\x00sock", words: []string{"shoe", "sock"}, all: `"shoe" AND "sock"*`},
		{name: "right-to-left script", in: "שלום עולם", words: []string{"שלום", "עולם"}, all: `"שלום" AND "עולם"*`},
		{name: "long word cut", in: strings.Repeat("a", 60), words: []string{strings.Repeat("a", maxWordRunes)},
			all: `"` + strings.Repeat("a", maxWordRunes) + `"*`},

		// Word limit.
		{name: "exactly the word limit", in: many(maxQueryWords), words: strings.Fields(many(maxQueryWords))},
		{name: "over the word limit", in: many(maxQueryWords + 4), words: strings.Fields(many(maxQueryWords)), cut: true},
		{name: "stop words do not count", in: "the a an" + many(maxQueryWords) + " of", words: strings.Fields(many(maxQueryWords))},
		{name: "duplicates do not count", in: many(maxQueryWords) + many(maxQueryWords), words: strings.Fields(many(maxQueryWords))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := parseText(tt.in)
			if !slices.Equal(q.words, tt.words) {
				t.Errorf("words = %q, want %q", q.words, tt.words)
			}
			if q.cut != tt.cut {
				t.Errorf("cut = %v, want %v", q.cut, tt.cut)
			}
			if q.empty() != (len(tt.words) == 0) {
				t.Errorf("empty() = %v with words %q", q.empty(), q.words)
			}
			if got, want := q.String(), strings.Join(tt.words, " "); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
			if tt.all != "" || len(tt.words) == 0 {
				if got := q.match(false); got != tt.all {
					t.Errorf("match(false) = %s, want %s", got, tt.all)
				}
			}
			if tt.any != "" {
				if got := q.match(true); got != tt.any {
					t.Errorf("match(true) = %s, want %s", got, tt.any)
				}
			}
			checkMatchShape(t, q)
		})
	}
}

// checkMatchShape checks what holds for every match expression: each word appears
// quoted exactly once, joined by AND (or OR, of the first maxRelaxedWords), with a
// star on the last word only.
func checkMatchShape(t *testing.T, q textQuery) {
	t.Helper()
	all := q.words
	for _, anyWord := range []bool{false, true} {
		sep, words := " AND ", all
		if anyWord {
			sep, words = " OR ", all[:min(len(all), maxRelaxedWords)]
		}
		parts := strings.Split(q.match(anyWord), sep)
		if len(q.words) == 0 {
			if q.match(anyWord) != "" {
				t.Errorf("match(%v) = %q for no words", anyWord, q.match(anyWord))
			}
			continue
		}
		if len(parts) != len(words) {
			t.Errorf("match(%v) = %q has %d parts for %d words", anyWord, q.match(anyWord), len(parts), len(words))
			continue
		}
		for i, w := range words {
			want := `"` + w + `"`
			if i == len(all)-1 && len([]rune(w)) >= minPrefixLen {
				want += "*"
			}
			if parts[i] != want {
				t.Errorf("match(%v) part %d = %s, want %s", anyWord, i, parts[i], want)
			}
		}
	}
}

// TestParseTextWords checks, for any input, that the words are non-empty, distinct,
// lower-cased and free of anything FTS5 could read as syntax.
func TestParseTextWords(t *testing.T) {
	inputs := []string{
		`"unterminated`, `((shoe`, `NEAR(a b, 3)`, "a\"b\"c", `col:val`, `x*y*`, "\x00\x01\x02", "\xff\xfe",
		"👟🏃‍♀️", "e\u0301\u0301\u0301", strings.Repeat(`"a" `, 100), strings.Repeat("ab cd ", 500),
	}
	for _, in := range inputs {
		q := parseText(in)
		seen := map[string]bool{}
		for _, w := range q.words {
			if w == "" || seen[w] || w != strings.ToLower(w) || strings.ContainsAny(w, "\"*:()^{}+- \x00") {
				t.Errorf("parseText(%q): bad word %q in %q", in, w, q.words)
			}
			seen[w] = true
		}
		if len(q.words) > maxQueryWords {
			t.Errorf("parseText(%q): %d words, limit %d", in, len(q.words), maxQueryWords)
		}
		checkMatchShape(t, q)
	}
}

// TestWithoutKinds holds what a search for some of the words keeps of each word's
// alternatives: not those that have the word itself in them (kinds of it, which count
// it twice), but every other.
func TestWithoutKinds(t *testing.T) {
	tests := []struct {
		name string
		q    textQuery
		want [][]string
	}{
		{"no alternatives", textQuery{words: []string{"tent", "roof"}}, nil},
		{"kinds dropped, synonyms kept",
			textQuery{words: []string{"tent", "roof"}, alts: [][]string{{"tents", "camping tent", "pop up tent", "shelter"}, nil}},
			[][]string{{"tents", "shelter"}, nil}},
		{"a phrase's kinds", textQuery{words: []string{"sleeping bag"}, alts: [][]string{{"kids sleeping bag", "sleeping bags", "bedroll"}}},
			[][]string{{"sleeping bags", "bedroll"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := withoutKinds(tt.q); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("withoutKinds(%v, %v) = %q, want %q", tt.q.words, tt.q.alts, got, tt.want)
			}
		})
	}
}
