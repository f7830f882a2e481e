package catalog

import (
	"cmp"
	"context"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Spelling correction: when a search finds nothing, even with some of its words, each
// query word that no product contains is replaced by the indexed word nearest to it,
// and the search runs once more with the corrected words. Indexed words are stems
// ("sneaker" for "sneakers", "coffe" for "coffee", "batteri" for "battery"), so a
// query word is compared with a stem after folding its diacritics, as the index does,
// and any inflection it ends with ("headphnes" is "headphn" + "es") costs nothing; "ph"
// and "f" are the same sound. The edit budget grows with the word: see editBudget. The
// more common word wins a tie. The corrected query searches for the stem as a prefix,
// since stemming it again could change it ("coffe" would become "coff"), and shows the
// word products use most that has the stem ("headphones", not "headphon").

// maxSpellCandidates bounds how many indexed words one query word is compared with, and
// maxCorrections how many unknown words of one query are corrected.
const (
	maxSpellCandidates = 2000
	maxCorrections     = 4
)

// corrected returns q with misspelled words replaced, and whether anything changed.
// Words of three or four letters are corrected only into words that name a kind of
// product (nearestHead), and not in a sentence.
func (c *Catalog) corrected(ctx context.Context, q textQuery, sentence bool) (textQuery, bool, error) {
	n := len(q.words)
	out := textQuery{words: slices.Clone(q.words), cut: q.cut, prefix: make([]bool, n), shown: slices.Clone(q.words), alts: q.alts, apart: q.apart}
	changed, tried := false, 0
	var lv *learnedView
	for i, w := range q.words {
		runes := utf8.RuneCountInString(w)
		if runes < 3 || runes == 3 && sentence || strings.Contains(w, " ") || i < len(q.alts) && len(q.alts[i]) > 0 {
			continue // words of two letters (of three in a sentence), phrases and words with synonyms are not corrected
		}
		known, err := c.matches(ctx, w, i == n-1)
		if err != nil || known {
			if err != nil {
				return q, false, err
			}
			continue
		}
		if tried == maxCorrections {
			out.unchecked = true
			break
		}
		tried++
		if phrase, err := c.splitCompound(ctx, w); err != nil || phrase != "" {
			if err != nil {
				return q, false, err
			}
			out.words[i], out.shown[i], changed = phrase, phrase, true
			continue
		}
		if !sentence && c.vocabulary().isTerm(w) {
			// A word of the vocabulary (not split in two above) is spelled as meant:
			// the catalog does not sell the thing, and the nearest word it has
			// ("hooded" for "hoodie") names another. (A sentence keeps its corrections
			// to the slips of typing; see onlySlips.)
			out.uncorrected = true
			continue
		}
		if lv == nil {
			if lv, err = c.learnedView(ctx); err != nil {
				return q, false, err
			}
		}
		best := ""
		if runes <= 4 && !sentence { // a sentence's short words are its own ("ran")
			if best, err = c.nearestHead(ctx, lv, w); err != nil {
				return q, false, err
			}
		}
		if best == "" && runes >= 4 {
			if best, err = c.nearestWord(ctx, lv, w, sentence); err != nil {
				return q, false, err
			}
		}
		if best == "" || !sameDigits(w, best) {
			out.uncorrected = true
			continue
		}
		typed := w
		if sentence {
			typed = "" // as products write it most (see nearestWord)
		}
		shown, err := c.surfaceNear(ctx, best, typed)
		if err != nil {
			return q, false, err
		}
		out.words[i], out.prefix[i], out.shown[i], changed = best, true, shown, true
	}
	return out, changed, nil
}

// sameDigits reports whether a and b hold the same digits in the same order. A word
// with digits is a model or part number, a size or a count, where a digit changed names
// another thing (9912e is not a typo of 9915e), so a correction keeps them all.
func sameDigits(a, b string) bool {
	notDigit := func(r rune) bool { return r < '0' || r > '9' }
	return strings.Join(strings.FieldsFunc(a, notDigit), "") == strings.Join(strings.FieldsFunc(b, notDigit), "")
}

// matches reports whether any product matches w as the search uses it (a word, and
// also a prefix when last): what a misspelled word does not do.
func (c *Catalog) matches(ctx context.Context, w string, last bool) (bool, error) {
	expr := textQuery{words: []string{w}}.match(false)
	if !last {
		expr = strings.TrimSuffix(expr, "*")
	}
	has, err := c.anyMatch(ctx, expr)
	if err != nil {
		return false, fmt.Errorf("spelling: %w", err)
	}
	return has, nil
}

// editBudget is how many edits a misspelled word of n letters may be from its
// correction: one for up to five letters, two up to nine, three for longer words.
func editBudget(n int) int {
	switch {
	case n <= 5:
		return 1
	case n <= 9:
		return 2
	}
	return 3
}

// nearestWord returns the indexed word nearest to w (see spellDistance), or "".
// Candidates share w's first letter (folded), or its sound ("f" and "ph"; "c", "k"
// and "s"; "s" and "z"): the
// maxSpellCandidates most common indexed words that start so (see spellWords), in that
// order, so the first of two equally near and common words wins.
//
// A word of a sentence is compared as before the typo benchmark (sentence): with no
// endings the stemmer cut nor a final y as i, only "f" and "ph" for the first letter,
// and the more common word wins a tie. A sentence is mostly the shopper's own words,
// whose corrections the slip test then weighs (keptSlip); the benchmark, of type names
// and brands, measures none of this for sentences.
func (c *Catalog) nearestWord(ctx context.Context, lv *learnedView, w string, sentence bool) (string, error) {
	w = foldDiacritics(w)
	m := newSpellMatcher(w, sentence)
	starts := spellStarts(w)
	if sentence {
		starts = starts[:1]
		switch {
		case strings.HasPrefix(w, "ph"):
			starts = []string{"p", "f"}
		case strings.HasPrefix(w, "f"):
			starts = append(starts, "ph")
		}
	}
	best, bestDist, bestDoc, bestHead := "", 0, 0, false
	for _, start := range starts {
		cands, err := c.spellCandidates(ctx, start)
		if err != nil {
			return "", err
		}
		for i := range cands {
			sc := &cands[i]
			d, ok := m.distance(sc)
			if !ok || best != "" && d > bestDist {
				continue
			}
			// The nearer word wins; of two as near, one that heads titles (names a kind of
			// product: "cat tree", not "true"), then the more common one.
			head := !sentence && lv.isType(sc.term)
			if best == "" || d < bestDist || head && !bestHead || head == bestHead && sc.doc > bestDoc {
				best, bestDist, bestDoc, bestHead = sc.term, d, sc.doc, head
			}
		}
	}
	return best, nil
}

// spellStarts are the starts of the indexed words a correction of w (folded) may be:
// its first letter, and the letters of the same sound ("f" and "ph"; "c", "k" and "s";
// "s" and "z").
func spellStarts(w string) []string {
	first, _ := utf8.DecodeRuneInString(w)
	starts := []string{string(first)}
	switch {
	case strings.HasPrefix(w, "ph"):
		starts = []string{"p", "f"}
	case first == 'f':
		starts = append(starts, "ph")
	case first == 'c':
		starts = append(starts, "k", "s")
	case first == 'k':
		starts = append(starts, "c")
	case first == 's':
		starts = append(starts, "c", "z")
	case first == 'z':
		starts = append(starts, "s")
	}
	return starts
}

// nearestHead returns the correction of a short word w (three or four letters): an
// indexed word that heads product titles (a type the catalog learned: "card", "crib",
// "rug") which w, or w less a final "s", is one slip of the fingers from (slipEdits:
// "crd", "ctib", "rut"), the more common on a tie; or "". A short word is one edit from
// many others ("cafe" from "care", "bug" from "bag"), so only a slip into a word that
// names a kind of product is taken for a typo.
func (c *Catalog) nearestHead(ctx context.Context, lv *learnedView, w string) (string, error) {
	w = foldDiacritics(w)
	forms := [][]rune{[]rune(w)}
	if base, cut := strings.CutSuffix(w, "s"); cut && len(base) >= 2 {
		forms = append(forms, []rune(base))
	}
	// A swap or a letter doubled or undoubled ("carr": "car") is the likelier slip, then
	// the more common word.
	best, bestDoc, bestRank := "", 0, 2
	for _, start := range spellStarts(w) {
		cands, err := c.spellCandidates(ctx, start)
		if err != nil {
			return "", err
		}
		for i := range cands {
			sc := &cands[i]
			if sc.n > 5 || sc.term != sc.key {
				continue // too long, or a "ph" word
			}
			rank := 2
			for _, f := range forms {
				if d := sc.n - len(f); d <= 1 && d >= -1 && slipEdits(f, []rune(sc.term), 1) == 1 {
					r := 1
					if shortSlip(string(f), sc.term) {
						r = 0
					}
					rank = min(rank, r)
				}
			}
			if rank < 2 && (rank < bestRank || rank == bestRank && sc.doc > bestDoc) && lv.isType(sc.term) {
				best, bestDoc, bestRank = sc.term, sc.doc, rank
			}
		}
	}
	return best, nil
}

// spellCandidate is an indexed word spelling may correct to, with what comparing it
// needs worked out once.
type spellCandidate struct {
	term string
	doc  int    // products that have it
	key  string // soundKey(term)
	n    int    // runes of key
	mask uint64 // the runes of key, each as bit r%64
}

// spellWords keeps the candidates of each start spelling compares with (a first
// letter, or "ph"), read from the index the first time a start is asked for, each as
// of the text version it was read at. Asked for after a write of product text, a
// start's words are brought up to date from the terms of that start the writes
// changed (see followStart), or, when that cannot be done, read again.
type spellWords struct {
	mu      sync.Mutex
	byStart map[string]keptWords
	// limit is how many words of a start are kept, maxSpellCandidates unless a test
	// sets it.
	limit int
	// followed counts the times a start's words were brought up to date rather than
	// read again (for the tests).
	followed int
}

// keptWords are the candidates of one start as of a text version, and whether they
// came from index_words (not from products_vocab while it was stale), which following
// the writes needs. cands is never changed once kept: a new slice replaces it.
type keptWords struct {
	version   int64
	cands     []spellCandidate
	fromIndex bool
}

// maxSpellStarts bounds the starts spellWords keeps; past it, it forgets them.
// maxSpellChanges bounds the changed terms of one start followed; past it, spelling
// reads the start's words afresh.
const (
	maxSpellStarts  = 64
	maxSpellChanges = 1000
)

// spellCandidates returns the maxSpellCandidates most common indexed words that start
// with start, most common first, then in order (see spellWords and commonWords).
func (c *Catalog) spellCandidates(ctx context.Context, start string) ([]spellCandidate, error) {
	version, err := c.textVersion(ctx)
	if err != nil {
		return nil, err
	}
	sw := &c.spelling
	sw.mu.Lock()
	kept, ok := sw.byStart[start]
	limit := cmp.Or(sw.limit, maxSpellCandidates)
	sw.mu.Unlock()
	if ok && kept.version == version {
		return kept.cands, nil
	}
	var cands []spellCandidate
	followed := false
	if ok && kept.fromIndex && kept.version < version {
		changes, known, err := c.changedWords(ctx, start, kept.version, maxSpellChanges)
		if err != nil {
			return nil, err
		}
		if known {
			withKeys(changes)
			cands, followed = followStart(kept.cands, changes, limit)
		}
	}
	indexed := true
	if !followed {
		if cands, indexed, err = c.commonWords(ctx, start, limit); err != nil {
			return nil, err
		}
		withKeys(cands)
	}
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if followed {
		sw.followed++
	}
	if _, ok := sw.byStart[start]; sw.byStart == nil || !ok && len(sw.byStart) >= maxSpellStarts {
		sw.byStart = map[string]keptWords{}
	}
	if cur, ok := sw.byStart[start]; !ok || cur.version <= version {
		sw.byStart[start] = keptWords{version: version, cands: cands, fromIndex: indexed}
	}
	return cands, nil
}

// withKeys works out what comparing each candidate needs.
func withKeys(cands []spellCandidate) {
	for i := range cands {
		sc := &cands[i]
		sc.key = soundKey(sc.term)
		sc.n, sc.mask = utf8.RuneCountInString(sc.key), runeMask(sc.key)
	}
}

// followStart returns the limit most common words of a start, most common first, then
// in order, given cands, what they were (the first limit of them), and changes, the
// start's words whose count changed since (0: no product has it now); and false when
// those do not tell. A list shorter than limit was every word of its start, so it
// only takes the changes in. A full one may have left words out, each no earlier in
// that order than its last word: a changed word that now comes after the last cannot
// be placed among them, and the list can be cut after the last only while it still
// has limit words that come no later.
func followStart(cands, changes []spellCandidate, limit int) ([]spellCandidate, bool) {
	if len(changes) == 0 {
		return cands, true
	}
	full := len(cands) >= limit
	var last spellCandidate
	if len(cands) > 0 {
		last = cands[len(cands)-1]
	}
	changed := make(map[string]bool, len(changes))
	var in []spellCandidate // the changes that go in the list, in its order
	for _, ch := range changes {
		changed[ch.term] = true
		if ch.doc > 0 && (!full || wordOrder(ch, last) <= 0) {
			in = append(in, ch)
		}
	}
	slices.SortFunc(in, wordOrder)
	out := make([]spellCandidate, 0, len(cands)+len(in))
	for _, sc := range cands { // merged with in, the list's order kept
		if changed[sc.term] {
			continue
		}
		for len(in) > 0 && wordOrder(in[0], sc) < 0 {
			out, in = append(out, in[0]), in[1:]
		}
		out = append(out, sc)
	}
	out = append(out, in...)
	if full && len(out) < limit {
		return nil, false
	}
	return out[:min(len(out), limit)], true
}

// wordOrder is the order of commonWordsSQL: the more common word first, then by term.
func wordOrder(a, b spellCandidate) int {
	return cmp.Or(cmp.Compare(b.doc, a.doc), strings.Compare(a.term, b.term))
}

// runeMask sets bit r%64 for each rune r of s.
func runeMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		m |= 1 << (uint32(r) % 64)
	}
	return m
}

