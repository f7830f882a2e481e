package feed

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// A Shopify products export is a CSV whose header has Handle and Variant Price. It is
// read row by row, like a flat feed, with these differences:
//
//   - A product's first row carries its fields (Title, Body (HTML), Vendor, Product
//     Category, Type, Tags, Published, Status, Option names, Image Src); its further
//     variants follow on rows with the same Handle and those fields empty, and take
//     them from the first row (shopifyProductCols).
//   - Every variant row is one product: id = Variant SKU, else the Handle followed by
//     the option values ("classic-tee/Red/S"). Shopify does not make SKUs unique, and
//     shops that cut a SKU short give two sizes one ("…-W32-L3" for W32 L32 and W32
//     L34): a SKU already taken in this file by another variant (another Handle or
//     option values) gives the later variant the Handle-and-options id instead, with a
//     warning, so that neither variant replaces the other (the same variant repeated
//     keeps its SKU, the later row winning). Group id = Handle; title = Title,
//     followed by the option values unless the only one is Shopify's "Default Title"
//     (a product with one variant).
//   - The price is Variant Price. Shopify writes it without a currency: the currency
//     comes from a currency column when there is one, else from Options.Currency
//     (--currency); with neither, the row is rejected saying so. Variant Compare At
//     Price, when higher, is kept as the list price.
//   - Vendor is the brand; Product Category (else Type) the category; Variant
//     Barcode the GTIN; Variant Image (else the product's Image Src) the image;
//     options named like an attribute (Color, Size, Material, …) become that
//     attribute, as do the Google Shopping / MPN, Condition, Gender and Age Group
//     columns (the MPN is then a code a search finds the product by).
//   - Variant Inventory Qty is the stock, unless Variant Inventory Tracker is empty
//     (not tracked) or Variant Inventory Policy is continue (sold when out of
//     stock): the stock is then unknown and the variant in stock.
//   - Status draft or archived, or Published false, hides the product from search.
//   - A row with none of Title, Variant SKU, Variant Price and Option1 Value (a
//     product's further image) is skipped: reported with Skipped set, not rejected.
const shopifyDefaultTitle = "Default Title"

// shopifyProductCols are the product's own columns, which a variant row takes from
// the product's first row when it leaves them empty.
var shopifyProductCols = []string{"title", "body_(html)", "vendor", "product_category", "type", "tags",
	"published", "status", "option1_name", "option2_name", "option3_name", "image_src",
	"google_shopping_/_mpn", "google_shopping_/_condition", "google_shopping_/_gender", "google_shopping_/_age_group"}

// isShopify reports whether a CSV header (canonical names) is a Shopify products
// export: the long-standing one (Handle, Variant Price) or the one Shopify writes
// since 2025 (URL handle, Price; see shopifyColumns).
func isShopify(cols map[string]int) bool {
	_, handle := cols["handle"]
	_, price := cols["variant_price"]
	_, urlHandle := cols["url_handle"]
	_, newPrice := cols["price"]
	return handle && price || urlHandle && newPrice
}

// shopifyRenamed maps the columns of Shopify's current export (2025 on) to those of
// the long-standing one, which shopifyRow reads: the same fields under new names.
// Continue selling when out of stock (TRUE or FALSE) stands for Variant Inventory
// Policy (continue or deny) and is read as such.
var shopifyRenamed = map[string]string{
	"url_handle": "handle", "description": "body_(html)", "published_on_online_store": "published",
	"sku": "variant_sku", "barcode": "variant_barcode", "price": "variant_price",
	"compare_at_price": "variant_compare_at_price", "inventory_tracker": "variant_inventory_tracker",
	"inventory_quantity": "variant_inventory_qty", "product_image_url": "image_src",
	"variant_image_url": "variant_image",
}

// shopifyColumns returns a Shopify export's columns under the long-standing names.
func shopifyColumns(cols map[string]int) columns {
	if _, old := cols["handle"]; old {
		return cols
	}
	out := make(columns, len(cols))
	for k, i := range cols {
		if n, ok := shopifyRenamed[k]; ok {
			k = n
		}
		if j, dup := out[k]; !dup || i < j {
			out[k] = i
		}
	}
	return out
}

