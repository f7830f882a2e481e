package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// middleMark stands where EllipsizeMiddle took words out.
const middleMark = " … "

// EllipsizeMiddle returns s when it has at most max characters, else s with its middle
// taken out: its last words, up to tail characters, kept whole after " … ", and as much
// of its start as the rest of max allows, cut as Ellipsize cuts (between words when it
// can). For a product title a person confirms: a title ends with what tells a variant
// from its siblings (a model "(DCD791D2)", a size and pack "#8 x 2 in., 100-Pack"), which
// cutting the end would lose. The tail starts at a word when that keeps at least half
// of tail characters, else at a character that does not join the one before it, so no
// character, accent or emoji sequence is split; punctuation that would start it (", ")
// is left out. It never returns more than max characters; when max leaves no room for a
// head of at least tail characters it cuts as Ellipsize does.
func EllipsizeMiddle(s string, max, tail int) string {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return s
	}
	mark := utf8.RuneCountInString(middleMark)
	if tail < 1 || max-tail-mark < tail {
		return Ellipsize(s, max)
	}
	t := s[tailStart(s, runeIndexFromEnd(s, tail), tail):]
	if t == "" {
		return Ellipsize(s, max)
	}
	headRoom := max - mark - utf8.RuneCountInString(t)
	head := Ellipsize(s[:len(s)-len(t)], headRoom+1) // room for its "…", which is dropped
	head = strings.TrimSuffix(head, ellipsis)
	head = strings.TrimRightFunc(head, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == ';' })
	if head == "" {
		return Ellipsize(s, max)
	}
	return head + middleMark + t
}

// runeIndexFromEnd returns the byte index in s where its last k characters start.
func runeIndexFromEnd(s string, k int) int {
	i := len(s)
	for ; k > 0 && i > 0; k-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// tailStart moves i, where the last tail characters of s start, forward to where a
// kept tail should start, past the punctuation that would open it: after the first
// ", " from i when that keeps at least half of the tail (a title's parts are its
// commas: "#9 x 3 in., 1000-Pack", not "Drive, #9 x 3 in., 1000-Pack"), else at i when
// a word starts there, else at the next word when that keeps at least half of the
// tail, else at the next character that does not join the one before it.
func tailStart(s string, i, tail int) int {
	if j := strings.Index(s[i:], ", "); j >= 0 {
		if w := skipOpening(s, i+j+2); utf8.RuneCountInString(s[w:]) >= (tail+1)/2 {
			return w
		}
	}
	if i == 0 || s[i-1] == ' ' {
		return skipOpening(s, i)
	}
	if j := strings.IndexByte(s[i:], ' '); j >= 0 {
		if w := skipOpening(s, i+j+1); utf8.RuneCountInString(s[w:]) >= (tail+1)/2 {
			return w
		}
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if !joins(r) && prev != zwj {
			break
		}
		i += size
	}
	return i
}

// skipOpening returns i moved past the spaces and punctuation at s[i:] that should not
// open a kept tail (", ", "- "), keeping what opens a part ("(", "#", quotes).
func skipOpening(s string, i int) int {
	rest := strings.TrimLeftFunc(s[i:], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && !strings.ContainsRune(`#([{"'“‘«`, r)
	})
	return len(s) - len(rest)
}
