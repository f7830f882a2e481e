package catalog

import (
	"testing"
	"time"
)

// TestBillingDue checks cycle dates: counted from the anchor, clamped to the end of
// shorter months, never drifting.
func TestBillingDue(t *testing.T) {
	jan31 := time.Date(2027, 1, 31, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		b    Billing
		n    int
		want time.Time
	}{
		{"first cycle is the anchor", Billing{Interval: Month, Every: 1}, 0, jan31},
		{"month clamps to February's end", Billing{Interval: Month, Every: 1}, 1, time.Date(2027, 2, 28, 9, 30, 0, 0, time.UTC)},
		{"and comes back to the 31st", Billing{Interval: Month, Every: 1}, 2, time.Date(2027, 3, 31, 9, 30, 0, 0, time.UTC)},
		{"every three months", Billing{Interval: Month, Every: 3}, 1, time.Date(2027, 4, 30, 9, 30, 0, 0, time.UTC)},
		{"weekly", Billing{Interval: Week, Every: 2}, 3, jan31.AddDate(0, 0, 42)},
		{"daily", Billing{Interval: Day, Every: 1}, 10, jan31.AddDate(0, 0, 10)},
		{"yearly from a leap day", Billing{Interval: Year, Every: 1}, 1, time.Date(2029, 2, 28, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			anchor := jan31
			if tt.b.Interval == Year {
				anchor = time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)
			}
			if got := tt.b.Due(anchor, tt.n); !got.Equal(tt.want) {
				t.Errorf("Due(%d) = %v, want %v", tt.n, got, tt.want)
			}
		})
	}
}
