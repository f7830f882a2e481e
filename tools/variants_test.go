package tools

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestSearchVariants checks that search_products shows a product's variants once, by
// the variant that matches best, and that its structuredContent and its text say the
// same of the others (how many, the options they come in, their prices); and that
// group_variants false lists every variant, the total counting them.
func TestSearchVariants(t *testing.T) {
	stock := int64(4)
	guitar := func(id, colour string, cents int64) catalog.Product {
		return catalog.Product{ID: id, GroupID: "tele", SellerID: "music", Title: "Telecaster Electric Guitar - " + colour, Brand: "Fender",
			Attributes: map[string]string{"color": colour}, Description: "A bright electric guitar.", Stock: &stock,
			Price: money.Money{Amount: cents, Currency: "USD"}, Availability: catalog.InStock}
	}
	strap := catalog.Product{ID: "strap", SellerID: "music", Title: "Leather Guitar Strap", Brand: "Levy's", Stock: &stock,
		Price: money.Money{Amount: 2999, Currency: "USD"}, Availability: catalog.InStock}
	cat := testshop.Catalog(t, "", []catalog.Seller{{ID: "music", Name: "Riverside Music"}},
		[]catalog.Product{guitar("tele-sb", "Sunburst", 249900), guitar("tele-bk", "Black", 249900), guitar("tele-rd", "Candy Apple Red", 259900), strap})
	c, _ := connect(t, &Toolbox{Catalog: cat, Log: slog.New(slog.DiscardHandler)})

	for _, tc := range []struct {
		name     string
		args     map[string]any
		total    int
		ids      []string
		variants *variantsInfo // of the first product
		line     string        // the text's line under the first product
	}{
		{"grouped by default", map[string]any{"query": "guitar", "sort": "price_desc"}, 2, []string{"tele-rd", "strap"},
			&variantsInfo{Others: 2, AlsoIn: []string{"Sunburst", "Black"}, PriceRange: &priceRange{
				Min: 249900, Max: 259900, Currency: "USD", Display: "$2,499.00 to $2,599.00"}},
			"   +2 more variants, also in «Sunburst», «Black», $2,499.00 to $2,599.00"},
		{"brief lists show them too", map[string]any{"query": "telecaster", "max_price": 2500, "detail": "brief"}, 1, []string{"tele-sb"},
			&variantsInfo{Others: 1, AlsoIn: []string{"Black"}}, "   +1 more variant, also in «Black»"},
		{"every variant", map[string]any{"query": "telecaster", "group_variants": false, "sort": "price_desc"}, 3, []string{"tele-rd", "tele-sb", "tele-bk"}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r searchProductsResult
			res := call(t, c, "search_products", tc.args, &r)
			if res.IsError {
				t.Fatal(text(res))
			}
			var ids []string
			for _, p := range r.Products {
				ids = append(ids, p.ID)
			}
			if r.Total != tc.total || strings.Join(ids, " ") != strings.Join(tc.ids, " ") {
				t.Errorf("total %d, ids %q; want %d, %q", r.Total, ids, tc.total, tc.ids)
			}
			got := r.Products[0].Variants
			if (got == nil) != (tc.variants == nil) || got != nil && (got.Others != tc.variants.Others ||
				strings.Join(got.AlsoIn, "|") != strings.Join(tc.variants.AlsoIn, "|") || got.MoreOptions != tc.variants.MoreOptions ||
				(got.PriceRange == nil) != (tc.variants.PriceRange == nil) || got.PriceRange != nil && *got.PriceRange != *tc.variants.PriceRange) {
				t.Errorf("variants %+v, want %+v", got, tc.variants)
			}
			lines := strings.Split(text(res), "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, "1. ") {
					next := ""
					if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "   +") {
						next = lines[i+1]
					}
					if next != tc.line {
						t.Errorf("text under the first product %q, want %q", next, tc.line)
					}
				}
			}
			if strings.Contains(text(res), "+") != (tc.line != "") {
				t.Errorf("text says variants %v, want %v:\n%s", strings.Contains(text(res), "+"), tc.line != "", text(res))
			}
		})
	}
}
