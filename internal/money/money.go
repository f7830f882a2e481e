// Package money represents amounts of money as integer minor units plus an ISO 4217
// currency code, parses the decimal strings that product feeds and tool arguments use,
// and formats amounts for people. It never uses floating point for amounts.
package money

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount in the currency's minor unit (cents for USD, yen for JPY).
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"` // ISO 4217, upper case
}

// ErrInvalid is matched by every parse error in this package, each a *ParseError.
var ErrInvalid = errors.New("invalid amount")

// ParseError is a string that cannot be read as an amount, a price or a currency: the
// string at fault (Input), what is wrong with it (Problem) and the facts that say how
// to write it. It matches ErrInvalid. Error gives a sentence for logs and plain
// callers; a caller with its own words writes them from the fields.
type ParseError struct {
	Input    string  // the string at fault: the amount, the price, or the currency code alone (BadCurrency)
	Problem  Problem // what is wrong
	Currency string  // TooManyDecimals: the currency
	Decimals int     // TooManyDecimals: the decimals the currency has; Ambiguous: the decimals to write
	Sep      string  // Ambiguous: the separator that may group thousands or mark decimals
	Suggest  string  // Ambiguous: the amount written without doubt, such as "1234.00"
}

// Problem says what is wrong with a string that was to be parsed.
type Problem string

// Parse problems.
const (
	Empty           Problem = "empty"             // nothing but spaces
	NotDecimal      Problem = "not_decimal"       // not a decimal amount
	Ambiguous       Problem = "ambiguous"         // Sep may group thousands or mark decimals
	TooManyDecimals Problem = "too_many_decimals" // more decimals than Currency has
	TooLarge        Problem = "too_large"         // more digits than an amount may have
	NoCurrency      Problem = "no_currency"       // a price without a currency
	NotPrice        Problem = "not_price"         // not of the form "29.99 USD"
	BadCurrency     Problem = "bad_currency"      // not a three-letter ISO 4217 code
)

// Error states the problem: `invalid amount: "1,234" is ambiguous: …`.
func (e *ParseError) Error() string {
	var s string
	switch e.Problem {
	case Empty:
		s = "empty amount"
	case NotDecimal:
		s = fmt.Sprintf("%q is not a decimal amount", e.Input)
	case Ambiguous:
		s = fmt.Sprintf("%q is ambiguous: the %q may group thousands or mark decimals; write the amount with %d decimals, such as %q", e.Input, e.Sep, e.Decimals, e.Suggest)
	case TooManyDecimals:
		s = fmt.Sprintf("%q has more than %d decimal places for %s", e.Input, e.Decimals, e.Currency)
	case TooLarge:
		s = fmt.Sprintf("%q is too large", e.Input)
	case NoCurrency:
		s = fmt.Sprintf("%q needs a currency, as in \"29.99 USD\"", e.Input)
	case NotPrice:
		s = fmt.Sprintf("%q is not a price like \"29.99 USD\"", e.Input)
	case BadCurrency:
		s = fmt.Sprintf("currency %q is not a three-letter ISO 4217 code", e.Input)
	default:
		s = fmt.Sprintf("%q: %s", e.Input, e.Problem)
	}
	return ErrInvalid.Error() + ": " + s
}

// Unwrap makes a ParseError match ErrInvalid.
func (e *ParseError) Unwrap() error { return ErrInvalid }

// exponents lists currencies whose minor unit is not 1/100 of the major unit.
var exponents = map[string]int{
	"BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
	"PYG": 0, "RWF": 0, "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

var symbols = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "INR": "₹", "CHF": "CHF ",
}

// Exponent returns the number of decimal places of the currency's minor unit.
func Exponent(currency string) int {
	if e, ok := exponents[strings.ToUpper(currency)]; ok {
		return e
	}
	return 2
}

// NormalizeCurrency upper-cases an ISO 4217 code and checks that it is three ASCII letters.
func NormalizeCurrency(c string) (string, error) {
	c = strings.ToUpper(strings.TrimSpace(c))
	if len(c) != 3 {
		return "", &ParseError{Input: c, Problem: BadCurrency}
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return "", &ParseError{Input: c, Problem: BadCurrency}
		}
	}
	return c, nil
}

// ParseMajor converts a decimal string in major units ("29.99", "1,299.00", "30") into
// minor units of the currency. Both separator conventions are read: "1,234.56" and
// "1.234,56", "29.99" and "29,99". When both "," and "." appear, the last one marks
// decimals and the other groups thousands; a separator that appears more than once
// groups thousands. Groups have three digits, except the first (one to three) and
// those before the last (two or three: Indian grouping, "1,23,456.78").
//
// A lone separator marks decimals unless three digits follow it and one to three
// digits not starting with 0 precede it ("1,234", "12.500"): for a currency without
// decimals (JPY) that is a thousands group, and for any other it is ambiguous and
// refused, so that a price is never read a thousand times off. More decimals than the
// currency has are rejected, as are negative amounts and amounts too large to
// represent.
func ParseMajor(s, currency string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, &ParseError{Problem: Empty}
	}
	exp := Exponent(currency)
	notDecimal := &ParseError{Input: s, Problem: NotDecimal}
	commas, dots := strings.Count(s, ","), strings.Count(s, ".")
	var dec, group string // the decimal and the thousands separator, if any
	switch {
	case commas > 0 && dots > 0:
		dec, group = ",", "."
		if strings.LastIndexByte(s, '.') > strings.LastIndexByte(s, ',') {
			dec, group = ".", ","
		}
	case commas+dots > 1:
		group = ","
		if dots > 0 {
			group = "."
		}
	case commas+dots == 1:
		sep := ","
		if dots > 0 {
			sep = "."
		}
		whole, frac, _ := strings.Cut(s, sep)
		if len(frac) == 3 && len(whole) >= 1 && len(whole) <= 3 && whole[0] != '0' && allDigits(whole+frac) {
			if exp != 0 {
				return 0, &ParseError{Input: s, Problem: Ambiguous, Sep: sep, Decimals: exp, Suggest: whole + frac + "." + strings.Repeat("0", exp)}
			}
			group = sep
		} else {
			dec = sep
		}
	}
	whole, frac, hasDec := s, "", false
	if dec != "" {
		if strings.Count(s, dec) > 1 {
			return 0, notDecimal
		}
		whole, frac, hasDec = strings.Cut(s, dec)
	}
	if group != "" {
		var ok bool
		if whole, ok = ungroup(whole, group); !ok {
			return 0, notDecimal
		}
	}
	if whole == "" && hasDec {
		whole = "0"
	}
	if !allDigits(whole) || (hasDec && !allDigits(frac)) {
		return 0, notDecimal
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > exp {
		return 0, &ParseError{Input: s, Problem: TooManyDecimals, Decimals: exp, Currency: currency}
	}
	frac += strings.Repeat("0", exp-len(frac))
	if len(whole)+len(frac) > 15 {
		return 0, &ParseError{Input: s, Problem: TooLarge}
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, &ParseError{Input: s, Problem: TooLarge} // 15 digits always fit: unreachable
	}
	return n, nil
}

// ungroup removes the thousands separator sep from a whole part, checking the group
// sizes that ParseMajor describes.
func ungroup(s, sep string) (string, bool) {
	groups := strings.Split(s, sep)
	last := len(groups) - 1
	for i, g := range groups {
		n := len(g)
		switch {
		case !allDigits(g),
			i == 0 && n > 3,
			i == last && n != 3,
			i > 0 && i < last && n < 2 || n > 3:
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// Parse reads a price written as "29.99 USD", "USD 29.99" or "29.99USD".
func Parse(s string) (Money, error) {
	s = strings.TrimSpace(s)
	fields := strings.Fields(s)
	var num, cur string
	switch len(fields) {
	case 2:
		num, cur = fields[0], fields[1]
		if isLetters(num) {
			num, cur = cur, num
		}
	case 1:
		i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' && r != ',' })
		if i <= 0 {
			return Money{}, &ParseError{Input: s, Problem: NoCurrency}
		}
		num, cur = s[:i], s[i:]
	default:
		return Money{}, &ParseError{Input: s, Problem: NotPrice}
	}
	c, err := NormalizeCurrency(cur)
	if err != nil {
		return Money{}, err
	}
	amt, err := ParseMajor(num, c)
	if err != nil {
		return Money{}, err
	}
	return Money{Amount: amt, Currency: c}, nil
}

// String formats m for people, in one house style for every currency: the whole
// units grouped by thousands with commas and the minor units after a point, behind
// the currency's symbol when it has one here ("$1,000.00", "€2,999.00", "¥1,200",
// "CHF 2,500.00") and otherwise followed by its code ("1,234.500 KWD", "1.00 SEK").
func (m Money) String() string {
	exp := Exponent(m.Currency)
	neg := m.Amount < 0
	a := m.Amount
	if neg {
		a = -a
	}
	digits := strconv.FormatUint(uint64(a), 10)
	for len(digits) <= exp {
		digits = "0" + digits
	}
	whole, frac := digits[:len(digits)-exp], digits[len(digits)-exp:]
	num := Thousands(whole)
	if exp > 0 {
		num += "." + frac
	}
	sign := ""
	if neg {
		sign = "-"
	}
	if sym, ok := symbols[m.Currency]; ok {
		return sign + sym + num
	}
	return sign + num + " " + m.Currency
}

// Thousands groups a string of decimal digits by thousands with commas:
// "1234567" → "1,234,567".
func Thousands(digits string) string {
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') {
			return false
		}
	}
	return s != ""
}
