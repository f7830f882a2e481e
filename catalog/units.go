package catalog

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// unitSpellings are the ways shops write a unit after a number; each group's words are
// one unit. A size in a query ("10 inch") also finds the product that writes it
// another way ("10 in.", "10-Inch", "10in"): see spellUnits.
var unitSpellings = [][]string{
	{"inch", "inches", "in"},
	{"ft", "foot", "feet"},
	{"lb", "lbs", "pound", "pounds"},
	{"oz", "ounce", "ounces"},
	{"qt", "quart", "quarts"},
	{"gal", "gallon", "gallons"},
	{"l", "liter", "liters", "litre", "litres"},
	{"ml", "milliliter", "milliliters", "millilitre", "millilitres"},
	{"mm", "millimeter", "millimeters", "millimetre", "millimetres"},
	{"cm", "centimeter", "centimeters", "centimetre", "centimetres"},
	{"m", "meter", "meters", "metre", "metres"},
	{"w", "watt", "watts"},
	{"v", "volt", "volts"},
	{"gb", "gigabyte", "gigabytes"},
	{"tb", "terabyte", "terabytes"},
}

// unitGroup returns the spellings of the unit w is one of, or nil.
func unitGroup(w string) []string {
	for _, g := range unitSpellings {
		if slices.Contains(g, w) {
			return g
		}
	}
	return nil
}

// spellUnits makes each size in q, a number followed by a unit ("10 inch") or joined
// to it ("10in"), one term that also matches the unit's other spellings, apart ("10
// in") and joined ("10inch"): a shop that writes "10 in." is found by "10 inch saw
// blade". Only words without alternatives are read, so a synonym group's choice
// stands.
func spellUnits(q textQuery) textQuery {
	for i := 0; i < len(q.words); i++ {
		if len(q.alts[i]) > 0 {
			continue
		}
		n, u := splitSize(q.words[i])
		joined := n != ""
		if !joined && i+1 < len(q.words) && isNumber(q.words[i]) && len(q.alts[i+1]) == 0 {
			n, u = q.words[i], q.words[i+1]
		}
		g := unitGroup(u)
		if n == "" || g == nil {
			continue
		}
		own := n + " " + u
		if joined {
			own = n + u
		}
		var alts []string
		for _, s := range g {
			for _, t := range []string{n + " " + s, n + s} {
				if t != own {
					alts = append(alts, t)
				}
			}
		}
		q.words[i], q.alts[i] = own, alts
		if !joined {
			q.words = slices.Delete(q.words, i+1, i+2)
			q.alts = slices.Delete(q.alts, i+1, i+2)
		}
	}
	return q
}

// splitSize splits a word that is a number joined to letters ("10in") into the two;
// n is empty when w is not one.
func splitSize(w string) (n, unit string) {
	i := strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' })
	if i <= 0 || strings.IndexFunc(w[i:], func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return "", ""
	}
	return w[:i], w[i:]
}

// fractionWords finds a size in inches written in words, as shoppers say it and
// hardware is sized: "quarter inch", "a half-inch", "three eighths inch", "five
// sixteenths inches" (the numerator optional, "a" or "one" being 1).
var fractionWords = regexp.MustCompile(`(?i)\b(?:(a|one|three|five|seven|nine|eleven|thirteen|fifteen)[\s-]+)?(half|quarters?|eighths?|sixteenths?)[\s-]+(inch|inches)\b`)

var (
	numeratorWords   = map[string]int{"": 1, "a": 1, "one": 1, "three": 3, "five": 5, "seven": 7, "nine": 9, "eleven": 11, "thirteen": 13, "fifteen": 15}
	denominatorWords = map[string]int{"half": 2, "quarter": 4, "eighth": 8, "sixteenth": 16}
)

// spellFractions writes each size in inches that s gives in words as the fraction
// shops write ("quarter inch drill bit" → "1/4 inch drill bit", "three-eighths inch"
// → "3/8 inch"), so that it is read as the size it is. A numerator that does not make
// a fraction below one in lowest terms ("three halves inch"), or a plural without a
// numerator above one ("two quarters inch", whose "two" is not read), is left as
// written.
func spellFractions(s string) string {
	if !strings.Contains(strings.ToLower(s), "inch") {
		return s
	}
	return fractionWords.ReplaceAllStringFunc(s, func(m string) string {
		g := fractionWords.FindStringSubmatch(m)
		n := numeratorWords[strings.ToLower(g[1])]
		plural := strings.HasSuffix(strings.ToLower(g[2]), "s")
		d := denominatorWords[strings.TrimSuffix(strings.ToLower(g[2]), "s")]
		if n >= d || n%2 == 0 || plural && n == 1 {
			return m
		}
		return strconv.Itoa(n) + "/" + strconv.Itoa(d) + " " + g[3]
	})
}
