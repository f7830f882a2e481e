package catalog

import (
	"cmp"
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// builtinVocabularyText is the vocabulary every catalog starts with: synonym groups,
// accessory words, filler and recipient words, in the format ParseVocabulary reads
// (described at the top of the file).
//
//go:embed vocabulary.txt
var builtinVocabularyText string

// Vocabulary is what query understanding knows of the words shoppers use: synonym
// groups (regional words, abbreviations, joined and split compounds, one word for a
// multi-word name), the words that name accessories, and the filler and recipient
// words dropped from sentences. It is read-only once built, so catalogs share it.
type Vocabulary struct {
	groups    []synGroup
	byTerm    map[string][]int // a term's key → its groups, in the vocabulary's order
	maxWords  int              // the most words in a term
	accessory map[string]bool
	// kinds are, by the term key of a category's word or words ("cookware", "water
	// treatment"), the term keys of the kinds of product under it ("pot", "frying
	// pan"): a query headed by the word also finds those kinds (see kindsOf).
	kinds map[string][]string
	// collective are the words that name a group of things by what they are for,
	// not a thing ("gear", "supplies", "essentials": "water gear", "craft supplies").
	collective map[string]bool
	filler     map[string]bool
	recipient  map[string]bool
	// stages are the words that say for which stage of life a product is ("stage
	// young: puppy, kitten, baby"), by coverKey (as product_rank's title_keys have
	// them), each with its stage's number (1 for the first stage named, …); stageNames
	// are the stages' names in that order.
	stages     map[string]int
	stageNames []string
	needs      []need
	// needsBy lists, by the first two letters of a cue (which every form of the cue
	// shares, see cueMatches), the needs with such a cue: a query's candidates.
	needsBy map[string][]int
	// byLast is the last word key of each term of several words → its groups ("tank"
	// of "fish tank"), as index writes byTerm.
	byLast map[string][]int
	// doers are the "does:" lines: a verb and what it acts on (cues, the verb first),
	// and the things that do it ("open wine": corkscrew), for a query that names a
	// thing by what it does (see functionPhrase).
	doers []need
}

// synGroup is a synonym group: terms that name one thing, each as a key (see
// termKey). A group with when words is of one sense of its terms: it applies only to a
// query with one of those words besides the term ("when printer, inkjet: refill, ink
// cartridge").
type synGroup struct {
	terms []string
	when  []string // word keys; none for a group that always applies
}

// need is a "need:" line: when every cue is in a query, the query is for any of terms.
type need struct {
	cues  []string // word keys
	terms []string // term keys
	names []string // the terms as written (their words), to show
}

// VocabularyError says which line of a vocabulary cannot be read, and why.
type VocabularyError struct {
	Line    int
	Text    string
	Problem string
}

func (e *VocabularyError) Error() string {
	return fmt.Sprintf("vocabulary line %d %q: %s", e.Line, e.Text, e.Problem)
}

// maxVocabularyLine bounds one line of a vocabulary, and maxTermWords a term.
const (
	maxVocabularyLine = 4000
	maxTermWords      = 4
)

// builtinVocabulary parses the embedded vocabulary once; it never changes after.
var builtinVocabulary = sync.OnceValue(func() *Vocabulary {
	v, err := ParseVocabulary(builtinVocabularyText)
	if err != nil {
		panic("catalog: the built-in vocabulary.txt does not parse: " + err.Error())
	}
	return v
})

// BuiltinVocabulary returns the vocabulary the catalog is built with (vocabulary.txt).
func BuiltinVocabulary() *Vocabulary { return builtinVocabulary() }

// ParseVocabulary reads a vocabulary in the format of vocabulary.txt: synonym groups
// ("vacuum, vacuum cleaner, hoover"), and "accessory:", "filler:" and "recipient:"
// lists of words. A line it cannot read is a *VocabularyError.
func ParseVocabulary(text string) (*Vocabulary, error) {
	// byTerm sized for about a term per comma (the built-in text has 7,693 commas for
	// 8,189 terms), so that it is not grown and rehashed as it fills.
	v := &Vocabulary{byTerm: make(map[string][]int, strings.Count(text, ",")), accessory: map[string]bool{}, kinds: map[string][]string{}, collective: map[string]bool{}, filler: map[string]bool{}, recipient: map[string]bool{}}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := func(problem string) error {
			shown := line
			if len(shown) > 80 {
				shown = shown[:80] + "…"
			}
			return &VocabularyError{Line: i + 1, Text: shown, Problem: problem}
		}
		if len(line) > maxVocabularyLine {
			return nil, bad(fmt.Sprintf("longer than %d bytes", maxVocabularyLine))
		}
		if kind, list, ok := strings.Cut(line, ":"); ok && strings.HasPrefix(strings.ToLower(strings.TrimSpace(kind)), "stage ") {
			name := strings.TrimSpace(strings.ToLower(strings.TrimSpace(kind))[len("stage "):])
			var words []string
			for _, term := range strings.Split(list, ",") {
				words = append(words, lowerWords(term)...)
			}
			if name == "" || len(words) == 0 {
				return nil, bad(`a stage of life is "stage name: word, word"`)
			}
			if err := v.addStage(name, words); err != nil {
				return nil, bad(err.Error())
			}
			continue
		}
		if kind, list, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(strings.ToLower(kind)) == "kinds" {
			name, things, ok := strings.Cut(list, "=>")
			k := termKey(name)
			var terms []string
			for _, t := range strings.Split(things, ",") {
				if tk := termKey(t); tk != "" && tk != k && !slices.Contains(terms, tk) {
					terms = append(terms, tk)
				}
			}
			if !ok || k == "" || len(terms) == 0 {
				return nil, bad(`kinds are "kinds: category word => kind, kind"`)
			}
			if len(strings.Fields(k)) > 2 {
				return nil, bad("a category of kinds is one or two words")
			}
			v.kinds[k] = terms
			continue
		}
		if kind, list, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(strings.ToLower(kind)) == "does" {
			d, ok := cueLine(list)
			if !ok {
				return nil, bad(`what a thing does is "does: verb words => thing, thing"`)
			}
			v.doers = append(v.doers, d)
			continue
		}
		if kind, list, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(strings.ToLower(kind)) == "need" {
			n, ok := cueLine(list)
			if !ok {
				return nil, bad(`a need is "need: words => thing, thing"`)
			}
			v.addNeed(n)
			continue
		}
		var when []string
		if kind, list, ok := strings.Cut(line, ":"); ok && strings.HasPrefix(strings.ToLower(strings.TrimSpace(kind)), "when ") {
			for _, t := range strings.Split(strings.TrimSpace(kind)[len("when "):], ",") {
				for _, w := range lowerWords(t) {
					if k := wordKey(w); !slices.Contains(when, k) {
						when = append(when, k)
					}
				}
			}
			if len(when) == 0 {
				return nil, bad(`a sense is "when word, word: term, term"`)
			}
			slices.Sort(when)
			line = list
		} else if ok {
			var set map[string]bool
			switch strings.TrimSpace(strings.ToLower(kind)) {
			case "accessory":
				set = v.accessory
			case "collective":
				set = v.collective
			case "filler":
				set = v.filler
			case "recipient":
				set = v.recipient
			default:
				return nil, bad(`a list must start with "accessory:", "collective:", "filler:", "recipient:", "need:", "does:", "kinds:", "stage …:" or "when …:"`)
			}
			for _, term := range strings.Split(list, ",") {
				for _, w := range lowerWords(term) {
					set[wordKey(w)] = true
					set[w] = true
				}
			}
			continue
		}
		var group []string
		for _, term := range strings.Split(line, ",") {
			k := termKey(term)
			if k == "" {
				continue
			}
			if n := strings.Count(k, " ") + 1; n > maxTermWords {
				return nil, bad(fmt.Sprintf("a term has more than %d words", maxTermWords))
			}
			if !slices.Contains(group, k) {
				group = append(group, k)
			}
		}
		if len(group) < 2 {
			return nil, bad("a synonym group needs at least two different terms, separated by commas")
		}
		v.addGroup(synGroup{terms: group, when: when})
	}
	return v, nil
}

