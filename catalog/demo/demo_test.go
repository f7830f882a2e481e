package demo

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/commerce-mcp/commerce-mcp/catalog"
)

func TestDeterministic(t *testing.T) {
	tests := []struct {
		name string
		make func() any
	}{
		{"Sellers", func() any { return Sellers() }},
		{"Products", func() any { return Products() }},
		{"Generate", func() any { s, p := Generate(2000, 42); return []any{s, p} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a, b := tt.make(), tt.make(); !reflect.DeepEqual(a, b) {
				t.Error("two calls returned different values")
			}
		})
	}
	_, a := Generate(500, 1)
	_, b := Generate(500, 2)
	if reflect.DeepEqual(a, b) {
		t.Error("Generate ignores its seed")
	}
}

func TestDemoCounts(t *testing.T) {
	sellers, products := Sellers(), Products()
	cats := map[string]bool{}
	brands := map[string]int{}
	for _, p := range products {
		cats[p.Category] = true
		brands[p.Brand]++
	}
	bigBrands := 0
	for _, n := range brands {
		if n >= 5 {
			bigBrands++
		}
	}
	tests := []struct {
		name     string
		got, min int
	}{
		{"products", len(products), 360},
		{"categories", len(cats), 14},
		{"sellers", len(sellers), 3},
		{"brands with at least 5 products", bigBrands, 6},
	}
	for _, tt := range tests {
		if tt.got < tt.min {
			t.Errorf("%s: %d, want at least %d", tt.name, tt.got, tt.min)
		}
	}
	for c := range cats {
		if n := strings.Count(c, " > ") + 1; n < 2 || n > 3 {
			t.Errorf("category %q has %d levels, want 2 or 3", c, n)
		}
	}
}

// TestValid checks every product of the demo catalog and of a generated one.
func TestValid(t *testing.T) {
	gs, gp := Generate(5000, 7)
	tests := []struct {
		name     string
		sellers  []catalog.Seller
		products []catalog.Product
	}{
		{"demo", Sellers(), Products()},
		{"generated", gs, gp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sellerIDs := map[string]bool{}
			for _, s := range tt.sellers {
				if s.ID == "" || s.Name == "" || !strings.HasPrefix(s.StripeProfileID, "profile_test_") || s.ACPBaseURL != "" {
					t.Errorf("seller %+v", s)
				}
				if sellerIDs[s.ID] {
					t.Errorf("seller id %q repeated", s.ID)
				}
				sellerIDs[s.ID] = true
			}
			ids := map[string]bool{}
			for _, p := range tt.products {
				if ids[p.ID] {
					t.Errorf("id %q repeated", p.ID)
				}
				ids[p.ID] = true
				if !sellerIDs[p.SellerID] {
					t.Errorf("%s: seller %q not in sellers", p.ID, p.SellerID)
				}
				checkProduct(t, p)
			}
		})
	}
}

func checkProduct(t *testing.T, p catalog.Product) {
	t.Helper()
	n := p
	n.Tags = slices.Clone(p.Tags)
	if err := n.Normalize(); err != nil {
		t.Errorf("%s: Normalize: %v", p.ID, err)
		return
	}
	if !reflect.DeepEqual(n, p) {
		t.Errorf("%s: Normalize changed the product:\n got %+v\nwant %+v", p.ID, n, p)
	}
	// Brands such as "Cobble & Co." would count as sentence ends.
	sentences := strings.Count(strings.ReplaceAll(p.Description, p.Brand, "brand"), ". ") + 1
	switch {
	case len(p.Tags) < 3 || len(p.Tags) > 6:
		t.Errorf("%s: %d tags", p.ID, len(p.Tags))
	case sentences < 2 || sentences > 4:
		t.Errorf("%s: %d sentences: %s", p.ID, sentences, p.Description)
	case p.Price.Currency != "USD" || p.Price.Amount < 300 || p.Price.Amount > 100_000:
		t.Errorf("%s: price %v", p.ID, p.Price)
	case p.Rating != 0 && (p.Rating < 3 || p.Rating > 5 || p.ReviewCount < 1 || p.ReviewCount > 5000):
		t.Errorf("%s: rating %v from %d reviews", p.ID, p.Rating, p.ReviewCount)
	case p.Rating == 0 && p.ReviewCount != 0:
		t.Errorf("%s: unrated with %d reviews", p.ID, p.ReviewCount)
	case p.Brand == "" || p.Category == "" || len(p.Attributes) == 0 || p.UpdatedAt.IsZero():
		t.Errorf("%s: missing brand, category, attributes or time: %+v", p.ID, p)
	case !strings.HasPrefix(p.URL, "https://") || !strings.HasSuffix(p.URL, ".example/p/"+p.ID):
		t.Errorf("%s: url %q", p.ID, p.URL)
	case strings.Contains(p.Title+p.Description, "{"):
		t.Errorf("%s: unexpanded placeholder: %s / %s", p.ID, p.Title, p.Description)
	case p.GTIN != "" && !validGTIN(p.GTIN):
		t.Errorf("%s: bad GTIN %q", p.ID, p.GTIN)
	}
	switch p.Availability {
	case catalog.InStock:
		if p.Stock == nil || *p.Stock < 1 || *p.Stock > 200 {
			t.Errorf("%s: in stock with %v", p.ID, p.Stock)
		}
	case catalog.OutOfStock:
		if p.Stock == nil || *p.Stock != 0 {
			t.Errorf("%s: out of stock with %v", p.ID, p.Stock)
		}
	case catalog.Preorder:
	default:
		t.Errorf("%s: availability %q", p.ID, p.Availability)
	}
}

