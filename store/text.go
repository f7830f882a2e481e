package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// invisible reports whether r is a character that must not be stored in text that a
// person or a model will read: control characters, format characters (zero-width and
// bidi marks), private-use characters and invalid UTF-8.
func invisible(r rune) bool {
	return r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r)
}

// cleanLine returns s as one line, by text.Clean's rules: runs of white space and
// control characters become one space, other invisible characters are deleted, and the
// ends are trimmed. The caller checks its length.
func cleanLine(s string) string { return text.Clean(s, len(s)) }

// cleanText is cleanLine for text of several lines: line breaks and tabs are kept
// (CR LF and CR become LF), other invisible characters are deleted, and the ends are
// trimmed.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case invisible(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// runes is the length of s in characters.
func runes(s string) int { return utf8.RuneCountInString(s) }
