// Package text holds the rules for text that comes from outside (sellers, feeds,
// customers, other services) before it is stored or shown: one cleaner (Clean, and
// CleanLines for text of several lines, both deleting what Invisible reports), one
// category normaliser (Category), one masker of payment token ids (MaskTokens), and the
// cutters and quoter of text repeated to whoever sent it (Cut, Shorten, Quote).
package text

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean removes control, format (zero-width, bidi) and other invisible characters,
// collapses runs of white space to one space, trims, and cuts the result to at most max
// bytes on a character boundary.
func Clean(s string, max int) string {
	if len(s) <= max && plain(s) {
		return s
	}
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

// Shorten cleans s like Clean and, when the clean text is longer than max bytes, cuts
// it as Cut does, so text repeated to a caller shows it was cut.
func Shorten(s string, max int) string { return Cut(Clean(s, len(s)), max) }

// Fit cleans s like Clean and, when the clean text is longer than max bytes, cuts it
// to at most max bytes where cutBefore says: after the last whole word when that
// keeps at least half of it, else on a character boundary that splits no character
// from its accent or emoji sequence. No mark is added: it is for a stored field, such
// as a title, whose cut its writer reports.
func Fit(s string, max int) string {
	c, fits := cleanFits(s, max)
	if fits {
		return c
	}
	return c[:cutBefore(c, max)]
}

// FitSentences cleans s like Clean and, when the clean text is longer than max bytes,
// cuts long prose such as a product description: after the last whole sentence that
// ends within max bytes when that keeps at least half of them, else as Cut does (after
// the last whole word, "…" marking the cut).
func FitSentences(s string, max int) string {
	c, fits := cleanFits(s, max)
	if fits {
		return c
	}
	if end := lastSentenceEnd(c, max); end >= max/2 {
		return c[:end]
	}
	return Cut(c, max)
}

// cleanFits returns s cleaned, whole, and whether it fits in max bytes.
func cleanFits(s string, max int) (string, bool) {
	if len(s) <= max {
		return Clean(s, max), true
	}
	c := Clean(s, len(s))
	return c, len(c) <= max
}

// lastSentenceEnd returns the end of the last sentence of s that ends within its
// first max bytes: after a ".", "!" or "?" (and any closing quote or bracket) that a
// space follows, or after an ideographic full stop or full-width "!" or "?", which
// need none; 0 when there is none.
func lastSentenceEnd(s string, max int) int {
	for j := max; j > 0; j-- {
		if j < len(s) && s[j] == ' ' {
			k := len(strings.TrimRight(s[:j], `)]"'”’»`))
			if k > 1 && strings.IndexByte(".!?", s[k-1]) >= 0 && s[k-2] != ' ' {
				return j
			}
		}
		if j <= len(s) && (strings.HasSuffix(s[:j], "。") || strings.HasSuffix(s[:j], "！") || strings.HasSuffix(s[:j], "？")) {
			return j
		}
	}
	return 0
}

// Cut returns s when it is at most max bytes long, else s cut to at most max bytes
// ending in "…" (with no space before it), so a cut text is never taken for the
// whole: cut where cutBefore says, between words when it can. It does not clean s:
// Shorten does both.
func Cut(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max - len(ellipsis)
	if i < 0 {
		return ""
	}
	return s[:cutBefore(s, i)] + ellipsis
}

// Ellipsize returns s when it has at most max characters, else s cut as Cut cuts it
// to at most max characters, "…" included: for text shown to a person, who counts
// characters, not bytes.
func Ellipsize(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max < 1 {
		return ""
	}
	i, n := 0, 0
	for i < len(s) && n < max-1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return s[:cutBefore(s, i)] + ellipsis
}

const ellipsis = "…"

// cutBefore returns where to cut s to keep at most its first i bytes, leaving out
// the space and punctuation that would stand before the "…": at the end of the last
// word that ends by i, when that keeps at least half of them ("Stainless Steel
// Electric…", not "Stainless Steel Elec…"); else, a word too long for that (an id, a
// URL, a language written without spaces), at i moved back to the start of a
// character that does not join the one before it, so that no character is split,
// nor a letter from its accent (a combining mark) or an emoji from its joiner or
// variation selector.
func cutBefore(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	if w := lastWordEnd(s, i); w > 0 && w >= i/2 {
		return w
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	for i > 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		prev, size := utf8.DecodeLastRuneInString(s[:i])
		if !joins(r) && prev != zwj {
			break
		}
		i -= size
	}
	return len(strings.TrimRight(s[:i], " "))
}

const zwj = '\u200d' // the zero-width joiner of emoji sequences

// joins reports whether r belongs with the character before it: a combining mark
// (an accent, a variation selector), an emoji skin tone, or the joiner.
func joins(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me) || r >= 0x1F3FB && r <= 0x1F3FF || r == zwj
}

