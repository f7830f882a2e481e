package seller

import (
	"fmt"
	"strings"
	"time"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
)

// The reference Seller's delivery and tax rules. They are demo rules: small, fixed
// tables that make totals move the way a real seller's do (shipping depends on the
// basket and the speed, tax on where the goods go), not any real carrier's or tax
// authority's rates. Amounts are minor units of the session's currency, whatever it is.
//
// Delivery:
//   - A session whose lines are all digital items offers one option, digital delivery,
//     free, and needs no address.
//   - A session with any physical item needs fulfillment_details with an address (until
//     it has one it is not_ready_for_payment with a "missing" message at
//     $.fulfillment_details.address) and then offers two shipping speeds:
//     standard (5–7 days after the session opened): StandardShipping, free when the
//     items come to FreeShippingOver or more; express (1–2 days): ExpressShipping.
//   - The cheapest option is selected until the buyer selects another with
//     selected_fulfillment_options.
//
// Tax: TaxRates by country (ISO 3166-1 alpha-2) and region, in basis points of each
// line's amount (shipping is not taxed), rounded half up per line; a country or region
// without a row pays no tax. Digital items are taxed where their buyer's address is,
// or not at all without an address. Where consumer prices include the tax (VAT:
// PricesIncludeTax, GB and the EU countries of the table) the price is what the
// buyer pays and the tax line is the tax in it, amount × rate / (1 + rate), rounded
// half up per line; elsewhere (US sales tax, Canada's GST) it is added on top.
const (
	StandardShipping = 599
	FreeShippingOver = 5000
	ExpressShipping  = 1499

	OptionStandard = "standard"
	OptionExpress  = "express"
	OptionDigital  = "digital"
)

// TaxRates are the demo tax rates in basis points, keyed "CC" (a country) or "CC-RR"
// (a region of it, which takes precedence).
var TaxRates = map[string]int64{
	"US-CA": 725, "US-NY": 400, "US-TX": 625, "US-WA": 650, "US-IL": 625, "US-MA": 625,
	"CA": 500, "GB": 2000, "DE": 1900, "FR": 2000, "NL": 2100, "IE": 2300,
}

// PricesIncludeTax are the countries whose consumer prices include their tax (VAT):
// the UK's and the EU's. A line's price to an address there is what is paid, tax in
// it; to anywhere else the tax is added to the price.
var PricesIncludeTax = map[string]bool{
	"GB": true, "IE": true, "DE": true, "FR": true, "NL": true, "AT": true, "BE": true, "BG": true, "HR": true,
	"CY": true, "CZ": true, "DK": true, "EE": true, "FI": true, "GR": true, "HU": true, "IT": true, "LV": true,
	"LT": true, "LU": true, "MT": true, "PL": true, "PT": true, "RO": true, "SK": true, "SI": true, "ES": true, "SE": true,
}

// taxIncluded reports whether prices to a include its tax (nil: no address, no tax).
func taxIncluded(a *acp.Address) bool {
	return a != nil && PricesIncludeTax[strings.ToUpper(strings.TrimSpace(a.Country))]
}

// taxRate is the rate for an address, 0 without one.
func taxRate(a *acp.Address) int64 {
	if a == nil {
		return 0
	}
	country := strings.ToUpper(strings.TrimSpace(a.Country))
	if r, ok := TaxRates[country+"-"+strings.ToUpper(strings.TrimSpace(a.State))]; ok {
		return r
	}
	return TaxRates[country]
}

// lineTax is the tax of an amount at rate basis points, rounded half up: added to the
// amount, or (included) the part of the amount that is tax, amount × rate / (10000 +
// rate): 2500 at 2000 (20%) is 416.67, so 417; 2999 is 499.83, so 500.
func lineTax(amount, rate int64, included bool) int64 {
	if !included {
		// In two parts, so that no amount a session accepts can overflow.
		return amount/10000*rate + (amount%10000*rate+5000)/10000
	}
	d := 10000 + rate
	return amount/d*rate + (2*(amount%d)*rate+d)/(2*d)
}

// address is the session's delivery address, nil when it has none.
func (ss *session) address() *acp.Address {
	if ss.fulfillment == nil {
		return nil
	}
	return ss.fulfillment.Address
}

// physical reports whether any line must be shipped.
func (ss *session) physical() bool {
	for _, l := range ss.lines {
		if !l.item.Digital {
			return true
		}
	}
	return false
}

