package feed

import (
	"cmp"
	"errors"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// A BigCommerce products export (the Bulk Edit template of its product
// Import/Export) is a CSV whose header has Item Type and Product Name. Its rows are
// of three kinds, told apart by Item Type:
//
//   - Product: a product's own fields: Product ID, Product Name, Product
//     Code/SKU, Brand Name, Product Description (HTML), Price, Retail Price, Sale
//     Price, Category, Product Visible?, Allow Purchases?, Track Inventory, Current
//     Stock Level, Product Image URL - 1 (else an http Product Image File - 1),
//     Product UPC/EAN (else GPS Global Trade Item Number), Product Condition,
//     Search Keywords, and the Google Shopping columns GPS Manufacturer Part
//     Number, GPS Gender, GPS Age Group, GPS Color, GPS Size, GPS Material and GPS
//     Pattern.
//   - SKU, under its product: one variant. Its Product Name holds the option
//     values ("[RB]Color=Red,[S]Size=Small"), its Product Code/SKU the variant's
//     SKU, its Current Stock Level the variant's stock, its Product UPC/EAN the
//     variant's barcode.
//   - Rule, under its product: a price rule. It applies to the variant whose SKU is
//     its Product Code/SKU, else to every variant whose options include all those in
//     its Product Name. Its Price is [ADD]n, [REMOVE]n or [FIXED]n; Allow Purchases?
//     N makes the variant unavailable; Product Image URL gives it an image. Rules
//     apply in their order until one says Stop Processing Rules Y.
//
// A product without SKU rows is one product (id = Product Code/SKU, else Product
// ID). A product with SKU rows is one product per SKU row (id = its Product
// Code/SKU, group = the product's code, else its id, title = Product Name followed by
// the option values), and its own row is skipped. A rule row that matches no variant
// (a modifier option's, such as gift wrap) is rejected: its adjustment is not read,
// and the product is imported at its price without it. A product's rows are read together, when the next
// product's row (or the end of the file) shows that they are all there.
//
// Prices are bare, so their currency comes from --currency (Options.Currency) as in
// the other shop exports. Sale Price, when above zero and lower, is the price and
// Price the list price; a higher Retail Price is the list price. Track Inventory
// "by option" takes the stock from the SKU rows, "by product" from the product's
// row; otherwise stock is not tracked and the product is in stock. Product Visible?
// N hides the product from search; Allow Purchases? N makes it unavailable.
// Category "Sale;Shoes/Running" gives its deepest path, the first of equals, "/"
// read as " > " (and "\/" as a slash). Weights, dimensions, shipping, tax, SEO and
// option-set columns are not read.
type bigCommerce struct {
	cols    columns
	product *bcRow  // the current product's row; nil before the first
	skus    []bcRow // its SKU rows
	rules   []bcRow // its rule rows
}

// bcRow is one buffered row of a BigCommerce export.
type bcRow struct {
	at     lines
	fields []string
}

// isBigCommerce reports whether a CSV header (canonical names) is a BigCommerce
// Bulk Edit export.
func isBigCommerce(cols map[string]int) bool {
	_, kind := cols["item_type"]
	_, name := cols["product_name"]
	return kind && name
}

// isBigCommerceModern reports whether a CSV header (canonical names) is an export of
// BigCommerce's modern Import/Export: an Item column (Product, Variant, Image,
// Video) beside Name and SKU or Options.
func isBigCommerceModern(cols map[string]int) bool {
	_, item := cols["item"]
	_, name := cols["name"]
	_, sku := cols["sku"]
	_, options := cols["options"]
	return item && name && (sku || options)
}

// errBigCommerceModern refuses the modern export: its variant rows carry their
// options in a formula that BigCommerce's public documentation does not spell out,
// so a variant's title, attributes and the rows it belongs to cannot be read with
// confidence, and a wrong reading would sell the wrong variant.
var errBigCommerceModern = errors.New("this is an export of BigCommerce's modern Import/Export (an Item column with Product and Variant rows), whose variant options import does not read; export the products with the Bulk Edit template of the legacy Import/Export (columns Item Type, Product Name, Product Code/SKU), which import reads, or convert the rows to the flat columns (id, title, price, availability, …)")

// bigCommerceRow takes one row of a BigCommerce export, reading the product before
// it when this row starts another (see bigCommerce).
func (p *parser) bigCommerceRow(at lines, b *bigCommerce, fields []string) error {
	kind := strings.ToLower(b.cols.field(fields, "item_type"))
	switch kind {
	case "product":
		if err := p.bigCommerceFlush(b); err != nil {
			return err
		}
		b.product = &bcRow{at, fields}
		return nil
	case "sku", "rule":
		if b.product == nil {
			p.reject(at, "a %s row before any Product row; it must follow the row of its product", b.cols.field(fields, "item_type"))
			return nil
		}
		if len(b.skus)+len(b.rules) >= maxBCRows {
			p.reject(at, "more than %d SKU and Rule rows follow one product (BigCommerce allows 600 variants); this row is not read", maxBCRows)
			return nil
		}
		if kind == "sku" {
			b.skus = append(b.skus, bcRow{at, fields})
		} else {
			b.rules = append(b.rules, bcRow{at, fields})
		}
		return nil
	}
	p.reject(at, "Item Type %s is not Product, SKU or Rule", q(b.cols.field(fields, "item_type")))
	return nil
}

// bigCommerceFlush reads the buffered product with its SKU and rule rows.
func (p *parser) bigCommerceFlush(b *bigCommerce) error {
	prodRow, skus, rules := b.product, b.skus, b.rules
	b.product, b.skus, b.rules = nil, nil, nil
	if prodRow == nil {
		return nil
	}
	prod := func(col string) string { return b.cols.field(prodRow.fields, col) }
	if len(skus) == 0 {
		for _, r := range rules {
			p.reject(r.at, "a price rule of a product without SKU rows (a modifier option's, such as gift wrap) is not read; the product is imported at its price without it")
		}
		return p.bigCommerceProduct(prodRow.at, b, prod, nil, nil)
	}
	p.report(RowError{File: p.name, Line: prodRow.at.first, EndLine: prodRow.at.last, Skipped: true,
		Reason: "a product with SKU rows (its SKUs are the products)"})
	used := make([]bool, len(rules))
	// Each rule row read once, not once for every SKU row.
	read := make([]bcRule, len(rules))
	for i, r := range rules {
		rule := func(col string) string { return b.cols.field(r.fields, col) }
		read[i] = bcRule{code: rule("product_code/sku"), stop: strings.EqualFold(rule("stop_processing_rules"), "y")}
		if read[i].code == "" {
			read[i].names, read[i].values = bcOptions(rule("product_name"))
		}
	}
	for _, s := range skus {
		v := &bcVariant{row: s, names: nil}
		own := func(col string) string { return b.cols.field(s.fields, col) }
		sku := own("product_code/sku")
		if sku == "" {
			p.reject(s.at, "a SKU row without a Product Code/SKU; each variant needs its own SKU")
			continue
		}
		v.names, v.values = bcOptions(own("product_name"))
		for i, r := range read {
			if !r.appliesTo(sku, v.names, v.values) {
				continue
			}
			used[i] = true
			v.rules = append(v.rules, rules[i])
			if r.stop {
				break
			}
		}
		if err := p.bigCommerceProduct(s.at, b, prod, own, v); err != nil {
			return err
		}
	}
	for i, r := range rules {
		if !used[i] {
			p.reject(r.at, "a price rule that matches no SKU row of its product (a modifier option's, such as gift wrap) is not read; the variants are imported at their prices without it")
		}
	}
	return nil
}

// bcVariant is a SKU row with its option values and the rules that apply to it.
type bcVariant struct {
	row           bcRow
	names, values []string // option names (canonical) and values, in order
	rules         []bcRow
}

// bcOptions reads a SKU or rule row's option values, "[RB]Color=Red,[S]Size=Small":
// each entry an option type in brackets, the option's name, "=" and the value.
func bcOptions(s string) (names, values []string) {
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if i := strings.IndexByte(part, ']'); strings.HasPrefix(part, "[") && i > 0 {
			part = part[i+1:]
		}
		name, value, ok := strings.Cut(part, "=")
		if !ok || strings.TrimSpace(value) == "" {
			continue
		}
		names, values = append(names, optionKey(name)), append(values, strings.TrimSpace(value))
	}
	return names, values
}

