package feed

import (
	"html"
	"regexp"
	"strings"
)

// displayText makes a flat feed's text readable, as merchants' exports often hold
// markup and entities where plain text belongs: a value with an HTML tag is reduced
// to its text (htmlText); otherwise only complete character references ("&amp;",
// "&#233;", "&#xE9;") are decoded, so that a bare "&" or "<" ("R&D", "sizes < 10")
// and a reference without its ";" stay as written.
func displayText(s string) string {
	if strings.IndexByte(s, '<') < 0 && (strings.IndexByte(s, '&') < 0 || strings.IndexByte(s, ';') < 0) {
		return s // neither a tag nor a reference (most values)
	}
	if htmlTag.MatchString(s) {
		return htmlText(s)
	}
	return charRef.ReplaceAllStringFunc(s, html.UnescapeString)
}

var (
	// htmlTag is an opening or closing tag, or a comment: "<p>", "<br/>", "</b>", "<!--".
	htmlTag = regexp.MustCompile(`<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|!--)`)
	// charRef is a complete named or numeric character reference.
	charRef = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)
)

// htmlText reduces an HTML description to its text: tags become spaces, the content
// of script and style elements is dropped, and entities are decoded. It is meant for
// display text, not for sanitizing markup; text.Clean still runs afterwards.
func htmlText(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break // an unclosed tag runs to the end
		}
		tag := strings.TrimSpace(s[i+1 : i+j])
		s = s[i+j+1:]
		b.WriteByte(' ')
		if strings.HasPrefix(tag, "/") {
			continue
		}
		name, _, _ := strings.Cut(strings.ToLower(tag), " ")
		if name == "script" || name == "style" {
			if k := indexASCIIFold(s, "</"+name); k >= 0 {
				s = s[k:]
			} else {
				s = ""
			}
		}
	}
	return html.UnescapeString(b.String())
}

// indexASCIIFold is strings.Index ignoring the case of ASCII letters; sub must be
// lower case.
func indexASCIIFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		match := true
		for k := 0; k < len(sub); k++ {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[k] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}
