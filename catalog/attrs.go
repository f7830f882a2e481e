package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
)

// Colour and size words: "red hoodie xl", "size 10 running shoes", "king size duvet".
// Feeds carry colours and sizes as attributes (Merchant Center color and size,
// Shopify's options), which are not in the full-text index, so a product whose title
// does not repeat its colour was no match for "red hoodie". Each product's colour and
// size values are stored with its codes in product_codes (attrKeys, "color=red"),
// which no code can equal (codes are letters and digits only); a query's words that
// are such a value in this catalog (queryAttrs) leave the words searched and become a
// filter that a product passes when its attribute has the value or its text has the
// words: never fewer products than the words alone found, so a word that is a colour
// and a product's word ("orange juice", "rose gold", a brand called Navy) still finds
// what it found. Nothing is hard-coded but the attribute names: the values are the
// catalog's own.

// The attribute names whose values are colours and sizes, as feeds name them (lower
// case, "_" and "-" read as spaces).
var (
	colorAttributes = set("color", "colour", "color name", "colour name", "color family", "colour family", "main color",
		"primary color", "base color")
	sizeAttributes = set("size", "size name", "shoe size", "clothing size", "bed size", "ring size", "storage",
		"storage capacity", "capacity", "sizes")
)

// Filter names of the colour and size words of a query (AppliedFilter.Filter).
const (
	FilterColor = "color"
	FilterSize  = "size"
)

// maxAttrKeys bounds the colour and size keys of one product.
const maxAttrKeys = 12

// attrNameSeparators are the characters between the words of an attribute name.
var attrNameSeparators = strings.NewReplacer("_", " ", "-", " ")

// attrKind returns FilterColor or FilterSize for an attribute name of that kind, else "".
func attrKind(name string) string {
	n := strings.Join(strings.Fields(attrNameSeparators.Replace(strings.ToLower(name))), " ")
	switch {
	case colorAttributes[n]:
		return FilterColor
	case sizeAttributes[n]:
		return FilterSize
	}
	return ""
}