// shopify carries a Shopify export's product fields from a product's first row to
// the rows of its further variants.
type shopify struct {
	cols    columns
	handle  string   // the Handle of the last row that had a Title
	product []string // that row's fields
	// skus are the Variant SKUs of this file so far (by hash): the variant that took
	// each (its Handle and option values, by hash) and its line.
	skus map[uint64]skuUse
	// typePaths are, by Type (lower case), the segments every Product Category of
	// the file's products of that Type begins with; held are the variants with a
	// Type and no Product Category, filed at the end of the file (see typeCategory).
	typePaths map[string][]string
	held      []heldVariant
}

// heldVariant is a variant whose category waits for the end of its file.
type heldVariant struct {
	at   lines
	typ  string
	prod catalog.Product
}

// skuUse is the variant that took a SKU in a Shopify export, and where.
type skuUse struct {
	variant uint64
	line    int
}

// hash64 is the FNV-1a hash of s.
func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// variantID returns the id of the variant with this SKU, Handle and option values at
// line: the SKU, unless another variant of the file took it (then the Handle and
// option values, and the line of the variant that has the SKU).
func (s *shopify) variantID(sku, handle string, values []string, single bool, line int) (id string, takenAt int) {
	own := handle
	if !single {
		own = handle + "/" + strings.Join(values, "/")
	}
	if sku == "" {
		return own, 0
	}
	if s.skus == nil {
		s.skus = map[uint64]skuUse{}
	}
	k, v := hash64(sku), hash64(own)
	if u, ok := s.skus[k]; ok && u.variant != v {
		return own, u.line
	}
	s.skus[k] = skuUse{v, line}
	return sku, 0
}

// columns maps a shop export's canonical column names to their position.
type columns map[string]int

// field returns the trimmed value of col in fields; "" when there is no such column.
func (c columns) field(fields []string, col string) string {
	if i, ok := c[col]; ok {
		return strings.TrimSpace(fields[i])
	}
	return ""
}

// optionKey is the attribute name of a shop's option (or attribute) name: its
// canonical form, British "Colour" read as "color", the attribute it means.
func optionKey(name string) string {
	if k := columnKey(name); k != "colour" {
		return k
	}
	return "color"
}

// optionAttr returns the value of the option (or attribute) whose name is the
// attribute col, when there is one.
func optionAttr(col string, names, values []string) string {
	for i, n := range names {
		if n == col {
			return values[i]
		}
	}
	return ""
}

// Jeans and trousers are often sized by two options, Waist and Length (Shopify writes
// their values alone in a variant's title, "… - 32 / 30", and in either order), which
// name no attribute: a variant with no Size option and a Waist option gets the size
// those two say as shops write it, "W32 L30" (W32 with no length), so that the colour
// and size reading of a query ("jeans 32x30", "w32 l30", "32 waist") finds it.
var (
	waistOptions  = []string{"waist", "waist_size", "w"}
	lengthOptions = []string{"length", "leg", "leg_length", "inseam", "inside_leg", "l"}
)

// waistLength returns the size the Waist and Length options of a variant say, "" when
// it has no Waist option.
func waistLength(names, values []string) string {
	pick := func(opts []string) string {
		for i, n := range names {
			if slices.Contains(opts, n) {
				return strings.TrimSpace(values[i])
			}
		}
		return ""
	}
	mark := func(letter, v string) string {
		if v == "" || strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			return v // "W32" already, or "Regular": as written
		}
		return letter + v
	}
	w := pick(waistOptions)
	if w == "" {
		return ""
	}
	if l := pick(lengthOptions); l != "" {
		return mark("W", w) + " " + mark("L", l)
	}
	return mark("W", w)
}

