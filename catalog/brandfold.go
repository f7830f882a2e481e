package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Brand spellings: shoppers write "loreal" for "L'Oréal", "haagen dazs" for
// "Häagen-Dazs", "b&o" for "Bang & Olufsen". The index (unicode61 remove_diacritics 2)
// already folds diacritics and splits at apostrophes, ampersands and hyphens, so
// "nestle" finds "Nestlé" and "haagen dazs" finds "Häagen-Dazs"; what it cannot meet
// is a word split where the other spelling joins it ("loreal" is one word, "L'Oréal"
// two: "l" and "oreal", and the other way round). foldKey is the one rule both sides
// are compared by; brandFolds holds the catalog's brands under it.

// foldKey is how a brand's words and a query's words are compared: diacritics removed
// as the index removes them (foldDiacritics), lower-case, and nothing but letters and
// digits kept, so that neither apostrophes, ampersands, hyphens nor the spaces between
// words count: "L'Oréal", "l'oreal" and "loreal" are "loreal".
func foldKey(s string) string {
	s = foldDiacritics(strings.ToLower(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return r
		}
		return -1
	}, s)
}

// brandWords are the words of a brand name as a query's words are read (splitWords,
// stop words dropped: "Marks and Spencer" is "marks spencer", as "marks & spencer"
// and "marks and spencer" are).
func brandWords(name string) []string {
	var out []string
	for _, w := range splitWords(name) {
		if !stopwords[w] {
			out = append(out, w)
		}
	}
	return out
}

// brandFolds are the catalog's brands by foldKey, read once per indexed version (see
// learnedTypes.brandFolds).
type brandFolds struct {
	// runs holds, by the foldKey of a run of one to maxBrandRun words of a brand, the
	// run as the index has its words ("l oréal"), each spelling once.
	runs map[string][]string
	// whole holds, by the foldKey of a brand's whole name, its ids.
	whole map[string][]int64
	// initials holds, by the initials of a brand of two to four words ("bo"), the
	// brand's words ("bang olufsen").
	initials map[string][]string
}

const (
	// maxBrandRun is the longest run of a brand's words a query's words are compared with.
	maxBrandRun = 3
	// minFoldKey is the shortest foldKey a query's joined or split words are compared
	// by: shorter ones ("tv", "hp") meet too much by chance.
	minFoldKey = 4
	// maxBrandSpellings bounds the other spellings one run of query words gets.
	maxBrandSpellings = 3
)