// inflections are the endings a query word may have beyond the stem it is compared
// with, at no cost.
// ("er" is none: see derivations).
var inflections = []string{"s", "es", "e", "ed", "ing", "y", "ies"}

// derivations are endings that make another word of a word ("blend" → "blender").
var derivations = set("er", "ers", "or", "ors", "ery")

// derivedEndings are endings the index's stemmer takes off some words ("moisturizer"
// is indexed as "moistur", "attachment" as "attach", "zoomrunner" as "zoomrunn"): a
// misspelled word that ends so is also compared without the ending, as long as what
// is left is itself misspelled (a word of the index with one of them added is another
// word: see derivations). The longest ending that fits is tried.
var derivedEndings = []string{"izers", "isers", "ments", "izer", "iser", "ment", "ness", "ers", "ize", "ise", "er"}

// spellDistance is how far query word w is from the indexed stem, and whether it is
// near enough to be its correction: within the edit budget (see editBudget) of w, or
// of w without an inflection it ends with ("headphnes" is "headphn" + "es"). Stems of
// fewer than three letters correct nothing, and words of four letters or fewer only
// by swapping neighbours or doubling or undoubling a letter: other slips turn too many
// short words into other words ("cafe" into "care" or "chafe"). Both are compared by
// their soundKey. nearestWord compares one word with many stems through a
// spellMatcher, which is the same.
func spellDistance(w, stem string) (int, bool) {
	m := newSpellMatcher(w, false)
	key := soundKey(stem)
	return m.distance(&spellCandidate{term: stem, key: key, n: utf8.RuneCountInString(key), mask: runeMask(key)})
}

