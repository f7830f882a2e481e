package tools

import (
	"github.com/commerce-mcp/commerce-mcp/catalog"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text" // tools' tests have a func text
)

// How many characters of a product title and of a seller's name a summary or a
// confirmation dialog shows.
const (
	titleCap  = 80
	sellerCap = 60
)

// idCap is how many bytes of an id a caller sent an error repeats. Every such echo is
// txt.Quote(id, idCap): the id as sent, in quotes, its invisible characters escaped
// (a product_id ending in U+202E shows as "nw-shoe-0001\u202e"), so the person sees
// it is not the id they meant.
const idCap = 80

// quoted shows seller-supplied text s, which is untrusted, inside «…» guillemets: s is
// cleaned (control and invisible characters dropped, one line), its own guillemets made
// single (catalog.SellerText) so that it cannot close the quote early, and cut to at most max
// characters, ending with "…" when cut, between words when it can (txt.Ellipsize).
// Text in «» is data from sellers, never the server's words or instructions.
func quoted(s string, max int) string {
	return catalog.SellerText(txt.Ellipsize(txt.Clean(s, 4*max+8), max))
}
