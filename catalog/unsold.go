package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// unsoldPair reports whether two-word query s ("watch battery"), or one phrase of the
// vocabulary ("paper clips"), which some products have, asks for a thing none of them
// is: the words meet in those products in other senses (smart watches with a long
// battery life, paper shredders that cut through paper clips), not as the thing's
// name. The evidence is the catalog's own, read whether or not ranking put the type
// the head names first: office chairs titled "Mesh High Back" are of the type "high
// chair" names, and no high chair. The thing is sold when
//
//   - its words are next to each other: two words in the query's order in any field
//     ("cast iron" of a teapot's description), the other way round in a title
//     ("Replacement Ear Pads" for "earcups replacement"), or a phrase of the
//     vocabulary, or its joined form, in a title; another name of the phrase counts
//     only where it heads a product, below ("Dog Chew Toy" is no dog treat);
//   - a product with the words is headed by the head or an alternative of it, and
//     its title says the first word (or a phrase's words before its head) in its
//     name, in what it is for, or nowhere ("Portable Waterproof Speaker" for
//     "waterproof speaker", "Sleeve for Tablets" for "tablet sleeve", one sofa of many
//     whose description says leather; not "Office Chair, Mesh High Back" for "high
//     chair", see namesWith);
//   - or, for a head that names no type of the catalog (isType), such a product is
//     headed by the first word: the head may be a quality of its thing, said in its
//     description ("speaker clip": speakers with a carabiner clip).
//
// Otherwise the head names a thing the catalog sells, but never with the first word
// ("watch battery", where the batteries are for RC cars), or nothing at all. Not for
// sentences, brands, codes, colour or size words read as filters, a category's words,
// or the other shapes pairShaped leaves out.
//
// The string returned, when not empty, is what to search instead: the head's things
// named after what the first word describes ("coffee filters" for "drip filters"),
// the head alone when the first word's things say it and its own things are made for
// nothing else (headForType: "guitar tuner"), or, for a query of another shape, the
// words before "for" when no match is the thing they name (forHead: "gig bag for
// acoustic").
func (c *Catalog) unsoldPair(ctx context.Context, s *search) (bool, string, error) {
	if !pairShaped(s) {
		// "gig bag for acoustic": the thing before "for", when no match is one.
		instead, err := c.forHead(ctx, s)
		return false, instead, err
	}
	q := s.text
	var names, heads []string // the head's names, and their heads by wordKey
	var firsts []string       // the first word's names
	last := len(q.words) - 1
	for _, t := range append([]string{q.words[last]}, altsOf(q, last)...) {
		f := strings.Fields(t)
		names = append(names, t)
		heads = append(heads, wordKey(f[len(f)-1]))
	}
	if last == 1 {
		firsts = append([]string{q.words[0]}, altsOf(q, 0)...)
	}
	// Words of a category name what it files ("small appliances"), and the shop's own
	// labels, its category and tags, what the product is ("scratcher refill": the
	// "Scratcher Wave Replacement Cardboard" under Scratchers, tagged "refill").
	if filed, err := c.hasAll(ctx, q, "{category tags} : "); err != nil || filed {
		return false, "", err
	}
	// The words next to each other name the thing: in the query's order in any
	// field, in the other order in a title ("Replacement Ear Pads" for "earcups
	// replacement").
	var b strings.Builder
	prefix := len([]rune(q.words[last])) >= minPrefixLen || last < len(q.prefix) && q.prefix[last]
	var phrases []string
	if last == 0 {
		phrases = names
	}
	for _, m := range firsts {
		for _, h := range names {
			phrases = append(phrases, m+" "+h, h+" "+m)
		}
	}
	for i, p := range phrases {
		if last == 0 && i > 0 && strings.ReplaceAll(p, " ", "") != strings.ReplaceAll(names[0], " ", "") {
			// Another name of the phrase (not the phrase joined: "wanderfold")
			// names the thing in a title unless it says what another type is
			// ("Dog Chew Toy" says the "dog chews" of a "dog treats" group, and
			// is a toy), but for a title whose name has the phrase's own head
			// too ("Activity Tracker Watch" of "fitness tracker").
			if named, err := c.namedWithHead(ctx, p, prefix, heads[0], s.learned.isType); err != nil || named {
				return false, "", err
			}
			continue
		}
		b.Reset()
		if last == 0 || i%2 == 1 {
			// The words in the query's order anywhere may be a quality its products
			// have ("cast iron"); a phrase of the vocabulary, or the other order, must
			// name the thing in a title.
			b.WriteString("{title} : ")
		}
		quoteTerm(&b, p)
		if prefix && (last == 0 || i%2 == 0) {
			b.WriteByte('*')
		}
		if titled, err := c.anyMatch(ctx, b.String()); err != nil || titled {
			return false, "", err
		}
	}
	if last == 1 && !s.learned.isType(heads[0]) {
		// A head no type has may be said of the first word's thing.
		for _, m := range firsts {
			f := strings.Fields(m)
			heads = append(heads, wordKey(f[len(f)-1]))
		}
	}
	// The words that say which of the head's things: the first word's names, or a
	// phrase's words before its head ("high" of "high chair").
	var mods []string
	for _, m := range firsts {
		f := strings.Fields(m)
		mods = append(mods, wordKey(f[len(f)-1]))
	}
	if last == 0 {
		for _, m := range names {
			f := strings.Fields(m)
			for _, w := range f[:len(f)-1] {
				mods = append(mods, wordKey(w))
			}
		}
	}
	headed, err := c.matchHeaded(ctx, q, heads, prefix, len(names), mods)
	if err != nil || headed || last == 0 {
		return !headed, "", err
	}
	// The head's things may be named after what they are for, which the first word
	// describes: "vesa stand" (monitor stands; monitors are VESA), "drip filters"
	// (coffee filters; drip coffee machines).
	named, err := c.describesFor(ctx, names[0], heads[:len(names)], firsts)
	if err != nil {
		return false, "", err
	}
	if named == "" {
		// The first word's things say the head ("Die-cast tuners" of guitars) and the
		// head's own things are made for nothing else: the query asks for one of them
		// for the first word's thing ("guitar tuner": a Chromatic Tuner).
		if mine, err := c.headForType(ctx, s, heads[0], mods); err != nil || mine {
			return false, q.words[last], err
		}
		return true, "", nil
	}
	// When no product the head heads has both words, the head's things named after
	// that thing are what was asked ("coffee filters" for "drip filters").
	if some, err := c.matchHeaded(ctx, q, heads[:len(names)], prefix, len(names), nil); err != nil || some {
		return false, "", err
	}
	return false, named + " " + heads[0], nil
}

