package catalog

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a text query may contain. Longer queries are cut, not rejected.
const (
	maxQueryWords = 16
	maxWordRunes  = 48
	minPrefixLen  = 3
)

// stopwords are dropped from multi-word queries, because every product would have to
// contain them for an all-words match.
var stopwords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "or": true, "for": true, "with": true,
	"of": true, "in": true, "on": true, "to": true, "my": true, "me": true, "some": true,
	"i": true, "is": true, "are": true, "that": true, "this": true, "not": true, "near": true,
}

// textQuery is a user's free text reduced to plain words that are safe to put into an
// FTS5 MATCH expression: every word is quoted, so no user input is ever read as FTS5
// syntax (operators, columns, NEAR, quotes, parentheses, stars).
type textQuery struct {
	words []string
	cut   bool // words beyond maxQueryWords were ignored
	// prefix marks words also matched as prefixes besides the last one: spelling
	// corrections, which are indexed stems (the stemmer would change them again).
	prefix []bool
	// shown, when set, are the words as String shows them: a spelling correction is
	// shown as a word products use ("headphones"), not as the stem searched for.
	shown []string
	// unchecked means more than maxCorrections words were unknown and the rest were
	// not corrected.
	unchecked bool
	// uncorrected means a word no product has was left as typed: no correction was
	// near enough.
	uncorrected bool
	// alts, when set, holds for each word the other terms that also match it: its
	// synonyms and compound forms (see expand). A word or term with a space is a phrase.
	alts [][]string
	// apart, when set, marks the phrases among words that also match as their words
	// anywhere in a product, as words without a synonym group would (see expand).
	apart []bool
	// atLeast, when more than 1, makes a match of any of the words a match of any
	// atLeast of them (see match).
	atLeast int
	// named keeps a match of any words to titles, brands and categories: a product
	// that has some of the words only in its description is no partial match.
	named bool
	// tagged keeps a match of any words to tags: the shop's own labels (see
	// pageTypeTag).
	tagged bool
	// ranked means the alternatives of the one word are the types it stands for, best
	// first (the types a category is for, see categoryTypes): ranking keeps their order.
	ranked bool
	// inName, when above 0, is 1 + the index of a word matched only in titles, brands,
	// categories and tags, not descriptions (see headInName).
	inName int
	// ranks, when set, are words not matched that coverage still counts, each with
	// its alternatives: the words a types reading did not vote with ("105" of "105
	// disc brake pads", "12 speed" of "cassette for deore 12 speed"), which still
	// say which products of the type were asked for (see searchTypes).
	ranks [][]string
}

// parseText splits s into words (see splitWords), drops stop words and repeats, and
// keeps the first maxQueryWords.
func parseText(s string) textQuery {
	var q textQuery
	words := splitWords(s)
	seen := map[string]bool{}
	for _, w := range words {
		if stopwords[w] || seen[w] {
			continue
		}
		seen[w] = true
		q.words = append(q.words, w)
	}
	if len(q.words) == 0 && len(words) > 0 { // the query was only stop words: keep them
		q.words = words[:1]
	}
	if len(q.words) > maxQueryWords {
		q.words, q.cut = q.words[:maxQueryWords], true
	}
	return q
}

// splitWords splits s into lower-cased words of letters, numbers and combining marks;
// everything else separates words, as FTS5's unicode61 tokenizer does, except the
// invisible characters that text.Clean deletes from product text (zero-width and bidi
// marks, soft hyphens, invalid UTF-8): those are deleted here too, so "head\u00adphones"
// is the word the product was indexed under. Words are cut to maxWordRunes.
func splitWords(s string) []string {
	var (
		word  []rune
		words []string
	)
	flush := func() {
		if len(word) > 0 {
			if len(word) > maxWordRunes {
				word = word[:maxWordRunes]
			}
			words = append(words, strings.ToLower(string(word)))
			word = word[:0]
		}
	}
	for _, r := range s {
		if r == utf8.RuneError || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r) {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) || (unicode.Is(unicode.Mn, r) && len(word) > 0) {
			word = append(word, r)
			continue
		}
		flush()
	}
	flush()
	return words
}

func (q textQuery) empty() bool { return len(q.words) == 0 }

// hasAlts reports whether a word of q has alternatives.
func (q textQuery) hasAlts() bool {
	return slices.ContainsFunc(q.alts, func(a []string) bool { return len(a) > 0 })
}

// withoutAlts returns q with its words alone: no synonyms, compounds or types.
func (q textQuery) withoutAlts() textQuery {
	q.alts, q.apart, q.ranked = nil, nil, false
	return q
}

