package feed

import (
	"cmp"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// A WooCommerce products export is a CSV whose header has SKU, Name and Regular
// price. Each row is one product (Type simple, external or variation), except:
//
//   - A variable (or grouped) product's own row has no price: its variations are the
//     products. It is skipped (reported with Skipped set) and remembered, so that its
//     variations, whose Parent names it ("id:101" or its SKU), take from it the
//     Description, Short description, Categories, Images, Brands and Tags they leave empty,
//     and the parent's SKU (else the Parent value) as their group id.
//
// The id is SKU, else ID; the title Name; the description Description, else Short
// description. The price is Regular price, in the currency of Options.Currency
// (--currency), since WooCommerce writes bare prices; Sale price, when lower, is the
// price and Regular price the list price, unless a sale date is set (the window is
// not read, so such a sale is left out). Categories "A > B, C" gives its deepest path,
// the first of equals, leaving out WooCommerce's default Uncategorized (wooCategory);
// Brands its first entry, Tags every entry (a comma inside a term's name is written
// \,); Images the first; GTIN, UPC, EAN, or ISBN (WooCommerce 9.2 and later) the
// GTIN. Stock is the stock; without it, In stock? 1 or 0 gives the availability; In
// stock? backorder is backorder, whatever the stock. A row is rejected without
// Options.DefaultSeller (--seller): the export names no seller. Published other than
// 1, or Visibility in catalog hidden,
// on the row or on a variation's parent (a draft product's variations are not sold),
// hides the product from search. With Options.ShopURL a product links to its page
// there (wooLink). The description's line breaks, which WooCommerce
// writes as \n, are read back (wooNewlines). Attributes named like a product attribute (Color,
// Size, …) become that attribute.
var wooCarried = []string{"description", "short_description", "categories", "images", "brands", "tags"}

// isWooCommerce reports whether a CSV header (canonical names) is a WooCommerce export.
func isWooCommerce(cols map[string]int) bool {
	_, sku := cols["sku"]
	_, name := cols["name"]
	_, price := cols["regular_price"]
	return sku && name && price
}

// woo remembers a WooCommerce export's variable products for their variations.
type woo struct {
	cols    columns
	parents map[string][]string // a variable product's fields, by "id:<ID>" and by SKU
}

// wooRow reads one row of a WooCommerce products export (see wooCarried).
func (p *parser) wooRow(at lines, w *woo, fields []string) error {
	own := func(col string) string { return w.cols.field(fields, col) }
	kind := strings.ToLower(own("type"))
	if strings.Contains(kind, "variable") || strings.Contains(kind, "grouped") {
		if id := own("id"); id != "" {
			w.parents["id:"+id] = fields
		}
		if sku := own("sku"); sku != "" {
			w.parents[sku] = fields
		}
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Skipped: true, Reason: "a variable product's own row (its variations are the products)"})
		return nil
	}
	parentRef := own("parent")
	parent := w.parents[parentRef]
	// carried is this row's value, else its parent's (for the columns in wooCarried).
	carried := func(col string) string {
		if v := own(col); v != "" || parent == nil {
			return v
		}
		return w.cols.field(parent, col)
	}
	var names, values []string
	for n := 1; n <= 3; n++ {
		k := "attribute_" + string(rune('0'+n))
		if v := own(k + "_value(s)"); v != "" {
			names, values = append(names, optionKey(own(k+"_name"))), append(values, v)
		}
	}
	currency, ok := p.shopCurrency(at, own, "regular_price", "Regular price", "WooCommerce")
	if !ok {
		return nil
	}
	r := row(func(col string) string {
		switch col {
		case "item_id":
			return cmp.Or(own("sku"), own("id"))
		case "item_group_id":
			if parent != nil {
				return cmp.Or(w.cols.field(parent, "sku"), strings.TrimPrefix(parentRef, "id:"))
			}
			return strings.TrimPrefix(parentRef, "id:")
		case "title":
			return own("name")
		case "url":
			return p.wooLink(own("id"), parent, parentRef, w)
		case "description":
			return wooNewlines.Replace(cmp.Or(carried("description"), carried("short_description")))
		case "brand":
			if terms := wooTerms(carried("brands")); len(terms) > 0 {
				return terms[0]
			}
			return ""
		case "category":
			return wooCategory(carried("categories"))
		case "gtin":
			return own("gtin,_upc,_ean,_or_isbn")
		case "image_link":
			return firstOf(carried("images"), ",")
		case "price":
			return own("regular_price")
		case "sale_price":
			if own("date_sale_price_starts") != "" || own("date_sale_price_ends") != "" {
				return ""
			}
			return own("sale_price")
		case "currency":
			return currency
		case "inventory_quantity":
			return own("stock")
		case "availability":
			if strings.EqualFold(own("in_stock?"), "backorder") {
				return "backorder" // whatever the count (WooCommerce lets it go below 0)
			}
			if own("stock") != "" {
				return ""
			}
			switch own("in_stock?") {
			case "1":
				return "in_stock"
			case "0":
				return "out_of_stock"
			}
			return ""
		case "is_eligible_search":
			if wooHidden(own) || parent != nil && wooHidden(func(col string) string { return w.cols.field(parent, col) }) {
				return "false"
			}
			return ""
		}
		return optionAttr(col, names, values)
	})
	prod, _, err := flatProduct(r, p.start, "")
	if err != nil {
		p.reject(at, "%s", err)
		return nil
	}
	prod.Tags = append(prod.Tags, wooTerms(carried("tags"))...)
	return p.finish(at, "", "", prod)
}

