package feed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
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

// contentAPIValue renders a price object as "24.00 USD" and a list as its first
// value; anything else is kept as it is.
func contentAPIValue(v json.RawMessage) json.RawMessage {
	switch kind(v) {
	case "an object":
		var price struct {
			Value    json.RawMessage `json:"value"`
			Currency string          `json:"currency"`
		}
		if json.Unmarshal(v, &price) != nil || len(price.Value) == 0 {
			return v
		}
		b, _ := json.Marshal(strings.TrimSpace(scalarText(price.Value) + " " + price.Currency))
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

// readContentAPI reads a Content API products list: the products of its resources
// member; its other members (kind, nextPageToken) are passed over.
func (p *parser) readContentAPI(in *bufio.Reader, firstLine int) error {
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
		if key != "resources" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return p.contentAPIBroken(lc, dec, err)
			}
			continue
		}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			return errors.New(`a Content API products list whose "resources" is not a list`)
		}
		if err := p.readEntries(dec, lc, contentAPIRow); err != nil || lc.exceeded || lc.stopped {
			return err
		}
		if _, err := dec.Token(); err != nil { // the closing ]
			return p.contentAPIBroken(lc, dec, err)
		}
	}
	return nil
}

// contentAPIBroken reports the rest of a Content API file that is not valid JSON.
func (p *parser) contentAPIBroken(lc *lineCounter, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if !errors.As(err, &se) && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return readError(err)
	}
	p.tick()
	return p.rejectRest(lc, dec.InputOffset(), "not valid JSON from here on; the rest of the file was not read")
}
