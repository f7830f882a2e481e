package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// relaxed is the last step of a search that found nothing with every word (as typed
// and spelling-corrected): results with some of the words, but only when they are
// plausibly what was meant. Words no product's title, brand or category has are
// dropped (see namedWord); when more than half the words are such, the query is taken
// for nonsense and nothing is returned, with a
// note and suggestions. Otherwise the products with every known word come back, or
// failing that those whose titles, brands or categories have at least half of them,
// marked Relaxed; a sentence that names a thing of the catalog as typed (namesType)
// and that no product has half the words of gets the products with any of them,
// ranked as BM25 ranks them and reordered by what ranking knows of types.
//
// typed is the query's words as typed, position by position with s's (which may be
// their corrections): the notes quote them ("loves", not the correction "loav" that
// was searched). In a sentence the corrections that are other words count as above but
// are searched as typed, which no product has: a story word ("letters") holds its
// place among the sentence's words without finding products of the word it was
// corrected into ("liter").
func (c *Catalog) relaxed(ctx context.Context, s *search, res Result, offset int, corrected bool, other []bool, typed *textQuery) (Result, error) {
	words := s.text.words
	known := make([]bool, len(words))
	n, sure := 0, 0
	for i := range words {
		ok, err := c.namedWord(ctx, s.text, i)
		if err != nil {
			return Result{}, err
		}
		if known[i] = ok; ok {
			n++
			if i >= len(other) || !other[i] {
				sure++
			}
		}
	}
	if s.sentence && typed != nil && other != nil {
		alt := *s
		alt.text, _ = onlySlips(*typed, s.text, s.namesType)
		s = &alt
	}
	// A word corrected into another word ("weather" into "water") does not count
	// towards the half that makes a query about the catalog.
	if len(words) < 2 || n == 0 || 2*sure < len(words) {
		if s.sentence && n > 0 {
			// A sentence is mostly the shopper's own words: one of the catalog's that
			// names one type of product in titles ("smoothies", "pullover") says what
			// it is about.
			if out, ok, err := c.titleWordType(ctx, s, res, offset, known, other); err != nil || ok {
				return out, err
			}
		}
		if s.sentence {
			// Or one only descriptions have, said of one type of product ("frozen" of
			// blenders that make frozen drinks).
			if out, ok, err := c.descWordType(ctx, s, res, offset, known, other); err != nil || ok {
				return out, err
			}
		}
		return c.nothing(ctx, res, asTyped(s.text, typed), known, other)
	}
	some := res
	some.Relaxed, some.Words = true, s.text.String()
	if corrected {
		some.Corrected = s.text.String()
	}
	if kind, err := c.otherKind(ctx, s, known, other); err != nil || kind != "" {
		if err != nil {
			return Result{}, err
		}
		return c.otherKindResult(res, asTyped(s.text, typed), kind), nil
	}
	if out, ok, err := c.unsoldAsTyped(ctx, s, res, known, other, typed); err != nil || ok {
		return out, err
	}
	if kind, thing, err := c.forOtherKind(ctx, s); err != nil || kind != "" {
		if err != nil {
			return Result{}, err
		}
		return c.forOtherKindResult(res, thing, kind), nil
	}
	if unsold, err := c.unsoldHead(ctx, s, known, other); err != nil || unsold {
		if err != nil {
			return Result{}, err
		}
		if h := headIndex(s); h >= 0 {
			return c.headless(ctx, res, asTyped(s.text, typed), h, known, other)
		}
		return c.nothing(ctx, res, asTyped(s.text, typed), known, other)
	}
	if n < len(words) {
		if out, ok, err := c.madeFor(ctx, s, some, offset, known); err != nil || ok {
			return out, err
		}
		if out, ok, err := c.madeForBrandWord(ctx, s, some, offset, known); err != nil || ok {
			return out, err
		}
		if unknown, err := c.unknownAfterType(ctx, s, known, other); err != nil || unknown {
			if err != nil {
				return Result{}, err
			}
			return c.nothing(ctx, res, asTyped(s.text, typed), known, other)
		}
	}
	if h, err := c.droppedHead(ctx, s, known, other); err != nil || h >= 0 {
		if err != nil {
			return Result{}, err
		}
		// What is left says who or what the thing is for ("dog" of "dog stairs",
		// "hoodie for dog"): products with it are not plausibly what was meant.
		return c.headless(ctx, res, asTyped(s.text, typed), h, known, other)
	}
	if n < len(words) {
		some.Notes = append(some.Notes[:len(some.Notes):len(some.Notes)],
			fmt.Sprintf("No product has the words %s; these match the others.", quoteWords(s.text, known, false)))
		alt := *s
		alt.text = s.text.only(known)
		if err := alt.run(ctx, &some, offset, false); err != nil || some.Total > 0 || alt.text.words == nil {
			return some, err
		}
		some.Notes = some.Notes[:len(some.Notes)-1]
	}
	some.Notes = append(some.Notes[:len(some.Notes):len(some.Notes)], relaxedNote)
	if len(words) > maxRelaxedWords {
		some.Notes = append(some.Notes, fmt.Sprintf("Only the first %d words were used to find products with some of them.", maxRelaxedWords))
	}
	alt := *s
	alt.text = s.text.only(sentenceThingWords(s, known))
	alt.text.atLeast = (len(alt.text.words) + 1) / 2 // half of them at least: a product with one word of four is no match
	alt.text.alts = withoutKinds(alt.text)
	alt.text.named = !s.sentence
	if err := alt.run(ctx, &some, offset, true); err != nil {
		return Result{}, err
	}
	if some.Total == 0 && s.sentence && alt.text.atLeast > 1 && namesType(s, known, other) {
		alt.text.atLeast = 1
		if err := alt.run(ctx, &some, offset, true); err != nil {
			return Result{}, err
		}
	}
	if some.Total == 0 && s.sentence && slices.ContainsFunc(s.words, func(w string) bool { return wantWords[w] || giftWords[w] }) {
		// No product has half of the words of a sentence that asks for something: one
		// of them that names a type in titles says what it is, as when most of its
		// words are no product's ("i need something soft under me for floor workouts":
		// Workout Mats). A sentence that asks for nothing is a story, and one of its
		// many catalog words says nothing of what it wants.
		if out, ok, err := c.titleWordType(ctx, s, res, offset, known, other); err != nil || ok {
			return out, err
		}
	}
	if some.Total == 0 {
		// Not even some of the words found anything: say so, not "these match some".
		return c.nothing(ctx, res, asTyped(s.text, typed), known, other)
	}
	return some, nil
}

// droppedHead returns the index of the word of s that is its head (queryHead: the last
// word, or the last before "for"), when relaxed would drop it and no product has it
// in any field, by any of its names, or spelling turned it into another word; else
// -1. A head only descriptions say ("skins" of drum heads, "blocks" of brick sets)
// may name what the products with the other words are. Not for sentences, brands,
// codes, or a query of one word.
func (c *Catalog) droppedHead(ctx context.Context, s *search, known, other []bool) (int, error) {
	if s.sentence || s.intent == nil || len(s.intent.brands) > 0 || len(s.intent.codeHits) > 0 || len(s.text.words) < 2 {
		return -1, nil
	}
	i := headIndex(s)
	if i < 0 || known[i] && (i >= len(other) || !other[i]) || c.vocabulary().isAccessory(s.text.words[i]) {
		return -1, nil // (an accessory word: the others may name the thing, "staple refill")
	}
	if i >= len(other) || !other[i] {
		for _, t := range append([]string{s.text.words[i]}, altsOf(s.text, i)...) {
			u, err := s.learned.used(ctx, c, t)
			if err != nil || u.matched > 0 {
				return -1, err
			}
		}
	}
	// A head after a type's name or a quality may be another name of that thing or
	// a slip no correction fits ("kettle jug", "electric jug", "lantern zzz"), as
	// unsoldHead reads it; after words that name no thing ("dog", "kids") it is the
	// thing asked for.
	for j, w := range s.text.words {
		if j == i || !known[j] || j < len(other) && other[j] {
			continue
		}
		f := strings.Fields(w)
		if qualityLike(f[len(f)-1]) || s.namesType(wordKey(f[len(f)-1])) {
			return -1, nil
		}
		if heads, err := c.headsTitle(ctx, w); err != nil || heads {
			return -1, err
		}
	}
	return i, nil
}

// headIndex returns the index of the word of s that is its head (queryHead), or -1.
func headIndex(s *search) int {
	head := queryHead(s.rest)
	if head == "" {
		return -1
	}
	return slices.IndexFunc(s.text.words, func(w string) bool {
		f := strings.Fields(w)
		return wordKey(f[len(f)-1]) == head
	})
}

// maxHeadlessTypes is how many of the types of the products with a query's other words
// the note of headless names.
const maxHeadlessTypes = 5

