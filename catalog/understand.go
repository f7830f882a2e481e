package catalog

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query understanding, the step in front of ranking: constraint phrases in the text
// ("under $80", "4 stars and up", "in stock", "cheap") become filters and leave the
// text; filler words around the product words ("i'm looking for a good … for my son")
// are dropped. It reads only the text and the vocabulary, never the database, so it
// costs a few microseconds (BenchmarkUnderstand).

// Filter names an AppliedFilter sets, as the search_products arguments call them.
const (
	FilterMinPrice  = "min_price"
	FilterMaxPrice  = "max_price"
	FilterMinRating = "min_rating"
	FilterInStock   = "in_stock"
	// FilterSubscription keeps products sold by subscription (a billing interval):
	// "brita filters subscription", "coffee on autoship". It has no argument.
	FilterSubscription = "subscription"
	// FilterOnSale keeps products on sale: those with a list price (the attribute
	// list_price, which every import keeps only above the price: a compare-at price,
	// a sale price's regular one): "dresses on sale", "sale jeans", "discounted
	// trainers". It has no argument; products.on_sale holds it (Product.onSale).
	FilterOnSale = "on_sale"
)

// AppliedFilter is a filter read from the words of a query.
type AppliedFilter struct {
	Filter string  // FilterMinPrice, FilterMaxPrice, FilterMinRating, FilterInStock, FilterColor or FilterSize
	Value  float64 // the bound (major units, or stars); 1 for FilterInStock
	// Text is the value of FilterColor and FilterSize, as the query's words have it
	// ("red", "xl"): products pass whose attribute has it or whose text has the words.
	Text   string
	Phrase string // the words it was read from, as written ("under $80")
	// Overridden means an argument of the query sets this filter, and wins: the phrase
	// was removed from the text but its value was not used.
	Overridden bool
	// Derived means the value was worked out from the matching products ("cheap": the
	// lower part of their prices) rather than written.
	Derived bool
	// Incomplete, for FilterColor and FilterSize, means the catalog is still writing
	// the colour and size keys of its products after an upgrade (FillState.Codes): a
	// product whose attribute has the value but whose text lacks the words may be
	// missed until the fill ends.
	Incomplete bool
}

// understood is what understand read from a query's text.
type understood struct {
	rest    []string // the words left, in order, lower-cased (see splitWords)
	words   []string // the words before filler was dropped: needs are read from them
	filters []AppliedFilter
	cheap   string // the phrase asking for cheap products, if any
	// order is the order the words ask for ("cheapest", "most expensive", "best
	// rated", "newest"), if any.
	order AppliedOrder
	// codeText is the text without its constraint phrases, as written otherwise: the
	// codes a query names are read from it ("less than $40" names no code "than40").
	codeText string
	// sentence means the query reads as a shopper's sentence rather than a list of
	// product words: two or more filler words were dropped ("i want to …"), or four
	// words or more are left besides stop words.
	sentence bool
	// agePhrase, when a kids' word was read (readQuery with ages), is its phrase, lower
	// case, and ageNext the word after it ("" when none): see readsAge.
	agePhrase, ageNext string
}

// token is one piece of a query's text.
type token struct {
	kind     tokenKind
	text     string  // lower-cased
	value    float64 // numbers
	raw      string  // as written
	from, to int     // where it is in the runes lex read (see lex)
}

type tokenKind int

const (
	tWord     tokenKind = iota // letters, or letters and digits
	tNumber                    // digits, with decimals or thousands separators
	tCurrency                  // $ € £ ¥
	tDash                      // - – —
	tSymbol                    // < > + = ~ / &
)

