package catalog

import (
	"strconv"
	"strings"
	"time"
)

// Interval is how often a subscription product bills.
type Interval string

// Billing intervals (Stripe's recurring.interval values).
const (
	Day   Interval = "day"
	Week  Interval = "week"
	Month Interval = "month"
	Year  Interval = "year"
)

// MaxTrialDays bounds a free trial (two years); maxEvery bounds the interval count so
// that bills are at most a year apart, as Stripe's.
const MaxTrialDays = 730

var maxEvery = map[Interval]int{Day: 365, Week: 52, Month: 12, Year: 1}

// Billing are the terms of a subscription product: it bills its price every Every
// Intervals, after a free trial of TrialDays days (0 for none). A product without
// Billing is bought once.
type Billing struct {
	Interval  Interval
	Every     int
	TrialDays int
}

// ParseInterval maps the spellings feeds use ("month", "Monthly", "MONTHS") to an
// Interval; it reports false for anything else.
func ParseInterval(s string) (Interval, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "day", "days", "daily":
		return Day, true
	case "week", "weeks", "weekly":
		return Week, true
	case "month", "months", "monthly":
		return Month, true
	case "year", "years", "yearly", "annual", "annually":
		return Year, true
	}
	return "", false
}

// Normalize checks b: a known interval, 1 ≤ Every ≤ a year's worth, 0 ≤ TrialDays ≤
// MaxTrialDays. Every 0 means 1.
func (b *Billing) Normalize() error {
	iv, ok := ParseInterval(string(b.Interval))
	if !ok {
		return &FieldError{Field: "billing_interval", Problem: FieldNotOneOf, Value: string(b.Interval),
			OneOf: []string{string(Day), string(Week), string(Month), string(Year)}}
	}
	b.Interval = iv
	if b.Every == 0 {
		b.Every = 1
	}
	if b.Every < 1 || b.Every > maxEvery[iv] {
		return &FieldError{Field: "billing_interval_count", Problem: FieldOutOfRange, Min: 1, Max: float64(maxEvery[iv])}
	}
	if b.TrialDays < 0 || b.TrialDays > MaxTrialDays {
		return &FieldError{Field: "trial_days", Problem: FieldOutOfRange, Min: 0, Max: MaxTrialDays}
	}
	return nil
}

// Due returns the date of cycle n (0 for the first) of a subscription whose first
// cycle is at anchor: anchor plus n·Every Intervals. Months and years count from the
// anchor, not from the cycle before, and a day past the end of a shorter month is
// that month's last day (a subscription anchored on 31 January renews on 28 or 29
// February, then on 31 March).
func (b Billing) Due(anchor time.Time, n int) time.Time {
	every := max(b.Every, 1)
	switch b.Interval {
	case Day:
		return anchor.AddDate(0, 0, n*every)
	case Week:
		return anchor.AddDate(0, 0, 7*n*every)
	case Year:
		return addMonths(anchor, 12*n*every)
	}
	return addMonths(anchor, n*every)
}

func addMonths(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// CyclesPerYear is how many times a year the subscription bills (rounded down for
// days; at least 1).
func (b Billing) CyclesPerYear() int {
	every := max(b.Every, 1)
	switch b.Interval {
	case Day:
		return max(365/every, 1)
	case Week:
		return max(52/every, 1)
	case Year:
		return 1
	}
	return max(12/every, 1)
}

// encodeBilling is a product's billing as its card holds it: "" for a one-time
// product, else "interval/every/trial_days".
func encodeBilling(b *Billing) string {
	if b == nil {
		return ""
	}
	return string(b.Interval) + "/" + strconv.Itoa(b.Every) + "/" + strconv.Itoa(b.TrialDays)
}

func decodeBilling(s string) (*Billing, bool) {
	if s == "" {
		return nil, true
	}
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return nil, false
	}
	every, err1 := strconv.Atoi(parts[1])
	trial, err2 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil {
		return nil, false
	}
	return &Billing{Interval: Interval(parts[0]), Every: every, TrialDays: trial}, true
}

// billing returns p's billing terms as stored: the zero Billing for a product bought
// once.
func (p *Product) billing() Billing {
	if p.Billing == nil {
		return Billing{}
	}
	return *p.Billing
}

// onSale reports whether p has a list price (the attribute list_price, which the
// imports keep only above the price): what products.on_sale stores (FilterOnSale).
func (p *Product) onSale() bool {
	return p.Attributes["list_price"] != ""
}

// genderAttr is p's attribute gender lower-cased, what products.gender stores
// (FilterGender).
func (p *Product) genderAttr() string {
	return strings.ToLower(strings.TrimSpace(p.Attributes["gender"]))
}

// ageAttr is p's attribute age_group lower-cased, what products.age stores
// (FilterAge; migration 0051).
func (p *Product) ageAttr() string {
	return strings.ToLower(strings.TrimSpace(p.Attributes["age_group"]))
}