// headless is the result of a query whose head (word h of q) names nothing the catalog
// sells while its other words are in products: nothing, the other words as
// suggestions, and a note that says so and names the types of the products with them,
// most common first among the first maxUseRows of them ("dog": food, toy, harness).
func (c *Catalog) headless(ctx context.Context, res Result, q textQuery, h int, known, other []bool) (Result, error) {
	res, err := c.nothing(ctx, res, q, known, other)
	if err != nil {
		return res, err
	}
	keep := make([]bool, len(q.words))
	var kept []string
	for i := range q.words {
		if keep[i] = i != h && known[i] && (i >= len(other) || !other[i]); keep[i] {
			kept = append(kept, fmt.Sprintf("%q", q.words[i]))
		}
	}
	head := q.words[h]
	if h < len(q.shown) && q.shown[h] != "" && (h >= len(other) || !other[h]) {
		head = q.shown[h]
	}
	note := fmt.Sprintf("The catalog sells no %q.", head)
	if len(kept) > 0 {
		rows, err := c.query(ctx, `SELECT r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
			CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head != '' GROUP BY r.head ORDER BY count(*) DESC, r.head LIMIT ?`,
			"{title brand category} : ("+q.only(keep).match(false)+")", maxUseRows, maxHeadlessTypes)
		if err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
		defer rows.Close()
		var types []string
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				return res, fmt.Errorf("search: %w", err)
			}
			types = append(types, t)
		}
		if err := rows.Err(); err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
		if len(types) > 0 {
			list := strings.Join(types, ", ")
			if n := len(types); n > 1 {
				list = strings.Join(types[:n-1], ", ") + " and " + types[n-1]
			}
			note = fmt.Sprintf("The catalog sells no %q; its products with %s are %s.", head, strings.Join(kept, ", "), list)
		}
	}
	if len(res.Notes) > 0 && len(q.words) >= 2 {
		res.Notes[len(res.Notes)-1] = note // in place of nothingNote's
	} else {
		res.Notes = append(res.Notes, note)
	}
	return res, nil
}

// unsoldHead reports whether short query s, which no product has every word of, asks
// for a thing the catalog does not sell, read from the catalog's own evidence of its
// head (its last word; known and other as relaxed has them):
//
//   - a head products have (as typed, or corrected by a slip) that heads no product's
//     title and is no type, brand or category word names no product: "wine glasses" is
//     no kettle with a "Glass" lid, "coffee table" no coffee maker, "mouse trap" no
//     mouse, "prescription sunglasses" (the synonym "shades") no toaster with "Shade
//     Settings";
//   - a head no product has (or that was corrected into another word: "racket" is no
//     "race") names a thing the catalog does not know, unless the word before it
//     names a type and the words before that are used with it in some product, when
//     it may be what is made for the type (madeFor: "printer refill", "blender jug";
//     not "a cable car ride", "window blinds", "tennis racket"), or another name of
//     what the word before it names in titles (modifierTitles: "electric jug") —
//     but not when that word is a thing's name, no quality (qualityLike), and no
//     product has the head in any field ("coffee grinder" where coffee makers are
//     sold, "cat carrier").
//
// A head that names a thing the catalog sells keeps the query, whatever its other
// words ("wine fridge" finds refrigerators), as does an accessory word of the
// vocabulary after a word the catalog names (accessoryAfterWord: "padded laptop
// cover") — unless, in two words, the word before the accessory word is one titles
// say only after their names, no type and no quality (foreignModifier: "gift card",
// where plush toys are a "Gift for Kids" and memory cards are sold). Not for sentences, brands, codes, or a
// phrase with a stop word ("glasses for wine"), whose head is elsewhere.
func (c *Catalog) unsoldHead(ctx context.Context, s *search, known, other []bool) (bool, error) {
	if !headShaped(s) {
		return false, nil
	}
	words := s.text.words
	last := len(words) - 1
	if accessoryAfterWord(s, known, other) {
		// Two words as typed: a phrase of the vocabulary is one word of s but the
		// name of a thing ("mic pop filter" is no "gift card").
		if last == 1 && known[0] && (len(other) == 0 || !other[0]) && !strings.Contains(words[0], " ") && !strings.Contains(words[1], " ") {
			return c.foreignModifier(ctx, s)
		}
		return false, nil
	}
	if known[last] && (last >= len(other) || !other[last]) {
		if headOf(strings.Fields(words[last])) != queryHead(s.rest) && (last >= len(s.text.prefix) || !s.text.prefix[last]) {
			return false, nil // not the head: "fyer" of "air fyer" is dropped, "air" kept
		}
		if sold, err := c.namesSold(ctx, s, last); err != nil || sold {
			return false, err
		}
		// Unless it is a typo of a word the titles of the word before it have ("yoga
		// matt", where "matt" is a prefix of "matte"), or another name of what that
		// word names ("studio cans": studio monitor headphones).
		if known[last-1] && (last-1 >= len(other) || !other[last-1]) {
			near, named, err := c.modifierTitles(ctx, s.text, last-1, words[last])
			return !near && !named, err
		}
		return true, nil
	}
	// The head is no word of the catalog's: only what is made for a type may be meant,
	// or the head is a typo that spelling left as it was ("air fyer": the titles that
	// have "air" have "fryer"), or a phrase of the vocabulary ("external hard drive"),
	// or a word of it that descriptions say by one of its names.
	if len(strings.Fields(words[last])) > 1 {
		return false, nil
	}
	if named, err := c.otherNamesSold(ctx, s.text, last); err != nil {
		return false, err
	} else if named {
		// A word of the vocabulary that no title names may be said in descriptions,
		// by it or another name of it; one no product has at all names nothing sold
		// ("dog raincoat").
		for _, t := range append([]string{words[last]}, s.text.alts[last]...) {
			u, err := s.learned.used(ctx, c, t)
			if err != nil || u.matched > 0 {
				return false, err
			}
		}
	}
	if !known[last-1] || last-1 < len(other) && other[last-1] {
		return true, nil
	}
	near, named, err := c.modifierTitles(ctx, s.text, last-1, words[last])
	if err != nil || near {
		return false, err
	}
	if named {
		// After a quality ("electric jug", "wireless buds") a head no title has may be
		// another name of what the quality is said of. After a thing's name ("coffee"
		// of coffee makers) another name of that thing is a word the catalog uses, if
		// only in descriptions ("computer display"); a head no product has in any
		// field names another thing ("coffee grinder", "cat carrier", "dog raincoat").
		if qualityLike(words[last-1]) {
			return false, nil
		}
		u, err := s.learned.used(ctx, c, words[last])
		if err != nil || u.matched > 0 {
			return false, err
		}
		return true, nil
	}
	// What is made for a type is a thing the vocabulary knows ("printer refill",
	// "blender goblet"): a word no product has and the vocabulary does not know,
	// after a type's name and a word before it (one read as a colour too), names
	// something else ("a green card application"). After the type's name alone it may
	// be a slip no correction fits ("boots xqzvbnm"), dropped.
	if v := c.vocabulary(); (last >= 2 || len(s.q.attrs) > 0) && !v.isTerm(words[last]) && !v.isAccessory(words[last]) {
		return true, nil
	}
	f := strings.Fields(words[last-1])
	if k := wordKey(f[len(f)-1]); !typeLike(k) {
		return true, nil
	} else if !s.learned.isType(k) {
		if heads, err := c.headsTitle(ctx, words[last-1]); err != nil || !heads {
			return !heads, err
		}
	}
	// A head that descriptions have, but never with the type, is another thing said
	// of other products ("mouse trap", where vacuum cleaners' filters trap dust).
	u, err := s.learned.used(ctx, c, words[last])
	if err != nil {
		return false, err
	}
	pair := make([]bool, len(words))
	pair[last-1], pair[last] = true, true
	if u.matched > 0 {
		if met, err := c.hasAll(ctx, s.text.only(pair), ""); err != nil || !met {
			return !met, err
		}
	}
	if last == 1 {
		return false, nil
	}
	before := make([]bool, len(words))
	for i := range last {
		before[i] = known[i]
	}
	used, err := c.hasAll(ctx, s.text.only(before), "")
	return !used, err
}

