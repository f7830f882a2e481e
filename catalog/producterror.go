package catalog

import (
	"fmt"
	"strings"
)

// FieldError is a field of a product, or of its seller, that cannot be stored
// (Product.Normalize, Upsert): which field, what is wrong with it (Problem) and the
// facts that say how. It matches ErrInvalid. The catalog says what is wrong; the words
// are its callers' (the feed importer writes them into its rejection reasons).
type FieldError struct {
	Field   string // id, seller, title, price, stock, availability, rating, review_count, seller_id (of a Seller)
	Problem FieldProblem
	Value   string   // the value at fault (Invisible, BadCurrency, NotOneOf, Unknown)
	Min     float64  // OutOfRange
	Max     float64  // TooLong (characters), OutOfRange
	OneOf   []string // NotOneOf
}

// FieldProblem says what is wrong with a field.
type FieldProblem string

// Field problems.
const (
	FieldMissing     FieldProblem = "missing"      // empty, or nothing left once cleaned
	FieldTooLong     FieldProblem = "too_long"     // longer than Max characters
	FieldInvisible   FieldProblem = "invisible"    // holds control or invisible characters
	FieldBadCurrency FieldProblem = "bad_currency" // Value is not a three-letter ISO 4217 code
	FieldNegative    FieldProblem = "negative"     // below zero
	FieldNotOneOf    FieldProblem = "not_one_of"   // Value is not one of OneOf
	FieldOutOfRange  FieldProblem = "out_of_range" // not between Min and Max
	FieldUnknown     FieldProblem = "unknown"      // Value names a seller the catalog does not have
)

// Error states the facts for logs: `invalid: availability: not_one_of ("maybe")`.
func (e *FieldError) Error() string {
	s := fmt.Sprintf("%v: %s: %s", ErrInvalid, e.Field, e.Problem)
	switch e.Problem {
	case FieldTooLong:
		s += fmt.Sprintf(" (at most %g)", e.Max)
	case FieldOutOfRange:
		s += fmt.Sprintf(" (%g to %g)", e.Min, e.Max)
	case FieldNotOneOf:
		s += fmt.Sprintf(" (%q, not one of %s)", e.Value, strings.Join(e.OneOf, ", "))
	case FieldInvisible, FieldBadCurrency, FieldUnknown:
		s += fmt.Sprintf(" (%q)", e.Value)
	}
	return s
}

// Unwrap makes a FieldError match ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }
