package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minLabelHeads is how many kinds of product (title heads) a tag word must be given
// to for it to be one of the shop's labels (shopLabel).
const minLabelHeads = 2

// shopLabel reports whether term is one of the shop's own labels for a group of its
// products: a word its tags give products of minLabelHeads kinds or more (title heads,
// among the first maxUseRows products whose tags have it): "gear" of the tags "dog
// gear" and "gear storage", "tools" of a knife's and a trowel's "camp tools". A feed
// that keeps no category (an Etsy export, a plain sheet) says in its tags what group a
// product is in, and such a word names what it files, as a category's word does: a
// query whose head it is asks for that group ("water gear", "bushcraft tools"), not
// for a thing the catalog does not sell. A word the tags give one kind is that kind's
// word ("tent" of tents alone) and decides nothing here.
func (c *Catalog) shopLabel(ctx context.Context, term string) (bool, error) {
	n := 0
	err := c.scanHeads(ctx, "{tags}", term, `r.head != ''`, "", func(string, int, int, int) { n++ })
	return n >= minLabelHeads, err
}

// wholeLabelled returns the products of pool filed nowhere (no category) that have a
// tag which is the word keys keys and nothing else ("packs", "rain gear"), or nil when
// none has: of the products of the types that category words stand for, those the
// shop gave the label whole are the group it names; the others of those types only
// share a word of it in another tag ("dog pack" of the dog packs, for "packs").
func (c *Catalog) wholeLabelled(ctx context.Context, pool []match, keys []string) (map[int64]bool, error) {
	var ids []any
	for _, m := range pool {
		if m.category == 0 {
			ids = append(ids, m.rowid)
		}
	}
	if len(ids) == 0 || len(keys) == 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, `SELECT rowid, tags FROM product_text WHERE tags != '[]' AND rowid IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search labels: %w", err)
	}
	defer rows.Close()
	var out map[int64]bool
	for rows.Next() {
		var (
			id   int64
			tags string
		)
		if err := rows.Scan(&id, &tags); err != nil {
			return nil, fmt.Errorf("search labels: %w", err)
		}
		var ts []string
		if json.Unmarshal([]byte(tags), &ts) != nil {
			continue
		}
		if slices.ContainsFunc(ts, func(t string) bool { return isLabel(t, keys) }) {
			if out == nil {
				out = map[int64]bool{}
			}
			out[id] = true
		}
	}
	return out, rows.Err()
}

// isLabel reports whether tag's words are keys, by wordKey, in order and nothing else.
func isLabel(tag string, keys []string) bool {
	ws := lowerWords(tag)
	if len(ws) != len(keys) {
		return false
	}
	for i, w := range ws {
		if wordKey(w) != keys[i] {
			return false
		}
	}
	return true
}

// Bounds on a maker's name read from the catalog's text (makerNamed).
const (
	minMakerWords    = 2
	maxMakerWords    = 4
	minMakerProducts = 3
)

// makerNamed returns the products of pool whose text says the query's words
// together, when the query is a maker's name the feed has no brand column for: two to
// four words, no brand of the catalog, no code, none with another name in the
// vocabulary, that no title says together but at least minMakerProducts products of
// pool of two kinds or more (heads) say together, in their descriptions or tags ("Made
// by Pika Gear Works in Missoula"). Those rank as a brand the query names does, its
// words counted as in their titles: "pika gear" finds the maker's quilts and pads
// before other makers' products named "Pika", as "ridgeback canvas" finds its
// products whose titles say "by Ridgeback Canvas". Nil when the query is no such name.
func (s *search) makerNamed(ctx context.Context, pool []match, facts []typeFact) (map[int64]bool, error) {
	in, q := s.intent, s.text
	if s.sentence || len(in.brands) > 0 || len(in.codeHits) > 0 || len(q.words) < minMakerWords || len(q.words) > maxMakerWords ||
		len(s.q.attrs) > 0 || slices.ContainsFunc(q.alts, func(a []string) bool { return len(a) > 0 }) {
		return nil, nil
	}
	for _, w := range q.words {
		if strings.Contains(w, " ") || isNumber(w) {
			return nil, nil
		}
	}
	phrase := strings.Join(q.words, " ")
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, phrase)
	if titled, err := s.c.anyMatch(ctx, b.String()); err != nil || titled {
		return nil, err
	}
	ids := make([]any, 0, len(pool)+1)
	b.Reset()
	quoteTerm(&b, phrase)
	ids = append(ids, b.String())
	for _, m := range pool {
		ids = append(ids, m.rowid)
	}
	rows, err := s.c.query(ctx, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? AND rowid IN (`+placeholders(len(pool))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("search maker: %w", err)
	}
	defer rows.Close()
	said := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search maker: %w", err)
		}
		said[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search maker: %w", err)
	}
	heads := map[string]bool{}
	for i, m := range pool {
		if said[m.rowid] && facts[i].head != "" {
			heads[facts[i].head] = true
		}
	}
	if len(said) < minMakerProducts || len(heads) < 2 {
		return nil, nil
	}
	// A name is written capitalised ("Pika Gear Works"), a shop's phrase for a group
	// not ("rounds out any camp seating setup").
	named, err := s.c.saidCapitalised(ctx, said, q.words)
	if err != nil || !named {
		return nil, err
	}
	return said, nil
}

// maxNameSample is how many of the products that say a phrase saidCapitalised reads.
const maxNameSample = 8

// saidCapitalised reports whether most of the first maxNameSample products of ids (by
// rowid) that say words together in their descriptions say them each with a capital
// letter first, as a name is written.
func (c *Catalog) saidCapitalised(ctx context.Context, ids map[int64]bool, words []string) (bool, error) {
	rowids := make([]int64, 0, len(ids))
	for id := range ids {
		rowids = append(rowids, id)
	}
	slices.Sort(rowids)
	args := make([]any, 0, maxNameSample)
	for _, id := range rowids[:min(len(rowids), maxNameSample)] {
		args = append(args, id)
	}
	rows, err := c.query(ctx, `SELECT description FROM product_text WHERE rowid IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return false, fmt.Errorf("search maker: %w", err)
	}
	defer rows.Close()
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	capital, lower := 0, 0
	for rows.Next() {
		var desc string
		if err := rows.Scan(&desc); err != nil {
			return false, fmt.Errorf("search maker: %w", err)
		}
		ws := strings.FieldsFunc(desc, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' })
		for i := 0; i+len(keys) <= len(ws); i++ {
			run, upper := true, true
			for j, k := range keys {
				w := ws[i+j]
				run = run && wordKey(strings.ToLower(w)) == k
				r, _ := utf8.DecodeRuneInString(w)
				upper = upper && unicode.IsUpper(r)
			}
			if run {
				if upper {
					capital++
				} else {
					lower++
				}
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("search maker: %w", err)
	}
	return capital > 0 && capital > lower, nil
}