// addNeed adds n and indexes it by its cues.
func (v *Vocabulary) addNeed(n need) {
	if v.needsBy == nil {
		v.needsBy = map[string][]int{}
	}
	i := len(v.needs)
	v.needs = append(v.needs, n)
	for _, cue := range n.cues {
		p := cuePrefix(cue)
		if l := v.needsBy[p]; len(l) == 0 || l[len(l)-1] != i {
			v.needsBy[p] = append(l, i)
		}
	}
}

// cuePrefix is the part of a word every form of it has, as cueMatches compares them.
func cuePrefix(w string) string { return w[:min(len(w), 2)] }

// cuePair reports whether words a and b, in that order, are two cues of a need that
// follow each other in it ("air quality"): a phrase the vocabulary names.
func (v *Vocabulary) cuePair(a, b string) bool {
	ka, kb := wordKey(a), wordKey(b)
	if ka == "" || kb == "" {
		return false
	}
	for _, n := range v.needsBy[cuePrefix(ka)] {
		cues := v.needs[n].cues
		for j := 0; j+1 < len(cues); j++ {
			if cueMatches(cues[j], ka) && cueMatches(cues[j+1], kb) {
				return true
			}
		}
	}
	return false
}

// addGroup adds g, first removing every group of the same sense (the same when
// words) that shares a term with it: a group of another sense of a term stays.
func (v *Vocabulary) addGroup(g synGroup) {
	drop := map[int]bool{}
	for _, k := range g.terms {
		for _, i := range v.byTerm[k] {
			if slices.Equal(v.groups[i].when, g.when) {
				drop[i] = true
			}
		}
	}
	if len(drop) > 0 {
		kept := v.groups[:0:0]
		for i, old := range v.groups {
			if !drop[i] {
				kept = append(kept, old)
			}
		}
		v.groups = kept
		v.byTerm = make(map[string][]int, len(v.byTerm))
		v.byLast = nil
		v.maxWords = 0
		for i, old := range v.groups {
			v.index(i, old)
		}
	}
	v.groups = append(v.groups, g)
	v.index(len(v.groups)-1, g)
}

