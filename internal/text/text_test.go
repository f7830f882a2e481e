package text_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"plain", "Red Shoes", 100, "Red Shoes"},
		{"trimmed and collapsed", " \t Red \n\n  Shoes \r\n", 100, "Red Shoes"},
		{"unicode spaces", "Red\u00a0\u2003Shoes\u3000", 100, "Red Shoes"},
		{"zero-width characters removed", "Re\u200bd Sh\u200coe\u200ds\ufeff", 100, "Red Shoes"},
		{"soft hyphen removed", "head\u00adphones", 100, "headphones"},
		{"bidi controls removed", "\u202eRed\u202c \u2066Shoes\u2069\u200f\u200e\u061c", 100, "Red Shoes"},
		{"control characters separate", "Red\x00Shoes\x07\x1b", 100, "Red Shoes"},
		{"C1 control characters separate", "Red\u0085Shoes\u009b", 100, "Red Shoes"},
		{"private use removed", "Red\ue000 Shoes\U000f0000", 100, "Red Shoes"},
		{"invalid UTF-8 removed", "Red\xff \xc3Shoes", 100, "Red Shoes"},
		{"only invisible", "\u200b\u202e\x00 \t", 100, ""},
		{"emoji kept", "Shoes 👟", 100, "Shoes 👟"},
		{"combining marks kept", "cafe\u0301", 100, "cafe\u0301"},
		{"right-to-left text kept", "שלום עולם", 100, "שלום עולם"},
		{"cap in bytes", "abcdef", 3, "abc"},
		{"cap on a character boundary", "ééé", 5, "éé"},
		{"cap before a multi-byte character", "ab€", 4, "ab"},
		{"cap does not leave a trailing space", "abc def", 4, "abc"},
		{"cap right after a word", "abc def", 3, "abc"},
		{"cap covering the space and the next word", "abc def", 7, "abc def"},
		{"cap of zero", "abc", 0, ""},
		{"invisible characters do not count", "\u200b\u200b\u200babc", 3, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := text.Clean(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Clean(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if len(got) > tt.max {
				t.Errorf("Clean(%q, %d) is %d bytes long", tt.in, tt.max, len(got))
			}
			if strings.TrimSpace(got) != got {
				t.Errorf("Clean(%q, %d) = %q is not trimmed", tt.in, tt.max, got)
			}
		})
	}
}

// cutCase is a case of a function that cuts text to at most max bytes.
type cutCase struct {
	name string
	in   string
	max  int
	want string
}

// checkCuts runs cases of cut, which must also never return more than max bytes.
func checkCuts(t *testing.T, name string, cut func(string, int) string, cases []cutCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got := cut(tt.in, tt.max)
			if got != tt.want || len(got) > tt.max {
				t.Errorf("%s(%q, %d) = %q (%d bytes), want %q", name, tt.in, tt.max, got, len(got), tt.want)
			}
		})
	}
}

// Shorten marks its cut, so a repeated id that was cut is never taken for the whole id.
func TestShorten(t *testing.T) {
	long := strings.Repeat("x", 500)
	checkCuts(t, "Shorten", text.Shorten, []cutCase{
		{"short kept whole", "nw-shoe-0007", 80, "nw-shoe-0007"},
		{"exactly max kept whole", long[:80], 80, long[:80]},
		{"cleaned before measuring", "\u200b" + long[:80] + "\x00", 80, long[:80]},
		{"long cut and marked", long, 80, long[:77] + "…"},
		{"cut on a character boundary", strings.Repeat("é", 50), 10, "ééé…"},
		{"no trailing space before the mark", "abcd efgh", 8, "abcd…"},
	})
}

