package catalog

import (
	"strings"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// A product on sale keeps its regular price in the attribute list_price (a Shopify
// compare-at price, a feed's regular price beside its sale price, an ACP list_price),
// which the imports write as money in the product's currency ("£138.00", "1,299.00
// SEK") and only above the price. Result cards show it beside the price.

// listPriceOf reads a list_price attribute written in currency: the money, and
// whether it is a price above price (the zero Money and false otherwise).
func listPriceOf(s string, price money.Money) (money.Money, bool) {
	num := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '.' || r == ',' {
			return r
		}
		return -1
	}, s)
	if num == "" {
		return money.Money{}, false
	}
	amount, err := money.ParseMajor(num, price.Currency)
	if err != nil || amount <= price.Amount {
		return money.Money{}, false
	}
	return money.Money{Amount: amount, Currency: price.Currency}, true
}

// ListPrice returns p's regular price when it is on sale (its attribute list_price,
// above its price), and whether it is. Products of a search's results carry it as
// Hit.ListPrice instead, their attributes being left empty.
func (p Product) ListPrice() (money.Money, bool) {
	if v := p.Attributes["list_price"]; v != "" {
		return listPriceOf(v, p.Price)
	}
	return money.Money{}, false
}
