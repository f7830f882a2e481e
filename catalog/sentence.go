package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A shopper's sentence that no need of the vocabulary names, whose words stand for no
// type strongly enough (voteTypes) and that no product has every word of is searched
// for its content words (sentenceWords), as plain BM25 would match them, but only
// when the words are about products (sentenceAbout): a question about the world, or
// words the catalog has each on its own but never together, find nothing, as before.

// Bounds of sentenceWords.
const (
	// maxSentenceWords bounds the words of a sentence searched for: the rarest in the
	// catalog are kept.
	maxSentenceWords = 6
	// maxWordShare: a word more than one product in maxWordShare has ("black",
	// "package", "kitchen") says little of what a sentence is about.
	maxWordShare = 10
	// Two words meet when at least minMeet products have both, and at least meetLift
	// times as many as if the catalog's products had them independently.
	minMeet  = 3
	meetLift = 3
)

// questionWords start a question about the world ("how tall is …", "what time does
// …", "who won …"): one that neither a need nor the catalog's types read is not
// searched for its words.
var questionWords = set("how", "what", "what's", "whats", "who", "who's", "whom", "whose", "when", "where", "why")

// worldQuestion reports whether a sentence of words asks for something no product
// is: a person ("who won the game last night") or how long to do a thing ("how long
// should i boil an egg", "how long to cook a steak"). What such a question shares with
// the catalog is a word of its story (a game, an egg), read by a need or a type as if
// the thing were asked for. A question of a thing ("how long is the hose", "what do i
// need to …") is not one, nor one for a maker or a seller of things ("who makes the
// best board games": sellerVerbs).
func worldQuestion(words []string) bool {
	if len(words) < 3 {
		return false
	}
	switch words[0] {
	case "who", "who's", "whom", "whose":
		return !sellerVerbs[words[1]]
	case "how":
		return words[1] == "long" && (words[2] == "should" || words[2] == "to")
	}
	return false
}

// sellerVerbs after "who" ask who makes or sells a thing: a question for products.
var sellerVerbs = set("makes", "make", "made", "sells", "sell", "stocks", "carries", "has", "offers")

// timeWords say when, not what.
var timeWords = set("today", "tonight", "tomorrow", "yesterday", "morning", "mornings", "evening", "evenings", "afternoon",
	"afternoons", "week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "hour", "hours", "minute",
	"minutes", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "daily", "weekly", "yearly")

// numberWords are numbers and ordinals written out (howWords has one to four).
var numberWords = set("five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "fifty",
	"hundred", "thousand", "dozen", "half", "first", "second", "third", "once", "twice")

// sentenceWord is a content word of a sentence that products have: its index in the
// search's words, and how many products have it (or an alternative of it).
type sentenceWord struct {
	i, matched int
}

// sentenceWords searches s, a sentence, for the products that have at least two of
// its content words, or failing that the things it names with any other of its words,
// or those things alone (thingsWithWords), or failing that any of its words, ranked by
// BM25 and reordered by the types the words point to (however weakly; see typeScores)
// and the accessories the sentence names. ok is false when the sentence is not about products (see
// sentenceContent, and below) or nothing has the words.
func (c *Catalog) sentenceWords(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	v := c.vocabulary()
	known, ok, err := c.sentenceContent(ctx, s)
	if err != nil || !ok {
		return res, false, err
	}
	keep := make([]bool, len(s.text.words))
	for _, k := range known {
		keep[k.i] = true
	}
	alt := *s
	alt.text = s.text.only(keep)
	alt.text.alts = ownAlternatives(alt.text, s.learned.isType)
	votes, _, _, err := c.typeScores(ctx, s.learned, alt.text)
	if err == nil {
		votes, err = s.learned.notBrands(ctx, c, votes)
	}
	if err != nil {
		return res, false, err
	}
	// The words are about products when two of them point to one type, when the
	// sentence names a type and asks for nothing done about an order, or when two of
	// them are used together in the catalog's products.
	about := slices.ContainsFunc(votes, func(v typeVote) bool { return len(v.words) >= 2 })
	var things []string
	if !slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) {
		things = thingsNamed(s, v)
	}
	about = about || len(things) > 0
	if !about {
		if about, err = c.wordsMeet(ctx, s, known); err != nil || !about {
			return res, false, err
		}
	}
	if s.intent != nil {
		asked, err := c.askedType(ctx, s, v)
		if err != nil {
			return res, false, err
		}
		alt.intent = sentenceIntent(s, alt.text, asked, votes, v)
	}
	// Products with two of the words or more (both, of two), else with any of them.
	for _, atLeast := range []int{2, 1} {
		out := res
		out.Words, out.Relaxed = alt.text.String(), true
		note := fmt.Sprintf("Read as a sentence: the products that have at least two of the words %s.", quoteList(alt.text.words))
		if atLeast == 1 {
			note = fmt.Sprintf("Read as a sentence: the products that have some of the words %s.", quoteList(alt.text.words))
		}
		out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)], note)
		if atLeast == 1 && len(things) > 0 {
			// No product has two of the words: those of the things the sentence names
			// that have one of its other words come first, as a type's name outweighs
			// the shopper's story ("a tiny rugged camera" is a camera, not a rug).
			if found, ok, err := c.thingsWithWords(ctx, &alt, res, offset, things); err != nil || ok {
				return found, ok, err
			}
		}
		alt.text.atLeast = atLeast
		anyWord := atLeast == 1 || len(alt.text.words) > 2
		if err := alt.run(ctx, &out, offset, anyWord); err != nil {
			return res, false, err
		}
		if out.Total > 0 {
			return out, true, nil
		}
	}
	return res, false, nil
}

