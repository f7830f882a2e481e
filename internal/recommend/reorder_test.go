package recommend

import (
	"math"
	"testing"
	"time"
)

func TestReorders(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	ago := func(days float64) time.Time { return now.Add(-time.Duration(days * 24 * float64(time.Hour))) }
	buy := func(id string, days ...float64) []Purchase {
		var out []Purchase
		for _, d := range days {
			out = append(out, Purchase{ProductID: id, At: ago(d)})
		}
		return out
	}
	tests := []struct {
		name     string
		hist     []Purchase // newest first
		want     bool
		days     int
		interval float64
	}{
		{name: "bought once", hist: buy("beans", 10)},
		{name: "twice the same day is one purchase", hist: buy("beans", 10, 10.5)},
		{name: "twice", hist: buy("beans", 10, 40), want: true, days: 2, interval: 30},
		{name: "median of the gaps", hist: buy("beans", 0, 28, 58, 148), want: true, days: 4, interval: 30},
		{name: "median of an even number of gaps", hist: buy("beans", 0, 20, 60), want: true, days: 3, interval: 30},
		{name: "same-day repeats do not shorten the interval", hist: buy("beans", 5, 5.2, 35, 35.1), want: true, days: 2, interval: 30},
		{name: "blank id and unknown time are left out", hist: append(buy("", 1, 30), Purchase{ProductID: "beans"}, Purchase{ProductID: "beans"})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			all := reorders(tc.hist)
			o, ok := all["beans"]
			if ok != tc.want || len(all) != map[bool]int{false: 0, true: 1}[tc.want] {
				t.Fatalf("reorders = %+v, want beans: %v", all, tc.want)
			}
			if !ok {
				return
			}
			if o.days != tc.days || math.Abs(o.interval-tc.interval) > 1e-9 || !o.last.Equal(tc.hist[0].At) {
				t.Errorf("reorder = %+v, want %d days every %g, last %v", o, tc.days, tc.interval, tc.hist[0].At)
			}
		})
	}
}

func TestDue(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	o := reorder{days: 3, interval: 30}
	at := func(sinceDays float64) float64 {
		o.last = now.Add(-time.Duration(sinceDays * 24 * float64(time.Hour)))
		return o.due(now)
	}
	if d := at(30); math.Abs(d-1) > 1e-9 {
		t.Errorf("due at the usual interval = %g, want 1", d)
	}
	if a, b := at(15), at(60); math.Abs(a-b) > 1e-9 || a < 0.3 || a > 0.45 {
		t.Errorf("due at half and twice the interval = %g and %g, want equal, about 0.38", a, b)
	}
	for _, tc := range []struct{ lo, hi float64 }{{1, 10}, {10, 20}, {20, 29}, {31, 45}, {45, 90}, {90, 365}} {
		if a, b := at(tc.lo), at(tc.hi); tc.hi < 30 && a >= b || tc.lo > 30 && a <= b {
			t.Errorf("due at %g days = %g, at %g days = %g: want it to rise towards the interval and fall after", tc.lo, a, tc.hi, b)
		}
	}
	if d := at(0); d != 0 {
		t.Errorf("due just after a purchase = %g, want 0", d)
	}
	if d := (reorder{interval: 0, last: now.AddDate(0, 0, -5)}).due(now); d != 0 {
		t.Errorf("due with no interval = %g, want 0", d)
	}
}

func TestDueAgainReason(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		interval float64
		last     time.Time
		want     string
	}{
		{30, time.Date(2025, 5, 2, 9, 0, 0, 0, time.UTC), "You have ordered this 3 times, about every 4 weeks, last on 2 May: due again"},
		{9, time.Date(2025, 5, 23, 9, 0, 0, 0, time.UTC), "You have ordered this 3 times, about every 9 days, last on 23 May: due again"},
		{1.2, time.Date(2025, 5, 31, 9, 0, 0, 0, time.UTC), "You have ordered this 3 times, about every day, last on 31 May: due again"},
		{90, time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC), "You have ordered this 3 times, about every 3 months, last on 20 December 2024: due again"},
	}
	for _, tc := range tests {
		if got := dueAgain(3, reorder{days: 2, interval: tc.interval, last: tc.last}, now); got != tc.want {
			t.Errorf("dueAgain(%g days) = %q, want %q", tc.interval, got, tc.want)
		}
	}
}
