package tools

import (
	"context"
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
	return summaryWith(verb, p, "", nil)
}

// summaryWith is summary with the product's condition when it is not new (cond, see
// catalog.Product.Condition): "Buy 1 × «…» (condition «used») from …", and the
// values of its family's options that its cut title no longer shows (lost, see
// lostOptionsOf): "Buy 1 × «Ghost 15 … Black/Pink» (size «10», width «Wide») from …".
func summaryWith(verb string, p store.Purchase, cond string, lost []catalog.VariantOption) string {
	tax := ""
	if p.Tax > 0 {
		tax = fmt.Sprintf(" (tax %s included)", fmtMoney(p.Tax, p.Currency))
	}
	if cond != "" {
		cond = " (" + conditionText(cond) + ")"
	}
	cond += lostOptionsText(lost) + orderLine{}.withChoices(purchaseChoices(p)).choicesText()
	return fmt.Sprintf("%s %d × %s%s from %s for %s in total%s, paid with %s.", verb,
		p.Quantity, quotedTitle(p.Title), cond, quoted(p.SellerName, sellerCap), fmtMoney(p.Total, p.Currency), tax, cardName(p))
}

// conditionsOf returns the condition of each of the products ids that is not new, by
// id, as the catalog lists it now: a quote's seller lines say nothing of it. A product
// the catalog cannot read is left out (its line shows no condition).
func (t *Toolbox) conditionsOf(ctx context.Context, ids ...string) map[string]string {
	if t.Catalog == nil {
		return nil
	}
	var out map[string]string
	for _, id := range ids {
		if _, seen := out[id]; seen {
			continue
		}
		p, err := t.Catalog.Product(ctx, id)
		if err != nil {
			continue
		}
		if c := p.Condition(); c != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[id] = c
		}
	}
	return out
}

// confirmationMessage is what a confirmation dialog asks the person: the facts of the
// quote in a fixed layout, one per line (lost: the values of the product's options
// that its cut title no longer shows, one line each after it). Item and seller are quoted seller text; the
// quantity, amounts, card and mode come from the server's records, so nothing a
// seller wrote can pose as a fact of the purchase.
func confirmationMessage(p store.Purchase, cond string, lost []catalog.VariantOption) string {
	var b strings.Builder
	b.WriteString("Please confirm this purchase.\n\n")
	fmt.Fprintf(&b, "Item: %s\n", quotedTitle(p.Title))
	b.WriteString(lostOptionsLines(lost))
	if cond != "" {
		fmt.Fprintf(&b, "Condition: %s\n", catalog.SellerText(cond))
	}
	fmt.Fprintf(&b, "Quantity: %d\n", p.Quantity)
	b.WriteString(choicesDialogLines(purchaseChoices(p)))
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

// optionLabel is an option's name as a dialog's label: "ring_size" is "Ring size".
// choicesDialogLines are the lines a confirmation dialog gives the choices c: one
// "Ring size: «7»" per option, then "Personalization: «Ana»"; "" for none.
func choicesDialogLines(c store.Choices) string {
	var b strings.Builder
	for _, o := range c.Options {
		fmt.Fprintf(&b, "%s: %s\n", optionLabel(o.Name), quoted(o.Value, 80))
	}
	if c.Personalization != "" {
		fmt.Fprintf(&b, "Personalization: %s\n", quoted(c.Personalization, 300))
	}
	return b.String()
}

func optionLabel(name string) string {
	s := strings.ReplaceAll(strings.TrimSpace(name), "_", " ")
	if s == "" {
		return "Option"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
