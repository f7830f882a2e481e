package catalog

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// A sentence every reading of which found nothing may still say, in a word its
// products' descriptions have, what it is about: "the mosquitoes eat me alive when we
// camp" names no repellent, but the shop's repellents — whatever their titles' heads,
// "Spray", "Lotion", "Wipes" — say "mosquitoes", and the shop files them together.
// Such a word is read only where the sentence tells of a person: the shopper ("i",
// "me", "we"), someone of theirs ("my son"), or a part of their body ("my legs ache"):
// what troubles a person is what a shop sells for, while a story about a thing or a
// place ("my car battery is dead" in a clothing shop, "the lawn at the park is
// lovely") or a request for a service names no product of the shop's, and a word its
// descriptions happen to have says nothing of what the shopper wants.

// firstPerson are the words a shopper says of themselves, as subject or object (as
// splitWords leaves them: "i'm" is "i" and "m").
var firstPerson = set("i", "im", "ive", "me", "myself", "we", "us", "ourselves")

// bodyWords name parts of the body, by wordKey: "my legs", "her skin", "my breath".
var bodyWords = set("skin", "hair", "scalp", "face", "forehead", "cheek", "eye", "eyelid", "eyebrow", "eyelash", "lash", "lip",
	"mouth", "tooth", "teeth", "gum", "breath", "tongue", "nose", "ear", "neck", "shoulder", "back", "arm", "armpit", "elbow",
	"wrist", "hand", "finger", "nail", "chest", "stomach", "belly", "tummy", "hip", "leg", "thigh", "knee", "calf", "shin",
	"ankle", "foot", "feet", "toe", "heel", "muscle", "joint", "body", "head", "beard")

// plainAdjectives say how a thing or a person is — good or bad, hot or cold, big or
// small, new or old — not what it is or what troubles them: said of anything, one
// that a shop's descriptions happen to say of one kind ("bad breath" of mouthwash,
// "cold days" of dog sweaters) is no evidence of what "a bad grade in maths" or "my
// feet are cold" asks for.
var plainAdjectives = set("good", "bad", "great", "nice", "fine", "awful", "terrible", "horrible", "poor", "better", "worse",
	"best", "worst", "cold", "colder", "hot", "hotter", "warm", "cool", "big", "bigger", "small", "smaller", "little", "huge",
	"tiny", "large", "long", "short", "old", "new", "young", "fast", "slow", "high", "low", "hard", "soft", "easy", "heavy",
	"light", "loud", "quiet", "dark", "bright", "wet", "clean", "dirty", "full", "empty", "real", "right", "wrong", "sure",
	"happy", "sad", "busy", "late", "early", "whole", "same", "different", "favorite", "favourite", "perfect", "special")

// tellsOfPerson reports whether sentence s tells of a person: the shopper (firstPerson),
// someone (personWords but "it"-like pronouns, which name things as often), or a part
// of the body a possessive owns ("my legs", "his feet"). A sentence about a thing or a
// place alone does not.
func tellsOfPerson(s *search) bool {
	for i, w := range s.words {
		k := wordKey(w)
		if firstPerson[w] || personWords[k] || personWords[w] {
			return true
		}
		if bodyWords[k] || bodyWords[w] {
			for j := i - 1; j >= 0 && i-j <= maxOwnedWords+1; j-- {
				if possessives[s.words[j]] {
					return true
				}
			}
		}
	}
	return false
}

// minEvidenceShare is the share of the products with a sentence's word that must be
// filed in one category for the word to say what the sentence is about
// (evidenceType).
const minEvidenceShare = 0.75

// minEvidenceCover is the share of that category's products that must have the word:
// descWordType's share of a type.
const minEvidenceCover = minDescCover

