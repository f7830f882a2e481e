package checkout

import (
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/store"
)

func fmtMoney(amount int64, currency string) string {
	return money.Money{Amount: amount, Currency: currency}.String()
}

// cardName is how a person recognises their card: "Visa ending 4242".
func cardName(p store.Purchase) string {
	if p.CardBrand == "" {
		return "the card on file"
	}
	if p.CardLast4 == "" {
		return brandName(p.CardBrand)
	}
	return brandName(p.CardBrand) + " ending " + p.CardLast4
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