// options are the fulfillment options the session offers now.
func (ss *session) options() []acp.FulfillmentOption {
	total := func(n int64) []acp.Total {
		return []acp.Total{{Type: acp.TotalFulfillment, DisplayText: "Delivery", Amount: n}, {Type: acp.TotalTotal, DisplayText: "Total", Amount: n}}
	}
	if !ss.physical() {
		return []acp.FulfillmentOption{{Type: acp.FulfillmentDigital, ID: OptionDigital, Title: "Digital delivery",
			Description: "Free; delivered by email right after payment", Totals: total(0)}}
	}
	if !validAddress(ss.address()) {
		return []acp.FulfillmentOption{}
	}
	standard := int64(StandardShipping)
	if ss.itemsTotal() >= FreeShippingOver {
		standard = 0
	}
	day := 24 * time.Hour
	return []acp.FulfillmentOption{
		{Type: acp.FulfillmentShipping, ID: OptionStandard, Title: "Standard shipping", Carrier: "Demo Post",
			Description:          fmt.Sprintf("5–7 days; free on orders of %d.%02d or more", FreeShippingOver/100, FreeShippingOver%100),
			EarliestDeliveryTime: ss.created.Add(5 * day).UTC(), LatestDeliveryTime: ss.created.Add(7 * day).UTC(), Totals: total(standard)},
		{Type: acp.FulfillmentShipping, ID: OptionExpress, Title: "Express shipping", Carrier: "Demo Post Express",
			Description:          "1–2 days",
			EarliestDeliveryTime: ss.created.Add(day).UTC(), LatestDeliveryTime: ss.created.Add(2 * day).UTC(), Totals: total(ExpressShipping)},
	}
}

// validAddress reports whether a can be shipped to: the fields a label needs are there.
// A postal code is not among them, since some countries have none.
func validAddress(a *acp.Address) bool {
	return a != nil && strings.TrimSpace(a.LineOne) != "" && strings.TrimSpace(a.City) != "" &&
		len(strings.TrimSpace(a.Country)) == 2
}

// optionCost is what option id costs, and whether the session offers it.
func (ss *session) optionCost(id string) (int64, bool) {
	for _, o := range ss.options() {
		if o.ID == id {
			for _, t := range o.Totals {
				if t.Type == acp.TotalTotal {
					return t.Amount, true
				}
			}
			return 0, true
		}
	}
	return 0, false
}

// cheapest is the id of the cheapest option offered ("" when none).
func (ss *session) cheapest() string {
	id, best := "", int64(-1)
	for _, o := range ss.options() {
		c, _ := ss.optionCost(o.ID)
		if best < 0 || c < best {
			id, best = o.ID, c
		}
	}
	return id
}

// fulfillmentMessages says what stops the session from being delivered: a physical
// session without a usable address.
func (ss *session) fulfillmentMessages() []acp.Message {
	if !ss.physical() {
		return nil
	}
	switch a := ss.address(); {
	case a == nil:
		return []acp.Message{{Type: acp.MessageError, Code: acp.CodeMissing, Param: "$.fulfillment_details.address", ContentType: "plain",
			Resolution: acp.ResolutionRequiresBuyerInput, Content: "A delivery address is required to ship these items."}}
	case !validAddress(a):
		return []acp.Message{{Type: acp.MessageError, Code: acp.CodeInvalid, Param: "$.fulfillment_details.address", ContentType: "plain",
			Resolution: acp.ResolutionRequiresBuyerInput, Content: "The delivery address needs a street line, a city, a postal code and a two-letter country code."}}
	}
	return nil
}

// shipping is the cost of the selected option.
func (ss *session) shipping() int64 {
	c, _ := ss.optionCost(ss.selected)
	return c
}

// itemsTotal is the sum of the lines.
func (ss *session) itemsTotal() int64 {
	var sum int64
	for _, l := range ss.lines {
		sum += l.total
	}
	return sum
}

// tax is the sum of the lines' tax, added to them or included in them (taxIncluded).
func (ss *session) tax() int64 {
	rate, included := taxRate(ss.address()), taxIncluded(ss.address())
	var sum int64
	for _, l := range ss.lines {
		sum += lineTax(l.total, rate, included)
	}
	return sum
}

// addedTax is the tax the total adds to the items and delivery: none where prices
// include it.
func (ss *session) addedTax() int64 {
	if taxIncluded(ss.address()) {
		return 0
	}
	return ss.tax()
}

// selectOptions applies the buyer's choice of fulfillment options: each must be one
// the session offers now (the reference Seller applies one option to every line).
func (ss *session) selectOptions(sel []acp.SelectedFulfillmentOption) *acp.Error {
	for i, o := range sel {
		if _, ok := ss.optionCost(o.OptionID); !ok {
			var ids []string
			for _, offered := range ss.options() {
				ids = append(ids, fmt.Sprintf("%q", offered.ID))
			}
			msg := "this session offers no fulfillment option yet"
			if len(ids) > 0 {
				msg = "the fulfillment options of this session are " + strings.Join(ids, ", ")
			}
			return &acp.Error{Type: acp.ErrorInvalidRequest, Code: acp.CodeInvalid,
				Param: fmt.Sprintf("$.selected_fulfillment_options[%d].option_id", i), Message: msg}
		}
		ss.selected = o.OptionID
	}
	ss.reprice()
	return nil
}
