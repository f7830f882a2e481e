package catalog

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestFoldKey holds the one rule brand names (the index side) and a query's words (the
// query side) are compared by: each pair must meet, written either way round.
func TestFoldKey(t *testing.T) {
	tests := []struct {
		name, brand, query string
		meet               bool
	}{
		{"apostrophe and accent", "L'Oréal", "loreal", true},
		{"accent", "Nestlé", "nestle", true},
		{"umlaut and hyphen", "Häagen-Dazs", "haagen dazs", true},
		{"ampersand", "Bang & Olufsen", "bang olufsen", true},
		{"case and spaces", "DeLonghi", "de longhi", true},
		{"other letters", "Nestlé", "nestea", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, q := foldKey(tt.brand), foldKey(tt.query)
			if (b == q) != tt.meet {
				t.Errorf("foldKey(%q) = %q, foldKey(%q) = %q: meet %v, want %v", tt.brand, b, tt.query, q, b == q, tt.meet)
			}
			if b2, q2 := foldKey(tt.query), foldKey(tt.brand); (b2 == q2) != tt.meet {
				t.Errorf("the other way round: %q, %q", b2, q2)
			}
		})
	}
}

// TestBrandFoldsPerVersion holds the brands a view read once for its indexed version
// equal to the brands as they are, after upserts that add brands.
func TestBrandFoldsPerVersion(t *testing.T) {
	ctx := context.Background()
	c := openTest(t)
	for step, brand := range []string{"Acme", "L'Oréal Paris", "Bang & Olufsen"} {
		p := Product{ID: brand, SellerID: "s", Title: "Kettle", Brand: brand, Availability: InStock, Price: money.Money{Amount: 1000, Currency: "USD"}}
		if _, err := c.Upsert(ctx, []Seller{{ID: "s", Name: "Shop"}}, []Product{p}); err != nil {
			t.Fatal(err)
		}
		lv, err := c.learnedView(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := lv.brandFolds(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		want, err := c.readBrandFolds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.whole) != step+1 || len(got.whole) != len(want.whole) || len(got.runs) != len(want.runs) || len(got.initials) != len(want.initials) {
			t.Errorf("after %s: the view has %d brands, %d runs, %d initials; the catalog %d, %d, %d", brand,
				len(got.whole), len(got.runs), len(got.initials), len(want.whole), len(want.runs), len(want.initials))
		}
	}
}
