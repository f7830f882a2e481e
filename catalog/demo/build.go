package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// shop is a seller plus how its product URLs are written.
type shop struct {
	catalog.Seller
	prefix string // demo id prefix, "nw"
	host   string // "northwind-outfitters.example"
}

// newestUpdate is the UpdatedAt of the most recently updated product; the others are
// spread over the 90 days before it.
var newestUpdate = time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)

// priceEndings are the cents a price ends in; repeats weight the draw.
var priceEndings = []int64{99, 99, 99, 99, 95, 49, 0}

// builder makes products from a category bank and one random stream. A builder is
// deterministic: the same seed and the same sequence of calls give the same products.
type builder struct {
	r *rand.Rand
	// common and rare are the chances that a product's model name gets the benchmark
	// word CommonWord or RareWord.
	common, rare float64
	sb           strings.Builder
}

func newBuilder(seed uint64, common, rare float64) *builder {
	return &builder{r: rand.New(rand.NewPCG(seed, 0x636f6d6d65726365)), common: common, rare: rare}
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// product builds one product of category c sold by s. serial makes the GTIN unique.
func (b *builder) product(c *category, id string, s *shop, serial int64) catalog.Product {
	r := b.r
	n := &c.nouns[r.IntN(len(c.nouns))]
	f := fill{brand: pick(r, c.brands), model: pick(r, c.models), Noun: n.title, noun: n.desc}
	if c.suffixes {
		f.model += pick(r, modelSuffixes)
	}
	if r.Float64() < b.common {
		f.model += " Classic"
	}
	if r.Float64() < b.rare {
		f.model += " Obsidian Edition"
	}
	f.material = pick(r, orDefault(n.mats, c.materials))
	f.use = pick(r, c.uses)
	f.adj = pick(r, orDefault(c.adjs, sharedAdjs))

	attrs := make(map[string]string, len(c.attrs)+1)
	for _, a := range c.attrs {
		attrs[a.key] = pick(r, a.values)
	}
	if c.materialKey != "" {
		attrs[c.materialKey] = attrValue(f.material)
	}

	p := catalog.Product{
		ID:          id,
		SellerID:    s.ID,
		Brand:       f.brand,
		Category:    c.path,
		Title:       b.title(c, &f, attrs),
		Description: b.description(c, n, &f),
		Tags:        b.tags(c, n),
		Attributes:  attrs,
		Price:       money.Money{Amount: b.price(n), Currency: "USD"},
		URL:         "https://" + s.host + "/p/" + id,
		ImageURL:    "https://" + s.host + "/img/" + id + ".jpg",
		UpdatedAt:   newestUpdate.Add(-time.Duration(r.IntN(90*24*60)) * time.Minute),
	}
	b.stock(&p)
	b.rating(&p)
	if r.IntN(10) > 0 {
		p.GTIN = gtin(serial)
	}
	return p
}

func (b *builder) title(c *category, f *fill, attrs map[string]string) string {
	b.sb.Reset()
	tmpl := c.title
	if tmpl == "" {
		tmpl = defaultTitle
	}
	f.expand(&b.sb, tmpl)
	if v := attrs[c.titleAttr]; v != "" {
		b.sb.WriteString(", ")
		b.sb.WriteString(v)
	}
	return b.sb.String()
}

// description is an opener, one or two feature sentences and, half the time, a closer.
func (b *builder) description(c *category, n *noun, f *fill) string {
	r := b.r
	b.sb.Reset()
	openers := c.openers
	if openers == nil {
		openers = singularOpeners
		if plural(n.desc) {
			openers = pluralOpeners
		}
	}
	f.expand(&b.sb, pick(r, openers))
	i := r.IntN(len(c.features))
	b.sb.WriteByte(' ')
	b.sb.WriteString(c.features[i])
	if r.IntN(2) == 0 {
		j := (i + 1 + r.IntN(len(c.features)-1)) % len(c.features)
		b.sb.WriteByte(' ')
		b.sb.WriteString(c.features[j])
	}
	if r.IntN(2) == 0 {
		b.sb.WriteByte(' ')
		b.sb.WriteString(pick(r, orDefault(c.closers, goodsClosers)))
	}
	return b.sb.String()
}

// tags are the noun's tag and two to five of the category's, without repeats.
func (b *builder) tags(c *category, n *noun) []string {
	want := 3 + b.r.IntN(4)
	tags := make([]string, 1, want)
	tags[0] = n.tag
	for _, i := range b.r.Perm(len(c.tags)) {
		if len(tags) == want {
			break
		}
		if t := c.tags[i]; !strings.EqualFold(t, n.tag) {
			tags = append(tags, t)
		}
	}
	return tags
}

// price is log-uniform over the noun's range, in cents, ending in .99 most of the time.
func (b *builder) price(n *noun) int64 {
	lo, hi := float64(n.lo), float64(n.hi)
	d := int64(lo * math.Pow(hi/lo, b.r.Float64()))
	d = min(max(d, int64(n.lo)), int64(n.hi)-1)
	return d*100 + pick(b.r, priceEndings)
}

// stock: 8% out of stock, 8% down to the last one to three, 1% preorder with no
// quantity, the rest 5–200 on hand.
func (b *builder) stock(p *catalog.Product) {
	var q int64
	switch u := b.r.Float64(); {
	case u < 0.08:
		p.Availability = catalog.OutOfStock
	case u < 0.16:
		p.Availability, q = catalog.InStock, 1+b.r.Int64N(3)
	case u < 0.17:
		p.Availability = catalog.Preorder
		return
	default:
		p.Availability, q = catalog.InStock, 5+b.r.Int64N(196)
	}
	p.Stock = &q
}

// rating: 4% unrated, the rest 3.0–5.0 leaning high with 1–5000 reviews.
func (b *builder) rating(p *catalog.Product) {
	if b.r.Float64() < 0.04 {
		return
	}
	tenths := 30 + int(math.Round(20*math.Sqrt(b.r.Float64())))
	p.Rating = float64(tenths) / 10
	p.ReviewCount = int64(math.Exp(b.r.Float64() * math.Log(5000)))
}

// gtin is a valid EAN-13 in the GS1 prefix 2 range, which is reserved for in-store use
// and so never names a real product.
func gtin(serial int64) string {
	const space = 100_000_000_000
	v := (serial*7919 + 104729) % space // a bijection on 11 digits
	s := "2" + pad(v, 11)
	sum := 0
	for i := range 12 {
		d := int(s[i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return s + strconv.Itoa((10-sum%10)%10)
}

// pad writes v in decimal with at least width digits.
func pad(v int64, width int) string {
	s := strconv.FormatInt(v, 10)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

func orDefault(s, def []string) []string {
	if len(s) == 0 {
		return def
	}
	return s
}

// plural reports whether a description noun takes a plural verb.
func plural(s string) bool { return strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") }

// attrValue turns a material phrase into an attribute value: "a walnut cabinet"
// becomes "Walnut cabinet".
func attrValue(s string) string {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "a "), "an ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// fill holds the values for a template's placeholders.
type fill struct {
	brand, model, Noun, noun, material, use, adj string
	target                                       string // what an accessory is for: "frying pans"
}

// expand writes tmpl with its placeholders replaced; an unknown placeholder panics,
// which the tests catch by building every category.
func (f *fill) expand(sb *strings.Builder, tmpl string) {
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			sb.WriteString(tmpl)
			return
		}
		sb.WriteString(tmpl[:i])
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			panic("demo: unclosed placeholder in " + tmpl)
		}
		sb.WriteString(f.value(tmpl[i+1 : i+j]))
		tmpl = tmpl[i+j+1:]
	}
}

func (f *fill) value(key string) string {
	switch key {
	case "brand":
		return f.brand
	case "model":
		return f.model
	case "Noun":
		return f.Noun
	case "noun":
		return f.noun
	case "material":
		return f.material
	case "use":
		return f.use
	case "adj":
		return f.adj
	case "for":
		return f.target
	case "aadj":
		if strings.ContainsRune("aeiou", rune(f.adj[0])) {
			return "an " + f.adj
		}
		return "a " + f.adj
	}
	panic("demo: unknown placeholder {" + key + "}")
}
