package checkout_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
	"github.com/commerce-mcp/commerce-mcp/store"
)

// TestOptionSubstituted: a checkout's seller order delivers other than by the option
// asked for when its seller chose another (it does not offer it) or named none.
func TestOptionSubstituted(t *testing.T) {
	by := func(id string) *store.Purchase {
		return &store.Purchase{Fulfillment: &store.Fulfillment{FulfillmentOption: store.FulfillmentOption{ID: id}}}
	}
	for _, tc := range []struct {
		name  string
		asked string
		ps    []*store.Purchase
		want  bool
	}{
		{"none asked", "", []*store.Purchase{by("standard")}, false},
		{"every seller offers it", "express", []*store.Purchase{by("express"), by("express")}, false},
		{"one seller of two does not", "express", []*store.Purchase{by("express"), by("digital")}, true},
		{"no seller does", "teleport", []*store.Purchase{by("standard"), by("standard")}, true},
		{"a seller that names no delivery", "express", []*store.Purchase{by("express"), {}}, true},
		{"no seller orders", "express", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkout.OptionSubstituted(tc.asked, tc.ps); got != tc.want {
				t.Errorf("OptionSubstituted(%q) = %v, want %v", tc.asked, got, tc.want)
			}
		})
	}
}