// ownAlternatives returns the alternatives of sentence words q that are searched
// with them. A word that names a type in titles (isType) says what it means itself,
// and an alternative that its word starts with or that says another of the
// sentence's words would weigh those words twice: each would put the products of
// another name above those the sentence's other words are said of ("carry my camera
// and lenses": "digital camera" and "camera lens" finding cameras with a lens, not
// the bags that carry them).
func ownAlternatives(q textQuery, isType func(string) bool) [][]string {
	if q.alts == nil {
		return nil
	}
	out := make([][]string, len(q.alts))
	for i, as := range q.alts {
		if i >= len(q.words) || isType(q.words[i]) {
			continue
		}
		for _, a := range as {
			f := strings.Fields(a)
			if strings.HasPrefix(q.words[i], a) || slices.ContainsFunc(q.words, func(w string) bool { return w != q.words[i] && slices.Contains(f, w) }) {
				continue
			}
			out[i] = append(out[i], a)
		}
	}
	return out
}

// thingsWithWords searches for the products of the things sentence s names that have
// one of its other words, (thing OR thing…) AND (word OR word…), or failing that for
// the things alone. ok is false when no product is one of them.
func (c *Catalog) thingsWithWords(ctx context.Context, s *search, res Result, offset int, things []string) (Result, bool, error) {
	var others []string
	for _, w := range s.text.words {
		if !slices.Contains(things, wordKey(w)) {
			others = append(others, w)
		}
	}
	alt := *s
	out := res
	out.Words, out.Relaxed = s.text.String(), true
	if len(others) > 0 {
		alt.text = textQuery{words: []string{things[0], others[0]}, alts: [][]string{things[1:], others[1:]}}
		out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
			fmt.Sprintf("Read as a sentence about %s: those that have some of the words %s.", strings.Join(things, " or "), quoteList(others)))
		if err := alt.run(ctx, &out, offset, false); err != nil || out.Total > 0 {
			return out, err == nil, err
		}
		out = res
		out.Words, out.Relaxed = s.text.String(), true
	}
	alt.text = textQuery{words: things[:1], alts: [][]string{things[1:]}}
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a sentence about %s: no product of them has the sentence's other words.", strings.Join(things, " or ")))
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// sentenceContent returns the content words of sentence s that products have, at
// most maxSentenceWords of them (the rarest), and whether they may be about
// products: s is no question about the world, two of its content words at least are
// in at most one product in maxWordShare, and at least half its content words are in
// some product.
func (c *Catalog) sentenceContent(ctx context.Context, s *search) ([]sentenceWord, bool, error) {
	if len(s.words) > 0 && questionWords[s.words[0]] {
		return nil, false, nil
	}
	v := c.vocabulary()
	total := s.learned.products()
	var known []sentenceWord
	content, specific := 0, 0
	for i, w := range s.text.words {
		if !contentWord(w, s.learned, v) {
			continue
		}
		content++
		terms := []string{w}
		if i < len(s.text.alts) {
			terms = append(terms, s.text.alts[i]...)
		}
		n := 0
		for _, t := range terms {
			u, err := s.learned.used(ctx, c, t)
			if err != nil {
				return nil, false, err
			}
			n = max(n, u.matched)
		}
		if n > 0 {
			known = append(known, sentenceWord{i, n})
			if n*maxWordShare <= total {
				specific++
			}
		}
	}
	if specific < 2 || 2*len(known) < content {
		return nil, false, nil
	}
	if len(known) > maxSentenceWords {
		slices.SortStableFunc(known, func(a, b sentenceWord) int { return cmp.Compare(a.matched, b.matched) })
		known = known[:maxSentenceWords]
		slices.SortFunc(known, func(a, b sentenceWord) int { return cmp.Compare(a.i, b.i) })
	}
	return known, true, nil
}

