package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// A sentence that tells of a problem with the shopper's own thing ("my cast iron pan
// is going rusty", "the jar of my blender cracked") and whose reading found that
// thing wants, as often as not, what is made for it: a seasoning spray for cast iron,
// a cup for the blender. The type reading and the need reading pick the thing the
// sentence names; the products made for it are of other types that its words do not
// vote for. The plain ranking of the sentence's words reaches them: among its best
// products, those of another type named after the thing ("Air Fryer Liners") or made
// for it after their "for" ("Seasoning Spray for Cast Iron") come first
// (relatedFirst), the reading's page after them.

// Bounds of madeForThing.
const (
	// relatedTop is how many of the plain ranking's best products are read for the
	// products made for the shopper's thing (as plainReading reads plainTop).
	relatedTop = plainTop
	// relatedMax bounds the products made for it that come first: the reading's own
	// page follows them.
	relatedMax = 5
)

// relatedFirst is found, what sentence s found at offset, with the products made for
// the shopper's own thing first, when s tells of a problem with that thing
// (ownedProblem: it wants no other), the first product its reading found at offset 0
// is that thing (its type, or a title with the thing's other words: "Cast Iron
// Skillet" for "my cast iron pan"), and the plain ranking of the sentence's words
// has, among its relatedTop best, products made for it (madeForThing). The reading
// is searched again with those products joined to its matches, first (as a code hit
// is), so that every page reads alike. found as it was otherwise.
func (c *Catalog) relatedFirst(ctx context.Context, s *search, res, found Result, offset int) (Result, error) {
	v := c.vocabulary()
	x := ownedProblem(s, v)
	if x == "" || found.Total == 0 || s.q.sortGiven || s.intent == nil || len(s.intent.related) > 0 {
		return found, nil
	}
	thing := ownedPhrase(s, v, x)
	first := found
	if offset > 0 {
		var err error
		if first, err = c.searchUnderstood(ctx, s, res, 0); err != nil {
			return Result{}, err
		}
	}
	if len(first.Hits) == 0 {
		return found, nil
	}
	var head, keys, fors string
	if err := c.queryRow(ctx, `SELECT coalesce(r.head, ''), coalesce(r.title_keys, ''), coalesce(r.for_keys, '') FROM products p
		LEFT JOIN product_rank r ON r.rowid = p.rowid WHERE p.id = ?`, first.Hits[0].ID).Scan(&head, &keys, &fors); err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	if !isThing(head, keys, fors, x, thing) {
		return found, nil
	}
	made, err := c.madeForThing(ctx, s, x, head, thing)
	if err != nil || len(made) == 0 {
		return found, err
	}
	alt := *s
	in := *s.intent
	in.related = made
	alt.intent = &in
	out, err := c.searchUnderstood(ctx, &alt, res, offset)
	if err != nil || out.Total == 0 {
		return found, err
	}
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a problem with the shopper's own %s: the products made for one that the sentence's words find come first.", strings.Join(thing, " ")))
	return out, nil
}

// ownedPhrase returns the words of sentence s that name the shopper's own thing
// whose type is x (ownedProblem): x's last word and the words between it and the
// possessive before it ("my cast iron pan": cast, iron, pan).
func ownedPhrase(s *search, v *Vocabulary, x string) []string {
	for i := len(s.words) - 1; i >= 0; i-- {
		if wordKey(s.words[i]) != x || !owned(s, v, i) {
			continue
		}
		j := i - 1
		for j >= 0 && !possessives[s.words[j]] {
			j--
		}
		return slices.Clone(s.words[j+1 : i+1])
	}
	return []string{x}
}

// isThing reports whether a product of title head head, title keys keys and for keys
// fors is the thing (of type x) that thing names: of type x, or titled with every
// other word of thing, one at least ("Lodge Cast Iron Skillet" is a cast iron pan),
// when it is not named for the thing (namedFor: "Air Fryer Liners" are no air fryer).
// A title that only says x is not enough: "Wall Mount for Television" names the
// television it is made for.
func isThing(head, keys, fors, x string, thing []string) bool {
	if head == x {
		return true
	}
	if namedFor(keys, fors, x, head, thing) {
		return false
	}
	ks := strings.Fields(keys)
	other := 0
	for _, w := range thing {
		if wordKey(w) == x {
			continue
		}
		if !slices.Contains(ks, coverKey(w)) {
			return false
		}
		other++
	}
	return other > 0
}

// reached is one of the best products of the plain ranking of a sentence's words
// (plainReach): its rowid and its rows of product_rank.
type reached struct {
	rowid            int64
	head, keys, fors string
}

// plainReach returns the relatedTop best products of the plain ranking of sentence
// s's content words that products have: BM25 over titles and descriptions, as
// plainReading ranks them; the kinds the sentence's words reach.
func (c *Catalog) plainReach(ctx context.Context, s *search) ([]reached, error) {
	keep, k, err := c.knownWords(ctx, s)
	if err != nil || k == 0 {
		return nil, err
	}
	var b strings.Builder
	for i, w := range s.text.words {
		if !keep[i] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" OR ")
		}
		quoteTerm(&b, w)
	}
	rows, err := c.query(ctx, `SELECT m.rowid, coalesce(r.head, ''), coalesce(r.title_keys, ''), coalesce(r.for_keys, '')
		FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?
		ORDER BY bm25(products_fts, 1.0, 0.0, 0.0, 0.0, 1.0) LIMIT ?) m LEFT JOIN product_rank r ON r.rowid = m.rowid`,
		"{title description} : ("+b.String()+")", relatedTop)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var out []reached
	for rows.Next() {
		var r reached
		if err := rows.Scan(&r.rowid, &r.head, &r.keys, &r.fors); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// madeForThing returns the products, among those the plain ranking of sentence s's
// words reaches (plainReach), that are made for the thing named by thing, of type x
// (madeFor: of another type than x and than head, the type of the page's first
// product), and that pass the search's filters, at most relatedMax of them, in the
// plain ranking's order.
func (c *Catalog) madeForThing(ctx context.Context, s *search, x, head string, thing []string) ([]match, error) {
	reach, err := c.plainReach(ctx, s)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, r := range reach {
		if madeFor(r.head, r.keys, r.fors, x, head, thing) && len(ids) < relatedMax {
			ids = append(ids, r.rowid)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	list, _ := json.Marshal(ids) // []int64 cannot fail to marshal
	join := ""
	if s.f.needsProducts {
		join = " JOIN products p ON p.rowid = k.rowid"
	}
	ms, err := s.scanMatches(ctx, `SELECT k.rowid, coalesce(k.category_id, 0), k.brand_id, k.price_amount, k.price_exp
		FROM product_keys k`+join+` WHERE k.rowid IN (SELECT value FROM json_each(?)) AND `+s.f.where,
		append([]any{string(list)}, s.f.args...), nil)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(ms, func(a, b match) int { return slices.Index(ids, a.rowid) - slices.Index(ids, b.rowid) })
	return ms, nil
}

// madeFor reports whether a product of title head h, title keys keys and for keys
// fors is made for the thing thing names, of type x, on a page that opens with head:
// of another type, titled with a word of thing before its head ("Air Fryer Liners",
// "Cast Iron Care Kit") or after its "for" ("Seasoning Spray for Cast Iron").
func madeFor(h, keys, fors, x, head string, thing []string) bool {
	if h == "" || h == x || h == head || !typeLike(h) || slices.ContainsFunc(thing, func(w string) bool { return wordKey(w) == h }) {
		return false
	}
	if namedFor(keys, fors, x, h, thing) {
		return true
	}
	ks := strings.Fields(keys)
	at := slices.Index(ks, coverKey(h))
	return slices.ContainsFunc(thing, func(w string) bool {
		i := slices.Index(ks, coverKey(w))
		return i >= 0 && at > i
	})
}

// namedFor reports whether a title of keys keys, for keys fors and head h names the
// thing thing names, of type x, as what it is for: x's word before its head ("Air
// Fryer Liners") or a word of thing after its "for" ("Seasoning Spray for Cast Iron").
func namedFor(keys, fors, x, h string, thing []string) bool {
	ks, fs := strings.Fields(keys), strings.Fields(fors)
	if i := slices.Index(ks, coverKey(x)); i >= 0 && slices.Index(ks, coverKey(h)) > i {
		return true
	}
	return slices.ContainsFunc(thing, func(w string) bool { return slices.Contains(fs, wordKey(w)) })
}