// namedWithHead reports whether a title with the term (a prefix of its last word when
// prefix is set, as the term is searched) names the thing the term names: in the
// title's name (titleName) the term is not followed by a word that names a type
// (isType: "Dog Chew Toy" is a toy), or the name also has the word key head, the
// query's own head ("Activity Tracker Watch" is a fitness tracker).
func (c *Catalog) namedWithHead(ctx context.Context, term string, prefix bool, head string, isType func(string) bool) (bool, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, term)
	if prefix {
		b.WriteByte('*')
	}
	tk := strings.Fields(term)
	rows, err := c.query(ctx, `SELECT t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid`, b.String(), maxNamedTitles)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		name := lowerWords(titleName(" " + strings.ToLower(title) + " "))
		if slices.ContainsFunc(name, func(w string) bool { return wordKey(w) == head }) {
			return true, nil
		}
		modifies := false
		for i := 0; i+len(tk) <= len(name); i++ {
			at := true
			for k, t := range tk {
				w := wordKey(name[i+k])
				if w != t && !(prefix && k == len(tk)-1 && strings.HasPrefix(w, t)) {
					at = false
					break
				}
			}
			if at {
				next := i + len(tk)
				modifies = next < len(name) && isType(wordKey(name[next]))
				break
			}
		}
		if !modifies {
			return true, nil
		}
	}
	return false, rows.Err()
}

// namedForIn is namedFor, read once per indexed version when the search has a
// learned view (which keeps it).
func (c *Catalog) namedForIn(ctx context.Context, head, h string) (map[string]int, error) {
	ask := func() (map[string]int, error) { return c.namedFor(ctx, head, h) }
	s := c.snapshotOf(ctx)
	if s == nil {
		return ask()
	}
	lv := s.learned.Load()
	if lv == nil {
		return ask()
	}
	return recall(lv, lv.namedFor, maxLearnedWords, h+" "+head, ask)
}

