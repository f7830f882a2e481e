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

// TestCoPurchaseFeatures checks the two co-purchase features on a catalog whose pairs
// are known: co weighs each pair by how recent the customer's purchase is, knn does
// not (item-kNN's own score), and coAlpha sets how much a candidate's own buyers damp
// its pairs. The customer bought tea-0 five days ago and cof-0 a year ago; four other
// customers bought each of book-new with the tea and book-old with the coffee, and
// book-pop, bought with the tea by four, has 16 buyers in all.
func TestCoPurchaseFeatures(t *testing.T) {
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
	in := recommend.Input{Limit: 5, Now: recNow, Exclude: []string{"tea-0", "cof-0"},
		History: []recommend.Purchase{bought("tea-0", "Tea Brand", tea, 5), bought("cof-0", "Coffee Brand", coffee, 365)}}
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