// Cut marks its cut and keeps what it keeps as it was: nothing is cleaned.
func TestCut(t *testing.T) {
	checkCuts(t, "Cut", text.Cut, []cutCase{
		{"short kept whole", "nw-shoe-0007", 80, "nw-shoe-0007"},
		{"invisible characters kept", "nw-shoe\u202e-0007\x00", 80, "nw-shoe\u202e-0007\x00"},
		{"long cut and marked", strings.Repeat("x", 100), 10, "xxxxxxx…"},
		{"cut on a character boundary", strings.Repeat("é", 50), 10, "ééé…"},
		{"cut before a bidi control", "abcd\u202eefgh", 8, "abcd…"},
		{"no trailing space before the mark", "abcd efgh", 8, "abcd…"},
		{"invalid UTF-8 counts as it is", "ab\xff\xffcdefgh", 8, "ab\xff\xffc…"},
		{"max below the mark", "abcdef", 2, ""},
		{"between words", "Stainless Steel Electric Kettle", 24, "Stainless Steel…"},
		{"between words, the space at the cut", "Stainless Steel Electric Kettle", 19, "Stainless Steel…"},
		{"punctuation before the mark left out", "Kettle & Crane, 1.7 L Kettle", 20, "Kettle & Crane…"},
		{"a full stop kept", "Tamarack Trail Co. Hiking Boots", 23, "Tamarack Trail Co.…"},
		{"one long word cut in it", "https://example.com/a-very-long-path", 20, "https://example.c…"},
		{"a last word too short to keep: cut in the word", "a verylongwordindeed", 16, "a verylongwor…"},
		{"not between a letter and its accent", "Cafe\u0301sbar", 8, "Caf…"},
		{"not inside an emoji sequence", "ab👩\u200d💻cdefgh", 15, "ab…"},
	})
}

