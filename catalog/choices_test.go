package catalog

import (
	"reflect"
	"strings"
	"testing"
)

// ring is a product with two options and a required personalisation of at most 12
// characters, as an Etsy import with a personalisation column makes it.
func choiceRing() Product {
	return Product{ID: "RG-1", Title: "Hammered Band Ring", Attributes: map[string]string{
		"ring_size": "5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9", "metal": "Sterling Silver, Gold", "material": "silver, love",
		AttrChoices: "ring_size, metal", AttrPersonalization: "required: the name to engrave", AttrPersonalizationMax: "12"}}
}

func TestChoose(t *testing.T) {
	ring := choiceRing()
	plain := Product{ID: "MUG-1", Title: "Mug", Attributes: map[string]string{"color": "Blue, Green"}}
	painted := Product{ID: "MUG-2", Title: "Name Mug", Attributes: map[string]string{AttrPersonalization: "optional"}}
	oddly := Product{ID: "X", Attributes: map[string]string{AttrChoices: "size, ghost, size", "size": "S,,M", AttrPersonalization: "Write the name"}}
	shoe := Product{ID: "SHOE-1", Title: "Derby Shoe", Attributes: map[string]string{AttrChoices: "size", "size": `10\, wide, 10\, narrow, 11`}}
	type want struct {
		chosen  Chosen
		problem ChoiceProblem
		option  string
		asked   string
		max     int
	}
	for _, tc := range []struct {
		name    string
		p       Product
		choices map[string]string
		pers    string
		want    want
	}{
		{"every option and the personalisation, as offered", ring, map[string]string{"ring_size": "7", "metal": "Gold"}, "Ana",
			want{chosen: Chosen{Options: []ChosenOption{{"ring_size", "7"}, {"metal", "Gold"}}, Personalization: "Ana"}}},
		{"case, spacing and a number's spelling do not matter; the product's spelling is kept", ring,
			map[string]string{"Ring Size": " 7.0 ", "METAL": "sterling  silver"}, "  Ana   Lopez ",
			want{chosen: Chosen{Options: []ChosenOption{{"ring_size", "7"}, {"metal", "Sterling Silver"}}, Personalization: "Ana Lopez"}}},
		{"a half size by value", ring, map[string]string{"ring_size": "6.50", "metal": "gold"}, "Ana",
			want{chosen: Chosen{Options: []ChosenOption{{"ring_size", "6.5"}, {"metal", "Gold"}}, Personalization: "Ana"}}},
		{"a value not offered (ring size 12 when 5 to 9 are)", ring, map[string]string{"ring_size": "12", "metal": "Gold"}, "Ana",
			want{problem: ChoiceNotOffered, option: "ring_size", asked: "12"}},
		{"an option without a value", ring, map[string]string{"metal": "Gold"}, "Ana", want{problem: ChoiceMissing, option: "ring_size"}},
		{"an option given an empty value", ring, map[string]string{"ring_size": " ", "metal": "Gold"}, "Ana", want{problem: ChoiceMissing, option: "ring_size"}},
		{"an option the product does not have", ring, map[string]string{"ring_size": "7", "metal": "Gold", "colour": "red"}, "Ana",
			want{problem: ChoiceUnknown, asked: "colour"}},
		{"an attribute that is not a choice is not an option (material)", ring, map[string]string{"ring_size": "7", "metal": "Gold", "material": "silver"}, "Ana",
			want{problem: ChoiceUnknown, asked: "material"}},
		{"a required personalisation left out", ring, map[string]string{"ring_size": "7", "metal": "Gold"}, " ",
			want{problem: PersonalizationMissing, max: 12}},
		{"a personalisation longer than the product's limit", ring, map[string]string{"ring_size": "7", "metal": "Gold"}, "Anastasia Lopez",
			want{problem: PersonalizationTooLong, max: 12}},
		{"the limit counts characters, not bytes", ring, map[string]string{"ring_size": "7", "metal": "Gold"}, "Zoë & Søren",
			want{chosen: Chosen{Options: []ChosenOption{{"ring_size", "7"}, {"metal", "Gold"}}, Personalization: "Zoë & Søren"}}},
		{"control characters in a personalisation", ring, map[string]string{"ring_size": "7", "metal": "Gold"}, "An\u200ba",
			want{problem: PersonalizationHasControlText, max: 12}},
		{"a personalisation for a product that takes none", plain, nil, "Ana", want{problem: PersonalizationNotTaken}},
		{"a product without options: an attribute listing values is not a choice", plain, map[string]string{"color": "Blue"}, "",
			want{problem: ChoiceUnknown, asked: "color"}},
		{"a product without options bought with none", plain, nil, "", want{}},
		{"an optional personalisation may be left out", painted, nil, "", want{}},
		{"an optional personalisation given", painted, nil, "Dad", want{chosen: Chosen{Personalization: "Dad"}}},
		{"a declared option without values, and a repeated one, are left out; a value listed empty is skipped", oddly,
			map[string]string{"size": "m"}, "Bo", want{chosen: Chosen{Options: []ChosenOption{{"size", "M"}}, Personalization: "Bo"}}},
		{"a value holding a comma (written 10\\, wide)", shoe, map[string]string{"size": "10,  WIDE"}, "",
			want{chosen: Chosen{Options: []ChosenOption{{"size", "10, wide"}}}}},
		{"a value holding a comma is one value: its first part is not offered", shoe, map[string]string{"size": "10"}, "",
			want{problem: ChoiceNotOffered, option: "size", asked: "10"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.p.Choose(tc.choices, tc.pers)
			if tc.want.problem == "" {
				if err != nil {
					t.Fatalf("Choose: %v", err)
				}
				if !reflect.DeepEqual(got, tc.want.chosen) {
					t.Errorf("Choose = %+v, want %+v", got, tc.want.chosen)
				}
				return
			}
			if err == nil {
				t.Fatalf("Choose = %+v, want problem %s", got, tc.want.problem)
			}
			if err.Problem != tc.want.problem || err.Option.Name != tc.want.option || err.Asked != tc.want.asked || err.Max != tc.want.max {
				t.Errorf("Choose: %+v, want %+v", *err, tc.want)
			}
			if err.Problem == ChoiceNotOffered && !strings.Contains(strings.Join(err.Option.Values, ","), "9") && tc.p.ID != shoe.ID {
				t.Errorf("not_offered names the values offered: %v", err.Option.Values)
			}
		})
	}
}

