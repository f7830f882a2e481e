package feed

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A Google Content API for Shopping products list (products.list, v2.1) saved as a
// file is one JSON object, {"kind": "content#productsListResponse", "resources":
// [...]}, whose resources are products with camelCase keys (offerId, imageLink,
// itemGroupId, googleProductCategory), prices as {"value": "24.00", "currency":
// "USD"} and some attributes as lists (productTypes, sizes). Each resource is read
// as a flat row: offerId is the item id (the resource's own id, online:en:US:…, is
// not), a price object is "24.00 USD", a list gives its first value.
const contentAPIKind = "content#productsListResponse"

// isContentAPI reports whether the JSON file in starts as a Content API products list:
// its kind within the first 512 bytes.
func isContentAPI(in *bufio.Reader) bool {
	b, _ := in.Peek(512)
	return len(b) > 0 && b[0] == '{' && bytes.Contains(b, []byte(`"`+contentAPIKind+`"`))
}

// listKeys name the member of a JSON object file that holds its products as a list
// of objects, as shop and product APIs answer: {"products": [...], "total": 194},
// {"data": [...]}, {"items": [...]}.
var listKeys = map[string]bool{"products": true, "items": true, "data": true, "results": true,
	"resources": true, "entries": true, "records": true, "listings": true}

// wrappedListKey reports the member of the JSON object that in starts with which holds
// the products, when the object is such a wrapper: within the first 64 KiB, one of
// listKeys at the object's top level holds a list that starts with an object, and no
// member before it is a title or an id — a product line of JSON Lines with an "items"
// list is a product, not a wrapper — unless the object is written over several lines
// before its list opens, which no JSON Lines product is ({"name": "Acme Store",
// "products": [...]} as saved from a shop's API and pretty-printed).
func wrappedListKey(in *bufio.Reader) (string, bool) {
	b, _ := in.Peek(64 << 10)
	if len(b) == 0 || b[0] != '{' {
		return "", false
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil {
		return "", false
	}
	productKey := false // a title or an id member seen before the list
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		key, _ := tok.(string)
		k := columnKey(key)
		if slices.Contains(colTitle, k) || slices.Contains(colID, k) {
			productKey = true
		}
		if listKeys[k] {
			if open, err := dec.Token(); err == nil && open == json.Delim('[') {
				if first, err := dec.Token(); err == nil && first == json.Delim('{') {
					if productKey && bytes.IndexByte(b[:dec.InputOffset()], '\n') < 0 {
						return "", false
					}
					return key, true
				}
			}
			return "", false
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}

// contentAPIKeys maps a Content API product's keys (as columnKey leaves them) to
// flat columns; the others keep their name (title, description, link, brand, gtin,
// mpn, condition, color, gender, material, pattern, availability).
var contentAPIKeys = map[string]string{
	"offerid":                "item_id",
	"id":                     "",
	"imagelink":              "image_link",
	"itemgroupid":            "item_group_id",
	"googleproductcategory":  "google_product_category",
	"producttypes":           "product_type",
	"saleprice":              "sale_price",
	"salepriceeffectivedate": "sale_price_effective_date",
	"agegroup":               "age_group",
	"unitpricingmeasure":     "unit_pricing_measure",
	"unitpricingbasemeasure": "unit_pricing_base_measure",
	"sizes":                  "size",
}

// contentAPIRow turns a Content API product into a flat row.
func contentAPIRow(obj map[string]json.RawMessage) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		if to, ok := contentAPIKeys[k]; ok {
			if to == "" {
				continue
			}
			k = to
		}
		out[k] = contentAPIValue(v)
	}
	return out
}

// contentAPIValue renders a price object as "24.00 USD", a measure object
// ({"value": 750, "unit": "ml"}: unitPricingMeasure) as "750 ml" and a list as its
// first value; anything else is kept as it is.
func contentAPIValue(v json.RawMessage) json.RawMessage {
	switch kind(v) {
	case "an object":
		var price struct {
			Value    json.RawMessage `json:"value"`
			Currency string          `json:"currency"`
			Unit     string          `json:"unit"`
		}
		if json.Unmarshal(v, &price) != nil || len(price.Value) == 0 {
			return v
		}
		b, _ := json.Marshal(strings.TrimSpace(scalarText(price.Value) + " " + cmp.Or(price.Currency, price.Unit)))
		return b
	case "a list":
		var list []json.RawMessage
		if json.Unmarshal(v, &list) != nil || len(list) == 0 {
			return json.RawMessage("null")
		}
		return list[0]
	}
	return v
}

// readWrapped reads a JSON object file whose member listKey holds the products (a
// Content API products list's resources, with convert contentAPIRow; a shop API's
// products or data); its other members (kind, nextPageToken, total) are passed over.
func (p *parser) readWrapped(in *bufio.Reader, firstLine int, listKey string,
	convert func(map[string]json.RawMessage) map[string]json.RawMessage) error {
	lc := &lineCounter{r: in, passed: firstLine - 1}
	dec := json.NewDecoder(lc)
	if _, err := dec.Token(); err != nil { // the opening {
		return readError(err)
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return p.contentAPIBroken(lc, dec, err)
		}
		lc.mark = dec.InputOffset()
		if key != listKey {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return p.contentAPIBroken(lc, dec, err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return fmt.Errorf("a JSON object whose %q is not a list", listKey)
		}
		if err := p.readEntries(dec, lc, convert); err != nil || lc.exceeded || lc.stopped {
			return err
		}
		if _, err := dec.Token(); err != nil { // the closing ]
			return p.contentAPIBroken(lc, dec, err)
		}
	}
	return nil
}

// contentAPIBroken reports the rest of a wrapped list's file that is not valid JSON.
func (p *parser) contentAPIBroken(lc *lineCounter, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if !errors.As(err, &se) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return readError(err)
	}
	p.tick()
	return p.rejectRest(lc, dec.InputOffset(), "not valid JSON from here on; the rest of the file was not read")
}
