package catalog

import (
	"context"
	"fmt"
	"strings"
)

// sentenceObject searches sentence s for the thing it asks for by name: the words
// after "a" or "an" where a request names its object (askedThing: "can you find me a
// starter model kit for a 10 year old"), two words or more that some product's
// title has every one of ("Airfix Starter Set … Model Kit"). That name is what the
// shopper wants; the sentence's other words tell who it is for or why, and a type
// their words vote for ("kit" of any starter kit, a costume sized by age) is a guess
// where the shopper said what. The products come as a search of the name would find
// them, with the query's filters. ok is false for a question about the world, a
// request about an order, a name of one word (the type readings place it), one
// that ends with a word that names no thing (a gift, "something", a person: "a
// birthday present", "a 10 year old"), a sentence a title has every word of (its
// plain search finds it), or when no title has the name's words.
func (c *Catalog) sentenceObject(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if s.intent == nil || len(s.words) == 0 || questionWords[s.words[0]] {
		return res, false, nil
	}
	for _, w := range s.words {
		if serviceWords[w] {
			return res, false, nil
		}
	}
	v := c.vocabulary()
	name := objectNamed(s, v)
	if len(name) < 2 {
		return res, false, nil
	}
	for _, w := range name {
		if giftWords[w] || thingWords[w] || namesNoThing(w, v) || stopwords[w] || howWords[w] {
			return res, false, nil
		}
	}
	if titled, err := c.titleHasAll(ctx, s.text); err != nil || titled {
		return res, false, err
	}
	q, err := c.expand(ctx, s.learned, name, false)
	if err != nil {
		return res, false, err
	}
	if titled, err := c.titleHasAll(ctx, q); err != nil || !titled {
		return res, false, err
	}
	alt := *s
	alt.text = q
	if alt.intent, err = alt.intentOf(ctx, "", name, v); err != nil {
		return res, false, err
	}
	out := res
	out.Words, out.Relaxed = q.String(), true
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a request for %q: the products that have its words.", strings.Join(name, " ")))
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	// A short page goes on as the name's own search's does: the other products of
	// its head's type ("doctor set": the other pretend play sets), then those with
	// some of its words, of the page's department.
	alt.sentence = false
	if out, err = c.shortPage(ctx, &alt, out, offset); err != nil {
		return res, false, err
	}
	out, err = c.anyWordTail(ctx, &alt, out, offset)
	return out, err == nil, err
}

// searchVerbs ask for a thing after "for" ("looking for a …").
var searchVerbs = set("looking", "searching", "shopping", "hunting", "look", "search", "shop", "hunt")

// objectNamed returns the words that name what sentence s asks for: those after "a"
// or "an" right after "looking for" and its like ("we are looking for a friendship
// bracelet kit for a sleepover"), which askedThing leaves (after "for" it reads who or
// what a thing is for), else askedThing's.
func objectNamed(s *search, v *Vocabulary) []string {
	for i := 2; i+1 < len(s.words); i++ {
		if (s.words[i] == "a" || s.words[i] == "an") && s.words[i-1] == "for" && searchVerbs[s.words[i-2]] {
			j := i + 1
			for j < len(s.words) && j-i-1 < maxAskedWords && !phraseEnds[s.words[j]] && !placeWords[s.words[j]] &&
				!determiners[s.words[j]] && !possessives[s.words[j]] && !stopwords[s.words[j]] && !v.filler[s.words[j]] && !isNumber(s.words[j]) {
				j++
			}
			return s.words[i+1 : j]
		}
	}
	name, _ := askedThing(s, v)
	return name
}
