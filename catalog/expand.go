package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// vocabulary returns the catalog's vocabulary: the built-in one unless SetVocabulary
// gave another.
func (c *Catalog) vocabulary() *Vocabulary {
	c.vocabMu.RLock()
	defer c.vocabMu.RUnlock()
	if c.vocab == nil {
		return BuiltinVocabulary()
	}
	return c.vocab
}

// SetVocabulary makes searches use v instead of the built-in vocabulary (see
// BuiltinVocabulary and Vocabulary.With).
func (c *Catalog) SetVocabulary(v *Vocabulary) {
	c.vocabMu.Lock()
	defer c.vocabMu.Unlock()
	c.vocab = v
}

// expand turns the words understand left into the text query: stop words and repeats
// dropped and at most maxQueryWords kept (as parseText does); each run of words that a
// synonym group of the vocabulary names gets the group's other terms as alternatives
// ("hoover" also finds "vacuum cleaner"); and two words whose joined form is a word of
// the catalog's own index also match that form ("hair dryer" finds "Hairdryer"); a
// type's word also matches the other heads the catalog files as that type
// (typeAliases: "laptop" finds "Chromebook").
//
// In a sentence (sentence set: filler words were dropped, "i want …", "my …") the
// words are counted and voted on one by one: a run of
// them is one term only when it is how the shopper names a thing the catalog calls
// otherwise (no product has the run, or its words apart, but one has a synonym).
func (c *Catalog) expand(ctx context.Context, lv *learnedView, words []string, sentence bool) (textQuery, error) {
	q := parseText(strings.Join(words, " "))
	if q.empty() {
		return q, nil
	}
	v := c.vocabulary()
	if terms, ok := v.need(q.words, true); ok && v.needCovers(q.words) {
		// The query is a need or a department's name: it finds what it names too.
		return textQuery{words: []string{strings.Join(q.words, " ")}, alts: [][]string{terms}, cut: q.cut}, nil
	}
	if heads, err := c.categoryTypes(ctx, lv, q.words, v); err != nil || len(heads) > 0 {
		// Category words ("floor care"): they also find the products of the types
		// filed under them, which uncategorised products share.
		return textQuery{words: []string{strings.Join(q.words, " ")}, alts: [][]string{heads}, cut: q.cut, ranked: true}, err
	}
	keys := make([]string, len(q.words))
	for i, w := range q.words {
		keys[i] = wordKey(w)
	}
	out := textQuery{cut: q.cut}
	apart := map[string]bool{} // the phrases a group applied to, kept whole
	breaks := forBreaks(words)
	for i := 0; i < len(q.words); {
		n := min(v.maxWords, len(q.words)-i)
		for ; n >= 1; n-- {
			group, at, ok := v.sense(keys, i, i+n)
			if !ok {
				continue
			}
			if k := breaks.within(i, i+n); k > 0 && lv != nil && lv.isType(keys[k-1]) {
				continue // "battery for my drill" asks for a battery, which the catalog sells
			}
			own := strings.Join(keys[i:i+n], " ")
			var alts []string
			for _, t := range group {
				if t != own {
					alts = append(alts, t)
				}
			}
			term := strings.Join(q.words[i:i+n], " ")
			// A group the catalog has no term of finds nothing as it is. A phrase whose
			// words some product has apart is searched by its words ("rc car battery"
			// as "rc car" and "battery", when titles say "Battery for … RC Car"); one
			// whose words no product has together names a thing the catalog does not
			// sell ("coffee grinder" where coffee makers are sold). A word keeps no
			// alternatives that would make it look sold ("pillow" in a shop that has
			// no "bed pillow" either).
			// A group of one sense is of use only with the word that chose it
			// ("printer refill": no product has "printer" and "toner", where toner is
			// for a printer named by its code).
			var has bool
			var err error
			if at >= 0 {
				has, err = c.hasAll(ctx, textQuery{words: []string{term, q.words[at]}, alts: [][]string{alts, nil}}, "")
			} else {
				has, err = c.indexHasAny(ctx, term, alts)
			}
			if err != nil {
				return textQuery{}, err
			}
			if has && n > 1 && sentence {
				typed, err := c.indexHas(ctx, term)
				if err != nil {
					return textQuery{}, err
				}
				if typed {
					continue
				}
			}
			if (!has || sentence) && n > 1 {
				split, err := c.splitTerm(ctx, lv, v, q.words[i:i+n], keys[i:i+n], group, !has)
				if err != nil {
					return textQuery{}, err
				}
				if split || sentence && !has {
					continue
				}
			} else if !has {
				alts = nil
			} else if n == 1 {
				// A joined word no product has, whose group has it apart ("boardgame":
				// "board game"), is the spelling step's to split, which says so.
				if joined, err := c.joinedOnly(ctx, term, alts); err != nil {
					return textQuery{}, err
				} else if joined {
					alts = nil
				}
			}
			if n > 1 && has {
				apart[term] = true
			}
			out.words = append(out.words, term)
			out.alts = append(out.alts, alts)
			break
		}
		if n == 0 {
			n = 1
			out.words = append(out.words, q.words[i])
			out.alts = append(out.alts, nil)
		}
		i += n
	}
	out = spellUnits(out)
	// Joined compounds the index has.
	for i := 0; i+1 < len(out.words); i++ {
		a, b := out.words[i], out.words[i+1]
		if len(out.alts[i]) > 0 || len(out.alts[i+1]) > 0 || strings.Contains(a, " ") || strings.Contains(b, " ") ||
			len(a) < 2 || len(b) < 2 || len(a)+len(b) < 6 || isNumber(a) || isNumber(b) {
			continue
		}
		ok, err := c.indexHas(ctx, a+b)
		if err != nil {
			return textQuery{}, err
		}
		if ok {
			out.words[i], out.alts[i] = a+" "+b, []string{a + b}
			out.words = slices.Delete(out.words, i+1, i+2)
			out.alts = slices.Delete(out.alts, i+1, i+2)
		}
	}
	// A phrase kept whole for its group still finds what its words find apart, as it
	// would without the group: "tv remote" finds "Remote Control for … Smart TVs"
	// besides "universal remote", which a filter on price or rating would otherwise
	// leave few of.
	for i, w := range out.words {
		if apart[w] {
			if out.apart == nil {
				out.apart = make([]bool, len(out.words))
			}
			out.apart[i] = true
		}
	}
	// A category word that heads the query finds the kinds of product under it.
	var err error
	if out, err = c.withKinds(ctx, lv, v, words, out); err != nil {
		return textQuery{}, err
	}
	// A type's other names in the catalog's titles (see typeAliases).
	for i, w := range out.words {
		k := wordKey(w)
		if len(out.words) > maxAliasWords || strings.Contains(w, " ") || lv == nil || !lv.isType(k) {
			continue
		}
		aliases, err := lv.typeAliases(ctx, c, k, w)
		if err != nil {
			return textQuery{}, err
		}
		for _, a := range aliases {
			if !slices.ContainsFunc(out.alts[i], func(t string) bool { f := strings.Fields(t); return wordKey(f[len(f)-1]) == a }) {
				out.alts[i] = append(out.alts[i], a)
			}
		}
	}
	return out, nil
}

// splitTerm reports whether a run of words (keys their keys) that a synonym group
// names is better searched word by word: some product has them apart, each word or one
// of its own synonyms ("watch wristband": "Sport Bands … for … Watch"). When unsold
// (no product has a term of the group), it is searched by its words when it may be
// what is made for a type of the catalog (a type, then an accessory word: "printer
// refill", not "car wax"); when it is a kind of a thing the catalog names (half the
// terms of the group at least end in that word: "whistling kettle", "running shoes";
// not "gift card", whose group says "voucher"); when the
// catalog's titles join its two words ("dish rack": "Dishrack"); and when no word of it
// is a word of the catalog's titles, brands or categories, as relaxed counts words
// ("shower curtain"). Otherwise it names a thing the catalog does not sell, and is
// kept whole ("coffee grinder" in a shop of coffee makers).
func (c *Catalog) splitTerm(ctx context.Context, lv *learnedView, v *Vocabulary, words, keys, group []string, unsold bool) (bool, error) {
	apart := textQuery{words: words, alts: make([][]string, len(words))}
	for k := range words {
		if g, ok := v.synonyms(keys, k, k+1); ok {
			for _, t := range g {
				if t != keys[k] {
					apart.alts[k] = append(apart.alts[k], t)
				}
			}
		}
	}
	if met, err := c.hasAll(ctx, apart, ""); err != nil || met {
		return met, err
	}
	if !unsold {
		return false, nil
	}
	last := len(words) - 1
	if lv != nil && lv.isType(keys[last-1]) {
		return v.isAccessory(keys[last]), nil // "printer refill", not "car wax"
	}
	named := func(ws []string) (bool, error) {
		return c.namedWord(ctx, textQuery{words: ws[:1], alts: [][]string{ws[1:]}}, 0)
	}
	kinds := 0
	for _, t := range group {
		if strings.HasSuffix(" "+t, " "+keys[last]) {
			kinds++
		}
	}
	if 2*kinds >= len(group) {
		if kind, err := named(words[last:]); err != nil || kind {
			return kind, err
		}
	}
	if len(words) == 2 {
		if joined, err := c.indexHas(ctx, words[0]+words[1]); err != nil || joined {
			return joined, err
		}
	}
	known, err := named(words)
	return !known, err
}

// otherNamesSold reports whether some product has, in any field, one of the other
// names the vocabulary gives word i of q (its alternatives). A group keeps its terms
// as alternatives when the catalog has the word itself, so a word with alternatives
// is not yet a thing sold under another name: "tablet", which a shop's chargers'
// descriptions say ("charges a laptop, tablet and phone"), has "tablet pc" and
// "android tablet", which no product there says. Rules that read a word with other
// names as a thing the vocabulary knows the catalog sells (otherKind, unsoldHead) ask
// this, so that such a group counts as none: "tablet stand" where the stands are
// monitor stands and "dishwasher tablets" are no more sold than without it.
func (c *Catalog) otherNamesSold(ctx context.Context, q textQuery, i int) (bool, error) {
	alts := altsOf(q, i)
	if len(alts) == 0 {
		return false, nil
	}
	return c.indexHasAny(ctx, alts[0], alts[1:])
}

// indexHasAny reports whether any product has the word or phrase w, or one of alts
// (hidden or not), in one look-up.
func (c *Catalog) indexHasAny(ctx context.Context, w string, alts []string) (bool, error) {
	var b strings.Builder
	textQuery{words: []string{w}, alts: [][]string{alts}, prefix: []bool{false}}.term(&b, 0)
	has, err := c.anyMatch(ctx, b.String())
	if err != nil {
		return false, fmt.Errorf("search: %w", err)
	}
	return has, nil
}

// maxMatchedExprs bounds the look-ups a learned view keeps (see anyMatch); past it, it
// forgets them.
const maxMatchedExprs = 8192

// anyMatch reports whether any product, hidden or not, matches the full-text
// expression expr. What the index holds moves only with catalog_changes.indexed, so
// within a snapshot whose learned view was read (every search reads it before it
// expands its words) the answer is kept in the view, by expression, for every later
// search of the same indexed text: query understanding asks the same few look-ups of
// every query that names a vocabulary term (is a term of its group sold, with the word
// that chose its sense, are its words sold apart, is a joined form a word), and each
// costs an FTS5 look-up of every term in it. Outside a snapshot nothing is kept.
func (c *Catalog) anyMatch(ctx context.Context, expr string) (bool, error) {
	var lv *learnedView
	if s := c.snapshotOf(ctx); s != nil {
		lv = s.learned.Load()
	}
	ask := func() (bool, error) {
		var n int
		err := c.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1)`, expr).Scan(&n)
		return n > 0, err
	}
	if lv == nil {
		return ask()
	}
	return recall(lv, lv.matched, maxMatchedExprs, expr, ask)
}

// indexHas reports whether any product has the word w or phrase (hidden or not).
func (c *Catalog) indexHas(ctx context.Context, w string) (bool, error) {
	return c.matches(ctx, w, false)
}

// isNumber reports whether w is a number: digits, or a decimal number as readSizes
// keeps it, its two parts one phrase ("27 5" of "27.5").
func isNumber(w string) bool {
	whole, frac, decimal := strings.Cut(w, " ")
	if decimal {
		return isDigits(whole) && isDigits(frac)
	}
	return isDigits(w)
}

func isDigits(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// splitCompound returns w split into two words that the index has next to each other
// ("earbuds" → "ear buds"), or "" when no split of w is a phrase of the catalog. Only
// words of seven letters or more are split, each part at least three letters long.
func (c *Catalog) splitCompound(ctx context.Context, w string) (string, error) {
	if strings.Contains(w, " ") || len(w) < 7 || len([]rune(w)) != len(w) {
		return "", nil
	}
	for k := 3; k <= len(w)-3; k++ {
		phrase := w[:k] + " " + w[k:]
		ok, err := c.indexHas(ctx, phrase)
		if err != nil || ok {
			if ok {
				return phrase, nil
			}
			return "", err
		}
	}
	return "", nil
}

// Bounds on the types category words stand for (categoryTypes).
const (
	maxCategoryTypes = 8
	// minCategoryShare is the share of a type's products that must be filed under the
	// words for the type to stand for them: "cleaner" is under "floor care" when most
	// cleaners are vacuum cleaners, not when most are lens cleaners.
	minCategoryShare = 0.3
)

// categoryTypes returns the product types (title head nouns) that the catalog files
// under all of words (learned_type_words, migration 0014), most products first, when
// words are category words and not a product type themselves: "floor care" stands
// for cleaners in a catalog where most vacuum cleaners carry "Floor Care > Vacuums",
// and so finds those that carry no category. Accessory types are left out (they rank
// after the products anyway, and are not what a department is for).
func (c *Catalog) categoryTypes(ctx context.Context, lv *learnedView, words []string, v *Vocabulary) ([]string, error) {
	if len(words) > 3 {
		return nil, nil
	}
	for _, w := range words {
		if isNumber(w) {
			return nil, nil
		}
	}
	if slices.ContainsFunc(words, lv.isType) {
		// A type's word reads as the type, unless the words are a category's name.
		return c.segmentTypes(ctx, lv, words, v)
	}
	// The heads filed under every word, with the fewest products of any word.
	var under map[string]int
	for i, w := range words {
		hs, err := lv.filed(ctx, c, wordKey(w))
		if err != nil || len(hs) == 0 {
			return nil, err
		}
		next := make(map[string]int, len(hs))
		for _, h := range hs {
			if n, ok := under[h.head]; i == 0 || ok {
				next[h.head] = h.products
				if i > 0 {
					next[h.head] = min(n, h.products)
				}
			}
		}
		under = next
	}
	type typ struct {
		head  string
		under int
	}
	var ts []typ
	for head, n := range under {
		if n >= minLearnedType && float64(n) >= minCategoryShare*float64(lv.types[head]) && !v.isAccessory(head) {
			ts = append(ts, typ{head, n})
		}
	}
	slices.SortFunc(ts, func(a, b typ) int { return cmp.Or(cmp.Compare(b.under, a.under), strings.Compare(a.head, b.head)) })
	heads := make([]string, 0, min(len(ts), maxCategoryTypes))
	for _, t := range ts[:min(len(ts), maxCategoryTypes)] {
		heads = append(heads, t.head)
	}
	return heads, nil
}

// joinedOnly reports whether no product has word w, but some product has one of its
// alternatives that is w's letters split by spaces ("board game" of "boardgame").
func (c *Catalog) joinedOnly(ctx context.Context, w string, alts []string) (bool, error) {
	for _, a := range alts {
		if !strings.Contains(a, " ") || strings.ReplaceAll(a, " ", "") != w {
			continue
		}
		if has, err := c.indexHas(ctx, w); err != nil || has {
			return false, err
		}
		return c.indexHas(ctx, a)
	}
	return false, nil
}

// withKinds gives the query's head (queryHead: its last word, or the last before
// "for"), or the head and the word before it, the kinds of product the vocabulary files
// under it ("kinds: cookware => pot, frying pan, kettle") as alternatives, those the
// catalog's index has: "camp cookware" also finds the "Titanium Camp Pot" a shop with
// no category column never calls cookware, and ranking takes the kinds for the type
// asked for (intentOf reads the head's alternatives). A two-word category ("water
// treatment") of words with no alternatives becomes one term; a head's own synonyms
// are kept beside the kinds. A category word the catalog's titles are headed by (a
// learned type: "LED Strip Lighting") names that type and is left as it is, unless
// the query is that word alone in the plural: "hats" names the class, so it finds the
// shop's "Wool Beanie"s beside its "Sun Hat"s (kindsOf "hat").
func (c *Catalog) withKinds(ctx context.Context, lv *learnedView, v *Vocabulary, words []string, out textQuery) (textQuery, error) {
	head := queryHead(words)
	if head == "" || len(v.kinds) == 0 || lv != nil && lv.isType(head) && !pluralAlone(out) {
		return out, nil
	}
	i := slices.IndexFunc(out.words, func(w string) bool { return !strings.Contains(w, " ") && wordKey(w) == head })
	if i < 0 {
		return out, nil
	}
	from, k := i, head
	if i > 0 && !strings.Contains(out.words[i-1], " ") && len(out.alts[i-1]) == 0 {
		if two := wordKey(out.words[i-1]) + " " + head; len(v.kindsOf(two)) > 0 {
			from, k = i-1, two
		}
	}
	kinds := v.kindsOf(k)
	if len(kinds) == 0 {
		return out, nil
	}
	var alts []string
	if from == i {
		alts = slices.Clone(out.alts[i]) // a synonym group's ("jewellery" of "jewelry")
	}
	for _, t := range kinds {
		if slices.Contains(alts, t) {
			continue
		}
		has, err := c.indexHas(ctx, t)
		if err != nil {
			return out, err
		}
		if has {
			alts = append(alts, t)
		}
	}
	if len(alts) == len(out.alts[i]) && from == i {
		return out, nil
	}
	term := strings.Join(out.words[from:i+1], " ")
	words2 := append(slices.Clone(out.words[:from]), term)
	alts2 := append(slices.Clone(out.alts[:from]), alts)
	out.words = append(words2, out.words[i+1:]...)
	out.alts = append(alts2, out.alts[i+1:]...)
	if out.apart != nil {
		out.apart = append(slices.Clone(out.apart[:from]), out.apart[i:]...)
	}
	return out, nil
}

// pluralAlone reports whether q is one word, typed in the plural ("hats", not "hat"
// nor "sun hats"): a shopper naming a class of things rather than one thing.
func pluralAlone(q textQuery) bool {
	return len(q.words) == 1 && !strings.Contains(q.words[0], " ") && wordKey(q.words[0]) != q.words[0]
}
