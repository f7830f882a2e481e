package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// The world generated catalogs are drawn from: the taxonomy's product types, thousands
// of brands tied to departments, product lines, and a Zipf-ranked word list. It is
// built once, from a fixed seed, so every Generate(n, seed) shares it: the seed only
// changes which products are drawn.

// worldSeed seeds the world; changing it (or the banks) changes every generated catalog.
const worldSeed = 0x7a69706667656e31

// Sizes and skews of the world.
const (
	// zipfDeptBrands, zipfCats, zipfTypes, zipfLines and zipfWords are the Zipf exponents
	// of brand use within a department, category within a department, type within a
	// category, line within a brand and keyword use over the word list.
	zipfDeptBrands = 1.05
	zipfCats       = 0.6
	zipfTypes      = 0.6
	zipfLines      = 1.0
	zipfWords      = 1.0
)

// gtype is one product type: a subcategory of its category.
type gtype struct {
	name, plural string // "Frying Pan", "Frying Pans"
	d            *dept
	c            *gcat
	attrs        []attr // the department's, then the category's (which win)
	path         string // "Home & Kitchen > Cookware > Frying Pans"
	catPath      string // "Home & Kitchen > Cookware"
	accPath      string // "Home & Kitchen > Cookware > Accessories"
}

// gbrand is a generated brand and its product lines.
type gbrand struct {
	name  string
	code  string // model-number prefix, "VL"
	lines []string
	pick  zipf // over lines
}

// gdept is a department's samplers.
type gdept struct {
	d      *dept
	cats   zipf    // over d.cats
	types  [][]int // per category, indexes into world.types
	tpick  []zipf  // per category, over its types
	brands []int   // indexes into world.brands, most used first
	bpick  zipf    // over brands
}

type world struct {
	types  []gtype
	depts  []gdept
	dpick  zipf // over depts by weight
	brands []gbrand
	words  []string // keyword vocabulary, most frequent first
	wpick  zipf
}

var (
	worldOnce sync.Once
	theWorld  *world
)

func getWorld() *world {
	worldOnce.Do(func() { theWorld = newWorld() })
	return theWorld
}

func newWorld() *world {
	r := rand.New(rand.NewPCG(worldSeed, 1))
	w := &world{}
	weights := make([]float64, len(departments))
	for di := range departments {
		d := &departments[di]
		weights[di] = float64(d.weight)
		gd := gdept{d: d, cats: newZipf(len(d.cats), zipfCats)}
		for ci := range d.cats {
			c := &d.cats[ci]
			var idx []int
			for name := range strings.SplitSeq(c.types, ",") {
				name = strings.TrimSpace(name)
				pl := pluralOf(name)
				t := gtype{name: name, plural: pl, d: d, c: c,
					catPath: d.name + " > " + c.name, attrs: mergeAttrs(d.attrs, c.attrs)}
				t.path = t.catPath + " > " + pl
				t.accPath = t.catPath + " > Accessories"
				idx = append(idx, len(w.types))
				w.types = append(w.types, t)
			}
			gd.types = append(gd.types, idx)
			gd.tpick = append(gd.tpick, newZipf(len(idx), zipfTypes))
		}
		w.depts = append(w.depts, gd)
	}
	w.dpick = newWeighted(weights)
	w.brands = newBrands(r)
	// Brands go to departments in proportion to the department's weight (at least
	// 40 each), in a shuffled order; one in seven also sells in a second department,
	// where it joins the long tail.
	order := r.Perm(len(w.brands))
	total := 0
	for _, d := range departments {
		total += d.weight
	}
	next := 0
	for di := range w.depts {
		k := max(40, len(w.brands)*departments[di].weight/total)
		if di == len(w.depts)-1 {
			k = len(order) - next
		}
		k = min(k, len(order)-next)
		w.depts[di].brands = append(w.depts[di].brands, order[next:next+k]...)
		next += k
	}
	for bi := range w.brands {
		if r.IntN(7) == 0 {
			gd := &w.depts[r.IntN(len(w.depts))]
			if !slices.Contains(gd.brands, bi) {
				gd.brands = append(gd.brands, bi)
			}
		}
	}
	for di := range w.depts {
		w.depts[di].bpick = newZipf(len(w.depts[di].brands), zipfDeptBrands)
	}
	w.words = keywordVocabulary(r)
	w.wpick = newZipf(len(w.words), zipfWords)
	return w
}

