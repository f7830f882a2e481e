package catalog

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// The attributes by which a product declares what the person chooses when buying it.
//
//   - AttrChoices names the product's options, comma-separated ("ring_size, metal"):
//     each is another attribute of the product listing the values offered,
//     comma-separated ("5, 5.5, 6"; a comma in a value written "\,", see
//     SplitOptionValues), and the person must choose one value of each. An
//     Etsy listing's VARIATION columns are read so; any feed can give the column.
//   - AttrPersonalization says that the product takes a personalisation text (a name
//     to engrave or paint): "required" or "optional", optionally followed by ":" and
//     the seller's instructions ("required: the name to engrave, up to 12 letters").
//     Any other value is the instructions of a required personalisation.
//   - AttrPersonalizationMax lowers the longest personalisation accepted
//     (MaxPersonalization characters) to a number of characters.
const (
	AttrChoices            = "choices"
	AttrPersonalization    = "personalization"
	AttrPersonalizationMax = "personalization_max_length"
)

// Bounds of a product's choices.
const (
	// MaxPersonalization is the longest personalisation text accepted, in characters.
	MaxPersonalization = 256
	// MaxOptions is the most options a product declares that are read.
	MaxOptions = 8
	// MaxOptionValues is the most values of one option that are read.
	MaxOptionValues = 60
)

// Option is one choice a product asks for: its name (the attribute, "ring_size") and
// the values offered, as the catalog writes them.
type Option struct {
	Name   string
	Values []string
}

// Personalization is what a product says of a personalisation text: whether it takes
// one (Accepted), must have one (Required), the seller's instructions (seller text) and
// the longest text accepted, in characters.
type Personalization struct {
	Accepted     bool
	Required     bool
	Instructions string
	MaxLen       int
}

// Options returns the options the product asks the person to choose: each name of
// AttrChoices that is an attribute of the product listing at least one value. Names
// without values are left out (a choice of nothing cannot be made).
func (p *Product) Options() []Option {
	var out []Option
	for n := range strings.SplitSeq(p.Attributes[AttrChoices], ",") {
		n = strings.TrimSpace(n)
		if n == "" || n == AttrChoices || n == AttrPersonalization || slices.ContainsFunc(out, func(o Option) bool { return o.Name == n }) {
			continue
		}
		var vs []string
		for _, v := range SplitOptionValues(p.Attributes[n]) {
			if len(vs) < MaxOptionValues &&
				!slices.ContainsFunc(vs, func(w string) bool { return SameChoiceValue(v, w) }) {
				vs = append(vs, v)
			}
		}
		if len(vs) > 0 && len(out) < MaxOptions {
			out = append(out, Option{Name: n, Values: vs})
		}
	}
	return out
}

// SplitOptionValues reads the values an option attribute lists: comma-separated, each
// trimmed, empty ones left out. A comma after a backslash ("10\, wide") is part of
// the value, the backslash dropped, so that a value may hold a comma ("10\, wide,
// 10\, narrow" lists "10, wide" and "10, narrow"); a backslash anywhere else is kept
// as written.
func SplitOptionValues(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if v := strings.TrimSpace(b.String()); v != "" {
			out = append(out, v)
		}
		b.Reset()
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == ',':
			b.WriteByte(',')
			i++
		case s[i] == ',':
			flush()
		default:
			b.WriteByte(s[i])
		}
	}
	flush()
	return out
}