// wooLink is a product's page on the shop given by Options.ShopURL: WordPress serves
// the product whose post ID is N at ?post_type=product&p=N (and redirects it to its
// pretty address), whatever the shop's permalink settings. A variation has no page of
// its own: it links to its parent's. Without --shop-url, or without a numeric ID (the
// parent named by SKU and not seen), there is no link.
func (p *parser) wooLink(id string, parent []string, parentRef string, w *woo) string {
	if p.opt.ShopURL == "" {
		return ""
	}
	switch {
	case parent != nil:
		id = w.cols.field(parent, "id")
	case strings.HasPrefix(parentRef, "id:"):
		id = strings.TrimPrefix(parentRef, "id:")
	case parentRef != "":
		id = ""
	}
	if id == "" || strings.Trim(id, "0123456789") != "" {
		return ""
	}
	return strings.TrimRight(p.opt.ShopURL, "/") + "/?post_type=product&p=" + id
}

// wooTerms splits a WooCommerce export's list of terms (Categories, Tags, Brands):
// separated by commas, a comma inside a name written \, ; trimmed, empty ones left
// out — the same list an option attribute's values are (catalog.SplitOptionValues).
func wooTerms(s string) []string { return catalog.SplitOptionValues(s) }

// wooCategory is the product's category among its WooCommerce Categories: the path
// with the most levels, the first of equals ("New Arrivals, Travel > Carriers" →
// "Travel > Carriers": the other is a collection, not what the product is), leaving
// out Uncategorized, the category WooCommerce gives a product that has none.
func wooCategory(s string) string {
	best, depth := "", 0
	for _, t := range wooTerms(s) {
		if strings.EqualFold(t, "Uncategorized") {
			continue
		}
		if d := strings.Count(t, ">") + 1; d > depth {
			best, depth = t, d
		}
	}
	return best
}

// wooNewlines undoes how WooCommerce exports a description's line breaks: a newline
// as the two characters \n, and a \n the text had as \\n.
var wooNewlines = strings.NewReplacer(`\\n`, `\n`, `\n`, "\n")

// wooHidden reports whether a row (its value for a column: col) is hidden from the
// shop: Published other than 1 (0 private, -1 draft), or Visibility in catalog hidden.
func wooHidden(col func(string) string) bool {
	if pub := col("published"); pub != "" && pub != "1" {
		return true
	}
	return strings.EqualFold(col("visibility_in_catalog"), "hidden")
}

// firstOf returns the first of the sep-separated entries of s, trimmed.
func firstOf(s, sep string) string {
	first, _, _ := strings.Cut(s, sep)
	return strings.TrimSpace(first)
}
