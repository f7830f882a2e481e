package seller_test

import (
	"context"
	"errors"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout/acp"
	"github.com/commerce-mcp/commerce-mcp/internal/sandbox/seller"
)

// The reference seller's demo delivery and tax tables: shipped goods need an address,
// then offer standard (free from the threshold) and express; the cheapest is selected
// until another is; tax follows the address's country and region; digital goods are
// delivered digitally, free, without an address.
func TestSellerDeliveryAndTax(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	total := func(s *acp.CheckoutSession, typ acp.TotalType) int64 { n, _ := s.Total(typ); return n }
	to := func(country, region string) *acp.FulfillmentDetails {
		return &acp.FulfillmentDetails{Name: "Ada", Address: &acp.Address{Name: "Ada", LineOne: "1 Main St", City: "Somewhere",
			State: region, Country: country, PostalCode: "12345"}}
	}

	s := e.create(acp.Item{ID: "chair", Quantity: 1})
	if s.Status != acp.StatusNotReadyForPayment || !s.HasError(acp.CodeMissing) || len(s.FulfillmentOptions) != 0 {
		t.Fatalf("no address: %s %+v", s.Status, s.Messages)
	}
	tests := []struct {
		name                  string
		details               *acp.FulfillmentDetails
		items                 []acp.Item
		option                string
		selected              string
		shipping, tax, amount int64
		included              bool // the tax is in the amount (VAT), not added to it
	}{
		{"California, standard", to("US", "CA"), []acp.Item{{ID: "chair", Quantity: 1}}, "", seller.OptionStandard, seller.StandardShipping, 326, 4500, false},
		{"California, express", to("US", "CA"), []acp.Item{{ID: "chair", Quantity: 1}}, seller.OptionExpress, seller.OptionExpress, seller.ExpressShipping, 326, 4500, false},
		{"free standard from the threshold", to("US", "OR"), []acp.Item{{ID: "chair", Quantity: 1}, {ID: "lamp", Quantity: 1}}, "", seller.OptionStandard, 0, 0, 6499, false},
		{"Canada's tax added", to("CA", "ON"), []acp.Item{{ID: "lamp", Quantity: 1}}, "", seller.OptionStandard, seller.StandardShipping, 100, 1999, false},
		// VAT is in the price: 1999 × 19/119 = 319.17, so 319; the total is the price.
		{"German VAT included", to("DE", ""), []acp.Item{{ID: "lamp", Quantity: 1}}, "", seller.OptionStandard, seller.StandardShipping, 319, 1999, true},
		// 4500 × 20/120 = 750 exactly; standard delivery is not taxed.
		{"UK VAT included", to("GB", ""), []acp.Item{{ID: "chair", Quantity: 1}}, "", seller.OptionStandard, seller.StandardShipping, 750, 4500, true},
		// Per line, rounded half up: chair 4500 × 23/123 = 841.46 → 841, lamp 1999 × 23/123 = 373.80 → 374.
		{"Irish VAT included, per line", to("IE", ""), []acp.Item{{ID: "chair", Quantity: 1}, {ID: "lamp", Quantity: 1}}, "", seller.OptionStandard, 0, 1215, 6499, true},
		{"a lower-case country code", to("nl", ""), []acp.Item{{ID: "lamp", Quantity: 2}}, seller.OptionExpress, seller.OptionExpress, seller.ExpressShipping, 694, 3998, true},
		{"region rate over country", to("US", "NY"), []acp.Item{{ID: "lamp", Quantity: 2}}, "", seller.OptionStandard, seller.StandardShipping, 160, 3998, false},
		{"a country without postal codes", &acp.FulfillmentDetails{Name: "Ada", Address: &acp.Address{Name: "Ada", LineOne: "1 Queen's Road",
			City: "Hong Kong", Country: "HK"}}, []acp.Item{{ID: "lamp", Quantity: 1}}, "", seller.OptionStandard, seller.StandardShipping, 0, 1999, false},
		{"digital without an address", nil, []acp.Item{{ID: "mug", Quantity: 1}}, "", seller.OptionDigital, 0, 0, 1250, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := e.client.Create(ctx, acp.CreateRequest{LineItems: tt.items, Currency: "usd", FulfillmentDetails: tt.details}, e.key())
			if err == nil && tt.option != "" {
				s, err = e.client.Update(ctx, s.ID, acp.UpdateRequest{SelectedFulfillmentOptions: []acp.SelectedFulfillmentOption{{OptionID: tt.option}}}, e.key())
			}
			if err != nil || s.Status != acp.StatusReadyForPayment {
				t.Fatalf("session: %+v, %v", s, err)
			}
			if len(s.SelectedFulfillmentOptions) != 1 || s.SelectedFulfillmentOptions[0].OptionID != tt.selected {
				t.Errorf("selected %+v, want %s", s.SelectedFulfillmentOptions, tt.selected)
			}
			want := tt.amount + tt.shipping + tt.tax
			if tt.included {
				want = tt.amount + tt.shipping
			}
			if total(s, acp.TotalSubtotal) != tt.amount || total(s, acp.TotalFulfillment) != tt.shipping || total(s, acp.TotalTax) != tt.tax ||
				total(s, acp.TotalTotal) != want {
				t.Errorf("totals %+v, want items %d shipping %d tax %d total %d", s.Totals, tt.amount, tt.shipping, tt.tax, want)
			}
			var lines int64 // the lines' totals add up to the items and the tax they add
			for _, l := range s.LineItems {
				for _, t := range l.Totals {
					if t.Type == acp.TotalTotal {
						lines += t.Amount
					}
				}
			}
			if lines != want-tt.shipping {
				t.Errorf("lines' totals %d, want %d", lines, want-tt.shipping)
			}
		})
	}
	// An option the session does not offer is refused and changes nothing.
	s, err := e.client.Create(ctx, acp.CreateRequest{LineItems: []acp.Item{{ID: "mug"}}, Currency: "usd"}, e.key())
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.client.Update(ctx, s.ID, acp.UpdateRequest{SelectedFulfillmentOptions: []acp.SelectedFulfillmentOption{{OptionID: seller.OptionExpress}}}, e.key())
	var pe *acp.Error
	if !errors.As(err, &pe) || pe.Param != "$.selected_fulfillment_options[0].option_id" {
		t.Errorf("express for a digital item: %v", err)
	}
	if got, err := e.client.Get(ctx, s.ID); err != nil || got.SelectedFulfillmentOptions[0].OptionID != seller.OptionDigital {
		t.Errorf("after the refused update: %+v, %v", got, err)
	}
}
