package recommend

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// fillers are words of a request that say nothing about the product: "something
// for someone who loves tea" is a search for tea.
var fillers = map[string]bool{
	"something": true, "anything": true, "someone": true, "somebody": true, "who": true,
	"looking": true, "want": true, "need": true, "idea": true, "ideas": true,
	"loves": true, "likes": true, "lover": true, "lovers": true, "fan": true, "fans": true,
	"good": true, "nice": true, "please": true, "recommend": true, "suggest": true,
	// "A gift for a runner" is a request for what a runner would like.
	"gift": true, "gifts": true, "present": true, "presents": true,
}

// pursuits maps a word for a kind of person to the word products use for what that
// person does: catalogs describe running shoes, not runner shoes. The search words
// are stemmed by the full-text index, so "run" also finds "running".
var pursuits = map[string]string{
	"runner": "run", "jogger": "jog", "hiker": "hike", "backpacker": "backpack",
	"camper": "camp", "climber": "climb", "cyclist": "cycl", "biker": "bike",
	"swimmer": "swim", "golfer": "golf", "skier": "ski", "surfer": "surf",
	"gardener": "garden", "baker": "bake", "gamer": "game", "traveler": "travel",
	"traveller": "travel", "musician": "music", "knitter": "knit", "angler": "fish",
	"fisherman": "fish", "yogi": "yoga",
}

// forPursuits replaces the words for kinds of people that follow a "for" in s ("a
// gift for a runner", "for hikers") with the words for what they do, and returns
// which search word stands for which of the person's words, to quote the person in
// reasons. Elsewhere the words stay: "table runner" is a product.
func forPursuits(q []string, s string) ([]string, map[string]string) {
	afterFor := map[string]bool{}
	seenFor := false
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		afterFor[w] = afterFor[w] || seenFor
		seenFor = seenFor || w == "for"
	}
	said := map[string]string{}
	words := make([]string, 0, len(q))
	for _, w := range q {
		p, ok := pursuits[w]
		if !ok {
			p, ok = pursuits[strings.TrimSuffix(w, "s")]
		}
		switch {
		case !ok || !afterFor[w]:
			p = w
		case said[p] == "":
			said[p] = w
		}
		if !slices.Contains(words, p) {
			words = append(words, p)
		}
	}
	return words, said
}

// dropFillers removes the fillers from q, unless nothing else is left.
func dropFillers(q []string) []string {
	var words []string
	for _, w := range q {
		if !fillers[w] {
			words = append(words, w)
		}
	}
	if len(words) > 0 {
		return words
	}
	return q
}

// contextPrice is a price phrase found in a recommendation context.
type contextPrice struct {
	min, max *float64
	phrase   string // as written, e.g. "under $100"
	rest     string // the context without the phrase
}

var (
	priceBetween = regexp.MustCompile(`(?i)(?:\bbetween\s+)?(\$\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?:-|–|to|and)\s*(\$?\s*\d+(?:\.\d+)?)(\s*(?:dollars|usd|bucks)\b)?`)
	priceBelow   = regexp.MustCompile(`(?i)(?:\b(?:under|below|less than|cheaper than|up to|at most|no more than|max(?:imum)?|within)|<=?)\s*(\$?\s*\d+(?:\.\d+)?)(\s*(?:dollars|usd|bucks)\b)?`)
	priceAbove   = regexp.MustCompile(`(?i)(?:\b(?:over|above|more than|at least|from|starting at|min(?:imum)?)|>=?)\s*(\$?\s*\d+(?:\.\d+)?)(\s*(?:dollars|usd|bucks)\b)?`)
	// unitAfter is a unit right after a number, which makes it a quantity, not a price:
	// "up to 4 players", "over 30W", "under 2 kg".
	unitAfter = regexp.MustCompile(`(?i)^\s*(?:[a-z]|%)`)
)

// parseContextPrice finds the first price phrase in s ("under $100", "over 50",
// "$20-$50", "between 20 and 50 dollars") and returns the bounds it sets. A number
// without a currency mark that is followed by a unit or a word is not taken as a
// price, so "up to 4 players" stays text.
func parseContextPrice(s string) contextPrice {
	out := contextPrice{rest: s}
	type pattern struct {
		re   *regexp.Regexp
		kind int // 0 range, 1 max, 2 min
	}
	for _, p := range []pattern{{priceBelow, 1}, {priceAbove, 2}, {priceBetween, 0}} {
		for _, m := range p.re.FindAllStringSubmatchIndex(s, -1) {
			if !pricePhrase(s, m, p.kind == 0) {
				continue
			}
			a := number(s[m[2]:m[3]])
			switch p.kind {
			case 1:
				out.max = &a
			case 2:
				out.min = &a
			default:
				b := number(s[m[4]:m[5]])
				if a > b {
					continue
				}
				out.min, out.max = &a, &b
			}
			out.phrase = strings.Join(strings.Fields(s[m[0]:m[1]]), " ")
			out.rest = s[:m[0]] + " " + s[m[1]:]
			return out
		}
	}
	return out
}

// pricePhrase reports whether the match m in s is about money: a "$" or a currency
// word is present, or the number is not followed by a unit or another word.
func pricePhrase(s string, m []int, isRange bool) bool {
	text := s[m[0]:m[1]]
	if m[0] > 0 && isWordByte(s[m[0]-1]) {
		return false // the number is part of a word: "x60-70"
	}
	last := len(m) - 2 // the optional currency-word group
	if strings.Contains(text, "$") || m[last] >= 0 {
		return true
	}
	if isRange && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(text)), "between") {
		return false // "2-4 players", "10 to 12": ranges need a $ or "between"
	}
	return !unitAfter.MatchString(s[m[1]:])
}

func number(s string) float64 {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	v, _ := strconv.ParseFloat(s, 64) // the pattern only matches decimal numbers
	return v
}

func isWordByte(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}
