package feed

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// readDelimited reads a CSV (comma) or TSV (tab) feed whose first record is the
// header. Quoted fields may span lines; a row's lines run from where its record
// starts to where it ends. Quoting follows RFC 4180: a field that starts with "
// runs to the next " that is followed by the delimiter or the end of a line, and ""
// inside it stands for one ". CSV is strict: any other " is an error. TSV is
// lenient, since its fields are rarely quoted: a " inside a field is kept as text
// (6" ruler), and a field whose quote closes early on its first line ("Best" mug) is
// read as plain text up to the next tab. A TSV field that is still quoted at the end
// of its first line must be quoted as strictly as in CSV.
//
// A row with fewer fields than the header is rejected; extra fields are accepted when
// they are empty (a trailing delimiter). Rows whose fields are all blank are skipped.
//
// Damage never takes later rows with it. A record is damaged when its quoting is
// broken, when a quoted field is still open at the end of the file, when a field
// passes maxFieldLen or a line or the record passes maxRecordLen, or when a record
// that spans several lines does not have the header's number of fields (a quote
// that closed by accident, lines later). The reader then goes back to the line after
// the damaged record's first line and looks for the first line that is a whole row
// on its own: well-formed, not blank, with the header's number of fields. Reading
// resumes there, and the lines before it, from the damaged record's first line on,
// are reported as one damaged span ("products.csv:5-9: reason"), counted as one
// rejected row. At most one record's lines (maxRecordLen) are held to be read
// again. A damaged record ends at the first stray quote after its first line, and
// the lines it passed have none, so they cannot start another long one: each line is
// read a few times at most, whatever the file holds.
func (p *parser) readDelimited(in *bufio.Reader, comma byte) error {
	r := &delimReader{lines: lineReader{in: in}, comma: comma, lazy: comma == '\t'}
	header, err := r.record()
	if err != nil {
		return readError(err)
	}
	if header == nil {
		return errors.New("file is empty")
	}
	if header.damage != "" {
		return fmt.Errorf("cannot read the header row: %s", header.damage)
	}
	if header, err = r.amazonHeader(header); err != nil {
		return err
	}
	r.names = header.fields
	cols := wooEnglish(columnIndex(header.fields))
	var (
		shop *shopify
		wc   *woo
		bc   *bigCommerce
		mg   *magento
	)
	switch {
	case isShopify(cols):
		shop = &shopify{cols: shopifyColumns(cols)}
	case isWooCommerce(cols):
		wc = &woo{cols: cols, parents: map[string][]string{}}
	case isBigCommerce(cols):
		bc = &bigCommerce{cols: cols}
	case isBigCommerceModern(cols):
		return errBigCommerceModern
	case isMagento(cols):
		mg = &magento{cols: cols}
	default:
		if err := checkColumns(cols, header.fields); err != nil {
			return err
		}
	}
	width := len(header.fields)
	var rec *delimRecord
	r2 := row(func(col string) string {
		if i, ok := cols[col]; ok {
			return rec.fields[i]
		}
		return ""
	})
	for {
		if rec, err = r.record(); err != nil {
			return readError(err)
		}
		if rec == nil {
			if bc != nil {
				return p.bigCommerceFlush(bc)
			}
			if shop != nil {
				return p.shopifyFlush(shop)
			}
			if mg != nil {
				return p.magentoFlush(mg)
			}
			return nil
		}
		p.tick()
		at := lines{rec.first, rec.last}
		if rec.damage == "" && blank(rec.fields) {
			continue
		}
		if rec.damage == "" && at.last > at.first && !fits(rec.fields, width) {
			rec.damage = fmt.Sprintf(`a quoted field runs over %d lines and leaves the row with %d fields instead of %d; a closing " is probably missing or misplaced`,
				at.last-at.first+1, len(rec.fields), width)
		}
		if rec.damage != "" {
			if at.last, err = r.resync(rec.first, width); err != nil {
				return readError(err)
			}
			p.reject(at, "%s", rec.damage)
			continue
		}
		if !fits(rec.fields, width) {
			p.reject(at, "row has %d fields but the header has %d", len(rec.fields), width)
			continue
		}
		switch {
		case shop != nil:
			err = p.shopifyRow(at, shop, rec.fields)
		case wc != nil:
			err = p.wooRow(at, wc, rec.fields)
		case bc != nil:
			err = p.bigCommerceRow(at, bc, rec.fields)
		case mg != nil:
			err = p.magentoRow(at, mg, rec.fields)
		default:
			err = p.flatRow(at, r2, func() row {
				fields := slices.Clone(rec.fields)
				return func(col string) string {
					if i, ok := cols[col]; ok {
						return fields[i]
					}
					return ""
				}
			})
		}
		if err != nil {
			return err
		}
	}
}

