package searcheval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// Seed is the seed of the judged catalog. Changing it, or the vocabulary in types.go,
// changes the catalog and so the judgments: regenerate them (see the package doc).
const Seed = 20261203

// CategorisedRate is the share of products that carry their category path in the
// departments whose feeds give categories; the feeds of the departments in
// uncategorisedDepts give none, as many real feeds do. About 40% of all products end
// up without a category.
const CategorisedRate = 0.8

var uncategorisedDepts = map[string]bool{"toys": true, "baby": true, "sports": true, "beauty": true}

// Truth is what the generator knows about a product, whatever its feed fields say.
type Truth struct {
	Dept string // department, "kitchen"
	Path string // the category path of its type, whether or not the product carries it
	Type string // canonical product type, "vacuum-cleaner"
	// AccessoryOf is the type this product is an accessory for ("vacuum-cleaner" for
	// vacuum bags), empty for a product in its own right.
	AccessoryOf string
	// ForBrand and ForModel name the product an accessory is made for, when its title
	// names one.
	ForBrand, ForModel string
	Brand              string
	Model              string // model number as the maker writes it, "SN-2200XM"
	GTIN               string // empty when the feed gives none
	Price              int64  // US cents
	Rating             float64
	InStock            bool // can be bought now
	// Color and Size are a variant's colour and size (apparel), "" when it has none.
	Color, Size string
	// Fits are what an accessory is made for besides ForModel, when it fits several
	// (a battery's cameras, a lens's mount, a filter's thread size): Intent.Fits.
	Fits        []string
	Categorised bool // the product carries its category path
}

// Item is a generated product and its ground truth.
type Item struct {
	Product catalog.Product
	Truth   Truth
}

// Sellers of the judged catalog (fictional, under the reserved .example domain).
var sellers = []catalog.Seller{
	{ID: "brightmart", Name: "BrightMart", StripeProfileID: "profile_test_brightmart01"},
	{ID: "gadget-depot", Name: "Gadget Depot", StripeProfileID: "profile_test_gadgetdepot02"},
	{ID: "homestead-goods", Name: "Homestead Goods", StripeProfileID: "profile_test_homestead03"},
	{ID: "parkside-supply", Name: "Parkside Supply", StripeProfileID: "profile_test_parkside04"},
}

// Generate returns the judged catalog: the same sellers and items on every call.
// Products of types that have accessories come first, then the accessories, which
// may name one of them as their target.
func Generate() ([]catalog.Seller, []Item) {
	g := &gen{r: rand.New(rand.NewPCG(Seed, Seed^0x5eed)), models: map[string]bool{}, byType: map[string][]int{}}
	for pass := 0; pass < 2; pass++ {
		for ti := range types {
			t := &types[ti]
			if (t.of != "") != (pass == 1) {
				continue
			}
			for range t.n {
				g.item(t)
			}
		}
	}
	return append([]catalog.Seller(nil), sellers...), g.items
}

type gen struct {
	r      *rand.Rand
	items  []Item
	models map[string]bool
	byType map[string][]int // indexes into items
}

var titlePatterns = []string{
	"{B} {M} {A} {N}, {C}",
	"{B} {A} {N} {M}, {C}",
	"{B} {N}, {A}, {C} - {M}",
	"{B} {N} {A} ({M}), {C}",
}

var intros = []string{"The {B} {N} is built for everyday use.", "Meet the {B} {N}.", "{N} from {B}.", "", ""}

var closers = []string{"Backed by a 1-year limited warranty.", "Ships in recyclable packaging.", "Customer support is available seven days a week.", "", ""}

func (g *gen) pick(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[g.r.IntN(len(s))]
}

