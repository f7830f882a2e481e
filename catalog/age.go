package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Kids' words ("kids trainers", "girls dress", "baby hat", "boys jeans") say whom a
// product is for, as gender words do. In a catalog that marks age — some product has
// the attribute age_group, Google Shopping's column (products.age, migration 0051) —
// (its fill: see flagColumn) they are read as the age filter, like the gender filter: it leaves out only the
// products marked for adults alone, and keeps those marked for children and the
// unmarked. A product's age_group, when it has one, is the shop's word and decides
// (adult is for adults, any other value — kids, toddler, infant, teen — is not);
// without one, a title or category that says women, men, ladies, adult… and no kids'
// word marks it for adults ("Nobody's Child Velvet Dress" with age_group adult is an
// adult's; "Girls' Party Dress" with none a child's). "boys" and "girls" also name a gender: the products
// marked for the other gender alone are left out too. Among those kept, the products
// marked for children come first (rerank), those marked for the gender next.
//
// A kids' word is not read — it stays a word of the query, as before — where it is the
// person a sentence is about or part of a product's name:
//   - in a catalog that marks no age (nothing says which products are adults');
//   - after a possessive or determiner ("film my kids surfing", "for the kids party");
//   - in a query read as a sentence (the stages of life of the vocabulary read it);
//   - when it is the only word left ("baby");
//   - when some product's title has it and the next word together ("baby monitor",
//     "kids tablet"): a name, not a person.
//
// And an adult query ("womens jeans") keeps the products marked for children, unless
// marked for the other gender only: "boys" and "girls" are words of the gender filter
// too ("Boys' Jeans" is left out of "womens jeans", "Girls' Jeans" stays), though
// ranking counts them for the gender only when the query is a kids' one.

// FilterAge keeps the products that fit the age its Text names ("kids", "boys" or
// "girls"): all but those marked for adults alone (and, for boys and girls, those
// marked for the other gender alone).
const FilterAge = "age"

// ageGroup is how a kids' word reads: the gender it names too, if any.
type ageGroup struct {
	name    string
	gender  string // "men" for boys, "women" for girls, "" for the rest
	phrases phraseList
}

var ageGroups = []ageGroup{
	{name: "boys", gender: "men", phrases: phrases("boys", "boy's", "boys s", "boy s")},
	{name: "girls", gender: "women", phrases: phrases("girls", "girl's", "girls s", "girl s")},
	{name: "kids", phrases: phrases("kids", "kid's", "kids s", "kid s", "kid", "children", "childrens", "children's",
		"children s", "child's", "child s", "baby", "babies", "baby's", "baby s", "babys", "toddler", "toddlers",
		"toddler's", "toddler s", "junior", "juniors", "infant", "infants")},
}

// The title and category words (FTS5 terms) that mark a product for children or for
// adults, and the age_group values (lower-cased) for adults.
var (
	kidsWords = []string{"kid", "kids", "child", "children", "childrens", "baby", "babies", "toddler", "toddlers",
		"junior", "juniors", "infant", "infants", "newborn", "boys", "boy", "girls", "girl", "youth"}
	adultWords = []string{"women", "woman", "womens", "ladies", "lady", "men", "man", "mens", "gents", "gentlemen", "adult", "adults"}
	adultAttrs = []string{"adult", "adults"}
)

// age reads a kids' phrase at i (when the reader reads them): the group it names. A
// phrase after a possessive or determiner is the person a sentence names ("my kids").
func (p *phraseReader) age(i int) (ageGroup, int, bool) {
	if !p.ages || i > 0 && p.toks[i-1].kind == tWord && (determiners[p.toks[i-1].text] || possessives[p.toks[i-1].text]) {
		return ageGroup{}, i, false
	}
	for _, g := range ageGroups {
		if end, ok := p.anyOf(i, g.phrases); ok {
			return g, end, true
		}
	}
	return ageGroup{}, i, false
}

// readsAge reports whether the kids' phrase that u (read with ages) has stands as the
// age filter in this catalog (see the top of this file); next is the word after it,
// "" when none.
func (c *Catalog) readsAge(ctx context.Context, u understood) (bool, error) {
	if u.sentence || len(u.rest) == 0 {
		return false, nil
	}
	marks, err := c.marksAge(ctx)
	if err != nil || !marks || u.ageNext == "" {
		return marks, err
	}
	var b strings.Builder
	quoteTerm(&b, u.agePhrase+" "+u.ageNext)
	named, err := c.titlesSay(ctx, "title : "+b.String())
	return !named, err
}

