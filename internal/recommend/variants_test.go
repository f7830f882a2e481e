package recommend_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/recommend"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestRecommendOneVariantPerFamily checks that a product sold in six colours, its
// variants the best rated of the catalog, takes one place of a list of picks, with
// and without a context.
func TestRecommendOneVariantPerFamily(t *testing.T) {
	var ps []catalog.Product
	for i, colour := range []string{"Sunburst", "Black", "Red", "White", "Blue", "Green"} {
		ps = append(ps, catalog.Product{ID: "tele-" + colour, GroupID: "tele", SellerID: "music", Brand: "Fender",
			Title: "Telecaster Electric Guitar - " + colour, Category: "Instruments > Guitars", Attributes: map[string]string{"color": colour},
			Price: usd(249900 + int64(i)), Stock: qty(5), Availability: catalog.InStock, Rating: 4.9, ReviewCount: 900})
	}
	for i, brand := range []string{"Gibson", "Ibanez", "PRS", "Epiphone"} {
		ps = append(ps, catalog.Product{ID: "guitar-" + brand, SellerID: "music", Brand: brand, Title: brand + " Electric Guitar",
			Category: "Instruments > Guitars", Price: usd(59900 + int64(i)), Stock: qty(5), Availability: catalog.InStock, Rating: 4.2, ReviewCount: 80})
	}
	c := testshop.Catalog(t, "", []catalog.Seller{{ID: "music", Name: "Riverside Music"}}, ps)
	for _, tc := range []struct {
		name string
		in   recommend.Input
	}{
		{"cold start", recommend.Input{Limit: 5}},
		{"context", recommend.Input{Limit: 5, Context: "electric guitar"}},
		{"category", recommend.Input{Limit: 5, Category: "guitars"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Now = recNow
			res, err := recommend.Rank(context.Background(), c, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, it := range res.Items {
				if it.GroupID == "tele" {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d picks of the six-colour family, want 1: %v", n, recIDs(res))
			}
		})
	}
}
