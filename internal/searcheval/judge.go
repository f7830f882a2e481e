package searcheval

import (
	"math"
	"slices"
	"strings"
)

// Kinds of queries, in the order reports list them.
var Kinds = []string{"type", "accessory", "vocabulary", "constraint", "sentence", "typo", "model", "category", "brand", "nonsense"}

// Intent is what a query asks for, written from the catalog's data (types, brands,
// model numbers, category paths, prices) before any search result was seen.
type Intent struct {
	// Types are the product types wanted (canonical names from types.go); several
	// when the words cover several ("trainers": running shoes and sneakers).
	Types []string `json:"types,omitempty"`
	Brand string   `json:"brand,omitempty"`
	// ForBrand asks for accessories made for this brand's products ("filter for
	// Aerwell air purifier"), whoever makes them.
	ForBrand string `json:"for_brand,omitempty"`
	// Model and GTIN ask for one product by its model number or GTIN.
	Model string `json:"model,omitempty"`
	GTIN  string `json:"gtin,omitempty"`
	// Category is a category path (or its first segments): every type under it is
	// wanted, whether or not a product carries its path.
	Category  string   `json:"category,omitempty"`
	MinPrice  *float64 `json:"min_price,omitempty"` // dollars, inclusive
	MaxPrice  *float64 `json:"max_price,omitempty"` // dollars, inclusive
	MinRating float64  `json:"min_rating,omitempty"`
	InStock   bool     `json:"in_stock,omitempty"`
	// Color and Size ask for one variant of apparel ("black midi dress size 12"): a
	// product whose colour does not hold the colour's words, or whose size does not
	// hold the size's words, caps at 2 (constraintCap).
	Color string `json:"color,omitempty"`
	Size  string `json:"size,omitempty"`
	// Fits asks for an accessory made for a named thing ("battery for a7 iv", "lens
	// hood 67mm", "lens for sony e mount"): a product that is not made for it
	// (Truth.Fits, Truth.ForModel) caps at 2, as another colour or size does.
	Fits string `json:"fits,omitempty"`
	// Nothing marks a nonsense query: no product is wanted.
	Nothing bool `json:"nothing,omitempty"`
}

// Grades.
const (
	Wrong   = 0
	Related = 1
	Close   = 2
	Exact   = 3
)

// Grade decides how well a product with truth t answers intent in, by these rules
// (the README of testdata/searcheval states them for readers):
//
//   - Nothing wanted (nonsense): every product is 0.
//   - Model or GTIN: the product with that model number (compared without case,
//     spaces, hyphens, dots and slashes) or GTIN is 3; an accessory made for that
//     model (Truth.ForModel, which its description always names) is 1.
//     Nothing else counts: the shopper named one product. (The intent's brand and
//     types describe that product for readers; they do not grade.)
//   - Category: a product whose type's path lies under it is 3, an accessory there 2.
//   - Types: a wanted type is 3, a close type (closeTypes) 2; an accessory for a
//     wanted type is 1; when the wanted types are accessories, the product they are
//     for and the other accessories for it are 1. A brand in the intent that the
//     product lacks caps the grade at 1; an accessory made neither for nor by the
//     brand the intent names as ForBrand is capped at 2.
//   - Brand alone: the brand's own products 3, its accessories 2, accessories made
//     for its products 1.
//
// Then the constraints cap a product that earned a grade: a price outside the
// bounds by at most 15% caps it at 2, further at 1; a rating below the minimum by at
// most 0.5 caps it at 2, further (or unrated) at 1; out of stock when in stock is
// asked caps it at 1; another colour or size than the one asked (a variant of the
// right product in the wrong size is still a fair answer), or an accessory not made
// for the thing it is asked to fit (a battery for another camera), caps it at 2.
func Grade(in Intent, t Truth) int { return GradeBy(in, t, typeGrade) }

