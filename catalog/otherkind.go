package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Bounds on reading the one kind a catalog sells of a thing (kindOfHead): at least
// minKindTitles titles must name the word, and one word must come right before it in
// at least minKindShare of the titles that have it.
const (
	minKindTitles = 3
	minKindShare  = 0.9
)

// otherKind reports the one kind of its head that the catalog sells when two-word
// query s asks for another kind of it: the titles that have the head name it, in
// their names, after the same word (kindOfHead: "Chair Mat", "Dog Bed", "Monitor
// Stand", "Cat Tree Tower"), and the query's first word is another that says what the
// thing is for or where it goes, not what it is like, and no product has both words:
//
//   - a word no product's title, brand or category has, that reads as a word
//     (wordShaped) and not as a quality (qualityLike: "oilless fryer" may be an air
//     fryer by another word), and that has no synonym the catalog has: "bath mat"
//     where only chair mats are sold, "double bed" where only dog beds are, "paint
//     brushes" where the brushes are a robot vacuum's side brushes;
//   - or the name of a type the catalog sells (by any of its names) that no product
//     with the head says, when the kind sold is named after a type too (a thing
//     made for that type): "laptop stand" where the stands are monitor stands, but
//     not "stapler machine" where the machines are coffee machines (a type's name
//     before a device's generic name names that type: modifierType).
//
// A word of the catalog that names no type ("pet door", "office mat") is left to the
// other rules, as are a head with a synonym the catalog has (the vocabulary's reading
// comes first; its kinds, "deep fryer" of "fryer", are no synonym), a correction, a
// number, a phrase, and a head said of several kinds ("Coffee Maker", "Label Maker").
// kind is "" when the rule does not apply.
func (c *Catalog) otherKind(ctx context.Context, s *search, known, other []bool) (string, error) {
	words := s.text.words
	if !headShaped(s) || len(words) != 2 || !known[1] {
		return "", nil
	}
	for i, w := range words {
		if strings.Contains(w, " ") || i < len(other) && other[i] {
			return "", nil
		}
	}
	x, h := words[0], words[1]
	if len(s.text.alts) > 1 && slices.ContainsFunc(s.text.alts[1], func(a string) bool { return !slices.Contains(strings.Fields(a), h) }) {
		return "", nil // the head has another name (its kinds, "deep fryer" of "fryer", are no other name)
	}
	// (A phrase or word of the vocabulary without alternatives names a thing none of
	// whose names the catalog has: "bath mat" of a bath rug group.)
	if isNumber(x) || !known[0] && len(s.text.alts) > 0 && len(s.text.alts[0]) > 0 {
		return "", nil
	}
	if known[0] {
		// A word of the catalog's: only a type's name says what the head is for.
		if !s.learned.isType(wordKey(x)) {
			return "", nil
		}
		if has, err := c.hasAll(ctx, s.text, ""); err != nil || has {
			return "", err
		}
	} else if !wordShaped(x) || qualityLike(x) {
		return "", nil
	} else if has, err := c.hasAll(ctx, s.text, ""); err != nil || has {
		return "", err
	}
	kind, err := c.kindOfHead(ctx, s.text, 1)
	if err != nil || kind == "" || wordKey(kind) == wordKey(x) {
		return "", err
	}
	if !known[0] && nearWord(x, kind) {
		return "", nil // a slip in the kind's own word ("buildimg set", "headphoneear pads")
	}
	if known[0] && !s.learned.isType(kind) {
		// After a type's name, a head the catalog says only after a word that names
		// no product is a device's generic name: "stapler machine" is a stapler
		// where the machines are coffee machines. A head said after a type's name is
		// a thing for that type ("Monitor Stand"), and another type's is not sold.
		return "", nil
	}
	return kind, nil
}