// spellMatcher compares one query word with indexed stems, as spellDistance says:
// the forms of the word it tries (the word, and the word without each inflection it
// ends with) are worked out once, and a stem that a form's length or letters put
// beyond its edit budget is not aligned with it.
type spellMatcher struct {
	key   string // soundKey of the word
	short bool   // four letters or fewer
	plain bool   // every edit costs one, no stemmer's endings (a sentence's word)
	tries []spellTry
}

type spellTry struct {
	key     string // soundKey of the form
	n       int    // runes of key
	budget  int    // editBudget of the form's letters
	mask    uint64 // runeMask(key)
	whole   bool   // the word itself, not a form without an inflection
	derived bool   // the word less a derivedEnding: it must not be the stem itself
}

func newSpellMatcher(w string, plain bool) spellMatcher {
	m := spellMatcher{key: soundKey(w), short: utf8.RuneCountInString(w) <= 4, plain: plain}
	add := func(base string, whole, derived bool) {
		n := utf8.RuneCountInString(base)
		if n < 3 {
			return
		}
		key := soundKey(base)
		m.tries = append(m.tries, spellTry{key: key, n: utf8.RuneCountInString(key), budget: editBudget(n), mask: runeMask(key), whole: whole, derived: derived})
	}
	add(w, true, false)
	for _, end := range inflections {
		if base, cut := strings.CutSuffix(w, end); cut {
			add(base, false, false)
		}
	}
	if plain {
		return m
	}
	if base, cut := strings.CutSuffix(w, "y"); cut && utf8.RuneCountInString(base) >= 3 {
		add(base+"i", false, false) // as the stemmer writes a final y ("batteri")
	}
	for _, end := range derivedEndings {
		if base, cut := strings.CutSuffix(w, end); cut && utf8.RuneCountInString(base) >= 5 {
			add(base, false, true)
			break
		}
	}
	return m
}

