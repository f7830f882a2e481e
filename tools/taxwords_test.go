package tools

import (
	"strings"
	"testing"
	"time"

	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestTaxWordsBothKinds: a seller's tax added to its prices (US sales tax) and one in
// them (UK and EU VAT: the items and delivery make the total) are each said as they
// are, in the confirmation dialog, the summary, a checkout's order, an order's
// totals and a subscription's cycle charges; a total is never shown as items plus a
// tax it already holds.
func TestTaxWordsBothKinds(t *testing.T) {
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name                            string
		currency                        string
		subtotal, shipping, tax, total  int64
		included                        bool
		dialog, summary, cycle, ordered string
	}{
		{name: "US sales tax added", currency: "USD", subtotal: 4500, shipping: 599, tax: 326, total: 5425,
			dialog: "Total: $54.25 (items $45.00, tax $3.26, shipping $5.99)", summary: "for $54.25 in total (tax $3.26 included)",
			cycle: "(items $45.00, delivery $5.99, tax $3.26)", ordered: "Total: $54.25 (items $45.00, tax $3.26, delivery $5.99)"},
		{name: "UK VAT in the price", currency: "GBP", subtotal: 2999, shipping: 599, tax: 500, total: 3598, included: true,
			dialog: "Total: £35.98 (items £29.99 (tax £5.00 included), shipping £5.99)", summary: "for £35.98 in total (tax £5.00 included)",
			cycle: "(items £29.99 (tax £5.00 included), delivery £5.99)", ordered: "Total: £35.98 (items £29.99 (tax £5.00 included), delivery £5.99)"},
		{name: "EU VAT in the price, free delivery", currency: "EUR", subtotal: 6499, shipping: 0, tax: 1215, total: 6499, included: true,
			dialog: "Total: €64.99 (items €64.99 (tax €12.15 included), shipping €0.00)", summary: "for €64.99 in total (tax €12.15 included)",
			cycle: "(items €64.99 (tax €12.15 included), delivery €0.00)", ordered: "Total: €64.99 (items €64.99 (tax €12.15 included), delivery €0.00)"},
		{name: "no tax", currency: "GBP", subtotal: 1600, shipping: 599, total: 2199,
			dialog: "Total: £21.99 (items £16.00, tax £0.00, shipping £5.99)", summary: "for £21.99 in total, paid",
			cycle: "(items £16.00, delivery £5.99, tax £0.00)", ordered: "Total: £21.99 (items £16.00, tax £0.00, delivery £5.99)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := store.Purchase{Title: "Oral-B iO Heads x4", SellerName: "Brightwell Pharmacy", Quantity: 1, Subtotal: tt.subtotal, Shipping: tt.shipping,
				Tax: tt.tax, Total: tt.total, Currency: tt.currency, CardBrand: "visa", CardLast4: "4242"}
			if got := confirmationMessage(p, "", nil); !strings.Contains(got, tt.dialog+"\n") {
				t.Errorf("dialog lacks %q:\n%s", tt.dialog, got)
			}
			if got := summary("Buy", p); !strings.Contains(got, tt.summary) {
				t.Errorf("summary %q lacks %q", got, tt.summary)
			}
			if got := totalsOf(p.Subtotal, p.Tax, p.Shipping, p.Total, p.Currency); got.TaxIncluded != tt.included || got.Total.Amount != tt.total {
				t.Errorf("totals %+v, want tax_included %v", got, tt.included)
			}
			if got := itemsAndTax(p.Subtotal, p.Tax, p.Shipping, p.Total, p.Currency); !strings.Contains(tt.ordered, got) {
				t.Errorf("itemsAndTax %q is not in %q", got, tt.ordered)
			}
			u := store.Subscription{ID: "sub_1", CustomerID: "cus_demo", State: store.SubscriptionActive, Mode: "sandbox", ProductID: "bw-sub-1",
				SellerID: "brightwell", SellerName: "Brightwell Pharmacy", Title: "Oral-B iO Heads x4 - every 3 months", Quantity: 1,
				Interval: "month", Every: 3, Amount: tt.total, Currency: tt.currency, Subtotal: tt.subtotal, Shipping: tt.shipping, Tax: tt.tax,
				Anchor: at, NextCycle: 1, NextDueAt: at.AddDate(0, 3, 0), OpenCycle: -1, CreatedAt: at, UpdatedAt: at}
			v := subscriptionOf(u, nil)
			if v.CycleCharges == nil || v.CycleCharges.TaxIncluded != tt.included {
				t.Fatalf("cycle_charges %+v, want shown with tax_included %v", v.CycleCharges, tt.included)
			}
			if got := v.chargeText(); !strings.HasSuffix(got, tt.cycle) {
				t.Errorf("charge %q, want it to end %q", got, tt.cycle)
			}
		})
	}
}
