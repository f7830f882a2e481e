package recommend

import (
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

func TestParseContextPrice(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		in       string
		min, max *float64
		phrase   string
	}{
		{in: "a gift for a runner under $100", max: f(100), phrase: "under $100"},
		{in: "headphones below 49.99", max: f(49.99), phrase: "below 49.99"},
		{in: "tent less than $ 300, please", max: f(300), phrase: "less than $ 300"},
		{in: "something over $50", min: f(50), phrase: "over $50"},
		{in: "coffee between 20 and 40", min: f(20), max: f(40), phrase: "between 20 and 40"},
		{in: "shoes $60-$120", min: f(60), max: f(120), phrase: "$60-$120"},
		{in: "shoes $60 to 120", min: f(60), max: f(120), phrase: "$60 to 120"},
		{in: "a board game up to 40 dollars", max: f(40), phrase: "up to 40 dollars"},
		{in: "a board game for up to 4 players"},
		{in: "a 65W charger over 30W"},
		{in: "2-person tent"},
		{in: "sleeping bag 10 to 20 degrees"},
		{in: "no price here"},
		{in: "$90-$30 backwards"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got := parseContextPrice(tc.in)
			if !sameBound(got.min, tc.min) || !sameBound(got.max, tc.max) || got.phrase != tc.phrase {
				t.Errorf("got min %v max %v phrase %q; want %v %v %q", deref(got.min), deref(got.max), got.phrase, deref(tc.min), deref(tc.max), tc.phrase)
			}
			if tc.phrase != "" && strings.Contains(got.rest, tc.phrase) {
				t.Errorf("rest %q still holds the phrase", got.rest)
			}
			if tc.phrase == "" && got.rest != tc.in {
				t.Errorf("rest %q, want the input unchanged", got.rest)
			}
		})
	}
}

func sameBound(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

func TestDropFillers(t *testing.T) {
	tests := []struct{ in, want string }{
		{"something for someone who loves tea", "tea"},
		{"a gift for a runner", "runner"},
		{"gifts", "gifts"},                   // nothing but fillers: kept
		{"something nice", "something nice"}, // nothing but fillers: kept
	}
	for _, tc := range tests {
		if got := strings.Join(dropFillers(catalog.Words(tc.in)), " "); got != tc.want {
			t.Errorf("dropFillers(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestForPursuits(t *testing.T) {
	tests := []struct {
		in, want string
		said     map[string]string
	}{
		{"a gift for a runner", "run", map[string]string{"run": "runner"}},
		{"something for hikers who camp", "hike camp", map[string]string{"hike": "hikers"}},
		{"for my brother, a keen runner and runner", "brother keen run", map[string]string{"run": "runner"}},
		{"table runner for the kitchen", "table runner kitchen", map[string]string{}}, // a product, not a person
		{"gardening gloves for a gardener", "gardening gloves garden", map[string]string{"garden": "gardener"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			words, said := forPursuits(dropFillers(catalog.Words(tc.in)), tc.in)
			if got := strings.Join(words, " "); got != tc.want || len(said) != len(tc.said) {
				t.Fatalf("forPursuits(%q) = %q, %v; want %q, %v", tc.in, got, said, tc.want, tc.said)
			}
			for k, v := range tc.said {
				if said[k] != v {
					t.Errorf("said[%q] = %q, want %q", k, said[k], v)
				}
			}
		})
	}
}

// deref shows a *float64 in test messages.
func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}