// distance is spellDistance of the matcher's word and sc.
func (m *spellMatcher) distance(sc *spellCandidate) (int, bool) {
	if sc.n < 3 {
		return 0, false
	}
	best, ok := 0, false
	for i := range m.tries {
		t := &m.tries[i]
		if t.whole {
			// A word of the index with -er or -or added is another word, not a
			// misspelling of it ("blender" is not "blend", nor "speaker" "speak").
			if rest, cut := strings.CutPrefix(m.key, sc.key); cut && derivations[rest] {
				continue
			}
		}
		// Each edit changes the length by one at most, and adds at most one letter
		// the other lacks: a stem further than that is beyond the budget.
		if t.n-sc.n > t.budget || sc.n-t.n > t.budget ||
			bits.OnesCount64(t.mask&^sc.mask) > t.budget || bits.OnesCount64(sc.mask&^t.mask) > t.budget {
			continue
		}
		// In halves of an edit, so that a form less a derived ending can cost half an
		// edit more.
		d := 2 * editDistance(t.key, sc.key, t.budget, 1)
		if m.short {
			if !shortSlip(t.key, sc.key) {
				continue
			}
			d = 2
		}
		if t.derived {
			if d == 0 {
				continue
			}
			d++ // less sure than the word as typed: it loses a tie
		}
		if d <= 2*t.budget && (!ok || d < best) {
			best, ok = d, true
		}
	}
	return best, ok
}

