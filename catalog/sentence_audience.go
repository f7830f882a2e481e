package catalog

import (
	"cmp"
	"context"
	"fmt"
	"strings"
)

// Whom a sentence's thing is for. A shopper writes "something warm for my daughter to
// wear to school" or "a gift for my husband who runs", not "girls' coat" or "men's
// running shoes": the person says whom the thing is for as a gender or kids' word of a
// plain query does. In a sentence a person word of a known gender ("wife", "son",
// "grandma"), and the pronouns "she"/"he" when no such word names someone else, are
// read as the gender filter (FilterGender: it leaves out only the products marked for
// the other gender alone, and puts those marked for this one first); a child's word
// ("kids", "toddler", "my little girl", "a 7 year old") as the age filter too, in a
// catalog that marks age (FilterAge), as "girls" or "boys" when the gender is known.
// Both are lifted, with the note a plain query's lifting gives, when nothing fits them.
// People of both genders ("my son and daughter", "boys and girls") name no gender. A
// catalog that marks nobody reads the filters as keeping every product: the person is
// then only a word of the sentence.

// Person words of a gender, by wordKey.
var (
	womanWords = set("wife", "girlfriend", "mom", "mum", "mother", "mommy", "mummy", "grandma", "grandmother", "granny", "nan",
		"nana", "gran", "sister", "aunt", "auntie", "niece", "daughter", "granddaughter", "stepdaughter", "stepmom", "girl", "fiancee",
		"bride", "sis")
	manWords = set("husband", "boyfriend", "dad", "father", "daddy", "grandpa", "grandfather", "grandad", "granddad", "brother",
		"uncle", "nephew", "son", "grandson", "stepson", "stepdad", "boy", "fiance", "groom", "bro")
	// childWords say that the person is a child ("my little girl", "the kids").
	childWords = set("kid", "child", "children", "toddler", "baby", "newborn", "infant", "girl", "boy", "preschooler", "tot")
	// youngWords before a person word make the person a child ("my little boy").
	youngWords = set("little", "young", "baby", "infant", "toddler")
	// kinWords are people of a gender who may be children or grown ("my daughter"):
	// the products marked for a child of the gender ("Girls' Party Dress") rank as
	// marked for it too (Query.genderYoung).
	kinWords = set("son", "daughter", "grandson", "granddaughter", "niece", "nephew", "stepson", "stepdaughter", "girl", "boy")
)

// audience is whom a sentence names as the thing's person: a gender ("women",
// "men", "" when none or both) and whether a child; phrase is the word that says it.
type audience struct {
	gender string
	child  bool
	young  bool // the gendered person may be a child (kinWords)
	phrase string
}

// sentenceAudience reads whom the words of a sentence name (see above): the gender of
// its gendered person words when they agree (the pronouns only when none names one),
// and a child when a child's word, a young word before a person, or an age of under
// thirteen years ("a 7 year old") is among them.
func sentenceAudience(words []string) audience {
	var a audience
	women, men, she, he := "", "", false, false
	for i, w := range words {
		k := wordKey(w)
		switch {
		case womanWords[k] || womanWords[w]:
			if women == "" {
				women = w
			}
		case manWords[k] || manWords[w]:
			if men == "" {
				men = w
			}
		case w == "she":
			she = true
		case w == "he":
			he = true
		}
		if kinWords[k] || kinWords[w] {
			a.young = true
		}
		if childWords[k] || childWords[w] {
			a.child = true
			if a.phrase == "" {
				a.phrase = w
			}
		}
		if (womanWords[k] || manWords[k] || personWords[k]) && i > 0 && youngWords[words[i-1]] {
			a.child = true
		}
		if isNumber(w) && i+2 < len(words) && (words[i+1] == "year" || words[i+1] == "yr") && words[i+2] == "old" {
			if n, err := parseSmallInt(w); err == nil && n < 13 {
				a.child = true
			}
		}
	}
	switch {
	case women != "" && men == "":
		a.gender, a.phrase = "women", women
	case men != "" && women == "":
		a.gender, a.phrase = "men", men
	case women == "" && men == "" && she && !he:
		a.gender, a.phrase = "women", "she"
	case women == "" && men == "" && he && !she:
		a.gender, a.phrase = "men", "he"
	}
	return a
}

// parseSmallInt reads a whole number of at most three digits.
func parseSmallInt(w string) (int, error) {
	if len(w) == 0 || len(w) > 3 {
		return 0, fmt.Errorf("not a small number: %q", w)
	}
	n := 0
	for _, r := range w {
		if r < '0' || r > '9' {
			return 0, fmt.Errorf("not a small number: %q", w)
		}
		n = n*10 + int(r-'0')
	}
	return n, nil
}

