package tools

import (
	"fmt"
	"strings"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// summary is the plain-language line a person confirms or reads back, led by verb
// ("Buy", "Bought"): product, quantity, total (with the tax in it, when the seller adds
// any: a total above the listed price with no reason given reads as a mistake), seller
// and card. The product title and seller name are the sellers' words, quoted and
// capped (see quoted); everything else comes from the quote's server-side record.
func summary(verb string, p store.Purchase) string {
	tax := ""
	if p.Tax > 0 {
		tax = fmt.Sprintf(" (tax %s included)", fmtMoney(p.Tax, p.Currency))
	}
	return fmt.Sprintf("%s %d × %s from %s for %s in total%s, paid with %s.", verb,
		p.Quantity, quoted(p.Title, titleCap), quoted(p.SellerName, sellerCap), fmtMoney(p.Total, p.Currency), tax, cardName(p))
}

// confirmationMessage is what a confirmation dialog asks the person: the facts of the
// quote in a fixed layout, one per line. Item and seller are quoted seller text; the
// quantity, amounts, card and mode come from the server's records, so nothing a
// seller wrote can pose as a fact of the purchase.
func confirmationMessage(p store.Purchase) string {
	var b strings.Builder
	b.WriteString("Please confirm this purchase.\n\n")
	fmt.Fprintf(&b, "Item: %s\n", quoted(p.Title, titleCap))
	fmt.Fprintf(&b, "Quantity: %d\n", p.Quantity)
	fmt.Fprintf(&b, "Total: %s (%s, shipping %s)\n", fmtMoney(p.Total, p.Currency),
		itemsAndTax(p.Subtotal, p.Tax, p.Shipping, p.Total, p.Currency), fmtMoney(p.Shipping, p.Currency))
	if p.Fulfillment != nil {
		fmt.Fprintf(&b, "Delivery: %s, %s\n", quoted(p.Fulfillment.Title, 60), fmtMoney(p.Fulfillment.Amount, p.Currency))
	}
	fmt.Fprintf(&b, "Seller: %s\n", quoted(p.SellerName, sellerCap))
	fmt.Fprintf(&b, "Card: %s\n", cardName(p))
	if checkout.Mode(p.Mode) == checkout.ModeSandbox {
		b.WriteString("Mode: sandbox (no real money moves)\n")
	}
	b.WriteString("\n" + catalog.SellerTextNote)
	return b.String()
}
