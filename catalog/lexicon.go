package catalog

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
)

// Lexicon is a general dictionary of nouns that the operator has installed (WordNet,
// see internal/wordnet): the senses of a word or phrase, most frequent first, each as
// the nouns that name it. Search reads it after the vocabulary, for words no group of
// the vocabulary names (see lexiconGroup).
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
// one) and whose own first or second sense it is ("telly": tv, not "ride": drive,
// whose eighth sense it is), and that are no word of the words ("cable car" is no
// car). ok is false when some product has the words themselves (the catalog says
// what they stand for itself: "earphones" of earbuds' descriptions), when no noun is left, and in a
// sentence, whose words are most often the shopper's own.
func (c *Catalog) lexiconGroup(ctx context.Context, lv *learnedView, lex Lexicon, words []string, sentence bool) ([]string, bool, error) {
	if sentence || lv == nil {
		return nil, false, nil
	}
	for _, w := range words {
		if len(w) < 3 || isNumber(w) || stopwords[w] || !isLetters(w) {
			return nil, false, nil
		}
	}
	term := strings.Join(words, " ")
	senses := lex.Senses(term)
	if len(senses) == 0 || len(senses[0]) < 2 {
		return nil, false, nil
	}
	if named, err := c.indexHas(ctx, term); err != nil || named {
		return nil, false, err
	}
	own := termKey(term)
	group := []string{own}
	for _, noun := range senses[0] {
		k := termKey(noun)
		if k == "" || k == own || slices.Contains(group, k) || strings.Count(k, " ")+1 > maxTermWords || sharesWord(k, own) {
			continue
		}
		if !slices.ContainsFunc(lex.Senses(noun)[:min(maxTargetSense, len(lex.Senses(noun)))], func(s []string) bool { return slices.Equal(s, senses[0]) }) {
			continue
		}
		ok, err := c.namesType(ctx, lv, k)
		if err != nil {
			return nil, false, err
		}
		if ok {
			group = append(group, k)
		}
	}
	if len(group) == 1 {
		return nil, false, nil
	}
	if os.Getenv("LEXDEBUG") != "" {
		fmt.Fprintf(os.Stderr, "LEX %q -> %q\n", term, group)
	}
	return group, true, nil
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
