package tools

import (
	"fmt"
	"log/slog"
	"reflect"
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

// TestGetProductVariants: get_product lists a product's other variants, each by its
// option and id, in structuredContent and in the text alike, so that an agent asked
// whether it comes in another colour needs no second search (a new user's kitchen
// shop: a casserole in Cerise said nothing of its other four colours); a product
// without variants lists none, and a family past maxListedVariants says there are more.
func TestGetProductVariants(t *testing.T) {
	stock, none := int64(4), int64(0)
	pot := func(id, colour string, st *int64) catalog.Product {
		return catalog.Product{ID: id, GroupID: "pot", SellerID: "home", Title: "Round Casserole 5.3 qt - " + colour, Brand: "Le Creuset",
			Attributes: map[string]string{"color": colour, "capacity": "5.3 qt"}, Stock: st,
			Price: money.Money{Amount: 27995, Currency: "USD"}, Availability: catalog.InStock}
	}
	products := []catalog.Product{pot("pot-cerise", "Cerise", &stock), pot("pot-marseille", "Marseille", &stock), pot("pot-flame", "Flame", &none),
		{ID: "lid", SellerID: "home", Title: "Glass Lid", Price: money.Money{Amount: 1500, Currency: "USD"}, Availability: catalog.InStock, Stock: &stock}}
	for i := range maxListedVariants + 2 {
		products = append(products, catalog.Product{ID: fmt.Sprintf("tee-%02d", i), GroupID: "tee", SellerID: "home", Title: "Tea Towel", Brand: "Acme",
			Attributes: map[string]string{"pattern": fmt.Sprintf("Stripe %02d", i)}, Price: money.Money{Amount: 500, Currency: "USD"}, Availability: catalog.InStock, Stock: &stock})
	}
	cat := testshop.Catalog(t, "", []catalog.Seller{{ID: "home", Name: "Hob & Larder"}}, products)
	c, _ := connect(t, &Toolbox{Catalog: cat, Log: slog.New(slog.DiscardHandler)})

	for _, tc := range []struct {
		name  string
		id    string
		want  []variantRef
		more  bool
		lines []string // in the text
	}{
		// In the feed's order (Marseille before Flame), not the ids'.
		{"colours", "pot-cerise", []variantRef{
			{ID: "pot-marseille", Option: "Marseille", Title: "Round Casserole 5.3 qt - Marseille", Price: price{27995, "USD", "$279.95"}, Availability: "in_stock", Stock: &stock, Purchasable: true},
			{ID: "pot-flame", Option: "Flame", Title: "Round Casserole 5.3 qt - Flame", Price: price{27995, "USD", "$279.95"}, Availability: "in_stock", Stock: &none},
		}, false, []string{"Other variants:", "- «Marseille»: $279.95, only 4 left, id pot-marseille", "- «Flame»: $279.95, out of stock, id pot-flame"}},
		{"no variants", "lid", nil, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d productDetail
			res := call(t, c, "get_product", map[string]any{"product_id": tc.id}, &d)
			if res.IsError {
				t.Fatal(text(res))
			}
			if !reflect.DeepEqual(d.Variants, tc.want) || d.MoreVariants != tc.more {
				t.Errorf("variants %+v (more %v), want %+v (more %v)", d.Variants, d.MoreVariants, tc.want, tc.more)
			}
			for _, l := range tc.lines {
				if !strings.Contains(text(res), "\n"+l+"\n") && !strings.HasSuffix(text(res), "\n"+l) {
					t.Errorf("text lacks the line %q:\n%s", l, text(res))
				}
			}
			if len(tc.lines) == 0 && strings.Contains(text(res), "Other variants") {
				t.Errorf("text lists variants:\n%s", text(res))
			}
		})
	}
	t.Run("more than listed", func(t *testing.T) {
		var d productDetail
		res := call(t, c, "get_product", map[string]any{"product_id": "tee-00"}, &d)
		if res.IsError || len(d.Variants) != maxListedVariants || !d.MoreVariants || d.Variants[0].Option != "Stripe 01" {
			t.Fatalf("%d variants (more %v, first %+v): %s", len(d.Variants), d.MoreVariants, d.Variants, text(res))
		}
		if !strings.Contains(text(res), "group_variants false lists them all") {
			t.Errorf("text does not say there are more:\n%s", text(res))
		}
	})
}