// unknownAfterType reports whether two-word query s is a type's name and a head that
// no product has in any field, nor a synonym of it the vocabulary knows, that is no
// accessory word and that reads as a word (wordShaped): "kettle descaler" asks for a
// thing used with kettles, not for a kettle, and nothing the catalog makes for the
// type was found (madeFor: "rc car lipo" finds the RC cars' batteries). A word the
// vocabulary knows is no more sold for being known: its group's terms, when the
// catalog has one, are its alternatives, and then the query is not this. Keys struck at random after a type's name
// ("boots xqzvbnm") are dropped as before, and the type searched.
func (c *Catalog) unknownAfterType(ctx context.Context, s *search, known, other []bool) (bool, error) {
	words := s.text.words
	if !headShaped(s) || len(words) != 2 || !known[0] || len(other) > 0 && other[0] || known[1] ||
		strings.Contains(words[1], " ") || len(s.text.alts) > 1 && len(s.text.alts[1]) > 0 || !wordShaped(words[1]) {
		return false, nil
	}
	if c.vocabulary().isAccessory(words[1]) {
		return false, nil
	}
	f := strings.Fields(words[0])
	k := wordKey(f[len(f)-1])
	if !typeLike(k) {
		return false, nil
	}
	if !s.learned.isType(k) {
		if heads, err := c.headsTitle(ctx, words[0]); err != nil || !heads {
			return false, err
		}
	}
	u, err := s.learned.used(ctx, c, words[1])
	return err == nil && u.matched == 0, err
}

// wordShaped reports whether w reads as a word of a language written in Latin letters
// rather than as keys struck at random: four letters or more, all letters, a vowel
// (or y) in every four of them, and no letter three times in a row.
func wordShaped(w string) bool {
	if utf8.RuneCountInString(w) < 4 {
		return false
	}
	run, same := 0, 0
	var prev rune
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		if strings.ContainsRune("aeiouy", unicode.ToLower(r)) {
			run = 0
		} else if run++; run > 3 {
			return false
		}
		if r == prev {
			if same++; same >= 2 {
				return false
			}
		} else {
			same = 0
		}
		prev = r
	}
	return true
}

// foreignModifier reports whether the first word of two-word query s is in titles, but
// said in them only after their names (modifierTitles: "Plushie, Gift for Kids"), is
// no type's name and reads as no quality (qualityLike).
func (c *Catalog) foreignModifier(ctx context.Context, s *search) (bool, error) {
	w := s.text.words[0]
	if len(strings.Fields(w)) > 1 || qualityLike(w) || s.learned.isType(wordKey(w)) || isNumber(w) {
		return false, nil
	}
	first := make([]bool, len(s.text.words))
	first[0] = true
	if titled, err := c.titleHasAll(ctx, s.text.only(first)); err != nil || !titled {
		return false, err // a word of categories or brands only ("fitness tracker")
	}
	_, named, err := c.modifierTitles(ctx, s.text, 0, "")
	return err == nil && !named, err
}

// qualityLike reports whether w, before another word, reads as a quality of a thing
// rather than a thing's name: it ends as an adjective does (adjectiveLike), in "ic"
// ("electric", "acoustic", "automatic"), or is a compound of what it keeps out
// ("waterproof", "weatherproof", "airtight").
func qualityLike(w string) bool {
	return adjectiveLike(w) || len(w) > 3 && strings.HasSuffix(w, "ic") ||
		len(w) > 5 && (strings.HasSuffix(w, "proof") || strings.HasSuffix(w, "tight"))
}

// maxNearTitles bounds the titles modifierTitles reads.
const maxNearTitles = 200

// modifierTitles reads the titles that have word i of q (at most maxNearTitles) for
// what they say of w, the word after it in a short query, which no product names (""
// for none):
// near, whether w is one typo (within editBudget, same first letter) from a word of
// them, a misspelling of a word used with word i ("fyer" of "air fyer"), or the end of
// one, a short name of a joined word ("buds" of "earbuds"); named,
// whether word i is, in at least half of them, a word of the product's name, before
// its head (see titleName: "computer" of "27-Inch Computer Monitor", "wireless" of
// "True Wireless Earbuds"), not of a feature said after it ("window" of "Air Fryer,
// Viewing Window"). A query that puts such a word before a word of its own names
// that product by another name ("computer display", "wireless buds").
func (c *Catalog) modifierTitles(ctx context.Context, q textQuery, i int, w string) (near, named bool, err error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	q.term(&b, i)
	rows, err := c.query(ctx, `SELECT t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_text t ON t.rowid = m.rowid`, b.String(), maxNearTitles)
	if err != nil {
		return false, false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	w = foldDiacritics(w)
	budget := editBudget(utf8.RuneCountInString(w))
	f := strings.Fields(q.words[i])
	mk := wordKey(f[len(f)-1])
	prefix := i < len(q.prefix) && q.prefix[i]
	is := func(t string) bool {
		k := wordKey(t)
		return k == mk || prefix && strings.HasPrefix(k, mk)
	}
	seen := map[string]bool{}
	titles, inName := 0, 0
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return false, false, fmt.Errorf("search: %w", err)
		}
		titles++
		name := lowerWords(titleName(" " + strings.ToLower(title) + " "))
		if h := headOf(name); h != "" {
			for j := len(name) - 1; j >= 0; j-- {
				if wordKey(name[j]) == h {
					if slices.ContainsFunc(name[:j], is) {
						inName++
					}
					break
				}
			}
		}
		for _, t := range lowerWords(title) {
			if w == "" || near || seen[t] || t == "" {
				continue
			}
			seen[t] = true
			if t[0] != w[0] {
				// The end of a joined word ("buds" of "earbuds") is a short name of it.
				near = len(t) > len(w)+1 && strings.HasSuffix(foldDiacritics(t), w)
				continue
			}
			near = editDistance(w, foldDiacritics(t), budget, 1) <= budget
		}
	}
	if err := rows.Err(); err != nil {
		return false, false, fmt.Errorf("search: %w", err)
	}
	return near, titles > 0 && 2*inName >= titles, nil
}

// accessoryAfterWord reports whether the head of s, as typed, is a word of the
// vocabulary that names things made for another product ("cover", "refill") after a
// word some product's title, brand or category has (known, not a correction into
// another word: other): "padded laptop cover" and "inkjet refills" ask for what is
// made for what that word names, which the catalog may call otherwise ("Laptop
// Sleeve", "Ink Cartridge"), and relaxed and madeFor look for it.
func accessoryAfterWord(s *search, known, other []bool) bool {
	if !s.c.vocabulary().isAccessory(queryHead(s.rest)) {
		return false
	}
	for i := range len(s.text.words) - 1 {
		if known[i] && (i >= len(other) || !other[i]) {
			return true
		}
	}
	return false
}

// headShaped reports whether s is a short query whose last word is its head, as
// unsoldHead reads it: no sentence, brand, code, stop word, or digits in the last word.
func headShaped(s *search) bool {
	words := s.text.words
	last := len(words) - 1
	return !s.sentence && s.intent != nil && len(s.intent.brands) == 0 && len(s.intent.codeHits) == 0 && last >= 1 &&
		!slices.ContainsFunc(s.rest, func(w string) bool { return stopwords[w] || determiners[w] || possessives[w] }) &&
		strings.IndexFunc(words[last], func(r rune) bool { return r >= '0' && r <= '9' }) < 0
}

// namesSold reports whether word i of s, or an alternative of it, names products of
// the catalog: it is a brand or a word of a category, or it is the head the titles
// that have it have most often (see topTitleHead) or a word of the names of most of
// them (modifierTitles: "tracker" of "Activity Tracker Watch"), or, for a word of a
// synonym group, any of its names heads some title. A word that heads some titles but
// is mostly said of other things is no name of them: "case" is said of earbuds with a
// charging case more often than of laptop sleeve cases, so "phone case" is neither.
func (c *Catalog) namesSold(ctx context.Context, s *search, i int) (bool, error) {
	terms := []string{s.text.words[i]}
	if i < len(s.text.alts) {
		terms = append(terms, s.text.alts[i]...)
	}
	for _, t := range terms {
		f := strings.Fields(t)
		k := wordKey(f[len(f)-1])
		if len(terms) > 1 {
			// A word of a synonym group is a name of products by the vocabulary's word:
			// any title it or another name of it heads will do ("plush", whose titles
			// are headed by "bear" and "unicorn", "stuffed animal" by "animal").
			if s.learned.isType(k) {
				return true, nil
			}
			if heads, err := c.headsTitle(ctx, t); err != nil || heads {
				return heads, err
			}
		} else if top, _, err := c.topTitleHead(ctx, t, k); err != nil || top == k {
			return top == k, err
		} else if t == s.text.words[i] {
			// Or it is in the names of most of the titles that have it, though not
			// their head ("tracker" of "Activity Tracker Watch").
			if _, named, err := c.modifierTitles(ctx, s.text, i, ""); err != nil || named {
				return named, err
			}
		}
		var b strings.Builder
		b.WriteString("{brand category} : ")
		quoteTerm(&b, t)
		var n int
		if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1)`, b.String()).Scan(&n); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

// headsTitle reports whether term heads the title of a product that has it in its
// title (see titleHead): a type's name, however few products the type has.
func (c *Catalog) headsTitle(ctx context.Context, term string) (bool, error) {
	return c.headsOf(ctx, term, false)
}

// headsOf reports whether term heads the title of a product that has it in its title
// (headsTitle), or, with category, also whether it ends the last step of the category
// of a product that has it there (at most maxUseRows products read).
func (c *Catalog) headsOf(ctx context.Context, term string, category bool) (bool, error) {
	f := strings.Fields(term)
	k := wordKey(f[len(f)-1])
	columns, where, args := "{title} : ", "r.head = ?", []any{k}
	if category {
		columns, where, args = "{title category} : ", "(r.head = ? OR r.category = ?)", []any{k, k}
	}
	var b strings.Builder
	b.WriteString(columns)
	quoteTerm(&b, term)
	var n int
	err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE `+where+` LIMIT 1)`, append([]any{b.String(), maxUseRows}, args...)...).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return n > 0, nil
}

