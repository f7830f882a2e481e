package catalog

import (
	"sort"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/text"
)

// Availability is a product's normalized stock state.
type Availability string

// The availability values the catalog stores. Feed spellings are mapped onto these by
// ParseAvailability.
const (
	InStock      Availability = "in_stock"
	OutOfStock   Availability = "out_of_stock"
	Preorder     Availability = "preorder"
	Backorder    Availability = "backorder"
	Discontinued Availability = "discontinued"
	Unknown      Availability = "unknown"
)

// availabilitySeparators are ignored in availability spellings.
var availabilitySeparators = strings.NewReplacer(" ", "", "_", "", "-", "")

// ParseAvailability maps the spellings used by product feeds ("in stock", "InStock",
// "pre_order", "https://schema.org/OutOfStock", …) to an Availability. It reports false
// for anything it does not recognise.
func ParseAvailability(s string) (Availability, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	s = availabilitySeparators.Replace(s)
	switch s {
	case "instock", "available", "limitedavailability", "onlineonly", "instoreonly":
		return InStock, true
	case "outofstock", "soldout", "unavailable":
		return OutOfStock, true
	case "preorder", "presale":
		return Preorder, true
	case "backorder":
		return Backorder, true
	case "discontinued":
		return Discontinued, true
	case "unknown", "":
		return Unknown, true
	}
	return "", false
}

// Seller is a merchant whose products are in the catalog.
type Seller struct {
	ID   string
	Name string
	// ACPBaseURL is the seller's Agentic Commerce Protocol checkout API; empty for sellers
	// that the sandbox reference seller serves.
	ACPBaseURL string
	// StripeProfileID is the seller's Stripe network business profile (profile_…).
	StripeProfileID string
}

// Product is one purchasable item. A feed product with variants becomes one Product per
// variant, linked by GroupID.
type Product struct {
	ID       string
	GroupID  string // the feed's product (item group) id when this is a variant
	SellerID string
	// SellerName is filled in on reads; Upsert ignores it.
	SellerName  string
	Title       string
	Brand       string
	Category    string // path, "Apparel > Shoes > Running"
	Tags        []string
	Attributes  map[string]string // e.g. color, size, material
	Description string
	Price       money.Money
	// Stock is the quantity on hand; nil when the feed does not say.
	Stock        *int64
	Availability Availability
	Rating       float64 // 0–5; 0 with ReviewCount 0 means unrated
	ReviewCount  int64
	URL          string
	ImageURL     string
	GTIN         string
	// Hidden products are kept (get_product finds them) but never appear in search
	// results; feeds set it with is_eligible_search=false.
	Hidden bool
	// Billing makes the product a subscription; nil for a product bought once.
	Billing   *Billing
	UpdatedAt time.Time
}

// Purchasable reports whether the product can be bought now: in stock with a positive or
// unknown quantity.
func (p *Product) Purchasable() bool {
	return p.Availability == InStock && (p.Stock == nil || *p.Stock > 0)
}

// Field length caps applied by Normalize. Longer seller text is cut, not rejected.
const (
	maxIDLen          = 128
	maxTitleLen       = 300
	maxBrandLen       = 100
	maxCategoryLen    = 300
	maxDescriptionLen = 8000
	maxURLLen         = 2048
	maxTagLen         = 60
	maxTags           = 40
	maxAttrs          = 40
)

// MaxTitleLen is the most bytes of a title Normalize keeps; it cuts a longer one.
const MaxTitleLen = maxTitleLen

// TitleCut reports whether Normalize cuts title s (cleaned, it is longer than
// MaxTitleLen).
func TitleCut(s string) bool {
	return len(s) > maxTitleLen && len(text.Clean(s, len(s))) > maxTitleLen
}

