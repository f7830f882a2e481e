package feed

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// How a flat row is read (header names and JSON keys are trimmed, lower-cased, with
// spaces and hyphens as underscores; unknown columns are ignored; empty means absent):
//
//   - item_id, title and a price are required.
//   - title, description, brand and the category lose HTML markup and have their
//     character references decoded (see displayText).
//   - price is "29.99 USD", "USD 29.99" or "29.99USD"; a bare "29.99" takes the
//     currency column. Without price, price_amount (or amount) in major units plus
//     currency is used. A currency column that contradicts price rejects the row.
//   - sale_price: see applySale.
//   - inventory_quantity is a whole number; below zero counts as 0.
//   - product_review_rating is 0–5; product_review_count a whole number ≥ 0.
//   - is_eligible_search (or enable_search) false, no or 0 hides the product.
//   - The category is the first of product_category, category,
//     google_product_category, product_type that is not a bare taxonomy number, or
//     a later one of them whose path goes on from it (a finer path of the same
//     category). A product_type after a google_product_category taken is the
//     seller's own type: on another branch than Google's path, the deeper of the two
//     is the category (the seller's when as deep) and the other becomes a tag, so
//     that its words stay searchable.
//   - condition, color, size, material, gender, age_group, pattern and mpn go to
//     Attributes under their own names.
//   - billing_interval (day, week, month or year; also daily, weekly, monthly, yearly)
//     makes the product a subscription that bills its price every
//     billing_interval_count intervals (default 1; at most a year apart), after a free
//     trial of trial_days days (default 0, at most 730). billing_interval_count or
//     trial_days without billing_interval rejects the row.
//   - A value that is present but unreadable rejects the row, naming the column.
//   - seller_url, is_eligible_checkout/enable_checkout and the other policy columns
//     are not stored.
//
// Where a field has several names, the first non-empty one in the list wins, so
// current names take precedence over legacy ones.
var (
	//
	// The names after the feed's own are those of Amazon's flat file (item_sku,
	// item_name, standard_price, quantity, main_image_url, product_description,
	// brand_name, parent_sku, color_name, size_name) and Etsy's listings CSV (sku,
	// quantity, image1, currency_code). The last names of each list are those of a plain
	// spreadsheet of products (name, product_id, image, stock, manufacturer, ean…),
	// read only when the earlier names are absent or empty.
	colID         = []string{"item_id", "id", "item_sku", "sku", "product_id"}
	colGroup      = []string{"item_group_id", "parent_sku"}
	colTitle      = []string{"title", "item_name", "name", "product_name", "product_title"}
	colDesc       = []string{"description", "product_description", "long_description", "short_description"}
	colURL        = []string{"url", "link", "product_url", "permalink"}
	colImage      = []string{"image_url", "image_link", "main_image_url", "image1", "image", "image_src", "main_image", "picture", "photo", "images", "thumbnail"}
	colPrice      = []string{"price", "standard_price", "regular_price", "retail_price", "unit_price"}
	colAmount     = []string{"price_amount", "amount"}
	colCurrency   = []string{"currency", "price_currency", "currency_code"}
	colSale       = []string{"sale_price"}
	colSaleWindow = []string{"sale_price_effective_date"}
	colAvail      = []string{"availability"}
	colStock      = []string{"inventory_quantity", "quantity", "stock", "stock_quantity", "inventory", "qty"}
	colBrand      = []string{"brand", "brand_name", "manufacturer"}
	// A category that is only digits (a taxonomy id rather than a path) is skipped.
	colCategory    = []string{"product_category", "category", "google_product_category", "product_type", "categories", "department"}
	colRating      = []string{"product_review_rating", "rating", "average_rating"}
	colReviewCount = []string{"product_review_count", "review_count", "reviews_count", "rating_count"}
	colSeller      = []string{"seller_name"}
	colGTIN        = []string{"gtin", "ean", "upc", "barcode"}
	colSearch      = []string{"is_eligible_search", "enable_search"}
	colInterval    = []string{"billing_interval"}
	colEvery       = []string{"billing_interval_count"}
	colTrial       = []string{"trial_days", "trial_period_days"}
	// colTags are a row's search words, comma-separated (Etsy's TAGS, a
	// spreadsheet's tags column; a JSON row's list of them).
	colTags = []string{"tags"}
	// attrColumns are copied into Product.Attributes under the same name;
	// attrAliases are read into the attribute they name when it has no value.
	attrColumns = []string{"condition", "color", "size", "material", "gender", "age_group", "pattern", "mpn", "voltage",
		catalog.AttrChoices, catalog.AttrPersonalization, catalog.AttrPersonalizationMax,
		catalog.AttrUnitMeasure, catalog.AttrUnitBase}
	attrAliases = []struct{ alias, attr string }{{"color_name", "color"}, {"size_name", "size"},
		{"colour", "color"}, {"model_number", "mpn"}, {"part_number", "mpn"}, {"materials", "material"},
		{"personalisation", catalog.AttrPersonalization}, {"personalisation_max_length", catalog.AttrPersonalizationMax}}
	// colParentChild marks an Amazon flat file's parent rows ("parent"), which hold
	// no offer: their children are the products, and take from the parent row what
	// they leave empty (parentGroups).
	colParentChild = []string{"parent_child"}
	// The rest of Amazon's flat file: a sale's first and last day in columns of their
	// own, the key product features (bullet points: most of what a listing says), the
	// search terms (words separated by spaces), the product id with its type (a UPC or
	// EAN is the GTIN; an ASIN is not), and update_delete, whose Delete withdraws the
	// SKU.
	colSaleFrom     = []string{"sale_from_date", "sale_start_date"}
	colSaleEnd      = []string{"sale_end_date"}
	colBullets      = []string{"bullet_point1", "bullet_point2", "bullet_point3", "bullet_point4", "bullet_point5"}
	colKeywords     = []string{"generic_keywords"}
	colProductID    = []string{"external_product_id"}
	colProductIDTyp = []string{"external_product_id_type"}
	colUpdateDelete = []string{"update_delete"}
	// colPackCount are how many units one purchase brings (Amazon's package quantity,
	// else its number of items): the attribute pack ("pack of 100") when above one, so
	// that variants sold by the box say which box they are.
	colPackCount = []string{"item_package_quantity", "number_of_items"}
	// colItemType is Amazon's item type keyword ("power-drills"), the only word of a
	// flat file on what the product is: the category ("Power Drills") of a row that
	// has no category column.
	colItemType = []string{"item_type_keyword"}
	// colUnitCount and colUnitCountType are Amazon's unit count ("1000") and its unit
	// ("Count", "Ounce", "Fl Oz"): together, the unit_pricing_measure of a row that
	// has none ("1000 Count"), which a unit price is shown from (catalog.UnitPrice);
	// one without the other is not read.
	colUnitCount     = []string{"unit_count"}
	colUnitCountType = []string{"unit_count_type"}
)

