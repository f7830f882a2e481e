package catalog

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Sizes written with a decimal point or as a range. The tokenizer splits words at a dot
// and a hyphen, as it does product text: the query "27.5" is the words "27" and "5",
// and a title's "27.5x2.1-2.4" the words "27", "5x2", "1", "2" and "4". So "27.5 tube"
// found none of the 27.5-inch tubes (no title has the word "5"), and "700x38c tube"
// none of the tubes for 700x35-43c tyres. readSizes makes the query's sizes what
// titles say (TestSearchSizes):
//
//   - a size of two measures, "700x38c" or "29x2.35", also matches the ranges titles
//     give that hold it, "700x35-43c" or "29x2.1-2.4": the same first measure and unit,
//     the second between the range's ends;
//   - any other decimal number, "27.5", is one phrase whose last part is matched as a
//     prefix: the number alone or with a unit or second measure run on ("27.5x2.1",
//     "40.5mm").

var (
	// sizeRE is a size of two measures as typed: "700x38c", "29x2.35", "27.5x2.1".
	sizeRE = regexp.MustCompile(`\b(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)([a-z]?)\b`)
	// rangeRE is a size whose second measure is a range, as titles give it:
	// "700x35-43c", "29x2.1-2.4", "20x1.75-2.125".
	rangeRE = regexp.MustCompile(`\b(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)([a-z]?)\b`)
	// decimalRE is a number with a decimal point.
	decimalRE = regexp.MustCompile(`\d+\.\d+`)
)

// maxRangeTitles bounds the titles read for the ranges of one size.
const maxRangeTitles = 500

// readSizes returns q with the sizes of raw, the query as typed, read as titles write
// them (see above).
func (c *Catalog) readSizes(ctx context.Context, q textQuery, raw string) (textQuery, error) {
	raw = strings.ToLower(raw)
	for _, m := range sizeRE.FindAllStringSubmatch(raw, -1) {
		i, n := q.run(splitWords(m[0]))
		if i < 0 || q.hasAltsAt(i) {
			continue
		}
		ranges, err := c.rangesHolding(ctx, m[1], m[2], m[3])
		if err != nil {
			return q, err
		}
		if len(ranges) == 0 && n == 1 {
			continue
		}
		q = q.joined(i, n, m[0], false)
		if len(q.alts) <= i {
			q.alts = append(q.alts, make([][]string, i+1-len(q.alts))...)
		}
		q.alts[i] = ranges
	}
	for _, d := range decimalRE.FindAllString(raw, -1) {
		if i, n := q.run(splitWords(d)); i >= 0 && n == 2 && !q.hasAltsAt(i) && !q.hasAltsAt(i+1) {
			q = q.joined(i, n, d, true)
		}
	}
	return q, nil
}

// rangesHolding returns the ranges product titles give of sizes whose first measure is
// first (and unit unit, or any when unit is ""), that hold second: each as a phrase of
// its words ("700x35 43c").
func (c *Catalog) rangesHolding(ctx context.Context, first, second, unit string) ([]string, error) {
	want, err := strconv.ParseFloat(second, 64)
	if err != nil {
		return nil, nil
	}
	var match strings.Builder
	match.WriteString("title : ")
	quoteTerm(&match, strings.Join(splitWords(first+"x"), " "))
	match.WriteByte('*')
	rows, err := c.query(ctx, `SELECT title FROM products_fts WHERE products_fts MATCH ? LIMIT ?`, match.String(), maxRangeTitles)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return nil, err
		}
		for _, r := range rangeRE.FindAllStringSubmatch(strings.ToLower(title), -1) {
			lo, err1 := strconv.ParseFloat(r[2], 64)
			hi, err2 := strconv.ParseFloat(r[3], 64)
			if r[1] != first || err1 != nil || err2 != nil || lo > want || want > hi || unit != "" && r[4] != unit {
				continue
			}
			if p := strings.Join(splitWords(r[0]), " "); !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out, rows.Err()
}

// run returns where words are in q's words one after the other, and how many they
// are; -1 when they are not.
func (q textQuery) run(words []string) (int, int) {
	for i := 0; i+len(words) <= len(q.words); i++ {
		if slices.Equal(q.words[i:i+len(words)], words) {
			return i, len(words)
		}
	}
	return -1, 0
}

// hasAltsAt reports whether word i has alternatives or is read apart.
func (q textQuery) hasAltsAt(i int) bool {
	return i < len(q.alts) && len(q.alts[i]) > 0 || i < len(q.apart) && q.apart[i]
}

// joined returns q with its n words from i as one phrase, shown as typed; prefix
// matches its last word as a prefix.
func (q textQuery) joined(i, n int, typed string, prefix bool) textQuery {
	size := len(q.words)
	shown := q.shown
	if shown == nil {
		shown = q.words
	}
	q.shown = slices.Concat(shown[:i], []string{typed}, shown[i+n:])
	q.words = slices.Concat(q.words[:i], []string{strings.Join(q.words[i:i+n], " ")}, q.words[i+n:])
	cut := func(s []bool) []bool {
		s = append(slices.Clone(s), make([]bool, max(0, size-len(s)))...)
		return slices.Concat(s[:i+1], s[i+n:])
	}
	q.prefix = cut(q.prefix)
	q.prefix[i] = prefix
	if q.apart != nil {
		q.apart = cut(q.apart)
	}
	if q.alts != nil {
		alts := append(slices.Clone(q.alts), make([][]string, max(0, size-len(q.alts)))...)
		q.alts = slices.Concat(alts[:i+1], alts[i+n:])
	}
	return q
}
