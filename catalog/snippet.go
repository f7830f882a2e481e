package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetWords is how many words of the description a snippet shows.
const snippetWords = 24

// snippet returns a passage of about snippetWords words of text around the first word
// that starts like one of the query words (a crude stem: the first five letters), or
// the start of the text when none does. Words are separated by white space.
func snippet(text string, words []string) string {
	stems := make([]string, len(words))
	for i, w := range words {
		if r := []rune(w); len(r) > 5 {
			w = string(r[:5])
		}
		stems[i] = w
	}
	// spans holds the [start, end) of each word seen so far; scanning stops once the
	// match is found and the window after it is full.
	var spans [][2]int
	at := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		spans = append(spans, [2]int{start, i})
		if at < 0 && matchesAny(text[start:i], stems) {
			at = len(spans) - 1
		}
		if at >= 0 && len(spans) >= at+snippetWords {
			break
		}
		if at < 0 && len(spans) >= snippetWords && len(stems) == 0 {
			break
		}
	}
	if len(spans) == 0 {
		return ""
	}
	more := spans[len(spans)-1][1] < len(strings.TrimRightFunc(text, unicode.IsSpace))
	if at < 0 {
		at = 0
	}
	from := max(0, min(at-snippetWords/3, len(spans)-snippetWords))
	to := min(len(spans), from+snippetWords)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	for i := from; i < to; i++ {
		if i > from {
			b.WriteByte(' ')
		}
		b.WriteString(text[spans[i][0]:spans[i][1]])
	}
	if to < len(spans) || more {
		b.WriteString("…")
	}
	return b.String()
}

// matchesAny reports whether field, without its leading and trailing punctuation,
// starts with one of stems, ignoring case.
func matchesAny(field string, stems []string) bool {
	f := strings.TrimFunc(field, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, s := range stems {
		if len(f) >= len(s) && strings.EqualFold(f[:len(s)], s) {
			return true
		}
	}
	return false
}