// shortSlip reports whether a and b differ by one swap of neighbours, or by one letter
// doubled in the longer.
func shortSlip(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == len(rb) {
		return editDistance(a, b, 1, 2) == 1 // a swap: no substitution fits in 1
	}
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra) != len(rb)+1 {
		return false
	}
	for i := 1; i < len(ra); i++ {
		if ra[i] == ra[i-1] && string(ra[:i])+string(ra[i+1:]) == string(rb) {
			return true
		}
	}
	return false
}

// slipOf reports whether the correction of the typed word w is a slip of typing
// rather than another word: it keeps w's first three letters ("vaccum" → "vacuum"),
// or swaps or doubles a letter ("nosie" → "noise"). "weather" → "water" and "paris"
// → "pair" are other words, which a query about something else has.
func slipOf(w, correction string) bool {
	a, b := []rune(foldDiacritics(w)), []rune(foldDiacritics(correction))
	if len(a) >= 3 && len(b) >= 3 && string(a[:3]) == string(b[:3]) {
		return true
	}
	return len(a) == len(b) && editDistance(string(a), string(b), 1, 2) == 1
}

// sentenceSlip reports whether the correction of w, a word of a sentence, is a slip
// of typing: whether w, or w less an inflection it ends with, is one slip (typoEdit)
// from one of meant, the correction's forms (its stem and how products write it);
// a form of four letters or fewer only by a swap or a letter doubled or undoubled
// (shortSlip), as for short queries, since one key struck for another turns most
// short words into others ("cost" into "coat").
// A compound split into its words is no slip, and is kept too.
// A sentence is mostly the shopper's own words, and a word no product has is far more
// often one of those ("kitten", "concert", "rainy") than a typo, so the first letters
// kept say nothing here: the edit must have the shape of a slip of the fingers.
func sentenceSlip(w string, meant ...string) bool {
	w = foldDiacritics(w)
	forms := []string{w}
	for _, end := range inflections {
		if base, cut := strings.CutSuffix(w, end); cut && utf8.RuneCountInString(base) >= 4 {
			forms = append(forms, base)
		}
	}
	for _, m := range meant {
		m = foldDiacritics(m)
		if strings.ReplaceAll(m, " ", "") == w {
			return true // a compound split ("hairdryer": "hair dryer")
		}
		for _, f := range forms {
			if typoEdit(f, m) && (utf8.RuneCountInString(f) > 4 || shortSlip(f, m)) {
				return true
			}
		}
	}
	return false
}