// lex splits s into tokens; white space and other punctuation separate them. It also
// returns the runes of s the tokens' from and to count in.
func lex(s string) ([]token, []rune) {
	var out []token
	// The characters splitWords deletes are deleted first, so that they join words
	// here too ("sh\u200boe" is "shoe").
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		if r != utf8.RuneError && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Co, r) {
			rs = append(rs, r)
		}
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsDigit(r):
			j := i
			for j < len(rs) && (unicode.IsDigit(rs[j]) || (rs[j] == '.' || rs[j] == ',') && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
			if j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsNumber(rs[j]) || unicode.Is(unicode.Mn, rs[j])) { // "80gb", "1000xm4", "2m²": a word
				for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsNumber(rs[j]) || unicode.Is(unicode.Mn, rs[j])) {
					j++
				}
				out = append(out, token{kind: tWord, text: strings.ToLower(string(rs[i:j])), raw: string(rs[i:j]), from: i, to: j})
			} else {
				raw := string(rs[i:j])
				out = append(out, token{kind: tNumber, text: raw, value: parseAmount(raw), raw: raw, from: i, to: j})
			}
			i = j
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			j := i
			for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsNumber(rs[j]) || unicode.Is(unicode.Mn, rs[j]) ||
				rs[j] == '\'' && j+1 < len(rs) && unicode.IsLetter(rs[j+1])) {
				j++
			}
			raw := string(rs[i:j])
			out = append(out, token{kind: tWord, text: strings.ToLower(raw), raw: raw, from: i, to: j})
			i = j
		case strings.ContainsRune("$€£¥", r):
			out = append(out, token{kind: tCurrency, text: string(r), raw: string(r), from: i, to: i + 1})
			i++
		case strings.ContainsRune("-–—", r):
			out = append(out, token{kind: tDash, text: "-", raw: string(r), from: i, to: i + 1})
			i++
		case strings.ContainsRune("<>+=~/&", r):
			out = append(out, token{kind: tSymbol, text: string(r), raw: string(r), from: i, to: i + 1})
			i++
		default:
			i++
		}
	}
	return out, rs
}

// parseAmount reads "1,299.99", "1299,99", "80" or "4.5".
func parseAmount(s string) float64 {
	digits := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), ".", "") }
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 <= 2 {
		s = digits(s[:i]) + "." + s[i+1:]
	} else {
		s = digits(s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return -1
	}
	return v
}

