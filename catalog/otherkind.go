package catalog

import (
	"cmp"
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
	// maxHeadKinds bounds the kinds, each named after a type, that a head may be
	// sold as and still be read as these kinds alone (kindOfHead).
	maxHeadKinds = 3
)

// otherKind reports the kind of its head that the catalog sells when two-word query s
// asks for another kind of it: the titles that have the head name it, in their names,
// after the same word (kindOfHead: "Chair Mat", "Dog Bed", "Monitor Stand", "Cat Tree
// Tower") or after one of a few types' names ("Laptop Bag", "Shredder Bags"; several
// kinds are returned joined by "|"), and the query's first word is another that says
// what the thing is for or where it goes, not what it is like, and no product has both
// words:
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
// number, a phrase, a head said of several kinds not all named after types ("Coffee
// Maker", "Label Maker"), and a word no product has that is a slip in a word a title
// says right before the head after its name ("Kit with Lens Cleaner"). kind is "" when
// the rule does not apply.
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
	if isNumber(x) {
		return "", nil
	}
	if !known[0] {
		if named, err := c.otherNamesSold(ctx, s.text, 0); err != nil || named {
			return "", err
		}
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
	kinds, said, err := c.kindOfHead(ctx, s.text, 1, s.learned.isType)
	if err != nil || len(kinds) == 0 {
		return "", err
	}
	for _, kind := range kinds {
		if wordKey(kind) == wordKey(x) || !known[0] && nearWord(x, kind) {
			return "", nil // the kind's own word, or a slip in it ("buildimg set", "headphoneear pads")
		}
	}
	if !known[0] && slices.ContainsFunc(said, func(w string) bool { return nearWord(x, w) }) {
		return "", nil // a slip in a word some title says right before the head, after its name ("lenz cleaner" of "Kit with Lens Cleaner")
	}
	if kind := kinds[0]; known[0] && !s.learned.isType(kind) {
		// After a type's name, a head the catalog says only after a word that names
		// no product is a device's generic name: "stapler machine" is a stapler
		// where the machines are coffee machines. A head said after a type's name is
		// a thing for that type ("Monitor Stand"), and another type's is not sold.
		return "", nil
	}
	return strings.Join(kinds, "|"), nil
}

// kindOfHead returns the words that come right before word i of q in the names of
// the titles that have it (titleName: before "for", "with", a comma; at most
// maxNearTitles read): one word that does in at least minKindShare of those titles and
// in at least minKindTitles, "chair" of "mat" where the mats sold are "Office Chair
// Mat" and "Desk Chair Mat"; or up to maxHeadKinds words, each in at least
// minKindTitles of them and together in at least minKindShare, when every one names a
// type the catalog sells (isType): "laptop" and "shredder" of "bag" where the bags are
// "Laptop Bag" and "Shredder Bags", things made for two types. nil otherwise: a word
// said of several kinds not all types ("Programmable Coffee Maker", "Label Maker";
// "Ceramic Space Heater", "Oil Filled Radiator Heater") or after the names ("Litter
// Box with Front Door") names no one kind. A title whose name has the word before
// another word of it uses it to say what that other thing is for ("Cat Pan Liners"
// of "pan") and is not counted.
func (c *Catalog) kindOfHead(ctx context.Context, q textQuery, i int, isType func(string) bool) (kinds, said []string, err error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	q.term(&b, i)
	rows, err := c.query(ctx, `SELECT t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid`, b.String(), maxNearTitles)
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	f := strings.Fields(q.words[i])
	hk := wordKey(f[len(f)-1])
	saidBefore := map[string]bool{}
	// All the titles, then those that do not say it of another thing of the name.
	var all, own headUses
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		words := lowerWords(title)
		at := slices.IndexFunc(words, func(w string) bool { return wordKey(w) == hk })
		if at < 0 {
			continue // a longer word the index stems alike ("Matte" of "mat")
		}
		for j := at; j < len(words); j++ {
			if j > 0 && wordKey(words[j]) == hk && typeLike(words[j-1]) && !saidBefore[words[j-1]] {
				saidBefore[words[j-1]] = true
				said = append(said, words[j-1])
			}
		}
		name := lowerWords(titleName(" " + strings.ToLower(title) + " "))
		j := len(name) - 1
		for j >= 0 && wordKey(name[j]) != hk {
			j--
		}
		all.add(name, j)
		if j < 0 || j == len(name)-1 || !typeLike(name[j+1]) {
			own.add(name, j)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	if kinds = all.kinds(isType); kinds == nil && own.titles < all.titles {
		kinds = own.kinds(isType)
	}
	return kinds, said, nil
}

// headUses counts how titles name a head (kindOfHead): titles, those that have it;
// named, those whose names (titleName) have it; before, the word before it there.
type headUses struct {
	titles, named int
	before        map[string]int
}

// add counts a title whose name's words are name, the head at j (-1: not in the name).
func (u *headUses) add(name []string, j int) {
	u.titles++
	if j < 0 {
		return
	}
	u.named++
	if j > 0 {
		if u.before == nil {
			u.before = map[string]int{}
		}
		u.before[wordKey(name[j-1])]++
	}
}

// kinds returns the words before the head that name the kinds it is sold as, as
// kindOfHead says, or nil.
func (u *headUses) kinds(isType func(string) bool) []string {
	if u.named < minKindTitles || 2*u.named < u.titles {
		return nil // mostly said after the names ("Dog Food, 30 lb Bag")
	}
	var kinds []string
	sum := 0
	for w, n := range u.before {
		if float64(n) >= minKindShare*float64(u.named) && typeLike(w) {
			return []string{w}
		}
		if n >= minKindTitles && typeLike(w) && isType(w) {
			kinds = append(kinds, w)
			sum += n
		}
	}
	if len(kinds) < 2 || len(kinds) > maxHeadKinds || float64(sum) < minKindShare*float64(u.named) {
		return nil
	}
	slices.SortFunc(kinds, func(a, b string) int { return cmp.Or(cmp.Compare(u.before[b], u.before[a]), strings.Compare(a, b)) })
	return kinds
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
	var sold []string
	for _, k := range strings.Split(kind, "|") {
		sold = append(sold, k+" "+head)
	}
	res.Suggestions = sold
	res.Notes = append(res.Notes[:len(res.Notes):len(res.Notes)],
		fmt.Sprintf("The catalog sells no %q: its %q products are %s.", asked, head, quotedList(sold)))
	return res
}

// quotedList is the words ws quoted and joined by commas and "and": "a", "b" and "c".
func quotedList(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = fmt.Sprintf("%q", w)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
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
	x, y, at := forSides(s.rest)
	if at < 0 || len(x) == 0 || len(x) > 2 || len(y) == 0 || len(y) > 3 || !s.learned.isType(wordKey(x[len(x)-1])) {
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
	rows, err := c.query(ctx, `SELECT t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid`, titleAll(x), maxNearTitles)
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
