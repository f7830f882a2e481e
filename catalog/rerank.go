package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ranking that knows product types and fields. After the full-text match ranks by
// BM25, the best rerankPool matches are ordered again by what the query asks for:
//
//  1. products the query names by an exact code (model, part number, GTIN; see
//     codes.go), then
//  2. products of the type the query asks for: the head noun of their title ("Dyson
//     V11 Cordless Vacuum Cleaner" is a cleaner) or the last segment of their category
//     is the query's head noun or a synonym of it, then
//  3. the other matches, then
//  4. things made for the type asked for: accessories (a title headed by an accessory
//     word of the vocabulary, "Laptop Lock", "Vacuum Bags") and products "for" it
//     ("Interface Card for Laptops"), unless the query asks for that accessory
//     ("vacuum bags").
//
// Within each, products of a brand the query names come first, and otherwise the BM25
// order stays; after the words a title covers, the products marked for the gender the
// query names (see genderMarks) come before the unisex and the unmarked ones. Only the pool is reordered, so the cost is bounded whatever matches.

// rerankPool is how many of the best matches are reordered.
const rerankPool = 100

// intent is what ranking needs to know of a query besides its words.
type intent struct {
	heads  map[string]bool // word keys that name the type the query asks for
	words  map[string]bool // word keys of every query word and alternative
	brands map[int64]bool  // brands the query names
	// brandWords are, by brand the query names, how many of its words name it: a
	// title's coverage leaves out the brand it starts with (rankRowOf), so a product
	// of the brand covers them by its brand ("breville": the Breville products before
	// "… Espresso Machine by Breville").
	brandWords map[int64]int
	codeHits   []match // products the query names by code that pass the filters
	// codeNamed means a code hit has the code as its own (see namedByCode): the query
	// names that product, where a code only in "… Compatible with MT200" names what
	// the hit fits, and the page of the shopper's words is not held to the named ones.
	codeNamed bool
	// madeHits, in the reading of a query "X for Y" by the types its words stand for,
	// are the products made for what Y names (madeForTarget): they join the matches as
	// code hits do and rank first, whatever their type.
	madeHits []match
	// order, when set, ranks the types of heads: the things a need names, the first
	// ones first.
	order map[string]int
	// catWords, when set, are category words the query is (see categoryTypes): a
	// product filed under a category without them is not of the type asked for,
	// whatever its title's head.
	catWords []string
	// forTarget, when the query's head names no type of the catalog ("a replacement
	// strap for my smartwatch"), are the word keys after its "for": the products made
	// for them are what it asks for. Only the query's own reading uses it (no order).
	forTarget map[string]bool
	// forBrand, when the query names no brand, is the brand of the product it names
	// by a code after "for" (madeForBrand): its products rank as a named brand's do
	// within each tier, and it counts as no brand named anywhere else.
	forBrand int64
	// forPlatform are the platform words of that product's title ("20v" of "DEWALT
	// 20V MAX XR Drill/Driver Kit (DCD791D2)", see platformWords): within forBrand,
	// the products whose titles have one of them that the brand's products of the type
	// asked for have too rank first (samePlatform).
	forPlatform []string
	forBrandBW  []string // the words of forBrand's key (brandWords), which titles start with
	// fit, in a sentence read by a need, is the full-text expression of its other
	// words that orders the products of each type the need names (see storyFit).
	fit string
	// sorted means the matches come in the order the query's words asked for
	// ("cheapest"): ranking keeps that order within each tier.
	sorted bool
}

