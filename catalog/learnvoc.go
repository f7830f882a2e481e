package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Equivalences the catalog shows by itself, learned per indexed version in the learned
// view, for words no synonym group names.
//
// A compound head. Some title heads never name a product alone: a catalog's "machine"
// is always a "Coffee Machine", its "maker" a "Label Maker" or a "Coffee Maker". The
// titles say so: nearly every product such a word heads has one of a few words right
// before it (its modifiers). A query that puts another word before it ("stapler
// machine", "mist maker") does not ask for the catalog's coffee machines; it names,
// by that word, the type the word stands for in the titles (staplers, the humidifiers
// whose titles say "Cool Mist"). headType asks modifierType before it takes the head's
// own type.

// Bounds on compound heads (headModifiers, modifierType).
const (
	// maxModifiers is how many words may stand before a head for it to be a compound
	// head, and minModifierShare the share of its products' titles those words must
	// cover: "desk" after "standing", "writing", "computer", "gaming", … is a thing of
	// its own.
	maxModifiers     = 3
	minModifierShare = 0.8
	// minStandShare is the share of the titles with a word that one type must head for
	// the word to stand for that type ("mist": humidifiers; "cat": no one type).
	minStandShare = 0.7
)

// headModifiers returns the cover keys of the words that stand right before the head
// key h in the titles of the products h heads (see the top of this file), when at most
// maxModifiers of them cover minModifierShare of those products and at least
// minLearnedType products are read; else nil: h is a word of its own. Read once per
// indexed version (the learned view keeps it).
func (lv *learnedView) headModifiers(ctx context.Context, c *Catalog, h string) ([]string, error) {
	return recall(lv, lv.modifiers, maxLearnedWords, h, func() ([]string, error) { return c.headModifiers(ctx, h) })
}

func (c *Catalog) headModifiers(ctx context.Context, h string) ([]string, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, h)
	rows, err := c.query(ctx, `SELECT r.title_keys FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head = ?`, b.String(), maxUseRows, h)
	if err != nil {
		return nil, fmt.Errorf("search compound heads: %w", err)
	}
	defer rows.Close()
	hk := coverKey(h)
	before := map[string]int{}
	total := 0
	for rows.Next() {
		var keys string
		if err := rows.Scan(&keys); err != nil {
			return nil, fmt.Errorf("search compound heads: %w", err)
		}
		total++
		ks := strings.Fields(keys)
		if i := slices.Index(ks, hk); i > 0 {
			before[ks[i-1]]++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search compound heads: %w", err)
	}
	return modifiersOf(before, total), nil
}

// modifiersOf returns the keys of before (a word before a head → how many of its total
// products' titles have it there), most first, when at most maxModifiers of them cover
// minModifierShare of the products and there are at least minLearnedType; else nil.
func modifiersOf(before map[string]int, total int) []string {
	if total < minLearnedType {
		return nil
	}
	ks := make([]string, 0, len(before))
	for k := range before {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b string) int { return cmp.Or(before[b]-before[a], strings.Compare(a, b)) })
	covered := 0
	for i, k := range ks {
		if i == maxModifiers {
			return nil
		}
		covered += before[k]
		if float64(covered) >= minModifierShare*float64(total) {
			return ks[:i+1]
		}
	}
	return nil
}

// modifierType returns the type the word right before the query's head w (a word key)
// stands for
// when w is a compound head (headModifiers) and the query says none of its modifiers:
// the head most of the titles with that word have, when it heads minStandShare of
// them at least minMeet times and is not w; else "". Only a thing named in two or
// three words, not a sentence.
func (c *Catalog) modifierType(ctx context.Context, s *search, w string) (string, error) {
	words := s.text.words
	if s.sentence || s.learned == nil || len(words) < 2 || len(words) > maxAliasWords || wordKey(words[len(words)-1]) != w {
		return "", nil
	}
	mods, err := s.learned.headModifiers(ctx, c, w)
	if err != nil || len(mods) == 0 {
		return "", err
	}
	for _, q := range words[:len(words)-1] {
		if slices.Contains(mods, coverKey(q)) {
			return "", nil
		}
	}
	m := words[len(words)-2]
	if strings.Contains(m, " ") || isNumber(m) || stopwords[m] {
		return "", nil
	}
	head, top, all, err := c.titleHeads(ctx, m, "")
	if err != nil || head == "" || head == w || top < minMeet || float64(top) < minStandShare*float64(all) {
		return "", err
	}
	// Unless the head's own things are for that type: named after it ("Blender Cups"
	// for "smoothie cup") or made for it ("printing cartridges": toner cartridges
	// name printers by their codes). The query asks for them, not for the type.
	if slices.Contains(mods, coverKey(head)) {
		return "", nil
	}
	made, err := c.madeForOrAfter(ctx, s.learned, head, head)
	if err != nil || slices.Contains(made, w) {
		return "", err
	}
	return head, nil
}

// titleHeads returns the type-like title head most of the products with term in their
// title have (of heads that tie, prefer), how many have it, and how many products with
// term in their title there are (of the first maxUseRows).
func (c *Catalog) titleHeads(ctx context.Context, term, prefer string) (string, int, int, error) {
	top, all, head := 0, 0, ""
	err := c.eachTitleHead(ctx, term, func(h string, n int) {
		all += n
		if typeLike(h) && (n > top || n == top && h == prefer) {
			top, head = n, h
		}
	})
	return head, top, all, err
}

// eachTitleHead calls f with each title head of the products with term in their
// title (of the first maxUseRows) and how many of them it heads.
func (c *Catalog) eachTitleHead(ctx context.Context, term string, f func(head string, n int)) error {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, term)
	rows, err := c.query(ctx, `SELECT r.head, count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid GROUP BY r.head`, b.String(), maxUseRows)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h string
		var n int
		if err := rows.Scan(&h, &n); err != nil {
			return fmt.Errorf("search: %w", err)
		}
		f(h, n)
	}
	return rows.Err()
}

// Things named after a type. A catalog often names what it sells for a type by the
// type's word before the thing's own ("Shredder Bags", "Shredder Oil"), without "for":
// a title that says a type's word right before its head is of a thing for that type.
// madeFor reads them after the products its codes and "for" say are made for the type,
// so that "shredder sacks" finds shredder bags where no synonym group says so.

// namedAfter returns the title heads other than the type key k that at least the
// catalog's meet (lv.meet: minMeet, fewer in a small catalog whose types have a
// product or two) of the products with term (k's word as the query searches it) in
// their titles have right after k's word, most first. Read once per indexed version
// (the learned view keeps it).
func (lv *learnedView) namedAfter(ctx context.Context, c *Catalog, k, term string) ([]string, error) {
	return recall(lv, lv.after, maxLearnedWords, k+" "+term, func() ([]string, error) { return c.namedAfter(ctx, k, term, lv.meet()) })
}

func (c *Catalog) namedAfter(ctx context.Context, k, term string, least int) ([]string, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, term)
	rows, err := c.query(ctx, `SELECT r.head, r.title_keys FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head <> ? AND r.head <> ''`, b.String(), maxUseRows, k)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	kk := coverKey(k)
	after := map[string]int{}
	for rows.Next() {
		var head, keys string
		if err := rows.Scan(&head, &keys); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		ks := strings.Fields(keys)
		if i := slices.Index(ks, kk); i >= 0 && i+1 < len(ks) && ks[i+1] == coverKey(head) && typeLike(head) {
			after[head]++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var heads []string
	for h, n := range after {
		if n >= least {
			heads = append(heads, h)
		}
	}
	slices.SortFunc(heads, func(a, b string) int { return cmp.Or(after[b]-after[a], strings.Compare(a, b)) })
	return heads, nil
}

// madeForOrAfter returns madeForHeads of k, then the heads named after k (namedAfter)
// that it does not list, each of at least the catalog's meet of products (lv.meet): in
// a small shop whose types have a product or two, two keyboard stands say what is made
// for a keyboard as surely as a large catalog's three.
func (c *Catalog) madeForOrAfter(ctx context.Context, lv *learnedView, k, term string) ([]string, error) {
	heads, err := c.madeForHeads(ctx, k, term, lv.meet())
	if err != nil || lv == nil {
		return heads, err
	}
	named, err := lv.namedAfter(ctx, c, k, term)
	for _, h := range named {
		if !slices.Contains(heads, h) {
			heads = append(heads, h)
		}
	}
	return heads, err
}
