package feed

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// A Magento 2 (Adobe Commerce) products export is the catalog_product.csv that System
// > Data Transfer > Export writes: a CSV whose header has sku, product_type and
// attribute_set_code. Its rows are read by product_type:
//
//   - simple, virtual and downloadable: a product (id = sku). One that is "Not
//     Visible Individually" is sold only through another product: it is a variant of
//     the configurable product whose configurable_variations names it, wherever that
//     row is in the file (Magento writes rows by entity id, so the children of a
//     configurable made in its wizard come before it; they are held until the end of
//     the file, up to maxWaitingChildren, for their parent). One that no
//     configurable names is skipped, with its reason. A visible one is a product of
//     its own, and a configurable after it that names it says so (a warning).
//   - configurable: its own row is skipped; each simple product that its
//     configurable_variations names ("sku=HOSE-25,color=Green,length=25 m|sku=…") is a
//     variant (group = the configurable's sku), its option values giving attributes
//     (a code or, in configurable_variation_labels, a label Colour or Color is color;
//     Size is size), taking from the configurable what it leaves empty: description,
//     short_description, categories, base_image, url_key, brand, material, pattern.
//   - bundle, grouped and giftcard: skipped with their reason (a bundle's or a gift
//     card's price comes from what the buyer chooses; a grouped product is sold as its
//     items, which are products of their own).
//   - a row with a store_view_code is one store view's overrides of a product (its
//     name in Welsh, say): skipped, so that the default store view's row (with an
//     empty store_view_code) is the product and no store view duplicates it.
//
// Read: name (a variant named as its configurable, or as the configurable's wizard
// names it, "Pot-Blue-30 cm", is the configurable's name and its option values, "Pot
// - Blue / 30 cm"), description (else short_description; HTML, markup removed), price (bare:
// --currency), special_price from special_price_from_date to special_price_to_date
// (either may be empty; dates as Magento writes them in the admin's locale, see
// magentoDate) as the sale price with the regular price kept, qty and is_in_stock
// (manage_stock 0 with use_config_manage_stock 0: not tracked, in stock), allow_backorders
// (a product in stock with no quantity left is on backorder), product_online 2 (disabled:
// hidden and discontinued, also for a disabled configurable's variants), a configurable's
// visibility Not Visible Individually (its variants hidden), categories (the deepest of its
// paths after the root category, "Default Category/Garden/Hoses" → "Garden > Hoses"),
// url_key (with --shop-url: its page /url_key.html; a variant links to its
// configurable's), base_image (with --shop-url, a path under /media/catalog/product),
// and in additional_attributes ("brand=Aquaflo,color=Green,ean=5060004120536", see
// magentoAttributes) brand (else manufacturer), ean, gtin, upc or barcode (the GTIN),
// mpn, color (or colour), size, material, pattern, gender, age_group and condition.
// Not read: weight, tax class, meta_* (search-engine text), websites, related and
// cross-sell products, custom options, tier prices, further images.
type magento struct {
	cols columns
	// children are the variants configurable rows named whose own row has not come
	// yet, by sku.
	children map[string]mgVariant
	// waiting are the rows of products not visible individually that no configurable
	// has named yet, in file order; waitingIDs their index by sku.
	waiting    []mgRow
	waitingIDs map[string]int
	// named are the skus configurable rows named, for those whose row never came
	// (magentoFlush).
	named []mgNamed
	// kept are the columns of a held row (hold).
	kept columns
	// alone are the skus of the simple products read as products of their own
	// (visible, and named by no configurable before them).
	alone map[string]bool
}

// mgRow is one row of a Magento export: the row being read, with the header's
// columns, or a row held for later with only the columns in mgKept (magento.hold).
type mgRow struct {
	at      lines
	cols    columns
	fields  []string
	claimed bool // a configurable named it, and it was read as its variant
}

