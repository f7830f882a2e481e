// Package feed reads product feeds and imports them into the catalog.
//
// Two shapes of feed are understood:
//
//   - The flat product feed, one product per row, as CSV (.csv), TSV (.tsv, .tab) or
//     JSON Lines (.jsonl, .ndjson, .json) with one flat object per line. A .txt file
//     is TSV, unless its first line has commas but no tab (CSV) or starts with "{"
//     (JSON Lines). Both the current column names (item_id, url, image_url,
//     is_eligible_search, …) and the legacy ones (id, link, image_link, enable_search,
//     …) are accepted; see flat.go for the full list and how each value is read.
//   - The Agentic Commerce Protocol product shape, as JSON Lines: one product per line
//     with a variants array. Every variant becomes one catalog.Product whose GroupID
//     is the product's id; see acp.go.
//
// A CSV file may also be a shop's own products export: a Shopify export (its header
// has Handle and Variant Price, or URL handle and Price; see shopify.go), a
// WooCommerce export (SKU, Name and Regular price; see woocommerce.go), a
// BigCommerce Bulk Edit export (Item Type and Product Name; see bigcommerce.go) or a
// Magento 2 export (sku, product_type and attribute_set_code; see magento.go).
// Their columns are read into the flat row's, so a value is checked as in a flat
// feed. A .csv whose header has no comma is read with the separator it has, ";" or a
// tab. A Merchant Center XML feed (RSS 2.0 or Atom, .xml or any file that starts like
// XML) is read item by item as flat rows; see xml.go.
//
// A JSON Lines line is taken as an ACP product when it has a "variants" key and as a
// flat row otherwise, so both shapes may be mixed in one file. A .json file may also
// hold a single JSON array of such objects. Any of these may be gzip-compressed; the
// content is recognised, whatever the file is called.
//
// Bad rows never stop a file: each is reported as a RowError with the lines of its
// record and a short reason written for the person who maintains the feed. Nothing
// is dropped without a word: every line of a file is part of a row that is emitted
// or rejected, of a damaged span that is reported (see readDelimited), blank, or a
// shop export's row that holds no product, reported with Skipped set.
// Only a file that cannot be read at all (missing, of an unknown format, binary, or
// with no row that could even be decoded) is an error for the whole file; so is a
// gzip stream that looks like a decompression bomb, which stops the file where it is
// found. Size caps bound the reader's memory whatever a file holds (see limits.go).
//
// Parse does the reading and checking without touching a database; Import opens
// files, calls Parse and writes the products to a catalog.Catalog in batches.
package feed

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// Options adjust how feeds are read.
type Options struct {
	// DefaultSeller is the seller name used for rows that name no seller (the
	// command's --seller flag). When it is empty such rows are rejected.
	DefaultSeller string
	// AllowSellerChange lets Import move a product to another seller (the command's
	// --allow-seller-change flag). Without it, a row whose product is already sold by
	// another seller, in the catalog or earlier in the same import, is rejected, so
	// that one seller's feed cannot take over another's products. Parse ignores it.
	AllowSellerChange bool
	// Currency is the currency of prices written without one ("29.99", or "$29.99"
	// when the symbol can stand for it) in a row that has no currency column for them
	// (the command's --currency flag): Shopify and WooCommerce exports write bare
	// prices, and so do many spreadsheets. ACP feeds, whose prices carry their
	// currency, do not use it.
	Currency string
	// Availability is the availability of a product whose row says none and gives no
	// stock count (the command's --availability flag): a spreadsheet or API answer
	// that lists only what is for sale. Empty leaves such products unknown (kept out
	// of searches for what is in stock, and not purchasable).
	Availability catalog.Availability
	// ShopURL is the shop's address, such as https://shop.example (the command's
	// --shop-url flag): a product's url or image url written as a path
	// ("/lodge-cast-iron-skillet/", as a BigCommerce export writes Product URL) is read
	// against it, and a Shopify export's products link to ShopURL/products/HANDLE.
	// Without it such a path is left out with a warning: no client can open it. It is
	// an absolute http or https URL (the command checks it: ParseShopURL).
	ShopURL string
	// Progress, when not nil, receives a line such as "products.jsonl: 120000 rows
	// read…" at most every two seconds while a large file is read, and, once, that
	// Import waits while another process writes the catalog (see waiter).
	Progress io.Writer
	// Encoding is how the bytes of a CSV or TSV file are read (the command's
	// --encoding flag): EncodingAuto (the default) decides it from the file's start,
	// EncodingUTF8 or EncodingWindows1252 impose it. JSON is always read as UTF-8.
	Encoding string
	// Now returns the current time, used for progress timing and to decide whether a
	// sale_price_effective_date window is open. It defaults to time.Now.
	Now func() time.Time
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// RowError reports one rejected row (or, for an ACP product, one rejected variant),
// one span of damaged lines that could not be read as rows, or, with Warning set, a
// row that was imported but changed on the way (see notUTF8).
type RowError struct {
	File    string // the file name as given to Parse or Import
	Line    int    // 1-based line where the row's record (or the damaged span) starts
	EndLine int    // its last line; equal to Line for a row on one line
	Warning bool   // the row was imported; Reason says what was changed
	Skipped bool   // the row holds no product and was passed over (a shop export's image or parent row)
	Reason  string // short, for people: `price "abc" is not a price like "29.99 USD"`
}

// String formats the error the way compilers do: "products.csv:17: reason", with the
// range "products.csv:17-19: reason" when the row or span covers several lines and
// "warning: " before the reason of a warning ("skipped: " for a skipped row).
func (e RowError) String() string {
	at := fmt.Sprint(e.Line)
	if e.EndLine > e.Line {
		at += fmt.Sprintf("-%d", e.EndLine)
	}
	warn := ""
	switch {
	case e.Warning:
		warn = "warning: "
	case e.Skipped:
		warn = "skipped: "
	}
	return fmt.Sprintf("%s:%s: %s%s", e.File, at, warn, e.Reason)
}

// lines is the span of a record in its file, first to last, 1-based.
type lines struct{ first, last int }

func oneLine(n int) lines { return lines{n, n} }

// Parse reads one feed from r and calls emit for every acceptable product, in file
// order (but for the child rows of an Amazon flat file whose parent row comes after
// them, emitted at the end with their parent's fields), and report for every row that cannot be accepted, every damaged span and
// every warning. name is used to choose the
// format from its extension (a trailing .gz is ignored) and to label RowErrors and
// progress lines.
//
// Each product passed to emit has been normalized (catalog.Product.Normalize
// succeeded) and its SellerID is the ID of the seller passed with it. line and end
// are the first and last lines of the product's record. Ids are not de-duplicated: a later row with the same
// id is emitted again, and the caller decides that it wins.
//
// Parse returns a *FileError when the file as a whole cannot be read: unknown
// format, binary content, an empty file, a CSV header without the required columns,
// JSON in which no row at all could be decoded, a gzip stream that breaks the
// decompression cap, a JSON array entry over the record cap, or a read error
// part-way (rows before it have been emitted). A DefaultSeller that is not a seller
// name is an error of its own, before the file is read. If emit returns an error, Parse stops
// and returns that error unchanged. emit must not be nil; report may be. Parse never
// panics on malformed input, and its memory use is bounded by the caps in limits.go,
// whatever the input.
func Parse(r io.Reader, name string, opt Options, emit func(line, end int, s catalog.Seller, p catalog.Product) error, report func(RowError)) error {
	_, err := parseFeed(r, name, opt, emit, report)
	return err
}

// parseFeed is Parse, and says which encoding the file was read in (EncodingUTF8 or
// EncodingWindows1252; "" when the file could not be opened as a feed).
func parseFeed(r io.Reader, name string, opt Options, emit func(line, end int, s catalog.Seller, p catalog.Product) error, report func(RowError)) (string, error) {
	p := &parser{name: name, opt: opt, emit: emit, reportFn: report, sellers: map[string]catalog.Seller{}}
	if strings.TrimSpace(opt.DefaultSeller) != "" {
		s, reason := p.seller(opt.DefaultSeller)
		if reason != "" {
			return "", fmt.Errorf("default seller: %s", reason)
		}
		p.defaultSeller = &s
	}
	if err := checkEncoding(opt.Encoding); err != nil {
		return "", err
	}
	if c := strings.TrimSpace(opt.Currency); c != "" {
		norm, err := money.NormalizeCurrency(c)
		if err != nil {
			return "", fmt.Errorf("currency %s is not a three-letter code like USD", q(c))
		}
		p.opt.Currency = norm
	}
	in, f, enc, err := open(r, name, opt.Encoding)
	if err != nil {
		return "", &FileError{File: name, Err: err}
	}
	p.start = opt.now()
	p.lastProgress = p.start
	switch f {
	case formatCSV:
		err = p.readDelimited(in, ',')
	case formatTSV:
		err = p.readDelimited(in, '\t')
	case formatSSV:
		err = p.readDelimited(in, ';')
	case formatXML:
		err = p.readXML(in)
	default:
		err = p.readJSON(in)
	}
	if err == nil {
		err = p.flatWaitingChildren()
	}
	if err != nil && !p.emitFailed {
		return enc, &FileError{File: name, Err: err}
	}
	return enc, err
}

// FileError is a file that cannot be read as a whole, or whose reading stopped
// part-way: the file's name and why, apart, so that a caller can show either.
type FileError struct {
	File string
	Err  error
}

// Error is "<file>: <why>".
func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

// Unwrap returns why.
func (e *FileError) Unwrap() error { return e.Err }

// parser holds the state of one Parse call.
type parser struct {
	name          string
	opt           Options
	emit          func(int, int, catalog.Seller, catalog.Product) error
	reportFn      func(RowError)
	emitFailed    bool // the last error came from emit and is passed through as is
	sellers       map[string]catalog.Seller
	defaultSeller *catalog.Seller

	// held collects rejects while a JSON file has not yet shown one decodable row,
	// so that a binary or non-JSON file becomes one file error, not a flood of rows.
	holding bool
	held    []RowError

	// flatParents are the fields Amazon flat file parent rows give their children, by
	// the parent's SKU (keepParent).
	flatParents map[string]map[string]string
	// flatWaiting are the child rows waiting for a parent row that comes after them
	// (waitsForParent), in file order; flatWaitingIDs their index by id.
	flatWaiting    []waitingChild
	flatWaitingIDs map[string]int

	// lastDamage is the damage the previous row carried (badDisplayText's key), so
	// that variants repeating their product's damaged text, and rows in a row with
	// the same damaged values, are warned about once, at the first.
	lastDamage string

	start        time.Time // when Parse began; sale windows are judged at this time
	rows         int       // records read, good or bad
	lastProgress time.Time
}

func (p *parser) reject(at lines, format string, args ...any) {
	p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Reason: fmt.Sprintf(format, args...)})
}

func (p *parser) report(e RowError) {
	if p.holding {
		p.held = append(p.held, e)
		return
	}
	if p.reportFn != nil {
		p.reportFn(e)
	}
}

// release stops holding rejects and reports those held so far.
func (p *parser) release() {
	p.holding = false
	for _, e := range p.held {
		if p.reportFn != nil {
			p.reportFn(e)
		}
	}
	p.held = nil
}

// finish attaches the seller, normalizes prod and emits it, or rejects the row with a
// reason that starts with label. It applies the policy for text that is not UTF-8
// (see notUTF8), warning after the emit.
func (p *parser) finish(at lines, label, sellerName string, prod catalog.Product) error {
	if reason := badIdentifier(sellerName, prod); reason != "" {
		p.reject(at, "%s%s", label, reason)
		return nil
	}
	s, reason := p.rowSeller(sellerName)
	if reason != "" {
		p.reject(at, "%s%s", label, reason)
		return nil
	}
	prod.SellerID = s.ID
	rounded := prod.GTIN
	if !scientific(rounded) {
		rounded = ""
	} else {
		prod.GTIN = "" // its digits are lost: no GTIN rather than another product's
	}
	if prod.Availability == "" {
		prod.Availability = p.opt.Availability
	}
	var paths []string // the links that were a path without the shop's address (not repeated, as no URL is)
	for _, f := range [...]struct {
		name string
		url  *string
	}{{"url", &prod.URL}, {"image url", &prod.ImageURL}} {
		if full, path := p.onShop(*f.url); path {
			if full == "" {
				paths = append(paths, f.name)
			}
			*f.url = full
		}
	}
	damaged, damageKey := badDisplayText(prod)
	cut := catalog.TitleCut(prod.Title)
	_, urlCreds := catalog.CleanURL(prod.URL)
	_, imageCreds := catalog.CleanURL(prod.ImageURL)
	if err := prod.Normalize(); err != nil {
		p.reject(at, "%s%s", label, invalidReason(err))
		return nil
	}
	if err := p.emit(at.first, at.last, s, prod); err != nil {
		p.emitFailed = true
		return err
	}
	repeated := damageKey != "" && damageKey == p.lastDamage
	p.lastDamage = damageKey
	if len(damaged) > 0 && !repeated {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
			Reason: label + strings.Join(damaged, ", ") + ": bytes that are not valid UTF-8 were left out (save the feed as UTF-8)"})
	}
	if cut {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
			Reason: fmt.Sprintf("%stitle is longer than %d bytes; it was cut to fit", label, catalog.MaxTitleLen)})
	}
	if rounded != "" {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
			Reason: fmt.Sprintf("%sgtin %s is a number in scientific notation, as a spreadsheet writes a long number it rounded; it was left out (format the column as text before saving)", label, q(rounded))})
	}
	for _, f := range [...]struct {
		name  string
		creds bool
	}{{"url", urlCreds}, {"image url", imageCreds}} {
		if f.creds {
			p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
				Reason: label + f.name + " " + userInfoRemoved})
		}
	}
	for _, path := range paths {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
			Reason: label + path + " is a path without the shop's address; it was left out (give --shop-url https://… to link it)"})
	}
	if why := unshownImage(prod.ImageURL); why != "" {
		p.report(RowError{File: p.name, Line: at.first, EndLine: at.last, Warning: true,
			Reason: label + "image url " + why + ", so the views show a letter in place of its picture whatever --image-hosts allows; give a plain https URL (https://cdn.shop.example/a.jpg)"})
	}
	return nil
}