// JoinOptionValues writes values as an option attribute lists them, read back by
// SplitOptionValues: ", " between them, a comma in a value written "\,". A value
// ending in a backslash ("C:\") is followed by a space before the comma after it, so
// that the comma is not read as part of it ("C:\ , D" reads as "C:\" and "D": the
// space is trimmed): no other escape is needed.
func JoinOptionValues(values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = strings.ReplaceAll(v, ",", `\,`)
		if i < len(values)-1 && strings.HasSuffix(out[i], `\`) {
			out[i] += " "
		}
	}
	return strings.Join(out, ", ")
}

// PersonalizationOf returns what the product says of a personalisation text.
func (p *Product) PersonalizationOf() Personalization {
	v := strings.TrimSpace(p.Attributes[AttrPersonalization])
	if v == "" {
		return Personalization{}
	}
	out := Personalization{Accepted: true, Required: true, Instructions: v, MaxLen: MaxPersonalization}
	head, rest, _ := strings.Cut(v, ":")
	switch strings.ToLower(strings.TrimSpace(head)) {
	case "optional":
		out.Required, out.Instructions = false, strings.TrimSpace(rest)
	case "required":
		out.Instructions = strings.TrimSpace(rest)
	}
	if n, err := strconv.Atoi(strings.TrimSpace(p.Attributes[AttrPersonalizationMax])); err == nil && n > 0 && n < out.MaxLen {
		out.MaxLen = n
	}
	return out
}

// NeedsChoices reports whether the product cannot be bought without the person's
// choices: it has options, or its personalisation is required.
func (p *Product) NeedsChoices() bool {
	return len(p.Options()) > 0 || p.PersonalizationOf().Required
}

// AsksChoices reports whether buying the product asks for a choice or takes a
// personalisation.
func (p *Product) AsksChoices() bool {
	return len(p.Options()) > 0 || p.PersonalizationOf().Accepted
}

// Chosen is a valid set of choices for a product: a value for each of its options, in
// the product's order, each written as the product offers it, and the personalisation
// text ("" for none), cleaned.
type Chosen struct {
	Options         []ChosenOption
	Personalization string
}

// ChosenOption is the value chosen for one option.
type ChosenOption struct {
	Name, Value string
}

// ChoiceProblem names what is wrong with the choices asked for a product.
type ChoiceProblem string

// Choice problems.
const (
	ChoiceMissing                 ChoiceProblem = "missing"                   // Option: no value given for it
	ChoiceNotOffered              ChoiceProblem = "not_offered"               // Option, Asked: a value the product does not offer
	ChoiceUnknown                 ChoiceProblem = "unknown"                   // Asked: an option the product does not have
	PersonalizationMissing        ChoiceProblem = "personalization_missing"   // a required personalisation not given
	PersonalizationTooLong        ChoiceProblem = "personalization_too_long"  // Max: longer than the product accepts
	PersonalizationNotTaken       ChoiceProblem = "personalization_not_taken" // a personalisation for a product that takes none
	PersonalizationHasControlText ChoiceProblem = "personalization_invalid"   // control or invisible characters
)

// ChoiceError says why choices cannot be made for a product. Option is the product's
// option it is about (its name and offered values); Asked is the caller's text (an
// option name or a value, cut); Max a length limit.
type ChoiceError struct {
	Problem ChoiceProblem
	Option  Option
	Asked   string
	Max     int
}

func (e *ChoiceError) Error() string {
	return "choice " + string(e.Problem) + " " + e.Option.Name + " " + strconv.Quote(e.Asked)
}

// Choose checks choices (option name → value) and a personalisation text asked for
// product p, and returns them as p offers them. Option names match p's whatever their
// case, spacing or punctuation ("Ring size" is ring_size); values match whatever their
// case and spacing, and numbers by their value ("7" is "7.0"). Every option of p needs a
// value; a personalisation is checked against PersonalizationOf.
func (p *Product) Choose(choices map[string]string, personalization string) (Chosen, *ChoiceError) {
	opts := p.Options()
	names := make([]string, 0, len(choices))
	for n := range choices {
		names = append(names, n)
	}
	slices.Sort(names)
	given := map[string]string{}
	for _, n := range names {
		i := slices.IndexFunc(opts, func(o Option) bool { return choiceKey(o.Name) == choiceKey(n) })
		if i < 0 {
			return Chosen{}, &ChoiceError{Problem: ChoiceUnknown, Asked: text.Cut(n, 80)}
		}
		given[opts[i].Name] = choices[n]
	}
	var out Chosen
	for _, o := range opts {
		v, ok := given[o.Name]
		if !ok || strings.TrimSpace(v) == "" {
			return Chosen{}, &ChoiceError{Problem: ChoiceMissing, Option: o}
		}
		j := slices.IndexFunc(o.Values, func(w string) bool { return SameChoiceValue(v, w) })
		if j < 0 {
			return Chosen{}, &ChoiceError{Problem: ChoiceNotOffered, Option: o, Asked: text.Cut(v, 80)}
		}
		out.Options = append(out.Options, ChosenOption{Name: o.Name, Value: o.Values[j]})
	}
	pers := p.PersonalizationOf()
	t := strings.TrimSpace(personalization)
	switch {
	case t == "" && pers.Required:
		return Chosen{}, &ChoiceError{Problem: PersonalizationMissing, Max: pers.MaxLen}
	case t == "":
	case !pers.Accepted:
		return Chosen{}, &ChoiceError{Problem: PersonalizationNotTaken}
	case len([]rune(t)) > pers.MaxLen:
		return Chosen{}, &ChoiceError{Problem: PersonalizationTooLong, Max: pers.MaxLen}
	case text.Clean(t, len(t)) != strings.Join(strings.Fields(t), " "):
		// A name to engrave is sent as written: control and invisible characters are
		// refused rather than silently dropped, so that the seller makes what the
		// person wrote. Runs of spaces and line breaks become one space.
		return Chosen{}, &ChoiceError{Problem: PersonalizationHasControlText, Max: pers.MaxLen}
	default:
		out.Personalization = strings.Join(strings.Fields(t), " ")
	}
	return out, nil
}

// choiceKey is an option name as it is compared: lower case, letters and digits only
// ("Ring size", "ring_size" and "RING-SIZE" are one).
func choiceKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SameChoiceValue reports whether two values of an option are the same choice: equal
// whatever their case and spacing (around a comma too: "10,wide" is "10, wide"), or
// numbers of the same value ("7" and "7.0", "6.50" and "6.5").
func SameChoiceValue(a, b string) bool {
	a, b = choiceSpacing(a), choiceSpacing(b)
	if strings.EqualFold(a, b) {
		return a != ""
	}
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	return errA == nil && errB == nil && x == y
}

// SameOptionName reports whether a and b name the same option, whatever their case,
// spacing or punctuation ("Ring size" and "ring_size").
func SameOptionName(a, b string) bool { return choiceKey(a) != "" && choiceKey(a) == choiceKey(b) }

// choiceSpacing is a value with its runs of spaces made one and none around a comma.
func choiceSpacing(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.ReplaceAll(strings.ReplaceAll(s, ", ", ","), " ,", ",")
}
