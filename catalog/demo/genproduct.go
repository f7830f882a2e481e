package demo

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// Shares of generated products.
const (
	uncategorizedShare = 0.30 // no category at all
	shallowShare       = 0.10 // of the categorized, filed under "Department > Category" only
	accessoryShare     = 0.18 // of departments with accessories: a thing made for a type
	keywordShare       = 0.85 // descriptions with a keyword sentence
)

// Openers of accessory descriptions: {noun} is the accessory, {for} the type it fits.
var accessoryOpeners = []string{
	"Made for {for}, this {adj} {noun} from {brand} is made with {material}.",
	"The {brand} {model} {noun} fits most {for} and is made with {material}.",
	"{brand}'s {noun} for {for} is {adj}, made with {material} for {use}.",
}

// genProduct draws one product of the generated catalog.
func (b *builder) genProduct(w *world, id string, s *shop, serial int64) catalog.Product {
	r := b.r
	gd := &w.depts[w.dpick.draw(r)]
	d := gd.d
	ci := gd.cats.draw(r)
	t := &w.types[gd.types[ci][gd.tpick[ci].draw(r)]]
	br := &w.brands[gd.brands[gd.bpick.draw(r)]]
	line := br.lines[br.pick.draw(r)]
	if r.IntN(4) == 0 {
		line += pick(r, modelSuffixes)
	}
	mpn := br.code + "-" + strconv.Itoa(100+r.IntN(9900))
	if r.IntN(3) == 0 {
		mpn += string(rune('A' + r.IntN(26)))
	}

	attrs := make(map[string]string, len(t.attrs)+2)
	for _, a := range t.attrs {
		attrs[a.key] = pick(r, a.values)
	}
	if d.codes || r.IntN(2) == 0 {
		attrs["mpn"] = mpn
	}
	f := fill{brand: br.name, model: line, material: pick(r, d.materials), use: pick(r, d.uses), adj: pick(r, sharedAdjs)}
	if _, ok := attrs["material"]; !ok && r.IntN(2) == 0 {
		attrs["material"] = attrValue(f.material)
	}

	accessory := len(d.accessories) > 0 && r.Float64() < accessoryShare
	var title, category string
	b.sb.Reset()
	if accessory {
		acc := pick(r, d.accessories)
		f.noun, f.target = acc, strings.ToLower(t.plural)
		b.sb.WriteString(br.name)
		b.sb.WriteByte(' ')
		if r.IntN(2) == 0 {
			// "Running Shoe Lace", not "Running Shoes Lace".
			b.sb.WriteString(singular(t.name) + " " + titleCase(acc))
		} else {
			b.sb.WriteString(titleCase(acc) + " for " + t.plural)
		}
		category = t.accPath
	} else {
		f.noun = strings.ToLower(t.name)
		b.sb.WriteString(br.name)
		if r.IntN(4) > 0 {
			b.sb.WriteString(" " + line)
		}
		if d.codes && r.IntN(5) < 3 {
			b.sb.WriteString(" " + mpn)
		}
		if d.gendered {
			switch attrs["gender"] {
			case "male":
				b.sb.WriteString(" Men's")
			case "female":
				b.sb.WriteString(" Women's")
			}
		}
		b.sb.WriteString(" " + t.name)
		category = t.path
	}
	if v := attrs[d.titleAttr]; v != "" && !accessory {
		b.sb.WriteString(", " + v)
	}
	title = b.sb.String()
	switch u := r.Float64(); {
	case u < uncategorizedShare:
		category = ""
	case u < uncategorizedShare+(1-uncategorizedShare)*shallowShare:
		category = t.catPath
	}

	p := catalog.Product{
		ID:          id,
		SellerID:    s.ID,
		Brand:       br.name,
		Category:    category,
		Title:       title,
		Description: b.genDescription(w, d, &f, accessory),
		Attributes:  attrs,
		Price:       money.Money{Amount: b.genPrice(t.c, accessory), Currency: "USD"},
		URL:         "https://" + s.host + "/p/" + id,
		ImageURL:    "https://" + s.host + "/img/" + id + ".jpg",
		UpdatedAt:   newestUpdate.Add(-time.Duration(r.IntN(90*24*60)) * time.Minute),
	}
	p.Tags = b.genTags(t, f.noun)
	b.stock(&p)
	b.rating(&p)
	if r.IntN(10) > 0 {
		p.GTIN = gtin(serial)
	}
	return p
}

// genDescription is an opener, one or two of the department's feature sentences, most
// of the time a keyword sentence whose words follow a Zipf law, and half the time a
// closer: two to five sentences.
func (b *builder) genDescription(w *world, d *dept, f *fill, accessory bool) string {
	r := b.r
	b.sb.Reset()
	switch {
	case accessory:
		f.expand(&b.sb, pick(r, accessoryOpeners))
	case d.openers != nil:
		f.expand(&b.sb, pick(r, d.openers))
	case isPlural(f.noun):
		f.expand(&b.sb, pick(r, pluralOpeners))
	default:
		f.expand(&b.sb, pick(r, singularOpeners))
	}
	i := r.IntN(len(d.features))
	b.sb.WriteByte(' ')
	f.expand(&b.sb, d.features[i])
	if r.IntN(2) == 0 {
		j := (i + 1 + r.IntN(len(d.features)-1)) % len(d.features)
		b.sb.WriteByte(' ')
		f.expand(&b.sb, d.features[j])
	}
	if r.Float64() < keywordShare {
		b.sb.WriteString(" Keywords: ")
		k := 2 + r.IntN(5)
		var used [6]int
		for n := 0; n < k; n++ {
			wi := w.wpick.draw(r)
			dup := false
			for _, u := range used[:n] {
				dup = dup || u == wi
			}
			if dup {
				k--
				n--
				continue
			}
			used[n] = wi
			if n > 0 {
				b.sb.WriteString(", ")
			}
			b.sb.WriteString(w.words[wi])
		}
		b.sb.WriteByte('.')
	}
	if r.IntN(2) == 0 {
		b.sb.WriteByte(' ')
		b.sb.WriteString(pick(r, orDefault(d.closers, goodsClosers)))
	}
	return b.sb.String()
}

// genTags are the kind of product and the names of its category and department,
// each once, which say nothing the keywords do not: a feed without tags (see
// gen-catalog) has the same word frequencies.
func (b *builder) genTags(t *gtype, noun string) []string {
	tags := []string{noun}
	for _, x := range []string{strings.ToLower(t.c.name), strings.ToLower(t.d.name)} {
		if !slices.Contains(tags, x) {
			tags = append(tags, x)
		}
	}
	return tags
}

// genPrice is log-uniform over the category's range (an accessory's is a fifth of it,
// from $3), in cents, ending in .99 most of the time.
func (b *builder) genPrice(c *gcat, accessory bool) int64 {
	lo, hi := float64(c.lo), float64(c.hi)
	if accessory {
		lo, hi = max(3, lo/5), max(12, hi/5)
	}
	d := int64(lo * math.Pow(hi/lo, b.r.Float64()))
	d = min(max(d, int64(lo)), int64(hi)-1)
	return d*100 + pick(b.r, priceEndings)
}

// titleCase upper-cases the first letter of every word: "screen protector" → "Screen
// Protector".
func titleCase(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(f, " ")
}

// singular drops the s of a type written in the plural: "Running Shoes" → "Running
// Shoe"; others stay.
func singular(s string) string {
	if isPlural(strings.ToLower(s)) {
		return s[:len(s)-1]
	}
	return s
}