// maxBCRows bounds the SKU and Rule rows read for one product: every SKU row is
// matched against every rule row, and what the rows hold is kept until the next
// product's row, so without a bound the time grew with the square of a file's rows
// (one product row followed by 4,000 SKU and 4,000 Rule rows, 581 KiB: 80 s under
// load) and the memory with its size. BigCommerce allows 600 variants a product.
const maxBCRows = 2000

// bcRule is a rule row as bigCommerceFlush matches it: the SKU it names, else the
// options it names, and whether it stops the rules after it.
type bcRule struct {
	code          string
	names, values []string
	stop          bool
}

// appliesTo reports whether the rule applies to the variant with SKU sku and the
// given options: it names that SKU, or it names none and all of its options are
// the variant's.
func (r bcRule) appliesTo(sku string, names, values []string) bool {
	if r.code != "" {
		return r.code == sku
	}
	if len(r.names) == 0 {
		return false
	}
	for i, n := range r.names {
		if !strings.EqualFold(optionAttr(n, names, values), r.values[i]) {
			return false
		}
	}
	return true
}

// bigCommerceProduct builds one product from a product row (prod) and, for a
// variant, its SKU row (own) and rules.
func (p *parser) bigCommerceProduct(at lines, b *bigCommerce, prod, own func(string) string, v *bcVariant) error {
	if own == nil {
		own = func(string) string { return "" }
	}
	currency, ok := p.shopCurrency(at, prod, "price", "Price", "BigCommerce")
	if !ok {
		return nil
	}
	track := strings.ToLower(prod("track_inventory"))
	r := row(func(col string) string {
		switch col {
		case "item_id":
			if v != nil {
				return own("product_code/sku")
			}
			return cmp.Or(prod("product_code/sku"), prod("product_id"))
		case "item_group_id":
			if v != nil {
				return cmp.Or(prod("product_code/sku"), prod("product_id"))
			}
			return ""
		case "title":
			if v != nil && len(v.values) > 0 {
				return prod("product_name") + " - " + strings.Join(v.values, " / ")
			}
			return prod("product_name")
		case "description":
			return prod("product_description")
		case "url":
			return prod("product_url") // a path on the shop ("/lodge-skillet/"): see Options.ShopURL
		case "brand":
			return prod("brand_name")
		case "category":
			return bcCategory(prod("category"))
		case "image_link":
			if img := prod("product_image_url___1"); img != "" {
				return img
			}
			if f := prod("product_image_file___1"); strings.HasPrefix(f, "http://") || strings.HasPrefix(f, "https://") {
				return f
			}
			return ""
		case "price":
			return prod("price")
		case "sale_price":
			if s := prod("sale_price"); s != "" && strings.Trim(s, "0.,") != "" {
				return s
			}
			return ""
		case "currency":
			return currency
		case "gtin":
			if v != nil {
				return own("product_upc/ean") // the product's barcode is not each variant's
			}
			return cmp.Or(prod("product_upc/ean"), prod("gps_global_trade_item_number"))
		case "inventory_quantity":
			switch {
			case track == "by option" && v != nil:
				return own("current_stock_level")
			case track == "by product":
				return prod("current_stock_level")
			}
			return ""
		case "availability":
			if strings.EqualFold(prod("allow_purchases?"), "n") {
				return "out_of_stock"
			}
			if track != "by option" && track != "by product" {
				return string(catalog.InStock)
			}
			return ""
		case "is_eligible_search":
			if strings.EqualFold(prod("product_visible?"), "n") {
				return "false"
			}
			return ""
		case "condition":
			return prod("product_condition")
		case "mpn":
			return cmp.Or(own("manufacturer_part_number"), prod("gps_manufacturer_part_number"))
		case "gender", "age_group", "color", "size", "material", "pattern":
			if v != nil {
				if o := optionAttr(col, v.names, v.values); o != "" {
					return o
				}
			}
			return prod("gps_" + col)
		}
		return ""
	})
	product, _, err := flatProduct(r, p.start, "")
	if err == nil && v != nil {
		err = bcApplyRules(&product, b.cols, v.rules, prod("price"))
	}
	if err != nil {
		p.reject(at, "%s", err)
		return nil
	}
	if retail := prod("retail_price"); retail != "" && strings.Trim(retail, "0.,") != "" {
		m, err := parsePrice("Retail Price", retail, product.Price.Currency)
		if err != nil {
			p.reject(at, "%s", err)
			return nil
		}
		if m.Currency == product.Price.Currency && m.Amount > product.Price.Amount && product.Attributes[listPriceAttr] == "" {
			product.Attributes[listPriceAttr] = m.String()
		}
	}
	product.Tags = appendTags(product.Tags, prod("search_keywords"))
	return p.finish(at, "", "", product)
}