// minTitleShare is the share of the products whose titles have a word that must be of
// one type for the word to name that type (titleWordType).
const minTitleShare = 0.6

// titleWordType searches for the type that a word of sentence s names in the
// catalog's titles: a content word products have as typed (known, not a correction:
// other) whose titles are of one type at least minTitleShare of the time, or that is
// itself the head its titles have most often (the catalog's name for a thing: "truck"
// of RC trucks, whose titles also name batteries for them) unless a word no product
// has comes before it (unknownModifier: "a gift card"), in at least minMeet
// products (the catalog's meet; for a word that heads its titles, that many titles
// with it: a clarinet beside clarinet reeds). A participle ("camping") is read only
// by the first way, of a type it does not head, in a sentence that asks for something. The products with the word come
// back, that type first; with several such words, the one whose titles are of its type most often wins, then the one
// whose products have it in their titles most often. Not when the sentence
// asks for a thing the catalog does not sell (asksUnsold: "a birthday cake for my
// son's party" is no party speaker). ok is false when no word names a type so.
func (c *Catalog) titleWordType(ctx context.Context, s *search, res Result, offset int, known, other []bool) (Result, bool, error) {
	if len(s.words) == 0 || questionWords[s.words[0]] || slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) {
		return res, false, nil // a question about the world, or a request about an order
	}
	if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
		return res, false, err
	}
	v := c.vocabulary()
	asks := slices.ContainsFunc(s.words, func(w string) bool { return wantWords[w] || giftWords[w] })
	best, bestHead, bestShare, bestInTitles, bestStrong := -1, "", 0.0, 0.0, false
	for i, w := range s.text.words {
		if !known[i] || i < len(other) && other[i] || i < len(s.text.prefix) && s.text.prefix[i] ||
			!contentWord(w, s.learned, v) || !wordPlaced(s, v, w) || giftWords[w] || namesNoThing(w, v) {
			continue // a correction, a word in a place no thing is said, or an occasion's gift (the other words say what it is)
		}
		var b strings.Builder
		b.WriteString("{title} : (")
		quoteTerm(&b, w)
		if i < len(s.text.alts) {
			for _, a := range s.text.alts[i] {
				b.WriteString(" OR ")
				quoteTerm(&b, a)
			}
		}
		b.WriteByte(')')
		rows, err := c.query(ctx, `SELECT r.head, count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
			CROSS JOIN product_rank r ON r.rowid = m.rowid GROUP BY r.head`, b.String(), maxUseRows)
		if err != nil {
			return res, false, fmt.Errorf("search: %w", err)
		}
		total, top, head := 0, 0, ""
		for rows.Next() {
			var h string
			var n int
			if err := rows.Scan(&h, &n); err != nil {
				rows.Close()
				return res, false, fmt.Errorf("search: %w", err)
			}
			if !typeLike(h) {
				continue // no type's name: a size, who it is for ("Hoodie, Men's Large")
			}
			total += n
			if n > top {
				top, head = n, h
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, false, fmt.Errorf("search: %w", err)
		}
		share := float64(top) / float64(max(total, 1))
		// A word that says what is done names a thing only as what titles say before
		// another's name ("Camping Tent"), and only in a sentence that asks for
		// something (wantWords, giftWords): "we want to go camping", not "my mat
		// slid while reading about sparrows" (a "Reading Lamp").
		done := doneForm(w)
		eligible := share >= minTitleShare && (!done || head != wordKey(w) && asks)
		if !eligible && !done && head == wordKey(w) {
			unknown, err := c.unknownModifier(ctx, s, w)
			if err != nil {
				return res, false, err
			}
			eligible = !unknown
		}
		if !eligible && !done && top >= s.learned.meet() {
			// A word titles say right before the names of several types ("Drum Kit",
			// "Drum Throne", "Bass Drum Pedal") names their family: the sentence is
			// about them ("something for my son who plays drums").
			if eligible, err = c.familyWord(ctx, w); err != nil {
				return res, false, err
			}
			share = minTitleShare
		}
		// In a small catalog most types have one product ("Lawn Mower"): a word of one
		// title names that type there, in a request (asks, or opening with its verb:
		// "pump up my tyres"), unless a word of the sentence names a type in as many
		// titles as the catalog's meet. A story ("the lawn at the park is lovely") is
		// not read by one title.
		strong := top >= s.learned.meet() || head == wordKey(w) && total >= s.learned.meet()
		if !eligible || !strong && !(s.learned.small && top >= 1 && (asks || opensWithVerb(s, v))) || bestStrong && !strong || bestStrong == strong && share < bestShare {
			continue
		}
		if strong && !bestStrong {
			bestShare, bestInTitles = 0, 0
		}
		// Of two words as often of their types, the one most of whose products say it
		// in their titles: a word descriptions say all over the catalog ("soft", of a
		// "Soft Toy") tells how a thing is, not which thing ("floor workouts": Workout
		// Mats).
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return res, false, err
		}
		inTitles := float64(total) / float64(max(u.matched, total, 1))
		if share > bestShare || inTitles > bestInTitles {
			best, bestHead, bestShare, bestInTitles, bestStrong = i, head, share, inTitles, strong
		}
	}
	if best < 0 {
		return res, false, nil
	}
	return c.searchWordType(ctx, s, res, offset, best, bestHead,
		fmt.Sprintf("Read as a sentence about %s: the products that have the word %q, which names them in titles.", bestHead, s.text.words[best]))
}

// searchWordType searches for the products with word i of sentence s, those of type
// head first, with note said of them. ok is false when no product has the word.
func (c *Catalog) searchWordType(ctx context.Context, s *search, res Result, offset, i int, head, note string) (Result, bool, error) {
	keep := make([]bool, len(s.text.words))
	keep[i] = true
	alt := *s
	alt.text = s.text.only(keep)
	alt.text.atLeast, alt.text.named = 0, false
	if s.intent != nil {
		in := *s.intent
		in.heads, in.order, in.forTarget = map[string]bool{head: true}, map[string]int{head: 0}, nil
		alt.intent = &in
	}
	out := res
	out.Words, out.Relaxed = alt.text.String(), true
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)], note)
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// minDescShare is the share of the products with a word only descriptions have that
// must be of one type for the word to say a sentence is about that type
// (descWordType).
const minDescShare = 0.75

// minDescCover is the share of that type's products that must have the word: a word
// said of few of them ("ride", of three strollers) is no word of the type.
const minDescCover = 0.25

// wantWords say that the shopper wants something: a sentence without one tells a
// story ("my mat slid while reading about sparrows"), where one word descriptions say
// of a type is no request for it.
var wantWords = set("want", "wants", "wanted", "need", "needs", "looking", "buy", "something", "recommend", "suggest")

// descWordType searches for the type a word of sentence s that no product's title,
// brand or category has (known false), and that is no correction (other), is said of
// in descriptions: at least minMeet products have it, at least minDescShare of them of
// one type, and at least minDescCover of that type's products have it ("i want to
// make frozen drinks and soups": blenders' descriptions say "frozen drinks"). With several such words the one most of one type wins, then the
// rarer. The products with the word come back, that type first. Only for a sentence
// that says the shopper wants something (wantWords), and not for a question about the
// world, a request about an order, or one for a thing the catalog does not sell
// (asksUnsold). ok is false when no word is so.
func (c *Catalog) descWordType(ctx context.Context, s *search, res Result, offset int, known, other []bool) (Result, bool, error) {
	if len(s.words) == 0 || questionWords[s.words[0]] || slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) ||
		!slices.ContainsFunc(s.words, func(w string) bool { return wantWords[w] }) {
		return res, false, nil
	}
	if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
		return res, false, err
	}
	v := c.vocabulary()
	for i, w := range s.text.words {
		if known[i] && (i >= len(other) || !other[i]) && contentWord(w, s.learned, v) && wordAsThing(s, v, w) {
			// The sentence names a thing titles name ("drums" of "something for my son
			// who plays drums"): a word only descriptions have ("plays", of guitars
			// "ready to play") says nothing of what it asks for.
			return res, false, nil
		}
	}
	best, bestHead, bestShare, bestN := -1, "", 0.0, 0
	for i, w := range s.text.words {
		if known[i] || i < len(other) && other[i] || i < len(s.text.prefix) && s.text.prefix[i] || !contentWord(w, s.learned, v) {
			continue
		}
		u, err := s.learned.used(ctx, c, w)
		if err != nil {
			return res, false, err
		}
		if u.matched < s.learned.meet() {
			continue
		}
		top, head := 0, ""
		for _, h := range u.heads {
			if typeLike(h.head) && h.products > top {
				top, head = h.products, h.head
			}
		}
		share := float64(top) / float64(u.matched)
		// lv.types is read-only once the view is made (see newLearnedView).
		cover := float64(top) / float64(max(s.learned.types[head], 1))
		if share >= minDescShare && cover >= minDescCover && (share > bestShare || share == bestShare && u.matched < bestN) {
			best, bestHead, bestShare, bestN = i, head, share, u.matched
		}
	}
	if best < 0 {
		return res, false, nil
	}
	return c.searchWordType(ctx, s, res, offset, best, bestHead,
		fmt.Sprintf("Read as a sentence about %s: the products whose descriptions have the word %q.", bestHead, s.text.words[best]))
}