// mergeAttrs returns base with extra's attributes, an extra one replacing the base one
// of the same key.
func mergeAttrs(base, extra []attr) []attr {
	out := make([]attr, 0, len(base)+len(extra))
	for _, a := range base {
		if !slices.ContainsFunc(extra, func(e attr) bool { return e.key == a.key }) {
			out = append(out, a)
		}
	}
	return append(out, extra...)
}

// pluralOf writes an English plural of a product type: "Frying Pan" → "Frying Pans",
// "Dress" → "Dresses", "Headphones" stays.
func pluralOf(s string) string {
	lower := strings.ToLower(s)
	switch {
	case isPlural(lower):
		return s
	case strings.HasSuffix(lower, "ss"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return s + "es"
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(lower, "knife"):
		return s[:len(s)-2] + "ves"
	}
	return s + "s"
}

// Brand names are a start and an end syllable run ("Vel" + "ora"), some with a second
// word.
var (
	brandStarts = []string{
		"Vel", "Kest", "Bram", "Cor", "Dal", "Fen", "Gal", "Hal", "Iver", "Jas", "Kal", "Lum",
		"Mar", "Nor", "Ost", "Pell", "Quin", "Ros", "Sol", "Tam", "Ulm", "Val", "Wen", "Xan",
		"Yar", "Zel", "Ash", "Bel", "Cal", "Dorn", "Elm", "Far", "Glen", "Hart", "Isk", "Jun",
		"Kin", "Lark", "Mel", "Nev", "Orr", "Pim", "Red", "Sten", "Thal", "Umb", "Vin", "Wyl",
		"Brin", "Cres", "Drav", "Eld", "Fros", "Grim", "Holt", "Ivo", "Kor", "Lan", "Mor", "Quel",
	}
	brandEnds = []string{
		"ora", "ix", "ant", "wick", "ton", "ara", "enne", "ivo", "ley", "mont", "ex", "ano",
		"ella", "urn", "ova", "is", "dale", "holm", "ette", "eon", "ari", "bury", "ine", "o",
		"ris", "ven", "ika", "ford", "ane", "ure", "ola", "ast", "ium", "yn", "ick", "ossa",
		"ard", "ey", "ith", "era", "on", "ux", "ade", "elle", "ami", "berg", "ow", "ica",
	}
	// brandWords end in no s, so that "{brand}'s" reads right.
	brandWords = []string{"Lab", "Co.", "Home", "Workshop", "Supply", "Company", "Studio", "Trading", "Design", "Collective", "Living", "Gear"}
	// lineWords are the product-line names brands draw theirs from.
	lineWords = []string{
		"Aero", "Summit", "Pulse", "Nova", "Terra", "Vista", "Echo", "Apex", "Drift", "Ember", "Flux", "Glide",
		"Harbor", "Ion", "Juniper", "Keystone", "Lumen", "Meridian", "Nimbus", "Orbit", "Prism", "Quill", "Ridge", "Sierra",
		"Tundra", "Umbra", "Vector", "Willow", "Zenith", "Atlas", "Beacon", "Cascade", "Delta", "Element", "Fjord", "Granite",
		"Horizon", "Indigo", "Jetstream", "Kodiak", "Lagoon", "Mosaic", "Nomad", "Onyx", "Pinnacle", "Quartz", "Radiant", "Solstice",
		"Trek", "Uplift", "Voyager", "Wren", "Yukon", "Zephyr", "Arc", "Bolt", "Crest", "Dune", "Everest", "Forge",
		"Grove", "Halo", "Iris", "Jade", "Kinetic", "Legacy", "Monarch", "Northstar", "Oasis", "Pioneer", "Quest", "Rover",
		"Sequoia", "Titan", "Urban", "Verve", "Wave", "Axis", "Breeze", "Cinder", "Dawn", "Essential", "Fusion", "Gale",
		"Heritage", "Icon", "Journey", "Keel", "Lotus", "Mistral", "Nexus", "Outlier", "Pacific", "Rally", "Sable", "Tempo",
	}
)

// newBrands returns every start-and-end brand name (2,880), shuffled, each with a
// model-number prefix and two to eight product lines.
func newBrands(r *rand.Rand) []gbrand {
	var names []string
	for _, s := range brandStarts {
		for _, e := range brandEnds {
			names = append(names, s+e)
		}
	}
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	out := make([]gbrand, len(names))
	for i, name := range names {
		if r.IntN(3) == 0 {
			name += " " + pick(r, brandWords)
		}
		k := 2 + r.IntN(7)
		lines := make([]string, 0, k)
		for _, li := range r.Perm(len(lineWords))[:k] {
			lines = append(lines, lineWords[li])
		}
		code := strings.ToUpper(name[:1]) + strings.ToUpper(string(name[1+r.IntN(3)]))
		out[i] = gbrand{name: name, code: code, lines: lines, pick: newZipf(len(lines), zipfLines)}
	}
	return out
}

// stopWords are left out of the keyword vocabulary.
var stopWords = map[string]bool{
	"with": true, "that": true, "this": true, "from": true, "your": true, "into": true, "over": true,
	"them": true, "they": true, "their": true, "when": true, "each": true, "than": true, "just": true,
	"keep": true, "keeps": true, "every": true, "without": true, "while": true, "after": true, "before": true,
	"under": true, "through": true, "most": true, "more": true, "less": true, "also": true, "have": true,
	"will": true, "make": true, "makes": true, "made": true, "what": true, "which": true, "there": true,
	"only": true, "even": true, "back": true, "like": true, "stay": true, "stays": true, "take": true,
	"takes": true, "long": true, "where": true, "need": true, "want": true, "good": true, "best": true,
	"great": true, "nice": true, "quality": true, "very": true, "really": true, "things": true, "thing": true,
	"item": true, "items": true, "product": true, "products": true, "some": true, "find": true, "look": true,
}

// keywordVocabulary is every word of four letters or more in the demo catalog's phrase
// banks (features, uses, materials, tags and kinds of product), less stop words, in an
// order shuffled by r: the Zipf rank the keywords are drawn by.
func keywordVocabulary(r *rand.Rand) []string {
	seen := map[string]bool{}
	var words []string
	add := func(texts ...string) {
		for _, t := range texts {
			for _, w := range strings.FieldsFunc(strings.ToLower(t), func(c rune) bool { return !unicode.IsLetter(c) }) {
				if len(w) >= 4 && !stopWords[w] && !seen[w] {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
	}
	for i := range categories {
		c := &categories[i]
		add(c.features...)
		add(c.uses...)
		add(c.materials...)
		add(c.tags...)
		for _, n := range c.nouns {
			add(n.desc)
		}
	}
	add(goodsClosers...)
	add(consumableClosers...)
	add(bookClosers...)
	sort.Strings(words)
	r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	return words
}

// zipf draws indexes 0…n-1 with chance proportional to weights (1/(i+1)^s for newZipf).
type zipf struct{ cum []float64 }

func newZipf(n int, s float64) zipf {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), s)
	}
	return newWeighted(w)
}

func newWeighted(w []float64) zipf {
	z := zipf{cum: make([]float64, len(w))}
	total := 0.0
	for i, x := range w {
		total += x
		z.cum[i] = total
	}
	return z
}

func (z zipf) draw(r *rand.Rand) int {
	u := r.Float64() * z.cum[len(z.cum)-1]
	return min(sort.SearchFloat64s(z.cum, u), len(z.cum)-1)
}

// isPlural reports whether a product type is written in the plural ("running shoes",
// not "road atlas" or "dress").
func isPlural(s string) bool {
	return strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && !strings.HasSuffix(s, "us") &&
		!strings.HasSuffix(s, "as") && !strings.HasSuffix(s, "is")
}