// typoEdit reports whether typed is a slip of the fingers from meant: one slip
// (slipEdits), or two in a word of eight letters or more ("cancelng": an l undoubled
// and an i dropped), which a shorter word's two edits too often make of another word
// ("kitten" of "kitchen").
func typoEdit(typed, meant string) bool {
	a, b := []rune(typed), []rune(meant)
	limit := 1
	if len(a) >= 8 {
		limit = 2
	}
	d := slipEdits(a, b, limit)
	return d >= 1 && d <= limit
}

// slipEdits is how few slips of the fingers turn meant into typed, or limit+1 when
// more do or other edits are needed. A slip swaps two neighbours ("nosie"), doubles or
// undoubles a letter ("strroller", "pinbal"), drops a letter inside the word
// ("printr"), adds one inside it beside a keyboard neighbour ("blendwer"), strikes a
// key for its neighbour or for a letter of the same sound ("blebder", "ceramik"), or
// puts the doubling on the wrong letter ("vaccum", "slepping"). A letter added or
// dropped at the end is an ending, not a slip ("rain" is not "rainy", nor "make"
// "maker"), unless it doubles the last one; a vowel for another makes another word
// ("battle", "bottle"). It is an optimal-string-alignment distance in which only
// slips cost 1, as editDistance is one in which every edit does.
func slipEdits(a, b []rune, limit int) int {
	never := limit + 1
	if d := len(a) - len(b); d > limit || -d > limit {
		return never
	}
	// d[i][j]: slips from b[:j] to a[:i].
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
	}
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b); j++ {
			if i == 0 && j == 0 {
				continue
			}
			best := never
			if i > 0 && j > 0 {
				step := never
				switch {
				case a[i-1] == b[j-1]:
					step = 0
				case keyNeighbours(a[i-1], b[j-1]) || soundAlike(a[i-1], b[j-1]) || doubles(a, i-1) && doubles(b, j-1):
					step = 1
				}
				best = min(best, d[i-1][j-1]+step)
			}
			if i > 0 && (doubles(a, i-1) || i < len(a) && (i > 1 && keyNeighbours(a[i-1], a[i-2]) || keyNeighbours(a[i-1], a[i]))) {
				best = min(best, d[i-1][j]+1) // a[i-1] added
			}
			if j > 0 && (doubles(b, j-1) || j < len(b)) {
				best = min(best, d[i][j-1]+1) // b[j-1] dropped
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				best = min(best, d[i-2][j-2]+1) // neighbours swapped
			}
			d[i][j] = min(best, never)
		}
	}
	return d[len(a)][len(b)]
}

// soundAlike reports whether two letters are often written for each other because
// they sound alike ("ceramik", "organiser").
func soundAlike(x, y rune) bool {
	return x == 'c' && y == 'k' || x == 'k' && y == 'c' || x == 's' && y == 'z' || x == 'z' && y == 's'
}

// doubles reports whether the i-th letter of w is the same as a letter beside it.
func doubles(w []rune, i int) bool {
	return i > 0 && w[i-1] == w[i] || i+1 < len(w) && w[i+1] == w[i]
}

// keyRows are the letter rows of a QWERTY keyboard, each set half a key right of the
// one above.
var keyRows = [3]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// keyNeighbours reports whether two letters are beside each other on a QWERTY
// keyboard: in the same row, or a key and the two it sits under.
func keyNeighbours(x, y rune) bool {
	rx, cx := keyAt(x)
	ry, cy := keyAt(y)
	if rx < 0 || ry < 0 || x == y {
		return false
	}
	if rx > ry {
		rx, cx, ry, cy = ry, cy, rx, cx
	}
	switch ry - rx {
	case 0:
		return cx-cy == 1 || cy-cx == 1
	case 1: // y is in the row below x's: it sits under x and x's right-hand neighbour
		return cx == cy || cx == cy+1
	}
	return false
}

