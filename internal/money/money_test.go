package money

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Money
		err  *ParseError // the error, for a string that is not a price
	}{
		{name: "amount then code", in: "29.99 USD", want: Money{2999, "USD"}},
		{name: "code then amount", in: "usd 29.99", want: Money{2999, "USD"}},
		{name: "no space", in: "29.99USD", want: Money{2999, "USD"}},
		{name: "whole", in: "30 EUR", want: Money{3000, "EUR"}},
		{name: "thousands separator", in: "1,299.50 USD", want: Money{129950, "USD"}},
		{name: "decimal comma", in: "29,99 EUR", want: Money{2999, "EUR"}},
		{name: "decimal comma, code first", in: "EUR 1.234,56", want: Money{123456, "EUR"}},
		{name: "ambiguous thousands", in: "1,234 USD", err: &ParseError{Input: "1,234", Problem: Ambiguous, Sep: ",", Decimals: 2, Suggest: "1234.00"}},
		{name: "zero-decimal currency", in: "1200 JPY", want: Money{1200, "JPY"}},
		{name: "three-decimal currency", in: "1.5 KWD", want: Money{1500, "KWD"}},
		{name: "three decimals read as thousands", in: "1.005 USD", err: &ParseError{Input: "1.005", Problem: Ambiguous, Sep: ".", Decimals: 2, Suggest: "1005.00"}},
		{name: "too many decimals", in: "0.005 USD", err: &ParseError{Input: "0.005", Problem: TooManyDecimals, Decimals: 2, Currency: "USD"}},
		{name: "decimals on yen", in: "12.5 JPY", err: &ParseError{Input: "12.5", Problem: TooManyDecimals, Decimals: 0, Currency: "JPY"}},
		{name: "no currency", in: "29.99", err: &ParseError{Input: "29.99", Problem: NoCurrency}},
		{name: "bad currency", in: "29.99 US", err: &ParseError{Input: "US", Problem: BadCurrency}},
		{name: "negative", in: "-5 USD", err: &ParseError{Input: "-5", Problem: NotDecimal}},
		{name: "garbage", in: "abc", err: &ParseError{Input: "abc", Problem: NoCurrency}},
		{name: "three words", in: "29.99 US dollars", err: &ParseError{Input: "29.99 US dollars", Problem: NotPrice}},
		{name: "too large", in: "99999999999999999 USD", err: &ParseError{Input: "99999999999999999", Problem: TooLarge}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in)
			if tc.err != nil {
				var pe *ParseError
				if !errors.Is(err, ErrInvalid) || !errors.As(err, &pe) || *pe != *tc.err {
					t.Fatalf("Parse(%q) = %v, %v; want %+v", tc.in, got, err, *tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		in   Money
		want string
	}{
		{Money{1999, "USD"}, "$19.99"},
		{Money{5, "USD"}, "$0.05"},
		{Money{100000, "USD"}, "$1,000.00"},
		{Money{99999, "USD"}, "$999.99"},
		{Money{123456789, "USD"}, "$1,234,567.89"},
		{Money{299900, "EUR"}, "€2,999.00"},
		{Money{1200, "JPY"}, "¥1,200"},
		{Money{120, "JPY"}, "¥120"},
		{Money{12500, "KWD"}, "12.500 KWD"},
		{Money{1234500, "KWD"}, "1,234.500 KWD"},
		{Money{-250, "EUR"}, "-€2.50"},
		{Money{-123456, "GBP"}, "-£1,234.56"},
		{Money{100, "SEK"}, "1.00 SEK"},
		{Money{250000, "CHF"}, "CHF 2,500.00"},
	}
	for _, tc := range tests {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%v.String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseMajorSeparators(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		currency string
		want     int64
		err      string // substring of the error; empty for success
	}{
		{name: "plain", in: "29.99", currency: "USD", want: 2999},
		{name: "whole", in: "30", currency: "USD", want: 3000},
		{name: "one decimal", in: "7.5", currency: "EUR", want: 750},
		{name: "decimal comma", in: "29,99", currency: "EUR", want: 2999},
		{name: "decimal comma, one digit", in: "7,5", currency: "EUR", want: 750},
		{name: "decimal comma, long whole part", in: "1234,5", currency: "EUR", want: 123450},
		{name: "thousands comma, decimal point", in: "1,234.56", currency: "USD", want: 123456},
		{name: "thousands point, decimal comma", in: "1.234,56", currency: "EUR", want: 123456},
		{name: "two thousands commas", in: "1,234,567", currency: "USD", want: 123456700},
		{name: "two thousands points", in: "1.234.567", currency: "EUR", want: 123456700},
		{name: "millions with decimals", in: "1.234.567,89", currency: "EUR", want: 123456789},
		{name: "Indian grouping", in: "1,23,456.78", currency: "INR", want: 12345678},
		{name: "space-free thousands with decimal point", in: "1299.00", currency: "GBP", want: 129900},
		{name: "yen with a thousands comma", in: "1,234", currency: "JPY", want: 1234},
		{name: "yen with a thousands point", in: "1.234", currency: "JPY", want: 1234},
		{name: "yen with two thousands commas", in: "12,345,678", currency: "JPY", want: 12345678},
		{name: "dinar with three decimals", in: "1.5", currency: "KWD", want: 1500},
		{name: "dinar with decimals and thousands", in: "1,234.567", currency: "KWD", want: 1234567},
		{name: "leading zero decimal comma", in: "0,99", currency: "EUR", want: 99},
		{name: "ambiguous comma", in: "1,234", currency: "USD", err: "ambiguous"},
		{name: "ambiguous point", in: "1.234", currency: "EUR", err: "ambiguous"},
		{name: "ambiguous for three decimals", in: "1,234", currency: "KWD", err: "ambiguous"},
		{name: "ambiguous point for three decimals", in: "12.345", currency: "BHD", err: "ambiguous"},
		{name: "three decimals after a long whole part", in: "1234.567", currency: "USD", err: "more than 2 decimal places"},
		{name: "three decimals after zero", in: "0,123", currency: "USD", err: "more than 2 decimal places"},
		{name: "decimal comma on yen", in: "12,5", currency: "JPY", err: "more than 0 decimal places"},
		{name: "two decimal separators", in: "1.234.56", currency: "USD", err: "not a decimal amount"},
		{name: "two decimal commas", in: "1,23,4", currency: "EUR", err: "not a decimal amount"},
		{name: "separators in the wrong order", in: "1.234,567.89", currency: "USD", err: "not a decimal amount"},
		{name: "bad grouping", in: "12,34.56", currency: "USD", err: "not a decimal amount"},
		{name: "bad grouping with decimal comma", in: "1.23,45", currency: "EUR", err: "not a decimal amount"},
		{name: "empty fraction", in: "29.", currency: "USD", err: "not a decimal amount"},
		{name: "empty fraction after comma", in: "29,", currency: "USD", err: "not a decimal amount"},
		{name: "separator only", in: ",", currency: "USD", err: "not a decimal amount"},
		{name: "empty", in: " ", currency: "USD", err: "empty"},
		{name: "letters", in: "12a", currency: "USD", err: "not a decimal amount"},
		{name: "too large", in: "9.999.999.999.999.999,00", currency: "EUR", err: "too large"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseMajor(tc.in, tc.currency)
			if tc.err == "" {
				if err != nil || got != tc.want {
					t.Fatalf("ParseMajor(%q, %s) = %d, %v; want %d", tc.in, tc.currency, got, err, tc.want)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("ParseMajor(%q, %s) = %d, %v; want an error containing %q", tc.in, tc.currency, got, err, tc.err)
			}
		})
	}
}
