package catalog

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
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

const (
	insertCodesSQL = `INSERT OR IGNORE INTO product_codes (code, rowid) SELECT value, ?2 FROM json_each(?1)`
	// deleteLostCodesSQL deletes the codes of the product at ?2 that are not in the
	// JSON list ?1 (its codes now).
	deleteLostCodesSQL = `DELETE FROM product_codes WHERE rowid = ?2 AND code NOT IN (SELECT value FROM json_each(?1))`
)

// fillCodes writes the codes of every product when a migration left that to do (0009:
// the catalog had products before it; 0039: codes gained colour and size keys), in
// one transaction, so that a fill cut short (kill -9) leaves the pending row and the
// old codes, and the next Open starts it again. It rewrites product_codes in bulk:
// every product's productCodes, sorted by key, appended to the emptied table in
// chunks, with the rowid index dropped before and made again after from the
// statement migration 0009 wrote (sqlite_schema), so that no B-tree is written out of
// order. At a million products that costs 13-17 s of CPU, against 32-40 s row by row,
// which on a busy machine took longer than a desktop client waits for a server to start.
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
	codes, err := allCodes(ctx, tx)
	if err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	var index string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'product_codes_rowid'`).Scan(&index); err != nil {
		return fmt.Errorf("product codes: the rowid index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DROP INDEX product_codes_rowid; DELETE FROM product_codes`); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	if err := codes.write(ctx, tx); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	if _, err := tx.ExecContext(ctx, index+`; DELETE FROM product_codes_pending`); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("product codes: %w", err)
	}
	return nil
}

// fillCodesChunk is how many rows of product_codes one statement of codeRows.write
// appends (two parameters each, under SQLite's 32,766).
const fillCodesChunk = 1000

// codeRows are rows of product_codes kept without a pointer each (the garbage
// collector would otherwise walk millions of them): the codes one after another in
// text, each row its code's end in text and its rowid.
type codeRows struct {
	text []byte
	rows []codeRow
}

type codeRow struct {
	start, end int
	rowid      int64
}

func (r *codeRows) add(code string, rowid int64) {
	start := len(r.text)
	r.text = append(r.text, code...)
	r.rows = append(r.rows, codeRow{start, len(r.text), rowid})
}

func (r *codeRows) code(i int) []byte { return r.text[r.rows[i].start:r.rows[i].end] }

// sort orders the rows as product_codes' key is (code by bytes, then rowid).
func (r *codeRows) sort() {
	slices.SortFunc(r.rows, func(a, b codeRow) int {
		return cmp.Or(bytes.Compare(r.text[a.start:a.end], r.text[b.start:b.end]), cmp.Compare(a.rowid, b.rowid))
	})
}

// write appends the rows to product_codes in tx, fillCodesChunk rows a statement.
func (r *codeRows) write(ctx context.Context, tx *sql.Tx) error {
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, 2*fillCodesChunk)
	for i := 0; i < len(r.rows); i += fillCodesChunk {
		n := min(fillCodesChunk, len(r.rows)-i)
		if stmt == nil || n < fillCodesChunk {
			if stmt != nil {
				stmt.Close()
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, `INSERT OR IGNORE INTO product_codes (code, rowid) VALUES `+strings.Repeat("(?, ?), ", n-1)+`(?, ?)`); err != nil {
				return err
			}
		}
		args = args[:0]
		for j := i; j < i+n; j++ {
			args = append(args, string(r.code(j)), r.rows[j].rowid)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// allCodes returns the rows of product_codes every product of tx should have
// (productCodes), in the table's key order.
func allCodes(ctx context.Context, tx *sql.Tx) (*codeRows, error) {
	var last int64 // about the products' count, to make room for about three codes each
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM product_text`).Scan(&last); err != nil {
		return nil, err
	}
	out := &codeRows{text: make([]byte, 0, 24*last), rows: make([]codeRow, 0, 3*last)}
	rows, err := tx.QueryContext(ctx, `SELECT t.rowid, t.title, t.attributes, t.gtin FROM product_text t`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			p     Product
			rowid int64
			attrs string
		)
		if err := rows.Scan(&rowid, &p.Title, &attrs, &p.GTIN); err != nil {
			return nil, err
		}
		p.Attributes, _ = decodeAttributes(attrs) // a bad column has no codes
		for _, code := range productCodes(&p) {
			out.add(code, rowid)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out.sort()
	return out, nil
}
