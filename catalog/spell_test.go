package catalog

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kettle", "kettle", 2, 0},
		{"kettel", "kettle", 2, 1}, // swap
		{"sneekers", "sneaker", 2, 2},
		{"abc", "abcdef", 2, 3}, // over the limit
		{"café", "cafe", 1, 1},
		{"", "ab", 2, 2},
		{"xqzvbnm", "kettle", 2, 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit, 1); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

// TestSlipOf holds which spelling corrections are slips of typing and which turn a
// word into another word.
func TestSlipOf(t *testing.T) {
	tests := []struct {
		typed, correction string
		want              bool
	}{
		{"vaccum", "vacuum", true},
		{"nosie", "noise", true},          // a swap
		{"cancelng", "cancelling", true},  // the first letters kept
		{"headphnes", "headphones", true}, //
		{"weather", "water", false},
		{"paris", "pair", false},
		{"calories", "color", false},
		{"taxes", "taped", false},
	}
	for _, tt := range tests {
		if got := slipOf(tt.typed, tt.correction); got != tt.want {
			t.Errorf("slipOf(%q, %q) = %v, want %v", tt.typed, tt.correction, got, tt.want)
		}
	}
}

// TestSentenceSlip holds which corrections of a sentence's words are slips of typing
// (kept) and which are other words (put back as typed): a slip has the shape of one
// slip of the fingers (typoEdit), whatever letters it keeps.
func TestSentenceSlip(t *testing.T) {
	tests := []struct {
		name, typed string
		meant       []string // the correction's stem and surface word
		want        bool
	}{
		{"the doubling on the wrong letter", "vaccum", []string{"vacuum", "vacuum"}, true},
		{"a swap", "nosie", []string{"nois", "noise"}, true},
		{"a letter undoubled", "lose", []string{"loos", "loose"}, true},
		{"a letter undoubled, not among the first three", "feder", []string{"feeder", "feeder"}, true},
		{"a letter doubled", "strroller", []string{"stroller", "stroller"}, true},
		{"the last letter undoubled", "pinbal", []string{"pinbal", "pinball"}, true},
		{"a letter dropped inside", "blendr", []string{"blender", "blender"}, true},
		{"a letter dropped before an inflection", "headphnes", []string{"headphon", "headphones"}, true},
		{"an inflected slip of a word products write bare", "slepping", []string{"sleep", "sleep"}, true},
		{"a key struck for its neighbour", "blebder", []string{"blender", "blender"}, true},
		{"a letter for one of the same sound", "ceramik", []string{"ceramic", "ceramic"}, true},
		{"two slips in a long word", "cancelng", []string{"cancel", "cancelling"}, true},
		{"two slips in a shorter word", "bleendr", []string{"blender", "blender"}, false},
		{"a letter added beside its keyboard neighbour", "blendwer", []string{"blender", "blender"}, true},
		{"a compound split", "hairdryer", []string{"hair dryer", "hair dryer"}, true},
		{"a story word into a unit", "letters", []string{"liter", "liter"}, false},
		{"a story word into another thing", "battle", []string{"bottl", "bottle"}, false},
		{"a letter added, not doubled", "waiter", []string{"water", "water"}, false},
		{"the first letters kept, two edits", "kitten", []string{"kitchen", "kitchen"}, false},
		{"one key for one that is not its neighbour", "steer", []string{"steel", "steel"}, false},
		{"an ending taken for a slip", "rainy", []string{"rain", "rain"}, false},
		{"a derived word", "makes", []string{"maker", "maker"}, false},
		{"a short form, one key for another", "costing", []string{"coat", "coats"}, false},
		{"a short word, one key for another", "file", []string{"fill", "filled"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentenceSlip(tt.typed, tt.meant...); got != tt.want {
				t.Errorf("sentenceSlip(%q, %q) = %v, want %v", tt.typed, tt.meant, got, tt.want)
			}
		})
	}
}

// TestKeyNeighbours holds the keyboard's neighbours as typoEdit uses them.
func TestKeyNeighbours(t *testing.T) {
	tests := []struct {
		name string
		x, y rune
		want bool
	}{
		{"same row", 'c', 'v', true},
		{"the row below, under", 'e', 'd', true},
		{"the row below, under the left-hand key", 'r', 'd', true},
		{"the row below, too far right", 'w', 'd', false},
		{"two rows apart", 'e', 'c', false},
		{"one key", 'a', 'a', false},
		{"far apart", 'q', 'p', false},
		{"not a letter of the keyboard", 'é', 'e', false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, back := keyNeighbours(tt.x, tt.y), keyNeighbours(tt.y, tt.x); got != tt.want || back != tt.want {
				t.Errorf("keyNeighbours(%q, %q) = %v, reversed %v, want %v", tt.x, tt.y, got, back, tt.want)
			}
		})
	}
}

