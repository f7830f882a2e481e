package feed

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// acpParent is what variants inherit from their product.
type acpParent struct {
	id, title, description, url, image, brand, seller string
	stock                                             *int64
}

// acpProduct reads one ACP product line, {id, title, description, url, media,
// variants: [...]}, and finishes each of its variants. Each variant becomes one
// catalog.Product:
//
//   - ID is the variant id, GroupID the product id.
//   - Title is the product title, joined with " - " to the variant title unless the
//     variant title already contains it (see joinTitle).
//   - Description, URL, brand, seller and inventory_quantity come from the variant,
//     or else from the product. Descriptions may be text or {plain|markdown|html}.
//   - Price is price.amount, an integer in minor units, with price.currency (a string
//     such as "29.99 USD" is accepted too). A list_price above the price is kept in
//     Attributes["list_price"].
//   - Availability is availability.status when recognised, else from
//     availability.available; available=false turns a missing, unknown or in-stock
//     status into out of stock.
//   - Category is the first categories[].value that is not only digits.
//   - GTIN is the first barcode whose type is a GTIN kind (gtin, gtin8/12/13/14, upc,
//     ean, jan, isbn) or, failing that, has no type.
//   - variant_options become Attributes (name in canonical column form → value);
//     condition becomes Attributes["condition"].
//   - ImageURL is the first image in the variant's media, else in the product's.
//
// brand and inventory_quantity are not in the ACP spec; they are read when present.
// seller.links is not stored. A bad variant is rejected on its own; a bad
// product-level value rejects the whole line.
func (p *parser) acpProduct(at lines, obj map[string]json.RawMessage) error {
	parent, variants, err := acpParentOf(obj)
	if err != nil {
		p.reject(at, "%s", err)
		return nil
	}
	for i, v := range variants {
		label := fmt.Sprintf("product %s variants[%d]", q(parent.id), i)
		if id, _ := text("id", v["id"]); strings.TrimSpace(id) != "" {
			label = fmt.Sprintf("product %s variant %s", q(parent.id), q(strings.TrimSpace(id)))
		}
		prod, seller, err := acpVariant(parent, v)
		if err != nil {
			p.reject(at, "%s: %s", label, err)
			continue
		}
		if err := p.finish(at, label+": ", seller, prod); err != nil {
			return err
		}
	}
	return nil
}

func acpParentOf(obj map[string]json.RawMessage) (par acpParent, variants []map[string]json.RawMessage, err error) {
	if par.id, err = text("id", obj["id"]); err != nil {
		return par, nil, err
	}
	if par.id = strings.TrimSpace(par.id); par.id == "" {
		return par, nil, bad("product id is missing")
	}
	prefix := func(err error) error { return bad("product %s: %s", q(par.id), err) }
	if par.title, err = text("title", obj["title"]); err != nil {
		return par, nil, prefix(err)
	}
	if par.description, err = richText("description", obj["description"]); err != nil {
		return par, nil, prefix(err)
	}
	if par.url, err = text("url", obj["url"]); err != nil {
		return par, nil, prefix(err)
	}
	if par.image, err = firstImage("media", obj["media"]); err != nil {
		return par, nil, prefix(err)
	}
	if par.brand, err = text("brand", obj["brand"], "name"); err != nil {
		return par, nil, prefix(err)
	}
	if par.seller, err = text("seller", obj["seller"], "name"); err != nil {
		return par, nil, prefix(err)
	}
	if par.stock, err = acpStock("inventory_quantity", obj["inventory_quantity"]); err != nil {
		return par, nil, prefix(err)
	}
	if variants, err = objects("variants", obj["variants"]); err != nil {
		return par, nil, prefix(err)
	}
	if len(variants) == 0 {
		return par, nil, bad("product %s has no variants", q(par.id))
	}
	return par, variants, nil
}