// flatColumns lists every column a flat row is read from.
var flatColumns = [][]string{colID, colGroup, colTitle, colDesc, colURL, colImage, colPrice,
	colAmount, colCurrency, colSale, colSaleWindow, colAvail, colStock, colBrand, colCategory,
	colRating, colReviewCount, colSeller, colGTIN, colSearch, colInterval, colEvery, colTrial, colTags, attrColumns,
	{"color_name", "size_name", "colour", "model_number", "part_number", "materials", "personalisation",
		"personalisation_max_length"}, colParentChild,
	colSaleFrom, colSaleEnd, colBullets, colKeywords, colProductID, colProductIDTyp, colUpdateDelete, colPackCount, colItemType,
	colUnitCount, colUnitCountType}

// listPriceAttr is the attribute that keeps the regular price of a product on sale,
// formatted for people ("$39.99").
const listPriceAttr = "list_price"

// row gives a flat record's value for a canonical column name; "" when absent.
type row func(col string) string

// first returns the first non-empty value among cols and the column it came from
// (the first of cols when none has a value).
func (r row) first(cols []string) (val, col string) {
	for _, c := range cols {
		if v := strings.TrimSpace(r(c)); v != "" {
			return v, c
		}
	}
	return "", cols[0]
}

func (r row) get(cols []string) string {
	v, _ := r.first(cols)
	return v
}

