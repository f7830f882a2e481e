package catalog

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseVocabularyErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
	}{
		{"one term", "tent, shelter\nlonely\n", 2},
		{"unknown list", "# c\ncolour: red\n", 2},
		{"need without things", "need: keep cold =>\n", 1},
		{"need without an arrow", "need: keep cold, fridge\n", 1},
		{"need without cue words", "# c\nneed: => fridge\n", 2},
		{"does without things", "does: makes toast =>\n", 1},
		{"does without an arrow", "does: makes toast, toaster\n", 1},
		{"does without cue words", "does: => toaster\n", 1},
		{"long term", "a b c d e, f\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseVocabulary(tt.text)
			var ve *VocabularyError
			if !errors.As(err, &ve) || ve.Line != tt.line {
				t.Errorf("err = %v, want a *VocabularyError for line %d", err, tt.line)
			}
		})
	}
}

func TestVocabularyWith(t *testing.T) {
	base, err := ParseVocabulary("vacuum, hoover\ntv, telly\naccessory: case\n")
	if err != nil {
		t.Fatal(err)
	}
	add, err := ParseVocabulary("hoover, vacuum cleaner, henry\nsofa, couch\naccessory: strap\nneed: keep cold => fridge, cooler\n")
	if err != nil {
		t.Fatal(err)
	}
	v := base.With(add)
	want := [][]string{{"tv", "telly"}, {"hoover", "vacuum cleaner", "henry"}, {"sofa", "couch"}}
	if got := v.Groups(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %q, want %q (a group sharing a term replaces the built-in one)", got, want)
	}
	if !v.isAccessory("cases") || !v.isAccessory("strap") {
		t.Error("accessory lists do not add up")
	}
	if terms, ok := v.need([]string{"keep", "groceries", "cold"}, false); !ok || !slices.Equal(terms, []string{"fridge", "cooler"}) {
		t.Errorf("need = %q, %v", terms, ok)
	}
	if len(base.Groups()) != 2 {
		t.Error("With changed its receiver")
	}
}

// TestBuiltinVocabulary checks that the embedded vocabulary.txt parses and holds the
// words the issue names.
func TestBuiltinVocabulary(t *testing.T) {
	v := BuiltinVocabulary()
	for _, term := range [][]string{{"hoover"}, {"fridge"}, {"tee"}, {"trainer"}, {"couch"}, {"telly"}, {"cellphone"}, {"hairdryer"}, {"ear", "bud"}} {
		if _, ok := v.synonyms(term, 0, len(term)); !ok {
			t.Errorf("no synonym group has %q", term)
		}
	}
}

// TestCueMatches checks which forms of a word a need's cue finds.
func TestCueMatches(t *testing.T) {
	tests := []struct {
		cue, key string
		want     bool
	}{
		{"dry", "dry", true},
		{"dry", "drying", true},
		{"dry", "dried", true},
		{"dry", "dryer", true},
		{"bake", "baking", true},
		{"bake", "baked", true},
		{"shop", "shopping", true},
		{"run", "running", true},
		{"run", "runner", true},
		{"brew", "brewed", true},
		{"car", "card", false},
		{"car", "careful", false},
		{"car", "cart", false},
		{"run", "rung", false},
		{"dry", "dr", false},
		{"tea", "team", false},
	}
	for _, tt := range tests {
		if got := cueMatches(tt.cue, tt.key); got != tt.want {
			t.Errorf("cueMatches(%q, %q) = %v, want %v", tt.cue, tt.key, got, tt.want)
		}
	}
}

// TestNeedsOf checks which needs a query says, best first.
func TestNeedsOf(t *testing.T) {
	v, err := ParseVocabulary(`need: wash clothes => washing machine
need: dry clothes => clothes dryer
need: eggs => frying pan
need: keep cold => refrigerator
need: keep food cold => refrigerator, cooler`)
	if err != nil {
		t.Fatal(err)
	}
	terms := func(words string, sentence bool) []string {
		var out []string
		for _, n := range v.needsOf(strings.Fields(words), sentence) {
			out = append(out, v.needs[n].terms[0])
		}
		return out
	}
	tests := []struct {
		name, words string
		sentence    bool
		want        []string
	}{
		{"the need whose cues come first", "dry my clothes after washing them", true, []string{"clothe dryer", "washing machine"}}, // terms are keys (termKey)
		{"more cues first", "keep my food cold", false, []string{"refrigerator", "refrigerator"}},
		{"one cue in a sentence", "what should i fry my eggs in", true, []string{"frying pan"}},
		{"one cue outside a sentence", "dragon egg incubator", false, nil},
		{"no need", "blue headphones", true, nil},
	}
	for _, tt := range tests {
		if got := terms(tt.words, tt.sentence); !slices.Equal(got, tt.want) {
			t.Errorf("%s: needsOf(%q) = %q, want %q", tt.name, tt.words, got, tt.want)
		}
	}
}