// shopifyRow reads one row of a Shopify products export (see shopifyDefaultTitle).
func (p *parser) shopifyRow(at lines, s *shopify, fields []string) error {
	own := func(col string) string { return s.cols.field(fields, col) }
	handle := own("handle")
	if own("title") != "" {
		s.handle, s.product = handle, fields
	}
	if own("title") == "" && own("variant_sku") == "" && own("variant_price") == "" && own("option1_value") == "" {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Skipped: true, Reason: "a row without a variant (a product's further image)"})
		return nil
	}
	switch {
	case handle == "":
		p.reject(at, "Handle is missing")
		return nil
	case handle != s.handle:
		p.reject(at, "no row before this one has Handle %s with a Title; a product's first row must carry its Title", q(handle))
		return nil
	}
	// prod is a product column: this row's value, else the product's first row's.
	prod := func(col string) string {
		if v := own(col); v != "" {
			return v
		}
		return s.cols.field(s.product, col)
	}
	var names, values []string
	for _, n := range []string{"1", "2", "3"} {
		if v := own("option" + n + "_value"); v != "" {
			names, values = append(names, optionKey(prod("option"+n+"_name"))), append(values, v)
		}
	}
	single := len(values) == 0 || (len(values) == 1 && values[0] == shopifyDefaultTitle)
	currency, ok := p.shopCurrency(at, own, "variant_price", "Variant Price", "Shopify")
	if !ok {
		return nil
	}
	id, takenAt := s.variantID(own("variant_sku"), handle, values, single, at.first)
	if takenAt > 0 {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
			Reason: fmt.Sprintf("Variant SKU %s is the SKU of another variant (line %d), so this variant's id is %s, lest one replace the other; give each variant its own SKU in Shopify", q(own("variant_sku")), takenAt, q(id))})
	}
	// A variant whose stock Shopify does not track, or that is sold when out of
	// stock (policy continue), is sold whatever its quantity says.
	_, tracking := s.cols["variant_inventory_tracker"]
	unlimited := (tracking && own("variant_inventory_tracker") == "") || strings.EqualFold(own("variant_inventory_policy"), "continue") ||
		strings.EqualFold(own("continue_selling_when_out_of_stock"), "true")
	r := row(func(col string) string {
		switch col {
		case "item_id":
			return id
		case "item_group_id":
			return handle
		case "title":
			if single {
				return prod("title")
			}
			return prod("title") + " - " + strings.Join(values, " / ")
		case "description":
			return prod("body_(html)")
		case "url":
			if p.opt.ShopURL != "" { // the export names no link; the shop serves each product here
				return "/products/" + url.PathEscape(handle)
			}
			return ""
		case "brand":
			return prod("vendor")
		case "product_category":
			return prod("product_category")
		case "product_type":
			return prod("type")
		case "image_link":
			return cmp.Or(own("variant_image"), s.cols.field(s.product, "image_src"))
		case "price":
			return own("variant_price")
		case "currency":
			return currency
		case "gtin":
			return own("variant_barcode")
		case "inventory_quantity":
			if unlimited {
				return ""
			}
			return own("variant_inventory_qty")
		case "availability":
			if unlimited {
				return string(catalog.InStock)
			}
			return ""
		case "mpn", "condition", "gender", "age_group":
			if v := prod("google_shopping_/_" + col); v != "" {
				return v
			}
		}
		if single {
			return ""
		}
		if col == "size" {
			return cmp.Or(optionAttr(col, names, values), waistLength(names, values))
		}
		return optionAttr(col, names, values)
	})
	prod2, _, err := flatProduct(r, p.start, "")
	if err == nil {
		err = shopifyExtras(&prod2, prod, own("variant_compare_at_price"))
	}
	if err != nil {
		p.reject(at, "%s", err)
		return nil
	}
	if typ := strings.TrimSpace(prod("type")); typ != "" {
		if prod("product_category") == "" {
			s.held = append(s.held, heldVariant{at, typ, prod2})
			return nil
		}
		s.learnType(typ, prod2.Category)
	}
	return p.finish(at, "", "", prod2)
}

// A product with no Product Category is filed under its Type, and Shopify's Types are
// the shop's own words ("Dresses"), so such products were a top-level category beside
// the taxonomy paths of the rest ("Apparel & Accessories > Clothing > Dresses"). The
// other products of the same Type in the file say where it belongs: the segments all
// their paths begin with, and the Type after them unless the last one names it
// ("Dresses" under "… > Clothing > Dresses"; "Knitwear" under "… > Shirts & Tops >
// Knitwear"; "Bags" filed under both "Apparel & Accessories > Handbags" and "Luggage &
// Bags" share nothing, and stay "Bags"). Such variants are emitted at the end of the
// file, when every path of their Type has been read.