// index records group i, g, under its terms.
func (v *Vocabulary) index(i int, g synGroup) {
	for _, k := range g.terms {
		v.byTerm[k] = append(v.byTerm[k], i)
		v.maxWords = max(v.maxWords, strings.Count(k, " ")+1)
		if j := strings.LastIndexByte(k, ' '); j >= 0 {
			if v.byLast == nil {
				v.byLast = map[string][]int{}
			}
			if last := k[j+1:]; !slices.Contains(v.byLast[last], i) {
				v.byLast[last] = append(v.byLast[last], i)
			}
		}
	}
}

// With returns v with o's entries: each synonym group of o replaces the groups of v
// that share a term with it, or is added; o's word lists add to v's. v is not changed.
func (v *Vocabulary) With(o *Vocabulary) *Vocabulary {
	out := &Vocabulary{byTerm: map[string][]int{}, accessory: map[string]bool{}, kinds: map[string][]string{}, collective: map[string]bool{}, filler: map[string]bool{}, recipient: map[string]bool{}}
	for _, src := range []*Vocabulary{v, o} {
		for _, g := range src.groups {
			out.addGroup(g)
		}
		for _, n := range src.needs {
			out.addNeed(n)
		}
		out.doers = append(out.doers, src.doers...)
		maps.Copy(out.accessory, src.accessory)
		maps.Copy(out.collective, src.collective)
		maps.Copy(out.kinds, src.kinds)
		maps.Copy(out.filler, src.filler)
		maps.Copy(out.recipient, src.recipient)
		for _, name := range src.stageNames {
			if err := out.addStage(name, nil); err != nil {
				break // more stages than a query can tell apart: the first are kept
			}
		}
		for k, n := range src.stages {
			if slices.Contains(out.stageNames, src.stageNames[n-1]) {
				out.addStage(src.stageNames[n-1], []string{k}) // the stage exists: no error
			}
		}
	}
	return out
}

// maxStages is how many stages of life a vocabulary may name: a query's stages are
// bits of an int.
const maxStages = 16

// addStage adds words to the stage of life called name, a new stage when v has none
// of that name; a word is in one stage, the last named.
func (v *Vocabulary) addStage(name string, words []string) error {
	n := slices.Index(v.stageNames, name) + 1
	if n == 0 {
		if len(v.stageNames) == maxStages {
			return fmt.Errorf("more than %d stages of life", maxStages)
		}
		v.stageNames = append(v.stageNames, name)
		n = len(v.stageNames)
	}
	if v.stages == nil {
		v.stages = map[string]int{}
	}
	for _, w := range words {
		v.stages[coverKey(w)] = n
	}
	return nil
}

// Groups returns the synonym groups, each as its terms' keys (lower-cased words with a
// final plural -s cut, separated by single spaces), those of one sense too.
func (v *Vocabulary) Groups() [][]string {
	out := make([][]string, len(v.groups))
	for i, g := range v.groups {
		out[i] = slices.Clone(g.terms)
	}
	return out
}

// Senses returns, in the order of Groups, the words of each group's sense ("when
// …:"), as word keys; nil for a group that always applies.
func (v *Vocabulary) Senses() [][]string {
	out := make([][]string, len(v.groups))
	for i, g := range v.groups {
		out[i] = slices.Clone(g.when)
	}
	return out
}

// TermKey is the key by which a vocabulary compares a term or a title's words with its
// terms (as Groups gives them): the words lower-cased, a final plural -s cut,
// separated by single spaces.
func TermKey(term string) string { return termKey(term) }

