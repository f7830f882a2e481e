// Package text holds the rules for text that comes from outside (sellers, feeds, other
// services) before it is stored or shown: one cleaner.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean removes control, format (zero-width, bidi) and other invisible characters,
// collapses runs of white space to one space, trims, and cuts the result to at most max
// bytes on a character boundary.
func Clean(s string, max int) string {
	var b strings.Builder
	b.Grow(min(len(s), max))
	space := false
	for _, r := range s {
		if r == utf8.RuneError || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r) {
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		n := utf8.RuneLen(r)
		if space {
			n++ // the separating space is written only with the character after it
		}
		if b.Len()+n > max {
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