// TestTypeLike holds which learned title heads may name a product type.
func TestTypeLike(t *testing.T) {
	for head, want := range map[string]bool{
		"feeder": true, "mug": true, "tv": false, "vx": false, "large": false, "queen": false, "men": false,
		"class": false, "4k": false, "black": false,
	} {
		if got := typeLike(head); got != want {
			t.Errorf("typeLike(%q) = %v, want %v", head, got, want)
		}
	}
}

// TestSpellMatcherIsSpellDistance holds the spellMatcher, which skips the alignment
// of stems that a form's length or letters put beyond its budget, equal to aligning
// every form with every stem (spellDistanceInFull, the rule as spellDistance states
// it), over the words of the built-in vocabulary, a few stems, and typing slips of them.
func TestSpellMatcherIsSpellDistance(t *testing.T) {
	var stems []string
	for _, w := range splitWords(builtinVocabularyText +
		" headphn coffe batteri sneaker vacuum stroller blend speaker fone phone café über naïve 1000xm4 wh1000xm4") {
		if !slices.Contains(stems, w) {
			stems = append(stems, w)
		}
	}
	if len(stems) < 200 {
		t.Fatalf("%d stems: too few to test", len(stems))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	typos := func(w string) []string {
		r := []rune(w)
		out := []string{w, w + "s", w + "es", w + "er", w + "ing", w + "y"}
		for range 3 {
			i := rng.IntN(len(r))
			c := rune('a' + rng.IntN(26))
			out = append(out,
				string(r[:i])+string(r[i+1:]),           // a letter dropped
				string(r[:i])+string(c)+string(r[i:]),   // one added
				string(r[:i])+string(c)+string(r[i+1:]), // one replaced
			)
			if i+1 < len(r) {
				out = append(out, string(r[:i])+string(r[i+1])+string(r[i])+string(r[i+2:])) // a swap
			}
		}
		return out
	}
	near := 0
	for _, w := range stems[:min(len(stems), 40)] {
		for _, typed := range typos(w) {
			m := newSpellMatcher(typed, false)
			for _, stem := range stems[:min(len(stems), 1200)] {
				key := soundKey(stem)
				gd, gok := m.distance(&spellCandidate{term: stem, key: key, n: utf8.RuneCountInString(key), mask: runeMask(key)})
				wd, wok := spellDistanceInFull(typed, stem)
				if gd != wd || gok != wok {
					t.Fatalf("%q against %q: the matcher gives %d %v, in full %d %v", typed, stem, gd, gok, wd, wok)
				}
				if wok {
					near++
				}
			}
		}
	}
	t.Logf("%d stems, %d near pairs", len(stems), near)
	if near < 500 {
		t.Errorf("only %d near pairs: the test compares too few", near)
	}
}

// spellDistanceInFull is spellDistance as it states the rule, aligning every form of
// w with stem.
func spellDistanceInFull(w, stem string) (int, bool) {
	stem = soundKey(stem)
	if utf8.RuneCountInString(stem) < 3 {
		return 0, false
	}
	best, ok := 0, false
	short := utf8.RuneCountInString(w) <= 4
	try := func(base string, derived bool) {
		n := utf8.RuneCountInString(base)
		if n < 3 {
			return
		}
		budget, key := editBudget(n), soundKey(base)
		d := 2 * editDistance(key, stem, budget, 1)
		if short {
			if !shortSlip(key, stem) {
				return
			}
			d = 2
		}
		if derived {
			if d == 0 {
				return
			}
			d++
		}
		if d <= 2*budget && (!ok || d < best) {
			best, ok = d, true
		}
	}
	if rest, ok := strings.CutPrefix(soundKey(w), stem); !ok || !derivations[rest] {
		try(w, false)
	}
	for _, end := range inflections {
		if base, cut := strings.CutSuffix(w, end); cut {
			try(base, false)
		}
	}
	if base, cut := strings.CutSuffix(w, "y"); cut && utf8.RuneCountInString(base) >= 3 {
		try(base+"i", false)
	}
	for _, end := range derivedEndings {
		if base, cut := strings.CutSuffix(w, end); cut && utf8.RuneCountInString(base) >= 5 {
			try(base, true)
			break
		}
	}
	return best, ok
}

// TestCountSurfaceIsSplitWords holds countSurface, which passes over ASCII words
// without copying them, equal to counting the words splitWords gives.
func TestCountSurfaceIsSplitWords(t *testing.T) {
	texts := []string{
		"Duracell AA Batteries, 24 Pack — long-lasting BATTERY power; battery-operated toys",
		"Café Bustelo CAFÉ cafe espresso caféine Über über-cool naïve NAÏVE",
		"head\u00adphones HEADPHONES Headphone hëadphones head\u200bphones headphones\uE000x",
		strings.Repeat("b", 300) + " " + strings.Repeat("batteri", 40) + " batteries",
		"ΚΑΦΕΣ καφές Straße STRASSE İstanbul ǅemal batteryless Batterie batterij",
		"",
	}
	for _, stem := range []string{"batteri", "cafe", "headphon", "bbbb", "καφ", "istanbul", "über", "str"} {
		base := strings.TrimSuffix(stem, "i")
		for _, text := range texts {
			want := map[string]int{}
			for _, w := range splitWords(text) {
				if f := foldDiacritics(w); strings.HasPrefix(f, stem) || base != stem && strings.HasPrefix(f, base+"y") {
					want[w]++
				}
			}
			got := map[string]int{}
			countSurface(text, stem, base, got)
			if !maps.Equal(got, want) {
				t.Errorf("stem %q in %q: got %v, want %v", stem, text, got, want)
			}
		}
	}
}

// TestSpellingFollowsWrites checks that the words spelling compares with, kept per
// start letter, are read again after a write of product text: a word new to the
// catalog corrects a typo once written, and a word gone corrects none.
func TestSpellingFollowsWrites(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	sellers := []Seller{{ID: "s", Name: "Shop"}}
	upsert := func(ps ...Product) {
		t.Helper()
		if _, err := c.Upsert(ctx, sellers, ps); err != nil {
			t.Fatal(err)
		}
	}
	product := func(id, title string) Product {
		return Product{ID: id, SellerID: "s", Title: title, Price: money.Money{Amount: 1000, Currency: "USD"}, Availability: InStock}
	}
	corrected := func(text string) string {
		t.Helper()
		res, err := c.Search(ctx, Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return res.Corrected
	}
	upsert(product("vac", "Upright Vacuum"))
	if got := corrected("vacum"); got != "vacuum" {
		t.Fatalf(`"vacum" corrected to %q, want "vacuum"`, got)
	}
	if got := corrected("velvte"); got != "" {
		t.Fatalf(`"velvte" corrected to %q before any product says velvet`, got)
	}
	upsert(product("pillow", "Velvet Pillow"))
	if got := corrected("velvte"); got != "velvet" {
		t.Errorf(`after a write, "velvte" corrected to %q, want "velvet"`, got)
	}
	upsert(product("vac", "Upright Broom"))
	if got := corrected("vacum"); got != "" {
		t.Errorf(`with no vacuum left, "vacum" corrected to %q`, got)
	}
}

// TestKeptSlip holds which slips of a sentence's words are kept: a key struck for its
// neighbour only into a word that names a kind of product.
func TestKeptSlip(t *testing.T) {
	heads := func(w string) bool { return w == "blender" || w == "coat" || w == "coats" }
	tests := []struct {
		name, typed, word, shown string
		want                     bool
	}{
		{"a neighbour key into a word of descriptions", "concert", "convert", "convert", false},
		{"a neighbour key into a head", "blebder", "blender", "blender", true},
		{"a neighbour key, inflected, into a head", "coars", "coat", "coats", true},
		{"a letter of the same sound", "ceramik", "ceram", "ceramic", true},
		{"a letter undoubled", "lose", "loos", "loose", true},
		{"a letter dropped", "cancelng", "cancel", "cancelling", true},
		{"no slip at all", "letters", "liter", "liter", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keptSlip(tt.typed, tt.word, tt.shown, heads); got != tt.want {
				t.Errorf("keptSlip(%q, %q, %q) = %v, want %v", tt.typed, tt.word, tt.shown, got, tt.want)
			}
		})
	}
}

// TestSurfaceNearTyped checks that a correction shows the word products write nearest
// to what was typed, though the first products that have the stem say another.
func TestSurfaceNearTyped(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	var ps []Product
	for i := range 25 {
		ps = append(ps, Product{ID: fmt.Sprintf("case%02d", i), SellerID: "s", Title: "Cotton Pillowcases, Set of 2", Price: money.Money{Amount: 1000, Currency: "USD"}, Availability: InStock})
	}
	ps = append(ps, Product{ID: "pillow", SellerID: "s", Title: "Down Pillow", Price: money.Money{Amount: 1000, Currency: "USD"}, Availability: InStock})
	if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, ps); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ typed, want string }{{"pilow", "pillow"}, {"pilowcases", "pillowcases"}, {"", "pillowcases"}} {
		got, err := c.surfaceNear(ctx, "pillow", tt.typed)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("surfaceNear(pillow, %q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}