// keyAt returns the row and column of letter r on the keyboard, or -1, -1.
func keyAt(r rune) (int, int) {
	for row, keys := range keyRows {
		if c := strings.IndexRune(keys, r); c >= 0 {
			return row, c
		}
	}
	return -1, -1
}

// keptSlip reports whether a sentence keeps the correction of its word w into word
// (an indexed stem, or a phrase), which products write as shown: it must be a slip of
// typing (sentenceSlip), and when the slip is one key struck for its neighbour, the
// correction must name a kind of product (names), since that slip turns one of the
// shopper's own words into another just as often ("concert" into "convert", which
// only descriptions say).
func keptSlip(w, word, shown string, names func(string) bool) bool {
	if !sentenceSlip(w, word, shown) {
		return false
	}
	if !neighbourStruck(w, word) && !neighbourStruck(w, shown) {
		return true
	}
	return names(word) || names(shown)
}

// neighbourStruck reports whether typed, or typed less an inflection it ends with, is
// meant with one letter struck for its keyboard neighbour.
func neighbourStruck(typed, meant string) bool {
	typed, meant = foldDiacritics(typed), foldDiacritics(meant)
	forms := []string{typed}
	for _, end := range inflections {
		if base, cut := strings.CutSuffix(typed, end); cut {
			forms = append(forms, base)
		}
	}
	m := []rune(meant)
	for _, f := range forms {
		r := []rune(f)
		if len(r) != len(m) {
			continue
		}
		diff := -1
		for i := range r {
			if r[i] != m[i] {
				if diff >= 0 {
					diff = -2
					break
				}
				diff = i
			}
		}
		if diff >= 0 && keyNeighbours(r[diff], m[diff]) {
			return true
		}
	}
	return false
}

// onlySlips returns fixed, the corrections of the sentence typed, with each
// correction that is not a slip it keeps (keptSlip) put back as typed, and whether
// any correction is left.
func onlySlips(typed, fixed textQuery, names func(string) bool) (textQuery, bool) {
	out := fixed
	out.words, out.shown, out.prefix = slices.Clone(fixed.words), slices.Clone(fixed.shown), slices.Clone(fixed.prefix)
	changed := false
	for i, w := range typed.words {
		switch {
		case out.words[i] == w:
		case keptSlip(w, out.words[i], out.shown[i], names):
			changed = true
		default:
			out.words[i], out.shown[i], out.prefix[i] = w, w, false
		}
	}
	return out, changed
}

// soundKey writes "ph" as "f", so that the two cost nothing to swap.
func soundKey(w string) string { return strings.ReplaceAll(w, "ph", "f") }

// foldDiacritics removes the diacritics of w, as the index's tokenizer does: "café" is
// "cafe".
func foldDiacritics(w string) string {
	ascii := true
	for i := 0; i < len(w) && ascii; i++ {
		ascii = w[i] < utf8.RuneSelf
	}
	if ascii {
		return w // nothing to fold, and no transformer to build
	}
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), w)
	if err != nil {
		return w
	}
	return out
}

// surfaceWord returns how products write the indexed stem: the word of the text of a
// few products that have it which has the stem as a prefix (a final "i" of the stem
// may be a "y", as in "batteri") and occurs most, the shorter on a tie; the stem itself
// when none does.
func (c *Catalog) surfaceWord(ctx context.Context, stem string) (string, error) {
	return c.surfaceNear(ctx, stem, "")
}