// Normalize cleans untrusted seller text (control and invisible characters removed,
// whitespace collapsed, lengths capped), leaves user info out of the URL and image URL
// (CleanURL), normalizes the category path, currency and
// availability, and returns a *FieldError for the first field that cannot be accepted.
func (p *Product) Normalize() error {
	p.ID = strings.TrimSpace(p.ID)
	switch {
	case p.ID == "":
		return &FieldError{Field: "id", Problem: FieldMissing}
	case len(p.ID) > maxIDLen:
		return &FieldError{Field: "id", Problem: FieldTooLong, Max: maxIDLen}
	case text.Clean(p.ID, maxIDLen) != p.ID:
		return &FieldError{Field: "id", Problem: FieldInvisible, Value: p.ID}
	}
	p.GroupID = text.Clean(p.GroupID, maxIDLen)
	p.SellerID = text.Clean(p.SellerID, maxIDLen)
	if p.SellerID == "" {
		return &FieldError{Field: "seller", Problem: FieldMissing}
	}
	p.Title = text.Fit(p.Title, maxTitleLen)
	if p.Title == "" {
		return &FieldError{Field: "title", Problem: FieldMissing}
	}
	p.Brand = text.Clean(p.Brand, maxBrandLen)
	p.Category = NormalizeCategory(p.Category)
	p.Description = text.FitSentences(p.Description, maxDescriptionLen)
	p.URL, _ = CleanURL(p.URL)
	p.ImageURL, _ = CleanURL(p.ImageURL)
	p.GTIN = text.Clean(p.GTIN, 32)
	p.Tags = cleanTags(p.Tags)
	p.Attributes = cleanAttrs(p.Attributes)
	cur, err := money.NormalizeCurrency(p.Price.Currency)
	if err != nil {
		return &FieldError{Field: "price", Problem: FieldBadCurrency, Value: p.Price.Currency}
	}
	p.Price.Currency = cur
	if p.Price.Amount < 0 {
		return &FieldError{Field: "price", Problem: FieldNegative}
	}
	if p.Stock != nil && *p.Stock < 0 {
		return &FieldError{Field: "stock", Problem: FieldNegative}
	}
	if p.Availability == "" {
		p.Availability = Unknown
		if p.Stock != nil {
			p.Availability = OutOfStock
			if *p.Stock > 0 {
				p.Availability = InStock
			}
		}
	}
	a, ok := ParseAvailability(string(p.Availability))
	if !ok {
		return &FieldError{Field: "availability", Problem: FieldNotOneOf, Value: string(p.Availability),
			OneOf: []string{string(InStock), string(OutOfStock), string(Preorder), string(Backorder), string(Discontinued)}}
	}
	p.Availability = a
	if p.Rating < 0 || p.Rating > 5 || p.Rating != p.Rating {
		return &FieldError{Field: "rating", Problem: FieldOutOfRange, Min: 0, Max: 5}
	}
	if p.ReviewCount < 0 {
		return &FieldError{Field: "review_count", Problem: FieldNegative}
	}
	if p.Billing != nil {
		return p.Billing.Normalize()
	}
	return nil
}

// NormalizeCategory cleans a category path and writes it with " > " separators:
// "apparel>shoes >  Running" becomes "apparel > shoes > Running". Empty segments are
// dropped. Case is kept for display; matching is case-insensitive.
func NormalizeCategory(path string) string { return text.Category(path, maxCategoryLen) }

// attrsClean reports whether cleanAttrs would return attrs as they are: few enough,
// and every name and value non-empty and already clean (distinct clean names stay
// distinct).
func attrsClean(attrs map[string]string) bool {
	if len(attrs) > maxAttrs {
		return false
	}
	for k, v := range attrs {
		if k == "" || v == "" || text.Clean(k, maxTagLen) != k || text.Clean(v, 200) != v {
			return false
		}
	}
	return true
}

func cleanTags(tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tags {
		t = text.Clean(t, maxTagLen)
		k := strings.ToLower(t)
		if t == "" || seen[k] || len(out) == maxTags {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

func cleanAttrs(attrs map[string]string) map[string]string {
	if len(attrs) == 0 {
		return nil
	}
	if attrsClean(attrs) {
		return attrs // what the loop below would copy (Normalize runs twice in an import)
	}
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string]string, len(attrs))
	for _, k := range keys {
		v := text.Clean(attrs[k], 200)
		k = text.Clean(k, maxTagLen)
		if k != "" && v != "" && len(out) < maxAttrs {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil // as an empty map is, so that a second Normalize changes nothing
	}
	return out
}
