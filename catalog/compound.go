package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// maxHeldWords is the most words heldThing reads as one thing's name.
const maxHeldWords = 5

// maxHolderHeads bounds the types heldThing reads as the things made for a compound.
const maxHolderHeads = 8

// heldThing searches s, a query of two words or more that no product has every word
// of and whose head (last word) is an accessory word of the vocabulary ("holder",
// "case", "stand"), for the thing its other words name: the longest run of them
// before the head that titles have next to each other, of two words at least ("poop
// bag" of "dog poop bag holder"), is the thing the accessory is for, and the products named with it
// that are of another type than its own ("Poop Bag Dispenser with Leash Clip", not
// "Poop Bags") are what holds it; they come first, then the thing itself. A head
// generic enough to name many things ("holder": pee pad holders, AirTag holders) says
// less than the compound does. ok is false when no run of the words is in titles or
// every product with it is of the run's own type.
func (c *Catalog) heldThing(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	words := s.text.words
	last := len(words) - 1
	// A noun phrase: headShaped, but for a sentence's name (four words are one).
	plain := *s
	plain.sentence = false
	if len(words) > maxHeldWords || !headShaped(&plain) || strings.Contains(words[last], " ") || !c.vocabulary().isAccessory(words[last]) {
		return res, false, nil
	}
	if s.sentence {
		// Read before its words are searched: not when a title has them all.
		if titled, err := c.titleHasAll(ctx, s.text); err != nil || titled {
			return res, false, err
		}
	}
	for i := 0; i < last; i++ {
		keep := make([]bool, len(words))
		n := 0
		for j := i; j < last; j++ {
			keep[j] = true
			n += len(strings.Fields(words[j]))
		}
		if n < 2 {
			break
		}
		thing := s.text.only(keep)
		if len(thing.words) > 1 {
			// The words next to each other, as a compound is written.
			thing = textQuery{words: []string{strings.Join(thing.words, " ")}}
		}
		titled, err := c.hasAll(ctx, thing, "{title} : ")
		if err != nil || !titled {
			if err != nil {
				return res, false, err
			}
			continue
		}
		// The thing and the head in one title ("Disc Brake Pads" for "105 disc brake
		// pads"): the head is a part the thing names, not what holds it, and another
		// word is what no product has; the plain readings of the words find it.
		named := thing
		named.words = append(slices.Clone(thing.words), words[last])
		if thing.alts != nil || last < len(s.text.alts) {
			named.alts = append(slices.Clone(thing.alts), make([][]string, len(thing.words)-len(thing.alts))...)
			named.alts = append(named.alts, altsOf(s.text, last))
		}
		if thing.prefix != nil {
			named.prefix = append(slices.Clone(thing.prefix), false)
		}
		if thing.shown != nil {
			named.shown = append(slices.Clone(thing.shown), words[last])
		}
		if thing.apart != nil {
			named.apart = append(slices.Clone(thing.apart), false)
		}
		if both, err := c.hasAll(ctx, named, "{title} : "); err != nil || both {
			return res, false, err
		}
		// The run's own type: the last word of its last word and of that word's names.
		own := []string{}
		for _, t := range append([]string{words[last-1]}, altsOf(s.text, last-1)...) {
			f := strings.Fields(t)
			own = append(own, wordKey(f[len(f)-1]))
		}
		heads, err := c.titledHeads(ctx, thing, own)
		if err != nil || len(heads) == 0 {
			return res, false, err
		}
		alt := *s
		alt.text = thing
		if s.intent != nil {
			in := *s.intent
			in.heads, in.order, in.forTarget = map[string]bool{}, nil, nil
			for _, h := range heads {
				in.heads[h] = true
			}
			alt.intent = &in
		}
		out := res
		out.Words = thing.String()
		out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
			fmt.Sprintf("No product has every word; these are the products named with %q, what holds or goes with it first.", thing.String()))
		if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
			return res, false, err
		}
		return out, true, nil
	}
	return res, false, nil
}

// titledHeads returns the heads of the titles that have every word of q (of the first
// maxUseRows), but for those in own, most common first (at most maxHolderHeads).
func (c *Catalog) titledHeads(ctx context.Context, q textQuery, own []string) ([]string, error) {
	rows, err := c.query(ctx, `SELECT r.head FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.head != '' GROUP BY r.head ORDER BY count(*) DESC, r.head LIMIT ?`,
		"{title} : ("+q.match(false)+")", maxUseRows, maxHolderHeads+len(own))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var heads []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if !slices.Contains(own, h) && len(heads) < maxHolderHeads {
			heads = append(heads, h)
		}
	}
	return heads, rows.Err()
}
