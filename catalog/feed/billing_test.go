package feed

import (
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

// TestBillingColumns checks that the subscription columns of a flat feed become the
// product's Billing, and that unreadable or orphaned ones reject the row by name.
func TestBillingColumns(t *testing.T) {
	const head = "item_id,title,price,seller_name,billing_interval,billing_interval_count,trial_days\n"
	tests := []struct {
		name   string
		row    string
		want   *catalog.Billing
		reject string // part of the row's rejection; "" when it is accepted
	}{
		{"one-time", "A,Mug,3 USD,S,,,", nil, ""},
		{"monthly", "A,Coffee,18 USD,S,month,,", &catalog.Billing{Interval: catalog.Month, Every: 1}, ""},
		{"every two weeks with trial", "A,Box,18 USD,S,Weekly,2,7", &catalog.Billing{Interval: catalog.Week, Every: 2, TrialDays: 7}, ""},
		{"yearly", "A,Plan,99 USD,S,annual,1,30", &catalog.Billing{Interval: catalog.Year, Every: 1, TrialDays: 30}, ""},
		{"unknown interval", "A,Plan,9 USD,S,fortnight,,", nil, "billing_interval"},
		{"count without interval", "A,Plan,9 USD,S,,3,", nil, "needs a billing_interval"},
		{"trial without interval", "A,Plan,9 USD,S,,,14", nil, "needs a billing_interval"},
		{"more than a year apart", "A,Plan,9 USD,S,month,13,", nil, "billing_interval_count must be between 1 and 12"},
		{"negative trial", "A,Plan,9 USD,S,month,1,-1", nil, "trial_days must be between 0 and 730"},
		{"text count", "A,Plan,9 USD,S,month,two,", nil, "billing_interval_count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, strings.NewReader(head+tt.row+"\n"), "f.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.reject != "" {
				if len(got.rejects) != 1 || !strings.Contains(got.rejects[0], tt.reject) {
					t.Fatalf("rejects = %q, want one naming %q", got.rejects, tt.reject)
				}
				return
			}
			if len(got.rejects) > 0 {
				t.Fatalf("rejected: %q", got.rejects)
			}
			b := got.products["A"].Billing
			if (b == nil) != (tt.want == nil) || b != nil && *b != *tt.want {
				t.Fatalf("Billing = %+v, want %+v", b, tt.want)
			}
		})
	}
}
