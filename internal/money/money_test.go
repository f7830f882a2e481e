package money

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Money
		err  bool
	}{
		{name: "amount then code", in: "29.99 USD", want: Money{2999, "USD"}},
		{name: "code then amount", in: "usd 29.99", want: Money{2999, "USD"}},
		{name: "no space", in: "29.99USD", want: Money{2999, "USD"}},
		{name: "whole", in: "30 EUR", want: Money{3000, "EUR"}},
		{name: "thousands separator", in: "1,299.50 USD", want: Money{129950, "USD"}},
		{name: "zero-decimal currency", in: "1200 JPY", want: Money{1200, "JPY"}},
		{name: "three-decimal currency", in: "1.5 KWD", want: Money{1500, "KWD"}},
		{name: "too many decimals", in: "1.005 USD", err: true},
		{name: "decimals on yen", in: "12.5 JPY", err: true},
		{name: "no currency", in: "29.99", err: true},
		{name: "bad currency", in: "29.99 US", err: true},
		{name: "negative", in: "-5 USD", err: true},
		{name: "garbage", in: "abc", err: true},
		{name: "too large", in: "99999999999999999 USD", err: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in)
			if tc.err {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("Parse(%q) = %v, %v; want ErrInvalid", tc.in, got, err)
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