// GradeBy is Grade with the grade of a product for the types asked for given by
// types: the rest of the rule (models, categories, brands, constraints) is the same for
// every judged catalog, whose type relations differ.
func GradeBy(in Intent, t Truth, types func(want []string, t Truth) int) int {
	if in.Nothing {
		return Wrong
	}
	var g int
	switch {
	case in.Model != "" || in.GTIN != "":
		switch {
		case in.Model != "" && modelKey(t.Model) == modelKey(in.Model), in.GTIN != "" && t.GTIN == in.GTIN:
			return Exact
		case in.Model != "" && t.ForModel != "" && modelKey(t.ForModel) == modelKey(in.Model):
			return Related
		}
		return Wrong
	case in.Category != "":
		if !underPath(t.Path, in.Category) {
			return Wrong
		}
		g = Exact
		if t.AccessoryOf != "" {
			g = Close
		}
	case len(in.Types) > 0:
		g = types(in.Types, t)
		if g > Wrong && in.Brand != "" && t.Brand != in.Brand {
			g = min(g, Related)
		}
		if g > Wrong && in.ForBrand != "" && t.ForBrand != in.ForBrand && t.Brand != in.ForBrand {
			g = min(g, Close)
		}
	case in.Brand != "":
		switch {
		case t.Brand == in.Brand && t.AccessoryOf == "":
			g = Exact
		case t.Brand == in.Brand:
			g = Close
		case t.ForBrand == in.Brand:
			g = Related
		}
	}
	if g == Wrong {
		return Wrong
	}
	return min(g, constraintCap(in, t))
}

func typeGrade(want []string, t Truth) int {
	if slices.Contains(want, t.Type) {
		return Exact
	}
	for _, w := range want {
		if slices.Contains(closeTypes[w], t.Type) {
			return Close
		}
	}
	if t.AccessoryOf != "" && slices.Contains(want, t.AccessoryOf) {
		return Related
	}
	for _, w := range want {
		if of := accessoryOf(w); of != "" && (t.Type == of || t.AccessoryOf == of) {
			return Related
		}
	}
	return Wrong
}

func constraintCap(in Intent, t Truth) int {
	c := Exact
	price := float64(t.Price) / 100
	if in.MaxPrice != nil && price > *in.MaxPrice {
		c = min(c, missCap((price-*in.MaxPrice) / *in.MaxPrice))
	}
	if in.MinPrice != nil && price < *in.MinPrice {
		c = min(c, missCap((*in.MinPrice-price) / *in.MinPrice))
	}
	if in.MinRating > 0 && t.Rating < in.MinRating {
		if t.Rating > 0 && in.MinRating-t.Rating <= 0.5+1e-9 {
			c = min(c, Close)
		} else {
			c = min(c, Related)
		}
	}
	if in.InStock && !t.InStock {
		c = min(c, Related)
	}
	if in.Color != "" && !holdsWords(t.Color, in.Color) || in.Size != "" && !holdsWords(t.Size, in.Size) || in.Fits != "" && !fits(t, in.Fits) {
		c = min(c, Close)
	}
	return c
}

// holdsWords reports whether the words of want (letters and digits, without case)
// appear in have in a row: "12" is in "UK 12", "43" in "EU 43 / UK 9", "blue" in
// "Cornflower Blue", "w32" in "W32 L32"; "2" is not in "12".
func holdsWords(have, want string) bool {
	h, w := words(have), words(want)
	if len(w) == 0 {
		return true
	}
	for i := 0; i+len(w) <= len(h); i++ {
		if slices.Equal(h[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.')
	})
}

// fits reports whether a product is made for the thing named (a model, a mount, a
// filter thread), compared as model numbers are (modelKey): one of its Fits, or its
// ForModel.
func fits(t Truth, name string) bool {
	k := modelKey(name)
	if k == "" {
		return true
	}
	return t.ForModel != "" && modelKey(t.ForModel) == k || slices.ContainsFunc(t.Fits, func(f string) bool { return modelKey(f) == k })
}

func missCap(rel float64) int {
	if rel <= 0.15 || math.IsNaN(rel) {
		return Close
	}
	return Related
}

// accessoryOf is the type the type name is an accessory for, or "".
func accessoryOf(name string) string {
	if t := typeIndex[name]; t != nil {
		return t.of
	}
	return ""
}

// typeIndex finds a type by name.
var typeIndex = func() map[string]*ptype {
	m := make(map[string]*ptype, len(types))
	for i := range types {
		m[types[i].name] = &types[i]
	}
	return m
}()

// underPath reports whether path equals prefix or lies below it, segment-wise and
// without case.
func underPath(path, prefix string) bool {
	p, q := strings.ToLower(path), strings.ToLower(strings.TrimSpace(prefix))
	return p == q || strings.HasPrefix(p, q+" > ")
}

// modelKey is a model number without case, spaces and punctuation: "SN-2200 XM" and
// "sn2200xm" are the same model.
func modelKey(m string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(m) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
