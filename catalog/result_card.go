package catalog

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// cardFields is the number of elements of a product's card (product_text.card, written
// by cardOf): id, seller id, title, brand, category, price amount, currency, stock
// (null when not tracked), availability, rating, review count, url, image url, billing
// ("" for a one-time product, else "interval/every/trial_days"; migration 0013).
const cardFields = 14

// cardKinds is the kind of each element of a card, as cardValue reports it: 's' for a
// string, 'n' for a number; the stock (cardStock) may also be null.
const (
	cardKinds = "sssssnsnsnnsss"
	cardStock = 7
)

var errCard = errors.New("malformed card")

// decodeCard fills p's result-list fields from card, a JSON array of strings, numbers
// and nulls as cardOf (or SQLite's json_array, in migration 0010) writes it; the
// seller's name is not in it. Strings without escapes are substrings
// of card, not copies.
func decodeCard(card string, p *Product) error {
	var (
		f    [cardFields]string
		kind [cardFields]byte
	)
	rest, ok := strings.CutPrefix(card, "[")
	if !ok {
		return errCard
	}
	for i := range f {
		var err error
		if f[i], kind[i], rest, err = cardValue(rest); err != nil {
			return err
		}
		if kind[i] != cardKinds[i] && (kind[i] != 0 || i != cardStock) {
			return errCard
		}
		sep := byte(']')
		if i < cardFields-1 {
			sep = ','
		}
		if rest == "" || rest[0] != sep {
			return errCard
		}
		rest = rest[1:]
	}
	if rest != "" {
		return errCard
	}
	amount, err1 := strconv.ParseInt(f[5], 10, 64)
	rating, err2 := strconv.ParseFloat(f[9], 64)
	reviews, err3 := strconv.ParseInt(f[10], 10, 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return errCard
	}
	if kind[cardStock] != 0 {
		stock, err := strconv.ParseInt(f[cardStock], 10, 64)
		if err != nil {
			return errCard
		}
		p.Stock = &stock
	}
	p.ID, p.SellerID, p.Title, p.Brand, p.Category = f[0], f[1], f[2], f[3], f[4]
	p.Price.Amount, p.Price.Currency, p.Availability = amount, f[6], Availability(f[8])
	p.Rating, p.ReviewCount, p.URL, p.ImageURL = rating, reviews, f[11], f[12]
	if p.Billing, ok = decodeBilling(f[13]); !ok {
		return errCard
	}
	return nil
}

// cardValue reads one JSON value from the start of s: a string (unescaped; kind 's'),
// a number (as written; 'n') or null (0). It returns the rest of s after the value.
func cardValue(s string) (v string, kind byte, rest string, err error) {
	switch {
	case strings.HasPrefix(s, "null"):
		return "", 0, s[4:], nil
	case strings.HasPrefix(s, `"`):
		end := strings.IndexByte(s[1:], '"') + 1
		if end == 0 {
			return "", 0, "", errCard
		}
		if strings.IndexByte(s[1:end], '\\') >= 0 {
			return cardEscaped(s)
		}
		return s[1:end], 's', s[end+1:], nil
	default:
		end := strings.IndexAny(s, ",]")
		if end <= 0 {
			return "", 0, "", errCard
		}
		return s[:end], 'n', s[end:], nil
	}
}

// cardEscaped is cardValue for a string with escapes in it.
func cardEscaped(s string) (string, byte, string, error) {
	end := 1
	for end < len(s) && s[end] != '"' {
		if s[end] == '\\' {
			end++
		}
		end++
	}
	var v string
	if end >= len(s) || json.Unmarshal([]byte(s[:end+1]), &v) != nil {
		return "", 0, "", errCard
	}
	return v, 's', s[end+1:], nil
}
