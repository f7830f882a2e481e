package catalog

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Waist and length sizes. Jeans and trousers are sized by a waist and a leg length,
// which shops write "W32 L30" (a Shopify import writes that size for Waist and Length
// options, see feed.waistLength) and shoppers write many ways: "w32 l30", "32x30",
// "32w 30l", "32 waist 30 leg", "waist 32 length 30", "32 waist". A query's waist and
// length are rewritten as the words "w32" and "l30" before the colour and size words
// are read (queryAttrs), so that they meet the size "W32 L30" (key "size=w32l30") or,
// a waist alone, every length of it (the keys "size=w32l…", one range of
// product_codes' key: see waistPrefix). When the catalog has no such size, the words are read as typed.

// Waists and lengths are read only in the ranges of trouser sizes, in inches: "2x4"
// and "1920x1080" are no waist and length.
const (
	minWaist, maxWaist   = 20, 60
	minLength, maxLength = 20, 40
)

var (
	waistByLength = regexp.MustCompile(`^(\d{2})x(\d{2})$`)       // "32x30"
	waistLengthRe = regexp.MustCompile(`^w(\d{2})l(\d{2})$`)      // "w32l30"
	waistMarked   = regexp.MustCompile(`^(?:w(\d{2})|(\d{2})w)$`) // "w32", "32w"
	lengthMarked  = regexp.MustCompile(`^(?:l(\d{2})|(\d{2})l)$`) // "l30", "30l"
	waistWritten  = regexp.MustCompile(`^[wl]\d{2}$`)
	waistAlone    = regexp.MustCompile(`^w\d{2}$`)
)

// waistWords and lengthWords name a waist or a length beside a number ("32 waist",
// "leg 30").
var (
	waistWords  = set("waist")
	lengthWords = set("leg", "length", "inseam", "inside")
)

// waistLengthWords returns words with their waists and lengths written "w32" and
// "l30", and whether any was.
func waistLengthWords(words []string) ([]string, bool) {
	in := func(s string, lo, hi int) bool {
		n, err := strconv.Atoi(s)
		return err == nil && n >= lo && n <= hi
	}
	waist := func(s string) bool { return in(s, minWaist, maxWaist) }
	length := func(s string) bool { return in(s, minLength, maxLength) }
	var out []string
	changed := false
	for i := 0; i < len(words); i++ {
		w := words[i]
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		if m := waistByLength.FindStringSubmatch(w); m != nil && waist(m[1]) && length(m[2]) ||
			waistLengthRe.FindStringSubmatch(w) != nil {
			if m == nil {
				m = waistLengthRe.FindStringSubmatch(w)
			}
			if waist(m[1]) && length(m[2]) {
				out, changed = append(out, "w"+m[1], "l"+m[2]), true
				continue
			}
		}
		if m := waistMarked.FindStringSubmatch(w); m != nil && waist(m[1]+m[2]) {
			out, changed = append(out, "w"+m[1]+m[2]), true
			continue
		}
		if m := lengthMarked.FindStringSubmatch(w); m != nil && length(m[1]+m[2]) {
			out, changed = append(out, "l"+m[1]+m[2]), true
			continue
		}
		switch {
		case isNumber(w) && waistWords[next] && waist(w), waistWords[w] && isNumber(next) && waist(next):
			n := w
			if waistWords[w] {
				n = next
			}
			out, changed = append(out, "w"+n), true
			i++
			continue
		case isNumber(w) && lengthWords[next] && length(w), lengthWords[w] && isNumber(next) && length(next):
			n := w
			if lengthWords[w] {
				n = next
			}
			out, changed = append(out, "l"+n), true
			i++
			if i+1 < len(words) && words[i] == "inside" && words[i+1] == "leg" {
				i++ // "30 inside leg"
			}
			continue
		case w == "x" && len(out) > 0 && isNumber(out[len(out)-1]) && waist(out[len(out)-1]) && length(next):
			out[len(out)-1] = "w" + out[len(out)-1] // "32 x 30"
			out, changed = append(out, "l"+next), true
			i++
			continue
		}
		out = append(out, w)
	}
	return out, changed
}

// waistPrefix returns, for the key of a waist asked for alone ("size=w32"), the
// beginning of the keys of the sizes of that waist with a length ("size=w32l"), when
// some product has one; "" otherwise. It reads one range of product_codes' key.
func (c *Catalog) waistPrefix(ctx context.Context, k string) (string, error) {
	prefix := k + "l"
	var found bool
	if err := c.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM product_codes WHERE code >= ? AND code < ?)`,
		prefix, k+"m").Scan(&found); err != nil {
		return "", fmt.Errorf("search attributes: %w", err)
	}
	if !found {
		return "", nil
	}
	return prefix, nil
}

// waistLengthWord reports whether v is words waistLengthWords writes: "w32", "l30",
// "w32 l30".
func waistLengthWord(v string) bool {
	for _, w := range strings.Fields(v) {
		if !waistWritten.MatchString(w) {
			return false
		}
	}
	return v != ""
}