// synonyms returns the terms of the group of the term made of keys[i:j], the keys of
// a query's words: of the groups of the term, the first of one sense that applies
// (the query has one of its when words outside the term), or else the first of none.
func (v *Vocabulary) synonyms(keys []string, i, j int) ([]string, bool) {
	terms, _, ok := v.sense(keys, i, j)
	return terms, ok
}

// sense is synonyms, with the index in keys of the word that chose the group's sense
// (-1 for a group that always applies).
func (v *Vocabulary) sense(keys []string, i, j int) ([]string, int, bool) {
	any := -1
	for _, g := range v.byTerm[strings.Join(keys[i:j], " ")] {
		if len(v.groups[g].when) == 0 {
			if any < 0 {
				any = g
			}
		} else if at := v.groups[g].applies(keys, i, j); at >= 0 {
			return v.groups[g].terms, at, true
		}
	}
	if any < 0 {
		return nil, -1, false
	}
	return v.groups[any].terms, -1, true
}

// applies returns the index in keys of the first word outside keys[i:j] that is one
// of g's when words, or -1: the query whose word keys are keys, its term keys[i:j],
// is of g's sense when there is one.
func (g synGroup) applies(keys []string, i, j int) int {
	for n, k := range keys {
		if (n < i || n >= j) && slices.Contains(g.when, k) {
			return n
		}
	}
	return -1
}

// namedOtherwise reports whether the thing the two word keys a and b name ("saw
// horse") has a one-word name in the vocabulary other than a and b ("sawhorse",
// "trestle"): a type of its own, not a b made for an a ("drill bit, drill bit set";
// "phone case, mobile case" are named by what they are for). A group of one sense
// only (with when words) does not count.
func (v *Vocabulary) namedOtherwise(a, b string) bool {
	for _, i := range v.byTerm[a+" "+b] {
		g := v.groups[i]
		if len(g.when) > 0 {
			continue
		}
		for _, term := range g.terms {
			if !strings.Contains(term, " ") && term != a && term != b {
				return true
			}
		}
	}
	return false
}

// isAccessory reports whether the word (any form) names an accessory.
// isTerm reports whether phrase or word w is a term of a synonym group.
func (v *Vocabulary) isTerm(w string) bool {
	keys := strings.Fields(w)
	for i, k := range keys {
		keys[i] = wordKey(k)
	}
	return hasKey(v.byTerm, strings.Join(keys, " "))
}

func (v *Vocabulary) isAccessory(w string) bool { return v.accessory[w] || v.accessory[wordKey(w)] }

// kindsOf returns the term keys of the kinds of product under the category named by
// the term key k ("cookware": pot, pan, …), nil when the vocabulary has no kinds line
// for it.
func (v *Vocabulary) kindsOf(k string) []string { return v.kinds[k] }

// isCollective reports whether the word (any form) names a group of things by what
// they are for ("gear", "supplies"), not a thing.
func (v *Vocabulary) isCollective(w string) bool {
	return v.collective[w] || v.collective[wordKey(w)]
}

// termKey is the key of a term: its words (see splitWords), each by wordKey, joined
// by single spaces. For an ASCII term it slices the words out of the term itself (as
// lowerWords does) and copies only a key of several words: reading the built-in
// vocabulary makes 8,189 keys, most of one word, in a process that has just started
// (TestTermKey holds it equal to the words splitWords gives).
func termKey(term string) string {
	if !isASCII(term) {
		words := splitWords(term)
		for i, w := range words {
			words[i] = wordKey(w)
		}
		return strings.Join(words, " ")
	}
	var (
		first string
		key   []byte
		n     int
	)
	for w := range asciiWords(strings.ToLower(term)) {
		k := wordKey(w)
		switch n++; n {
		case 1:
			first = k
		case 2:
			key = append(append(append(key, first...), ' '), k...)
		default:
			key = append(append(key, ' '), k...)
		}
	}
	if n < 2 {
		return first
	}
	return string(key)
}

