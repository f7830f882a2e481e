package catalog

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"math"
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
	k := codeChars(s)
	if isNumber(k) {
		k = strings.TrimLeft(k, "0")
	}
	return k
}

// codeChars returns s in lower-case ASCII letters and digits only: codeKey without
// the leading zeros of a number taken off.
func codeChars(s string) string {
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
	return b.String()
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
	if i > 0 && (unitWords[k[i:]] || codeUnits[k[i:]] || isDimension(k[i:])) {
		return false
	}
	return true
}

// isDimension reports whether the rest of a code key after its leading number is a
// second measure: "x" and a number, and a unit or a letter at most ("700x25c" and
// "29x2.35" tyres, "2x4" lumber, "8x10" frames, "10x42" binoculars are sizes, named by
// every product of that size, not one product's code).
func isDimension(rest string) bool {
	if len(rest) < 2 || rest[0] != 'x' {
		return false
	}
	j := strings.IndexFunc(rest[1:], func(r rune) bool { return !unicode.IsDigit(r) })
	if j == 0 {
		return false
	}
	if j < 0 {
		return true
	}
	unit := rest[1+j:]
	return len(unit) == 1 || unitWords[unit] || codeUnits[unit]
}

// codeUnits are the units written right after a number that unitWords lacks.
var codeUnits = set("gb", "tb", "mb", "in", "inch", "k", "p", "mm", "cm", "m", "w", "v", "mah", "hz", "oz", "lb", "lbs",
	"ft", "qt", "l", "ml", "x", "pk", "pc", "pcs", "ct", "th", "st", "nd", "rd", "s", "d", "ah", "kw", "db", "fps", "mp")

// minIDCode is the fewest characters of a product id's code key that make the id one
// of its codes (see idCode).
const minIDCode = 5

// idCode reports whether k, the code key of a product's id, is one of the product's
// codes: a code (isCode) of minIDCode characters or more. A shop's SKU ("FFC-CN-247",
// "NH-2000", "WW-PURINA-001") is, so that the SKU a shop owner or a customer reads on a
// product page finds the product; a short id ("p12", "B12", "sku7", "ps5") is not, as a
// query word it equals most often means another thing ("vitamin b12"), and a long
// generated id ("gen-000123") no query's word is.
func idCode(k string) bool { return len(k) >= minIDCode && isCode(k) }

