package demo

import (
	"maps"
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
		{"GenerateSeq", func() any {
			s, seq := GenerateSeq(2000, 42)
			var ps []catalog.Product
			for p := range seq {
				ps = append(ps, p)
			}
			return []any{s, ps}
		}},
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
		name      string
		sellers   []catalog.Seller
		products  []catalog.Product
		generated bool
	}{
		{"demo", Sellers(), Products(), false},
		{"generated", gs, gp, true},
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
				checkProduct(t, p, tt.generated)
			}
		})
	}
}

// checkProduct checks one product; a generated one may have no category, five
// sentences, two tags and a price up to $3,000.
func checkProduct(t *testing.T, p catalog.Product, generated bool) {
	t.Helper()
	maxSentences, maxCents, minTags := 4, int64(100_000), 3
	if generated {
		maxSentences, maxCents, minTags = 5, 300_000, 2
	}
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
	case len(p.Tags) < minTags || len(p.Tags) > 6:
		t.Errorf("%s: %d tags", p.ID, len(p.Tags))
	case sentences < 2 || sentences > maxSentences:
		t.Errorf("%s: %d sentences: %s", p.ID, sentences, p.Description)
	case p.Price.Currency != "USD" || p.Price.Amount < 300 || p.Price.Amount > maxCents:
		t.Errorf("%s: price %v", p.ID, p.Price)
	case p.Rating != 0 && (p.Rating < 3 || p.Rating > 5 || p.ReviewCount < 1 || p.ReviewCount > 5000):
		t.Errorf("%s: rating %v from %d reviews", p.ID, p.Rating, p.ReviewCount)
	case p.Rating == 0 && p.ReviewCount != 0:
		t.Errorf("%s: unrated with %d reviews", p.ID, p.ReviewCount)
	case p.Brand == "" || (p.Category == "" && !generated) || len(p.Attributes) == 0 || p.UpdatedAt.IsZero():
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

// TestGenerateFrequencies checks the word-frequency shape the benchmark constants
// promise, over the text a feed carries (tags are left out: a flat feed has none, and
// generated tags repeat the type and category), for three seeds.
func TestGenerateFrequencies(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 100,000 products three times")
	}
	const n = 100_000
	w1, w2, _ := strings.Cut(TwoWords, " ")
	tests := []struct {
		what     string
		min, max int
	}{
		{CommonWord, n * 17 / 100, n * 23 / 100},
		{RareWord, 12, 45},
		{UncommonWord, 220, 380},
		{TwoWords, 450, 900},
		{PrefixWord + "…", n * 11 / 100, n * 16 / 100},
		{SortWord, n * 4 / 100, n * 6 / 100},
		{BrowseCategory + " >", n * 17 / 100, n * 23 / 100},
	}
	for _, seed := range []uint64{1, 2, 3} {
		sellers, products := Generate(n, seed)
		if len(products) != n || len(sellers) != 20 {
			t.Fatalf("Generate(%d, %d): %d products from %d sellers", n, seed, len(products), len(sellers))
		}
		counts := map[string]int{}
		for i := range products {
			p := products[i]
			p.Tags = nil
			words := docWords(&p)
			for _, w := range []string{CommonWord, RareWord, UncommonWord, SortWord} {
				if words[w] {
					counts[w]++
				}
			}
			if words[w1] && words[w2] {
				counts[TwoWords]++
			}
			for w := range words {
				if strings.HasPrefix(w, PrefixWord) {
					counts[PrefixWord+"…"]++
					break
				}
			}
			if strings.HasPrefix(p.Category, BrowseCategory+" >") {
				counts[BrowseCategory+" >"]++
			}
		}
		for _, tt := range tests {
			got := counts[tt.what]
			t.Logf("seed %d: %q: %d of %d products", seed, tt.what, got, n)
			if got < tt.min || got > tt.max {
				t.Errorf("seed %d: %q is in %d of %d products, want %d to %d", seed, tt.what, got, n, tt.min, tt.max)
			}
		}
	}
}

