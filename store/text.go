package store

import (
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// cleanLine returns s as one line, by text.Clean's rules without a length cut: runs of
// white space and control characters become one space, other invisible characters are
// deleted, and the ends are trimmed. The caller checks its length.
func cleanLine(s string) string { return text.Clean(s, len(s)) }

// cleanURL is a seller's URL as the store keeps it (a tracking link, an order or
// support page, a download link): cleaned as seller text is, at most max bytes, less
// its user info (text.WithoutUserInfo), which would carry a password or a token into
// every tool result showing it.
func cleanURL(s string, max int) string {
	s, _ = text.WithoutUserInfo(text.Clean(s, max))
	return s
}

// runes is the length of s in characters.
func runes(s string) int { return utf8.RuneCountInString(s) }