// lastWordEnd returns the end of the last word of s that ends by i (a space follows
// it), less the punctuation that would stand before a "…" (",", "-", "&", "(" …, not
// ".", ")" or quotes); 0 when there is none.
func lastWordEnd(s string, i int) int {
	for j := i; j > 0; j-- {
		if s[j] != ' ' {
			continue
		}
		return len(strings.TrimRightFunc(s[:j], func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsPunct(r) && !strings.ContainsRune(`.)]"'”’»!?%`, r) ||
				unicode.IsSymbol(r) && r != '+'
		}))
	}
	return 0
}

// Quote shows s, text a caller sent such as an id, as they sent it and safe to repeat:
// cut as Cut does, then in double quotes with control, format (bidi, zero-width),
// private-use and other unprintable characters and invalid UTF-8 escaped as Go writes
// them ("nw-shoe-0001\u202e"), so the person sees where it differs from what they
// meant and no character of it can reorder or hide the text around it.
func Quote(s string, max int) string { return strconv.Quote(Cut(s, max)) }

// plain reports whether s is already clean: printable ASCII with single spaces
// between words and none at the ends, which is most text. Clean returns such text
// as it is, without copying it.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
			continue
		}
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

// CleanLines is Clean for text of several lines, such as a person's notes: line breaks
// and tabs are kept (CR LF and CR become LF), other Invisible characters are deleted,
// the ends are trimmed, and nothing is cut; the caller checks the length.
func CleanLines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case Invisible(r):
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// Invisible reports whether r must not be kept in text that a person or a model will
// read: a control character, a format character (zero-width and bidi marks), a
// private-use character or invalid UTF-8.
func Invisible(r rune) bool {
	return r == utf8.RuneError || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r)
}

// Category writes a category path with " > " between its parts: "apparel>shoes >
// Running" becomes "apparel > shoes > Running". The path is Cleaned and cut to at most
// max bytes; empty parts are dropped; case is kept. What it returns it returns
// unchanged, so a path written once is the path stored.
func Category(path string, max int) string {
	s := Clean(path, max)
	if categoryWritten(s) {
		return s // what categoryParts would write again (Normalize runs twice in an import)
	}
	s = categoryParts(s)
	if len(s) > max {
		// The separators made it longer than max: cut the written path. Its ">" have
		// their spaces already, so writing it again makes it no longer.
		s = categoryParts(Clean(s, max))
	}
	return s
}

// categoryWritten reports whether categoryParts returns the Cleaned path s as it is:
// every ">" has one space on each side and a part that is not empty on each side
// (Clean leaves no space at either end and none doubled).
func categoryWritten(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '>' && (i < 2 || i+2 >= len(s) || s[i-1] != ' ' || s[i+1] != ' ' || s[i-2] == '>' || s[i+2] == '>') {
			return false
		}
	}
	return true
}

// categoryParts writes the parts of path between ">" with " > " between them.
func categoryParts(path string) string {
	parts := strings.Split(path, ">")
	out := parts[:0]
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " > ")
}

// tokenID matches a Shared Payment Token id: "spt_" and the letters, digits and
// underscores after it.
var tokenID = regexp.MustCompile(`spt_[A-Za-z0-9_]+`)

// MaskTokens replaces every Shared Payment Token id in s with mask(id), so that text
// from sellers, Stripe or a transport can be logged or shown.
func MaskTokens(s string, mask func(id string) string) string {
	return tokenID.ReplaceAllStringFunc(s, mask)
}