// namedFor reads the titles of the products the word key h heads (of those with the
// term head in their titles, the first maxUseRows) for what they are named after or
// made for: the type-like word right before the head in a title's name ("Monitor" of
// "Dual Monitor Stand") and the head of what it says it is for ("Humidifier" of "Wick
// Filter Replacement for Mistra MS-20 Humidifier"), by wordKey, each with how many
// titles say it.
func (c *Catalog) namedFor(ctx context.Context, head, h string) (map[string]int, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, head)
	rows, err := c.query(ctx, `SELECT f.title FROM products_fts f CROSS JOIN product_rank r ON r.rowid = f.rowid
		WHERE products_fts MATCH ? AND r.head = ? LIMIT ?`, b.String(), h, maxUseRows)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	named := map[string]int{}
	add := func(w string) {
		if k := wordKey(w); typeLike(k) && k != h {
			named[k]++
		}
	}
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		ws := lowerWords(titleName(" " + strings.ToLower(title) + " "))
		for i := len(ws) - 1; i > 0; i-- {
			if wordKey(ws[i]) == h {
				add(ws[i-1])
				break
			}
		}
		if _, forPart := titleHead(title); forPart != "" {
			fs := lowerWords(titleName(" " + forPart + " "))
			fh := headOf(fs)
			for i := len(fs) - 1; i >= 0; i-- {
				if wordKey(fs[i]) == fh {
					add(fs[i])
					break
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return named, nil
}

// maxForWords bounds the words describesFor reads as what a head's things are for.
const maxForWords = 8

// describesFor returns one of the words that the products the head term heads are
// named after or made for (namedFor, said by at least minMeet of them; "Monitor" of
// "Dual Monitor Stand", "Coffee" of "Basket Coffee Filters", "Blender" of "Cup with
// Blade for Whirla WL-22 Blender") that the title of a product of another head has,
// with one of firsts (the query's first word and its names) in any field; else "".
// Then the first word describes the thing the head's things are for, and the query
// asks for one of them. heads are the word keys of the head's names: products they
// head are not read as that thing.
func (c *Catalog) describesFor(ctx context.Context, head string, heads, firsts []string) (string, error) {
	skip := func(k string) bool {
		return slices.Contains(heads, k) || slices.ContainsFunc(firsts, func(m string) bool { return wordKey(m) == k })
	}
	named, err := c.namedForIn(ctx, head, heads[0])
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var fors []string
	for w, n := range named {
		if n >= minMeet && !skip(w) {
			fors = append(fors, w)
		}
	}
	if len(fors) == 0 {
		return "", nil
	}
	slices.SortFunc(fors, func(a, b string) int { return cmp.Or(named[b]-named[a], strings.Compare(a, b)) })
	fors = fors[:min(len(fors), maxForWords)]
	args := []any{""}
	marks := make([]string, len(heads))
	for i, k := range heads {
		marks[i] = "?"
		args = append(args, k)
	}
	for _, w := range fors {
		b.Reset()
		b.WriteString("{title} : ")
		quoteTerm(&b, w)
		b.WriteString(" AND (")
		quoteAny(&b, firsts)
		b.WriteByte(')')
		args[0] = b.String()
		var n int
		err = c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts f CROSS JOIN product_rank r ON r.rowid = f.rowid
			WHERE products_fts MATCH ? AND r.head NOT IN (`+strings.Join(marks, ",")+`) LIMIT 1)`, args...).Scan(&n)
		if err != nil || n > 0 {
			return w, err
		}
	}
	return "", nil
}

// maxNamedTitles caps the titles matchHeaded reads for one that names the thing: past
// it the head is taken as sold.
const maxNamedTitles = 500

// namesWith reports whether title, of a product headed by the query's head, says it is
// a thing of mods (word keys): a mod is in the title's name (titleName, "Portable
// Waterproof Bluetooth Speaker"), in what it is for ("Case for Headphones"), or in no
// part of the title (a quality its description says: "leather" of a sofa). A mod said
// only in the title's other parts is said of another thing the title names ("Office
// Chair, Mesh High Back" is no high chair).
func namesWith(title string, mods []string) bool {
	t := " " + strings.ToLower(title) + " "
	has := func(s string) bool {
		return slices.ContainsFunc(lowerWords(s), func(w string) bool { return slices.Contains(mods, wordKey(w)) })
	}
	_, forPart := titleHead(title)
	return has(titleName(t)) || has(forPart) || !has(t)
}

// altsOf returns the alternatives of word i of q.
func altsOf(q textQuery, i int) []string {
	if i < len(q.alts) {
		return q.alts[i]
	}
	return nil
}

// pairShaped reports whether s is a query unsoldPair reads: two words, the second its
// head (headShaped), neither a phrase, a number, a measure (isMeasure: "72mm cpl" asks
// for the thing of that size, and a size meets no word in another sense) nor shorter
// than minPrefixLen ("b o" of "b&o"), the head no adjective; or one two-word phrase of
// the vocabulary ("paper clips"); no colour or size read from it.
func pairShaped(s *search) bool {
	words := s.text.words
	if s.sentence || s.intent == nil || len(s.intent.brands) > 0 || len(s.intent.codeHits) > 0 || len(s.q.attrs) > 0 || s.text.ranked {
		return false
	}
	plain := func(ws []string) bool {
		return !slices.ContainsFunc(ws, func(w string) bool { return isNumber(w) || isMeasure(w) || utf8.RuneCountInString(w) < minPrefixLen })
	}
	switch len(words) {
	case 1:
		f := strings.Fields(words[0])
		return len(f) == 2 && plain(f) && len(altsOf(s.text, 0)) > 0 && !qualityLike(f[1])
	case 2:
		if !headShaped(s) || strings.ContainsRune(words[0]+words[1], ' ') || !plain(words) {
			return false
		}
		// A word that ends as an adjective does is a quality, unless titles are
		// headed by it ("battery").
		return !qualityLike(words[1]) || s.learned.isType(wordKey(words[1]))
	}
	return false
}

// isMeasure reports whether w is a number and its unit written together ("72mm",
// "40.5mm", "256gb", "10ft", "18v"; units as isCode reads them), not a code ("a7",
// "5a").
func isMeasure(w string) bool {
	i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' })
	return i > 0 && unicode.IsDigit(rune(w[0])) && (unitWords[w[i:]] || codeUnits[w[i:]])
}

// matchHeaded reports whether a product that has every word of q (with their
// alternatives) is headed by one of heads (word keys), or, when prefix is set, by a
// word that begins with the first of them ("earb" of "earbuds" typed short). A product
// headed by one of the first own heads (the query head's names), or filed in a
// category whose last word is one ("Effects Pedals" of "MXR Carbon Copy Analog Delay":
// the category says what a title need not), counts only when its title names it with
// mods, the word keys that say which of the head's things it is (see namesWith).
func (c *Catalog) matchHeaded(ctx context.Context, q textQuery, heads []string, prefix bool, own int, mods []string) (bool, error) {
	var b strings.Builder
	b.WriteString(`SELECT f.title, r.head FROM products_fts f CROSS JOIN product_rank r ON r.rowid = f.rowid
		WHERE products_fts MATCH ? AND (r.head IN (`)
	b.WriteString(placeholders(len(heads)) + `) OR r.category IN (` + placeholders(own) + `) OR r.head IN (` + placeholders(len(groupKeys)) + `)`)
	args := []any{q.match(false)}
	for _, h := range heads {
		args = append(args, h)
	}
	for _, h := range heads[:own] {
		args = append(args, h)
	}
	for _, g := range groupKeys {
		args = append(args, g)
	}
	if prefix {
		b.WriteString(` OR substr(r.head, 1, length(?)) = ?`)
		args = append(args, heads[0], heads[0])
	}
	fmt.Fprintf(&b, `) LIMIT %d`, maxNamedTitles+1)
	rows, err := c.query(ctx, b.String(), args...)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var title, head string
		if err := rows.Scan(&title, &head); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		if slices.Contains(groupKeys, head) && !slices.Contains(heads, head) {
			// "Mudguard Set for …" is a set of mudguards: headed by the word before.
			if head = groupedHead(title, head); !slices.Contains(heads, head) {
				continue
			}
		}
		// Headed by the query head's own names, typed short, or brought by the
		// category alone: named by mods or not the thing. Headed by another of heads
		// (the first word's, for a head no type has): the thing.
		byOwn := slices.Contains(heads[:own], head) || prefix && strings.HasPrefix(head, heads[0]) || !slices.Contains(heads, head)
		if n++; n > maxNamedTitles || len(mods) == 0 || !byOwn || namesWith(title, mods) {
			return true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return false, nil
}

// groupKeys are the word keys of groupWords: a title headed by one ("Mudguard Set")
// names a group of the thing before it.
var groupKeys = []string{"set", "kit", "pack", "bundle", "collection", "assortment", "combo", "pair", "lot"}

// groupedHead returns the word key of the word before the group word key g in title's
// name ("mudguard" of "SKS Mudguard Set for Cannondale Topstone 2"), or "".
func groupedHead(title, g string) string {
	ws := lowerWords(titleName(" " + strings.ToLower(title) + " "))
	for i := len(ws) - 1; i > 0; i-- {
		if wordKey(ws[i]) == g {
			return wordKey(ws[i-1])
		}
	}
	return ""
}

// pairNothing is the result of a two-word query unsoldPair found no product to be:
// nothing, with a note, and the words as suggestions.
func pairNothing(res Result, q textQuery) Result {
	res.Total, res.Hits, res.NextCursor, res.Facets = 0, nil, "", Facets{}
	res.Suggestions = append([]string(nil), q.words...)
	res.Notes = append(res.Notes[:len(res.Notes):len(res.Notes)],
		fmt.Sprintf("No product is a %s: the products with both words are other things.", strings.Join(q.words, " ")))
	return res
}

// tiedHead returns s's words with the types the head of a two-word query (pairShaped)
// stands for added to its alternatives, when the catalog ties them: a synonym group
// has a phrase that ends in the head and a one-word term that names a type of the
// catalog ("fish tank" and "aquarium" for "tank"), a product of that type says the
// head ("a tall glass tank"), and one has the first word in its title ("Tetra Betta
// Glass Aquarium" for "betta tank"). ok is false when nothing ties. The products a
// shop calls by the type's name are then the thing asked for, and ranked as it.
func (c *Catalog) tiedHead(ctx context.Context, s *search) (textQuery, bool, error) {
	q := s.text
	if !pairShaped(s) || len(q.words) != 2 {
		return q, false, nil
	}
	head := wordKey(q.words[1])
	v := c.vocabulary()
	var types []string
	for _, gi := range v.byLast[head] {
		g := v.groups[gi]
		if len(g.when) > 0 {
			continue
		}
		for _, t := range g.terms {
			if !strings.Contains(t, " ") && t != head && !slices.Contains(types, t) && !slices.Contains(altsOf(q, 1), t) {
				types = append(types, t)
			}
		}
	}
	var tied []string
	var b strings.Builder
	for _, t := range types {
		if !s.namesType(t) {
			if heads, err := c.headsTitle(ctx, t); err != nil || !heads {
				if err != nil {
					return q, false, err
				}
				continue
			}
		}
		// A product named by the type says the head; one has the first word.
		b.Reset()
		b.WriteString("{title} : ")
		quoteTerm(&b, t)
		b.WriteString(" AND ")
		quoteTerm(&b, q.words[1])
		says, err := c.anyMatch(ctx, b.String())
		if err != nil || !says {
			if err != nil {
				return q, false, err
			}
			continue
		}
		b.Reset()
		b.WriteString("{title} : ")
		quoteTerm(&b, t)
		b.WriteString(" AND {title} : (")
		quoteAny(&b, append([]string{q.words[0]}, altsOf(q, 0)...))
		b.WriteByte(')')
		named, err := c.anyMatch(ctx, b.String())
		if err != nil {
			return q, false, err
		}
		if named {
			tied = append(tied, t)
		}
	}
	if len(tied) == 0 {
		return q, false, nil
	}
	out := q
	out.alts = make([][]string, len(q.words))
	for i := range q.words {
		out.alts[i] = slices.Clone(altsOf(q, i))
	}
	out.alts[1] = append(out.alts[1], tied...)
	return out, true, nil
}