// readAudience ranks q's products for whom sentence u names (see sentenceAudience),
// where no phrase of it named a gender or an age: those marked for the gender first,
// and, in a catalog that marks age (some product has age_group), those marked for
// children first too. It filters nothing (Query.audienceRanked): a sentence's person
// says whom the shopper buys for, not that a product marked for someone else cannot
// do ("a present for my husband who hates nicks from his razor" is answered by the
// razors, his first). A note says whom it read.
func (c *Catalog) readAudience(ctx context.Context, u understood, q *Query, res *Result) error {
	if !u.sentence {
		return nil
	}
	pet, err := c.titledPet(ctx, u.words)
	if err != nil {
		return err
	}
	if pet != "" {
		q.pet = pet
		res.Notes = append(res.Notes, fmt.Sprintf("Read %q as whom it is for: products named for it come first.", pet))
	}
	if q.gender != "" || q.age != "" {
		return nil
	}
	a := sentenceAudience(u.words)
	if a.gender == "" && !a.child {
		return nil
	}
	if a.child {
		marks, err := c.marksAge(ctx)
		if err != nil {
			return err
		}
		if marks {
			q.age = "kids"
			switch a.gender {
			case "women":
				q.age = "girls"
			case "men":
				q.age = "boys"
			}
		}
	}
	if a.gender != "" {
		q.gender, q.genderYoung = a.gender, a.young
	}
	if q.gender == "" && q.age == "" {
		return nil
	}
	q.audienceRanked = true
	whom := map[string]string{"women": "women", "men": "men", "girls": "girls", "boys": "boys", "kids": "children"}[cmp.Or(q.age, q.gender)]
	res.Notes = append(res.Notes, fmt.Sprintf("Read %q as whom it is for: products marked for %s come first.", a.phrase, whom))
	return nil
}

// petWords are the animals a shopper buys for, by wordKey ("my dog", "our kitten").
var petWords = set("dog", "puppy", "pup", "cat", "kitten", "rabbit", "bunny", "hamster", "guinea", "horse", "pony", "parrot",
	"bird", "ferret", "tortoise", "chicken", "hen")

// petOwned returns the animal a sentence says is the shopper's ("my dog", "our old
// cat", "my puppy"): a pet word right after a possessive, or after a possessive and
// one other word. "" when none: "i walk dogs for a living" names no pet of its own.
func petOwned(words []string) string {
	for i, w := range words {
		k := wordKey(w)
		if !petWords[k] {
			continue
		}
		if i > 0 && possessives[words[i-1]] || i > 1 && possessives[words[i-2]] && !petWords[wordKey(words[i-1])] {
			return w
		}
	}
	return ""
}

// titledPet is the animal a sentence's words say is the shopper's (petOwned) when
// some product's title names it ("Insulated Dog Coat"): the catalog sells things for
// it, so a need the sentence says is the animal's ("my dog gets cold on winter walks")
// is met by those things (needForPet). "" when none.
func (c *Catalog) titledPet(ctx context.Context, words []string) (string, error) {
	pet := petOwned(words)
	if pet == "" {
		return "", nil
	}
	var b strings.Builder
	b.WriteString("title : ")
	quoteTerm(&b, pet)
	titled, err := c.titlesSay(ctx, b.String())
	if err != nil || !titled {
		return "", err
	}
	return pet, nil
}

// needForPet reports whether some product of need nd's things says in its title that
// it is for pet: the shopper's dog that gets cold wants a dog's coat or blanket, not
// the space heater a person who is cold would.
func (c *Catalog) needForPet(ctx context.Context, pet string, nd need) (bool, error) {
	var b strings.Builder
	b.WriteString("title : (")
	quoteTerm(&b, pet)
	b.WriteString(" AND (")
	quoteAny(&b, nd.terms)
	b.WriteString("))")
	return c.titlesSay(ctx, b.String())
}

// titledFor returns which of ms have word in their titles.
func (c *Catalog) titledFor(ctx context.Context, ms []match, word string) (map[int64]bool, error) {
	var b strings.Builder
	b.WriteString("title : ")
	quoteTerm(&b, word)
	args := []any{b.String()}
	for _, m := range ms {
		args = append(args, m.rowid)
	}
	rows, err := c.query(ctx, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? AND rowid IN (`+placeholders(len(ms))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("search pet: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search pet: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}