// Ellipsize counts characters and cuts as Cut does; it never returns more than max
// characters.
func TestEllipsize(t *testing.T) {
	long := "Ultra-Quiet Stainless Steel Electric Gooseneck Kettle with Temperature Control, 1.7 L"
	for _, tt := range []cutCase{
		{"short kept whole", "Daily Face Cream", 80, "Daily Face Cream"},
		{"exactly max kept whole", "Daily Face Cream", 16, "Daily Face Cream"},
		{"a long title between words", long, 60, "Ultra-Quiet Stainless Steel Electric Gooseneck Kettle with…"},
		{"the punctuation before the cut left out", long, 80, "Ultra-Quiet Stainless Steel Electric Gooseneck Kettle with Temperature Control…"},
		{"characters, not bytes", "Crème brûlée torch für Küche und Bar", 20, "Crème brûlée torch…"},
		{"a script without spaces cut between characters", "ステンレス電気ケトル一・七リットル", 8, "ステンレス電気…"},
		{"one character", "abc", 1, "…"},
		{"nothing", "abc", 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := text.Ellipsize(tt.in, tt.max)
			if got != tt.want || utf8.RuneCountInString(got) > max(tt.max, 0) || !utf8.ValidString(got) {
				t.Errorf("Ellipsize(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

// Quote repeats what a caller sent so that a person sees every character of it, the
// invisible ones escaped, and none of it can change how the text around it reads.
func TestQuote(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"plain id", "nw-shoe-0007", 80, `"nw-shoe-0007"`},
		{"right-to-left override escaped", "nw-shoe-0007\u202e", 80, `"nw-shoe-0007\u202e"`},
		{"bidi isolates and marks escaped", "\u2066nw\u2069\u200f", 80, `"\u2066nw\u2069\u200f"`},
		{"zero-width characters escaped", "nw\u200b-shoe\ufeff", 80, `"nw\u200b-shoe\ufeff"`},
		{"control characters escaped", "nw\x00\n\t\x1b", 80, `"nw\x00\n\t\x1b"`},
		{"no-break space escaped", "nw\u00a0shoe", 80, `"nw\u00a0shoe"`},
		{"private use escaped", "nw\ue000", 80, `"nw\ue000"`},
		{"invalid UTF-8 escaped", "nw\xff", 80, `"nw\xff"`},
		{"quotes and backslashes escaped", `a"b\c`, 80, `"a\"b\\c"`},
		{"letters of other scripts kept", "café-שלום", 80, `"café-שלום"`},
		{"cut marked inside the quotes", strings.Repeat("x", 100), 10, `"xxxxxxx…"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Quote(tt.in, tt.max); got != tt.want {
				t.Errorf("Quote(%q, %d) = %s, want %s", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestCleanLines(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "size 42", "size 42"},
		{"line breaks and tabs kept", "line one\n\tline two", "line one\n\tline two"},
		{"CR LF and CR become LF", "a\r\nb\rc", "a\nb\nc"},
		{"ends trimmed", " \n notes \t\n", "notes"},
		{"invisible characters deleted", "no\u200b nuts\u202e\x00\x07 please\ue000\xff", "no nuts please"},
		{"runs of spaces kept", "a  b", "a  b"},
		{"only invisible", "\u200b\x00\r\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := text.CleanLines(tc.in); got != tc.want {
				t.Errorf("CleanLines(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCategory(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		max      int
		want     string
	}{
		{"separators spaced", "apparel>shoes >  Running", 100, "apparel > shoes > Running"},
		{"empty parts dropped", " > Home >> Kitchen > ", 100, "Home > Kitchen"},
		{"case kept", "HOME > kitchen", 100, "HOME > kitchen"},
		{"cleaned first", "Home\u200b >\x00Kitchen\n", 100, "Home > Kitchen"},
		{"control characters separate words", "Home\x00Goods", 100, "Home Goods"},
		{"cut before splitting", "Home > Kitchen", 6, "Home"},
		{"only separators", " > > ", 100, ""},
		{"spaced separators cut again", "ab>ab>ab>ab", 10, "ab > ab"},
		{"cut in a separator", "abc>defg", 5, "abc"},
		{"cut in a part", "abc>defg", 8, "abc > de"},
		{"written already", "Home > Kitchen > Mugs", 100, "Home > Kitchen > Mugs"},
		{"written, empty part between", "Home > > Kitchen", 100, "Home > Kitchen"},
		{"separator first", "> Home > Kitchen", 100, "Home > Kitchen"},
		{"separator last", "Home > Kitchen >", 100, "Home > Kitchen"},
		{"unspaced on one side", "Home >Kitchen", 100, "Home > Kitchen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := text.Category(tc.in, tc.max)
			if got != tc.want {
				t.Errorf("Category(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
			if again := text.Category(got, tc.max); again != got {
				t.Errorf("Category(%q, %d) = %q: written again %q", got, tc.max, got, again)
			}
			if len(got) > tc.max {
				t.Errorf("Category(%q, %d) is %d bytes", tc.in, tc.max, len(got))
			}
		})
	}
}

func TestMaskTokens(t *testing.T) {
	mask := func(string) string { return "[token]" }
	for _, tc := range []struct {
		name, in, want string
	}{
		{"one token", "could not charge spt_1Abc_def2 now", "could not charge [token] now"},
		{"two tokens", "spt_a and spt_B9", "[token] and [token]"},
		{"underscores are part of the id", "spt_test_abc_123.", "[token]."},
		{"a prefix alone is not a token", "spt_ and spt", "spt_ and spt"},
		{"other ids kept", "pi_123 cs_456", "pi_123 cs_456"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := text.MaskTokens(tc.in, mask); got != tc.want {
				t.Errorf("MaskTokens(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	if got := text.MaskTokens("id spt_abcdef", func(id string) string { return id[:6] + "…" }); got != "id spt_ab…" {
		t.Errorf("mask gets the id: %q", got)
	}
}

// Fit and FitSentences cut stored text between words, never inside one; FitSentences
// prefers the end of a sentence and marks a cut inside one.
func TestFit(t *testing.T) {
	words := "Soft merino wool socks for long walks"
	checkCuts(t, "Fit", text.Fit, []cutCase{
		{"short kept whole", words, 80, words},
		{"cleaned before measuring", "\u200b" + words + "\x00", 80, words},
		{"cut after a whole word", words, 20, "Soft merino wool"},
		{"one long word cut on a character boundary", strings.Repeat("é", 50), 11, "ééééé"},
		{"a title with no spaces (Japanese) cut between characters", "メリノウールの靴下", 10, "メリノ"},
	})
	prose := "Warm and soft. Knitted in Portugal from merino wool. Machine washable at thirty degrees."
	checkCuts(t, "FitSentences", text.FitSentences, []cutCase{
		{"short kept whole", prose, 200, prose},
		{"cut after the last whole sentence", prose, 60, "Warm and soft. Knitted in Portugal from merino wool."},
		{"a closing quote kept with its sentence", `He said "it fits." Then more words follow here`, 30, `He said "it fits."`},
		{"a sentence too short to keep: cut after a word, marked", prose, 40, "Warm and soft. Knitted in Portugal…"},
		{"ideographic full stop ends a sentence", "暖かい靴下です。ポルトガル製のメリノウール", 30, "暖かい靴下です。"},
	})
}