// bcApplyRules applies a variant's price rules, in order, to its price: [ADD]n and
// [REMOVE]n move the price (and the list price of a product on sale) by n, [FIXED]n
// sets it (and ends the sale). A rule's Allow Purchases? N makes the variant
// unavailable, and its Product Image URL is the variant's image.
func bcApplyRules(p *catalog.Product, cols columns, rules []bcRow, base string) error {
	onSale := p.Attributes[listPriceAttr] != ""
	var regular money.Money
	if onSale {
		var err error
		if regular, err = parsePrice("Price", base, p.Price.Currency); err != nil {
			return err
		}
	}
	for _, r := range rules {
		rule := func(col string) string { return cols.field(r.fields, col) }
		if strings.EqualFold(rule("allow_purchases?"), "n") {
			p.Availability = catalog.OutOfStock
		}
		if img := cmp.Or(rule("product_image_url"), rule("product_image_url___1")); img != "" {
			p.ImageURL = img
		}
		raw := rule("price")
		if raw == "" {
			continue
		}
		op, amount, ok := strings.Cut(strings.TrimPrefix(raw, "["), "]")
		if !strings.HasPrefix(raw, "[") || !ok {
			return bad("the price rule on line %d has Price %s, not [ADD], [REMOVE] or [FIXED] followed by an amount", r.at.first, q(raw))
		}
		n, err := money.ParseMajor(amount, p.Price.Currency)
		if err != nil {
			return bad("the price rule on line %d has Price %s, whose amount is not a price like 5.00", r.at.first, q(raw))
		}
		switch strings.ToUpper(op) {
		case "ADD":
			p.Price.Amount += n
			regular.Amount += n
		case "REMOVE":
			p.Price.Amount -= n
			regular.Amount -= n
		case "FIXED":
			p.Price.Amount = n
			onSale = false
			delete(p.Attributes, listPriceAttr)
		default:
			return bad("the price rule on line %d has Price %s; only [ADD], [REMOVE] and [FIXED] are read", r.at.first, q(raw))
		}
		if p.Price.Amount < 0 {
			return bad("the price rule on line %d (%s) leaves a negative price", r.at.first, q(raw))
		}
	}
	if onSale {
		p.Attributes[listPriceAttr] = regular.String()
	}
	return nil
}

// bcCategory returns the product's category among a BigCommerce Category value's
// paths: the one with the most levels, the first of equals ("Gift Ideas;Kitchen/
// Kettles;Sale" → "Kitchen > Kettles": the others are collections, not what the
// product is), "/" read as " > " and "\/" standing for a slash in a name.
func bcCategory(s string) string {
	const slash = "\x00"
	best, depth := "", 0
	for _, path := range strings.Split(strings.ReplaceAll(s, `\/`, slash), ";") {
		var parts []string
		for _, part := range strings.Split(path, "/") {
			if part = strings.TrimSpace(part); part != "" {
				parts = append(parts, strings.ReplaceAll(part, slash, "/"))
			}
		}
		if len(parts) > depth {
			best, depth = strings.Join(parts, " > "), len(parts)
		}
	}
	return best
}