// TestSplitOptionValues: how an option attribute lists its values (SplitOptionValues) and
// how a feed writes them (JoinOptionValues, read back whole): commas separate them, a
// comma after a backslash is part of a value, any other backslash is kept.
func TestSplitOptionValues(t *testing.T) {
	for _, tc := range []struct {
		name, attr string
		want       []string
	}{
		{"plain, as every catalog before", "5, 5.5, 6", []string{"5", "5.5", "6"}},
		{"Etsy's bare commas", "Sterling Silver,Gold", []string{"Sterling Silver", "Gold"}},
		{"a comma in a value", `10\, wide, 10\, narrow, 11`, []string{"10, wide", "10, narrow", "11"}},
		{"an escaped comma without a space", `10\,wide,11`, []string{"10,wide", "11"}},
		{"a backslash elsewhere is kept", `A\B, C\`, []string{`A\B`, `C\`}},
		{"empty values are left out", " , S,, \t", []string{"S"}},
		{"a value that is a comma", `\,, S`, []string{",", "S"}},
		{"nothing", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := SplitOptionValues(tc.attr)
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("SplitOptionValues(%q) = %q, want %q", tc.attr, got, tc.want)
			}
			if len(got) == 0 {
				return
			}
			if back := SplitOptionValues(JoinOptionValues(got)); !reflect.DeepEqual(back, got) {
				t.Errorf("JoinOptionValues(%q) = %q reads back as %q", got, JoinOptionValues(got), back)
			}
		})
	}
}

// TestJoinOptionValues: every list of values reads back whole through
// SplitOptionValues, a value ending in a backslash or holding one before a comma too,
// and a list without commas or such backslashes is written as strings.Join writes it.
func TestJoinOptionValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []string
		want   string // "" when only the round trip is checked
	}{
		{"plain", []string{"5", "5.5", "6"}, "5, 5.5, 6"},
		{"a comma in a value", []string{"10, wide", "11"}, `10\, wide, 11`},
		{"a value ending in a backslash before another", []string{`C:\`, "D"}, `C:\ , D`},
		{"the last value ending in a backslash", []string{"D", `C:\`}, `D, C:\`},
		{"a value that is a backslash", []string{`\`, `\`, "x"}, ""},
		{"a backslash before a comma in a value", []string{`a\,b`, "c"}, ""},
		{"a backslash in the middle", []string{`A\B`, "C"}, `A\B, C`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := JoinOptionValues(tc.values)
			if tc.want != "" && got != tc.want {
				t.Errorf("JoinOptionValues(%q) = %q, want %q", tc.values, got, tc.want)
			}
			if back := SplitOptionValues(got); !reflect.DeepEqual(back, tc.values) {
				t.Errorf("JoinOptionValues(%q) = %q reads back as %q", tc.values, got, back)
			}
		})
	}
}

func TestPersonalizationOf(t *testing.T) {
	for _, tc := range []struct {
		name, value, max string
		want             Personalization
	}{
		{"none", "", "", Personalization{}},
		{"required with instructions", "required: initials", "", Personalization{true, true, "initials", MaxPersonalization}},
		{"optional, case and spacing", " Optional ", "", Personalization{true, false, "", MaxPersonalization}},
		{"any other words are a required one's instructions", "Name to paint: up to 10 letters", "10", Personalization{true, true, "Name to paint: up to 10 letters", 10}},
		{"a limit above the server's is the server's", "required", "5000", Personalization{true, true, "", MaxPersonalization}},
		{"a limit that is not a number is ignored", "required", "ten", Personalization{true, true, "", MaxPersonalization}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Product{Attributes: map[string]string{AttrPersonalization: tc.value, AttrPersonalizationMax: tc.max}}
			if got := p.PersonalizationOf(); got != tc.want {
				t.Errorf("PersonalizationOf = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSameChoiceValue(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"7", "7.0", true}, {"Gold", "gold", true}, {"rose  gold", "Rose Gold", true}, {"6.5", "6.50", true},
		{"7", "7.5", false}, {"", "", false}, {"Gold", "Gold Filled", false}, {"XL", "xl ", true},
		{"10,wide", "10, Wide", true}, {"10 , wide", "10,wide", true}, {"10 wide", "10, wide", false}, {"10", "10, wide", false},
	} {
		if got := SameChoiceValue(tc.a, tc.b); got != tc.want {
			t.Errorf("SameChoiceValue(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