// columnKey is the canonical form of a header or JSON key: trimmed, lower case,
// spaces and hyphens as underscores ("Item ID" → "item_id").
func columnKey(s string) string {
	if canonicalKey(s) {
		return s
	}
	s = strings.ToLower(strings.TrimSpace(s))
	return keySeparators.Replace(s)
}

// canonicalKey reports whether s is already what columnKey makes of it: lower-case
// ASCII letters, digits and underscores.
func canonicalKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

var keySeparators = strings.NewReplacer(" ", "_", "-", "_")

// flatProduct builds a product from a flat row. It returns the row's seller name
// separately; a rowError explains why the row cannot be used.
func flatProduct(r row, now time.Time, currency string) (p catalog.Product, sellerName string, err error) {
	if p.ID = r.get(colID); p.ID == "" {
		return p, "", bad("item_id is missing: every product needs an id (a column item_id, id, sku, item_sku or product_id; in an Etsy export, the listing's SKU)")
	}
	if p.Title = displayText(r.get(colTitle)); p.Title == "" {
		return p, "", bad("title is missing")
	}
	if p.Price, err = flatPrice(r, currency); err != nil {
		return p, "", err
	}
	p.Attributes = map[string]string{}
	if err = applySale(r, &p, now); err != nil {
		return p, "", err
	}
	p.GroupID = r.get(colGroup)
	p.Description = withBullets(displayText(r.get(colDesc)), r)
	p.URL = r.get(colURL)
	p.ImageURL = r.get(colImage)
	p.Brand = displayText(r.get(colBrand))
	// A spreadsheet keeps a long number as text behind an apostrophe ('0012345678905).
	p.GTIN = strings.TrimPrefix(r.get(colGTIN), "'")
	if p.GTIN == "" {
		p.GTIN = productIDGTIN(r)
	}
	p.Availability = catalog.Availability(r.get(colAvail))
	catCol := ""
	for _, c := range colCategory {
		if v := r.get([]string{c}); v != "" && strings.Trim(v, "0123456789") != "" {
			v = displayText(v)
			switch {
			case p.Category == "" || extendsPath(v, p.Category):
				// A later column's path that goes on from the one taken is the same
				// category, finer: a Merchant feed's google_product_category "Hardware >
				// Tools" with its product_type "Hardware > Tools > Drills".
				p.Category, catCol = v, c
			case c == "product_type" && catCol == "google_product_category" && !samePath(v, p.Category) && !extendsPath(p.Category, v):
				// The seller's own type on another branch than Google's category is
				// the seller's category ("Hardware > Tool Storage", "Garden > Outdoor
				// Power Equipment" under "Hardware > Tools") unless Google's path is
				// deeper; the other path stays searchable as a tag.
				if len(pathSegments(v)) >= len(pathSegments(p.Category)) {
					v, p.Category, catCol = p.Category, v, c
				}
				p.Tags = append(p.Tags, v)
			}
		}
	}
	if v := r.get(colItemType); p.Category == "" && strings.Trim(v, "0123456789") != "" {
		p.Category = keywordCategory(displayText(v))
	}
	p.Tags = appendTags(p.Tags, displayText(r.get(colTags)))
	if v := displayText(r.get(colKeywords)); v != "" {
		p.Tags = append(p.Tags, v)
	}
	if v, col := r.first(colStock); v != "" {
		n, err := parseCount(col, v)
		a, said := catalog.ParseAvailability(v)
		switch {
		case err != nil && said && p.Availability == "":
			// A spreadsheet's stock column that says "In stock" or "Sold out" rather
			// than a count says the availability.
			p.Availability = a
		case err != nil:
			return p, "", err
		default:
			n = max(n, 0) // oversold stock is reported as negative by some shops
			p.Stock = &n
			// A feed that counts stock but has no availability column (Etsy,
			// Amazon's flat file) says by its count whether the product can be bought.
			if p.Availability == "" {
				p.Availability = catalog.InStock
				if n == 0 {
					p.Availability = catalog.OutOfStock
				}
			}
		}
	}
	if v, col := r.first(colRating); v != "" {
		if p.Rating, err = parseRating(col, v); err != nil {
			return p, "", err
		}
	}
	if v, col := r.first(colReviewCount); v != "" {
		if p.ReviewCount, err = parseCount(col, v); err != nil {
			return p, "", err
		}
		if p.ReviewCount < 0 {
			return p, "", bad("%s %s must not be negative", col, q(v))
		}
	}
	if v, col := r.first(colSearch); v != "" {
		ok, err := parseBool(col, v)
		if err != nil {
			return p, "", err
		}
		p.Hidden = !ok
	}
	if p.Billing, err = flatBilling(r); err != nil {
		return p, "", err
	}
	for _, c := range attrColumns {
		if v := r.get([]string{c}); v != "" {
			p.Attributes[c] = v
		}
	}
	for _, a := range attrAliases {
		if v := r.get([]string{a.alias}); v != "" && p.Attributes[a.attr] == "" {
			p.Attributes[a.attr] = v
		}
	}
	if v := r.get(colPackCount); v != "" && p.Attributes["pack"] == "" {
		if n, err := strconv.Atoi(v); err == nil && n > 1 {
			p.Attributes["pack"] = "pack of " + strconv.Itoa(n)
		}
	}
	if n, unit := r.get(colUnitCount), r.get(colUnitCountType); n != "" && unit != "" && p.Attributes[catalog.AttrUnitMeasure] == "" {
		p.Attributes[catalog.AttrUnitMeasure] = n + " " + unit
	}
	declaredChoices(r, p.Attributes)
	listingVariations(r, p.Attributes)
	return p, r.get(colSeller), nil
}

