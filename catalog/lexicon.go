package catalog

import (
	"context"
	"slices"
	"strings"
)

// Lexicon is a general dictionary of nouns that the operator has installed (WordNet,
// see internal/wordnet): the senses of a word or phrase, most frequent first, each as
// the nouns that name it. Search reads it after the vocabulary, for words no group of
// the vocabulary names (see lexiconGroup).
//
// A lexicon that also has Broader(term) [][]string or Narrower(term) [][]string (the
// direct hypernyms or hyponyms of term's first sense, each as its nouns) is read for
// them too, for words whose first sense names no type of the catalog.
type Lexicon interface {
	Senses(term string) [][]string
}

// SetLexicon makes searches read l for synonyms of the words the vocabulary does not
// know; nil reads none.
func (c *Catalog) SetLexicon(l Lexicon) {
	c.vocabMu.Lock()
	defer c.vocabMu.Unlock()
	c.lex = l
}

func (c *Catalog) lexicon() Lexicon {
	c.vocabMu.RLock()
	defer c.vocabMu.RUnlock()
	return c.lex
}

// maxLexiconWords is the most words of a query's term the lexicon is asked about.
const maxLexiconWords = 2

// lexiconGroup returns the synonym group the lexicon gives words (a word or a phrase
// of a query that no group of the vocabulary names) in this catalog: the words' key,
// then the keys of the other nouns of their first sense (the most frequent) that name
// a type of the catalog (a head of learned types, or a phrase of titles that ends in
// one) and whose own first or second sense it is ("pram": stroller, not "ride":
// drive, whose eighth sense it is), and that are no word of the words ("cable car" is
// no car). ok is false when some product has the words themselves (the catalog says
// what they stand for itself), and when no noun is left.
func (c *Catalog) lexiconGroup(ctx context.Context, lv *learnedView, lex Lexicon, words []string) ([]string, bool, error) {
	if lv == nil {
		return nil, false, nil
	}
	term := strings.Join(words, " ")
	if !plainTerm(term) {
		return nil, false, nil
	}
	senses := lex.Senses(term)
	broader, narrower := lexiconBroader(lex), lexiconNarrower(lex)
	if len(senses) == 0 || len(senses[0]) < 2 && broader == nil && narrower == nil {
		return nil, false, nil
	}
	if named, err := c.indexHas(ctx, term); err != nil || named {
		return nil, false, err
	}
	own := termKey(term)
	group := []string{own}
	add := func(synset []string) error {
		for _, noun := range synset {
			k := termKey(noun)
			if !plainTerm(k) || k == own || slices.Contains(group, k) || strings.Count(k, " ")+1 > maxTermWords || sharesWord(k, own) {
				continue
			}
			theirs := lex.Senses(noun)
			if !slices.ContainsFunc(theirs[:min(maxTargetSense, len(theirs))], func(s []string) bool { return slices.Equal(s, synset) }) {
				continue
			}
			ok, err := c.namesType(ctx, lv, k)
			if err != nil {
				return err
			}
			if ok {
				group = append(group, k)
			}
		}
		return nil
	}
	if err := add(senses[0]); err != nil {
		return nil, false, err
	}
	for _, related := range []func(string) [][]string{broader, narrower} {
		if len(group) > 1 {
			break
		}
		if related == nil {
			continue
		}
		for _, synset := range related(term) {
			if err := add(synset); err != nil {
				return nil, false, err
			}
		}
	}
	if len(group) == 1 {
		return nil, false, nil
	}
	return group, true, nil
}

func lexiconBroader(lex Lexicon) func(string) [][]string {
	if b, ok := lex.(interface{ Broader(string) [][]string }); ok {
		return b.Broader
	}
	return nil
}

func lexiconNarrower(lex Lexicon) func(string) [][]string {
	if b, ok := lex.(interface{ Narrower(string) [][]string }); ok {
		return b.Narrower
	}
	return nil
}

// maxTargetSense is how far down its own senses a noun may have the sense it is a
// synonym in.
const maxTargetSense = 2

// namesType reports whether the term key k names a type of the catalog: a word that
// heads learned types, or a phrase that ends in one and that titles say.
func (c *Catalog) namesType(ctx context.Context, lv *learnedView, k string) (bool, error) {
	f := strings.Fields(k)
	if !lv.isType(f[len(f)-1]) {
		return false, nil
	}
	if len(f) == 1 {
		return true, nil
	}
	return c.titleHasAll(ctx, textQuery{words: []string{k}, alts: [][]string{nil}})
}

// plainTerm reports whether every word of term is a word of letters, three or more,
// and no stop word: the lexicon is not asked about, nor answers with, symbols and
// abbreviations ("tin": Sn).
func plainTerm(term string) bool {
	for _, w := range strings.Fields(term) {
		if len(w) < 3 || stopwords[w] || !isLetters(w) {
			return false
		}
	}
	return term != ""
}

// isLetters reports whether w is made of letters only.
func isLetters(w string) bool {
	for _, r := range w {
		if !('a' <= r && r <= 'z' || r > 127) {
			return false
		}
	}
	return w != ""
}

// sharesWord reports whether term keys a and b have a word in common: a noun that is a
// word of the term ("car" of "cable car") names the term's kind, or another sense of
// it, not the term.
func sharesWord(a, b string) bool {
	bw := strings.Fields(b)
	for _, w := range strings.Fields(a) {
		if slices.Contains(bw, w) {
			return true
		}
	}
	return false
}