func validGTIN(s string) bool {
	if len(s) != 13 {
		return false
	}
	sum := 0
	for i, r := range s {
		d := int(r - '0')
		if d < 0 || d > 9 {
			return false
		}
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return sum%10 == 0
}

func TestDemoStockMix(t *testing.T) {
	products := Products()
	var out, low, pre, unrated, cheap, dear int
	for _, p := range products {
		switch {
		case p.Availability == catalog.OutOfStock:
			out++
		case p.Availability == catalog.Preorder:
			pre++
		case *p.Stock <= 3:
			low++
		}
		if p.Rating == 0 {
			unrated++
		}
		if p.Price.Amount < 1000 {
			cheap++
		}
		if p.Price.Amount > 20000 {
			dear++
		}
	}
	n := len(products)
	tests := []struct {
		name          string
		got, min, max int
	}{
		{"out of stock", out, n * 4 / 100, n * 12 / 100},
		{"low stock", low, n * 4 / 100, n * 12 / 100},
		{"preorder", pre, 2, n * 3 / 100},
		{"unrated", unrated, 2, n * 8 / 100},
		{"under $10", cheap, 3, n / 4},
		{"over $200", dear, 3, n / 4},
	}
	for _, tt := range tests {
		if tt.got < tt.min || tt.got > tt.max {
			t.Errorf("%s: %d of %d products, want %d to %d", tt.name, tt.got, n, tt.min, tt.max)
		}
	}
}

func TestDemoVocabulary(t *testing.T) {
	counts := docCounts(Products())
	for _, w := range []string{"shoe", "sneaker", "waterproof", "running", "coffee", "headphones", "jacket", "tent", "tea"} {
		if counts[w] < 3 {
			t.Errorf("%q is in %d demo products, want at least 3", w, counts[w])
		}
	}
}

// TestGenerateFrequencies checks the word-frequency shape the benchmark constants promise.
func TestGenerateFrequencies(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 100,000 products")
	}
	const n = 100_000
	sellers, products := Generate(n, 1)
	if len(products) != n || len(sellers) != 20 {
		t.Fatalf("Generate(%d, 1): %d products from %d sellers", n, len(products), len(sellers))
	}
	w1, w2, _ := strings.Cut(TwoWords, " ")
	counts := map[string]int{}
	for i := range products {
		words := docWords(&products[i])
		for _, w := range []string{CommonWord, RareWord, UncommonWord, w1, w2} {
			if words[w] {
				counts[w]++
			}
		}
		if words[w1] && words[w2] {
			counts[TwoWords]++
		}
	}
	tests := []struct {
		word     string
		min, max int
	}{
		{CommonWord, n * 15 / 100, n * 25 / 100},
		{RareWord, 10, 100},
		{UncommonWord, 150, 600},
		{TwoWords, 200, 5000},
	}
	for _, tt := range tests {
		got := counts[tt.word]
		t.Logf("%q: %d of %d products", tt.word, got, n)
		if got < tt.min || got > tt.max {
			t.Errorf("%q is in %d of %d products, want %d to %d", tt.word, got, n, tt.min, tt.max)
		}
	}
}

// docWords is the set of lower-cased whole words in the searchable text of p. A word
// ending in s is also entered without it, so "jackets" counts for "jacket".
func docWords(p *catalog.Product) map[string]bool {
	text := strings.Join([]string{p.Title, p.Brand, p.Description, strings.Join(p.Tags, " "), p.Category}, " ")
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		words[w] = true
		if s, ok := strings.CutSuffix(w, "s"); ok {
			words[s] = true
		}
	}
	return words
}

func docCounts(products []catalog.Product) map[string]int {
	counts := map[string]int{}
	for i := range products {
		for w := range docWords(&products[i]) {
			counts[w]++
		}
	}
	return counts
}

func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		Generate(100_000, 1)
	}
}