// userInfoRemoved is the warning on a row whose url or image url had user info, which
// Normalize leaves out (catalog.CleanURL). Neither the URL nor its user info is
// repeated: it may hold a password or a token.
const userInfoRemoved = "held user info (user@ before the host); it was left out, the rest kept as written"

// unshownImage says why the MCP Apps views never load the image at raw (catalog.ImageOrigin
// refuses it), or "" when they may or there is none; raw has no user info
// (userInfoRemoved). The URL itself is not repeated.
func unshownImage(raw string) string {
	if raw == "" {
		return ""
	}
	if _, ok := catalog.ImageOrigin(raw); ok {
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case err == nil && strings.EqualFold(u.Scheme, "http"):
		return "is http, not https"
	default:
		return "is not a plain https URL"
	}
}

// scientific reports whether s is a number in scientific notation ("8.90123E+12"),
// as a spreadsheet shows a barcode it took for a number, with its last digits lost.
func scientific(s string) bool {
	mant, exp, ok := strings.Cut(strings.ToUpper(s), "E+")
	if !ok || mant == "" || exp == "" || strings.Trim(exp, "0123456789") != "" {
		return false
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" {
		whole = frac
	}
	return whole != "" && strings.Trim(whole+frac, "0123456789") == "" && strings.Trim(mant, "0123456789.") == ""
}

// Text that is not valid UTF-8 is never dropped without a word. A value counts as
// such when it has bytes that are not UTF-8, or U+FFFD, the mark a decoder (JSON's,
// for one) leaves where it met them. What happens depends on the field:
//
//   - Values that identify or address something (id, group id, seller name, gtin,
//     url, image url) reject the row: with a byte changed they would name something
//     else, such as another product or another seller.
//   - Display text (title, description, brand, category, attribute names and
//     values) is imported without the bad bytes, which text.Clean leaves
//     out, and the row gets a warning naming the fields.
//
// notUTF8 reports whether s counts as not UTF-8.
func notUTF8(s string) bool { return !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) }

// badIdentifier is the reason to reject a row whose identifying values are not UTF-8.
func badIdentifier(sellerName string, p catalog.Product) string {
	for _, f := range [...]struct{ name, v string }{
		{"id", p.ID}, {"group id", p.GroupID}, {"seller name", sellerName},
		{"gtin", p.GTIN}, {"url", p.URL}, {"image url", p.ImageURL},
	} {
		if notUTF8(f.v) {
			return fmt.Sprintf("%s %s is not valid UTF-8; save the feed as UTF-8", f.name, q(f.v))
		}
	}
	return ""
}

// badDisplayText names the display fields of p that are not UTF-8, and returns a key
// ("" when there are none) that two rows share when they carry the same damage: the
// variants of one group (whose titles differ by their options) when the same fields
// are damaged, or else the same fields with the same values.
func badDisplayText(p catalog.Product) (names []string, key string) {
	var values strings.Builder
	bad := func(name, v string) {
		names = append(names, name)
		values.WriteString("\x00" + v)
	}
	for _, f := range [...]struct{ name, v string }{
		{"title", p.Title}, {"description", p.Description}, {"brand", p.Brand}, {"category", p.Category},
	} {
		if notUTF8(f.v) {
			bad(f.name, f.v)
		}
	}
	var keys []string // sorted, when there are any: few rows have one
	for k, v := range p.Attributes {
		if notUTF8(k) || notUTF8(v) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		bad("attribute "+q(k), p.Attributes[k])
	}
	switch {
	case len(names) == 0:
		return nil, ""
	case p.GroupID != "":
		return names, "group\x00" + p.GroupID + "\x00" + strings.Join(names, ", ")
	default:
		return names, strings.Join(names, ", ") + values.String()
	}
}