// get returns the row's value of col; "" when there is no such column.
func (r *mgRow) get(col string) string { return r.cols.field(r.fields, col) }

// mgKept are the columns magentoProduct reads from a product's row and its
// configurable's: all a held row keeps (magento.hold). An export has 89 columns and a
// variant waiting for its configurable needs these alone: a file of 50,000 variants
// all before their 10,000 configurables is imported in a peak RSS of 261–270 MB (626–
// 659 MB keeping whole rows; 155–179 MB for the same rows each configurable first,
// when nothing waits). A shop's export holds few at once: its configurable wizard
// makes a configurable's simple products just before it.
var mgKept = []string{"sku", "name", "description", "short_description", "price", "currency", "special_price",
	"special_price_from_date", "special_price_to_date", "qty", "is_in_stock", "manage_stock", "use_config_manage_stock",
	"allow_backorders", "product_online", "visibility", "url_key", "base_image", "categories", "additional_attributes"}

// hold returns fields (a row of the header's columns) as a row to keep past the
// call: its mgKept columns, each copied, so that the record they came from is freed.
func (m *magento) hold(at lines, fields []string) mgRow {
	if m.kept == nil {
		m.kept = columns{}
		for _, c := range mgKept {
			if _, ok := m.cols[c]; ok {
				m.kept[c] = len(m.kept)
			}
		}
	}
	r := mgRow{at: at, cols: m.kept, fields: make([]string, len(m.kept))}
	for c, i := range m.kept {
		r.fields[i] = strings.Clone(fields[m.cols[c]])
	}
	return r
}

// mgVariant is a configurable's variant: the configurable's row, the variant's
// option values (attribute name → value, in order) and whether its row was read.
type mgVariant struct {
	parent *mgRow
	names  []string
	values []string
}

// mgNamed is a sku a configurable's configurable_variations names, for the warning
// when it has no row in the file.
type mgNamed struct {
	at  lines
	sku string
}

// isMagento reports whether a CSV header (canonical names) is a Magento 2 products
// export (or an import file in its columns).
func isMagento(cols map[string]int) bool {
	_, sku := cols["sku"]
	_, typ := cols["product_type"]
	_, set := cols["attribute_set_code"]
	return sku && typ && set
}

const mgNotVisible = "not visible individually"

// magentoRow reads one row of a Magento export (see magento).
func (p *parser) magentoRow(at lines, m *magento, fields []string) error {
	own := func(col string) string { return m.cols.field(fields, col) }
	skip := func(reason string, args ...any) error {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Skipped: true, Reason: fmt.Sprintf(reason, args...)})
		return nil
	}
	sku := own("sku")
	if sku == "" {
		p.reject(at, "sku is empty: every row of a Magento export names its product's sku")
		return nil
	}
	if view := own("store_view_code"); view != "" {
		return skip("a store view's row (store_view_code %s): the product is read from its row for the default store view", q(view))
	}
	switch typ := strings.ToLower(own("product_type")); typ {
	case "configurable":
		return p.magentoConfigurable(at, m, fields)
	case "bundle":
		return skip("a bundle product is not read (its price and contents are what the buyer chooses); the products in it are imported when visible on their own")
	case "grouped":
		return skip("a grouped product is not read (it is sold as its items); the items are imported as products of their own")
	case "giftcard":
		return skip("a gift card is not read (its amount is what the buyer chooses)")
	case "simple", "virtual", "downloadable", "":
	default:
		p.reject(at, "product_type %s is not one import reads (simple, virtual, downloadable, configurable; bundle, grouped and giftcard rows are skipped): export it as one of those, or leave it out", q(typ))
		return nil
	}
	if i, ok := m.waitingIDs[sku]; ok {
		// A later row with the same sku wins, as it would have.
		m.waiting[i].claimed = true
		delete(m.waitingIDs, sku)
	}
	if v, ok := m.children[sku]; ok {
		delete(m.children, sku)
		return p.magentoProduct(mgRow{at: at, cols: m.cols, fields: fields}, &v)
	}
	if strings.EqualFold(own("visibility"), mgNotVisible) {
		if len(m.waiting) >= maxWaitingChildren {
			return skip("not visible individually, and more than %d such rows wait for the configurable product that names them: Magento sells it only as part of another product, so it is not imported alone", maxWaitingChildren)
		}
		if m.waitingIDs == nil {
			m.waitingIDs = map[string]int{}
		}
		// The keys kept are copies: sku is part of the whole record's text.
		m.waitingIDs[strings.Clone(sku)] = len(m.waiting)
		m.waiting = append(m.waiting, m.hold(at, fields))
		return nil
	}
	if m.alone == nil {
		m.alone = map[string]bool{}
	}
	m.alone[strings.Clone(sku)] = true
	return p.magentoProduct(mgRow{at: at, cols: m.cols, fields: fields}, nil)
}

