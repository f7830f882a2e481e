package catalog

import (
	"context"
	"fmt"
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

// madeForScan bounds how many products with the model's words MadeForProduct reads.
const madeForScan = 400

// MadeForProduct returns up to n products made for the product ref (see above), in
// the order the catalog has them; none when its title names no model. The products
// returned need not pass a pool (see Pool.Load).
func (c *Catalog) MadeForProduct(ctx context.Context, ref Ref, n int) ([]Ref, error) {
	var title, head string
	if err := c.queryRow(ctx, `SELECT t.title, coalesce(r.head, '') FROM product_text t LEFT JOIN product_rank r ON r.rowid = t.rowid
		WHERE t.rowid = ?`, int64(ref)).Scan(&title, &head); err != nil {
		return nil, nil //nolint:nilerr // a product gone since it was bought has nothing made for it
	}
	words := splitWords(title)
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = wordKey(w)
	}
	pairs := map[[2]string]bool{}
	codes := map[string]bool{}
	var phrases []string
	for i, k := range keys {
		if !hasDigit(k) {
			continue
		}
		if isCode(codeKey(k)) && len(k) >= 4 {
			codes[k] = true
			phrases = append(phrases, words[i])
		}
		for _, j := range []int{i - 1, i} {
			if j >= 0 && j+1 < len(keys) && modelPair(keys[j], keys[j+1]) {
				pairs[[2]string{keys[j], keys[j+1]}] = true
				phrases = append(phrases, words[j]+" "+words[j+1])
			}
		}
	}
	if len(phrases) == 0 {
		return nil, nil
	}
	var b strings.Builder
	b.WriteString("{title} : (")
	quoteAny(&b, phrases)
	b.WriteString(")")
	rows, err := c.query(ctx, `SELECT m.rowid, r.for_keys FROM (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT ?) m
		CROSS JOIN product_rank r ON r.rowid = m.rowid WHERE r.for_keys <> '' AND m.rowid <> ? AND r.head <> ?`, b.String(), madeForScan, int64(ref), head)
	if err != nil {
		return nil, fmt.Errorf("made for: %w", err)
	}
	defer rows.Close()
	var out []Ref
	for rows.Next() && len(out) < n {
		var (
			rowid int64
			fks   string
		)
		if err := rows.Scan(&rowid, &fks); err != nil {
			return nil, fmt.Errorf("made for: %w", err)
		}
		if forsModel(strings.Fields(fks), pairs, codes) {
			out = append(out, Ref(rowid))
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