// acpVariant builds the product for one variant and returns its seller name.
func acpVariant(par acpParent, v map[string]json.RawMessage) (p catalog.Product, seller string, err error) {
	if p.ID, err = text("id", v["id"]); err != nil {
		return p, "", err
	}
	if p.ID = strings.TrimSpace(p.ID); p.ID == "" {
		return p, "", bad("id is missing")
	}
	p.GroupID = par.id
	vt, err := text("title", v["title"])
	if err != nil {
		return p, "", err
	}
	if p.Title = joinTitle(par.title, vt); p.Title == "" {
		return p, "", bad("title is missing")
	}
	if isNull(v["price"]) {
		return p, "", bad("price is missing")
	}
	if p.Price, err = acpPrice("price", v["price"]); err != nil {
		return p, "", err
	}
	p.Attributes = map[string]string{}
	if !isNull(v["list_price"]) {
		list, err := acpPrice("list_price", v["list_price"])
		if err != nil {
			return p, "", err
		}
		if list.Currency == p.Price.Currency && list.Amount > p.Price.Amount {
			p.Attributes[listPriceAttr] = list.String()
		}
	}
	if p.Availability, err = acpAvailability(v["availability"]); err != nil {
		return p, "", err
	}
	if p.Category, err = acpCategory(v["categories"]); err != nil {
		return p, "", err
	}
	if p.GTIN, err = acpGTIN(v["barcodes"]); err != nil {
		return p, "", err
	}
	if err = acpOptions(v["variant_options"], p.Attributes); err != nil {
		return p, "", err
	}
	cond, err := text("condition", v["condition"])
	if err != nil {
		return p, "", err
	}
	if cond = strings.TrimSpace(cond); cond != "" {
		p.Attributes["condition"] = cond
	}
	if p.Description, err = richText("description", v["description"]); err != nil {
		return p, "", err
	}
	if p.URL, err = text("url", v["url"]); err != nil {
		return p, "", err
	}
	if p.ImageURL, err = firstImage("media", v["media"]); err != nil {
		return p, "", err
	}
	if p.Brand, err = text("brand", v["brand"], "name"); err != nil {
		return p, "", err
	}
	if seller, err = text("seller", v["seller"], "name"); err != nil {
		return p, "", err
	}
	if p.Stock, err = acpStock("inventory_quantity", v["inventory_quantity"]); err != nil {
		return p, "", err
	}
	p.Description = orElse(p.Description, par.description)
	p.URL = orElse(p.URL, par.url)
	p.ImageURL = orElse(p.ImageURL, par.image)
	p.Brand = orElse(p.Brand, par.brand)
	seller = orElse(seller, par.seller)
	if p.Stock == nil {
		p.Stock = par.stock
	}
	return p, seller, nil
}

func orElse(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// joinTitle combines a product title and a variant title: "Lumen 2P Tent" and
// "Sand" give "Lumen 2P Tent - Sand"; a variant title that already contains the
// product title ("Lumen 2P Tent Olive") is used alone, as is either title when the
// other is empty or both are the same.
func joinTitle(product, variant string) string {
	product, variant = strings.TrimSpace(product), strings.TrimSpace(variant)
	switch {
	case variant == "" || strings.EqualFold(product, variant):
		return product
	case product == "" || strings.Contains(strings.ToLower(variant), strings.ToLower(product)):
		return variant
	}
	return product + " - " + variant
}

// acpPrice reads {amount: minor units, currency} or a string like "29.99 USD".
func acpPrice(name string, raw json.RawMessage) (money.Money, error) {
	if kind(raw) == "text" {
		s, err := text(name, raw)
		if err != nil {
			return money.Money{}, err
		}
		return parsePrice(name, s, "")
	}
	obj, err := object(name, raw)
	if err != nil {
		return money.Money{}, err
	}
	var m money.Money
	amount, err := text(name+".amount", obj["amount"])
	if err != nil {
		return m, err
	}
	if amount == "" {
		return m, bad("%s.amount is missing", name)
	}
	if m.Amount, err = strconv.ParseInt(strings.TrimSpace(amount), 10, 64); err != nil {
		return m, bad("%s.amount %s is not a whole number of minor units (2999 for 29.99)", name, q(amount))
	}
	cur, err := text(name+".currency", obj["currency"])
	if err != nil {
		return m, err
	}
	if m.Currency, err = money.NormalizeCurrency(cur); err != nil {
		return m, bad("%s.currency %s is not a three-letter code like USD", name, q(cur))
	}
	return m, nil
}

// acpAvailability reads {available, status} or a plain status string. It returns ""
// when nothing is said, leaving the choice to Normalize (from stock, or unknown).
func acpAvailability(raw json.RawMessage) (catalog.Availability, error) {
	if kind(raw) != "an object" {
		s, err := text("availability", raw)
		return catalog.Availability(strings.TrimSpace(s)), err
	}
	obj, _ := decodeObject(raw)
	status, err := text("availability.status", obj["status"])
	if err != nil {
		return "", err
	}
	var available *bool
	if r := obj["available"]; !isNull(r) {
		var b bool
		if err := json.Unmarshal(r, &b); err != nil {
			return "", bad("availability.available should be true or false, not %s", kind(r))
		}
		available = &b
	}
	a, ok := catalog.ParseAvailability(status)
	switch {
	case available != nil && !*available && (!ok || a == catalog.InStock || a == catalog.Unknown):
		return catalog.OutOfStock, nil
	case ok && a != catalog.Unknown:
		return a, nil
	case available != nil && *available:
		return catalog.InStock, nil
	}
	return catalog.Availability(strings.TrimSpace(status)), nil
}

func acpStock(name string, raw json.RawMessage) (*int64, error) {
	s, err := text(name, raw)
	if err != nil || strings.TrimSpace(s) == "" {
		return nil, err
	}
	n, err := parseCount(name, s)
	if err != nil {
		return nil, err
	}
	n = max(n, 0)
	return &n, nil
}

func acpCategory(raw json.RawMessage) (string, error) {
	cats, err := objects("categories", raw)
	if err != nil {
		return "", err
	}
	for i, c := range cats {
		v, err := text(fmt.Sprintf("categories[%d].value", i), c["value"])
		if err != nil {
			return "", err
		}
		if v = strings.TrimSpace(v); strings.Trim(v, "0123456789") != "" {
			return v, nil
		}
	}
	return "", nil
}

// gtinTypes are the barcode types taken as a GTIN (compared in lower case).
var gtinTypes = map[string]bool{
	"gtin": true, "gtin8": true, "gtin12": true, "gtin13": true, "gtin14": true,
	"upc": true, "upc_a": true, "ean": true, "ean13": true, "ean8": true, "jan": true, "isbn": true,
}

func acpGTIN(raw json.RawMessage) (string, error) {
	codes, err := objects("barcodes", raw)
	if err != nil {
		return "", err
	}
	untyped := ""
	for i, c := range codes {
		typ, err := text(fmt.Sprintf("barcodes[%d].type", i), c["type"])
		if err != nil {
			return "", err
		}
		val, err := text(fmt.Sprintf("barcodes[%d].value", i), c["value"])
		if err != nil {
			return "", err
		}
		if val = strings.TrimSpace(val); val == "" {
			continue
		}
		typ = barcodeTypeSeparators.Replace(strings.ToLower(strings.TrimSpace(typ)))
		if gtinTypes[typ] {
			return val, nil
		}
		if typ == "" && untyped == "" {
			untyped = val
		}
	}
	return untyped, nil
}

func acpOptions(raw json.RawMessage, attrs map[string]string) error {
	opts, err := objects("variant_options", raw)
	if err != nil {
		return err
	}
	for i, o := range opts {
		name, err := text(fmt.Sprintf("variant_options[%d].name", i), o["name"])
		if err != nil {
			return err
		}
		val, err := text(fmt.Sprintf("variant_options[%d].value", i), o["value"])
		if err != nil {
			return err
		}
		if k := optionKey(name); k != "" && strings.TrimSpace(val) != "" {
			attrs[k] = strings.TrimSpace(val)
		}
	}
	return nil
}

// firstImage returns the URL of the first media entry whose type is an image (type
// "image", "image/…", or no type at all).
func firstImage(name string, raw json.RawMessage) (string, error) {
	media, err := objects(name, raw)
	if err != nil {
		return "", err
	}
	for i, m := range media {
		typ, err := text(fmt.Sprintf("%s[%d].type", name, i), m["type"])
		if err != nil {
			return "", err
		}
		u, err := text(fmt.Sprintf("%s[%d].url", name, i), m["url"])
		if err != nil {
			return "", err
		}
		typ = strings.ToLower(strings.TrimSpace(typ))
		if u = strings.TrimSpace(u); u != "" && (typ == "" || typ == "image" || strings.HasPrefix(typ, "image/")) {
			return u, nil
		}
	}
	return "", nil
}

// barcodeTypeSeparators are dropped from a barcode type ("GTIN-13" → "gtin13").
var barcodeTypeSeparators = strings.NewReplacer("-", "", " ", "")
