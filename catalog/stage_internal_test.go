package catalog

import (
	"strings"
	"testing"
)

// TestVocabularyStages: the stages of life come from the vocabulary's "stage …:"
// lines, compared as titles are (product_rank's title keys: five letters of the word's
// key, "kitte" for "Kittens"), so a long stage word in a title counts; a --synonyms
// file adds words to a stage or a stage of its own; a bad line is an error.
func TestVocabularyStages(t *testing.T) {
	v := BuiltinVocabulary()
	stageOf := func(v *Vocabulary, titleWord string) string {
		if n := v.stages[coverKey(strings.ToLower(titleWord))]; n > 0 { // titles' words are lower-cased
			return v.stageNames[n-1]
		}
		return ""
	}
	for word, want := range map[string]string{
		"Puppy": "young", "Puppies": "young", "Kittens": "young", "Toddler": "young", "Newborn": "young", "Children": "young",
		"Adult": "adult", "Adults": "adult", "Senior": "senior", "Mature": "senior", "Dog": "", "Small": "",
	} {
		if got := stageOf(v, word); got != want {
			t.Errorf("stage of %q = %q, want %q", word, got, want)
		}
	}
	if q := v.queryStages([]string{"kitten", "food"}); q != 1<<v.stages[coverKey("kitten")] {
		t.Errorf("queryStages(kitten food) = %b", q)
	}
	own, err := ParseVocabulary("stage young: cub, foal\nstage elderly: geriatric\n")
	if err != nil {
		t.Fatal(err)
	}
	w := v.With(own)
	for word, want := range map[string]string{"cubs": "young", "puppy": "young", "geriatric": "elderly", "senior": "senior"} {
		if got := stageOf(w, word); got != want {
			t.Errorf("with a file: stage of %q = %q, want %q", word, got, want)
		}
	}
	if got := stageOf(v, "cub"); got != "" {
		t.Errorf("With changed the built-in vocabulary: cub is %q", got)
	}
	for _, bad := range []string{"stage : cub", "stage young:", "stage young: ,"} {
		if _, err := ParseVocabulary(bad); err == nil {
			t.Errorf("ParseVocabulary(%q) read it", bad)
		}
	}
}