// marksAge reports whether some product of the catalog has the attribute age_group.
func (c *Catalog) marksAge(ctx context.Context) (bool, error) {
	// While the fill of products.age runs (migration 0051), the products past its
	// filled_to are asked by their attributes: a scan of those rows, only then, only
	// for a query with a kids' word, that stops at the first product with age_group.
	q := `SELECT EXISTS (SELECT 1 FROM products INDEXED BY products_age WHERE age <> '')`
	if c.flagsFilling(ctx) {
		q = `SELECT EXISTS (SELECT 1 FROM products INDEXED BY products_age WHERE age <> '') OR EXISTS (SELECT 1 FROM product_text t
			WHERE t.rowid > coalesce((SELECT filled_to FROM product_flags_pending), 9223372036854775807)
			AND coalesce(json_extract(t.attributes, '$.age_group'), '') <> '')`
	}
	var marks bool
	if err := c.queryRow(ctx, q).Scan(&marks); err != nil {
		return false, fmt.Errorf("search age: %w", err)
	}
	return marks, nil
}

// titlesSay reports whether a title has the phrase expr (a full-text query of
// titles): whether a product is named by a kids' word and the word after it ("baby
// monitor"). A phrase of a common word walks that word's whole list in the index
// (about 5 ms for a word in a fifth of a million products, and the pages read crowd
// the connection's cache out for the rest of the search), and its answer depends on
// the products' text alone, so it is kept for the text version of the search's
// snapshot, as pools are.
func (c *Catalog) titlesSay(ctx context.Context, expr string) (bool, error) {
	version, err := c.textVersion(ctx)
	if err != nil {
		return false, err
	}
	t := &c.titlePhrases
	t.mu.Lock()
	named, ok := t.named[expr]
	ok = ok && t.version == version
	t.mu.Unlock()
	if ok {
		return named, nil
	}
	if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM products_fts WHERE products_fts MATCH ?)`, expr).Scan(&named); err != nil {
		return false, fmt.Errorf("search age: %w", err)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.named == nil || t.version != version || len(t.named) >= maxTitlePhrases {
		t.version, t.named = version, map[string]bool{}
	}
	t.named[expr] = named
	return named, nil
}

// titlePhrases keeps titlesSay's answers for one text version.
type titlePhrases struct {
	mu      sync.Mutex
	version int64
	named   map[string]bool
}

// maxTitlePhrases bounds the answers titlePhrases keeps (a phrase each); past it
// they are all dropped.
const maxTitlePhrases = 4096

// ageCondition is the SQL condition on col (a product's rowid) and products p that
// keeps the products fitting the age group name: not marked for adults alone, and for
// boys and girls not marked for the other gender alone. age and gender are the SQL
// of the product's age and gender attributes (flagColumn's).
func ageCondition(col, name, age, gender string) (string, []any) {
	// Marked for an age other than adult, or not marked and not titled for adults alone.
	cond := "(NOT (" + age + " IN " + listSetSQL + ") OR " + age + " IN " + listSetSQL + " AND (" +
		col + " NOT IN " + wordSetSQL + " OR " +
		col + " IN " + wordSetSQL + "))"
	args := []any{newColSet("age", append([]string{""}, adultAttrs...)), newColSet("age", []string{""}),
		wordSet(ftsAny(adultWords)), wordSet(ftsAny(kidsWords))}
	for _, g := range ageGroups {
		if g.name == name && g.gender != "" {
			gc, ga := genderCondition(col, g.gender, gender)
			cond += " AND " + gc
			args = append(args, ga...)
		}
	}
	return cond, args
}

// ftsAny is the FTS5 query for a title or category with any of words.
func ftsAny(words []string) string {
	return "{title category} : (" + strings.Join(words, " OR ") + ")"
}

// ageGender is the gender an age group names, "" for none.
func ageGender(name string) string {
	for _, g := range ageGroups {
		if g.name == name {
			return g.gender
		}
	}
	return ""
}

// kidsMarked returns, of the rowids of ms, those marked for children: by the
// attribute age_group (any value but adult), else by a title word (product_rank's
// title keys) or a category word.
func (c *Catalog) kidsMarked(ctx context.Context, ms []match) (map[int64]bool, error) {
	ids := make([]any, len(ms))
	for i, m := range ms {
		ids[i] = m.rowid
	}
	rows, err := c.query(ctx, `SELECT p.rowid, coalesce(r.title_keys, ''), coalesce(r.category_keys, '[]'), `+flagColumn("age", c.flagsFilling(ctx))+`
		FROM products p LEFT JOIN product_rank r ON r.rowid = p.rowid WHERE p.rowid IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search age: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var (
			id                    int64
			titleKeys, cats, attr string
		)
		if err := rows.Scan(&id, &titleKeys, &cats, &attr); err != nil {
			return nil, fmt.Errorf("search age: %w", err)
		}
		if attr != "" && !slices.Contains(adultAttrs, attr) || attr == "" && says(strings.Fields(titleKeys), jsonKeys(cats), kidsWords) {
			out[id] = true
		}
	}
	return out, rows.Err()
}