// magentoConfigurable reads a configurable product's row: it is skipped, and each
// variant it names is read, now when its row came before, else when its row comes.
func (p *parser) magentoConfigurable(at lines, m *magento, fields []string) error {
	own := func(col string) string { return m.cols.field(fields, col) }
	vars := magentoVariations(own("configurable_variations"), own("configurable_variation_labels"))
	if len(vars) == 0 {
		p.reject(at, "a configurable product whose configurable_variations names no simple product (sku=…,color=…|sku=…): it has nothing to sell; export it with its variations, or leave it out")
		return nil
	}
	p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Skipped: true,
		Reason: "a configurable product's own row (the simple products its configurable_variations names are the products)"})
	parent := m.hold(at, fields)
	for _, v := range vars {
		v.parent = &parent
		sku := v.values[0]
		v.names, v.values = v.names[1:], v.values[1:]
		if m.alone[sku] {
			p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
				Reason: fmt.Sprintf("configurable_variations names sku %s, whose row came before it visible on its own, so it was imported as a product of its own rather than as this configurable's variant; make it Not Visible Individually, as the configurable wizard does", q(sku))})
			continue
		}
		if i, ok := m.waitingIDs[sku]; ok {
			w := &m.waiting[i]
			w.claimed = true
			delete(m.waitingIDs, sku)
			if err := p.magentoProduct(*w, &v); err != nil {
				return err
			}
			w.fields = nil // read: its memory is not needed to the end of the file
			continue
		}
		if m.children == nil {
			m.children = map[string]mgVariant{}
		}
		m.children[sku] = v
		m.named = append(m.named, mgNamed{at: at, sku: sku})
	}
	return nil
}

// magentoFlush ends a Magento export: the rows not visible individually that no
// configurable named are skipped, and a configurable's variant whose row never came is
// reported on the configurable's row.
func (p *parser) magentoFlush(m *magento) error {
	for _, w := range m.waiting {
		if !w.claimed {
			p.report(RowError{File: p.name, Line: w.at.first, EndLine: w.at.last, Skipped: true,
				Reason: "not visible individually, and no configurable product of the file names it: Magento sells it only as part of another product, so it is not imported alone"})
		}
	}
	for _, n := range m.named {
		if _, missing := m.children[n.sku]; missing {
			p.report(RowError{File: p.name, Line: n.at.first, EndLine: n.at.last, Warning: true,
				Reason: fmt.Sprintf("configurable_variations names sku %s, which has no row in the file, so that variant is not imported; export the simple products with their configurable one", q(n.sku))})
		}
	}
	m.waiting, m.waitingIDs, m.children, m.named, m.alone = nil, nil, nil, nil, nil
	return nil
}