// listingVariations puts the variations of an Etsy listing (VARIATION 1 NAME "Ring
// size", VARIATION 1 VALUES "5,5.5,6"; a second one likewise) in attrs, each under its
// name as a shop's option is named (optionKey: "ring_size", "metal", "color"), its
// values comma-separated ("5, 5.5, 6"), unless a column gave that attribute already.
// The export has one row per listing, with neither a price nor a quantity per value,
// so the values are what the listing is offered in, not products of their own; a
// colour or size among them lets a query's colour or size words find the listing.
// Each is also one of the listing's choices (catalog.AttrChoices), unless a choices
// column named them: the person chooses a value of each when buying.
func listingVariations(r row, attrs map[string]string) {
	declared := attrs[catalog.AttrChoices] != ""
	var chosen []string
	for _, n := range []string{"1", "2"} {
		name, values := r.get([]string{"variation_" + n + "_name"}), r.get([]string{"variation_" + n + "_values"})
		k := optionKey(displayText(name))
		if k == "" || values == "" || attrs[k] != "" {
			continue
		}
		var vs []string
		for v := range strings.SplitSeq(displayText(values), ",") {
			if v = strings.TrimSpace(v); v != "" {
				vs = append(vs, v)
			}
		}
		if len(vs) > 0 {
			attrs[k] = catalog.JoinOptionValues(vs)
			chosen = append(chosen, k)
		}
	}
	if !declared && len(chosen) > 0 {
		attrs[catalog.AttrChoices] = strings.Join(chosen, ", ")
	}
}

// declaredChoices reads the column of each option a choices column names ("ring_size,
// metal": the columns ring_size and metal list the values offered), as the attribute
// of that name, and writes the choices with those names: the person chooses a value of
// each when buying (catalog.AttrChoices). A named option without a column of values
// stays out of the choices.
func declaredChoices(r row, attrs map[string]string) {
	decl := attrs[catalog.AttrChoices]
	if decl == "" {
		return
	}
	var names []string
	for n := range strings.SplitSeq(decl, ",") {
		k := optionKey(displayText(n))
		if k == "" || k == catalog.AttrChoices || slices.Contains(names, k) {
			continue
		}
		if attrs[k] == "" {
			attrs[k] = displayText(r.get([]string{k}))
		}
		if attrs[k] == "" {
			delete(attrs, k)
			continue
		}
		names = append(names, k)
	}
	if len(names) == 0 {
		delete(attrs, catalog.AttrChoices)
		return
	}
	attrs[catalog.AttrChoices] = strings.Join(names, ", ")
}

// flatBilling reads a subscription's terms; nil for a product bought once.
func flatBilling(r row) (*catalog.Billing, error) {
	iv, icol := r.first(colInterval)
	every, ecol := r.first(colEvery)
	trial, tcol := r.first(colTrial)
	if iv == "" {
		switch {
		case every != "":
			return nil, bad("%s %s needs a %s column", ecol, q(every), icol)
		case trial != "":
			return nil, bad("%s %s needs a %s column", tcol, q(trial), icol)
		}
		return nil, nil
	}
	interval, ok := catalog.ParseInterval(iv)
	if !ok {
		return nil, bad("%s %s is not day, week, month or year", icol, q(iv))
	}
	b := &catalog.Billing{Interval: interval, Every: 1}
	if every != "" {
		n, err := parseCount(ecol, every)
		if err != nil {
			return nil, err
		}
		b.Every = int(min(max(n, -1), 1000))
	}
	if trial != "" {
		n, err := parseCount(tcol, trial)
		if err != nil {
			return nil, err
		}
		b.TrialDays = int(min(max(n, -1), 100000))
	}
	var fe *catalog.FieldError
	if err := b.Normalize(); errors.As(err, &fe) {
		col := ecol
		if fe.Field == "trial_days" {
			col = tcol
		}
		return nil, bad("%s must be between %d and %d", col, int(fe.Min), int(fe.Max))
	} else if err != nil {
		return nil, err
	}
	return b, nil
}

// flatPrice reads the price column ("29.99 USD"), or price_amount/amount in major
// units with a currency column. A currency column also supplies the currency of a
// bare "29.99" (or "$29.99") in price, and must agree with one written in it; without
// one, fallback (--currency) does, when it is set.
func flatPrice(r row, fallback string) (money.Money, error) {
	cur, _ := r.first(colCurrency)
	raw, col := r.first(colPrice)
	if raw == "" {
		if raw, col = r.first(colAmount); raw == "" {
			return money.Money{}, bad("price is missing: give the row one (29.99 USD, or 29.99 with --currency)")
		}
		if cur == "" && fallback == "" {
			return money.Money{}, bad("%s %s needs a currency column (or --currency)", col, q(raw))
		}
	}
	m, err := parsePrice(col, raw, cmp.Or(cur, fallback))
	if err != nil {
		return m, err
	}
	if cur != "" && !strings.EqualFold(strings.TrimSpace(cur), m.Currency) {
		return m, bad("%s %s is in %s but the currency column says %s", col, q(raw), m.Currency, q(cur))
	}
	return m, nil
}

// applySale makes a valid sale_price the product's price when it is lower than the
// regular price, in the same currency, and its sale_price_effective_date window (if
// any) contains now; the regular price is then kept in Attributes["list_price"].
// Otherwise the sale price is ignored. An unreadable sale price or window rejects
// the row.
func applySale(r row, p *catalog.Product, now time.Time) error {
	raw, col := r.first(colSale)
	if raw == "" {
		return nil
	}
	sale, err := parsePrice(col, raw, p.Price.Currency)
	if err != nil {
		return err
	}
	active := true
	if w, wcol := r.first(colSaleWindow); w != "" {
		if active, err = inWindow(wcol, w, now); err != nil {
			return err
		}
	} else if active, err = saleDays(r, now); err != nil {
		return err
	}
	if active && sale.Currency == p.Price.Currency && sale.Amount < p.Price.Amount {
		p.Attributes[listPriceAttr] = p.Price.String()
		p.Price = sale
	}
	return nil
}

