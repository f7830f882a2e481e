package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// fitsAll are words a thing made for others says when it fits any of them
// ("Replacement Bracket, Universal").
var fitsAll = []string{"universal"}

// maxForSide bounds the words before and after "for" that forNotMade reads: more
// are a story, not a thing and what it is for.
const maxForSide = 3

// forNotMade reports whether query s asks for a thing the catalog sells for a thing
// none of it is made for: "X for Y" where titles name X (its last word among theirs),
// the Xs are made for things (X is an accessory word, or half the products headed by
// X's last word — else titled with X's words — are headed by an accessory word or say
// what they fit: saysFitsThing), Y names a thing (namesThing),
// and no product
// with X's words in its title, other than a Y (headed by Y's last word: the "Gel Ink
// Pens" of "ink for fountain pen"), says Y, another name of it, the type that name ends
// with, a word of Y that is no quality, or that it fits any (fitsAll), in any field
// (nor does the vocabulary name X after one of them: "camera card"), nor has in its title or its
// category's last step a word of the last two steps of the categories of the products
// titled with Y ("Tool Batteries" for the drills under "Tools > Drills"): "wick for
// space heater" where the wicks are a humidifier's, "a stand for the christmas tree"
// where the stands hold monitors. Not for a brand or a code in the query (what X fits,
// by its maker's name), a Y with digits (a size or a model), a Y products of another
// type than Y's have every word of ("covers for a queen mattress": sheets that fit
// one), a thing said for a use ("earbuds for the gym": earbuds are made for nothing),
// or more than maxForSide words on either side of the one "for". thing is X as the
// shopper wrote it, target Y; both "" when the rule does not apply.
func (c *Catalog) forNotMade(ctx context.Context, s *search) (thing, target string, err error) {
	if s.intent == nil || len(s.intent.brands) > 0 || len(s.intent.codeHits) > 0 || s.learned == nil {
		return "", "", nil
	}
	x, y, at := forSides(s.rest)
	if at < 0 || len(x) == 0 || len(x) > maxForSide || len(y) == 0 || len(y) > maxForSide ||
		slices.ContainsFunc(s.rest[at+1:], hasDigit) { // a size or a model fits what says it
		return "", "", nil
	}
	if thing, err := c.namesThing(ctx, s.learned, y); err != nil || !thing {
		return "", "", err
	}
	// Not when products of another type than Y's say all of Y: the catalog has
	// things for it ("covers for a queen mattress": the sheets that fit one).
	if other, err := c.otherTypeSays(ctx, y); err != nil || other {
		return "", "", err
	}
	// X's words that titles have, its last among them: the thing sold.
	var titled []string
	for _, w := range x {
		has, err := c.anyMatch(ctx, titleAll([]string{w}))
		if err != nil {
			return "", "", fmt.Errorf("search: %w", err)
		}
		if has {
			titled = append(titled, w)
		}
	}
	if len(titled) == 0 || titled[len(titled)-1] != x[len(x)-1] {
		return "", "", nil
	}
	xs, err := c.titledRows(ctx, titled)
	if err != nil || len(xs) == 0 {
		return "", "", err
	}
	// The Xs are made for other things: an accessory word, or titles that say what
	// they fit ("Wick Filter Replacement for … Humidifier"); a thing said for a use
	// ("mess free colouring for the car", "Blender for Smoothies") is not. The Xs are
	// the products headed by X's last word when the catalog has them: the laptops of
	// "laptop", not the sleeves and chargers whose titles say "laptop".
	own := coverKey(x[len(x)-1])
	xsOwn := slices.DeleteFunc(slices.Clone(xs), func(r titledRow) bool { return coverKey(r.head) != own })
	if len(xsOwn) == 0 {
		xsOwn = xs
	}
	made := 0
	for _, r := range xsOwn {
		if c.vocabulary().isAccessory(r.head) {
			made++
			continue
		}
		if fits, err := c.saysFitsThing(ctx, s.learned, r.title, x); err != nil {
			return "", "", err
		} else if fits {
			made++
		}
	}
	if !c.vocabulary().isAccessory(x[len(x)-1]) && 2*made < len(xsOwn) {
		return "", "", nil
	}
	said := c.targetWords(s.learned, y)
	// The vocabulary names X after what it is for ("camera card" of "sd card for
	// action camera"): it is made for Y.
	xTerms, _ := c.targetTerms(x)
	for _, t := range xTerms {
		if slices.ContainsFunc(strings.Fields(t), func(w string) bool {
			return slices.ContainsFunc(said, func(y string) bool { return wordKey(y) == w })
		}) {
			return "", "", nil
		}
	}
	var b strings.Builder
	b.WriteString(titleAll(titled) + " AND (")
	quoteAny(&b, append(said, fitsAll...))
	b.WriteString(")")
	// A product headed by Y's word is a Y, not an X made for one: the "Gel Ink Pens"
	// of `ink for fountain pen` say "pen" as what they are.
	if has, err := c.saidBesidesTarget(ctx, b.String(), y); err != nil || has {
		return "", "", err
	}
	// Nor a kind of thing Y is filed as: the batteries filed under "Tool Batteries"
	// are for the drills under "Tools > Drills".
	kinds, err := c.targetKinds(ctx, y)
	if err != nil {
		return "", "", err
	}
	for _, r := range xs {
		words := lowerWords(strings.ToLower(r.title + " " + lastSegment(r.category)))
		if slices.ContainsFunc(words, func(w string) bool { return kinds[wordKey(w)] }) {
			return "", "", nil
		}
	}
	return strings.Join(x, " "), strings.Join(y, " "), nil
}