// TestBuiltinVocabularyGroupsKept checks that no group of vocabulary.txt replaces
// another (a term in two groups of one sense keeps only the later), and that no group
// names the thing an accessory is for among the accessory's terms ("watch" beside
// "watch strap"), which would rank the thing before the accessory asked for: a term
// of one word that another group names a thing by, and that another term of its own
// group has before the accessory word it ends in.
func TestBuiltinVocabularyGroupsKept(t *testing.T) {
	lines := 0
	for _, line := range strings.Split(builtinVocabularyText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if kind, _, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(strings.ToLower(kind), "when ") {
			continue
		}
		lines++
	}
	v := BuiltinVocabulary()
	if len(v.groups) != lines {
		kept := map[string]bool{}
		for _, g := range v.groups {
			kept[strings.Join(g.terms, ",")] = true
		}
		for _, line := range strings.Split(builtinVocabularyText, "\n") {
			g, err := ParseVocabulary(line)
			if err != nil || len(g.groups) != 1 || kept[strings.Join(g.groups[0].terms, ",")] {
				continue
			}
			t.Errorf("the group %q is replaced by a later one sharing a term", line)
		}
		t.Fatalf("%d synonym groups of %d lines", len(v.groups), lines)
	}
	named := map[string][]int{} // the last word of a term → the groups with such a term
	for i, g := range v.groups {
		for _, k := range g.terms {
			f := strings.Fields(k)
			named[f[len(f)-1]] = append(named[f[len(f)-1]], i)
		}
	}
	for i, g := range v.groups {
		for _, a := range g.terms {
			for _, b := range g.terms {
				f := strings.Fields(b)
				if len(f) > 1 && slices.Contains(f[:len(f)-1], a) && v.isAccessory(f[len(f)-1]) && !v.isAccessory(a) &&
					slices.ContainsFunc(named[a], func(j int) bool { return j != i }) {
					t.Errorf("group %q: %q is what %q is for", g.terms, a, b)
				}
			}
		}
	}
}

// TestVocabularySenses checks the groups of one sense ("when …:"): which applies to a
// query, that one that applies comes before a group of the same term that always
// does, and that a --synonyms file replaces only the groups of the same sense.
func TestVocabularySenses(t *testing.T) {
	v, err := ParseVocabulary(`lead, leash
when monitor, tv, hdmi: lead, cable, cord
when pencil: lead, refill
dog lead, dog leash
`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query string
		i, j        int
		want        []string // the group's terms; nil for none
	}{
		{"no sense word: the group that always applies", "spare lead", 1, 2, []string{"lead", "leash"}},
		{"a sense word after the term", "lead for my monitor", 0, 1, []string{"lead", "cable", "cord"}},
		{"a sense word before it, in a plural form", "monitors lead", 1, 2, []string{"lead", "cable", "cord"}},
		{"another sense", "pencil lead", 1, 2, []string{"lead", "refill"}},
		{"a phrase of its own", "dog lead", 0, 2, []string{"dog lead", "dog leash"}},
		{"the term's own words are no sense word", "hdmi", 0, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := strings.Fields(tt.query)
			for i, w := range keys {
				keys[i] = wordKey(w)
			}
			got, ok := v.synonyms(keys, tt.i, tt.j)
			if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
				t.Errorf("synonyms(%q, %d, %d) = %q, %v; want %q", tt.query, tt.i, tt.j, got, ok, tt.want)
			}
		})
	}
	add, err := ParseVocabulary("when monitor, tv, hdmi: lead, wire\n")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"lead", "leash"}, {"lead", "refill"}, {"dog lead", "dog leash"}, {"lead", "wire"}}
	if got := v.With(add).Groups(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("groups %q, want %q (a sense replaces only the same sense)", got, want)
	}
	var ve *VocabularyError
	if _, err := ParseVocabulary("when : lead, cable\n"); !errors.As(err, &ve) {
		t.Errorf("a sense with no words: err = %v, want a *VocabularyError", err)
	}
}

// BenchmarkParseVocabulary times reading the built-in vocabulary, what a process pays
// once, on its first search.
//
//	go test -tags sqlite_fts5 -run '^$' -bench ParseVocabulary -count 5 ./catalog
func BenchmarkParseVocabulary(b *testing.B) {
	for b.Loop() {
		if _, err := ParseVocabulary(builtinVocabularyText); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTermKey holds termKey, whose ASCII path slices words out of the term, equal to
// the key of the words splitWords gives (each by wordKey, joined by spaces): on a few
// shapes, and on every comma-separated piece of every line of the built-in vocabulary.
func TestTermKey(t *testing.T) {
	terms := []string{"", " ", "Hoover", "vacuum  cleaner", "Batteries, AA", "ipad-pro 11", "Café crème", "x" + strings.Repeat("y", 80) + " z",
		"fish tanks", "A/B testing kit", "über boxes", "3D printers!"}
	for _, line := range strings.Split(builtinVocabularyText, "\n") {
		terms = append(terms, strings.Split(line, ",")...)
	}
	for _, term := range terms {
		words := splitWords(term)
		for i, w := range words {
			words[i] = wordKey(w)
		}
		if got, want := termKey(term), strings.Join(words, " "); got != want {
			t.Errorf("termKey(%q) = %q, the words' keys say %q", term, got, want)
		}
	}
}
