package recommend_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// coPurchaseWorld is the catalog and input of TestCoPurchaseFeatures.
func coPurchaseWorld(t *testing.T) (*catalog.Catalog, recommend.Input) {
	t.Helper()
	ctx := context.Background()
	const tea, coffee, books = "Home > Tea", "Home > Coffee", "Books > Fiction"
	ps := []catalog.Product{
		recProduct("tea-0", "Tea Brand", tea, 1000, 4.5, 40),
		recProduct("cof-0", "Coffee Brand", coffee, 1000, 4.5, 40),
		recProduct("book-new", "Inkwell", books, 1000, 4.5, 40),
		recProduct("book-old", "Quill", books, 1000, 4.5, 40),
		recProduct("book-pop", "Folio", books, 1000, 4.5, 40),
	}
	c := testshop.Catalog(t, "", []catalog.Seller{{ID: "shop", Name: "Shop"}}, ps)
	var sales []catalog.Sale
	at := recNow.AddDate(0, 0, -30)
	for range 4 {
		sales = append(sales, catalog.Sale{ProductID: "tea-0", Quantity: 1, At: at},
			catalog.Sale{ProductID: "book-new", Quantity: 1, AlsoBought: []string{"tea-0"}, At: at},
			catalog.Sale{ProductID: "cof-0", Quantity: 1, At: at},
			catalog.Sale{ProductID: "book-old", Quantity: 1, AlsoBought: []string{"cof-0"}, At: at})
	}
	for i := range 16 {
		s := catalog.Sale{ProductID: "book-pop", Quantity: 1, At: at}
		if i < 4 {
			s.AlsoBought = []string{"tea-0"}
		}
		sales = append(sales, s)
	}
	if err := c.RecordSales(ctx, sales); err != nil {
		t.Fatal(err)
	}
	return c, recommend.Input{Limit: 5, Now: recNow, Exclude: []string{"tea-0", "cof-0"},
		History: []recommend.Purchase{bought("tea-0", "Tea Brand", tea, 5), bought("cof-0", "Coffee Brand", coffee, 365)}}
}

// TestCoPurchaseFeatures checks the two co-purchase features on a catalog whose pairs
// are known: co weighs each pair by how recent the customer's purchase is, knn does
// not (item-kNN's own score), and coAlpha sets how much a candidate's own buyers damp
// its pairs. The customer bought tea-0 five days ago and cof-0 a year ago; four other
// customers bought each of book-new with the tea and book-old with the coffee, and
// book-pop, bought with the tea by four, has 16 buyers in all.
func TestCoPurchaseFeatures(t *testing.T) {
	ctx := context.Background()
	c, in := coPurchaseWorld(t)
	// The tea and the coffee have 4 buyers each, every pair 4 customers (all shrunk
	// alike by 4/5), so a pair's strength is 4 / (4^(1-alpha) · buyers^alpha).
	for _, tc := range []struct {
		name  string
		alpha float64
		// want is the strength of each candidate's pair before the small-count shrink
		want map[string]float64
	}{
		{"cosine", 0.5, map[string]float64{"book-new": 4 / math.Sqrt(4*4), "book-old": 4 / math.Sqrt(4*4), "book-pop": 4 / math.Sqrt(4*16)}},
		{"no damping", 0, map[string]float64{"book-new": 4.0 / 4, "book-old": 4.0 / 4, "book-pop": 4.0 / 4}},
		{"full damping", 1, map[string]float64{"book-new": 4.0 / 4, "book-old": 4.0 / 4, "book-pop": 4.0 / 16}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := recommend.Prepare(ctx, c, in, map[string]float64{"coAlpha": tc.alpha})
			if err != nil {
				t.Fatal(err)
			}
			p.Rank(map[string]float64{"coAlpha": tc.alpha})
			got := map[string]recommend.CandidateFacts{}
			for _, cf := range p.Candidates() {
				got[cf.ID] = cf
			}
			best := 0.0
			for _, v := range tc.want {
				best = max(best, v)
			}
			for id, v := range tc.want {
				cf, ok := got[id]
				if !ok {
					t.Fatalf("%s is not a candidate: %v", id, got)
				}
				if k := cf.Features["knn"]; math.Abs(k-v/best) > 1e-9 {
					t.Errorf("%s: knn %.4f, want %.4f (pair %.4f, best %.4f)", id, k, v/best, v, best)
				}
			}
			// co: book-new and book-pop go with the same purchase (the same recency), so
			// their co differ by the damping alone: (4/16)^alpha.
			if r, want := got["book-pop"].Co/got["book-new"].Co, math.Pow(4.0/16, tc.alpha); math.Abs(r-want) > 1e-9 {
				t.Errorf("co of book-pop / book-new %.4f, want %.4f", r, want)
			}
			// co: the same pairs, each weighted by the recency of the purchase it goes with.
			if n, o := got["book-new"].Co, got["book-old"].Co; !(n > 2*o) {
				t.Errorf("co of book-new %.4f, of book-old %.4f: the year-old purchase should count far less", n, o)
			}
			if fmt.Sprint(got["book-new"].Features["knn"]) != fmt.Sprint(got["book-old"].Features["knn"]) {
				t.Errorf("knn of book-new %v and book-old %v differ: knn ignores recency", got["book-new"].Features["knn"], got["book-old"].Features["knn"])
			}
		})
	}
}

// TestCoPurchaseStrength checks the other two terms of a pair's strength on the same
// catalog: the power of the purchase's buyers (coFrom; below 0 it is 1 − coAlpha) and
// the shrink n/(n+λ) (coShrink). Every pair there has n = 4 and the tea and the coffee
// 4 buyers each, so book-new's co (bought with the tea by 4 of its 4 buyers) is
// recency · 4/(4^from · 4^alpha) · 4/(4+λ), and its ratio to the co of another
// setting is known.
func TestCoPurchaseStrength(t *testing.T) {
	ctx := context.Background()
	c, in := coPurchaseWorld(t)
	co := func(w map[string]float64) float64 {
		t.Helper()
		p, err := recommend.Prepare(ctx, c, in, w)
		if err != nil {
			t.Fatal(err)
		}
		p.Rank(w)
		for _, cf := range p.Candidates() {
			if cf.ID == "book-new" {
				return cf.Co
			}
		}
		t.Fatalf("book-new is not a candidate")
		return 0
	}
	strength := func(alpha, from, shrink float64) float64 {
		return 4 / (math.Pow(4, from) * math.Pow(4, alpha)) * 4 / (4 + shrink)
	}
	ref := map[string]float64{"coAlpha": 0.5, "coFrom": 0.5, "coShrink": 0}
	base := co(ref)
	for _, tc := range []struct {
		name                string
		alpha, from, shrink float64
	}{
		{"the cosine, shrunk by 4/5", 0.5, 0.5, 1},
		{"a random walk's step from the purchase", 0.5, 1, 0},
		{"from tied to alpha", 0.2, -1, 0},
		{"shrunk by 4/14", 0.1, 0.9, 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from := tc.from
			if from < 0 {
				from = 1 - tc.alpha
			}
			want := strength(tc.alpha, from, tc.shrink) / strength(0.5, 0.5, 0)
			got := co(map[string]float64{"coAlpha": tc.alpha, "coFrom": tc.from, "coShrink": tc.shrink}) / base
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("co relative to the unshrunk cosine %.6f, want %.6f", got, want)
			}
		})
	}
}