// TestGenerateShape checks what makes a generated catalog look like a real one:
// hundreds of categories in a three-level tree, thousands of brands used with a
// skew, about 30% of products without a category, accessories beside products,
// model numbers, and keywords whose frequencies fall off as a Zipf law.
func TestGenerateShape(t *testing.T) {
	const n = 50_000
	_, products := Generate(n, 5)
	cats, leafs, brands := map[string]bool{}, map[string]bool{}, map[string]int{}
	var uncategorized, accessories, codes, titledCodes int
	keywords := map[string]int{}
	for _, p := range products {
		brands[p.Brand]++
		if p.Category == "" {
			uncategorized++
		} else {
			cats[p.Category] = true
			if strings.Count(p.Category, " > ") == 2 {
				leafs[p.Category] = true
			}
		}
		if strings.HasSuffix(p.Category, " > Accessories") {
			accessories++
		}
		if m := p.Attributes["mpn"]; m != "" {
			codes++
			if strings.Contains(p.Title, m) {
				titledCodes++
			}
		}
		if _, kw, ok := strings.Cut(p.Description, "Keywords: "); ok {
			kw, _, _ = strings.Cut(kw, ".")
			for _, k := range strings.Split(kw, ", ") {
				keywords[k]++
			}
		}
	}
	counts := make([]int, 0, len(brands))
	for _, c := range brands {
		counts = append(counts, c)
	}
	slices.Sort(counts)
	slices.Reverse(counts)
	kw := make([]int, 0, len(keywords))
	for _, c := range keywords {
		kw = append(kw, c)
	}
	slices.Sort(kw)
	slices.Reverse(kw)
	w := getWorld()
	tests := []struct {
		name          string
		got, min, max int
	}{
		{"departments in the world", len(w.depts), 20, 20},
		{"product types in the world", len(w.types), 718, 718},
		{"brands in the world", len(w.brands), 2880, 2880},
		{"category paths", len(cats), 600, 2000},
		{"three-level category paths", len(leafs), 500, 2000},
		{"brands", len(brands), 2000, 2880},
		{"products of the 100 most used brands, per mille", sum(counts[:100]) * 1000 / n, 150, 600},
		{"uncategorized, per mille", uncategorized * 1000 / n, 270, 330},
		{"filed as accessories, per mille", accessories * 1000 / n, 80, 200},
		{"with a model number, per mille", codes * 1000 / n, 500, 800},
		{"with the model number in the title, per mille", titledCodes * 1000 / n, 100, 300},
		{"distinct keywords", len(kw), 1000, 2000},
		// A Zipf law with exponent 1: the 10th word is used about a tenth as often as
		// the first, the 100th about a hundredth.
		{"uses of keyword 1 per use of keyword 10, tenths", kw[0] * 10 / kw[9], 60, 160},
		{"uses of keyword 1 per use of keyword 100", kw[0] / kw[99], 60, 160},
	}
	for _, tt := range tests {
		t.Logf("%s: %d", tt.name, tt.got)
		if tt.got < tt.min || tt.got > tt.max {
			t.Errorf("%s: %d, want %d to %d", tt.name, tt.got, tt.min, tt.max)
		}
	}
}

func sum(s []int) int {
	t := 0
	for _, x := range s {
		t += x
	}
	return t
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

// TestDemoImageHosts holds ImageHosts equal to its source: the hosts of the demo
// catalog's images, each a valid image origin, every one used.
func TestDemoImageHosts(t *testing.T) {
	used := map[string]bool{}
	for _, p := range Products() {
		o, ok := catalog.ImageOrigin(p.ImageURL)
		if !ok {
			t.Fatalf("%s: image %q has no origin a page may declare", p.ID, p.ImageURL)
		}
		used[strings.TrimPrefix(o, "https://")] = true
	}
	hosts := ImageHosts()
	slices.Sort(hosts)
	want := slices.Sorted(maps.Keys(used))
	if !slices.Equal(hosts, want) {
		t.Errorf("ImageHosts() = %q, the demo products' image hosts are %q", hosts, want)
	}
	for _, h := range hosts {
		if !strings.HasSuffix(h, ".example") {
			t.Errorf("demo image host %q is not under the reserved .example domain", h)
		}
	}
}