// saidBesidesTarget reports whether a product matching match, an FTS5 expression, is
// headed by another word than y's last (coverKey).
func (c *Catalog) saidBesidesTarget(ctx context.Context, match string, y []string) (bool, error) {
	rows, err := c.query(ctx, `SELECT DISTINCT r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid`, match, maxNearTitles)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	own := coverKey(y[len(y)-1])
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		if coverKey(h) != own {
			return true, nil
		}
	}
	return false, rows.Err()
}

// saysFitsThing reports whether title says what the product fits (after "for",
// "compatible with", "fits": forCuts) and names a thing there: a type of the catalog,
// a brand's word or a model's code ("Wick Filter for Warmly Humidifier", "Battery for
// Zoomrunner ZR-E2"), not a place or a use ("Humidifier for Bedroom", "Blender for
// Smoothies"), nor the words x that name the product itself ("Dog Bed for Small Dogs").
func (c *Catalog) saysFitsThing(ctx context.Context, lv *learnedView, title string, x []string) (bool, error) {
	t := " " + strings.ToLower(title) + " "
	at, end := -1, 0
	for _, cut := range forCuts {
		if i := strings.Index(t, cut); i >= 0 && (at < 0 || i < at) {
			at, end = i, i+len(cut)
		}
	}
	if at < 0 {
		return false, nil
	}
	after := t[end:]
	if end := strings.IndexAny(after, ",(|;"); end >= 0 {
		after = after[:end] // the phrase the cut starts ("for Bedroom, Night Light")
	}
	for _, w := range lowerWords(after) {
		if slices.ContainsFunc(x, func(xw string) bool { return coverKey(xw) == coverKey(w) }) {
			continue // its own name ("Dog Bed for Small Dogs", "Board Game for Game Night")
		}
		if hasDigit(w) && !isNumber(w) || lv.isType(w) { // a model's code, not a count ("for 2-4 Players")
			return true, nil
		}
		if stopwords[w] || determiners[w] {
			continue
		}
		if brand, err := lv.brandWord(ctx, c, w); err != nil || brand {
			return brand, err
		}
	}
	return false, nil
}

// forSides returns the words of rest before its one "for" (x) and after it (y) that
// say what the thing is and what it is for: not articles and stop words, and after
// "for" no possessive or number either; at is the index of "for" in rest, or -1 when
// rest has none, more than one, or nothing before or after it.
func forSides(rest []string) (x, y []string, at int) {
	at = slices.Index(rest, "for")
	if at < 1 || at == len(rest)-1 || slices.Contains(rest[at+1:], "for") {
		return nil, nil, -1
	}
	for _, w := range rest[:at] {
		if !determiners[w] && !stopwords[w] {
			x = append(x, w)
		}
	}
	for _, w := range rest[at+1:] {
		if !determiners[w] && !stopwords[w] && !possessives[w] && !isNumber(w) {
			y = append(y, w)
		}
	}
	return x, y, at
}

// namesThing reports whether words y, what a query says a thing is for, name a thing:
// their last word is a type of the catalog, or they (or their last two, when they are
// two words or more) are a term of the vocabulary ("electric toothbrush", "christmas
// tree"), or their last word ends a term of the vocabulary and titles have it ("door"
// of "garage door", where a litter box has a "Front Door"). A use or a place ("the
// gym", "wrapping presents"), and a word of one word that no title has ("for the
// hose"), name none that the query could be read as.
func (c *Catalog) namesThing(ctx context.Context, lv *learnedView, y []string) (bool, error) {
	last := wordKey(y[len(y)-1])
	if lv.isType(last) {
		return true, nil
	}
	if _, term := c.targetTerms(y); term && len(y) > 1 {
		return true, nil
	}
	if v := c.vocabulary(); len(v.byLast[last]) == 0 && len(v.byTerm[last]) == 0 {
		return false, nil
	}
	return c.anyMatch(ctx, titleAll(y[len(y)-1:]))
}