// saleDays reports whether a sale is on at now by the first and last day of an Amazon
// flat file's sale_from_date and sale_end_date (either may be absent: open), the last
// day included when written without a time.
func saleDays(r row, now time.Time) (bool, error) {
	from, fcol := r.first(colSaleFrom)
	end, ecol := r.first(colSaleEnd)
	if from != "" {
		t, _, err := parseDate(from)
		if err != nil {
			return false, bad(`%s %s is not a date like "2026-11-20"`, fcol, q(from))
		}
		if now.Before(t) {
			return false, nil
		}
	}
	if end != "" {
		t, dateOnly, err := parseDate(end)
		if err != nil {
			return false, bad(`%s %s is not a date like "2026-12-31"`, ecol, q(end))
		}
		if dateOnly {
			t = t.AddDate(0, 0, 1)
		}
		if !now.Before(t) {
			return false, nil
		}
	}
	return true, nil
}

// keywordCategory is a category named by a keyword written as a slug: "power-drills"
// and "power_drills" are "Power Drills"; a keyword with spaces or capitals is kept as
// written.
func keywordCategory(k string) string {
	if strings.ContainsAny(k, " ABCDEFGHIJKLMNOPQRSTUVWXYZ>") {
		return k
	}
	words := strings.FieldsFunc(k, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// withBullets is a description followed by the key product features of an Amazon flat
// file (bullet_point1…5), each ending a sentence: a listing's features are most of what
// it says about itself, and its product_description is often empty.
func withBullets(desc string, r row) string {
	var b strings.Builder
	b.WriteString(desc)
	for _, c := range colBullets {
		v := displayText(r.get([]string{c}))
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			if !strings.ContainsRune(".!?。", lastRune(b.String())) {
				b.WriteByte('.')
			}
			b.WriteByte(' ')
		}
		b.WriteString(v)
	}
	return b.String()
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// productIDGTIN is the GTIN an Amazon flat file gives as its product id: the
// external_product_id of type UPC, EAN, GTIN, ISBN or JAN, or of no type when it is
// 8 to 14 digits; "" for an ASIN or anything else.
func productIDGTIN(r row) string {
	id := strings.TrimPrefix(r.get(colProductID), "'")
	switch strings.ToUpper(r.get(colProductIDTyp)) {
	case "UPC", "EAN", "GTIN", "ISBN", "JAN":
		return id
	case "":
		if len(id) >= 8 && len(id) <= 14 && strings.Trim(id, "0123456789") == "" {
			return id
		}
	}
	return ""
}

// flatRow builds and finishes one flat record. keep returns a copy of r to hold past
// the call (r reads a record its reader reuses).
func (p *parser) flatRow(at lines, r row, keep func() row) error {
	if strings.EqualFold(r.get(colParentChild), "parent") {
		p.keepParent(r)
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Skipped: true, Reason: "a parent row (its child rows are the products)"})
		return nil
	}
	if i, ok := p.flatWaitingIDs[r.get(colID)]; ok {
		p.flatWaiting[i].dropped = true // a later row with its id wins, as it would have
		delete(p.flatWaitingIDs, r.get(colID))
	}
	if p.waitsForParent(r) {
		if keep != nil {
			r = keep()
		}
		if p.flatWaitingIDs == nil {
			p.flatWaitingIDs = map[string]int{}
		}
		p.flatWaitingIDs[r.get(colID)] = len(p.flatWaiting)
		p.flatWaiting = append(p.flatWaiting, waitingChild{at: at, r: r})
		return nil
	}
	return p.flatChild(at, p.withParent(r))
}

// flatChild builds and finishes a flat record that is no parent row, r with what its
// parent row gives it.
func (p *parser) flatChild(at lines, r row) error {
	if strings.EqualFold(r.get(colUpdateDelete), "delete") {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Skipped: true,
			Reason: "update_delete says Delete (the SKU is withdrawn), so it is not imported; a product the catalog already holds with its id is left as it was (import it with quantity 0 to stop its sale)"})
		return nil
	}
	prod, sellerName, err := flatProduct(r, p.start, p.opt.Currency)
	if err != nil {
		p.reject(at, "%s", err)
		return nil
	}
	return p.finish(at, "", sellerName, prod)
}