// readBrandFolds reads every brand into brandFolds.
func (c *Catalog) readBrandFolds(ctx context.Context) (*brandFolds, error) {
	rows, err := c.query(ctx, `SELECT id, name FROM brands ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("search brands: %w", err)
	}
	defer rows.Close()
	b := &brandFolds{runs: map[string][]string{}, whole: map[string][]int64{}, initials: map[string][]string{}}
	add := func(m map[string][]string, k, v string) {
		if !slices.Contains(m[k], v) {
			m[k] = append(m[k], v)
		}
	}
	for rows.Next() {
		var (
			id   int64
			name string
		)
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("search brands: %w", err)
		}
		ws := brandWords(name)
		if len(ws) == 0 {
			continue
		}
		whole := foldKey(strings.Join(ws, ""))
		b.whole[whole] = append(b.whole[whole], id)
		for i := range ws {
			for j := i + 1; j <= min(len(ws), i+maxBrandRun); j++ {
				if k := foldKey(strings.Join(ws[i:j], "")); len(k) >= minFoldKey {
					add(b.runs, k, strings.Join(ws[i:j], " "))
				}
			}
		}
		if n := len(ws); n >= 2 && n <= 4 {
			var in strings.Builder
			for _, w := range ws {
				r := []rune(foldDiacritics(w))
				in.WriteRune(r[0])
			}
			add(b.initials, in.String(), strings.Join(ws, " "))
		}
	}
	return b, rows.Err()
}

// brandFolds returns the catalog's brands by foldKey, read the first time a view of
// this indexed version asks: brands are added only by writes of indexed text, which
// move that version.
func (lv *learnedView) brandFolds(ctx context.Context, c *Catalog) (*brandFolds, error) {
	lv.mu.Lock()
	b := lv.folds
	lv.mu.Unlock()
	if b != nil {
		return b, nil
	}
	b, err := c.readBrandFolds(ctx)
	if err != nil {
		return nil, err
	}
	lv.mu.Lock()
	lv.folds = b
	lv.mu.Unlock()
	return b, nil
}

// brandSpellings gives a run of q's words that spells a run of a brand's words with
// the words joined or split otherwise the brand's spelling as an alternative: "loreal"
// also matches "L'Oréal" (the words "l oréal"), "l'oreal" also "Loreal"; and two
// letters written with "&" between them ("b&o", see ampersandInitials) the brand whose
// initials they are ("Bang & Olufsen"). Words that already have alternatives, and
// numbers, are left alone.
func brandSpellings(q textQuery, b *brandFolds, initials map[string]bool) textQuery {
	if b == nil || q.empty() {
		return q
	}
	if len(q.alts) < len(q.words) {
		q.alts = append(q.alts, make([][]string, len(q.words)-len(q.alts))...)
	}
	for i := 0; i < len(q.words); i++ {
		for n := min(maxBrandRun, len(q.words)-i); n >= 1; n-- {
			run := q.words[i : i+n]
			if slices.ContainsFunc(run, func(w string) bool { return strings.Contains(w, " ") || isNumber(w) }) ||
				slices.ContainsFunc(q.alts[i:i+n], func(a []string) bool { return len(a) > 0 }) {
				continue
			}
			joined := foldKey(strings.Join(run, ""))
			var others []string
			for _, s := range b.runs[joined] {
				if len(strings.Fields(s)) != n && len(others) < maxBrandSpellings {
					others = append(others, s)
				}
			}
			if n >= 2 && initials[joined] {
				for _, s := range b.initials[joined] {
					if len(others) < maxBrandSpellings {
						others = append(others, s)
					}
				}
			}
			if len(others) == 0 || len(joined) < minFoldKey && !initials[joined] {
				continue
			}
			if n == 1 {
				// One word for a brand of more ("casaverde"): the brand's words are
				// searched, and shown, as the shopper meant them, the word as written
				// an alternative (spelling splits such a word the same way).
				q.words[i], q.alts[i] = others[0], append(others[1:], run[0])
				break
			}
			q.words = slices.Replace(q.words, i, i+n, strings.Join(run, " "))
			q.alts = slices.Replace(q.alts, i, i+n, others)
			if len(q.prefix) > i {
				q.prefix = nil // corrections are made later, on the words as they are
			}
			break
		}
	}
	return q
}

// ampersandInitials returns the pairs of single letters that text writes with "&"
// between them ("b&o", "B & O"), lower-cased and joined ("bo"): initials a brand may
// go by.
func ampersandInitials(text string) map[string]bool {
	toks, _ := lex(text)
	var out map[string]bool
	for i := 0; i+2 < len(toks); i++ {
		a, amp, b := toks[i], toks[i+1], toks[i+2]
		if a.kind == tWord && amp.kind == tSymbol && amp.text == "&" && b.kind == tWord &&
			len([]rune(a.text)) == 1 && len([]rune(b.text)) == 1 {
			if out == nil {
				out = map[string]bool{}
			}
			out[foldKey(a.text+b.text)] = true
		}
	}
	return out
}

// named returns the brands whose whole name is, by foldKey, a run of one to three of
// words, stop words left out: "nestle" names "Nestlé", "haagen dazs" "Häagen-Dazs",
// "bang and olufsen" "Bang & Olufsen".
func (b *brandFolds) named(words []string) map[int64]bool {
	out := map[int64]bool{}
	for id := range b.namedBy(words) {
		out[id] = true
	}
	return out
}

// namedBy is named with, for each brand, how many of the words (stop words aside)
// name it: the longest run that does.
func (b *brandFolds) namedBy(words []string) map[int64]int {
	var ws []string
	for _, w := range words {
		if !stopwords[w] {
			ws = append(ws, w)
		}
	}
	out := map[int64]int{}
	for i := range ws {
		for n := 1; n <= 3 && i+n <= len(ws); n++ {
			for _, id := range b.whole[foldKey(strings.Join(ws[i:i+n], ""))] {
				out[id] = max(out[id], n)
			}
		}
	}
	return out
}

// brandIDs returns the brands a brand filter names: those whose name is the filter's
// by BrandKey, and those that are by foldKey, stop words left out as brandWords
// leaves them ("loreal" and "L'OREAL" name "L'Oréal", "b and o" does not, but "bang
// and olufsen" names "Bang & Olufsen"): the rule query words meet brands by. When
// none is, it returns a note for the person instead.
func (c *Catalog) brandIDs(ctx context.Context, lv *learnedView, name string) ([]int64, string, error) {
	name = text.Clean(name, maxBrandLen)
	if name == "" {
		return nil, "", nil
	}
	var ids []int64
	var id int64
	err := c.queryRow(ctx, `SELECT id FROM brands WHERE key = ?`, strings.ToLower(name)).Scan(&id)
	switch {
	case err == nil:
		ids = append(ids, id)
	case !errors.Is(err, sql.ErrNoRows):
		return nil, "", fmt.Errorf("brand filter: %w", err)
	}
	if ws := brandWords(name); len(ws) > 0 {
		b, err := lv.brandFolds(ctx, c)
		if err != nil {
			return nil, "", err
		}
		for _, id := range b.whole[foldKey(strings.Join(ws, ""))] {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		note := fmt.Sprintf("No brand is called %q.", name)
		part, err := c.brandsHolding(ctx, lv, name)
		if err != nil {
			return nil, "", err
		}
		if len(part) > 0 {
			note += " Brands whose name holds it: " + strings.Join(part, ", ") + " (give the whole name)."
		}
		return nil, note, nil
	}
	return ids, "", nil
}

// maxBrandsHolding bounds the brands a brand filter that names none is shown.
const maxBrandsHolding = 3

// brandsHolding returns, quoted, the names of up to maxBrandsHolding brands whose
// name holds name's words by foldKey ("hills" in "Hill's Science Diet", "science
// diet" too), most products first: for the note of a brand filter that names no brand
// (a part of a brand names none). Words shorter than minFoldKey hold nothing.
func (c *Catalog) brandsHolding(ctx context.Context, lv *learnedView, name string) ([]string, error) {
	key := foldKey(strings.Join(brandWords(name), ""))
	if len([]rune(key)) < minFoldKey {
		return nil, nil
	}
	b, err := lv.brandFolds(ctx, c)
	if err != nil {
		return nil, err
	}
	var found []int64
	for whole, wids := range b.whole {
		if strings.Contains(whole, key) {
			found = append(found, wids...)
		}
	}
	if len(found) == 0 {
		return nil, nil
	}
	slices.Sort(found)
	ids := make([]any, 0, min(len(found), 500))
	for _, id := range found[:min(len(found), 500)] { // a bound on the statement's size
		ids = append(ids, id)
	}
	rows, err := c.query(ctx, `SELECT b.name FROM brands b WHERE b.id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)
		AND EXISTS (SELECT 1 FROM products p WHERE p.brand_key = b.key)
		ORDER BY (SELECT COUNT(*) FROM products p WHERE p.brand_key = b.key) DESC, b.name LIMIT `+fmt.Sprint(maxBrandsHolding), ids...)
	if err != nil {
		return nil, fmt.Errorf("brands holding %q: %w", name, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("brands holding %q: %w", name, err)
		}
		out = append(out, strconv.Quote(n))
	}
	return out, rows.Err()
}

// BrandName returns the catalog's name of the one brand that name names by the rule
// brand filters meet brands by (see brandIDs: "loreal paris" names "L'Oréal Paris"),
// so that a brand a person states is kept as the catalog spells it; "" when its key
// is a brand's already (nothing to respell), or it names none or several.
func (c *Catalog) BrandName(ctx context.Context, name string) (string, error) {
	key := BrandKey(name)
	if key == "" {
		return "", nil
	}
	var one int
	err := c.queryRow(ctx, `SELECT 1 FROM brands WHERE key = ?`, key).Scan(&one)
	if err == nil {
		return "", nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("brand name: %w", err)
	}
	lv, err := c.learnedView(ctx)
	if err != nil {
		return "", err
	}
	ids, _, err := c.brandIDs(ctx, lv, name)
	if err != nil || len(ids) != 1 {
		return "", err
	}
	var out string
	if err := c.queryRow(ctx, `SELECT name FROM brands WHERE id = ?`, ids[0]).Scan(&out); err != nil {
		return "", fmt.Errorf("brand name: %w", err)
	}
	return out, nil
}
