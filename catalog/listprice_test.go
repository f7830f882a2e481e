package catalog_test

import (
	"context"
	"testing"

	"github.com/commerce-mcp/commerce-mcp/catalog"
	"github.com/commerce-mcp/commerce-mcp/internal/money"
)

// TestHitListPrice: a search's hits carry the list price of the products on sale (the
// attribute list_price, in the product's currency, above its price), read with the
// page; Product.ListPrice reads the same from the attributes. A list price not above
// the price, or not a price, is none.
func TestHitListPrice(t *testing.T) {
	gbp := func(a int64) money.Money { return money.Money{Amount: a, Currency: "GBP"} }
	lp := func(s string) map[string]string { return map[string]string{"list_price": s} }
	products := []catalog.Product{
		{ID: "sale", Title: "Wrap Dress", Price: gbp(11500), Attributes: lp("£138.00")},
		{ID: "sale-grouped", Title: "Maxi Dress", Price: gbp(99900), Attributes: lp("£1,299.00")},
		{ID: "code", Title: "Slip Dress", Price: gbp(5000), Attributes: lp("60.00 GBP")},
		{ID: "below", Title: "Smock Dress", Price: gbp(5000), Attributes: lp("£40.00")},
		{ID: "word", Title: "Shirt Dress", Price: gbp(5000), Attributes: lp("ask us")},
		{ID: "none", Title: "Tea Dress", Price: gbp(5000)},
	}
	want := map[string]int64{"sale": 13800, "sale-grouped": 129900, "code": 6000}
	c := stockedCatalog(t, products)
	res, err := c.Search(context.Background(), catalog.Query{Text: "dress", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(products) {
		t.Fatalf("%d hits, want %d", len(res.Hits), len(products))
	}
	for _, h := range res.Hits {
		if w := want[h.ID]; h.ListPrice.Amount != w || w > 0 && h.ListPrice.Currency != "GBP" {
			t.Errorf("%s: hit's list price %+v, want %d GBP", h.ID, h.ListPrice, w)
		}
	}
	for _, p := range products {
		got, ok := p.ListPrice()
		if w := want[p.ID]; got.Amount != w || ok != (w > 0) {
			t.Errorf("%s: Product.ListPrice() = %+v, %v; want %d", p.ID, got, ok, w)
		}
	}
}
