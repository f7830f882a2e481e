package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// What is made for a product a customer bought: the products whose titles say they are
// for it by its model ("NP-FZ100 Battery for Sony a7 IV", "Propellers for DJI Mini 4
// Pro", "Vertical Grip for a7 IV, a7R V") — the words after "for" (product_rank's
// for_keys) hold two neighbouring words of the product's title, one with a digit
// ("a7 iv", "mini 4"; see modelPair), or one word of it that is a code ("a6400",
// "wh1000xm5"); and they are of another type (title head) than it, as what is made for
// a thing is: a party game "for Adults, 2-5 Players" is not made for a board game of 2-5
// players. A model word alone ("a7", "4") is too short to say which product.

// Besides the model, two more ways say a product is made for another, each read from
// the catalog's own text:
//   - the same platform: a battery, charger or blade (a type the vocabulary calls an
//     accessory) of the product's brand whose title names the platform word of the
//     product's title — a short word of digits and letters right after the brand
//     ("DEWALT 20V MAX XR Lithium Ion Battery" after "DEWALT 20V MAX XR Drill/Driver
//     Kit"; "Milwaukee M18 REDLITHIUM Battery" after "Milwaukee M18 Drill/Driver"). A
//     battery of another brand or of another platform of the brand is not made for it;
//   - named by its type: a product whose title names the product's type right before
//     its own ("Drill Bit Set" after a drill, "Camera Bag" after a camera), of another
//     type and category.

// madeForScan bounds how many products with the model's words MadeForProduct reads.
const madeForScan = 400

// MadeFor is what MadeForProduct finds for a product.
type MadeFor struct {
	Refs []Ref // the products made for it, in the order of the rules above, each once
	// ByModel is how many of Refs, the first, name it by its model; the rest fit it
	// by its brand's platform or its type.
	ByModel int
	// Model is the product's model code as its title writes it ("DCD791D2"); "" when
	// the title has none.
	Model string
	// Category is the product's category id (0 for none) and Types the word keys
	// that name its type: its title head, its category's last word, and the words
	// before a head that names a set ("drill" and "driver" of "Drill/Driver Kit").
	Category int64
	Types    []string
}

// MadeForProduct returns up to n products made for the product ref (see above), with
// what names the product's model and type; no products when nothing is made for it.
// Only those named by its model unless fits (the platform and type rules too). The
// products returned need not pass a pool (see Pool.Load).
func (c *Catalog) MadeForProduct(ctx context.Context, ref Ref, n int, fits bool) (MadeFor, error) {
	var (
		title, head, catWord, brandKey string
		category                       sql.NullInt64
		price                          productPrice
		out                            MadeFor
	)
	if err := c.queryRow(ctx, `SELECT t.title, coalesce(r.head, ''), coalesce(r.category, ''), p.brand_key, p.category_id, p.price_amount, p.price_exp, p.currency
		FROM product_text t CROSS JOIN products p ON p.rowid = t.rowid LEFT JOIN product_rank r ON r.rowid = t.rowid
		WHERE t.rowid = ?`, int64(ref)).Scan(&title, &head, &catWord, &brandKey, &category, &price.amount, &price.exp, &price.currency); err != nil {
		return out, nil //nolint:nilerr // a product gone since it was bought has nothing made for it
	}
	out.Category = category.Int64
	out.Types = productTypes(title, head, catWord)
	seen := map[Ref]bool{ref: true}
	add := func(refs []Ref) {
		for _, r := range refs {
			if len(out.Refs) < n && !seen[r] {
				seen[r] = true
				out.Refs = append(out.Refs, r)
			}
		}
	}
	refs, model, err := c.madeForModel(ctx, ref, title, head, n)
	if err != nil {
		return out, err
	}
	out.Model = model
	add(refs)
	out.ByModel = len(out.Refs)
	if !fits {
		return out, nil
	}
	if len(out.Refs) < n && brandKey != "" {
		if refs, err = c.madeForPlatform(ctx, ref, title, brandKey, out.Types); err != nil {
			return out, err
		}
		add(refs)
	}
	// The type others name before theirs: the category's word when the title names
	// it too ("Power Drills" and "Drill/Driver Kit"; not "Travel" of a travel book's
	// essays), otherwise the title's.
	t := ""
	if named := productTypes(title, head, ""); catWord == "" && len(named) > 0 {
		t = named[0]
	} else if catWord != "" && slices.ContainsFunc(lowerWords(titleName(" "+strings.ToLower(title)+" ")), func(w string) bool { return wordKey(w) == catWord }) {
		t = catWord
	}
	if len(out.Refs) < n && t != "" && typeLike(t) {
		if refs, err = c.madeForType(ctx, ref, t, out.Types, out.Category, price); err != nil {
			return out, err
		}
		add(refs)
	}
	return out, nil
}

// productTypes returns the word keys that name a product's type (see MadeFor.Types),
// the most telling first: the category's word, then the head.
func productTypes(title, head, catWord string) []string {
	var out []string
	add := func(k string) {
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	if !groupWords[catWord] {
		add(catWord)
	}
	if !groupWords[head] {
		add(head)
		return out
	}
	// "Drill/Driver Kit": a set of what the words before it name.
	ws := lowerWords(titleName(" " + strings.ToLower(title) + " "))
	for i := len(ws) - 1; i >= 0; i-- {
		if wordKey(ws[i]) != head {
			continue
		}
		for j := i - 1; j >= max(0, i-2) && typeLike(ws[j]); j-- {
			add(wordKey(ws[j]))
		}
		break
	}
	add(head)
	return out
}

// madeForModel returns the products whose "for" part names the product by its model
// (see above), and the model as the title writes it.
func (c *Catalog) madeForModel(ctx context.Context, ref Ref, title, head string, n int) ([]Ref, string, error) {
	words := splitWords(title)
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	pairs := map[[2]string]bool{}
	codes := map[string]bool{}
	var phrases []string
	code := "" // the first code, as the title writes it
	for i, k := range keys {
		if !hasDigit(k) {
			continue
		}
		if isCode(codeKey(k)) && len(k) >= 4 {
			codes[k] = true
			phrases = append(phrases, words[i])
			if code == "" {
				code = titleWord(title, words[i])
			}
		}
		for _, j := range []int{i - 1, i} {
			if j >= 0 && j+1 < len(keys) && modelPair(keys[j], keys[j+1]) {
				pairs[[2]string{keys[j], keys[j+1]}] = true
				phrases = append(phrases, words[j]+" "+words[j+1])
			}
		}
	}
	model := code // a pair ("a7 IV", and "Milwaukee M18" too) names a line more than a product
	if len(phrases) == 0 {
		return nil, "", nil
	}
	var b strings.Builder
	b.WriteString("{title} : (")
	quoteAny(&b, phrases)
	b.WriteString(")")
	rows, err := c.query(ctx, `SELECT m.rowid, r.for_keys FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.for_keys <> '' AND m.rowid <> ? AND r.head <> ?`, b.String(), madeForScan, int64(ref), head)
	if err != nil {
		return nil, "", fmt.Errorf("made for: %w", err)
	}
	defer rows.Close()
	var out []Ref
	for rows.Next() && len(out) < n {
		var (
			rowid int64
			fks   string
		)
		if err := rows.Scan(&rowid, &fks); err != nil {
			return nil, "", fmt.Errorf("made for: %w", err)
		}
		if forsModel(strings.Fields(fks), pairs, codes) {
			out = append(out, Ref(rowid))
		}
	}
	return out, model, rows.Err()
}

// titleWord returns the word w (lower-cased, as splitWords returns it) as title
// writes it, with the rest of the title's token it is in ("PY-R565" of "r565"), its
// brackets and punctuation trimmed.
func titleWord(title, w string) string {
	for tok := range strings.FieldsSeq(title) {
		if strings.Contains(strings.ToLower(tok), w) {
			return strings.Trim(tok, "()[]{},.;:!?\"'")
		}
	}
	return w
}

// platformWord reports whether a title's word key can name a platform of a brand: a
// short word of digits and letters ("20v", "m18", "18v"), not a code of one product.
func platformWord(k string) bool {
	return len(k) >= 2 && len(k) <= 4 && hasDigit(k) && !isNumber(k) && strings.IndexFunc(k, unicode.IsLetter) >= 0
}

// maxPlatformWords bounds how many words after the brand are read for a platform.
const maxPlatformWords = 3

// platformWords returns the platform words of a title whose brand's words are bw: the
// words among the first maxPlatformWords after the brand that platformWord takes ("20v"
// of "DEWALT 20V MAX XR Battery", "m12" and "m18" of "Milwaukee M12 and M18 Charger",
// "18v" of "RYOBI ONE+ 18V Drill"); none when the title does not start with the brand.
func platformWords(title string, bw []string) []string {
	words := lowerWords(titleName(" " + strings.ToLower(title) + " "))
	if len(bw) == 0 || len(words) <= len(bw) || !slices.Equal(words[:len(bw)], bw) {
		return nil
	}
	var out []string
	for _, w := range words[len(bw):min(len(words), len(bw)+maxPlatformWords)] {
		if platformWord(w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// sharesAny reports whether a and b have a word in common.
func sharesAny(a, b []string) bool {
	return slices.ContainsFunc(a, func(w string) bool { return slices.Contains(b, w) })
}

// madeForPlatform returns the accessories of the product's brand and platform (see
// above), best rated first.
func (c *Catalog) madeForPlatform(ctx context.Context, ref Ref, title, brandKey string, types []string) ([]Ref, error) {
	bw := brandWords(brandKey)
	platform := platformWords(title, bw)
	if len(platform) == 0 {
		return nil, nil
	}
	var b strings.Builder
	b.WriteString("{title} : (")
	quoteAny(&b, platform)
	b.WriteString(")")
	rows, err := c.query(ctx, `SELECT m.rowid, r.head, r.category, t.title FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN products p ON p.rowid = m.rowid CROSS JOIN product_rank r ON r.rowid = m.rowid CROSS JOIN product_text t ON t.rowid = m.rowid
		WHERE p.brand_key = ? AND m.rowid <> ?
		ORDER BY ((p.rating * p.review_count + 40.0) / (p.review_count + 10)) DESC, m.rowid`, b.String(), madeForScan, brandKey, int64(ref))
	if err != nil {
		return nil, fmt.Errorf("made for: %w", err)
	}
	defer rows.Close()
	v := c.vocabulary()
	var out []Ref
	for rows.Next() {
		var (
			rowid               int64
			head, catWord, name string
		)
		if err := rows.Scan(&rowid, &head, &catWord, &name); err != nil {
			return nil, fmt.Errorf("made for: %w", err)
		}
		kind := catWord
		if kind == "" {
			kind = head
		}
		if kind == "" || slices.Contains(types, kind) || slices.Contains(types, head) || !v.isAccessory(kind) {
			continue
		}
		// The platform word right after the brand in its title too.
		if sharesAny(platformWords(name, bw), platform) {
			out = append(out, Ref(rowid))
		}
	}
	return out, rows.Err()
}

// productPrice is a product's price as products stores it.
type productPrice struct {
	amount   int64
	exp      int64
	currency string
}

// above reports whether p costs more than q; prices in different currencies or
// exponents are not compared.
func (p productPrice) above(q productPrice) bool {
	return p.currency == q.currency && p.exp == q.exp && p.amount > q.amount
}

// madeForType returns the products whose titles name the type t right before their
// own type (see above), of none of types and of another category than category (when
// both have one), best rated first. What is made for a product costs no more than it
// (a drill's bits; not a "Drill Press", a tool of its own named after a drill), and
// is known by no other name than one after the product's type (not a "Saw Horse",
// which the vocabulary also calls a sawhorse or a trestle).
func (c *Catalog) madeForType(ctx context.Context, ref Ref, t string, types []string, category int64, price productPrice) ([]Ref, error) {
	var b strings.Builder
	b.WriteString("{title} : ")
	quoteTerm(&b, t)
	v := c.vocabulary()
	rows, err := c.query(ctx, `SELECT m.rowid, r.head, r.category, t.title, coalesce(p.category_id, 0), p.price_amount, p.price_exp, p.currency FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ?1 LIMIT ?2) m
		CROSS JOIN products p ON p.rowid = m.rowid CROSS JOIN product_rank r ON r.rowid = m.rowid CROSS JOIN product_text t ON t.rowid = m.rowid
		WHERE m.rowid <> ?3 AND r.head <> ?4 AND r.category <> ?4
		ORDER BY ((p.rating * p.review_count + 40.0) / (p.review_count + 10)) DESC, m.rowid`, b.String(), madeForScan, int64(ref), t)
	if err != nil {
		return nil, fmt.Errorf("made for: %w", err)
	}
	defer rows.Close()
	var out []Ref
	for rows.Next() {
		var (
			rowid, cat          int64
			head, catWord, name string
			p                   productPrice
		)
		if err := rows.Scan(&rowid, &head, &catWord, &name, &cat, &p.amount, &p.exp, &p.currency); err != nil {
			return nil, fmt.Errorf("made for: %w", err)
		}
		if category != 0 && cat == category || slices.Contains(types, head) || slices.Contains(types, catWord) || p.above(price) {
			continue
		}
		ws := lowerWords(titleName(" " + strings.ToLower(name) + " "))
		for i := 0; i+1 < len(ws); i++ {
			if wordKey(ws[i]) != t {
				continue
			}
			// The word after it is the product's type: its category's word when it has
			// one ("Drill Bit Set" under Drill Bits; not "Hammer Drill Masonry Bit"),
			// its head, or the word before a head that names a set.
			next, kind := wordKey(ws[i+1]), catWord
			if kind == "" {
				kind = head
			}
			if !slices.Contains(types, next) && (next == kind || catWord == "" && i+2 < len(ws) && groupWords[head] && wordKey(ws[i+2]) == head) &&
				!v.namedOtherwise(t, next) {
				out = append(out, Ref(rowid))
				break
			}
		}
	}
	return out, rows.Err()
}

// modelPair reports whether two neighbouring word keys of a title can name a model: a
// word of letters and digits among them ("a7 iv", "py r565"), or a word and then a
// number ("mini 4", "dot 5"); a number and then a word ("5 player", "2 pack") is a
// count.
func modelPair(a, b string) bool {
	mixed := func(k string) bool { return hasDigit(k) && strings.IndexFunc(k, unicode.IsLetter) >= 0 }
	return a != b && (mixed(a) || mixed(b) || !hasDigit(a) && isNumber(b))
}

// forsModel reports whether the word keys after a title's "for" (fks) name the model
// whose neighbouring word pairs with a digit are pairs, and whose codes are codes.
func forsModel(fks []string, pairs map[[2]string]bool, codes map[string]bool) bool {
	for i, k := range fks {
		if codes[k] || i+1 < len(fks) && pairs[[2]string{k, fks[i+1]}] {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }
