package catalog

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Word forms and clipped words learned from the catalog's own heads. A query word no
// product has, in any form the index stems, may still be a form of one of the
// catalog's type words that the stemmer does not join: the verb's "-ing" for the
// tool's "-er" ("stapling", "shredding": staplers, shredders), "copier" for "copy";
// or a word clipped short ("vac" for a vacuum). When exactly one learned head relates
// to the word by one of these clear rules, expand searches the word with that head as
// its alternative, as a synonym group would; a form or clip shared by two heads, or by
// none, changes nothing. Read once per word per indexed version (the learned view
// keeps it).

// formPairs are the endings a query word may have (first) where a head of the same
// stem has the second: "stapl-ing" / "stapl-er", "cop-ier" / "cop-y".
var formPairs = [][2]string{
	{"ing", "er"}, {"ing", "or"}, {"ing", ""}, {"ing", "e"},
	{"er", ""}, {"er", "e"},
	{"ier", "y"}, {"y", "ier"},
	{"ion", "er"}, {"ion", "or"}, {"ation", "er"},
}

// Bounds on learned forms: the shortest word taken for a form, the stem it and its
// head share ("cop-ier", "cop-y"), and the shortest clip (a word of three letters is
// too often a word of its own: "new" is not a clip of "newborn").
const (
	minFormWord = 6
	minFormStem = 3
	minClip     = 4
	// minClipped is how many letters a clip leaves off at least: one or two left off
	// ("kettl", "trampoli") is a slip the spelling step corrects.
	minClipped = 3
)

// formHead returns the learned head the word w (a word no product has) is a form or a
// clip of, or "". Read once per indexed version.
func (lv *learnedView) formHead(w string, sentence bool) string {
	key := w
	if sentence {
		key = "\x00" + w
	}
	h, _ := recall(lv, lv.forms, maxLearnedWords, key, func() (string, error) { return formOf(lv.types, w, sentence), nil })
	return h
}

// formOf returns the one typeLike head of heads (head key → products) that w is a
// form of (formPairs, sharing a stem of minFormStem letters at least), else, outside a
// sentence, the one head w is a clip of (w, of minClip letters at least, starts it and
// is shorter); "" when no head or more than one head relates to w by the first rule
// that finds any. A sentence's short words are its own ("mom" is not a clip).
func formOf(heads map[string]int, w string, sentence bool) string {
	w = wordKey(strings.ToLower(w))
	if utf8.RuneCountInString(w) < minFormStem || heads[w] > 0 || isNumber(w) || stopwords[w] {
		return ""
	}
	one := func(related func(h string) bool) (string, bool) {
		found := ""
		for h := range heads {
			if h == w || !related(h) || !typeLike(h) {
				continue
			}
			if found != "" {
				return "", true // two heads: neither
			}
			found = h
		}
		return found, found != ""
	}
	if h, any := one(func(h string) bool { return len(w) >= minFormWord && formOfHead(w, h) }); any {
		return h
	}
	if sentence {
		return ""
	}
	if utf8.RuneCountInString(w) < minClip {
		return ""
	}
	h, _ := one(func(h string) bool { return len(h) >= len(w)+minClipped && strings.HasPrefix(h, w) })
	return h
}

// formOfHead reports whether w, with one ending of formPairs, is h with the other (a
// final "e" of the head's stem falls before "-ing": "stapl-ing", "stapl-er").
func formOfHead(w, h string) bool {
	for _, p := range formPairs {
		stem, ok := strings.CutSuffix(w, p[0])
		if ok && len(stem) >= minFormStem && len(h) == len(stem)+len(p[1]) && strings.HasPrefix(h, stem) && strings.HasSuffix(h, p[1]) {
			return true
		}
	}
	return false
}

// learnedForms gives each single word of out that has no alternatives, that no product
// has and that is a form or clip of one learned head (formHead) that head as its
// alternative.
func (c *Catalog) learnedForms(ctx context.Context, lv *learnedView, out *textQuery, sentence bool) error {
	if lv == nil {
		return nil
	}
	for i, w := range out.words {
		if len(out.alts[i]) > 0 || strings.Contains(w, " ") {
			continue
		}
		h := lv.formHead(w, sentence)
		if h == "" {
			continue
		}
		has, err := c.indexHas(ctx, w)
		if err != nil || has {
			return err
		}
		// A clip that is the first part of a compound head ("head" of "headphone",
		// "new" of "newborn") is a word of its own.
		if rest, clipped := strings.CutPrefix(h, wordKey(strings.ToLower(w))); clipped && len(rest) >= minFormStem {
			if compound, err := c.indexHas(ctx, rest); err != nil || compound {
				return err
			}
		}
		out.alts[i] = []string{h}
	}
	return nil
}
