package catalog

import (
	"strings"
	"testing"
)

// TestSentenceAudience: whom a sentence names as the person the thing is for — a
// gender when its gendered people agree (pronouns only when no person word names
// one), a child by a child's word, a young word before a person or an age under
// thirteen — and the pet it says is the shopper's.
func TestSentenceAudience(t *testing.T) {
	for _, tc := range []struct {
		name, q      string
		gender       string
		child, young bool
	}{
		{"a wife", "my wife is always cold in the house", "women", false, false},
		{"a husband with a clause", "a gift for my husband who runs", "men", false, false},
		{"a daughter may be a child", "my daughter wants a dress for a party", "women", false, true},
		{"people of both genders name none", "my son and daughter need raincoats", "", false, true},
		{"boys and girls: children, no gender", "party bags for boys and girls", "", true, true},
		{"a pronoun alone", "she needs a swimsuit for our vacation", "women", false, false},
		{"a person word before a pronoun of the other", "my wife says he needs new boots", "women", false, false},
		{"both pronouns name none", "he and she both need boots", "", false, false},
		{"a young word before a person", "my little sister needs wellies", "women", true, false},
		{"an age under thirteen", "something for a 7 year old who loves trains", "", true, false},
		{"an age of a grown person", "a present for a 40 year old who has everything", "", false, false},
		{"kids", "my kids go through socks so fast", "", true, false},
		{"nobody", "shoes i can stand in all day at work", "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := sentenceAudience(strings.Fields(tc.q))
			if a.gender != tc.gender || a.child != tc.child || a.young != tc.young {
				t.Errorf("%q: gender %q child %v young %v, want %q %v %v", tc.q, a.gender, a.child, a.young, tc.gender, tc.child, tc.young)
			}
		})
	}
}

// TestPetOwned: a pet word right after a possessive, or after a possessive and one
// other word, is the shopper's pet; dogs someone walks for a living, or the
// neighbour's, are not.
func TestPetOwned(t *testing.T) {
	for _, tc := range []struct{ name, q, want string }{
		{"my dog", "my dog gets cold on winter walks", "dog"},
		{"one word between", "my old dog gets cold on our winter walks", "dog"},
		{"a puppy", "our puppy shivers when we go outside", "puppy"},
		{"no possessive", "i walk dogs for a living and my hands get cold", ""},
		{"the neighbour's", "the dog next door barks all night", ""},
		{"no pet", "my hands get cold on winter walks", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := petOwned(strings.Fields(tc.q)); got != tc.want {
				t.Errorf("%q: %q, want %q", tc.q, got, tc.want)
			}
		})
	}
}