// amazonHeader passes over the rows an Amazon flat file (inventory loader or category
// template) has above its header: a first row that starts TemplateType=, then a row
// of labels for people ("Seller SKU"); the third row names the attributes (item_sku,
// item_name, standard_price…), which are the columns. Any other first row is the
// header itself.
func (r *delimReader) amazonHeader(first *delimRecord) (*delimRecord, error) {
	if len(first.fields) == 0 || !strings.HasPrefix(strings.TrimSpace(first.fields[0]), "TemplateType=") {
		return first, nil
	}
	header := first
	for range 2 {
		rec, err := r.record()
		if err != nil {
			return nil, readError(err)
		}
		if rec == nil {
			return nil, errors.New("the file has an Amazon template's first row (TemplateType=…) but not the row of attribute names two rows below it")
		}
		if rec.damage != "" {
			return nil, fmt.Errorf("cannot read the header row (line %d): %s", rec.first, rec.damage)
		}
		header = rec
	}
	return header, nil
}

// Reasons for damaged CSV/TSV records, for the person who exports the feed.
const (
	reasonBareQuote = `a field that is not quoted contains a "; quote the whole field and double the " inside it`
	reasonQuote     = `a quoted field is not closed properly; a " inside a quoted field must be doubled ("")`
	reasonLongLine  = "the line is longer than 1 MiB: " + shortenIt
	reasonLongRow   = "the row is longer than 1 MiB: " + shortenIt
)

// longField is the reason for a record whose field n (1-based) is over maxFieldLen,
// naming its column when the header has one there. A field that long may also be a
// quote left open, running on into the rows after it.
func (r *delimReader) longField(n int) string {
	name := ""
	if n <= len(r.names) && r.names[n-1] != "" {
		name = fmt.Sprintf(" (%s)", q(r.names[n-1]))
	}
	return fmt.Sprintf("field %d%s is longer than 64 KiB: %s, or close its quote if one was left open", n, name, shortenIt)
}

// physLine is one line of a file, without its line ending.
type physLine struct {
	n       int    // 1-based
	text    []byte // nil when tooLong
	tooLong bool   // longer than maxRecordLen; skipped, not kept
}

// lineReader numbers the lines of a file and lets lines be read again.
type lineReader struct {
	in   *bufio.Reader
	n    int        // lines read from in
	back []physLine // lines to return again, from back[next] on, before reading on
	next int
	eof  bool
}

// read returns the next line; ok is false at the end of the file.
func (l *lineReader) read() (ln physLine, ok bool, err error) {
	if l.next < len(l.back) {
		l.next++
		return l.back[l.next-1], true, nil
	}
	if l.eof {
		return ln, false, nil
	}
	b, tooLong, err := readLine(l.in)
	if err == io.EOF {
		l.eof = true
		if len(b) == 0 && !tooLong {
			return ln, false, nil
		}
		err = nil
	}
	if err != nil {
		return ln, false, err
	}
	l.n++
	return physLine{n: l.n, text: b, tooLong: tooLong}, true, nil
}

// unread puts back lines that were the last ones read, in the order they were read,
// to be read again before any other.
func (l *lineReader) unread(lines ...physLine) {
	if l.next < len(l.back) { // they all came from back
		l.next -= len(lines)
		return
	}
	l.back, l.next = append(l.back[:0], lines...), 0
}

// delimReader splits a CSV or TSV file into records.
type delimReader struct {
	lines lineReader
	comma byte
	lazy  bool       // TSV quoting; see readDelimited
	buf   []byte     // the current record's fields, one after the other
	ends  []int      // where each field ends in buf
	taken []physLine // the current record's lines after its first
	names []string   // the header's fields, once read (for reasons)
}

// delimRecord is one record. When damage is set its fields are not usable.
type delimRecord struct {
	fields      []string
	first, last int
	damage      string
}

// record reads the next record; it returns nil at the end of the file.
func (r *delimReader) record() (*delimRecord, error) {
	ln, ok, err := r.lines.read()
	if err != nil || !ok {
		return nil, err
	}
	rec := &delimRecord{first: ln.n, last: ln.n}
	r.taken = r.taken[:0]
	if ln.tooLong {
		rec.damage = reasonLongLine
		return rec, nil
	}
	rec.fields, rec.damage, err = r.split(ln, func() (physLine, bool, error) {
		next, ok, err := r.lines.read()
		if ok {
			r.taken = append(r.taken, next)
			rec.last = next.n
		}
		return next, ok, err
	})
	return rec, err
}

// resync ends the damaged span that starts at line first (see readDelimited): it
// reads again the lines of the damaged record after its first, and on, until one is
// a whole row of width fields by itself, which it puts back to be read next. It
// returns the span's last line.
func (r *delimReader) resync(first, width int) (last int, err error) {
	r.lines.unread(r.taken...)
	last = first
	for {
		ln, ok, err := r.lines.read()
		if err != nil || !ok {
			return last, err
		}
		if !ln.tooLong {
			fields, damage, _ := r.split(ln, noMoreLines)
			if damage == "" && !blank(fields) && fits(fields, width) {
				r.lines.unread(ln)
				return last, nil
			}
		}
		last = ln.n
	}
}

