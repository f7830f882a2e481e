package store

import (
	"fmt"
	"strings"
)

// FieldError is a value the store cannot accept: which field (named as the tools name
// it: favorite_brands, sizes, price_range, limit, email, exp_month, …), what is wrong
// (Problem) and the facts that say where and by how much. It matches ErrInvalid. The
// store says what is wrong; the words are its callers' (tools for the model, the
// commands for the operator).
type FieldError struct {
	Field   string
	Problem FieldProblem
	Item    int     // the 1-based position of the list item at fault, when there is one
	Key     string  // the sizes key, or price_range's "min" or "max", at fault
	Value   string  // the value at fault (InBoth, Malformed, OutOfRange, Reserved, NotFuture, Needs); empty when it must not be repeated, such as what may be a card number or a secret
	Other   string  // the other field (InBoth)
	Min     float64 // OutOfRange, Above: the bound, or the lower value
	Max     float64 // TooLong, TooMany, OutOfRange; Above: the upper value; Malformed: the longest accepted, when that is part of the form
	OneOf   []string
	Needs   []string // Needs: the fields that must be given with this one
	Prefix  string   // Reserved: the beginning the value may not have
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
	FieldMalformed  FieldProblem = "malformed"    // Value is not of the form the field takes (an email address, a cus_ id, …)
	FieldNegative   FieldProblem = "negative"     // an amount below zero
	FieldNeeds      FieldProblem = "needs"        // given (as Value) without the fields in Needs
	FieldReserved   FieldProblem = "reserved"     // Value begins with Prefix, which marks something else
	FieldNotFuture  FieldProblem = "not_future"   // the time Value is not after now
	FieldRequired   FieldProblem = "required"     // not given (or only spaces), yet required for the country Value (normalized)
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
	case FieldMalformed, FieldNotFuture:
		if e.Value != "" {
			s += fmt.Sprintf(" (%q)", e.Value)
		}
	case FieldRequired:
		s += " (in " + e.Value + ")"
	case FieldNeeds:
		s += " (needs " + strings.Join(e.Needs, ", ") + ")"
	case FieldReserved:
		s += fmt.Sprintf(" (begins with %s)", e.Prefix)
	}
	return s
}

// Unwrap makes a FieldError match ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// ConflictError is a Kind ("customer", "token") whose Field ("id", "email", "label")
// already has Value. Without IDs, a write would make a second one, which the uniqueness
// rule forbids; with IDs, the value was given to name one and is held by each of IDs,
// so the caller must choose one of them. It matches ErrConflict.
type ConflictError struct {
	Kind  string
	Field string
	Value string
	IDs   []string
}

// Error states the facts for logs: `conflict: customer email "a@b.c" already exists`.
func (e *ConflictError) Error() string {
	s := fmt.Sprintf("%v: %s %s %q", ErrConflict, e.Kind, e.Field, e.Value)
	if len(e.IDs) > 0 {
		return s + " is held by " + strings.Join(e.IDs, ", ")
	}
	return s + " already exists"
}

// Unwrap makes a ConflictError match ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }
