package checkout_test

import (
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/checkout"
)

func TestTaxIncluded(t *testing.T) {
	tests := []struct {
		name                           string
		subtotal, shipping, tax, total int64
		want                           bool
	}{
		{"US sales tax added", 4500, 599, 326, 5425, false},
		{"UK VAT in the price", 4500, 599, 750, 5099, true},
		{"VAT in the price, free delivery", 6499, 0, 1215, 6499, true},
		{"no tax", 1999, 599, 0, 2598, false},
		{"totals that add up neither way", 1999, 599, 100, 2000, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checkout.TaxIncluded(tt.subtotal, tt.shipping, tt.tax, tt.total); got != tt.want {
				t.Errorf("TaxIncluded(%d, %d, %d, %d) = %v, want %v", tt.subtotal, tt.shipping, tt.tax, tt.total, got, tt.want)
			}
		})
	}
}