// maxWaitingChildren bounds how many child rows wait for a parent row that comes
// after them (waitsForParent): past it, a child row is finished without its parent's
// fields, as the file's order gives them.
const maxWaitingChildren = 50000

// waitingChild is a child row of an Amazon flat file held until the end of the file
// for its parent row (waitsForParent); dropped when a later row has its id.
type waitingChild struct {
	at      lines
	r       row
	dropped bool
}

// waitsForParent reports whether r is a child row ("child" in parent_child) that
// leaves a group of parentGroups empty and whose parent_sku names a row not read yet:
// it is held (up to maxWaitingChildren) and finished at the end of the file
// (flatWaitingChildren), with its parent's fields when that row came after it.
func (p *parser) waitsForParent(r row) bool {
	if !strings.EqualFold(r.get(colParentChild), "child") || len(p.flatWaiting) >= maxWaitingChildren {
		return false
	}
	if g := r.get(colGroup); g == "" || p.flatParents[g] != nil {
		return false
	}
	for _, g := range parentGroups {
		if v, _ := r.first(g); v == "" {
			return true
		}
	}
	return false
}

// flatWaitingChildren finishes, in file order, the child rows held for a parent row
// that came after them (waitsForParent), each with what its parent row gives, if one
// came.
func (p *parser) flatWaitingChildren() error {
	for _, w := range p.flatWaiting {
		if w.dropped {
			continue
		}
		if err := p.flatChild(w.at, p.withParent(w.r)); err != nil {
			return err
		}
	}
	p.flatWaiting, p.flatWaitingIDs = nil, nil
	return nil
}

// parentGroups are the fields a child row of an Amazon flat file leaves to its parent
// row when it says none of a group: its brand, its description, its bullet points,
// its category (any category column or the item type keyword) and its search terms.
// A group is taken whole or not at all, so a child with bullets of its own gets none
// of its parent's.
var parentGroups = [][]string{colBrand, colDesc, colBullets, slices.Concat(colCategory, colItemType), colKeywords}

// keepParent keeps what a parent row says of parentGroups, under its id, for its
// children (withParent); a parent row with nothing to give is kept empty, so that its
// children do not wait for it (waitsForParent). A parent row without an id is not
// kept; a later parent row with the same id replaces an earlier one.
func (p *parser) keepParent(r row) {
	id := r.get(colID)
	if id == "" {
		return
	}
	kept := map[string]string{}
	for _, g := range parentGroups {
		for _, c := range g {
			if v := strings.TrimSpace(r(c)); v != "" {
				kept[c] = v
			}
		}
	}
	if p.flatParents == nil {
		p.flatParents = map[string]map[string]string{}
	}
	p.flatParents[id] = kept
}

// withParent returns r, a child row, reading each of parentGroups that it leaves
// empty from the parent row its parent_sku (or item_group_id) names, when that row
// has been read (before it, or before the end of the file for a child that waited for
// it: waitsForParent); r itself otherwise. A field the child gives is never replaced.
func (p *parser) withParent(r row) row {
	parent := p.flatParents[r.get(colGroup)]
	if parent == nil {
		return r
	}
	from := map[string]bool{}
	for _, g := range parentGroups {
		if v, _ := r.first(g); v == "" {
			for _, c := range g {
				from[c] = true
			}
		}
	}
	return func(col string) string {
		if from[col] {
			return parent[col]
		}
		return r(col)
	}
}

// extendsPath reports whether category path long goes on from path short: it has
// more segments ("A > B > C"), the first of which are short's, compared without case
// and surrounding space.
func extendsPath(long, short string) bool {
	l, s := pathSegments(long), pathSegments(short)
	return len(l) > len(s) && slices.Equal(l[:len(s)], s)
}

// samePath reports whether a and b are the same category path, case and spacing
// aside.
func samePath(a, b string) bool { return slices.Equal(pathSegments(a), pathSegments(b)) }

// pathSegments are the segments of a category path, trimmed and lower-cased.
func pathSegments(p string) []string {
	f := strings.Split(p, ">")
	for i := range f {
		f[i] = strings.ToLower(strings.TrimSpace(f[i]))
	}
	return f
}
