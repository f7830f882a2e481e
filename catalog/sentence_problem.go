package catalog

// A sentence that tells of a problem with a thing ("my trumpet valves keep sticking",
// "the battery of my cordless drill wont hold a charge anymore", "the fretboard on my
// old guitar looks dry and cracked") asks for what solves it as surely as a want
// does, though it says no want word; a story ("my dog ate my homework", "the lawn at
// the park is lovely", "my cottage is cold") tells of no fault. What tells them apart
// is the shape of the complaint: a thing that keeps doing something, that will not or
// cannot, or that is, looks or feels in a state it was put in ("cracked", "worn").

// negations say that a thing will not or does not do what it should.
var negations = set("wont", "won't", "cant", "can't", "cannot", "doesnt", "doesn't", "dont", "don't", "isnt", "isn't",
	"arent", "aren't", "wouldnt", "wouldn't", "couldnt", "couldn't", "didnt", "didn't")

// stateVerbs say what state a thing is in now, or seems to be in; a past form of them
// tells of what happened ("my costume got soaked at the gala"), a story.
var stateVerbs = set("is", "are", "looks", "look", "feels", "feel", "seems", "seem", "gets", "get",
	"smells", "smell", "tastes", "taste", "sounds", "sound", "has", "have", "keeps", "keep")

// maxStateWords bounds the words between a state verb and the state it says ("looks
// dry and cracked").
const maxStateWords = 3

// complains reports whether sentence s tells of a fault of a thing: a word of it
// keeps doing something ("keep sticking", "keeps clunking"), a negation ("wont hold",
// "don't stop"), or a state verb followed, within maxStateWords words, by a past form
// ("is cracked", "looks dry and cracked"), said of a thing, not of the shopper or
// another person ("i keep forgetting", "we cannot hear her" tell of them: what they
// need is not what their words name). Not a question about the world.
func complains(s *search) bool {
	if len(s.words) == 0 || questionWords[s.words[0]] {
		return false
	}
	for i, w := range s.words {
		if i > 0 && (personSubject[s.words[i-1]] || personWords[wordKey(s.words[i-1])]) {
			continue // "the kids are bored" tells of them
		}
		if negations[w] || i+1 < len(s.words) && s.words[i+1] == "t" && negations[w+"t"] {
			return true
		}
		if (w == "keep" || w == "keeps") && i+1 < len(s.words) && doneForm(s.words[i+1]) && len(s.words[i+1]) > 5 {
			return true
		}
		if stateVerbs[w] {
			for j := i + 1; j < len(s.words) && j <= i+maxStateWords; j++ {
				if pastForm(s.words[j]) {
					return true
				}
			}
		}
	}
	return false
}

// personSubject are the pronouns that make a person, not a thing, what a verb is
// said of.
var personSubject = set("i", "we", "you", "he", "she", "they", "i'm", "im", "we're", "they're")