// Words that make a number money, or something else than money.
var (
	currencyWords = set("dollar", "dollars", "buck", "bucks", "usd", "eur", "euro", "euros", "gbp", "pound", "pounds", "quid", "cad", "aud")
	unitWords     = set("inch", "inches", "in", "ft", "feet", "foot", "lb", "lbs", "kg", "g", "gram", "grams", "oz", "ml", "l",
		"liter", "liters", "litre", "litres", "gallon", "gallons", "mm", "cm", "m", "meter", "meters", "gb", "tb", "mb", "w",
		"watt", "watts", "v", "volt", "volts", "mah", "hz", "mp", "year", "years", "yr", "yrs", "month", "months", "hour",
		"hours", "hr", "hrs", "minute", "minutes", "min", "mins", "pack", "pcs", "pieces", "piece", "count", "ct", "person",
		"people", "seater", "seat", "seats", "star", "stars", "x", "qt", "quart", "quarts", "cup", "cups", "tier",
		"drawer", "drawers", "burner", "burners", "speed", "speeds", "player", "players", "pound", "pounds", "mph",
		"degree", "degrees", "percent", "k", "p", "piece", "pc", "rpm", "bit", "ghz", "core", "cores", "port", "ports")
	cheapWords = set("cheap", "cheaper", "budget", "inexpensive", "affordable", "bargain")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// understand reads the constraint phrases of s and drops its filler words (see the
// package comment above).
func understand(s string, v *Vocabulary) understood {
	return readQuery(s, v, false)
}

// readQuery is understand, reading kids' words as the age filter too when ages is
// set (see FilterAge; Search decides whether the catalog reads them so).
func readQuery(s string, v *Vocabulary, ages bool) understood {
	toks, rs := lex(spellFractions(s))
	p := phraseReader{toks: toks, used: make([]bool, len(toks)), ages: ages}
	var u understood
	for i := 0; i < len(p.toks); i++ {
		if p.used[i] {
			continue
		}
		if u.order.Phrase == "" {
			if sort, end, ok := p.order(i); ok {
				u.order = AppliedOrder{Sort: sort, Phrase: p.rawText(i, end)}
				for j := i; j < end; j++ {
					p.used[j] = true
				}
				i = end - 1
				continue
			}
		}
		if fs, end, ok := p.constraint(i); ok {
			phrase := p.rawText(i, end)
			for j := i; j < end; j++ {
				p.used[j] = true
			}
			if len(fs) == 0 { // "cheap"
				u.cheap = phrase
			}
			for _, f := range fs {
				f.Phrase = phrase
				u.filters = append(u.filters, f)
				if f.Filter == FilterAge && u.agePhrase == "" {
					u.agePhrase = strings.ToLower(phrase)
					if end < len(p.toks) && p.toks[end].kind == tWord {
						u.ageNext = p.toks[end].text
					}
				}
			}
			i = end - 1
		}
	}
	u.codeText = withoutPhrases(rs, p.toks, p.used)
	var words []string
	for i, t := range p.toks {
		if !p.used[i] && (t.kind == tWord || t.kind == tNumber) {
			words = append(words, splitWords(t.raw)...)
		}
	}
	var dropped int
	u.words = words
	u.rest, dropped = dropFiller(words, v)
	content := 0
	for _, w := range u.rest {
		if !stopwords[w] {
			content++
		}
	}
	u.sentence = dropped >= 2 || content >= 4
	return u
}

// withoutPhrases returns the text of rs with the tokens that used marks (the
// constraint phrases) replaced by a space each.
func withoutPhrases(rs []rune, toks []token, used []bool) string {
	out := slices.Clone(rs)
	for i, t := range toks {
		if used[i] {
			for j := t.from; j < t.to; j++ {
				out[j] = ' '
			}
		}
	}
	return string(out)
}

// dropFiller drops filler words, and recipient words after "for" ("for my son"), and
// reports how many it dropped; when nothing else would be left it keeps words. A
// filler word that is, with the word before or after it, two cues of a need next to
// each other in the need's order is a phrase's word, not filler ("air quality").
func dropFiller(words []string, v *Vocabulary) ([]string, int) {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if w == "for" {
			j := i + 1
			for j < len(words) && (words[j] == "my" || words[j] == "our" || words[j] == "a" || words[j] == "an" || words[j] == "the" || words[j] == "his" || words[j] == "her") {
				j++
			}
			k := j
			for k < len(words) && (v.recipient[words[k]] || words[k] == "s" || words[k] == "little" || words[k] == "old" || words[k] == "year") {
				k++
			}
			if k > j { // "for my son": all of it goes
				i = k - 1
				continue
			}
		}
		// Filler, and "for" right after it ("looking for"); not a filler word that
		// makes a phrase of a need with its neighbour ("air quality"), nor a letter
		// after "size" ("size m", "size s": a size, see queryAttrs).
		if v.filler[w] && !(i > 0 && v.cuePair(words[i-1], w) || i+1 < len(words) && v.cuePair(w, words[i+1])) &&
			!(i > 0 && words[i-1] == "size" && len(w) == 1) ||
			w == "for" && i > 0 && v.filler[words[i-1]] {
			continue
		}
		out = append(out, w)
	}
	if len(out) == 0 {
		return words, 0
	}
	return out, len(words) - len(out)
}

// The phrases constraint phrases are made of, split into words once.
var (
	stockPhrases = phrases("in stock now", "in stock", "available now", "available today", "ready to ship", "ships today")
	// subscriptionPhrases ask for a product sold by subscription; a catalog's titles
	// rarely say so ("Brita Standard Filters, 3 Pack - every 2 months").
	subscriptionPhrases = phrases("subscription", "subscriptions", "subscribe", "subscribe and save", "by subscription",
		"on subscription", "as a subscription", "autoship", "on autoship", "auto ship", "on auto ship", "auto-ship", "auto delivery", "auto-delivery",
		"auto replenishment", "recurring delivery", "repeat delivery")
	// salePhrases ask for a product on sale. "reduced" and "discount" alone are not
	// among them ("reduced sugar", "discount code"), nor "for sale" (see constraint).
	salePhrases = phrases("on sale", "sale", "in the sale", "in sale", "sale items", "sale item", "discounted", "at a discount",
		"on discount", "reduced price", "reduced prices", "price reduced", "marked down", "markdown", "markdowns", "on offer",
		"on special", "on special offer", "clearance", "on clearance", "reduced to clear")
	cheapPhrases = phrases("low cost", "low priced", "low price")
	rangeLeads   = phrases("between", "from", "priced between", "price between", "price range")
	rangeSeps    = phrases("and", "to", "-")
	maxLeads     = phrases("under", "below", "less than", "cheaper than", "up to", "at most", "no more than", "not more than", "max", "maximum", "within", "<", "< =", "lower than", "beneath")
	minLeads     = phrases("over", "above", "more than", "at least", "starting at", "min", "minimum", ">", "> =", "from", "higher than")
	aroundLeads  = phrases("around", "about", "approximately", "roughly", "~")
	minTails     = phrases("and up", "or more", "and above", "or above", "plus", "+", "or higher", "and over", "or over")
	maxTails     = phrases("or less", "and under", "and below", "or below", "or under", "max", "or cheaper", "tops")
	highRated    = phrases("highly rated", "well rated", "highly reviewed", "well reviewed", "high rating", "high ratings", "good reviews", "great reviews")
	ratingLeads  = phrases("rated", "rating", "rated at least", "rating of at least", "at least", "rated above", "rated over", "rating above", "rating over", "minimum", "min")
	starWords    = phrases("stars", "star", "star rating", "stars rating", "rating")
	ratingTails  = phrases("and up", "or more", "and above", "or above", "plus", "+", "or higher", "or better", "and higher", "& up")
)

// The phrases that ask for an order rather than a bound: superlatives. "cheap" (no
// superlative) stays a derived price bound, ranked by relevance (see applyCheap).
var orderPhrases = []struct {
	sort Sort
	ps   phraseList
}{
	{SortPriceAsc, phrases("cheapest", "lowest price", "lowest priced", "lowest cost", "least expensive", "least pricey",
		"price low to high", "prices low to high", "low to high", "cheapest first", "lowest price first")},
	{SortPriceDesc, phrases("most expensive", "priciest", "highest price", "highest priced", "price high to low",
		"prices high to low", "high to low", "most expensive first", "highest price first")},
	{SortRating, phrases("best rated", "top rated", "highest rated", "best reviewed", "top reviewed", "highest reviewed",
		"best rated first", "top rated first", "highest rated first")},
	{SortNewest, phrases("newest", "latest", "most recent", "newest first", "latest first", "most recent first")},
}

// order reads a phrase asking for an order at i, and the order.
func (p *phraseReader) order(i int) (Sort, int, bool) {
	var (
		best  Sort
		end   = i
		found bool
	)
	for _, o := range orderPhrases {
		if e, ok := p.anyOf(i, o.ps); ok && e > end {
			best, end, found = o.sort, e, true
		}
	}
	return best, end, found
}

// phraseList is a list of phrases, each as its words.
type phraseList [][]string

func phrases(ps ...string) phraseList {
	out := make(phraseList, len(ps))
	for i, p := range ps {
		out[i] = strings.Fields(p)
	}
	return out
}

// phraseReader matches constraint phrases on tokens.
type phraseReader struct {
	toks []token
	used []bool
	ages bool // kids' words are read (see FilterAge)
}

func (p *phraseReader) rawText(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		t := p.toks[i]
		if i > from && !(t.kind == tNumber && p.toks[i-1].kind == tCurrency) && !(t.kind == tCurrency && p.toks[i-1].kind == tNumber) &&
			!(t.kind == tSymbol && t.text == "+") {
			b.WriteByte(' ')
		}
		b.WriteString(t.raw)
	}
	return b.String()
}

// words reports whether the words ws follow at i (dashes between them are skipped, so
// "top-rated" is "top rated"), and where they end.
func (p *phraseReader) words(i int, ws ...string) (int, bool) {
	for k, w := range ws {
		if k > 0 && i < len(p.toks) && p.toks[i].kind == tDash {
			i++
		}
		if i >= len(p.toks) || p.used[i] || p.toks[i].text != w || p.toks[i].kind != tWord && p.toks[i].kind != tSymbol {
			return i, false
		}
		i++
	}
	return i, true
}