// contentWord reports whether w may say what a sentence is about: not a stop word,
// filler, a colour or size, a number, a word of how or when, or a short
// word that names no type of the catalog.
func contentWord(w string, lv *learnedView, v *Vocabulary) bool {
	if stopwords[w] || v.filler[w] || skipHead[w] || isNumber(w) || howWords[w] || timeWords[w] || numberWords[w] {
		return false
	}
	return utf8.RuneCountInString(w) >= 3 || lv.isType(w)
}

// wordsMeet reports whether two of the known words of s are used together, in the
// same products, far more often than chance: the sentence is about those products
// ("a car seat", "the cushions of my sofa"), not about words the catalog has each on
// its own ("my car makes a noise when i brake").
func (c *Catalog) wordsMeet(ctx context.Context, s *search, known []sentenceWord) (bool, error) {
	total := float64(s.learned.products())
	for a := 0; a < len(known); a++ {
		for b := a + 1; b < len(known); b++ {
			var q strings.Builder
			s.text.term(&q, known[a].i)
			q.WriteString(" AND ")
			s.text.term(&q, known[b].i)
			var n int
			if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT ?)`,
				q.String(), maxUseCount).Scan(&n); err != nil {
				return false, fmt.Errorf("search: %w", err)
			}
			if n >= minMeet && float64(n)*total >= meetLift*float64(known[a].matched)*float64(known[b].matched) {
				return true, nil
			}
		}
	}
	return false, nil
}

// placeWords say where: a word after one ("the filter in my purifier", "inside my
// backpack") is where the thing is, not the thing.
var placeWords = set("in", "inside", "into", "on", "onto", "at", "under", "near", "by", "behind", "beside", "from", "off", "through")

// determiners come between a place word and its noun ("in my", "on the").
var determiners = set("my", "our", "your", "his", "her", "its", "their", "the", "a", "an", "this", "that")

// accessoriesNamed returns the accessory words of sentence s that are types of the
// catalog, in order, but not those after a place word ("the filter in my purifier"
// asks for a filter, "a case for my headphones in my backpack" not for a backpack),
// nor those another word follows in a compound ("brush heads"), nor the object of a
// verb after "to" (actedOn: "to label all the cables" asks for no cable).
func accessoriesNamed(s *search, v *Vocabulary) []string {
	var out []string
	for i, w := range s.words {
		k := wordKey(w)
		if !v.isAccessory(k) || !s.learned.isType(k) || slices.Contains(out, k) {
			continue
		}
		if afterPlace(s, i) || inCompound(s, v, i) || actedOn(s, i) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// quantityWords come between a verb and its object ("label all the cables").
var quantityWords = set("all", "both", "some", "any", "every", "each")

// actedOn says whether the i-th word of s is the object of a verb after "to", past
// any determiners and quantity words ("to label all the cables", "to crush ice"): the
// thing the shopper does something to, not what they ask for.
func actedOn(s *search, i int) bool {
	j := i - 1
	for j >= 0 && (determiners[s.words[j]] || possessives[s.words[j]] || quantityWords[s.words[j]]) {
		j--
	}
	return j >= 1 && s.words[j-1] == "to" && !stopwords[s.words[j]] && !placeWords[s.words[j]]
}

// afterPlace says whether the i-th word of s follows a place word, past any
// determiners ("inside my backpack": the backpack is where, not what). A plural
// right after the place word, with no determiner, says on what occasions ("sweaty
// on hikes", "warm on walks"), not where a thing of the shopper's is.
func afterPlace(s *search, i int) bool {
	j := i - 1
	for j >= 0 && determiners[s.words[j]] {
		j--
	}
	return j >= 0 && placeWords[s.words[j]] && !(j == i-1 && barePlural(s.words[i]))
}

// barePlural reports whether w ends as an English plural does ("hikes", "walks";
// not "glass", "bus").
func barePlural(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// inCompound says whether another noun follows the i-th word of s: only the last noun
// of a compound is the thing ("brush heads" are heads).
func inCompound(s *search, v *Vocabulary, i int) bool {
	n := i + 1
	return n < len(s.words) && !stopwords[s.words[n]] && !v.filler[s.words[n]] && !placeWords[s.words[n]] && !howWords[s.words[n]] &&
		!pastForm(s.words[n])
}

// pastForm reports whether w ends as a past form does ("cracked", "stopped"; not
// "bed", "shed", "seed", "speed"): after a noun it says what the thing did, and
// makes no compound with it ("my blender cracked").
func pastForm(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed")
}

// sentenceIntent is the intent of s for its content words q: no type asked for by
// its last word (a sentence's last word is seldom what it asks for), but first the
// accessories the sentence names ("the bag of my vacuum is full" is for bags, as
// "vacuum bags" is), then the other types it names, then the types its words point
// to most.
func sentenceIntent(s *search, q textQuery, asked string, votes []typeVote, v *Vocabulary) *intent {
	in := *s.intent
	in.heads, in.order = map[string]bool{}, nil
	var order []string
	if asked != "" {
		order = append(order, asked)
	}
	for _, k := range accessoriesNamed(s, v) {
		if !slices.Contains(order, k) {
			order = append(order, k)
		}
	}
	for _, k := range thingsNamed(s, v) {
		if !slices.Contains(order, k) {
			order = append(order, k)
		}
	}
	for _, vt := range votes[:closeVotes(votes)] {
		if !slices.Contains(order, vt.head) {
			order = append(order, vt.head)
		}
	}
	if len(order) > 0 {
		in.order = map[string]int{}
		for i, h := range order {
			in.heads[h], in.order[h] = true, i
		}
	}
	return &in
}

// askedType returns the type that the thing sentence s asks for names in titles
// (askedThing: "needs a high perch"), when its last word heads none itself: at least
// minTitleShare of the titles with the word, and at least the catalog's meet of them,
// are of that type ("Cat Condo, Plush Perches"). "" otherwise.
func (c *Catalog) askedType(ctx context.Context, s *search, v *Vocabulary) (string, error) {
	name, _ := askedThing(s, v)
	if len(name) == 0 {
		return "", nil
	}
	w := name[len(name)-1]
	if s.learned.isType(wordKey(w)) || !contentWord(w, s.learned, v) || thingWords[w] || giftWords[w] {
		return "", nil
	}
	head, top, all, err := c.titleHeads(ctx, w, "")
	if err != nil || head == "" || top < s.learned.meet() || float64(top) < minTitleShare*float64(all) {
		return "", err
	}
	return head, nil
}

// thingsNamed returns the types of the catalog that sentence s names as what it is
// about: a word that heads products' titles, but not one after "to" ("to watch"),
// after a possessive ("my car makes a noise": what the shopper has), after a place
// word, inside a compound, or the object of a verb after "to" (see accessoriesNamed).
func thingsNamed(s *search, v *Vocabulary) []string {
	var out []string
	for i, w := range s.words {
		k := wordKey(w)
		if !s.learned.isType(k) || !typeLike(k) || slices.Contains(out, k) {
			continue
		}
		if i > 0 && s.words[i-1] == "to" || owned(s, v, i) {
			continue // "to watch" is a verb, "my car" what the shopper has
		}
		if afterPlace(s, i) || inCompound(s, v, i) || actedOn(s, i) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// maxOwnedWords bounds the words between a possessive and the thing it owns ("my
// rolling desk chair").
const maxOwnedWords = 2

// owned reports whether the i-th word of s ends a phrase a possessive opens, up to
// maxOwnedWords words after it with no stop word, filler or place word among them:
// "my rolling chair is scratching the floor" tells of the shopper's chair, as "my
// chair" does, and asks for something else.
func owned(s *search, v *Vocabulary, i int) bool {
	for j := i - 1; j >= 0 && i-j <= maxOwnedWords+1; j-- {
		w := s.words[j]
		if possessives[w] {
			return true
		}
		if stopwords[w] || determiners[w] || placeWords[w] || v.filler[w] || phraseEnds[w] {
			return false
		}
	}
	return false
}

// pronouns open a sentence that tells rather than asks ("we …", "it …").
var pronouns = set("i", "i'm", "im", "we", "you", "he", "she", "it", "they", "there", "these", "those")

// opensWithVerb reports whether sentence s opens, past filler, with a word that is no
// determiner, possessive, pronoun, question word or stop word: the verb of a request
// ("pump up my car tyres", "strip the ends of some wires"), not a story ("the lawn
// at the park is lovely", "my brother mows lawns").
func opensWithVerb(s *search, v *Vocabulary) bool {
	i := 0
	for i < len(s.words) && v.filler[s.words[i]] && !determiners[s.words[i]] && !possessives[s.words[i]] && !pronouns[s.words[i]] {
		i++
	}
	if i == len(s.words) {
		return false
	}
	w := s.words[i]
	return !determiners[w] && !possessives[w] && !pronouns[w] && !questionWords[w] && !stopwords[w] && !isNumber(w)
}

// possessives say whose a thing is.
var possessives = set("my", "our", "your", "his", "her", "their")

// serviceWords ask for something done about an order, a booking or a repair, not for
// a product: a sentence with one is read as about a product only when its words say
// so together ("return the headphones i bought" names headphones, and wants none).
var serviceWords = set("cancel", "cancelled", "canceled", "return", "returning", "refund", "refunded", "track", "tracking",
	"deliver", "delivered", "delivery", "order", "ordered", "bought", "purchased", "exchange", "complaint", "receipt",
	"invoice", "appointment", "booking", "book", "reservation", "ticket", "tickets", "insurance", "repair", "warranty")

// thingWords stand for a thing without naming it ("a waterproof thing", "a big one").
var thingWords = set("thing", "things", "one", "ones", "stuff", "something")

// giftWords name a thing by the occasion it is given for, not by what it is ("a
// birthday present for my niece who plays with dolls", "a stocking filler"): the
// sentence's other words say what it is, and the words before one are the occasion.
var giftWords = set("gift", "gifts", "present", "presents", "surprise", "treat", "treats", "filler", "fillers", "stuffer", "stuffers")

// phraseEnds end the name of a thing: a function word, or what follows a name ("a
// collar for my cat", "a bottle that keeps ice cold", "a lamp while reading").
var phraseEnds = set("for", "to", "that", "which", "who", "with", "without", "so", "and", "or", "but", "of", "like", "as",
	"than", "while", "when", "whenever", "because", "since", "if", "until", "before", "after", "during")

// haveWords say what the shopper has, not what they ask for (see possessives).
var haveWords = set("have", "has", "had", "got", "own", "owns")

// maxAskedWords bounds the words of the name of a thing a sentence asks for.
const maxAskedWords = 3

// askedThing returns the words that name the thing sentence s asks for, when it names
// one where a request does: after "a" or "an" that opens the sentence or follows a
// word that is no place word ("help me write a cover letter", not "at a beach
// party"). Nil when the sentence names none there (it tells of a use or a problem
// instead). opens says the name opens the request: only filler ("i need", "looking
// for") comes before the article. (The words before "for" were tried too and not
// kept: "music for our garden party" wants something that plays it.)
func askedThing(s *search, v *Vocabulary) (name []string, opens bool) {
	ends := func(w string) bool {
		return phraseEnds[w] || placeWords[w] || determiners[w] || possessives[w] || stopwords[w] || v.filler[w] || isNumber(w)
	}
	for i, w := range s.words {
		if w != "a" && w != "an" {
			continue
		}
		if i > 0 && (placeWords[s.words[i-1]] || phraseEnds[s.words[i-1]] || haveWords[s.words[i-1]]) {
			continue // where something is, or what the shopper has ("we have a barbecue")
		}
		if i+1 < len(s.words) && amountWords[s.words[i+1]] {
			continue // how much or how long, not what: "he sweats a lot", "a bit dry"
		}
		j := i + 1
		for j < len(s.words) && j-i-1 < maxAskedWords && !ends(s.words[j]) {
			j++
		}
		if j > i+1 {
			return s.words[i+1 : j], !slices.ContainsFunc(s.words[:i], func(w string) bool { return !v.filler[w] })
		}
	}
	return nil, false
}

// amountWords after "a" say how much or how long ("a lot", "a bit", "a while"), not a
// thing asked for.
var amountWords = set("lot", "lots", "bit", "while", "ton", "tons")

// asksUnsold reports whether sentence s asks for a thing the catalog does not sell
// (askedThing): its last word, unless it stands for a thing (thingWords) or an
// occasion's gift (giftWords), is in no product's title, brand or category
// (namedWord: "a collar for my cat", where shirts' descriptions have "collar"), or it
// or the word before it is in no product at all ("a piano keyboard", "an aquarium
// heater"), or it is a measure of a thing no product has ("a bottle of champagne":
// askedOfUnsold). One word of such a sentence that the catalog has says nothing of
// what it is about. opens is askedThing's.
func (c *Catalog) asksUnsold(ctx context.Context, s *search) (unsold, opens bool, err error) {
	name, opens := askedThing(s, c.vocabulary())
	if len(name) == 0 {
		return false, false, nil
	}
	head := name[len(name)-1]
	if giftWords[head] {
		return false, opens, nil
	}
	for i, w := range name[max(0, len(name)-2):] {
		if thingWords[w] || i == 0 && len(name) > 1 && adjectiveLike(w) {
			continue // a quality the catalog has no word for ("a cosy pullover") is no other thing
		}
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return false, opens, err
		}
		if u.matched == 0 {
			return true, opens, nil
		}
	}
	if thingWords[head] {
		return false, opens, nil
	}
	named, err := c.namedWord(ctx, textQuery{words: []string{head}}, 0)
	if err != nil || !named {
		return !named, opens, err
	}
	of, err := c.askedOfUnsold(ctx, s, name)
	return of, opens, err
}

// askedOfUnsold reports whether name, the thing sentence s asks for (askedThing), is
// a measure of another thing the catalog does not sell: the word after the name's
// "of" is in no product ("a bottle of champagne", where the bottles are water bottles).
// What is asked for is that thing, not the catalog's bottles.
func (c *Catalog) askedOfUnsold(ctx context.Context, s *search, name []string) (bool, error) {
	at := slices.Index(s.words, name[len(name)-1]) + 1
	if at <= 0 || at+1 >= len(s.words) || s.words[at] != "of" {
		return false, nil
	}
	w := s.words[at+1]
	if determiners[w] || possessives[w] || stopwords[w] || isNumber(w) || thingWords[w] {
		return false, nil
	}
	u, err := s.learned.used(ctx, c, w)
	return err == nil && u.matched == 0, err
}

// adjectiveEnds are endings of English adjectives ("cosy", "sturdy", "hopeful",
// "spotless", "luxurious", "protective", "foldable", "stylish").
var adjectiveEnds = []string{"y", "ful", "less", "ous", "ive", "able", "ible", "ish"}

// adjectiveLike reports whether w ends as an adjective does (adjectiveEnds), so that
// before a noun it says what the thing is like rather than what thing it is.
func adjectiveLike(w string) bool {
	return len(w) > 3 && slices.ContainsFunc(adjectiveEnds, func(e string) bool { return strings.HasSuffix(w, e) })
}

// unsoldAsked is asksUnsold of sentence s, read once and kept on s: whether it asks
// for a thing the catalog does not sell, and whether that request opens it.
func (c *Catalog) unsoldAsked(ctx context.Context, s *search) (unsold, opens bool, err error) {
	if !s.unsoldRead {
		if s.unsold, s.unsoldOpens, err = c.asksUnsold(ctx, s); err != nil {
			return false, false, err
		}
		s.unsoldRead = true
	}
	return s.unsold, s.unsoldOpens, nil
}