func noMoreLines() (physLine, bool, error) { return physLine{}, false, nil }

// split reads the fields of the record that starts on line ln; more supplies the
// following lines while a quoted field is open at the end of one. damage says why
// the record is not well-formed.
func (r *delimReader) split(ln physLine, more func() (physLine, bool, error)) (fields []string, damage string, err error) {
	r.buf, r.ends = r.buf[:0], r.ends[:0]
	text, pos, size := ln.text, 0, len(ln.text)
	for {
		start := len(r.buf)
		asText := true
		if pos < len(text) && text[pos] == '"' {
			text, pos, asText, damage, err = r.quoted(text, pos, &size, more)
			if damage != "" || err != nil {
				return nil, damage, err
			}
		}
		if asText {
			end := len(text)
			if i := bytes.IndexByte(text[pos:], r.comma); i >= 0 {
				end = pos + i
			}
			if !r.lazy && bytes.IndexByte(text[pos:end], '"') >= 0 {
				return nil, reasonBareQuote, nil
			}
			r.buf = append(r.buf, text[pos:end]...)
			pos = end
		}
		if len(r.buf)-start > maxFieldLen {
			return nil, r.longField(len(r.ends) + 1), nil
		}
		r.ends = append(r.ends, len(r.buf))
		if pos >= len(text) {
			break
		}
		pos++ // the delimiter
	}
	all := string(r.buf)
	fields = make([]string, len(r.ends))
	prev := 0
	for i, end := range r.ends {
		fields[i], prev = all[prev:end], end
	}
	return fields, "", nil
}

// quoted reads into buf the quoted field whose opening quote is text[pos], and
// returns the line and position after its closing quote. In TSV, a field whose
// quote closes early on its first line comes back with asText set and pos at the
// opening quote, to be read as plain text. size counts the record's bytes.
func (r *delimReader) quoted(text []byte, pos int, size *int, more func() (physLine, bool, error)) (_ []byte, _ int, asText bool, damage string, err error) {
	open, start, crossed := pos, len(r.buf), false
	pos++
	for {
		i := bytes.IndexByte(text[pos:], '"')
		if i < 0 { // the field goes on on the next line
			r.buf = append(append(r.buf, text[pos:]...), '\n')
			if len(r.buf)-start > maxFieldLen {
				return nil, 0, false, r.longField(len(r.ends) + 1), nil
			}
			next, ok, err := more()
			switch {
			case err != nil:
				return nil, 0, false, "", err
			case !ok:
				return nil, 0, false, reasonQuote, nil
			case next.tooLong || *size+len(next.text)+1 > maxRecordLen:
				return nil, 0, false, reasonLongRow, nil
			}
			*size += len(next.text) + 1
			text, pos, crossed = next.text, 0, true
			continue
		}
		r.buf = append(r.buf, text[pos:pos+i]...)
		pos += i + 1
		switch {
		case pos < len(text) && text[pos] == '"':
			r.buf = append(r.buf, '"')
			pos++
		case pos == len(text) || text[pos] == r.comma:
			return text, pos, false, "", nil
		case !r.lazy || crossed:
			return nil, 0, false, reasonQuote, nil
		default:
			r.buf = r.buf[:start]
			return text, open, true, "", nil
		}
	}
}

// fits reports whether a record has the header's width: more fields are accepted
// when the extra ones are blank (a trailing delimiter).
func fits(fields []string, width int) bool {
	return len(fields) >= width && blank(fields[width:])
}

// columnIndex maps canonical column names to their position, the first occurrence
// winning.
func columnIndex(header []string) map[string]int {
	cols := make(map[string]int, len(header))
	for i, h := range header {
		k := columnKey(h)
		if _, dup := cols[k]; !dup && k != "" {
			cols[k] = i
		}
	}
	return cols
}

// checkColumns checks that a flat feed's header has the columns every row needs.
func checkColumns(cols map[string]int, header []string) error {
	has := func(names []string) bool {
		for _, n := range names {
			if _, ok := cols[n]; ok {
				return true
			}
		}
		return false
	}
	var missing []string
	if !has(colID) {
		missing = append(missing, "item_id (or id, sku, product_id)")
	}
	if !has(colTitle) {
		missing = append(missing, "title (or name, product_name)")
	}
	if !has(colPrice) && !has(colAmount) {
		missing = append(missing, "price (or price_amount with currency)")
	}
	if len(missing) > 0 {
		found := header
		if len(found) > 12 {
			found = append(found[:12:12], "…")
		}
		for i, h := range found {
			found[i] = q(h)
		}
		return fmt.Errorf("the header row has no %s column; it has %s", strings.Join(missing, ", no "), strings.Join(found, ", "))
	}
	return nil
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
