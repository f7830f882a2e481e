package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Exact codes: a query that names a product's model or part number or its GTIN, in any
// spelling ("WH-1000XM4", "wh1000xm4", "wh 1000 xm4"), finds that product first. Each
// product's codes are derived from it by productCodes and stored in product_codes
// (migration 0009) by Upsert; queryCodes derives the codes a query may name.

// codeAttributes are the attribute names whose values are codes.
var codeAttributes = set("model", "model number", "model_number", "model no", "mpn", "part number", "part_number",
	"manufacturer part number", "sku", "item model number", "ean", "upc", "gtin", "isbn")

// maxCodes bounds how many codes one product has.
const maxCodes = 16

// codeKey writes a code as codes are compared: lower-case ASCII letters and digits only,
// and an all-digit code (a GTIN, UPC or EAN) without leading zeros.
func codeKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	k := b.String()
	if isNumber(k) {
		k = strings.TrimLeft(k, "0")
	}
	return k
}

// isCode reports whether a code key names one product rather than a size or a count:
// letters and digits mixed, at least three characters, and not a number and a unit
// ("16gb", "55in", "4k", "2pack"); or eight digits or more (a GTIN).
func isCode(k string) bool {
	if isNumber(k) {
		return len(k) >= 7 // GTIN-8 less its leading zero, at the least
	}
	if len(k) < 3 || strings.IndexFunc(k, unicode.IsDigit) < 0 {
		return false
	}
	i := strings.IndexFunc(k, func(r rune) bool { return !unicode.IsDigit(r) })
	if i > 0 && (unitWords[k[i:]] || codeUnits[k[i:]]) {
		return false
	}
	return true
}

// codeUnits are the units written right after a number that unitWords lacks.
var codeUnits = set("gb", "tb", "mb", "in", "inch", "k", "p", "mm", "cm", "m", "w", "v", "mah", "hz", "oz", "lb", "lbs",
	"ft", "qt", "l", "ml", "x", "pk", "pc", "pcs", "ct", "th", "st", "nd", "rd", "s", "d", "ah", "kw", "db", "fps", "mp")

// productCodes returns p's codes (see codeKey and isCode): its GTIN, the values of its
// code attributes, and the words of its title that are codes, once each, at most
// maxCodes; and after them the keys of its colour and size values (attrKeys), which
// no code can equal. Upsert stores them; nothing else decides them.
func productCodes(p *Product) []string {
	var out []string
	add := func(s string) {
		if k := codeKey(s); (isCode(k) || isNumber(k) && len(k) >= 6) && !slices.Contains(out, k) && len(out) < maxCodes {
			out = append(out, k)
		}
	}
	add(p.GTIN)
	names := make([]string, 0, len(p.Attributes))
	for name := range p.Attributes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if codeAttributes[strings.ToLower(strings.TrimSpace(name))] {
			add(p.Attributes[name])
		}
	}
	for _, w := range titleChunks(p.Title) {
		add(w)
	}
	return append(out, attrKeys(p)...)
}

// titleChunks splits a title at white space and the punctuation that separates
// phrases, keeping the hyphens, dots and slashes inside a code ("WH-1000XM4").
func titleChunks(title string) []string {
	return strings.FieldsFunc(title, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:()[]{}|\"'«»", r)
	})
}

// queryCodes returns the codes a query's text may name: each chunk of it that is a
// code, and each run of two or three neighbouring chunks, one with a digit, that
// together are one ("wh 1000 xm4" is "wh1000xm4").
func queryCodes(text string) []string {
	chunks := titleChunks(text)
	var out []string
	for i := range chunks {
		k, digit := "", false
		for j := i; j < min(i+3, len(chunks)); j++ {
			part := codeKey(chunks[j])
			hasDigit := strings.IndexFunc(part, unicode.IsDigit) >= 0
			if part == "" || unitWords[part] || codeUnits[part] || hasDigit && !isNumber(part) && !isCode(part) {
				break // a size ("16gb", "55 inch") is no part of a code
			}
			k += part
			digit = digit || hasDigit
			if digit && isCode(k) && !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// writeCodes replaces the codes of the product at rowid.
func writeCodes(ctx context.Context, del, ins *sql.Stmt, rowid int64, codes []string) error {
	if _, err := del.ExecContext(ctx, rowid); err != nil {
		return err
	}
	if len(codes) == 0 {
		return nil
	}
	list, _ := json.Marshal(codes) // []string cannot fail to marshal
	_, err := ins.ExecContext(ctx, string(list), rowid)
	return err
}

const (
	deleteCodesSQL = `DELETE FROM product_codes WHERE rowid = ?`
	insertCodesSQL = `INSERT OR IGNORE INTO product_codes (code, rowid) SELECT value, ?2 FROM json_each(?1)`
	// deleteLostCodesSQL deletes the codes of the product at ?2 that are not in the
	// JSON list ?1 (its codes now).
	deleteLostCodesSQL = `DELETE FROM product_codes WHERE rowid = ?2 AND code NOT IN (SELECT value FROM json_each(?1))`
)

// fillCodes writes the codes of every product when migration 0009 left that to do
// (the catalog had products before it), in one transaction.
func (c *Catalog) fillCodes(ctx context.Context) error {
	var pending int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM product_codes_pending`).Scan(&pending); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	if pending == 0 {
		return nil
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT t.rowid, t.title, t.attributes, t.gtin FROM product_text t`)
	if err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	type item struct {
		rowid int64
		codes []string
	}
	var items []item
	for rows.Next() {
		var (
			p     Product
			rowid int64
			attrs string
		)
		if err := rows.Scan(&rowid, &p.Title, &attrs, &p.GTIN); err != nil {
			rows.Close()
			return fmt.Errorf("product codes: %w", err)
		}
		_ = json.Unmarshal([]byte(attrs), &p.Attributes) // a bad column has no codes
		items = append(items, item{rowid, productCodes(&p)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	del, err := tx.PrepareContext(ctx, deleteCodesSQL)
	if err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	defer del.Close()
	ins, err := tx.PrepareContext(ctx, insertCodesSQL)
	if err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	defer ins.Close()
	for _, it := range items {
		if err := writeCodes(ctx, del, ins, it.rowid, it.codes); err != nil {
			return fmt.Errorf("product codes: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM product_codes_pending`); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	return nil
}