// invalidReason says why the catalog refused a product, from the catalog's typed
// error; an error of any other kind is shown as it is.
func invalidReason(err error) string {
	var fe *catalog.FieldError
	if !errors.As(err, &fe) {
		return err.Error()
	}
	name := strings.ReplaceAll(fe.Field, "_", " ")
	switch fe.Problem {
	case catalog.FieldMissing:
		return name + " is required"
	case catalog.FieldTooLong:
		return fmt.Sprintf("%s is longer than %g characters", name, fe.Max)
	case catalog.FieldInvisible:
		return fmt.Sprintf("%s %s contains control or invisible characters", name, q(fe.Value))
	case catalog.FieldBadCurrency:
		return fmt.Sprintf("%s: currency %s is not a three-letter ISO 4217 code", name, q(fe.Value))
	case catalog.FieldNegative:
		if fe.Field == "stock" {
			return "stock quantity must not be negative"
		}
		return name + " must not be negative"
	case catalog.FieldNotOneOf:
		return fmt.Sprintf("%s %s is not one of %s", name, q(fe.Value), strings.Join(fe.OneOf, ", "))
	case catalog.FieldOutOfRange:
		return fmt.Sprintf("%s must be between %g and %g", name, fe.Min, fe.Max)
	case catalog.FieldUnknown:
		return fmt.Sprintf("%s %s is unknown", name, q(fe.Value))
	}
	return fmt.Sprintf("%s cannot be accepted (%s)", name, fe.Problem)
}

// tick counts one record read and now and then writes a progress line.
func (p *parser) tick() {
	p.rows++
	if p.opt.Progress == nil || p.rows%progressCheckRows != 0 {
		return
	}
	if now := p.opt.now(); now.Sub(p.lastProgress) >= progressInterval {
		p.lastProgress = now
		fmt.Fprintf(p.opt.Progress, "%s: %d rows read…\n", p.name, p.rows)
	}
}

const (
	progressCheckRows = 1000
	progressInterval  = 2 * time.Second
)

// onShop reads raw as a link of the shop's: when it is a path ("/a/b", not "//host/…")
// it returns it read against Options.ShopURL, or "" without one, and path true; any
// other link is returned as it is.
func (p *parser) onShop(raw string) (full string, path bool) {
	raw = strings.TrimSpace(raw)
	if !strings.HasPrefix(raw, "/") || strings.HasPrefix(raw, "//") {
		return raw, false
	}
	if p.opt.ShopURL == "" {
		return "", true
	}
	base, err := url.Parse(p.opt.ShopURL)
	if err != nil {
		return "", true
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return "", true
	}
	return base.ResolveReference(ref).String(), true
}

// ParseShopURL checks a shop's address for Options.ShopURL: an absolute http or https
// URL with a host and without user info, query or fragment. It returns it without a
// trailing slash.
func ParseShopURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return "", errors.New("is not the shop's address as an http or https URL, such as https://shop.example")
	case u.User != nil:
		return "", errors.New("holds user info (user@ before the host); give the shop's public address")
	case u.RawQuery != "" || u.Fragment != "":
		return "", errors.New("has a query or fragment; give the shop's address alone, such as https://shop.example")
	}
	return strings.TrimRight(u.String(), "/"), nil
}