// learnType records that a product of Type typ is filed under category.
func (s *shopify) learnType(typ, category string) {
	if s.typePaths == nil {
		s.typePaths = map[string][]string{}
	}
	k := strings.ToLower(typ)
	segs := strings.Split(category, ">")
	for i := range segs {
		segs[i] = strings.TrimSpace(segs[i])
	}
	have, ok := s.typePaths[k]
	if !ok {
		s.typePaths[k] = segs
		return
	}
	n := 0
	for n < len(have) && n < len(segs) && strings.EqualFold(have[n], segs[n]) {
		n++
	}
	s.typePaths[k] = have[:n]
}

// typeCategory is the category of a product of Type typ with no Product Category.
func (s *shopify) typeCategory(typ string) string {
	segs := s.typePaths[strings.ToLower(typ)]
	if len(segs) == 0 {
		return typ
	}
	if namesType(segs[len(segs)-1], typ) {
		return strings.Join(segs, " > ")
	}
	return strings.Join(segs, " > ") + " > " + typ
}

// namesType reports whether a category segment names a Type: the Type's last word,
// singular or plural, is one of the segment's words ("Shirts & Tops" names "T-Shirts").
func namesType(segment, typ string) bool {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	tw := words(typ)
	if len(tw) == 0 {
		return false
	}
	last := strings.TrimSuffix(tw[len(tw)-1], "s")
	for _, w := range words(segment) {
		if strings.TrimSuffix(w, "s") == last {
			return true
		}
	}
	return false
}

// shopifyFlush files and emits the held variants, in file order, at the end of the
// file.
func (p *parser) shopifyFlush(s *shopify) error {
	for _, h := range s.held {
		h.prod.Category = s.typeCategory(h.typ)
		if err := p.finish(h.at, "", "", h.prod); err != nil {
			return err
		}
	}
	s.held = nil
	return nil
}

// shopifyExtras applies what a flat row has no column for: the compare-at price,
// Status and Published, and Tags.
func shopifyExtras(p *catalog.Product, prod func(string) string, compareAt string) error {
	if compareAt != "" {
		m, err := parsePrice("Variant Compare At Price", compareAt, p.Price.Currency)
		if err != nil {
			return err
		}
		if m.Currency == p.Price.Currency && m.Amount > p.Price.Amount {
			p.Attributes[listPriceAttr] = m.String()
		}
	}
	switch v := strings.ToLower(prod("status")); v {
	case "", "active":
	case "draft", "archived":
		p.Hidden = true
	default:
		return bad("Status %s is not active, draft or archived", q(prod("status")))
	}
	if v := prod("published"); v != "" {
		ok, err := parseBool("Published", v)
		if err != nil {
			return err
		}
		p.Hidden = p.Hidden || !ok
	}
	p.Tags = appendTags(p.Tags, prod("tags"))
	return nil
}

// appendTags appends the comma-separated tags of s to tags.
func appendTags(tags []string, s string) []string {
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

// shopCurrency returns the currency of a shop export's bare prices: the row's
// currency column, else Options.Currency. A shop export names no seller, so a row
// read without Options.DefaultSeller (--seller) is rejected saying so; when the
// price in column col (named name in the export) is bare or written with a symbol
// ("$19.99") and there is no currency either, the row is rejected naming that flag
// too, so one run shows every flag the file needs. It returns false on a rejection.
func (p *parser) shopCurrency(at lines, own func(string) string, col, name, shop string) (string, bool) {
	currency := cmp.Or(own("currency"), p.opt.Currency)
	price := own(col)
	_, _, symbol := symbolPrice(price)
	bare := currency == "" && (isDecimal(price) || symbol)
	switch {
	case p.defaultSeller == nil && bare:
		p.reject(at, "no seller: a %s export names none; pass --seller NAME, and --currency CODE for its bare prices (such as --currency USD)", shop)
	case p.defaultSeller == nil:
		p.reject(at, "no seller: a %s export names none; pass --seller NAME", shop)
	case bare:
		p.reject(at, "%s %s has no currency and a %s export names none; give it with --currency (such as --currency USD)", name, q(price), shop)
	default:
		return currency, true
	}
	return "", false
}
