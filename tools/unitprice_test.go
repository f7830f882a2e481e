package tools

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/testshop"
)

// TestUnitPriceShown: a pack whose data says its count shows its unit price in search
// results (structured unit_price and the text beside the price) at every detail and in
// get_product; a product whose data says nothing shows none, whatever its title says.
func TestUnitPriceShown(t *testing.T) {
	tb := &Toolbox{Catalog: testshop.DemoCatalog(t, ""), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	base := demoProduct(t, 1000, 40000)
	pack := base
	pack.ID, pack.GroupID, pack.Title, pack.Price.Amount, pack.Price.Currency = "zz-screws-1000", "", "Zephyrdeck Screws, 1000-Pack", 9799, "USD"
	pack.Attributes = map[string]string{catalog.AttrUnitMeasure: "1000 Count"}
	silent := pack
	silent.ID, silent.Title, silent.Attributes = "zz-screws-100", "Zephyrdeck Screws, 100-Pack", nil
	if _, err := tb.Catalog.Upsert(context.Background(), nil, []catalog.Product{pack, silent}); err != nil {
		t.Fatal(err)
	}
	c, _ := connect(t, tb)
	for _, d := range []string{"brief", "standard", "full"} {
		t.Run("search_products "+d, func(t *testing.T) {
			var out searchProductsResult
			res := call(t, c, "search_products", map[string]any{"query": "zephyrdeck screws", "detail": d}, &out)
			if res.IsError || len(out.Products) != 2 {
				t.Fatalf("got %d products: %s", len(out.Products), text(res))
			}
			for _, p := range out.Products {
				switch u := p.UnitPrice; p.ID {
				case pack.ID:
					if u == nil || u.Amount != 980 || u.Currency != "USD" || u.Quantity != 100 || u.Unit != "count" || u.Display != "$9.80 per 100" {
						t.Errorf("%s unit_price %+v, want 980 USD per 100 count", p.ID, u)
					}
				case silent.ID:
					if u != nil {
						t.Errorf("%s unit_price %+v, want none: its data says no count", p.ID, u)
					}
				}
			}
			if !strings.Contains(text(res), "$97.99 ($9.80 per 100)") {
				t.Errorf("text lacks the unit price beside the price:\n%s", text(res))
			}
		})
	}
	var d productDetail
	res := call(t, c, "get_product", map[string]any{"product_id": pack.ID}, &d)
	if res.IsError || d.UnitPrice == nil || d.UnitPrice.Display != "$9.80 per 100" || !strings.Contains(text(res), "$97.99 ($9.80 per 100)") {
		t.Errorf("get_product: unit_price %+v, text:\n%s", d.UnitPrice, text(res))
	}
}