// anyOf returns the end of the longest of ps that follows at i.
func (p *phraseReader) anyOf(i int, ps phraseList) (int, bool) {
	best, found := i, false
	for _, ph := range ps {
		if end, ok := p.words(i, ph...); ok && end > best {
			best, found = end, true
		}
	}
	return best, found
}

// money reads an amount at i: "$80", "80$", "80 dollars", "€1,299.99", or a bare
// number that no unit follows ("80", not "80 inch"). It returns the value, the end,
// and whether a currency said it was money.
func (p *phraseReader) money(i int) (float64, int, bool, bool) {
	at := func(j int, k tokenKind) bool { return j < len(p.toks) && !p.used[j] && p.toks[j].kind == k }
	marked := false
	j := i
	if at(j, tCurrency) {
		marked = true
		j++
	}
	if !at(j, tNumber) || p.toks[j].value < 0 {
		return 0, i, false, false
	}
	v := p.toks[j].value
	j++
	switch {
	case at(j, tCurrency):
		marked = true
		j++
	case at(j, tWord) && currencyWords[p.toks[j].text]:
		marked = true
		j++
	case !marked && at(j, tWord) && unitWords[p.toks[j].text]:
		return 0, i, false, false
	}
	return v, j, marked, true
}

// constraint reads a constraint phrase at i and the filters it sets; none, with ok,
// means "cheap".
func (p *phraseReader) constraint(i int) ([]AppliedFilter, int, bool) {
	if f, end, ok := p.rating(i); ok {
		return []AppliedFilter{f}, end, true
	}
	if end, ok := p.anyOf(i, stockPhrases); ok {
		return []AppliedFilter{{Filter: FilterInStock, Value: 1}}, end, true
	}
	if end, ok := p.anyOf(i, subscriptionPhrases); ok {
		return []AppliedFilter{{Filter: FilterSubscription, Value: 1}}, end, true
	}
	if g, end, ok := p.gender(i); ok {
		return []AppliedFilter{{Filter: FilterGender, Value: 1, Text: g}}, end, true
	}
	if g, end, ok := p.age(i); ok {
		return []AppliedFilter{{Filter: FilterAge, Value: 1, Text: g.name}}, end, true
	}
	if end, ok := p.anyOf(i, salePhrases); ok && !p.forSale(i) {
		return []AppliedFilter{{Filter: FilterOnSale, Value: 1}}, end, true
	}
	if end, ok := p.anyOf(i, cheapPhrases); ok {
		return nil, end, true
	}
	if i < len(p.toks) && !p.used[i] && p.toks[i].kind == tWord && cheapWords[p.toks[i].text] {
		return nil, i + 1, true
	}
	return p.price(i)
}

// forSale reports whether the word at i is the "sale" of "for sale", which says a
// thing is sold, not that it is reduced ("dresses for sale").
func (p *phraseReader) forSale(i int) bool {
	return p.toks[i].text == "sale" && i > 0 && p.toks[i-1].kind == tWord && p.toks[i-1].text == "for"
}

