package catalog

import (
	"encoding/base64"
	"encoding/json"
	"hash/fnv"
	"strconv"
)

// cursor is what NextCursor encodes: where the next page starts and which query it
// belongs to. It is opaque to callers.
type cursor struct {
	Offset int    `json:"o"`
	Query  uint64 `json:"q"`
}

// maxCursorOffset bounds the offset a cursor may carry. Cursors are not signed, so a
// caller can edit one; without the bound, an offset near MaxInt overflows offset+limit
// and Search panics slicing the page.
const maxCursorOffset = 1 << 30

func encodeCursor(offset int, fp uint64) string {
	b, _ := json.Marshal(cursor{Offset: offset, Query: fp}) // plain struct: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, fp uint64) (int, error) {
	if s == "" {
		return 0, nil
	}
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Offset < 0 || c.Offset > maxCursorOffset {
		return 0, &ArgError{Arg: "cursor", Problem: ArgForeign}
	}
	if c.Query != fp {
		return 0, &ArgError{Arg: "cursor", Problem: ArgOtherSearch}
	}
	return c.Offset, nil
}

// fingerprint identifies everything about q that decides which products match and in
// what order, so a cursor cannot be replayed against another search.
func (q Query) fingerprint() uint64 {
	var b []byte
	for _, s := range []string{parseText(q.Text).String(), NormalizeCategory(q.Category), q.Brand, q.Seller, string(q.Sort)} {
		b = strconv.AppendQuote(b, s)
	}
	for _, p := range []*float64{q.MinPrice, q.MaxPrice} {
		b = append(b, '|')
		if p != nil {
			b = strconv.AppendFloat(b, *p, 'g', -1, 64)
		}
	}
	b = strconv.AppendBool(append(b, '|'), q.InStock)
	b = strconv.AppendFloat(append(b, '|'), q.MinRating, 'g', -1, 64)
	if q.EveryVariant {
		b = append(b, "|every variant"...)
	}
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}
