package store_test

import (
	"errors"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// The typed errors state their facts for logs and match their sentinels; the words a
// person reads are written above the store and tested there.
func TestTypedErrorText(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		sentinel error
		want     string
	}{
		{name: "too long item", err: &store.FieldError{Field: "allowed_sellers", Problem: store.FieldTooLong, Item: 2, Max: 200},
			sentinel: store.ErrInvalid, want: "invalid: allowed_sellers item 2: too_long (at most 200)"},
		{name: "malformed with value", err: &store.FieldError{Field: "email", Problem: store.FieldMalformed, Value: "ann"},
			sentinel: store.ErrInvalid, want: `invalid: email: malformed ("ann")`},
		{name: "malformed without value", err: &store.FieldError{Field: "last4", Problem: store.FieldMalformed},
			sentinel: store.ErrInvalid, want: "invalid: last4: malformed"},
		{name: "negative", err: &store.FieldError{Field: "daily_max", Problem: store.FieldNegative},
			sentinel: store.ErrInvalid, want: "invalid: daily_max: negative"},
		{name: "needs", err: &store.FieldError{Field: "currency", Problem: store.FieldNeeds, Value: "JPY", Needs: []string{"per_order_max", "daily_max"}},
			sentinel: store.ErrInvalid, want: "invalid: currency: needs (needs per_order_max, daily_max)"},
		{name: "reserved", err: &store.FieldError{Field: "name", Problem: store.FieldReserved, Prefix: store.TokenPrefix},
			sentinel: store.ErrInvalid, want: "invalid: name: reserved (begins with " + store.TokenPrefix + ")"},
		{name: "not in the future", err: &store.FieldError{Field: "expires", Problem: store.FieldNotFuture, Value: "2026-01-02T03:04:05Z"},
			sentinel: store.ErrInvalid, want: `invalid: expires: not_future ("2026-01-02T03:04:05Z")`},
		{name: "duplicate", err: &store.ConflictError{Kind: "customer", Field: "email", Value: "a@example.com"},
			sentinel: store.ErrConflict, want: `conflict: customer email "a@example.com" already exists`},
		{name: "ambiguous", err: &store.ConflictError{Kind: "token", Field: "label", Value: "ci", IDs: []string{"tok_a", "tok_b"}},
			sentinel: store.ErrConflict, want: `conflict: token label "ci" is held by tok_a, tok_b`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
			if !errors.Is(tc.err, tc.sentinel) {
				t.Errorf("%v does not match %v", tc.err, tc.sentinel)
			}
		})
	}
}