// unknownModifier reports whether w follows, in sentence s, a word that no product
// has and that is no stop word, filler or participle ("starting clarinet" is what the
// shopper does): the two name a thing the catalog does not
// know ("a gift card", "a fish tank"), not the catalog's w.
func (c *Catalog) unknownModifier(ctx context.Context, s *search, w string) (bool, error) {
	v := c.vocabulary()
	for i, x := range s.words {
		if x != w || i == 0 {
			continue
		}
		prev := s.words[i-1]
		if stopwords[prev] || determiners[prev] || v.filler[prev] || isNumber(prev) || howWords[prev] || strings.HasSuffix(prev, "ing") {
			continue
		}
		u, err := s.learned.used(ctx, c, prev)
		if err != nil {
			return false, err
		}
		if u.matched == 0 {
			return true, nil
		}
	}
	return false, nil
}

// wordAsThing reports whether w stands in sentence s where a thing is named (see
// thingsNamedAt): not first (where a request puts its verb: "set an alarm"), nor
// after "to", a possessive or a place word ("into french"), nor before another noun;
// and it is no participle ("reading about sparrows" is not a reading lamp).
func wordAsThing(s *search, v *Vocabulary, w string) bool {
	return !doneForm(w) && wordPlaced(s, v, w)
}

// doneForm reports whether w ends as a participle does ("reading", "printed").
func doneForm(w string) bool {
	return strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")
}

// wordPlaced reports whether w stands in sentence s where a thing is named, whatever
// its form (wordAsThing without the participle).
func wordPlaced(s *search, v *Vocabulary, w string) bool {
	for i, x := range s.words {
		if x != w || i == 0 {
			continue
		}
		if s.words[i-1] != "to" && !possessives[s.words[i-1]] && !afterPlace(s, i) && !inCompound(s, v, i) {
			return true
		}
	}
	return false
}

// namesType reports whether a word of s that products have as typed (known, and not
// a spelling correction: other) heads products' titles, as a type's name does
// ("truck" of "a fast little truck my son can steer"), and is not inside a compound
// ("a cover letter" is no cover).
func namesType(s *search, known, other []bool) bool {
	v := s.c.vocabulary()
	for i, w := range s.text.words {
		k := wordKey(w)
		if !known[i] || i < len(other) && other[i] || !s.learned.isType(k) || !typeLike(k) {
			continue
		}
		for j, x := range s.words {
			if x == w && !inCompound(s, v, j) {
				return true
			}
		}
	}
	return false
}

// nothing is the result of a query too far from anything in the catalog: no products,
// a note, and as suggestions the query's words that products do have. When some
// product has every word as searched (none a correction into another word), it is the
// filters that keep it out (or the products are hidden): searching the same words
// again would find nothing again, so the result says FilteredOut instead. Every word
// being in some product is not enough: "kettle lamp blue" may be in no one product,
// with no filter at all.
func (c *Catalog) nothing(ctx context.Context, res Result, q textQuery, known, other []bool) (Result, error) {
	res.Total, res.Hits, res.NextCursor = 0, nil, ""
	all := len(q.words) > 0
	for i, w := range q.words {
		if known[i] {
			res.Suggestions = append(res.Suggestions, w)
		}
		all = all && known[i] && (i >= len(other) || !other[i])
	}
	if all {
		has, err := c.hasAll(ctx, q, "")
		if err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
		if has {
			res.Suggestions, res.FilteredOut = nil, true
			return res, nil
		}
	}
	if len(q.words) >= 2 || len(res.Suggestions) == 0 {
		res.Notes = append(res.Notes[:len(res.Notes):len(res.Notes)], nothingNote(q, res.Suggestions))
	}
	return res, nil
}

// nothingNote says that nothing matches q's words; when some of them are in products
// (have), it says the words match nothing together, and which are in products, rather
// than that no product has any of them.
func nothingNote(q textQuery, have []string) string {
	words := quoteWords(q, nil, true)
	if len(have) == 0 {
		return fmt.Sprintf("Nothing in the catalog matches %s.", words)
	}
	quoted := make([]string, len(have))
	for i, w := range have {
		quoted[i] = fmt.Sprintf("%q", w)
	}
	return fmt.Sprintf("Nothing in the catalog matches %s together (products have %s).", words, strings.Join(quoted, ", "))
}

// quoteWords lists the words of q that are known (or not), quoted as q shows them.
func quoteWords(q textQuery, known []bool, all bool) string {
	var out []string
	for i, w := range q.words {
		if i < len(q.shown) && q.shown[i] != "" {
			w = q.shown[i]
		}
		if all || !known[i] {
			out = append(out, fmt.Sprintf("%q", w))
		}
	}
	return strings.Join(out, ", ")
}

// asTyped returns q showing the words of typed (the query as typed, position by
// position with q's), for a note: it quotes what the person wrote, not the
// corrections searched for. q is returned as it is when typed does not match it.
func asTyped(q textQuery, typed *textQuery) textQuery {
	if typed != nil && len(typed.words) == len(q.words) {
		q.shown = slices.Clone(typed.words)
	}
	return q
}

// only returns the words of q whose keep is true, with what goes with them.
func (q textQuery) only(keep []bool) textQuery {
	out := textQuery{cut: q.cut, unchecked: q.unchecked}
	for i, w := range q.words {
		if !keep[i] {
			continue
		}
		out.words = append(out.words, w)
		if q.prefix != nil {
			out.prefix = append(out.prefix, i < len(q.prefix) && q.prefix[i])
		}
		if q.shown != nil {
			out.shown = append(out.shown, q.shown[i])
		}
		if q.alts != nil {
			out.alts = append(out.alts, q.alts[i])
		}
		if q.apart != nil {
			out.apart = append(out.apart, q.apart[i])
		}
	}
	return out
}

// namedWord reports whether word i of q (or one of its alternatives) is in some
// product's title, brand or category: a word only descriptions have ("flight" of a
// drone's flight time) does not make a query about products, nor does a short number
// ("927" is in many model numbers).
func (c *Catalog) namedWord(ctx context.Context, q textQuery, i int) (bool, error) {
	if w := q.words[i]; isNumber(w) && len(w) < 5 {
		return false, nil
	}
	var b strings.Builder
	b.WriteString("{title brand category} : (")
	q.term(&b, i)
	b.WriteByte(')')
	has, err := c.anyMatch(ctx, b.String())
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return has, nil
}

// needed searches for the things a need of the vocabulary names when the query says one
// ("keep my groceries cold" is for a refrigerator or a cooler); ok is false when none
// applies or nothing has them.
func (c *Catalog) needed(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	needs := forCueless(s, c.vocabulary(), c.vocabulary().needsOf(s.words, s.sentence))
	if s.sentence {
		var err error
		if needs, err = c.uncontradicted(ctx, s, modifiedNeeds(s, c.vocabulary(), needs)); err != nil {
			return res, false, err
		}
	}
	return c.searchNeeds(ctx, s, res, offset, needs)
}

// forCueless returns needs less those whose cues query s says only after its "for"
// when the head before it names a type of the catalog: "replacement insoles for
// running shoes" asks for insoles, and "running shoes", a need's cue, names what they
// are for, not a need of the shopper's. A query with no "for", or whose head is no
// type, keeps them all, and a need for the head's own type stays ("shoes for a
// marathon": running shoes are the shoes asked for).
func forCueless(s *search, v *Vocabulary, needs []int) []int {
	at := slices.Index(s.words, "for")
	if at < 1 || len(needs) == 0 || s.learned == nil {
		return needs
	}
	head := queryHead(s.words[:at])
	if head == "" || !s.learned.isType(head) {
		return needs
	}
	out := needs[:0:0]
	for _, i := range needs {
		before := slices.ContainsFunc(v.needs[i].cues, func(cue string) bool {
			return slices.ContainsFunc(s.words[:at], func(w string) bool { return cueMatches(cue, wordKey(w)) })
		})
		// A need for things of the head's own type says which of them ("shoes for a
		// marathon": running shoes).
		own := slices.ContainsFunc(v.needs[i].terms, func(t string) bool {
			f := strings.Fields(t)
			return len(f) > 0 && wordKey(f[len(f)-1]) == head
		})
		if before || own {
			out = append(out, i)
		}
	}
	return out
}