// evidenceType is a sentence's last reading, when every other found nothing: a content
// word of it (as typed, no correction) that no title, brand or category has (the
// readings of title words have had their say) and that at least the catalog's meet of
// products have in their descriptions (minMeet even in a small shop: two sketch pads
// "ideal for university art courses" are no kind "university" says), fewer than
// maxUseRows, at least minEvidenceShare of them filed under one category path — the
// deepest such category, or a parent of it when the word spans its children (the
// mouthwashes and toothpastes under "Oral Care" that say "breath") — of whose products at
// least minEvidenceCover have the word: the shop files what the word is said of
// together, "mosquitoes" of its insect repellents whatever their titles' heads
// ("Spray", "Lotion"). It is the evidence BM25 ranks by, read only where the catalog
// agrees on one kind of product. With several such words, the one most of one
// category wins, then the rarer. The products with the word come back, the heads of
// that category's products first. Only for a sentence that tells of a person
// (tellsOfPerson), and not by a word that says how something is (plainAdjectives),
// what a person does or an activity (evidencePlaced), or a word of a thing the catalog
// does not know (modifiesUnknown); not for a question about the world, a request about
// an order, or one for a thing the catalog does not sell (asksUnsold). ok is false
// when no word is so.
func (c *Catalog) evidenceType(ctx context.Context, s *search, res Result, offset int) (Result, bool, error) {
	if len(s.words) == 0 || questionWords[s.words[0]] || slices.ContainsFunc(s.words, func(w string) bool { return serviceWords[w] }) ||
		!tellsOfPerson(s) {
		return res, false, nil
	}
	if unsold, _, err := c.unsoldAsked(ctx, s); err != nil || unsold {
		return res, false, err
	}
	v := c.vocabulary()
	best, bestShare, bestN := -1, 0.0, 0
	var bestHeads []string
	for i, w := range s.text.words {
		if i < len(s.text.prefix) && s.text.prefix[i] || strings.Contains(w, " ") || !contentWord(w, s.learned, v) || !saidOf(s, w) ||
			namesNoThing(w, v) || plainAdjectives[w] {
			continue // a phrase, a person, how a thing is, or a word where no thing is said ("into french")
		}
		if !evidencePlaced(s, w) {
			continue // an activity ("learning spanish"), or what a person does ("my kids fight")
		}
		if modifies, err := c.modifiesUnknown(ctx, s, w); err != nil || modifies {
			if err != nil {
				return res, false, err
			}
			continue // a word of a thing the catalog does not know ("a job interview")
		}
		if titled, err := c.namedWord(ctx, s.text, i); err != nil || titled {
			if err != nil {
				return res, false, err
			}
			continue // a word of titles: the readings of title words have passed it by
		}
		var b strings.Builder
		quoteTerm(&b, w)
		rows, err := c.query(ctx, `SELECT coalesce(k.key, ''), r.head, count(*) FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
			JOIN products p ON p.rowid = m.rowid CROSS JOIN product_rank r ON r.rowid = m.rowid
			LEFT JOIN categories k ON k.id = p.category_id GROUP BY k.key, r.head`, b.String(), maxUseRows)
		if err != nil {
			return res, false, fmt.Errorf("search: %w", err)
		}
		total := 0
		// byCat counts the products with the word under each category path and each of
		// its parents (a path cut after a " > "), heads their title heads.
		byCat := map[string]int{}
		heads := map[string]map[string]int{}
		for rows.Next() {
			var key, h string
			var n int
			if err := rows.Scan(&key, &h, &n); err != nil {
				rows.Close()
				return res, false, fmt.Errorf("search: %w", err)
			}
			total += n
			for _, cat := range categoryPrefixes(key) {
				byCat[cat] += n
				if heads[cat] == nil {
					heads[cat] = map[string]int{}
				}
				if typeLike(h) {
					heads[cat][h] += n
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, false, fmt.Errorf("search: %w", err)
		}
		if total < max(s.learned.meet(), minMeet) || total >= maxUseRows {
			continue
		}
		// The deepest category (or parent) that files minEvidenceShare of them and
		// that at least minEvidenceCover of whose products say the word: the
		// category's own word ("mosquitoes" of repellents; "breath" of oral care,
		// its mouthwashes and toothpastes), not one a few of them mention
		// ("university").
		cats := make([]string, 0, len(byCat))
		for k, n := range byCat {
			if float64(n) >= minEvidenceShare*float64(total) {
				cats = append(cats, k)
			}
		}
		slices.SortFunc(cats, func(a, b string) int {
			if c := cmp.Compare(len(b), len(a)); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		cat := ""
		for _, k := range cats {
			filed, err := c.filedUnder(ctx, k)
			if err != nil {
				return res, false, err
			}
			if float64(byCat[k]) >= minEvidenceCover*float64(filed) {
				cat = k
				break
			}
		}
		if cat == "" {
			continue
		}
		share := float64(byCat[cat]) / float64(total)
		if share < bestShare || share == bestShare && total >= bestN {
			continue
		}
		hs := make([]string, 0, len(heads[cat]))
		for h := range heads[cat] {
			hs = append(hs, h)
		}
		slices.SortFunc(hs, func(a, b string) int {
			if c := cmp.Compare(heads[cat][b], heads[cat][a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		best, bestShare, bestN, bestHeads = i, share, total, hs
	}
	if best < 0 || len(bestHeads) == 0 {
		return res, false, nil
	}
	keep := make([]bool, len(s.text.words))
	keep[best] = true
	alt := *s
	alt.text = s.text.only(keep)
	alt.text.atLeast, alt.text.named = 0, false
	if s.intent != nil {
		in := *s.intent
		in.heads, in.order, in.forTarget = map[string]bool{}, map[string]int{}, nil
		for j, h := range bestHeads {
			in.heads[h], in.order[h] = true, j
		}
		alt.intent = &in
	}
	out := res
	out.Words, out.Relaxed = alt.text.String(), true
	out.Notes = append(out.Notes[:len(out.Notes):len(out.Notes)],
		fmt.Sprintf("Read as a sentence about %s: the products with the word %q, which the catalog files together.", strings.Join(bestHeads[:min(len(bestHeads), 2)], " or "), s.text.words[best]))
	if err := alt.run(ctx, &out, offset, false); err != nil || out.Total == 0 {
		return res, false, err
	}
	return out, true, nil
}

// saidOf reports whether w stands in sentence s where what it is about may be said:
// somewhere not right after "to" nor after a place word ("translate hello into
// french": a language, not a french press).
func saidOf(s *search, w string) bool {
	for i, x := range s.words {
		if x == w && (i == 0 || s.words[i-1] != "to" && !afterPlace(s, i)) {
			return true
		}
	}
	return false
}

// categoryPrefixes returns category key (a lower-cased path) and each of its parents,
// the path cut before each " > " ("health > oral care > floss", "health > oral care",
// "health"); none for "".
func categoryPrefixes(key string) []string {
	if key == "" {
		return nil
	}
	out := []string{key}
	for i := len(key) - 1; i > 0; i-- {
		if key[i] == '>' {
			if p := strings.TrimSpace(key[:i]); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// filedUnder counts the products filed under category key (a lower-cased path, see
// categoryPrefixes) or under a category below it.
func (c *Catalog) filedUnder(ctx context.Context, key string) (int, error) {
	var n int
	err := c.queryRow(ctx, `SELECT count(*) FROM categories k JOIN products p ON p.category_id = k.id
		WHERE ' > ' || k.key || ' > ' LIKE ? ESCAPE '\'`, " > "+escapeLike(key)+" > %").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	return n, nil
}

// evidencePlaced reports whether w stands in sentence s somewhere other than right
// after a person who does it ("my kids fight all the time", "she plays"): what a
// person does is their story, not a trouble a shop sells for (see complains); and
// whether it is no participle ("i am learning spanish", "after shaving"), unless a
// determiner makes it a thing ("a wedding", "my bedding").
func evidencePlaced(s *search, w string) bool {
	for i, x := range s.words {
		if x != w {
			continue
		}
		if i > 0 && (personSubject[s.words[i-1]] || personWords[wordKey(s.words[i-1])]) {
			continue
		}
		if doneForm(w) && (i == 0 || !determiners[s.words[i-1]] && !possessives[s.words[i-1]] && s.words[i-1] != "s") {
			continue // a participle, unless a determiner makes it a thing ("a wedding", "my cousin's wedding")
		}
		return true
	}
	return false
}

// modifiesUnknown reports whether w, a singular word of sentence s, comes right before
// a content word no product has: the two name a thing the catalog does not know ("a
// job interview", "the car battery"), and w says nothing of what the shop sells for it.
// A plural before another word is its subject ("the mosquitoes eat me alive"), and a
// word ending as a plural does after it is its verb ("my back hurts").
func (c *Catalog) modifiesUnknown(ctx context.Context, s *search, w string) (bool, error) {
	if barePlural(w) {
		return false, nil
	}
	v := c.vocabulary()
	for i, x := range s.words {
		if x != w || i+1 >= len(s.words) {
			continue
		}
		next := s.words[i+1]
		if barePlural(next) {
			continue // a verb said of it ("my back hurts"), not a thing it names
		}
		if stopwords[next] || v.filler[next] || placeWords[next] || phraseEnds[next] || !contentWord(next, s.learned, v) {
			continue
		}
		u, err := s.learned.used(ctx, c, next)
		if err != nil {
			return false, err
		}
		if u.matched == 0 {
			return true, nil
		}
	}
	return false, nil
}