// wordKey compares words regardless of a plural ending: "trainers" and "trainer",
// "batteries" and "battery", "boxes" and "box" have the same key. It is deliberately
// simpler than a stemmer: it only needs to say whether two words of one vocabulary
// line are the same.
func wordKey(w string) string {
	w = foldDiacritics(w)
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// cueSuffixes are the endings by which a word of a query may differ from a need's cue
// ("dries", "drying", "dryer" for "dry"; "baking" for "bake"; "shopping" for "shop").
var cueSuffixes = []string{"s", "es", "ed", "ing", "er", "ers", "y", "ies", "ied", "ier", "ly", "ful"}

// cueMatches reports whether the word key k is the cue or a form of it: the cue plus
// one of cueSuffixes, with a final e dropped, a final y turned to i, or a final
// consonant doubled before it. Unlike a bare prefix, "car" is not in "cards" or
// "careful".
func cueMatches(cue, k string) bool {
	if k == cue {
		return true
	}
	if len(cue) < 2 || len(k) <= len(cue)-1 || !strings.HasPrefix(k, cue[:len(cue)-1]) {
		return false // every stem below starts with the cue less its last letter
	}
	stems := []string{cue}
	switch last := cue[len(cue)-1]; {
	case last == 'e':
		stems = append(stems, cue[:len(cue)-1])
	case last == 'y':
		stems = append(stems, cue[:len(cue)-1]+"i")
	case !strings.ContainsRune("aeiouwxy", rune(last)) && len(cue) >= 3 && strings.ContainsRune("aeiou", rune(cue[len(cue)-2])):
		stems = append(stems, cue+string(last))
	}
	for _, st := range stems {
		if rest, ok := strings.CutPrefix(k, st); ok && slices.Contains(cueSuffixes, rest) {
			return true
		}
	}
	return false
}

// needCovers reports whether the need words have (see need) has a cue for every one of
// words: the query is nothing but the need.
func (v *Vocabulary) needCovers(words []string) bool {
	n, ok := v.bestNeed(words, true)
	if !ok || len(v.needs[n].cues) != len(words) {
		return false
	}
	for _, w := range words {
		if !slices.Contains(v.needs[n].cues, wordKey(w)) {
			return false // "hair dryer" is a thing, not the need "dry hair"
		}
	}
	return true
}

// need returns the terms of the need with the most cues that words has every cue of
// (see cueMatches), if any; needs of one cue count only in a sentence.
func (v *Vocabulary) need(words []string, sentence bool) ([]string, bool) {
	n, ok := v.bestNeed(words, sentence)
	if !ok {
		return nil, false
	}
	return v.needs[n].terms, true
}

func (v *Vocabulary) bestNeed(words []string, sentence bool) (int, bool) {
	ns := v.needsOf(words, sentence)
	if len(ns) == 0 {
		return 0, false
	}
	return ns[0], true
}

// needsOf returns the needs that words has every cue of (see cueMatches), best first:
// those with more cues first, and of needs with as many cues, the one whose cues come
// first in words ("dry my clothes after washing them" is about drying). Needs of one
// cue count only in a sentence.
func (v *Vocabulary) needsOf(words []string, sentence bool) []int {
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	type found struct{ need, cues, at int }
	var fs []found
	seen := map[int]bool{}
	for _, k := range keys {
		for _, i := range v.needsBy[cuePrefix(k)] {
			if seen[i] {
				continue
			}
			seen[i] = true
			n := v.needs[i]
			if len(n.cues) < 2 && !sentence {
				continue
			}
			all, at := true, 0
			for _, cue := range n.cues {
				j := slices.IndexFunc(keys, func(k string) bool { return cueMatches(cue, k) })
				if j < 0 {
					all = false
					break
				}
				at += j
			}
			if all {
				fs = append(fs, found{i, len(n.cues), at})
			}
		}
	}
	// Needs were visited by the words' order, not the vocabulary's: the vocabulary's
	// order breaks the remaining ties, as before.
	slices.SortFunc(fs, func(a, b found) int { return cmp.Compare(a.need, b.need) })
	slices.SortStableFunc(fs, func(a, b found) int {
		if c := cmp.Compare(b.cues, a.cues); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = f.need
	}
	return out
}

// SaysNeed reports whether a need of v applies to the query text, as a search reads
// it (a need of one cue counts only in a sentence): the judged set uses it to hold
// sentences that no need names.
func (v *Vocabulary) SaysNeed(text string) bool {
	u := understand(text, v)
	return len(v.needsOf(u.words, u.sentence)) > 0
}

// cueLine reads the list of a does: or need: line, "cue words => thing, thing", into
// a need; ok is false when it lacks the arrow, a cue word or a thing.
func cueLine(list string) (need, bool) {
	cue, things, ok := strings.Cut(list, "=>")
	var n need
	for _, w := range lowerWords(cue) {
		n.cues = append(n.cues, wordKey(w))
	}
	for _, t := range strings.Split(things, ",") {
		if k := termKey(t); k != "" {
			n.terms = append(n.terms, k)
			n.names = append(n.names, strings.Join(lowerWords(t), " "))
		}
	}
	return n, ok && len(n.cues) > 0 && len(n.terms) > 0
}
