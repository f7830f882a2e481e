package feed

import (
	"strings"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // this package has a func text
)

// maxSellerIDLen caps the length of a seller id derived from a name.
const maxSellerIDLen = 64

// SellerID returns the catalog id of the seller with this name: lower case, letters
// and digits kept (accented and non-Latin letters included), every other run of
// characters replaced by one "-", no leading or trailing "-", at most 64 bytes.
// "Acme Outdoor Co." becomes "acme-outdoor-co". Names that differ only in case,
// spacing or punctuation share an id. The result is empty when the name has no
// letter or digit.
func SellerID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range txt.Clean(name, 4*maxSellerIDLen) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = b.Len() > 0
			continue
		}
		r = unicode.ToLower(r)
		n := len(string(r))
		if dash {
			n++
		}
		if b.Len()+n > maxSellerIDLen {
			break
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// seller returns the catalog seller for a name; the first spelling seen in a file is
// the one kept for an id. reason is set when the name yields no id.
func (p *parser) seller(name string) (s catalog.Seller, reason string) {
	id := SellerID(name)
	if id == "" {
		return s, "seller name " + q(name) + " has no letters or digits"
	}
	if s, ok := p.sellers[id]; ok {
		return s, ""
	}
	s = catalog.Seller{ID: id, Name: txt.Clean(name, 100)}
	p.sellers[id] = s
	return s, ""
}

// rowSeller is seller for a row's own seller name, falling back to the default.
func (p *parser) rowSeller(name string) (catalog.Seller, string) {
	if strings.TrimSpace(name) == "" {
		if p.defaultSeller == nil {
			return catalog.Seller{}, "no seller: add a seller_name to the feed or pass --seller NAME"
		}
		return *p.defaultSeller, ""
	}
	return p.seller(name)
}