// magentoVariations reads configurable_variations, "sku=A,color=Red,size=M|sku=B,…",
// into one variant per entry that names a sku: names[0] is "sku" and values[0] the
// sku; the other names are attribute names, by their label in
// configurable_variation_labels ("color=Colour,size=Size") when it has one.
func magentoVariations(s, labels string) []mgVariant {
	s = strings.Clone(s) // its skus and values are kept: not the whole record's text
	label := magentoAttributes(labels)
	var out []mgVariant
	for _, entry := range strings.Split(s, "|") {
		pairs := magentoPairs(entry)
		if len(pairs) == 0 || pairs[0][0] != "sku" || pairs[0][1] == "" {
			continue
		}
		v := mgVariant{names: []string{"sku"}, values: []string{pairs[0][1]}}
		for _, kv := range pairs[1:] {
			v.names = append(v.names, optionKey(cmp.Or(label[kv[0]], kv[0])))
			v.values = append(v.values, kv[1])
		}
		out = append(out, v)
	}
	return out
}

// magentoAttributes reads additional_attributes (see magentoPairs) into a map by code.
func magentoAttributes(s string) map[string]string {
	out := map[string]string{}
	for _, kv := range magentoPairs(s) {
		out[kv[0]] = kv[1]
	}
	return out
}

// magentoPairs reads Magento's code=value,code=value. Without the export's "fields
// enclosure" a value is written as it is, so a comma inside it looks like the end of
// the pair: a piece that does not start with an attribute code and "=" is the rest
// of the value before it (as Magento's import reads it). With it, a value is written
// "…" with " doubled, and a multiple-select's values "a"|"b". A multiple-select's
// values (a|b) are kept as one value, "a, b".
func magentoPairs(s string) [][2]string {
	var out [][2]string
	for s = strings.TrimSpace(s); s != ""; {
		eq := strings.IndexByte(s, '=')
		comma := strings.IndexByte(s, ',')
		if eq <= 0 || (comma >= 0 && comma < eq) || !mgCode(strings.TrimSpace(s[:eq])) {
			piece := s
			if comma >= 0 {
				piece, s = s[:comma], s[comma+1:]
			} else {
				s = ""
			}
			if n := len(out); n > 0 {
				out[n-1][1] += "," + piece
			}
			continue
		}
		code := strings.TrimSpace(s[:eq])
		s = s[eq+1:]
		var val string
		if strings.HasPrefix(s, `"`) {
			val, s = mgQuoted(s)
		} else if comma := strings.IndexByte(s, ','); comma >= 0 {
			val, s = s[:comma], s[comma+1:]
		} else {
			val, s = s, ""
		}
		out = append(out, [2]string{code, val})
	}
	for i := range out {
		out[i][1] = strings.TrimSpace(strings.ReplaceAll(out[i][1], "|", ", "))
	}
	return out
}

// mgQuoted reads a value written with the export's fields enclosure, "…" ("" for a
// quote), or a multiple-select's "a"|"b", from the start of s, and returns it and the
// rest of s after the comma that ends it. A quote left open takes the rest of s.
func mgQuoted(s string) (val, rest string) {
	var b strings.Builder
	for strings.HasPrefix(s, `"`) {
		s = s[1:]
		for {
			i := strings.IndexByte(s, '"')
			if i < 0 {
				b.WriteString(s)
				return b.String(), ""
			}
			b.WriteString(s[:i])
			s = s[i+1:]
			if !strings.HasPrefix(s, `"`) {
				break
			}
			b.WriteByte('"')
			s = s[1:]
		}
		if !strings.HasPrefix(s, `|"`) {
			break
		}
		b.WriteByte('|')
		s = s[1:]
	}
	if i := strings.IndexByte(s, ','); i >= 0 {
		// Anything between the closing quote and the comma is kept, as written.
		b.WriteString(s[:i])
		return b.String(), s[i+1:]
	}
	b.WriteString(s)
	return b.String(), ""
}

