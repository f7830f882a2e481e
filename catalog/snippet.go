package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetWords is how many words of the description a snippet shows; snippetLead is how
// many of them come before the matched word when the text allows.
const (
	snippetWords = 24
	snippetLead  = snippetWords / 3
)

// snippetStems returns what snippet compares words with: the first five letters of
// each query word (a crude stem), lower-cased as the query words already are.
func snippetStems(words []string) []string {
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = w
		n := 0
		for j := range w {
			if n == 5 {
				stems[i] = w[:j]
				break
			}
			n++
		}
	}
	return stems
}

// span is a word's [start, end) in the text.
type span struct{ start, end int }

// snippet returns a passage of about snippetWords words of text around the first word
// that starts like one of stems (see snippetStems), or the start of the text when none
// does. Words are separated by white space; "…" marks text left out at either end.
//
// The text is read once, keeping the first snippetWords words (for when nothing
// matches) and the last snippetWords+snippetLead (the passage always lies among them,
// since reading stops snippetWords words after the match). Only words over a place
// where a stem occurs (see nextStem) are compared with the stems.
func snippet(text string, stems []string) string {
	next := nextStem(text, 0, stems)
	if next < 0 {
		stems = nil // nothing to find: the start of the text is the passage
	}
	var (
		head [snippetWords]span
		ring [snippetWords + snippetLead]span // word k is ring[k%len(ring)]
		n    int                              // words read
		at   = -1                             // index of the matching word
		i    int                              // where reading stopped
	)
	for {
		if i = skipSpace(text, i); i == len(text) {
			break
		}
		w := span{start: i}
		i = skipWord(text, i)
		w.end = i
		if n < len(head) {
			head[n] = w
		}
		ring[n%len(ring)] = w
		if at < 0 && len(stems) > 0 && w.end > next {
			if matchesAny(text[w.start:w.end], stems) {
				at = n
			} else if next = nextStem(text, w.end, stems); next < 0 {
				stems = nil // no stem further on: read on only to fill the start
			}
		}
		n++
		if (at >= 0 && n >= at+snippetWords) || (len(stems) == 0 && n >= snippetWords) {
			break
		}
	}
	more := skipSpace(text, i) < len(text) // text left unread
	if at < 0 {
		to := min(n, snippetWords)
		return joinSpans(text, head[:], 0, to, false, more || to < n)
	}
	from := max(0, min(at-snippetLead, n-snippetWords))
	to := min(n, from+snippetWords)
	return joinSpans(text, ring[:], from, to, from > 0, more || to < n)
}

// nextStem returns where, at or after from, a word of text may start like one of stems:
// the first place an ASCII stem occurs, ignoring ASCII case, or from itself when a
// stem has other characters (those words are all compared); -1 when no stem occurs.
// It is exact in the direction that matters: matchesAny compares a word's first
// len(stem) bytes, so a word it accepts holds the stem's bytes, up to ASCII case, at
// its start.
func nextStem(text string, from int, stems []string) int {
	next := -1
	for _, s := range stems {
		if s == "" || !isASCII(s) {
			return from
		}
		if j := indexFoldASCII(text[from:], s); j >= 0 && (next < 0 || from+j < next) {
			next = from + j
		}
	}
	return next
}

// indexFoldASCII returns the index of the first instance of the ASCII string sub in s,
// ignoring ASCII case, or -1. It jumps between instances, in either case, of the byte
// of sub that is rarest in English text (see rarestByte), remembering where the next of
// each case is, and compares sub around each.
func indexFoldASCII(s, sub string) int {
	k := rarestByte(sub)
	lo, up := toLowerASCII(sub[k]), toUpperASCII(sub[k])
	nextLo, nextUp := -1, -1 // next instance at or after a of lo and up; -1: not searched
	// a is where sub[k] would be; sub then starts at a-k.
	for a := k; a+len(sub)-k <= len(s); {
		if nextLo < a {
			if nextLo = strings.IndexByte(s[a:], lo); nextLo >= 0 {
				nextLo += a
			} else {
				nextLo = len(s)
			}
		}
		if nextUp < a {
			if nextUp = strings.IndexByte(s[a:], up); nextUp >= 0 && lo != up {
				nextUp += a
			} else {
				nextUp = len(s)
			}
		}
		a = min(nextLo, nextUp)
		if a+len(sub)-k > len(s) {
			return -1
		}
		if equalFoldASCII(s[a-k:a-k+len(sub)], sub) {
			return a - k
		}
		a++
	}
	return -1
}

// letterFrequency lists the letters from the most to the least common in English text.
const letterFrequency = "etaoinshrdlcumwfgypbvkjxqz"

// rarestByte returns the index of the byte of sub least common in English text: any
// byte that is not a letter counts as rarer than every letter. sub is not empty.
func rarestByte(sub string) int {
	best, bestRank := 0, -1
	for i := 0; i < len(sub); i++ {
		rank := strings.IndexByte(letterFrequency, toLowerASCII(sub[i]))
		if rank < 0 {
			return i
		}
		if rank > bestRank {
			best, bestRank = i, rank
		}
	}
	return best
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if toLowerASCII(a[i]) != toLowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func toLowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func toUpperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// joinSpans joins words from..to-1 of ring (word k at ring[k%len(ring)]) with single
// spaces, with "…" before when lead and after when more.
func joinSpans(text string, ring []span, from, to int, lead, more bool) string {
	var b strings.Builder
	if from < to {
		b.Grow(ring[(to-1)%len(ring)].end - ring[from%len(ring)].start + 2*len("…"))
	}
	if lead {
		b.WriteString("…")
	}
	for k := from; k < to; k++ {
		if k > from {
			b.WriteByte(' ')
		}
		w := ring[k%len(ring)]
		b.WriteString(text[w.start:w.end])
	}
	if more {
		b.WriteString("…")
	}
	return b.String()
}

// skipSpace returns the index of the first non-space rune at or after i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// skipWord returns the index of the first space rune at or after i.
func skipWord(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if c == ' ' || (c >= '\t' && c <= '\r') {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// matchesAny reports whether field, without its leading punctuation, starts with one of
// stems, ignoring case.
func matchesAny(field string, stems []string) bool {
	if len(stems) == 0 {
		return false
	}
	f := strings.TrimLeftFunc(field, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, s := range stems {
		if len(f) >= len(s) && strings.EqualFold(f[:len(s)], s) {
			return true
		}
	}
	return false
}