// kindOfHead returns the word that comes right before word i of q in the names of the
// titles that have it (titleName: before "for", "with", a comma; at most maxNearTitles
// read), when one word does in at least minKindShare of those titles and in at least
// minKindTitles: "chair" of "mat" where the mats sold are "Office Chair Mat" and "Desk
// Chair Mat". "" otherwise: a word said of several kinds ("Programmable Coffee Maker",
// "Label Maker") or after the names ("Litter Box with Front Door") names no one kind.
func (c *Catalog) kindOfHead(ctx context.Context, q textQuery, i int) (string, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	q.term(&b, i)
	rows, err := c.query(ctx, `SELECT t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid`, b.String(), maxNearTitles)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	f := strings.Fields(q.words[i])
	hk := wordKey(f[len(f)-1])
	titles, named := 0, 0
	before := map[string]int{} // the word before it in the titles' names
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return "", fmt.Errorf("search: %w", err)
		}
		if !slices.ContainsFunc(lowerWords(title), func(w string) bool { return wordKey(w) == hk }) {
			continue // a longer word the index stems alike ("Matte" of "mat")
		}
		titles++
		name := lowerWords(titleName(" " + strings.ToLower(title) + " "))
		for j := len(name) - 1; j >= 0; j-- {
			if wordKey(name[j]) == hk {
				named++
				if j > 0 {
					before[wordKey(name[j-1])]++
				}
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	if named < minKindTitles {
		return "", nil
	}
	for w, n := range before {
		if float64(n) >= minKindShare*float64(titles) && typeLike(w) {
			return w, nil
		}
	}
	return "", nil
}

// otherKindResult is the result of a query that asks for another kind of a thing than
// the one the catalog sells (otherKind): nothing, with the kind sold as the suggestion
// and a note that says which kind that is.
func (c *Catalog) otherKindResult(res Result, q textQuery, kind string) Result {
	head := q.words[len(q.words)-1]
	asked := strings.Join(q.words, " ")
	if len(q.shown) == len(q.words) && q.shown[0] != "" {
		asked = q.shown[0] + " " + head
	}
	res.Suggestions = []string{kind + " " + head}
	res.Notes = append(res.Notes[:len(res.Notes):len(res.Notes)],
		fmt.Sprintf("The catalog sells no %q: its %q products are %q.", asked, head, kind+" "+head))
	return res
}

// unsoldAsTyped reads two-word query s, one of whose words spelling turned into another
// word (other) though no product has the pair it made, as typed: the word as typed is
// no product's, and the rules for a thing the catalog does not sell (otherKind,
// unsoldHead) read the query with it ("litter picker" asks for no blender "pitcher";
// "ironing board" for no "ion"). ok reports whether they found it not sold, with
// out the result that says so.
func (c *Catalog) unsoldAsTyped(ctx context.Context, s *search, res Result, known, other []bool, typed *textQuery) (out Result, ok bool, err error) {
	if typed == nil || len(s.text.words) != 2 || len(typed.words) != 2 || !slices.Contains(other, true) {
		return res, false, nil
	}
	alt := *s
	alt.text = *typed
	as := make([]bool, 2)
	for i := range as {
		as[i] = known[i] && !other[i] && typed.words[i] == s.text.words[i]
	}
	if kind, err := c.otherKind(ctx, &alt, as, nil); err != nil || kind != "" {
		return c.otherKindResult(res, alt.text, kind), err == nil, err
	}
	unsold, err := c.unsoldHead(ctx, &alt, as, nil)
	if err != nil || !unsold {
		return res, false, err
	}
	if h := headIndex(&alt); h >= 0 {
		out, err = c.headless(ctx, res, alt.text, h, as, nil)
	} else {
		out, err = c.nothing(ctx, res, alt.text, as, nil)
	}
	return out, err == nil, err
}

// forOtherKind reports the one kind the catalog sells of the thing query s asks for
// before "for" when what follows "for" is something else: "X for Y" where the products
// with X's words name it in their titles after one word (kindBefore: "Laptop Charger",
// "Dog Bed"), none of them says any word of Y, and either that word names a type the
// catalog sells (the Xs are made for it: "charger for an electric car" where the
// chargers are laptop chargers) or titles say it after "for" (saidAfterFor: "… for
// Small Dogs") and no word of Y is in any product's title, brand or category (the
// catalog knows nothing of what the thing would be for: "food for my goldfish" where
// the food is dog food). A word that is neither says what the Xs are like ("Wireless
// Earbuds"), and "earbuds for the gym" finds earbuds. Not for a brand or a code, a
// sentence, more than two words before "for" or three after it, or a thing said
// after "for" that a product with X's words says ("toner for inkora printer"). kind
// is "" when the rule does not apply; thing is X.
func (c *Catalog) forOtherKind(ctx context.Context, s *search) (kind, thing string, err error) {
	if s.sentence || s.intent == nil || len(s.intent.brands) > 0 || len(s.intent.codeHits) > 0 {
		return "", "", nil
	}
	at := slices.Index(s.rest, "for")
	if at < 1 || at == len(s.rest)-1 || slices.Index(s.rest[at+1:], "for") >= 0 {
		return "", "", nil
	}
	var x, y []string
	for _, w := range s.rest[:at] {
		if !determiners[w] && !stopwords[w] {
			x = append(x, w)
		}
	}
	for _, w := range s.rest[at+1:] {
		if !determiners[w] && !stopwords[w] && !possessives[w] && !isNumber(w) {
			y = append(y, w)
		}
	}
	if len(x) == 0 || len(x) > 2 || len(y) == 0 || len(y) > 3 || !s.learned.isType(wordKey(x[len(x)-1])) {
		return "", "", nil
	}
	if said, err := c.anyMatch(ctx, allAndAny(x, y)); err != nil || said {
		return "", "", err
	}
	if kind, err = c.kindBefore(ctx, x); err != nil || kind == "" {
		return "", "", err
	}
	for _, w := range append(slices.Clone(x), y...) {
		if coverKey(w) == coverKey(kind) {
			return "", "", nil
		}
	}
	if !s.learned.isType(wordKey(kind)) {
		// A word that is no type says what the Xs are for only when titles say it
		// after "for" ("Dog Bed for Small Dogs"); else it says what they are like
		// ("Wireless Earbuds": "earbuds for the golf" are earbuds).
		if after, err := c.saidAfterFor(ctx, kind); err != nil || !after {
			return "", "", err
		}
		for _, w := range y {
			q := textQuery{words: []string{w}}
			if named, err := c.namedWord(ctx, q, 0); err != nil || named {
				return "", "", err
			}
		}
	}
	return kind, strings.Join(x, " "), nil
}

// kindBefore returns the word that comes right before the words x, together, in the
// names of the titles that have them all (titleName; at most maxNearTitles read),
// when one word does (by its cover key: "Label" and "Labeling") in at least
// minKindShare of the titles that name them and in at least minKindTitles, and at
// least half of the titles name them ("Laptop Charger", not "Battery Pack with USB
// Charger"); else "".
func (c *Catalog) kindBefore(ctx context.Context, x []string) (string, error) {
	var b strings.Builder
	b.WriteString("{title} : (")
	for i, w := range x {
		if i > 0 {
			b.WriteString(" AND ")
		}
		quoteTerm(&b, w)
	}
	b.WriteString(")")
	rows, err := c.query(ctx, `SELECT t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid`, b.String(), maxNearTitles)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	keys := make([]string, len(x))
	for i, w := range x {
		keys[i] = wordKey(w)
	}
	titles, named := 0, 0
	before := map[string]int{}           // cover key → titles
	words := map[string]map[string]int{} // cover key → its spellings → titles
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return "", fmt.Errorf("search: %w", err)
		}
		titles++
		name := lowerWords(titleName(" " + strings.ToLower(title) + " "))
		for j := len(name) - len(keys); j >= 1; j-- {
			if slices.EqualFunc(name[j:j+len(keys)], keys, func(n, k string) bool { return wordKey(n) == k }) {
				named++
				k := coverKey(name[j-1])
				before[k]++
				if words[k] == nil {
					words[k] = map[string]int{}
				}
				words[k][name[j-1]]++
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	if 2*named < titles {
		return "", nil // mostly said after the names ("Battery Pack with USB Charger")
	}
	for k, n := range before {
		if n < minKindTitles || float64(n) < minKindShare*float64(named) {
			continue
		}
		// Its most common spelling ("label" of "Label Tape" and "Labeling Tape").
		best := ""
		for w, m := range words[k] {
			if best == "" || m > words[k][best] || m == words[k][best] && w < best {
				best = w
			}
		}
		if typeLike(wordKey(best)) {
			return best, nil
		}
	}
	return "", nil
}

// forOtherKindResult is the result of "X for Y" when the catalog's Xs are of another
// kind (forOtherKind): nothing, with the kind sold as the suggestion and a note that
// says which kind that is.
func (c *Catalog) forOtherKindResult(res Result, thing, kind string) Result {
	res.Suggestions = []string{kind + " " + thing}
	res.Notes = append(res.Notes[:len(res.Notes):len(res.Notes)],
		fmt.Sprintf("The catalog's %q products are %q, made for nothing the query names.", thing, kind+" "+thing))
	return res
}

// nearWord reports whether w may be a slip in the word k: within editBudget of it,
// or holding it or held in it (a word joined to it, "headphoneear" of "ear").
func nearWord(w, k string) bool {
	w, k = foldDiacritics(w), foldDiacritics(k)
	if strings.Contains(w, k) || strings.Contains(k, w) {
		return true
	}
	budget := editBudget(utf8.RuneCountInString(w))
	return editDistance(w, k, budget, 1) <= budget
}

// saidAfterFor reports whether some title that has the word w (at most maxNearTitles
// read) says it after "for" (forCuts): what products are made for, as "dogs" of "Dog
// Bed for Small Dogs".
func (c *Catalog) saidAfterFor(ctx context.Context, w string) (bool, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, w)
	rows, err := c.query(ctx, `SELECT t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid`, b.String(), maxNearTitles)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	k := wordKey(w)
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		t := " " + strings.ToLower(title) + " "
		for _, cut := range forCuts {
			if i := strings.Index(t, cut); i >= 0 && slices.ContainsFunc(lowerWords(t[i+len(cut):]), func(x string) bool { return wordKey(x) == k }) {
				return true, nil
			}
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return false, nil
}
