package feed

import (
	"errors"
	"fmt"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// parsePrice writes each reason from money's typed parse error, not from its message.
func TestParsePriceReasons(t *testing.T) {
	tests := []struct {
		name, raw, currency string
		want                money.Money
		reason              string // empty for a price that reads
	}{
		{name: "price with code", raw: "29.99 USD", want: money.Money{Amount: 2999, Currency: "USD"}},
		{name: "bare amount in the column's currency", raw: "1.234,50", currency: "eur", want: money.Money{Amount: 123450, Currency: "EUR"}},
		{name: "no currency", raw: "29.99", reason: `price "29.99" has no currency; write it like "29.99 USD", or name it with a currency column or --currency`},
		{name: "bad column currency", raw: "29.99", currency: "dollars", reason: `currency "dollars" is not a three-letter code like USD`},
		{name: "ambiguous", raw: "1,234 USD",
			reason: `price "1,234 USD": "1,234" is ambiguous: the "," may group thousands or mark decimals; write the amount with 2 decimals, such as "1234.00"`},
		{name: "too many decimals", raw: "12.5 JPY", reason: `price "12.5 JPY": "12.5" has more than 0 decimal places for JPY`},
		{name: "too large", raw: "99999999999999999 USD", reason: `price "99999999999999999 USD": "99999999999999999" is too large`},
		{name: "bad code", raw: "5.00 DOLLARS", reason: `price "5.00 DOLLARS": currency "DOLLARS" is not a three-letter ISO 4217 code`},
		{name: "negative", raw: "-5 USD", reason: `price "-5 USD" is negative; a price must be 0 or more`},
		{name: "negative after the currency", raw: "USD -5.00", reason: `price "USD -5.00" is negative; a price must be 0 or more`},
		{name: "a range", raw: "5 - 9 USD", reason: `price "5 - 9 USD" is not a price like "29.99 USD"`},
		{name: "a word", raw: "free", reason: `price "free" is not a price like "29.99 USD"`},
		{name: "a dollar sign", raw: "$9.99", reason: `price "$9.99" has a currency symbol, which can stand for several currencies; write the three-letter code instead, like "29.99 USD", or name it with a currency column or --currency`},
		{name: "a euro sign after the amount", raw: "9,99 €", reason: `price "9,99 €": currency "€" is not a three-letter ISO 4217 code`},
		// With the currency known (a currency column, --currency), a symbol that can
		// stand for it is read as it: shop exports and spreadsheets write "$1,299.00".
		{name: "a dollar sign with the currency known", raw: "$1,299.00", currency: "USD", want: money.Money{Amount: 129900, Currency: "USD"}},
		{name: "a dollar sign for another dollar", raw: "$9.99", currency: "cad", want: money.Money{Amount: 999, Currency: "CAD"}},
		{name: "a prefixed dollar sign", raw: "CA$ 25.00", currency: "CAD", want: money.Money{Amount: 2500, Currency: "CAD"}},
		{name: "a euro sign after the amount, currency known", raw: "1.299,00 €", currency: "EUR", want: money.Money{Amount: 129900, Currency: "EUR"}},
		{name: "a symbol of another currency", raw: "€9.99", currency: "USD",
			reason: `price "€9.99" has the symbol €, which does not stand for USD, the currency given for it; write the three-letter code, like "29.99 USD"`},
		{name: "a prefix of another dollar", raw: "US$9.99", currency: "CAD",
			reason: `price "US$9.99" has the symbol US$, which does not stand for CAD, the currency given for it; write the three-letter code, like "29.99 CAD"`},
		{name: "a negative amount after the symbol", raw: "-$5.00", currency: "USD", reason: `price "-$5.00" is negative; a price must be 0 or more`},
		{name: "a symbol and a code", raw: "$5 USD", currency: "USD", reason: `price "$5 USD" has a currency symbol, which can stand for several currencies; write the three-letter code instead, like "29.99 USD", or name it with a currency column or --currency`},
		{name: "a pound sign with a code", raw: "£5 GBP", reason: `price "£5 GBP" has a currency symbol, which can stand for several currencies; write the three-letter code instead, like "29.99 USD", or name it with a currency column or --currency`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parsePrice("price", tc.raw, tc.currency)
			if tc.reason == "" {
				if err != nil || got != tc.want {
					t.Fatalf("parsePrice(%q) = %v, %v; want %v", tc.raw, got, err, tc.want)
				}
				return
			}
			if err == nil || err.Error() != tc.reason {
				t.Fatalf("parsePrice(%q) = %v, %v; want the reason %q", tc.raw, got, err, tc.reason)
			}
		})
	}
}

// invalidReason writes the reason for a product the catalog refused from the catalog's
// typed error.
func TestInvalidReason(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{name: "missing", err: &catalog.FieldError{Field: "title", Problem: catalog.FieldMissing}, want: "title is required"},
		{name: "too long", err: &catalog.FieldError{Field: "id", Problem: catalog.FieldTooLong, Max: 128}, want: "id is longer than 128 characters"},
		{name: "invisible", err: &catalog.FieldError{Field: "id", Problem: catalog.FieldInvisible, Value: "a\x07b"}, want: `id "a\ab" contains control or invisible characters`},
		{name: "currency", err: &catalog.FieldError{Field: "price", Problem: catalog.FieldBadCurrency, Value: "US"}, want: `price: currency "US" is not a three-letter ISO 4217 code`},
		{name: "negative stock", err: &catalog.FieldError{Field: "stock", Problem: catalog.FieldNegative}, want: "stock quantity must not be negative"},
		{name: "negative review count", err: &catalog.FieldError{Field: "review_count", Problem: catalog.FieldNegative}, want: "review count must not be negative"},
		{name: "availability", err: &catalog.FieldError{Field: "availability", Problem: catalog.FieldNotOneOf, Value: "maybe", OneOf: []string{"in_stock", "preorder"}},
			want: `availability "maybe" is not one of in_stock, preorder`},
		{name: "rating", err: &catalog.FieldError{Field: "rating", Problem: catalog.FieldOutOfRange, Max: 5}, want: "rating must be between 0 and 5"},
		{name: "unknown seller, wrapped", err: fmt.Errorf("product %q: %w", "p1", &catalog.FieldError{Field: "seller", Problem: catalog.FieldUnknown, Value: "nobody"}),
			want: `seller "nobody" is unknown`},
		{name: "not a field error", err: errors.New("disk full"), want: "disk full"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := invalidReason(tc.err); got != tc.want {
				t.Errorf("invalidReason = %q, want %q", got, tc.want)
			}
		})
	}
}
