package feed

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// readDelimited reads a CSV (comma) or TSV (tab) feed whose first record is the
// header. Quoted fields may span lines; RowError lines are where a record starts.
// TSV is read with lazy quotes, so a stray " (as in 6" ruler) is kept as text.
//
// A row with fewer fields than the header is rejected; extra fields are accepted when
// they are empty (a trailing delimiter). Rows whose fields are all blank are skipped.
func (p *parser) readDelimited(in *bufio.Reader, comma rune) error {
	r := csv.NewReader(in)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = comma == '\t'
	r.ReuseRecord = true

	header, err := r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("cannot read the header row: %s", csvReason(pe.Err))
		}
		return readError(err)
	}
	cols, err := headerIndex(header)
	if err != nil {
		return err
	}
	width := len(header)
	var rec []string
	r2 := row(func(col string) string {
		if i, ok := cols[col]; ok {
			return rec[i]
		}
		return ""
	})
	for {
		rec, err = r.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.tick()
			p.reject(pe.StartLine, "%s", csvReason(pe.Err))
			continue
		}
		if err != nil {
			return readError(err)
		}
		p.tick()
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(rec) < width || !blank(rec[width:]) {
			p.reject(line, "row has %d fields but the header has %d", len(rec), width)
			continue
		}
		if err := p.flatRow(line, r2); err != nil {
			return err
		}
	}
}

// headerIndex maps canonical column names to their position, the first occurrence
// winning, and checks that the columns every row needs are there.
func headerIndex(header []string) (map[string]int, error) {
	cols := make(map[string]int, len(header))
	for i, h := range header {
		k := columnKey(h)
		if _, dup := cols[k]; !dup && k != "" {
			cols[k] = i
		}
	}
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
		missing = append(missing, "item_id (or id)")
	}
	if !has(colTitle) {
		missing = append(missing, "title")
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
		return nil, fmt.Errorf("the header row has no %s column; it has %s", strings.Join(missing, ", no "), strings.Join(found, ", "))
	}
	return cols, nil
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvReason explains a CSV syntax error to the person who exports the feed.
func csvReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `a field that is not quoted contains a "; quote the whole field and double the " inside it`
	case errors.Is(err, csv.ErrQuote):
		return `a quoted field is not closed properly; a " inside a quoted field must be doubled ("")`
	}
	return "the row is not well-formed CSV"
}