// productCodes returns p's codes (see codeKey and isCode): its id when it is a code
// (idCode), its GTIN, the values of its code attributes, and the words of its title
// that are codes, once each, at most maxCodes; and after them the keys of its colour
// and size values (attrKeys), which no code can equal. Upsert stores them; nothing
// else decides them.
func productCodes(p *Product) []string {
	var out []string
	add := func(s string) {
		if k := codeKey(s); (isCode(k) || isNumber(k) && len(k) >= 6) && !slices.Contains(out, k) && len(out) < maxCodes {
			out = append(out, k)
		}
	}
	if k := codeKey(p.ID); idCode(k) {
		out = append(out, k)
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
	return append(append(out, attrKeys(p)...), shopPathKeys(p)...)
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
// together are one ("wh 1000 xm4" is "wh1000xm4"), each as codeKey writes the chunks
// joined: a number's leading zeros are kept inside a code ("hx5150 01" is "hx515001").
func queryCodes(text string) []string {
	chunks := titleChunks(text)
	var out []string
	for i := range chunks {
		joined, digit := "", false
		for j := i; j < min(i+3, len(chunks)); j++ {
			chars := codeChars(chunks[j])
			part := codeKey(chunks[j])
			hasDigit := strings.IndexFunc(part, unicode.IsDigit) >= 0
			if part == "" || unitWords[part] || codeUnits[part] || hasDigit && !isNumber(part) && !isCode(part) {
				break // a size ("16gb", "55 inch") is no part of a code
			}
			joined += chars
			digit = digit || hasDigit
			if k := codeKey(joined); digit && isCode(k) && !slices.Contains(out, k) {
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

// fillCodesChunk is how many rows of product_codes one statement of codeRows.exec
// inserts or deletes (two parameters each, under SQLite's 32,766).
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

// Statements of codeRows.exec: insert rows into product_codes, or delete them.
const (
	insertCodeRowsSQL = `INSERT OR IGNORE INTO product_codes (code, rowid) VALUES `
	deleteCodeRowsSQL = `DELETE FROM product_codes WHERE (code, rowid) IN (VALUES `
)

// exec runs, in tx, statement (insertCodeRowsSQL or deleteCodeRowsSQL) on the rows,
// fillCodesChunk rows a statement.
func (r *codeRows) exec(ctx context.Context, tx *sql.Tx, statement string) error {
	tail := ""
	if statement == deleteCodeRowsSQL {
		tail = ")"
	}
	var stmt *sql.Stmt
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, 2*min(fillCodesChunk, len(r.rows)))
	for i := 0; i < len(r.rows); i += fillCodesChunk {
		n := min(fillCodesChunk, len(r.rows)-i)
		if stmt == nil || n < fillCodesChunk {
			if stmt != nil {
				stmt.Close()
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, statement+strings.Repeat("(?, ?), ", n-1)+"(?, ?)"+tail); err != nil {
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

// fillCodesBatch is the batch of the codes' fill (see fill.go): it rewrites in tx the
// rows of product_codes of the first n products whose rowid is more than after, as
// productCodes has them now, writing only the rows that differ (after 0039 a product
// gains its colour and size keys and keeps its codes), and deletes the rows in those
// rowids whose product is gone; with no product past after, it deletes every row past
// after and returns 0. Otherwise it returns the last rowid it rewrote.
func fillCodesBatch(ctx context.Context, tx *sql.Tx, after int64, n int) (int64, error) {
	want, to, err := batchCodes(ctx, tx, after, n)
	if err != nil {
		return 0, err
	}
	upTo := to
	if to == 0 {
		upTo = math.MaxInt64
	}
	have := &codeRows{}
	rows, err := tx.QueryContext(ctx, `SELECT code, rowid FROM product_codes WHERE rowid > ? AND rowid <= ?`, after, upTo)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			code  string
			rowid int64
		)
		if err := rows.Scan(&code, &rowid); err != nil {
			return 0, err
		}
		have.add(code, rowid)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	rows.Close()
	want.sort()
	have.sort()
	lost, gained := have.minus(want), want.minus(have)
	if err := lost.exec(ctx, tx, deleteCodeRowsSQL); err != nil {
		return 0, err
	}
	if err := gained.exec(ctx, tx, insertCodeRowsSQL); err != nil {
		return 0, err
	}
	return to, nil
}

// minus returns the rows of r that o lacks, both sorted (see sort), in order.
func (r *codeRows) minus(o *codeRows) *codeRows {
	out := &codeRows{}
	j := 0
	for i := range r.rows {
		c := 1
		for j < len(o.rows) {
			if c = cmp.Or(bytes.Compare(o.code(j), r.code(i)), cmp.Compare(o.rows[j].rowid, r.rows[i].rowid)); c >= 0 {
				break
			}
			j++
		}
		if j == len(o.rows) || c != 0 {
			out.add(string(r.code(i)), r.rows[i].rowid)
		}
	}
	return out
}

// batchCodes returns the rows of product_codes the first n products of tx whose rowid
// is more than after should have (productCodes), unsorted, and the last rowid of
// them (0 for none).
func batchCodes(ctx context.Context, tx *sql.Tx, after int64, n int) (*codeRows, int64, error) {
	out := &codeRows{text: make([]byte, 0, 24*3*n), rows: make([]codeRow, 0, 3*n)}
	rows, err := tx.QueryContext(ctx, `SELECT t.rowid, p.id, t.title, t.attributes, t.gtin, t.category, t.tags
		FROM product_text t JOIN products p ON p.rowid = t.rowid
		WHERE t.rowid > ? ORDER BY t.rowid LIMIT ?`, after, n)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		var (
			p     Product
			attrs string
			tags  string
		)
		if err := rows.Scan(&last, &p.ID, &p.Title, &attrs, &p.GTIN, &p.Category, &tags); err != nil {
			return nil, 0, err
		}
		p.Attributes, _ = decodeAttributes(attrs) // a bad column has no codes
		p.Tags, _ = decodeTags(tags)
		for _, code := range productCodes(&p) {
			out.add(code, last)
		}
	}
	return out, last, rows.Err()
}