// attrKey is how a colour or size value is stored and looked up: its kind, "=", and
// the value by foldKey ("Rose Gold" is "color=rosegold"), a colour with its words
// spelled one way (colourSpellings: "Heather Gray" is "color=heathergrey") and a
// letter size as its code (sizeCodes: "X-Large", "extra large" and "XL" are
// "size=xl").
func attrKey(kind, value string) string {
	if kind == FilterColor {
		ws := strings.FieldsFunc(strings.ToLower(value), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
		for i, w := range ws {
			if o, ok := colourSpellings[w]; ok {
				ws[i] = o
			}
		}
		return kind + "=" + foldKey(strings.Join(ws, ""))
	}
	k := foldKey(value)
	if kind == FilterSize {
		if code, ok := sizeCodes[k]; ok {
			k = code
		}
	}
	return kind + "=" + k
}

// colourSpellings are the other spellings of colour words, each as the one it is
// stored and looked up as.
var colourSpellings = map[string]string{"gray": "grey", "grays": "greys"}

// sizeCodes are the names of letter sizes, by foldKey, each as its code: feeds and
// shoppers write the same size "XL", "X-Large", "XLarge", "Extra Large" or "1XL",
// "M" or "Medium".
var sizeCodes = func() map[string]string {
	m := map[string]string{}
	for code, names := range map[string][]string{
		"xxs":  {"2xs", "xxsmall", "2xsmall", "extraextrasmall"},
		"xs":   {"xsmall", "extrasmall"},
		"s":    {"small"},
		"m":    {"medium", "med"},
		"l":    {"large"},
		"xl":   {"xlarge", "extralarge", "1xl"},
		"xxl":  {"2xl", "xxlarge", "2xlarge", "extraextralarge"},
		"xxxl": {"3xl", "xxxlarge", "3xlarge"},
		"4xl":  {"xxxxl", "xxxxlarge", "4xlarge"},
		"5xl":  {"xxxxxl", "5xlarge"},
	} {
		for _, n := range names {
			m[n] = code
		}
	}
	return m
}()

// colourWords returns the words of a colour value of more than one word that a
// shopper may name it by ("Navy Blue": "navy" and "blue"; "Heather Gray/Navy" has
// its parts read apart first): each word of three letters or more that is not a stop
// word, as attrKey writes it.
func colourWords(value string) []string {
	ws := strings.FieldsFunc(strings.ToLower(value), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if len(ws) < 2 {
		return nil
	}
	var out []string
	for _, w := range ws {
		if len([]rune(w)) >= 3 && !stopwords[w] && !isNumber(w) {
			out = append(out, w)
		}
	}
	return out
}

// attrKeys returns the keys of p's colour and size values: each value whole, and each
// part of a value that lists several ("Red/Black", "Navy, White"), once each, at most
// maxAttrKeys.
func attrKeys(p *Product) []string {
	names := make([]string, 0, len(p.Attributes))
	for name := range p.Attributes {
		names = append(names, name)
	}
	slices.Sort(names)
	var out []string
	add := func(kind, v string) {
		if k := attrKey(kind, v); len(k) > len(kind)+1 && !slices.Contains(out, k) && len(out) < maxAttrKeys {
			out = append(out, k)
		}
	}
	var words []string
	for _, name := range names {
		kind := attrKind(name)
		if kind == "" {
			continue
		}
		v := p.Attributes[name]
		add(kind, v)
		for _, part := range attrParts(v) {
			add(kind, part)
			if kind == FilterColor {
				words = append(words, colourWords(part)...)
			}
		}
	}
	// The words of colours of several words come after every whole value, so that the
	// bound keeps the values.
	for _, w := range words {
		add(FilterColor, w)
	}
	return out
}

// attrParts are the parts of an attribute value read apart: split at "/", ";", "|"
// and at a comma, but not at a comma after a backslash, which is part of the value as
// an option list writes it (SplitOptionValues: "9\, wide, 10\, wide" lists "9, wide"
// and "10, wide", each a size, not "9", "wide" and "10").
func attrParts(v string) []string {
	var out []string
	for _, item := range SplitOptionValues(v) {
		out = append(out, strings.FieldsFunc(item, func(r rune) bool { return strings.ContainsRune("/;|", r) })...)
	}
	return out
}

// attrWord is a run of a query's words that names a colour or size value of the
// catalog.
type attrWord struct {
	kind string // FilterColor or FilterSize
	key  string // attrKey
	// also are further keys of the same size: a size number asked for ("size 7") as the
	// catalog writes it with a sizing system (sizeSystems: "UK 7", "US 7"), when its
	// products have those.
	also []string
	// prefix, when set, is a further key's beginning: a waist asked for alone ("w32")
	// is every "W32 L…" size, keys "size=w32l…" (see waistLengthWords).
	prefix string
	words  string // the value's words as the query has them ("rose gold")
	phrase string // the words read, with a "size" before or after them ("size 10")
}

// sizeSystems are the prefixes shops write a size's system with ("UK 7", "EU 41 /
// UK 7", "US 8"): a size number asked for with the word "size" ("size 7") is that
// number in any of them the catalog has, as a shopper names a size in the system of the
// shop they are in.
var sizeSystems = []string{"uk", "eu", "us"}

// queryAttrs reads the runs of one or two of words that are the colour or size of
// some product of the catalog, and returns them and the words without them. A size of
// one character or digits only ("m", "10") counts only after the word "size" ("size
// m"), and the word "size" next to a size goes with it ("size 10", "king size"). In a
// sentence (long: its words may be the shopper's story, "a small gift in her
// favourite blue") only a size the word "size" marks, or one of two words that name a
// letter size ("extra large"), is read. A query of nothing but
// such words is left as it is.
//
// marked means the sizes are marked as sizes as "size" marks them (waistLengthWords
// wrote them: "32 waist", "32x30"): read in a sentence, and even when no other word
// is left ("32 waist 30 leg").
func (c *Catalog) queryAttrs(ctx context.Context, words []string, sentence, marked bool) ([]attrWord, []string, error) {
	type cand struct {
		from, to int // the value's words
		sized    bool
	}
	var keys []string
	var cands []cand
	for i := range words {
		for n := 2; n >= 1; n-- {
			if i+n > len(words) {
				continue
			}
			run := words[i : i+n]
			sized := i > 0 && words[i-1] == "size"
			if slices.ContainsFunc(run, func(w string) bool { return stopwords[w] }) && !(sized && n == 1) || run[0] == "size" {
				continue
			}
			cands = append(cands, cand{i, i + n, sized})
			v := strings.Join(run, " ")
			keys = append(keys, attrKey(FilterColor, v), attrKey(FilterSize, v))
			if sized && n == 1 && isNumber(v) {
				for _, sys := range sizeSystems {
					keys = append(keys, attrKey(FilterSize, sys+" "+v))
				}
			}
		}
	}
	if len(keys) == 0 {
		return nil, words, nil
	}
	have, err := c.knownCodes(ctx, keys)
	if err != nil {
		return nil, nil, err
	}
	if len(have) == 0 && !(marked && slices.ContainsFunc(words, waistAlone.MatchString)) {
		return nil, words, nil
	}
	used := make([]bool, len(words))
	var out []attrWord
	for _, cd := range cands {
		if slices.Contains(used[cd.from:cd.to], true) {
			continue
		}
		v := strings.Join(words[cd.from:cd.to], " ")
		for _, kind := range []string{FilterColor, FilterSize} {
			k := attrKey(kind, v)
			var also []string
			if kind == FilterSize && cd.sized && isNumber(v) {
				for _, sys := range sizeSystems {
					if sk := attrKey(FilterSize, sys+" "+v); have[sk] {
						also = append(also, sk)
					}
				}
				if !have[k] && len(also) > 0 {
					k, also = also[0], also[1:]
				}
			}
			prefix := ""
			if kind == FilterSize && marked && waistAlone.MatchString(v) {
				var err error
				if prefix, err = c.waistPrefix(ctx, k); err != nil {
					return nil, nil, err
				}
			}
			if !have[k] && prefix == "" || slices.ContainsFunc(out, func(a attrWord) bool { return a.kind == kind }) {
				continue
			}
			from, to := cd.from, cd.to
			if sentence && kind == FilterColor {
				continue
			}
			if kind == FilterColor && to < len(words) && !stopwords[words[to]] && words[to] != "size" {
				name, err := c.colourNamesProduct(ctx, strings.Join(words[from:to], " "), strings.Join(words[from:to+1], " "), k)
				if err != nil {
					return nil, nil, err
				}
				if name {
					continue
				}
			} else if kind == FilterColor && to-from == 1 {
				// A colour word with no word after it ("cerave cream", "rose hand cream")
				// is a product's word, not a colour, when most of the products whose
				// text has it lack the colour: a shade named "Cream of the Crop" makes
				// "cream" a colour key, yet in a beauty shop "cream" is what most of its
				// creams are called.
				w := words[from]
				name, err := c.colourNamesProduct(ctx, w, w, k)
				if err != nil {
					return nil, nil, err
				}
				if name {
					continue
				}
			}
			if kind == FilterSize {
				after := to < len(words) && words[to] == "size"
				// A letter size of two words ("extra large", "x-large") needs no "size"
				// in a sentence: its words say it.
				named := cd.to-cd.from == 2 && sizeCodes[foldKey(v)] != ""
				waist := marked && waistLengthWord(v)
				if (len([]rune(v)) < 2 || isNumber(v) || sentence && !after && !named && !waist) && !cd.sized {
					continue
				}
				if cd.sized {
					from--
				} else if after {
					to++
				}
			}
			for j := from; j < to; j++ {
				used[j] = true
			}
			out = append(out, attrWord{kind: kind, key: k, also: also, prefix: prefix, words: strings.Join(words[cd.from:cd.to], " "), phrase: strings.Join(words[from:to], " ")})
			break
		}
	}
	var rest []string
	content := false
	for i, w := range words {
		if !used[i] {
			rest = append(rest, w)
			content = content || !stopwords[w]
		}
	}
	if len(out) == 0 || !content && !(marked && slices.ContainsFunc(out, func(a attrWord) bool { return a.kind == FilterSize && waistLengthWord(a.words) })) {
		// Nothing else asked for ("compact", "red"): the words are searched and ranked
		// as words, as a browse filtered by them would lose their ranking.
		return nil, words, nil
	}
	return out, rest, nil
}

// colourNamesProduct says whether a colour word before another word is rather a word
// of a product's name ("olive oil", "espresso machine", misspelled or not): some
// product's text has the two words as a phrase and none of those products has the
// colour key k, or most of the first products whose text has the colour word (up to
// colourSample) lack the key.
func (c *Catalog) colourNamesProduct(ctx context.Context, colour, phrase, k string) (bool, error) {
	var cb, pb strings.Builder
	quoteTerm(&cb, colour)
	quoteTerm(&pb, phrase)
	var name bool
	err := c.queryRow(ctx, colourNamesSQL,
		pb.String(), k, cb.String(), colourSample).Scan(&name)
	if err != nil {
		return false, fmt.Errorf("search attributes: %w", err)
	}
	return name, nil
}

// colourNamesSQL is colourNamesProduct's question: ?1 the phrase, ?2 the colour key,
// ?3 the colour word, ?4 colourSample. The matches of the full-text queries drive it
// and each is looked up in product_codes by its key: product_codes must not drive a
// products_fts scan (rowid IN (…) beside MATCH), as FTS5 then runs the phrase query
// once for every product of the colour (at 1M, ~50,000 of them, a minute).
const colourNamesSQL = `SELECT (EXISTS (SELECT 1 FROM products_fts WHERE products_fts MATCH ?1)
	AND NOT EXISTS (SELECT 1 FROM products_fts f WHERE f.products_fts MATCH ?1
		AND EXISTS (SELECT 1 FROM product_codes c WHERE c.code = ?2 AND c.rowid = f.rowid)))
	OR coalesce((SELECT 2 * sum(EXISTS (SELECT 1 FROM product_codes c WHERE c.code = ?2 AND c.rowid = s.rowid)) < count(*)
		FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?3 LIMIT ?4) s), 0)`

// colourSample is how many of the products whose text has a colour word
// colourNamesProduct looks at.
const colourSample = 100

// attrCondition is the condition a colour or size word sets, on the rowid column col
// (k.rowid or p.rowid), and its arguments: the product's attribute has the value, or
// its text has the words.
func attrCondition(col string, a attrWord) (string, []any) {
	var b strings.Builder
	quoteTerm(&b, a.words)
	codes, args := "code = ?", []any{a.key}
	if len(a.also) > 0 {
		codes = "code IN (?" + strings.Repeat(", ?", len(a.also)) + ")"
		for _, k := range a.also {
			args = append(args, k)
		}
	}
	if a.prefix != "" {
		// The keys that begin so: a range of product_codes' primary key, its index.
		codes += " OR code >= ? AND code < ?"
		args = append(args, a.prefix, a.prefix[:len(a.prefix)-1]+string(a.prefix[len(a.prefix)-1]+1))
	}
	return "(" + col + " IN (SELECT rowid FROM product_codes WHERE " + codes + ") OR " + col +
		" IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?))", append(args, b.String())
}

// maxKnownCodes bounds the answers of knownCodes a learned view keeps; past it, it
// forgets them.
const maxKnownCodes = 8192

// knownCodes returns the keys of keys that some product has in product_codes (true),
// hidden or not. Within a snapshot whose learned view was read and which began with no
// fill of product_codes under way, each key's answer, yes or no, is kept in the view
// for every later search of the same text version (catalog_changes.text, which every
// write of product_codes but that fill moves): every search asks it of each run of one
// or two of its words. Otherwise nothing is kept.
func (c *Catalog) knownCodes(ctx context.Context, keys []string) (map[string]bool, error) {
	var lv *learnedView
	if s := c.snapshotOf(ctx); s != nil && !s.codesFilling {
		lv = s.learned.Load()
	}
	have := map[string]bool{}
	ask := keys
	if lv != nil {
		ask = nil
		lv.mu.Lock()
		for _, k := range keys {
			if v, ok := lv.codes[k]; !ok {
				ask = append(ask, k)
			} else if v {
				have[k] = true
			}
		}
		lv.mu.Unlock()
		if len(ask) == 0 {
			return have, nil
		}
	}
	list, _ := json.Marshal(ask) // []string cannot fail to marshal
	rows, err := c.query(ctx, `SELECT value FROM json_each(?) WHERE EXISTS (SELECT 1 FROM product_codes WHERE code = value)`, string(list))
	if err != nil {
		return nil, fmt.Errorf("search attributes: %w", err)
	}
	found := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search attributes: %w", err)
		}
		found[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search attributes: %w", err)
	}
	maps.Copy(have, found)
	if lv != nil {
		lv.mu.Lock()
		if len(lv.codes)+len(ask) > maxKnownCodes {
			clear(lv.codes)
		}
		for _, k := range ask {
			lv.codes[k] = found[k]
		}
		lv.mu.Unlock()
	}
	return have, nil
}