// price reads a price phrase at i: a range ("between $20 and $50", "$20-$50", "from
// $20 to $50"), an upper bound ("under $80", "up to 80 dollars", "$80 or less"), a
// lower bound ("over $20", "$20 and up", "from $20") or an amount alone ("$50"), which
// is read as an upper bound.
func (p *phraseReader) price(i int) ([]AppliedFilter, int, bool) {
	maxF := func(v float64, end int) ([]AppliedFilter, int, bool) {
		return []AppliedFilter{{Filter: FilterMaxPrice, Value: v}}, end, true
	}
	minF := func(v float64, end int) ([]AppliedFilter, int, bool) {
		return []AppliedFilter{{Filter: FilterMinPrice, Value: v}}, end, true
	}
	// A range, after "between" or "from", or alone when one end is marked as money.
	start := i
	lead := false
	if end, ok := p.anyOf(i, rangeLeads); ok {
		start, lead = end, true
	}
	if lo, end, m1, ok := p.money(start); ok {
		if sep, ok := p.anyOf(end, rangeSeps); ok || end < len(p.toks) && p.toks[end].kind == tDash {
			if !ok {
				sep = end + 1
			}
			if hi, end2, m2, ok := p.money(sep); ok && (lead || m1 && !p.weightMark(end) || m2 && !p.weightMark(end2)) && hi >= lo {
				return []AppliedFilter{{Filter: FilterMinPrice, Value: lo}, {Filter: FilterMaxPrice, Value: hi}}, end2, true
			}
		}
	}
	if end, ok := p.anyOf(i, maxLeads); ok {
		if v, end, marked, ok := p.money(end); ok && (marked || p.toks[i].text != "max" && p.toks[i].text != "within") {
			return maxF(v, end)
		}
	}
	if end, ok := p.anyOf(i, minLeads); ok {
		if v, end, marked, ok := p.money(end); ok && (marked || p.toks[i].text != "from" && p.toks[i].text != "min") {
			return minF(v, end)
		}
	}
	if end, ok := p.anyOf(i, aroundLeads); ok {
		if v, end, marked, ok := p.money(end); ok && marked {
			return []AppliedFilter{{Filter: FilterMinPrice, Value: math.Floor(v * 0.8)}, {Filter: FilterMaxPrice, Value: math.Ceil(v * 1.2)}}, end, true
		}
	}
	if v, end, marked, ok := p.money(i); ok {
		if e, ok := p.anyOf(end, minTails); ok && (marked || !p.wordBefore(i)) {
			return minF(v, e)
		}
		if e, ok := p.anyOf(end, maxTails); ok {
			return maxF(v, e)
		}
		if marked && !p.weightMark(end) {
			return maxF(v, end)
		}
	}
	return nil, i, false
}

// weightMark reports whether the amount ending at end is marked as money only by
// "pound" or "pounds", which alone, with no price word before the amount, says a
// weight: "30 pound bag of dog food", not "under 30 pounds".
func (p *phraseReader) weightMark(end int) bool {
	t := p.toks[end-1]
	return t.kind == tWord && (t.text == "pound" || t.text == "pounds")
}

// wordBefore reports whether a word comes right before i ("size 10 and up" is no
// price).
func (p *phraseReader) wordBefore(i int) bool {
	return i > 0 && p.toks[i-1].kind == tWord && !cheapWords[p.toks[i-1].text]
}

// rating reads a rating phrase at i: "4 stars and up", "4+ stars", "rated 4+",
// "rated 4 or higher", "at least 4 stars", "4.5 star", "highly rated", "top rated".
func (p *phraseReader) rating(i int) (AppliedFilter, int, bool) {
	f := func(v float64, end int) (AppliedFilter, int, bool) {
		return AppliedFilter{Filter: FilterMinRating, Value: min(v, 4.5)}, end, true
	}
	if end, ok := p.anyOf(i, highRated); ok {
		return f(4, end)
	}
	j := i
	lead := false
	if end, ok := p.anyOf(i, ratingLeads); ok {
		j, lead = end, true
	}
	if j >= len(p.toks) || p.used[j] || p.toks[j].kind != tNumber {
		return AppliedFilter{}, i, false
	}
	v := p.toks[j].value
	if v < 1 || v > 5 {
		return AppliedFilter{}, i, false
	}
	end := j + 1
	plus := false
	if e, ok := p.words(end, "+"); ok {
		end, plus = e, true
	}
	stars := false
	if e, ok := p.anyOf(end, starWords); ok {
		end, stars = e, true
	}
	if e, ok := p.anyOf(end, ratingTails); ok {
		end, plus = e, true
	}
	switch {
	case stars, lead && plus, lead && p.toks[i].text == "rated":
		return f(v, end)
	}
	return AppliedFilter{}, i, false
}