// targetTerms returns the names the vocabulary gives the thing words y name (of all
// of them, or of their last two), and whether it has any.
func (c *Catalog) targetTerms(y []string) ([]string, bool) {
	keys := make([]string, len(y))
	for i, w := range y {
		keys[i] = wordKey(w)
	}
	v := c.vocabulary()
	for _, from := range []int{0, max(0, len(keys)-2)} {
		if terms, ok := v.synonyms(keys, from, len(keys)); ok {
			return terms, true
		}
	}
	return nil, false
}

// targetWords returns what a product made for the thing y names would say of it: each
// of y's words that is no quality ("toothbrush" of "electric toothbrush"; its last word
// always), and the other names the vocabulary gives it.
func (c *Catalog) targetWords(lv *learnedView, y []string) []string {
	var out []string
	for i, w := range y {
		if i == len(y)-1 || !qualityLike(w) {
			out = append(out, w)
		}
	}
	terms, _ := c.targetTerms(y)
	for _, t := range terms {
		out = append(out, t)
		if f := strings.Fields(t); len(f) > 1 && lv.isType(f[len(f)-1]) {
			out = append(out, f[len(f)-1]) // its kind: "camera" of "action camera"
		}
	}
	return out
}

// otherTypeSays reports whether a product (of the first maxNearTitles) has every
// word of y, in any field, and is of another type than the one y's last word names.
func (c *Catalog) otherTypeSays(ctx context.Context, y []string) (bool, error) {
	var b strings.Builder
	for i, w := range y {
		if i > 0 {
			b.WriteString(" AND ")
		}
		quoteTerm(&b, w)
	}
	rows, err := c.query(ctx, `SELECT DISTINCT r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid`, b.String(), maxNearTitles)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	own := coverKey(y[len(y)-1])
	other := false
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		if h != "" && coverKey(h) != own {
			other = true
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return other, nil
}

// titledRow is a product's title and category path.
type titledRow struct{ title, category, head string }

// titledRows returns the titles, categories and heads of the products (at most
// maxNearTitles) whose titles have every one of words.
func (c *Catalog) titledRows(ctx context.Context, words []string) ([]titledRow, error) {
	rows, err := c.query(ctx, `SELECT t.title, t.category, r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid CROSS JOIN product_rank r ON r.rowid = m.rowid`, titleAll(words), maxNearTitles)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []titledRow
	for rows.Next() {
		var r titledRow
		if err := rows.Scan(&r.title, &r.category, &r.head); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}

// targetKinds returns the word keys of the last two steps of the categories of the
// products whose titles have every word of y ("tool" and "drill" of "Hardware > Tools
// > Drills"): the kinds of thing y is filed as. Accessory words are left out (a
// "Parts & Accessories" step says nothing of what a thing is).
func (c *Catalog) targetKinds(ctx context.Context, y []string) (map[string]bool, error) {
	ys, err := c.titledRows(ctx, y)
	if err != nil {
		return nil, err
	}
	v := c.vocabulary()
	kinds := map[string]bool{}
	for _, r := range ys {
		segs := strings.Split(r.category, ">")
		for _, seg := range segs[max(0, len(segs)-2):] {
			for _, w := range lowerWords(strings.ToLower(seg)) {
				if !stopwords[w] && !v.isAccessory(w) {
					kinds[wordKey(w)] = true
				}
			}
		}
	}
	return kinds, nil
}

// titleAll is the full-text query of the products with every one of words in their
// titles.
func titleAll(words []string) string {
	var b strings.Builder
	b.WriteString("{title} : (")
	for i, w := range words {
		if i > 0 {
			b.WriteString(" AND ")
		}
		quoteTerm(&b, w)
	}
	b.WriteString(")")
	return b.String()
}

// lastSegment returns the last step of category path p ("Drills" of "Hardware >
// Tools > Drills").
func lastSegment(p string) string {
	return p[strings.LastIndex(p, ">")+1:]
}

// forNotMadeResult is the result of "X for Y" when the catalog's Xs are made for
// other things (forNotMade): nothing, X as the suggestion, and a note that says so.
func forNotMadeResult(res Result, thing, target string) Result {
	res.Suggestions = []string{thing}
	res.Notes = append(res.Notes[:len(res.Notes):len(res.Notes)],
		fmt.Sprintf("The catalog sells %q, but none made for %q.", thing, target))
	return res
}
