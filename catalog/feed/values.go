package feed

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// rowError is a reason to reject one row; its text is shown to people as is.
type rowError string

func (e rowError) Error() string { return string(e) }

func bad(format string, args ...any) error { return rowError(fmt.Sprintf(format, args...)) }

// q quotes a feed value for a reason, cut to a readable length. %q escapes control
// characters, so the value cannot break the report line.
func q(s string) string {
	const max = 40
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

// parsePrice reads "29.99 USD", "USD 29.99" or "29.99USD"; a bare decimal such as
// "29.99" is read in currency when currency is not empty. col names the value in the
// reason when it cannot be read.
func parsePrice(col, raw, currency string) (money.Money, error) {
	raw = strings.TrimSpace(raw)
	var (
		m   money.Money
		err error
	)
	if sym, amount, ok := symbolPrice(raw); ok && currency != "" {
		// "$1,299.00" with the currency known from a column or --currency: the
		// symbol is read as that currency when it can stand for it.
		cur, cerr := money.NormalizeCurrency(currency)
		if cerr != nil {
			return m, bad("currency %s is not a three-letter code like USD", q(currency))
		}
		if !slices.Contains(symbolCurrencies[sym], cur) {
			return m, bad(`%s %s has the symbol %s, which does not stand for %s, the currency given for it; write the three-letter code, like "29.99 %s"`,
				col, q(raw), sym, cur, cur)
		}
		raw = amount
	}
	if isDecimal(raw) {
		if currency == "" {
			return m, bad(`%s %s has no currency; write it like "29.99 USD", or name it with a currency column or --currency`, col, q(raw))
		}
		if m.Currency, err = money.NormalizeCurrency(currency); err != nil {
			return m, bad("currency %s is not a three-letter code like USD", q(currency))
		}
		m.Amount, err = money.ParseMajor(raw, m.Currency)
	} else {
		m, err = money.Parse(raw)
	}
	if err == nil {
		return m, nil
	}
	var pe *money.ParseError
	if errors.As(err, &pe) {
		switch pe.Problem {
		case money.Ambiguous:
			return m, bad("%s %s: %s is ambiguous: the %q may group thousands or mark decimals; write the amount with %d decimals, such as %s",
				col, q(raw), q(pe.Input), pe.Sep, pe.Decimals, q(pe.Suggest))
		case money.TooManyDecimals:
			return m, bad("%s %s: %s has more than %d decimal places for %s", col, q(raw), q(pe.Input), pe.Decimals, pe.Currency)
		case money.TooLarge:
			return m, bad("%s %s: %s is too large", col, q(raw), q(pe.Input))
		case money.BadCurrency:
			return m, bad("%s %s: currency %s is not a three-letter ISO 4217 code", col, q(raw), q(pe.Input))
		}
	}
	if isNegative(raw) {
		return m, bad("%s %s is negative; a price must be 0 or more", col, q(raw))
	}
	if strings.ContainsFunc(raw, func(r rune) bool { return unicode.Is(unicode.Sc, r) }) {
		// "$9.99", "€9,99", "9.99 £": exports often write prices so, but a symbol
		// stands for several currencies ($ for USD, CAD, AUD, …).
		return m, bad(`%s %s has a currency symbol, which can stand for several currencies; write the three-letter code instead, like "29.99 USD", or name it with a currency column or --currency`, col, q(raw))
	}
	return m, bad(`%s %s is not a price like "29.99 USD"`, col, q(raw))
}

// isNegative reports whether a price is written with a minus sign before its amount
// ("-5.00 USD", "USD -5.00").
func isNegative(raw string) bool {
	amount := strings.TrimLeftFunc(raw, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsSpace(r) || unicode.Is(unicode.Sc, r)
	})
	return strings.HasPrefix(amount, "-")
}

// symbolCurrencies are the currencies a price's symbol can stand for, as shop exports
// write it before or after the amount ("$1,299.00", "19,99 €", "CA$25.00").
var symbolCurrencies = map[string][]string{
	"$":   {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "CLP", "COP", "ARS"},
	"US$": {"USD"}, "C$": {"CAD"}, "CA$": {"CAD"}, "A$": {"AUD"}, "AU$": {"AUD"}, "NZ$": {"NZD"},
	"HK$": {"HKD"}, "S$": {"SGD"}, "MX$": {"MXN"}, "NT$": {"TWD"}, "R$": {"BRL"},
	"€": {"EUR"}, "£": {"GBP"}, "¥": {"JPY", "CNY"}, "￥": {"JPY", "CNY"}, "₹": {"INR"}, "₩": {"KRW"},
	"₽": {"RUB"}, "₺": {"TRY"}, "₪": {"ILS"}, "₫": {"VND"}, "฿": {"THB"}, "₱": {"PHP"}, "₴": {"UAH"},
}

// symbolPrice splits a price written with a currency symbol before or after a bare
// amount ("$1,299.00", "US$ 5", "19,99 €") into the symbol and the amount; ok is
// false for anything else (a code, a minus sign, several symbols).
func symbolPrice(raw string) (sym, amount string, ok bool) {
	for i, r := range raw {
		if unicode.Is(unicode.Sc, r) {
			end := i + utf8.RuneLen(r)
			before, after := raw[:i], strings.TrimSpace(raw[end:])
			switch {
			case isDecimal(after) && (before == "" || isUpperASCII(before)):
				sym, amount = raw[:end], after // "$5", "US$5"
			case strings.TrimSpace(raw[end:]) == "" && isDecimal(strings.TrimSpace(before)):
				sym, amount = raw[i:end], strings.TrimSpace(before) // "5 €"
			default:
				return "", "", false
			}
			_, known := symbolCurrencies[sym]
			return sym, amount, known
		}
	}
	return "", "", false
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func isDecimal(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// parseBool reads true/false, yes/no, 1/0 in any case.
func parseBool(col, raw string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "true", "yes", "1":
		return true, nil
	case "false", "no", "0":
		return false, nil
	}
	return false, bad("%s %s is not true or false", col, q(raw))
}

// parseCount reads a whole number, allowing thousands commas and a ".0" fraction.
func parseCount(col, raw string) (int64, error) {
	s := strings.ReplaceAll(strings.TrimSpace(raw), ",", "")
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return int64(f), nil
	}
	return 0, bad("%s %s is not a whole number", col, q(raw))
}

// parseRating reads a review rating on the 0–5 scale.
func parseRating(col, raw string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 5 {
		return 0, bad("%s %s is not a number from 0 to 5", col, q(raw))
	}
	return f, nil
}

// dateLayouts are the ISO 8601 forms accepted in sale_price_effective_date.
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
}

// inWindow reports whether now falls in an ISO 8601 interval "start/end". Either side
// may be empty (open). A date without a time starts at 00:00 UTC; an end date without
// a time includes that whole day. Times without a zone are UTC.
func inWindow(col, raw string, now time.Time) (bool, error) {
	start, end, ok := strings.Cut(strings.TrimSpace(raw), "/")
	if !ok {
		return false, bad(`%s %s is not a date range like "2025-11-01T00:00Z/2025-11-30T23:59Z"`, col, q(raw))
	}
	if start = strings.TrimSpace(start); start != "" {
		t, _, err := parseDate(start)
		if err != nil {
			return false, bad(`%s %s has a start that is not a date like "2025-11-01T00:00Z"`, col, q(raw))
		}
		if now.Before(t) {
			return false, nil
		}
	}
	if end = strings.TrimSpace(end); end != "" {
		t, dateOnly, err := parseDate(end)
		if err != nil {
			return false, bad(`%s %s has an end that is not a date like "2025-11-30T23:59Z"`, col, q(raw))
		}
		if dateOnly {
			t = t.AddDate(0, 0, 1)
		}
		if !now.Before(t) {
			return false, nil
		}
	}
	return true, nil
}

func parseDate(s string) (t time.Time, dateOnly bool, err error) {
	for _, layout := range dateLayouts {
		if t, err = time.Parse(layout, s); err == nil {
			return t, layout == "2006-01-02", nil
		}
	}
	return time.Time{}, false, errors.New("not a date")
}