// mgCode reports whether s is shaped like a Magento attribute code: letters, digits
// and underscores, starting with a letter.
func mgCode(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// magentoCategory returns the product's category among a categories value's paths,
// "Default Category/Garden,Default Category/Garden/Hoses & Reels": the one with the
// most levels, the first of equals, without its first segment (the root category,
// which every path of a store starts with), "/" read as " > ". A comma inside a
// category's name is not escaped by the export, which joins paths with a bare comma:
// a piece that starts with a space ("Default Category/Compost, Feed & Weedkiller/…")
// or has no "/" is the rest of the path before it.
func magentoCategory(s string) string {
	var paths []string
	for _, piece := range strings.Split(s, ",") {
		if n := len(paths); n > 0 && (!strings.Contains(piece, "/") || strings.HasPrefix(piece, " ")) {
			paths[n-1] += "," + piece
			continue
		}
		paths = append(paths, piece)
	}
	best, depth := "", 0
	for _, path := range paths {
		var segs []string
		for _, seg := range strings.Split(path, "/") {
			if seg = strings.TrimSpace(seg); seg != "" {
				segs = append(segs, seg)
			}
		}
		if len(segs) > 1 && len(segs)-1 > depth {
			best, depth = strings.Join(segs[1:], " > "), len(segs)-1
		}
	}
	return best
}

// magentoDate reads a date as Magento's export writes it, in the short date format of
// the admin's locale: "3/15/25" (en_US, Magento's default: month first, two-digit
// year), "15/03/2025" (en_GB and most of Europe: day first, four-digit year),
// "15.03.25" (de_DE), or "2025-03-15" (ISO, with a time or not); a time after the
// date ("3/15/25, 12:00 AM") is ignored. A reading whose month is over 12 is read the
// other way round. It returns the date as 2006-01-02.
func magentoDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ", T"); i > 0 {
		s = s[:i]
	}
	var parts []string
	dayFirst := true
	switch {
	case strings.Count(s, "-") == 2:
		ymd := strings.Split(s, "-")
		parts = []string{ymd[2], ymd[1], ymd[0]}
	case strings.Count(s, "/") == 2:
		parts = strings.Split(s, "/")
		dayFirst = len(parts[2]) == 4
	case strings.Count(s, ".") == 2:
		parts = strings.Split(strings.TrimSuffix(s, "."), ".")
	default:
		return "", false
	}
	n := make([]int, 3)
	for i, part := range parts {
		v, err := strconv.Atoi(part)
		if err != nil || v < 0 {
			return "", false
		}
		n[i] = v
	}
	day, month, year := n[0], n[1], n[2]
	if !dayFirst {
		day, month = month, day
	}
	if month > 12 && day <= 12 {
		day, month = month, day
	}
	if year < 100 {
		year += 2000
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || year > 9999 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day), true
}