// surfaceNear is surfaceWord for a correction of typed: of the words that have the
// stem as a prefix, the one nearest to what was typed, then the one that occurs most
// ("pilow" is "pillow", not "pillowcases", which more products may say).
func (c *Catalog) surfaceNear(ctx context.Context, stem, typed string) (string, error) {
	expr := textQuery{words: []string{stem}, prefix: []bool{true}}.match(false)
	var counts map[string]int
	var err error
	if typed != "" {
		// What a shopper misspelled is more often a word of titles and brands than of
		// descriptions ("moisturizer", not the "moisture-wicking" of socks): those
		// products' titles and brands first.
		counts, err = c.countSurfaces(ctx, stem, `SELECT t.title || ' ' || t.brand FROM products_fts
		JOIN product_text t ON t.rowid = products_fts.rowid WHERE products_fts MATCH ? LIMIT 20`, "{title brand}: ("+expr+")")
		if err != nil {
			return "", err
		}
	}
	if len(counts) == 0 {
		counts, err = c.countSurfaces(ctx, stem, `SELECT t.title || ' ' || t.brand || ' ' || t.category || ' ' || t.tags || ' ' || t.description FROM products_fts
		JOIN product_text t ON t.rowid = products_fts.rowid WHERE products_fts MATCH ? LIMIT 20`, expr)
		if err != nil {
			return "", err
		}
	}
	typed = foldDiacritics(typed)
	far := func(w string) int {
		if typed == "" {
			return 0
		}
		return editDistance(foldDiacritics(w), typed, 1<<10, 1)
	}
	// The stem itself is a candidate when it is nearer by two edits than any word the
	// sample has ("pillow", when the first products sampled say "pillowcases"); a stem
	// is often no word ("coffe"), which one edit does not make worth showing.
	best, bestFar := stem, far(stem)+1
	for w, n := range counts {
		d := far(w)
		if b := counts[best]; best == stem && b == 0 && (typed == "" || d <= bestFar) || d < bestFar ||
			d == bestFar && (n > b || n == b && (len(w) < len(best) || len(w) == len(best) && w < best)) {
			best, bestFar = w, d
		}
	}
	return best, nil
}

// countSurfaces counts the words that have stem as a prefix (see countSurface) in the
// texts query returns for the match expression expr.
func (c *Catalog) countSurfaces(ctx context.Context, stem, query, expr string) (map[string]int, error) {
	rows, err := c.query(ctx, query, expr)
	if err != nil {
		return nil, fmt.Errorf("spelling: %w", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	base := strings.TrimSuffix(stem, "i")
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return nil, fmt.Errorf("spelling: %w", err)
		}
		countSurface(text, stem, base, counts)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("spelling: %w", err)
	}
	return counts, nil
}

// countSurface adds one to counts for each word of text, split as splitWords splits
// it, that starts with stem, or with base+"y" when base is not stem, once its
// diacritics are folded. A word of ASCII letters and digits that does not is passed
// over without being copied: a few products' descriptions have thousands of words.
func countSurface(text, stem, base string, counts map[string]int) {
	var word []rune
	ascii := true
	flush := func() {
		if len(word) == 0 {
			return
		}
		if len(word) > maxWordRunes {
			word = word[:maxWordRunes]
		}
		if !ascii || asciiFoldPrefix(word, stem) || base != stem && asciiFoldPrefix(word, base+"y") {
			w := strings.ToLower(string(word))
			if f := foldDiacritics(w); strings.HasPrefix(f, stem) || base != stem && strings.HasPrefix(f, base+"y") {
				counts[w]++
			}
		}
		word, ascii = word[:0], true
	}
	for _, r := range text {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				word = append(word, r)
			} else {
				flush()
			}
			continue
		}
		// As splitWords.
		if r == utf8.RuneError || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r) {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsNumber(r) || (unicode.Is(unicode.Mn, r) && len(word) > 0) {
			word, ascii = append(word, r), false
			continue
		}
		flush()
	}
	flush()
}

// asciiFoldPrefix reports whether word, all ASCII, lower-cased starts with p.
func asciiFoldPrefix(word []rune, p string) bool {
	if len(word) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		r := word[i]
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		if r != rune(p[i]) {
			return false
		}
	}
	return true
}

// editDistance is the optimal-string-alignment distance between a and b (insertions,
// deletions and swaps of neighbours each cost 1, substitutions subCost), or limit+1
// when it is more than limit.
func editDistance(a, b string, limit, subCost int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := subCost
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], limit+1)
}

// correctedWords is the note shown with corrected results.
func correctedWords(from, to textQuery) string {
	if from.String() == strings.Join(to.words, " ") {
		return fmt.Sprintf("Nothing matched %q as whole words; showing products with words that start with them.", from.String())
	}
	return fmt.Sprintf("Nothing matched %q; showing results for %q.", from.String(), to.String())
}
