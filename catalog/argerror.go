package catalog

import "fmt"

// ArgError is an argument of a catalog read that cannot be accepted: which one (Arg,
// named as the tool that takes it names it, such as search_products' "min_price"),
// what is wrong with it (Problem) and the bounds that apply. The recommender returns it
// too, for its own arguments. It matches ErrInvalid. The catalog says what is wrong; the
// words the model reads are the tools'.
type ArgError struct {
	Arg     string
	Problem ArgProblem
	Got     int      // ArgTooLong: the length given, in characters
	Min     float64  // ArgOutOfRange
	Max     float64  // ArgTooLong, ArgOutOfRange
	OneOf   []string // ArgNotOneOf
	Than    string   // ArgAbove: the argument it must not exceed
}

// ArgProblem says what is wrong with an argument.
type ArgProblem string

// Argument problems.
const (
	ArgTooLong     ArgProblem = "too_long"     // longer than Max characters (Got)
	ArgOutOfRange  ArgProblem = "out_of_range" // not between Min and Max
	ArgNotOneOf    ArgProblem = "not_one_of"   // not one of OneOf
	ArgNegative    ArgProblem = "negative"     // an amount below zero, or not a number
	ArgAbove       ArgProblem = "above"        // above the argument Than
	ArgForeign     ArgProblem = "foreign"      // a cursor this server did not issue
	ArgOtherSearch ArgProblem = "other_search" // a cursor of a different search
)

func (e *ArgError) Error() string {
	return fmt.Sprintf("%v: %s: %s", ErrInvalid, e.Arg, e.Problem)
}

// Unwrap makes an ArgError match ErrInvalid.
func (e *ArgError) Unwrap() error { return ErrInvalid }