// intentOf reads the intent of a query: rest are the words understand left, text the
// expanded query.
func (s *search) intentOf(ctx context.Context, raw string, rest []string, v *Vocabulary) (*intent, error) {
	if s.text.empty() || s.q.Sort != SortRelevance && !s.sortedByWords {
		return nil, nil
	}
	in := &intent{heads: map[string]bool{}, words: map[string]bool{}, brands: map[int64]bool{}, sorted: s.sortedByWords}
	for _, w := range s.text.terms() {
		in.words[wordKey(w)] = true
	}
	folds, err := s.learned.brandFolds(ctx, s.c)
	if err != nil {
		return nil, err
	}
	head := headBeforeBrand(rest, queryHead(rest), folds, s.learned)
	if head != "" {
		in.heads[head] = true
		for i, w := range s.text.words {
			if !slices.Contains(strings.Fields(w), head) && !slices.ContainsFunc(strings.Fields(w), func(x string) bool { return wordKey(x) == head }) {
				continue
			}
			for _, alt := range append([]string{w}, s.text.alts[i]...) {
				f := strings.Fields(alt)
				in.heads[wordKey(f[len(f)-1])] = true
			}
		}
	}
	if head != "" && !s.learned.isType(head) {
		in.forTarget = forTargetOf(rest)
	}
	if s.text.ranked && len(s.text.alts) == 1 {
		for _, w := range strings.Fields(s.text.words[0]) {
			in.catWords = append(in.catWords, wordKey(w))
		}
		in.order = map[string]int{}
		for i, t := range s.text.alts[0] {
			f := strings.Fields(t)
			if h := wordKey(f[len(f)-1]); !hasKey(in.order, h) {
				in.order[h] = i
			}
		}
	}
	in.brandWords = folds.namedBy(rest)
	for id := range in.brandWords {
		in.brands[id] = true
	}
	if codes := queryCodes(beforeMadeFor(raw)); len(codes) > 0 {
		list, _ := json.Marshal(codes) // []string cannot fail to marshal
		join := ""
		if s.f.needsProducts {
			join = " JOIN products p ON p.rowid = k.rowid"
		}
		in.codeHits, err = s.scanMatches(ctx, `SELECT DISTINCT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp
			FROM json_each(?) j CROSS JOIN product_codes c ON c.code = j.value CROSS JOIN product_keys k ON k.rowid = c.rowid`+join+`
			WHERE `+s.f.where+` ORDER BY k.rating DESC, k.rowid LIMIT `+fmt.Sprint(rerankPool),
			append([]any{string(list)}, s.f.args...), nil)
		if err != nil {
			return nil, err
		}
		var ofType bool
		if in.codeNamed, ofType, err = s.namedByCode(ctx, in.codeHits, codes, in.heads); err != nil {
			return nil, err
		}
		if in.codeNamed && !ofType && head != "" && s.learned.isType(head) && codesAfterHead(beforeMadeFor(raw), head) {
			// "hanger cannondale caad13": the code after the thing's name names what the
			// thing is for (a bike), as one after "for" does, when the products whose own
			// code it is are of another type than the one asked for.
			in.codeHits, in.codeNamed = nil, false
		}
	}
	if len(in.brands) == 0 {
		if in.forBrand, in.forBrandBW, in.forPlatform, err = s.madeForBrand(ctx, raw); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// madeForBrand returns the brand of the product a query names by a code after a word
// that says what the thing asked for is made for ("battery for my DCD791D2", "charger
// for DCB205"): when every product whose own code it is (not one that names it only
// after its own "for", as another brand's battery "for KV-D18K" does: codeOnlyFitted)
// is of one brand, that brand (intent.forBrand: its products first within each tier,
// the DEWALT batteries before the others), and the platform words of those products'
// titles (platformWords: "20v" of "DEWALT 20V MAX XR Drill/Driver Kit"); 0 when the
// query names no such code, or its products are of no brand or of several. The caller
// asks only when the query names no brand of its own.
func (s *search) madeForBrand(ctx context.Context, raw string) (brand int64, bw, platform []string, err error) {
	codes := madeForCodes(afterMadeFor(raw))
	if len(codes) == 0 {
		return 0, nil, nil, nil
	}
	list, _ := json.Marshal(codes) // []string cannot fail to marshal
	rows, err := s.c.query(ctx, `SELECT DISTINCT k.brand_id, p.brand_key, p.id, t.title FROM json_each(?) j CROSS JOIN product_codes c ON c.code = j.value
		CROSS JOIN product_keys k ON k.rowid = c.rowid CROSS JOIN products p ON p.rowid = c.rowid CROSS JOIN product_text t ON t.rowid = c.rowid
		LIMIT `+fmt.Sprint(rerankPool), string(list))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("search made for: %w", err)
	}
	defer rows.Close()
	brands := map[int64]bool{}
	for rows.Next() {
		var (
			b              int64
			key, id, title string
		)
		if err := rows.Scan(&b, &key, &id, &title); err != nil {
			return 0, nil, nil, fmt.Errorf("search made for: %w", err)
		}
		if !ownCode(id, title, codes) {
			continue // made for the product named, not it
		}
		brands[b], brand, bw = true, b, brandWords(key)
		for _, w := range platformWords(title, bw) {
			if !slices.Contains(platform, w) {
				platform = append(platform, w)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, nil, nil, fmt.Errorf("search made for: %w", err)
	}
	if len(brands) != 1 || brand == 0 {
		return 0, nil, nil, nil
	}
	return brand, bw, platform, nil
}

// samePlatform returns the products of pool, by rowid, of the brand a code after "for"
// names (intent.forBrand) whose titles have a platform word of the product it names
// (intent.forPlatform: "20v") that the brand's products of the type asked for have too
// (typed: those of the brand in pool whose tier is 2 or more): the DEWALT 20V MAX
// batteries for a 20V MAX drill, not its 12V MAX ones; the Milwaukee M18 batteries, not
// the M12. A platform word none of them has (a model word such as "p215") is no
// platform; nothing when none is left.
func (s *search) samePlatform(ctx context.Context, pool []match, typed map[int64]bool) (map[int64]bool, error) {
	in := s.intent
	var ids []int64
	for _, m := range pool {
		if m.brand == in.forBrand {
			ids = append(ids, m.rowid)
		}
	}
	if len(ids) == 0 || len(in.forPlatform) == 0 {
		return nil, nil
	}
	list, _ := json.Marshal(ids) // []int64 cannot fail to marshal
	rows, err := s.c.query(ctx, `SELECT t.rowid, t.title FROM json_each(?) j CROSS JOIN product_text t ON t.rowid = j.value`, string(list))
	if err != nil {
		return nil, fmt.Errorf("search made for: %w", err)
	}
	defer rows.Close()
	words := map[int64][]string{}
	var shared []string
	for rows.Next() {
		var (
			rowid int64
			title string
		)
		if err := rows.Scan(&rowid, &title); err != nil {
			return nil, fmt.Errorf("search made for: %w", err)
		}
		ws := platformWords(title, in.forBrandBW)
		words[rowid] = ws
		if typed[rowid] {
			for _, w := range ws {
				if slices.Contains(in.forPlatform, w) && !slices.Contains(shared, w) {
					shared = append(shared, w)
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search made for: %w", err)
	}
	if len(shared) == 0 {
		return nil, nil
	}
	out := map[int64]bool{}
	for id, ws := range words {
		if sharesAny(ws, shared) {
			out[id] = true
		}
	}
	return out, nil
}

// madeForCodes are the codes of text after a made-for word (afterMadeFor): those
// queryCodes reads, and a number of six digits or more with a hyphen or dot in it
// ("2804-20", a model number of digits only, which a catalog's titles say too), as
// productCodes stores them. Only the products with one of them are read.
func madeForCodes(text string) []string {
	out := queryCodes(text)
	for _, w := range titleChunks(text) {
		if k := codeKey(w); isNumber(k) && len(k) >= 6 && strings.ContainsAny(w, "-.") && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// ownCode reports whether one of codes is the product's own (its id's, or in its title
// not only after a made-for word, or in the title's last bracket: "RYOBI … Drill/Driver
// Kit with 1.5 Ah Battery and Charger (PCL206K1)"), not only the code of what it is
// made for ("Tamsin 18V Battery for KV-D18K (TM-5AH)").
func ownCode(id, title string, codes []string) bool {
	if slices.Contains(codes, codeKey(id)) || !codeOnlyFitted(title, codes) {
		return true
	}
	t := strings.TrimSpace(title)
	if !strings.HasSuffix(t, ")") {
		return false
	}
	open := strings.LastIndexByte(t, '(')
	if open < 0 {
		return false
	}
	return slices.ContainsFunc(titleChunks(t[open+1:len(t)-1]), func(w string) bool { return slices.Contains(codes, codeKey(w)) })
}

// beforeMadeFor is text up to its first word after which a query names what the thing
// asked for is made for (madeForWord): a code after it names that thing, not the
// product asked for ("cleats for pd-m520" asks for cleats, not the PD-M520 pedals).
func beforeMadeFor(text string) string {
	chunks := titleChunks(text)
	for i, w := range chunks {
		if i > 0 && madeForWord[strings.ToLower(w)] {
			return strings.Join(chunks[:i], " ")
		}
	}
	return text
}

// afterMadeFor is the rest of text from the first word beforeMadeFor stops at ("for
// my DCD791D2" of "battery for my DCD791D2"); "" when it has none.
func afterMadeFor(text string) string {
	chunks := titleChunks(text)
	for i, w := range chunks {
		if i > 0 && madeForWord[strings.ToLower(w)] {
			return strings.Join(chunks[i:], " ")
		}
	}
	return ""
}

// namedByCode reports whether one of hits, the products with one of codes, has the
// code as its own: not only after a word that says what it fits in its title ("… Brake
// Pad Set, Compatible with Deore & MT200" is no MT200 but pads for it; its own code
// comes before: "Shimano L05A Resin Brake Pad Set, Compatible with 105"). A code of its
// attributes or its GTIN, which its title lacks, is its own.
//
// ofType reports whether one of those whose own code it is has one of heads, the type
// asked for, as its title's head.
func (s *search) namedByCode(ctx context.Context, hits []match, codes []string, heads map[string]bool) (named, ofType bool, err error) {
	if len(hits) == 0 {
		return false, false, nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.rowid
	}
	list, _ := json.Marshal(ids) // []int64 cannot fail to marshal
	rows, err := s.c.query(ctx, `SELECT t.title FROM json_each(?) j CROSS JOIN product_text t ON t.rowid = j.value`, string(list))
	if err != nil {
		return false, false, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() && !ofType {
		var title string
		if err := rows.Scan(&title); err != nil {
			return false, false, fmt.Errorf("search: %w", err)
		}
		if !codeOnlyFitted(title, codes) {
			named = true
			h, _ := titleHead(title)
			ofType = heads[h]
		}
	}
	if err := rows.Err(); err != nil {
		return false, false, fmt.Errorf("search: %w", err)
	}
	return named, ofType, nil
}

// headBeforeBrand is the head of words when head, the last word of the thing they
// ask for, is a brand's whole name said after it ("hanger cannondale caad13": the
// hanger is for the Cannondale): the head of the words before the brand, when that
// names a type of the catalog; head otherwise.
func headBeforeBrand(words []string, head string, folds *brandFolds, lv *learnedView) string {
	if head == "" || folds == nil {
		return head
	}
	for j := len(words) - 1; j > 0; j-- {
		if madeForWord[words[j]] {
			continue
		}
		if wordKey(words[j]) != head {
			continue
		}
		if len(folds.whole[foldKey(words[j])]) == 0 {
			return head
		}
		if h := queryHead(words[:j]); h != "" && lv.isType(h) {
			return h
		}
		return head
	}
	return head
}

// codesAfterHead reports whether every code text names (queryCodes) comes after its
// word head (a word key), the head of the thing it asks for: "cannondale caad13" of
// "hanger cannondale caad13", not "caad13" of "caad13 hanger".
func codesAfterHead(text, head string) bool {
	chunks := titleChunks(text)
	at := slices.IndexFunc(chunks, func(c string) bool { return wordKey(strings.ToLower(c)) == head })
	if at < 0 {
		return false
	}
	before := queryCodes(strings.Join(chunks[:at+1], " "))
	return len(before) == 0 && len(queryCodes(strings.Join(chunks[at+1:], " "))) > 0
}

// codeOnlyFitted reports whether title has one of codes, and each only after a word
// that says what the product fits ("for", "compatible", "fits": madeForWord).
func codeOnlyFitted(title string, codes []string) bool {
	after, found := false, false
	for i, w := range titleChunks(title) {
		if i > 0 && madeForWord[strings.ToLower(w)] {
			after = true
			continue
		}
		if slices.Contains(codes, codeKey(w)) {
			if !after {
				return false
			}
			found = true
		}
	}
	return found
}

// correctedIntent is the intent of s searched with its words corrected into fixed: a
// correction takes the misspelled word's place among the words ranking reads the
// query's head from, so that "shreder" corrected ranks as "shredder" typed does (the
// shredders before the sheets made for them). The products the query names by code
// stay those of the query as typed.
func (s *search) correctedIntent(ctx context.Context, fixed textQuery) (*intent, error) {
	if s.intent == nil {
		return nil, nil
	}
	rest := slices.Clone(s.rest)
	for i, w := range s.text.words {
		if i >= len(fixed.words) || fixed.words[i] == w {
			continue
		}
		to := fixed.words[i]
		if i < len(fixed.shown) && fixed.shown[i] != "" {
			to = fixed.shown[i]
		}
		for j, r := range rest {
			if r == w {
				rest[j] = to
			}
		}
	}
	alt := *s
	alt.text = fixed
	in, err := alt.intentOf(ctx, "", rest, s.c.vocabulary())
	if err != nil || in == nil {
		return in, err
	}
	in.codeHits, in.codeNamed = s.intent.codeHits, s.intent.codeNamed
	if len(in.brands) == 0 {
		in.forBrand, in.forBrandBW, in.forPlatform = s.intent.forBrand, s.intent.forBrandBW, s.intent.forPlatform
	}
	return in, nil
}

// forTargetOf returns the word keys after the first "for" of words, without stop
// words and possessives: what the thing asked for is for ("for my smartwatch").
func forTargetOf(words []string) map[string]bool {
	i := slices.Index(words, "for")
	if i < 0 {
		return nil
	}
	out := map[string]bool{}
	for _, w := range words[i+1:] {
		if !stopwords[w] && !possessives[w] && !determiners[w] {
			out[wordKey(w)] = true
		}
	}
	return out
}

// containsAll reports whether have has every one of want.
func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

// brandsNamed returns the brands whose whole name is, by foldKey, a run of one to
// three of words (see brandFolds.named), from the brands the view read once for its
// indexed version (learnedView.brandFolds). The map returned is not to be modified.
func (lv *learnedView) brandsNamed(ctx context.Context, c *Catalog, words []string) (map[int64]bool, error) {
	b, err := lv.brandFolds(ctx, c)
	if err != nil {
		return nil, err
	}
	return b.named(words), nil
}

// brandsNamed is learnedView.brandsNamed from the brands as they are now.
func (c *Catalog) brandsNamed(ctx context.Context, words []string) (map[int64]bool, error) {
	b, err := c.readBrandFolds(ctx)
	if err != nil {
		return nil, err
	}
	return b.named(words), nil
}

// rerank puts the code hits into ms and reorders its best rerankPool matches (see
// the top of this file); total grows by the code hits that the words did not match.
func (s *search) rerank(ctx context.Context, ms []match, total int, anyWord bool) ([]match, int, error) {
	in := s.intent
	if in == nil {
		return ms, total, nil
	}
	if in.sorted && len(in.heads) > 0 && (len(ms) > rerankPool || total > len(ms)) {
		var err error
		if ms, err = s.typedFirst(ctx, ms, anyWord); err != nil {
			return nil, 0, err
		}
	}
	code := map[int64]bool{}
	hits := in.codeHits
	made := map[int64]bool{}
	if len(in.madeHits) > 0 {
		hits = slices.Clone(hits)
		for _, h := range in.madeHits {
			if !slices.ContainsFunc(hits, func(x match) bool { return x.rowid == h.rowid }) {
				hits = append(hits, h)
				made[h.rowid] = true
			}
		}
	}
	if len(hits) > 0 {
		have := map[int64]bool{}
		for _, m := range ms {
			have[m.rowid] = true
		}
		var extra []Ref
		for _, h := range hits {
			if !made[h.rowid] {
				code[h.rowid] = true
			}
			if !have[h.rowid] {
				extra = append(extra, Ref(h.rowid))
			}
		}
		if len(extra) > 0 && total > len(ms) { // some matches were not read: are these among them?
			among, err := s.c.MatchesAmong(ctx, Match{s.text.match(anyWord)}, extra)
			if err != nil {
				return nil, 0, err
			}
			total -= len(among)
		}
		total += len(extra)
		rest := ms
		ms = slices.Clone(hits)
		for _, m := range rest {
			if !code[m.rowid] && !made[m.rowid] {
				ms = append(ms, m)
			}
		}
	}
	n := min(len(ms), rerankPool+len(hits))
	if len(ms) > n && !anyWord {
		// Matches past the pool whose titles have every word join it: "vacuum filter"
		// must not leave the filters behind a hundred vacuum cleaners whose
		// descriptions mention a filter.
		titled, err := s.titledMatches(ctx, s.text.match(anyWord))
		if err != nil {
			return nil, 0, err
		}
		want := make(map[int64]bool, len(titled))
		for _, r := range titled {
			want[int64(r)] = true
		}
		// Only from the best FacetCap, which every page of the search reads alike.
		for i := n; i < min(len(ms), FacetCap); i++ {
			if want[ms[i].rowid] {
				m := ms[i]
				copy(ms[n+1:i+1], ms[n:i])
				ms[n] = m
				n++
			}
		}
	}
	pool := ms[:n]
	if len(pool) < 2 {
		return ms, total, nil
	}
	var (
		cv    coverTerms
		facts []typeFact
	)
	if f := s.folded; f != nil && len(f.facts) == len(pool) {
		// Read with the matches (see foldsFacts); pool is every match, in their order.
		cv, facts = f.cover, f.facts
	} else {
		cv = s.text.cover()
		var err error
		if facts, err = s.keptFacts(ctx, pool, cv.keys, len(in.catWords) > 0); err != nil {
			return nil, 0, err
		}
	}
	v := s.c.vocabulary()
	var other map[int64]bool // made for another stage of life than the query names
	if st := v.queryStages(s.text.words); st != 0 {
		var err error
		if other, err = s.c.otherStage(ctx, v, pool, st); err != nil {
			return nil, 0, err
		}
	}
	var (
		marks map[int64]int  // how each is marked for the gender the query names
		kids  map[int64]bool // those marked for children, when the query asks for them
	)
	if g := cmp.Or(s.q.gender, ageGender(s.q.age)); g != "" {
		var err error
		if marks, err = s.c.genderMarks(ctx, pool, g, s.q.age != "" || s.q.genderYoung); err != nil {
			return nil, 0, err
		}
	}
	// A grown person a sentence names ("my husband": readAudience) is no child: the
	// products marked for children are not marked for the person's gender.
	grown := s.q.audienceRanked && s.q.gender != "" && s.q.age == "" && !s.q.genderYoung
	if s.q.age != "" || grown {
		var err error
		if kids, err = s.c.kidsMarked(ctx, pool); err != nil {
			return nil, 0, err
		}
	}
	var pets map[int64]bool // titled for the pet a sentence names (readAudience)
	if s.q.pet != "" {
		var err error
		if pets, err = s.c.titledFor(ctx, pool, s.q.pet); err != nil {
			return nil, 0, err
		}
	}
	var labels map[int64]bool // the shop's own label for the query
	if in.order == nil && len(in.catWords) == 0 {
		var err error
		if labels, err = s.c.labelled(ctx, s, pool); err != nil {
			return nil, 0, err
		}
	}
	var fit map[int64]float64
	if in.fit != "" {
		var err error
		if fit, err = s.c.storyFit(ctx, in.fit, pool); err != nil {
			return nil, 0, err
		}
	}
	type ranked struct {
		fit                                                     float64
		m                                                       match
		tier, stage, pet, rank, cover, age, gender, code, brand int
		pos, order, label                                       int
	}
	rs := make([]ranked, len(pool))
	for i, m := range pool {
		f := facts[i]
		r := ranked{m: m, pos: i, tier: in.tier(f, v), rank: cv.countRanks(f.title), cover: cv.count(f.title), fit: fit[m.rowid]}
		if r.tier == 2 && f.filed && !containsAll(f.cats, in.catWords) {
			r.tier = 1
		}
		if code[m.rowid] {
			r.code = 1
			if r.tier > 0 {
				r.tier = 3
			}
		}
		if made[m.rowid] {
			r.tier = 3 // made for what the query names after "for"
		}
		if in.forBrand != 0 && m.brand == in.forBrand {
			r.brand = 1
		}
		if in.brands[m.brand] {
			r.brand = 1
			if r.tier >= 2 || in.brandWords[m.brand] == len(cv.words) {
				r.cover = min(r.cover+in.brandWords[m.brand], len(cv.words))
			}
		}
		if other[m.rowid] {
			r.stage = 1
		}
		if labels[m.rowid] {
			r.label = 1 // labelled with the query, first within its tier
		}
		r.gender = marks[m.rowid]
		if kids[m.rowid] {
			if grown {
				r.gender = genderUnmarked
			} else {
				r.age = 1
			}
		}
		if pets[m.rowid] {
			r.pet = 1
		}
		if in.order != nil {
			o, ok := in.order[f.head]
			if !ok {
				o = math.MaxInt32 // after the types named
			}
			r.order = o
		}
		rs[i] = r
	}
	if in.forBrand != 0 && len(in.forPlatform) > 0 {
		typed := map[int64]bool{}
		for _, r := range rs {
			if r.brand > 0 && r.tier >= 2 {
				typed[r.m.rowid] = true
			}
		}
		same, err := s.samePlatform(ctx, pool, typed)
		if err != nil {
			return nil, 0, err
		}
		for i := range rs {
			if same[rs[i].m.rowid] {
				rs[i].brand = 2 // the named product's platform first within its brand
			}
		}
	}
	slices.SortStableFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(b.tier, a.tier); c != 0 {
			return c
		}
		if in.sorted {
			return cmp.Compare(a.pos, b.pos)
		}
		if c := cmp.Compare(b.pet, a.pet); c != 0 {
			return c // for the pet the sentence names, before the order of the types
		}
		if c := cmp.Compare(b.rank, a.rank); c != 0 {
			return c // the words a types reading did not vote with, before the order of its types
		}
		if c := cmp.Compare(a.order, b.order); c != 0 {
			return c
		}
		if c := cmp.Compare(a.stage, b.stage); c != 0 {
			return c
		}
		if c := cmp.Compare(b.cover, a.cover); c != 0 {
			return c
		}
		if c := cmp.Compare(b.label, a.label); c != 0 {
			return c // the shop's label, among titles with as many of the words
		}
		if c := cmp.Compare(b.age, a.age); c != 0 {
			return c
		}
		if c := cmp.Compare(b.gender, a.gender); c != 0 {
			return c
		}
		if c := cmp.Compare(b.code, a.code); c != 0 {
			return c
		}
		if c := cmp.Compare(b.brand, a.brand); c != 0 {
			return c
		}
		if a.tier >= 2 {
			// The products of a type a sentence's need names: those that fit its
			// other words best first (storyFit), then the reading's own order.
			if c := cmp.Compare(b.fit, a.fit); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.pos, b.pos)
	})
	for i := range rs {
		pool[i] = rs[i].m
	}
	s.typeFound = rs[0].tier >= 2
	return ms, total, nil
}

// typedFirst puts first in ms, which are in the order the query's words asked for
// ("cheapest tent"), the first rerankPool matches of the type asked for in that order
// (the head of their title or the last word of their category is one of in.heads, as
// tier reads them), taken from every match: those the order put past the pool would
// otherwise never be reranked, and a large catalog's cheapest matches of "tent" are
// whatever mentions a tent in its description. The rest follow in their order.
func (s *search) typedFirst(ctx context.Context, ms []match, anyWord bool) ([]match, error) {
	heads := make([]string, 0, len(s.intent.heads))
	for h := range s.intent.heads {
		heads = append(heads, h)
	}
	slices.Sort(heads)
	list, expr := jsonStrings(heads), s.text.match(anyWord)
	rowids, cut, err := s.typedMatches(ctx, expr, list)
	if err != nil {
		return nil, err
	}
	typed, err := s.passing(ctx, rowids, nil)
	if err != nil {
		return nil, err
	}
	if cut && len(typed) < rerankPool {
		// The filters pass too few of those kept: read them through the filters.
		from := s.keysFrom(`products_fts JOIN product_keys k ON k.rowid = products_fts.rowid AND products_fts MATCH ?
			JOIN product_rank rr ON rr.rowid = k.rowid AND ` + ofTypes)
		typed, err = s.scanMatches(ctx, `SELECT `+matchColumns+` `+from+` ORDER BY `+s.orderBy()+` LIMIT `+strconv.Itoa(rerankPool),
			append([]any{expr, list, list}, s.f.args...), nil)
		if err != nil {
			return nil, err
		}
	}
	typed = typed[:min(len(typed), rerankPool)]
	if len(typed) == 0 {
		return ms, nil
	}
	first := make(map[int64]bool, len(typed))
	for _, m := range typed {
		first[m.rowid] = true
	}
	for _, m := range ms {
		if !first[m.rowid] {
			typed = append(typed, m)
		}
	}
	return typed, nil
}

// ofTypes is the condition that the row rr of product_rank is of the types whose word
// keys are its two arguments (the same JSON array): by title head or category (see
// tier).
const ofTypes = `(rr.head IN (SELECT value FROM json_each(?)) OR rr.category IN (SELECT value FROM json_each(?)))`

// typedMatches returns the first matches of expr of the types heads lists (a JSON
// array of word keys), in the search's order, before any filter, up to a pool chunk
// (cut reports that more exist). They depend on the text only, so they are kept with
// the expression's pool, or with what pools.few keeps of it, once read for an order
// and types: read every time, they would cost ten times the rest of a search.
func (s *search) typedMatches(ctx context.Context, expr, heads string) (rowids []int64, cut bool, err error) {
	limit := s.c.chunk()
	read := func() ([]int64, error) {
		list, err := s.ordered(ctx, expr, ` AND EXISTS (SELECT 1 FROM product_rank rr WHERE rr.rowid = k.rowid AND `+ofTypes+`)`,
			[]any{heads, heads}, limit)
		if err != nil {
			return nil, err
		}
		return parseRowids(list, limit)
	}
	p := s.pooled
	if p == nil {
		p = s.few
	}
	if p == nil || p.expr != expr {
		rowids, err = read()
		return rowids, len(rowids) == limit, err
	}
	key := string(s.q.Sort) + " " + heads
	p.titledMu.Lock()
	defer p.titledMu.Unlock()
	rowids, ok := p.typed[key]
	if !ok {
		if rowids, err = read(); err != nil {
			return nil, false, err
		}
		if p.typed == nil {
			p.typed = map[string][]int64{}
		}
		p.typed[key] = rowids
	}
	return rowids, len(rowids) == limit, nil
}

// typeFact is what ranking reads of a product's row of product_rank for one query.
type typeFact struct {
	// title says, by the number coverTerms gives each of the query's cover keys,
	// which of them the title has after its brand.
	title    []bool
	head     string   // the head noun of the title (see titleHead), by wordKey
	forKeys  string   // the word keys of the title after "for", "compatible with", …, space-separated
	category string   // the last word of the category's last segment, by wordKey
	filed    bool     // the product has a category (read only for category words)
	cats     []string // the word keys of its category path (likewise)
}

// typeFacts reads the rows of product_rank of ms, in the order of ms (a product
// deleted meanwhile gets the zero typeFact); keys numbers the query's cover keys (see
// coverTerms). With cats, it reads each product's category words too.
func (c *Catalog) typeFacts(ctx context.Context, ms []match, keys map[string]int, cats bool) ([]typeFact, error) {
	rows, err := c.rankFactsOf(ctx, ms, cats)
	if err != nil {
		return nil, err
	}
	return factsOf(rows, keys, cats)
}

// rankFacts is what reranking reads of a product's row of product_rank: ok is false for
// a product without one (deleted meanwhile), and cats says whether categoryKeys was
// read (it is read only for a query of category words).
type rankFacts struct {
	rankRow
	ok, cats bool
}

// maxKeptFacts bounds the rows of product_rank a pool keeps (see keptFacts); past it,
// the pool forgets them all. A row kept takes about 100 bytes (its fields in one
// string, and its map entry), so the at most 1,024 pools (maxPools and maxKept) keep
// at most ~20 MB of them, and a rare word searched again, whose reranking reads at
// most rerankPool, about 10 KB.
const maxKeptFacts = 2 * rerankPool

// keptRank is a product's row of product_rank as a pool keeps it (see keptFacts): its
// head, category, for_keys and title_keys, and with cats its category_keys, joined by
// \x1f, which word keys never have (nor the JSON arrays of them); in one string, as
// a map entry of rankFacts' five strings took twice the memory.
type keptRank struct {
	row  string
	cats bool
}

// facts returns the row k keeps.
func (k keptRank) facts() rankFacts {
	r := rankFacts{ok: true, cats: k.cats}
	rest := k.row
	for _, f := range []*string{&r.head, &r.category, &r.forKeys, &r.titleKeys, &r.categoryKeys} {
		*f, rest, _ = strings.Cut(rest, "\x1f")
	}
	return r
}

// keptFacts is typeFacts for the matches ms of a search drawn from a pool (s.pooled,
// see matches): the rows of product_rank it reads are kept with the pool, and a later
// search of the same text version finds them there instead of looking each up again.
// A row depends on the product's title, brand and category only, so it holds for the
// pool's text version, as the pool's order does (pools.at forgets both when the text
// changes); stock and price, which change without it, are not in it. A search ranked
// in full (no pool) reads them, as typeFacts does.
func (s *search) keptFacts(ctx context.Context, ms []match, keys map[string]int, cats bool) ([]typeFact, error) {
	p := s.pooled
	if p == nil {
		return s.c.typeFacts(ctx, ms, keys, cats)
	}
	rows := make([]rankFacts, len(ms))
	var (
		missing []match
		at      []int
	)
	p.titledMu.Lock()
	for i, m := range ms {
		if k, ok := p.facts[m.rowid]; ok && (k.cats || !cats) {
			rows[i] = k.facts()
		} else {
			missing, at = append(missing, m), append(at, i)
		}
	}
	p.titledMu.Unlock()
	if len(missing) > 0 {
		// Read outside the lock, as titledMatches' callers may wait for it while
		// holding the read pool's only connection.
		read, err := s.c.rankFactsOf(ctx, missing, cats)
		if err != nil {
			return nil, err
		}
		// The rows read, in one string that the kept ones are slices of.
		var b strings.Builder
		spans := make([][2]int, len(read))
		for j, r := range read {
			rows[at[j]] = r
			spans[j][0] = b.Len()
			if r.ok {
				b.WriteString(r.head)
				for _, f := range []string{r.category, r.forKeys, r.titleKeys} {
					b.WriteByte('\x1f')
					b.WriteString(f)
				}
				if cats {
					b.WriteByte('\x1f')
					b.WriteString(r.categoryKeys)
				}
			}
			spans[j][1] = b.Len()
		}
		all := b.String()
		p.titledMu.Lock()
		if p.facts == nil || len(p.facts)+len(read) > maxKeptFacts {
			p.facts = make(map[int64]keptRank, len(read))
		}
		for j, r := range read {
			if r.ok {
				p.facts[missing[j].rowid] = keptRank{row: all[spans[j][0]:spans[j][1]], cats: cats}
			}
		}
		p.titledMu.Unlock()
	}
	return factsOf(rows, keys, cats)
}

// rankFactsOf reads the rows of product_rank of ms, in the order of ms (a product
// deleted meanwhile gets one that is not ok), with their category words when cats.
func (c *Catalog) rankFactsOf(ctx context.Context, ms []match, cats bool) ([]rankFacts, error) {
	list := make([]byte, 0, 8*len(ms)+2)
	list = append(list, '[')
	for i, m := range ms {
		if i > 0 {
			list = append(list, ',')
		}
		list = strconv.AppendInt(list, m.rowid, 10)
	}
	list = append(list, ']')
	// One row of text, a list per column, as matchList reads matches: handing SQLite's
	// values to Go a row at a time costs more than the rest of this. Products are
	// separated by \x1e, which word keys never have (they are letters and digits, and
	// spaces between them), nor the JSON arrays of them. CROSS JOIN makes SQLite look
	// the ids up one by one, in the order of the list.
	extra := ", ''"
	if cats {
		extra = ", coalesce(group_concat(r.category_keys, char(30)), '')"
	}
	var col [6]string
	err := c.queryRow(ctx, `SELECT coalesce(group_concat(r.rowid, char(30)), ''), coalesce(group_concat(r.head, char(30)), ''),
		coalesce(group_concat(r.category, char(30)), ''), coalesce(group_concat(r.for_keys, char(30)), ''),
		coalesce(group_concat(r.title_keys, char(30)), '')`+extra+`
		FROM json_each(?) j CROSS JOIN product_rank r ON r.rowid = j.value`, string(list)).
		Scan(&col[0], &col[1], &col[2], &col[3], &col[4], &col[5])
	if err != nil {
		return nil, fmt.Errorf("search types: %w", err)
	}
	return parseRankFacts(col, ms, cats)
}

// parseFacts reads the typeFacts of ms from lists of the columns of product_rank
// (rowid, head, category, for_keys, title_keys and, with cats, category_keys), each
// separated by \x1e, of some of ms in their order: a product missing from the lists
// (deleted meanwhile) gets the zero typeFact.
func parseFacts(col [6]string, ms []match, keys map[string]int, cats bool) ([]typeFact, error) {
	rows, err := parseRankFacts(col, ms, cats)
	if err != nil {
		return nil, err
	}
	return factsOf(rows, keys, cats)
}

// parseRankFacts reads the rows of product_rank of ms from the lists parseFacts reads,
// in the order of ms: a product missing from them gets one that is not ok.
func parseRankFacts(col [6]string, ms []match, cats bool) ([]rankFacts, error) {
	out := make([]rankFacts, len(ms))
	next := func(i int) string {
		v, rest, _ := strings.Cut(col[i], "\x1e")
		col[i] = rest
		return v
	}
	i := 0
	for col[0] != "" {
		rowid, err := strconv.ParseInt(next(0), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("search types: %w", err)
		}
		for i < len(ms) && ms[i].rowid != rowid {
			i++ // a product deleted meanwhile
		}
		if i == len(ms) {
			return nil, fmt.Errorf("search types: product %d was not asked for", rowid)
		}
		r := &out[i]
		r.ok, r.cats = true, cats
		r.head, r.category, r.forKeys, r.titleKeys = next(1), next(2), next(3), next(4)
		if cats {
			r.categoryKeys = next(5)
		}
		i++
	}
	return out, nil
}

// factsOf returns the typeFacts of rows of product_rank for a query whose cover keys
// keys numbers (see coverTerms), with the category words when cats (each row read
// with them); a row that is not ok gives the zero typeFact.
func factsOf(rows []rankFacts, keys map[string]int, cats bool) ([]typeFact, error) {
	out := make([]typeFact, len(rows))
	title := make([]bool, len(rows)*len(keys))
	for i, r := range rows {
		if !r.ok {
			continue
		}
		f := &out[i]
		f.head, f.category, f.forKeys = r.head, r.category, r.forKeys
		f.title = title[i*len(keys) : (i+1)*len(keys)]
		for k := range strings.FieldsSeq(r.titleKeys) {
			if n, ok := keys[k]; ok {
				f.title[n] = true
			}
		}
		if cats {
			f.filed = r.categoryKeys != "[]"
			if f.filed {
				if err := json.Unmarshal([]byte(r.categoryKeys), &f.cats); err != nil {
					return nil, fmt.Errorf("search types: %w", err)
				}
			}
		}
	}
	return out, nil
}

// rankRow is a product's row of product_rank (migration 0012): the facts of its title
// and category that reranking reads, none of them dependent on the vocabulary.
type rankRow struct {
	head      string // the head noun of the title (see titleHead), by wordKey
	category  string // the last word of the category's last segment, by wordKey
	forKeys   string // the word keys of the title after "for", …, space-separated
	titleKeys string // the coverKeys of the title's words past the brand, once each, space-separated
	// categoryKeys are the word keys of every segment of the category path, once each,
	// as a JSON array (the learned tables of migration 0014 read it in SQL).
	categoryKeys string
}

// rankRowOf is the one function that derives a product's row of product_rank, from its
// title, brand and category as stored (product_text).
func rankRowOf(title, brand, category string) rankRow {
	var r rankRow
	head, forPart := titleHead(title)
	r.head = headPastBrand(title, brand, head)
	var ks []string
	for _, w := range splitWords(forPart) {
		ks = append(ks, wordKey(w))
	}
	r.forKeys = strings.Join(ks, " ")
	if len(brand) <= len(title) && strings.EqualFold(title[:len(brand)], brand) {
		title = title[len(brand):]
	}
	ks = ks[:0]
	for _, w := range lowerWords(title) {
		if k := coverKey(w); !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	r.titleKeys = strings.Join(ks, " ")
	var cks []string
	for _, w := range lowerWords(category) {
		if k := wordKey(w); !slices.Contains(cks, k) && !stopwords[k] {
			cks = append(cks, k)
		}
	}
	r.categoryKeys = jsonStrings(cks) // as json.Marshal writes it; "[]" for none
	if i := strings.LastIndex(category, ">"); i >= 0 {
		category = category[i+1:]
	}
	if ws := lowerWords(category); len(ws) > 0 {
		r.category = wordKey(ws[len(ws)-1])
	}
	return r
}

// upsertRankSQL writes a product's row of product_rank. It updates a row in place
// rather than replacing it, so that the triggers keeping the learned tables (migration
// 0014) see the old row leave, and leaves an equal row alone, so that it dirties no page.
const upsertRankSQL = `INSERT INTO product_rank (rowid, head, category, for_keys, title_keys, category_keys) VALUES (?, ?, ?, ?, ?, ?)
	ON CONFLICT (rowid) DO UPDATE SET head = excluded.head, category = excluded.category, for_keys = excluded.for_keys,
	title_keys = excluded.title_keys, category_keys = excluded.category_keys
	WHERE (head, category, for_keys, title_keys, category_keys) IS NOT
		(excluded.head, excluded.category, excluded.for_keys, excluded.title_keys, excluded.category_keys)`

// fillRankBatch is the batch of the rank's fill (see fill.go), for catalogs from
// before migration 0012: it writes in tx the rows of product_rank of the first n
// products whose rowid is more than after (upsertRankSQL leaves an equal row alone),
// and returns the last rowid it wrote, 0 when no product is past after.
func fillRankBatch(ctx context.Context, tx *sql.Tx, after int64, n int) (int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT t.rowid, t.title, t.brand, t.category FROM product_text t
		WHERE t.rowid > ? AND t.rowid IN (SELECT rowid FROM products) ORDER BY t.rowid LIMIT ?`, after, n)
	if err != nil {
		return 0, err
	}
	type item struct {
		rowid int64
		r     rankRow
	}
	var items []item
	for rows.Next() {
		var (
			rowid                  int64
			title, brand, category string
		)
		if err := rows.Scan(&rowid, &title, &brand, &category); err != nil {
			rows.Close()
			return 0, err
		}
		items = append(items, item{rowid, rankRowOf(title, brand, category)})
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(items) == 0 {
		return 0, err
	}
	ins, err := tx.PrepareContext(ctx, upsertRankSQL)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	for _, it := range items {
		if _, err := ins.ExecContext(ctx, it.rowid, it.r.head, it.r.category, it.r.forKeys, it.r.titleKeys, it.r.categoryKeys); err != nil {
			return 0, err
		}
	}
	return items[len(items)-1].rowid, nil
}

// tier places a product for this query: 2 of the type asked for, 0 made for it (an
// accessory, or "for" it), 1 otherwise.
func (in *intent) tier(f typeFact, v *Vocabulary) int {
	typeMatch := in.heads[f.head] || f.category != "" && in.heads[f.category]
	if in.order == nil && len(in.forTarget) > 0 {
		for k := range strings.FieldsSeq(f.forKeys) {
			if in.forTarget[k] {
				return 2 // made for what the query's thing is for
			}
		}
	}
	switch {
	case groupWords[f.head] && f.category != "" && in.heads[f.category]:
		// Sold as a set of the type asked for and filed as it: "Drill/Driver Kit"
		// under Drills is a drill, though "kit" is an accessory word ("Guitar Care Kit").
		return 2
	case f.head != "" && v.isAccessory(f.head) && !in.words[f.head] && !in.heads[f.head]:
		return 0
	case typeMatch:
		return 2
	case f.forKeys != "":
		for k := range strings.FieldsSeq(f.forKeys) {
			if in.heads[k] {
				return 0
			}
		}
	}
	return 1
}

// headCuts end the first phrase of a title or query: what comes after says what the
// thing is for or comes with, or describes it.
var headCuts = []string{" for ", " compatible ", " with ", " w/ ", ",", " - ", " – ", " — ", "(", "[", " | ", " fits ", " designed for "}

// forCuts begin the part of a title that says what the product is for.
var forCuts = []string{" for ", " compatible with ", " compatible ", " fits ", " designed for "}

// skipHead are words at the end of a title's first phrase that are not its head noun.
var skipHead = set("black", "white", "blue", "red", "green", "gray", "grey", "silver", "gold", "pink", "purple", "yellow",
	"orange", "brown", "beige", "navy", "new", "edition", "version", "model", "generation", "gen", "series", "latest",
	"pack", "set of", "renewed", "refurbished", "pro", "plus", "max", "mini", "ultra", "lite", "xl", "xxl", "s", "m", "l")

// titleHead returns the head noun of a title, by wordKey, and the part of the title
// after a "for" (lower-cased): the head is the last word of the title's first phrase
// (see headCuts) that is not a number, size, code or colour.
func titleHead(title string) (string, string) {
	t := " " + strings.ToLower(withoutMaker(title)) + " "
	first := titleName(t)
	forPart := ""
	for _, cut := range forCuts {
		if i := strings.Index(t, cut); i >= 0 && (forPart == "" || len(t)-i > len(forPart)) {
			forPart = t[i+len(cut):]
		}
	}
	return headOf(lowerWords(first)), strings.TrimSpace(forPart)
}

// headPastBrand is head, the head of title (titleHead), unless it is a word of the
// product's own brand that the title's name says after the thing, followed by a code
// of the brand's ("Replacement Brake Pads Shimano L05A" of Shimano is brake pads):
// then the head of the words before it, when they have one that is no word of the
// brand.
func headPastBrand(title, brand, head string) string {
	bw := brandWords(brand)
	isBrand := func(k string) bool {
		return slices.ContainsFunc(bw, func(w string) bool { return wordKey(w) == k })
	}
	if head == "" || !isBrand(head) {
		return head
	}
	words := lowerWords(titleName(" " + strings.ToLower(withoutMaker(title)) + " "))
	for i := len(words) - 1; i > 0; i-- {
		if wordKey(words[i]) != head {
			continue
		}
		code := i+1 < len(words) && !slices.ContainsFunc(words[i+1:], func(w string) bool { return !isCode(codeKey(w)) })
		j := i // the brand's first word there ("bodum" of "… Beaker Bodum Chambord C8")
		for j > 0 && isBrand(wordKey(words[j-1])) {
			j--
		}
		if h := headOf(words[:j]); code && h != "" {
			return h
		}
		break
	}
	return head
}

// maxMakerWords bounds the words of a maker's name after "by" (withoutMaker).
const maxMakerWords = 3

// withoutMaker returns title less the maker a shop names at its end ("Ember Bug Net
// Hammock by Switchback", "Ceramic Mug by Clay & Co"): " by " followed by one to
// maxMakerWords words that each begin with a capital letter (or are "&", "and", "of",
// "the"), the title's last, after two words at least. The maker is no part of what
// the product is, nor of what it is for ("Tree Straps for Ember by Switchback" is for
// the Ember); a title whose "by" is of its name ("Stand by Me", "Made by Hand Soap":
// one word before it, or a word after it in lower case) keeps it.
func withoutMaker(title string) string {
	i := strings.LastIndex(title, " by ")
	if i < 0 {
		return title
	}
	before, after := strings.Fields(title[:i]), strings.Fields(title[i+len(" by "):])
	if len(before) < 2 || len(after) == 0 || len(after) > maxMakerWords {
		return title
	}
	for _, w := range after {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && w != "&" && w != "and" && w != "of" && w != "the" {
			return title
		}
	}
	return title[:i]
}

// titleName is the first phrase of t, a lower-cased title: what it names the product
// by, before what it says of it (see headCuts).
func titleName(t string) string {
	for _, cut := range headCuts {
		if i := strings.Index(t, cut); i > 0 {
			t = t[:i]
		}
	}
	return t
}

// lowerWords is splitWords for seller text, faster for ASCII: the words are slices of
// one lower-cased copy of s.
func lowerWords(s string) []string {
	if !isASCII(s) {
		return splitWords(s)
	}
	return slices.AppendSeq(make([]string, 0, 12), asciiWords(strings.ToLower(s)))
}

// asciiWords yields the words of s, ASCII text in lower case, as splitWords cuts them:
// runs of letters and digits, each cut to maxWordRunes; slices of s.
func asciiWords(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i := 0; i <= len(s); i++ {
			if i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9') {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				if !yield(s[start:min(i, start+maxWordRunes)]) {
					return
				}
				start = -1
			}
		}
	}
}

// queryHead returns the head noun of a query's words, by wordKey: the last word before
// "for", "with", … that is not a number, size, code or colour.
func queryHead(words []string) string {
	for i, w := range words {
		if w == "for" || w == "with" || w == "compatible" || w == "fits" || w == "that" || w == "to" {
			if i > 0 {
				words = words[:i]
			}
			break
		}
	}
	return headOf(words)
}

func headOf(words []string) string {
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if skipHead[w] || unitWords[w] || strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 || stopwords[w] {
			continue
		}
		return wordKey(w)
	}
	return ""
}

// coverKey compares a query word with a title word loosely: the first five letters of
// its wordKey ("running" and "runner" meet, as "headphone" and "headphones" do).
func coverKey(w string) string {
	k := []rune(wordKey(foldDiacritics(w)))
	return string(k[:min(len(k), 5)])
}

// coverTerms is what coverage compares titles with: the cover keys of a query's words
// and their alternatives, numbered, and each word as the alternatives that cover it
// (the word first), each as the numbers of its words' keys.
type coverTerms struct {
	keys  map[string]int
	words [][][]int
	// ranks are the words that rank but are not matched (textQuery.ranks), after words.
	ranks [][][]int
}

// cover returns q's coverTerms.
func (q textQuery) cover() coverTerms {
	cv := coverTerms{keys: map[string]int{}, words: make([][][]int, len(q.words))}
	term := func(t string) []int {
		var ns []int
		for _, w := range strings.Fields(t) {
			k := coverKey(w)
			n, ok := cv.keys[k]
			if !ok {
				n = len(cv.keys)
				cv.keys[k] = n
			}
			ns = append(ns, n)
		}
		return ns
	}
	for i, w := range q.words {
		cv.words[i] = append(cv.words[i], term(w))
		if i < len(q.alts) {
			for _, alt := range q.alts[i] {
				cv.words[i] = append(cv.words[i], term(alt))
			}
		}
	}
	for _, terms := range q.ranks {
		var alts [][]int
		for _, t := range terms {
			alts = append(alts, term(t))
		}
		cv.ranks = append(cv.ranks, alts)
	}
	return cv
}

// count is the coverage of a title: how many of the query's words the title has
// (title says which numbered keys it has), a word counting when it or one of its
// alternatives has every one of its words there.
func (cv coverTerms) count(title []bool) int { return countIn(cv.words, title) }

// countRanks is how many of the words that rank but are not matched a title has.
func (cv coverTerms) countRanks(title []bool) int { return countIn(cv.ranks, title) }

func countIn(words [][][]int, title []bool) int {
	n := 0
	for _, alts := range words {
		for _, ks := range alts {
			all := true
			for _, k := range ks {
				if k >= len(title) || !title[k] {
					all = false
					break
				}
			}
			if all {
				n++
				break
			}
		}
	}
	return n
}
