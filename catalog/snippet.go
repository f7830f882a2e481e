package catalog

import (
	"strings"
	"unicode"
)

// snippetWords is how many words of the description a snippet shows.
const snippetWords = 24

// snippet returns a passage of about snippetWords words of text around the first word
// that starts like one of the query words (a crude stem: the first five letters), or
// the start of the text when none does.
func snippet(text string, words []string) string {
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return ""
	}
	at := 0
	for i, f := range fields {
		if matchesAny(f, words) {
			at = i
			break
		}
	}
	start := max(0, min(at-snippetWords/3, len(fields)-snippetWords))
	end := min(len(fields), start+snippetWords)
	out := strings.Join(fields[start:end], " ")
	if start > 0 {
		out = "…" + out
	}
	if end < len(fields) {
		out += "…"
	}
	return out
}

func matchesAny(field string, words []string) bool {
	f := strings.ToLower(strings.TrimFunc(field, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	for _, w := range words {
		stem := w
		if r := []rune(w); len(r) > 5 {
			stem = string(r[:5])
		}
		if strings.HasPrefix(f, stem) {
			return true
		}
	}
	return false
}