// sentenceNeed is needed for a sentence, before its words are searched: when a need's
// cues are in it, the rest of a sentence is the shopper's story ("…for the whole
// family…"), and matching those words finds whatever shares one with it. But a
// sentence whose words some product's title has all of names that product ("i'm
// looking for trail running shoes under $150"), and is searched as written.
func (c *Catalog) sentenceNeed(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	needs := modifiedNeeds(s, c.vocabulary(), forCueless(s, c.vocabulary(), c.vocabulary().needsOf(s.words, true)))
	if len(needs) == 0 {
		return res, false, nil
	}
	if titled, err := c.titleHasAll(ctx, s.text); err != nil || titled {
		return res, false, err
	}
	needs, err := c.uncontradicted(ctx, s, needs)
	if err != nil || len(needs) == 0 {
		return res, false, err
	}
	return c.searchNeeds(ctx, s, res, offset, needs)
}

// uncontradicted returns the needs of sentence s that its other words do not
// contradict. A need is read from its cues alone; the sentence's other content words
// that products have contradict it when they say what the sentence is about — one
// names a thing of the catalog (thingsNamed, no recipient, the head most titles with
// it have: "smooth pens for journaling", whose need names notebooks), or two of them are in one product's title ("i left my laptop
// power brick at the hotel": "laptop" and "power" are a charger's, "brick" a building
// set's cue) — and no product of the need's things has any of them. Other words
// that no product of the need has, but that say nothing together ("my office is
// freezing": a space heater for the office), leave it be. A need said only by naming
// its own thing as the shopper's is none (ownThing: "paper for the printer").
func (c *Catalog) uncontradicted(ctx context.Context, s *search, needs []int) ([]int, error) {
	v := c.vocabulary()
	var things []string
	if !slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) {
		for _, k := range thingsNamed(s, v) {
			if !v.recipient[k] {
				things = append(things, k)
			}
		}
	}
	pet := s.q.pet
	out := needs[:0:0]
	for _, n := range needs {
		nd := v.needs[n]
		if ownThing(s, v, nd) {
			continue
		}
		if pet != "" {
			if forPet, err := c.needForPet(ctx, pet, nd); err != nil {
				return nil, err
			} else if !forPet {
				continue
			}
		}
		var others []int
		said := false
		for i, w := range s.text.words {
			k := wordKey(w)
			if !contentWord(w, s.learned, v) || slices.ContainsFunc(nd.cues, func(cue string) bool { return cueMatches(cue, k) }) ||
				slices.ContainsFunc(nd.terms, func(t string) bool { return slices.Contains(strings.Fields(t), k) }) {
				continue
			}
			u, err := s.learned.used(ctx, c, w)
			if err != nil {
				return nil, err
			}
			if u.matched == 0 {
				continue
			}
			others = append(others, i)
			if !said && slices.Contains(things, k) {
				top, _, err := c.topTitleHead(ctx, w, k)
				if err != nil {
					return nil, err
				}
				said = top == k
			}
		}
		if len(others) == 0 {
			out = append(out, n)
			continue
		}
		for a := 0; !said && a < len(others); a++ {
			for b := a + 1; !said && b < len(others); b++ {
				pair := make([]bool, len(s.text.words))
				pair[others[a]], pair[others[b]] = true, true
				var err error
				if said, err = c.hasAll(ctx, s.text.only(pair), "{title} : "); err != nil {
					return nil, err
				}
			}
		}
		if !said {
			out = append(out, n)
			continue
		}
		var q strings.Builder
		q.WriteByte('(')
		quoteAny(&q, nd.terms)
		q.WriteString(") AND (")
		for i, o := range others {
			if i > 0 {
				q.WriteString(" OR ")
			}
			quoteTerm(&q, s.text.words[o]) // as typed: a prefix ("ink*") would find other words ("inkjet")
			if o < len(s.text.alts) {
				for _, a := range s.text.alts[o] {
					q.WriteString(" OR ")
					quoteTerm(&q, a)
				}
			}
		}
		q.WriteByte(')')
		var met int
		if err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1)`, q.String()).Scan(&met); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if met > 0 {
			out = append(out, n)
		}
	}
	return out, nil
}

// ownThing reports whether sentence s says need nd only by naming the thing the need
// is for as one the shopper has or buys for (owned, or after "for": "paper for the
// printer", "my label printer ran out of tape"), where a cue is a form of the thing's
// name ("print" of "printer"): the sentence is about something for that thing, not
// about the need.
func ownThing(s *search, v *Vocabulary, nd need) bool {
	for _, cue := range nd.cues {
		for i, w := range s.words {
			k := wordKey(w)
			if !cueMatches(cue, k) {
				continue
			}
			named := slices.ContainsFunc(nd.terms, func(t string) bool {
				f := strings.Fields(t)
				return f[len(f)-1] == k
			})
			if !named || !owned(s, v, i) && !afterFor(s, i) {
				return false
			}
		}
	}
	return true
}

// afterFor says whether the i-th word of s follows "for", past any determiners ("for
// the printer"): what a thing is for.
func afterFor(s *search, i int) bool {
	j := i - 1
	for j >= 0 && determiners[s.words[j]] {
		j--
	}
	return j >= 0 && s.words[j] == "for"
}

// titleHasAll reports whether some product's title has every word of q.
func (c *Catalog) titleHasAll(ctx context.Context, q textQuery) (bool, error) {
	return c.hasAll(ctx, q, "{title} : ")
}

// hasAll reports whether some product has every word of q, in the columns that
// columns (an FTS5 column filter such as "{title} : ") names, or in any when empty;
// filters and hidden products aside.
func (c *Catalog) hasAll(ctx context.Context, q textQuery, columns string) (bool, error) {
	return c.anyMatch(ctx, columns+"("+q.match(false)+")")
}

// sentenceTypes is searchTypes for a sentence that no need of the vocabulary names,
// unless a product's title has every word of it.
func (c *Catalog) sentenceTypes(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if titled, err := c.titleHasAll(ctx, s.text); err != nil || titled {
		return res, false, err
	}
	first := accessoriesNamed(s, c.vocabulary())
	if len(first) == 0 && slices.Contains(s.rest, "for") && onlyArticlesDropped(s.words, s.rest) {
		head, err := c.headType(ctx, s)
		if err != nil {
			return res, false, err
		}
		if head != "" {
			first = []string{head}
		}
	}
	return c.searchTypes(ctx, s, res, offset, first)
}

// searchTypes searches for the product types the words of s stand for (see
// voteTypes): products of those types that have some of the words, the best type
// first, after the accessories named first (see accessoriesNamed) when they are other
// types. ok is false when no type stands out or none has the words.
func (c *Catalog) searchTypes(ctx context.Context, s *search, res Result, offset int, first []string) (Result, bool, error) {
	q, err := c.withoutForBrand(ctx, s)
	if err != nil {
		return res, false, err
	}
	votes, err := c.voteTypes(ctx, s.learned, q)
	if err != nil {
		return res, false, err
	}
	if len(votes) == 0 && len(q.words) < len(s.text.words) {
		q = s.text
		if votes, err = c.voteTypes(ctx, s.learned, q); err != nil {
			return res, false, err
		}
	}
	if len(votes) == 0 {
		return res, false, nil
	}
	if s.sentence {
		votes = theirsLast(s, votes)
		if first, err = c.supportedFirst(ctx, s, q, first, votes); err != nil {
			return res, false, err
		}
	}
	heads := slices.Clone(first)
	var idx []int
	for _, v := range votes {
		if !slices.Contains(heads, v.head) {
			heads = append(heads, v.head)
		}
		for _, j := range v.words {
			if !slices.Contains(idx, j) {
				idx = append(idx, j)
			}
		}
	}
	slices.Sort(idx)
	words := make([]string, len(idx))
	// The other words, and the alternatives of a word no product has ("sd card":
	// "memory card"), as they voted (see typeScores).
	var others []string
	for i, j := range idx {
		words[i] = q.words[j]
		if i > 0 {
			others = append(others, words[i])
		}
		if j < len(q.alts) && len(q.alts[j]) > 0 {
			if has, err := c.indexHas(ctx, words[i]); err != nil {
				return res, false, err
			} else if !has {
				others = append(others, q.alts[j]...)
			}
		}
	}
	alt := *s
	// Any of the words that point to the types, and the types: "(coffee OR hot) AND
	// (mug OR tumbler)".
	alt.text = textQuery{words: []string{words[0], heads[0]}, alts: [][]string{others, heads[1:]}}
	// The words that did not vote still rank the products of the types: "105" of
	// "105 disc brake pads" puts the 105 pads first. Not in a sentence with filler
	// words, whose other words are mostly the shopper's story.
	for j, w := range q.words {
		if s.sentence && !onlyArticlesDropped(s.words, s.rest) || slices.Contains(words, w) || stopwords[w] {
			continue
		}
		terms := []string{w}
		if j < len(q.alts) {
			terms = append(terms, q.alts[j]...)
		}
		alt.text.ranks = append(alt.text.ranks, terms)
	}
	if s.intent != nil {
		in := *s.intent
		in.heads, in.words, in.order = map[string]bool{}, map[string]bool{}, map[string]int{}
		for i, h := range heads {
			in.heads[h], in.words[h], in.order[h] = true, true, i
		}
		for _, w := range words {
			in.words[wordKey(w)] = true
		}
		if in.madeHits, err = c.madeForTarget(ctx, s, heads); err != nil {
			return res, false, err
		}
		alt.intent = &in
	}
	out := res
	out.Words = strings.Join(heads, " or ")
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)], typesNote(s, heads, words))
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// typesNote says what searchTypes read s as: the types heads its words voted for
// (words). It names only the types the shopper asked for, a head that is one of their
// words ("shoes" of "trail runner shoes", "moisturiser" of "fragrance free
// moisturiser for sensitive skin"). The types the words only voted for are named when
// the shopper's words name no type and make a sentence ("a soft foam thing for
// weeding" reads as pads): it is what the sentence was read as. Otherwise they are the
// heads of the titles that have the words, not what was asked ("sun cream spf 50"
// voting for fluids and balms, "spf 30 for kids" for fluids, "paint" whose titles are
// paint brushes): no type is named.
func typesNote(s *search, heads, words []string) string {
	said := map[string]bool{}
	typed := false
	for _, w := range s.words {
		k := wordKey(w)
		said[k] = true
		typed = typed || s.namesType(k)
	}
	var asked []string
	for _, h := range heads {
		if said[wordKey(h)] {
			asked = append(asked, h)
		}
	}
	switch {
	case len(asked) > 0:
		return fmt.Sprintf("Read as a search for %s: the products of the catalog that most often have the words %s.", strings.Join(asked, " or "), quoteList(words))
	case s.sentence && !typed:
		return fmt.Sprintf("Read as a search for %s: the products of the catalog that most often have the words %s.", strings.Join(heads, " or "), quoteList(words))
	}
	return fmt.Sprintf("Read as a search for the kinds of product that most often have the words %s.", quoteList(words))
}

// withoutForBrand returns the words of s less a brand named after "for" ("laptop
// power cord for halden tech"): the brand says what the thing fits, not what it is,
// and its own products' types ("Halden Tech" memory cards) are not what was asked. A
// query with no such brand, or with nothing else, keeps every word.
func (c *Catalog) withoutForBrand(ctx context.Context, s *search) (textQuery, error) {
	at := slices.Index(s.rest, "for")
	if at < 0 || s.learned == nil {
		return s.text, nil
	}
	after := map[string]bool{}
	for _, w := range s.rest[at+1:] {
		after[w] = true
	}
	keep := make([]bool, len(s.text.words))
	dropped := false
	for i, w := range s.text.words {
		keep[i] = true
		if strings.Contains(w, " ") || !after[w] {
			continue
		}
		brand, err := s.learned.brandWord(ctx, c, wordKey(w))
		if err != nil {
			return textQuery{}, err
		}
		if brand {
			keep[i], dropped = false, true
		}
	}
	if !dropped || !slices.Contains(keep, true) {
		return s.text, nil
	}
	return s.text.only(keep), nil
}

// theirsLast reorders the type votes of sentence s: the types the shopper says they
// have (a word of the type's name that a possessive owns: "my label printer ran out
// of tape") come after the first other type that a word they do not say they have
// points to ("tape"), since the sentence asks for something else than what it tells
// of. When every word that votes is the shopper's ("my cats litter box stinks"), the
// votes stay as they are.
func theirsLast(s *search, votes []typeVote) []typeVote {
	v := s.c.vocabulary()
	theirs := func(w string) bool {
		k := wordKey(w)
		for j, x := range s.words {
			if wordKey(x) == k && owned(s, v, j) {
				return true
			}
		}
		return false
	}
	asked := slices.IndexFunc(votes, func(vt typeVote) bool {
		return !theirs(vt.head) && slices.ContainsFunc(vt.words, func(i int) bool { return !theirs(s.text.words[i]) })
	})
	if asked <= 0 || !slices.ContainsFunc(votes[:asked], func(vt typeVote) bool { return theirs(vt.head) }) {
		return votes
	}
	out := make([]typeVote, 0, len(votes))
	for _, vt := range votes {
		if !theirs(vt.head) {
			out = append(out, vt)
		}
	}
	for _, vt := range votes {
		if theirs(vt.head) {
			out = append(out, vt)
		}
	}
	return out
}

// quoteList lists words, quoted.
func quoteList(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(out, ", ")
}

// maxNeedsTried bounds the needs a query searches for, best first, until one finds
// products. A sentence's need the catalog does not bear out (its things not sold, or
// needUnsupported) is passed over without counting ("my skin and lips crack in the dry
// winter air" in a shop of humidifiers passes dry skin and dry lips for dry air), up
// to maxNeedsRead needs read.
const (
	maxNeedsTried = 3
	maxNeedsRead  = 12
)

// searchNeeds searches for what the first of needs that any product meets names.
func (c *Catalog) searchNeeds(ctx context.Context, s *search, res Result, offset int, needs []int) (Result, bool, error) {
	v := c.vocabulary()
	tried := 0
	for _, n := range needs[:min(len(needs), maxNeedsRead)] {
		if tried == maxNeedsTried {
			break
		}
		if !s.sentence && namesTerm(s, v.needs[n].terms) {
			// A short query that names a thing of the need ("car roof bike rack") asked
			// for that thing as it says, and no product has all its words: the need's
			// things without them are no answer.
			continue
		}
		if s.sentence {
			if sold, err := c.soldAny(ctx, s, v.needs[n].terms); err != nil || !sold && !namesTerm(s, v.needs[n].terms) {
				if err != nil {
					return res, false, err
				}
				continue
			}
			if weak, err := c.needUnsupported(ctx, s, v.needs[n]); err != nil || weak {
				if err != nil {
					return res, false, err
				}
				continue
			}
		}
		tried++
		ns := *s
		ns.needCues = v.needs[n].cues
		if out, ok, err := c.searchNeed(ctx, &ns, res, offset, v.needs[n].terms); err != nil || ok {
			return out, ok, err
		}
	}
	return res, false, nil
}

// searchNeed searches for terms, the things a need names: for the first alone when it
// fills the page (it is what is meant: "write notes" is for notebooks before pens),
// else for any of them, the first ones first.
func (c *Catalog) searchNeed(ctx context.Context, s *search, res Result, offset int, terms []string) (Result, bool, error) {
	if len(terms) > 1 {
		out, ok, err := c.searchNeed(ctx, s, res, offset, terms[:1])
		if err != nil || ok && out.Total >= offset+s.q.Limit {
			return out, ok, err
		}
	}
	alt := *s
	text, err := c.expand(ctx, s.learned, terms[:1], false)
	if err != nil {
		return res, false, err
	}
	if len(terms) > 1 {
		text.alts = [][]string{append(slices.Clone(text.alts[0]), terms[1:]...)}
		if len(text.words) != 1 {
			text = textQuery{words: terms[:1], alts: [][]string{terms[1:]}}
		}
	}
	alt.text = text
	if s.intent != nil {
		in := *s.intent
		in.heads, in.words, in.order = map[string]bool{}, map[string]bool{}, map[string]int{}
		for i, t := range terms {
			f := strings.Fields(t)
			head := f[len(f)-1]
			in.heads[head] = true
			if !hasKey(in.order, head) {
				in.order[head] = i
			}
			for _, w := range f {
				in.words[w] = true
			}
		}
		in.fit = storyExpr(s, func(k string) bool {
			return slices.ContainsFunc(s.needCues, func(cue string) bool { return cueMatches(cue, k) }) ||
				slices.ContainsFunc(terms, func(t string) bool { return slices.Contains(strings.Fields(t), k) })
		})
		alt.intent = &in
	}
	out := res
	out.Words = strings.Join(terms, " or ")
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)], fmt.Sprintf("Read as a search for %s.", out.Words))
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// headType is the type the head word of query s names in the catalog's titles: the
// title head most of the products with the word in their title have ("toner" of
// "toner for inkora printer" heads toner cartridges), when at least minMeet do
// (minSmallType in a small catalog, see meet: a shop of two water bottles). Empty when
// the query has no head word or its titles name no type.
func (c *Catalog) headType(ctx context.Context, s *search) (string, error) {
	w := queryHead(s.rest)
	if w == "" {
		return "", nil
	}
	if t, err := c.modifierType(ctx, s, w); err != nil || t != "" {
		return t, err // a compound head after another word (learnvoc.go)
	}
	head, top, err := c.topTitleHead(ctx, w, "")
	if err != nil || top < s.learned.meet() {
		return "", err
	}
	return head, nil
}

// loneHead reports whether the query's head word heads a title of the catalog, of
// fewer products than make a type (headType): "drum brushes" where the one "Vic Firth
// Heritage Brushes" lacks "drum", "honing rod" where the one "Sharpening Rod" lacks
// "honing". The shopper named a thing the catalog sells; the types the other words
// stand for (drum heads and kits, honing steels) are no reading of it, and the
// products with some of the words, the head's first (ranking's type asked for), are.
func (c *Catalog) loneHead(ctx context.Context, s *search) (bool, error) {
	w := queryHead(s.rest)
	if w == "" {
		return false, nil
	}
	k := wordKey(w)
	head, top, err := c.topTitleHead(ctx, w, k)
	return top > 0 && head == k, err
}

// topTitleHead returns the type-like title head (see typeLike) most of the products
// with term in their title have, and how many have it ("" and 0 when none); of heads
// that tie, prefer.
func (c *Catalog) topTitleHead(ctx context.Context, term, prefer string) (string, int, error) {
	head, top, _, err := c.titleHeads(ctx, term, prefer)
	return head, top, err
}

// withoutKinds returns q's alternatives less those that have their own word in them,
// kinds of it ("camping tent", "pop up tent" of "tent"). Among some of the words, each
// counts once: a product that has a kind has the word already, and the kind would only
// weigh that word above the others ("tent accessory for the roof" finding tents, not
// their footprints).
func withoutKinds(q textQuery) [][]string {
	if q.alts == nil {
		return nil
	}
	out := make([][]string, len(q.alts))
	for i, as := range q.alts {
		if i >= len(q.words) {
			out[i] = as
			continue
		}
		w := " " + q.words[i] + " "
		for _, a := range as {
			if !strings.Contains(" "+a+" ", w) {
				out[i] = append(out[i], a)
			}
		}
	}
	return out
}

// headForType reports whether the query "M H" of s asks for the head's things for the
// first word's thing when no product of the head has both words: both words head
// product titles of the catalog (isType), most matches of the query are headed by the
// first word (its things say the head: "Die-cast tuners" of acoustic guitars), and
// the head's products are made for nothing else, or for the first word's thing: none
// of their titles says "for" something other (the batteries of "watch battery" are
// for RC cars). h is the head's word key, mods the first word's names' keys, its own
// first.
func (c *Catalog) headForType(ctx context.Context, s *search, h string, mods []string) (bool, error) {
	if len(mods) == 0 || !s.learned.isType(h) || !s.learned.isType(mods[0]) {
		return false, nil
	}
	var all, mine int
	err := c.queryRow(ctx, `SELECT count(*), count(CASE WHEN r.head = ? THEN 1 END) FROM (SELECT f.rowid FROM products_fts f
		WHERE products_fts MATCH ? LIMIT ?) m CROSS JOIN product_rank r ON r.rowid = m.rowid`, mods[0], s.text.match(false), maxUseRows).Scan(&all, &mine)
	if err != nil || 2*mine <= all {
		return false, err
	}
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, s.text.words[len(s.text.words)-1])
	rows, err := c.query(ctx, `SELECT r.for_keys FROM products_fts f CROSS JOIN product_rank r ON r.rowid = f.rowid
		WHERE products_fts MATCH ? AND r.head = ? LIMIT ?`, b.String(), h, maxUseRows)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var keys string
		if err := rows.Scan(&keys); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		if keys != "" && !slices.Contains(strings.Fields(keys), mods[0]) {
			return false, nil
		}
		n++
	}
	return n > 0, rows.Err()
}

// familyWord reports whether the word w names a family of types in titles: of the
// first maxUseRows products with w in their titles, at least minTitleShare say it
// right before their title's head, and those heads are at least two ("Drum Kit",
// "Drum Head", "Bass Drum Pedal" of "drum"; not "mount", which heads its titles).
func (c *Catalog) familyWord(ctx context.Context, w string) (bool, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, w)
	rows, err := c.query(ctx, `SELECT f.title FROM products_fts f WHERE products_fts MATCH ? LIMIT ?`, b.String(), maxUseRows)
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	k := wordKey(w)
	all, before := 0, 0
	heads := map[string]bool{}
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return false, fmt.Errorf("search: %w", err)
		}
		all++
		ws := lowerWords(titleName(" " + strings.ToLower(title) + " "))
		h := headOf(ws)
		for i := len(ws) - 1; i > 0; i-- {
			if ws[i] == h {
				if wordKey(ws[i-1]) == k && typeLike(h) {
					before++
					heads[h] = true
				}
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return len(heads) >= 2 && float64(before) >= minTitleShare*float64(all), nil
}

// forHead returns the words before "for" of query s ("gig bag" of "gig bag for
// acoustic") when the query asks for a thing the catalog sells for what follows, and
// no match of all its words is that thing: the words after "for" say what it is for,
// and the products that have them all are other things that say the thing's words
// (acoustic guitars whose descriptions say "Gig bag not included"). The thing is sold
// when its head heads product titles (isType) and the products it heads are made for
// nothing else (none of their titles says "for" something the query does not name).
// Else "".
func (c *Catalog) forHead(ctx context.Context, s *search) (string, error) {
	if s.sentence || s.intent == nil || len(s.intent.codeHits) > 0 || len(s.intent.brands) > 0 {
		return "", nil
	}
	at := slices.Index(s.rest, "for")
	if at < 1 || at == len(s.rest)-1 {
		return "", nil
	}
	head := queryHead(s.rest)
	if head == "" || !s.learned.isType(head) {
		return "", nil
	}
	if headed, err := c.matchHeaded(ctx, s.text, []string{head}, false, 1, nil); err != nil || headed {
		return "", err
	}
	target := forTargetOf(s.rest)
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, s.rest[at-1])
	rows, err := c.query(ctx, `SELECT r.for_keys FROM products_fts f CROSS JOIN product_rank r ON r.rowid = f.rowid
		WHERE products_fts MATCH ? AND r.head = ? LIMIT ?`, b.String(), head, maxUseRows)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var keys string
		if err := rows.Scan(&keys); err != nil {
			return "", fmt.Errorf("search: %w", err)
		}
		if keys != "" && !slices.ContainsFunc(strings.Fields(keys), func(k string) bool { return target[k] }) {
			return "", nil
		}
		n++
	}
	if err := rows.Err(); err != nil || n == 0 {
		return "", err
	}
	return strings.Join(s.rest[:at], " "), nil
}

// forNoneSaid returns the words before "for" of query s ("water bottle" of "water
// bottle for guinea pig") when no product with all of them has any word after "for"
// (past stop words), and the head before "for" is a type of a small catalog (under
// smallCatalog products): whatever they are made for, the shop's few products of the
// type say it otherwise ("for Small Animals"), so the words after "for" can only find
// other things. In a larger catalog Xs that never say Y are more often Xs of other
// things ("wick for space heater": the wicks are for humidifiers). Else "".
func (c *Catalog) forNoneSaid(ctx context.Context, s *search) (string, error) {
	at := slices.Index(s.rest, "for")
	if !s.learned.small || at < 1 || at == len(s.rest)-1 || !s.learned.isType(queryHead(s.rest)) {
		return "", nil
	}
	var after []string
	for _, w := range s.rest[at+1:] {
		if !stopwords[w] && !isNumber(w) {
			after = append(after, w)
		}
	}
	if len(after) == 0 {
		return "", nil
	}
	if said, err := c.anyMatch(ctx, allAndAny(s.rest[:at], after)); err != nil || said {
		return "", err
	}
	return strings.Join(s.rest[:at], " "), nil
}

// allAndAny writes the full-text query of the products with every word of all and
// at least one of some (some is not empty).
func allAndAny(all, some []string) string {
	var b strings.Builder
	for _, w := range all {
		quoteTerm(&b, w)
		b.WriteString(" AND ")
	}
	b.WriteString("(")
	for i, w := range some {
		if i > 0 {
			b.WriteString(" OR ")
		}
		quoteTerm(&b, w)
	}
	b.WriteString(")")
	return b.String()
}
