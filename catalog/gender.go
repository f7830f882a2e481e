package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Gender words ("womens trainers", "men's jumper", "ladies coat") say whom a product
// is for. Few titles say it (a shop's Google Shopping gender column may, kept as the
// attribute gender), so they are not words a product must have: they are read as the
// gender filter, which leaves out only the products marked for the other gender
// alone, by their title, category or gender attribute. A product marked for both, or
// unisex, or not marked at all, fits either. When the filter leaves nothing, Search
// searches again without it (see Search).

// FilterGender keeps the products that fit the gender its Text names ("women" or
// "men"): all but those marked for the other gender alone.
const FilterGender = "gender"

// genderGroup is how one gender is written.
type genderGroup struct {
	name string
	// phrases are the query's ways to say it, split into words as lex splits them
	// ("women's" is one word, "women’s" two: "women", "s").
	phrases phraseList
	// words are the title and category words that mark a product for it, as FTS5
	// query terms (the index stems them as it stems the text).
	words []string
	// attrs are the values of the attribute gender that mark it, lower-cased.
	attrs []string
	// young are the title and category words that mark a product for a child of the
	// gender ("Girls' Jeans"): the filter reads them as it reads words (an adult query
	// leaves out the other gender's children's products, keeps its own), ranking only
	// for a kids' query (see FilterAge).
	young []string
}

var genderGroups = []genderGroup{
	{name: "women",
		phrases: phrases("women", "womens", "women's", "woman's", "lady's", "women s", "womens s", "woman", "womans", "woman s", "ladies", "ladies s", "lady", "ladys", "lady s"),
		words:   []string{"women", "woman", "ladies", "lady", "female"},
		attrs:   []string{"female", "women", "womens", "woman", "ladies"},
		young:   []string{"girls", "girl"}},
	{name: "men",
		phrases: phrases("men", "mens", "men's", "man's", "gent's", "men s", "mens s", "man s", "gents", "gent s", "gentlemen", "gentlemens", "gentlemen s"),
		words:   []string{"men", "man", "gents", "gentlemen", "male"},
		attrs:   []string{"male", "men", "mens", "man", "gents"},
		young:   []string{"boys", "boy"}},
}

// unisexWords mark a product for either gender.
var unisexWords = []string{"unisex"}

// The phrases leave out "male" and "female" ("usb male to female adapter") and "for
// her" and "for him", which gift sentences read (see giftWords).

// gender reads a gender phrase at i: the group it names.
func (p *phraseReader) gender(i int) (string, int, bool) {
	for _, g := range genderGroups {
		if end, ok := p.anyOf(i, g.phrases); ok {
			return g.name, end, true
		}
	}
	return "", i, false
}

// genderCondition is the SQL condition on col (a product's rowid) and attr (the SQL
// of its gender attribute, flagColumn's) that keeps the products fitting gender name:
// those not marked for the other gender, or marked for this one or unisex too. Its
// words and values are wordSet and colSet arguments, which filterFor answers from
// sets kept in memory.
func genderCondition(col, name, attr string) (string, []any) {
	var own, other genderGroup
	for _, g := range genderGroups {
		if g.name == name {
			own = g
		} else {
			other = g
		}
	}
	cond := "(NOT (" + col + " IN " + wordSetSQL + " OR " + attr + " IN " + listSetSQL + ")" +
		" OR " + col + " IN " + wordSetSQL + " OR " + attr + " IN " + listSetSQL + ")"
	return cond, []any{wordSet(ftsAny(append(slices.Clone(other.words), other.young...))), newColSet("gender", other.attrs),
		wordSet(ftsAny(slices.Concat(own.words, own.young, unisexWords))), newColSet("gender", slices.Concat(own.attrs, unisexWords))}
}

// Among the products the gender filter keeps, those marked for the gender asked come
// before the unmarked ones of equal match (rerank: after the words a title covers,
// before the brand and BM25), so that "mens trainers" opens with the "Men's …"
// trainers without putting a title with more of the query's words after them.

// Gender marks of a product for the gender asked (genderMarks).
const (
	genderUnmarked = iota
	genderUnisex   // marked unisex
	genderOwn      // marked for the gender asked, by title, category or attribute
)

// genderMarks returns, of the rowids of ms, how each is marked for the gender name
// (genderOwn, genderUnisex; the unmarked are left out): by a title word (product_rank's
// title keys), a category word (its category keys) or the attribute gender
// (products.gender); by a child's word of the gender ("Girls'") only when young.
func (c *Catalog) genderMarks(ctx context.Context, ms []match, name string, young bool) (map[int64]int, error) {
	var own genderGroup
	for _, g := range genderGroups {
		if g.name == name {
			own = g
		}
	}
	if young {
		own.words = slices.Concat(own.words, own.young)
	}
	ids := make([]any, len(ms))
	for i, m := range ms {
		ids[i] = m.rowid
	}
	rows, err := c.query(ctx, `SELECT p.rowid, coalesce(r.title_keys, ''), coalesce(r.category_keys, '[]'), `+flagColumn("gender", c.flagsFilling(ctx))+`
		FROM products p LEFT JOIN product_rank r ON r.rowid = p.rowid WHERE p.rowid IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search gender: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var (
			id                    int64
			titleKeys, cats, attr string
		)
		if err := rows.Scan(&id, &titleKeys, &cats, &attr); err != nil {
			return nil, fmt.Errorf("search gender: %w", err)
		}
		if m := genderMark(strings.Fields(titleKeys), jsonKeys(cats), attr, own); m != genderUnmarked {
			out[id] = m
		}
	}
	return out, rows.Err()
}

// genderMark is how a product with the title keys (coverKey), category keys (wordKey)
// and gender attribute (lower-cased) is marked for the gender g.
func genderMark(titleKeys, catKeys []string, attr string, g genderGroup) int {
	switch {
	case slices.Contains(g.attrs, attr) || says(titleKeys, catKeys, g.words):
		return genderOwn
	case slices.Contains(unisexWords, attr) || says(titleKeys, catKeys, unisexWords):
		return genderUnisex
	}
	return genderUnmarked
}

// says reports whether a product with the title keys (coverKey) and category keys
// (wordKey) has one of words in its title or category.
func says(titleKeys, catKeys, words []string) bool {
	for _, w := range words {
		if slices.Contains(titleKeys, coverKey(w)) || slices.Contains(catKeys, wordKey(w)) {
			return true
		}
	}
	return false
}

// jsonKeys reads product_rank's category_keys (a JSON array written by rankRowOf).
func jsonKeys(s string) []string {
	var ks []string
	_ = json.Unmarshal([]byte(s), &ks) // written by rankRowOf; "[]" when none
	return ks
}
