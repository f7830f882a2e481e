package catalog

// A sentence's words that name no thing, though a catalog's titles have them: who a
// thing is for or who does something ("kids", "a girl", "the whole family"), an age
// ("a 10 year old"), and the words that open a clause or a question ("who",
// "which"). Titles say them of what a product is for ("Booster Pack for Adults and
// Kids", "Boys and Girls Fancy Dress - 9-10 Years", "Family Board Game") or as a
// product's name ("Guess Who?", "Dollhouse Doll Family"): read as a type, one of them
// makes a sentence about a costume or a booster pack where the shopper asked for
// neither. They still rank the products a sentence's plain reading finds; they only
// never say by themselves what the sentence asks for (see titleWordType).

// personWords name people, by wordKey: the vocabulary's recipients (recipient:) and
// the others a shopper says who a thing is for.
var personWords = set("kid", "child", "children", "girl", "boy", "son", "daughter", "baby", "toddler", "teen", "teenager",
	"newborn", "infant", "husband", "wife", "partner", "boyfriend", "girlfriend", "mum", "mom", "mother", "dad", "father",
	"parent", "nan", "nana", "gran", "granny", "grandma", "grandmother", "grandpa", "grandad", "granddad", "grandfather",
	"grandparent", "grandson", "granddaughter", "grandchild", "grandchildren", "grandkid", "niece", "nephew", "brother",
	"sister", "sibling", "uncle", "aunt", "auntie", "cousin", "friend", "family", "everyone", "everybody", "people", "guest",
	"boss", "colleague", "coworker", "neighbour", "neighbor", "twin", "man", "men", "woman", "women", "lady", "ladies",
	"guy", "bloke", "person", "him", "her", "them", "he", "she", "they", "someone", "somebody")

// ageWords say how old someone is ("a 10 year old", "aged 4", "ages 3 and up").
var ageWords = set("year", "years", "yr", "yrs", "month", "months", "old", "age", "ages", "aged")

// clauseWords open a clause or a question inside a sentence ("a girl who sleeps with
// …", "what glue do i use").
var clauseWords = set("who", "whom", "whose", "which", "what", "whatever", "whoever", "where", "when", "why", "how")

// namesNoThing reports whether w, a word of a sentence, never says by itself what the
// sentence asks for: a person (personWords, or a recipient of the vocabulary v), a
// word of an age, a number, a word of when, or one that opens a clause.
func namesNoThing(w string, v *Vocabulary) bool {
	k := wordKey(w)
	return personWords[k] || personWords[w] || v.recipient[w] || ageWords[w] || clauseWords[w] || timeWords[w] ||
		numberWords[w] || isNumber(w)
}

// sentenceThingWords is known less, in a sentence, the words that name no thing
// (namesNoThing) when another known content word is left: the products with some of
// a sentence's words are those with some of its words of things ("crafty", "gift" of
// "a crafty gift for a 10 year old girl"), not the costumes whose titles say "Boys
// and Girls … 9-10 Years". known itself otherwise.
func sentenceThingWords(s *search, known []bool) []bool {
	if !s.sentence {
		return known
	}
	v := s.c.vocabulary()
	keep := make([]bool, len(known))
	left := false
	for i, w := range s.text.words {
		k := wordKey(w)
		keep[i] = known[i] && !personWords[k] && !personWords[w] && !v.recipient[w] && !clauseWords[w]
		left = left || keep[i] && contentWord(w, s.learned, v)
	}
	if !left {
		return known
	}
	return keep
}
