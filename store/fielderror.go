package store

import (
	"fmt"
	"strings"
)

// FieldError is a value the store cannot accept from a tool's arguments: which field
// (named as the tools name it: favorite_brands, sizes, price_range, limit, …), what is
// wrong (Problem) and the facts that say where and by how much. It matches ErrInvalid.
// The store says what is wrong; the words are the tools'.
type FieldError struct {
	Field   string
	Problem FieldProblem
	Item    int     // the 1-based position of the list item at fault, when there is one
	Key     string  // the sizes key, or price_range's "min" or "max", at fault
	Value   string  // the value at fault (InBoth)
	Other   string  // the other field (InBoth)
	Min     float64 // OutOfRange, Above: the bound, or the lower value
	Max     float64 // TooLong, TooMany, OutOfRange; Above: the upper value
	OneOf   []string
}

// FieldProblem says what is wrong with a field.
type FieldProblem string

// Field problems.
const (
	FieldEmpty      FieldProblem = "empty"        // an item, a key (Key empty) or a size (of Key) is empty
	FieldTooLong    FieldProblem = "too_long"     // longer than Max characters: the field, item Item, or the size of Key
	FieldKeyTooLong FieldProblem = "key_too_long" // sizes key Key is longer than Max characters
	FieldTooMany    FieldProblem = "too_many"     // more than Max items
	FieldDuplicate  FieldProblem = "duplicate"    // key Key is given twice
	FieldInBoth     FieldProblem = "in_both"      // Value is also in Other
	FieldOutOfRange FieldProblem = "out_of_range" // not between Min and Max
	FieldAbove      FieldProblem = "above"        // min (Min) is above max (Max)
	FieldNotOneOf   FieldProblem = "not_one_of"   // not one of OneOf
	FieldForeign    FieldProblem = "foreign"      // a cursor this server did not return
)

// Error states the facts for logs and operators: "invalid: sizes key \"shoes\":
// too_long (at most 40)".
func (e *FieldError) Error() string {
	s := fmt.Sprintf("%v: %s", ErrInvalid, e.Field)
	if e.Item > 0 {
		s += fmt.Sprintf(" item %d", e.Item)
	}
	if e.Key != "" {
		s += fmt.Sprintf(" key %q", e.Key)
	}
	s += ": " + string(e.Problem)
	switch e.Problem {
	case FieldTooLong, FieldKeyTooLong, FieldTooMany:
		s += fmt.Sprintf(" (at most %g)", e.Max)
	case FieldOutOfRange:
		s += fmt.Sprintf(" (%g to %g)", e.Min, e.Max)
	case FieldAbove:
		s += fmt.Sprintf(" (%g > %g)", e.Min, e.Max)
	case FieldInBoth:
		s += fmt.Sprintf(" (%q is also in %s)", e.Value, e.Other)
	case FieldNotOneOf:
		s += " (one of " + strings.Join(e.OneOf, ", ") + ")"
	}
	return s
}

// Unwrap makes a FieldError match ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }
