package catalog

import (
	"context"
	"strings"
)

// A thing used up is a thing wanted again: "my wife's favorite perfume ran out", "my
// kids go through socks so fast", "we ran out of coffee filters". Such a sentence
// names what it asks for, but none of the readings before finds it: the words do not
// meet in a title ("wife", "ran", "out"), no want word is said, and "ran out" names
// no type. The thing is the words right before "ran out" ("perfume … ran out") or
// right after "out of", "through" after a verb of going or getting, "low on" and
// "used up" ("ran out of coffee filters", "go through socks", "used up all the glue").

// runOutVerbs run out of a thing ("ran out", "we're running out of").
var runOutVerbs = set("ran", "run", "runs", "running")

// goThroughVerbs go through a thing as it is used ("go through socks so fast").
var goThroughVerbs = set("go", "goes", "going", "went", "gone", "get", "gets", "getting", "got")

// outOfBefore say, before "out of", that the shopper has none left ("we are out of
// milk", "i'm out of beans"; as splitWords leaves "i'm": "i" and "m").
var outOfBefore = set("am", "are", "is", "m", "re", "all", "completely", "totally", "nearly", "almost")

// usedUpSkip are the words between the verb and the thing, or before a thing's name,
// that are no part of it: how much of it ("so many", "all the", "a lot of") and how
// soon ("already", "just").
var usedUpSkip = set("so", "many", "much", "all", "lots", "lot", "of", "a", "the", "my", "our", "his", "her", "their",
	"your", "any", "some", "already", "just", "again", "more", "plenty", "loads", "tons")

// usedUpAux stand between a thing and "ran out" ("the glue has run out", "the
// printer ink is running out").
var usedUpAux = set("has", "have", "had", "is", "are", "was", "were", "just", "already", "finally", "always", "keeps", "keep")

// usedUpThing returns the words of sentence words that name a thing the sentence
// says is used up, at most maxAskedWords of them; nil when it says none.
func usedUpThing(words []string) []string {
	after := func(i int) []string { // the thing's words from i on
		for i < len(words) && usedUpSkip[words[i]] {
			i++
		}
		j := i
		for j < len(words) && j-i < maxAskedWords && !endsThing(words[j]) {
			j++
		}
		return words[i:j]
	}
	before := func(j int) []string { // the thing's words before j
		for j > 0 && usedUpAux[words[j-1]] {
			j--
		}
		k := j
		for k > 0 && j-k < maxAskedWords && !endsThing(words[k-1]) && !usedUpSkip[words[k-1]] {
			k--
		}
		return words[k:j]
	}
	for i, w := range words {
		next := func(k int, x string) bool { return i+k < len(words) && words[i+k] == x }
		switch {
		case runOutVerbs[w] && next(1, "out") && next(2, "of"), runOutVerbs[w] && next(1, "low") && next(2, "on"):
			return after(i + 3) // "ran out of coffee filters", "running low on glue"
		case runOutVerbs[w] && next(1, "out"):
			return before(i) // "… perfume ran out"
		case w == "used" && next(1, "up"):
			if thing := after(i + 2); len(thing) > 0 {
				return thing // "used up all the glue"
			}
			return before(i) // "the glue is used up"
		case w == "out" && next(1, "of") && i > 0 && outOfBefore[words[i-1]]:
			return after(i + 2) // "we are out of milk"
		case w == "through" && i > 0 && goThroughVerbs[words[i-1]]:
			return after(i + 1) // "go through socks so fast"
		}
	}
	return nil
}

// usedUpHow say how often or how fast a thing is used up, after it ("socks so fast",
// "nappies every week").
var usedUpHow = set("every", "each", "per", "again", "so", "too", "very", "now", "anymore", "fast", "quickly", "quick")

// endsThing reports whether w ends the name of a thing (or, going back, opens it): a
// function word, a place or time word, how often or fast (usedUpHow), a person
// (personWords, pronouns), a possessive or an article.
func endsThing(w string) bool {
	return phraseEnds[w] || usedUpHow[w] || placeWords[w] || timeWords[w] || stopwords[w] || determiners[w] || pronouns[w] ||
		personWords[wordKey(w)] || personWords[w] || w == "s" || isNumber(w)
}

// sentenceUsedUp answers sentence s, which every reading answered with nothing, by
// the plain ranking of the words of the thing it says is used up (usedUpThing), with
// a note, when one of them is in a product's title, brand or category (namedWord).
// ok is false otherwise, and when nothing passes the query's filters.
func (c *Catalog) sentenceUsedUp(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	thing := usedUpThing(s.words)
	if s.intent == nil || len(thing) == 0 {
		return res, false, nil
	}
	in := set(thing...)
	keep := make([]bool, len(s.text.words))
	named := false
	for i, w := range s.text.words {
		for _, part := range strings.Fields(w) {
			keep[i] = keep[i] || in[part]
		}
		if !keep[i] || named {
			continue
		}
		var err error
		if named, err = c.namedWord(ctx, s.text, i); err != nil {
			return res, false, err
		}
	}
	if !named {
		return res, false, nil
	}
	return s.plainReading(ctx, res, offset, s.text.only(keep), "Read as a thing used up")
}
