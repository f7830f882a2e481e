package feed

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// displayText makes a flat feed's text readable, as merchants' exports often hold
// markup and entities where plain text belongs (see htmlText). Values without a "<"
// or an "&…;" are returned as they are (most values).
func displayText(s string) string {
	if strings.IndexByte(s, '<') < 0 && (strings.IndexByte(s, '&') < 0 || strings.IndexByte(s, ';') < 0) {
		return s
	}
	return htmlText(s)
}

var (
	// markup is a comment, or something shaped like an opening or closing tag; only
	// those naming an HTML element (htmlElements) are markup, so "<3", "x < 10",
	// "<M8 and >" and "<Unlocked>" stay text.
	markup = regexp.MustCompile(`(?s)<!--.*?(?:-->|$)|<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>`)
	// charRef is a complete named or numeric character reference.
	charRef = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)
)

// htmlElements are the element names whose tags htmlText removes: those found in
// product descriptions, and the document-level ones around them.
var htmlElements = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`a abbr address article aside audio b bdi bdo big blockquote body br
		button caption center cite code col colgroup dd del details dfn div dl dt em figcaption figure font
		footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label li link main mark
		meta nav nobr noscript ol option p picture pre q s script section select small source span strike
		strong style sub summary sup svg table tbody td textarea tfoot th thead title tr tt u ul var video wbr`) {
		htmlElements[name] = true
	}
}

// htmlText reduces text holding HTML to its text: the tags of HTML elements and
// comments become spaces, the content of script and style elements is dropped, and
// complete character references ("&amp;", "&#233;", "&#xE9;") are decoded. Anything
// else stays as written: a "<" that starts no element's tag, a bare "&", a reference
// without its ";" ("?a=1&lt=2" in a URL). It is meant for display text, not for
// sanitizing markup; text.Clean still runs afterwards.
func htmlText(s string) string {
	var b strings.Builder
	last, dropping := 0, "" // s[last:] is not written yet; dropping: inside a script or style element
	var ends []int          // where in b a block ended (see stops)
	for _, m := range markup.FindAllStringSubmatchIndex(s, -1) {
		name := ""
		if m[4] >= 0 {
			name = strings.ToLower(s[m[4]:m[5]])
		}
		closing := m[2] >= 0 && m[3] > m[2]
		switch {
		case dropping != "": // everything up to the element's closing tag goes
			if closing && name == dropping {
				dropping, last = "", m[1]
				b.WriteByte(' ')
			}
		case m[4] >= 0 && !htmlElements[name]: // shaped like a tag, but text
		default:
			b.WriteString(s[last:m[0]])
			if closing && blockElements[name] || name == "br" {
				ends = append(ends, b.Len())
			}
			b.WriteByte(' ')
			last = m[1]
			if !closing && (name == "script" || name == "style") {
				dropping = name
			}
		}
	}
	if dropping == "" {
		b.WriteString(s[last:])
	}
	return charRef.ReplaceAllStringFunc(stops(b.String(), ends), decodeRef)
}

// blockElements are the elements whose end ends a line of text: a list item, a
// paragraph, a heading, a cell.
var blockElements = map[string]bool{"p": true, "li": true, "div": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "caption": true}

// stops puts a full stop at each of ends (where a block of t ended) that follows a
// letter or digit and comes before more text, so that a list's items do not run
// into one sentence ("<li>Model X1</li><li>Great for travel</li>" reads "Model X1.
// Great for travel"); a block that ends in punctuation, or ends the text, is left so.
func stops(t string, ends []int) string {
	var b strings.Builder
	last := 0
	for _, e := range ends {
		before := strings.TrimRightFunc(t[:e], unicode.IsSpace)
		r, _ := utf8.DecodeLastRuneInString(before)
		if len(before) <= last || !unicode.IsLetter(r) && !unicode.IsDigit(r) || strings.TrimSpace(t[e:]) == "" {
			continue
		}
		b.WriteString(t[last:len(before)])
		b.WriteByte('.')
		last = len(before)
	}
	if last == 0 {
		return t
	}
	b.WriteString(t[last:])
	return b.String()
}

// decodeRef decodes one character reference, or leaves it as written when it names
// no character: html.UnescapeString would decode the longest legacy prefix of an
// unknown name ("&notebook;" → "¬ebook;").
func decodeRef(ref string) string {
	if d := html.UnescapeString(ref); utf8.RuneCountInString(d) <= 2 {
		return d
	}
	return ref
}