func (g *gen) item(t *ptype) {
	id := fmt.Sprintf("se-%05d", len(g.items)+1)
	b := t.brands[g.r.IntN(len(t.brands))]
	tr := Truth{Dept: t.dept, Path: t.path, Type: t.name, AccessoryOf: t.of}
	var target *Item
	if t.target {
		cands := g.byType[t.of]
		target = &g.items[cands[g.r.IntN(len(cands))]]
		tr.ForBrand, tr.ForModel = target.Truth.Brand, target.Truth.Model
		if g.r.Float64() < t.oem {
			b = brandNamed(target.Truth.Brand)
		}
	}
	tr.Brand = b.name
	tr.Model = g.model(b)

	noun := g.pick(t.nouns)
	var attrs []string
	for i, grp := range t.attrs {
		if i == 0 || g.r.Float64() < 0.8 {
			if a := g.pick(grp); a != "" {
				attrs = append(attrs, a)
			}
		}
	}
	color := g.pick(t.colors)

	tmpl := g.pick(t.titles)
	if tmpl == "" {
		tmpl = g.pick(titlePatterns)
	}
	if t.after {
		tmpl = strings.ReplaceAll(tmpl, "{A} {N}", "{N} {A}")
	}
	modelInTitle := g.r.Float64() < 0.75
	if !modelInTitle {
		tmpl = strings.ReplaceAll(tmpl, "{M}", "")
	}
	r := strings.NewReplacer("{B}", b.name, "{M}", tr.Model, "{N}", noun, "{A}", strings.Join(attrs, " "), "{C}", color,
		"{FB}", tr.ForBrand, "{FM}", tr.ForModel, "{FN}", typeShort(t.of))
	fill := func(s string) string { return tidy(r.Replace(s)) }
	title := fill(tmpl)

	var desc []string
	if len(t.titles) == 0 {
		desc = append(desc, fill(g.pick(intros)))
	}
	if target != nil {
		desc = append(desc, fill("Compatible with the {FB} {FM} {FN}."))
	}
	sents := append([]string(nil), t.desc...)
	g.r.Shuffle(len(sents), func(i, j int) { sents[i], sents[j] = sents[j], sents[i] })
	desc = append(desc, sents[:min(len(sents), 2+g.r.IntN(2))]...)
	if !modelInTitle && g.r.Float64() < 0.5 {
		desc = append(desc, "Model number "+tr.Model+".")
	}
	desc = append(desc, g.pick(closers))

	attr := map[string]string{}
	if g.r.Float64() < 0.9 {
		attr["model"] = tr.Model
	}
	if g.r.Float64() < 0.5 {
		attr["mpn"] = strings.ReplaceAll(tr.Model, "-", "") + "-US"
	}
	if color != "" {
		attr["color"] = color
	}

	tr.Price = g.price(t.price)
	tr.Rating, tr.InStock = 0, true
	p := catalog.Product{
		ID:          id,
		SellerID:    sellers[g.r.IntN(len(sellers))].ID,
		Title:       title,
		Brand:       b.name,
		Attributes:  attr,
		Description: tidy(strings.Join(desc, " ")),
		Price:       money.Money{Amount: tr.Price, Currency: "USD"},
	}
	p.URL = "https://" + p.SellerID + ".example/p/" + id
	if g.r.Float64() < CategorisedRate && !uncategorisedDepts[t.dept] {
		p.Category = t.path
		tr.Categorised = true
	}
	if g.r.Float64() < 0.45 {
		tr.GTIN = g.gtin()
		p.GTIN = tr.GTIN
	}
	switch r := g.r.Float64(); {
	case r < 0.05:
	case r < 0.35:
		p.Rating = float64(30+g.r.IntN(10)) / 10
	case r < 0.40:
		p.Rating = float64(20+g.r.IntN(10)) / 10
	default:
		p.Rating = float64(40+g.r.IntN(10)) / 10
	}
	if p.Rating > 0 {
		p.ReviewCount = 1 + g.r.Int64N(4000)
	}
	tr.Rating = p.Rating
	switch r := g.r.Float64(); {
	case r < 0.10:
		p.Stock = new(int64)
	case r < 0.15:
		p.Availability = catalog.InStock
	default:
		n := 1 + g.r.Int64N(250)
		p.Stock = &n
	}
	tr.InStock = p.Stock == nil || *p.Stock > 0
	g.byType[t.name] = append(g.byType[t.name], len(g.items))
	g.items = append(g.items, Item{Product: p, Truth: tr})
}

// model draws an unused model number for b: its code, maybe a hyphen, digits and
// maybe a letter suffix ("SN-2200XM", "AX310").
func (g *gen) model(b brand) string {
	suffixes := []string{"", "", "", "X", "XM", "S", "A", "LT", "E"}
	for {
		sep := "-"
		if g.r.Float64() < 0.4 {
			sep = ""
		}
		n := 100 + g.r.IntN(9900)
		m := fmt.Sprintf("%s%s%d%s", b.code, sep, n, g.pick(suffixes))
		key := strings.ReplaceAll(m, "-", "")
		if !g.models[key] {
			g.models[key] = true
			return m
		}
	}
}

// gtin draws a GTIN-13 in the GS1 prefix-2 range (in-store numbers, naming no real
// product) with a valid check digit.
func (g *gen) gtin() string {
	d := []byte{'2'}
	for range 11 {
		d = append(d, byte('0'+g.r.IntN(10)))
	}
	return string(d) + string(rune('0'+gtinCheck(string(d))))
}

// gtinCheck is the GS1 check digit of the digits before it.
func gtinCheck(digits string) int {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		w := 3
		if (len(digits)-1-i)%2 == 1 {
			w = 1
		}
		sum += int(digits[i]-'0') * w
	}
	return (10 - sum%10) % 10
}

// price draws a price log-uniformly between lo and hi dollars, ending as shop prices do.
func (g *gen) price(r [2]int) int64 {
	lo, hi := math.Log(float64(r[0])), math.Log(float64(r[1]))
	dollars := int64(math.Exp(lo + g.r.Float64()*(hi-lo)))
	cents := []int64{99, 99, 99, 95, 0, 49}[g.r.IntN(6)]
	if cents == 0 {
		return dollars * 100
	}
	return max(dollars-1, 0)*100 + cents
}

func brandNamed(name string) brand {
	for _, t := range types {
		for _, b := range t.brands {
			if b.name == name {
				return b
			}
		}
	}
	panic("searcheval: no brand " + name)
}

func typeShort(name string) string {
	if t := typeIndex[name]; t != nil {
		return t.short
	}
	return ""
}

// tidy removes what empty placeholders leave behind: doubled spaces and separators,
// empty parentheses and separators at the ends.
func tidy(s string) string {
	for _, r := range [][2]string{{"()", ""}, {" ,", ","}, {",,", ","}, {"  ", " "}, {", -", " -"}, {"- ,", ","}} {
		for strings.Contains(s, r[0]) {
			s = strings.ReplaceAll(s, r[0], r[1])
		}
	}
	s = strings.TrimSpace(s)
	for _, suf := range []string{",", " -", "-"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, suf))
	}
	return strings.TrimPrefix(s, ", ")
}
