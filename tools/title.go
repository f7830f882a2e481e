package tools

import (
	"github.com/commerce-mcp/commerce-mcp/catalog"
	txt "github.com/commerce-mcp/commerce-mcp/internal/text"
)

// titleTail is how many of a title's last characters a cut title keeps: enough for
// what tells a variant from its siblings, which a title says at its end ("#6 x 1-5/8
// in., 100-Pack", "(DCD791D2)").
const titleTail = 30

// quotedTitle shows a product title, which is untrusted seller text, as quoted shows
// it, cut to titleCap characters in its middle rather than at its end (txt.
// EllipsizeMiddle): every line a person confirms or checks an order by (the purchase
// summary and dialog, cart and checkout lines, orders, subscriptions, refusals) must
// say which product it is, and siblings differ in the words a title ends with. It is
// cleaned before it is cut, so the kept end is the title's own end.
func quotedTitle(s string) string {
	return catalog.SellerText(txt.EllipsizeMiddle(txt.Clean(s, 4*catalog.MaxTitleLen), titleCap, titleTail))
}
