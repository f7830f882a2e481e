package store

import (
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// cleanLine returns s as one line, by text.Clean's rules without a length cut: runs of
// white space and control characters become one space, other invisible characters are
// deleted, and the ends are trimmed. The caller checks its length.
func cleanLine(s string) string { return text.Clean(s, len(s)) }

// runes is the length of s in characters.
func runes(s string) int { return utf8.RuneCountInString(s) }