// apply sets q's filters from the phrases of u. An argument of q wins over a phrase
// for the same filter (the phrase is marked Overridden), and of two phrases for one
// bound the tighter wins. A phrase bound that contradicts the other bound is
// overridden too.
func (u understood) apply(q *Query) []AppliedFilter {
	out := slices.Clone(u.filters)
	givenMin, givenMax, givenRating := q.MinPrice != nil, q.MaxPrice != nil, q.MinRating > 0
	for i := range out {
		f := &out[i]
		v := f.Value
		switch f.Filter {
		case FilterMinPrice:
			if givenMin || givenMax && v > *q.MaxPrice {
				f.Overridden = true
			} else if q.MinPrice == nil || v > *q.MinPrice {
				q.MinPrice = &v
			}
		case FilterMaxPrice:
			if givenMax || q.MinPrice != nil && v < *q.MinPrice {
				f.Overridden = true
			} else if q.MaxPrice == nil || v < *q.MaxPrice {
				q.MaxPrice = &v
			}
		case FilterMinRating:
			if givenRating {
				f.Overridden = true
			} else {
				q.MinRating = max(q.MinRating, v)
			}
		case FilterInStock:
			if q.InStockGiven && !q.InStock {
				f.Overridden = true
			} else {
				q.InStock = true
			}
		case FilterSubscription:
			q.subscription = !q.subscriptionOff
		case FilterOnSale:
			q.onSale = !q.onSaleOff
		case FilterGender:
			if !q.genderOff {
				q.gender = f.Text
			}
		case FilterAge:
			q.age = f.Text
		}
	}
	return out
}

// orderBy sets q's sort to the order u's words ask for, unless the sort argument was
// given or the catalog cannot order so, and reports it in res; it reports whether q's
// sort is now the words'.
func (u understood) orderBy(q *Query, res *Result) bool {
	if u.order.Phrase == "" {
		return false
	}
	o := u.order
	switch {
	case o.Sort == SortNewest:
		o.Unsupported = true
	case q.sortGiven:
		o.Overridden = true
	default:
		q.Sort = o.Sort
	}
	res.Order = &o
	return !o.Unsupported && !o.Overridden
}

// applyCheap sets a price bound for a query that asks for cheap products ("cheap",
// "budget"), when no max_price is given: the price below which a third of the matching
// products are (whole units, rounded up), or nothing when nothing matches. The matching
// products are those the search's first page is drawn from (see matchPrices), found by
// the words as typed, or by their alternatives too when the words alone find none.
func (c *Catalog) applyCheap(ctx context.Context, s *search, phrase string, res *Result) error {
	if s.q.MaxPrice != nil {
		res.Applied = append(res.Applied, AppliedFilter{Filter: FilterMaxPrice, Phrase: phrase, Overridden: true})
		return nil
	}
	// The products the words name as typed say what is cheap for them: the synonyms'
	// find neighbours at other prices (a printer's "ink", an earbud's "headphones").
	// Only when the words as typed match nothing do the alternatives count.
	own := *s
	own.text = s.text.withoutAlts()
	prices, err := own.matchPrices(ctx)
	if err == nil && len(prices) == 0 && s.text.hasAlts() {
		prices, err = s.matchPrices(ctx)
	}
	if err != nil || len(prices) == 0 {
		return err
	}
	slices.Sort(prices)
	bound := math.Ceil(prices[len(prices)/3])
	s.q.MaxPrice = &bound
	f, _, err := c.filters(ctx, s.q, onKeys)
	if err != nil {
		return err
	}
	s.f = f
	res.Applied = append(res.Applied, AppliedFilter{Filter: FilterMaxPrice, Value: bound, Phrase: phrase, Derived: true})
	return nil
}