// String is the words searched for, as a person would write them.
func (q textQuery) String() string {
	if q.shown != nil {
		return strings.Join(q.shown, " ")
	}
	return strings.Join(q.words, " ")
}

// maxRelaxedWords is how many words a match of any word uses: an OR of many common
// words matches most of the catalog, and ranking it costs the more the more words.
const maxRelaxedWords = 8

// match returns the FTS5 expression: all words (or any of the first maxRelaxedWords),
// each quoted, the last one also matched as a prefix so that "sneak" finds "sneakers".
func (q textQuery) match(anyWord bool) string {
	if anyWord && q.named {
		q.named = false
		return "{title brand category} : (" + q.match(true) + ")"
	}
	if anyWord && q.tagged {
		q.tagged = false
		return "{tags} : (" + q.match(true) + ")"
	}
	var b strings.Builder
	n := len(q.words)
	if anyWord && n > maxRelaxedWords {
		n = maxRelaxedWords
	}
	if anyWord && q.atLeast > 1 && q.atLeast < n && combinations(n, q.atLeast) <= maxCombinations {
		// Any atLeast of the words: an OR of each such set of them, ANDed.
		first := true
		for _, set := range subsets(n, q.atLeast) {
			if !first {
				b.WriteString(" OR ")
			}
			first = false
			b.WriteByte('(')
			for j, i := range set {
				if j > 0 {
					b.WriteString(" AND ")
				}
				q.term(&b, i)
			}
			b.WriteByte(')')
		}
		return b.String()
	}
	for i := range n {
		if i > 0 {
			if anyWord {
				b.WriteString(" OR ")
			} else {
				b.WriteString(" AND ")
			}
		}
		q.term(&b, i)
	}
	return b.String()
}

// term writes word i: quoted, a prefix when last (or corrected), ORed with its
// alternatives.
func (q textQuery) term(b *strings.Builder, i int) {
	if q.inName == i+1 {
		b.WriteString("{title brand category tags} : (")
		q.inName = 0
		q.term(b, i)
		b.WriteByte(')')
		return
	}
	w := q.words[i]
	var alts []string
	if i < len(q.alts) {
		alts = q.alts[i]
	}
	if len(alts) > 0 {
		b.WriteByte('(')
	}
	if i < len(q.apart) && q.apart[i] {
		// Its words anywhere: a product that has the phrase has them.
		b.WriteByte('(')
		for j, f := range strings.Fields(w) {
			if j > 0 {
				b.WriteString(" AND ")
			}
			quoteTerm(b, f)
		}
		b.WriteByte(')')
	} else {
		quoteTerm(b, w)
		if i == len(q.words)-1 && len([]rune(w)) >= minPrefixLen || i < len(q.prefix) && q.prefix[i] {
			b.WriteByte('*')
		}
	}
	for _, alt := range alts {
		b.WriteString(" OR ")
		quoteTerm(b, alt)
	}
	if len(alts) > 0 {
		b.WriteByte(')')
	}
}

// maxCombinations bounds the sets of words a match of "at least k of the words" ORs.
const maxCombinations = 20

func combinations(n, k int) int {
	c := 1
	for i := range k {
		c = c * (n - i) / (i + 1)
	}
	return c
}

// subsets returns every set of k of the indexes 0…n-1, in order.
func subsets(n, k int) [][]int {
	var out [][]int
	var set []int
	var walk func(from int)
	walk = func(from int) {
		if len(set) == k {
			out = append(out, append([]int(nil), set...))
			return
		}
		for i := from; i < n; i++ {
			set = append(set, i)
			walk(i + 1)
			set = set[:len(set)-1]
		}
	}
	walk(0)
	return out
}

// quoteTerm writes w as an FTS5 string: a word, or a phrase when it has spaces.
func quoteTerm(b *strings.Builder, w string) {
	b.WriteByte('"')
	b.WriteString(strings.ReplaceAll(w, `"`, `""`))
	b.WriteByte('"')
}

// quoteAny writes ws as FTS5 strings joined by OR: a match of any of them.
func quoteAny(b *strings.Builder, ws []string) {
	for i, w := range ws {
		if i > 0 {
			b.WriteString(" OR ")
		}
		quoteTerm(b, w)
	}
}

// terms returns every word of q's words and their alternatives, once each: what
// snippets look for.
func (q textQuery) terms() []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		for _, w := range strings.Fields(s) {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	for i, w := range q.words {
		add(w)
		if i < len(q.alts) {
			for _, a := range q.alts[i] {
				add(a)
			}
		}
	}
	return out
}
