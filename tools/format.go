package tools

import (
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// fmtMoney writes an amount in minor units as money.Money.String does: "$12.50".
func fmtMoney(amount int64, currency string) string {
	return money.Money{Amount: amount, Currency: currency}.String()
}

// cardName is how a person recognises the purchase's card: "Visa •••• 4242".
func cardName(p store.Purchase) string {
	return CardName(p.CardBrand, p.CardLast4)
}

// CardName is the one way results and messages show a card: its brand's name and
// last four digits, "Visa •••• 4242"; "the card on file" when the brand is unknown.
func CardName(brand, last4 string) string {
	if brand == "" {
		return "the card on file"
	}
	if last4 == "" {
		return brandName(brand)
	}
	return brandName(brand) + " •••• " + last4
}

// brandName turns Stripe's card brand codes into names.
func brandName(b string) string {
	switch strings.ToLower(b) {
	case "visa":
		return "Visa"
	case "mastercard":
		return "Mastercard"
	case "amex":
		return "American Express"
	case "discover":
		return "Discover"
	case "diners":
		return "Diners Club"
	case "jcb":
		return "JCB"
	case "unionpay":
		return "UnionPay"
	}
	return b
}

// minutes says a duration in words: "10 minutes", "1 minute", "45 seconds".
func minutes(d time.Duration) string {
	switch m := int(d.Round(time.Minute) / time.Minute); {
	case d < time.Minute:
		return fmt.Sprintf("%d seconds", int(d/time.Second))
	case m == 1:
		return "1 minute"
	default:
		return fmt.Sprintf("%d minutes", m)
	}
}