// matchPrices returns the prices (major units) of the matches that s.matches(ctx, 0,
// false) returns, in no order, reading only their prices. When the text has so few
// full-text matches that the search ranks them all (see search.pool), those are every
// match that passes the filters, read in one statement without ranking them: ranking
// costs more than the rest of reading a match. When it has a pool, they are the
// passing matches of its first chunk, and of the chunks after it until ten pass, as
// fromPool reads them. Otherwise (a browse, or a pool too few of whose matches pass)
// they are the matches themselves.
func (s *search) matchPrices(ctx context.Context) ([]float64, error) {
	if !s.text.empty() {
		p, err := s.pool(ctx, s.text.match(false))
		if err != nil {
			return nil, err
		}
		switch {
		case p == nil && s.few != nil && s.few.n <= rankedTop(s.q.Limit):
			from, args := s.from(false)
			return s.prices(ctx, `SELECT coalesce(group_concat(k.price_amount || ',' || k.price_exp, ';'), '') `+from, args)
		case p != nil:
			var prices []float64
			for read := 0; read < len(p.rowids) && (len(prices) < s.q.Limit || read < s.c.chunk()); {
				chunk := p.rowids[read:min(read+s.c.chunk(), len(p.rowids))]
				from, args, err := s.keysFromList(ctx, `json_each(?) j CROSS JOIN product_keys k ON k.rowid = j.value`, []any{sortedList(chunk)}, chunk)
				if err != nil {
					return nil, err
				}
				got, err := s.prices(ctx, `SELECT coalesce(group_concat(k.price_amount || ',' || k.price_exp, ';'), '') `+from, args)
				if err != nil {
					return nil, err
				}
				prices = append(prices, got...)
				read += len(chunk)
			}
			if len(prices) >= s.q.Limit || p.complete() {
				return prices, nil
			}
		}
	}
	ms, _, _, err := s.matches(ctx, 0, false)
	if err != nil {
		return nil, err
	}
	prices := make([]float64, len(ms))
	for i, m := range ms {
		prices[i] = float64(m.amount) / math.Pow10(m.exp)
	}
	return prices, nil
}

// prices reads the prices query returns as one row of text ("amount,exp;…"; see
// matchList), in major units.
func (s *search) prices(ctx context.Context, query string, args []any) ([]float64, error) {
	var list string
	if err := s.c.queryRow(ctx, query, args...).Scan(&list); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var prices []float64
	for item := range strings.SplitSeq(list, ";") {
		if item == "" {
			continue
		}
		a, e, _ := strings.Cut(item, ",")
		amount, err1 := strconv.ParseInt(a, 10, 64)
		exp, err2 := strconv.Atoi(e)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("search: a price reads as %q", item)
		}
		prices = append(prices, float64(amount)/math.Pow10(exp))
	}
	return prices, nil
}

// wordBreaks marks the words parseText keeps of a query before which a "for" or a
// "with" stood (see forBreaks).
type wordBreaks map[int]bool

// forBreaks returns the positions among the words parseText keeps of words before
// which a "for" or "with" stood: a run of words across one, whose word before it
// names a thing the catalog sells, is no one term of the vocabulary ("battery for my
// drill" is a battery, not a "battery drill"; see expand).
func forBreaks(words []string) wordBreaks {
	var b wordBreaks
	seen := map[string]bool{}
	n, cut := 0, false
	for _, w := range splitWords(strings.Join(words, " ")) {
		switch {
		case w == "for" || w == "with":
			cut = n > 0
		case stopwords[w] || seen[w]:
		default:
			seen[w] = true
			if cut {
				if b == nil {
					b = wordBreaks{}
				}
				b[n] = true
			}
			n, cut = n+1, false
		}
	}
	return b
}

// within returns the first break within the run of kept words [i, j), 0 when none.
func (b wordBreaks) within(i, j int) int {
	for k := i + 1; k < j; k++ {
		if b[k] {
			return k
		}
	}
	return 0
}

// maxNamedWords is the most words a query read as a sentence only for its length may
// have and still be a product's name, when every one of them is a title's word (see
// notNamed).
const maxNamedWords = 5

// notNamed reports whether a query of a small catalog (under smallCatalog products)
// that reads as a sentence for its length alone (at most one filler word dropped)
// stays one: it does unless it has at most maxNamedWords words and titles have each
// of them (each with its synonyms), when it names products the way titles do
// ("bodum replacement glass beaker", "water bottle for guinea pig", "dish brush
// refill heads"): no word of a story, a problem or a wish ("my dog chews
// everything"). In a larger catalog most words a shopper says are some title's, so
// that says little, and the query stays a sentence.
func (c *Catalog) notNamed(ctx context.Context, text textQuery) (bool, error) {
	if len(text.words) == 0 || len(text.words) > maxNamedWords {
		return true, nil
	}
	for i := range text.words {
		keep := make([]bool, len(text.words))
		keep[i] = true
		titled, err := c.hasAll(ctx, text.only(keep), "{title} : ")
		if err != nil || !titled {
			return true, err
		}
	}
	return false, nil
}
