package catalog

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// cardByEncoder is how cardOf wrote a card before jsonwrite.go: the reference it is
// held equal to.
func cardByEncoder(p *Product) string {
	var stock any
	if p.Stock != nil {
		stock = *p.Stock
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode([cardFields]any{p.ID, p.SellerID, p.Title, p.Brand, p.Category, p.Price.Amount,
		p.Price.Currency, stock, string(p.Availability), p.Rating, p.ReviewCount, p.URL, p.ImageURL,
		encodeBilling(p.Billing)})
	return strings.TrimSuffix(b.String(), "\n")
}

// FuzzJSONWriteEqualsEncodingJSON holds the JSON written without reflection (cards,
// tags, attributes, category keys) equal, byte for byte, to what encoding/json writes.
func FuzzJSONWriteEqualsEncodingJSON(f *testing.F) {
	f.Add("Belara Echo Body Mist, 1.5 L", "Beauty & Personal Care > Fragrance", 4.9, int64(15699), true)
	f.Add(`say "hi" \ back`, "<b>x</b>\u2028\u2029", 0.0, int64(0), false)
	f.Add("tab\tnew\nline\x01\x7f", "caf\xe9 \xff\xfe", 1e-7, int64(-5), true)
	f.Add("Crème brûlée ☕", "日本語 \U0001F600", 3.333333333333333, int64(1)<<62, false)
	f.Add("", "", 5.0, int64(math.MinInt64), true)
	f.Add("a", "b", math.Copysign(0, -1), int64(7), false)
	f.Fuzz(func(t *testing.T, a, b string, rating float64, n int64, stocked bool) {
		list := []string{a, b, a + b}
		want, _ := json.Marshal(list)
		if got := jsonStrings(list); got != string(want) {
			t.Errorf("jsonStrings(%q) = %s, want %s", list, got, want)
		}
		m := map[string]string{a: b, b: a, "k" + a: ""}
		want, _ = json.Marshal(m)
		if got := jsonObject(m); got != string(want) {
			t.Errorf("jsonObject(%q) = %s, want %s", m, got, want)
		}
		if math.IsNaN(rating) || math.IsInf(rating, 0) {
			return // Normalize refuses them: no card has one
		}
		p := Product{ID: a, SellerID: b, Title: a + " " + b, Brand: b, Category: a + " > " + b, URL: "https://x.test/?" + a,
			ImageURL: b, Rating: rating, ReviewCount: n, Availability: Availability(a)}
		p.Price.Amount, p.Price.Currency = n, b
		if stocked {
			p.Stock = &n
			p.Billing = &Billing{Interval: "month", Every: int(n % 1000), TrialDays: 3}
		}
		if got, want := cardOf(&p), cardByEncoder(&p); got != want {
			t.Errorf("cardOf = %s\nwant   %s", got, want)
		}
	})
}

func TestJSONStringsEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		list []string
	}{{"nil", nil}, {"empty", []string{}}} {
		t.Run(tc.name, func(t *testing.T) {
			if got := jsonStrings(tc.list); got != "[]" {
				t.Errorf("jsonStrings(%#v) = %s, want []", tc.list, got)
			}
		})
	}
}