// magentoProduct builds one product from rec, the row of a simple (virtual,
// downloadable) product, and, for a configurable's variant, v (its configurable's row
// and its option values).
func (p *parser) magentoProduct(rec mgRow, v *mgVariant) error {
	at, own := rec.at, rec.get
	par := func(string) string { return "" }
	if v != nil {
		par = v.parent.get
	}
	// inherited is the row's value, else its configurable's.
	inherited := func(col string) string { return cmp.Or(own(col), par(col)) }
	currency, ok := p.shopCurrency(at, own, "price", "price", "Magento")
	if !ok {
		return nil
	}
	attrs, pattrs := magentoAttributes(own("additional_attributes")), magentoAttributes(par("additional_attributes"))
	enabled := own("product_online") != "2" && par("product_online") != "2"
	visible := !strings.EqualFold(own("visibility"), mgNotVisible)
	if v != nil {
		visible = !strings.EqualFold(par("visibility"), mgNotVisible)
	}
	var warnings []string
	sale, from, to := own("special_price"), own("special_price_from_date"), own("special_price_to_date")
	if strings.Trim(sale, "0.,") == "" {
		sale = ""
	}
	for _, d := range []struct {
		col string
		val *string
	}{{"special_price_from_date", &from}, {"special_price_to_date", &to}} {
		if *d.val == "" || sale == "" {
			continue
		}
		iso, ok := magentoDate(*d.val)
		if !ok {
			warnings = append(warnings, fmt.Sprintf("%s %s is not a date as Magento writes one (3/15/25, 15/03/2025 or 2025-03-15), so special_price %s was not read: the product is sold at its price", d.col, q(*d.val), q(sale)))
			sale = ""
			break
		}
		*d.val = iso
	}
	managed := own("manage_stock") != "0" || own("use_config_manage_stock") == "1"
	r := row(func(col string) string {
		switch col {
		case "item_id":
			return own("sku")
		case "item_group_id":
			if v != nil {
				return par("sku")
			}
			return ""
		case "title":
			name, pname := own("name"), par("name")
			// A variant named as its configurable, or as Magento's configurable
			// wizard names it ("Terracotta Pot-Terracotta-30 cm"), is named as the
			// other shop exports' variants are: "Terracotta Pot - Terracotta / 30 cm".
			if v != nil && len(v.values) > 0 && (name == "" || strings.EqualFold(name, pname) ||
				strings.EqualFold(name, pname+"-"+strings.Join(v.values, "-"))) {
				return cmp.Or(pname, name) + " - " + strings.Join(v.values, " / ")
			}
			return name
		case "description":
			return cmp.Or(own("description"), own("short_description"), par("description"), par("short_description"))
		case "url":
			key := own("url_key")
			if v != nil {
				key = par("url_key")
			}
			if key == "" || strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://") {
				return key
			}
			return "/" + key + ".html" // a path on the shop: see Options.ShopURL
		case "image_link":
			img := inherited("base_image")
			if img == "" || strings.HasPrefix(img, "http://") || strings.HasPrefix(img, "https://") {
				return img
			}
			return "/media/catalog/product/" + strings.TrimPrefix(img, "/")
		case "price":
			return own("price")
		case "sale_price":
			return sale
		case "sale_from_date":
			return from
		case "sale_end_date":
			return to
		case "currency":
			return currency
		case "availability":
			switch {
			case !enabled:
				return string(catalog.Discontinued)
			case own("is_in_stock") == "0":
				return string(catalog.OutOfStock)
			case !managed:
				return string(catalog.InStock)
			case own("is_in_stock") == "1":
				if n, err := parseCount("qty", own("qty")); err == nil && n <= 0 && own("allow_backorders") != "" && own("allow_backorders") != "0" {
					return string(catalog.Backorder)
				}
				return string(catalog.InStock)
			}
			return ""
		case "inventory_quantity":
			if managed {
				return own("qty")
			}
			return ""
		case "is_eligible_search":
			if !enabled || !visible {
				return "false"
			}
			return ""
		case "brand":
			return cmp.Or(attrs["brand"], attrs["manufacturer"], pattrs["brand"], pattrs["manufacturer"])
		case "category":
			return magentoCategory(inherited("categories"))
		case "gtin":
			return cmp.Or(attrs["ean"], attrs["gtin"], attrs["upc"], attrs["barcode"])
		case "mpn":
			return cmp.Or(attrs["mpn"], attrs["manufacturer_part_number"])
		case "color", "size", "gender", "age_group", "condition", "material", "pattern":
			if v != nil {
				if o := optionAttr(col, v.names, v.values); o != "" {
					return o
				}
			}
			if col == "color" {
				return cmp.Or(attrs["color"], attrs["colour"])
			}
			if o := attrs[col]; o != "" || col == "size" {
				return o
			}
			return pattrs[col]
		}
		return ""
	})
	product, _, err := flatProduct(r, p.start, "")
	if err != nil {
		p.reject(at, "%s", err)
		return nil
	}
	if err := p.finish(at, "", "", product); err != nil {
		return err
	}
	for _, w := range warnings {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true, Reason: w})
	}
	return nil
}
